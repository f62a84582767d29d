package repops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// withThreads runs f with SetThreads(n) and the matrix-product kernel
// name, restoring both afterwards.
func withThreads(t *testing.T, kernel string, n int, f func()) {
	t.Helper()
	oldK, oldT := Kernel(), Threads()
	if err := SetKernel(kernel); err != nil {
		t.Fatal(err)
	}
	if err := SetThreads(n); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := SetKernel(oldK); err != nil {
			t.Fatal(err)
		}
		if err := SetThreads(oldT); err != nil {
			t.Fatal(err)
		}
	}()
	f()
}

// lmRandomCases draws every transformer operator on random shapes with
// inputs of every IEEE class (special: only specials).
func lmRandomCases(r *rand.Rand, special bool) []opCase {
	T := func(scale float32, shape ...int) Tensor {
		if special {
			t := NewTensor(shape...)
			for i := range t.Data {
				t.Data[i] = f32(edgeWords[r.IntN(len(edgeWords))])
				if r.IntN(2) == 0 {
					t.Data[i] = f32(randWord(r))
				}
			}
			return t
		}
		return specialTensor(r, scale, shape...)
	}
	B, C, H, dh := 1+r.IntN(3), 1+r.IntN(9), 1+r.IntN(3), 1+r.IntN(7)
	d, M := H*dh, B*C
	m, n := 1+r.IntN(9), 1+r.IntN(13)
	R := 1 + r.IntN(m)
	for m%R != 0 {
		R--
	}
	V := 1 + r.IntN(7)
	tok := NewTensor(M)
	same := r.IntN(3) == 0 // a leading run of one token
	for i := range tok.Data {
		tok.Data[i] = float32(r.IntN(V))
		if same && i < M/2+1 {
			tok.Data[i] = float32(V - 1)
		}
		switch r.IntN(12) {
		case 0:
			tok.Data[i] = f32(negZero)
		case 1:
			tok.Data[i] = float32(V + r.IntN(3))
		case 2:
			tok.Data[i] = -1
		case 3:
			tok.Data[i] = 0.5
		case 4:
			tok.Data[i] = f32(CanonicalNaN)
		}
	}
	dH := T(1, M, d)
	if r.IntN(3) == 0 { // signed zeros only: the sums' signs
		for i := range dH.Data {
			dH.Data[i] = f32(uint32(r.IntN(2)) << 31)
		}
	}
	w := func() uint32 { return randWord(r) }
	wn := func() uint32 { // not NaN (LRSchedule's attributes)
		for {
			if x := randWord(r); !isNaNWord(x) {
				return x
			}
		}
	}
	sc := func() Tensor { return scalar(f32(randWord(r))) }
	starts := T(100, B)
	for i := range starts.Data {
		if r.IntN(2) == 0 {
			starts.Data[i] = float32(r.IntN(1000))
		}
	}
	scale := math.Float32bits(float32(1 / math.Sqrt(float64(dh))))
	if r.IntN(3) == 0 {
		scale = w()
	}
	x := T(4, m, n)
	adamConst := []bool{false, false, false, false, false, false, true, true}
	return []opCase{
		{OpWindowIndex, []uint32{uint32(C), uint32(r.IntN(2))}, []Tensor{starts}, nil},
		{OpAdd, nil, []Tensor{T(1, m, n), T(1, m, n)}, nil},
		{OpPosAdd, nil, []Tensor{T(1, m, n), T(1, R, n)}, nil},
		{OpRowGroupSum, []uint32{uint32(R)}, []Tensor{T(1, m, n)}, nil},
		{OpAttnScores, []uint32{uint32(H), uint32(C), scale, uint32(r.IntN(2))}, []Tensor{T(1, M, d), T(1, M, d)}, nil},
		{OpAttnApply, []uint32{uint32(H)}, []Tensor{T(0.25, B*H*C, C), T(1, M, d)}, nil},
		{OpAttnApplyT, []uint32{uint32(H)}, []Tensor{T(0.25, B*H*C, C), T(1, M, d)}, nil},
		{OpSoftmaxRow, nil, []Tensor{T(20, m, n), T(20, m)}, nil},
		{OpRowDot, nil, []Tensor{T(1, m, n), T(1, m, n)}, nil},
		{OpSoftmaxGrad, []uint32{w()}, []Tensor{T(0.25, m, n), T(1, m, n), T(1, m)}, nil},
		{OpRMSInv, []uint32{w()}, []Tensor{T(1, m, n)}, nil},
		{OpRMSInv, []uint32{math.Float32bits(1e-5)}, []Tensor{T(1, m, n)}, nil},
		{OpRMSNorm, nil, []Tensor{T(1, m, n), T(1, m), T(1, n)}, nil},
		{OpRMSNormRowDot, nil, []Tensor{T(1, m, n), T(1, m, n), T(1, n)}, nil},
		{OpRMSNormGradX, nil, []Tensor{T(1, m, n), T(1, m, n), T(1, m), T(1, n), T(1, m)}, nil},
		{OpRMSNormGradG, nil, []Tensor{T(1, m, n), T(1, m, n), T(1, m)}, nil},
		{OpSiLU, nil, []Tensor{x}, nil},
		{OpSiLUGrad, nil, []Tensor{T(1, m, n), x}, nil},
		{OpEmbedGrad, []uint32{uint32(V)}, []Tensor{dH, tok}, nil},
		{OpAdamWParam, nil, []Tensor{T(0.1, m, n), T(0.1, m, n), T(0.01, m, n), sc(), sc(), sc(), sc(), sc()}, adamConst},
		{OpAdamWParam, nil, []Tensor{T(0.1, m, n), T(0.1, m, n), T(0.01, m, n),
			scalar(0.81), scalar(0.998001), scalar(3e-4), scalar(1e-8), scalar(0.1)}, adamConst},
		{OpLRSchedule, []uint32{wn(), wn(), wn(), math.Float32bits(float32(1 + r.IntN(100)))}, []Tensor{StepTensor(r.Uint32())}, nil},
		{OpLRSchedule, []uint32{math.Float32bits(3e-4), math.Float32bits(10), math.Float32bits(100), math.Float32bits(90)},
			[]Tensor{StepTensor(uint32(r.IntN(120)))}, nil},
		{OpSumSq, nil, []Tensor{T(1, m, n)}, nil},
		{OpClipScale, []uint32{w()}, []Tensor{sc()}, nil},
		{OpScaleBy, nil, []Tensor{T(1, m, n), sc()}, nil},
	}
}

