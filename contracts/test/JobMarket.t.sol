// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonTest, RejectEther, Reenterer} from "./utils/CommonTest.sol";
import {JobMarket} from "../src/JobMarket.sol";
import {IJobMarket} from "../src/interfaces/IJobMarket.sol";
import {IStakeManager} from "../src/interfaces/IStakeManager.sol";
import {INodeRegistry} from "../src/interfaces/INodeRegistry.sol";
import {OneStepMerkle} from "../src/onestep/OneStepMerkle.sol";
import {TestMerkle} from "./dispute/TestMerkle.sol";

abstract contract JobMarketTest is CommonTest {
    function assertAccounted() internal view {
        assertEq(address(market).balance, market.totalAccounted(), "market balance == accounted");
        assertEq(address(stakeManager).balance, stakeManager.totalAccounted(), "stake balance == accounted");
    }

    function expectWrongStatus(uint256 jobId, IJobMarket.JobStatus s) internal {
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.WrongStatus.selector, jobId, s));
    }
}

contract JobMarket_Constructor_Test is JobMarketTest {
    function test_constructor_wiring_succeeds() public view {
        assertEq(market.stakeManager(), address(stakeManager));
        assertEq(market.nodeRegistry(), address(registry));
        assertEq(market.arbiter(), arbiter);
        assertEq(market.jobCount(), 0);
        assertEq(market.minExecutionWindow(), MIN_EXECUTION_WINDOW);
        assertEq(market.minStepMicros(), MIN_STEP_MICROS);
        assertEq(market.MAX_AUCTIONS(), 6);
    }

    function test_constructor_zeroAddress_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "address"));
        new JobMarket(stakeManager, registry, address(0), 1, 1);
    }

    function test_constructor_badExecutionRule_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "minExecutionWindow"));
        new JobMarket(stakeManager, registry, arbiter, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "minExecutionWindow"));
        new JobMarket(stakeManager, registry, arbiter, uint64(3651 days), 1);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "minStepMicros"));
        new JobMarket(stakeManager, registry, arbiter, 1, 1e12 + 1);
    }
}

contract JobMarket_PostJob_Test is JobMarketTest {
    function test_postJob_storesJob_succeeds() public {
        IJobMarket.JobParams memory p = defaultParams();
        vm.expectEmit(address(market));
        emit IJobMarket.JobPosted(1, poster, p, 3 ether, block.timestamp + BID_WINDOW);
        vm.prank(poster);
        uint256 jobId = market.postJob{value: 3 ether}(p);
        assertEq(jobId, 1);
        assertEq(market.jobCount(), 1);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.poster, poster);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Open));
        assertEq(j.escrow, 3 ether);
        assertEq(j.biddingEndsAt, block.timestamp + BID_WINDOW);
        assertEq(j.params.specHash, p.specHash);
        assertEq(j.params.graphRoot, p.graphRoot);
        assertEq(j.params.dataRoot, p.dataRoot);
        assertEq(j.params.steps, p.steps);
        assertEq(j.params.requiredCollateral, COLLATERAL);
        assertEq(market.contributionOf(jobId, poster), 3 ether);
        assertAccounted();
    }

    function test_postJob_unfunded_succeeds() public {
        uint256 jobId = postDefaultJob(0);
        assertEq(market.getJob(jobId).escrow, 0);
        assertEq(market.contributionOf(jobId, poster), 0);
    }

    function test_postJob_invalidParams_reverts() public {
        string[11] memory fields = [
            "specHash",
            "initialStateRoot",
            "graphRoot",
            "steps",
            "checkpointInterval",
            "maxPrice",
            "requiredCollateral",
            "bidWindow",
            "executionWindow",
            "challengeWindow",
            "dataRoot"
        ];
        for (uint256 i; i < fields.length; ++i) {
            IJobMarket.JobParams memory p = defaultParams();
            if (i == 0) p.specHash = 0;
            if (i == 1) p.initialStateRoot = 0;
            if (i == 2) p.graphRoot = 0;
            if (i == 3) p.steps = 0;
            if (i == 4) p.checkpointInterval = 7; // 1000 % 7 != 0
            if (i == 5) p.maxPrice = 0;
            if (i == 6) p.requiredCollateral = 0;
            if (i == 7) p.bidWindow = 0;
            if (i == 8) p.executionWindow = uint64(market.MAX_WINDOW() + 1);
            if (i == 9) p.challengeWindow = 0;
            if (i == 10) p.dataRoot = 0;
            vm.prank(poster);
            vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, fields[i]));
            market.postJob(p);
        }
    }

    /// @dev The rule: executionWindow >= minExecutionWindow + ceil(steps * minStepMicros / 1e6).
    function test_postJob_executionWindowRule_succeeds() public {
        IJobMarket.JobParams memory p = defaultParams();
        // 1000 steps at 1 ms: 600 s + 1 s.
        assertEq(market.minExecutionTime(1000), 601);
        assertEq(market.minExecutionTime(1001), 602); // rounded up
        assertEq(market.minExecutionTime(0), 600);
        p.executionWindow = 600;
        vm.prank(poster);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "executionWindow"));
        market.postJob(p);
        p.executionWindow = 601;
        vm.prank(poster);
        market.postJob(p);
    }

    /// @dev A client cannot set a window no worker can meet (the issue's 1 s window, and 2^30 steps in 40 s), so it
    ///      cannot get an honest worker timed out.
    function test_postJob_impossibleWindow_reverts() public {
        IJobMarket.JobParams memory p = defaultParams();
        p.executionWindow = 1;
        vm.prank(poster);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "executionWindow"));
        market.postJob(p);
        p.steps = 1 << 30;
        p.checkpointInterval = 1 << 20;
        p.executionWindow = 40;
        vm.prank(poster);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "executionWindow"));
        market.postJob(p);
        p.executionWindow = uint64(market.minExecutionTime(p.steps));
        assertEq(p.executionWindow, 600 + 1_073_742); // 2^30 ms, rounded up
        vm.prank(poster);
        market.postJob(p);
    }

    function test_postJob_zeroInterval_reverts() public {
        IJobMarket.JobParams memory p = defaultParams();
        p.checkpointInterval = 0;
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.InvalidParams.selector, "checkpointInterval"));
        market.postJob(p);
    }

    function test_postJob_tooMuchValue_reverts() public {
        vm.deal(poster, uint256(type(uint128).max) + 1);
        vm.prank(poster);
        vm.expectRevert(IJobMarket.AmountTooLarge.selector);
        market.postJob{value: uint256(type(uint128).max) + 1}(defaultParams());
    }
}

