// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title IJobMarket
/// @notice The market of training jobs. A client posts a job with an escrow that anyone may add to, staked
///         and registered workers bid in a reverse auction (lowest price wins, ties go to the earliest bid),
///         the winner trains and submits its result, and after a challenge window the job is finalized: the
///         worker is paid its price and the rest of the escrow is refunded to the funders pro rata.
///         The arbiter (dispute contract) can freeze a job while a dispute is open and apply its outcome.
/// @dev Payments are pull-based: workers `withdraw` their balance, funders `claimRefund` per job.
///      All amounts are in wei, all times and windows in seconds (unix time).
interface IJobMarket {
    /// @notice The state of a job.
    /// @dev None: no such job. Open: bidding. Assigned: a worker is training. Submitted: the result is in and
    ///      the challenge window runs. Finalized: the worker was paid. Cancelled: nothing was paid.
    enum JobStatus {
        None,
        Open,
        Assigned,
        Submitted,
        Finalized,
        Cancelled
    }

    /// @notice What a client fixes when it posts a job.
    /// @param specHash keccak256 of the job spec (JSON).
    /// @param datasetHash Content hash of the dataset blob.
    /// @param datasetUri Pointer to the dataset (e.g. a content address or a short URI), 32 bytes.
    /// @param initialStateRoot State root at step 0 (checkpoint 0).
    /// @param graphRoot Root of the canonical operator graph of one training step.
    /// @param dataRoot Root over the step graph's data nodes (the training split of the dataset as tensors), so a
    ///        dispute can prove single dataset elements (docs/commitments.md, tag 0x09).
    /// @param steps Number of training steps; a multiple of `checkpointInterval`.
    /// @param checkpointInterval Steps between two checkpoints; checkpoint k is the state after k*interval steps.
    /// @param maxPrice Highest acceptable price, in wei.
    /// @param requiredCollateral Stake a worker must lock while it holds the job, in wei; non-zero.
    /// @param bidWindow Seconds the auction stays open (from posting, and from every reopening).
    /// @param executionWindow Seconds from assignment to the result deadline; at least `minExecutionTime(steps)`.
    /// @param challengeWindow Seconds from result submission until the job can be finalized.
    struct JobParams {
        bytes32 specHash;
        bytes32 datasetHash;
        bytes32 datasetUri;
        bytes32 initialStateRoot;
        bytes32 graphRoot;
        bytes32 dataRoot;
        uint64 steps;
        uint64 checkpointInterval;
        uint128 maxPrice;
        uint128 requiredCollateral;
        uint64 bidWindow;
        uint64 executionWindow;
        uint64 challengeWindow;
    }

    /// @notice A job as stored.
    /// @param params What the poster fixed.
    /// @param poster Who posted the job (and may cancel it while it is open).
    /// @param status Where the job is in its life.
    /// @param round Number of assignments so far; identifies the current assignment in dispute hooks.
    /// @param openDisputes Disputes open against the current assignment; finalize and timeout wait for zero.
    /// @param escrow Wei contributed by all funders.
    /// @param price Best bid while open; the worker's price afterwards, in wei (0 when there is no bid).
    /// @param worker Best bidder while open; the assigned worker afterwards; zero when there is none.
    /// @param biddingEndsAt Unix time at which the current auction ends.
    /// @param resultDeadline Unix time by which the assigned worker must submit (0 before assignment).
    /// @param challengeEndsAt Unix time from which a submitted job can be finalized (0 before submission).
    /// @param auctions Auctions run since posting or the last reopening, the current one included; a job whose
    ///        auction ends without a bid goes back to bidding until MAX_AUCTIONS auctions ran, then is cancelled.
    /// @param finalModelRoot State root of the trained model, as submitted (the last checkpoint, proven).
    /// @param checkpointsRoot Root over all checkpoint commitments, as submitted.
    /// @param checkpointsList The list root under `checkpointsRoot` (`checkpointsRoot = keccak(0x08 || u32 K ||
    ///        checkpointsList)`), derived at submission from the proof of the last checkpoint; a dispute opens the
    ///        list's items against it.
    struct Job {
        JobParams params;
        address poster;
        JobStatus status;
        uint32 round;
        uint16 openDisputes;
        uint128 escrow;
        uint128 price;
        address worker;
        uint64 biddingEndsAt;
        uint64 resultDeadline;
        uint64 challengeEndsAt;
        uint8 auctions;
        bytes32 finalModelRoot;
        bytes32 checkpointsRoot;
        bytes32 checkpointsList;
    }

