// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A slow, independent reference for the rounding primitives, used
/// only by the forge tests. It shares no code with Float32: the exact result
/// is a rational num/den * 2^scale, its binade is found by comparison, the
/// quotient at the target quantum is taken by division and the tie is decided
/// from the remainder; square roots are found by bisection over float bit
/// patterns with exact integer squaring. Plain checked Solidity throughout.
library Float32Ref {
    uint256 internal constant NAN = 0x7FC00000;

    struct F {
        bool neg;
        bool nan;
        bool inf;
        bool zero;
        uint256 m; // value = m * 2^e
        int256 e;
    }

    function decode(uint256 w) internal pure returns (F memory f) {
        f.neg = (w >> 31) == 1;
        uint256 be = (w >> 23) & 0xFF;
        uint256 fr = w & 0x7FFFFF;
        if (be == 0xFF) {
            if (fr != 0) f.nan = true;
            else f.inf = true;
            return f;
        }
        if (be == 0) {
            f.m = fr;
            f.e = -149;
            f.zero = fr == 0;
        } else {
            f.m = fr + (1 << 23);
            f.e = int256(be) - 150;
        }
    }

    function _bitlen(uint256 x) private pure returns (int256 n) {
        while (x != 0) {
            x >>= 1;
            n++;
        }
    }

    /// @dev a * 2^k for k possibly negative; requires no overflow.
    function _shift(uint256 a, int256 k) private pure returns (uint256) {
        return k >= 0 ? a << uint256(k) : a >> uint256(-k);
    }

    /// @dev Rounds (num / den) * 2^scale, num, den > 0, to the nearest binary32
    /// (ties to even) with sign `neg`.
    function roundRational(bool neg, uint256 num, uint256 den, int256 scale) internal pure returns (uint256) {
        // Binade: the E with 2^E <= v < 2^(E+1).
        int256 E = _bitlen(num) - _bitlen(den) + scale;
        while (!_geq(num, den, scale, E)) E--;
        while (_geq(num, den, scale, E + 1)) E++;
        int256 qe = E - 23 > -149 ? E - 23 : int256(-149);
        // q = floor(v / 2^qe), remainder decides the rounding.
        uint256 N = num;
        uint256 D = den;
        if (scale - qe >= 0) N = num << uint256(scale - qe);
        else D = den << uint256(qe - scale);
        uint256 q = N / D;
        uint256 r = N % D;
        if (2 * r > D || (2 * r == D && q % 2 == 1)) q++;
        if (q == 1 << 24) {
            q = 1 << 23;
            qe++;
        }
        uint256 s = neg ? uint256(0x80000000) : 0;
        if (q == 0) return s;
        if (q < 1 << 23) {
            require(qe == -149, "ref: subnormal quantum");
            return s | q;
        }
        int256 biased = qe + 150;
        if (biased >= 255) return s | 0x7F800000;
        return s | (uint256(biased) << 23) | (q - (1 << 23));
    }

    /// @dev num/den * 2^scale >= 2^E ?
    function _geq(uint256 num, uint256 den, int256 scale, int256 E) private pure returns (bool) {
        int256 k = scale - E;
        if (k >= 0) return (num << uint256(k)) >= den;
        return num >= (den << uint256(-k));
    }

    function _sumOf(F memory x, F memory y) private pure returns (bool neg, uint256 num, int256 scale) {
        // Gap clamp (fma only: operands have up to 48 bits). If the exponents
        // differ by more than 180, the smaller-exponent operand is below
        // 2^(hi-132) while the other is a nonzero multiple of 2^hi whose
        // rounding boundaries and midpoints are multiples of at least
        // 2^(hi-25); replacing it by 2^(hi-180) keeps the sum in the same
        // open interval between such points, hence the same rounding.
        if (x.e - y.e > 180) y = F({neg: y.neg, nan: false, inf: false, zero: false, m: 1, e: x.e - 180});
        if (y.e - x.e > 180) x = F({neg: x.neg, nan: false, inf: false, zero: false, m: 1, e: y.e - 180});
        int256 lo = x.e < y.e ? x.e : y.e;
        uint256 X = x.m << uint256(x.e - lo);
        uint256 Y = y.m << uint256(y.e - lo);
        scale = lo;
        if (x.neg == y.neg) {
            return (x.neg, X + Y, scale);
        }
        if (X >= Y) return (x.neg, X - Y, scale);
        return (y.neg, Y - X, scale);
    }

    /// @dev a + b. The finite exponent gap must be at most 180 (callers bound
    /// it); a gap of 26 or more returns the larger operand, since the smaller
    /// one is then below a quarter ulp of it.
    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        F memory x = decode(a);
        F memory y = decode(b);
        if (x.nan || y.nan) return NAN;
        if (x.inf && y.inf) return x.neg == y.neg ? a : NAN;
        if (x.inf) return a;
        if (y.inf) return b;
        if (x.zero && y.zero) return (x.neg && y.neg) ? 0x80000000 : 0;
        if (x.zero) return b;
        if (y.zero) return a;
        if (x.e - y.e >= 26) return a;
        if (y.e - x.e >= 26) return b;
        (bool neg, uint256 num, int256 scale) = _sumOf(x, y);
        if (num == 0) return 0;
        return roundRational(neg, num, 1, scale);
    }

    function mul(uint256 a, uint256 b) internal pure returns (uint256) {
        F memory x = decode(a);
        F memory y = decode(b);
        if (x.nan || y.nan) return NAN;
        uint256 s = x.neg != y.neg ? uint256(0x80000000) : 0;
        if (x.inf || y.inf) return (x.zero || y.zero) ? NAN : s | 0x7F800000;
        if (x.zero || y.zero) return s;
        return roundRational(s != 0, x.m * y.m, 1, x.e + y.e);
    }

    function div(uint256 a, uint256 b) internal pure returns (uint256) {
        F memory x = decode(a);
        F memory y = decode(b);
        if (x.nan || y.nan) return NAN;
        uint256 s = x.neg != y.neg ? uint256(0x80000000) : 0;
        if (x.inf) return y.inf ? NAN : s | 0x7F800000;
        if (y.inf) return s;
        if (y.zero) return x.zero ? NAN : s | 0x7F800000;
        if (x.zero) return s;
        return roundRational(s != 0, x.m, y.m, x.e - y.e);
    }

    /// @dev a*b + c, one rounding.
    function fma(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        F memory x = decode(a);
        F memory y = decode(b);
        F memory z = decode(c);
        if (x.nan || y.nan || z.nan) return NAN;
        bool pneg = x.neg != y.neg;
        if (x.inf || y.inf) {
            if (x.zero || y.zero) return NAN;
            if (z.inf && z.neg != pneg) return NAN;
            return pneg ? 0xFF800000 : 0x7F800000;
        }
        if (z.inf) return c;
        if (x.zero || y.zero) {
            if (z.zero) return (pneg && z.neg) ? 0x80000000 : 0;
            return c;
        }
        F memory p = F({neg: pneg, nan: false, inf: false, zero: false, m: x.m * y.m, e: x.e + y.e});
        if (z.zero) return roundRational(pneg, p.m, 1, p.e);
        (bool neg, uint256 num, int256 scale) = _sumOf(p, z);
        if (num == 0) return 0;
        return roundRational(neg, num, 1, scale);
    }

    /// @dev Bisection: the largest non-negative finite word w with w^2 <= a,
    /// then round up when the midpoint between w and its successor is below
    /// sqrt(a) (the midpoint's square is compared exactly; it is never equal).
    function sqrt(uint256 a) internal pure returns (uint256) {
        F memory x = decode(a);
        if (x.nan) return NAN;
        if (x.zero) return a;
        if (x.neg) return NAN;
        if (x.inf) return a;
        uint256 lo = 0; // lo^2 <= a
        uint256 hi = 0x7F800000; // hi^2 > a (inf)
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (_sqLeq(mid, 0, x)) lo = mid;
            else hi = mid;
        }
        // midpoint of lo and lo+1 is (2*m_lo + 1) * 2^(e_lo - 1) when both
        // share the quantum of lo (true: the successor of lo has lo's quantum
        // or is the first of the next binade, whose midpoint is the same).
        F memory l = decode(lo);
        if (lo == 0) {
            l.m = 0;
            l.e = -149;
        }
        if (!_sqLeq2(2 * l.m + 1, l.e - 1, x)) return lo; // midpoint^2 > a
        return lo + 1;
    }

    /// @dev (value of word w)^2 <= x ?
    function _sqLeq(uint256 w, uint256, F memory x) private pure returns (bool) {
        if (w == 0) return true;
        F memory f = decode(w);
        return _sqLeq2(f.m, f.e, x);
    }

    /// @dev (m * 2^e)^2 <= x.m * 2^x.e ?  (m < 2^26, so both sides fit)
    function _sqLeq2(uint256 m, int256 e, F memory x) private pure returns (bool) {
        uint256 lhs = m * m;
        int256 le = 2 * e;
        int256 lo = le < x.e ? le : x.e;
        int256 dl = le - lo;
        int256 dr = x.e - lo;
        // Bring both to the common exponent; if a shift would exceed 200 bits
        // the side with the larger exponent is certainly larger.
        if (dl > 200) return false;
        if (dr > 200) return true;
        return _shift(lhs, dl) <= _shift(x.m, dr);
    }
}