contract JobMarket_Fund_Test is JobMarketTest {
    uint256 internal jobId;

    function setUp() public override {
        super.setUp();
        jobId = postDefaultJob(2 ether);
    }

    function test_fund_tracksFunders_succeeds() public {
        vm.expectEmit(address(market));
        emit IJobMarket.JobFunded(jobId, funder, 1 ether, 3 ether);
        vm.prank(funder);
        market.fund{value: 1 ether}(jobId);
        vm.prank(funder);
        market.fund{value: 1 ether}(jobId);
        vm.prank(poster);
        market.fund{value: 1 ether}(jobId);
        assertEq(market.getJob(jobId).escrow, 5 ether);
        assertEq(market.contributionOf(jobId, funder), 2 ether);
        assertEq(market.contributionOf(jobId, poster), 3 ether);
        assertAccounted();
    }

    function test_fund_zero_reverts() public {
        vm.expectRevert(IJobMarket.ZeroAmount.selector);
        market.fund(jobId);
    }

    function test_fund_unknownJob_reverts() public {
        vm.prank(funder);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.UnknownJob.selector, 99));
        market.fund{value: 1}(99);
    }

    function test_fund_assigned_reverts() public {
        uint256 id = assignedJob(1 ether);
        vm.prank(funder);
        expectWrongStatus(id, IJobMarket.JobStatus.Assigned);
        market.fund{value: 1}(id);
    }

    function test_fund_overflow_reverts() public {
        vm.deal(funder, type(uint256).max);
        vm.prank(funder);
        vm.expectRevert(IJobMarket.AmountTooLarge.selector);
        market.fund{value: type(uint128).max}(jobId);
    }
}

