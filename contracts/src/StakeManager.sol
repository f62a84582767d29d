// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakeManager} from "./interfaces/IStakeManager.sol";

/// @title StakeManager
/// @notice ETH stake, unbonding, per-job collateral locks and slashing. See {IStakeManager}.
contract StakeManager is IStakeManager, ReentrancyGuardTransient {
    /// @dev Basis points denominator.
    uint256 internal constant BPS = 10_000;

    /// @inheritdoc IStakeManager
    address public immutable arbiter;
    /// @inheritdoc IStakeManager
    address public immutable deployer;
    /// @inheritdoc IStakeManager
    uint256 public immutable unbondingDelay;
    /// @inheritdoc IStakeManager
    uint256 public immutable slashRewardBps;

    /// @inheritdoc IStakeManager
    address public market;
    /// @inheritdoc IStakeManager
    uint256 public totalBurned;
    /// @inheritdoc IStakeManager
    uint256 public totalAccounted;

    mapping(address staker => StakeInfo) internal _stakes;
    mapping(address staker => mapping(uint256 jobId => uint256 amount)) internal _locks;
    mapping(address recipient => uint256 amount) internal _rewards;

    /// @param arbiter_ The arbiter allowed to slash.
    /// @param unbondingDelay_ Seconds between an unbonding request and its withdrawal.
    /// @param slashRewardBps_ Share of a slash paid to the recipient, in basis points; below 10000.
    constructor(address arbiter_, uint256 unbondingDelay_, uint256 slashRewardBps_) {
        if (arbiter_ == address(0)) revert ZeroAddress();
        if (slashRewardBps_ >= BPS) revert InvalidSlashReward(slashRewardBps_);
        arbiter = arbiter_;
        deployer = msg.sender;
        unbondingDelay = unbondingDelay_;
        slashRewardBps = slashRewardBps_;
    }

    modifier onlyMarket() {
        if (msg.sender != market) revert NotMarket();
        _;
    }

    /// @inheritdoc IStakeManager
    function setMarket(address market_) external {
        if (msg.sender != deployer) revert NotDeployer();
        if (market != address(0)) revert MarketAlreadySet();
        if (market_ == address(0)) revert ZeroAddress();
        market = market_;
        emit MarketSet(market_);
    }

    /// @inheritdoc IStakeManager
    function deposit() external payable {
        if (msg.value == 0) revert ZeroAmount();
        StakeInfo storage s = _stakes[msg.sender];
        uint256 staked = uint256(s.staked) + msg.value;
        if (staked > type(uint128).max) revert AmountTooLarge();
        // Safe cast: staked <= type(uint128).max is checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        s.staked = uint128(staked);
        totalAccounted += msg.value;
        emit Deposited(msg.sender, msg.value, staked);
    }

    /// @inheritdoc IStakeManager
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        StakeInfo storage s = _stakes[msg.sender];
        uint256 free = uint256(s.staked) - s.locked;
        if (amount > free) revert InsufficientFreeStake(free, amount);
        uint256 unbonding = uint256(s.unbonding) + amount;
        uint256 readyAt = block.timestamp + unbondingDelay;
        // Safe cast: amount <= free <= staked < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        s.staked -= uint128(amount);
        s.unbonding = SafeCast.toUint128(unbonding);
        s.unbondReadyAt = SafeCast.toUint64(readyAt);
        emit UnbondRequested(msg.sender, amount, unbonding, readyAt);
    }

    /// @inheritdoc IStakeManager
    function withdraw() external nonReentrant returns (uint256 amount) {
        StakeInfo storage s = _stakes[msg.sender];
        amount = s.unbonding;
        if (amount == 0) revert NothingToWithdraw();
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < s.unbondReadyAt) revert UnbondingNotReady(s.unbondReadyAt);
        s.unbonding = 0;
        s.unbondReadyAt = 0;
        totalAccounted -= amount;
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @inheritdoc IStakeManager
    function lock(address staker, uint256 jobId, uint256 amount) external onlyMarket {
        if (amount == 0) revert ZeroAmount();
        if (_locks[staker][jobId] != 0) revert LockExists(staker, jobId);
        StakeInfo storage s = _stakes[staker];
        uint256 free = uint256(s.staked) - s.locked;
        if (amount > free) revert InsufficientFreeStake(free, amount);
        // Safe cast: amount <= free, so locked + amount <= staked < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        s.locked += uint128(amount);
        _locks[staker][jobId] = amount;
        emit Locked(staker, jobId, amount);
    }

    /// @inheritdoc IStakeManager
    function unlock(address staker, uint256 jobId) external onlyMarket returns (uint256 amount) {
        amount = _locks[staker][jobId];
        if (amount == 0) return 0;
        delete _locks[staker][jobId];
        // Safe cast: amount is a lock, at most locked < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _stakes[staker].locked -= uint128(amount);
        emit Unlocked(staker, jobId, amount);
    }

    /// @inheritdoc IStakeManager
    function slash(address staker, uint256 jobId, uint256 amount, address recipient)
        external
        returns (uint256 reward, uint256 burned)
    {
        if (msg.sender != arbiter && msg.sender != market) revert NotSlasher();
        if (amount == 0) revert ZeroAmount();
        uint256 locked = _locks[staker][jobId];
        if (amount > locked) revert SlashExceedsLock(locked, amount);
        _locks[staker][jobId] = locked - amount;
        StakeInfo storage s = _stakes[staker];
        // Safe cast: amount <= job lock <= locked <= staked < 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        s.locked -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast)
        s.staked -= uint128(amount);
        reward = recipient == address(0) ? 0 : amount * slashRewardBps / BPS;
        burned = amount - reward;
        if (reward != 0) _rewards[recipient] += reward;
        totalBurned += burned;
        emit Slashed(staker, jobId, recipient, msg.sender, amount, reward, burned);
    }

    /// @inheritdoc IStakeManager
    function claimReward() external nonReentrant returns (uint256 amount) {
        amount = _rewards[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        _rewards[msg.sender] = 0;
        totalAccounted -= amount;
        emit RewardClaimed(msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @inheritdoc IStakeManager
    function stakeOf(address staker) external view returns (StakeInfo memory) {
        return _stakes[staker];
    }

    /// @inheritdoc IStakeManager
    function freeStake(address staker) external view returns (uint256) {
        StakeInfo storage s = _stakes[staker];
        return uint256(s.staked) - s.locked;
    }

    /// @inheritdoc IStakeManager
    function lockedFor(address staker, uint256 jobId) external view returns (uint256) {
        return _locks[staker][jobId];
    }

    /// @inheritdoc IStakeManager
    function rewardOf(address recipient) external view returns (uint256) {
        return _rewards[recipient];
    }

    function _send(address to, uint256 amount) internal {
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed();
    }
}