// TestLMKernelsMatchPrograms: every transformer operator's CPU kernel
// equals the element programs bit for bit, on random shapes and inputs of
// every IEEE class, for every matrix-product kernel this CPU runs and 1, 2
// and 3 threads (every attention operator split, however small).
func TestLMKernelsMatchPrograms(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(71, 72))
	iters := 60
	if testing.Short() {
		iters = 15
	}
	seen := map[OpKind]bool{}
	for iter := 0; iter < iters; iter++ {
		cases := lmRandomCases(r, iter%4 == 3)
		refs := make([]Tensor, len(cases))
		for i, c := range cases {
			refs[i] = runOp(t, Interp{}, c)
		}
		for _, kern := range runnableKernels(t) {
			for _, threads := range []int{1, 2, 3} {
				withThreads(t, kern.name, threads, func() {
					for i, c := range cases {
						seen[c.op] = true
						out := NewTensor(refs[i].Shape...)
						for e := range out.Data {
							out.Data[e] = f32(randWord(r)) // prior contents are ignored
						}
						if err := (CPU{}).Run(c.op, c.attrs, c.ins, out); err != nil {
							t.Fatal(err)
						}
						for e := range out.Data {
							if bitsOf(out.Data[e]) != bitsOf(refs[i].Data[e]) {
								t.Fatalf("iter %d kernel %s threads %d %v %v attrs %x element %d: kernel %#08x, program %#08x",
									iter, kern.name, threads, c.op, shapesOf(c.ins), c.attrs, e, bitsOf(out.Data[e]), bitsOf(refs[i].Data[e]))
							}
						}
					}
				})
			}
		}
	}
	for op := OpWindowIndex; op <= OpScaleBy; op++ {
		if !seen[op] {
			t.Errorf("%v not covered", op)
		}
	}
}