contract JobMarket_Bid_Test is JobMarketTest {
    uint256 internal jobId;

    function setUp() public override {
        super.setUp();
        onboard(worker, COLLATERAL);
        onboard(worker2, COLLATERAL);
        jobId = postDefaultJob(MAX_PRICE);
    }

    function test_bid_first_locksCollateral_succeeds() public {
        vm.expectEmit(address(market));
        emit IJobMarket.BidPlaced(jobId, worker, 4 ether);
        vm.prank(worker);
        market.bid(jobId, 4 ether);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.worker, worker);
        assertEq(j.price, 4 ether);
        assertEq(stakeManager.lockedFor(worker, jobId), COLLATERAL);
        assertEq(stakeManager.freeStake(worker), 0);
    }

    function test_bid_lower_replacesAndUnlocks_succeeds() public {
        vm.prank(worker);
        market.bid(jobId, 4 ether);
        vm.prank(worker2);
        market.bid(jobId, 3 ether);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.worker, worker2);
        assertEq(j.price, 3 ether);
        assertEq(stakeManager.lockedFor(worker, jobId), 0);
        assertEq(stakeManager.lockedFor(worker2, jobId), COLLATERAL);
    }

    function test_bid_sameBidderLowers_succeeds() public {
        vm.startPrank(worker);
        market.bid(jobId, 4 ether);
        market.bid(jobId, 2 ether);
        vm.stopPrank();
        assertEq(market.getJob(jobId).price, 2 ether);
        assertEq(stakeManager.lockedFor(worker, jobId), COLLATERAL);
    }

    function test_bid_tie_reverts() public {
        vm.prank(worker);
        market.bid(jobId, 4 ether);
        vm.prank(worker2);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.BidNotLower.selector, 4 ether, 4 ether));
        market.bid(jobId, 4 ether);
    }

    function test_bid_aboveMaxPrice_reverts() public {
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.PriceTooHigh.selector, MAX_PRICE + 1, MAX_PRICE));
        market.bid(jobId, MAX_PRICE + 1);
    }

    function test_bid_aboveEscrow_reverts() public {
        uint256 id = postDefaultJob(1 ether);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.PriceTooHigh.selector, 2 ether, 1 ether));
        market.bid(id, 2 ether);
    }

    function test_bid_notRegistered_reverts() public {
        vm.prank(stranger);
        stakeManager.deposit{value: COLLATERAL}();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.NotRegistered.selector, stranger));
        market.bid(jobId, 1 ether);
    }

    function test_bid_notEnoughStake_reverts() public {
        vm.prank(stranger);
        registry.register("peer", "");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, 0, COLLATERAL));
        market.bid(jobId, 1 ether);
    }

    /// @dev After an auction that ended without a bid, a bid starts the next auction (mechanism 11: such jobs used
    ///      to stay open for good).
    function test_bid_afterEmptyAuction_restarts_succeeds() public {
        vm.warp(block.timestamp + BID_WINDOW);
        vm.expectEmit(address(market));
        emit IJobMarket.AuctionRestarted(jobId, 2, block.timestamp + BID_WINDOW);
        vm.prank(worker);
        market.bid(jobId, 1 ether);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.auctions, 2);
        assertEq(j.biddingEndsAt, block.timestamp + BID_WINDOW);
        assertEq(j.worker, worker);
        // A better bid within the new window still wins.
        vm.prank(worker2);
        market.bid(jobId, 0.5 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        assertEq(market.getJob(jobId).worker, worker2);
    }

    function test_bid_afterWindowWithBid_reverts() public {
        vm.prank(worker);
        market.bid(jobId, 2 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        vm.prank(worker2);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.BiddingClosed.selector, block.timestamp));
        market.bid(jobId, 1 ether);
    }

    function test_bid_afterLastAuction_reverts() public {
        for (uint256 i = 1; i < market.MAX_AUCTIONS(); ++i) {
            vm.warp(market.getJob(jobId).biddingEndsAt);
            market.closeAuction(jobId);
        }
        assertEq(market.getJob(jobId).auctions, market.MAX_AUCTIONS());
        uint256 endsAt = market.getJob(jobId).biddingEndsAt;
        vm.warp(endsAt);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.BiddingClosed.selector, endsAt));
        market.bid(jobId, 1 ether);
    }

    /// @dev Mechanism 8: a worker slashed on a job may not bid on it again.
    function test_bid_barred_reverts() public {
        vm.prank(worker);
        market.bid(jobId, 1 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        vm.prank(arbiter);
        market.openDispute(jobId);
        vm.prank(arbiter);
        market.resolveDispute(jobId, 1, true, challenger);
        assertTrue(market.isBarred(jobId, worker));
        assertFalse(market.isBarred(jobId, worker2));
        vm.prank(worker);
        stakeManager.deposit{value: COLLATERAL}();
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.Barred.selector, jobId, worker));
        market.bid(jobId, 0.1 ether);
        // Only on that job.
        uint256 other = postDefaultJob(MAX_PRICE);
        vm.prank(worker);
        market.bid(other, 1 ether);
    }

    function test_bid_unknownJob_reverts() public {
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.UnknownJob.selector, 7));
        market.bid(7, 1 ether);
    }

    function test_bid_notOpen_reverts() public {
        vm.prank(worker);
        market.bid(jobId, 1 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        vm.prank(worker2);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Assigned);
        market.bid(jobId, 1);
    }

    function testFuzz_bid_lowestEarliestWins_succeeds(uint256[6] memory prices) public {
        address[6] memory bidders;
        for (uint256 i; i < 6; ++i) {
            bidders[i] = makeAddr(string.concat("bidder", vm.toString(i)));
            onboard(bidders[i], COLLATERAL);
        }
        uint256 best = type(uint256).max;
        address winner;
        for (uint256 i; i < 6; ++i) {
            prices[i] = bound(prices[i], 0, MAX_PRICE);
            vm.prank(bidders[i]);
            if (prices[i] < best) {
                market.bid(jobId, prices[i]);
                best = prices[i];
                winner = bidders[i];
            } else {
                vm.expectRevert(abi.encodeWithSelector(IJobMarket.BidNotLower.selector, prices[i], best));
                market.bid(jobId, prices[i]);
            }
        }
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.worker, winner);
        assertEq(j.price, best);
        for (uint256 i; i < 6; ++i) {
            assertEq(stakeManager.lockedFor(bidders[i], jobId), bidders[i] == winner ? COLLATERAL : 0);
        }
    }
}

