// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IVerdeArbitration} from "../../src/interfaces/IVerdeArbitration.sol";
import {OneStepLib} from "../../src/onestep/OneStep.sol";
import {DisputeBase} from "./DisputeBase.sol";
import {TestMerkle} from "./TestMerkle.sol";

/// @notice The worst-case gas an honest worker can be made to spend defending one game, measured against the
///         contract's bound `DEFENCE_GAS` (which sizes the bond: requiredBond = max(bond, DEFENCE_GAS * basefee)).
///
/// The largest lists a job allows (the market bounds intervals and checkpoint counts below 2^32, the commitments
/// bind u32 node counts and trace lengths, a tensor has fewer than 2^32 elements) give proofs of 32 levels (29 for
/// a tensor's leaves). This test plays a game over such lists, built as single paths (left and right spines) so
/// that every proof the worker sends has the largest depth, and measures each worker move as a transaction:
/// 21,000 + calldata (the larger of EIP-2028 and the EIP-7623 floor) + the call's execution gas. The worst case is
/// then: revealStepRoots + revealStepTrace + the larger of (defend) and (revealElementTrace + proveStep) + the
/// largest number of answers the per-list query limits allow (5 lists of 33, OutTensor 30) at the largest answer's
/// gas. proveStep is not played at these depths (it needs a whole graph): its bound is the measured one-step of
/// the synthetic game plus, for every sibling a one-step proof can carry at these depths (439) beyond those it
/// carried, one calldata word and one hash, plus the heaviest one-step execution measured in OneStepGas.t.sol
/// (150,000 gas for a MatMul entry over 2^20-element inputs).
///   forge test --match-contract DefenceGas_Test -vv
contract DefenceGas_Test is DisputeBase {
    uint32 internal constant BIG = type(uint32).max; // the interval, the node count and the trace length
    uint64 internal constant BIG_STEPS = type(uint32).max; // one checkpoint of BIG steps
    uint32 internal constant NS = BIG - 1; // the state tensor count (< the node count)
    uint32 internal constant NUMEL = type(uint32).max; // node 0's output elements: 2^29 leaves
    uint256 internal constant ONE_STEP_SIBLINGS = 439; // 4 graph proofs, the entry, 3 operands of 3 proofs
    uint256 internal constant ONE_STEP_EXECUTION = 150_000; // OneStepGas.t.sol's target, MatMul over 2^20 inputs
    uint256 internal constant PER_SIBLING = 1280 + 200; // 32 nonzero calldata bytes at the EIP-7623 floor, a hash

    uint256 private _seed;

    function _r() internal returns (bytes32) {
        return keccak256(abi.encode("defence gas", _seed++));
    }

    /// @dev The root over leaf hash `h` at `index` with `sib` (leaf level first).
    function _up(bytes32 h, uint256 index, bytes32[] memory sib) internal pure returns (bytes32) {
        for (uint256 i; i < sib.length; ++i) {
            h = (index >> i) & 1 == 0 ? TestMerkle.nodeHash(h, sib[i]) : TestMerkle.nodeHash(sib[i], h);
        }
        return h;
    }

    function _z(uint256 h) internal pure returns (bytes32 z) {
        for (uint256 i; i < h; ++i) {
            z = TestMerkle.nodeHash(z, z);
        }
    }

    /// @dev A list of `count` items (depth d) whose item 0 and item `count - 1` are `first` and `last`, built as the
    ///      two spines of one tree (random siblings, zero subtrees where the padding is): the root and both proofs.
    function _spines(uint256 count, bytes32 first, bytes32 last)
        internal
        returns (bytes32 root, bytes32[] memory p0, bytes32[] memory pLast)
    {
        uint256 d = TestMerkle.depth(count);
        uint256 li = count - 1;
        p0 = new bytes32[](d);
        pLast = new bytes32[](d);
        for (uint256 i; i + 1 < d; ++i) {
            p0[i] = _r();
            if ((li >> i) & 1 == 1) pLast[i] = _r();
            else pLast[i] = ((li >> i) ^ 1) << i >= count ? _z(i) : _r();
        }
        bytes32 left = TestMerkle.leafHash(first);
        for (uint256 i; i + 1 < d; ++i) {
            left = TestMerkle.nodeHash(left, p0[i]);
        }
        bytes32[] memory lower = new bytes32[](d - 1);
        for (uint256 i; i + 1 < d; ++i) {
            lower[i] = pLast[i];
        }
        bytes32 right = _up(TestMerkle.leafHash(last), li, lower);
        p0[d - 1] = right;
        pLast[d - 1] = left;
        root = TestMerkle.nodeHash(left, right);
    }

    /// @dev Gas of a transaction sending `data` whose call used `used` gas.
    function _txGas(bytes memory data, uint256 used) internal pure returns (uint256) {
        uint256 tokens;
        for (uint256 i; i < data.length; ++i) {
            tokens += data[i] == 0 ? 1 : 4;
        }
        uint256 standard = 21_000 + 4 * tokens + used;
        uint256 floor = 21_000 + 10 * tokens;
        return standard > floor ? standard : floor;
    }

    /// @dev Sends a worker move and returns its transaction gas, with every contract's storage cold as in a
    ///      transaction of its own.
    function _measure(address from, bytes memory data) internal returns (uint256) {
        vm.cool(address(arb));
        vm.cool(address(market));
        vm.cool(address(sm));
        vm.cool(address(d.oneStep));
        vm.prank(from);
        uint256 g0 = gasleft();
        (bool ok, bytes memory ret) = address(arb).call(data);
        uint256 used = g0 - gasleft();
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return _txGas(data, used);
    }

    struct Big {
        uint256 jobId;
        uint256 gameId;
        bytes32 startList;
        bytes32 nextList;
        bytes32 item0;
        bytes32 item1;
        bytes32 finalRoot;
        bytes32 stepRoots;
        bytes32[] proof0;
        bytes32[] proof1;
        bytes32[] proofLast;
        bytes enc;
        bytes32 graphList;
        bytes32[] graphProof;
        bytes32 outRoot;
        bytes32 leaf;
        bytes32[] leafPath;
    }

    /// @dev A job of one checkpoint of BIG steps whose graph has BIG nodes, its node 0 an operator (ReLU) with a
    ///      [NUMEL] output that becomes state tensor 0, challenged at checkpoint 1.
    function _bigGame() internal returns (Big memory x) {
        x.startList = _r();
        x.nextList = bytes32(0); // set in _stepTrace
        // node 0's output tensor: element NUMEL - 1 in the last (partial) leaf, a 29-level path
        x.leaf = bytes32(uint256(0x3f800000) << 32); // words 0..6, the last word is padding (zero)
        x.leafPath = new bytes32[](29);
        for (uint256 i; i < 29; ++i) {
            x.leafPath[i] = _r();
        }
        uint32[] memory shape = TestMerkle.u32s(NUMEL);
        x.outRoot =
            TestMerkle.tensorRootOf(shape, _up(TestMerkle.leafHash(x.leaf), (uint256(NUMEL) - 1) >> 3, x.leafPath));
        // node 0's encoding (an operator, ReLU of node 0, output 1: state tensor 0) and a 32-level graph proof
        x.enc = TestMerkle.enc(4, OP_RELU, 1, shape, TestMerkle.u32s(0), TestMerkle.none());
        x.graphProof = new bytes32[](32);
        for (uint256 i; i < 32; ++i) {
            x.graphProof[i] = _r();
        }
        // node index 0 of BIG: its level-31 sibling covers [2^31, 2^32), which holds real nodes
        x.graphList = _up(TestMerkle.leafHash(TestMerkle.graphItem(x.enc)), 0, x.graphProof);
        x.item0 = TestMerkle.stateRoot(0, NS, x.startList);
        x.finalRoot = _r();
        IJobMarket.JobParams memory p = _params(1);
        p.steps = BIG_STEPS;
        p.checkpointInterval = BIG_STEPS;
        p.initialStateRoot = x.item0;
        p.graphRoot = TestMerkle.graphRoot(BIG, x.graphList);
        p.executionWindow = uint64(market.minExecutionTime(BIG_STEPS));
        vm.deal(worker, worker.balance + COLLATERAL);
        vm.prank(worker);
        sm.deposit{value: COLLATERAL}();
        vm.prank(poster);
        x.jobId = market.postJob{value: MAX_PRICE}(p);
        vm.prank(worker);
        market.bid(x.jobId, PRICE);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(x.jobId);
        bytes32[] memory cps = new bytes32[](1);
        cps[0] = x.finalRoot;
        _submit(x.jobId, cps);
        IVerdeArbitration.CheckpointProof memory cur;
        cur.stateRoot = x.finalRoot;
        IVerdeArbitration.CheckpointProof memory none;
        x.gameId = arb.gameCount();
        vm.prank(challenger);
        arb.challenge{value: BOND}(x.jobId, 1, none, cur);
    }

    Big internal b;
    IVerdeArbitration.StepTraceReveal internal r;
    bytes32[] internal out0Proof;
    bytes32[] internal next0Proof;

    function test_defenceGas_boundCoversWorstCase() public {
        b = _bigGame();
        _traceLists();
        uint256 revealRoots = _revealRoots();
        uint256 answer = _answers();
        uint256 revealTrace = _revealTrace();
        uint256 defend = _defendBranch();
        uint256 revealElement = _elementBranch();
        uint256 proveStep = _proveStepBound();

        uint256 branchB = revealElement + proveStep;
        uint256 moves = revealRoots + revealTrace + (defend > branchB ? defend : branchB);
        uint256 answers = (5 * 33 + 30) * answer;
        uint256 worst = moves + answers;
        console.log("revealStepRoots (32 levels)     %d", revealRoots);
        console.log("answer (32 levels)              %d", answer);
        console.log("revealStepTrace (32 levels)     %d", revealTrace);
        console.log("defend (32 levels)              %d", defend);
        console.log("revealElementTrace (32/29)      %d", revealElement);
        console.log("proveStep (bound)               %d", proveStep);
        console.log("answers: 195 x %d = %d", answer, answers);
        console.log("worst case defence gas          %d", worst);
        console.log("DEFENCE_GAS                     %d", arb.DEFENCE_GAS());
        assertLe(worst, arb.DEFENCE_GAS(), "DEFENCE_GAS is below the measured worst case");
        console.log("the bond floor covers it up to a base fee of (wei)", BOND / worst);
    }

    /// @dev The step trace's lists: node 0's output is item 0 of the trace list and of the next-state list.
    function _traceLists() internal {
        r.numNodes = BIG;
        r.graphList = b.graphList;
        r.numState = NS;
        r.startList = b.startList;
        r.lastOutRoot = _r();
        (r.traceList, out0Proof, r.lastOutProof) = _spines(BIG, b.outRoot, r.lastOutRoot);
        r.lastNextRoot = _r();
        (r.nextList, next0Proof, r.lastNextProof) = _spines(NS, b.outRoot, r.lastNextRoot);
        b.nextList = r.nextList;
        b.item1 = TestMerkle.stateRoot(1, NS, b.nextList);
    }

    /// @dev revealStepRoots: item 0 and the last of 2^32 items, 32-level proofs (item 1 at item 0's level-0 sibling).
    function _revealRoots() internal returns (uint256) {
        (b.stepRoots, b.proof0, b.proofLast) = _spines(uint256(BIG) + 1, b.item0, b.finalRoot);
        b.proof0[0] = TestMerkle.leafHash(b.item1);
        bytes32 left = TestMerkle.leafHash(b.item0);
        for (uint256 i; i < 31; ++i) {
            left = TestMerkle.nodeHash(left, b.proof0[i]);
        }
        b.proofLast[31] = left;
        b.stepRoots = TestMerkle.nodeHash(left, b.proof0[31]);
        return _measure(
            worker,
            abi.encodeCall(
                IVerdeArbitration.revealStepRoots, (b.gameId, b.stepRoots, b.proof0, b.proofLast, bytes32(0))
            )
        );
    }

    /// @dev The answers: the deepest list (32 levels), the same item again and again up to the limit.
    function _answers() internal returns (uint256 answer) {
        uint256 limit = arb.queryLimit(uint256(BIG) + 1);
        assertEq(limit, 33);
        for (uint256 q; q < limit; ++q) {
            vm.prank(challenger);
            arb.query(b.gameId, IVerdeArbitration.List.StepRoots, 0);
            uint256 a = _measure(worker, abi.encodeCall(IVerdeArbitration.answer, (b.gameId, b.item0, b.proof0)));
            if (a > answer) answer = a;
        }
        vm.prank(challenger);
        vm.expectRevert(
            abi.encodeWithSelector(IVerdeArbitration.TooManyQueries.selector, IVerdeArbitration.List.StepRoots, 33)
        );
        arb.query(b.gameId, IVerdeArbitration.List.StepRoots, 0);
    }

    /// @dev pickStep 0 (the challenger), then revealStepTrace with 32-level last-item proofs.
    function _revealTrace() internal returns (uint256) {
        b.proof1 = new bytes32[](32);
        b.proof1[0] = TestMerkle.leafHash(b.item0);
        for (uint256 i = 1; i < 32; ++i) {
            b.proof1[i] = b.proof0[i];
        }
        vm.prank(challenger);
        arb.pickStep(b.gameId, 0, b.item0, b.proof0, b.item1, b.proof1);
        assertEq(TestMerkle.depth(BIG), 32);
        assertEq(TestMerkle.depth(NS), 32);
        return _measure(worker, abi.encodeCall(IVerdeArbitration.revealStepTrace, (b.gameId, r)));
    }

    function _pick(IVerdeArbitration.Claim claim, uint32 element)
        internal
        view
        returns (IVerdeArbitration.NodePick memory p)
    {
        p.claim = claim;
        p.enc = b.enc;
        p.graphProof = b.graphProof;
        p.outRoot = b.outRoot;
        p.outRootProof = out0Proof;
        p.element = element;
    }

    /// @dev Branch A: StateOutput on node 0 (state tensor 0), defended with a 32-level proof (on a snapshot).
    function _defendBranch() internal returns (uint256 defend) {
        uint256 snap = vm.snapshotState();
        IVerdeArbitration.NodePick memory pick = _pick(IVerdeArbitration.Claim.StateOutput, 0);
        vm.prank(challenger);
        arb.pickNode(b.gameId, pick);
        defend =
            _measure(worker, abi.encodeCall(IVerdeArbitration.defend, (b.gameId, next0Proof, bytes32(0), uint32(0))));
        assertEq(uint8(arb.getGame(b.gameId).outcome), uint8(IVerdeArbitration.Outcome.WorkerWon));
        vm.revertToState(snap);
    }

    /// @dev Branch B: the last element of node 0, an element trace of BIG entries (32 levels), a 29-level leaf.
    function _elementBranch() internal returns (uint256) {
        IVerdeArbitration.NodePick memory pick = _pick(IVerdeArbitration.Claim.NodeOutput, NUMEL - 1);
        vm.prank(challenger);
        arb.pickNode(b.gameId, pick);
        bytes32 lastItem = bytes32(uint256(0x3f800000) << 72) | bytes32(uint256(0x05) << 248);
        (bytes32 elemList,, bytes32[] memory lastProof) = _spines(BIG, _r(), lastItem);
        bytes memory data = abi.encodeCall(
            IVerdeArbitration.revealElementTrace,
            (b.gameId, BIG, elemList, lastItem, lastProof, b.leaf, b.leafPath, bytes32(0))
        );
        return _measure(worker, data);
    }

    /// @dev proveStep's bound: the synthetic game's proveStep (measured), plus the calldata and hash of every sibling
    ///      a one-step proof carries at the largest depths beyond those it carried, plus the heaviest one-step
    ///      execution measured in OneStepGas.t.sol.
    function _proveStepBound() internal returns (uint256) {
        uint256 snap = vm.snapshotState();
        uint256 gameId = _challenge(challenger, _job(), 2);
        _toOneStep(gameId, 0, 4, 1);
        OneStepLib.StepProof memory p = _stepProof(gameId);
        uint256 siblings = p.node.proof.length + p.inputs[0].proof.length + p.entryProof.length
            + p.operands[0].outRootProof.length + p.operands[0].leafPath.length;
        uint256 measured = _measure(worker, abi.encodeCall(IVerdeArbitration.proveStep, (gameId, p)));
        vm.revertToState(snap);
        return measured + (ONE_STEP_SIBLINGS - siblings) * PER_SIBLING + ONE_STEP_EXECUTION;
    }
}