    /// @notice No job has this id.
    error UnknownJob(uint256 jobId);
    /// @notice The job is not in the state this call needs.
    error WrongStatus(uint256 jobId, JobStatus status);
    /// @notice A job parameter is invalid (`field` names it).
    error InvalidParams(string field);
    /// @notice An amount is zero.
    error ZeroAmount();
    /// @notice An amount does not fit the 128-bit accounting.
    error AmountTooLarge();
    /// @notice The caller is not the job's poster.
    error NotPoster();
    /// @notice The caller is not the job's assigned worker.
    error NotWorker();
    /// @notice The caller is not the arbiter.
    error NotArbiter();
    /// @notice The bidder is not registered in the NodeRegistry.
    error NotRegistered(address bidder);
    /// @notice The auction of this job is over.
    error BiddingClosed(uint256 endsAt);
    /// @notice The auction of this job is still running.
    error BiddingOpen(uint256 endsAt);
    /// @notice The bid is above the job's max price or above its escrow.
    error PriceTooHigh(uint256 price, uint256 limit);
    /// @notice The bid does not beat the best bid (it must be strictly lower).
    error BidNotLower(uint256 price, uint256 best);
    /// @notice The result deadline has passed.
    error DeadlinePassed(uint256 deadline);
    /// @notice The result deadline has not passed.
    error DeadlineNotPassed(uint256 deadline);
    /// @notice The challenge window has not ended.
    error ChallengeWindowOpen(uint256 endsAt);
    /// @notice The challenge window has ended.
    error ChallengeWindowClosed(uint256 endsAt);
    /// @notice A dispute is open against the job; it is frozen.
    error DisputeOpen(uint256 jobId, uint256 openDisputes);
    /// @notice The dispute hook names an assignment round that is not the current one, or none is open.
    error StaleDispute(uint256 jobId, uint256 round);
    /// @notice Too many disputes are open at once.
    error TooManyDisputes();
    /// @notice The caller has nothing to claim or withdraw.
    error NothingToClaim();
    /// @notice A result root is zero.
    error ZeroRoot();
    /// @notice The result's final model root is not proven as the last item under its checkpoints root (or the
    ///         proof's padding is not canonical).
    error BadCheckpointsRoot();
    /// @notice `worker` lost this job once (slashed in a dispute or timed out) and may not bid on it again.
    error Barred(uint256 jobId, address worker);
    /// @notice An ETH transfer failed.
    error TransferFailed();