contract JobMarket_CloseAuction_Test is JobMarketTest {
    function test_closeAuction_assigns_succeeds() public {
        onboard(worker, COLLATERAL);
        uint256 jobId = postDefaultJob(MAX_PRICE);
        vm.prank(worker);
        market.bid(jobId, 4 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        vm.expectEmit(address(market));
        emit IJobMarket.JobAssigned(jobId, worker, 4 ether, 1, block.timestamp + EXECUTION_WINDOW);
        vm.prank(stranger);
        market.closeAuction(jobId);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Assigned));
        assertEq(j.round, 1);
        assertEq(j.resultDeadline, block.timestamp + EXECUTION_WINDOW);
        assertEq(market.workerOf(jobId), worker);
    }

    /// @dev Mechanism 11: a job without a bid goes back to bidding, MAX_AUCTIONS auctions in all, then is cancelled
    ///      by rule with full refunds: no escrow stays locked without a manual action.
    function test_closeAuction_noBids_restartsThenCancels_succeeds() public {
        uint256 jobId = postDefaultJob(MAX_PRICE);
        uint8 max = market.MAX_AUCTIONS();
        for (uint8 a = 2; a <= max; ++a) {
            vm.warp(market.getJob(jobId).biddingEndsAt);
            vm.expectEmit(address(market));
            emit IJobMarket.AuctionRestarted(jobId, a, block.timestamp + BID_WINDOW);
            vm.prank(stranger);
            market.closeAuction(jobId);
            assertEq(uint8(status(jobId)), uint8(IJobMarket.JobStatus.Open));
            assertEq(market.getJob(jobId).auctions, a);
        }
        vm.warp(market.getJob(jobId).biddingEndsAt);
        vm.expectEmit(address(market));
        emit IJobMarket.JobCancelled(jobId, MAX_PRICE);
        market.closeAuction(jobId);
        assertEq(uint8(status(jobId)), uint8(IJobMarket.JobStatus.Cancelled));
        assertEq(market.refundOf(jobId, poster), MAX_PRICE);
    }

    /// @dev A bid in a restarted auction assigns the job as usual.
    function test_closeAuction_bidInRestartedAuction_assigns_succeeds() public {
        onboard(worker, COLLATERAL);
        uint256 jobId = postDefaultJob(MAX_PRICE);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        vm.prank(worker);
        market.bid(jobId, 1 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        assertEq(market.workerOf(jobId), worker);
    }

    function test_closeAuction_early_reverts() public {
        uint256 jobId = postDefaultJob(MAX_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.BiddingOpen.selector, block.timestamp + BID_WINDOW));
        market.closeAuction(jobId);
    }

    function test_closeAuction_notOpen_reverts() public {
        uint256 jobId = assignedJob(1 ether);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Assigned);
        market.closeAuction(jobId);
    }
}

contract JobMarket_SubmitResult_Test is JobMarketTest {
    uint256 internal jobId;
    bytes32 internal constant FINAL = bytes32("m");

    function setUp() public override {
        super.setUp();
        jobId = assignedJob(4 ether);
    }

    function test_submitResult_stores_succeeds() public {
        (bytes32 root, bytes32 lr, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.expectEmit(address(market));
        emit IJobMarket.ResultSubmitted(jobId, worker, FINAL, root, lr, block.timestamp + CHALLENGE_WINDOW);
        vm.prank(worker);
        market.submitResult(jobId, FINAL, root, proof);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Submitted));
        assertEq(j.finalModelRoot, FINAL);
        assertEq(j.checkpointsRoot, root);
        assertEq(j.checkpointsList, lr);
        assertEq(j.challengeEndsAt, block.timestamp + CHALLENGE_WINDOW);
        assertEq(market.workerOf(jobId), worker);
        (address w, uint32 round) = market.assignmentOf(jobId);
        assertEq(w, worker);
        assertEq(round, 1);
    }

    function test_submitResult_atDeadline_succeeds() public {
        vm.warp(block.timestamp + EXECUTION_WINDOW);
        submitAs(worker, jobId, FINAL);
    }

    function test_submitResult_notWorker_reverts() public {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.prank(stranger);
        vm.expectRevert(IJobMarket.NotWorker.selector);
        market.submitResult(jobId, FINAL, root, proof);
    }

    function test_submitResult_late_reverts() public {
        uint256 deadline = block.timestamp + EXECUTION_WINDOW;
        vm.warp(deadline + 1);
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.DeadlinePassed.selector, deadline));
        market.submitResult(jobId, FINAL, root, proof);
    }

    function test_submitResult_zeroRoot_reverts() public {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.prank(worker);
        vm.expectRevert(IJobMarket.ZeroRoot.selector);
        market.submitResult(jobId, bytes32(0), root, proof);
        vm.prank(worker);
        vm.expectRevert(IJobMarket.ZeroRoot.selector);
        market.submitResult(jobId, FINAL, bytes32(0), proof);
    }

    function test_submitResult_twice_reverts() public {
        submitAs(worker, jobId, FINAL);
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.prank(worker);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Submitted);
        market.submitResult(jobId, FINAL, root, proof);
    }

    /// @dev The final model must be the last checkpoint of the submitted list (FinalRootMismatch is decided here).
    function test_submitResult_finalNotLastCheckpoint_reverts() public {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, FINAL);
        vm.prank(worker);
        vm.expectRevert(IJobMarket.BadCheckpointsRoot.selector);
        market.submitResult(jobId, bytes32("not the last"), root, proof);
    }

    /// @dev A root over another checkpoint count (the count is bound into the root) is refused.
    function test_submitResult_wrongCount_reverts() public {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(17, FINAL);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.ProofDepth.selector, proof.length, CHECKPOINTS));
        market.submitResult(jobId, FINAL, root, proof);
        (root,, proof) = checkpointsFor(9, FINAL); // same depth, other count
        vm.prank(worker);
        vm.expectRevert(IJobMarket.BadCheckpointsRoot.selector);
        market.submitResult(jobId, FINAL, root, proof);
    }

    /// @dev Mechanism 1/2: a checkpoints root with junk in its padding cannot be submitted (the last item's proof
    ///      carries the padding), so every accepted result root is canonical and can be opened item by item.
    function test_submitResult_junkPadding_reverts() public {
        // 10 checkpoints: depth 4, the last item (index 9 = 0b1001) has padding siblings at heights 1 and 2.
        bytes32[] memory items = new bytes32[](CHECKPOINTS);
        for (uint256 i; i < CHECKPOINTS; ++i) {
            items[i] = keccak256(abi.encode(i));
        }
        items[CHECKPOINTS - 1] = FINAL;
        (, bytes32[] memory proof) = TestMerkle.list(items, CHECKPOINTS - 1);
        assertEq(proof[1], TestMerkle.nodeHash(bytes32(0), bytes32(0)));
        proof[1] = keccak256("junk");
        // The cheater's root is consistent with its junk: recompute it from the proof without the padding check.
        bytes32 h = TestMerkle.leafHash(FINAL);
        h = TestMerkle.nodeHash(proof[0], h);
        h = TestMerkle.nodeHash(h, proof[1]);
        h = TestMerkle.nodeHash(h, proof[2]);
        h = TestMerkle.nodeHash(proof[3], h);
        bytes32 root = keccak256(abi.encodePacked(uint8(0x08), uint32(CHECKPOINTS), h));
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.PaddingSibling.selector, 1));
        market.submitResult(jobId, FINAL, root, proof);
    }
}

