// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonTest, RejectEther, Reenterer} from "./utils/CommonTest.sol";
import {StakeManager} from "../src/StakeManager.sol";
import {IStakeManager} from "../src/interfaces/IStakeManager.sol";

/// @notice Tests act as the market by pranking it; `market` is the real JobMarket address.
abstract contract StakeManagerTest is CommonTest {
    uint256 internal constant JOB = 42;

    function lockAs(address staker, uint256 amount) internal {
        vm.prank(address(market));
        stakeManager.lock(staker, JOB, amount);
    }

    function assertAccounted() internal view {
        assertEq(address(stakeManager).balance, stakeManager.totalAccounted(), "balance == accounted");
    }
}

contract StakeManager_Constructor_Test is StakeManagerTest {
    function test_constructor_setsParams_succeeds() public view {
        assertEq(stakeManager.arbiter(), arbiter);
        assertEq(stakeManager.market(), address(market));
        assertEq(stakeManager.deployer(), address(deployScript));
        assertEq(stakeManager.unbondingDelay(), UNBONDING_DELAY);
        assertEq(stakeManager.slashRewardBps(), SLASH_REWARD_BPS);
    }

    function test_constructor_zeroArbiter_reverts() public {
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        new StakeManager(address(0), 1, 1);
    }

    function test_constructor_fullReward_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InvalidSlashReward.selector, 10_000));
        new StakeManager(arbiter, 1, 10_000);
    }
}

contract StakeManager_SetMarket_Test is StakeManagerTest {
    StakeManager internal fresh;

    function setUp() public override {
        super.setUp();
        fresh = new StakeManager(arbiter, 1, 1);
    }

    function test_setMarket_once_succeeds() public {
        vm.expectEmit(address(fresh));
        emit IStakeManager.MarketSet(address(market));
        fresh.setMarket(address(market));
        assertEq(fresh.market(), address(market));
    }

    function test_setMarket_notDeployer_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(IStakeManager.NotDeployer.selector);
        fresh.setMarket(address(market));
    }

    function test_setMarket_twice_reverts() public {
        fresh.setMarket(address(market));
        vm.expectRevert(IStakeManager.MarketAlreadySet.selector);
        fresh.setMarket(stranger);
    }

    function test_setMarket_zero_reverts() public {
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        fresh.setMarket(address(0));
    }
}

contract StakeManager_Deposit_Test is StakeManagerTest {
    function test_deposit_credits_succeeds() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.Deposited(worker, 3 ether, 3 ether);
        vm.prank(worker);
        stakeManager.deposit{value: 3 ether}();
        vm.prank(worker);
        stakeManager.deposit{value: 1 ether}();
        assertEq(stakeManager.stakeOf(worker).staked, 4 ether);
        assertEq(stakeManager.freeStake(worker), 4 ether);
        assertAccounted();
    }

    function test_deposit_zero_reverts() public {
        vm.prank(worker);
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        stakeManager.deposit();
    }

    function test_deposit_overflow_reverts() public {
        vm.deal(worker, type(uint256).max);
        vm.prank(worker);
        stakeManager.deposit{value: type(uint128).max}();
        vm.prank(worker);
        vm.expectRevert(IStakeManager.AmountTooLarge.selector);
        stakeManager.deposit{value: 1}();
    }

    function testFuzz_deposit_accounts_succeeds(uint96 a, uint96 b) public {
        vm.assume(a > 0 && b > 0);
        vm.deal(worker, uint256(a) + b);
        vm.startPrank(worker);
        stakeManager.deposit{value: a}();
        stakeManager.deposit{value: b}();
        vm.stopPrank();
        assertEq(stakeManager.stakeOf(worker).staked, uint256(a) + b);
        assertAccounted();
    }
}

