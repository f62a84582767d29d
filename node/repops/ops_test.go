package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

type opCase struct {
	op      OpKind
	attrs   []uint32
	ins     []Tensor
	isConst []bool
}

func randTensor(r *rand.Rand, scale float32, shape ...int) Tensor {
	t := NewTensor(shape...)
	for i := range t.Data {
		// uniform in [-2*scale, 2*scale); integer-derived, so identical on
		// every architecture (NormFloat64 may call math.Exp)
		t.Data[i] = float32(int32(r.Uint32())) * float32(1.0/(1<<30)) * scale
	}
	return t
}

func labels(r *rand.Rand, n, classes int) Tensor {
	t := NewTensor(n)
	for i := range t.Data {
		t.Data[i] = float32(r.IntN(classes))
	}
	return t
}

func scalar(v float32) Tensor { return Tensor{Shape: []int{1}, Data: []float32{v}} }

// opCases returns one representative instance of every operator.
func opCases(r *rand.Rand) []opCase {
	m, k, n := 7, 13, 9
	logits := randTensor(r, 3, 6, 10)
	lse := NewTensor(6)
	_ = Interp{}.Run(OpLogSumExp, nil, []Tensor{logits}, lse)
	y := labels(r, 6, 10)
	g := randTensor(r, 0.1, 5, 4)
	b1t, b2t := scalar(0.9*0.9), scalar(0.999*0.999)
	idx := NewTensor(5)
	for i := range idx.Data {
		idx.Data[i] = float32(r.IntN(20))
	}
	c := []bool{false, false, true}
	return append([]opCase{
		{OpMatMul, nil, []Tensor{randTensor(r, 1, m, k), randTensor(r, 1, k, n)}, nil},
		{OpMatMulTN, nil, []Tensor{randTensor(r, 1, k, m), randTensor(r, 1, k, n)}, nil},
		{OpMatMulNT, nil, []Tensor{randTensor(r, 1, m, k), randTensor(r, 1, n, k)}, nil},
		{OpBiasAdd, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, n)}, nil},
		{OpReLU, nil, []Tensor{randTensor(r, 1, m, n)}, nil},
		{OpReLUGrad, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n)}, nil},
		{OpColSum, nil, []Tensor{randTensor(r, 1, m, n)}, nil},
		{OpBatchIndex, []uint32{0xdeadbeef, 7, 1797}, []Tensor{StepTensor(12)}, nil},
		{OpGather, nil, []Tensor{randTensor(r, 1, 20, 6), idx}, nil},
		{OpGather, nil, []Tensor{labels(r, 20, 10), idx}, nil},
		{OpLogSumExp, nil, []Tensor{logits}, nil},
		{OpSoftmaxXentLoss, nil, []Tensor{logits, lse, y}, nil},
		{OpMean, nil, []Tensor{randTensor(r, 1, 11)}, nil},
		{OpSoftmaxXentGrad, nil, []Tensor{logits, lse, y}, nil},
		{OpSGDVelocity, nil, []Tensor{randTensor(r, 0.1, 5, 4), g, scalar(0.9)}, c},
		{OpSGDParam, nil, []Tensor{randTensor(r, 0.1, 5, 4), g, scalar(0.05)}, c},
		{OpAdamMoment, []uint32{1}, []Tensor{randTensor(r, 0.1, 5, 4), g, scalar(0.9)}, c},
		{OpAdamMoment, []uint32{2}, []Tensor{randTensor(r, 0.01, 5, 4), g, scalar(0.999)}, c},
		{OpScalarMul, nil, []Tensor{b1t, scalar(0.9)}, []bool{false, true}},
		{OpAdamParam, nil, []Tensor{randTensor(r, 0.1, 5, 4), g, randTensor(r, 0.01, 5, 4), b1t, b2t, scalar(0.001), scalar(1e-8)},
			[]bool{false, false, false, false, false, true, true}},
		{OpIncrement, nil, []Tensor{StepTensor(41)}, nil},
	}, lmOpCases(r)...)
}

