// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {StakeManager} from "../../src/StakeManager.sol";
import {JobMarket} from "../../src/JobMarket.sol";
import {CommitmentInbox} from "../../src/CommitmentInbox.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {IJobMarket} from "../../src/interfaces/IJobMarket.sol";
import {TestMerkle} from "../dispute/TestMerkle.sol";

/// @notice Deploys the system through the Deploy script and offers helpers shared by the unit tests.
abstract contract CommonTest is Test {
    StakeManager internal stakeManager;
    JobMarket internal market;
    CommitmentInbox internal inbox;
    NodeRegistry internal registry;
    Deploy internal deployScript;

    address internal arbiter = makeAddr("arbiter");
    address internal sequencer = makeAddr("sequencer");
    address internal poster = makeAddr("poster");
    address internal funder = makeAddr("funder");
    address internal worker = makeAddr("worker");
    address internal worker2 = makeAddr("worker2");
    address internal challenger = makeAddr("challenger");
    address internal stranger = makeAddr("stranger");

    uint256 internal constant UNBONDING_DELAY = 7 days;
    uint256 internal constant SLASH_REWARD_BPS = 5000;
    uint128 internal constant MAX_PRICE = 10 ether;
    uint128 internal constant COLLATERAL = 5 ether;
    uint64 internal constant BID_WINDOW = 1 hours;
    uint64 internal constant EXECUTION_WINDOW = 1 days;
    uint64 internal constant CHALLENGE_WINDOW = 2 hours;
    uint64 internal constant MIN_EXECUTION_WINDOW = 10 minutes;
    uint64 internal constant MIN_STEP_MICROS = 1000;
    /// @dev Checkpoints of the default job: 1000 steps / 100.
    uint256 internal constant CHECKPOINTS = 10;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        deployScript = new Deploy();
        Deploy.Deployment memory d = deployScript.deploy(
            Deploy.Config({
                arbiter: arbiter,
                sequencer: sequencer,
                unbondingDelay: UNBONDING_DELAY,
                slashRewardBps: SLASH_REWARD_BPS,
                disputeBond: 0.1 ether,
                disputeClock: 1 hours,
                disputeAnswerTime: 5 minutes,
                minExecutionWindow: MIN_EXECUTION_WINDOW,
                minStepMicros: MIN_STEP_MICROS
            })
        );
        stakeManager = d.stakeManager;
        market = d.jobMarket;
        inbox = d.commitmentInbox;
        registry = d.nodeRegistry;
        vm.deal(poster, 1000 ether);
        vm.deal(funder, 1000 ether);
        vm.deal(worker, 1000 ether);
        vm.deal(worker2, 1000 ether);
        vm.deal(challenger, 1000 ether);
        vm.deal(stranger, 1000 ether);
    }

    function defaultParams() internal pure returns (IJobMarket.JobParams memory p) {
        p = IJobMarket.JobParams({
            specHash: keccak256("spec"),
            datasetHash: keccak256("dataset"),
            datasetUri: bytes32("ipfs://dataset"),
            initialStateRoot: keccak256("state 0"),
            graphRoot: keccak256("graph"),
            dataRoot: keccak256("data"),
            steps: 1000,
            checkpointInterval: 100,
            maxPrice: MAX_PRICE,
            requiredCollateral: COLLATERAL,
            bidWindow: BID_WINDOW,
            executionWindow: EXECUTION_WINDOW,
            challengeWindow: CHALLENGE_WINDOW
        });
    }

    /// @dev Registers `who` and stakes `amount` for it.
    function onboard(address who, uint256 amount) internal {
        vm.deal(who, who.balance + amount);
        vm.startPrank(who);
        registry.register(abi.encodePacked("peer-", who), "cpu:amd64x16");
        stakeManager.deposit{value: amount}();
        vm.stopPrank();
    }

    function postDefaultJob(uint256 escrow) internal returns (uint256 jobId) {
        vm.prank(poster);
        jobId = market.postJob{value: escrow}(defaultParams());
    }

    /// @dev Posts a job funded with MAX_PRICE, `worker` bids `price`, the auction closes.
    function assignedJob(uint256 price) internal returns (uint256 jobId) {
        onboard(worker, COLLATERAL);
        jobId = postDefaultJob(MAX_PRICE);
        vm.prank(worker);
        market.bid(jobId, price);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
    }

    /// @dev An assigned job whose result is submitted.
    function submittedJob(uint256 price) internal returns (uint256 jobId) {
        jobId = assignedJob(price);
        submitAs(worker, jobId, keccak256("final"));
    }

    /// @dev A checkpoints root over `count` checkpoint roots whose last is `last` (the others made up), with its
    ///      list root and the proof of the last item (what submitResult takes).
    function checkpointsFor(uint256 count, bytes32 last)
        internal
        pure
        returns (bytes32 root, bytes32 listRoot, bytes32[] memory proof)
    {
        bytes32[] memory items = new bytes32[](count);
        for (uint256 i; i + 1 < count; ++i) {
            items[i] = keccak256(abi.encode("checkpoint", i + 1));
        }
        items[count - 1] = last;
        (listRoot, proof) = TestMerkle.list(items, count - 1);
        root = keccak256(abi.encodePacked(uint8(0x08), uint32(count), listRoot));
    }

    /// @dev `who` submits the result of a default-shaped job (CHECKPOINTS checkpoints) with final model `last`.
    function submitAs(address who, uint256 jobId, bytes32 last) internal {
        (bytes32 root,, bytes32[] memory proof) = checkpointsFor(CHECKPOINTS, last);
        vm.prank(who);
        market.submitResult(jobId, last, root, proof);
    }

    function status(uint256 jobId) internal view returns (IJobMarket.JobStatus) {
        return market.getJob(jobId).status;
    }
}

/// @notice A contract that refuses ETH, to test failed transfers.
contract RejectEther {
    receive() external payable {
        revert("no");
    }

    function call(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }
}

/// @notice A contract that calls `target` with `data` and, when paid, calls `target` again with `reenterData`.
contract Reenterer {
    address public target;
    bytes public reenterData;
    bool public reentered;
    bool public reentrySucceeded;

    function setReentry(address target_, bytes calldata reenterData_) external {
        target = target_;
        reenterData = reenterData_;
    }

    function call(bytes calldata data) external payable {
        exec(target, data);
    }

    function exec(address to, bytes memory data) public payable {
        (bool ok, bytes memory ret) = to.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    receive() external payable {
        if (reentered) return;
        reentered = true;
        (reentrySucceeded,) = target.call(reenterData);
    }
}
