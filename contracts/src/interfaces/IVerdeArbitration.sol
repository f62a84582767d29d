// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OneStepLib} from "../onestep/OneStep.sol";

/// @title IVerdeArbitration
/// @notice The dispute game (PROTOCOL.md section 6, docs/dispute.md): a bonded challenger disputes one checkpoint
///         transition of a job's worker; the worker reveals ever finer commitments (the state roots of every step
///         of the interval, the step trace of one step, the element trace of one element), the challenger points
///         at one place each time, and the last move executes one float32 primitive on chain. Where the worker
///         withholds the data behind a commitment, the challenger opens items of it one by one through on-chain
///         queries (each answer carries a Merkle path, so the challenger can bisect the tree). Every move runs on
///         a chess clock; running out of time loses. Each challenger plays its own game; when the worker loses one,
///         the slash reward is split among every game of that round still live, so a sybil cannot take it alone.
interface IVerdeArbitration {
    /// @notice Where a game stands; the name says what is awaited.
    /// Worker to move: StepRoots, StepTrace, Defend, ElementTrace, OneStep, Answer.
    /// Challenger to move: PickCheckpoint, PickStep, PickNode, PickElement, PickEntry.
    enum Phase {
        None,
        PickCheckpoint,
        StepRoots,
        PickStep,
        StepTrace,
        PickNode,
        Defend,
        PickElement,
        ElementTrace,
        PickEntry,
        OneStep,
        Answer,
        Resolved
    }

    /// @notice The lists a challenger can open item by item with `query`; at most depth(count) + 1 queries per list
    ///         and game (what a bisection of the worker's tree needs), each adding `answerTime` to the worker's clock.
    /// StepRoots: the worker's state roots of the interval (count interval + 1), in PickStep.
    /// StepTrace: the output roots of the step trace (count numNodes), in PickNode.
    /// NextState: the tensor roots of the worker's state after the step (count numState), in PickNode.
    /// OutTensor: the 32-byte leaves of the picked node's output tensor, in PickElement.
    /// ElementTrace: the entry items of the element trace (count traceLength), in PickEntry.
    /// Checkpoints: the result's checkpoint roots (count K, checkpoint k is item k-1), in PickCheckpoint.
    enum List {
        StepRoots,
        StepTrace,
        NextState,
        OutTensor,
        ElementTrace,
        Checkpoints
    }

    /// @notice What a challenger claims about the node it picks.
    /// NodeOutput: the node's output root in the step trace is wrong (a state, data or constant node that does not
    ///   hold its input, or an operator whose output is wrong given the worker's own inputs).
    /// StateOutput: the node holds state tensor i at t+1 (its encoding's output field is 1 + i) and the worker's
    ///   state root after the step does not have the node's output root as tensor i.
    enum Claim {
        NodeOutput,
        StateOutput
    }

    /// @notice How a game ended. Shared: the worker lost another game of the same round while this one was live;
    ///         this game's challenger gets its bond back and an equal share of the slash reward.
    enum Outcome {
        None,
        WorkerWon,
        ChallengerWon,
        Moot,
        Shared
    }

    /// @notice Why a game ended.
    enum Reason {
        None,
        Timeout, // the side to move ran out of its clock
        Defended, // the worker proved the consistency the challenger disputed
        ConstantHolds, // the picked constant node holds its word
        ConstantWrong, // the picked constant node does not hold its word
        StepCorrect, // the one-step executor agreed with the worker's entry
        StepWrong, // the one-step executor disagreed with the worker's entry (or its trace length)
        Stale, // the job's round ended without a lost game (the worker timed out); the bond goes back
        Shared // the worker lost another game of the round while this one was live: bond back and a reward share
    }