contract StakeManager_RequestUnbond_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        stakeManager.deposit{value: 10 ether}();
    }

    function test_requestUnbond_movesStake_succeeds() public {
        uint256 readyAt = block.timestamp + UNBONDING_DELAY;
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.UnbondRequested(worker, 4 ether, 4 ether, readyAt);
        vm.prank(worker);
        stakeManager.requestUnbond(4 ether);
        IStakeManager.StakeInfo memory s = stakeManager.stakeOf(worker);
        assertEq(s.staked, 6 ether);
        assertEq(s.unbonding, 4 ether);
        assertEq(s.unbondReadyAt, readyAt);
        assertAccounted();
    }

    function test_requestUnbond_again_resetsTimer_succeeds() public {
        vm.prank(worker);
        stakeManager.requestUnbond(1 ether);
        vm.warp(block.timestamp + 1 days);
        vm.prank(worker);
        stakeManager.requestUnbond(2 ether);
        IStakeManager.StakeInfo memory s = stakeManager.stakeOf(worker);
        assertEq(s.unbonding, 3 ether);
        assertEq(s.unbondReadyAt, block.timestamp + UNBONDING_DELAY);
    }

    function test_requestUnbond_zero_reverts() public {
        vm.prank(worker);
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        stakeManager.requestUnbond(0);
    }

    function test_requestUnbond_lockedStake_reverts() public {
        lockAs(worker, 7 ether);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, 3 ether, 4 ether));
        stakeManager.requestUnbond(4 ether);
    }

    function testFuzz_requestUnbond_neverBelowLocked_succeeds(uint256 locked, uint256 amount) public {
        locked = bound(locked, 1, 10 ether);
        amount = bound(amount, 1, 20 ether);
        lockAs(worker, locked);
        vm.prank(worker);
        if (amount > 10 ether - locked) {
            vm.expectRevert();
            stakeManager.requestUnbond(amount);
        } else {
            stakeManager.requestUnbond(amount);
        }
        IStakeManager.StakeInfo memory s = stakeManager.stakeOf(worker);
        assertLe(s.locked, s.staked);
    }
}

contract StakeManager_Withdraw_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.startPrank(worker);
        stakeManager.deposit{value: 10 ether}();
        stakeManager.requestUnbond(4 ether);
        vm.stopPrank();
    }

    function test_withdraw_afterDelay_succeeds() public {
        vm.warp(block.timestamp + UNBONDING_DELAY);
        uint256 before = worker.balance;
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.Withdrawn(worker, 4 ether);
        vm.prank(worker);
        assertEq(stakeManager.withdraw(), 4 ether);
        assertEq(worker.balance, before + 4 ether);
        assertEq(stakeManager.stakeOf(worker).unbonding, 0);
        assertAccounted();
    }

    function test_withdraw_early_reverts() public {
        vm.warp(block.timestamp + UNBONDING_DELAY - 1);
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingNotReady.selector, block.timestamp + 1));
        stakeManager.withdraw();
    }

    function test_withdraw_nothing_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(IStakeManager.NothingToWithdraw.selector);
        stakeManager.withdraw();
    }

    function test_withdraw_reentrancy_reverts() public {
        Reenterer r = new Reenterer();
        r.setReentry(address(stakeManager), abi.encodeCall(IStakeManager.withdraw, ()));
        r.call{value: 2 ether}(abi.encodeCall(IStakeManager.deposit, ()));
        r.call(abi.encodeCall(IStakeManager.requestUnbond, (2 ether)));
        vm.warp(block.timestamp + UNBONDING_DELAY);
        r.call(abi.encodeCall(IStakeManager.withdraw, ()));
        assertTrue(r.reentered());
        assertFalse(r.reentrySucceeded());
        assertEq(address(r).balance, 2 ether);
        assertAccounted();
    }

    function test_withdraw_rejectingReceiver_reverts() public {
        RejectEther r = new RejectEther();
        r.call{value: 1 ether}(address(stakeManager), abi.encodeCall(IStakeManager.deposit, ()));
        r.call(address(stakeManager), abi.encodeCall(IStakeManager.requestUnbond, (1 ether)));
        vm.warp(block.timestamp + UNBONDING_DELAY);
        vm.expectRevert(IStakeManager.TransferFailed.selector);
        r.call(address(stakeManager), abi.encodeCall(IStakeManager.withdraw, ()));
    }
}

contract StakeManager_Lock_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        stakeManager.deposit{value: 10 ether}();
    }

    function test_lock_locks_succeeds() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.Locked(worker, JOB, 6 ether);
        lockAs(worker, 6 ether);
        assertEq(stakeManager.lockedFor(worker, JOB), 6 ether);
        assertEq(stakeManager.stakeOf(worker).locked, 6 ether);
        assertEq(stakeManager.freeStake(worker), 4 ether);
    }

    function test_lock_notMarket_reverts() public {
        vm.prank(arbiter);
        vm.expectRevert(IStakeManager.NotMarket.selector);
        stakeManager.lock(worker, JOB, 1 ether);
    }

    function test_lock_zero_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        stakeManager.lock(worker, JOB, 0);
    }

    function test_lock_exists_reverts() public {
        lockAs(worker, 1 ether);
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.LockExists.selector, worker, JOB));
        stakeManager.lock(worker, JOB, 1 ether);
    }

    function test_lock_insufficient_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, 10 ether, 11 ether));
        stakeManager.lock(worker, JOB, 11 ether);
    }
}

