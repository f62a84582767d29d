// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../script/Deploy.s.sol";

contract Deploy_Run_Test is Test {
    string internal constant OUT = "deployments/forge-test-deploy.json";

    function tearDown() internal {
        if (vm.exists(OUT)) vm.removeFile(OUT);
    }

    function test_run_envJsonAndDefaults_succeeds() public {
        address arbiter = makeAddr("arbiter");
        address sequencer = makeAddr("sequencer");
        vm.setEnv("ARBITER", vm.toString(arbiter));
        vm.setEnv("SEQUENCER", vm.toString(sequencer));
        vm.setEnv("UNBONDING_DELAY", "3600");
        vm.setEnv("SLASH_REWARD_BPS", "2500");
        vm.setEnv("DISPUTE_ANSWER_TIME", "45");
        vm.setEnv("MIN_EXECUTION_WINDOW", "120");
        vm.setEnv("MIN_STEP_MICROS", "250");
        vm.setEnv("DEPLOYMENTS_OUT", OUT);
        vm.roll(77);
        Deploy.Deployment memory d = new Deploy().run();
        vm.setEnv("DEPLOYMENTS_OUT", "none");

        assertEq(d.stakeManager.arbiter(), arbiter);
        assertEq(d.stakeManager.unbondingDelay(), 3600);
        assertEq(d.stakeManager.slashRewardBps(), 2500);
        assertEq(d.stakeManager.market(), address(d.jobMarket));
        assertEq(d.nodeRegistry.market(), address(d.jobMarket));
        assertEq(d.nodeRegistry.arbiter(), arbiter);
        assertEq(d.jobMarket.arbiter(), arbiter);
        assertEq(d.jobMarket.stakeManager(), address(d.stakeManager));
        assertEq(d.jobMarket.nodeRegistry(), address(d.nodeRegistry));
        assertEq(d.commitmentInbox.sequencer(), sequencer);
        assertEq(d.commitmentInbox.jobMarket(), address(d.jobMarket));
        assertEq(d.stakeManager.deployer(), d.deployer);
        assertEq(d.verdeArbitration.answerTime(), 45);
        assertEq(d.jobMarket.minExecutionWindow(), 120);
        assertEq(d.jobMarket.minStepMicros(), 250);

        string memory json = vm.readFile(OUT);
        assertEq(vm.parseJsonUint(json, ".chainId"), block.chainid);
        assertEq(vm.parseJsonAddress(json, ".stakeManager"), address(d.stakeManager));
        assertEq(vm.parseJsonAddress(json, ".jobMarket"), address(d.jobMarket));
        assertEq(vm.parseJsonAddress(json, ".commitmentInbox"), address(d.commitmentInbox));
        assertEq(vm.parseJsonAddress(json, ".nodeRegistry"), address(d.nodeRegistry));
        assertEq(vm.parseJsonAddress(json, ".arbiter"), arbiter);
        assertEq(vm.parseJsonAddress(json, ".sequencer"), sequencer);
        assertEq(vm.parseJsonAddress(json, ".deployer"), d.deployer);
        assertEq(vm.parseJsonUint(json, ".blockNumber"), 77);
        tearDown();

        // Defaults (in the same test: the environment is shared by tests running in parallel).
        vm.setEnv("ARBITER", "");
        vm.setEnv("SEQUENCER", "");
        vm.setEnv("UNBONDING_DELAY", "");
        vm.setEnv("SLASH_REWARD_BPS", "");
        vm.setEnv("DISPUTE_ANSWER_TIME", "");
        vm.setEnv("MIN_EXECUTION_WINDOW", "");
        vm.setEnv("MIN_STEP_MICROS", "");
        vm.setEnv("DEPLOYMENTS_OUT", "none");
        d = new Deploy().run();
        // The default arbiter is the dispute game, wired to the market, the inbox and the one-step executor.
        assertEq(d.arbiter, address(d.verdeArbitration));
        assertEq(d.jobMarket.arbiter(), address(d.verdeArbitration));
        assertEq(d.stakeManager.arbiter(), address(d.verdeArbitration));
        assertEq(d.nodeRegistry.arbiter(), address(d.verdeArbitration));
        assertEq(d.verdeArbitration.jobMarket(), address(d.jobMarket));
        assertEq(d.verdeArbitration.inbox(), address(d.commitmentInbox));
        assertEq(d.verdeArbitration.oneStep(), address(d.oneStep));
        assertEq(d.verdeArbitration.bond(), 0.1 ether);
        assertEq(d.verdeArbitration.clock(), 1 hours);
        assertEq(d.verdeArbitration.answerTime(), 5 minutes);
        assertEq(d.jobMarket.minExecutionWindow(), 10 minutes);
        assertEq(d.jobMarket.minStepMicros(), 1000);
        assertEq(d.sequencer, d.deployer);
        assertEq(d.stakeManager.unbondingDelay(), 1 days);
        assertEq(d.stakeManager.slashRewardBps(), 5000);
        assertFalse(vm.exists(OUT));
    }
}
