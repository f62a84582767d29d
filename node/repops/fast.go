package repops

import "math"

// Fast paths of the element programs. Every function here computes, for
// every input, exactly the bits of the element program it replaces (the
// interpreter stays the reference; fast_test.go compares the two on random
// inputs of every IEEE class). They differ from the interpreter only in how
// they get there:
//
//   - Primitives run as Go float32 operations, every product written
//     float32(x*y) so that it cannot be fused into an FMA instruction.
//   - NaN canonicalization is done once, where a value is stored. In a chain
//     of ADD, SUB, MUL, DIV, SQRT and FMA a NaN operand always gives a NaN
//     result, and comparisons and F2I ignore the payload, so canonicalizing
//     the stored result equals canonicalizing after every primitive. Where a
//     SELECT or an integer primitive could expose a payload, the functions
//     below say why it cannot.
//   - Operands that are the same for every element (1-beta, 1-beta^t, the
//     constants) are computed once per operator instead of once per element.
//   - FMA takes a shortcut that is exact (fmaFast).

const canonNaN32 = 0x7FC00000

// canonStore returns f with a NaN replaced by the canonical NaN.
func canonStore(f float32) float32 {
	if f != f {
		return math.Float32frombits(canonNaN32)
	}
	return f
}

// fmaFast returns FMA(x, y, z), the exact x*y+z rounded once to binary32,
// like fma32, with a shortcut for almost every input. The product is exact
// in binary64 and s = p+z is rounded once to binary64 (RN64). Rounding s
// again to binary32 gives RN32(x*y+z) unless s is a binary32 midpoint:
// midpoints are binary64 numbers and RN64 is monotone, so the exact value
// and s lie strictly on the same side of every midpoint s is not equal to,
// hence in the same rounding interval. In the binary32 normal range (and
// beyond, up to the overflow midpoint 2^128-2^103) a midpoint has its low 29
// binary64 significand bits equal to 1<<28; midpoints and binary32
// subnormal results (0 < |s| < 2^-126) are left to fma32 (fmaRisky).
// Infinities, NaN and exact zeros take the shortcut with fma32's results.
func fmaFast(x, y, z float32) float32 {
	s := float64(float64(x)*float64(y)) + float64(z)
	if !fmaRisky(s) {
		return float32(s)
	}
	return fmaSlow(x, y, z)
}

// fmaSlow is fma32 behind a call that is never inlined, so that fmaFast
// stays small enough to be inlined.
//
//go:noinline
func fmaSlow(x, y, z float32) float32 { return fma32(x, y, z) }

// fmaRisky reports whether float32(s), s = x*y+z rounded to binary64 (see
// fmaFast), might differ from FMA(x, y, z): s is a binary32 midpoint or a
// nonzero value below 2^-126. (An exact zero is right: its sign follows
// the same IEEE rule in both formats, and a nonzero exact sum, a multiple
// of 2^-298, never rounds to zero in binary64.)
func fmaRisky(s float64) bool {
	b := math.Float64bits(s)
	e := b & 0x7FF0000000000000
	return b&(1<<29-1) == 1<<28 || e-1<<52 < (1023-126-1)<<52
}

// The immediates of expProg as binary64 (exact).
var (
	expNLn2Hi64 = float64(math.Float32frombits(expNLn2Hi))
	expNLn2Lo64 = float64(math.Float32frombits(expNLn2Lo))
	expCoef64   [len(expCoef)]float64
)

func init() {
	for i, w := range expCoef {
		expCoef64[i] = float64(math.Float32frombits(w))
	}
}

// exp32 is the exp program (expProg, 24 entries); the result is canonical.
func exp32(x float32) float32 {
	if y, ok := expFast(x); ok {
		return y
	}
	return Exp(x)
}

