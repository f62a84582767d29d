// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Float32} from "../../src/float/Float32.sol";
import {ElementProgram} from "../../src/onestep/ElementProgram.sol";
import {ElementDecoder} from "../../src/onestep/ElementDecoder.sol";
import {OneStep} from "../../src/onestep/OneStep.sol";
import {OneStepMerkle} from "../../src/onestep/OneStepMerkle.sol";

/// @notice Hand-computed entries of the transformer operators' element
/// programs (docs/repops.md section 5, issue #13), decoded by the
/// ElementDecoder that OneStep deploys. The Go differential tests
/// (node/onestepevm lm_test.go) compare every entry of real traces.
///   forge test --match-contract ElementProgramLM_Test
contract ElementProgramLM_Test is Test {
    ElementDecoder internal dec;

    uint256 internal constant IN = 1;
    uint256 internal constant ENT = 2;
    uint256 internal constant CONST = 3;
    uint256 internal constant IMM = 4;

    function setUp() public {
        dec = new OneStep().decoder();
    }

    function _o(uint256 kind, uint256 slot, uint256 ref) private pure returns (uint256) {
        return (kind << 40) | (slot << 32) | ref;
    }

    function _h(uint256 prim, uint256 a, uint256 b, uint256 c) private pure returns (bytes32) {
        return bytes32((prim << 248) | (a << 200) | (b << 152) | (c << 104));
    }

    function _s(uint32 a) private pure returns (uint32[] memory s) {
        s = new uint32[](1);
        s[0] = a;
    }

    function _s(uint32 a, uint32 b) private pure returns (uint32[] memory s) {
        s = new uint32[](2);
        (s[0], s[1]) = (a, b);
    }

    function _check(
        uint8 op,
        uint32[] memory attrs,
        uint32[][] memory shapes,
        uint256 e,
        uint256 k,
        bytes32 want,
        uint256 len
    ) private view {
        (bytes32 h, uint256 n) = dec.decode(op, attrs, shapes, 0, e, k);
        assertEq(n, len, "length");
        assertEq(h, want, "entry");
    }

    /// AttnScores Q[8,4], K[8,4], H = 2 (dh = 2), C = 4 (B = 2), causal:
    /// element e = 4*rho + j, rho = (b*H + h)*C + i.
    function test_attnScores() public view {
        uint32[] memory attrs = new uint32[](4);
        (attrs[0], attrs[1], attrs[2], attrs[3]) = (2, 4, 0x3F3504F3, 1);
        uint32[][] memory sh = new uint32[][](2);
        (sh[0], sh[1]) = (_s(8, 4), _s(8, 4));
        // b = 1, h = 1, i = 2, j = 1 (unmasked): rho = (1*2+1)*4+2 = 14, e = 57
        // entry 2: t = 1: MUL(Q[(4+2)*4 + 2 + 1], K[(4+1)*4 + 2 + 1])
        _check(0x18, attrs, sh, 57, 2, _h(Float32.OP_MUL, _o(IN, 0, 27), _o(IN, 1, 23), 0), 5);
        _check(0x18, attrs, sh, 57, 3, _h(Float32.OP_ADD, _o(ENT, 0, 1), _o(ENT, 0, 2), 0), 5);
        _check(0x18, attrs, sh, 57, 1, _h(Float32.OP_ADD, _o(IMM, 0, 0x80000000), _o(ENT, 0, 0), 0), 5);
        _check(0x18, attrs, sh, 57, 4, _h(Float32.OP_MUL, _o(ENT, 0, 3), _o(IMM, 0, 0x3F3504F3), 0), 5);
        // i = 2, j = 3: masked
        _check(0x18, attrs, sh, 59, 4, _h(Float32.OP_OR, _o(IMM, 0, 0xFF800000), _o(IMM, 0, 0), 0), 5);
        // not causal: the scale
        attrs[3] = 0;
        _check(0x18, attrs, sh, 59, 4, _h(Float32.OP_MUL, _o(ENT, 0, 3), _o(IMM, 0, 0x3F3504F3), 0), 5);
    }

    /// AttnApply / AttnApplyT: P[16,4] (B = 2, H = 2, C = 4), V[8,4], d = 4, dh = 2.
    function test_attnApply() public view {
        uint32[][] memory sh = new uint32[][](2);
        (sh[0], sh[1]) = (_s(16, 4), _s(8, 4));
        // e = 27: r = 6, c = 3, b = 1, i = 2, h = 1; j = 3 (entry 6):
        // P[((1*2+1)*4 + 2)*4 + 3] = P[59], V[(4+3)*4 + 3] = V[31]
        _check(0x19, _s(2), sh, 27, 6, _h(Float32.OP_MUL, _o(IN, 0, 59), _o(IN, 1, 31), 0), 8);
        // AttnApplyT: j = 2, i = 3: P[((3)*4 + 3)*4 + 2] = P[62], X[(4+3)*4 + 3] = X[31]
        _check(0x1A, _s(2), sh, 27, 6, _h(Float32.OP_MUL, _o(IN, 0, 62), _o(IN, 1, 31), 0), 8);
        _check(0x19, _s(2), sh, 27, 7, _h(Float32.OP_ADD, _o(ENT, 0, 5), _o(ENT, 0, 6), 0), 8);
    }

    /// EmbedGrad dH[6,3], tok[6], V = 4: element e = 7 (v = 2, j = 1).
    function test_embedGrad() public view {
        uint32[][] memory sh = new uint32[][](2);
        (sh[0], sh[1]) = (_s(6, 3), _s(6));
        uint256 two = 0x40000000;
        _check(0x25, _s(4), sh, 7, 12, _h(Float32.OP_EQ, _o(IN, 1, 4), _o(IMM, 0, two), 0), 18);
        _check(0x25, _s(4), sh, 7, 13, _h(Float32.OP_SELECT, _o(IN, 0, 13), _o(IMM, 0, 0), _o(ENT, 0, 12)), 18);
        _check(0x25, _s(4), sh, 7, 14, _h(Float32.OP_ADD, _o(ENT, 0, 11), _o(ENT, 0, 13), 0), 18);
        _check(0x25, _s(4), sh, 7, 2, _h(Float32.OP_ADD, _o(IMM, 0, 0x80000000), _o(ENT, 0, 1), 0), 18);
    }

    /// RMSInv X[3,4], eps: the tail, and SumSq over [2,3,2].
    function test_rmsInvAndSumSq() public view {
        uint32[][] memory sh = new uint32[][](1);
        sh[0] = _s(3, 4);
        uint32 eps = 0x3727C5AC;
        _check(0x1E, _s(eps), sh, 2, 6, _h(Float32.OP_MUL, _o(IN, 0, 11), _o(IN, 0, 11), 0), 12);
        _check(0x1E, _s(eps), sh, 2, 8, _h(Float32.OP_DIV, _o(ENT, 0, 7), _o(IMM, 0, 0x40800000), 0), 12);
        _check(0x1E, _s(eps), sh, 2, 9, _h(Float32.OP_ADD, _o(ENT, 0, 8), _o(IMM, 0, eps), 0), 12);
        _check(0x1E, _s(eps), sh, 2, 10, _h(Float32.OP_SQRT, _o(ENT, 0, 9), 0, 0), 12);
        _check(0x1E, _s(eps), sh, 2, 11, _h(Float32.OP_DIV, _o(IMM, 0, 0x3F800000), _o(ENT, 0, 10), 0), 12);
        uint32[] memory x = new uint32[](3);
        (x[0], x[1], x[2]) = (2, 3, 2);
        sh[0] = x;
        _check(0x28, new uint32[](0), sh, 0, 22, _h(Float32.OP_MUL, _o(IN, 0, 11), _o(IN, 0, 11), 0), 24);
        _check(0x28, new uint32[](0), sh, 0, 23, _h(Float32.OP_ADD, _o(ENT, 0, 21), _o(ENT, 0, 22), 0), 24);
    }

    /// WindowIndex, LRSchedule, AdamWParam with constant eps and wd, SiLU's exp block.
    function test_scalarPrograms() public view {
        uint32[][] memory one = new uint32[][](1);
        one[0] = _s(3);
        // C = 4, offset 1: element 6 = window 1, position 2 -> #f(3)
        _check(0x14, _s(4, 1), one, 6, 0, _h(Float32.OP_ADD, _o(IN, 0, 1), _o(IMM, 0, 0x40400000), 0), 1);
        uint32[] memory lr = new uint32[](4);
        (lr[0], lr[1], lr[2], lr[3]) = (0x39D1B717, 0x41200000, 0x42C80000, 0x42B40000);
        one[0] = _s(1);
        _check(0x27, lr, one, 0, 0, _h(Float32.OP_U2F, _o(IN, 0, 0), 0, 0), 8);
        _check(0x27, lr, one, 0, 3, _h(Float32.OP_SUB, _o(IMM, 0, 0x42C80000), _o(ENT, 0, 0), 0), 8);
        _check(0x27, lr, one, 0, 7, _h(Float32.OP_MUL, _o(ENT, 0, 6), _o(IMM, 0, 0x39D1B717), 0), 8);
        uint32[][] memory adam = new uint32[][](8);
        (bytes32 h,) = dec.decode(0x26, new uint32[](0), adam, 0xC0, 5, 8);
        assertEq(h, _h(Float32.OP_MUL, _o(IN, 5, 0), _o(CONST, 7, 0), 0));
        (h,) = dec.decode(0x26, new uint32[](0), adam, 0xC0, 5, 5);
        assertEq(h, _h(Float32.OP_ADD, _o(ENT, 0, 4), _o(CONST, 6, 0), 0));
        uint32[][] memory silu = new uint32[][](1);
        (h,) = dec.decode(0x23, new uint32[](0), silu, 0, 9, 1);
        assertEq(h, _h(Float32.OP_MAX, _o(ENT, 0, 0), _o(IMM, 0, 0xC2D00000), 0));
        (h,) = dec.decode(0x23, new uint32[](0), silu, 0, 9, 26);
        assertEq(h, _h(Float32.OP_DIV, _o(IN, 0, 9), _o(ENT, 0, 25), 0));
    }

    function test_rejects() public {
        uint32[][] memory sh = new uint32[][](2);
        (sh[0], sh[1]) = (_s(5, 3), _s(2, 3));
        vm.expectRevert(abi.encodeWithSelector(ElementProgram.BadOperands.selector, uint8(0x16)));
        dec.decode(0x16, new uint32[](0), sh, 0, 0, 0); // R = 2 does not divide m = 5
        uint32[][] memory two = new uint32[][](2);
        (two[0], two[1]) = (_s(3, 4), _s(3, 4));
        vm.expectRevert(abi.encodeWithSelector(OneStepMerkle.ElementIndex.selector, uint256(3), uint256(3)));
        dec.decode(0x1C, new uint32[](0), two, 0, 3, 0); // RowDot has 3 elements
        uint32[][] memory one = new uint32[][](1);
        one[0] = _s(3, 4);
        uint32[][] memory three = new uint32[][](3);
        three[0] = _s(2, 3);
        vm.expectRevert(abi.encodeWithSelector(ElementProgram.EntryIndex.selector, uint256(3), uint256(3)));
        dec.decode(0x1D, _s(1), three, 0, 0, 3); // SoftmaxGrad's program has 3 entries
        vm.expectRevert(abi.encodeWithSelector(ElementProgram.UnknownOperator.selector, uint8(0x2B)));
        dec.decode(0x2B, new uint32[](0), one, 0, 0, 0);
    }
}
