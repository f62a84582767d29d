// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {JobMarket} from "../../src/JobMarket.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IVerdeArbitration} from "../../src/interfaces/IVerdeArbitration.sol";
import {DisputeHandler} from "./handlers/DisputeHandler.sol";

/// @notice Invariants of the dispute game (VerdeArbitration) with StakeManager and JobMarket behind it, under
///         random sequences of challenges, moves, timeouts, closeStale and withdrawals over several jobs. Each
///         invariant is listed in words in PROPERTIES.md (D1-D9).
contract Dispute_Invariants_Test is Test {
    DisputeHandler internal handler;
    IVerdeArbitration internal arb;
    StakeManager internal sm;
    JobMarket internal market;
    address internal worker;

    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant COLLATERAL = 5 ether;

    function setUp() public {
        handler = new DisputeHandler();
        address smA;
        address marketA;
        (arb, smA, marketA, worker) = handler.deployment();
        sm = StakeManager(payable(smA));
        market = JobMarket(payable(marketA));
        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = DisputeHandler.newJob.selector;
        selectors[1] = DisputeHandler.challenge.selector;
        selectors[2] = DisputeHandler.move.selector;
        selectors[3] = DisputeHandler.timeout.selector;
        selectors[4] = DisputeHandler.closeStale.selector;
        selectors[5] = DisputeHandler.withdraw.selector;
        selectors[6] = DisputeHandler.newJob.selector;
        selectors[7] = DisputeHandler.rebid.selector;
        selectors[8] = DisputeHandler.finalize.selector;
        selectors[9] = DisputeHandler.warp.selector;
        selectors[10] = DisputeHandler.play.selector;
        selectors[11] = DisputeHandler.playLatest.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// @dev D1: the game holds exactly what it accounts for.
    function invariant_D1_balanceEqualsAccounted() public view {
        assertEq(address(arb).balance, arb.totalAccounted(), "arbitration balance != totalAccounted");
    }

    /// @dev D2: what it accounts for is the unwithdrawn balances plus the bonds of unresolved games plus the reward
    ///      shares not yet paid out of the rounds' pots.
    function invariant_D2_accountedIsBalancesPlusOpenBonds() public view {
        uint256 sum = _unpaidPots();
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) {
            sum += arb.balanceOf(actors[i]);
        }
        uint256 n = arb.gameCount();
        for (uint256 i; i < n; ++i) {
            IVerdeArbitration.Game memory g = arb.getGame(i);
            if (g.phase != IVerdeArbitration.Phase.Resolved) sum += g.bond;
        }
        assertEq(arb.totalAccounted(), sum, "totalAccounted != balances + open bonds + unpaid shares");
    }

    /// @dev Sum over every (job, round) of pot - potPaid.
    function _unpaidPots() internal view returns (uint256 sum) {
        uint256[] memory jobs = handler.jobs();
        for (uint256 k; k < jobs.length; ++k) {
            uint32 rounds = market.getJob(jobs[k]).round;
            for (uint32 r = 1; r <= rounds; ++r) {
                IVerdeArbitration.RoundGames memory rg = arb.roundGames(jobs[k], r);
                sum += rg.pot - rg.potPaid;
            }
        }
    }

    /// @dev D3: every resolved game paid its bond exactly once, to the winner (the challenger when moot or shared),
    ///      and every reward share went to the challenger of a game that won or shared, once.
    function invariant_D3_eachResolvedGamePaidOnce() public view {
        address[] memory actors = handler.actors();
        uint256 credited;
        for (uint256 i; i < actors.length; ++i) {
            address a = actors[i];
            assertEq(arb.balanceOf(a) + handler.ghost_withdrawn(a), handler.ghost_credited(a), "paid != credited");
            credited += handler.ghost_credited(a);
        }
        uint256 n = arb.gameCount();
        uint256 resolved;
        for (uint256 i; i < n; ++i) {
            IVerdeArbitration.Game memory g = arb.getGame(i);
            assertEq(g.bond, BOND, "bond");
            if (g.phase == IVerdeArbitration.Phase.Resolved) {
                ++resolved;
                assertTrue(g.outcome != IVerdeArbitration.Outcome.None, "resolved without outcome");
                assertEq(handler.ghost_resolvedCount(i), 1, "resolution not seen once");
            } else {
                assertTrue(g.outcome == IVerdeArbitration.Outcome.None, "outcome before the end");
            }
        }
        assertEq(resolved, handler.ghost_resolved(), "resolved count");
        assertEq(credited, resolved * BOND + handler.ghost_sharesCredited(), "credited != bonds + shares");
    }

    /// @dev D4: ETH is conserved across StakeManager, JobMarket and VerdeArbitration: each holds exactly its
    ///      totalAccounted (the StakeManager's burned ETH included, it never leaves), and together they hold what
    ///      entered (stakes, escrows, bonds) minus what left (withdrawals, rewards, earnings).
    function invariant_D4_ethConserved() public view {
        assertEq(address(sm).balance, sm.totalAccounted(), "stake manager");
        assertEq(address(market).balance, market.totalAccounted(), "market");
        assertEq(address(arb).balance, arb.totalAccounted(), "arbitration");
        assertLe(sm.totalBurned(), address(sm).balance, "burned left the stake manager");
        assertEq(
            address(sm).balance + address(market).balance + address(arb).balance,
            handler.ghost_ethIn() - handler.ghost_ethOut(),
            "ETH in != ETH held + ETH out"
        );
    }

    /// @dev D5: a job's open dispute count is the number of unresolved games of its current round.
    function invariant_D5_openDisputesMatchGames() public view {
        uint256[] memory jobs = handler.jobs();
        uint256 n = arb.gameCount();
        for (uint256 k; k < jobs.length; ++k) {
            IJobMarket.Job memory j = market.getJob(jobs[k]);
            if (j.status != IJobMarket.JobStatus.Assigned && j.status != IJobMarket.JobStatus.Submitted) {
                assertEq(j.openDisputes, 0, "disputes on a closed job");
                continue;
            }
            uint256 open;
            for (uint256 i; i < n; ++i) {
                IVerdeArbitration.Game memory g = arb.getGame(i);
                if (g.jobId == jobs[k] && g.round == j.round && g.phase != IVerdeArbitration.Phase.Resolved) ++open;
            }
            assertEq(j.openDisputes, open, "openDisputes != live games");
        }
    }

    /// @dev D6: no side ever had more than `clock` in total, plus `answerTime` per query for the worker, and
    ///      nothing moves in the future.
    function invariant_D6_clocks() public view {
        uint256 n = arb.gameCount();
        uint64 clock = arb.clock();
        for (uint256 i; i < n; ++i) {
            IVerdeArbitration.Game memory g = arb.getGame(i);
            assertLe(g.workerClock, clock + uint256(g.queries) * arb.answerTime(), "worker clock");
            assertLe(g.challengerClock, clock, "challenger clock");
            assertLe(g.lastMoveAt, block.timestamp, "last move in the future");
        }
    }

    /// @dev D7: every game the challenger won slashed the round's whole collateral once (the reward share into
    ///      the round's pot, the rest burned), and nothing else was slashed; the StakeManager holds no reward (the
    ///      game took each at once).
    function invariant_D7_slashOncePerWin() public view {
        uint256 pots;
        uint256 lostRounds;
        uint256[] memory jobs = handler.jobs();
        for (uint256 k; k < jobs.length; ++k) {
            uint32 rounds = market.getJob(jobs[k]).round;
            for (uint32 r = 1; r <= rounds; ++r) {
                IVerdeArbitration.RoundGames memory rg = arb.roundGames(jobs[k], r);
                pots += rg.pot;
                if (rg.shares != 0) ++lostRounds;
            }
        }
        assertEq(lostRounds, handler.ghost_challengerWins(), "one challenger win per lost round");
        assertEq(pots + sm.totalBurned(), handler.ghost_challengerWins() * COLLATERAL, "slashed != wins");
        assertEq(pots, handler.ghost_challengerWins() * COLLATERAL / 2, "reward share");
        assertEq(sm.rewardOf(address(arb)), 0, "reward left in the StakeManager");
    }

    /// @dev D8: each round's pot is split among exactly the games live when the worker lost, never more than the pot,
    ///      and the live count is the number of unresolved games of the round.
    function invariant_D8_roundShares() public view {
        uint256[] memory jobs = handler.jobs();
        uint256 maxRounds = 1;
        for (uint256 k; k < jobs.length; ++k) {
            uint32 rounds = market.getJob(jobs[k]).round;
            if (rounds > maxRounds) maxRounds = rounds;
        }
        // live[k][r] and sharing[k][r] over one pass of the games (jobs are handler.jobs() in order)
        uint256[][] memory live = new uint256[][](jobs.length);
        uint256[][] memory sharing = new uint256[][](jobs.length);
        for (uint256 k; k < jobs.length; ++k) {
            live[k] = new uint256[](maxRounds + 1);
            sharing[k] = new uint256[](maxRounds + 1);
        }
        uint256 n = arb.gameCount();
        for (uint256 i; i < n; ++i) {
            IVerdeArbitration.Game memory g = arb.getGame(i);
            uint256 k = _jobIndex(jobs, g.jobId);
            if (g.phase != IVerdeArbitration.Phase.Resolved) ++live[k][g.round];
            if (g.outcome == IVerdeArbitration.Outcome.ChallengerWon || g.outcome == IVerdeArbitration.Outcome.Shared) {
                ++sharing[k][g.round];
            }
        }
        for (uint256 k; k < jobs.length; ++k) {
            uint32 rounds = market.getJob(jobs[k]).round;
            for (uint32 r = 1; r <= rounds; ++r) {
                IVerdeArbitration.RoundGames memory rg = arb.roundGames(jobs[k], r);
                assertLe(rg.potPaid, rg.pot, "paid more than the pot");
                assertLe(rg.sharesPaid, rg.shares, "more shares than games");
                if (rg.shares != 0 && rg.sharesPaid == rg.shares) assertEq(rg.potPaid, rg.pot, "pot not paid out");
                assertEq(rg.live, live[k][r], "live count");
                assertEq(rg.sharesPaid, sharing[k][r], "shares paid != games that won or shared");
                if (rg.shares != 0) {
                    assertEq(rg.shares, rg.sharesPaid + live[k][r], "shares != games live at the loss");
                }
            }
        }
    }

    function _jobIndex(uint256[] memory jobs, uint256 jobId) internal pure returns (uint256) {
        for (uint256 k; k < jobs.length; ++k) {
            if (jobs[k] == jobId) return k;
        }
        revert("a game of an unknown job");
    }

    /// @dev D9: at most one live game per challenger, job, round and checkpoint: every unresolved game holds its slot
    ///      (`liveGameOf`), which a slot can do for one game only.
    function invariant_D9_oneLiveGamePerChallengerAndCheckpoint() public view {
        uint256 n = arb.gameCount();
        for (uint256 i; i < n; ++i) {
            IVerdeArbitration.Game memory a = arb.getGame(i);
            if (a.phase == IVerdeArbitration.Phase.Resolved) continue;
            assertEq(arb.liveGameOf(a.challenger, a.jobId, a.round, a.checkpoint), i + 1, "live slot");
        }
    }

    /// @dev Prints how often each action ran (with -vv).
    function afterInvariant() external view {
        bytes32[24] memory names = [
            bytes32("newJob"),
            "challenge",
            "challengeResult",
            "pickCheckpoint/query",
            "revealStepRoots",
            "pickStep/query",
            "revealStepTrace",
            "pickNode/query",
            "defend",
            "defend (cannot)",
            "pickElement/query",
            "revealElementTrace",
            "pickEntry/query",
            "proveStep",
            "proveStep (cannot)",
            "answer",
            "timeout",
            "closeStale",
            "closeStale (live)",
            "withdraw",
            "rebid (barred)",
            "rebid",
            "finalize",
            "warp"
        ];
        for (uint256 i; i < names.length; ++i) {
            console.log(string(abi.encodePacked(names[i])), handler.calls(names[i]));
        }
        console.log("worker won", handler.calls("worker won"));
        console.log("challenger won", handler.calls("challenger won"));
        console.log("moot", handler.calls("moot"));
        console.log("shared", handler.calls("shared"));
    }
}