// TestLMInPlace: the operators readsElementwise lets a Runner write over
// their first input give the same bits when the output is that input.
func TestLMInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(73, 74))
	for iter := 0; iter < 20; iter++ {
		for _, c := range lmRandomCases(r, iter%2 == 1) {
			if !readsElementwise(&Node{Op: c.op, Inputs: []int{1, 2, 3, 4, 5, 6, 7, 8}[:len(c.ins)]}, 1) {
				continue
			}
			want := runOp(t, Interp{}, c)
			ins := append([]Tensor(nil), c.ins...)
			ins[0] = c.ins[0].Clone()
			if err := cpuKernel(c.op, c.attrs, ins, ins[0]); err != nil {
				t.Fatal(err)
			}
			if !tensorsEqual([]Tensor{ins[0]}, []Tensor{want}) {
				t.Fatalf("%v: in place differs", c.op)
			}
		}
	}
}

// TestLMTraces: for every transformer operator on random shapes, the
// skeleton matches every real trace's structure, VerifyElementTrace accepts
// the real traces (with the kernel's element) and rejects altered ones.
func TestLMTraces(t *testing.T) {
	r := rand.New(rand.NewPCG(75, 76))
	for iter := 0; iter < 8; iter++ {
		for _, c := range lmRandomCases(r, false) {
			shapes := shapesOf(c.ins)
			out := runOp(t, CPU{}, c)
			n, err := TraceLen(c.op, c.attrs, shapes)
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k < 3; k++ {
				e := r.IntN(len(out.Data))
				es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
				if err != nil {
					t.Fatal(err)
				}
				sk, err := TraceSkeleton(c.op, c.attrs, shapes, c.isConst, e)
				if err != nil {
					t.Fatal(err)
				}
				if len(es) != n || len(sk) != n {
					t.Fatalf("%v: trace %d, skeleton %d, TraceLen %d", c.op, len(es), len(sk), n)
				}
				for i := range es {
					if es[i].Op != sk[i].Op {
						t.Fatalf("%v entry %d: %v, skeleton %v", c.op, i, es[i].Op, sk[i].Op)
					}
					for s, a := range es[i].Args {
						b := sk[i].Args[s]
						if a.Kind != b.Kind || a.Slot != b.Slot || a.Index != b.Index || (a.Kind == ArgImm && a.Word != b.Word) {
							t.Fatalf("%v entry %d operand %d: %v, skeleton %v", c.op, i, s, a, b)
						}
					}
				}
				checkOperands(t, c, es)
				w, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, es)
				if err != nil || w != bitsOf(out.Data[e]) {
					t.Fatalf("%v element %d: honest trace: %v (%#08x, kernel %#08x)", c.op, e, err, w, bitsOf(out.Data[e]))
				}
				// Alterations: the result of a random entry, an immediate,
				// an input operand's index, the primitive; a short trace.
				i := r.IntN(len(es))
				bad := append([]Entry(nil), es...)
				bad[i].Result ^= 1 << r.IntN(32)
				if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, bad); err == nil {
					t.Fatalf("%v: altered result of entry %d accepted", c.op, i)
				}
				bad = append([]Entry(nil), es...)
				bad[i].Op = MUL
				if es[i].Op == MUL {
					bad[i].Op = ADD
				}
				if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, bad); err == nil {
					t.Fatalf("%v: altered primitive of entry %d accepted", c.op, i)
				}
				for i := range es {
					for s, a := range es[i].Args {
						bad = append([]Entry(nil), es...)
						switch a.Kind {
						case ArgImm:
							bad[i].Args[s].Word ^= 1
						case ArgInput:
							if len(c.ins[a.Slot].Data) < 2 {
								continue
							}
							bad[i].Args[s].Index = (a.Index + 1) % len(c.ins[a.Slot].Data)
							bad[i].Args[s].Word = bitsOf(c.ins[a.Slot].Data[bad[i].Args[s].Index])
						default:
							continue
						}
						if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, bad); err == nil {
							t.Fatalf("%v element %d: altered operand %d of entry %d accepted", c.op, e, s, i)
						}
					}
				}
				if _, err := VerifyElementTrace(c.op, c.attrs, c.ins, c.isConst, e, es[:len(es)-1]); err == nil && len(es) > 1 {
					t.Fatalf("%v: short trace accepted", c.op)
				}
			}
		}
	}
}

