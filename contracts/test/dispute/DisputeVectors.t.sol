// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IVerdeArbitration} from "../../src/interfaces/IVerdeArbitration.sol";
import {DisputeBase} from "./DisputeBase.sol";
import {TestMerkle} from "./TestMerkle.sol";

/// @notice Replays the Go-generated dispute games of testdata/vectors/dispute.json (written by
///         `go test ./node/dispute -run TestCheatersLose -update`) against a fresh deployment each: the job is
///         posted with the vector's parameters, one registered worker stakes, bids, is assigned and submits the
///         result (its checkpoint roots: `checkpoints` of the game, else of the job; the last is the final model),
///         then every move's calldata is sent from its side (the first, `challenge` or `challengeResult`, with the
///         bond; a `timeout` after the side to move ran out of its clock). Each move must
///         succeed; the outcome and the payments are checked to the wei, and the gas of each move and side is
///         logged (`-vv`): the gas of the call as measured in the test (one test is one transaction, so storage
///         an earlier move touched is warm: real moves cost more), a transaction estimate (21,000 + EIP-2028
///         calldata + that), and the Go side's receipt gas where the vector has it. While the file is absent (the
///         Go side writes it) the tests are skipped, and only then.
abstract contract DisputeVectorsBase is DisputeBase {
    string internal constant PATH = "testdata/vectors/dispute.json";
    string internal constant ABSENT =
        "testdata/vectors/dispute.json is absent (go test ./node/dispute -run TestCheatersLose -update writes it)";

    string internal json;
    bool internal haveVectors;

    struct Replay {
        string name;
        uint256 outcome;
        uint256 jobId;
        uint256 moves;
        uint256 workerMoves;
        uint256 challengerMoves;
        uint256 workerGas;
        uint256 challengerGas;
        uint256 calldataBytes;
    }

    function setUp() public virtual override {
        super.setUp();
        string memory p = string.concat(vm.projectRoot(), "/", PATH);
        haveVectors = vm.exists(p);
        if (haveVectors) json = vm.readFile(p);
    }

    function _skipIfAbsent() internal {
        if (!haveVectors) {
            console.log(ABSENT);
            vm.skip(true, ABSENT);
        }
    }

    function _gameCount() internal view returns (uint256 n) {
        while (vm.keyExistsJson(json, string.concat(".games[", vm.toString(n), "]"))) {
            ++n;
        }
    }

    function _vectorParams() internal view returns (IJobMarket.JobParams memory p) {
        p = IJobMarket.JobParams({
            specHash: vm.parseJsonBytes32(json, ".job.specHash"),
            datasetHash: vm.parseJsonBytes32(json, ".job.datasetHash"),
            datasetUri: vm.parseJsonBytes32(json, ".job.datasetUri"),
            initialStateRoot: vm.parseJsonBytes32(json, ".job.initialStateRoot"),
            graphRoot: vm.parseJsonBytes32(json, ".job.graphRoot"),
            dataRoot: vm.parseJsonBytes32(json, ".job.dataRoot"),
            steps: uint64(vm.parseJsonUint(json, ".job.steps")),
            checkpointInterval: uint64(vm.parseJsonUint(json, ".job.checkpointInterval")),
            maxPrice: MAX_PRICE,
            requiredCollateral: COLLATERAL,
            bidWindow: BID_WINDOW,
            executionWindow: EXECUTION_WINDOW,
            challengeWindow: CHALLENGE_WINDOW
        });
    }

    /// @dev A fresh deployment and the vector's job, submitted by `worker` with game `gi`'s checkpoint roots.
    function _vectorJob(uint256 gi) internal returns (uint256 jobId) {
        _deploySystem();
        bytes32[] memory cps = _resultCheckpoints(gi);
        vm.deal(worker, worker.balance + COLLATERAL);
        vm.prank(worker);
        sm.deposit{value: COLLATERAL}();
        vm.prank(poster);
        jobId = market.postJob{value: MAX_PRICE}(_vectorParams());
        vm.prank(worker);
        market.bid(jobId, PRICE);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        _submit(jobId, cps);
    }

    /// @dev The checkpoint roots the worker of game `gi` submitted: the game's own `checkpoints` where it has them
    ///      (each game's worker trains with its own fault), else the job's.
    function _resultCheckpoints(uint256 gi) internal view returns (bytes32[] memory) {
        string memory key = string.concat(".games[", vm.toString(gi), "].checkpoints");
        if (!vm.keyExistsJson(json, key)) key = ".job.checkpoints";
        require(vm.keyExistsJson(json, key), "dispute.json: no checkpoints for the game or the job");
        bytes32[] memory cps = vm.parseJsonBytes32Array(json, key);
        uint256 count = vm.parseJsonUint(json, ".job.steps") / vm.parseJsonUint(json, ".job.checkpointInterval");
        require(cps.length == count, "dispute.json: checkpoints count is not steps / interval");
        return cps;
    }

    function _moveName(string memory key, bytes memory data) internal view returns (string memory name) {
        bytes4 s = bytes4(data);
        name = s == IVerdeArbitration.challenge.selector
            ? "challenge"
            : s == IVerdeArbitration.challengeResult.selector
                ? "challengeResult"
                : s == IVerdeArbitration.pickCheckpoint.selector
                    ? "pickCheckpoint"
                    : s == IVerdeArbitration.revealStepRoots.selector
                        ? "revealStepRoots"
                        : s == IVerdeArbitration.pickStep.selector
                            ? "pickStep"
                            : s == IVerdeArbitration.revealStepTrace.selector
                                ? "revealStepTrace"
                                : s == IVerdeArbitration.pickNode.selector
                                    ? "pickNode"
                                    : s == IVerdeArbitration.defend.selector
                                        ? "defend"
                                        : s == IVerdeArbitration.pickElement.selector
                                            ? "pickElement"
                                            : s == IVerdeArbitration.revealElementTrace.selector
                                                ? "revealElementTrace"
                                                : s == IVerdeArbitration.pickEntry.selector
                                                    ? "pickEntry"
                                                    : s == IVerdeArbitration.proveStep.selector
                                                        ? "proveStep"
                                                        : s == IVerdeArbitration.query.selector
                                                            ? "query"
                                                            : s == IVerdeArbitration.answer.selector
                                                                ? "answer"
                                                                : s == IVerdeArbitration.timeout.selector
                                                                    ? "timeout"
                                                                    : s == IVerdeArbitration.closeStale.selector
                                                                        ? "closeStale"
                                                                        : vm.toString(abi.encodePacked(s));
        // the Go side's receipt gas, where the vector has it
        if (vm.keyExistsJson(json, string.concat(key, ".gas"))) {
            name = string.concat(
                name, " (go receipt ", vm.toString(vm.parseJsonUint(json, string.concat(key, ".gas"))), " gas)"
            );
        }
    }

    /// @dev Replays game `gi`; reverts (with the move's revert data) when a move fails.
    function _replay(uint256 gi, bool log) internal returns (Replay memory r) {
        string memory g = string.concat(".games[", vm.toString(gi), "]");
        r.name = vm.parseJsonString(json, string.concat(g, ".name"));
        r.outcome = vm.parseJsonUint(json, string.concat(g, ".outcome"));
        r.jobId = _vectorJob(gi);
        if (log) console.log("game %d: %s", gi, r.name);
        for (uint256 j;; ++j) {
            string memory key = string.concat(g, ".moves[", vm.toString(j), "]");
            if (!vm.keyExistsJson(json, key)) break;
            string memory from = vm.parseJsonString(json, string.concat(key, ".from"));
            bytes memory data = vm.parseJsonBytes(json, string.concat(key, ".calldata"));
            bool byWorker = keccak256(bytes(from)) == keccak256("worker");
            require(byWorker || keccak256(bytes(from)) == keccak256("challenger"), "dispute.json: bad move.from");
            uint256 value;
            if (j == 0) {
                require(
                    bytes4(data) == IVerdeArbitration.challenge.selector
                        || bytes4(data) == IVerdeArbitration.challengeResult.selector,
                    "dispute.json: first move not challenge"
                );
                require(!byWorker, "dispute.json: the worker challenges");
                (uint256 jobId) = abi.decode(_args(data), (uint256));
                assertEq(jobId, r.jobId, "the challenge's job id");
                value = BOND;
            } else if (bytes4(data) == IVerdeArbitration.timeout.selector) {
                (, uint256 deadline) = arb.toMove(0);
                if (block.timestamp <= deadline) vm.warp(deadline + 1);
            }
            address sender = byWorker ? worker : challenger;
            vm.prank(sender);
            uint256 g0 = gasleft();
            (bool ok, bytes memory ret) = address(arb).call{value: value}(data);
            uint256 used = g0 - gasleft();
            if (!ok) {
                console.log("game %s: move %d (%s) reverts", r.name, j, _moveName(key, data));
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
            if (byWorker) {
                r.workerGas += used;
                ++r.workerMoves;
            } else {
                r.challengerGas += used;
                ++r.challengerMoves;
            }
            r.calldataBytes += data.length;
            ++r.moves;
            if (log) _logMove(key, from, data, used);
        }
        if (log) {
            console.log("  worker: %d moves, %d gas", r.workerMoves, r.workerGas);
            console.log("  challenger: %d moves, %d gas", r.challengerMoves, r.challengerGas);
            console.log("  total: %d gas, %d calldata bytes", r.workerGas + r.challengerGas, r.calldataBytes);
        }
    }

    function _logMove(string memory key, string memory from, bytes memory data, uint256 used) internal view {
        console.log(
            string.concat(
                "  ",
                from,
                " ",
                _moveName(key, data),
                ": ",
                vm.toString(used),
                " gas in the call, ",
                vm.toString(data.length),
                " calldata bytes, transaction about ",
                vm.toString(21_000 + _calldataGas(data) + used)
            )
        );
    }

    /// @dev EIP-2028 calldata gas (4 per zero byte, 16 per other byte).
    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    /// @dev The calldata after the selector.
    function _args(bytes memory data) internal pure returns (bytes memory a) {
        a = new bytes(data.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = data[i + 4];
        }
    }
}

contract DisputeVectors_Test is DisputeVectorsBase {
    function test_vectors_replayEveryGame() public {
        _skipIfAbsent();
        uint256 n = _gameCount();
        assertGt(n, 0, "no games");
        for (uint256 gi; gi < n; ++gi) {
            Replay memory r = _replay(gi, true);
            _assertOutcome(r);
        }
    }

    function _assertOutcome(Replay memory r) internal {
        IVerdeArbitration.Game memory g = arb.getGame(0);
        assertEq(arb.gameCount(), 1, r.name);
        assertEq(uint8(g.phase), uint8(IVerdeArbitration.Phase.Resolved), string.concat(r.name, ": not resolved"));
        assertEq(uint256(g.outcome), r.outcome, string.concat(r.name, ": outcome"));
        assertEq(g.worker, worker);
        assertEq(g.challenger, challenger);
        IJobMarket.Job memory j = market.getJob(r.jobId);
        uint256 owed = BOND;
        if (r.outcome == uint256(IVerdeArbitration.Outcome.ChallengerWon)) {
            owed += _slashReward();
            assertEq(arb.balanceOf(challenger), owed, "bond back and the whole reward (the round's only game)");
            assertEq(arb.balanceOf(worker), 0);
            assertEq(sm.rewardOf(address(arb)), 0, "reward taken from the StakeManager");
            assertEq(sm.totalBurned(), COLLATERAL - _slashReward(), "burned");
            assertEq(sm.stakeOf(worker).staked, 0, "collateral slashed");
            assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Open), "job reopened");
        } else {
            assertEq(r.outcome, uint256(IVerdeArbitration.Outcome.WorkerWon), "outcome is 1 or 2");
            assertEq(arb.balanceOf(worker), BOND, "bond to the worker");
            assertEq(arb.balanceOf(challenger), 0);
            assertEq(sm.rewardOf(challenger), 0);
            assertEq(sm.totalBurned(), 0);
            assertEq(sm.stakeOf(worker).staked, COLLATERAL, "not slashed");
            assertEq(sm.lockedFor(worker, r.jobId), COLLATERAL);
            assertEq(uint8(j.status), uint8(IJobMarket.JobStatus.Submitted), "the result stands");
            assertEq(j.openDisputes, 0);
        }
        assertEq(arb.totalAccounted(), owed);
        _assertAccounted();
        // the winner takes the bond (and reward) out, once
        address winner = r.outcome == uint256(IVerdeArbitration.Outcome.ChallengerWon) ? challenger : worker;
        uint256 before = winner.balance;
        vm.prank(winner);
        arb.withdraw();
        assertEq(winner.balance, before + owed);
        vm.prank(winner);
        vm.expectRevert(IVerdeArbitration.NothingToClaim.selector);
        arb.withdraw();
        assertEq(arb.totalAccounted(), 0);
        assertEq(address(arb).balance, 0);
    }
}

