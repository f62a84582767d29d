// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {JobMarket} from "../../src/JobMarket.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {MarketHandler} from "./handlers/MarketHandler.sol";

/// @notice Invariants of StakeManager and JobMarket under random sequences of calls. Each invariant is listed in
///         words in PROPERTIES.md.
contract Market_Invariants_Test is Test {
    StakeManager internal stakeManager;
    JobMarket internal market;
    NodeRegistry internal registry;
    MarketHandler internal handler;
    address internal arbiter = makeAddr("arbiter");

    function setUp() public {
        vm.warp(1_700_000_000);
        Deploy.Deployment memory d = new Deploy()
            .deploy(
                Deploy.Config({
                arbiter: arbiter,
                sequencer: makeAddr("sequencer"),
                unbondingDelay: 1 days,
                slashRewardBps: 5000,
                disputeBond: 0.1 ether,
                disputeClock: 1 hours,
                disputeAnswerTime: 5 minutes,
                minExecutionWindow: 10 minutes,
                minStepMicros: 1000
            })
            );
        stakeManager = d.stakeManager;
        market = d.jobMarket;
        registry = d.nodeRegistry;
        handler = new MarketHandler(stakeManager, market, registry, arbiter);
        targetContract(address(handler));
    }

    /// @dev P1: the StakeManager holds exactly the stake, unbonding stake, unclaimed rewards and burned ETH it
    ///      accounts for.
    function invariant_stakeManagerBalanceEqualsAccounted() public view {
        address[] memory actors = handler.actors();
        uint256 sum = stakeManager.totalBurned() + stakeManager.rewardOf(arbiter);
        for (uint256 i; i < actors.length; ++i) {
            IStakeManager.StakeInfo memory s = stakeManager.stakeOf(actors[i]);
            sum += uint256(s.staked) + s.unbonding + stakeManager.rewardOf(actors[i]);
        }
        assertEq(address(stakeManager).balance, sum, "stake manager balance != sum of accounts");
        assertEq(stakeManager.totalAccounted(), sum, "totalAccounted != sum of accounts");
    }

    /// @dev P2: the JobMarket holds exactly the escrows of live jobs, the unclaimed refunds of closed jobs and the
    ///      unwithdrawn earnings.
    function invariant_marketBalanceEqualsEscrowsAndEarnings() public view {
        uint256 sum;
        uint256 n = market.jobCount();
        for (uint256 id = 1; id <= n; ++id) {
            IJobMarket.Job memory j = market.getJob(id);
            if (j.status == IJobMarket.JobStatus.Finalized || j.status == IJobMarket.JobStatus.Cancelled) {
                (uint256 pool, uint256 paid,) = market.refundState(id);
                sum += pool - paid;
            } else {
                sum += j.escrow;
            }
        }
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            sum += market.balanceOf(actors[i]);
        }
        assertEq(address(market).balance, sum, "market balance != escrows + refunds + earnings");
        assertEq(market.totalAccounted(), sum, "totalAccounted != escrows + refunds + earnings");
    }

    /// @dev P3: no job is paid twice, and the workers were credited exactly the prices of the finalized jobs.
    function invariant_noJobPaidTwice() public view {
        uint256 n = market.jobCount();
        uint256 prices;
        for (uint256 id = 1; id <= n; ++id) {
            uint256 count = handler.ghost_finalizeCount(id);
            assertLe(count, 1, "job finalized twice");
            IJobMarket.Job memory j = market.getJob(id);
            assertEq(count == 1, j.status == IJobMarket.JobStatus.Finalized, "finalize count vs status");
            if (count == 1) prices += j.price;
        }
        assertEq(prices, handler.ghost_finalizedPriceSum(), "prices of finalized jobs");
        address[] memory actors = handler.actors();
        uint256 owed;
        for (uint256 i; i < actors.length; ++i) {
            owed += market.balanceOf(actors[i]);
        }
        assertEq(owed + handler.ghost_earningsWithdrawn(), prices, "earnings credited != prices of finalized jobs");
    }

    /// @dev P4: a staker's locked collateral never exceeds its stake, and equals the sum of its per-job locks.
    function invariant_lockedCollateralWithinStake() public view {
        address[] memory actors = handler.actors();
        uint256 n = market.jobCount();
        for (uint256 i; i < actors.length; ++i) {
            IStakeManager.StakeInfo memory s = stakeManager.stakeOf(actors[i]);
            assertLe(s.locked, s.staked, "locked > staked");
            uint256 locks;
            for (uint256 id = 1; id <= n; ++id) {
                locks += stakeManager.lockedFor(actors[i], id);
            }
            assertEq(locks, s.locked, "locked != sum of job locks");
        }
    }

    /// @dev P5: only the arbiter (and the market, on timeouts and dispute outcomes) slash: no other caller ever
    ///      slashed or used a dispute hook, and everything burned or rewarded comes from authorized slashes.
    function invariant_onlyArbiterSlashes() public view {
        assertEq(handler.ghost_unauthorizedSlashes(), 0, "unauthorized slash succeeded");
        assertEq(handler.ghost_unauthorizedHooks(), 0, "unauthorized dispute hook succeeded");
        address[] memory actors = handler.actors();
        uint256 rewards = handler.ghost_rewardsClaimed() + stakeManager.rewardOf(arbiter);
        for (uint256 i; i < actors.length; ++i) {
            rewards += stakeManager.rewardOf(actors[i]);
        }
        assertEq(stakeManager.totalBurned() + rewards, handler.ghost_slashed(), "burned + rewards != slashed");
    }

    /// @dev P6: collateral locks follow the job: a best bid or an assignment is backed by a lock (at most the
    ///      required collateral, exactly it while bidding), and closed jobs hold no lock.
    function invariant_locksFollowJobs() public view {
        uint256 n = market.jobCount();
        address[] memory actors = handler.actors();
        for (uint256 id = 1; id <= n; ++id) {
            IJobMarket.Job memory j = market.getJob(id);
            for (uint256 i; i < actors.length; ++i) {
                uint256 lock = stakeManager.lockedFor(actors[i], id);
                if (actors[i] != j.worker || j.status >= IJobMarket.JobStatus.Finalized) {
                    assertEq(lock, 0, "lock without a bid or assignment");
                } else if (j.status == IJobMarket.JobStatus.Open) {
                    assertEq(lock, j.params.requiredCollateral, "best bid not backed");
                } else {
                    assertLe(lock, j.params.requiredCollateral, "lock above collateral");
                }
            }
        }
    }

    /// @dev P7: escrow and refunds: a live job's escrow is the sum of its contributions; a closed job's refunds
    ///      never exceed its pool and add up to it exactly once every contribution is claimed.
    function invariant_escrowAndRefunds() public view {
        uint256 n = market.jobCount();
        address[] memory actors = handler.actors();
        for (uint256 id = 1; id <= n; ++id) {
            IJobMarket.Job memory j = market.getJob(id);
            uint256 unclaimed;
            for (uint256 i; i < actors.length; ++i) {
                unclaimed += market.contributionOf(id, actors[i]);
            }
            if (j.status == IJobMarket.JobStatus.Finalized || j.status == IJobMarket.JobStatus.Cancelled) {
                (uint256 pool, uint256 paid, uint256 claimed) = market.refundState(id);
                assertLe(paid, pool, "refunds above pool");
                assertEq(claimed + unclaimed, j.escrow, "contributions lost");
                if (claimed == j.escrow) assertEq(paid, pool, "dust left after the last claim");
                assertEq(pool, j.status == IJobMarket.JobStatus.Finalized ? j.escrow - j.price : j.escrow, "pool");
            } else {
                assertEq(unclaimed, j.escrow, "escrow != contributions");
                assertLe(j.price, j.escrow, "price above escrow");
            }
        }
    }

    /// @dev Prints how often each action ran (with -vv), to check that the campaign reaches every state.
    function afterInvariant() external view {
        bytes32[19] memory names = [
            bytes32("deposit"),
            "requestUnbond",
            "withdrawStake",
            "claimReward",
            "arbiterSlash",
            "unauthorizedSlash",
            "postJob",
            "fund",
            "bid",
            "closeAuction",
            "submitResult",
            "finalize",
            "finalize (reverted)",
            "cancel",
            "timeout",
            "claimRefund",
            "withdrawEarnings",
            "resolveDispute (lost)",
            "resolveDispute (won)"
        ];
        for (uint256 i; i < names.length; ++i) {
            console.log(string(abi.encodePacked(names[i])), handler.calls(names[i]));
        }
    }
}