contract JobMarket_Finalize_Test is JobMarketTest {
    uint256 internal jobId;

    function setUp() public override {
        super.setUp();
        jobId = submittedJob(4 ether);
    }

    function test_finalize_paysWorker_succeeds() public {
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        vm.expectEmit(address(market));
        emit IJobMarket.JobFinalized(jobId, worker, 4 ether, MAX_PRICE - 4 ether);
        vm.prank(stranger);
        market.finalize(jobId);
        assertEq(uint8(status(jobId)), uint8(IJobMarket.JobStatus.Finalized));
        assertEq(market.balanceOf(worker), 4 ether);
        assertEq(stakeManager.lockedFor(worker, jobId), 0);
        assertEq(stakeManager.freeStake(worker), COLLATERAL);
        assertEq(registry.getNode(worker).jobsDone, 1);
        assertEq(market.refundOf(jobId, poster), MAX_PRICE - 4 ether);
        assertEq(market.workerOf(jobId), address(0));
        assertAccounted();
    }

    function test_finalize_early_reverts() public {
        vm.warp(block.timestamp + CHALLENGE_WINDOW - 1);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.ChallengeWindowOpen.selector, block.timestamp + 1));
        market.finalize(jobId);
    }

    function test_finalize_twice_reverts() public {
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Finalized);
        market.finalize(jobId);
        assertEq(market.balanceOf(worker), 4 ether);
    }

    function test_finalize_disputeOpen_reverts() public {
        vm.prank(arbiter);
        market.openDispute(jobId);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.DisputeOpen.selector, jobId, 1));
        market.finalize(jobId);
    }

    function test_finalize_notSubmitted_reverts() public {
        uint256 id = postDefaultJob(1 ether);
        expectWrongStatus(id, IJobMarket.JobStatus.Open);
        market.finalize(id);
    }
}

contract JobMarket_Cancel_Test is JobMarketTest {
    uint256 internal jobId;

    function setUp() public override {
        super.setUp();
        jobId = postDefaultJob(3 ether);
        vm.prank(funder);
        market.fund{value: 2 ether}(jobId);
    }

    function test_cancel_refundsAll_succeeds() public {
        onboard(worker, COLLATERAL);
        vm.prank(worker);
        market.bid(jobId, 1 ether);
        vm.expectEmit(address(market));
        emit IJobMarket.JobCancelled(jobId, 5 ether);
        vm.prank(poster);
        market.cancel(jobId);
        assertEq(uint8(status(jobId)), uint8(IJobMarket.JobStatus.Cancelled));
        assertEq(stakeManager.lockedFor(worker, jobId), 0);
        assertEq(market.getJob(jobId).worker, address(0));
        assertEq(market.refundOf(jobId, poster), 3 ether);
        assertEq(market.refundOf(jobId, funder), 2 ether);
    }

    function test_cancel_notPoster_reverts() public {
        vm.prank(funder);
        vm.expectRevert(IJobMarket.NotPoster.selector);
        market.cancel(jobId);
    }

    function test_cancel_assigned_reverts() public {
        uint256 id = assignedJob(1 ether);
        vm.prank(poster);
        expectWrongStatus(id, IJobMarket.JobStatus.Assigned);
        market.cancel(id);
    }
}