// expFast computes the exp program with every FMA done in binary64 (see
// fmaFast) and reports false, giving up, if one of them is at risk of a
// second rounding (fmaRisky); this is rare: for exp(0) = 1 the FMAs are
// exact zeros or normal numbers.
func expFast(x float32) (float32, bool) {
	// 0, 1: MAX(x, -104), MIN(., 89). MAX and MIN return the canonical NaN
	// for a NaN operand, which flows through every later float entry to
	// the result (F2I gives 0 for it, the scale words stay finite).
	if x != x {
		return math.Float32frombits(canonNaN32), true
	}
	c := x
	if !(c >= -104) { // equal operands: MAX returns the same word
		c = -104
	}
	if !(c <= 89) {
		c = 89
	}
	k := float32(c * math.Float32frombits(expLog2e))  // 2
	k = float32(k + math.Float32frombits(expRound))   // 3
	n := float32(k - math.Float32frombits(expRound))  // 4: an integer in [-150, 128]
	s := float64(float64(n)*expNLn2Hi64) + float64(c) // 5
	if fmaRisky(s) {
		return 0, false
	}
	r := float32(s)
	s = float64(float64(n)*expNLn2Lo64) + float64(r) // 6
	if fmaRisky(s) {
		return 0, false
	}
	r = float32(s)
	r64 := float64(r)
	s = float64(expCoef64[0]*r64) + expCoef64[1] // 7
	if fmaRisky(s) {
		return 0, false
	}
	p := float32(s)
	for i := 2; i < len(expCoef64); i++ { // 8..13
		s = float64(float64(p)*r64) + expCoef64[i]
		if fmaRisky(s) {
			return 0, false
		}
		p = float32(s)
	}
	ni := uint32(int32(n))                             // 14: F2I (n is an integer in int32 range)
	h := (ni + 256) >> 1                               // 15, 16
	s1 := (h - 1) << 23                                // 17, 18
	s2 := (ni + 255 - h) << 23                         // 19, 20, 21
	y := float32(p * math.Float32frombits(s1))         // 22
	return float32(y * math.Float32frombits(s2)), true // 23: finite operands, never NaN
}

// log32 is the log program (logProg, 40 entries). The result is canonical:
// for a positive finite x no entry is NaN, and for every other x one of the
// final SELECTs replaces the polynomial's value (entries 32..39).
func log32(x float32) float32 {
	xw := math.Float32bits(x)
	sub := x < math.Float32frombits(logMinNormal) // 0
	xs, bias := xw, uint32(127)
	if sub {
		xs = math.Float32bits(float32(x * math.Float32frombits(logTwo23))) // 1, 2 (x is not NaN here)
		bias = 150                                                         // 4
	}
	e := xs>>23 - bias          // 3, 5
	m := xs&0x007FFFFF | f32One // 6, 7
	mf := math.Float32frombits(m)
	if math.Float32frombits(logSqrt2) < mf { // 8
		mf = float32(mf * 0.5) // 9, 10
		e++                    // 11
	}
	f := float32(mf - 1)                                                                // 12
	hf := float32(0.5 * f)                                                              // 13
	hfsq := float32(hf * f)                                                             // 14
	d := float32(2 + f)                                                                 // 15
	s := float32(f / d)                                                                 // 16
	z := float32(s * s)                                                                 // 17
	q := fmaFast(math.Float32frombits(logCoef[0]), z, math.Float32frombits(logCoef[1])) // 18
	for i := 2; i < len(logCoef); i++ {                                                 // 19..23
		q = fmaFast(q, z, math.Float32frombits(logCoef[i]))
	}
	R := float32(q * z)                                 // 24
	dk := float32(float64(int32(e)))                    // 25: I2F
	t := float32(hfsq + R)                              // 26
	t = float32(s * t)                                  // 27
	t = fmaFast(dk, math.Float32frombits(logLn2Lo), t)  // 28
	t = float32(hfsq - t)                               // 29
	t = float32(f - t)                                  // 30
	y := fmaFast(dk, math.Float32frombits(logLn2Hi), t) // 31
	switch {
	case x != x: // 38, 39
		return math.Float32frombits(canonNaN32)
	case x < 0: // 36, 37
		return math.Float32frombits(canonNaN32)
	case x == 0: // 34, 35
		return math.Float32frombits(f32NegInf)
	case xw == f32Inf: // 32, 33
		return x
	}
	return y
}

// maxF is MAX (NaN-propagating, max(-0, +0) = +0).
func maxF(a, b float32) float32 {
	switch {
	case a > b:
		return a
	case b > a:
		return b
	case a != a || b != b:
		return math.Float32frombits(canonNaN32)
	}
	return math.Float32frombits(math.Float32bits(a) & (math.Float32bits(b) | 0x7FFFFFFF))
}

