// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonTest} from "./utils/CommonTest.sol";
import {CommitmentInbox} from "../src/CommitmentInbox.sol";
import {ICommitmentInbox} from "../src/interfaces/ICommitmentInbox.sol";
import {IJobMarket} from "../src/interfaces/IJobMarket.sol";

/// @notice A JobMarket stand-in that only answers `assignmentOf`.
contract MockWorkerMarket {
    mapping(uint256 => address) internal _worker;
    mapping(uint256 => uint32) internal _round;

    function setWorker(uint256 jobId, address w, uint32 round) external {
        _worker[jobId] = w;
        _round[jobId] = round;
    }

    function assignmentOf(uint256 jobId) external view returns (address, uint32) {
        return (_worker[jobId], _round[jobId]);
    }
}

/// @notice A plain reference of the batch tree (docs/contracts.md), to fuzz the assembly against.
library ReferenceMerkle {
    function leaf(bytes memory entry) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), entry));
    }

    function node(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x01), l, r));
    }

    function nextLevel(bytes32[] memory level) internal pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i; i + 1 < level.length; i += 2) {
            next[i / 2] = node(level[i], level[i + 1]);
        }
        if (level.length % 2 == 1) next[next.length - 1] = level[level.length - 1];
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            level = nextLevel(level);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory p) {
        bytes32[] memory buf = new bytes32[](64);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            if ((index ^ 1) < level.length) buf[n++] = level[index ^ 1];
            level = nextLevel(level);
            index >>= 1;
        }
        p = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            p[i] = buf[i];
        }
    }
}

abstract contract CommitmentInboxTest is CommonTest {
    uint256 internal workerKey;
    address internal signer;

    function setUp() public virtual override {
        super.setUp();
        (signer, workerKey) = makeAddrAndKey("signing worker");
    }

    /// @dev A commitment of round 1 (the first assignment).
    function commitment(uint64 jobId, uint32 checkpoint, bytes32 stateRoot, address w)
        internal
        pure
        returns (ICommitmentInbox.Commitment memory)
    {
        return ICommitmentInbox.Commitment({
            jobId: jobId, round: 1, checkpoint: checkpoint, stateRoot: stateRoot, worker: w
        });
    }

    function entryOf(ICommitmentInbox.Commitment memory c) internal pure returns (bytes memory) {
        return abi.encodePacked(c.jobId, c.round, c.checkpoint, c.stateRoot, c.worker);
    }

    /// @dev `n` commitments of job 1 by `signer`, their concatenated entries and their leaves.
    function makeBatch(uint256 n)
        internal
        view
        returns (ICommitmentInbox.Commitment[] memory cs, bytes memory entries, bytes32[] memory leaves)
    {
        cs = new ICommitmentInbox.Commitment[](n);
        leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            cs[i] = commitment(1, uint32(i), keccak256(abi.encode("state", i)), signer);
            entries = bytes.concat(entries, entryOf(cs[i]));
            leaves[i] = ReferenceMerkle.leaf(entryOf(cs[i]));
        }
    }

    function sign(ICommitmentInbox.Commitment memory c) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(workerKey, inbox.commitmentDigest(c));
        return abi.encodePacked(r, s, v);
    }
}

contract CommitmentInbox_Constructor_Test is CommitmentInboxTest {
    function test_constructor_wiring_succeeds() public view {
        assertEq(inbox.sequencer(), sequencer);
        assertEq(inbox.jobMarket(), address(market));
        assertEq(inbox.batchCount(), 0);
        assertEq(inbox.FORCED(), type(uint256).max);
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = inbox.eip712Domain();
        assertEq(name, "gensyn");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(inbox));
    }

    function test_constructor_zeroSequencer_reverts() public {
        vm.expectRevert(ICommitmentInbox.ZeroAddress.selector);
        new CommitmentInbox(address(0), market);
    }
}

