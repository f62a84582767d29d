// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IVerdeArbitration} from "./interfaces/IVerdeArbitration.sol";
import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {ICommitmentInbox} from "./interfaces/ICommitmentInbox.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {OneStep, OneStepLib} from "./onestep/OneStep.sol";
import {OneStepMerkle} from "./onestep/OneStepMerkle.sol";

/// @title VerdeArbitration
/// @notice The dispute game. See {IVerdeArbitration} and docs/dispute.md.
/// @dev It is the arbiter of JobMarket (which slashes the worker's collateral through StakeManager, with the reward
///      share credited here). It holds the challengers' bonds and the undistributed reward shares: a bond goes back
///      to a winning challenger, to the worker when the challenger loses, and back to the challenger when the job's
///      round moved on; the reward of a lost round is split equally among the games of the round live when the
///      worker lost. Clocks compare `block.timestamp` by design (minutes to hours per side).
contract VerdeArbitration is IVerdeArbitration, ReentrancyGuardTransient {
    uint32 public constant NO_ELEMENT = type(uint32).max;
    uint8 internal constant KIND_STATE = 1;
    uint8 internal constant KIND_DATA = 2;
    uint8 internal constant KIND_CONST = 3;
    uint8 internal constant KIND_OP = 4;

    /// @inheritdoc IVerdeArbitration
    /// @dev An honest worker's moves in one game, each with proofs of the largest depth a job allows (32 levels; 29
    ///      for a tensor's leaves), plus every answer the per-list query limits allow (195: 33 per list, 30 for a
    ///      tensor's leaves), each at the gas of a 32-level answer, as transactions of their own (cold storage,
    ///      EIP-7623 calldata floor). `DefenceGas_Test` measures every term (16.9M gas in all) and checks the sum is
    ///      below this bound.
    uint256 public constant DEFENCE_GAS = 18_000_000;
    /// @dev Shortest clock and answer time accepted, in seconds: a move needs a few blocks to land.
    uint64 internal constant MIN_TIME = 10;

    /// @inheritdoc IVerdeArbitration
    uint256 public immutable bond;
    /// @inheritdoc IVerdeArbitration
    uint64 public immutable clock;
    /// @inheritdoc IVerdeArbitration
    uint64 public immutable answerTime;
    address public immutable deployer;

    IJobMarket internal _market;
    ICommitmentInbox internal _inbox;
    OneStep internal _oneStep;
    IStakeManager internal _stakeManager;

    Game[] internal _games;
    mapping(address account => uint256) internal _balances;
    mapping(uint256 jobId => mapping(uint32 round => RoundGames)) internal _rounds;
    /// @dev keccak(challenger, jobId, round, checkpoint) => live game id + 1.
    mapping(bytes32 key => uint256) internal _liveGames;
    /// @inheritdoc IVerdeArbitration
    uint256 public totalAccounted;

    /// @param bond_ The challenger's bond floor, in wei (see requiredBond).
    /// @param clock_ Each side's total thinking time per game, in seconds.
    /// @param answerTime_ Seconds each query adds to the worker's clock: queries cannot run the worker's clock
    ///        down, and with the per-list query limits a game lasts at most 2 * clock + 195 * answerTime.
    constructor(uint256 bond_, uint64 clock_, uint64 answerTime_) {
        if (bond_ == 0) revert InvalidParam("bond");
        if (clock_ < MIN_TIME || clock_ > 365 days) revert InvalidParam("clock");
        if (answerTime_ < MIN_TIME || answerTime_ > clock_) revert InvalidParam("answerTime");
        bond = bond_;
        clock = clock_;
        answerTime = answerTime_;
        deployer = msg.sender;
    }

    /// @notice Takes the slash reward from the StakeManager (claimReward), nothing else.
    receive() external payable {
        if (msg.sender != address(_stakeManager)) revert NotStakeManager();
    }

    /// @notice Sets the market, the inbox and the one-step executor, once, by the deployer (the market needs this
    ///         contract's address as its arbiter, so they cannot all be constructor arguments).
    function wire(IJobMarket market_, ICommitmentInbox inbox_, OneStep oneStep_) external {
        if (msg.sender != deployer) revert NotDeployer();
        if (address(_market) != address(0)) revert AlreadyWired();
        if (address(market_) == address(0) || address(inbox_) == address(0) || address(oneStep_) == address(0)) {
            revert ZeroAddress();
        }
        _market = market_;
        _inbox = inbox_;
        _oneStep = oneStep_;
        address sm = market_.stakeManager();
        _stakeManager = IStakeManager(sm);
        emit Wired(address(market_), address(inbox_), address(oneStep_), sm);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Opening
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerdeArbitration
    function challenge(uint256 jobId, uint32 checkpoint, CheckpointProof calldata prev, CheckpointProof calldata cur)
        external
        payable
        returns (uint256 gameId)
    {
        (IJobMarket.Job memory job, uint256 count) = _checkOpen(jobId);
        if (checkpoint == 0 || checkpoint > count) revert BadCheckpoint(checkpoint, count);
        bytes32 start =
            checkpoint == 1 ? job.params.initialStateRoot : _checkpointRoot(job, jobId, checkpoint - 1, count, prev);
        bytes32 end = _checkpointRoot(job, jobId, checkpoint, count, cur);
        Game storage g;
        (gameId, g) = _open(job, jobId, count);
        _setCheckpoint(gameId, g, checkpoint, start, end);
    }

    /// @inheritdoc IVerdeArbitration
    function challengeResult(uint256 jobId) external payable returns (uint256 gameId) {
        (IJobMarket.Job memory job, uint256 count) = _checkOpen(jobId);
        if (job.status != IJobMarket.JobStatus.Submitted) revert NoResult(jobId);
        Game storage g;
        (gameId, g) = _open(job, jobId, count);
        g.checkpointList = job.checkpointsList;
        g.phase = Phase.PickCheckpoint;
        _claimKey(gameId, g, 0);
        emit GameStarted(gameId, jobId, job.worker, msg.sender, g.round, 0, bytes32(0), bytes32(0));
    }

    /// @inheritdoc IVerdeArbitration
    function pickCheckpoint(
        uint256 gameId,
        uint32 checkpoint,
        bytes32 prevRoot,
        bytes32[] calldata prevProof,
        bytes32 curRoot,
        bytes32[] calldata curProof
    ) external {
        Game storage g = _move(gameId, Phase.PickCheckpoint);
        uint256 count = g.checkpoints;
        if (checkpoint == 0 || checkpoint > count) revert BadCheckpoint(checkpoint, count);
        bytes32 list = g.checkpointList;
        if (checkpoint == 1) {
            prevRoot = _market.getJob(g.jobId).params.initialStateRoot;
        } else if (OneStepMerkle.listRootOf(prevRoot, checkpoint - 2, count, prevProof) != list) {
            revert ProofFailed(Check.Checkpoint);
        }
        if (OneStepMerkle.listRootOf(curRoot, checkpoint - 1, count, curProof) != list) {
            revert ProofFailed(Check.Checkpoint);
        }
        delete _liveGames[_key(g, 0)];
        _setCheckpoint(gameId, g, checkpoint, prevRoot, curRoot);
    }

    /// @dev The checks of both ways to open a game; returns the job and its checkpoint count.
    function _checkOpen(uint256 jobId) internal view returns (IJobMarket.Job memory job, uint256 count) {
        if (address(_market) == address(0)) revert NotWired();
        job = _market.getJob(jobId);
        uint256 required = requiredBond();
        if (msg.value < required) revert BadBond(msg.value, required);
        if (job.worker == address(0)) revert NoWorker(jobId);
        if (msg.sender == job.worker) revert SelfChallenge();
        uint64 interval = job.params.checkpointInterval;
        count = interval == 0 ? 0 : job.params.steps / interval;
    }

    function _open(IJobMarket.Job memory job, uint256 jobId, uint256 count)
        internal
        returns (uint256 gameId, Game storage g)
    {
        uint32 round = _market.openDispute(jobId);
        gameId = _games.length;
        g = _games.push();
        // Safe casts: job ids, intervals and checkpoint counts are counters and parameters the market bounds.
        // forge-lint: disable-next-line(unsafe-typecast)
        g.jobId = uint64(jobId);
        g.round = round;
        g.worker = job.worker;
        g.workerClock = clock;
        g.challenger = msg.sender;
        g.challengerClock = clock;
        g.lastMoveAt = uint64(block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast)
        g.interval = uint32(job.params.checkpointInterval);
        // forge-lint: disable-next-line(unsafe-typecast)
        g.checkpoints = uint32(count);
        g.bond = msg.value;
        g.graphRoot = job.params.graphRoot;
        totalAccounted += msg.value;
        ++_rounds[jobId][round].live;
    }

    /// @dev Fixes the disputed transition (checkpoint - 1 -> checkpoint); the worker reveals its step roots next.
    function _setCheckpoint(uint256 gameId, Game storage g, uint32 checkpoint, bytes32 start, bytes32 end) internal {
        _claimKey(gameId, g, checkpoint);
        g.checkpoint = checkpoint;
        g.step = uint64(checkpoint - 1) * g.interval;
        g.startRoot = start;
        g.endRoot = end;
        g.phase = Phase.StepRoots;
        if (g.checkpointList == bytes32(0)) {
            emit GameStarted(gameId, g.jobId, g.worker, g.challenger, g.round, checkpoint, start, end);
        } else {
            emit CheckpointPicked(gameId, checkpoint, start, end);
        }
    }

    /// @dev One live game per challenger, job, round and checkpoint (0: a result game before its pick).
    function _claimKey(uint256 gameId, Game storage g, uint32 checkpoint) internal {
        bytes32 k = _key(g, checkpoint);
        uint256 other = _liveGames[k];
        if (other != 0) revert GameExists(other - 1);
        _liveGames[k] = gameId + 1;
    }

    function _key(Game storage g, uint32 checkpoint) internal view returns (bytes32) {
        return keccak256(abi.encode(g.challenger, g.jobId, g.round, checkpoint));
    }

    /// @dev Checkpoint `k`'s root from the result's checkpoints root or from the inbox.
    function _checkpointRoot(
        IJobMarket.Job memory job,
        uint256 jobId,
        uint32 k,
        uint256 count,
        CheckpointProof calldata p
    ) internal view returns (bytes32) {
        if (p.fromInbox) {
            // Reverts unless included, signed by the worker, and the worker is the job's assigned worker.
            _inbox.verifyCommitment(
                // Safe cast: job ids are counters.
                // forge-lint: disable-next-line(unsafe-typecast)
                ICommitmentInbox.Commitment(uint64(jobId), job.round, k, p.stateRoot, job.worker),
                p.signature,
                p.batchIndex,
                p.leafIndex,
                p.proof
            );
            return p.stateRoot;
        }
        if (job.status != IJobMarket.JobStatus.Submitted) revert NoResult(jobId);
        bytes32 lr = OneStepMerkle.listRootOf(p.stateRoot, k - 1, count, p.proof);
        // Safe cast: count <= steps / interval and the market bounds steps to uint64; commit binds a u32 count.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (keccak256(abi.encodePacked(uint8(0x08), uint32(count), lr)) != job.checkpointsRoot) {
            revert CheckpointProofFailed(k);
        }
        return p.stateRoot;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Moves
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerdeArbitration
    function revealStepRoots(
        uint256 gameId,
        bytes32 listRoot,
        bytes32[] calldata firstProof,
        bytes32[] calldata lastProof,
        bytes32 dataHash
    ) external {
        Game storage g = _move(gameId, Phase.StepRoots);
        uint256 count = uint256(g.interval) + 1;
        if (OneStepMerkle.listRootOf(g.startRoot, 0, count, firstProof) != listRoot) {
            revert ProofFailed(Check.FirstStepRoot);
        }
        if (OneStepMerkle.listRootOf(g.endRoot, g.interval, count, lastProof) != listRoot) {
            revert ProofFailed(Check.LastStepRoot);
        }
        g.stepRoots = listRoot;
        g.phase = Phase.PickStep;
        emit StepRootsRevealed(gameId, listRoot, dataHash);
    }

    /// @inheritdoc IVerdeArbitration
    function pickStep(
        uint256 gameId,
        uint32 index,
        bytes32 startRoot,
        bytes32[] calldata startProof,
        bytes32 endRoot,
        bytes32[] calldata endProof
    ) external {
        Game storage g = _move(gameId, Phase.PickStep);
        uint256 count = uint256(g.interval) + 1;
        if (index >= g.interval) revert IndexOutOfRange(index, g.interval);
        bytes32 root = g.stepRoots;
        if (OneStepMerkle.listRootOf(startRoot, index, count, startProof) != root) revert ProofFailed(Check.StartRoot);
        if (OneStepMerkle.listRootOf(endRoot, index + 1, count, endProof) != root) revert ProofFailed(Check.EndRoot);
        uint64 t = g.step + index;
        g.step = t;
        g.startRoot = startRoot;
        g.endRoot = endRoot;
        g.phase = Phase.StepTrace;
        emit StepPicked(gameId, t, startRoot, endRoot);
    }

    /// @inheritdoc IVerdeArbitration
    function revealStepTrace(uint256 gameId, StepTraceReveal calldata r) external {
        Game storage g = _move(gameId, Phase.StepTrace);
        uint32 numNodes = r.numNodes;
        uint32 numState = r.numState;
        if (OneStepMerkle.graphRoot(numNodes, r.graphList) != g.graphRoot) revert ProofFailed(Check.GraphRoot);
        if (numState == 0 || numState >= numNodes) revert ProofFailed(Check.NumState);
        uint64 t = g.step;
        if (_stateRoot(t, numState, r.startList) != g.startRoot) revert ProofFailed(Check.StartState);
        if (_stateRoot(t + 1, numState, r.nextList) != g.endRoot) revert ProofFailed(Check.NextState);
        // The last items' proofs check the zero-subtree padding of both lists: their roots are canonical.
        if (OneStepMerkle.listRootOf(r.lastOutRoot, numNodes - 1, numNodes, r.lastOutProof) != r.traceList) {
            revert ProofFailed(Check.LastOutput);
        }
        if (OneStepMerkle.listRootOf(r.lastNextRoot, numState - 1, numState, r.lastNextProof) != r.nextList) {
            revert ProofFailed(Check.LastNext);
        }
        g.numNodes = numNodes;
        g.numState = numState;
        g.traceList = r.traceList;
        g.startList = r.startList;
        g.nextList = r.nextList;
        g.phase = Phase.PickNode;
        emit StepTraceRevealed(gameId, numNodes, r.traceList, numState, r.startList, r.nextList, r.dataHash);
    }

    /// @inheritdoc IVerdeArbitration
    function pickNode(uint256 gameId, NodePick calldata p) external {
        Game storage g = _move(gameId, Phase.PickNode);
        uint32 numNodes = g.numNodes;
        bytes32 lr = OneStepMerkle.listRootOf(OneStepMerkle.graphNodeItem(p.enc), p.node, numNodes, p.graphProof);
        if (OneStepMerkle.graphRoot(numNodes, lr) != g.graphRoot) revert ProofFailed(Check.GraphNode);
        if (OneStepMerkle.listRootOf(p.outRoot, p.node, numNodes, p.outRootProof) != g.traceList) {
            revert ProofFailed(Check.OutputRoot);
        }
        (uint8 kind, uint32 output, uint8 ndims, uint256 dims, uint256 numel, bool isConst, bytes32 constRoot) =
            _oneStep.nodeInfo(p.enc);
        g.claim = p.claim;
        g.node = p.node;
        g.nodeKind = kind;
        g.outRoot = p.outRoot;
        emit NodePicked(gameId, p.claim, p.node, p.outRoot, p.element);

        if (p.claim == Claim.StateOutput) {
            if (output == 0 || output > g.numState) revert BadPick(PickError.NotStateOutput);
            g.stateIndex = output - 1;
            g.phase = Phase.Defend;
            return;
        }
        if (kind == KIND_STATE) {
            if (p.node >= g.numState) revert BadPick(PickError.StateIndex);
            g.phase = Phase.Defend;
        } else if (kind == KIND_DATA) {
            if (p.node < g.numState) revert BadPick(PickError.DataIndex);
            g.phase = Phase.Defend;
        } else if (kind == KIND_CONST) {
            if (!isConst) revert BadPick(PickError.Constant);
            if (constRoot == p.outRoot) _resolve(gameId, g, false, Reason.ConstantHolds);
            else _resolve(gameId, g, true, Reason.ConstantWrong);
        } else if (kind == KIND_OP) {
            if (numel == 0) revert BadPick(PickError.EmptyOutput);
            // Safe cast: nodeInfo checks the count is below 2^32.
            // forge-lint: disable-next-line(unsafe-typecast)
            g.numel = uint32(numel);
            g.ndims = ndims;
            g.dims = dims;
            if (p.element == NO_ELEMENT) {
                g.phase = Phase.PickElement;
            } else {
                if (p.element >= numel) revert IndexOutOfRange(p.element, numel);
                g.element = p.element;
                g.phase = Phase.ElementTrace;
                emit ElementPicked(gameId, p.element);
            }
        } else {
            revert BadPick(PickError.NodeKind);
        }
    }

    /// @inheritdoc IVerdeArbitration
    function defend(uint256 gameId, bytes32[] calldata proof, bytes32 dataList, uint32 dataCount) external {
        Game storage g = _move(gameId, Phase.Defend);
        bytes32 outRoot = g.outRoot;
        if (g.claim == Claim.StateOutput) {
            if (OneStepMerkle.listRootOf(outRoot, g.stateIndex, g.numState, proof) != g.nextList) {
                revert ProofFailed(Check.NextStateTensor);
            }
        } else if (g.nodeKind == KIND_STATE) {
            if (OneStepMerkle.listRootOf(outRoot, g.node, g.numState, proof) != g.startList) {
                revert ProofFailed(Check.StateTensor);
            }
        } else {
            // a data node: item node - numState of the job's data root
            bytes32 dataRoot = _market.getJob(g.jobId).params.dataRoot;
            if (keccak256(abi.encodePacked(uint8(0x09), dataCount, dataList)) != dataRoot) {
                revert ProofFailed(Check.DataRoot);
            }
            if (OneStepMerkle.listRootOf(outRoot, g.node - g.numState, dataCount, proof) != dataList) {
                revert ProofFailed(Check.DataTensor);
            }
        }
        _resolve(gameId, g, false, Reason.Defended);
    }

    /// @inheritdoc IVerdeArbitration
    function pickElement(uint256 gameId, uint32 element) external {
        Game storage g = _move(gameId, Phase.PickElement);
        if (element >= g.numel) revert IndexOutOfRange(element, g.numel);
        g.element = element;
        g.phase = Phase.ElementTrace;
        emit ElementPicked(gameId, element);
    }

    /// @inheritdoc IVerdeArbitration
    function revealElementTrace(
        uint256 gameId,
        uint32 traceLength,
        bytes32 listRoot,
        bytes32 lastItem,
        bytes32[] calldata lastProof,
        bytes32 leaf,
        bytes32[] calldata leafPath,
        bytes32 dataHash
    ) external {
        Game storage g = _move(gameId, Phase.ElementTrace);
        if (traceLength == 0) revert ProofFailed(Check.EmptyTrace);
        if (OneStepMerkle.listRootOf(lastItem, traceLength - 1, traceLength, lastProof) != listRoot) {
            revert ProofFailed(Check.LastEntry);
        }
        (bytes32 root, uint32 value) = _oneStep.elementRoot(g.ndims, g.dims, g.element, leaf, leafPath);
        if (root != g.outRoot) revert ProofFailed(Check.Element);
        if (value != uint32(uint256(lastItem) >> 72)) revert ProofFailed(Check.LastEntryNotElement);
        g.traceLength = traceLength;
        g.elementList = listRoot;
        g.phase = Phase.PickEntry;
        emit ElementTraceRevealed(gameId, traceLength, listRoot, dataHash);
    }

    /// @inheritdoc IVerdeArbitration
    function pickEntry(uint256 gameId, uint32 entry) external {
        Game storage g = _move(gameId, Phase.PickEntry);
        if (entry >= g.traceLength) revert IndexOutOfRange(entry, g.traceLength);
        g.entry = entry;
        g.phase = Phase.OneStep;
        emit EntryPicked(gameId, entry);
    }

    /// @inheritdoc IVerdeArbitration
    function proveStep(uint256 gameId, OneStepLib.StepProof calldata proof) external {
        Game storage g = _move(gameId, Phase.OneStep);
        OneStepLib.Claim memory c = OneStepLib.Claim({
            graphRoot: g.graphRoot,
            stepTraceRoot: OneStepMerkle.stepTraceRoot(g.step, g.numNodes, g.traceList),
            step: g.step,
            elementTraceRoot: OneStepMerkle.elementTraceRoot(g.node, g.element, g.traceLength, g.elementList),
            node: g.node,
            element: g.element,
            entry: g.entry
        });
        // A bad proof reverts inside (the worker may send a better one while its clock runs).
        (bool ok,) = _oneStep.verify(c, proof);
        _resolve(gameId, g, !ok, ok ? Reason.StepCorrect : Reason.StepWrong);
    }

    /// @inheritdoc IVerdeArbitration
    function query(uint256 gameId, List list, uint32 index) external {
        Game storage g = _game(gameId);
        Phase phase = g.phase;
        bool allowed = (phase == Phase.PickStep && list == List.StepRoots)
            || (phase == Phase.PickNode && (list == List.StepTrace || list == List.NextState))
            || (phase == Phase.PickElement && list == List.OutTensor)
            || (phase == Phase.PickEntry && list == List.ElementTrace)
            || (phase == Phase.PickCheckpoint && list == List.Checkpoints);
        if (!allowed) revert QueryNotAllowed(phase, list);
        _move(gameId, phase);
        (, uint256 count) = _list(g, list);
        if (index >= count) revert IndexOutOfRange(index, count);
        // At most depth + 1 queries per list: what a bisection of the worker's tree needs, and no more.
        uint256 shift = 8 * uint256(uint8(list));
        uint256 asked = (g.queryCounts >> shift) & 0xff;
        uint256 limit = queryLimit(count);
        if (asked >= limit) revert TooManyQueries(list, limit);
        // Safe cast: every list's count is at most 34 (8 bits) and there are 6 lists.
        // forge-lint: disable-next-line(unsafe-typecast)
        g.queryCounts += uint48(1 << shift);
        ++g.queries;
        // The worker gets the time to answer on top of its clock: queries cannot run it down.
        g.workerClock += answerTime;
        g.resume = phase;
        g.queryList = list;
        g.queryIndex = index;
        g.phase = Phase.Answer;
        emit QueryAsked(gameId, list, index);
    }

    /// @inheritdoc IVerdeArbitration
    function answer(uint256 gameId, bytes32 item, bytes32[] calldata proof) external {
        Game storage g = _move(gameId, Phase.Answer);
        List list = g.queryList;
        uint32 index = g.queryIndex;
        (bytes32 root, uint256 count) = _list(g, list);
        if (list == List.OutTensor) {
            // The leaf's padding words and padding siblings are checked as in an element proof.
            if (_oneStep.leafRoot(g.ndims, g.dims, index, item, proof) != root) revert ProofFailed(Check.TensorLeaf);
        } else if (OneStepMerkle.listRootOf(item, index, count, proof) != root) {
            revert ProofFailed(Check.Item);
        }
        g.phase = g.resume;
        emit QueryAnswered(gameId, list, index, item, proof);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ending
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerdeArbitration
    function timeout(uint256 gameId) external {
        Game storage g = _game(gameId);
        Phase phase = g.phase;
        if (phase == Phase.Resolved) revert WrongPhase(gameId, phase);
        bool workerTurn = _workerTurn(phase);
        uint256 left = workerTurn ? g.workerClock : g.challengerClock;
        uint256 elapsed = block.timestamp - g.lastMoveAt;
        if (elapsed <= left) revert ClockRunning(gameId, left - elapsed);
        _resolve(gameId, g, workerTurn, Reason.Timeout);
    }

    /// @inheritdoc IVerdeArbitration
    function closeStale(uint256 gameId) external {
        Game storage g = _game(gameId);
        if (g.phase == Phase.Resolved) revert WrongPhase(gameId, g.phase);
        if (_live(g)) revert NotStale(gameId);
        _resolve(gameId, g, true, Reason.Stale);
    }

    /// @inheritdoc IVerdeArbitration
    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = _balances[msg.sender];
        if (amount == 0) revert NothingToClaim();
        _balances[msg.sender] = 0;
        totalAccounted -= amount;
        emit Withdrawn(msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert TransferFailed();
    }

    /// @dev Ends the game. When the job's round moved on, the bond goes back to the challenger and the market is not
    ///      told (its dispute is gone with the round). Otherwise the market is told who lost: a losing worker's
    ///      collateral is slashed (part to the challenger) and the job reopens; a losing challenger's bond goes to
    ///      the worker.
    function _resolve(uint256 gameId, Game storage g, bool workerLost, Reason reason) internal {
        g.phase = Phase.Resolved;
        delete _liveGames[_key(g, g.checkpoint)];
        uint256 jobId = g.jobId;
        uint32 round = g.round;
        RoundGames storage r = _rounds[jobId][round];
        uint256 amount = g.bond;
        address paid;
        bool live = _live(g);
        if (!live) {
            // The round is over: lost in another game (a reward share) or timed out (no reward).
            g.outcome = r.shares != 0 ? Outcome.Shared : Outcome.Moot;
            reason = r.shares != 0 ? Reason.Shared : Reason.Stale;
            paid = g.challenger;
        } else if (workerLost) {
            g.outcome = Outcome.ChallengerWon;
            paid = g.challenger;
        } else {
            g.outcome = Outcome.WorkerWon;
            paid = g.worker;
        }
        _balances[paid] += amount;
        emit GameResolved(gameId, jobId, g.outcome, reason, paid, amount);
        if (live) {
            uint256 reward = _market.resolveDispute(jobId, round, workerLost, g.challenger);
            if (workerLost) {
                // The reward is split among every game of the round still live (this one included), so that a game
                // the worker loses on purpose to its own sybil cannot take it from an honest challenger.
                if (reward != 0) {
                    _stakeManager.claimReward();
                    totalAccounted += reward;
                }
                // Safe cast: the reward is a share of one job's collateral (uint128 in the StakeManager).
                // forge-lint: disable-next-line(unsafe-typecast)
                r.pot = uint128(reward);
                r.shares = r.live;
                emit RewardPooled(jobId, round, gameId, reward, r.live);
            }
        }
        if (r.shares != 0) _payShare(gameId, g, r);
        --r.live;
    }

    /// @dev Credits game `g`'s challenger its share of the round's pot (the last share takes the remainder).
    function _payShare(uint256 gameId, Game storage g, RoundGames storage r) internal {
        uint256 share;
        if (r.sharesPaid + 1 == r.shares) share = r.pot - r.potPaid;
        else share = r.pot / r.shares;
        ++r.sharesPaid;
        // Safe cast: share <= pot < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        r.potPaid += uint128(share);
        _balances[g.challenger] += share;
        emit RewardShared(gameId, g.challenger, share);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerdeArbitration
    function getGame(uint256 gameId) external view returns (Game memory) {
        return _game(gameId);
    }

    /// @inheritdoc IVerdeArbitration
    function gameCount() external view returns (uint256) {
        return _games.length;
    }

    /// @inheritdoc IVerdeArbitration
    function toMove(uint256 gameId) external view returns (address player, uint256 deadline) {
        Game storage g = _game(gameId);
        Phase phase = g.phase;
        if (phase == Phase.Resolved) return (address(0), 0);
        bool workerTurn = _workerTurn(phase);
        player = workerTurn ? g.worker : g.challenger;
        deadline = uint256(g.lastMoveAt) + (workerTurn ? g.workerClock : g.challengerClock);
    }

    /// @inheritdoc IVerdeArbitration
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @inheritdoc IVerdeArbitration
    function roundGames(uint256 jobId, uint32 round) external view returns (RoundGames memory) {
        return _rounds[jobId][round];
    }

    /// @inheritdoc IVerdeArbitration
    function liveGameOf(address challenger, uint256 jobId, uint32 round, uint32 checkpoint)
        external
        view
        returns (uint256)
    {
        return _liveGames[keccak256(abi.encode(challenger, uint64(jobId), round, checkpoint))];
    }

    /// @inheritdoc IVerdeArbitration
    function requiredBond() public view returns (uint256) {
        uint256 cover = DEFENCE_GAS * block.basefee;
        return cover > bond ? cover : bond;
    }

    /// @inheritdoc IVerdeArbitration
    function queryLimit(uint256 count) public pure returns (uint256) {
        return OneStepMerkle.depth(count) + 1;
    }

    /// @inheritdoc IVerdeArbitration
    function jobMarket() external view returns (address) {
        return address(_market);
    }

    /// @inheritdoc IVerdeArbitration
    function inbox() external view returns (address) {
        return address(_inbox);
    }

    /// @inheritdoc IVerdeArbitration
    function oneStep() external view returns (address) {
        return address(_oneStep);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _game(uint256 gameId) internal view returns (Game storage) {
        if (gameId >= _games.length) revert UnknownGame(gameId);
        return _games[gameId];
    }

    /// @dev Checks the phase, the mover and its clock, then charges the time since the last move to the mover.
    function _move(uint256 gameId, Phase expected) internal returns (Game storage g) {
        g = _game(gameId);
        if (g.phase != expected) revert WrongPhase(gameId, g.phase);
        bool workerTurn = _workerTurn(expected);
        if (msg.sender != (workerTurn ? g.worker : g.challenger)) {
            revert NotYourTurn(workerTurn ? g.worker : g.challenger);
        }
        uint64 elapsed = uint64(block.timestamp) - g.lastMoveAt;
        uint64 left = workerTurn ? g.workerClock : g.challengerClock;
        if (elapsed > left) revert ClockExpired(gameId);
        if (workerTurn) g.workerClock = left - elapsed;
        else g.challengerClock = left - elapsed;
        g.lastMoveAt = uint64(block.timestamp);
    }

    function _workerTurn(Phase phase) internal pure returns (bool) {
        // PickCheckpoint, PickStep, PickNode, PickElement and PickEntry are the challenger's.
        return phase == Phase.StepRoots || phase == Phase.StepTrace || phase == Phase.Defend
            || phase == Phase.ElementTrace || phase == Phase.OneStep || phase == Phase.Answer;
    }

    /// @dev Whether the game's job is still in the round it disputes, with the same worker.
    function _live(Game storage g) internal view returns (bool) {
        IJobMarket.Job memory job = _market.getJob(g.jobId);
        IJobMarket.JobStatus s = job.status;
        return (s == IJobMarket.JobStatus.Assigned || s == IJobMarket.JobStatus.Submitted) && job.round == g.round
            && job.worker == g.worker && job.openDisputes != 0;
    }

    /// @dev The root and item count of a queryable list (for OutTensor: the node's output root and leaf count).
    function _list(Game storage g, List list) internal view returns (bytes32, uint256) {
        if (list == List.StepRoots) return (g.stepRoots, uint256(g.interval) + 1);
        if (list == List.StepTrace) return (g.traceList, g.numNodes);
        if (list == List.NextState) return (g.nextList, g.numState);
        if (list == List.OutTensor) return (g.outRoot, (uint256(g.numel) + 7) >> 3);
        if (list == List.Checkpoints) return (g.checkpointList, g.checkpoints);
        return (g.elementList, g.traceLength);
    }

    /// @dev keccak(0x03 || u64 step || u32 n || listRoot) (docs/commitments.md section 3).
    function _stateRoot(uint64 step, uint32 n, bytes32 listRoot) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x03), step, n, listRoot));
    }
}
