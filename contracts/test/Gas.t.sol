// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";
import {CommonTest} from "./utils/CommonTest.sol";
import {IJobMarket} from "../src/interfaces/IJobMarket.sol";
import {ICommitmentInbox} from "../src/interfaces/ICommitmentInbox.sol";

/// @notice One market call per test, from a state prepared in setUp, so that `.gas-snapshot` reads as the cost
///         of each call (plus a few hundred gas of test overhead). Storage written in setUp is cold again in the
///         test, as in a real transaction.
contract JobMarket_Gas_Test is CommonTest {
    IJobMarket.JobParams internal params;
    uint256 internal openJob; // open, no bid
    uint256 internal bidJob; // open, `worker` is the best bidder
    uint256 internal closableJob; // bidding over, one bid
    uint256 internal assigned; // assigned to `worker`
    uint256 internal finalizable; // submitted, challenge window over
    uint256 internal finalized; // finalized (refunds and earnings to claim)

    function setUp() public override {
        super.setUp();
        params = defaultParams();
        onboard(worker, 10 * COLLATERAL);
        onboard(worker2, 10 * COLLATERAL);
        IJobMarket.JobParams memory longBids = defaultParams();
        longBids.bidWindow = 30 days;
        vm.startPrank(poster);
        openJob = market.postJob{value: MAX_PRICE}(longBids);
        bidJob = market.postJob{value: MAX_PRICE}(longBids);
        closableJob = market.postJob{value: MAX_PRICE}(params);
        assigned = market.postJob{value: MAX_PRICE}(params);
        finalizable = market.postJob{value: MAX_PRICE}(params);
        finalized = market.postJob{value: MAX_PRICE}(params);
        vm.stopPrank();
        vm.prank(funder);
        market.fund{value: 1 ether}(finalized);
        vm.startPrank(worker);
        market.bid(bidJob, 8 ether);
        market.bid(closableJob, 8 ether);
        market.bid(assigned, 8 ether);
        market.bid(finalizable, 8 ether);
        market.bid(finalized, 8 ether);
        vm.stopPrank();
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(assigned);
        market.closeAuction(finalizable);
        market.closeAuction(finalized);
        submitAs(worker, finalizable, keccak256("final"));
        submitAs(worker, finalized, keccak256("final"));
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(finalized);
    }

    function test_postJob_gas_succeeds() public {
        vm.prank(poster);
        market.postJob{value: MAX_PRICE}(params);
    }

    function test_fund_gas_succeeds() public {
        vm.prank(funder);
        market.fund{value: 1 ether}(openJob);
    }

    function test_bid_gasFirstBid_succeeds() public {
        vm.prank(worker2);
        market.bid(openJob, 7 ether);
    }

    function test_bid_gasOutbid_succeeds() public {
        vm.prank(worker2);
        market.bid(bidJob, 7 ether);
    }

    function test_closeAuction_gas_succeeds() public {
        market.closeAuction(closableJob);
    }

    function test_submitResult_gas_succeeds() public {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, keccak256("final"));
        vm.prank(worker);
        market.submitResult(assigned, keccak256("final"), root, proof);
    }

    function test_finalize_gas_succeeds() public {
        market.finalize(finalizable);
    }

    function test_claimRefund_gas_succeeds() public {
        vm.prank(funder);
        market.claimRefund(finalized);
    }

    function test_withdraw_gas_succeeds() public {
        vm.prank(worker);
        market.withdraw();
    }
}

/// @notice Gas of the inbox. `postBatch` tests post batches of 1, 16, 128 and 256 realistic entries; the
///         amortized test measures the execution gas and adds the intrinsic and calldata costs of a real
///         transaction (EIP-7623 floor included) to get the cost per commitment.
contract CommitmentInbox_Gas_Test is CommonTest {
    /// @dev The batch is built with gas metering paused, so the figure is the call alone.
    function postBatchMetered(uint256 n) internal {
        vm.pauseGasMetering();
        bytes memory b = entries(n);
        vm.prank(sequencer);
        vm.resumeGasMetering();
        inbox.postBatch(b);
    }

    /// @dev Realistic entries: small job ids, rounds and checkpoint indices, random state roots, a few workers.
    function entries(uint256 n) internal pure returns (bytes memory out) {
        out = new bytes(68 * n);
        for (uint256 i; i < n; ++i) {
            address w = address(uint160(uint256(keccak256(abi.encode("worker", i % 8)))));
            bytes memory e =
                abi.encodePacked(uint64(1 + i % 8), uint32(1), uint32(i / 8), keccak256(abi.encode("root", i)), w);
            for (uint256 k; k < 68; ++k) {
                out[68 * i + k] = e[k];
            }
        }
    }

    function test_postBatch_gas1_succeeds() public {
        postBatchMetered(1);
    }

    function test_postBatch_gas16_succeeds() public {
        postBatchMetered(16);
    }

    function test_postBatch_gas128_succeeds() public {
        postBatchMetered(128);
    }

    function test_postBatch_gas256_succeeds() public {
        postBatchMetered(256);
    }

    function test_forceInclude_gas_succeeds() public {
        inbox.forceInclude(
            ICommitmentInbox.Commitment({jobId: 1, round: 1, checkpoint: 3, stateRoot: keccak256("x"), worker: worker})
        );
    }

    /// @dev Cost per commitment of a whole `postBatch` transaction for 256 entries (and 128), asserted to stay
    ///      within the ~3,000 gas target.
    function test_postBatch_amortizedCost_succeeds() public {
        _amortized(entries(128), 128);
        uint256 perEntry = _amortized(entries(256), 256);
        assertLe(perEntry, 3000, "amortized gas per commitment");
    }

    function _amortized(bytes memory b, uint256 n) internal returns (uint256 perEntry) {
        bytes memory data = abi.encodeCall(inbox.postBatch, (b));
        vm.prank(sequencer);
        uint256 before = gasleft();
        (bool ok,) = address(inbox).call(data);
        uint256 execution = before - gasleft();
        assertTrue(ok);
        (uint256 zeros, uint256 nonZeros) = _count(data);
        uint256 standard = 21_000 + 4 * zeros + 16 * nonZeros + execution;
        uint256 floor = 21_000 + 10 * (zeros + 4 * nonZeros);
        uint256 total = standard > floor ? standard : floor;
        perEntry = total / n;
        console.log("postBatch entries", n);
        console.log("  execution gas", execution);
        console.log("  tx gas (standard, EIP-7623 floor)", standard, floor);
        console.log("  gas per commitment", perEntry);
    }

    function _count(bytes memory data) internal pure returns (uint256 zeros, uint256 nonZeros) {
        for (uint256 i; i < data.length; ++i) {
            if (data[i] == 0) ++zeros;
            else ++nonZeros;
        }
    }
}