contract JobMarket_Timeout_Test is JobMarketTest {
    uint256 internal jobId;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        jobId = assignedJob(4 ether);
        deadline = block.timestamp + EXECUTION_WINDOW;
    }

    function test_timeout_slashesAndReopens_succeeds() public {
        vm.warp(deadline + 1);
        vm.expectEmit(address(market));
        emit IJobMarket.JobTimedOut(jobId, worker, COLLATERAL);
        vm.expectEmit(address(market));
        emit IJobMarket.JobReopened(jobId, block.timestamp + BID_WINDOW);
        vm.prank(stranger);
        market.timeout(jobId);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Open));
        assertEq(j.worker, address(0));
        assertEq(j.price, 0);
        assertEq(j.escrow, MAX_PRICE);
        assertEq(j.biddingEndsAt, block.timestamp + BID_WINDOW);
        assertEq(stakeManager.stakeOf(worker).staked, 0);
        // Mechanism 6: nobody gains from a timeout, the poster included: the collateral is burned whole.
        assertEq(stakeManager.rewardOf(poster), 0);
        assertEq(stakeManager.totalBurned(), COLLATERAL);
        assertTrue(market.isBarred(jobId, worker));
        assertAccounted();
    }

    function test_timeout_reassign_succeeds() public {
        vm.warp(deadline + 1);
        market.timeout(jobId);
        onboard(worker2, COLLATERAL);
        vm.prank(worker2);
        market.bid(jobId, 5 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(j.worker, worker2);
        assertEq(j.round, 2);
    }

    function test_timeout_beforeDeadline_reverts() public {
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.DeadlineNotPassed.selector, deadline));
        market.timeout(jobId);
    }

    /// @dev Mechanism 5: open disputes do not freeze a job past its deadline (they end as moot).
    function test_timeout_disputeOpen_succeeds() public {
        vm.prank(arbiter);
        market.openDispute(jobId);
        vm.prank(arbiter);
        market.openDispute(jobId);
        vm.warp(deadline + 1);
        market.timeout(jobId);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Open));
        assertEq(j.openDisputes, 0);
        // The games' hooks are stale now.
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.StaleDispute.selector, jobId, 1));
        market.resolveDispute(jobId, 1, true, challenger);
        assertEq(stakeManager.totalBurned(), COLLATERAL);
    }

    function test_timeout_barsWorker_succeeds() public {
        vm.warp(deadline + 1);
        market.timeout(jobId);
        vm.prank(worker);
        stakeManager.deposit{value: COLLATERAL}();
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.Barred.selector, jobId, worker));
        market.bid(jobId, 1 ether);
    }

    function test_timeout_submitted_reverts() public {
        submitAs(worker, jobId, bytes32("m"));
        vm.warp(deadline + 1);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Submitted);
        market.timeout(jobId);
    }
}