contract CommitmentInbox_PostBatch_Test is CommitmentInboxTest {
    function test_postBatch_storesRoot_succeeds() public {
        (, bytes memory entries, bytes32[] memory leaves) = makeBatch(5);
        bytes32 root = ReferenceMerkle.root(leaves);
        vm.expectEmit(address(inbox));
        emit ICommitmentInbox.BatchPosted(0, root, 5);
        vm.prank(sequencer);
        assertEq(inbox.postBatch(entries), 0);
        ICommitmentInbox.Batch memory b = inbox.getBatch(0);
        assertEq(b.root, root);
        assertEq(b.size, 5);
        assertEq(b.postedAt, block.timestamp);
        assertEq(inbox.batchCount(), 1);
        vm.prank(sequencer);
        assertEq(inbox.postBatch(entries), 1);
    }

    function test_postBatch_single_rootIsLeaf_succeeds() public {
        (, bytes memory entries, bytes32[] memory leaves) = makeBatch(1);
        vm.prank(sequencer);
        inbox.postBatch(entries);
        assertEq(inbox.getBatch(0).root, leaves[0]);
    }

    function test_postBatch_notSequencer_reverts() public {
        (, bytes memory entries,) = makeBatch(2);
        vm.prank(stranger);
        vm.expectRevert(ICommitmentInbox.NotSequencer.selector);
        inbox.postBatch(entries);
    }

    function test_postBatch_empty_reverts() public {
        vm.prank(sequencer);
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.InvalidBatchLength.selector, 0));
        inbox.postBatch("");
    }

    function test_postBatch_partialEntry_reverts() public {
        (, bytes memory entries,) = makeBatch(2);
        vm.prank(sequencer);
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.InvalidBatchLength.selector, 137));
        inbox.postBatch(bytes.concat(entries, hex"00"));
    }

    function test_getBatch_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.UnknownBatch.selector, 0));
        inbox.getBatch(0);
    }

    function testFuzz_postBatch_matchesReference_succeeds(uint256 n, uint256 seed) public {
        n = bound(n, 1, 70);
        bytes memory entries;
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            bytes memory e = abi.encodePacked(keccak256(abi.encode(seed, i)), keccak256(abi.encode(i, seed)), uint32(i));
            entries = bytes.concat(entries, e);
            leaves[i] = ReferenceMerkle.leaf(e);
        }
        bytes32 root = ReferenceMerkle.root(leaves);
        assertEq(inbox.computeRoot(entries), root);
        vm.prank(sequencer);
        inbox.postBatch(entries);
        assertEq(inbox.getBatch(0).root, root);
    }
}

contract CommitmentInbox_ComputeRoot_Test is CommitmentInboxTest {
    function test_computeRoot_badLength_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.InvalidBatchLength.selector, 64));
        inbox.computeRoot(new bytes(64));
    }
}

contract CommitmentInbox_ForceInclude_Test is CommitmentInboxTest {
    function test_forceInclude_stores_succeeds() public {
        ICommitmentInbox.Commitment memory c = commitment(3, 2, bytes32("root"), signer);
        bytes32 leaf = ReferenceMerkle.leaf(entryOf(c));
        vm.expectEmit(address(inbox));
        emit ICommitmentInbox.ForceIncluded(leaf, 3, 1, 2, bytes32("root"), signer, stranger);
        vm.prank(stranger);
        assertEq(inbox.forceInclude(c), leaf);
        assertEq(inbox.forcedAt(leaf), block.timestamp);
        assertTrue(inbox.isIncluded(c, inbox.FORCED(), 0, new bytes32[](0)));
    }

    function test_forceInclude_twice_reverts() public {
        ICommitmentInbox.Commitment memory c = commitment(3, 2, bytes32("root"), signer);
        bytes32 leaf = inbox.forceInclude(c);
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.AlreadyIncluded.selector, leaf));
        inbox.forceInclude(c);
    }
}

