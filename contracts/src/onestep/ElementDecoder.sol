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
    /// s is set when input slot s is a graph constant. The arguments come as
    /// one word list, which {OneStep} builds and this reads without the ABI's
    /// nested arrays: op, constMask, e, k, the number of attributes and the
    /// attributes, the number of inputs and, for each input, the number of
    /// its dims and the dims. Reverts without data unless the list is exactly
    /// that, op is below 2^8 and the counts, attributes and dims are below 2^32.
    function programPacked(uint256[] calldata w) external pure returns (uint256 length, bytes32 header) {
        uint256 op;
        uint256 constMask;
        uint256 e;
        uint256 k;
        uint32[] memory attrs;
        uint32[][] memory shapes;
        assembly ("memory-safe") {
            let n := w.length
            if lt(n, 6) { revert(0x00, 0x00) }
            op := calldataload(w.offset)
            constMask := calldataload(add(w.offset, 0x20))
            e := calldataload(add(w.offset, 0x40))
            k := calldataload(add(w.offset, 0x60))
            // words 4.. are laid out as memory uint32[]s are (the length, then a word per element): copied
            // whole, attrs points at the first and shapes is an array of pointers to the others
            let m := mload(0x40)
            let size := shl(5, sub(n, 4))
            calldatacopy(m, add(w.offset, 0x80), size)
            let end := add(m, size)
            let acc := 0
            for { let q := m } lt(q, end) { q := add(q, 0x20) } { acc := or(acc, mload(q)) }
            // every word below 2^32 (so no length below can overflow an offset) and op a byte
            if or(shr(32, acc), gt(op, 0xff)) { revert(0x00, 0x00) }
            attrs := m
            let q := add(m, shl(5, add(mload(m), 1)))
            if iszero(lt(q, end)) { revert(0x00, 0x00) } // the input count is missing
            let cnt := mload(q)
            q := add(q, 0x20)
            shapes := end
            mstore(shapes, cnt)
            for { let i := 0 } lt(i, cnt) { i := add(i, 1) } {
                if iszero(lt(q, end)) { revert(0x00, 0x00) } // a dim count is missing
                mstore(add(shapes, shl(5, add(i, 1))), q)
                q := add(q, shl(5, add(mload(q), 1)))
            }
            if iszero(eq(q, end)) { revert(0x00, 0x00) } // the dims run past the list, or words are left over
            mstore(0x40, add(shapes, shl(5, add(cnt, 1))))
        }
        ElementProgram.Entry memory x;
        // Safe cast: op was checked to be below 2^8 above.
        // forge-lint: disable-next-line(unsafe-typecast)
        (length, x) = ElementProgram.lengthAndEntry(uint8(op), attrs, shapes, constMask, e, k);
        header = _header(x);
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
        header = _header(x);
    }

    /// @dev ElementProgram.header's layout of an entry.
    function _header(ElementProgram.Entry memory x) private pure returns (bytes32) {
        return bytes32((x.prim << 248) | (x.a << 200) | (x.b << 152) | (x.c << 104));
    }
}
