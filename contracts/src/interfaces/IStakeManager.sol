// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title IStakeManager
/// @notice Holds the ETH stake of workers. A staker deposits, requests to unbond (the amount then waits
///         `unbondingDelay` seconds) and withdraws. The JobMarket locks part of a worker's stake as the
///         collateral of one job. A lock can be slashed by the arbiter (dispute outcomes) or by the market
///         (missed deadlines, dispute outcomes the arbiter reports through the market): `slashRewardBps`
///         of the slashed amount is credited to a recipient (the winning challenger), the rest is burned.
/// @dev Burned ETH stays in this contract forever, counted in `totalBurned`; no function can move it.
///      All amounts are in wei, all times in seconds (unix time).
interface IStakeManager {
    /// @notice The stake of one address.
    /// @param staked Bonded stake in wei, including the locked part.
    /// @param locked Part of `staked` locked as job collateral, in wei (sum of the per-job locks).
    /// @param unbonding Stake waiting for its unbonding delay, in wei (not part of `staked`).
    /// @param unbondReadyAt Unix time from which `unbonding` can be withdrawn.
    struct StakeInfo {
        uint128 staked;
        uint128 locked;
        uint128 unbonding;
        uint64 unbondReadyAt;
    }

    /// @notice The caller is not the deployer.
    error NotDeployer();
    /// @notice The one-time market setter was already called.
    error MarketAlreadySet();
    /// @notice An address parameter is zero.
    error ZeroAddress();
    /// @notice The slash reward share is 10000 basis points or more (something must always burn).
    error InvalidSlashReward(uint256 bps);
    /// @notice The caller is not the JobMarket.
    error NotMarket();
    /// @notice The caller is neither the arbiter nor the JobMarket.
    error NotSlasher();
    /// @notice An amount is zero.
    error ZeroAmount();
    /// @notice An amount does not fit the 128-bit accounting.
    error AmountTooLarge();
    /// @notice The staker's free (bonded and unlocked) stake is below what is asked.
    error InsufficientFreeStake(uint256 free, uint256 needed);
    /// @notice Nothing is waiting to be withdrawn.
    error NothingToWithdraw();
    /// @notice The unbonding delay has not elapsed.
    error UnbondingNotReady(uint256 readyAt);
    /// @notice The staker already has a lock for this job.
    error LockExists(address staker, uint256 jobId);
    /// @notice The slash amount is above the staker's lock for the job.
    error SlashExceedsLock(uint256 locked, uint256 amount);
    /// @notice An ETH transfer failed.
    error TransferFailed();

    /// @notice The JobMarket was wired (once, by the deployer).
    event MarketSet(address indexed market);
    /// @notice `staker` added `amount` wei to its bonded stake, which is now `staked`.
    event Deposited(address indexed staker, uint256 amount, uint256 staked);
    /// @notice `staker` moved `amount` wei into unbonding; all its unbonding stake (`unbonding`) is
    ///         withdrawable from `readyAt`.
    event UnbondRequested(address indexed staker, uint256 amount, uint256 unbonding, uint256 readyAt);
    /// @notice `staker` withdrew `amount` wei of unbonded stake.
    event Withdrawn(address indexed staker, uint256 amount);
    /// @notice The market locked `amount` wei of `staker`'s stake as collateral for `jobId`.
    event Locked(address indexed staker, uint256 indexed jobId, uint256 amount);
    /// @notice The market released `staker`'s lock of `amount` wei for `jobId`.
    event Unlocked(address indexed staker, uint256 indexed jobId, uint256 amount);
    /// @notice `amount` wei of `staker`'s lock for `jobId` was slashed by `slasher`: `reward` wei credited to
    ///         `recipient`, `burned` wei burned.
    event Slashed(
        address indexed staker,
        uint256 indexed jobId,
        address indexed recipient,
        address slasher,
        uint256 amount,
        uint256 reward,
        uint256 burned
    );
    /// @notice `recipient` claimed `amount` wei of slash rewards.
    event RewardClaimed(address indexed recipient, uint256 amount);

    /// @notice Wires the JobMarket. Callable once, by the deployer.
    /// @param market The JobMarket address.
    function setMarket(address market) external;

    /// @notice Adds `msg.value` to the caller's bonded stake.
    function deposit() external payable;

    /// @notice Moves `amount` wei of the caller's free stake into unbonding. The whole unbonding amount
    ///         (earlier requests included) becomes withdrawable `unbondingDelay` seconds from now.
    /// @param amount Wei to unbond; at most the free stake.
    function requestUnbond(uint256 amount) external;

    /// @notice Sends the caller's unbonding stake to it once the unbonding delay has elapsed.
    /// @return amount Wei sent.
    function withdraw() external returns (uint256 amount);

    /// @notice Locks `amount` wei of `staker`'s free stake as collateral for `jobId`. Only the JobMarket.
    /// @param staker The worker.
    /// @param jobId The job.
    /// @param amount Wei to lock; non-zero, at most the free stake.
    function lock(address staker, uint256 jobId, uint256 amount) external;

    /// @notice Releases `staker`'s whole lock for `jobId` (no-op if none). Only the JobMarket.
    /// @return amount Wei released.
    function unlock(address staker, uint256 jobId) external returns (uint256 amount);

    /// @notice Slashes `amount` wei of `staker`'s lock for `jobId`. Only the arbiter or the JobMarket.
    ///         `amount * slashRewardBps / 10000` (rounded down) is credited to `recipient`, the rest burned;
    ///         with `recipient == address(0)` everything is burned.
    /// @param staker The worker.
    /// @param jobId The job whose collateral is slashed.
    /// @param amount Wei to slash; at most the lock.
    /// @param recipient Who earns the reward share (the winning challenger), or zero.
    /// @return reward Wei credited to `recipient`.
    /// @return burned Wei burned.
    function slash(address staker, uint256 jobId, uint256 amount, address recipient)
        external
        returns (uint256 reward, uint256 burned);

    /// @notice Sends the caller its slash rewards.
    /// @return amount Wei sent.
    function claimReward() external returns (uint256 amount);

    /// @notice The stake record of `staker`.
    function stakeOf(address staker) external view returns (StakeInfo memory);

    /// @notice Bonded and unlocked stake of `staker`, in wei: what can be locked or unbonded.
    function freeStake(address staker) external view returns (uint256);

    /// @notice Wei of `staker`'s stake locked for `jobId`.
    function lockedFor(address staker, uint256 jobId) external view returns (uint256);

    /// @notice Unclaimed slash rewards of `recipient`, in wei.
    function rewardOf(address recipient) external view returns (uint256);

    /// @notice Total wei burned by slashes; held by this contract forever.
    function totalBurned() external view returns (uint256);

    /// @notice Total wei accounted for: all bonded and unbonding stake, unclaimed rewards and burned wei.
    ///         Always equal to this contract's balance.
    function totalAccounted() external view returns (uint256);

    /// @notice The arbiter (dispute contract), allowed to slash.
    function arbiter() external view returns (address);

    /// @notice The JobMarket, allowed to lock, unlock and slash.
    function market() external view returns (address);

    /// @notice The address that deployed this contract (may call `setMarket` once).
    function deployer() external view returns (address);

    /// @notice Seconds between an unbonding request and the withdrawal.
    function unbondingDelay() external view returns (uint256);

    /// @notice Share of a slash paid to the recipient, in basis points (1/10000); the rest is burned.
    function slashRewardBps() external view returns (uint256);
}
