package repops

import "math"

// Vectorised exp. expSub is the one entry point of the operators that use
// exp (SoftmaxRow, SiLU, SiLUGrad, LogSumExp, SoftmaxXentGrad): it computes
// exp of x[i] - sub, or of -x[i] - sub, element by element, with the
// assembly kernel where the current kernel allows it (expSubVec: AVX2 with
// FMA when the matrix-product kernel is avx2, NEON when it is neon) and
// with the scalar fast path (exp2, exp32) on the rest. Every path gives the exp program's bits
// for every input; exp_vec_test.go checks them against the interpreter.

// flipWord is the word XORed into an input: the sign bit for NEG.
func flipWord(neg bool) uint32 {
	if neg {
		return 0x80000000
	}
	return 0
}

func f32bits(f float32) uint32 { return math.Float32bits(f) }

// expSub sets o[i] = exp(SUB(x[i], sub)), or exp(SUB(NEG(x[i]), sub)) with
// neg, for i < len(x). SUB(v, +0) = v for every v that is not NaN, and exp
// gives the canonical NaN for every NaN, so sub = +0 computes exp(x[i]) or
// exp(NEG(x[i])). o may be x.
func expSub(o, x []float32, sub float32, neg bool) {
	q := expSubVec(o, x, sub, neg)
	expSubGo(o[q:], x[q:], sub, neg)
}

// expSubGo is expSub with the scalar fast path, two elements at a time.
func expSubGo(o, x []float32, sub float32, neg bool) {
	n := len(x)
	o = o[:n]
	flip := flipWord(neg)
	arg := func(v float32) float32 {
		return float32(math.Float32frombits(math.Float32bits(v)^flip) - sub)
	}
	t := 0
	for ; t+1 < n; t += 2 {
		o[t], o[t+1] = exp2(arg(x[t]), arg(x[t+1]))
	}
	if t < n {
		o[t] = exp32(arg(x[t]))
	}
}