func runOp(t *testing.T, ex Executor, c opCase) Tensor {
	t.Helper()
	shapes := make([][]int, len(c.ins))
	for i, x := range c.ins {
		shapes[i] = x.Shape
	}
	shape, err := OutShape(c.op, c.attrs, shapes, 5)
	if err != nil {
		t.Fatal(err)
	}
	out := NewTensor(shape...)
	if err := ex.Run(c.op, c.attrs, c.ins, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkOperands verifies that every operand word is what it references.
func checkOperands(t *testing.T, c opCase, es []Entry) {
	t.Helper()
	for i, e := range es {
		for s, a := range e.Args {
			var want uint32
			switch a.Kind {
			case ArgInput:
				if c.isConst != nil && c.isConst[a.Slot] {
					t.Fatalf("entry %d arg %d: constant input referenced as ArgInput", i, s)
				}
				want = math.Float32bits(c.ins[a.Slot].Data[a.Index])
			case ArgConst:
				if c.isConst == nil || !c.isConst[a.Slot] {
					t.Fatalf("entry %d arg %d: ArgConst on a non-constant input", i, s)
				}
				want = math.Float32bits(c.ins[a.Slot].Data[0])
			case ArgInputAt:
				want = math.Float32bits(c.ins[a.Slot].Data[es[a.Index].Result])
			case ArgEntry:
				want = es[a.Index].Result
			case ArgImm, ArgNone:
				continue
			}
			if a.Word != want {
				t.Fatalf("entry %d arg %d (%v): word %#x, referenced value %#x", i, s, a, a.Word, want)
			}
		}
	}
}

// TestOperatorTraceReplay: for every operator and random elements, the
// element trace replays primitive by primitive to the CPU kernel's bits.
func TestOperatorTraceReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	seen := map[OpKind]bool{}
	for _, c := range opCases(r) {
		seen[c.op] = true
		out := runOp(t, CPU{}, c)
		ref := runOp(t, Interp{}, c)
		for e := range out.Data {
			if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
				t.Fatalf("%v element %d: CPU %#x, element program %#x", c.op, e, math.Float32bits(out.Data[e]), math.Float32bits(ref.Data[e]))
			}
		}
		for k := 0; k < 8; k++ {
			e := r.IntN(len(out.Data))
			es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			checkOperands(t, c, es)
			got, err := Replay(es)
			if err != nil {
				t.Fatalf("%v: %v", c.op, err)
			}
			if got != math.Float32bits(out.Data[e]) {
				t.Fatalf("%v element %d: replay %#x, kernel %#x", c.op, e, got, math.Float32bits(out.Data[e]))
			}
		}
	}
	for _, op := range AllOps() {
		if !seen[op] {
			t.Errorf("operator %v has no replay case", op)
		}
	}
}

// TestReplayRejectsTampering: a changed operand or result is detected.
func TestReplayRejectsTampering(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	c := opCases(r)[0]
	es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, 3)
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]Entry(nil), es...)
	bad[5].Result ^= 1
	if _, err := Replay(bad); err == nil {
		t.Fatal("tampered result accepted")
	}
	bad = append([]Entry(nil), es...)
	bad[7].Args[0].Word ^= 1
	if _, err := Replay(bad); err == nil {
		t.Fatal("tampered entry operand accepted")
	}
}

func TestMatMulSpecials(t *testing.T) {
	// NaN and infinities inside a product: kernels canonicalize like Exec.
	a := Tensor{Shape: []int{2, 2}, Data: []float32{float32(math.Inf(1)), 1, 0, 2}}
	b := Tensor{Shape: []int{2, 2}, Data: []float32{0, 1, 3, float32(math.Inf(-1))}}
	for _, op := range []OpKind{OpMatMul, OpMatMulTN, OpMatMulNT} {
		c := opCase{op: op, ins: []Tensor{a, b}}
		out := runOp(t, CPU{}, c)
		ref := runOp(t, Interp{}, c)
		for e := range out.Data {
			if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
				t.Fatalf("%v element %d: %#x vs %#x", op, e, math.Float32bits(out.Data[e]), math.Float32bits(ref.Data[e]))
			}
		}
	}
}

// TestMatMulShapes covers every blocking remainder against the programs.
func TestMatMulShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	for _, op := range []OpKind{OpMatMul, OpMatMulTN, OpMatMulNT} {
		for m := 1; m <= 9; m++ {
			for n := 1; n <= 9; n++ {
				k := 1 + r.IntN(12)
				var a, b Tensor
				switch op {
				case OpMatMul:
					a, b = randTensor(r, 1, m, k), randTensor(r, 1, k, n)
				case OpMatMulTN:
					a, b = randTensor(r, 1, k, m), randTensor(r, 1, k, n)
				default:
					a, b = randTensor(r, 1, m, k), randTensor(r, 1, n, k)
				}
				c := opCase{op: op, ins: []Tensor{a, b}}
				out, ref := runOp(t, CPU{}, c), runOp(t, Interp{}, c)
				for e := range out.Data {
					if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
						t.Fatalf("%v %dx%dx%d element %d differs", op, m, k, n, e)
					}
				}
			}
		}
	}
}