    /// @notice A checkpoint's state root with its proof: from the result's checkpoints root (`fromInbox` false: a
    ///         list proof of item k-1 under it) or from the commitment inbox (a batch proof, or `batchIndex` =
    ///         inbox.FORCED() for a force-included entry, and the worker's EIP-712 signature).
    struct CheckpointProof {
        bytes32 stateRoot;
        bool fromInbox;
        bytes32[] proof;
        uint256 batchIndex;
        uint256 leafIndex;
        bytes signature;
    }

    /// @notice The worker's step trace reveal (revealStepTrace): the trace's node count and list root with the graph's
    ///         list root that binds it to the job's graph, the state tensor lists at t and t+1, and the proofs of the
    ///         last item of the trace list and of the next-state list, whose zero-subtree padding checks make both
    ///         roots canonical.
    struct StepTraceReveal {
        uint32 numNodes;
        bytes32 graphList;
        bytes32 traceList;
        uint32 numState;
        bytes32 startList;
        bytes32 nextList;
        bytes32 lastOutRoot;
        bytes32[] lastOutProof;
        bytes32 lastNextRoot;
        bytes32[] lastNextProof;
        bytes32 dataHash;
    }

    /// @notice The challenger's pick of a node of the step trace: the node's encoding with its graph proof, and the
    ///         worker's output root of it with its proof under the step trace. `element` picks an output element of
    ///         an operator node at once (NO_ELEMENT: pick it later, after queries).
    struct NodePick {
        Claim claim;
        uint32 node;
        bytes enc;
        bytes32[] graphProof;
        bytes32 outRoot;
        bytes32[] outRootProof;
        uint32 element;
    }

    /// @notice Which check of a move failed (the argument of ProofFailed).
    enum Check {
        FirstStepRoot, // revealStepRoots: item 0 is not the start checkpoint
        LastStepRoot, // revealStepRoots: the last item is not the disputed checkpoint
        StartRoot, // pickStep: item index
        EndRoot, // pickStep: item index + 1
        GraphRoot, // revealStepTrace: the graph list does not give the job's graph root
        NumState, // revealStepTrace: state count 0 or not below the node count
        StartState, // revealStepTrace: the tensor list does not give the state root at t
        NextState, // revealStepTrace: the tensor list does not give the state root at t+1
        GraphNode, // pickNode: the node encoding's proof
        OutputRoot, // pickNode: the output root's proof under the step trace
        NextStateTensor, // defend (StateOutput)
        StateTensor, // defend (state node)
        DataRoot, // defend (data node): the data list does not give the job's data root
        DataTensor, // defend (data node)
        EmptyTrace, // revealElementTrace: zero entries
        LastEntry, // revealElementTrace: the last entry's proof
        Element, // revealElementTrace: the element's proof under the node's output root
        LastEntryNotElement, // revealElementTrace: the last entry's result is not the element
        Item, // answer: the item's list proof
        TensorLeaf, // answer: the tensor leaf's proof
        LastOutput, // revealStepTrace: the last output root's proof under the trace list
        LastNext, // revealStepTrace: the last next-state tensor's proof under the next-state list
        Checkpoint // pickCheckpoint: a checkpoint root's proof under the checkpoints list
    }

    /// @notice Why a pick is refused (the argument of BadPick).
    enum PickError {
        NotStateOutput, // StateOutput on a node that is not a state output
        StateIndex, // a state node at an index past the state count
        DataIndex, // a data node among the state nodes
        Constant, // a constant node that is not a [1] tensor of one word
        EmptyOutput, // an operator with no output elements
        NodeKind // an unknown node kind
    }