// TestLMOutShapeRejects: bad shapes and attributes get an error naming the
// operator (and no panic, also through the executors and TraceLen).
func TestLMOutShapeRejects(t *testing.T) {
	s := func(d ...int) []int { return d }
	one := s(1)
	f := math.Float32bits
	cases := []struct {
		op    OpKind
		attrs []uint32
		in    [][]int
		why   string
	}{
		{OpWindowIndex, []uint32{4}, [][]int{s(2)}, "attributes"},
		{OpWindowIndex, []uint32{0, 0}, [][]int{s(2)}, "C = 0"},
		{OpWindowIndex, []uint32{4, 1 << 24}, [][]int{s(2)}, "offset"},
		{OpWindowIndex, []uint32{4, 0}, [][]int{s(2, 1)}, "starts"},
		{OpWindowIndex, []uint32{4, 0}, [][]int{s(2), s(2)}, "inputs"},
		{OpAdd, nil, [][]int{s(2, 3), s(3, 2)}, "differ"},
		{OpAdd, nil, [][]int{s(2, 0), s(2, 0)}, "dimensions"},
		{OpPosAdd, nil, [][]int{s(6, 3), s(4, 3)}, "R dividing"},
		{OpPosAdd, nil, [][]int{s(6, 3), s(3, 2)}, "R dividing"},
		{OpRowGroupSum, []uint32{4}, [][]int{s(6, 3)}, "dividing"},
		{OpRowGroupSum, []uint32{0}, [][]int{s(6, 3)}, "dividing"},
		{OpAttnScores, []uint32{3, 4, f(1), 1}, [][]int{s(8, 8), s(8, 8)}, "H = 3"},
		{OpAttnScores, []uint32{2, 3, f(1), 1}, [][]int{s(8, 8), s(8, 8)}, "C = 3"},
		{OpAttnScores, []uint32{2, 4, f(1), 2}, [][]int{s(8, 8), s(8, 8)}, "causal"},
		{OpAttnScores, []uint32{2, 4, f(1), 0}, [][]int{s(8, 8), s(8, 4)}, "need Q"},
		{OpAttnScores, []uint32{0, 4, f(1), 0}, [][]int{s(8, 8), s(8, 8)}, "H = 0"},
		{OpAttnScores, []uint32{2, 4, f(1)}, [][]int{s(8, 8), s(8, 8)}, "attributes"},
		{OpAttnApply, []uint32{2}, [][]int{s(15, 4), s(8, 8)}, "need P"},
		{OpAttnApply, []uint32{2}, [][]int{s(16, 3), s(8, 8)}, "need P"},
		{OpAttnApplyT, []uint32{3}, [][]int{s(16, 4), s(8, 8)}, "H = 3"},
		{OpAttnApplyT, []uint32{2}, [][]int{s(16, 4), s(8)}, "need P"},
		{OpSoftmaxRow, nil, [][]int{s(3, 4), s(4)}, "lse"},
		{OpRowDot, nil, [][]int{s(3, 4), s(3, 5)}, "need X"},
		{OpSoftmaxGrad, []uint32{f(1)}, [][]int{s(3, 4), s(3, 4), s(4)}, "r[m]"},
		{OpSoftmaxGrad, nil, [][]int{s(3, 4), s(3, 4), s(3)}, "attributes"},
		{OpRMSInv, []uint32{f(1e-5)}, [][]int{s(12)}, "X[m,n]"},
		{OpRMSNorm, nil, [][]int{s(3, 4), s(3), s(3)}, "g[n]"},
		{OpRMSNormRowDot, nil, [][]int{s(3, 4), s(3, 4), s(3)}, "g[n]"},
		{OpRMSNormGradX, nil, [][]int{s(3, 4), s(3, 4), s(3), s(4), s(4)}, "c[m]"},
		{OpRMSNormGradG, nil, [][]int{s(3, 4), s(3, 4), s(4)}, "r[m]"},
		{OpSiLUGrad, nil, [][]int{s(3, 4), s(4, 3)}, "differ"},
		{OpEmbedGrad, []uint32{5}, [][]int{s(6, 4), s(5)}, "tok[M]"},
		{OpEmbedGrad, []uint32{0}, [][]int{s(6, 4), s(6)}, "V = 0"},
		{OpEmbedGrad, []uint32{1 << 24}, [][]int{s(6, 4), s(6)}, "V = "},
		{OpAdamWParam, nil, [][]int{s(3), s(3), s(3), one, one, one, one, s(2)}, "input 7"},
		{OpAdamWParam, nil, [][]int{s(3), s(3), s(4), one, one, one, one, one}, "differ"},
		{OpAdamWParam, nil, [][]int{s(3), s(3), s(3), one, one, one, one}, "inputs"},
		{OpLRSchedule, []uint32{f(1), f(1), f(2), 0}, [][]int{one}, "span"},
		{OpLRSchedule, []uint32{f(1), f(1), CanonicalNaN, f(1)}, [][]int{one}, "NaN"},
		{OpLRSchedule, []uint32{f(1), f(1), f(2), f(1)}, [][]int{s(2)}, "step"},
		{OpClipScale, []uint32{f(1)}, [][]int{s(2)}, "scalar"},
		{OpScaleBy, nil, [][]int{s(3, 4), s(2)}, "scalar"},
		{OpSumSq, nil, [][]int{s()}, "no dimensions"},
	}
	for _, c := range cases {
		_, err := OutShape(c.op, c.attrs, c.in, 1)
		if err == nil || !strings.Contains(err.Error(), c.op.String()) || !strings.Contains(err.Error(), c.why) {
			t.Errorf("%v %v %v: %v, want an error saying %q", c.op, c.attrs, c.in, err, c.why)
		}
		if _, err := TraceLen(c.op, c.attrs, c.in); err == nil {
			t.Errorf("%v %v %v: TraceLen accepted", c.op, c.attrs, c.in)
		}
		ins := make([]Tensor, len(c.in))
		for i, sh := range c.in {
			ins[i] = Tensor{Shape: sh, Data: make([]float32, max(0, numElems(sh)))}
		}
		for _, ex := range []Executor{CPU{}, Interp{}} {
			if err := ex.Run(c.op, c.attrs, ins, NewTensor(1)); err == nil {
				t.Errorf("%v %v %v: %T accepted", c.op, c.attrs, c.in, ex)
			}
		}
	}
}