// TestMatMulDeepK crosses the k-blocking boundary (kc) with ragged m and n.
func TestMatMulDeepK(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 28))
	for _, op := range []OpKind{OpMatMul, OpMatMulTN, OpMatMulNT} {
		m, k, n := 13, 2*kc+37, 19
		var a, b Tensor
		switch op {
		case OpMatMul:
			a, b = randTensor(r, 1, m, k), randTensor(r, 1, k, n)
		case OpMatMulTN:
			a, b = randTensor(r, 1, k, m), randTensor(r, 1, k, n)
		default:
			a, b = randTensor(r, 1, m, k), randTensor(r, 1, n, k)
		}
		c := opCase{op: op, ins: []Tensor{a, b}}
		out, ref := runOp(t, CPU{}, c), runOp(t, Interp{}, c)
		for e := range out.Data {
			if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
				t.Fatalf("%v element %d differs", op, e)
			}
		}
	}
}

func TestExecutorRejectsBadShapes(t *testing.T) {
	a, b := NewTensor(2, 3), NewTensor(4, 2)
	for _, ex := range []Executor{CPU{}, Interp{}} {
		if err := ex.Run(OpMatMul, nil, []Tensor{a, b}, NewTensor(2, 2)); err == nil {
			t.Fatal("mismatched inner dimension accepted")
		}
		if err := ex.Run(OpMatMul, nil, []Tensor{a, NewTensor(3, 2)}, NewTensor(2, 3)); err == nil {
			t.Fatal("wrong output shape accepted")
		}
		bad := Tensor{Shape: []int{2, 3}, Data: make([]float32, 5)}
		if err := ex.Run(OpReLU, nil, []Tensor{bad}, NewTensor(2, 3)); err == nil {
			t.Fatal("short input data accepted")
		}
		tab, idx := NewTensor(3, 2), Tensor{Shape: []int{1}, Data: []float32{3}}
		if err := ex.Run(OpGather, nil, []Tensor{tab, idx}, NewTensor(1, 2)); err == nil {
			t.Fatal("out-of-range gather accepted")
		}
	}
}

// TestTraceLengths pins the documented trace lengths (docs/repops.md §5).
func TestTraceLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for _, c := range opCases(r) {
		es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, 0)
		if err != nil {
			t.Fatal(err)
		}
		var want int
		switch c.op {
		case OpMatMul, OpMatMulNT:
			want = 2 * c.ins[0].Shape[1]
		case OpMatMulTN:
			want = 2 * c.ins[0].Shape[0]
		case OpBiasAdd, OpReLU, OpScalarMul, OpIncrement:
			want = 1
		case OpReLUGrad, OpSGDVelocity, OpSGDParam:
			want = 2
		case OpColSum:
			want = c.ins[0].Shape[0]
		case OpBatchIndex:
			want = 100
			if a := es[98].Args[0]; a.Kind != ArgEntry || a.Index != 95 {
				t.Fatalf("BatchIndex entry 98 reads %v, want e95", a)
			}
		case OpGather:
			want = 4
		case OpLogSumExp:
			want = 27*c.ins[0].Shape[1] + 41
		case OpSoftmaxXentLoss:
			want = 3*c.ins[0].Shape[1] + 1
		case OpMean:
			want = c.ins[0].Shape[0] + 1
		case OpSoftmaxXentGrad:
			want = 29
		case OpAdamMoment:
			want = 3 + int(c.attrs[0])
		case OpAdamParam:
			want = 9
		default:
			want = lmDocLen(c)
		}
		if len(es) != want {
			t.Errorf("%v: trace length %d, documented %d", c.op, len(es), want)
		}
	}
}

