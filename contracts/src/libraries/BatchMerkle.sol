// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title BatchMerkle
/// @notice The Merkle tree of a CommitmentInbox batch, shared bit for bit with the Go sequencer.
/// @dev - Entries are 68 bytes each, concatenated.
///      - leaf(e) = keccak256(0x00 || e) (69 bytes hashed).
///      - node(l, r) = keccak256(0x01 || l || r) (65 bytes hashed).
///      - Positional tree: leaf i is at position i. Each level pairs positions (0,1), (2,3), ...; when a level has
///        an odd number of nodes its last node is promoted unchanged to the next level. The root of one leaf is
///        that leaf.
///      - A proof lists the siblings from the leaf up, skipping the levels where the node was promoted; the leaf's
///        index and the batch size tell at each level which side the sibling is on and whether there is one.
library BatchMerkle {
    /// @dev Size of one entry, in bytes.
    uint256 internal constant ENTRY_SIZE = 68;

    /// @notice leaf = keccak256(0x00 || entry) for a 68-byte entry in calldata.
    function leaf(bytes calldata entry) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x00)
            calldatacopy(add(ptr, 1), entry.offset, ENTRY_SIZE)
            h := keccak256(ptr, add(ENTRY_SIZE, 1))
        }
    }

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

    /// @notice The root over `entries` (a non-empty concatenation of 68-byte entries; the caller checks the
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
                calldatacopy(add(scratch, 1), add(entries.offset, mul(i, ENTRY_SIZE)), ENTRY_SIZE)
                mstore(add(buf, shl(5, i)), keccak256(scratch, add(ENTRY_SIZE, 1)))
            }
            // Levels, in place.
            mstore8(scratch, 0x01)
            for {} gt(n, 1) {} {
                let half := shr(1, n)
                for { let i := 0 } lt(i, half) { i := add(i, 1) } {
                    let src := add(buf, shl(6, i))
                    mstore(add(scratch, 1), mload(src))
                    mstore(add(scratch, 33), mload(add(src, 32)))
                    mstore(add(buf, shl(5, i)), keccak256(scratch, 65))
                }
                if and(n, 1) { mstore(add(buf, shl(5, half)), mload(add(buf, shl(5, sub(n, 1))))) }
                n := add(half, and(n, 1))
            }
            r := mload(buf)
        }
    }

    /// @notice Whether `leafHash` sits at `index` of a tree of `size` leaves whose root is `expectedRoot`, with
    ///         `proof` the siblings from the bottom up (promoted levels have none). The proof must be used up
    ///         exactly.
    function verify(bytes32 leafHash, uint256 index, uint256 size, bytes32[] calldata proof, bytes32 expectedRoot)
        internal
        pure
        returns (bool)
    {
        if (index >= size) return false;
        bytes32 h = leafHash;
        uint256 used;
        while (size > 1) {
            if (index ^ 1 < size) {
                if (used == proof.length) return false;
                bytes32 sibling = proof[used++];
                h = index & 1 == 0 ? node(h, sibling) : node(sibling, h);
            }
            index >>= 1;
            size = (size + 1) >> 1;
        }
        return used == proof.length && h == expectedRoot;
    }
}