contract JobMarket_ClaimRefund_Test is JobMarketTest {
    function test_claimRefund_proRataWithDust_succeeds() public {
        // Escrow 10 ether from three funders (3, 3, 4), price 1 wei less than 7 ether: the refund pool
        // (3 ether + 1) does not divide evenly.
        uint256 jobId = postDefaultJob(3 ether);
        address f2 = makeAddr("f2");
        vm.deal(f2, 10 ether);
        vm.prank(funder);
        market.fund{value: 3 ether}(jobId);
        vm.prank(f2);
        market.fund{value: 4 ether}(jobId);
        onboard(worker, COLLATERAL);
        vm.prank(worker);
        market.bid(jobId, 7 ether - 1);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        submitAs(worker, jobId, bytes32("m"));
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);

        uint256 pool = 3 ether + 1;
        uint256 expectPoster = 3 ether * pool / (10 ether);
        uint256 expectFunder = 3 ether * pool / (10 ether);
        vm.expectEmit(address(market));
        emit IJobMarket.RefundClaimed(jobId, poster, expectPoster);
        vm.prank(poster);
        assertEq(market.claimRefund(jobId), expectPoster);
        vm.prank(funder);
        assertEq(market.claimRefund(jobId), expectFunder);
        // The last claimant takes the remainder.
        assertEq(market.refundOf(jobId, f2), pool - expectPoster - expectFunder);
        vm.prank(f2);
        market.claimRefund(jobId);
        (uint256 p, uint256 paid, uint256 claimed) = market.refundState(jobId);
        assertEq(p, pool);
        assertEq(paid, pool);
        assertEq(claimed, 10 ether);
        assertEq(market.contributionOf(jobId, f2), 0);
        assertAccounted();
    }

    function test_claimRefund_cancelled_fullRefund_succeeds() public {
        uint256 jobId = postDefaultJob(3 ether);
        vm.prank(poster);
        market.cancel(jobId);
        uint256 before = poster.balance;
        vm.prank(poster);
        market.claimRefund(jobId);
        assertEq(poster.balance, before + 3 ether);
        assertAccounted();
    }

    function test_claimRefund_zeroPool_succeeds() public {
        uint256 jobId = submittedJob(MAX_PRICE);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        vm.prank(poster);
        assertEq(market.claimRefund(jobId), 0);
        assertEq(market.contributionOf(jobId, poster), 0);
    }

    function test_claimRefund_twice_reverts() public {
        uint256 jobId = postDefaultJob(3 ether);
        vm.prank(poster);
        market.cancel(jobId);
        vm.prank(poster);
        market.claimRefund(jobId);
        vm.prank(poster);
        vm.expectRevert(IJobMarket.NothingToClaim.selector);
        market.claimRefund(jobId);
    }

    function test_claimRefund_open_reverts() public {
        uint256 jobId = postDefaultJob(3 ether);
        vm.prank(poster);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Open);
        market.claimRefund(jobId);
    }

    function test_claimRefund_reentrancy_reverts() public {
        // Two funders; the attacker tries to claim again (and to withdraw) from its receive hook.
        uint256 jobId = postDefaultJob(1 ether);
        Reenterer r = new Reenterer();
        r.setReentry(address(market), abi.encodeCall(IJobMarket.claimRefund, (jobId)));
        r.call{value: 1 ether}(abi.encodeCall(IJobMarket.fund, (jobId)));
        vm.prank(poster);
        market.cancel(jobId);
        r.call(abi.encodeCall(IJobMarket.claimRefund, (jobId)));
        assertTrue(r.reentered());
        assertFalse(r.reentrySucceeded());
        assertEq(address(r).balance, 1 ether);
        assertEq(market.refundOf(jobId, poster), 1 ether);
        assertAccounted();
    }

    function test_claimRefund_rejectingFunder_reverts() public {
        uint256 jobId = postDefaultJob(0);
        RejectEther r = new RejectEther();
        r.call{value: 1 ether}(address(market), abi.encodeCall(IJobMarket.fund, (jobId)));
        vm.prank(poster);
        market.cancel(jobId);
        vm.expectRevert(IJobMarket.TransferFailed.selector);
        r.call(address(market), abi.encodeCall(IJobMarket.claimRefund, (jobId)));
    }

    function testFuzz_claimRefund_conservesPool_succeeds(uint96[4] memory amounts, uint256 price, uint256 order)
        public
    {
        uint256 jobId = postDefaultJob(0);
        address[4] memory funders;
        uint256 escrow;
        for (uint256 i; i < 4; ++i) {
            funders[i] = makeAddr(string.concat("funder", vm.toString(i)));
            amounts[i] = uint96(bound(amounts[i], 1, 100 ether));
            vm.deal(funders[i], amounts[i]);
            vm.prank(funders[i]);
            market.fund{value: amounts[i]}(jobId);
            escrow += amounts[i];
        }
        price = bound(price, 0, escrow < MAX_PRICE ? escrow : MAX_PRICE);
        order = bound(order, 0, 3);
        onboard(worker, COLLATERAL);
        vm.prank(worker);
        market.bid(jobId, price);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        submitAs(worker, jobId, bytes32("m"));
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        uint256 total;
        for (uint256 k; k < 4; ++k) {
            address f = funders[(k + order) % 4];
            uint256 share = market.refundOf(jobId, f);
            vm.prank(f);
            assertEq(market.claimRefund(jobId), share);
            // Never more than the exact pro-rata share plus the dust.
            assertLe(share, uint256(amounts[(k + order) % 4]) * (escrow - price) / escrow + 4);
            total += share;
        }
        assertEq(total, escrow - price);
        assertEq(address(market).balance, price);
        assertAccounted();
    }
}

contract JobMarket_Withdraw_Test is JobMarketTest {
    function test_withdraw_paysEarnings_succeeds() public {
        uint256 jobId = submittedJob(4 ether);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        uint256 before = worker.balance;
        vm.expectEmit(address(market));
        emit IJobMarket.Withdrawn(worker, 4 ether);
        vm.prank(worker);
        assertEq(market.withdraw(), 4 ether);
        assertEq(worker.balance, before + 4 ether);
        assertEq(market.balanceOf(worker), 0);
        assertAccounted();
    }

    function test_withdraw_reentrancy_reverts() public {
        // A contract worker earns a price, then tries to withdraw again from its receive hook.
        Reenterer r = new Reenterer();
        r.setReentry(address(market), abi.encodeCall(IJobMarket.withdraw, ()));
        r.exec(address(registry), abi.encodeCall(registry.register, ("peer", "")));
        r.exec{value: COLLATERAL}(address(stakeManager), abi.encodeCall(IStakeManager.deposit, ()));
        uint256 id = postDefaultJob(MAX_PRICE);
        r.exec(address(market), abi.encodeCall(IJobMarket.bid, (id, 1 ether)));
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(id);
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, bytes32("m"));
        r.exec(address(market), abi.encodeCall(IJobMarket.submitResult, (id, bytes32("m"), root, proof)));
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(id);
        assertEq(market.balanceOf(address(r)), 1 ether);
        r.call(abi.encodeCall(IJobMarket.withdraw, ()));
        assertTrue(r.reentered());
        assertFalse(r.reentrySucceeded());
        assertEq(address(r).balance, 1 ether);
        assertEq(market.balanceOf(address(r)), 0);
        assertAccounted();
    }

    function test_views_beforeClose_succeeds() public {
        uint256 jobId = postDefaultJob(1 ether);
        assertEq(market.refundOf(jobId, poster), 0);
        assertEq(market.workerOf(jobId), address(0));
        (uint256 pool, uint256 paid, uint256 claimed) = market.refundState(jobId);
        assertEq(pool + paid + claimed, 0);
        assertEq(uint8(market.getJob(99).status), uint8(IJobMarket.JobStatus.None));
    }

    function test_withdraw_nothing_reverts() public {
        vm.prank(worker);
        vm.expectRevert(IJobMarket.NothingToClaim.selector);
        market.withdraw();
    }
}

