// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {JobMarket} from "../../src/JobMarket.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {CommitmentInbox} from "../../src/CommitmentInbox.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {IVerdeArbitration} from "../../src/interfaces/IVerdeArbitration.sol";
import {OneStepLib} from "../../src/onestep/OneStep.sol";
import {ElementProgram} from "../../src/onestep/ElementProgram.sol";
import {Float32} from "../../src/float/Float32.sol";
import {TestMerkle} from "./TestMerkle.sol";

/// @notice A deployment through the Deploy script with the VerdeArbitration game as the arbiter, and a synthetic
///         job whose every commitment is built here (TestMerkle), so that each move of the game can be played
///         honestly or with a chosen lie.
///
/// The job: 4 steps, checkpoint interval 2 (checkpoints 1 and 2 are the state roots after steps 2 and 4). The
/// graph has 8 nodes:
///   0: state tensor 0, shape [10]           4: a state-kind node past the state count (BadPick StateIndex)
///   1: data tensor 0, shape [2]             5: a constant of shape [2] (BadPick Constant)
///   2: constant 1.0, shape [1]              6: an operator with an empty output (BadPick EmptyOutput)
///   3: ReLU(node 0), shape [10], output 1   7: an unknown kind (BadPick NodeKind)
///      (it becomes state tensor 0 at t+1)
/// The state at step s holds `ns` tensors (1, or 2 for a job where node 1 falls among the state nodes): tensor 0
/// holds v(s) with v(0) = [-1, 2, -3, ..., 10] and v(s+1) = ReLU(v(s)); tensor 1 is the [1] tensor [5].
/// The step trace at t holds the nodes' output roots; `lies` replaces some by wrong ones.
abstract contract DisputeBase is Test {
    uint256 internal constant BOND = 0.1 ether;
    uint64 internal constant CLOCK = 1 hours;
    uint64 internal constant ANSWER_TIME = 10 minutes;
    uint128 internal constant COLLATERAL = 5 ether;
    uint128 internal constant MAX_PRICE = 10 ether;
    uint128 internal constant PRICE = 1 ether;
    uint256 internal constant SLASH_REWARD_BPS = 5000;
    uint64 internal constant BID_WINDOW = 1 hours;
    uint64 internal constant EXECUTION_WINDOW = 1 days;
    uint64 internal constant CHALLENGE_WINDOW = 1 days;
    uint64 internal constant STEPS = 4;
    uint64 internal constant INTERVAL = 2;
    uint32 internal constant NUM_CHECKPOINTS = 2;
    uint32 internal constant N = 8;
    uint32 internal constant TENSOR_NUMEL = 10;
    uint32 internal constant W_ONE = 0x3F800000;
    uint32 internal constant NO_ELEMENT = type(uint32).max;
    uint8 internal constant OP_RELU = 0x05;

    // lies of the worker's step trace and element trace
    uint256 internal constant LIE_STATE = 1; // node 0's output root is not state tensor 0 at t
    uint256 internal constant LIE_DATA = 2; // node 1's output root is not the data tensor
    uint256 internal constant LIE_CONST = 4; // node 2's output root is not its constant
    uint256 internal constant LIE_OUT = 8; // node 3's output (and its element trace) has a wrong word 0

    Deploy.Deployment internal d;
    IVerdeArbitration internal arb;
    StakeManager internal sm;
    JobMarket internal market;
    NodeRegistry internal registry;
    CommitmentInbox internal inbox;

    address internal sequencer = makeAddr("sequencer");
    address internal poster = makeAddr("poster");
    address internal worker = makeAddr("worker");
    address internal challenger = makeAddr("challenger");
    address internal challenger2 = makeAddr("challenger2");
    address internal stranger = makeAddr("stranger");

    /// @notice A move as the vectors (testdata/vectors/dispute.json) write it.
    struct Move {
        string from;
        bytes data;
    }

    /// @dev While set, every move sent through _send is appended to `recorded`.
    bool internal recording;
    Move[] internal recorded;

    mapping(uint256 jobId => uint32) internal jobNs;
    mapping(uint256 gameId => uint256) internal gameLies;
    mapping(uint256 gameId => uint32) internal gameTraceLength;

    function setUp() public virtual {
        _deploySystem();
    }

    /// @dev A fresh deployment (the game is the arbiter) with `worker` registered.
    function _deploySystem() internal {
        vm.warp(1_700_000_000);
        d = new Deploy()
            .deploy(
                Deploy.Config({
                arbiter: address(0),
                sequencer: sequencer,
                unbondingDelay: 1 days,
                slashRewardBps: SLASH_REWARD_BPS,
                disputeBond: BOND,
                disputeClock: CLOCK,
                disputeAnswerTime: ANSWER_TIME,
                minExecutionWindow: 10 minutes,
                minStepMicros: 1000
            })
            );
        arb = d.verdeArbitration;
        sm = d.stakeManager;
        market = d.jobMarket;
        registry = d.nodeRegistry;
        inbox = d.commitmentInbox;
        vm.deal(poster, 1000 ether);
        vm.deal(challenger, 100 ether);
        vm.deal(challenger2, 100 ether);
        vm.deal(stranger, 100 ether);
        vm.prank(worker);
        registry.register(abi.encodePacked("peer-", worker), "cpu:amd64x16");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The synthetic commitments
    // ---------------------------------------------------------------------------------------------------------

    function _shape1(uint32 a) internal pure returns (uint32[] memory) {
        return TestMerkle.u32s(a);
    }

    function _encs() internal pure returns (bytes[] memory e) {
        uint32[] memory none = TestMerkle.none();
        e = new bytes[](N);
        e[0] = TestMerkle.enc(1, 0, 0, _shape1(TENSOR_NUMEL), none, none);
        e[1] = TestMerkle.enc(2, 0, 0, _shape1(2), none, none);
        e[2] = TestMerkle.enc(3, 0, 0, _shape1(1), none, _shape1(W_ONE));
        e[3] = TestMerkle.enc(4, OP_RELU, 1, _shape1(TENSOR_NUMEL), _shape1(0), none);
        e[4] = TestMerkle.enc(1, 0, 0, _shape1(1), none, none);
        e[5] = TestMerkle.enc(3, 0, 0, _shape1(2), none, _shape1(W_ONE));
        e[6] = TestMerkle.enc(4, OP_RELU, 0, _shape1(0), _shape1(0), none);
        e[7] = TestMerkle.enc(9, 0, 0, _shape1(1), none, none);
    }

    function _graphItems() internal pure returns (bytes32[] memory items) {
        bytes[] memory e = _encs();
        items = new bytes32[](e.length);
        for (uint256 i; i < e.length; ++i) {
            items[i] = TestMerkle.graphItem(e[i]);
        }
    }

    function _graphList() internal pure returns (bytes32) {
        return TestMerkle.listRoot(_graphItems());
    }

    function _graphRoot() internal pure returns (bytes32) {
        return TestMerkle.graphRoot(N, _graphList());
    }

    function _graphProof(uint256 node) internal pure returns (bytes32[] memory) {
        return TestMerkle.listProof(_graphItems(), node);
    }

    /// @dev v(s): state tensor 0's words at step s.
    function _v(uint64 s) internal pure returns (uint32[] memory w) {
        w = new uint32[](TENSOR_NUMEL);
        for (uint256 i; i < TENSOR_NUMEL; ++i) {
            uint32 x = uint32(Float32.u2f(i + 1));
            if (i % 2 == 0) x |= 0x80000000;
            w[i] = s == 0 ? x : _relu(x);
        }
    }

    function _relu(uint32 x) internal pure returns (uint32) {
        return uint32(Float32.exec(Float32.OP_MAX, x, 0, 0));
    }

    function _t0Root(uint64 s) internal pure returns (bytes32) {
        return TestMerkle.tensorRoot(_shape1(TENSOR_NUMEL), _v(s));
    }

    function _t1Root() internal pure returns (bytes32) {
        return TestMerkle.tensorRoot(_shape1(1), _shape1(5));
    }

    function _stateTensors(uint64 s, uint32 ns) internal pure returns (bytes32[] memory items) {
        items = new bytes32[](ns);
        items[0] = _t0Root(s);
        for (uint256 i = 1; i < ns; ++i) {
            items[i] = _t1Root();
        }
    }

    function _stateList(uint64 s, uint32 ns) internal pure returns (bytes32) {
        return TestMerkle.listRoot(_stateTensors(s, ns));
    }

    function _stateRoot(uint64 s, uint32 ns) internal pure returns (bytes32) {
        return TestMerkle.stateRoot(s, ns, _stateList(s, ns));
    }

    function _checkpoints(uint32 ns) internal pure returns (bytes32[] memory cps) {
        cps = new bytes32[](NUM_CHECKPOINTS);
        for (uint256 k = 1; k <= NUM_CHECKPOINTS; ++k) {
            cps[k - 1] = _stateRoot(uint64(k) * INTERVAL, ns);
        }
    }

    function _checkpointsRoot(uint32 ns) internal pure returns (bytes32) {
        return TestMerkle.checkpointsRoot(NUM_CHECKPOINTS, TestMerkle.listRoot(_checkpoints(ns)));
    }

    function _dataTensor() internal pure returns (bytes32) {
        uint32[] memory w = new uint32[](2);
        (w[0], w[1]) = (7, 8);
        return TestMerkle.tensorRoot(_shape1(2), w);
    }

    function _dataItems() internal pure returns (bytes32[] memory items) {
        items = new bytes32[](1);
        items[0] = _dataTensor();
    }

    function _dataList() internal pure returns (bytes32) {
        return TestMerkle.listRoot(_dataItems());
    }

    function _dataRoot() internal pure returns (bytes32) {
        return TestMerkle.dataRoot(1, _dataList());
    }

    function _constRoot(uint32 word) internal pure returns (bytes32) {
        return TestMerkle.tensorRoot(_shape1(1), _shape1(word));
    }

    /// @dev Node 3's output words at step t (ReLU of v(t), word 0 off by one under LIE_OUT).
    function _out(uint64 t, uint256 lies) internal pure returns (uint32[] memory w) {
        w = _v(t + 1);
        if (lies & LIE_OUT != 0) w[0] ^= 1;
    }

    function _traceItems(uint64 t, uint256 lies) internal pure returns (bytes32[] memory items) {
        items = new bytes32[](N);
        items[0] = lies & LIE_STATE != 0 ? keccak256("bad state") : _t0Root(t);
        items[1] = lies & LIE_DATA != 0 ? keccak256("bad data") : _dataTensor();
        items[2] = _constRoot(lies & LIE_CONST != 0 ? W_ONE + 1 : W_ONE);
        items[3] = TestMerkle.tensorRoot(_shape1(TENSOR_NUMEL), _out(t, lies));
        for (uint256 i = 4; i < N; ++i) {
            items[i] = keccak256(abi.encode("junk", i));
        }
    }

    /// @dev Entry `length - 1` (the only real one) of element `e`'s trace of node 3; earlier entries are junk.
    function _elementItems(uint64 t, uint256 lies, uint32 e, uint32 length) internal pure returns (bytes32[] memory) {
        bytes32[] memory items = new bytes32[](length);
        for (uint256 i; i + 1 < length; ++i) {
            items[i] = keccak256(abi.encode("entry", i));
        }
        uint32[][] memory shapes = new uint32[][](1);
        shapes[0] = _shape1(TENSOR_NUMEL);
        bytes32 header = ElementProgram.header(OP_RELU, TestMerkle.none(), shapes, 0, e, 0);
        items[length - 1] = header | bytes32(uint256(_out(t, lies)[e]) << 72);
        return items;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The market
    // ---------------------------------------------------------------------------------------------------------

    function _params(uint32 ns) internal pure returns (IJobMarket.JobParams memory p) {
        p = IJobMarket.JobParams({
            specHash: keccak256("spec"),
            datasetHash: keccak256("dataset"),
            datasetUri: bytes32("ipfs://dataset"),
            initialStateRoot: _stateRoot(0, ns),
            graphRoot: _graphRoot(),
            dataRoot: _dataRoot(),
            steps: STEPS,
            checkpointInterval: INTERVAL,
            maxPrice: MAX_PRICE,
            requiredCollateral: COLLATERAL,
            bidWindow: BID_WINDOW,
            executionWindow: EXECUTION_WINDOW,
            challengeWindow: CHALLENGE_WINDOW
        });
    }

    /// @dev Posts a job, `worker` stakes exactly the collateral, bids PRICE and is assigned.
    function _assignedJob(uint32 ns) internal returns (uint256 jobId) {
        vm.deal(worker, worker.balance + COLLATERAL);
        vm.prank(worker);
        sm.deposit{value: COLLATERAL}();
        vm.prank(poster);
        jobId = market.postJob{value: MAX_PRICE}(_params(ns));
        jobNs[jobId] = ns;
        vm.prank(worker);
        market.bid(jobId, PRICE);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
    }

    function _submittedJob(uint32 ns) internal returns (uint256 jobId) {
        jobId = _assignedJob(ns);
        bytes32[] memory cps = _checkpoints(ns);
        _submit(jobId, cps);
    }

    /// @dev The job's worker submits a result over checkpoint roots `cps` (the last one is the final model).
    function _submit(uint256 jobId, bytes32[] memory cps) internal {
        (bytes32 lr, bytes32[] memory proof) = TestMerkle.list(cps, cps.length - 1);
        vm.prank(market.getJob(jobId).worker);
        // forge-lint: disable-next-line(unsafe-typecast)
        market.submitResult(jobId, cps[cps.length - 1], TestMerkle.checkpointsRoot(uint32(cps.length), lr), proof);
    }

    function _job() internal returns (uint256) {
        return _submittedJob(1);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Moves, played honestly (or with the game's lies)
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Sends a move to the game from `from` (bubbling its revert), recording it when asked.
    function _send(address from, uint256 value, bytes memory data) internal returns (bytes memory ret) {
        if (recording) recorded.push(Move(from == worker ? "worker" : "challenger", data));
        vm.prank(from);
        bool ok;
        (ok, ret) = address(arb).call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    function _cp(uint256 jobId, uint32 k) internal view returns (IVerdeArbitration.CheckpointProof memory p) {
        bytes32[] memory cps = _checkpoints(jobNs[jobId]);
        p.stateRoot = cps[k - 1];
        p.proof = TestMerkle.listProof(cps, k - 1);
    }

    function _noCp() internal pure returns (IVerdeArbitration.CheckpointProof memory p) {}

    function _challenge(address who, uint256 jobId, uint32 k) internal returns (uint256 gameId) {
        IVerdeArbitration.CheckpointProof memory prev = k > 1 ? _cp(jobId, k - 1) : _noCp();
        gameId = arb.gameCount();
        _send(who, BOND, abi.encodeCall(IVerdeArbitration.challenge, (jobId, k, prev, _cp(jobId, k))));
    }

    /// @dev Opens a game on the job's result without naming a checkpoint (challengeResult).
    function _challengeResult(address who, uint256 jobId) internal returns (uint256 gameId) {
        gameId = arb.gameCount();
        _send(who, BOND, abi.encodeCall(IVerdeArbitration.challengeResult, (jobId)));
    }

    /// @dev Picks checkpoint k in a challengeResult game, with proofs under the job's (honest) checkpoint list.
    function _pickCheckpoint(uint256 gameId, uint32 k) internal {
        bytes32[] memory cps = _checkpoints(jobNs[_g(gameId).jobId]);
        bytes32 prev;
        bytes32[] memory prevProof;
        if (k > 1) (prev, prevProof) = (cps[k - 2], TestMerkle.listProof(cps, k - 2));
        _send(
            _g(gameId).challenger,
            0,
            abi.encodeCall(
                IVerdeArbitration.pickCheckpoint,
                (gameId, k, prev, prevProof, cps[k - 1], TestMerkle.listProof(cps, k - 1))
            )
        );
    }

    function _g(uint256 gameId) internal view returns (IVerdeArbitration.Game memory) {
        return arb.getGame(gameId);
    }

    function _ns(uint256 gameId) internal view returns (uint32) {
        return jobNs[_g(gameId).jobId];
    }

    /// @dev The interval's state roots of the game's checkpoint.
    function _stepItems(uint256 gameId) internal view returns (bytes32[] memory items) {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint32 ns = jobNs[g.jobId];
        uint64 first = uint64(g.checkpoint - 1) * INTERVAL;
        items = new bytes32[](INTERVAL + 1);
        for (uint256 i; i <= INTERVAL; ++i) {
            items[i] = _stateRoot(first + uint64(i), ns);
        }
    }

    function _revealStepRoots(uint256 gameId) internal {
        bytes32[] memory items = _stepItems(gameId);
        _send(
            _g(gameId).worker,
            0,
            abi.encodeCall(
                IVerdeArbitration.revealStepRoots,
                (
                    gameId,
                    TestMerkle.listRoot(items),
                    TestMerkle.listProof(items, 0),
                    TestMerkle.listProof(items, INTERVAL),
                    keccak256("step roots")
                )
            )
        );
    }

    function _pickStep(uint256 gameId, uint32 index) internal {
        bytes32[] memory items = _stepItems(gameId);
        address c = _g(gameId).challenger;
        _send(
            c,
            0,
            abi.encodeCall(
                IVerdeArbitration.pickStep,
                (
                    gameId,
                    index,
                    items[index],
                    TestMerkle.listProof(items, index),
                    items[index + 1],
                    TestMerkle.listProof(items, index + 1)
                )
            )
        );
    }

    /// @dev The worker's step trace reveal (with the lies of `lies`).
    function _stepTraceReveal(uint256 gameId, uint256 lies)
        internal
        view
        returns (IVerdeArbitration.StepTraceReveal memory r)
    {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint32 ns = jobNs[g.jobId];
        bytes32[] memory trace = _traceItems(g.step, lies);
        bytes32[] memory next = _stateTensors(g.step + 1, ns);
        r.numNodes = N;
        r.graphList = _graphList();
        r.traceList = TestMerkle.listRoot(trace);
        r.numState = ns;
        r.startList = _stateList(g.step, ns);
        r.nextList = TestMerkle.listRoot(next);
        r.lastOutRoot = trace[N - 1];
        r.lastOutProof = TestMerkle.listProof(trace, N - 1);
        r.lastNextRoot = next[ns - 1];
        r.lastNextProof = TestMerkle.listProof(next, ns - 1);
        r.dataHash = keccak256("step trace");
    }

    function _revealStepTrace(uint256 gameId, uint256 lies) internal {
        IVerdeArbitration.StepTraceReveal memory r = _stepTraceReveal(gameId, lies);
        gameLies[gameId] = lies;
        _send(_g(gameId).worker, 0, abi.encodeCall(IVerdeArbitration.revealStepTrace, (gameId, r)));
    }

    /// @dev Plays challenge-free moves up to PickNode (step index 0 of the interval).
    function _toPickNode(uint256 gameId, uint256 lies) internal {
        _revealStepRoots(gameId);
        _pickStep(gameId, 0);
        _revealStepTrace(gameId, lies);
    }

    function _nodePick(uint256 gameId, IVerdeArbitration.Claim claim, uint32 node, uint32 element)
        internal
        view
        returns (IVerdeArbitration.NodePick memory p)
    {
        bytes32[] memory items = _traceItems(_g(gameId).step, gameLies[gameId]);
        p.claim = claim;
        p.node = node;
        p.enc = _encs()[node];
        p.graphProof = _graphProof(node);
        p.outRoot = items[node];
        p.outRootProof = TestMerkle.listProof(items, node);
        p.element = element;
    }

    function _pickNode(uint256 gameId, IVerdeArbitration.Claim claim, uint32 node, uint32 element) internal {
        IVerdeArbitration.NodePick memory p = _nodePick(gameId, claim, node, element);
        _send(_g(gameId).challenger, 0, abi.encodeCall(IVerdeArbitration.pickNode, (gameId, p)));
    }

    /// @dev The worker's defence of the picked node (the proof it would give; wrong if the worker lied).
    function _defendArgs(uint256 gameId)
        internal
        view
        returns (bytes32[] memory proof, bytes32 dataList, uint32 dataCount)
    {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint32 ns = jobNs[g.jobId];
        if (g.claim == IVerdeArbitration.Claim.StateOutput) {
            proof = TestMerkle.listProof(_stateTensors(g.step + 1, ns), g.stateIndex);
        } else if (g.nodeKind == 1) {
            proof = TestMerkle.listProof(_stateTensors(g.step, ns), g.node);
        } else {
            proof = TestMerkle.listProof(_dataItems(), g.node - ns);
            dataList = _dataList();
            dataCount = 1;
        }
    }

    function _defend(uint256 gameId) internal {
        (bytes32[] memory proof, bytes32 dataList, uint32 dataCount) = _defendArgs(gameId);
        _send(_g(gameId).worker, 0, abi.encodeCall(IVerdeArbitration.defend, (gameId, proof, dataList, dataCount)));
    }

    function _pickElement(uint256 gameId, uint32 e) internal {
        _send(_g(gameId).challenger, 0, abi.encodeCall(IVerdeArbitration.pickElement, (gameId, e)));
    }

    struct ElementReveal {
        uint32 traceLength;
        bytes32 listRoot;
        bytes32 lastItem;
        bytes32[] lastProof;
        bytes32 leaf;
        bytes32[] leafPath;
    }

    function _elementReveal(uint256 gameId, uint32 length) internal view returns (ElementReveal memory r) {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint256 lies = gameLies[gameId];
        bytes32[] memory items = _elementItems(g.step, lies, g.element, length);
        r.traceLength = length;
        r.listRoot = TestMerkle.listRoot(items);
        r.lastItem = items[length - 1];
        r.lastProof = TestMerkle.listProof(items, length - 1);
        (r.leaf, r.leafPath) = TestMerkle.elementProof(_out(g.step, lies), g.element);
    }

    function _revealElementTrace(uint256 gameId, uint32 length) internal {
        ElementReveal memory r = _elementReveal(gameId, length);
        gameTraceLength[gameId] = length;
        _send(
            _g(gameId).worker,
            0,
            abi.encodeCall(
                IVerdeArbitration.revealElementTrace,
                (
                    gameId,
                    r.traceLength,
                    r.listRoot,
                    r.lastItem,
                    r.lastProof,
                    r.leaf,
                    r.leafPath,
                    keccak256("element trace")
                )
            )
        );
    }

    function _pickEntry(uint256 gameId, uint32 entry) internal {
        _send(_g(gameId).challenger, 0, abi.encodeCall(IVerdeArbitration.pickEntry, (gameId, entry)));
    }

    /// @dev Plays up to OneStep: node 3 (ReLU), element `e`, the last entry of a trace of `length` entries.
    function _toOneStep(uint256 gameId, uint256 lies, uint32 e, uint32 length) internal {
        _toPickNode(gameId, lies);
        _pickNode(gameId, IVerdeArbitration.Claim.NodeOutput, 3, e);
        _revealElementTrace(gameId, length);
        _pickEntry(gameId, length - 1);
    }

    /// @dev The one-step proof of the picked entry (node 3's ReLU entry reads element e of node 0).
    function _stepProof(uint256 gameId) internal view returns (OneStepLib.StepProof memory p) {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint256 lies = gameLies[gameId];
        uint32 length = gameTraceLength[gameId];
        bytes[] memory encs = _encs();
        bytes32[] memory items = _elementItems(g.step, lies, g.element, length);
        bytes32[] memory trace = _traceItems(g.step, lies);
        p.numNodes = N;
        p.traceLength = length;
        p.node = OneStepLib.GraphNode(encs[3], _graphProof(3));
        p.inputs = new OneStepLib.GraphNode[](1);
        p.inputs[0] = OneStepLib.GraphNode(encs[0], _graphProof(0));
        p.entryItem = items[g.entry];
        p.entryProof = TestMerkle.listProof(items, g.entry);
        p.operands[0].outRoot = trace[0];
        p.operands[0].outRootProof = TestMerkle.listProof(trace, 0);
        (p.operands[0].leaf, p.operands[0].leafPath) = TestMerkle.elementProof(_v(g.step), g.element);
    }

    function _proveStep(uint256 gameId) internal {
        OneStepLib.StepProof memory p = _stepProof(gameId);
        _send(_g(gameId).worker, 0, abi.encodeCall(IVerdeArbitration.proveStep, (gameId, p)));
    }

    /// @dev The worker's answer to the pending query.
    function _answerArgs(uint256 gameId) internal view returns (bytes32 item, bytes32[] memory proof) {
        IVerdeArbitration.Game memory g = _g(gameId);
        uint256 lies = gameLies[gameId];
        uint32 ns = jobNs[g.jobId];
        bytes32[] memory items;
        if (g.queryList == IVerdeArbitration.List.StepRoots) {
            items = _stepItems(gameId);
        } else if (g.queryList == IVerdeArbitration.List.StepTrace) {
            items = _traceItems(g.step, lies);
        } else if (g.queryList == IVerdeArbitration.List.NextState) {
            items = _stateTensors(g.step + 1, ns);
        } else if (g.queryList == IVerdeArbitration.List.OutTensor) {
            items = TestMerkle.tensorLeaves(_out(g.step, lies));
        } else if (g.queryList == IVerdeArbitration.List.Checkpoints) {
            items = _checkpoints(ns);
        } else {
            items = _elementItems(g.step, lies, g.element, g.traceLength);
        }
        item = items[g.queryIndex];
        proof = TestMerkle.listProof(items, g.queryIndex);
    }

    function _query(uint256 gameId, IVerdeArbitration.List list, uint32 index) internal {
        _send(_g(gameId).challenger, 0, abi.encodeCall(IVerdeArbitration.query, (gameId, list, index)));
    }

    function _answer(uint256 gameId) internal {
        (bytes32 item, bytes32[] memory proof) = _answerArgs(gameId);
        _send(_g(gameId).worker, 0, abi.encodeCall(IVerdeArbitration.answer, (gameId, item, proof)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------------------

    function _assertAccounted() internal view {
        assertEq(address(arb).balance, arb.totalAccounted(), "arbitration balance != totalAccounted");
    }

    function _slashReward() internal pure returns (uint256) {
        return uint256(COLLATERAL) * SLASH_REWARD_BPS / 10_000;
    }
}