contract CommitmentInbox_IsIncluded_Test is CommitmentInboxTest {
    ICommitmentInbox.Commitment[] internal cs;
    bytes32[] internal leaves;

    function setUp() public override {
        super.setUp();
        (ICommitmentInbox.Commitment[] memory c, bytes memory entries, bytes32[] memory l) = makeBatch(7);
        for (uint256 i; i < c.length; ++i) {
            cs.push(c[i]);
        }
        leaves = l;
        vm.prank(sequencer);
        inbox.postBatch(entries);
    }

    function test_isIncluded_everyLeaf_succeeds() public view {
        for (uint256 i; i < cs.length; ++i) {
            assertTrue(inbox.isIncluded(cs[i], 0, i, ReferenceMerkle.proof(leaves, i)));
        }
    }

    function test_isIncluded_wrongIndex_fails() public view {
        assertFalse(inbox.isIncluded(cs[2], 0, 3, ReferenceMerkle.proof(leaves, 2)));
        assertFalse(inbox.isIncluded(cs[6], 0, 7, ReferenceMerkle.proof(leaves, 6)));
    }

    function test_isIncluded_tamperedCommitment_fails() public view {
        ICommitmentInbox.Commitment memory c = cs[4];
        c.stateRoot = bytes32("other");
        assertFalse(inbox.isIncluded(c, 0, 4, ReferenceMerkle.proof(leaves, 4)));
    }

    function test_isIncluded_proofLength_fails() public view {
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 1);
        bytes32[] memory longer = new bytes32[](p.length + 1);
        for (uint256 i; i < p.length; ++i) {
            longer[i] = p[i];
        }
        assertFalse(inbox.isIncluded(cs[1], 0, 1, longer));
        bytes32[] memory shorter = new bytes32[](p.length - 1);
        assertFalse(inbox.isIncluded(cs[1], 0, 1, shorter));
    }

    function test_isIncluded_unknownBatchOrNotForced_fails() public view {
        assertFalse(inbox.isIncluded(cs[0], 1, 0, ReferenceMerkle.proof(leaves, 0)));
        assertFalse(inbox.isIncluded(cs[0], inbox.FORCED(), 0, new bytes32[](0)));
    }

    function testFuzz_isIncluded_anyBatchSize_succeeds(uint256 n, uint256 index) public {
        n = bound(n, 1, 40);
        index = bound(index, 0, n - 1);
        (ICommitmentInbox.Commitment[] memory c, bytes memory entries, bytes32[] memory l) = makeBatch(n);
        vm.prank(sequencer);
        uint256 b = inbox.postBatch(entries);
        assertTrue(inbox.isIncluded(c[index], b, index, ReferenceMerkle.proof(l, index)));
        if (n > 1) {
            assertFalse(inbox.isIncluded(c[index], b, (index + 1) % n, ReferenceMerkle.proof(l, index)));
        }
    }
}