// TestLMKernelsNoAllocs: the attention kernels (also split across threads)
// and EmbedGrad allocate nothing in the steady state.
func TestLMKernelsNoAllocs(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(77, 78))
	const B, C, H, d = 2, 8, 2, 8
	q, k := randTensor(r, 1, B*C, d), randTensor(r, 1, B*C, d)
	s := NewTensor(B*H*C, C)
	o := NewTensor(B*C, d)
	tok := labels(r, B*C, 5)
	emb := NewTensor(5, d)
	withThreads(t, Kernel(), 2, func() {
		type call struct {
			op    OpKind
			attrs []uint32
			in    []Tensor
			out   Tensor
		}
		calls := []call{
			{OpAttnScores, []uint32{H, C, math.Float32bits(0.5), 1}, []Tensor{q, k}, s},
			{OpAttnApply, []uint32{H}, []Tensor{s, q}, o},
			{OpAttnApplyT, []uint32{H}, []Tensor{s, q}, o},
			{OpEmbedGrad, []uint32{5}, []Tensor{q, tok}, emb},
		}
		run := func() {
			for _, c := range calls {
				if err := cpuKernel(c.op, c.attrs, c.in, c.out); err != nil {
					t.Fatal(err)
				}
			}
		}
		run()
		if n := testing.AllocsPerRun(20, run); n != 0 {
			t.Fatalf("%v allocations per run", n)
		}
	})
}

