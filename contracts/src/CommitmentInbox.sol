// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ICommitmentInbox} from "./interfaces/ICommitmentInbox.sol";
import {IJobMarket} from "./interfaces/IJobMarket.sol";
import {BatchMerkle} from "./libraries/BatchMerkle.sol";

/// @title CommitmentInbox
/// @notice Batches of checkpoint commitments, force-inclusion and verification. See {ICommitmentInbox} and
///         docs/contracts.md for the exact encodings.
contract CommitmentInbox is ICommitmentInbox, EIP712 {
    /// @inheritdoc ICommitmentInbox
    bytes32 public constant COMMITMENT_TYPEHASH =
        keccak256("Commitment(uint64 jobId,uint32 round,uint32 checkpoint,bytes32 stateRoot,address worker)");
    /// @inheritdoc ICommitmentInbox
    uint256 public constant FORCED = type(uint256).max;

    /// @inheritdoc ICommitmentInbox
    address public immutable sequencer;
    IJobMarket internal immutable _jobMarket;

    Batch[] internal _batches;
    /// @inheritdoc ICommitmentInbox
    mapping(bytes32 leaf => uint256 timestamp) public forcedAt;

    /// @param sequencer_ The sequencer allowed to post batches.
    /// @param jobMarket_ The JobMarket naming each job's assigned worker.
    constructor(address sequencer_, IJobMarket jobMarket_) EIP712("gensyn", "1") {
        if (sequencer_ == address(0) || address(jobMarket_) == address(0)) revert ZeroAddress();
        sequencer = sequencer_;
        _jobMarket = jobMarket_;
    }

    /// @inheritdoc ICommitmentInbox
    function postBatch(bytes calldata entries) external returns (uint256 batchIndex) {
        if (msg.sender != sequencer) revert NotSequencer();
        uint256 length = entries.length;
        if (length == 0 || length % BatchMerkle.ENTRY_SIZE != 0 || length / BatchMerkle.ENTRY_SIZE > type(uint32).max) {
            revert InvalidBatchLength(length);
        }
        uint256 size = length / BatchMerkle.ENTRY_SIZE;
        bytes32 root = BatchMerkle.root(entries);
        batchIndex = _batches.length;
        // Safe cast: size <= type(uint32).max is checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        _batches.push(Batch({root: root, size: uint32(size), postedAt: uint64(block.timestamp)}));
        emit BatchPosted(batchIndex, root, size);
    }

    /// @inheritdoc ICommitmentInbox
    function forceInclude(Commitment calldata commitment) external returns (bytes32 leaf) {
        leaf = _leaf(commitment);
        if (forcedAt[leaf] != 0) revert AlreadyIncluded(leaf);
        forcedAt[leaf] = block.timestamp;
        emit ForceIncluded(
            leaf,
            commitment.jobId,
            commitment.round,
            commitment.checkpoint,
            commitment.stateRoot,
            commitment.worker,
            msg.sender
        );
    }

    /// @inheritdoc ICommitmentInbox
    function isIncluded(Commitment calldata commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] calldata proof)
        public
        view
        returns (bool)
    {
        bytes32 leaf = _leaf(commitment);
        if (batchIndex == FORCED) return forcedAt[leaf] != 0;
        if (batchIndex >= _batches.length) return false;
        Batch storage b = _batches[batchIndex];
        return BatchMerkle.verify(leaf, leafIndex, b.size, proof, b.root);
    }

    /// @inheritdoc ICommitmentInbox
    function verifyCommitment(
        Commitment calldata commitment,
        bytes calldata signature,
        uint256 batchIndex,
        uint256 leafIndex,
        bytes32[] calldata proof
    ) external view returns (bytes32 leaf) {
        if (batchIndex != FORCED && batchIndex >= _batches.length) revert UnknownBatch(batchIndex);
        if (!isIncluded(commitment, batchIndex, leafIndex, proof)) revert NotIncluded();
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(commitmentDigest(commitment), signature);
        if (err != ECDSA.RecoverError.NoError || signer != commitment.worker) revert InvalidSignature();
        (address assigned, uint32 round) = _jobMarket.assignmentOf(commitment.jobId);
        if (assigned != commitment.worker) revert NotAssignedWorker(commitment.worker, assigned);
        if (round != commitment.round) revert WrongRound(commitment.round, round);
        leaf = _leaf(commitment);
    }

    /// @inheritdoc ICommitmentInbox
    function encodeEntry(Commitment calldata commitment) external pure returns (bytes memory) {
        return abi.encodePacked(
            commitment.jobId, commitment.round, commitment.checkpoint, commitment.stateRoot, commitment.worker
        );
    }

    /// @inheritdoc ICommitmentInbox
    function leafOf(Commitment calldata commitment) external pure returns (bytes32) {
        return _leaf(commitment);
    }

    /// @inheritdoc ICommitmentInbox
    function computeRoot(bytes calldata entries) external pure returns (bytes32) {
        uint256 length = entries.length;
        if (length == 0 || length % BatchMerkle.ENTRY_SIZE != 0) revert InvalidBatchLength(length);
        return BatchMerkle.root(entries);
    }

    /// @inheritdoc ICommitmentInbox
    function commitmentDigest(Commitment calldata commitment) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    COMMITMENT_TYPEHASH,
                    commitment.jobId,
                    commitment.round,
                    commitment.checkpoint,
                    commitment.stateRoot,
                    commitment.worker
                )
            )
        );
    }

    /// @inheritdoc ICommitmentInbox
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc ICommitmentInbox
    function getBatch(uint256 batchIndex) external view returns (Batch memory) {
        if (batchIndex >= _batches.length) revert UnknownBatch(batchIndex);
        return _batches[batchIndex];
    }

    /// @inheritdoc ICommitmentInbox
    function batchCount() external view returns (uint256) {
        return _batches.length;
    }

    /// @inheritdoc ICommitmentInbox
    function jobMarket() external view returns (address) {
        return address(_jobMarket);
    }

    /// @dev keccak256(0x00 || jobId (8 bytes) || round (4) || checkpoint (4) || stateRoot (32) || worker (20)).
    function _leaf(Commitment calldata c) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), c.jobId, c.round, c.checkpoint, c.stateRoot, c.worker));
    }
}
