// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IVerdeArbitration} from "../../src/interfaces/IVerdeArbitration.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";
import {DisputeBase} from "./DisputeBase.sol";
import {TestMerkle} from "./TestMerkle.sol";

/// @notice Fuzz tests of VerdeArbitration: wrong proofs and indices always revert, the chess clocks never let a
///         side spend more than `clock`, and an honest worker wins wherever the challenger points.
contract VerdeArbitration_Fuzz_Test is DisputeBase {
    IVerdeArbitration.Claim internal constant NODE_OUTPUT = IVerdeArbitration.Claim.NodeOutput;

    function _flip(bytes32[] memory proof, uint256 seed) internal pure returns (bytes32[] memory p) {
        p = new bytes32[](proof.length);
        for (uint256 i; i < proof.length; ++i) {
            p[i] = proof[i];
        }
        if (p.length != 0) p[seed % p.length] ^= bytes32(uint256(1) << (seed % 256));
    }

    /// @dev The revert of a proof of item `index` of `count` flipped by `_flip(proof, seed)`: a flipped padding
    ///      sibling is refused as such (PaddingSibling), any other as the move's failed check.
    function _flipErr(uint256 len, uint256 seed, uint256 index, uint256 count, IVerdeArbitration.Check check)
        internal
        pure
        returns (bytes memory)
    {
        uint256 h = seed % len;
        if (((index >> h) ^ 1) << h >= count) return abi.encodeWithSelector(OneStepMerkle.PaddingSibling.selector, h);
        return abi.encodeWithSelector(IVerdeArbitration.ProofFailed.selector, check);
    }

    function testFuzz_revealStepRoots_wrongRootOrProofReverts(bytes32 listRoot, uint256 seed, bool flipFirst) public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        bytes32[] memory items = _stepItems(gameId);
        bytes32 root = TestMerkle.listRoot(items);
        bytes32[] memory first = TestMerkle.listProof(items, 0);
        bytes32[] memory last = TestMerkle.listProof(items, INTERVAL);
        vm.startPrank(worker);
        if (listRoot != root) {
            vm.expectRevert(
                abi.encodeWithSelector(IVerdeArbitration.ProofFailed.selector, IVerdeArbitration.Check.FirstStepRoot)
            );
            arb.revealStepRoots(gameId, listRoot, first, last, 0);
        }
        IVerdeArbitration.Check check =
            flipFirst ? IVerdeArbitration.Check.FirstStepRoot : IVerdeArbitration.Check.LastStepRoot;
        vm.expectRevert(_flipErr(first.length, seed, flipFirst ? 0 : INTERVAL, INTERVAL + 1, check));
        arb.revealStepRoots(
            gameId, root, flipFirst ? _flip(first, seed) : first, flipFirst ? last : _flip(last, seed), 0
        );
        vm.stopPrank();
        assertEq(uint8(_g(gameId).phase), uint8(IVerdeArbitration.Phase.StepRoots));
    }

    function testFuzz_pickStep_wrongProofsAndIndicesRevert(
        uint32 index,
        bytes32 startRoot,
        bytes32 endRoot,
        uint256 seed,
        uint8 which
    ) public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        _revealStepRoots(gameId);
        bytes32[] memory items = _stepItems(gameId);
        vm.startPrank(challenger);
        if (index >= INTERVAL) {
            vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.IndexOutOfRange.selector, index, INTERVAL));
            arb.pickStep(gameId, index, startRoot, new bytes32[](2), endRoot, new bytes32[](2));
            index = index % uint32(INTERVAL);
        }
        bytes32[] memory sp = TestMerkle.listProof(items, index);
        bytes32[] memory ep = TestMerkle.listProof(items, index + 1);
        which %= 4;
        if (which == 0) {
            vm.assume(startRoot != items[index]);
            endRoot = items[index + 1];
        } else if (which == 1) {
            vm.assume(endRoot != items[index + 1]);
            startRoot = items[index];
        } else if (which == 2) {
            (startRoot, endRoot, sp) = (items[index], items[index + 1], _flip(sp, seed));
        } else {
            (startRoot, endRoot, ep) = (items[index], items[index + 1], _flip(ep, seed));
        }
        IVerdeArbitration.Check check =
            which == 0 || which == 2 ? IVerdeArbitration.Check.StartRoot : IVerdeArbitration.Check.EndRoot;
        if (which < 2) vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.ProofFailed.selector, check));
        else vm.expectRevert(_flipErr(sp.length, seed, which == 2 ? index : index + 1, INTERVAL + 1, check));
        arb.pickStep(gameId, index, startRoot, sp, endRoot, ep);
        vm.stopPrank();
        // the honest pick still works
        _pickStep(gameId, index);
        assertEq(_g(gameId).step, INTERVAL + index);
    }

    function testFuzz_answer_wrongItemReverts(uint8 listSeed, uint32 indexSeed, bytes32 item, uint256 seed) public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        _revealStepRoots(gameId);
        IVerdeArbitration.List list;
        uint32 count;
        uint8 l = listSeed % 5;
        if (l == 0) {
            (list, count) = (IVerdeArbitration.List.StepRoots, uint32(INTERVAL + 1));
        } else {
            _pickStep(gameId, 0);
            _revealStepTrace(gameId, 0);
            if (l == 1) {
                (list, count) = (IVerdeArbitration.List.StepTrace, N);
            } else if (l == 2) {
                (list, count) = (IVerdeArbitration.List.NextState, 1);
            } else {
                _pickNode(gameId, NODE_OUTPUT, 3, NO_ELEMENT);
                if (l == 3) {
                    (list, count) = (IVerdeArbitration.List.OutTensor, 2);
                } else {
                    _pickElement(gameId, 3);
                    _revealElementTrace(gameId, 4);
                    (list, count) = (IVerdeArbitration.List.ElementTrace, 4);
                }
            }
        }
        uint32 index = indexSeed % count;
        _query(gameId, list, index);
        (bytes32 right, bytes32[] memory proof) = _answerArgs(gameId);
        IVerdeArbitration.Check check = list == IVerdeArbitration.List.OutTensor
            ? IVerdeArbitration.Check.TensorLeaf
            : IVerdeArbitration.Check.Item;
        vm.startPrank(worker);
        if (item != right) {
            // a tensor's partial last leaf (leaf 1 of 2: two words) with junk padding words is refused as such
            bool junkWords = list == IVerdeArbitration.List.OutTensor && index == 1 && uint256(item) << 64 != 0;
            if (junkWords) vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.LeafPadding.selector));
            else vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.ProofFailed.selector, check));
            arb.answer(gameId, item, proof);
        }
        if (proof.length != 0) {
            vm.expectRevert(_flipErr(proof.length, seed, index, count, check));
            arb.answer(gameId, right, _flip(proof, seed));
        }
        arb.answer(gameId, right, proof);
        vm.stopPrank();
        assertEq(uint8(_g(gameId).phase), uint8(_g(gameId).resume));
    }

    /// @dev Moves at random delays: each side is charged exactly its own thinking time, a move within the remaining
    ///      time succeeds, the first move past it reverts ClockExpired and the other side then wins by timeout.
    function testFuzz_clocks_neverExceeded(uint32[8] memory delays) public {
        uint256 jobId = _job();
        uint256 gameId = _challenge(challenger, jobId, 2);
        uint256 spentW;
        uint256 spentC;
        uint256 budgetW = CLOCK; // the query (move 1) adds ANSWER_TIME
        for (uint256 i; i < 8; ++i) {
            IVerdeArbitration.Game memory g = _g(gameId);
            bool workerTurn = g.phase == IVerdeArbitration.Phase.StepRoots
                || g.phase == IVerdeArbitration.Phase.StepTrace || g.phase == IVerdeArbitration.Phase.Answer
                || g.phase == IVerdeArbitration.Phase.ElementTrace || g.phase == IVerdeArbitration.Phase.OneStep;
            uint256 dt = bound(delays[i], 0, CLOCK * 3 / 4);
            vm.warp(block.timestamp + dt);
            uint256 spent = (workerTurn ? spentW : spentC) + dt;
            if (spent > (workerTurn ? budgetW : CLOCK)) {
                _expiredMove(gameId, i);
                arb.timeout(gameId);
                IVerdeArbitration.Outcome want =
                    workerTurn ? IVerdeArbitration.Outcome.ChallengerWon : IVerdeArbitration.Outcome.WorkerWon;
                assertEq(uint8(_g(gameId).outcome), uint8(want));
                assertLe(spentW, budgetW);
                assertLe(spentC, CLOCK);
                return;
            }
            _play(gameId, i);
            if (workerTurn) spentW = spent;
            else spentC = spent;
            if (i == 1) budgetW += ANSWER_TIME;
            g = _g(gameId);
            assertEq(g.workerClock, budgetW - spentW, "worker clock");
            assertEq(g.challengerClock, CLOCK - spentC, "challenger clock");
            assertEq(g.lastMoveAt, block.timestamp);
        }
        // all eight moves made: the game ended at the one-step
        assertEq(uint8(_g(gameId).phase), uint8(IVerdeArbitration.Phase.Resolved));
        assertLe(spentW, budgetW);
        assertLe(spentC, CLOCK);
    }

    /// @dev Move i with dummy arguments: the clock is checked before anything the arguments say.
    function _expiredMove(uint256 gameId, uint256 i) internal {
        bytes32[] memory none = new bytes32[](0);
        address mover = i == 1 || i == 3 || i == 5 || i == 7 ? challenger : worker;
        IVerdeArbitration.NodePick memory pick;
        if (i == 5) pick = _nodePick(gameId, NODE_OUTPUT, 3, 2);
        IVerdeArbitration.StepTraceReveal memory reveal;
        if (i == 4) reveal = _stepTraceReveal(gameId, 0);
        vm.prank(mover);
        vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.ClockExpired.selector, gameId));
        if (i == 0) arb.revealStepRoots(gameId, 0, none, none, 0);
        else if (i == 1) arb.query(gameId, IVerdeArbitration.List.StepRoots, 1);
        else if (i == 2) arb.answer(gameId, 0, none);
        else if (i == 3) arb.pickStep(gameId, 1, 0, none, 0, none);
        else if (i == 4) arb.revealStepTrace(gameId, reveal);
        else if (i == 5) arb.pickNode(gameId, pick);
        else if (i == 6) arb.revealElementTrace(gameId, 0, 0, 0, none, 0, none, 0);
        else arb.pickEntry(gameId, 0);
    }

    /// @dev Move i of a game with one query: reveal roots, query, answer, pick step, reveal trace, pick node 3
    ///      element 2, reveal element trace, pick entry; then the one-step.
    function _play(uint256 gameId, uint256 i) internal {
        if (i == 0) _revealStepRoots(gameId);
        else if (i == 1) _query(gameId, IVerdeArbitration.List.StepRoots, 1);
        else if (i == 2) _answer(gameId);
        else if (i == 3) _pickStep(gameId, 1);
        else if (i == 4) _revealStepTrace(gameId, 0);
        else if (i == 5) _pickNode(gameId, NODE_OUTPUT, 3, 2);
        else if (i == 6) _revealElementTrace(gameId, 1);
        else _pickEntry(gameId, 0);
        if (i == 7) _proveStep(gameId);
    }

    /// @dev Wherever the challenger points (step, element, entry of a longer trace), the honest worker wins, and
    ///      a worker who lied about the picked element loses.
    function testFuzz_pickPositions(uint32 stepIndex, uint32 element, bool lie, bool firstCheckpoint) public {
        stepIndex = uint32(bound(stepIndex, 0, INTERVAL - 1));
        element = uint32(bound(element, 0, TENSOR_NUMEL - 1));
        uint256 jobId = _job();
        uint256 gameId = _challenge(challenger, jobId, firstCheckpoint ? 1 : 2);
        _revealStepRoots(gameId);
        _pickStep(gameId, stepIndex);
        // LIE_OUT changes word 0 of node 3's output; the challenger points at it when it lies
        uint256 lies = lie ? LIE_OUT : 0;
        if (lie) element = 0;
        _revealStepTrace(gameId, lies);
        _pickNode(gameId, NODE_OUTPUT, 3, NO_ELEMENT);
        _pickElement(gameId, element);
        _revealElementTrace(gameId, 1);
        _pickEntry(gameId, 0);
        _proveStep(gameId);
        IVerdeArbitration.Outcome want =
            lie ? IVerdeArbitration.Outcome.ChallengerWon : IVerdeArbitration.Outcome.WorkerWon;
        assertEq(uint8(_g(gameId).outcome), uint8(want));
        assertEq(arb.balanceOf(lie ? challenger : worker), lie ? BOND + _slashReward() : BOND);
        assertEq(sm.rewardOf(address(arb)), 0);
        _assertAccounted();
    }

    function testFuzz_outOfRangePicksRevert(uint32 element, uint32 entry) public {
        uint256 gameId = _challenge(challenger, _job(), 2);
        _toPickNode(gameId, 0);
        _pickNode(gameId, NODE_OUTPUT, 3, NO_ELEMENT);
        element = uint32(bound(element, TENSOR_NUMEL, type(uint32).max));
        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.IndexOutOfRange.selector, element, TENSOR_NUMEL));
        arb.pickElement(gameId, element);
        _pickElement(gameId, 1);
        _revealElementTrace(gameId, 5);
        entry = uint32(bound(entry, 5, type(uint32).max));
        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.IndexOutOfRange.selector, entry, 5));
        arb.pickEntry(gameId, entry);
    }

    function testFuzz_challenge_badBondReverts(uint256 value) public {
        uint256 jobId = _job();
        value = bound(value, 0, BOND - 1);
        IVerdeArbitration.CheckpointProof memory p1 = _cp(jobId, 1);
        IVerdeArbitration.CheckpointProof memory p2 = _cp(jobId, 2);
        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(IVerdeArbitration.BadBond.selector, value, BOND));
        arb.challenge{value: value}(jobId, 2, p1, p2);
    }
}
