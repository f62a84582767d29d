// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IJobMarket} from "../../../src/interfaces/IJobMarket.sol";
import {IVerdeArbitration} from "../../../src/interfaces/IVerdeArbitration.sol";
import {OneStepLib} from "../../../src/onestep/OneStep.sol";
import {DisputeBase} from "../../dispute/DisputeBase.sol";

/// @notice Drives VerdeArbitration (with StakeManager and JobMarket behind it) through random games over several
///         synthetic jobs of {DisputeBase}: challenges (of a checkpoint, or of the result with challengeResult) by
///         three challengers, every move of both sides (picks and queries at random positions, within the
///         per-list query limits; the worker reveals step traces with random lies and element traces of random
///         lengths, and defends only what it can), timeouts, closeStale, withdrawals, re-assignment of reopened
///         jobs to workers that were not slashed on them (new rounds, which make older games stale) and
///         finalization. Ghost variables record the ETH that entered and left the three contracts and what every
///         resolved game paid to whom, bond and reward share (see PROPERTIES.md, D1-D9).
contract DisputeHandler is DisputeBase {
    uint256 public constant MAX_JOBS = 6;

    address[] internal _challengers;
    address[] internal _actors;
    address[] internal _workers;
    uint256[] internal _jobs;
    uint256[] internal _games;

    // Ghost variables.
    uint256 public ghost_ethIn;
    uint256 public ghost_ethOut;
    mapping(address account => uint256) public ghost_credited;
    mapping(address account => uint256) public ghost_withdrawn;
    mapping(uint256 gameId => uint256) public ghost_resolvedCount;
    uint256 public ghost_resolved;
    uint256 public ghost_challengerWins;
    uint256 public ghost_earningsWithdrawn;
    uint256 public ghost_sharesCredited;
    mapping(uint256 jobId => mapping(uint32 round => uint256)) internal _potPaidSeen;
    mapping(bytes32 action => uint256) public calls;

    constructor() {
        _deploySystem();
        _challengers.push(challenger);
        _challengers.push(challenger2);
        _challengers.push(stranger);
        _actors.push(worker);
        _actors.push(challenger);
        _actors.push(challenger2);
        _actors.push(stranger);
        _actors.push(poster);
        _workers.push(worker);
        for (uint256 i; i < 3; ++i) {
            address w = makeAddr(string.concat("spare worker ", vm.toString(i)));
            vm.prank(w);
            registry.register(abi.encodePacked("peer-", w), "cpu:amd64x16");
            _workers.push(w);
            _actors.push(w);
        }
        // three jobs up front (posting one waits out its bid window, which would eat the games' clocks later)
        for (uint256 i; i < 3; ++i) {
            _jobs.push(_submittedJob(1));
            ghost_ethIn += COLLATERAL + MAX_PRICE;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function jobs() external view returns (uint256[] memory) {
        return _jobs;
    }

    function deployment()
        external
        view
        returns (IVerdeArbitration arb_, address stakeManager_, address market_, address worker_)
    {
        return (arb, address(sm), address(market), worker);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------------------

    function newJob() external {
        if (_jobs.length >= MAX_JOBS) return;
        _jobs.push(_submittedJob(1));
        ghost_ethIn += COLLATERAL + MAX_PRICE;
        calls["newJob"]++;
        _sweep();
    }

    /// @dev Challenges a job whose challenge window is open (posting one first when there is none).
    function challenge(uint256 jobSeed, bool first, uint256 actorSeed) external {
        uint256 jobId;
        bool found;
        for (uint256 i; i < _jobs.length && !found; ++i) {
            jobId = _jobs[(jobSeed % _jobs.length + i) % _jobs.length];
            IJobMarket.Job memory j = market.getJob(jobId);
            found = j.status == IJobMarket.JobStatus.Submitted && block.timestamp < j.challengeEndsAt;
        }
        if (!found) {
            if (_jobs.length >= MAX_JOBS) return;
            jobId = _submittedJob(1);
            _jobs.push(jobId);
            ghost_ethIn += COLLATERAL + MAX_PRICE;
        }
        address c = _challengers[actorSeed % _challengers.length];
        if (c == market.getJob(jobId).worker) return;
        uint32 k = first ? 1 : 2;
        // one live game per challenger, job, round and checkpoint (0: a result game before its pick)
        uint32 round = market.getJob(jobId).round;
        bool result = (actorSeed >> 8) % 4 == 0;
        if (arb.liveGameOf(c, jobId, round, result ? 0 : k) != 0) return;
        _games.push(result ? _challengeResult(c, jobId) : _challenge(c, jobId, k));
        ghost_ethIn += BOND;
        calls[result ? bytes32("challengeResult") : bytes32("challenge")]++;
        _sweep();
    }

    /// @dev Whether one more query of `list` (of `count` items) is within the game's per-list limit.
    function _canQuery(IVerdeArbitration.Game memory g, IVerdeArbitration.List list, uint256 count)
        internal
        view
        returns (bool)
    {
        return (uint256(g.queryCounts) >> (8 * uint8(list))) & 0xff < arb.queryLimit(count);
    }

    /// @dev One to eight moves of one unresolved game (by whichever side is to move).
    function move(uint256 gameSeed, uint256 choice) public {
        uint256 n = 1 + choice % 8;
        for (uint256 i; i < n; ++i) {
            _moveOnce(gameSeed, uint256(keccak256(abi.encode(choice, i))));
        }
    }

    /// @dev The same as move (a second selector, so that games get played more often than anything else).
    function play(uint256 gameSeed, uint256 choice) external {
        move(gameSeed, choice);
    }

    /// @dev The same as move, on the most recent unresolved game.
    function playLatest(uint256 choice) external {
        if (_games.length != 0) move(_games.length - 1, choice);
    }

    function _moveOnce(uint256 gameSeed, uint256 choice) internal {
        (bool found, uint256 gameId) = _pickGame(gameSeed, true);
        if (!found) return;
        IVerdeArbitration.Game memory g = _g(gameId);
        (, uint256 deadline) = arb.toMove(gameId);
        if (block.timestamp > deadline) return;
        IVerdeArbitration.Phase p = g.phase;
        bool canQuery = choice % 4 == 0;
        if (p == IVerdeArbitration.Phase.PickCheckpoint) {
            if (canQuery && _canQuery(g, IVerdeArbitration.List.Checkpoints, NUM_CHECKPOINTS)) {
                _query(gameId, IVerdeArbitration.List.Checkpoints, uint32((choice >> 8) % NUM_CHECKPOINTS));
            } else {
                uint32 k = uint32(1 + (choice >> 8) % NUM_CHECKPOINTS);
                if (arb.liveGameOf(g.challenger, g.jobId, g.round, k) != 0) return;
                _pickCheckpoint(gameId, k);
            }
        } else if (p == IVerdeArbitration.Phase.StepRoots) {
            _revealStepRoots(gameId);
        } else if (p == IVerdeArbitration.Phase.PickStep) {
            canQuery = canQuery && _canQuery(g, IVerdeArbitration.List.StepRoots, INTERVAL + 1);
            if (canQuery) _query(gameId, IVerdeArbitration.List.StepRoots, uint32((choice >> 8) % (INTERVAL + 1)));
            else _pickStep(gameId, uint32((choice >> 8) % INTERVAL));
        } else if (p == IVerdeArbitration.Phase.StepTrace) {
            uint256[4] memory lies = [uint256(0), LIE_OUT, LIE_CONST, LIE_STATE];
            _revealStepTrace(gameId, lies[(choice >> 8) % 4]);
        } else if (p == IVerdeArbitration.Phase.PickNode) {
            bool list = (choice >> 8) % 2 == 0;
            canQuery = canQuery
                && (list
                        ? _canQuery(g, IVerdeArbitration.List.StepTrace, N)
                        : _canQuery(g, IVerdeArbitration.List.NextState, g.numState));
            _pickNodeAction(gameId, choice, canQuery);
        } else if (p == IVerdeArbitration.Phase.Defend) {
            (bytes32[] memory proof, bytes32 dataList, uint32 dataCount) = _defendArgs(gameId);
            vm.prank(g.worker);
            try arb.defend(gameId, proof, dataList, dataCount) {}
            catch {
                calls["defend (cannot)"]++;
                return;
            }
        } else if (p == IVerdeArbitration.Phase.PickElement) {
            canQuery = canQuery && _canQuery(g, IVerdeArbitration.List.OutTensor, 2);
            if (canQuery) _query(gameId, IVerdeArbitration.List.OutTensor, uint32((choice >> 8) % 2));
            else _pickElement(gameId, uint32((choice >> 8) % TENSOR_NUMEL));
        } else if (p == IVerdeArbitration.Phase.ElementTrace) {
            // mostly the right length (1); sometimes a longer, wrong trace
            _revealElementTrace(gameId, (choice >> 8) % 4 == 0 ? 3 : 1);
        } else if (p == IVerdeArbitration.Phase.PickEntry) {
            canQuery = canQuery && _canQuery(g, IVerdeArbitration.List.ElementTrace, g.traceLength);
            if (canQuery) _query(gameId, IVerdeArbitration.List.ElementTrace, uint32((choice >> 8) % g.traceLength));
            else _pickEntry(gameId, uint32((choice >> 8) % g.traceLength));
        } else if (p == IVerdeArbitration.Phase.OneStep) {
            // a worker that lied about node 0's output (LIE_STATE) cannot prove the ReLU's input: it times out
            OneStepLib.StepProof memory sp = _stepProof(gameId);
            vm.prank(g.worker);
            try arb.proveStep(gameId, sp) {}
            catch {
                calls["proveStep (cannot)"]++;
                return;
            }
        } else if (p == IVerdeArbitration.Phase.Answer) {
            _answer(gameId);
        }
        calls[bytes32(bytes(_phaseName(p)))]++;
        _sweep();
    }

    function _pickNodeAction(uint256 gameId, uint256 choice, bool canQuery) internal {
        if (canQuery) {
            if ((choice >> 8) % 2 == 0) _query(gameId, IVerdeArbitration.List.StepTrace, uint32((choice >> 16) % N));
            else _query(gameId, IVerdeArbitration.List.NextState, 0);
            return;
        }
        uint256 k = (choice >> 8) % 6;
        IVerdeArbitration.Claim c = IVerdeArbitration.Claim.NodeOutput;
        if (k == 0) _pickNode(gameId, c, 0, 0);
        else if (k == 1) _pickNode(gameId, c, 1, 0);
        else if (k == 2) _pickNode(gameId, c, 2, 0);
        else if (k == 3) _pickNode(gameId, IVerdeArbitration.Claim.StateOutput, 3, 0);
        else if (k == 4) _pickNode(gameId, c, 3, NO_ELEMENT);
        else _pickNode(gameId, c, 3, uint32((choice >> 16) % TENSOR_NUMEL));
    }

    /// @dev Times out a game whose side to move ran out of time; one time in four, lets the clock run out first.
    function timeout(uint256 gameSeed, uint256 choice) external {
        (bool found, uint256 gameId) = _pickGame(gameSeed, true);
        if (!found) return;
        (, uint256 deadline) = arb.toMove(gameId);
        if (block.timestamp <= deadline) {
            if (choice % 4 != 0) return;
            vm.warp(deadline + 1);
        }
        arb.timeout(gameId);
        calls["timeout"]++;
        _sweep();
    }

    function closeStale(uint256 gameSeed) external {
        (bool found, uint256 gameId) = _pickGame(gameSeed, true);
        if (!found) return;
        try arb.closeStale(gameId) {
            calls["closeStale"]++;
        } catch {
            calls["closeStale (live)"]++;
        }
        _sweep();
    }

    function withdraw(uint256 actorSeed) external {
        address a = _actors[actorSeed % _actors.length];
        uint256 amount = arb.balanceOf(a);
        if (amount == 0) return;
        vm.prank(a);
        assertEq(arb.withdraw(), amount);
        ghost_withdrawn[a] += amount;
        ghost_ethOut += amount;
        calls["withdraw"]++;
    }

    /// @dev A reopened job is taken again (a new round) by a worker that was not slashed on it; the slashed one is
    ///      barred (its bid reverts).
    function rebid(uint256 jobSeed, uint256 workerSeed) external {
        if (_jobs.length == 0) return;
        uint256 jobId = _jobs[jobSeed % _jobs.length];
        IJobMarket.Job memory j = market.getJob(jobId);
        if (j.status != IJobMarket.JobStatus.Open || block.timestamp >= j.biddingEndsAt) return;
        address w = _workers[workerSeed % _workers.length];
        vm.deal(w, w.balance + COLLATERAL);
        vm.prank(w);
        sm.deposit{value: COLLATERAL}();
        ghost_ethIn += COLLATERAL;
        if (market.isBarred(jobId, w)) {
            vm.prank(w);
            vm.expectRevert(abi.encodeWithSelector(IJobMarket.Barred.selector, jobId, w));
            market.bid(jobId, PRICE);
            calls["rebid (barred)"]++;
            return;
        }
        vm.prank(w);
        market.bid(jobId, PRICE);
        vm.warp(j.biddingEndsAt);
        market.closeAuction(jobId);
        _submit(jobId, _checkpoints(1));
        calls["rebid"]++;
        _sweep();
    }

    function finalize(uint256 jobSeed) external {
        if (_jobs.length == 0) return;
        uint256 jobId = _jobs[jobSeed % _jobs.length];
        IJobMarket.Job memory j = market.getJob(jobId);
        if (j.status != IJobMarket.JobStatus.Submitted || j.openDisputes != 0) return;
        if (block.timestamp < j.challengeEndsAt) return;
        market.finalize(jobId);
        vm.prank(j.worker);
        ghost_earningsWithdrawn += market.withdraw();
        ghost_ethOut += PRICE;
        calls["finalize"]++;
        _sweep();
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 30 minutes));
        calls["warp"]++;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _pickGame(uint256 seed, bool unresolved) internal view returns (bool, uint256) {
        uint256 n = _games.length;
        for (uint256 i; i < n; ++i) {
            uint256 gameId = _games[(seed % n + i) % n];
            if (!unresolved || _g(gameId).phase != IVerdeArbitration.Phase.Resolved) return (true, gameId);
        }
        return (false, 0);
    }

    /// @dev Credits every newly resolved game's bond, and its reward share, to whom it must have gone, once. Every
    ///      action resolves at most one game, and a resolution pays at most one share: the share is what the
    ///      round's paid pot grew by since the last sweep.
    function _sweep() internal {
        for (uint256 i; i < _games.length; ++i) {
            uint256 gameId = _games[i];
            IVerdeArbitration.Game memory g = _g(gameId);
            if (g.phase != IVerdeArbitration.Phase.Resolved || ghost_resolvedCount[gameId] != 0) continue;
            ghost_resolvedCount[gameId] = 1;
            ++ghost_resolved;
            if (g.outcome == IVerdeArbitration.Outcome.ChallengerWon) ++ghost_challengerWins;
            address payee = g.outcome == IVerdeArbitration.Outcome.WorkerWon ? g.worker : g.challenger;
            ghost_credited[payee] += g.bond;
            uint256 paid = arb.roundGames(g.jobId, g.round).potPaid;
            uint256 share = paid - _potPaidSeen[g.jobId][g.round];
            if (share != 0) {
                assertTrue(
                    g.outcome == IVerdeArbitration.Outcome.ChallengerWon
                        || g.outcome == IVerdeArbitration.Outcome.Shared,
                    "a share to a game that did not win or share"
                );
                _potPaidSeen[g.jobId][g.round] = paid;
                ghost_credited[payee] += share;
                ghost_sharesCredited += share;
            }
            calls[bytes32(bytes(_outcomeName(g.outcome)))]++;
        }
    }

    function _phaseName(IVerdeArbitration.Phase p) internal pure returns (string memory) {
        string[13] memory names = [
            "None",
            "pickCheckpoint/query",
            "revealStepRoots",
            "pickStep/query",
            "revealStepTrace",
            "pickNode/query",
            "defend",
            "pickElement/query",
            "revealElementTrace",
            "pickEntry/query",
            "proveStep",
            "answer",
            "Resolved"
        ];
        return names[uint8(p)];
    }

    function _outcomeName(IVerdeArbitration.Outcome o) internal pure returns (string memory) {
        string[5] memory names = ["None", "worker won", "challenger won", "moot", "shared"];
        return names[uint8(o)];
    }
}