contract CommitmentInbox_VerifyCommitment_Test is CommitmentInboxTest {
    uint256 internal jobId;
    ICommitmentInbox.Commitment[] internal cs;
    bytes32[] internal leaves;

    function setUp() public override {
        super.setUp();
        // Make `signer` the assigned worker of job 1.
        onboard(signer, COLLATERAL);
        jobId = postDefaultJob(MAX_PRICE);
        vm.prank(signer);
        market.bid(jobId, 1 ether);
        vm.warp(block.timestamp + BID_WINDOW);
        market.closeAuction(jobId);
        (ICommitmentInbox.Commitment[] memory c, bytes memory entries, bytes32[] memory l) = makeBatch(3);
        for (uint256 i; i < c.length; ++i) {
            cs.push(c[i]);
        }
        leaves = l;
        vm.prank(sequencer);
        inbox.postBatch(entries);
    }

    function test_verifyCommitment_batch_succeeds() public view {
        bytes32 leaf = inbox.verifyCommitment(cs[2], sign(cs[2]), 0, 2, ReferenceMerkle.proof(leaves, 2));
        assertEq(leaf, leaves[2]);
    }

    function test_verifyCommitment_forced_succeeds() public {
        ICommitmentInbox.Commitment memory c = commitment(1, 9, bytes32("late"), signer);
        inbox.forceInclude(c);
        inbox.verifyCommitment(c, sign(c), inbox.FORCED(), 0, new bytes32[](0));
    }

    function test_verifyCommitment_unknownBatch_reverts() public {
        bytes memory sig = sign(cs[0]);
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.UnknownBatch.selector, 5));
        inbox.verifyCommitment(cs[0], sig, 5, 0, p);
    }

    function test_verifyCommitment_notIncluded_reverts() public {
        ICommitmentInbox.Commitment memory c = commitment(1, 9, bytes32("never posted"), signer);
        bytes memory sig = sign(c);
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 0);
        vm.expectRevert(ICommitmentInbox.NotIncluded.selector);
        inbox.verifyCommitment(c, sig, 0, 0, p);
    }

    function test_verifyCommitment_wrongSigner_reverts() public {
        (, uint256 otherKey) = makeAddrAndKey("other");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, inbox.commitmentDigest(cs[0]));
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 0);
        vm.expectRevert(ICommitmentInbox.InvalidSignature.selector);
        inbox.verifyCommitment(cs[0], abi.encodePacked(r, s, v), 0, 0, p);
    }

    function test_verifyCommitment_malformedSignature_reverts() public {
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 0);
        vm.expectRevert(ICommitmentInbox.InvalidSignature.selector);
        inbox.verifyCommitment(cs[0], hex"1234", 0, 0, p);
    }

    function test_verifyCommitment_notAssignedWorker_reverts() public {
        // A commitment correctly signed by someone who is not the job's worker.
        (address other, uint256 otherKey) = makeAddrAndKey("other");
        ICommitmentInbox.Commitment memory c = commitment(1, 0, bytes32("x"), other);
        inbox.forceInclude(c);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, inbox.commitmentDigest(c));
        uint256 forced = inbox.FORCED();
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.NotAssignedWorker.selector, other, signer));
        inbox.verifyCommitment(c, abi.encodePacked(r, s, v), forced, 0, new bytes32[](0));
    }

    /// @dev Mechanism 7: a commitment names its assignment round; one of another round never verifies, so a stale
    ///      commitment cannot slash a worker again in a later round.
    function test_verifyCommitment_wrongRound_reverts() public {
        ICommitmentInbox.Commitment memory c = commitment(1, 4, bytes32("r2"), signer);
        c.round = 2;
        inbox.forceInclude(c);
        bytes memory sig = sign(c);
        uint256 forced = inbox.FORCED();
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.WrongRound.selector, 2, 1));
        inbox.verifyCommitment(c, sig, forced, 0, new bytes32[](0));
    }

    /// @dev The round is signed: changing it invalidates the signature.
    function test_verifyCommitment_roundIsSigned_reverts() public {
        ICommitmentInbox.Commitment memory c = commitment(1, 4, bytes32("r"), signer);
        bytes memory sig = sign(c);
        c.round = 2;
        inbox.forceInclude(c);
        uint256 forced = inbox.FORCED();
        vm.expectRevert(ICommitmentInbox.InvalidSignature.selector);
        inbox.verifyCommitment(c, sig, forced, 0, new bytes32[](0));
    }

    function test_verifyCommitment_afterReopen_reverts() public {
        vm.warp(block.timestamp + EXECUTION_WINDOW + 1);
        market.timeout(jobId);
        bytes memory sig = sign(cs[0]);
        bytes32[] memory p = ReferenceMerkle.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(ICommitmentInbox.NotAssignedWorker.selector, signer, address(0)));
        inbox.verifyCommitment(cs[0], sig, 0, 0, p);
    }
}

