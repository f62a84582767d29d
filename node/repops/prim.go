// Package repops implements RepOps, the reproducible execution semantics of
// gensyn: a fixed set of primitives on 32-bit words, transcendental functions
// and operators written as fixed straight-line programs of those primitives,
// a counter-based PRNG, and the training-step graph of an MLP.
//
// The package depends only on the Go standard library. Every result is
// bit-identical on amd64 (GOAMD64=v1..v4) and arm64; see docs/repops.md.
package repops

import (
	"fmt"
	"math"
)

// Prim is the code of one RepOps primitive. The codes are part of the
// protocol (the Solidity one-step library decodes the same table).
type Prim uint8

// The primitive table. Codes are fixed; new primitives may only be appended.
const (
	ADD    Prim = 0x01 // f32 a+b, RNE
	SUB    Prim = 0x02 // f32 a-b, RNE
	MUL    Prim = 0x03 // f32 a*b, RNE
	DIV    Prim = 0x04 // f32 a/b, RNE
	FMA    Prim = 0x05 // f32 a*b+c, one rounding
	SQRT   Prim = 0x06 // f32 sqrt(a), correctly rounded
	MIN    Prim = 0x07 // f32 min, NaN-propagating, min(-0,+0) = -0
	MAX    Prim = 0x08 // f32 max, NaN-propagating, max(-0,+0) = +0
	NEG    Prim = 0x09 // sign flip; NaN -> canonical NaN
	LT     Prim = 0x0A // 1 if a<b (IEEE) else 0
	LE     Prim = 0x0B // 1 if a<=b (IEEE) else 0
	EQ     Prim = 0x0C // 1 if a==b (IEEE) else 0
	SELECT Prim = 0x0D // c != 0 ? a : b (bits unchanged)
	I2F    Prim = 0x0E // int32 -> f32, RNE
	F2I    Prim = 0x0F // f32 -> int32, toward zero, NaN -> 0, saturating
	U2F    Prim = 0x10 // uint32 -> f32, RNE
	IADD   Prim = 0x11 // a+b mod 2^32
	ISUB   Prim = 0x12 // a-b mod 2^32
	IMUL   Prim = 0x13 // low 32 bits of a*b
	IMULHI Prim = 0x14 // high 32 bits of the unsigned 64-bit product
	XOR    Prim = 0x15 // a^b
	AND    Prim = 0x16 // a&b
	OR     Prim = 0x17 // a|b
	SHL    Prim = 0x18 // a << (b&31)
	SHR    Prim = 0x19 // a >> (b&31), logical
	UREM   Prim = 0x1A // a mod b, unsigned; b==0 -> 0
	ULT    Prim = 0x1B // 1 if a<b unsigned else 0

	// NumPrims is one more than the largest primitive code.
	NumPrims = 0x1C
)

// CanonicalNaN is the only NaN word any float primitive returns.
const CanonicalNaN uint32 = 0x7FC00000

var primNames = [NumPrims]string{
	ADD: "ADD", SUB: "SUB", MUL: "MUL", DIV: "DIV", FMA: "FMA", SQRT: "SQRT",
	MIN: "MIN", MAX: "MAX", NEG: "NEG", LT: "LT", LE: "LE", EQ: "EQ",
	SELECT: "SELECT", I2F: "I2F", F2I: "F2I", U2F: "U2F", IADD: "IADD",
	ISUB: "ISUB", IMUL: "IMUL", IMULHI: "IMULHI", XOR: "XOR", AND: "AND",
	OR: "OR", SHL: "SHL", SHR: "SHR", UREM: "UREM", ULT: "ULT",
}

// String returns the primitive's table name (e.g. "FMA").
func (p Prim) String() string {
	if p.Valid() {
		return primNames[p]
	}
	return fmt.Sprintf("Prim(0x%02X)", uint8(p))
}

// Valid reports whether p is a code of the table.
func (p Prim) Valid() bool { return p >= ADD && p < NumPrims }