/// @notice Gas of whole games, in the gas snapshot: the Go vectors' games (each move's and each side's gas is
///         logged with -vv) and two synthetic games of {DisputeBase} (to the one-step, and to a defence).
contract Dispute_Gas_Test is DisputeVectorsBase {
    function test_gas_vectorGames() public {
        _skipIfAbsent();
        uint256 n = _gameCount();
        uint256 total;
        for (uint256 gi; gi < n; ++gi) {
            Replay memory r = _replay(gi, true);
            total += r.workerGas + r.challengerGas;
        }
        console.log("all %d games: %d gas", n, total);
    }

    function test_gas_syntheticGame_oneStep() public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        _toOneStep(gameId, 0, 4, 1);
        _proveStep(gameId);
        assertEq(uint8(arb.getGame(gameId).outcome), uint8(IVerdeArbitration.Outcome.WorkerWon));
    }

    function test_gas_syntheticGame_defend() public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        _toPickNode(gameId, 0);
        _pickNode(gameId, IVerdeArbitration.Claim.StateOutput, 3, NO_ELEMENT);
        _defend(gameId);
        assertEq(uint8(arb.getGame(gameId).outcome), uint8(IVerdeArbitration.Outcome.WorkerWon));
    }
}

/// @notice Checks the replay harness itself on games of the synthetic job of {DisputeBase}, written in the vector
///         format (recorded while played on one deployment, then replayed from the JSON text on a fresh one).
contract DisputeVectors_SelfCheck_Test is DisputeVectorsBase {
    function _hex(bytes32 x) internal pure returns (string memory) {
        return string.concat("\"", vm.toString(x), "\"");
    }

    function _jobJson() internal pure returns (string memory) {
        IJobMarket.JobParams memory p = _params(1);
        string memory a = string.concat(
            "{\"specHash\":",
            _hex(p.specHash),
            ",\"datasetHash\":",
            _hex(p.datasetHash),
            ",\"datasetUri\":",
            _hex(p.datasetUri),
            ",\"initialStateRoot\":",
            _hex(p.initialStateRoot)
        );
        return string.concat(
            a,
            ",\"graphRoot\":",
            _hex(p.graphRoot),
            ",\"dataRoot\":",
            _hex(p.dataRoot),
            ",\"steps\":",
            vm.toString(p.steps),
            ",\"checkpointInterval\":",
            vm.toString(p.checkpointInterval),
            ",\"checkpoints\":[",
            _hex(_checkpoints(1)[0]),
            ",",
            _hex(_checkpoints(1)[1]),
            "]}"
        );
    }

    /// @dev The recorded moves as a game object, and a fresh deployment for the next recording.
    function _gameJson(string memory name, uint256 outcome) internal returns (string memory s) {
        s = string.concat("{\"name\":\"", name, "\",\"outcome\":", vm.toString(outcome), ",\"moves\":[");
        for (uint256 i; i < recorded.length; ++i) {
            s = string.concat(
                s,
                i == 0 ? "" : ",",
                "{\"from\":\"",
                recorded[i].from,
                "\",\"calldata\":\"",
                vm.toString(recorded[i].data),
                "\"}"
            );
        }
        s = string.concat(s, "]}");
        delete recorded;
        recording = false;
        _deploySystem();
    }

    function _record() internal returns (uint256 gameId) {
        uint256 jobId = _job();
        assertEq(jobId, 1);
        recording = true;
        gameId = _challenge(challenger, jobId, 2);
        assertEq(gameId, 0);
    }

    function test_selfCheck_replaysRecordedGames() public {
        // 1: the worker answers a query and defends a state node
        uint256 gameId = _record();
        _revealStepRoots(gameId);
        _query(gameId, IVerdeArbitration.List.StepRoots, 1);
        _answer(gameId);
        _pickStep(gameId, 0);
        _revealStepTrace(gameId, 0);
        _pickNode(gameId, IVerdeArbitration.Claim.NodeOutput, 0, 0);
        _defend(gameId);
        string memory g1 = _gameJson("defended", 1);
        // 2: the worker lied about an element and loses the one-step
        gameId = _record();
        _toOneStep(gameId, LIE_OUT, 0, 1);
        _proveStep(gameId);
        string memory g2 = _gameJson("one-step lost", 2);
        // 3: the worker does not reveal anything and times out
        gameId = _record();
        (, uint256 deadline) = arb.toMove(gameId);
        vm.warp(deadline + 1);
        _send(challenger, 0, abi.encodeCall(IVerdeArbitration.timeout, (gameId)));
        string memory g3 = _gameJson("timed out", 2);

        json = string.concat("{\"job\":", _jobJson(), ",\"games\":[", g1, ",", g2, ",", g3, "]}");
        haveVectors = true;
        assertEq(_gameCount(), 3);
        uint256[3] memory moves = [uint256(8), 8, 2];
        for (uint256 gi; gi < 3; ++gi) {
            Replay memory r = _replay(gi, true);
            assertEq(r.moves, moves[gi]);
            assertEq(r.outcome, gi == 0 ? 1 : 2);
            IVerdeArbitration.Game memory g = arb.getGame(0);
            assertEq(uint256(g.outcome), r.outcome);
            if (r.outcome == 2) {
                assertEq(arb.balanceOf(challenger), BOND + _slashReward());
                assertEq(sm.rewardOf(challenger), 0);
            } else {
                assertEq(arb.balanceOf(worker), BOND);
                assertEq(sm.rewardOf(challenger), 0);
            }
            _assertAccounted();
        }
    }
}