// logSumExpRows computes OpLogSumExp of x [m, n] into o [m].
func logSumExpRows(o, x []float32, n int) {
	for i := range o {
		row := x[i*n : i*n+n]
		mx := math.Float32frombits(f32NegInf)
		for _, v := range row {
			mx = maxF(mx, v)
		}
		acc := math.Float32frombits(negZero)
		var buf [expChunk]float32
		for t := 0; t < n; t += expChunk {
			e := buf[:min(expChunk, n-t)]
			expSub(e, row[t:t+len(e)], mx, false)
			for _, v := range e {
				acc += v
			}
		}
		o[i] = canonStore(float32(mx + log32(acc)))
	}
}

// softmaxXentLossRows computes OpSoftmaxXentLoss: o[i] = lse[i] - (the
// sequential sum over t of label == t ? x[i,t] : +0).
func softmaxXentLossRows(o, x, lse, labels []float32, n int) {
	for i := range o {
		row := x[i*n : i*n+n]
		acc := math.Float32frombits(negZero)
		for t, v := range row {
			if labels[i] != float32(t) {
				v = 0
			}
			acc += v
		}
		o[i] = canonStore(float32(lse[i] - acc))
	}
}

// softmaxXentGradRows computes OpSoftmaxXentGrad:
// (exp(x - lse) - onehot) / m.
func softmaxXentGradRows(o, x, lse, labels []float32, m, n int) {
	fm := float32(m)
	for i := 0; i < m; i++ {
		row, out := x[i*n:i*n+n], o[i*n:i*n+n]
		l, y := lse[i], labels[i]
		grad := func(t int, p float32) {
			if y == float32(t) {
				p = float32(p - 1)
			} else {
				p = float32(p - 0)
			}
			out[t] = canonStore(float32(p / fm))
		}
		expSub(out, row, l, false) // element-wise: out may be row
		for t, p := range out {
			grad(t, p)
		}
	}
}

// meanVec computes OpMean: the sequential sum divided by f(n).
func meanVec(x []float32) float32 {
	acc := math.Float32frombits(negZero)
	for _, v := range x {
		acc += v
	}
	return canonStore(float32(acc / float32(len(x))))
}

// biasAdd computes OpBiasAdd of x [.., n] and b [n] into o.
func biasAdd(o, x, b []float32) {
	n := len(b)
	for r := 0; r+n <= len(x); r += n {
		xr, or := x[r:r+n], o[r:r+n]
		for j, bj := range b {
			or[j] = canonStore(float32(xr[j] + bj))
		}
	}
}

// relu computes OpReLU: MAX(x, +0) is x for x > 0, the canonical NaN for
// NaN and +0 otherwise (max(-0, +0) = +0).
func relu(o, x []float32) {
	o = o[:len(x)]
	for i, v := range x {
		switch {
		case v > 0:
			o[i] = v
		case v != v:
			o[i] = math.Float32frombits(canonNaN32)
		default:
			o[i] = 0
		}
	}
}

// batchIndex computes OpBatchIndex: U2F(RandomWord(seed, StreamBatch, step,
// e) UREM rows) (rows >= 1, so the index is exact in binary32).
func batchIndex(o []float32, attrs []uint32, step uint32) {
	seed := uint64(attrs[0]) | uint64(attrs[1])<<32
	rows := attrs[2]
	for e := range o {
		o[e] = u2f(RandomWord(seed, StreamBatch, step, uint32(e)) % rows)
	}
}

// adamFusedGo runs AdamMoment (power 1), AdamMoment (power 2) and AdamParam
// on every element in one pass (adamFused: with SSE on amd64): mo = beta1*m + (1-beta1)*g,
// vo = beta2*v + ((1-beta2)*g)*g, po = p - (lr*(mo/c1))/(SQRT(vo/c2)+eps)
// with c1 = 1-beta1^t, c2 = 1-beta2^t. Outputs may be their own state
// inputs (po = p, mo = m, vo = v): every element is read before it is
// written.
func adamFusedGo(po, mo, vo, p, m, v, g []float32, b1, b2, b1t, b2t, lr, eps float32) {
	omb1, omb2 := Sub(1, b1), Sub(1, b2)
	c1, c2 := Sub(1, b1t), Sub(1, b2t)
	n := len(g)
	po, mo, vo, p, m, v = po[:n], mo[:n], vo[:n], p[:n], m[:n], v[:n]
	for i, gi := range g {
		mm := float32(float32(b1*m[i]) + float32(omb1*gi))
		vv := float32(float32(b2*v[i]) + float32(float32(omb2*gi)*gi))
		mh := float32(mm / c1)
		s := float32(float32(math.Sqrt(float64(float32(vv/c2)))) + eps)
		pp := float32(p[i] - float32(float32(lr*mh)/s))
		mo[i], vo[i], po[i] = canonStore(mm), canonStore(vv), canonStore(pp)
	}
}