/// @notice Checks the shared test vectors (contracts/test/vectors/inbox.json), which the Go sequencer also
///         checks. The vectors were computed outside Solidity (js-sha3 and cast).
contract CommitmentInbox_Vectors_Test is CommitmentInboxTest {
    string internal json;
    CommitmentInbox internal vinbox;
    MockWorkerMarket internal mock;

    function setUp() public override {
        super.setUp();
        json = vm.readFile("contracts/test/vectors/inbox.json");
        mock = new MockWorkerMarket();
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        address at = vm.parseJsonAddress(json, ".verifyingContract");
        deployCodeTo("CommitmentInbox.sol:CommitmentInbox", abi.encode(sequencer, address(mock)), at);
        vinbox = CommitmentInbox(at);
    }

    function vectorCommitment(uint256 i) internal view returns (ICommitmentInbox.Commitment memory c) {
        string memory p = string.concat(".commitments[", vm.toString(i), "]");
        c.jobId = uint64(vm.parseUint(vm.parseJsonString(json, string.concat(p, ".jobId"))));
        c.round = uint32(vm.parseJsonUint(json, string.concat(p, ".round")));
        c.checkpoint = uint32(vm.parseJsonUint(json, string.concat(p, ".checkpoint")));
        c.stateRoot = vm.parseJsonBytes32(json, string.concat(p, ".stateRoot"));
        c.worker = vm.parseJsonAddress(json, string.concat(p, ".worker"));
    }

    function test_vectors_domainAndTypehash_succeeds() public view {
        assertEq(vinbox.COMMITMENT_TYPEHASH(), vm.parseJsonBytes32(json, ".commitmentTypehash"));
        assertEq(vinbox.COMMITMENT_TYPEHASH(), keccak256(bytes(vm.parseJsonString(json, ".commitmentType"))));
        assertEq(vinbox.domainSeparator(), vm.parseJsonBytes32(json, ".domainSeparator"));
    }

    function test_vectors_entriesAndLeaves_succeeds() public view {
        for (uint256 i; i < 6; ++i) {
            string memory p = string.concat(".commitments[", vm.toString(i), "]");
            ICommitmentInbox.Commitment memory c = vectorCommitment(i);
            assertEq(vinbox.encodeEntry(c), vm.parseJsonBytes(json, string.concat(p, ".entry")));
            assertEq(vinbox.leafOf(c), vm.parseJsonBytes32(json, string.concat(p, ".leaf")));
        }
    }

    function test_vectors_rootsAndProofs_succeeds() public {
        bytes memory batch = vm.parseJsonBytes(json, ".batch");
        assertEq(vinbox.computeRoot(batch), vm.parseJsonBytes32(json, ".root"));
        bytes32[] memory prefixRoots = vm.parseJsonBytes32Array(json, ".prefixRoots");
        for (uint256 n = 1; n <= 6; ++n) {
            bytes memory prefix = new bytes(n * 68);
            for (uint256 b; b < n * 68; ++b) {
                prefix[b] = batch[b];
            }
            assertEq(vinbox.computeRoot(prefix), prefixRoots[n - 1]);
        }
        vm.prank(sequencer);
        vinbox.postBatch(batch);
        for (uint256 i; i < 6; ++i) {
            string memory p = string.concat(".proofs[", vm.toString(i), "]");
            uint256 index = vm.parseJsonUint(json, string.concat(p, ".index"));
            bytes32[] memory proof = vm.parseJsonBytes32Array(json, string.concat(p, ".proof"));
            assertTrue(vinbox.isIncluded(vectorCommitment(index), 0, index, proof));
        }
    }

    function test_vectors_signature_succeeds() public {
        uint256 i = vm.parseJsonUint(json, ".signed.index");
        ICommitmentInbox.Commitment memory c = vectorCommitment(i);
        bytes32 digest = vm.parseJsonBytes32(json, ".signed.digest");
        assertEq(vinbox.commitmentDigest(c), digest);
        assertEq(
            keccak256(abi.encode(vinbox.COMMITMENT_TYPEHASH(), c.jobId, c.round, c.checkpoint, c.stateRoot, c.worker)),
            vm.parseJsonBytes32(json, ".signed.structHash")
        );
        uint256 key = vm.parseJsonUint(json, ".signed.privateKey");
        assertEq(vm.addr(key), vm.parseJsonAddress(json, ".signed.signer"));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        bytes memory sig = vm.parseJsonBytes(json, ".signed.signature");
        assertEq(abi.encodePacked(r, s, v), sig);

        mock.setWorker(c.jobId, c.worker, c.round);
    }

    function test_vectors_verifyCommitment_succeeds() public {
        uint256 i = vm.parseJsonUint(json, ".signed.index");
        ICommitmentInbox.Commitment memory c = vectorCommitment(i);
        mock.setWorker(c.jobId, c.worker, c.round);
        vm.prank(sequencer);
        vinbox.postBatch(vm.parseJsonBytes(json, ".batch"));
        string memory p = string.concat(".proofs[", vm.toString(i), "].proof");
        bytes32 leaf = vinbox.verifyCommitment(
            c, vm.parseJsonBytes(json, ".signed.signature"), 0, i, vm.parseJsonBytes32Array(json, p)
        );
        assertEq(leaf, vm.parseJsonBytes32(json, string.concat(".commitments[", vm.toString(i), "].leaf")));
    }
}
