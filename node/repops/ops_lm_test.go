package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// lmOpCases returns one representative instance of every transformer
// operator (issue #13): B = 2 windows of C = 4 tokens, width d = 6, H = 2
// heads.
func lmOpCases(r *rand.Rand) []opCase {
	const B, C, d, H, V = 2, 4, 6, 2, 5
	M := B * C
	starts := Tensor{Shape: []int{B}, Data: []float32{17, 3}}
	tok := NewTensor(M)
	for i := range tok.Data {
		tok.Data[i] = float32(r.IntN(V))
	}
	scale := math.Float32bits(float32(1 / math.Sqrt(d/H)))
	P := randTensor(r, 0.25, B*H*C, C)
	m, n := 3, 5
	rms := randTensor(r, 1, m)
	sc := func(v float32) Tensor { return scalar(v) }
	adamConst := []bool{false, false, false, false, false, false, true, true}
	return []opCase{
		{OpWindowIndex, []uint32{C, 1}, []Tensor{starts}, nil},
		{OpAdd, nil, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, M, d)}, nil},
		{OpPosAdd, nil, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, C, d)}, nil},
		{OpRowGroupSum, []uint32{C}, []Tensor{randTensor(r, 1, M, d)}, nil},
		{OpAttnScores, []uint32{H, C, scale, 1}, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, M, d)}, nil},
		{OpAttnScores, []uint32{H, C, scale, 0}, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, M, d)}, nil},
		{OpAttnApply, []uint32{H}, []Tensor{P, randTensor(r, 1, M, d)}, nil},
		{OpAttnApplyT, []uint32{H}, []Tensor{P, randTensor(r, 1, M, d)}, nil},
		{OpSoftmaxRow, nil, []Tensor{randTensor(r, 3, m, n), randTensor(r, 1, m)}, nil},
		{OpRowDot, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n)}, nil},
		{OpSoftmaxGrad, []uint32{scale}, []Tensor{randTensor(r, 0.25, m, n), randTensor(r, 1, m, n), randTensor(r, 1, m)}, nil},
		{OpRMSInv, []uint32{math.Float32bits(1e-5)}, []Tensor{randTensor(r, 1, m, n)}, nil},
		{OpRMSNorm, nil, []Tensor{randTensor(r, 1, m, n), rms, randTensor(r, 1, n)}, nil},
		{OpRMSNormRowDot, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), randTensor(r, 1, n)}, nil},
		{OpRMSNormGradX, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), rms, randTensor(r, 1, n), randTensor(r, 1, m)}, nil},
		{OpRMSNormGradG, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), rms}, nil},
		{OpSiLU, nil, []Tensor{randTensor(r, 4, m, n)}, nil},
		{OpSiLUGrad, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 4, m, n)}, nil},
		{OpEmbedGrad, []uint32{V}, []Tensor{randTensor(r, 1, M, d), tok}, nil},
		{OpAdamWParam, nil, []Tensor{randTensor(r, 0.1, m, n), randTensor(r, 0.1, m, n), randTensor(r, 0.01, m, n),
			sc(0.9 * 0.9), sc(0.999 * 0.999), sc(3e-4), sc(1e-8), sc(0.1)}, adamConst},
		{OpLRSchedule, []uint32{math.Float32bits(3e-4), math.Float32bits(10), math.Float32bits(100), math.Float32bits(90)}, []Tensor{StepTensor(4)}, nil},
		{OpLRSchedule, []uint32{math.Float32bits(3e-4), 0, math.Float32bits(100), math.Float32bits(100)}, []Tensor{StepTensor(40)}, nil},
		{OpSumSq, nil, []Tensor{randTensor(r, 1, m, n)}, nil},
		{OpClipScale, []uint32{math.Float32bits(1)}, []Tensor{sc(7)}, nil},
		{OpScaleBy, nil, []Tensor{randTensor(r, 1, m, n), sc(0.5)}, nil},
	}
}

// lmKeepInput reports whether input s of a transformer operator case keeps
// its data when tests replace inputs by words of every IEEE class (token
// ids, so that some still match).
func lmKeepInput(op OpKind, s int) bool {
	return op == OpEmbedGrad && s == 1
}

// lmDocLen is the trace length of the contract's table (docs/repops.md §5).
func lmDocLen(c opCase) int {
	sh := func(s, i int) int { return c.ins[s].Shape[i] }
	switch c.op {
	case OpWindowIndex, OpAdd, OpPosAdd, OpScaleBy:
		return 1
	case OpRowGroupSum:
		return sh(0, 0) / int(c.attrs[0])
	case OpAttnScores:
		return 2*(sh(0, 1)/int(c.attrs[0])) + 1
	case OpAttnApply, OpAttnApplyT:
		return 2 * sh(0, 1)
	case OpSoftmaxRow:
		return 25
	case OpRowDot:
		return 2 * sh(0, 1)
	case OpSoftmaxGrad:
		return 3
	case OpRMSInv:
		return 2*sh(0, 1) + 4
	case OpRMSNorm:
		return 2
	case OpRMSNormRowDot:
		return 3 * sh(0, 1)
	case OpRMSNormGradX:
		return 8
	case OpRMSNormGradG:
		return 3 * sh(0, 0)
	case OpSiLU:
		return 27
	case OpSiLUGrad:
		return 32
	case OpEmbedGrad:
		return 3 * sh(0, 0)
	case OpAdamWParam:
		return 12
	case OpLRSchedule:
		return 8
	case OpSumSq:
		return 2 * len(c.ins[0].Data)
	case OpClipScale:
		return 4
	}
	return -1
}

// TestTraceLenEveryElement: TraceLen equals the length of every element's
// trace, for every operator (each transformer operator with its length in
// the documented table).
func TestTraceLenEveryElement(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	for _, c := range opCases(r) {
		shapes := shapesOf(c.ins)
		n, err := TraceLen(c.op, c.attrs, shapes)
		if err != nil {
			t.Fatal(err)
		}
		if isLMOp(c.op) && n != lmDocLen(c) {
			t.Fatalf("%v: TraceLen %d, documented %d", c.op, n, lmDocLen(c))
		}
		out := runOp(t, Interp{}, c)
		for e := range out.Data {
			es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != n {
				t.Fatalf("%v element %d: trace length %d, TraceLen %d", c.op, e, len(es), n)
			}
		}
	}
	if _, err := TraceLen(OpKind(0x7F), nil, nil); err == nil {
		t.Fatal("TraceLen of an unknown operator")
	}
}