contract JobMarket_OpenDispute_Test is JobMarketTest {
    function test_openDispute_assigned_succeeds() public {
        uint256 jobId = assignedJob(4 ether);
        vm.expectEmit(address(market));
        emit IJobMarket.DisputeOpened(jobId, 1, 1);
        vm.prank(arbiter);
        assertEq(market.openDispute(jobId), 1);
        vm.prank(arbiter);
        market.openDispute(jobId);
        assertEq(market.getJob(jobId).openDisputes, 2);
    }

    function test_openDispute_submittedInWindow_succeeds() public {
        uint256 jobId = submittedJob(4 ether);
        vm.warp(block.timestamp + CHALLENGE_WINDOW - 1);
        vm.prank(arbiter);
        market.openDispute(jobId);
        assertEq(market.getJob(jobId).openDisputes, 1);
    }

    function test_openDispute_afterWindow_reverts() public {
        uint256 jobId = submittedJob(4 ether);
        uint256 endsAt = block.timestamp + CHALLENGE_WINDOW;
        vm.warp(endsAt);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.ChallengeWindowClosed.selector, endsAt));
        market.openDispute(jobId);
    }

    function test_openDispute_notArbiter_reverts() public {
        uint256 jobId = assignedJob(4 ether);
        vm.prank(stranger);
        vm.expectRevert(IJobMarket.NotArbiter.selector);
        market.openDispute(jobId);
    }

    function test_openDispute_open_reverts() public {
        uint256 jobId = postDefaultJob(1 ether);
        vm.prank(arbiter);
        expectWrongStatus(jobId, IJobMarket.JobStatus.Open);
        market.openDispute(jobId);
    }
}

contract JobMarket_ResolveDispute_Test is JobMarketTest {
    uint256 internal jobId;

    function setUp() public override {
        super.setUp();
        jobId = submittedJob(4 ether);
        vm.prank(arbiter);
        market.openDispute(jobId);
    }

    function test_resolveDispute_workerLost_slashesAndReopens_succeeds() public {
        vm.prank(arbiter);
        market.openDispute(jobId);
        vm.expectEmit(address(market));
        emit IJobMarket.DisputeResolved(jobId, 1, worker, true, challenger, COLLATERAL);
        vm.prank(arbiter);
        assertEq(market.resolveDispute(jobId, 1, true, challenger), COLLATERAL / 2);
        IJobMarket.Job memory j = market.getJob(jobId);
        assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Open));
        assertEq(j.openDisputes, 0);
        assertEq(j.finalModelRoot, bytes32(0));
        assertEq(j.checkpointsList, bytes32(0));
        // The reward share goes to the arbiter, which splits it among the round's games.
        assertEq(stakeManager.rewardOf(arbiter), COLLATERAL / 2);
        assertEq(stakeManager.rewardOf(challenger), 0);
        assertTrue(market.isBarred(jobId, worker));
        assertEq(stakeManager.stakeOf(worker).staked, 0);
        assertEq(registry.getNode(worker).disputesLost, 1);
        // The second dispute of the same round is stale now.
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.StaleDispute.selector, jobId, 1));
        market.resolveDispute(jobId, 1, false, challenger);
        assertAccounted();
    }

    function test_resolveDispute_workerWon_unfreezes_succeeds() public {
        vm.expectEmit(address(market));
        emit IJobMarket.DisputeResolved(jobId, 1, worker, false, challenger, 0);
        vm.prank(arbiter);
        assertEq(market.resolveDispute(jobId, 1, false, challenger), 0);
        assertFalse(market.isBarred(jobId, worker));
        assertEq(market.getJob(jobId).openDisputes, 0);
        assertEq(registry.getNode(worker).disputesWon, 1);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        market.finalize(jobId);
        assertEq(market.balanceOf(worker), 4 ether);
    }

    function test_resolveDispute_staleRound_reverts() public {
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.StaleDispute.selector, jobId, 2));
        market.resolveDispute(jobId, 2, true, challenger);
    }

    function test_resolveDispute_noneOpen_reverts() public {
        vm.prank(arbiter);
        market.resolveDispute(jobId, 1, false, challenger);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IJobMarket.StaleDispute.selector, jobId, 1));
        market.resolveDispute(jobId, 1, false, challenger);
    }

    function test_resolveDispute_notArbiter_reverts() public {
        vm.prank(challenger);
        vm.expectRevert(IJobMarket.NotArbiter.selector);
        market.resolveDispute(jobId, 1, true, challenger);
    }
}
