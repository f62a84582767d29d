// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonTest} from "./utils/CommonTest.sol";
import {IJobMarket} from "../src/interfaces/IJobMarket.sol";
import {ICommitmentInbox} from "../src/interfaces/ICommitmentInbox.sol";

/// @notice Whole jobs through every contract, as the node software drives them.
contract Lifecycle_Test is CommonTest {
    address internal signer;
    uint256 internal signerKey;

    function setUp() public override {
        super.setUp();
        (signer, signerKey) = makeAddrAndKey("lifecycle worker");
        onboard(signer, 2 * COLLATERAL);
        onboard(worker2, COLLATERAL);
    }

    function commitmentFor(uint256 jobId, uint32 k) internal view returns (ICommitmentInbox.Commitment memory) {
        return ICommitmentInbox.Commitment({
            jobId: uint64(jobId),
            round: market.getJob(jobId).round,
            checkpoint: k,
            stateRoot: keccak256(abi.encode("state", k)),
            worker: signer
        });
    }

    function signed(ICommitmentInbox.Commitment memory c) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKey, inbox.commitmentDigest(c));
        return abi.encodePacked(r, s, v);
    }

    function test_lifecycle_happyPath_succeeds() public {
        // Post and crowdfund.
        uint256 jobId = postDefaultJob(6 ether);
        vm.prank(funder);
        market.fund{value: 4 ether}(jobId);
        // Auction: worker2 bids first, the signer undercuts it.
        vm.prank(worker2);
        market.bid(jobId, 9 ether);
        vm.prank(signer);
        market.bid(jobId, 7 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        assertEq(market.workerOf(jobId), signer);
        assertEq(stakeManager.freeStake(worker2), COLLATERAL);

        // Checkpoint commitments go through the sequencer's batch; each one verifies.
        bytes memory entries;
        for (uint32 k = 1; k <= 3; ++k) {
            entries = bytes.concat(entries, inbox.encodeEntry(commitmentFor(jobId, k)));
        }
        vm.prank(sequencer);
        uint256 batch = inbox.postBatch(entries);
        bytes32[] memory proof = new bytes32[](2);
        proof[0] = inbox.leafOf(commitmentFor(jobId, 1));
        proof[1] = inbox.leafOf(commitmentFor(jobId, 3)); // promoted unchanged from the leaf level
        ICommitmentInbox.Commitment memory c2 = commitmentFor(jobId, 2);
        assertEq(inbox.verifyCommitment(c2, signed(c2), batch, 1, proof), inbox.leafOf(c2));

        // Result, a dispute the worker wins, finalization.
        submitAs(signer, jobId, keccak256("final"));
        vm.prank(arbiter);
        uint32 round = market.openDispute(jobId);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.DisputeOpen.selector, jobId, 1));
        market.finalize(jobId);
        vm.prank(arbiter);
        market.resolveDispute(jobId, round, false, challenger);
        market.finalize(jobId);

        // Payments: the worker its price, the funders 3 ether pro rata (6:4).
        vm.prank(signer);
        assertEq(market.withdraw(), 7 ether);
        vm.prank(poster);
        assertEq(market.claimRefund(jobId), 1.8 ether);
        vm.prank(funder);
        assertEq(market.claimRefund(jobId), 1.2 ether);
        assertEq(address(market).balance, 0);
        assertEq(stakeManager.freeStake(signer), 2 * COLLATERAL);
        assertEq(registry.getNode(signer).jobsDone, 1);
        assertEq(registry.getNode(signer).disputesWon, 1);
    }

    function test_lifecycle_cheaterSlashedAndReassigned_succeeds() public {
        uint256 jobId = postDefaultJob(MAX_PRICE);
        vm.prank(signer);
        market.bid(jobId, 5 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);

        // A checkpoint the worker signed is force-included and disputed; the worker loses.
        ICommitmentInbox.Commitment memory c = commitmentFor(jobId, 1);
        inbox.forceInclude(c);
        inbox.verifyCommitment(c, signed(c), inbox.FORCED(), 0, new bytes32[](0));
        vm.prank(arbiter);
        uint32 round = market.openDispute(jobId);
        vm.prank(arbiter);
        market.resolveDispute(jobId, round, true, challenger);
        assertEq(stakeManager.stakeOf(signer).staked, COLLATERAL);
        // The reward share goes to the arbiter (the dispute game splits it among the round's live games).
        assertEq(stakeManager.rewardOf(arbiter), COLLATERAL / 2);
        assertEq(stakeManager.totalBurned(), COLLATERAL / 2);
        assertEq(registry.getNode(signer).disputesLost, 1);

        // Reopened: another worker takes it and is paid; the old worker's commitments no longer verify.
        assertEq(uint8(status(jobId)), uint8(IJobMarket.JobStatus.Open));
        vm.prank(worker2);
        market.bid(jobId, 6 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        assertEq(market.getJob(jobId).round, 2);
        bytes memory sig = signed(c);
        uint256 forced = inbox.FORCED();
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.NotAssignedWorker.selector, signer, worker2));
        inbox.verifyCommitment(c, sig, forced, 0, new bytes32[](0));
        submitAs(worker2, jobId, keccak256("final"));
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        assertEq(market.balanceOf(worker2), 6 ether);
        vm.prank(arbiter);
        assertEq(stakeManager.claimReward(), COLLATERAL / 2);
        assertEq(address(stakeManager).balance, stakeManager.totalAccounted());
        assertEq(address(market).balance, market.totalAccounted());
    }
}
