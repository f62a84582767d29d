// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ElementProgram} from "./ElementProgram.sol";

/// @title ElementDecoder
/// @notice The external front of {ElementProgram}: {OneStep} deploys one in
/// its constructor and calls it to decode the claimed entry. The decoder is
/// a contract of its own because {OneStep} with every operator's program
/// inlined would pass the 24,576-byte limit on contract code (EIP-170).
/// Reverts carry {ElementProgram}'s errors (and OneStepMerkle.ElementIndex).
contract ElementDecoder {
    /// @notice The trace length of op's elements for these attributes and
    /// input shapes and, when k is below it, the structure of entry k of
    /// element e (ElementProgram.header's layout), else zero. constMask bit
    /// s is set when input slot s is a graph constant.
    function program(
        uint8 op,
        uint32[] calldata attrs,
        uint32[][] calldata shapes,
        uint256 constMask,
        uint256 e,
        uint256 k
    ) external pure returns (uint256 length, bytes32 header) {
        return _program(op, attrs, shapes, constMask, e, k);
    }

    /// @notice The structure of entry k of element e (ElementProgram.header)
    /// and the trace length; reverts EntryIndex when k is not below it.
    function decode(
        uint8 op,
        uint32[] calldata attrs,
        uint32[][] calldata shapes,
        uint256 constMask,
        uint256 e,
        uint256 k
    ) external pure returns (bytes32 header, uint256 length) {
        (length, header) = _program(op, attrs, shapes, constMask, e, k);
        if (k >= length) revert ElementProgram.EntryIndex(k, length);
    }

    function _program(
        uint8 op,
        uint32[] calldata attrs,
        uint32[][] calldata shapes,
        uint256 constMask,
        uint256 e,
        uint256 k
    ) private pure returns (uint256 length, bytes32 header) {
        uint32[][] memory s = new uint32[][](shapes.length);
        for (uint256 i; i < s.length; ++i) {
            s[i] = shapes[i];
        }
        ElementProgram.Entry memory x;
        (length, x) = ElementProgram.lengthAndEntry(op, attrs, s, constMask, e, k);
        header = bytes32((x.prim << 248) | (x.a << 200) | (x.b << 152) | (x.c << 104));
    }
}
