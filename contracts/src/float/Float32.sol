// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Float32
/// @notice IEEE-754 binary32 arithmetic on 32-bit words, bit-exact with the Go
/// RepOps primitives (node/repops). Round to nearest, ties to even; subnormals
/// kept; every NaN result is the canonical word 0x7FC00000.
/// @dev Every operand is a 32-bit word held in a uint256 (floats as binary32
/// bit patterns, int32 as its two's complement pattern). A word with any bit set
/// above bit 31 is rejected with {Float32OperandTooWide}: the dispute game feeds
/// operands from Merkle proofs, and a silent mask would let two different
/// calldata words name the same operand.
///
/// Method: unpack each finite operand into an exact integer pair (m, e) with
/// value m * 2^e, compute the exact result (or an exact prefix plus a sticky
/// bit) with 256-bit integers, and round once in {_round}. See
/// docs/float32-solidity.md.
library Float32 {
    /// @dev An operand has bits set above bit 31.
    error Float32OperandTooWide();
    /// @dev {exec} got an opcode outside the primitive table.
    error Float32UnknownOp(uint8 op);

    uint256 internal constant CANONICAL_NAN = 0x7FC00000;

    // Opcodes (protocol constants, shared with node/repops).
    uint8 internal constant OP_ADD = 0x01;
    uint8 internal constant OP_SUB = 0x02;
    uint8 internal constant OP_MUL = 0x03;
    uint8 internal constant OP_DIV = 0x04;
    uint8 internal constant OP_FMA = 0x05;
    uint8 internal constant OP_SQRT = 0x06;
    uint8 internal constant OP_MIN = 0x07;
    uint8 internal constant OP_MAX = 0x08;
    uint8 internal constant OP_NEG = 0x09;
    uint8 internal constant OP_LT = 0x0A;
    uint8 internal constant OP_LE = 0x0B;
    uint8 internal constant OP_EQ = 0x0C;
    uint8 internal constant OP_SELECT = 0x0D;
    uint8 internal constant OP_I2F = 0x0E;
    uint8 internal constant OP_F2I = 0x0F;
    uint8 internal constant OP_U2F = 0x10;
    uint8 internal constant OP_IADD = 0x11;
    uint8 internal constant OP_ISUB = 0x12;
    uint8 internal constant OP_IMUL = 0x13;
    uint8 internal constant OP_IMULHI = 0x14;
    uint8 internal constant OP_XOR = 0x15;
    uint8 internal constant OP_AND = 0x16;
    uint8 internal constant OP_OR = 0x17;
    uint8 internal constant OP_SHL = 0x18;
    uint8 internal constant OP_SHR = 0x19;
    uint8 internal constant OP_UREM = 0x1A;
    uint8 internal constant OP_ULT = 0x1B;

    uint256 private constant SIGN = 0x80000000;
    uint256 private constant ABS = 0x7FFFFFFF;
    uint256 private constant INF = 0x7F800000;
    uint256 private constant MASK32 = 0xFFFFFFFF;

    /*//////////////////////////////////////////////////////////////
                               DISPATCH
    //////////////////////////////////////////////////////////////*/

    /// @notice Executes primitive `op` on operand words a, b, c (operands the
    /// primitive does not read are ignored, but must still be 32-bit words).
    /// Same argument order as repops.Exec: SELECT returns c != 0 ? a : b and
    /// FMA returns a*b+c.
    function exec(uint8 op, uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        _check3(a, b, c);
        if (op < OP_MIN) {
            if (op == OP_ADD) return add(a, b);
            if (op == OP_SUB) return sub(a, b);
            if (op == OP_MUL) return mul(a, b);
            if (op == OP_DIV) return div(a, b);
            if (op == OP_FMA) return fma(a, b, c);
            if (op == OP_SQRT) return sqrt(a);
        } else if (op < OP_IADD) {
            if (op == OP_MIN) return min(a, b);
            if (op == OP_MAX) return max(a, b);
            if (op == OP_NEG) return neg(a);
            if (op == OP_LT) return lt(a, b);
            if (op == OP_LE) return le(a, b);
            if (op == OP_EQ) return eq(a, b);
            if (op == OP_SELECT) return select(c, a, b);
            if (op == OP_I2F) return i2f(a);
            if (op == OP_F2I) return f2i(a);
            return u2f(a);
        } else {
            if (op == OP_IADD) return iadd(a, b);
            if (op == OP_ISUB) return isub(a, b);
            if (op == OP_IMUL) return imul(a, b);
            if (op == OP_IMULHI) return imulhi(a, b);
            if (op == OP_XOR) return a ^ b;
            if (op == OP_AND) return a & b;
            if (op == OP_OR) return a | b;
            if (op == OP_SHL) return shl(a, b);
            if (op == OP_SHR) return shr(a, b);
            if (op == OP_UREM) return urem(a, b);
            if (op == OP_ULT) return ult(a, b);
        }
        revert Float32UnknownOp(op);
    }

    /*//////////////////////////////////////////////////////////////
                              ARITHMETIC
    //////////////////////////////////////////////////////////////*/

    /// @notice a + b, rounded to nearest even.
    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            uint256 ax = a & ABS;
            uint256 bx = b & ABS;
            if (ax > INF || bx > INF) return CANONICAL_NAN;
            if (ax == INF) return (bx == INF && a != b) ? CANONICAL_NAN : a;
            if (bx == INF) return b;
            // A zero operand: the other operand is exact; two zeros give -0
            // only when both are -0.
            if (ax == 0) return bx == 0 ? a & b : b;
            if (bx == 0) return a;
            (uint256 ma, int256 ea) = _unpack(a);
            (uint256 mb, int256 eb) = _unpack(b);
            return _addExact(a & SIGN, ma, ea, b & SIGN, mb, eb);
        }
    }

    /// @notice a - b, rounded to nearest even (a + (-b), NaN b stays NaN).
    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return add(a, b ^ SIGN);
    }

    /// @notice a * b, rounded to nearest even.
    function mul(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            uint256 ax = a & ABS;
            uint256 bx = b & ABS;
            if (ax > INF || bx > INF) return CANONICAL_NAN;
            uint256 s = (a ^ b) & SIGN;
            if (ax == INF || bx == INF) return (ax == 0 || bx == 0) ? CANONICAL_NAN : s | INF;
            if (ax == 0 || bx == 0) return s;
            (uint256 ma, int256 ea) = _unpack(a);
            (uint256 mb, int256 eb) = _unpack(b);
            // The product of two 24-bit significands is exact in 48 bits.
            return _round(s, ma * mb, ea + eb);
        }
    }

    /// @notice a / b, rounded to nearest even.
    function div(uint256 a, uint256 b) internal pure returns (uint256 r) {
        _check2(a, b);
        unchecked {
            uint256 ax = a & ABS;
            uint256 bx = b & ABS;
            if (ax > INF || bx > INF) return CANONICAL_NAN;
            uint256 s = (a ^ b) & SIGN;
            if (ax == INF) return bx == INF ? CANONICAL_NAN : s | INF;
            if (bx == INF) return s;
            if (bx == 0) return ax == 0 ? CANONICAL_NAN : s | INF;
            if (ax == 0) return s;
            (uint256 ma, int256 ea) = _unpack(a);
            (uint256 mb, int256 eb) = _unpack(b);
            uint256 m;
            /// @solidity memory-safe-assembly
            assembly {
                // q = floor(ma * 2^64 / mb) has at least 41 bits; the last bit
                // of m = 2q + sticky records a nonzero remainder. The rounding
                // position is at least 17 bits above it, so the sticky bit
                // decides ties exactly as the infinite quotient would.
                let n := shl(64, ma)
                m := or(shl(1, div(n, mb)), iszero(iszero(mod(n, mb))))
            }
            return _round(s, m, ea - eb - 65);
        }
    }

    /// @notice a * b + c with a single rounding to nearest even.
    function fma(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        _check3(a, b, c);
        unchecked {
            uint256 ax = a & ABS;
            uint256 bx = b & ABS;
            uint256 cx = c & ABS;
            if (ax > INF || bx > INF || cx > INF) return CANONICAL_NAN;
            uint256 sp = (a ^ b) & SIGN;
            if (ax == INF || bx == INF) {
                // inf * 0 is invalid; inf + (-inf) is invalid.
                if (ax == 0 || bx == 0) return CANONICAL_NAN;
                if (cx == INF && (c & SIGN) != sp) return CANONICAL_NAN;
                return sp | INF;
            }
            if (cx == INF) return c;
            if (ax == 0 || bx == 0) {
                // Exact zero product with sign sp, plus c.
                return cx == 0 ? sp & c : c;
            }
            return _fmaFinite(a, b, c, sp);
        }
    }

    /// @dev fma of finite operands with a nonzero product of sign sp.
    function _fmaFinite(uint256 a, uint256 b, uint256 c, uint256 sp) private pure returns (uint256) {
        unchecked {
            (uint256 mp, int256 ep) = _unpack(a);
            {
                (uint256 mb, int256 eb) = _unpack(b);
                // exact: 48-bit significand, exponent >= -298
                mp *= mb;
                ep += eb;
            }
            if (c & ABS == 0) return _round(sp, mp, ep);
            (uint256 mc, int256 ec) = _unpack(c);
            return _addExact(sp, mp, ep, c & SIGN, mc, ec);
        }
    }

    /// @notice Correctly rounded square root. sqrt(-0) = -0; sqrt(x < 0) = NaN.
    function sqrt(uint256 a) internal pure returns (uint256) {
        _check1(a);
        unchecked {
            uint256 ax = a & ABS;
            if (ax > INF) return CANONICAL_NAN;
            if (ax == 0) return a;
            if (a & SIGN != 0) return CANONICAL_NAN;
            if (a == INF) return INF;
            (uint256 m, int256 e) = _unpack(a);
            uint256 r;
            /// @solidity memory-safe-assembly
            assembly {
                // Make e even, then sqrt(m * 2^e) = sqrt(m * 2^64) * 2^(e/2 - 32).
                let odd := and(e, 1)
                m := shl(odd, m)
                e := sub(e, odd)
                let x := shl(64, m) // x < 2^89, so isqrt(x) < 2^45 and >= 2^32
                // Newton's method from above. z0 = 2^ceil(bitlen(x)/2) lies in
                // [sqrt(x), 2*sqrt(x)); five steps take the relative error
                // below 2^-48, the sixth is margin, and floors never drop the
                // iterate below isqrt(x). The last line removes a possible +1.
                let z := shl(shr(1, add(_bitlen(x), 1)), 1)
                z := shr(1, add(z, div(x, z)))
                z := shr(1, add(z, div(x, z)))
                z := shr(1, add(z, div(x, z)))
                z := shr(1, add(z, div(x, z)))
                z := shr(1, add(z, div(x, z)))
                z := shr(1, add(z, div(x, z)))
                z := sub(z, gt(mul(z, z), x))
                // 2z + sticky: the exact root lies strictly between 2z and 2z+2
                // (in units of 2^(e/2-33)) whenever the remainder is nonzero.
                r := or(shl(1, z), iszero(eq(mul(z, z), x)))

                function _bitlen(v) -> n {
                    n := shl(7, gt(v, 0xffffffffffffffffffffffffffffffff))
                    n := or(n, shl(6, gt(shr(n, v), 0xffffffffffffffff)))
                    n := or(n, shl(5, gt(shr(n, v), 0xffffffff)))
                    n := or(n, shl(4, gt(shr(n, v), 0xffff)))
                    n := or(n, shl(3, gt(shr(n, v), 0xff)))
                    n := or(n, shl(2, gt(shr(n, v), 0xf)))
                    n := or(n, shl(1, gt(shr(n, v), 0x3)))
                    n := add(n, add(gt(shr(n, v), 1), iszero(iszero(v))))
                }
            }
            return _round(0, r, (e >> 1) - 33);
        }
    }

    /*//////////////////////////////////////////////////////////////
                          COMPARISON AND SELECTION
    //////////////////////////////////////////////////////////////*/

    /// @notice min(a, b); NaN if either is NaN; min(-0, +0) = -0.
    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        if (_isNaN(a) || _isNaN(b)) return CANONICAL_NAN;
        // On non-NaN words the key order is the numeric order with -0 < +0.
        return _key(a) <= _key(b) ? a : b;
    }

    /// @notice max(a, b); NaN if either is NaN; max(-0, +0) = +0.
    function max(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        if (_isNaN(a) || _isNaN(b)) return CANONICAL_NAN;
        return _key(a) >= _key(b) ? a : b;
    }

    /// @notice Flips the sign bit of a non-NaN; NaN gives the canonical NaN.
    function neg(uint256 a) internal pure returns (uint256) {
        _check1(a);
        return _isNaN(a) ? CANONICAL_NAN : a ^ SIGN;
    }

    /// @notice 1 if a < b (IEEE: NaN unordered, -0 == +0) else 0.
    function lt(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        if (_isNaN(a) || _isNaN(b) || (a | b) & ABS == 0) return 0;
        return _key(a) < _key(b) ? 1 : 0;
    }

    /// @notice 1 if a <= b (IEEE) else 0.
    function le(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        if (_isNaN(a) || _isNaN(b)) return 0;
        if ((a | b) & ABS == 0) return 1;
        return _key(a) <= _key(b) ? 1 : 0;
    }

    /// @notice 1 if a == b (IEEE) else 0.
    function eq(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        if (_isNaN(a) || _isNaN(b)) return 0;
        return (a == b || (a | b) & ABS == 0) ? 1 : 0;
    }

    /// @notice c != 0 ? a : b, bits passed through unchanged.
    function select(uint256 c, uint256 a, uint256 b) internal pure returns (uint256) {
        _check3(a, b, c);
        return c != 0 ? a : b;
    }

    /*//////////////////////////////////////////////////////////////
                              CONVERSIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice int32 (two's complement word) to binary32, rounded to nearest even.
    function i2f(uint256 a) internal pure returns (uint256) {
        _check1(a);
        unchecked {
            if (a == 0) return 0;
            if (a & SIGN != 0) return _round(SIGN, (1 << 32) - a, 0);
            return _round(0, a, 0);
        }
    }

    /// @notice binary32 to int32 (as a word), toward zero; NaN -> 0; saturating.
    function f2i(uint256 a) internal pure returns (uint256) {
        _check1(a);
        unchecked {
            uint256 ax = a & ABS;
            if (ax > INF) return 0;
            bool negative = a & SIGN != 0;
            // |a| >= 2^31 (including inf) saturates; -2^31 itself is INT32_MIN.
            if (ax >= 0x4F000000) return negative ? SIGN : ABS;
            (uint256 m, int256 e) = _unpack(a);
            uint256 mag;
            /// @solidity memory-safe-assembly
            assembly {
                // truncate toward zero: m * 2^e with -149 <= e <= 7
                switch slt(e, 0)
                case 0 { mag := shl(e, m) }
                default { mag := shr(sub(0, e), m) }
            }
            return negative ? ((1 << 32) - mag) & MASK32 : mag;
        }
    }

    /// @notice uint32 to binary32, rounded to nearest even.
    function u2f(uint256 a) internal pure returns (uint256) {
        _check1(a);
        if (a == 0) return 0;
        return _round(0, a, 0);
    }

    /*//////////////////////////////////////////////////////////////
                             INTEGER WORDS
    //////////////////////////////////////////////////////////////*/

    /// @notice a + b mod 2^32.
    function iadd(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            return (a + b) & MASK32;
        }
    }

    /// @notice a - b mod 2^32.
    function isub(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            return (a - b) & MASK32;
        }
    }

    /// @notice Low 32 bits of a * b.
    function imul(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            return (a * b) & MASK32;
        }
    }

    /// @notice High 32 bits of the unsigned 64-bit product a * b.
    function imulhi(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        unchecked {
            return (a * b) >> 32;
        }
    }

    /// @notice a ^ b.
    function xor(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return a ^ b;
    }

    /// @notice a & b.
    function and_(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return a & b;
    }

    /// @notice a | b.
    function or_(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return a | b;
    }

    /// @notice a << (b & 31), truncated to 32 bits.
    function shl(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return (a << (b & 31)) & MASK32;
    }

    /// @notice a >> (b & 31), logical.
    function shr(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return a >> (b & 31);
    }

    /// @notice a mod b (unsigned); b == 0 gives 0.
    function urem(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return b == 0 ? 0 : a % b;
    }

    /// @notice 1 if a < b (unsigned) else 0.
    function ult(uint256 a, uint256 b) internal pure returns (uint256) {
        _check2(a, b);
        return a < b ? 1 : 0;
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Finite word -> (m, e) with |value| = m * 2^e, m < 2^24, e >= -149.
    function _unpack(uint256 x) private pure returns (uint256 m, int256 e) {
        /// @solidity memory-safe-assembly
        assembly {
            let be := and(shr(23, x), 0xff)
            let normal := iszero(iszero(be))
            m := or(and(x, 0x7fffff), shl(23, normal))
            e := sub(add(be, iszero(normal)), 150)
        }
    }

    /// @dev Exact (sx*mx*2^ex) + (sy*my*2^ey) for nonzero mx, my < 2^48 and
    /// ex, ey >= -298, rounded once. Signs are 0 or SIGN.
    function _addExact(uint256 sx, uint256 mx, int256 ex, uint256 sy, uint256 my, int256 ey)
        private
        pure
        returns (uint256)
    {
        uint256 m;
        uint256 s;
        int256 e;
        /// @solidity memory-safe-assembly
        assembly {
            if slt(ex, ey) {
                let t := sx
                sx := sy
                sy := t
                t := mx
                mx := my
                my := t
                t := ex
                ex := ey
                ey := t
            }
            // Align to the smaller exponent. When the gap exceeds 128 bits,
            // the smaller operand (< 2^47 units at that scale) lies entirely
            // below the rounding position of the larger one (>= 2^127 units),
            // and any value strictly between 0 and one unit - here 1 - gives
            // the same round and sticky bits, for a sum or a difference.
            let d := sub(ex, ey)
            let big := sgt(d, 128)
            if big {
                d := 128
                my := 1
            }
            let x := shl(d, mx)
            e := sub(ex, d)
            switch eq(sx, sy)
            case 1 {
                m := add(x, my)
                s := sx
            }
            default {
                switch lt(x, my)
                case 0 {
                    m := sub(x, my)
                    s := sx
                }
                default {
                    m := sub(my, x)
                    s := sy
                }
            }
        }
        // Exact cancellation is +0 under round to nearest.
        if (m == 0) return 0;
        return _round(s, m, e);
    }

    /// @dev Rounds sign * m * 2^e (m > 0, possibly carrying a sticky last bit
    /// that lies at least two bits below the rounding position) to binary32,
    /// nearest even, with gradual underflow and overflow to infinity.
    /// Requires e >= -405 so every shift stays below 256.
    function _round(uint256 sign, uint256 m, int256 e) private pure returns (uint256 r) {
        /// @solidity memory-safe-assembly
        assembly {
            // bit length of m
            let n := shl(7, gt(m, 0xffffffffffffffffffffffffffffffff))
            n := or(n, shl(6, gt(shr(n, m), 0xffffffffffffffff)))
            n := or(n, shl(5, gt(shr(n, m), 0xffffffff)))
            n := or(n, shl(4, gt(shr(n, m), 0xffff)))
            n := or(n, shl(3, gt(shr(n, m), 0xff)))
            n := or(n, shl(2, gt(shr(n, m), 0xf)))
            n := or(n, shl(1, gt(shr(n, m), 0x3)))
            n := add(n, add(gt(shr(n, m), 1), 1))
            // Drop s bits: keep 24 significant bits, but never go below the
            // subnormal quantum 2^-149.
            let s := sub(n, 24)
            let t := sub(sub(0, 149), e)
            if sgt(t, s) { s := t }
            let q
            switch sgt(s, 0)
            case 0 { q := shl(sub(0, s), m) }
            default {
                q := shr(s, m)
                let rem := and(m, sub(shl(s, 1), 1))
                let half := shl(sub(s, 1), 1)
                q := add(q, or(gt(rem, half), and(eq(rem, half), and(q, 1))))
            }
            // q holds the hidden bit (2^23) for normals, so adding it to the
            // biased exponent minus one packs the word; a carry out of the
            // significand (q = 2^24, or 2^23 from a subnormal) bumps the
            // exponent, which is exactly the correct result.
            r := add(shl(23, add(add(e, s), 149)), q)
            if gt(r, 0x7f7fffff) { r := 0x7f800000 }
            r := or(r, sign)
        }
    }

    /// @dev Order key on non-NaN words: numeric order, with -0 below +0.
    function _key(uint256 x) private pure returns (uint256) {
        unchecked {
            return x & SIGN != 0 ? ~x & MASK32 : x | SIGN;
        }
    }

    function _isNaN(uint256 x) private pure returns (bool) {
        return x & ABS > INF;
    }

    function _check1(uint256 a) private pure {
        if (a >> 32 != 0) revert Float32OperandTooWide();
    }

    function _check2(uint256 a, uint256 b) private pure {
        if ((a | b) >> 32 != 0) revert Float32OperandTooWide();
    }

    function _check3(uint256 a, uint256 b, uint256 c) private pure {
        if ((a | b | c) >> 32 != 0) revert Float32OperandTooWide();
    }
}