    struct Game {
        // what is disputed
        uint64 jobId;
        uint32 round;
        uint32 checkpoint;
        Phase phase;
        Phase resume; // the challenger phase an Answer returns to
        List queryList;
        Claim claim;
        uint8 nodeKind;
        Outcome outcome;
        uint16 queries; // queries asked so far, all lists
        uint48 queryCounts; // queries asked per list: 8 bits per List value, from the low bits
        uint32 queryIndex;
        // the players and their clocks (seconds left)
        address worker;
        uint64 workerClock;
        address challenger;
        uint64 challengerClock;
        uint64 lastMoveAt;
        uint64 step; // first step of the interval, then the picked step t
        uint32 interval;
        uint32 checkpoints; // K, the job's checkpoint count
        uint32 numNodes;
        uint32 numState;
        uint32 node;
        uint32 element;
        uint32 entry;
        uint32 traceLength;
        uint32 numel;
        uint32 stateIndex;
        uint8 ndims;
        uint256 dims; // the picked node's shape, dims[i] in bits 32i..32i+31
        uint256 bond;
        bytes32 graphRoot;
        bytes32 startRoot; // checkpoint k-1, then the state root at t
        bytes32 endRoot; // checkpoint k, then the state root at t+1
        bytes32 stepRoots; // list root of the interval's state roots
        bytes32 traceList; // list root of the step trace's output roots
        bytes32 startList; // list root of the state tensors at t
        bytes32 nextList; // list root of the state tensors at t+1
        bytes32 outRoot; // the picked node's output root
        bytes32 elementList; // list root of the element trace
        bytes32 checkpointList; // list root of the result's checkpoints (a game opened with challengeResult)
    }

    /// @notice The games of one assignment round of a job: how many are live, and once the worker lost one, the
    ///         slash reward (`pot`) split into `shares` equal parts (the games live at that moment), of which
    ///         `sharesPaid` were paid, `potPaid` wei in all (the last share takes the rounding remainder).
    struct RoundGames {
        uint32 live;
        uint32 shares;
        uint32 sharesPaid;
        uint128 pot;
        uint128 potPaid;
    }

    error BadBond(uint256 sent, uint256 required);
    error NotDeployer();
    error AlreadyWired();
    error NotWired();
    error ZeroAddress();
    error InvalidParam(string name);
    error UnknownGame(uint256 gameId);
    error BadCheckpoint(uint256 checkpoint, uint256 count);
    error CheckpointProofFailed(uint256 checkpoint);
    error NoResult(uint256 jobId);
    error NoWorker(uint256 jobId);
    error SelfChallenge();
    error WrongPhase(uint256 gameId, Phase phase);
    error NotYourTurn(address expected);
    error ClockExpired(uint256 gameId);
    error ClockRunning(uint256 gameId, uint256 left);
    error ProofFailed(Check check);
    error BadPick(PickError reason);
    error QueryNotAllowed(Phase phase, List list);
    error TooManyQueries(List list, uint256 max);
    error GameExists(uint256 gameId);
    error NotStakeManager();
    error IndexOutOfRange(uint256 index, uint256 count);
    error NotStale(uint256 gameId);
    error NothingToClaim();
    error TransferFailed();

