package repops

import (
	"math"
	"math/big"
)

// This file holds an independent reference for the primitives: exact rational
// arithmetic (math/big.Rat) with IEEE-754 special cases spelled out, rounded
// to binary32 by big.Rat.Float32 (software round-half-even, subnormals kept).
// It never uses hardware float arithmetic on the values.

type refVal struct {
	nan, inf bool
	neg      bool     // sign bit
	r        *big.Rat // finite value (zero for +-0)
}

func decode(w uint32) refVal {
	neg := w>>31 == 1
	e := (w >> 23) & 0xFF
	m := int64(w & 0x7FFFFF)
	switch {
	case e == 0xFF && m != 0:
		return refVal{nan: true}
	case e == 0xFF:
		return refVal{inf: true, neg: neg}
	}
	var r *big.Rat
	if e == 0 {
		r = new(big.Rat).SetFrac(big.NewInt(m), new(big.Int).Lsh(big.NewInt(1), 149))
	} else {
		mant := big.NewInt(m | 1<<23)
		ex := int(e) - 127 - 23
		if ex >= 0 {
			r = new(big.Rat).SetInt(new(big.Int).Lsh(mant, uint(ex)))
		} else {
			r = new(big.Rat).SetFrac(mant, new(big.Int).Lsh(big.NewInt(1), uint(-ex)))
		}
	}
	if neg {
		r.Neg(r)
	}
	return refVal{neg: neg, r: r}
}

func infWord(neg bool) uint32 {
	if neg {
		return 0xFF800000
	}
	return 0x7F800000
}

func zeroWord(neg bool) uint32 {
	if neg {
		return 0x80000000
	}
	return 0
}

// roundRat rounds an exact nonzero rational to binary32 (RNE, subnormals,
// overflow to infinity). A result that rounds to zero keeps r's sign.
func roundRat(r *big.Rat) uint32 {
	neg := r.Sign() < 0
	f, _ := r.Float32()
	w := math.Float32bits(f)
	if w&0x7FFFFFFF == 0 {
		return zeroWord(neg)
	}
	return w
}

// exactZeroSum is the sign rule of IEEE-754 for an exactly zero sum x+y in
// round-to-nearest: -0 only when both addends are zeros with negative sign.
func exactZeroSum(xNeg, xZero, yNeg, yZero bool) uint32 {
	if xZero && yZero && xNeg && yNeg {
		return 0x80000000
	}
	return 0
}

func refAdd(a, b uint32) uint32 {
	x, y := decode(a), decode(b)
	switch {
	case x.nan || y.nan:
		return CanonicalNaN
	case x.inf && y.inf:
		if x.neg != y.neg {
			return CanonicalNaN
		}
		return infWord(x.neg)
	case x.inf:
		return infWord(x.neg)
	case y.inf:
		return infWord(y.neg)
	}
	s := new(big.Rat).Add(x.r, y.r)
	if s.Sign() == 0 {
		return exactZeroSum(x.neg, x.r.Sign() == 0, y.neg, y.r.Sign() == 0)
	}
	return roundRat(s)
}

func refMul(a, b uint32) uint32 {
	x, y := decode(a), decode(b)
	neg := x.neg != y.neg
	switch {
	case x.nan || y.nan:
		return CanonicalNaN
	case x.inf || y.inf:
		if (!x.inf && x.r.Sign() == 0) || (!y.inf && y.r.Sign() == 0) {
			return CanonicalNaN
		}
		return infWord(neg)
	}
	p := new(big.Rat).Mul(x.r, y.r)
	if p.Sign() == 0 {
		return zeroWord(neg)
	}
	return roundRat(p)
}

func refDiv(a, b uint32) uint32 {
	x, y := decode(a), decode(b)
	neg := x.neg != y.neg
	switch {
	case x.nan || y.nan:
		return CanonicalNaN
	case x.inf && y.inf:
		return CanonicalNaN
	case x.inf:
		return infWord(neg)
	case y.inf:
		return zeroWord(neg)
	case y.r.Sign() == 0:
		if x.r.Sign() == 0 {
			return CanonicalNaN
		}
		return infWord(neg)
	case x.r.Sign() == 0:
		return zeroWord(neg)
	}
	return roundRat(new(big.Rat).Quo(x.r, y.r))
}

func refFMA(a, b, c uint32) uint32 {
	x, y, z := decode(a), decode(b), decode(c)
	pneg := x.neg != y.neg
	if x.nan || y.nan || z.nan {
		return CanonicalNaN
	}
	if x.inf || y.inf {
		if (!x.inf && x.r.Sign() == 0) || (!y.inf && y.r.Sign() == 0) {
			return CanonicalNaN
		}
		if z.inf && z.neg != pneg {
			return CanonicalNaN
		}
		return infWord(pneg)
	}
	if z.inf {
		return infWord(z.neg)
	}
	p := new(big.Rat).Mul(x.r, y.r)
	s := new(big.Rat).Add(p, z.r)
	if s.Sign() == 0 {
		return exactZeroSum(pneg, p.Sign() == 0, z.neg, z.r.Sign() == 0)
	}
	return roundRat(s)
}

