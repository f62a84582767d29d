// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title TestMerkle
/// @notice The commitments of docs/commitments.md built in memory for small lists, for the dispute game's tests:
///         leaf = keccak(0x00 || item), node = keccak(0x01 || l || r), the leaf level padded on the right with
///         zero hashes, list roots and proofs, tensor roots and leaves, graph node encodings and the bound roots
///         (state 0x03, graph 0x05, checkpoints 0x08, data 0x09).
library TestMerkle {
    function depth(uint256 n) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < n) ++d;
    }

    function leafHash(bytes32 item) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x00), item));
    }

    function nodeHash(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x01), l, r));
    }

    /// @dev The root and the proof of item `index` of `items` (leaves are hashed here). The root of zero items is
    ///      zero; `index` may be anything when only the root is needed (its proof is then meaningless).
    function list(bytes32[] memory items, uint256 index) internal pure returns (bytes32 root, bytes32[] memory proof) {
        if (items.length == 0) return (bytes32(0), new bytes32[](0));
        uint256 d = depth(items.length);
        bytes32[] memory lvl = new bytes32[](uint256(1) << d);
        for (uint256 i; i < items.length; ++i) {
            lvl[i] = leafHash(items[i]);
        }
        proof = new bytes32[](d);
        uint256 idx = index;
        for (uint256 h; h < d; ++h) {
            proof[h] = lvl[(idx ^ 1) % lvl.length];
            bytes32[] memory next = new bytes32[](lvl.length / 2);
            for (uint256 i; i < next.length; ++i) {
                next[i] = nodeHash(lvl[2 * i], lvl[2 * i + 1]);
            }
            lvl = next;
            idx >>= 1;
        }
        root = lvl[0];
    }

    function listRoot(bytes32[] memory items) internal pure returns (bytes32 root) {
        (root,) = list(items, 0);
    }

    function listProof(bytes32[] memory items, uint256 index) internal pure returns (bytes32[] memory proof) {
        (, proof) = list(items, index);
    }

    /// @dev The 32-byte leaf items of a tensor's words (eight big-endian words each, the last zero-padded).
    function tensorLeaves(uint32[] memory words) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[]((words.length + 7) / 8);
        for (uint256 i; i < words.length; ++i) {
            leaves[i / 8] |= bytes32(uint256(words[i]) << (224 - 32 * (i % 8)));
        }
    }

    function tensorRoot(uint32[] memory shape, uint32[] memory words) internal pure returns (bytes32) {
        return tensorRootOf(shape, listRoot(tensorLeaves(words)));
    }

    function tensorRootOf(uint32[] memory shape, bytes32 merkleRoot) internal pure returns (bytes32) {
        bytes memory b = abi.encodePacked(uint8(0x02), uint8(shape.length));
        for (uint256 i; i < shape.length; ++i) {
            b = abi.encodePacked(b, shape[i]);
        }
        return keccak256(abi.encodePacked(b, merkleRoot));
    }

    /// @dev Element `e`'s leaf and its path in the tensor of `words`.
    function elementProof(uint32[] memory words, uint256 e)
        internal
        pure
        returns (bytes32 leaf, bytes32[] memory path)
    {
        bytes32[] memory leaves = tensorLeaves(words);
        leaf = leaves[e / 8];
        path = listProof(leaves, e / 8);
    }

    /// @dev A graph node encoding: u8 kind | u8 op | u32 output | u8 ndims | dims | u8 ninputs | inputs | u8 nattrs
    ///      | attrs, big-endian.
    function enc(
        uint8 kind,
        uint8 op,
        uint32 output,
        uint32[] memory shape,
        uint32[] memory inputs,
        uint32[] memory attrs
    ) internal pure returns (bytes memory b) {
        b = abi.encodePacked(kind, op, output, uint8(shape.length));
        for (uint256 i; i < shape.length; ++i) {
            b = abi.encodePacked(b, shape[i]);
        }
        b = abi.encodePacked(b, uint8(inputs.length));
        for (uint256 i; i < inputs.length; ++i) {
            b = abi.encodePacked(b, inputs[i]);
        }
        b = abi.encodePacked(b, uint8(attrs.length));
        for (uint256 i; i < attrs.length; ++i) {
            b = abi.encodePacked(b, attrs[i]);
        }
    }

    function graphItem(bytes memory encoding) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x04), encoding));
    }

    function stateRoot(uint64 step, uint32 n, bytes32 lr) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x03), step, n, lr));
    }

    function graphRoot(uint32 n, bytes32 lr) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x05), n, lr));
    }

    function checkpointsRoot(uint32 n, bytes32 lr) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x08), n, lr));
    }

    function dataRoot(uint32 n, bytes32 lr) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(uint8(0x09), n, lr));
    }

    function u32s(uint32 a) internal pure returns (uint32[] memory s) {
        s = new uint32[](1);
        s[0] = a;
    }

    function none() internal pure returns (uint32[] memory) {
        return new uint32[](0);
    }
}