// TestCPUMatchesInterpOnSpecials feeds every operator words of all IEEE
// classes (NaN payloads, infinities, signed zeros, subnormals) and checks
// that the CPU kernels equal the element programs bit for bit.
func TestCPUMatchesInterpOnSpecials(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for iter := 0; iter < 5; iter++ {
		for _, c := range opCases(r) {
			ins := make([]Tensor, len(c.ins))
			for s, x := range c.ins {
				ins[s] = x.Clone()
				keep := c.op == OpBatchIndex || c.op == OpIncrement || (c.op == OpGather && s == 1) ||
					((c.op == OpSoftmaxXentLoss || c.op == OpSoftmaxXentGrad) && s == 2) || lmKeepInput(c.op, s)
				if keep {
					continue
				}
				for i := range ins[s].Data {
					ins[s].Data[i] = f32(randWord(r))
				}
			}
			c.ins = ins
			out, ref := runOp(t, CPU{}, c), runOp(t, Interp{}, c)
			for e := range out.Data {
				if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
					t.Fatalf("%v element %d: CPU %#x, program %#x", c.op, e, math.Float32bits(out.Data[e]), math.Float32bits(ref.Data[e]))
				}
			}
		}
	}
}

// TestTraceStructureIsDataIndependent: the skeleton derived from shapes only
// matches the real traces, and VerifyElementTrace accepts honest traces and
// rejects forged ones.
func TestTraceStructureIsDataIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	for _, c := range opCases(r) {
		shapes := make([][]int, len(c.ins))
		for i, x := range c.ins {
			shapes[i] = x.Shape
		}
		out := runOp(t, CPU{}, c)
		for k := 0; k < 4; k++ {
			e := r.IntN(len(out.Data))
			es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			sk, err := TraceSkeleton(c.op, c.attrs, shapes, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			if len(sk) != len(es) {
				t.Fatalf("%v: skeleton length %d, trace %d", c.op, len(sk), len(es))
			}
			w, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, es)
			if err != nil || w != math.Float32bits(out.Data[e]) {
				t.Fatalf("%v: honest trace rejected: %v", c.op, err)
			}
			// Forge: claim a different result and make the trace consistent
			// with it in its last entry only.
			bad := append([]Entry(nil), es...)
			bad[len(bad)-1].Result ^= 0x10
			if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, bad); err == nil {
				t.Fatalf("%v: forged result accepted", c.op)
			}
			// Forge: read an input operand from a different element.
			bad = append([]Entry(nil), es...)
			for i := range bad {
				if bad[i].Args[0].Kind == ArgInput && len(c.ins[bad[i].Args[0].Slot].Data) > 1 {
					bad[i].Args[0].Index = (bad[i].Args[0].Index + 1) % len(c.ins[bad[i].Args[0].Slot].Data)
					if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, bad); err == nil {
						t.Fatalf("%v: moved operand accepted", c.op)
					}
					break
				}
			}
		}
	}
}

// FuzzOperators: operator inputs drawn from all IEEE classes by a fuzzed
// seed; CPU kernels must equal the element programs and a random element's
// trace must verify. `go test -run XXX -fuzz FuzzOperators ./node/repops`.
func FuzzOperators(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(0xdead), uint64(0xbeef))
	f.Fuzz(func(t *testing.T, s1, s2 uint64) {
		r := rand.New(rand.NewPCG(s1, s2))
		for _, c := range opCases(r) {
			ins := make([]Tensor, len(c.ins))
			for s, x := range c.ins {
				ins[s] = x.Clone()
				keep := c.op == OpBatchIndex || c.op == OpIncrement || (c.op == OpGather && s == 1) ||
					((c.op == OpSoftmaxXentLoss || c.op == OpSoftmaxXentGrad) && s == 2) || lmKeepInput(c.op, s)
				if keep {
					continue
				}
				for i := range ins[s].Data {
					ins[s].Data[i] = f32(randWord(r))
				}
			}
			c.ins = ins
			out, ref := runOp(t, CPU{}, c), runOp(t, Interp{}, c)
			for e := range out.Data {
				if math.Float32bits(out.Data[e]) != math.Float32bits(ref.Data[e]) {
					t.Fatalf("%v element %d: CPU %#x, program %#x", c.op, e, math.Float32bits(out.Data[e]), math.Float32bits(ref.Data[e]))
				}
			}
			e := r.IntN(len(out.Data))
			es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			if w, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, es); err != nil || w != math.Float32bits(out.Data[e]) {
				t.Fatalf("%v element %d: trace does not verify: %v", c.op, e, err)
			}
		}
	})
}
