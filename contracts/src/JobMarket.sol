// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {OneStepMerkle} from "./onestep/OneStepMerkle.sol";

/// @title JobMarket
/// @notice Jobs, escrow, reverse auction, results, finalization, refunds and the arbiter's dispute hooks.
///         See {IJobMarket} and docs/contracts.md.
/// @dev Windows and deadlines compare `block.timestamp` by design; a proposer's few seconds of leeway do not
///      matter for windows of minutes to days.
contract JobMarket is IJobMarket, ReentrancyGuardTransient {
    /// @dev Longest bid, execution or challenge window accepted, in seconds (keeps uint64 times from
    ///      overflowing and catches unit mistakes).
    uint256 public constant MAX_WINDOW = 3650 days;
    /// @inheritdoc IJobMarket
    uint8 public constant MAX_AUCTIONS = 6;

    /// @dev Refund accounting of a finalized or cancelled job (all in wei).
    /// @param pool What goes back to the funders: escrow - price (finalized) or the escrow (cancelled).
    /// @param paid What was claimed so far.
    /// @param claimed Sum of the contributions whose refunds were claimed.
    struct Refund {
        uint128 pool;
        uint128 paid;
        uint128 claimed;
    }

    IStakeManager internal immutable _stakeManager;
    INodeRegistry internal immutable _nodeRegistry;
    /// @inheritdoc IJobMarket
    address public immutable arbiter;
    /// @inheritdoc IJobMarket
    uint64 public immutable minExecutionWindow;
    /// @inheritdoc IJobMarket
    uint64 public immutable minStepMicros;

    /// @inheritdoc IJobMarket
    uint256 public jobCount;
    /// @inheritdoc IJobMarket
    uint256 public totalAccounted;

    mapping(uint256 jobId => Job) internal _jobs;
    mapping(uint256 jobId => mapping(address funder => uint256 amount)) internal _contributions;
    mapping(uint256 jobId => Refund) internal _refunds;
    mapping(address account => uint256 amount) internal _balances;
    mapping(uint256 jobId => mapping(address worker => bool)) internal _barred;

    /// @param stakeManager_ The StakeManager (its `market` must be set to this contract).
    /// @param nodeRegistry_ The NodeRegistry (its `market` must be set to this contract).
    /// @param arbiter_ The arbiter allowed to call the dispute hooks.
    /// @param minExecutionWindow_ Shortest execution window accepted for any job, in seconds (non-zero).
    /// @param minStepMicros_ Execution time floor per training step, in microseconds: a job of `steps` steps needs
    ///        `executionWindow >= minExecutionWindow + ceil(steps * minStepMicros / 1e6)`.
    constructor(
        IStakeManager stakeManager_,
        INodeRegistry nodeRegistry_,
        address arbiter_,
        uint64 minExecutionWindow_,
        uint64 minStepMicros_
    ) {
        if (address(stakeManager_) == address(0) || address(nodeRegistry_) == address(0) || arbiter_ == address(0)) {
            revert InvalidParams("address");
        }
        if (minExecutionWindow_ == 0 || minExecutionWindow_ > MAX_WINDOW) revert InvalidParams("minExecutionWindow");
        if (minStepMicros_ > 1e12) revert InvalidParams("minStepMicros");
        _stakeManager = stakeManager_;
        _nodeRegistry = nodeRegistry_;
        arbiter = arbiter_;
        minExecutionWindow = minExecutionWindow_;
        minStepMicros = minStepMicros_;
    }

    modifier onlyArbiter() {
        if (msg.sender != arbiter) revert NotArbiter();
        _;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Posting and funding
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function postJob(JobParams calldata params) external payable returns (uint256 jobId) {
        _checkParams(params);
        if (msg.value > type(uint128).max) revert AmountTooLarge();
        jobId = ++jobCount;
        Job storage job = _jobs[jobId];
        job.params = params;
        job.poster = msg.sender;
        job.status = JobStatus.Open;
        job.escrow = uint128(msg.value);
        uint64 endsAt = uint64(block.timestamp) + params.bidWindow;
        job.biddingEndsAt = endsAt;
        job.auctions = 1;
        if (msg.value != 0) {
            _contributions[jobId][msg.sender] = msg.value;
            totalAccounted += msg.value;
        }
        emit JobPosted(jobId, msg.sender, params, msg.value, endsAt);
    }

    /// @inheritdoc IJobMarket
    function fund(uint256 jobId) external payable {
        if (msg.value == 0) revert ZeroAmount();
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Open);
        uint256 escrow = uint256(job.escrow) + msg.value;
        if (escrow > type(uint128).max) revert AmountTooLarge();
        // Safe cast: escrow <= type(uint128).max is checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        job.escrow = uint128(escrow);
        _contributions[jobId][msg.sender] += msg.value;
        totalAccounted += msg.value;
        emit JobFunded(jobId, msg.sender, msg.value, escrow);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Auction
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function bid(uint256 jobId, uint256 price) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Open);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= job.biddingEndsAt) {
            // An auction that ended without a bid runs again (up to MAX_AUCTIONS in a row): the first bid after it
            // starts the next one, so a job does not depend on the keeper to get a worker.
            if (job.worker != address(0) || job.auctions >= MAX_AUCTIONS) revert BiddingClosed(job.biddingEndsAt);
            _restartAuction(job, jobId);
        }
        if (!_nodeRegistry.isRegistered(msg.sender)) revert NotRegistered(msg.sender);
        if (_barred[jobId][msg.sender]) revert Barred(jobId, msg.sender);
        uint256 limit = job.params.maxPrice;
        if (job.escrow < limit) limit = job.escrow;
        if (price > limit) revert PriceTooHigh(price, limit);
        address best = job.worker;
        if (best != address(0) && price >= job.price) revert BidNotLower(price, job.price);
        if (best != msg.sender) {
            if (best != address(0)) _stakeManager.unlock(best, jobId);
            _stakeManager.lock(msg.sender, jobId, job.params.requiredCollateral);
            job.worker = msg.sender;
        }
        // Safe cast: price <= escrow < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        job.price = uint128(price);
        emit BidPlaced(jobId, msg.sender, price);
    }

    /// @inheritdoc IJobMarket
    function closeAuction(uint256 jobId) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Open);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < job.biddingEndsAt) revert BiddingOpen(job.biddingEndsAt);
        address worker = job.worker;
        if (worker == address(0)) {
            // No bid: the job goes back to bidding, or is cancelled (full refunds) after MAX_AUCTIONS auctions.
            if (job.auctions < MAX_AUCTIONS) _restartAuction(job, jobId);
            else _cancel(job, jobId);
            return;
        }
        uint32 round = job.round + 1;
        uint64 deadline = uint64(block.timestamp) + job.params.executionWindow;
        job.status = JobStatus.Assigned;
        job.round = round;
        job.resultDeadline = deadline;
        emit JobAssigned(jobId, worker, job.price, round, deadline);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Result, finalization, cancellation, timeout
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function submitResult(
        uint256 jobId,
        bytes32 finalModelRoot,
        bytes32 checkpointsRoot,
        bytes32[] calldata lastCheckpointProof
    ) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Assigned);
        if (msg.sender != job.worker) revert NotWorker();
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > job.resultDeadline) revert DeadlinePassed(job.resultDeadline);
        if (finalModelRoot == bytes32(0) || checkpointsRoot == bytes32(0)) revert ZeroRoot();
        // The final model is the last checkpoint, proven here under the checkpoints root; the proof's padding check
        // makes that root canonical (a function of the K checkpoint roots alone), so every item of it can be opened
        // in a dispute.
        uint256 count = job.params.steps / job.params.checkpointInterval;
        bytes32 lr = OneStepMerkle.listRootOf(finalModelRoot, count - 1, count, lastCheckpointProof);
        // Safe cast: the count is below 2^32 (_checkParams).
        // forge-lint: disable-next-line(unsafe-typecast)
        if (keccak256(abi.encodePacked(uint8(0x08), uint32(count), lr)) != checkpointsRoot) {
            revert BadCheckpointsRoot();
        }
        uint64 endsAt = uint64(block.timestamp) + job.params.challengeWindow;
        job.status = JobStatus.Submitted;
        job.challengeEndsAt = endsAt;
        job.finalModelRoot = finalModelRoot;
        job.checkpointsRoot = checkpointsRoot;
        job.checkpointsList = lr;
        emit ResultSubmitted(jobId, msg.sender, finalModelRoot, checkpointsRoot, lr, endsAt);
    }

    /// @inheritdoc IJobMarket
    function finalize(uint256 jobId) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Submitted);
        if (job.openDisputes != 0) revert DisputeOpen(jobId, job.openDisputes);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < job.challengeEndsAt) revert ChallengeWindowOpen(job.challengeEndsAt);
        address worker = job.worker;
        uint128 price = job.price;
        uint128 refund = job.escrow - price;
        job.status = JobStatus.Finalized;
        _refunds[jobId].pool = refund;
        _balances[worker] += price;
        emit JobFinalized(jobId, worker, price, refund);
        _stakeManager.unlock(worker, jobId);
        _nodeRegistry.recordJobDone(worker);
    }

    /// @inheritdoc IJobMarket
    function cancel(uint256 jobId) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Open);
        if (msg.sender != job.poster) revert NotPoster();
        address best = job.worker;
        if (best != address(0)) {
            job.worker = address(0);
            job.price = 0;
            _stakeManager.unlock(best, jobId);
        }
        _cancel(job, jobId);
    }

    /// @inheritdoc IJobMarket
    function timeout(uint256 jobId) external {
        Job storage job = _job(jobId);
        _expectStatus(job, jobId, JobStatus.Assigned);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= job.resultDeadline) revert DeadlineNotPassed(job.resultDeadline);
        // Open disputes do not hold a missed deadline back (they end as moot, bonds back), and the collateral is
        // burned whole: nobody, the poster included, gains from a worker's timeout.
        address worker = job.worker;
        uint256 slashed = _slashCollateral(worker, jobId, address(0));
        _barred[jobId][worker] = true;
        emit JobTimedOut(jobId, worker, slashed);
        _reopen(job, jobId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Payments (pull)
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function claimRefund(uint256 jobId) external nonReentrant returns (uint256 amount) {
        Job storage job = _job(jobId);
        JobStatus status = job.status;
        if (status != JobStatus.Finalized && status != JobStatus.Cancelled) revert WrongStatus(jobId, status);
        uint256 contribution = _contributions[jobId][msg.sender];
        if (contribution == 0) revert NothingToClaim();
        Refund storage r = _refunds[jobId];
        uint256 claimed = uint256(r.claimed) + contribution;
        amount = _refundShare(r, contribution, claimed, job.escrow);
        // Safe cast: claimed <= escrow < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        r.claimed = uint128(claimed);
        // Safe cast: paid + amount <= pool < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        r.paid += uint128(amount);
        delete _contributions[jobId][msg.sender];
        totalAccounted -= amount;
        emit RefundClaimed(jobId, msg.sender, amount);
        if (amount != 0) _send(msg.sender, amount);
    }

    /// @inheritdoc IJobMarket
    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = _balances[msg.sender];
        if (amount == 0) revert NothingToClaim();
        _balances[msg.sender] = 0;
        totalAccounted -= amount;
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Arbiter hooks
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function openDispute(uint256 jobId) external onlyArbiter returns (uint32 round) {
        Job storage job = _job(jobId);
        JobStatus status = job.status;
        if (status == JobStatus.Submitted) {
            // forge-lint: disable-next-line(block-timestamp)
            if (block.timestamp >= job.challengeEndsAt) revert ChallengeWindowClosed(job.challengeEndsAt);
        } else if (status != JobStatus.Assigned) {
            revert WrongStatus(jobId, status);
        }
        uint16 open = job.openDisputes;
        if (open == type(uint16).max) revert TooManyDisputes();
        job.openDisputes = ++open;
        round = job.round;
        emit DisputeOpened(jobId, round, open);
    }

    /// @inheritdoc IJobMarket
    function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger)
        external
        onlyArbiter
        returns (uint256 reward)
    {
        Job storage job = _job(jobId);
        JobStatus status = job.status;
        if (
            (status != JobStatus.Assigned && status != JobStatus.Submitted) || round != job.round
                || job.openDisputes == 0
        ) revert StaleDispute(jobId, round);
        address worker = job.worker;
        if (workerLost) {
            // The reward share goes to the arbiter, which splits it among the round's live games.
            uint256 slashed;
            (slashed, reward) = _slash(worker, jobId, msg.sender);
            _barred[jobId][worker] = true;
            emit DisputeResolved(jobId, round, worker, true, challenger, slashed);
            _nodeRegistry.recordDispute(worker, false);
            _reopen(job, jobId);
        } else {
            --job.openDisputes;
            emit DisputeResolved(jobId, round, worker, false, challenger, 0);
            _nodeRegistry.recordDispute(worker, true);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc IJobMarket
    function getJob(uint256 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IJobMarket
    function workerOf(uint256 jobId) external view returns (address) {
        Job storage job = _jobs[jobId];
        JobStatus status = job.status;
        return status == JobStatus.Assigned || status == JobStatus.Submitted ? job.worker : address(0);
    }

    /// @inheritdoc IJobMarket
    function assignmentOf(uint256 jobId) external view returns (address worker, uint32 round) {
        Job storage job = _jobs[jobId];
        JobStatus status = job.status;
        if (status == JobStatus.Assigned || status == JobStatus.Submitted) return (job.worker, job.round);
    }

    /// @inheritdoc IJobMarket
    function isBarred(uint256 jobId, address worker) external view returns (bool) {
        return _barred[jobId][worker];
    }

    /// @inheritdoc IJobMarket
    function contributionOf(uint256 jobId, address funder) external view returns (uint256) {
        return _contributions[jobId][funder];
    }

    /// @inheritdoc IJobMarket
    function refundOf(uint256 jobId, address funder) external view returns (uint256) {
        Job storage job = _jobs[jobId];
        if (job.status != JobStatus.Finalized && job.status != JobStatus.Cancelled) return 0;
        uint256 contribution = _contributions[jobId][funder];
        if (contribution == 0) return 0;
        Refund storage r = _refunds[jobId];
        return _refundShare(r, contribution, uint256(r.claimed) + contribution, job.escrow);
    }

    /// @inheritdoc IJobMarket
    function refundState(uint256 jobId) external view returns (uint256 pool, uint256 paid, uint256 claimed) {
        Refund storage r = _refunds[jobId];
        return (r.pool, r.paid, r.claimed);
    }

    /// @inheritdoc IJobMarket
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @inheritdoc IJobMarket
    function stakeManager() external view returns (address) {
        return address(_stakeManager);
    }

    /// @inheritdoc IJobMarket
    function nodeRegistry() external view returns (address) {
        return address(_nodeRegistry);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _job(uint256 jobId) internal view returns (Job storage job) {
        job = _jobs[jobId];
        if (job.status == JobStatus.None) revert UnknownJob(jobId);
    }

    function _expectStatus(Job storage job, uint256 jobId, JobStatus expected) internal view {
        JobStatus status = job.status;
        if (status != expected) revert WrongStatus(jobId, status);
    }

    /// @dev Pro-rata share: `contribution * pool / escrow` rounded down; the claim that completes the
    ///      contributions (`claimedAfter == escrow`) takes whatever is left of the pool, so the pool is paid
    ///      out exactly.
    function _refundShare(Refund storage r, uint256 contribution, uint256 claimedAfter, uint256 escrow)
        internal
        view
        returns (uint256)
    {
        if (claimedAfter == escrow) return uint256(r.pool) - r.paid;
        return contribution * r.pool / escrow;
    }

    function _cancel(Job storage job, uint256 jobId) internal {
        uint128 refund = job.escrow;
        job.status = JobStatus.Cancelled;
        _refunds[jobId].pool = refund;
        emit JobCancelled(jobId, refund);
    }

    function _restartAuction(Job storage job, uint256 jobId) internal {
        uint64 endsAt = uint64(block.timestamp) + job.params.bidWindow;
        uint8 auctions = job.auctions + 1;
        job.biddingEndsAt = endsAt;
        job.auctions = auctions;
        emit AuctionRestarted(jobId, auctions, endsAt);
    }

    function _reopen(Job storage job, uint256 jobId) internal {
        uint64 endsAt = uint64(block.timestamp) + job.params.bidWindow;
        job.status = JobStatus.Open;
        job.auctions = 1;
        job.openDisputes = 0;
        job.worker = address(0);
        job.price = 0;
        job.biddingEndsAt = endsAt;
        job.resultDeadline = 0;
        job.challengeEndsAt = 0;
        job.finalModelRoot = bytes32(0);
        job.checkpointsRoot = bytes32(0);
        job.checkpointsList = bytes32(0);
        emit JobReopened(jobId, endsAt);
    }

    function _slashCollateral(address worker, uint256 jobId, address recipient) internal returns (uint256 amount) {
        (amount,) = _slash(worker, jobId, recipient);
    }

    function _slash(address worker, uint256 jobId, address recipient)
        internal
        returns (uint256 amount, uint256 reward)
    {
        amount = _stakeManager.lockedFor(worker, jobId);
        if (amount != 0) (reward,) = _stakeManager.slash(worker, jobId, amount, recipient);
    }

    function _checkParams(JobParams calldata p) internal view {
        if (p.specHash == bytes32(0)) revert InvalidParams("specHash");
        if (p.initialStateRoot == bytes32(0)) revert InvalidParams("initialStateRoot");
        if (p.graphRoot == bytes32(0)) revert InvalidParams("graphRoot");
        if (p.dataRoot == bytes32(0)) revert InvalidParams("dataRoot");
        if (p.steps == 0) revert InvalidParams("steps");
        // The dispute game indexes the steps of an interval and the checkpoints of a job with 32-bit words (the
        // commitments bind u32 counts, docs/commitments.md).
        if (
            p.checkpointInterval == 0 || p.steps % p.checkpointInterval != 0 || p.checkpointInterval > type(uint32).max
                || p.steps / p.checkpointInterval > type(uint32).max
        ) {
            revert InvalidParams("checkpointInterval");
        }
        if (p.maxPrice == 0) revert InvalidParams("maxPrice");
        if (p.requiredCollateral == 0) revert InvalidParams("requiredCollateral");
        if (p.bidWindow == 0 || p.bidWindow > MAX_WINDOW) revert InvalidParams("bidWindow");
        if (p.executionWindow > MAX_WINDOW || p.executionWindow < minExecutionTime(p.steps)) {
            revert InvalidParams("executionWindow");
        }
        if (p.challengeWindow == 0 || p.challengeWindow > MAX_WINDOW) revert InvalidParams("challengeWindow");
    }

    /// @inheritdoc IJobMarket
    function minExecutionTime(uint256 steps) public view returns (uint256) {
        return uint256(minExecutionWindow) + (steps * minStepMicros + 999_999) / 1_000_000;
    }

    function _send(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed();
    }
}
