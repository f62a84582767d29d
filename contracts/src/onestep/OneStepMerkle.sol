// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title OneStepMerkle
/// @notice The commitments of node/commit (docs/commitments.md), byte for
/// byte: the positional Merkle tree (leaf = keccak(0x00 || item), node =
/// keccak(0x01 || l || r), zero padding), tensor roots bound to the shape,
/// tensor element proofs, and the bound list roots of the graph (0x05), the
/// step trace (0x06) and an element trace (0x07).
library OneStepMerkle {
    /// @notice A proof's sibling count is not the depth of a tree of `count` leaves.
    error ProofDepth(uint256 siblings, uint256 count);
    /// @notice A proof's index is not below the tree's leaf count.
    error ProofIndex(uint256 index, uint256 count);
    /// @notice A shape with more than 8 dims, or 2^32 elements or more.
    error BadShape();
    /// @notice A tensor element index at or past the tensor's element count.
    error ElementIndex(uint256 index, uint256 numel);
    /// @notice A padding word of the last tensor leaf is not zero.
    error LeafPadding();
    /// @notice A proof's sibling at tree height `height` covers only padding and is not the zero-subtree hash.
    error PaddingSibling(uint256 height);

    uint256 internal constant MAX_DIMS = 8;

    /// @notice Tree depth over n leaves: the smallest d with 2^d >= n (0 for n <= 1).
    function depth(uint256 n) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < n) ++d;
    }

    /// @notice keccak(0x00 || item).
    function leafHash(bytes32 item) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            mstore(0x00, 0)
            mstore(0x01, item)
            h := keccak256(0x00, 33)
        }
    }

    /// @notice The root over leaf hash `leaf` at position `index` with the
    /// given siblings (leaf level first), after checking index < count,
    /// siblings.length == depth(count), and that every sibling whose subtree
    /// lies wholly past the last item is the zero-subtree hash of its height
    /// (Z[0] = 0, Z[h+1] = node(Z[h], Z[h])). With that check a root that
    /// verifies is canonical: a function of the `count` items alone, so junk
    /// in the padding cannot pass (docs/commitments.md section 1).
    function rootOf(bytes32 leaf, uint256 index, uint256 count, bytes32[] calldata siblings)
        internal
        pure
        returns (bytes32 h)
    {
        if (index >= count) revert ProofIndex(index, count);
        uint256 d = siblings.length;
        // d == depth(count) without depth's loop: as count >= 1, depth(count) is the bit length of count - 1, so
        // (count - 1) >> d must be zero and, for d > 0, (count - 1) >> (d - 1) must not be.
        bool ok;
        assembly ("memory-safe") {
            let c1 := sub(count, 1)
            ok := and(iszero(shr(d, c1)), or(iszero(d), iszero(iszero(shr(sub(d, 1), c1)))))
        }
        if (!ok) revert ProofDepth(d, count);
        h = leaf;
        assembly ("memory-safe") {
            // The preimage 0x01 || left || right lies at m + 0x1f .. m + 0x60 in free memory (not allocated), with m
            // 128-byte aligned: left at m + 0x20, right at m + 0x40, and xor-ing either address with 0x60 gives the
            // other, which swaps the two without a branch.
            let m := and(add(mload(0x40), 0x7f), not(0x7f))
            mstore(m, 0x01)
            let l := add(m, 0x20)
            let r := add(m, 0x40)
            // idx is index >> i, the node's position at height i; lim is (count - 1) >> i, the last position at
            // height i that covers an item. The sibling idx ^ 1 covers only padding when it is past lim
            // (equivalently, ((index >> i) ^ 1) << i >= count: its first leaf is past the last item).
            let idx := index
            let lim := sub(count, 1)
            // z is Z[zl], advanced only as far as a padding sibling needs it (no cost without padding)
            let z := 0
            let zl := 0
            let s := siblings.offset
            for { let end := add(s, shl(5, d)) } lt(s, end) { s := add(s, 0x20) } {
                let sib := calldataload(s)
                if gt(xor(idx, 1), lim) {
                    let i := shr(5, sub(s, siblings.offset))
                    for {} lt(zl, i) { zl := add(zl, 1) } {
                        mstore(l, z)
                        mstore(r, z)
                        z := keccak256(add(m, 0x1f), 65)
                    }
                    if iszero(eq(sib, z)) {
                        mstore(0x00, 0x3e76752f) // PaddingSibling(uint256)
                        mstore(0x20, i)
                        revert(0x1c, 0x24)
                    }
                }
                // an even idx is a left child: h goes left and the sibling right; odd, the other way round
                let swap := mul(and(idx, 1), 0x60)
                mstore(xor(l, swap), h)
                mstore(xor(r, swap), sib)
                h := keccak256(add(m, 0x1f), 65)
                idx := shr(1, idx)
                lim := shr(1, lim)
            }
        }
    }

    /// @notice rootOf for a list item (hashed as a leaf first).
    function listRootOf(bytes32 item, uint256 index, uint256 count, bytes32[] calldata siblings)
        internal
        pure
        returns (bytes32)
    {
        return rootOf(leafHash(item), index, count, siblings);
    }

    /// @notice Number of elements of a shape (1 for []); reverts if the shape
    /// cannot be committed (node/commit NumElements).
    function numel(uint32[] memory shape) internal pure returns (uint256 n) {
        bool bad;
        assembly ("memory-safe") {
            let len := mload(shape)
            bad := gt(len, MAX_DIMS)
            n := 1
            // n stays below 2^32 and each dim is below 2^32, so no product overflows
            for { let i := 0 } lt(i, mul(len, iszero(bad))) { i := add(i, 1) } {
                n := mul(n, and(mload(add(shape, shl(5, add(i, 1)))), 0xffffffff))
                if gt(n, 0xffffffff) {
                    bad := 1
                    break
                }
            }
        }
        if (bad) revert BadShape();
    }

    /// @notice keccak(0x02 || u8 k || u32 d_0 .. d_{k-1} || merkleRoot).
    function tensorRoot(uint32[] memory shape, bytes32 merkleRoot) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            // the preimage is built in free memory (not allocated): each mstore writes a whole word, left aligned,
            // and the next one overwrites its tail
            let m := mload(0x40)
            let len := mload(shape)
            mstore(m, or(shl(248, 0x02), shl(240, and(len, 0xff))))
            let p := add(m, 2)
            for { let i := 0 } lt(i, len) { i := add(i, 1) } {
                mstore(p, shl(224, mload(add(shape, shl(5, add(i, 1))))))
                p := add(p, 4)
            }
            mstore(p, merkleRoot)
            h := keccak256(m, add(sub(p, m), 0x20))
        }
    }

    /// @notice The tensor root implied by an element proof (shape, element
    /// index, its 32-byte leaf and path), and the element's word. Checks the
    /// index range, the path depth and position, and zero padding words in a
    /// last partial leaf, like commit.ElementProof.Verify.
    function elementRoot(uint32[] memory shape, uint256 index, bytes32 leaf, bytes32[] calldata path)
        internal
        pure
        returns (bytes32 root, uint32 value)
    {
        uint256 n = numel(shape);
        if (index >= n) revert ElementIndex(index, n);
        root = _leafRoot(shape, n, index >> 3, leaf, path);
        value = uint32(uint256(leaf) >> (224 - 32 * (index & 7)));
    }

    /// @notice The tensor root implied by tensor leaf `leafIndex` (32 bytes:
    /// eight elements) and its path: the index range, the path (padding
    /// siblings included) and zero padding words in a last partial leaf are
    /// checked, so only the tensor's canonical root can come out.
    function leafRoot(uint32[] memory shape, uint256 leafIndex, bytes32 leaf, bytes32[] calldata path)
        internal
        pure
        returns (bytes32)
    {
        return _leafRoot(shape, numel(shape), leafIndex, leaf, path);
    }

    function _leafRoot(uint32[] memory shape, uint256 n, uint256 leafIndex, bytes32 leaf, bytes32[] calldata path)
        private
        pure
        returns (bytes32)
    {
        uint256 leaves = (n + 7) >> 3;
        if (leafIndex >= leaves) revert ProofIndex(leafIndex, leaves);
        uint256 inLeaf = n - (leafIndex << 3);
        if (inLeaf < 8) {
            // words inLeaf..7 are padding: the low (8 - inLeaf) * 32 bits
            if (uint256(leaf) & ((uint256(1) << ((8 - inLeaf) * 32)) - 1) != 0) revert LeafPadding();
        }
        return tensorRoot(shape, rootOf(leafHash(leaf), leafIndex, leaves, path));
    }

    /// @notice keccak(0x04 || encoding): a graph node's list item.
    function graphNodeItem(bytes calldata encoding) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x04), encoding));
    }

    /// @notice keccak(0x05 || u32 n || listRoot).
    function graphRoot(uint32 n, bytes32 listRoot) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x05), n, listRoot));
    }

    /// @notice keccak(0x06 || u64 step || u32 n || listRoot).
    function stepTraceRoot(uint64 step, uint32 n, bytes32 listRoot) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x06), step, n, listRoot));
    }

    /// @notice keccak(0x07 || u32 node || u32 element || u32 n || listRoot).
    function elementTraceRoot(uint32 node, uint32 element, uint32 n, bytes32 listRoot) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x07), node, element, n, listRoot));
    }
}
