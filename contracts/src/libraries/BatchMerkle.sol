// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title BatchMerkle
/// @notice The Merkle tree of a CommitmentInbox batch, shared bit for bit with the Go sequencer. It is the
///         project's one tree shape (docs/commitments.md, section 1; Go `commit.MerkleRootOfLeaves` and
///         `commit.MerkleProof`) over inbox leaves.
/// @dev - Entries are 64 bytes each, concatenated.
///      - leaf(e) = keccak256(0x00 || e) (65 bytes hashed).
///      - node(l, r) = keccak256(0x01 || l || r) (65 bytes hashed).
///      - Positional tree of depth d = ceil(log2(n)) (0 for n = 1): leaf i is at position i and the leaf level is
///        padded on the right to 2^d positions whose hash is 32 zero bytes (not hashed again). Padding subtrees
///        have fixed roots Z[0] = 0x00..00, Z[h+1] = node(Z[h], Z[h]); so a level with an odd number of nodes
///        pairs its last node with Z[h]. The root of one leaf is that leaf.
///      - A proof of leaf i is exactly d siblings from the leaf level up; bit k of i says whether the sibling at
///        level k is on the left (1) or on the right (0).
library BatchMerkle {
    /// @dev Size of one entry, in bytes.
    uint256 internal constant ENTRY_SIZE = 64;

    /// @notice node = keccak256(0x01 || left || right).
    function node(bytes32 left, bytes32 right) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x01)
            mstore(add(ptr, 1), left)
            mstore(add(ptr, 33), right)
            h := keccak256(ptr, 65)
        }
    }

    /// @notice Depth of the tree over `n` leaves: the smallest d with 2^d >= n (0 for n <= 1).
    function depth(uint256 n) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < n) {
            ++d;
        }
    }

    /// @notice The root over `entries` (a non-empty concatenation of 64-byte entries; the caller checks the
    ///         length).
    function root(bytes calldata entries) internal pure returns (bytes32 r) {
        assembly ("memory-safe") {
            let n := div(entries.length, ENTRY_SIZE)
            // Level buffer: n words after a 65-byte hashing scratch area.
            let scratch := mload(0x40)
            let buf := add(scratch, 96)
            mstore(0x40, add(buf, shl(5, n)))
            // Leaves.
            mstore8(scratch, 0x00)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                calldatacopy(add(scratch, 1), add(entries.offset, shl(6, i)), ENTRY_SIZE)
                mstore(add(buf, shl(5, i)), keccak256(scratch, 65))
            }
            // Levels, in place; z is the root of a padding subtree of the current height.
            mstore8(scratch, 0x01)
            let z := 0
            for {} gt(n, 1) {} {
                let half := shr(1, n)
                for { let i := 0 } lt(i, half) { i := add(i, 1) } {
                    let src := add(buf, shl(6, i))
                    mstore(add(scratch, 1), mload(src))
                    mstore(add(scratch, 33), mload(add(src, 32)))
                    mstore(add(buf, shl(5, i)), keccak256(scratch, 65))
                }
                if and(n, 1) {
                    mstore(add(scratch, 1), mload(add(buf, shl(5, sub(n, 1)))))
                    mstore(add(scratch, 33), z)
                    mstore(add(buf, shl(5, half)), keccak256(scratch, 65))
                }
                n := add(half, and(n, 1))
                mstore(add(scratch, 1), z)
                mstore(add(scratch, 33), z)
                z := keccak256(scratch, 65)
            }
            r := mload(buf)
        }
    }

    /// @notice Whether `leafHash` sits at `index` of a tree of `size` leaves whose root is `expectedRoot`, with
    ///         `proof` the depth(size) siblings from the bottom up.
    function verify(bytes32 leafHash, uint256 index, uint256 size, bytes32[] calldata proof, bytes32 expectedRoot)
        internal
        pure
        returns (bool)
    {
        if (index >= size || proof.length != depth(size)) return false;
        bytes32 h = leafHash;
        for (uint256 k; k < proof.length; ++k) {
            h = (index >> k) & 1 == 0 ? node(h, proof[k]) : node(proof[k], h);
        }
        return h == expectedRoot;
    }
}