    event Wired(address jobMarket, address inbox, address oneStep, address stakeManager);
    event GameStarted(
        uint256 indexed gameId,
        uint256 indexed jobId,
        address indexed worker,
        address challenger,
        uint32 round,
        uint32 checkpoint,
        bytes32 startRoot,
        bytes32 endRoot
    );
    event CheckpointPicked(uint256 indexed gameId, uint32 checkpoint, bytes32 startRoot, bytes32 endRoot);
    event StepRootsRevealed(uint256 indexed gameId, bytes32 listRoot, bytes32 dataHash);
    event StepPicked(uint256 indexed gameId, uint64 step, bytes32 startRoot, bytes32 endRoot);
    event StepTraceRevealed(
        uint256 indexed gameId,
        uint32 numNodes,
        bytes32 traceList,
        uint32 numState,
        bytes32 startList,
        bytes32 nextList,
        bytes32 dataHash
    );
    event NodePicked(uint256 indexed gameId, Claim claim, uint32 node, bytes32 outRoot, uint32 element);
    event ElementPicked(uint256 indexed gameId, uint32 element);
    event ElementTraceRevealed(uint256 indexed gameId, uint32 traceLength, bytes32 listRoot, bytes32 dataHash);
    event EntryPicked(uint256 indexed gameId, uint32 entry);
    event QueryAsked(uint256 indexed gameId, List list, uint32 index);
    event QueryAnswered(uint256 indexed gameId, List list, uint32 index, bytes32 item, bytes32[] proof);
    event GameResolved(
        uint256 indexed gameId, uint256 indexed jobId, Outcome outcome, Reason reason, address paid, uint256 bond
    );
    /// @notice The worker lost game `gameId` of `round`: `pot` wei of slash reward are split into `shares` equal
    ///         parts among the games of the round live at that moment (this one included).
    event RewardPooled(uint256 indexed jobId, uint32 round, uint256 indexed gameId, uint256 pot, uint32 shares);
    /// @notice `challenger` of game `gameId` was credited `amount` wei, its share of the round's slash reward.
    event RewardShared(uint256 indexed gameId, address indexed challenger, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice Opens a game against job `jobId`'s worker over the transition from checkpoint `checkpoint - 1` to
    ///         `checkpoint` (checkpoint 0 is the job's initial state root; `prev` is ignored then), both roots proven
    ///         (from the result or the inbox). Sends at least `requiredBond()`. One challenger has at most one live
    ///         game per job, round and checkpoint.
    function challenge(uint256 jobId, uint32 checkpoint, CheckpointProof calldata prev, CheckpointProof calldata cur)
        external
        payable
        returns (uint256 gameId);

    /// @notice Opens a game against a submitted result without knowing its checkpoint roots (the worker did not
    ///         publish them): the game opens the result's checkpoints list (the job's `checkpointsList`, fixed at
    ///         submission) item by item with queries (List.Checkpoints) and the challenger picks a transition with
    ///         `pickCheckpoint`; a worker that cannot open its list loses on time. Sends at least `requiredBond()`.
    function challengeResult(uint256 jobId) external payable returns (uint256 gameId);

    /// @notice Challenger, in a game opened with `challengeResult`: disputes the transition from checkpoint
    ///         `checkpoint - 1` to `checkpoint`, both proven under the checkpoints list (item k-1 is checkpoint k;
    ///         checkpoint 0 is the initial state root, `prevRoot` and `prevProof` are ignored then).
    function pickCheckpoint(
        uint256 gameId,
        uint32 checkpoint,
        bytes32 prevRoot,
        bytes32[] calldata prevProof,
        bytes32 curRoot,
        bytes32[] calldata curProof
    ) external;

    /// @notice Worker: the list root of the state roots of every step of the interval (interval + 1 items, item 0
    ///         the start checkpoint, the last the disputed one, both proven here). The items are published off
    ///         chain under `dataHash` (informative).
    function revealStepRoots(
        uint256 gameId,
        bytes32 listRoot,
        bytes32[] calldata firstProof,
        bytes32[] calldata lastProof,
        bytes32 dataHash
    ) external;

    /// @notice Challenger: picks step `index` of the interval: it agrees with item `index` and disputes item
    ///         `index + 1`; both are proven under the step-roots list.
    function pickStep(
        uint256 gameId,
        uint32 index,
        bytes32 startRoot,
        bytes32[] calldata startProof,
        bytes32 endRoot,
        bytes32[] calldata endProof
    ) external;

    /// @notice Worker: the step trace of the picked step (see {StepTraceReveal}).
    function revealStepTrace(uint256 gameId, StepTraceReveal calldata reveal) external;

    /// @notice Challenger: picks a node of the step trace and says what is wrong with it.
    function pickNode(uint256 gameId, NodePick calldata pick) external;

    /// @notice Worker: proves the consistency the challenger disputed in `pickNode` (a list proof of the node's
    ///         output root: under the state at t for a state node, under the state at t+1 for StateOutput, under
    ///         the job's data root for a data node, whose list root and count it supplies too).
    function defend(uint256 gameId, bytes32[] calldata proof, bytes32 dataList, uint32 dataCount) external;

    /// @notice Challenger: picks an output element of the picked operator node.
    function pickElement(uint256 gameId, uint32 element) external;

    /// @notice Worker: the element trace of the picked element, with its last entry (proven) equal to the element
    ///         in the node's output (proven from the node's output root).
    function revealElementTrace(
        uint256 gameId,
        uint32 traceLength,
        bytes32 listRoot,
        bytes32 lastItem,
        bytes32[] calldata lastProof,
        bytes32 leaf,
        bytes32[] calldata leafPath,
        bytes32 dataHash
    ) external;

    /// @notice Challenger: picks the entry it disputes.
    function pickEntry(uint256 gameId, uint32 entry) external;

    /// @notice Worker: proves the picked entry with the one-step executor; the game ends either way.
    function proveStep(uint256 gameId, OneStepLib.StepProof calldata proof) external;

    /// @notice Challenger: asks the worker to open item `index` of `list` (at most depth(count) + 1 queries per
    ///         list); the worker's clock gains `answerTime`.
    function query(uint256 gameId, List list, uint32 index) external;

    /// @notice Worker: opens the queried item with its Merkle path (list proof; for OutTensor the tensor leaf and
    ///         its path under the tensor's Merkle root).
    function answer(uint256 gameId, bytes32 item, bytes32[] calldata proof) external;

    /// @notice Ends a game whose side to move has run out of its clock; the other side wins.
    function timeout(uint256 gameId) external;

    /// @notice Ends a game whose job round has moved on: the challenger's bond goes back, with a share of the slash
    ///         reward if the worker lost another game of the round (Shared), without one otherwise (Moot).
    function closeStale(uint256 gameId) external;

    /// @notice Pays out the caller's balance (bonds won or returned).
    function withdraw() external returns (uint256 amount);

    function getGame(uint256 gameId) external view returns (Game memory);

    function gameCount() external view returns (uint256);

    /// @notice Who must move and until when (0 when the game is over).
    function toMove(uint256 gameId) external view returns (address player, uint256 deadline);

    function balanceOf(address account) external view returns (uint256);

    /// @notice The games of round `round` of job `jobId`.
    function roundGames(uint256 jobId, uint32 round) external view returns (RoundGames memory);

    /// @notice The live game of `challenger` on (`jobId`, `round`, `checkpoint`) plus one, or 0 (checkpoint 0: a
    ///         game opened with `challengeResult` that has not picked its checkpoint yet).
    function liveGameOf(address challenger, uint256 jobId, uint32 round, uint32 checkpoint)
        external
        view
        returns (uint256);

    /// @notice Wei this contract holds for bonds, balances and undistributed reward shares; equal to its balance.
    function totalAccounted() external view returns (uint256);

    /// @notice The bond floor, in wei.
    function bond() external view returns (uint256);

    /// @notice The bond a challenge needs now: the floor, or DEFENCE_GAS at the block's base fee if that is more,
    ///         so that a losing challenger's bond covers the gas it made an honest worker spend.
    function requiredBond() external view returns (uint256);

    /// @notice An upper bound on the gas an honest worker spends defending one game (every move and every answer
    ///         the query limits allow, with the deepest proofs); measured by the forge suite.
    function DEFENCE_GAS() external view returns (uint256);

    /// @notice Each side's thinking time per game, in seconds.
    function clock() external view returns (uint64);

    /// @notice Seconds added to the worker's clock by each query.
    function answerTime() external view returns (uint64);

    /// @notice Most queries of one list in one game: depth(count) + 1.
    function queryLimit(uint256 count) external pure returns (uint256);

    function jobMarket() external view returns (address);

    function inbox() external view returns (address);

    function oneStep() external view returns (address);
}