// BenchmarkLMOps: the transformer operators at a realistic size (B = 8
// windows of C = 64 tokens, d = 128, H = 4 heads, V = 256; SiLU on the
// [M, 4d] hidden layer), CPU kernel against the element-program
// interpreter:
// go test ./node/repops -run XXX -bench LMOps -benchtime 3x -count 5
func BenchmarkLMOps(b *testing.B) {
	const B, C, d, H, V = 8, 64, 128, 4, 256
	M := B * C
	r := rand.New(rand.NewPCG(91, 92))
	q, k := randTensor(r, 1, M, d), randTensor(r, 1, M, d)
	p := randTensor(r, 0.02, B*H*C, C)
	tok := labels(r, M, V)
	scale := math.Float32bits(float32(1 / math.Sqrt(d/H)))
	s := randTensor(r, 4, B*H*C, C)
	lse := NewTensor(B * H * C)
	if err := (CPU{}).Run(OpLogSumExp, nil, []Tensor{s}, lse); err != nil {
		b.Fatal(err)
	}
	h := randTensor(r, 4, M, 4*d)
	for _, c := range []opCase{
		{OpAttnScores, []uint32{H, C, scale, 1}, []Tensor{q, k}, nil},
		{OpAttnApply, []uint32{H}, []Tensor{p, q}, nil},
		{OpAttnApplyT, []uint32{H}, []Tensor{p, q}, nil},
		{OpEmbedGrad, []uint32{V}, []Tensor{q, tok}, nil},
		{OpSoftmaxRow, nil, []Tensor{s, lse}, nil},
		{OpSiLU, nil, []Tensor{h}, nil},
	} {
		out, err := OutShape(c.op, c.attrs, shapesOf(c.ins), 1)
		if err != nil {
			b.Fatal(err)
		}
		o := NewTensor(out...)
		for _, ex := range []Executor{CPU{}, Interp{}} {
			b.Run(fmt.Sprintf("op=%v/ex=%T", c.op, ex), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if err := ex.Run(c.op, c.attrs, c.ins, o); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestLMExpOpsLarge: SoftmaxRow, SiLU and SiLUGrad on tensors large enough
// to be split across threads (chunks that cut rows) equal the programs, on
// 1, 2 and 3 threads.
func TestLMExpOpsLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(79, 80))
	m, n := 263, 251 // 66013 elements: three chunks of parGrain
	if m*n < 2*parGrain {
		t.Fatal("too small to split")
	}
	x, dy, lse := specialTensor(r, 20, m, n), specialTensor(r, 1, m, n), specialTensor(r, 20, m)
	cases := []opCase{
		{OpSoftmaxRow, nil, []Tensor{x, lse}, nil},
		{OpSiLU, nil, []Tensor{x}, nil},
		{OpSiLUGrad, nil, []Tensor{dy, x}, nil},
	}
	for _, c := range cases {
		want := runOp(t, Interp{}, c)
		for _, threads := range []int{1, 2, 3} {
			withThreads(t, Kernel(), threads, func() {
				if got := runOp(t, CPU{}, c); !tensorsEqual([]Tensor{got}, []Tensor{want}) {
					t.Fatalf("%v on %d threads differs from the program", c.op, threads)
				}
			})
		}
	}
}

// TestLMAttentionConcurrent: attention operators called from several
// goroutines at once (each split across the shared pool) give the
// program's bits.
func TestLMAttentionConcurrent(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(99, 100))
	const B, C, H, d = 3, 5, 2, 6
	q, k := specialTensor(r, 1, B*C, d), specialTensor(r, 1, B*C, d)
	p := specialTensor(r, 0.25, B*H*C, C)
	cases := []opCase{
		{OpAttnScores, []uint32{H, C, math.Float32bits(0.5), 1}, []Tensor{q, k}, nil},
		{OpAttnApply, []uint32{H}, []Tensor{p, q}, nil},
		{OpAttnApplyT, []uint32{H}, []Tensor{p, k}, nil},
	}
	want := make([]Tensor, len(cases))
	for i, c := range cases {
		want[i] = runOp(t, Interp{}, c)
	}
	withThreads(t, Kernel(), 3, func() {
		errs := make(chan error, 8)
		for w := 0; w < 8; w++ {
			go func(w int) {
				c := cases[w%len(cases)]
				out := NewTensor(want[w%len(cases)].Shape...)
				var err error
				for it := 0; it < 20 && err == nil; it++ {
					if err = (CPU{}).Run(c.op, c.attrs, c.ins, out); err == nil && !tensorsEqual([]Tensor{out}, []Tensor{want[w%len(cases)]}) {
						err = fmt.Errorf("%v differs on goroutine %d", c.op, w)
					}
				}
				errs <- err
			}(w)
		}
		for w := 0; w < 8; w++ {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	})
}