contract StakeManager_Unlock_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        stakeManager.deposit{value: 10 ether}();
        lockAs(worker, 6 ether);
    }

    function test_unlock_releases_succeeds() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.Unlocked(worker, JOB, 6 ether);
        vm.prank(address(market));
        assertEq(stakeManager.unlock(worker, JOB), 6 ether);
        assertEq(stakeManager.lockedFor(worker, JOB), 0);
        assertEq(stakeManager.freeStake(worker), 10 ether);
    }

    function test_unlock_none_succeeds() public {
        vm.prank(address(market));
        assertEq(stakeManager.unlock(worker, JOB + 1), 0);
        assertEq(stakeManager.stakeOf(worker).locked, 6 ether);
    }

    function test_unlock_notMarket_reverts() public {
        vm.prank(worker);
        vm.expectRevert(IStakeManager.NotMarket.selector);
        stakeManager.unlock(worker, JOB);
    }
}

contract StakeManager_Slash_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        stakeManager.deposit{value: 10 ether}();
        lockAs(worker, 6 ether);
    }

    function test_slash_byArbiter_splitsRewardAndBurn_succeeds() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.Slashed(worker, JOB, challenger, arbiter, 5 ether, 2.5 ether, 2.5 ether);
        vm.prank(arbiter);
        (uint256 reward, uint256 burned) = stakeManager.slash(worker, JOB, 5 ether, challenger);
        assertEq(reward, 2.5 ether);
        assertEq(burned, 2.5 ether);
        IStakeManager.StakeInfo memory s = stakeManager.stakeOf(worker);
        assertEq(s.staked, 5 ether);
        assertEq(s.locked, 1 ether);
        assertEq(stakeManager.lockedFor(worker, JOB), 1 ether);
        assertEq(stakeManager.rewardOf(challenger), 2.5 ether);
        assertEq(stakeManager.totalBurned(), 2.5 ether);
        assertAccounted();
    }

    function test_slash_byMarket_succeeds() public {
        vm.prank(address(market));
        stakeManager.slash(worker, JOB, 6 ether, challenger);
        assertEq(stakeManager.lockedFor(worker, JOB), 0);
        assertEq(stakeManager.stakeOf(worker).staked, 4 ether);
    }

    function test_slash_noRecipient_burnsAll_succeeds() public {
        vm.prank(arbiter);
        (uint256 reward, uint256 burned) = stakeManager.slash(worker, JOB, 6 ether, address(0));
        assertEq(reward, 0);
        assertEq(burned, 6 ether);
        assertEq(stakeManager.totalBurned(), 6 ether);
        assertAccounted();
    }

    function test_slash_byStranger_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(IStakeManager.NotSlasher.selector);
        stakeManager.slash(worker, JOB, 1 ether, stranger);
    }

    function test_slash_byWorker_reverts() public {
        vm.prank(worker);
        vm.expectRevert(IStakeManager.NotSlasher.selector);
        stakeManager.slash(worker, JOB, 1 ether, worker);
    }

    function test_slash_zero_reverts() public {
        vm.prank(arbiter);
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        stakeManager.slash(worker, JOB, 0, challenger);
    }

    function test_slash_aboveLock_reverts() public {
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.SlashExceedsLock.selector, 6 ether, 7 ether));
        stakeManager.slash(worker, JOB, 7 ether, challenger);
    }

    function testFuzz_slash_selfRecipientAlwaysLoses_succeeds(uint256 amount, address caller) public {
        vm.assume(caller != arbiter && caller != address(market));
        amount = bound(amount, 1, 6 ether);
        vm.prank(caller);
        vm.expectRevert(IStakeManager.NotSlasher.selector);
        stakeManager.slash(worker, JOB, amount, caller);
        vm.prank(arbiter);
        (uint256 reward, uint256 burned) = stakeManager.slash(worker, JOB, amount, worker2);
        assertEq(reward + burned, amount);
        assertEq(reward, amount * SLASH_REWARD_BPS / 10_000);
        // A worker that is its own challenger (worker2) never gets back what it lost.
        assertLt(reward, amount);
        assertAccounted();
    }
}

contract StakeManager_ClaimReward_Test is StakeManagerTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        stakeManager.deposit{value: 10 ether}();
        lockAs(worker, 6 ether);
        vm.prank(arbiter);
        stakeManager.slash(worker, JOB, 6 ether, challenger);
    }

    function test_claimReward_pays_succeeds() public {
        uint256 before = challenger.balance;
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.RewardClaimed(challenger, 3 ether);
        vm.prank(challenger);
        assertEq(stakeManager.claimReward(), 3 ether);
        assertEq(challenger.balance, before + 3 ether);
        assertEq(stakeManager.rewardOf(challenger), 0);
        assertAccounted();
        assertEq(address(stakeManager).balance, 4 ether + 3 ether); // stake left + burned
    }

    function test_claimReward_nothing_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(IStakeManager.NothingToWithdraw.selector);
        stakeManager.claimReward();
    }
}
