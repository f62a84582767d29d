// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Float32} from "../../src/float/Float32.sol";

/// @notice External front for {Float32}, used by the forge tests, the gas
/// tests and the Go differential tests (node/float32evm loads this contract's
/// runtime bytecode into an in-process EVM).
contract Float32Harness {
    /// @notice One primitive, exactly as the dispute game runs it.
    function exec(uint8 op, uint256 a, uint256 b, uint256 c) external pure returns (uint256) {
        return Float32.exec(op, a, b, c);
    }

    /// @notice Many primitives in one call. `cases` is packed, 13 bytes per
    /// case: op (1 byte), a, b, c (4 bytes each, big-endian). Returns the
    /// results packed, 4 bytes each, in order.
    function execBatch(bytes calldata cases) external pure returns (bytes memory out) {
        uint256 n = cases.length / 13;
        require(n * 13 == cases.length, "Float32Harness: ragged batch");
        out = new bytes(n * 4);
        for (uint256 i; i < n; ++i) {
            uint256 w;
            /// @solidity memory-safe-assembly
            assembly {
                w := shr(152, calldataload(add(cases.offset, mul(i, 13))))
            }
            uint256 r = Float32.exec(uint8(w >> 96), (w >> 64) & 0xFFFFFFFF, (w >> 32) & 0xFFFFFFFF, w & 0xFFFFFFFF);
            /// @solidity memory-safe-assembly
            assembly {
                let p := add(add(out, 0x20), mul(i, 4))
                mstore(
                    p,
                    or(shl(224, r), and(mload(p), 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff))
                )
            }
        }
    }

    /// @notice exec plus the gas it used inside this frame (no call overhead).
    function execGas(uint8 op, uint256 a, uint256 b, uint256 c) external view returns (uint256 r, uint256 gasUsed) {
        uint256 g = gasleft();
        r = Float32.exec(op, a, b, c);
        gasUsed = g - gasleft();
    }

    function add(uint256 a, uint256 b) external pure returns (uint256) {
        return Float32.add(a, b);
    }

    function sub(uint256 a, uint256 b) external pure returns (uint256) {
        return Float32.sub(a, b);
    }

    function mul(uint256 a, uint256 b) external pure returns (uint256) {
        return Float32.mul(a, b);
    }

    function div(uint256 a, uint256 b) external pure returns (uint256) {
        return Float32.div(a, b);
    }

    function fma(uint256 a, uint256 b, uint256 c) external pure returns (uint256) {
        return Float32.fma(a, b, c);
    }

    function sqrt(uint256 a) external pure returns (uint256) {
        return Float32.sqrt(a);
    }
}