// sgdFused runs SGDVelocity and SGDParam on every element in one pass:
// vo = mu*v + g, po = p - lr*vo. Outputs may be their own state inputs.
func sgdFused(po, vo, p, v, g []float32, mu, lr float32) {
	n := len(g)
	po, vo, p, v = po[:n], vo[:n], p[:n], v[:n]
	for i, gi := range g {
		vv := float32(float32(mu*v[i]) + gi)
		pp := float32(p[i] - float32(lr*vv))
		vo[i], po[i] = canonStore(vv), canonStore(pp)
	}
}

// expPair computes exp32 of two inputs with their programs interleaved, so
// that the two sequential chains of FMAs overlap; it reports false (giving
// up) where expFast would for either input.
func expPair(x0, x1 float32) (float32, float32, bool) {
	if x0 != x0 || x1 != x1 {
		return 0, 0, false
	}
	c0, c1 := x0, x1
	if !(c0 >= -104) {
		c0 = -104
	}
	if !(c1 >= -104) {
		c1 = -104
	}
	if !(c0 <= 89) {
		c0 = 89
	}
	if !(c1 <= 89) {
		c1 = 89
	}
	k0 := float32(c0 * math.Float32frombits(expLog2e))
	k1 := float32(c1 * math.Float32frombits(expLog2e))
	k0 = float32(k0 + math.Float32frombits(expRound))
	k1 = float32(k1 + math.Float32frombits(expRound))
	n0 := float32(k0 - math.Float32frombits(expRound))
	n1 := float32(k1 - math.Float32frombits(expRound))
	s0 := float64(float64(n0)*expNLn2Hi64) + float64(c0)
	s1 := float64(float64(n1)*expNLn2Hi64) + float64(c1)
	if fmaRisky(s0) || fmaRisky(s1) {
		return 0, 0, false
	}
	r0, r1 := float32(s0), float32(s1)
	s0 = float64(float64(n0)*expNLn2Lo64) + float64(r0)
	s1 = float64(float64(n1)*expNLn2Lo64) + float64(r1)
	if fmaRisky(s0) || fmaRisky(s1) {
		return 0, 0, false
	}
	r0, r1 = float32(s0), float32(s1)
	q0, q1 := float64(r0), float64(r1)
	s0 = float64(expCoef64[0]*q0) + expCoef64[1]
	s1 = float64(expCoef64[0]*q1) + expCoef64[1]
	for i := 2; ; i++ {
		if fmaRisky(s0) || fmaRisky(s1) {
			return 0, 0, false
		}
		if i == len(expCoef64) {
			break
		}
		s0 = float64(float64(float32(s0))*q0) + expCoef64[i]
		s1 = float64(float64(float32(s1))*q1) + expCoef64[i]
	}
	p0, p1 := float32(s0), float32(s1)
	i0, i1 := uint32(int32(n0)), uint32(int32(n1))
	h0, h1 := (i0+256)>>1, (i1+256)>>1
	y0 := float32(p0 * math.Float32frombits((h0-1)<<23))
	y1 := float32(p1 * math.Float32frombits((h1-1)<<23))
	y0 = float32(y0 * math.Float32frombits((i0+255-h0)<<23))
	y1 = float32(y1 * math.Float32frombits((i1+255-h1)<<23))
	return y0, y1, true
}

// exp2 sets y0, y1 to exp32(x0), exp32(x1).
func exp2(x0, x1 float32) (float32, float32) {
	if y0, y1, ok := expPair(x0, x1); ok {
		return y0, y1
	}
	return exp32(x0), exp32(x1)
}
