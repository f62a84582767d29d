// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Float32} from "../../src/float/Float32.sol";
import {Float32Harness} from "./Float32Harness.sol";
import {Float32Ref} from "./Float32Ref.sol";

/// @notice Edge classes of every primitive (expected words worked out with
/// exact rational arithmetic), input validation, dispatch, algebraic
/// properties that must hold bit-exactly, and fuzzing against the independent
/// reference in Float32Ref. The Go differential test (node/float32evm) is the
/// main proof of agreement with RepOps.
contract Float32Test is Test {
    uint256 internal constant NAN = 0x7FC00000;
    uint256 internal constant ONE = 0x3F800000;
    uint256 internal constant NZ = 0x80000000;

    Float32Harness internal h;

    function setUp() public {
        h = new Float32Harness();
    }

    function _eq(uint256 got, uint256 want, string memory label) internal pure {
        assertEq(got, want, label);
    }

    function _isNaN(uint256 x) internal pure returns (bool) {
        return x & 0x7FFFFFFF > 0x7F800000;
    }

    /*//////////////////////////////////////////////////////////////
                       EDGE CLASSES (one test per primitive)
    //////////////////////////////////////////////////////////////*/

    function test_add_edges() public pure {
        _eq(Float32.add(0x00000000, 0x80000000), 0x00000000, "add: +0 + -0 = +0");
        _eq(Float32.add(0x80000000, 0x00000000), 0x00000000, "add: -0 + +0 = +0");
        _eq(Float32.add(0x80000000, 0x80000000), 0x80000000, "add: -0 + -0 = -0");
        _eq(Float32.add(0x00000000, 0x00000000), 0x00000000, "add: +0 + +0 = +0");
        _eq(Float32.add(0x3F800000, 0xBF800000), 0x00000000, "add: 1 + -1 = +0");
        _eq(Float32.add(0x80000001, 0x00000001), 0x00000000, "add: -minsub + minsub = +0");
        _eq(Float32.add(0x7F7FFFFF, 0xFF7FFFFF), 0x00000000, "add: max + -max = +0");
        _eq(Float32.add(0x3F800000, 0x33800000), 0x3F800000, "add: 1 + 2^-24 tie to even (down)");
        _eq(Float32.add(0x3F800001, 0x33800000), 0x3F800002, "add: (1+ulp) + 2^-24 tie to even (up)");
        _eq(Float32.add(0x3F800000, 0x33800001), 0x3F800001, "add: 1 + (2^-24+) rounds up");
        _eq(Float32.add(0x3F800000, 0x337FFFFF), 0x3F800000, "add: 1 + (2^-24-) rounds down");
        _eq(Float32.add(0x3F800000, 0xB3000000), 0x3F800000, "add: 1 - 2^-25 tie below a power of two");
        _eq(Float32.add(0x3F800000, 0xB3800000), 0x3F7FFFFF, "add: 1 - 2^-24 exact");
        _eq(Float32.add(0x00000001, 0x00000001), 0x00000002, "add: minsub + minsub");
        _eq(Float32.add(0x007FFFFF, 0x00000001), 0x00800000, "add: maxsub + minsub = minnorm (boundary)");
        _eq(Float32.add(0x00800000, 0x80000001), 0x007FFFFF, "add: minnorm - minsub = maxsub");
        _eq(Float32.add(0x007FFFFF, 0x007FFFFF), 0x00FFFFFE, "add: maxsub + maxsub");
        _eq(Float32.add(0x7F7FFFFF, 0x7F7FFFFF), 0x7F800000, "add: max + max = inf");
        _eq(Float32.add(0xFF7FFFFF, 0xFF7FFFFF), 0xFF800000, "add: -max + -max = -inf");
        _eq(Float32.add(0x7F7FFFFF, 0x73000000), 0x7F800000, "add: max + half ulp: tie rounds to even = inf");
        _eq(Float32.add(0x7F7FFFFF, 0x72FFFFFF), 0x7F7FFFFF, "add: max + just under half ulp = max");
        _eq(Float32.add(0x7F800000, 0xFF800000), 0x7FC00000, "add: inf + -inf = NaN");
        _eq(Float32.add(0x7F800000, 0x7F800000), 0x7F800000, "add: inf + inf");
        _eq(Float32.add(0xFF800000, 0x7F7FFFFF), 0xFF800000, "add: -inf + max");
        _eq(Float32.add(0x3F800000, 0x7F800000), 0x7F800000, "add: 1 + inf");
        _eq(Float32.add(0x7FC12345, 0x3F800000), 0x7FC00000, "add: NaN payload + 1");
        _eq(Float32.add(0x3F800000, 0xFFFFFFFF), 0x7FC00000, "add: 1 + -NaN");
        _eq(Float32.add(0x7F800001, 0x00000000), 0x7FC00000, "add: sNaN + 0");
        _eq(Float32.add(0x7FC00000, 0xFF800000), 0x7FC00000, "add: NaN + inf");
        _eq(Float32.add(0x3F800000, 0x00000001), 0x3F800000, "add: 1 + minsub = 1");
        _eq(Float32.add(0x7F7FFFFF, 0x00000001), 0x7F7FFFFF, "add: max + minsub = max");
        _eq(Float32.add(0xBFC00000, 0x3F000000), 0xBF800000, "add: -1.5 + 0.5 = -1");
        _eq(Float32.add(0x80000000, 0x00000001), 0x00000001, "add: -0 + minsub");
        _eq(Float32.add(0x4B800000, 0x3F800000), 0x4B800000, "add: 2^24 + 1 tie");
        _eq(Float32.add(0x4B800000, 0x40400000), 0x4B800002, "add: 2^24 + 3 tie up");
        _eq(Float32.add(0x40490FDB, 0xC0490FDA), 0x34800000, "add: pi + -pi(1ulp) cancellation");
        _eq(Float32.add(0x7E967699, 0x7E967699), 0x7F167699, "add: 1e38 + 1e38 finite");
    }

    function test_sub_edges() public pure {
        _eq(Float32.sub(0x3F800000, 0x3F800000), 0x00000000, "sub: 1 - 1 = +0");
        _eq(Float32.sub(0xBF800000, 0xBF800000), 0x00000000, "sub: -1 - -1 = +0");
        _eq(Float32.sub(0x00000001, 0x00000001), 0x00000000, "sub: minsub - minsub = +0");
        _eq(Float32.sub(0x80000000, 0x00000000), 0x80000000, "sub: -0 - +0 = -0");
        _eq(Float32.sub(0x00000000, 0x00000000), 0x00000000, "sub: +0 - +0 = +0");
        _eq(Float32.sub(0x80000000, 0x80000000), 0x00000000, "sub: -0 - -0 = +0");
        _eq(Float32.sub(0x00000000, 0x80000000), 0x00000000, "sub: +0 - -0 = +0");
        _eq(Float32.sub(0x7F800000, 0x7F800000), 0x7FC00000, "sub: inf - inf = NaN");
        _eq(Float32.sub(0x7F800000, 0xFF800000), 0x7F800000, "sub: inf - -inf = inf");
        _eq(Float32.sub(0x3F800000, 0x3F7FFFFF), 0x33800000, "sub: 1 - (1-2^-24) = 2^-24");
        _eq(Float32.sub(0x00800000, 0x007FFFFF), 0x00000001, "sub: minnorm - maxsub = minsub");
        _eq(Float32.sub(0x7FC12345, 0x3F800000), 0x7FC00000, "sub: NaN - 1");
        _eq(Float32.sub(0x3F800000, 0x7F800001), 0x7FC00000, "sub: 1 - NaN");
        _eq(Float32.sub(0xFF7FFFFF, 0x7F7FFFFF), 0xFF800000, "sub: -max - max = -inf");
        _eq(Float32.sub(0x3F800000, 0x33000000), 0x3F800000, "sub: 1 - 2^-25 tie");
        _eq(Float32.sub(0x40400000, 0x34800000), 0x403FFFFF, "sub: 3 - 2^-22 tie");
    }

    function test_mul_edges() public pure {
        _eq(Float32.mul(0x00000000, 0x7F800000), 0x7FC00000, "mul: 0 * inf = NaN");
        _eq(Float32.mul(0xFF800000, 0x00000000), 0x7FC00000, "mul: -inf * 0 = NaN");
        _eq(Float32.mul(0x80000000, 0x40A00000), 0x80000000, "mul: -0 * 5");
        _eq(Float32.mul(0x80000000, 0x80000000), 0x00000000, "mul: -0 * -0 = +0");
        _eq(Float32.mul(0xBF800000, 0x00000000), 0x80000000, "mul: -1 * +0 = -0");
        _eq(Float32.mul(0x7F800000, 0xC0000000), 0xFF800000, "mul: inf * -2 = -inf");
        _eq(Float32.mul(0x7F7FFFFF, 0x40000000), 0x7F800000, "mul: max * 2 = inf");
        _eq(Float32.mul(0x7F7FFFFF, 0xBF800000), 0xFF7FFFFF, "mul: max * -1");
        _eq(Float32.mul(0x5F800000, 0x5F800000), 0x7F800000, "mul: 2^64 * 2^64 = inf");
        _eq(Float32.mul(0x5F000000, 0x5F800000), 0x7F000000, "mul: 2^63 * 2^64 = 2^127");
        _eq(Float32.mul(0x00000001, 0x3F000000), 0x00000000, "mul: minsub * 0.5: tie to even = +0");
        _eq(Float32.mul(0x00000001, 0xBF000000), 0x80000000, "mul: minsub * -0.5 = -0");
        _eq(Float32.mul(0x00000003, 0x3F000000), 0x00000002, "mul: 3*minsub * 0.5: tie to even = 2*minsub");
        _eq(Float32.mul(0x00000001, 0x3F400000), 0x00000001, "mul: minsub * 0.75 rounds up");
        _eq(Float32.mul(0x00800000, 0x3F000000), 0x00400000, "mul: minnorm * 0.5 exact subnormal");
        _eq(Float32.mul(0x00FFFFFF, 0x3F000000), 0x00800000, "mul: 0x00FFFFFF * 0.5 ties up to minnorm");
        _eq(Float32.mul(0x007FFFFF, 0x3F800001), 0x00800000, "mul: maxsub * (1+ulp) rounds to minnorm");
        _eq(Float32.mul(0x1A000000, 0x1A000000), 0x00000000, "mul: 2^-75 * 2^-75 = 2^-150 tie = 0");
        _eq(Float32.mul(0x1A400000, 0x1A000000), 0x00000001, "mul: 1.5*2^-75 * 2^-75 rounds to minsub");
        _eq(Float32.mul(0x1F800000, 0x1F800000), 0x00200000, "mul: 2^-64 * 2^-64 underflows to 0");
        _eq(Float32.mul(0x00000001, 0x00000001), 0x00000000, "mul: minsub * minsub = +0");
        _eq(Float32.mul(0x80000001, 0x00000001), 0x80000000, "mul: -minsub * minsub = -0");
        _eq(Float32.mul(0x00000001, 0x7F000000), 0x34800000, "mul: minsub * 2^149... = 1");
        _eq(Float32.mul(0x3F800000, 0x7FC12345), 0x7FC00000, "mul: 1 * NaN");
        _eq(Float32.mul(0x3F800001, 0x3F800001), 0x3F800002, "mul: (1+ulp)^2 rounds");
        _eq(Float32.mul(0x40400000, 0x3EAAAAAB), 0x3F800000, "mul: 3 * (1/3)");
        _eq(Float32.mul(0x007FFFFF, 0x40000000), 0x00FFFFFE, "mul: maxsub * 2");
        _eq(Float32.mul(0x7F7FFFFF, 0x3F7FFFFF), 0x7F7FFFFE, "mul: max * (1-ulp/2)");
        _eq(Float32.mul(0x00800000, 0x3F7FFFFF), 0x00800000, "mul: minnorm * (1-2^-24)");
    }

    function test_div_edges() public pure {
        _eq(Float32.div(0x00000000, 0x00000000), 0x7FC00000, "div: 0 / 0 = NaN");
        _eq(Float32.div(0x7F800000, 0xFF800000), 0x7FC00000, "div: inf / inf = NaN");
        _eq(Float32.div(0x3F800000, 0x00000000), 0x7F800000, "div: 1 / 0 = inf");
        _eq(Float32.div(0xBF800000, 0x00000000), 0xFF800000, "div: -1 / 0 = -inf");
        _eq(Float32.div(0x3F800000, 0x80000000), 0xFF800000, "div: 1 / -0 = -inf");
        _eq(Float32.div(0x00000000, 0xBF800000), 0x80000000, "div: 0 / -1 = -0");
        _eq(Float32.div(0x3F800000, 0x7F800000), 0x00000000, "div: 1 / inf = +0");
        _eq(Float32.div(0xBF800000, 0x7F800000), 0x80000000, "div: -1 / inf = -0");
        _eq(Float32.div(0x7F800000, 0x00000000), 0x7F800000, "div: inf / 0 = inf");
        _eq(Float32.div(0x00000000, 0x7F800000), 0x00000000, "div: 0 / inf = 0");
        _eq(Float32.div(0xFF800000, 0x40000000), 0xFF800000, "div: -inf / 2");
        _eq(Float32.div(0x3F800000, 0x40400000), 0x3EAAAAAB, "div: 1 / 3");
        _eq(Float32.div(0x40000000, 0x40400000), 0x3F2AAAAB, "div: 2 / 3");
        _eq(Float32.div(0xBF800000, 0x40400000), 0xBEAAAAAB, "div: -1 / 3");
        _eq(Float32.div(0x3F800000, 0x7F7FFFFF), 0x00200000, "div: 1 / max");
        _eq(Float32.div(0x00800000, 0x40000000), 0x00400000, "div: minnorm / 2");
        _eq(Float32.div(0x00000001, 0x40000000), 0x00000000, "div: minsub / 2: tie to even = 0");
        _eq(Float32.div(0x00000003, 0x40000000), 0x00000002, "div: 3*minsub / 2 tie = 2*minsub");
        _eq(Float32.div(0x80000001, 0x40000000), 0x80000000, "div: -minsub / 2 = -0");
        _eq(Float32.div(0x7F7FFFFF, 0x3F000000), 0x7F800000, "div: max / 0.5 = inf");
        _eq(Float32.div(0x00000001, 0x7F7FFFFF), 0x00000000, "div: minsub / max = 0");
        _eq(Float32.div(0x3F800000, 0x00000001), 0x7F800000, "div: 1 / minsub = inf");
        _eq(Float32.div(0x00000001, 0x00000001), 0x3F800000, "div: minsub / minsub = 1");
        _eq(Float32.div(0x007FFFFF, 0x00800000), 0x3F7FFFFE, "div: maxsub / minnorm");
        _eq(Float32.div(0x40E00000, 0x40E00000), 0x3F800000, "div: 7/7");
        _eq(Float32.div(0x7FC12345, 0x3F800000), 0x7FC00000, "div: NaN / 1");
        _eq(Float32.div(0x3F800000, 0x7F800001), 0x7FC00000, "div: 1 / sNaN");
        _eq(Float32.div(0x00000000, 0x7FC00000), 0x7FC00000, "div: 0 / NaN");
        _eq(Float32.div(0x7F7FFFFF, 0x00000001), 0x7F800000, "div: max / minsub = inf");
        _eq(Float32.div(0x00800000, 0x3F800001), 0x007FFFFF, "div: minnorm / (1+ulp)");
        _eq(Float32.div(0x3F800000, 0x41200000), 0x3DCCCCCD, "div: 1 / 10");
        _eq(Float32.div(0x00FFFFFF, 0x40000000), 0x00800000, "div: 0x00FFFFFF / 2 rounds to minnorm");
    }

    function test_fma_edges() public pure {
        _eq(Float32.fma(0x3F800001, 0x3F800001, 0xBF800002), 0x28800000, "fma: (1+u)^2 - (1+2u) = 2^-46 exactly");
        _eq(Float32.fma(0x00000000, 0x3F800000, 0x80000000), 0x00000000, "fma: +0*1 + -0 = +0");
        _eq(Float32.fma(0x80000000, 0x3F800000, 0x80000000), 0x80000000, "fma: -0*1 + -0 = -0");
        _eq(Float32.fma(0x80000000, 0x3F800000, 0x00000000), 0x00000000, "fma: -0*1 + +0 = +0");
        _eq(Float32.fma(0x00000000, 0x3F800000, 0x00000000), 0x00000000, "fma: 0*1 + 0 = +0");
        _eq(Float32.fma(0xBF800000, 0x80000000, 0x80000000), 0x00000000, "fma: -1*-0 + -0 = +0");
        _eq(Float32.fma(0x7F800000, 0x00000000, 0x7FC12345), 0x7FC00000, "fma: inf*0 + NaN = NaN");
        _eq(Float32.fma(0x7F800000, 0x00000000, 0x3F800000), 0x7FC00000, "fma: inf*0 + 1 = NaN");
        _eq(Float32.fma(0x7F800000, 0x3F800000, 0xFF800000), 0x7FC00000, "fma: inf*1 + -inf = NaN");
        _eq(Float32.fma(0x7F800000, 0x3F800000, 0x7F800000), 0x7F800000, "fma: inf*1 + inf = inf");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0xFF800000), 0xFF800000, "fma: 1*1 + -inf = -inf");
        _eq(Float32.fma(0x7F7FFFFF, 0x40000000, 0xFF800000), 0xFF800000, "fma: max*2 + -inf = -inf");
        _eq(
            Float32.fma(0x7F7FFFFF, 0x40000000, 0xFF7FFFFF),
            0x7F7FFFFF,
            "fma: max*2 - max = max (no intermediate overflow)"
        );
        _eq(Float32.fma(0x7F7FFFFF, 0x40000000, 0x00000000), 0x7F800000, "fma: max*2 + 0 = inf");
        _eq(Float32.fma(0x1A000000, 0x1A000000, 0x00000000), 0x00000000, "fma: 2^-75*2^-75 + 0: tie = +0");
        _eq(
            Float32.fma(0x1A000000, 0x1A000000, 0x00000001), 0x00000002, "fma: 2^-75*2^-75 + minsub = 2*minsub (tie up)"
        );
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0xBF800000), 0x00000000, "fma: 1*1 - 1 = +0");
        _eq(Float32.fma(0xBF800000, 0x3F800000, 0x3F800000), 0x00000000, "fma: -1*1 + 1 = +0");
        _eq(Float32.fma(0x3F800000, 0x33800000, 0x3F800000), 0x3F800000, "fma: 1*2^-24 + 1 tie = 1");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0xB3000000), 0x3F800000, "fma: 1*1 + -2^-25 tie = 1");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0xB3000001), 0x3F7FFFFF, "fma: 1*1 + -(2^-25+) = 1-ulp");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0x00000001), 0x3F800000, "fma: 1*1 + minsub = 1");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0x80000001), 0x3F800000, "fma: 1*1 - minsub = 1");
        _eq(Float32.fma(0x58800000, 0x58800000, 0x80000001), 0x71800000, "fma: 2^50*2^50 - minsub = 2^100");
        _eq(Float32.fma(0x1A000000, 0x1A000000, 0x3F800000), 0x3F800000, "fma: 2^-75*2^-75 + 1 = 1");
        _eq(Float32.fma(0x00000001, 0x3F000000, 0x80000000), 0x00000000, "fma: minsub*0.5 + -0 = +0");
        _eq(Float32.fma(0x80000001, 0x3F000000, 0x00000000), 0x80000000, "fma: -minsub*0.5 + +0 = -0");
        _eq(Float32.fma(0x7F7FFFFF, 0x3F800000, 0x3F800000), 0x7F7FFFFF, "fma: max*1 + 1 = max");
        _eq(Float32.fma(0x40400000, 0x3EAAAAAB, 0xBF800000), 0x33000000, "fma: 3*(1/3) - 1");
        _eq(Float32.fma(0x40490FDB, 0x40490FDB, 0xC11DE9E7), 0xB3F4D538, "fma: pi*pi - pi^2(f32)");
        _eq(Float32.fma(0x00800000, 0x3F000000, 0x007FFFFF), 0x00BFFFFF, "fma: minnorm*0.5 + maxsub");
        _eq(Float32.fma(0x00000001, 0x00000001, 0x80000000), 0x00000000, "fma: minsub*minsub + -0 = +0");
        _eq(Float32.fma(0x80000001, 0x00000001, 0x80000000), 0x80000000, "fma: -minsub*minsub + -0 = -0");
        _eq(Float32.fma(0x3F800000, 0x7F800001, 0x3F800000), 0x7FC00000, "fma: 1 * NaN + 1");
        _eq(Float32.fma(0x7FC00000, 0x00000000, 0x7F800000), 0x7FC00000, "fma: NaN*0 + inf");
        _eq(Float32.fma(0x3F800000, 0x3F800000, 0xFFFFFFFF), 0x7FC00000, "fma: 1*1 + NaN");
        _eq(Float32.fma(0x7F7FFFFF, 0x7F7FFFFF, 0xFF800000), 0xFF800000, "fma: max*max - inf = -inf");
        _eq(Float32.fma(0x7F7FFFFF, 0x3FC00000, 0xFEFFFFFF), 0x7F7FFFFF, "fma: max*1.5 - max*0.5 = max");
    }

    function test_sqrt_edges() public pure {
        _eq(Float32.sqrt(0x80000000), 0x80000000, "sqrt: sqrt(-0) = -0");
        _eq(Float32.sqrt(0x00000000), 0x00000000, "sqrt: sqrt(+0) = +0");
        _eq(Float32.sqrt(0xBF800000), 0x7FC00000, "sqrt: sqrt(-1) = NaN");
        _eq(Float32.sqrt(0x80000001), 0x7FC00000, "sqrt: sqrt(-minsub) = NaN");
        _eq(Float32.sqrt(0xFF800000), 0x7FC00000, "sqrt: sqrt(-inf) = NaN");
        _eq(Float32.sqrt(0x7F800000), 0x7F800000, "sqrt: sqrt(inf) = inf");
        _eq(Float32.sqrt(0x7FC12345), 0x7FC00000, "sqrt: sqrt(NaN)");
        _eq(Float32.sqrt(0xFFFFFFFF), 0x7FC00000, "sqrt: sqrt(-NaN)");
        _eq(Float32.sqrt(0x40800000), 0x40000000, "sqrt: sqrt(4) = 2");
        _eq(Float32.sqrt(0x40000000), 0x3FB504F3, "sqrt: sqrt(2)");
        _eq(Float32.sqrt(0x00000001), 0x1A3504F3, "sqrt: sqrt(minsub)");
        _eq(Float32.sqrt(0x007FFFFF), 0x1FFFFFFF, "sqrt: sqrt(maxsub)");
        _eq(Float32.sqrt(0x00800000), 0x20000000, "sqrt: sqrt(minnorm) = 2^-63");
        _eq(Float32.sqrt(0x7F7FFFFF), 0x5F7FFFFF, "sqrt: sqrt(max)");
        _eq(Float32.sqrt(0x3F800001), 0x3F800000, "sqrt: sqrt(1+ulp) = 1");
        _eq(Float32.sqrt(0x3F800002), 0x3F800001, "sqrt: sqrt(1+2ulp)");
        _eq(Float32.sqrt(0x3F7FFFFF), 0x3F7FFFFF, "sqrt: sqrt(1-ulp)");
        _eq(Float32.sqrt(0x3F800000), 0x3F800000, "sqrt: sqrt(1) = 1");
        _eq(Float32.sqrt(0x3E800000), 0x3F000000, "sqrt: sqrt(0.25) = 0.5");
        _eq(Float32.sqrt(0x40400000), 0x3FDDB3D7, "sqrt: sqrt(3)");
        _eq(Float32.sqrt(0x00000002), 0x1A800000, "sqrt: sqrt(2*minsub)");
        _eq(Float32.sqrt(0x41100000), 0x40400000, "sqrt: sqrt(9)");
        _eq(Float32.sqrt(0x7E967699), 0x5F0AC723, "sqrt: sqrt(1e38)");
    }

    function test_min_edges() public pure {
        _eq(Float32.min(0x80000000, 0x00000000), 0x80000000, "min: -0, +0");
        _eq(Float32.min(0x00000000, 0x80000000), 0x80000000, "min: +0, -0");
        _eq(Float32.min(0x80000000, 0x80000000), 0x80000000, "min: -0, -0");
        _eq(Float32.min(0x00000000, 0x00000000), 0x00000000, "min: +0, +0");
        _eq(Float32.min(0x3F800000, 0x7FC12345), 0x7FC00000, "min: 1, NaN");
        _eq(Float32.min(0x7F800001, 0x3F800000), 0x7FC00000, "min: NaN, 1");
        _eq(Float32.min(0xFF800000, 0x3F800000), 0xFF800000, "min: -inf, 1");
        _eq(Float32.min(0x7F800000, 0xFF7FFFFF), 0xFF7FFFFF, "min: inf, -max");
        _eq(Float32.min(0x00000001, 0x80000001), 0x80000001, "min: minsub, -minsub");
        _eq(Float32.min(0x3F800000, 0x40000000), 0x3F800000, "min: 1, 2");
        _eq(Float32.min(0xBF800000, 0xC0000000), 0xC0000000, "min: -1, -2");
        _eq(Float32.min(0x00000001, 0x00000000), 0x00000000, "min: minsub, +0");
        _eq(Float32.min(0x80000001, 0x80000000), 0x80000001, "min: -minsub, -0");
        _eq(Float32.min(0x7F800000, 0x7FC00000), 0x7FC00000, "min: inf, NaN");
    }

    function test_max_edges() public pure {
        _eq(Float32.max(0x80000000, 0x00000000), 0x00000000, "max: -0, +0");
        _eq(Float32.max(0x00000000, 0x80000000), 0x00000000, "max: +0, -0");
        _eq(Float32.max(0x80000000, 0x80000000), 0x80000000, "max: -0, -0");
        _eq(Float32.max(0x00000000, 0x00000000), 0x00000000, "max: +0, +0");
        _eq(Float32.max(0x3F800000, 0x7FC12345), 0x7FC00000, "max: 1, NaN");
        _eq(Float32.max(0x7F800001, 0x3F800000), 0x7FC00000, "max: NaN, 1");
        _eq(Float32.max(0xFF800000, 0x3F800000), 0x3F800000, "max: -inf, 1");
        _eq(Float32.max(0x7F800000, 0xFF7FFFFF), 0x7F800000, "max: inf, -max");
        _eq(Float32.max(0x00000001, 0x80000001), 0x00000001, "max: minsub, -minsub");
        _eq(Float32.max(0x3F800000, 0x40000000), 0x40000000, "max: 1, 2");
        _eq(Float32.max(0xBF800000, 0xC0000000), 0xBF800000, "max: -1, -2");
        _eq(Float32.max(0x00000001, 0x00000000), 0x00000001, "max: minsub, +0");
        _eq(Float32.max(0x80000001, 0x80000000), 0x80000000, "max: -minsub, -0");
        _eq(Float32.max(0x7F800000, 0x7FC00000), 0x7FC00000, "max: inf, NaN");
    }

    function test_neg_edges() public pure {
        _eq(Float32.neg(0x00000000), 0x80000000, "neg: +0");
        _eq(Float32.neg(0x80000000), 0x00000000, "neg: -0");
        _eq(Float32.neg(0x7F800000), 0xFF800000, "neg: inf");
        _eq(Float32.neg(0xFF800000), 0x7F800000, "neg: -inf");
        _eq(Float32.neg(0x7FC12345), 0x7FC00000, "neg: NaN payload");
        _eq(Float32.neg(0xFFC00000), 0x7FC00000, "neg: -qNaN");
        _eq(Float32.neg(0x7F800001), 0x7FC00000, "neg: sNaN");
        _eq(Float32.neg(0x3F800000), 0xBF800000, "neg: 1");
        _eq(Float32.neg(0x00000001), 0x80000001, "neg: minsub");
        _eq(Float32.neg(0xFF7FFFFF), 0x7F7FFFFF, "neg: -max");
    }

    function test_lt_edges() public pure {
        _eq(Float32.lt(0x80000000, 0x00000000), 0x00000000, "lt: -0, +0");
        _eq(Float32.lt(0x00000000, 0x80000000), 0x00000000, "lt: +0, -0");
        _eq(Float32.lt(0x7FC00000, 0x7FC00000), 0x00000000, "lt: NaN, NaN");
        _eq(Float32.lt(0x7FC12345, 0x3F800000), 0x00000000, "lt: NaN, 1");
        _eq(Float32.lt(0x3F800000, 0x7F800001), 0x00000000, "lt: 1, NaN");
        _eq(Float32.lt(0xFF800000, 0x7F800000), 0x00000001, "lt: -inf, inf");
        _eq(Float32.lt(0x7F800000, 0x7F800000), 0x00000000, "lt: inf, inf");
        _eq(Float32.lt(0x00000001, 0x00000000), 0x00000000, "lt: minsub, 0");
        _eq(Float32.lt(0x80000001, 0x00000000), 0x00000001, "lt: -minsub, +0");
        _eq(Float32.lt(0x3F800000, 0x3F800000), 0x00000000, "lt: 1, 1");
        _eq(Float32.lt(0xC0000000, 0xBF800000), 0x00000001, "lt: -2, -1");
        _eq(Float32.lt(0xBF800000, 0xC0000000), 0x00000000, "lt: -1, -2");
        _eq(Float32.lt(0x7F7FFFFF, 0x7F800000), 0x00000001, "lt: max, inf");
        _eq(Float32.lt(0x80000000, 0x80000001), 0x00000000, "lt: -0, -minsub");
        _eq(Float32.lt(0x3F800000, 0x3F800001), 0x00000001, "lt: 1, 1+ulp");
    }

    function test_le_edges() public pure {
        _eq(Float32.le(0x80000000, 0x00000000), 0x00000001, "le: -0, +0");
        _eq(Float32.le(0x00000000, 0x80000000), 0x00000001, "le: +0, -0");
        _eq(Float32.le(0x7FC00000, 0x7FC00000), 0x00000000, "le: NaN, NaN");
        _eq(Float32.le(0x7FC12345, 0x3F800000), 0x00000000, "le: NaN, 1");
        _eq(Float32.le(0x3F800000, 0x7F800001), 0x00000000, "le: 1, NaN");
        _eq(Float32.le(0xFF800000, 0x7F800000), 0x00000001, "le: -inf, inf");
        _eq(Float32.le(0x7F800000, 0x7F800000), 0x00000001, "le: inf, inf");
        _eq(Float32.le(0x00000001, 0x00000000), 0x00000000, "le: minsub, 0");
        _eq(Float32.le(0x80000001, 0x00000000), 0x00000001, "le: -minsub, +0");
        _eq(Float32.le(0x3F800000, 0x3F800000), 0x00000001, "le: 1, 1");
        _eq(Float32.le(0xC0000000, 0xBF800000), 0x00000001, "le: -2, -1");
        _eq(Float32.le(0xBF800000, 0xC0000000), 0x00000000, "le: -1, -2");
        _eq(Float32.le(0x7F7FFFFF, 0x7F800000), 0x00000001, "le: max, inf");
        _eq(Float32.le(0x80000000, 0x80000001), 0x00000000, "le: -0, -minsub");
        _eq(Float32.le(0x3F800000, 0x3F800001), 0x00000001, "le: 1, 1+ulp");
    }

    function test_eq_edges() public pure {
        _eq(Float32.eq(0x80000000, 0x00000000), 0x00000001, "eq: -0, +0");
        _eq(Float32.eq(0x00000000, 0x80000000), 0x00000001, "eq: +0, -0");
        _eq(Float32.eq(0x7FC00000, 0x7FC00000), 0x00000000, "eq: NaN, NaN");
        _eq(Float32.eq(0x7FC12345, 0x3F800000), 0x00000000, "eq: NaN, 1");
        _eq(Float32.eq(0x3F800000, 0x7F800001), 0x00000000, "eq: 1, NaN");
        _eq(Float32.eq(0xFF800000, 0x7F800000), 0x00000000, "eq: -inf, inf");
        _eq(Float32.eq(0x7F800000, 0x7F800000), 0x00000001, "eq: inf, inf");
        _eq(Float32.eq(0x00000001, 0x00000000), 0x00000000, "eq: minsub, 0");
        _eq(Float32.eq(0x80000001, 0x00000000), 0x00000000, "eq: -minsub, +0");
        _eq(Float32.eq(0x3F800000, 0x3F800000), 0x00000001, "eq: 1, 1");
        _eq(Float32.eq(0xC0000000, 0xBF800000), 0x00000000, "eq: -2, -1");
        _eq(Float32.eq(0xBF800000, 0xC0000000), 0x00000000, "eq: -1, -2");
        _eq(Float32.eq(0x7F7FFFFF, 0x7F800000), 0x00000000, "eq: max, inf");
        _eq(Float32.eq(0x80000000, 0x80000001), 0x00000000, "eq: -0, -minsub");
        _eq(Float32.eq(0x3F800000, 0x3F800001), 0x00000000, "eq: 1, 1+ulp");
    }

    function test_i2f_edges() public pure {
        _eq(Float32.i2f(0x00000000), 0x00000000, "i2f: 0");
        _eq(Float32.i2f(0x00000001), 0x3F800000, "i2f: 1");
        _eq(Float32.i2f(0xFFFFFFFF), 0xBF800000, "i2f: -1");
        _eq(Float32.i2f(0x80000000), 0xCF000000, "i2f: INT32_MIN");
        _eq(Float32.i2f(0x7FFFFFFF), 0x4F000000, "i2f: INT32_MAX");
        _eq(Float32.i2f(0x01000001), 0x4B800000, "i2f: 2^24+1 tie down");
        _eq(Float32.i2f(0x01000003), 0x4B800002, "i2f: 2^24+3 tie up");
        _eq(Float32.i2f(0xFEFFFFFF), 0xCB800000, "i2f: -(2^24+1)");
        _eq(Float32.i2f(0x00FFFFFF), 0x4B7FFFFF, "i2f: 2^24-1 exact");
        _eq(Float32.i2f(0x7FFFFFBF), 0x4EFFFFFF, "i2f: 0x7FFFFFBF");
        _eq(Float32.i2f(0x7FFFFFC0), 0x4F000000, "i2f: 0x7FFFFFC0 tie up");
        _eq(Float32.i2f(0x7FFFFF40), 0x4EFFFFFE, "i2f: 0x7FFFFF40 tie down");
        _eq(Float32.i2f(0x80000001), 0xCF000000, "i2f: -INT32_MAX");
        _eq(Float32.i2f(0x075BCD15), 0x4CEB79A3, "i2f: 123456789");
    }

    function test_u2f_edges() public pure {
        _eq(Float32.u2f(0x00000000), 0x00000000, "u2f: 0");
        _eq(Float32.u2f(0x00000001), 0x3F800000, "u2f: 1");
        _eq(Float32.u2f(0xFFFFFFFF), 0x4F800000, "u2f: UINT32_MAX = 2^32");
        _eq(Float32.u2f(0x80000000), 0x4F000000, "u2f: 2^31");
        _eq(Float32.u2f(0x80000080), 0x4F000000, "u2f: 2^31+128 tie down");
        _eq(Float32.u2f(0x80000180), 0x4F000002, "u2f: 2^31+384 tie up");
        _eq(Float32.u2f(0x01000001), 0x4B800000, "u2f: 2^24+1");
        _eq(Float32.u2f(0xFFFFFF7F), 0x4F7FFFFF, "u2f: 0xFFFFFF7F");
        _eq(Float32.u2f(0xFFFFFF80), 0x4F800000, "u2f: 0xFFFFFF80 tie to 2^32");
        _eq(Float32.u2f(0xDEADBEEF), 0x4F5EADBF, "u2f: 0xDEADBEEF");
    }

    function test_f2i_edges() public pure {
        _eq(Float32.f2i(0x7FC12345), 0x00000000, "f2i: NaN");
        _eq(Float32.f2i(0xFFFFFFFF), 0x00000000, "f2i: -NaN");
        _eq(Float32.f2i(0x7F800000), 0x7FFFFFFF, "f2i: inf");
        _eq(Float32.f2i(0xFF800000), 0x80000000, "f2i: -inf");
        _eq(Float32.f2i(0x4F000000), 0x7FFFFFFF, "f2i: 2^31 saturates");
        _eq(Float32.f2i(0xCF000000), 0x80000000, "f2i: -2^31 = INT32_MIN");
        _eq(Float32.f2i(0xCF000001), 0x80000000, "f2i: -2^31-ulp saturates");
        _eq(Float32.f2i(0x4EFFFFFF), 0x7FFFFF80, "f2i: largest below 2^31");
        _eq(Float32.f2i(0xBFC00000), 0xFFFFFFFF, "f2i: -1.5");
        _eq(Float32.f2i(0x3FC00000), 0x00000001, "f2i: 1.5");
        _eq(Float32.f2i(0x3F7FFFFF), 0x00000000, "f2i: 0.999");
        _eq(Float32.f2i(0xBF000000), 0x00000000, "f2i: -0.5");
        _eq(Float32.f2i(0x00000001), 0x00000000, "f2i: minsub");
        _eq(Float32.f2i(0x80000000), 0x00000000, "f2i: -0");
        _eq(Float32.f2i(0x4E800000), 0x40000000, "f2i: 2^30");
        _eq(Float32.f2i(0x7F7FFFFF), 0x7FFFFFFF, "f2i: max");
        _eq(Float32.f2i(0xFF7FFFFF), 0x80000000, "f2i: -max");
        _eq(Float32.f2i(0xCB800001), 0xFEFFFFFE, "f2i: -2^24-2");
        _eq(Float32.f2i(0x40200000), 0x00000002, "f2i: 2.5");
    }

    function test_select_edges() public pure {
        _eq(Float32.select(1, 0x3F800000, 0x40000000), 0x3F800000, "select: c=1 -> a");
        _eq(Float32.select(0, 0x3F800000, 0x40000000), 0x40000000, "select: c=0 -> b");
        _eq(Float32.select(0x80000000, 1, 2), 1, "select: c=-0 word is nonzero -> a");
        _eq(Float32.select(0xFFFFFFFF, 0x7F800001, 2), 0x7F800001, "select: NaN bits pass through unchanged");
        _eq(Float32.select(0, 5, 0xFFC12345), 0xFFC12345, "select: NaN bits pass through unchanged (b)");
        // exec takes (op, a, b, c) like repops.Exec: SELECT is c != 0 ? a : b.
        _eq(Float32.exec(0x0D, 7, 9, 1), 7, "exec SELECT c=1");
        _eq(Float32.exec(0x0D, 7, 9, 0), 9, "exec SELECT c=0");
    }

    function test_integer_edges() public pure {
        _eq(Float32.iadd(0xFFFFFFFF, 1), 0, "iadd wraps");
        _eq(Float32.iadd(0x7FFFFFFF, 1), 0x80000000, "iadd");
        _eq(Float32.isub(0, 1), 0xFFFFFFFF, "isub wraps");
        _eq(Float32.isub(5, 3), 2, "isub");
        _eq(Float32.imul(0xFFFFFFFF, 0xFFFFFFFF), 1, "imul low word");
        _eq(Float32.imul(0x10000, 0x10000), 0, "imul 2^32 wraps");
        _eq(Float32.imul(0x12345678, 0x9ABCDEF0), 0x242D2080, "imul");
        _eq(Float32.imulhi(0xFFFFFFFF, 0xFFFFFFFF), 0xFFFFFFFE, "imulhi max");
        _eq(Float32.imulhi(0x80000000, 2), 1, "imulhi");
        _eq(Float32.imulhi(0x12345678, 0x9ABCDEF0), 0x0B00EA4E, "imulhi");
        _eq(Float32.imulhi(0xFFFF, 0xFFFF), 0, "imulhi small");
        _eq(Float32.xor(0xF0F0F0F0, 0xFF00FF00), 0x0FF00FF0, "xor");
        _eq(Float32.and_(0xF0F0F0F0, 0xFF00FF00), 0xF000F000, "and");
        _eq(Float32.or_(0xF0F0F0F0, 0xFF00FF00), 0xFFF0FFF0, "or");
        _eq(Float32.shl(1, 31), 0x80000000, "shl 31");
        _eq(Float32.shl(1, 32), 1, "shl uses b & 31");
        _eq(Float32.shl(0xFFFFFFFF, 4), 0xFFFFFFF0, "shl truncates to 32 bits");
        _eq(Float32.shl(3, 0xFFFFFFFF), 0x80000000, "shl 31 (b = 2^32-1)");
        _eq(Float32.shr(0x80000000, 31), 1, "shr 31");
        _eq(Float32.shr(0x80000000, 33), 0x40000000, "shr uses b & 31");
        _eq(Float32.shr(0xFFFFFFFF, 0), 0xFFFFFFFF, "shr 0");
        _eq(Float32.urem(7, 0), 0, "urem by 0 = 0");
        _eq(Float32.urem(7, 3), 1, "urem");
        _eq(Float32.urem(0xFFFFFFFF, 0x10), 15, "urem");
        _eq(Float32.urem(3, 7), 3, "urem a < b");
        _eq(Float32.ult(0, 0xFFFFFFFF), 1, "ult");
        _eq(Float32.ult(0xFFFFFFFF, 0), 0, "ult unsigned");
        _eq(Float32.ult(5, 5), 0, "ult equal");
    }

    /*//////////////////////////////////////////////////////////////
                         VALIDATION AND DISPATCH
    //////////////////////////////////////////////////////////////*/

    function test_exec_unknownOp_reverts() public {
        uint8[5] memory bad = [uint8(0x00), 0x1C, 0x1D, 0x80, 0xFF];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Float32.Float32UnknownOp.selector, bad[i]));
            h.exec(bad[i], 1, 2, 3);
        }
    }

    function test_exec_wideOperand_reverts() public {
        uint256[3] memory wide = [uint256(1) << 32, type(uint256).max, (uint256(1) << 255) | ONE];
        for (uint8 op = 1; op <= 0x1B; ++op) {
            for (uint256 k; k < 3; ++k) {
                uint256[3] memory o = [ONE, ONE, uint256(1)];
                o[k] = wide[k];
                vm.expectRevert(Float32.Float32OperandTooWide.selector);
                h.exec(op, o[0], o[1], o[2]);
            }
        }
        vm.expectRevert(Float32.Float32OperandTooWide.selector);
        h.add(1 << 32, 0);
        vm.expectRevert(Float32.Float32OperandTooWide.selector);
        h.fma(0, 0, 1 << 40);
        vm.expectRevert(Float32.Float32OperandTooWide.selector);
        h.sqrt(1 << 33);
    }

    function testFuzz_wideOperand_reverts(uint8 op, uint256 a, uint256 b, uint256 c) public {
        op = uint8(bound(op, 1, 0x1B));
        vm.assume((a | b | c) >> 32 != 0);
        vm.expectRevert(Float32.Float32OperandTooWide.selector);
        h.exec(op, a, b, c);
    }

    /// exec(op, ...) is exactly the named function.
    function testFuzz_exec_dispatch(uint8 op, uint32 a, uint32 b, uint32 c) public pure {
        op = uint8(bound(op, 1, 0x1B));
        uint256 want;
        if (op == 0x01) want = Float32.add(a, b);
        else if (op == 0x02) want = Float32.sub(a, b);
        else if (op == 0x03) want = Float32.mul(a, b);
        else if (op == 0x04) want = Float32.div(a, b);
        else if (op == 0x05) want = Float32.fma(a, b, c);
        else if (op == 0x06) want = Float32.sqrt(a);
        else if (op == 0x07) want = Float32.min(a, b);
        else if (op == 0x08) want = Float32.max(a, b);
        else if (op == 0x09) want = Float32.neg(a);
        else if (op == 0x0A) want = Float32.lt(a, b);
        else if (op == 0x0B) want = Float32.le(a, b);
        else if (op == 0x0C) want = Float32.eq(a, b);
        else if (op == 0x0D) want = Float32.select(c, a, b);
        else if (op == 0x0E) want = Float32.i2f(a);
        else if (op == 0x0F) want = Float32.f2i(a);
        else if (op == 0x10) want = Float32.u2f(a);
        else if (op == 0x11) want = (uint256(a) + b) % 2 ** 32;
        else if (op == 0x12) want = (uint256(a) + 2 ** 32 - b) % 2 ** 32;
        else if (op == 0x13) want = (uint256(a) * b) % 2 ** 32;
        else if (op == 0x14) want = (uint256(a) * b) / 2 ** 32;
        else if (op == 0x15) want = a ^ b;
        else if (op == 0x16) want = a & b;
        else if (op == 0x17) want = a | b;
        else if (op == 0x18) want = (uint256(a) * 2 ** (b % 32)) % 2 ** 32;
        else if (op == 0x19) want = a / 2 ** (b % 32);
        else if (op == 0x1A) want = b == 0 ? 0 : a % b;
        else want = a < b ? 1 : 0;
        assertEq(Float32.exec(op, a, b, c), want);
        assertLt(Float32.exec(op, a, b, c), 2 ** 32, "result is a 32-bit word");
    }

    /*//////////////////////////////////////////////////////////////
                      ALGEBRAIC PROPERTIES (bit-exact)
    //////////////////////////////////////////////////////////////*/

    function testFuzz_add_commutes(uint32 a, uint32 b) public pure {
        assertEq(Float32.add(a, b), Float32.add(b, a));
    }

    function testFuzz_mul_commutes(uint32 a, uint32 b) public pure {
        assertEq(Float32.mul(a, b), Float32.mul(b, a));
    }

    function testFuzz_sub_is_add_neg(uint32 a, uint32 b) public pure {
        assertEq(Float32.sub(a, b), Float32.add(a, Float32.neg(b)));
    }

    /// x + (-0) = x exactly, so fma(a, b, -0) is the rounded product, always.
    function testFuzz_fma_negZero_is_mul(uint32 a, uint32 b) public pure {
        assertEq(Float32.fma(a, b, NZ), Float32.mul(a, b));
    }

    /// a * 1 is exact, so fma(a, 1, c) is the rounded sum.
    function testFuzz_fma_one_is_add(uint32 a, uint32 c) public pure {
        assertEq(Float32.fma(a, ONE, c), Float32.add(a, c));
        assertEq(Float32.fma(ONE, a, c), Float32.add(a, c));
    }

    function testFuzz_mul_two_is_add_self(uint32 a) public pure {
        assertEq(Float32.mul(a, 0x40000000), Float32.add(a, a));
    }

    function testFuzz_div_one_is_identity(uint32 a) public pure {
        assertEq(Float32.div(a, ONE), _isNaN(a) ? NAN : a);
        assertEq(Float32.mul(a, ONE), _isNaN(a) ? NAN : a);
    }

    function testFuzz_sub_self_is_posZero(uint32 a) public pure {
        uint256 r = Float32.sub(a, a);
        if (a & 0x7F800000 == 0x7F800000) assertEq(r, NAN);
        else assertEq(r, 0);
    }

    function testFuzz_neg_involution(uint32 a) public pure {
        if (_isNaN(a)) assertEq(Float32.neg(a), NAN);
        else assertEq(Float32.neg(Float32.neg(a)), a);
    }

    function testFuzz_minmax(uint32 a, uint32 b) public pure {
        assertEq(Float32.min(a, b), Float32.min(b, a));
        assertEq(Float32.max(a, b), Float32.max(b, a));
        if (_isNaN(a) || _isNaN(b)) {
            assertEq(Float32.min(a, b), NAN);
            assertEq(Float32.max(a, b), NAN);
            return;
        }
        uint256 lo = Float32.min(a, b);
        uint256 hi = Float32.max(a, b);
        assertTrue(lo == a || lo == b);
        assertTrue(hi == a || hi == b);
        assertEq(Float32.le(lo, hi), 1);
        // Exactly one of a, b is returned by each, unless a == b bitwise.
        if (a != b) assertTrue(lo != hi);
    }

    function testFuzz_compare_consistency(uint32 a, uint32 b) public pure {
        if (_isNaN(a) || _isNaN(b)) {
            assertEq(Float32.lt(a, b) + Float32.le(a, b) + Float32.eq(a, b), 0);
            return;
        }
        assertEq(Float32.le(a, b), 1 - Float32.lt(b, a), "le = not gt");
        assertEq(Float32.eq(a, b), Float32.le(a, b) & Float32.le(b, a), "eq = le both ways");
        if (Float32.lt(a, b) == 1) assertEq(Float32.le(a, b), 1);
        // sign of the difference agrees with the order (finite, no overflow to 0)
        if (a & 0x7F800000 != 0x7F800000 && b & 0x7F800000 != 0x7F800000) {
            uint256 d = Float32.sub(a, b);
            if (Float32.lt(a, b) == 1) assertEq(d >> 31, 1, "a < b => a - b < 0");
            // Equal operands cancel to +0 under round-to-nearest-even, except (-0) - (+0) = -0.
            if (Float32.eq(a, b) == 1) {
                assertEq(d, (a == 0x80000000 && b == 0) ? 0x80000000 : 0, "a == b => a - b = +0 (or -0 for -0 - +0)");
            }
        }
    }

    function testFuzz_int_roundtrip(int32 i) public pure {
        uint256 w = uint32(i);
        uint256 f = Float32.i2f(w);
        if (i >= -(2 ** 24) && i <= 2 ** 24) assertEq(Float32.f2i(f), w, "exact below 2^24");
        if (i >= 0) assertEq(Float32.u2f(w), f, "u2f = i2f on non-negatives");
        // f2i(i2f(i)) is within half an ulp of i, saturating at the top.
        int256 back = int32(uint32(Float32.f2i(f)));
        int256 diff = back - int256(i);
        if (diff < 0) diff = -diff;
        assertLe(diff, 128);
    }

    function testFuzz_sqrt_of_exact_square(uint16 sig, uint8 ex, bool negative) public pure {
        // x has at most 12 significant bits, so x*x is exact (normal range).
        uint256 e = bound(ex, 70, 180);
        uint256 x = (e << 23) | ((uint256(sig) & 0x7FF) << 12);
        if (negative) x |= NZ;
        uint256 sq = Float32.mul(x, x);
        assertEq(Float32.sqrt(sq), x & 0x7FFFFFFF);
        assertEq(Float32.div(sq, x), x);
    }

    /*//////////////////////////////////////////////////////////////
                      AGAINST THE INDEPENDENT REFERENCE
    //////////////////////////////////////////////////////////////*/

    /// Operand b near a in exponent (ties, cancellation, boundary crossings).
    function _near(uint256 a, uint256 seed) internal pure returns (uint256) {
        uint256 ea = (a >> 23) & 0xFF;
        int256 e = int256(ea) + int256(seed % 61) - 30;
        if (e < 0) e = 0;
        if (e > 254) e = 254;
        uint256 frac = (seed >> 8) & 0x7FFFFF;
        // keep only the top k bits of the fraction half the time (ties)
        if ((seed >> 40) & 1 == 1) {
            uint256 k = (seed >> 41) % 24;
            frac = (frac >> (23 - k)) << (23 - k);
        }
        return ((seed >> 48) & 1) << 31 | uint256(e) << 23 | frac;
    }

    function testFuzz_add_ref(uint32 a, uint32 b) public pure {
        assertEq(Float32.add(a, b), Float32Ref.add(a, b));
        assertEq(Float32.sub(a, b), Float32Ref.add(a, b ^ NZ));
    }

    function testFuzz_add_ref_near(uint32 a, uint64 seed) public pure {
        uint256 b = _near(a, seed);
        assertEq(Float32.add(a, b), Float32Ref.add(a, b));
        assertEq(Float32.sub(a, b), Float32Ref.add(a, b ^ NZ));
    }

    function testFuzz_mul_ref(uint32 a, uint32 b) public pure {
        assertEq(Float32.mul(a, b), Float32Ref.mul(a, b));
    }

    function testFuzz_mul_ref_small(uint32 a, uint64 seed) public pure {
        // products near the subnormal range and the overflow threshold
        uint256 b = _near(a ^ 0x3F800000, seed) ^ 0x3F800000;
        assertEq(Float32.mul(a, b & 0xFFFFFFFF), Float32Ref.mul(a, b & 0xFFFFFFFF));
    }

    function testFuzz_div_ref(uint32 a, uint32 b) public pure {
        assertEq(Float32.div(a, b), Float32Ref.div(a, b));
    }

    function testFuzz_div_ref_near(uint32 a, uint64 seed) public pure {
        uint256 b = _near(a, seed);
        assertEq(Float32.div(a, b), Float32Ref.div(a, b));
        assertEq(Float32.div(b, a), Float32Ref.div(b, a));
    }

    function testFuzz_fma_ref(uint32 a, uint32 b, uint32 c) public pure {
        assertEq(Float32.fma(a, b, c), Float32Ref.fma(a, b, c));
    }

    function testFuzz_fma_ref_cancel(uint32 a, uint32 b, uint64 seed) public pure {
        // c near -(a*b): the result is dominated by the product's low bits.
        uint256 p = Float32.mul(a, b);
        uint256 c = ((p ^ NZ) + 2 ** 32 + (seed % 5) - 2) & 0xFFFFFFFF;
        if ((seed >> 8) & 1 == 1) c = _near(p, seed >> 9);
        c &= 0xFFFFFFFF;
        assertEq(Float32.fma(a, b, c), Float32Ref.fma(a, b, c));
    }

    function testFuzz_sqrt_ref(uint32 a) public pure {
        assertEq(Float32.sqrt(a), Float32Ref.sqrt(a));
    }

    function test_ref_selfcheck() public pure {
        // The reference itself on a few hand-derived results.
        assertEq(Float32Ref.add(ONE, 0x33800000), ONE, "tie to even");
        assertEq(Float32Ref.add(0x3F800001, 0x33800000), 0x3F800002, "tie to even up");
        assertEq(Float32Ref.mul(0x00FFFFFF, 0x3F000000), 0x00800000, "subnormal tie up to minnorm");
        assertEq(Float32Ref.div(ONE, 0x40400000), 0x3EAAAAAB, "1/3");
        assertEq(Float32Ref.fma(0x3F800001, 0x3F800001, 0xBF800002), 0x28800000, "2^-46");
        assertEq(Float32Ref.sqrt(0x40000000), 0x3FB504F3, "sqrt 2");
        assertEq(Float32Ref.sqrt(0x00000001), 0x1A3504F3, "sqrt minsub");
    }
}