func refSqrt(a uint32) uint32 {
	x := decode(a)
	switch {
	case x.nan:
		return CanonicalNaN
	case x.inf && x.neg:
		return CanonicalNaN
	case x.inf:
		return 0x7F800000
	case x.r.Sign() == 0:
		return a // +-0
	case x.r.Sign() < 0:
		return CanonicalNaN
	}
	// Candidate from a 120-bit software square root, then verified exactly:
	// the true root must lie strictly between the midpoints around it.
	bf := new(big.Float).SetPrec(120).SetRat(x.r)
	bf.Sqrt(bf)
	f, _ := bf.Float32()
	w := math.Float32bits(f)
	lo := decode(w - 1)
	hi := decode(w + 1)
	v := decode(w)
	midLo := new(big.Rat).Add(lo.r, v.r)
	midLo.Quo(midLo, big.NewRat(2, 1))
	midHi := new(big.Rat).Add(hi.r, v.r)
	midHi.Quo(midHi, big.NewRat(2, 1))
	sq := func(r *big.Rat) *big.Rat { return new(big.Rat).Mul(r, r) }
	if sq(midLo).Cmp(x.r) >= 0 || sq(midHi).Cmp(x.r) <= 0 {
		panic("refSqrt: candidate not correctly rounded")
	}
	return w
}

// refCmp returns -1, 0, 1 comparing two non-NaN words by value.
func refCmp(a, b uint32) int {
	x, y := decode(a), decode(b)
	rank := func(v refVal) (int, *big.Rat) {
		if v.inf {
			if v.neg {
				return -1, nil
			}
			return 1, nil
		}
		return 0, v.r
	}
	rx, vx := rank(x)
	ry, vy := rank(y)
	if rx != ry {
		if rx < ry {
			return -1
		}
		return 1
	}
	if rx != 0 {
		return 0
	}
	return vx.Cmp(vy)
}

func refPrim(op Prim, a, b, c uint32) uint32 {
	nan := func(ws ...uint32) bool {
		for _, w := range ws {
			if decode(w).nan {
				return true
			}
		}
		return false
	}
	switch op {
	case ADD:
		return refAdd(a, b)
	case SUB:
		if nan(b) {
			return CanonicalNaN
		}
		return refAdd(a, b^0x80000000)
	case MUL:
		return refMul(a, b)
	case DIV:
		return refDiv(a, b)
	case FMA:
		return refFMA(a, b, c)
	case SQRT:
		return refSqrt(a)
	case MIN, MAX:
		if nan(a, b) {
			return CanonicalNaN
		}
		cmp := refCmp(a, b)
		if cmp == 0 {
			// equal values: differ at most in the sign of zero
			if op == MIN {
				if a>>31 == 1 {
					return a
				}
				return b
			}
			if a>>31 == 0 {
				return a
			}
			return b
		}
		if (cmp < 0) == (op == MIN) {
			return a
		}
		return b
	case NEG:
		if nan(a) {
			return CanonicalNaN
		}
		return a ^ 1<<31
	case LT, LE, EQ:
		if nan(a, b) {
			return 0
		}
		cmp := refCmp(a, b)
		ok := (op == LT && cmp < 0) || (op == LE && cmp <= 0) || (op == EQ && cmp == 0)
		if ok {
			return 1
		}
		return 0
	case SELECT:
		if c != 0 {
			return a
		}
		return b
	case I2F, U2F:
		var r *big.Rat
		if op == I2F {
			r = new(big.Rat).SetInt64(int64(int32(a)))
		} else {
			r = new(big.Rat).SetInt64(int64(a))
		}
		if r.Sign() == 0 {
			return 0
		}
		return roundRat(r)
	case F2I:
		x := decode(a)
		switch {
		case x.nan:
			return 0
		case x.inf && x.neg:
			return 0x80000000
		case x.inf:
			return 0x7FFFFFFF
		}
		q := new(big.Int).Quo(x.r.Num(), x.r.Denom()) // truncates toward zero
		if q.Cmp(big.NewInt(math.MaxInt32)) > 0 {
			return 0x7FFFFFFF
		}
		if q.Cmp(big.NewInt(math.MinInt32)) < 0 {
			return 0x80000000
		}
		return uint32(int32(q.Int64()))
	}
	// Integer primitives: computed with big.Int, reduced mod 2^32.
	A, B := new(big.Int).SetUint64(uint64(a)), new(big.Int).SetUint64(uint64(b))
	mod := new(big.Int).Lsh(big.NewInt(1), 32)
	r := new(big.Int)
	switch op {
	case IADD:
		r.Add(A, B)
	case ISUB:
		r.Sub(A, B)
	case IMUL:
		r.Mul(A, B)
	case IMULHI:
		r.Mul(A, B).Rsh(r, 32)
	case XOR:
		r.Xor(A, B)
	case AND:
		r.And(A, B)
	case OR:
		r.Or(A, B)
	case SHL:
		r.Lsh(A, uint(b%32))
	case SHR:
		r.Rsh(A, uint(b%32))
	case UREM:
		if b != 0 {
			r.Rem(A, B)
		}
	case ULT:
		if a < b {
			r.SetInt64(1)
		}
	default:
		panic("refPrim: unknown op")
	}
	r.Mod(r, mod)
	return uint32(r.Uint64())
}
