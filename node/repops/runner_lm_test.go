package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// lmRunnerGraph is a small step graph over the transformer operators that
// a Runner handles specially: AdamWParam fed by the two AdamMoment
// operators (one fused pass), and Add, ScaleBy and AdamWParam writing over
// their state input. The loss is SumSq of SiLU(X W).
func lmRunnerGraph(rows, d int) *Graph {
	g := &Graph{Rows: rows}
	add := func(n Node) int {
		if n.Output == 0 {
			n.Output = -1
		}
		g.Nodes = append(g.Nodes, n)
		return len(g.Nodes) - 1
	}
	st := func(name string, shape ...int) int { return add(Node{Kind: KindState, Shape: shape, Name: name}) }
	op := func(o OpKind, attrs []uint32, shape []int, in ...int) int {
		return add(Node{Kind: KindOp, Op: o, Inputs: in, Attrs: attrs, Shape: shape})
	}
	cst := func(v float32) int {
		return add(Node{Kind: KindConst, Attrs: []uint32{math.Float32bits(v)}, Shape: []int{1}})
	}
	f := math.Float32bits
	dd, one := []int{d, d}, []int{1}
	W, m, v, b1t, b2t, step, ema, s2 := st("W", d, d), st("m", d, d), st("v", d, d), st("b1t", 1), st("b2t", 1),
		st("step", 1), st("ema", d, d), st("s2", d, d)
	X := add(Node{Kind: KindData, Shape: []int{rows, d}, Name: "X"})
	add(Node{Kind: KindData, Shape: []int{rows}, Name: "Y"})
	beta1, beta2, eps, wd := cst(0.9), cst(0.999), cst(1e-8), cst(0.1)
	h := op(OpMatMul, nil, []int{rows, d}, X, W)
	a := op(OpSiLU, nil, []int{rows, d}, h)
	loss := op(OpSumSq, nil, one, a)
	dh := op(OpSiLUGrad, nil, []int{rows, d}, a, h)
	gr := op(OpMatMulTN, nil, dd, X, dh)
	cs := op(OpClipScale, []uint32{f(1)}, one, op(OpSumSq, nil, one, gr))
	g2 := op(OpScaleBy, nil, dd, gr, cs)
	m2 := op(OpAdamMoment, []uint32{1}, dd, m, g2, beta1)
	v2 := op(OpAdamMoment, []uint32{2}, dd, v, g2, beta2)
	b1t2 := op(OpScalarMul, nil, one, b1t, beta1)
	b2t2 := op(OpScalarMul, nil, one, b2t, beta2)
	lr := op(OpLRSchedule, []uint32{f(0.01), f(2), f(10), f(8)}, one, step)
	ema2 := op(OpAdd, nil, dd, ema, g2)
	W2 := op(OpAdamWParam, nil, dd, W, m2, v2, b1t2, b2t2, lr, eps, wd)
	s22 := op(OpScaleBy, nil, dd, s2, cs)
	step2 := op(OpIncrement, nil, one, step)
	g.Outputs = []int{W2, m2, v2, b1t2, b2t2, step2, ema2, s22}
	for i, o := range g.Outputs {
		g.Nodes[o].Output = i
	}
	g.Loss = loss
	return g
}

// TestRunnerLMMatchesGraphRun: on the graph above a CPU Runner (fused
// AdamW pass, state updated in place or written to a separate next state)
// gives, step after step, exactly Graph.Run's next state and loss with the
// interpreter, on 1 and 3 threads.
func TestRunnerLMMatchesGraphRun(t *testing.T) {
	const rows, d = 9, 6
	g := lmRunnerGraph(rows, d)
	r := rand.New(rand.NewPCG(95, 96))
	data := Dataset{X: randTensor(r, 1, rows, d), Y: NewTensor(rows)}
	ref := make([]Tensor, g.NumState())
	for i := range ref {
		ref[i] = randTensor(r, 0.1, g.Nodes[i].Shape...)
	}
	ref[1], ref[2] = NewTensor(d, d), NewTensor(d, d)
	ref[3], ref[4], ref[5] = scalar(1), scalar(1), StepTensor(0)
	for _, threads := range []int{1, 3} {
		withThreads(t, Kernel(), threads, func() {
			forceParallel(t)
			want := cloneTensors(ref)
			inPlace, err := NewRunner(g, CPU{})
			if err != nil {
				t.Fatal(err)
			}
			sep, err := NewRunner(g, CPU{})
			if err != nil {
				t.Fatal(err)
			}
			fused := false
			for _, st := range inPlace.stages {
				fused = fused || st.kind == stageAdamW
			}
			if !fused {
				t.Fatal("AdamW is not fused")
			}
			for k := range ref {
				if !inPlace.inPlace[k] {
					t.Errorf("state tensor %d (%s) is not updated in place", k, g.Nodes[k].Name)
				}
			}
			a, b, next := cloneTensors(ref), cloneTensors(ref), cloneTensors(ref)
			for step := 0; step < 5; step++ {
				_, w, wl, err := g.Run(Interp{}, want, data)
				if err != nil {
					t.Fatal(err)
				}
				la, err := inPlace.Step(a, data, a)
				if err != nil {
					t.Fatal(err)
				}
				lb, err := sep.Step(b, data, next)
				if err != nil {
					t.Fatal(err)
				}
				b, next = next, b
				if !tensorsEqual(a, w) || !tensorsEqual(b, w) || bitsOf(la) != bitsOf(wl) || bitsOf(lb) != bitsOf(wl) {
					t.Fatalf("threads %d step %d: runner differs from Graph.Run", threads, step)
				}
				want = w
			}
			if n := testing.AllocsPerRun(5, func() {
				if _, err := inPlace.Step(a, data, a); err != nil {
					t.Fatal(err)
				}
			}); n != 0 {
				t.Fatalf("threads %d: %v allocations per step", threads, n)
			}
		})
	}
}

// TestAdamWFused: the fused pass equals the three operators on inputs of
// every IEEE class, also over its own state inputs.
func TestAdamWFused(t *testing.T) {
	r := rand.New(rand.NewPCG(97, 98))
	for iter := 0; iter < 40; iter++ {
		n := 1 + r.IntN(70)
		p, m, v, g := specialTensor(r, 0.1, n), specialTensor(r, 0.1, n), specialTensor(r, 0.01, n), specialTensor(r, 0.1, n)
		sc := []float32{0.9, 0.999, 0.81, 0.998001, 3e-4, 1e-8, 0.1}
		if iter%3 == 1 {
			for i := range sc {
				sc[i] = f32(randWord(r))
			}
		}
		c := []bool{false, false, true}
		wm := runOp(t, Interp{}, opCase{OpAdamMoment, []uint32{1}, []Tensor{m, g, scalar(sc[0])}, c})
		wv := runOp(t, Interp{}, opCase{OpAdamMoment, []uint32{2}, []Tensor{v, g, scalar(sc[1])}, c})
		wp := runOp(t, Interp{}, opCase{OpAdamWParam, nil, []Tensor{p, wm, wv, scalar(sc[2]), scalar(sc[3]), scalar(sc[4]), scalar(sc[5]), scalar(sc[6])},
			[]bool{false, false, false, false, false, false, true, true}})
		p2, m2, v2 := p.Clone(), m.Clone(), v.Clone()
		adamWFused(p2.Data, m2.Data, v2.Data, p2.Data, m2.Data, v2.Data, g.Data, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5], sc[6])
		if !tensorsEqual([]Tensor{p2, m2, v2}, []Tensor{wp, wm, wv}) {
			t.Fatalf("iter %d: fused AdamW differs from the operators", iter)
		}
	}
}