    /// @notice `poster` posted job `jobId` with `escrow` wei; its auction ends at `biddingEndsAt`.
    event JobPosted(
        uint256 indexed jobId, address indexed poster, JobParams params, uint256 escrow, uint256 biddingEndsAt
    );
    /// @notice `funder` added `amount` wei to job `jobId`, whose escrow is now `escrow`.
    event JobFunded(uint256 indexed jobId, address indexed funder, uint256 amount, uint256 escrow);
    /// @notice `bidder` became the best bidder of job `jobId` at `price` wei (its collateral is locked).
    event BidPlaced(uint256 indexed jobId, address indexed bidder, uint256 price);
    /// @notice The auction of `jobId` closed: `worker` is assigned at `price` wei (assignment number `round`)
    ///         and must submit by `resultDeadline`.
    event JobAssigned(
        uint256 indexed jobId, address indexed worker, uint256 price, uint32 round, uint256 resultDeadline
    );
    /// @notice `worker` submitted the result of `jobId`; the challenge window ends at `challengeEndsAt`.
    event ResultSubmitted(
        uint256 indexed jobId,
        address indexed worker,
        bytes32 finalModelRoot,
        bytes32 checkpointsRoot,
        bytes32 checkpointsList,
        uint256 challengeEndsAt
    );
    /// @notice Job `jobId` was finalized: `worker` earned `price` wei, `refund` wei go back to the funders.
    event JobFinalized(uint256 indexed jobId, address indexed worker, uint256 price, uint256 refund);
    /// @notice Job `jobId` was cancelled; `refund` wei (the whole escrow) go back to the funders.
    event JobCancelled(uint256 indexed jobId, uint256 refund);
    /// @notice Job `jobId` went back to bidding (after a timeout or a lost dispute); the auction ends at
    ///         `biddingEndsAt`.
    event JobReopened(uint256 indexed jobId, uint256 biddingEndsAt);
    /// @notice The auction of `jobId` ended without a bid and runs again (auction number `auctions`) until
    ///         `biddingEndsAt`.
    event AuctionRestarted(uint256 indexed jobId, uint8 auctions, uint256 biddingEndsAt);
    /// @notice `worker` missed the result deadline of `jobId`; `slashed` wei of its collateral were burned.
    event JobTimedOut(uint256 indexed jobId, address indexed worker, uint256 slashed);
    /// @notice The arbiter opened a dispute against assignment `round` of `jobId`; `openDisputes` are now open.
    event DisputeOpened(uint256 indexed jobId, uint32 round, uint256 openDisputes);
    /// @notice The arbiter resolved a dispute against assignment `round` of `jobId`. If `workerLost`, `slashed`
    ///         wei of the worker's collateral were slashed (the reward share to the arbiter, which splits it among
    ///         the round's live games; `challenger` is the game's that ended it) and the job reopened.
    event DisputeResolved(
        uint256 indexed jobId,
        uint32 round,
        address indexed worker,
        bool workerLost,
        address indexed challenger,
        uint256 slashed
    );
    /// @notice `funder` claimed `amount` wei of refunds from job `jobId`.
    event RefundClaimed(uint256 indexed jobId, address indexed funder, uint256 amount);
    /// @notice `account` withdrew `amount` wei of earnings.
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice Posts a job; `msg.value` (may be zero) is the poster's contribution to its escrow.
    /// @param params The job's parameters (see {JobParams}).
    /// @return jobId The new job's id (ids start at 1).
    function postJob(JobParams calldata params) external payable returns (uint256 jobId);

    /// @notice Adds `msg.value` to the escrow of an open job, credited to the caller.
    function fund(uint256 jobId) external payable;

    /// @notice Bids `price` wei on an open job during its auction. The caller must be registered, not barred from
    ///         the job, and must beat the best bid (strictly lower); `price` must not exceed the max price or the
    ///         escrow. The caller's `requiredCollateral` is locked at once (released if it is outbid), so the best
    ///         bid is always backed. A bid after an auction that ended without a bid starts the next auction (while
    ///         fewer than MAX_AUCTIONS ran).
    function bid(uint256 jobId, uint256 price) external;

    /// @notice Ends the auction once its window is over (anyone may call): assigns the best bidder; without a
    ///         bid, starts the next auction, or cancels the job (full refunds) once MAX_AUCTIONS auctions ran.
    function closeAuction(uint256 jobId) external;

    /// @notice The assigned worker submits its result before the deadline; the challenge window starts.
    /// @param finalModelRoot State root after the last step: the last checkpoint.
    /// @param checkpointsRoot Root over all checkpoint commitments (see docs/commitments.md section 8).
    /// @param lastCheckpointProof List proof of `finalModelRoot` as item K-1 of the checkpoints list (zero-subtree
    ///        padding checked), so the root is canonical and the final model is the last checkpoint.
    function submitResult(
        uint256 jobId,
        bytes32 finalModelRoot,
        bytes32 checkpointsRoot,
        bytes32[] calldata lastCheckpointProof
    ) external;

    /// @notice Finalizes a submitted job once its challenge window is over and no dispute is open (anyone may
    ///         call): releases the collateral, credits the worker its price, and opens the refunds of the rest.
    function finalize(uint256 jobId) external;

    /// @notice The poster cancels a job that is still open; funders then claim full refunds.
    function cancel(uint256 jobId) external;

