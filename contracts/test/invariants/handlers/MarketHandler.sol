// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {StakeManager} from "../../../src/StakeManager.sol";
import {JobMarket} from "../../../src/JobMarket.sol";
import {NodeRegistry} from "../../../src/NodeRegistry.sol";
import {IJobMarket} from "../../../src/interfaces/IJobMarket.sol";
import {IStakeManager} from "../../../src/interfaces/IStakeManager.sol";
import {TestMerkle} from "../../dispute/TestMerkle.sol";

/// @notice Drives StakeManager and JobMarket through random but mostly valid sequences of calls by a fixed set
///         of actors (workers, clients, challengers) and the arbiter, and records ghost variables for the
///         invariants (see PROPERTIES.md). Every action bounds its inputs to a valid call where it can, so that
///         few calls are wasted on reverts.
contract MarketHandler is CommonBase, StdCheats, StdUtils {
    uint256 public constant MAX_JOBS = 12;

    StakeManager public immutable stakeManager;
    JobMarket public immutable market;
    NodeRegistry public immutable registry;
    address public immutable arbiter;

    address[] internal _workers;
    address[] internal _clients;
    address[] internal _challengers;
    address[] internal _actors;

    // Ghost variables.
    mapping(uint256 jobId => uint256) public ghost_finalizeCount;
    uint256 public ghost_finalizedPriceSum;
    uint256 public ghost_earningsWithdrawn;
    uint256 public ghost_slashed;
    uint256 public ghost_rewardsClaimed;
    uint256 public ghost_unauthorizedSlashes;
    uint256 public ghost_unauthorizedHooks;
    mapping(bytes32 action => uint256) public calls;

    constructor(StakeManager stakeManager_, JobMarket market_, NodeRegistry registry_, address arbiter_) {
        stakeManager = stakeManager_;
        market = market_;
        registry = registry_;
        arbiter = arbiter_;
        for (uint256 i; i < 4; ++i) {
            address w = makeAddr(string.concat("worker", vm.toString(i)));
            _workers.push(w);
            _actors.push(w);
            vm.prank(w);
            registry.register(abi.encodePacked("peer", i), "cpu");
        }
        for (uint256 i; i < 3; ++i) {
            address c = makeAddr(string.concat("client", vm.toString(i)));
            _clients.push(c);
            _actors.push(c);
        }
        for (uint256 i; i < 2; ++i) {
            address c = makeAddr(string.concat("challenger", vm.toString(i)));
            _challengers.push(c);
            _actors.push(c);
        }
        for (uint256 i; i < _actors.length; ++i) {
            vm.deal(_actors[i], 1_000_000 ether);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Views for the invariants
    // -----------------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    // -----------------------------------------------------------------------------------------------------
    // StakeManager actions
    // -----------------------------------------------------------------------------------------------------

    function deposit(uint256 actorSeed, uint256 amount) external {
        address w = _pick(_workers, actorSeed);
        amount = bound(amount, 1, 50 ether);
        vm.prank(w);
        stakeManager.deposit{value: amount}();
        ++calls["deposit"];
    }

    function requestUnbond(uint256 actorSeed, uint256 amount) external {
        address w = _pick(_workers, actorSeed);
        uint256 free = stakeManager.freeStake(w);
        if (free == 0) return;
        amount = bound(amount, 1, free);
        vm.prank(w);
        stakeManager.requestUnbond(amount);
        ++calls["requestUnbond"];
    }

    function withdrawStake(uint256 actorSeed) external {
        address w = _pick(_workers, actorSeed);
        IStakeManager.StakeInfo memory s = stakeManager.stakeOf(w);
        if (s.unbonding == 0) return;
        if (block.timestamp < s.unbondReadyAt) vm.warp(s.unbondReadyAt);
        vm.prank(w);
        stakeManager.withdraw();
        ++calls["withdrawStake"];
    }

    function claimReward(uint256 actorSeed) external {
        address a;
        uint256 reward;
        for (uint256 k; k < _actors.length && reward == 0; ++k) {
            a = _pickNext(_actors, actorSeed, k);
            reward = stakeManager.rewardOf(a);
        }
        // a lost dispute's reward share goes to the arbiter (the dispute game splits it)
        if (reward == 0) (a, reward) = (arbiter, stakeManager.rewardOf(arbiter));
        if (reward == 0) return;
        vm.prank(a);
        stakeManager.claimReward();
        ghost_rewardsClaimed += reward;
        ++calls["claimReward"];
    }

    /// @dev The arbiter slashes part of an assigned worker's collateral directly.
    function arbiterSlash(uint256 jobSeed, uint256 amount, uint256 challengerSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) =
            _find(jobSeed, _bit(IJobMarket.JobStatus.Assigned) | _bit(IJobMarket.JobStatus.Submitted), false);
        if (j.status != IJobMarket.JobStatus.Assigned && j.status != IJobMarket.JobStatus.Submitted) return;
        uint256 lock = stakeManager.lockedFor(j.worker, jobId);
        if (lock == 0) return;
        amount = bound(amount, 1, lock);
        vm.prank(arbiter);
        stakeManager.slash(j.worker, jobId, amount, _pick(_challengers, challengerSeed));
        ghost_slashed += amount;
        ++calls["arbiterSlash"];
    }

    /// @dev Anyone but the arbiter and the market tries to slash, or to call the dispute hooks.
    function unauthorizedSlash(uint256 callerSeed, uint256 jobSeed, uint256 workerSeed, uint256 amount) external {
        address caller = _pick(_actors, callerSeed);
        address w = _pick(_workers, workerSeed);
        uint256 jobId = market.jobCount() == 0 ? 1 : bound(jobSeed, 1, market.jobCount());
        amount = bound(amount, 1, 100 ether);
        vm.prank(caller);
        try stakeManager.slash(w, jobId, amount, caller) {
            ++ghost_unauthorizedSlashes;
        } catch {}
        vm.prank(caller);
        try market.openDispute(jobId) {
            ++ghost_unauthorizedHooks;
        } catch {}
        uint32 round = market.getJob(jobId).round;
        vm.prank(caller);
        try market.resolveDispute(jobId, round, true, caller) {
            ++ghost_unauthorizedHooks;
        } catch {}
        ++calls["unauthorizedSlash"];
    }

    // -----------------------------------------------------------------------------------------------------
    // JobMarket actions
    // -----------------------------------------------------------------------------------------------------

    function postJob(uint256 clientSeed, uint256 escrow, uint256 maxPrice, uint256 collateral) external {
        if (market.jobCount() >= MAX_JOBS) return;
        _post(clientSeed, escrow, maxPrice, collateral);
    }

    function _post(uint256 clientSeed, uint256 escrow, uint256 maxPrice, uint256 collateral) internal {
        address c = _pick(_clients, clientSeed);
        IJobMarket.JobParams memory p = IJobMarket.JobParams({
            specHash: keccak256(abi.encode("spec", market.jobCount())),
            datasetHash: keccak256("dataset"),
            datasetUri: bytes32("uri"),
            initialStateRoot: keccak256("state 0"),
            graphRoot: keccak256("graph"),
            dataRoot: keccak256("data"),
            steps: 100,
            checkpointInterval: 10,
            maxPrice: uint128(bound(maxPrice, 1, 20 ether)),
            requiredCollateral: uint128(bound(collateral, 1, 20 ether)),
            bidWindow: 1 days,
            executionWindow: 2 days,
            challengeWindow: 1 days
        });
        escrow = bound(escrow, 0, 30 ether);
        vm.prank(c);
        market.postJob{value: escrow}(p);
        ++calls["postJob"];
    }

    function fund(uint256 jobSeed, uint256 actorSeed, uint256 amount) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Open), false);
        if (j.status != IJobMarket.JobStatus.Open) return;
        amount = bound(amount, 1, 10 ether);
        vm.prank(_pick(_actors, actorSeed));
        market.fund{value: amount}(jobId);
        ++calls["fund"];
    }

    function bid(uint256 jobSeed, uint256 workerSeed, uint256 price) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Open), true);
        if (j.status != IJobMarket.JobStatus.Open) {
            // Nothing to bid on: post a job first, so that the lifecycle moves on.
            if (market.jobCount() >= MAX_JOBS) return;
            _post(jobSeed, price, price >> 8, price >> 16);
            jobId = market.jobCount();
            j = market.getJob(jobId);
        }
        uint256 upper = j.params.maxPrice < j.escrow ? j.params.maxPrice : j.escrow;
        if (j.worker != address(0)) {
            if (j.price == 0) return;
            upper = j.price - 1;
        }
        price = bound(price, 0, upper);
        address w = _pick(_workers, workerSeed);
        for (uint256 k = 1; k < _workers.length && market.isBarred(jobId, w); ++k) {
            w = _pickNext(_workers, workerSeed, k);
        }
        if (market.isBarred(jobId, w)) {
            vm.prank(w);
            vm.expectRevert(abi.encodeWithSelector(IJobMarket.Barred.selector, jobId, w));
            market.bid(jobId, price);
            ++calls["bid (barred)"];
            return;
        }
        if (w != j.worker) {
            uint256 free = stakeManager.freeStake(w);
            if (free < j.params.requiredCollateral) {
                vm.prank(w);
                stakeManager.deposit{value: j.params.requiredCollateral - free}();
            }
        }
        vm.prank(w);
        market.bid(jobId, price);
        ++calls["bid"];
    }

    function closeAuction(uint256 jobSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Open), false);
        if (j.status != IJobMarket.JobStatus.Open) return;
        if (block.timestamp < j.biddingEndsAt) vm.warp(j.biddingEndsAt);
        market.closeAuction(jobId);
        ++calls["closeAuction"];
    }

    function submitResult(uint256 jobSeed, bytes32 modelRoot) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Assigned), false);
        if (j.status != IJobMarket.JobStatus.Assigned || block.timestamp > j.resultDeadline) return;
        if (modelRoot == bytes32(0)) modelRoot = bytes32(uint256(1));
        // the K = steps / interval checkpoint roots (made up, the last being the model) and the last one's proof
        uint256 count = j.params.steps / j.params.checkpointInterval;
        bytes32[] memory cps = new bytes32[](count);
        for (uint256 i; i + 1 < count; ++i) {
            cps[i] = keccak256(abi.encode(modelRoot, i));
        }
        cps[count - 1] = modelRoot;
        (bytes32 lr, bytes32[] memory proof) = TestMerkle.list(cps, count - 1);
        // forge-lint: disable-next-line(unsafe-typecast)
        bytes32 root = TestMerkle.checkpointsRoot(uint32(count), lr);
        vm.prank(j.worker);
        market.submitResult(jobId, modelRoot, root, proof);
        ++calls["submitResult"];
    }

    /// @dev Also tries already finalized jobs: a second payment would show in `ghost_finalizeCount`.
    function finalize(uint256 jobSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) =
            _find(jobSeed, _bit(IJobMarket.JobStatus.Submitted) | _bit(IJobMarket.JobStatus.Finalized), false);
        if (j.status == IJobMarket.JobStatus.Submitted) {
            if (j.openDisputes != 0) return;
            if (block.timestamp < j.challengeEndsAt) vm.warp(j.challengeEndsAt);
        } else if (j.status != IJobMarket.JobStatus.Finalized) {
            return;
        }
        try market.finalize(jobId) {
            ++ghost_finalizeCount[jobId];
            ghost_finalizedPriceSum += j.price;
            ++calls["finalize"];
        } catch {
            ++calls["finalize (reverted)"];
        }
    }

    function cancel(uint256 jobSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Open), false);
        if (j.status != IJobMarket.JobStatus.Open) return;
        vm.prank(j.poster);
        market.cancel(jobId);
        ++calls["cancel"];
    }

    function timeout(uint256 jobSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) = _find(jobSeed, _bit(IJobMarket.JobStatus.Assigned), false);
        // open disputes do not hold a timeout back
        if (j.status != IJobMarket.JobStatus.Assigned) return;
        if (block.timestamp <= j.resultDeadline) vm.warp(uint256(j.resultDeadline) + 1);
        uint256 lock = stakeManager.lockedFor(j.worker, jobId);
        market.timeout(jobId);
        ghost_slashed += lock;
        ++calls["timeout"];
    }

    function claimRefund(uint256 jobSeed, uint256 actorSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) =
            _find(jobSeed, _bit(IJobMarket.JobStatus.Finalized) | _bit(IJobMarket.JobStatus.Cancelled), false);
        if (j.status != IJobMarket.JobStatus.Finalized && j.status != IJobMarket.JobStatus.Cancelled) return;
        address a;
        for (uint256 k; k < _actors.length; ++k) {
            a = _pickNext(_actors, actorSeed, k);
            if (market.contributionOf(jobId, a) != 0) break;
        }
        if (market.contributionOf(jobId, a) == 0) return;
        vm.prank(a);
        market.claimRefund(jobId);
        ++calls["claimRefund"];
    }

    function withdrawEarnings(uint256 workerSeed) external {
        address w;
        uint256 amount;
        for (uint256 k; k < _workers.length && amount == 0; ++k) {
            w = _pickNext(_workers, workerSeed, k);
            amount = market.balanceOf(w);
        }
        if (amount == 0) return;
        vm.prank(w);
        market.withdraw();
        ghost_earningsWithdrawn += amount;
        ++calls["withdrawEarnings"];
    }

    function openDispute(uint256 jobSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) =
            _find(jobSeed, _bit(IJobMarket.JobStatus.Assigned) | _bit(IJobMarket.JobStatus.Submitted), false);
        bool ok = j.status == IJobMarket.JobStatus.Assigned
            || (j.status == IJobMarket.JobStatus.Submitted && block.timestamp < j.challengeEndsAt);
        if (!ok) return;
        vm.prank(arbiter);
        market.openDispute(jobId);
        ++calls["openDispute"];
    }

    function resolveDispute(uint256 jobSeed, bool workerLost, uint256 challengerSeed) external {
        (uint256 jobId, IJobMarket.Job memory j) =
            _find(jobSeed, _bit(IJobMarket.JobStatus.Assigned) | _bit(IJobMarket.JobStatus.Submitted), false);
        if (j.status != IJobMarket.JobStatus.Assigned && j.status != IJobMarket.JobStatus.Submitted) return;
        if (j.openDisputes == 0) {
            if (j.status == IJobMarket.JobStatus.Submitted && block.timestamp >= j.challengeEndsAt) return;
            vm.prank(arbiter);
            market.openDispute(jobId);
        }
        uint256 lock = stakeManager.lockedFor(j.worker, jobId);
        vm.prank(arbiter);
        market.resolveDispute(jobId, j.round, workerLost, _pick(_challengers, challengerSeed));
        if (workerLost) ghost_slashed += lock;
        ++calls[workerLost ? bytes32("resolveDispute (lost)") : bytes32("resolveDispute (won)")];
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 8 hours));
        ++calls["warp"];
    }

    // -----------------------------------------------------------------------------------------------------
    // Helpers
    // -----------------------------------------------------------------------------------------------------

    function _pick(address[] storage list, uint256 seed) internal view returns (address) {
        return list[seed % list.length];
    }

    /// @dev The `k`-th address of `list` after the one `seed` picks (wrapping around).
    function _pickNext(address[] storage list, uint256 seed, uint256 k) internal view returns (address) {
        return list[(seed % list.length + k) % list.length];
    }

    /// @dev The first job, scanning cyclically from `seed`, whose status is in `mask` (bit i = status i) and,
    ///      if `biddable`, whose auction still runs. Returns job 0 (status None) if there is none.
    function _find(uint256 seed, uint256 mask, bool biddable)
        internal
        view
        returns (uint256 jobId, IJobMarket.Job memory j)
    {
        uint256 n = market.jobCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = (seed % n + k) % n + 1;
            IJobMarket.Job memory c = market.getJob(id);
            if (mask & (1 << uint8(c.status)) == 0) continue;
            if (biddable && block.timestamp >= c.biddingEndsAt) continue;
            return (id, c);
        }
    }

    function _bit(IJobMarket.JobStatus s) internal pure returns (uint256) {
        return 1 << uint8(s);
    }
}
