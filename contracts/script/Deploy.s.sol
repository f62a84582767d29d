// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {StakeManager} from "../src/StakeManager.sol";
import {JobMarket} from "../src/JobMarket.sol";
import {CommitmentInbox} from "../src/CommitmentInbox.sol";
import {NodeRegistry} from "../src/NodeRegistry.sol";
import {IVerdeArbitration} from "../src/interfaces/IVerdeArbitration.sol";
import {IJobMarket} from "../src/interfaces/IJobMarket.sol";
import {ICommitmentInbox} from "../src/interfaces/ICommitmentInbox.sol";
import {OneStep} from "../src/onestep/OneStep.sol";

/// @dev VerdeArbitration's one-time wiring call.
interface IWire {
    function wire(IJobMarket market, ICommitmentInbox inbox, OneStep oneStep) external;
}

/// @title Deploy
/// @notice Deploys and wires StakeManager, NodeRegistry, JobMarket and CommitmentInbox. Used by the tests and by
///         the devnet:
///         `DEPLOYER_PRIVATE_KEY=... forge script contracts/script/Deploy.s.sol:Deploy --rpc-url $RPC --broadcast`
///         (this is what `gensyn devnet up` and `gensyn deploy` run).
/// @dev Environment (all optional):
///      - ARBITER: an address to make the arbiter instead of the VerdeArbitration game (tests only; default: the
///        game).
///      - DISPUTE_BOND: the challenger's bond floor in wei (default 0.1 ether); the game asks for more when the base
///        fee makes its worst-case defence gas (DEFENCE_GAS) cost more.
///      - DISPUTE_CLOCK: each side's thinking time per game in seconds (default 3600).
///      - DISPUTE_ANSWER_TIME: seconds each query adds to the worker's clock (default 300; at most the clock).
///      - MIN_EXECUTION_WINDOW: shortest execution window of any job, in seconds (default 600).
///      - MIN_STEP_MICROS: execution time floor per training step, in microseconds (default 1000): a job of S steps
///        needs an execution window of at least MIN_EXECUTION_WINDOW + S * MIN_STEP_MICROS / 1e6 seconds.
///      - SEQUENCER: the sequencer address (default: the deployer).
///      - UNBONDING_DELAY: unbonding delay in seconds (default 86400).
///      - SLASH_REWARD_BPS: slash share paid to the challenger, in basis points, below 10000 (default 5000).
///      - DEPLOYER_PRIVATE_KEY: the key that broadcasts (default: forge's wallet options, e.g. --private-key).
///      - DEPLOYMENTS_OUT: where to write the addresses as JSON (default "deployments/<chainId>.json"; the
///        value "none" writes nothing).
contract Deploy is Script {
    /// @notice What the deployment needs.
    struct Config {
        address arbiter; // zero: the VerdeArbitration game
        address sequencer;
        uint256 unbondingDelay;
        uint256 slashRewardBps;
        uint256 disputeBond;
        uint64 disputeClock;
        uint64 disputeAnswerTime;
        uint64 minExecutionWindow;
        uint64 minStepMicros;
    }

    /// @notice What the deployment produced.
    struct Deployment {
        StakeManager stakeManager;
        JobMarket jobMarket;
        CommitmentInbox commitmentInbox;
        NodeRegistry nodeRegistry;
        IVerdeArbitration verdeArbitration;
        OneStep oneStep;
        address arbiter;
        address sequencer;
        address deployer;
        uint256 blockNumber;
    }

    uint256 public constant DEFAULT_UNBONDING_DELAY = 1 days;
    uint256 public constant DEFAULT_SLASH_REWARD_BPS = 5000;
    uint256 public constant DEFAULT_DISPUTE_BOND = 0.1 ether;
    uint256 public constant DEFAULT_DISPUTE_CLOCK = 1 hours;
    uint256 public constant DEFAULT_DISPUTE_ANSWER_TIME = 5 minutes;
    uint256 public constant DEFAULT_MIN_EXECUTION_WINDOW = 10 minutes;
    uint256 public constant DEFAULT_MIN_STEP_MICROS = 1000;

    /// @notice Entry point of `forge script`: reads the environment, deploys while broadcasting, writes the JSON.
    function run() external returns (Deployment memory d) {
        // The key comes from the environment (never the command line, where other users of the machine can see
        // it); without one, forge's own wallet options (--private-key, --keystore, --account) apply.
        uint256 key = vm.envOr("DEPLOYER_PRIVATE_KEY", uint256(0));
        if (key != 0) vm.startBroadcast(key);
        else vm.startBroadcast();
        (, address sender,) = vm.readCallers();
        Config memory cfg = configFromEnv(sender);
        d = _deploy(cfg, sender);
        vm.stopBroadcast();
        string memory out =
            vm.envOr("DEPLOYMENTS_OUT", string.concat("deployments/", vm.toString(block.chainid), ".json"));
        if (keccak256(bytes(out)) != keccak256("none")) writeJson(d, out);
    }

    /// @notice The configuration from the environment, with the game as the default arbiter and `deployer` as the
    ///         default sequencer.
    function configFromEnv(address deployer) public view returns (Config memory cfg) {
        cfg.arbiter = vm.envOr("ARBITER", address(0));
        // Safe casts: checked by the VerdeArbitration and JobMarket constructors' bounds.
        // forge-lint: disable-next-line(unsafe-typecast)
        cfg.disputeClock = uint64(vm.envOr("DISPUTE_CLOCK", DEFAULT_DISPUTE_CLOCK));
        cfg.disputeBond = vm.envOr("DISPUTE_BOND", DEFAULT_DISPUTE_BOND);
        // forge-lint: disable-next-line(unsafe-typecast)
        cfg.disputeAnswerTime = uint64(vm.envOr("DISPUTE_ANSWER_TIME", DEFAULT_DISPUTE_ANSWER_TIME));
        // forge-lint: disable-next-line(unsafe-typecast)
        cfg.minExecutionWindow = uint64(vm.envOr("MIN_EXECUTION_WINDOW", DEFAULT_MIN_EXECUTION_WINDOW));
        // forge-lint: disable-next-line(unsafe-typecast)
        cfg.minStepMicros = uint64(vm.envOr("MIN_STEP_MICROS", DEFAULT_MIN_STEP_MICROS));
        cfg.sequencer = vm.envOr("SEQUENCER", deployer);
        cfg.unbondingDelay = vm.envOr("UNBONDING_DELAY", DEFAULT_UNBONDING_DELAY);
        cfg.slashRewardBps = vm.envOr("SLASH_REWARD_BPS", DEFAULT_SLASH_REWARD_BPS);
    }

    /// @notice Deploys and wires everything from this contract (no broadcast); tests use it.
    function deploy(Config memory cfg) public returns (Deployment memory) {
        return _deploy(cfg, address(this));
    }

    /// @notice Writes `d` as JSON to `path`.
    function writeJson(Deployment memory d, string memory path) public {
        string memory k = "deployment";
        vm.serializeUint(k, "chainId", block.chainid);
        vm.serializeAddress(k, "stakeManager", address(d.stakeManager));
        vm.serializeAddress(k, "jobMarket", address(d.jobMarket));
        vm.serializeAddress(k, "commitmentInbox", address(d.commitmentInbox));
        vm.serializeAddress(k, "nodeRegistry", address(d.nodeRegistry));
        vm.serializeAddress(k, "verdeArbitration", address(d.verdeArbitration));
        vm.serializeAddress(k, "oneStep", address(d.oneStep));
        vm.serializeAddress(k, "arbiter", d.arbiter);
        vm.serializeAddress(k, "sequencer", d.sequencer);
        vm.serializeAddress(k, "deployer", d.deployer);
        string memory json = vm.serializeUint(k, "blockNumber", d.blockNumber);
        string memory dir = _dirname(path);
        if (bytes(dir).length != 0 && !vm.exists(dir)) vm.createDir(dir, true);
        vm.writeJson(json, path);
    }

    /// @dev The part of `path` before its last "/", or "" if there is none.
    function _dirname(string memory path) internal pure returns (string memory dir) {
        bytes memory b = bytes(path);
        uint256 end = b.length;
        while (end > 0 && b[end - 1] != "/") {
            --end;
        }
        if (end <= 1) return end == 1 ? "/" : "";
        dir = new string(end - 1);
        for (uint256 i; i < end - 1; ++i) {
            bytes(dir)[i] = b[i];
        }
    }

    function _deploy(Config memory cfg, address deployer) internal returns (Deployment memory d) {
        d.oneStep = new OneStep();
        // Deployed from its artifact: importing its source would compile everything here with its size profile.
        d.verdeArbitration = IVerdeArbitration(
            vm.deployCode(
                "VerdeArbitration.sol:VerdeArbitration",
                abi.encode(cfg.disputeBond, cfg.disputeClock, cfg.disputeAnswerTime)
            )
        );
        address arbiter = cfg.arbiter == address(0) ? address(d.verdeArbitration) : cfg.arbiter;
        d.stakeManager = new StakeManager(arbiter, cfg.unbondingDelay, cfg.slashRewardBps);
        d.nodeRegistry = new NodeRegistry(arbiter);
        d.jobMarket = new JobMarket(d.stakeManager, d.nodeRegistry, arbiter, cfg.minExecutionWindow, cfg.minStepMicros);
        d.commitmentInbox = new CommitmentInbox(cfg.sequencer, d.jobMarket);
        d.stakeManager.setMarket(address(d.jobMarket));
        d.nodeRegistry.setMarket(address(d.jobMarket));
        IWire(address(d.verdeArbitration)).wire(d.jobMarket, d.commitmentInbox, d.oneStep);
        d.arbiter = arbiter;
        d.sequencer = cfg.sequencer;
        d.deployer = deployer;
        d.blockNumber = block.number;
    }
}
