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
///         a chess clock; running out of time loses. Each challenger plays its own game.
interface IVerdeArbitration {
    /// @notice Where a game stands; the name says what is awaited.
    /// Worker to move: StepRoots, StepTrace, Defend, ElementTrace, OneStep, Answer.
    /// Challenger to move: PickStep, PickNode, PickElement, PickEntry.
    enum Phase {
        None,
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

    /// @notice The lists a challenger can open item by item with `query`.
    /// StepRoots: the worker's state roots of the interval (count interval + 1), in PickStep.
    /// StepTrace: the output roots of the step trace (count numNodes), in PickNode.
    /// NextState: the tensor roots of the worker's state after the step (count numState), in PickNode.
    /// OutTensor: the 32-byte leaves of the picked node's output tensor, in PickElement.
    /// ElementTrace: the entry items of the element trace (count traceLength), in PickEntry.
    enum List {
        StepRoots,
        StepTrace,
        NextState,
        OutTensor,
        ElementTrace
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

    enum Outcome {
        None,
        WorkerWon,
        ChallengerWon,
        Moot
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
        Stale, // the job's round moved on (reopened by another game or a timeout); the bond goes back
        FinalRootMismatch // the result's final model root is not the last checkpoint the worker committed
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
        TensorLeaf // answer: the tensor leaf's proof
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
        uint16 queries;
        uint32 queryIndex;
        // the players and their clocks (seconds left)
        address worker;
        uint64 workerClock;
        address challenger;
        uint64 challengerClock;
        uint64 lastMoveAt;
        uint64 step; // first step of the interval, then the picked step t
        uint32 interval;
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
    }

    error BadBond(uint256 sent, uint256 bond);
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
    error TooManyQueries(uint256 max);
    error IndexOutOfRange(uint256 index, uint256 count);
    error NotStale(uint256 gameId);
    error NothingToClaim();
    error TransferFailed();

    event Wired(address jobMarket, address inbox, address oneStep);
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
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice Opens a game against job `jobId`'s worker over the transition from checkpoint `checkpoint - 1` to
    ///         `checkpoint` (checkpoint 0 is the job's initial state root; `prev` is ignored then). Sends the bond.
    ///         When the job's result is submitted and `checkpoint` is the last, a last checkpoint root other than
    ///         the result's final model root resolves the game at once: the worker loses (FinalRootMismatch).
    function challenge(uint256 jobId, uint32 checkpoint, CheckpointProof calldata prev, CheckpointProof calldata cur)
        external
        payable
        returns (uint256 gameId);

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

    /// @notice Worker: the step trace of the picked step (its node count and list root, with the graph's list root
    ///         that binds it to the job's graph) and the state roots' tensor lists at t and t+1.
    function revealStepTrace(
        uint256 gameId,
        uint32 numNodes,
        bytes32 graphList,
        bytes32 traceList,
        uint32 numState,
        bytes32 startList,
        bytes32 nextList,
        bytes32 dataHash
    ) external;

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

    /// @notice Challenger: asks the worker to open item `index` of `list`.
    function query(uint256 gameId, List list, uint32 index) external;

    /// @notice Worker: opens the queried item with its Merkle path (list proof; for OutTensor the tensor leaf and
    ///         its path under the tensor's Merkle root).
    function answer(uint256 gameId, bytes32 item, bytes32[] calldata proof) external;

    /// @notice Ends a game whose side to move has run out of its clock; the other side wins.
    function timeout(uint256 gameId) external;

    /// @notice Ends a game whose job round has moved on; the challenger's bond goes back.
    function closeStale(uint256 gameId) external;

    /// @notice Pays out the caller's balance (bonds won or returned).
    function withdraw() external returns (uint256 amount);

    function getGame(uint256 gameId) external view returns (Game memory);

    function gameCount() external view returns (uint256);

    /// @notice Who must move and until when (0 when the game is over).
    function toMove(uint256 gameId) external view returns (address player, uint256 deadline);

    function balanceOf(address account) external view returns (uint256);

    function totalAccounted() external view returns (uint256);

    function bond() external view returns (uint256);

    function clock() external view returns (uint64);

    function maxQueries() external view returns (uint16);

    function jobMarket() external view returns (address);

    function inbox() external view returns (address);

    function oneStep() external view returns (address);
}
