// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonTest} from "./utils/CommonTest.sol";
import {NodeRegistry} from "../src/NodeRegistry.sol";
import {INodeRegistry} from "../src/interfaces/INodeRegistry.sol";

contract NodeRegistry_Constructor_Test is CommonTest {
    function test_constructor_wiring_succeeds() public view {
        assertEq(registry.arbiter(), arbiter);
        assertEq(registry.market(), address(market));
        assertEq(registry.deployer(), address(deployScript));
        assertEq(registry.nodeCount(), 0);
    }

    function test_constructor_zeroArbiter_reverts() public {
        vm.expectRevert(INodeRegistry.ZeroAddress.selector);
        new NodeRegistry(address(0));
    }
}

contract NodeRegistry_SetMarket_Test is CommonTest {
    NodeRegistry internal fresh;

    function setUp() public override {
        super.setUp();
        fresh = new NodeRegistry(arbiter);
    }

    function test_setMarket_once_succeeds() public {
        vm.expectEmit(address(fresh));
        emit INodeRegistry.MarketSet(address(market));
        fresh.setMarket(address(market));
        assertEq(fresh.market(), address(market));
    }

    function test_setMarket_notDeployer_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(INodeRegistry.NotDeployer.selector);
        fresh.setMarket(address(market));
    }

    function test_setMarket_twice_reverts() public {
        fresh.setMarket(address(market));
        vm.expectRevert(INodeRegistry.MarketAlreadySet.selector);
        fresh.setMarket(address(market));
    }

    function test_setMarket_zero_reverts() public {
        vm.expectRevert(INodeRegistry.ZeroAddress.selector);
        fresh.setMarket(address(0));
    }
}

contract NodeRegistry_Register_Test is CommonTest {
    function test_register_stores_succeeds() public {
        vm.expectEmit(address(registry));
        emit INodeRegistry.NodeRegistered(worker, hex"0024080112", "cpu:amd64x16");
        vm.prank(worker);
        registry.register(hex"0024080112", "cpu:amd64x16");
        INodeRegistry.Node memory n = registry.getNode(worker);
        assertEq(n.peerId, hex"0024080112");
        assertEq(n.hardware, "cpu:amd64x16");
        assertEq(n.registeredAt, block.timestamp);
        assertTrue(registry.isRegistered(worker));
        assertFalse(registry.isRegistered(stranger));
        assertEq(registry.nodeCount(), 1);
    }

    function test_register_twice_reverts() public {
        vm.startPrank(worker);
        registry.register("p", "");
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.AlreadyRegistered.selector, worker));
        registry.register("p", "");
        vm.stopPrank();
    }

    function test_register_emptyPeerId_reverts() public {
        vm.prank(worker);
        vm.expectRevert(INodeRegistry.InvalidPeerId.selector);
        registry.register("", "gpu");
    }

    function test_register_longPeerId_reverts() public {
        vm.prank(worker);
        vm.expectRevert(INodeRegistry.InvalidPeerId.selector);
        registry.register(new bytes(129), "gpu");
    }

    function test_register_longHardware_reverts() public {
        vm.prank(worker);
        vm.expectRevert(INodeRegistry.HardwareTooLong.selector);
        registry.register("p", string(new bytes(257)));
    }

    function testFuzz_register_roundTrip_succeeds(address node, bytes calldata peerId, string calldata hw) public {
        vm.assume(peerId.length > 0 && peerId.length <= 128 && bytes(hw).length <= 256);
        vm.prank(node);
        registry.register(peerId, hw);
        INodeRegistry.Node memory n = registry.getNode(node);
        assertEq(n.peerId, peerId);
        assertEq(n.hardware, hw);
    }
}

contract NodeRegistry_Update_Test is CommonTest {
    function test_update_changes_succeeds() public {
        vm.startPrank(worker);
        registry.register("p1", "cpu");
        vm.expectEmit(address(registry));
        emit INodeRegistry.NodeUpdated(worker, "p2", "gpu");
        registry.update("p2", "gpu");
        vm.stopPrank();
        INodeRegistry.Node memory n = registry.getNode(worker);
        assertEq(n.peerId, "p2");
        assertEq(n.hardware, "gpu");
        assertEq(registry.nodeCount(), 1);
    }

    function test_update_notRegistered_reverts() public {
        vm.prank(worker);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.NotRegistered.selector, worker));
        registry.update("p", "");
    }

    function test_update_invalid_reverts() public {
        vm.startPrank(worker);
        registry.register("p1", "cpu");
        vm.expectRevert(INodeRegistry.InvalidPeerId.selector);
        registry.update("", "cpu");
        vm.stopPrank();
    }
}

contract NodeRegistry_RecordJobDone_Test is CommonTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        registry.register("p", "");
    }

    function test_recordJobDone_byMarketOrArbiter_succeeds() public {
        vm.expectEmit(address(registry));
        emit INodeRegistry.JobDoneRecorded(worker, 1);
        vm.prank(address(market));
        registry.recordJobDone(worker);
        vm.prank(arbiter);
        registry.recordJobDone(worker);
        assertEq(registry.getNode(worker).jobsDone, 2);
    }

    function test_recordJobDone_unauthorized_reverts() public {
        vm.prank(worker);
        vm.expectRevert(INodeRegistry.NotAuthorized.selector);
        registry.recordJobDone(worker);
    }

    function test_recordJobDone_notRegistered_reverts() public {
        vm.prank(address(market));
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.NotRegistered.selector, stranger));
        registry.recordJobDone(stranger);
    }
}

contract NodeRegistry_RecordDispute_Test is CommonTest {
    function setUp() public override {
        super.setUp();
        vm.prank(worker);
        registry.register("p", "");
    }

    function test_recordDispute_counts_succeeds() public {
        vm.expectEmit(address(registry));
        emit INodeRegistry.DisputeRecorded(worker, true, 1, 0);
        vm.prank(arbiter);
        registry.recordDispute(worker, true);
        vm.expectEmit(address(registry));
        emit INodeRegistry.DisputeRecorded(worker, false, 1, 1);
        vm.prank(address(market));
        registry.recordDispute(worker, false);
        INodeRegistry.Node memory n = registry.getNode(worker);
        assertEq(n.disputesWon, 1);
        assertEq(n.disputesLost, 1);
    }

    function test_recordDispute_unauthorized_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(INodeRegistry.NotAuthorized.selector);
        registry.recordDispute(worker, true);
    }

    function test_recordDispute_notRegistered_reverts() public {
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.NotRegistered.selector, stranger));
        registry.recordDispute(stranger, false);
    }
}