    /// @notice After the result deadline of an assigned job, burns the worker's whole collateral (no reward to
    ///         anyone, so no party gains from it), bars the worker from the job and reopens it for bidding (anyone
    ///         may call). Open disputes do not hold it back: their games end as moot.
    function timeout(uint256 jobId) external;

    /// @notice Sends the caller its refund from a finalized or cancelled job: `contribution * refund / escrow`
    ///         rounded down, except that the last contributor to claim receives whatever is left, so no wei is
    ///         lost.
    /// @return amount Wei sent.
    function claimRefund(uint256 jobId) external returns (uint256 amount);

    /// @notice Sends the caller its earnings (the prices of the jobs it finalized).
    /// @return amount Wei sent.
    function withdraw() external returns (uint256 amount);

    /// @notice Arbiter hook: a dispute opened against the current assignment of `jobId` (assigned, or submitted
    ///         within its challenge window). Freezes finalize and timeout until every dispute is resolved.
    /// @return round The assignment round the dispute is about; pass it back to `resolveDispute`.
    function openDispute(uint256 jobId) external returns (uint32 round);

    /// @notice Arbiter hook: applies a dispute's outcome. If the worker lost, its collateral is slashed (reward
    ///         share to the arbiter, which splits it among the round's live games), the worker is barred from the
    ///         job, every other dispute of that round is dropped, and the job is reopened for bidding. If the worker
    ///         won, the dispute is closed and the job unfreezes once none is left.
    /// @return reward The slash reward credited to the arbiter in the StakeManager (0 unless the worker lost).
    function resolveDispute(uint256 jobId, uint32 round, bool workerLost, address challenger)
        external
        returns (uint256 reward);

    /// @notice The job `jobId`.
    function getJob(uint256 jobId) external view returns (Job memory);

    /// @notice The assigned worker of `jobId` (while assigned or submitted), else zero.
    function workerOf(uint256 jobId) external view returns (address);

    /// @notice The assigned worker of `jobId` and its assignment round (while assigned or submitted), else zeros.
    function assignmentOf(uint256 jobId) external view returns (address worker, uint32 round);

    /// @notice Whether `worker` lost `jobId` once (slashed in a dispute or timed out) and may not bid on it again.
    function isBarred(uint256 jobId, address worker) external view returns (bool);

    /// @notice Most auctions in a row without a bid before a job is cancelled.
    function MAX_AUCTIONS() external view returns (uint8);

    /// @notice Shortest execution window of any job, in seconds.
    function minExecutionWindow() external view returns (uint64);

    /// @notice Execution time floor per training step, in microseconds.
    function minStepMicros() external view returns (uint64);

    /// @notice The shortest execution window a job of `steps` steps may have:
    ///         `minExecutionWindow + ceil(steps * minStepMicros / 1e6)` seconds.
    function minExecutionTime(uint256 steps) external view returns (uint256);

    /// @notice Number of jobs posted; the last job's id.
    function jobCount() external view returns (uint256);

    /// @notice Wei `funder` contributed to `jobId` and has not yet claimed a refund for (0 once claimed).
    function contributionOf(uint256 jobId, address funder) external view returns (uint256);

    /// @notice Wei `funder` can claim from `jobId` now.
    function refundOf(uint256 jobId, address funder) external view returns (uint256);

    /// @notice Refund accounting of `jobId` once finalized or cancelled: the pool, what was paid, and the
    ///         contributions whose refunds were claimed.
    function refundState(uint256 jobId) external view returns (uint256 pool, uint256 paid, uint256 claimed);

    /// @notice Earnings of `account` not yet withdrawn, in wei.
    function balanceOf(address account) external view returns (uint256);

    /// @notice Total wei this contract accounts for (open escrows, unclaimed refunds, unwithdrawn earnings).
    ///         Always equal to its balance.
    function totalAccounted() external view returns (uint256);

    /// @notice The StakeManager.
    function stakeManager() external view returns (address);

    /// @notice The NodeRegistry.
    function nodeRegistry() external view returns (address);

    /// @notice The arbiter (dispute contract).
    function arbiter() external view returns (address);
}
