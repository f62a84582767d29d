// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ICommitmentInbox
/// @notice The rollup inbox of checkpoint commitments. The sequencer posts batches of entries in calldata; the
///         contract computes each batch's Merkle root and stores it, without checking the entries. Anyone can
///         force-include a single entry. An entry is used later (by the arbiter, a verifier) through a Merkle
///         proof against a stored batch root (or its force-inclusion) plus the EIP-712 signature of the job's
///         assigned worker over the typed commitment.
/// @dev Encodings (docs/contracts.md, pinned by contracts/test/vectors/inbox.json):
///      - entry: 68 bytes, `abi.encodePacked(uint64 jobId, uint32 round, uint32 checkpoint, bytes32 stateRoot,
///        address worker)`.
///      - leaf: `keccak256(0x00 || entry)`; inner node: `keccak256(0x01 || left || right)`.
///      - tree: positional (leaf i at position i, left to right); a level with an odd number of nodes promotes
///        its last node unchanged to the next level; the root of a one-entry batch is its leaf.
///      - EIP-712 domain: name "gensyn", version "1", chainId, verifyingContract = this inbox;
///        type `Commitment(uint64 jobId,uint32 round,uint32 checkpoint,bytes32 stateRoot,address worker)`.
///      A commitment is bound to its chain and inbox (the domain), its job, its assignment round (a commitment of an
///      earlier round of the same job, even by the same worker, is refused) and its checkpoint.
interface ICommitmentInbox {
    /// @notice A checkpoint commitment: `worker`, assigned to job `jobId` in assignment round `round`, claims that
    ///         the job's state root after `checkpoint * checkpointInterval` steps is `stateRoot`.
    struct Commitment {
        uint64 jobId;
        uint32 round;
        uint32 checkpoint;
        bytes32 stateRoot;
        address worker;
    }

    /// @notice A stored batch.
    /// @param root Merkle root of the batch's entries.
    /// @param size Number of entries.
    /// @param postedAt Unix time of posting.
    struct Batch {
        bytes32 root;
        uint32 size;
        uint64 postedAt;
    }

    /// @notice The caller is not the sequencer.
    error NotSequencer();
    /// @notice An address parameter is zero.
    error ZeroAddress();
    /// @notice The batch is empty, too large, or its length is not a multiple of 68 bytes.
    error InvalidBatchLength(uint256 length);
    /// @notice No batch has this index.
    error UnknownBatch(uint256 batchIndex);
    /// @notice The entry is not in the batch (wrong proof or index) and not force-included.
    error NotIncluded();
    /// @notice The signature is malformed or not by the commitment's worker.
    error InvalidSignature();
    /// @notice The commitment's worker is not the job's assigned worker.
    error NotAssignedWorker(address worker, address assigned);
    /// @notice The commitment's round is not the job's current assignment round.
    error WrongRound(uint32 round, uint32 current);
    /// @notice The entry was already force-included.
    error AlreadyIncluded(bytes32 leaf);

    /// @notice The sequencer posted batch `batchIndex` of `size` entries with Merkle root `root`.
    event BatchPosted(uint256 indexed batchIndex, bytes32 root, uint256 size);
    /// @notice `sender` force-included the commitment whose leaf is `leaf`.
    event ForceIncluded(
        bytes32 indexed leaf,
        uint64 indexed jobId,
        uint32 round,
        uint32 checkpoint,
        bytes32 stateRoot,
        address indexed worker,
        address sender
    );

    /// @notice Posts a batch of entries (only the sequencer). `entries` is the concatenation of 68-byte entries;
    ///         the Merkle root is computed here and stored.
    /// @return batchIndex The new batch's index (from 0).
    function postBatch(bytes calldata entries) external returns (uint256 batchIndex);

    /// @notice Force-includes one commitment (anyone); its leaf is stored directly.
    /// @return leaf The commitment's leaf.
    function forceInclude(Commitment calldata commitment) external returns (bytes32 leaf);

    /// @notice Whether `commitment` is in batch `batchIndex` at position `leafIndex` with Merkle `proof`, or, when
    ///         `batchIndex == FORCED`, whether it was force-included (then `leafIndex` and `proof` are ignored).
    function isIncluded(Commitment calldata commitment, uint256 batchIndex, uint256 leafIndex, bytes32[] calldata proof)
        external
        view
        returns (bool);

    /// @notice Verifies a commitment for use in a dispute: included (as in `isIncluded`), signed (EIP-712, 65-byte
    ///         `r || s || v` signature) by `commitment.worker`, `commitment.worker` is the job's assigned worker and
    ///         `commitment.round` its current assignment round.
    ///         Reverts with the failing check.
    /// @return leaf The commitment's leaf.
    function verifyCommitment(
        Commitment calldata commitment,
        bytes calldata signature,
        uint256 batchIndex,
        uint256 leafIndex,
        bytes32[] calldata proof
    ) external view returns (bytes32 leaf);

    /// @notice The `batchIndex` value that designates force-included entries: `type(uint256).max`.
    function FORCED() external view returns (uint256);

    /// @notice The EIP-712 type hash of {Commitment}.
    function COMMITMENT_TYPEHASH() external view returns (bytes32);

    /// @notice The 68-byte entry encoding of `commitment`.
    function encodeEntry(Commitment calldata commitment) external pure returns (bytes memory);

    /// @notice The Merkle leaf of `commitment`.
    function leafOf(Commitment calldata commitment) external pure returns (bytes32);

    /// @notice The Merkle root of a batch of concatenated 68-byte entries (as `postBatch` computes it).
    function computeRoot(bytes calldata entries) external pure returns (bytes32);

    /// @notice The EIP-712 digest the worker signs for `commitment`.
    function commitmentDigest(Commitment calldata commitment) external view returns (bytes32);

    /// @notice The EIP-712 domain separator of this inbox.
    function domainSeparator() external view returns (bytes32);

    /// @notice The batch `batchIndex`.
    function getBatch(uint256 batchIndex) external view returns (Batch memory);

    /// @notice Number of batches posted.
    function batchCount() external view returns (uint256);

    /// @notice Unix time at which the entry with `leaf` was force-included, or 0.
    function forcedAt(bytes32 leaf) external view returns (uint256);

    /// @notice The sequencer allowed to post batches.
    function sequencer() external view returns (address);

    /// @notice The JobMarket that names each job's assigned worker.
    function jobMarket() external view returns (address);
}
