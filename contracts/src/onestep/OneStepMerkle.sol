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
        /// @solidity memory-safe-assembly
        assembly {
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
        if (d != depth(count)) revert ProofDepth(d, count);
        h = leaf;
        /// @solidity memory-safe-assembly
        assembly {
            let p := mload(0x40)
            mstore8(p, 0x01)
            let s := siblings.offset
            // z is Z[zl], advanced only as far as a padding sibling needs it (no cost without padding)
            let z := 0
            let zl := 0
            for { let i := 0 } lt(i, d) { i := add(i, 1) } {
                let sib := calldataload(add(s, shl(5, i)))
                // the sibling covers leaves [((index >> i) ^ 1) << i, ...): padding when that start is >= count
                if iszero(lt(shl(i, xor(shr(i, index), 1)), count)) {
                    for {} lt(zl, i) { zl := add(zl, 1) } {
                        mstore(add(p, 1), z)
                        mstore(add(p, 33), z)
                        z := keccak256(p, 65)
                    }
                    if iszero(eq(sib, z)) {
                        mstore(0x00, 0x3e76752f00000000000000000000000000000000000000000000000000000000) // PaddingSibling(uint256)
                        mstore(0x04, i)
                        revert(0x00, 0x24)
                    }
                }
                switch and(shr(i, index), 1)
                case 0 {
                    mstore(add(p, 1), h)
                    mstore(add(p, 33), sib)
                }
                default {
                    mstore(add(p, 1), sib)
                    mstore(add(p, 33), h)
                }
                h := keccak256(p, 65)
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
        if (shape.length > MAX_DIMS) revert BadShape();
        n = 1;
        for (uint256 i; i < shape.length; ++i) {
            n *= shape[i];
            if (n > type(uint32).max) revert BadShape();
        }
    }

    /// @notice keccak(0x02 || u8 k || u32 d_0 .. d_{k-1} || merkleRoot).
    function tensorRoot(uint32[] memory shape, bytes32 merkleRoot) internal pure returns (bytes32) {
        bytes memory b = abi.encodePacked(uint8(0x02), uint8(shape.length));
        for (uint256 i; i < shape.length; ++i) {
            b = abi.encodePacked(b, shape[i]);
        }
        return keccak256(abi.encodePacked(b, merkleRoot));
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