// Arity returns how many operands the primitive reads (1, 2 or 3).
func (p Prim) Arity() int {
	switch p {
	case SQRT, NEG, I2F, F2I, U2F:
		return 1
	case FMA, SELECT:
		return 3
	}
	return 2
}

// PrimByName maps a table name back to its code.
func PrimByName(name string) (Prim, bool) {
	for i, n := range primNames {
		if n == name && n != "" {
			return Prim(i), true
		}
	}
	return 0, false
}

func f32(w uint32) float32 { return math.Float32frombits(w) }

// canon returns the word of f with any NaN replaced by CanonicalNaN.
func canon(f float32) uint32 {
	if f != f {
		return CanonicalNaN
	}
	return math.Float32bits(f)
}

func isNaNWord(w uint32) bool { return w&0x7FFFFFFF > 0x7F800000 }

func b2w(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// Exec executes one primitive on operand words a, b, c. Operands a primitive
// does not read are ignored. An invalid code returns 0 (callers validate).
func Exec(op Prim, a, b, c uint32) uint32 {
	switch op {
	case ADD:
		return canon(f32(a) + f32(b))
	case SUB:
		return canon(f32(a) - f32(b))
	case MUL:
		return canon(float32(f32(a) * f32(b)))
	case DIV:
		return canon(f32(a) / f32(b))
	case FMA:
		return canon(fma32(f32(a), f32(b), f32(c)))
	case SQRT:
		return canon(sqrt32(f32(a)))
	case MIN:
		return minWord(a, b)
	case MAX:
		return maxWord(a, b)
	case NEG:
		if isNaNWord(a) {
			return CanonicalNaN
		}
		return a ^ 0x80000000
	case LT:
		return b2w(f32(a) < f32(b))
	case LE:
		return b2w(f32(a) <= f32(b))
	case EQ:
		return b2w(f32(a) == f32(b))
	case SELECT:
		if c != 0 {
			return a
		}
		return b
	case I2F:
		return canon(i2f(int32(a)))
	case F2I:
		return uint32(f2i(f32(a)))
	case U2F:
		return canon(u2f(a))
	case IADD:
		return a + b
	case ISUB:
		return a - b
	case IMUL:
		return a * b
	case IMULHI:
		return uint32((uint64(a) * uint64(b)) >> 32)
	case XOR:
		return a ^ b
	case AND:
		return a & b
	case OR:
		return a | b
	case SHL:
		return a << (b & 31)
	case SHR:
		return a >> (b & 31)
	case UREM:
		if b == 0 {
			return 0
		}
		return a % b
	case ULT:
		return b2w(a < b)
	}
	return 0
}

func minWord(a, b uint32) uint32 {
	if isNaNWord(a) || isNaNWord(b) {
		return CanonicalNaN
	}
	fa, fb := f32(a), f32(b)
	if fa < fb {
		return a
	}
	if fb < fa {
		return b
	}
	// equal: only the sign of zero can differ; prefer the negative one.
	return a | b&0x80000000
}

func maxWord(a, b uint32) uint32 {
	if isNaNWord(a) || isNaNWord(b) {
		return CanonicalNaN
	}
	fa, fb := f32(a), f32(b)
	if fa > fb {
		return a
	}
	if fb > fa {
		return b
	}
	// equal: for zeros prefer +0 (clear the sign unless both are negative).
	return a & (b | 0x7FFFFFFF)
}

// i2f converts exactly to float64 (int32 fits in 53 bits) and rounds once.
func i2f(x int32) float32 { return float32(float64(x)) }

// u2f converts exactly to float64 (uint32 fits in 53 bits) and rounds once.
func u2f(x uint32) float32 { return float32(float64(x)) }

// f2i truncates toward zero with explicit saturation; Go's int32(f) is
// implementation-defined outside the int32 range, so it is never used there.
func f2i(f float32) int32 {
	switch {
	case f != f:
		return 0
	case f >= 2147483648.0:
		return math.MaxInt32
	case f <= -2147483648.0:
		return math.MinInt32
	}
	return int32(f)
}

// sqrt32 is correctly rounded: float64 sqrt is correctly rounded (an
// intrinsic instruction on amd64 and arm64), and rounding a correctly rounded
// 53-bit square root to 24 bits is innocuous since 53 >= 2*24+2.
// sqrt(-0) = -0 and negative inputs give NaN (IEEE), canonicalized by Exec.
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

// fma32 computes x*y+z with a single rounding to binary32.
//
// The product of two binary32 values is exact in binary64 (48 significant
// bits, exponents within [-298, 256]). The sum p+z is computed in binary64
// with round-to-odd (an error-free TwoSum, then the last bit is forced to 1
// when the sum was inexact), and the final conversion to binary32 rounds to
// nearest even. Round-to-odd at 53 bits followed by rounding to at most 24
// bits equals a single rounding of the exact value (53 >= 24+2), including
// the binary32 subnormal range. No intermediate can underflow: all values are
// multiples of 2^-298, far above the binary64 subnormal range.
func fma32(x, y, z float32) float32 {
	// The explicit conversion forbids fusing this product into the sums
	// below (Go may fuse across statements on arm64; the product is exact
	// anyway, so fusion could not change the result, but it stays explicit).
	p := float64(float64(x) * float64(y)) // exact
	zz := float64(z)
	s := p + zz
	if math.IsInf(s, 0) || s != s || math.IsInf(p, 0) || math.IsInf(zz, 0) {
		// Specials (and NaN): the binary64 result has the IEEE semantics.
		return float32(s)
	}
	if s == 0 {
		// Exact cancellation or zero operands: binary64 applied the IEEE
		// sign rules for exact zero sums, which binary32 shares.
		return float32(s)
	}
	// TwoSum: e is the exact rounding error of s = p + zz.
	bb := s - p
	e := (p - (s - bb)) + (zz - bb)
	if e != 0 {
		bits := math.Float64bits(s)
		if bits&1 == 0 {
			// Move s one ulp toward the exact value p+zz = s+e.
			if (e > 0) == (s > 0) {
				bits++
			} else {
				bits--
			}
			s = math.Float64frombits(bits)
		}
	}
	return float32(s)
}

// Typed helpers used by the kernels; each is exactly Exec of its primitive.
// Every result is explicitly converted to float32, so that an inlined helper
// can never be fused with a neighbouring operation.

// Add returns ADD(a, b).
func Add(a, b float32) float32 { return fc(float32(a + b)) }

// Sub returns SUB(a, b).
func Sub(a, b float32) float32 { return fc(float32(a - b)) }

// Mul returns MUL(a, b).
func Mul(a, b float32) float32 { return fc(float32(a * b)) }

// Div returns DIV(a, b).
func Div(a, b float32) float32 { return fc(float32(a / b)) }

// Fma returns FMA(a, b, c) = a*b+c with one rounding.
func Fma(a, b, c float32) float32 { return fc(fma32(a, b, c)) }

// Sqrt returns SQRT(a).
func Sqrt(a float32) float32 { return fc(sqrt32(a)) }

// Min returns MIN(a, b).
func Min(a, b float32) float32 {
	return f32(minWord(math.Float32bits(a), math.Float32bits(b)))
}

// Max returns MAX(a, b).
func Max(a, b float32) float32 {
	return f32(maxWord(math.Float32bits(a), math.Float32bits(b)))
}

// Neg returns NEG(a).
func Neg(a float32) float32 { return f32(Exec(NEG, math.Float32bits(a), 0, 0)) }

// Lt reports LT(a, b) != 0.
func Lt(a, b float32) bool { return a < b }

// Select returns c != 0 ? a : b as in SELECT with a word condition.
func Select(c uint32, a, b float32) float32 {
	if c != 0 {
		return a
	}
	return b
}

// fc canonicalizes a NaN float.
func fc(f float32) float32 {
	if f != f {
		return f32(CanonicalNaN)
	}
	return f
}
