package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

func cloneTensors(ts []Tensor) []Tensor {
	out := make([]Tensor, len(ts))
	for i, t := range ts {
		out[i] = t.Clone()
	}
	return out
}

// TestRunnerMatchesGraphRun: for both optimizers, with the CPU executor
// (fused kernels) and the interpreter (one executor call per node), a
// Runner updating the state in place and one writing a separate next state
// give, step after step, exactly the next state and loss of Graph.Run with
// the element-program interpreter.
func TestRunnerMatchesGraphRun(t *testing.T) {
	for _, cfg := range testConfigs() {
		data := synthData(60, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 8)
		g, err := BuildStep(cfg, 60)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := InitState(cfg)
		if err != nil {
			t.Fatal(err)
		}
		type variant struct {
			name    string
			ex      Executor
			inPlace bool
		}
		variants := []variant{{"cpu/in-place", CPU{}, true}, {"cpu/next", CPU{}, false}, {"cpu-ptr/in-place", &CPU{}, true},
			{"interp/in-place", Interp{}, true}, {"interp/next", Interp{}, false}}
		runners := make([]*Runner, len(variants))
		states := make([][]Tensor, len(variants))
		for k, v := range variants {
			if runners[k], err = NewRunner(g, v.ex); err != nil {
				t.Fatal(err)
			}
			states[k] = cloneTensors(ref)
		}
		if !runners[0].cpu || !runners[2].cpu || runners[3].cpu {
			t.Fatal("executor kinds not recognized")
		}
		for k := range ref {
			if !runners[0].inPlace[k] {
				t.Errorf("%s: state tensor %d (%s) is not updated in place", cfg.Optimizer, k, g.Nodes[k].Name)
			}
		}
		for step := 0; step < 6; step++ {
			_, want, wantLoss, err := g.Run(Interp{}, ref, data)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range variants {
				next := states[k]
				if !v.inPlace {
					next = cloneTensors(states[k])
					for _, x := range next {
						clear(x.Data)
					}
				}
				loss, err := runners[k].Step(states[k], data, next)
				if err != nil {
					t.Fatal(err)
				}
				if !tensorsEqual(next, want) || math.Float32bits(loss) != math.Float32bits(wantLoss) {
					t.Fatalf("%s %s step %d: differs from Graph.Run", cfg.Optimizer, v.name, step)
				}
				states[k] = next
			}
			ref = want
		}
	}
}

// TestRunnerKeepsLateReaders: a state tensor that is read after its
// successor is computed is not overwritten early; the Runner keeps the
// successor aside and copies it at the end.
func TestRunnerKeepsLateReaders(t *testing.T) {
	cfg := testConfigs()[1]
	data := synthData(40, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 9)
	g, err := BuildStep(cfg, 40)
	if err != nil {
		t.Fatal(err)
	}
	// A node after the optimizer reading W1 (state 0), made the loss so
	// that its value is observable.
	g.Nodes = append(g.Nodes, Node{Kind: KindOp, Op: OpColSum, Inputs: []int{0}, Shape: []int{cfg.Layers[1]}, Output: -1, Name: "late"})
	g.Nodes = append(g.Nodes, Node{Kind: KindOp, Op: OpMean, Inputs: []int{len(g.Nodes) - 1}, Shape: []int{1}, Output: -1, Name: "late mean"})
	g.Loss = len(g.Nodes) - 1
	r, err := NewRunner(g, CPU{})
	if err != nil {
		t.Fatal(err)
	}
	if r.inPlace[0] || !r.inPlace[1] {
		t.Fatalf("in-place plan: W1 %v (want false), b1 %v (want true)", r.inPlace[0], r.inPlace[1])
	}
	st, _ := InitState(cfg)
	ref := cloneTensors(st)
	for step := 0; step < 3; step++ {
		_, want, wantLoss, err := g.Run(Interp{}, ref, data)
		if err != nil {
			t.Fatal(err)
		}
		loss, err := r.Step(st, data, st)
		if err != nil {
			t.Fatal(err)
		}
		if !tensorsEqual(st, want) || math.Float32bits(loss) != math.Float32bits(wantLoss) {
			t.Fatalf("step %d differs from Graph.Run", step)
		}
		ref = want
	}
}

// TestRunnerRejectsBadInput: wrong state, next or data shapes are errors
// and leave the state untouched; a graph that does not check is refused.
func TestRunnerRejectsBadInput(t *testing.T) {
	cfg := testConfigs()[0]
	data := synthData(30, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 11)
	g, _ := BuildStep(cfg, 30)
	r, err := NewRunner(g, CPU{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := InitState(cfg)
	before := cloneTensors(st)
	bad := []struct {
		name       string
		state, nxt []Tensor
		data       Dataset
	}{
		{"short state", st[1:], st[1:], data},
		{"short next", st, st[1:], data},
		{"state shape", append([]Tensor{NewTensor(3, 3)}, st[1:]...), st, data},
		{"next size", st, append([]Tensor{NewTensor(1)}, st[1:]...), data},
		{"data rows", st, st, synthData(31, cfg.Layers[0], 4, 1)},
		{"labels", st, st, Dataset{X: data.X, Y: NewTensor(29)}},
	}
	for _, b := range bad {
		if _, err := r.Step(b.state, b.data, b.nxt); err == nil {
			t.Errorf("%s: accepted", b.name)
		}
	}
	if !tensorsEqual(st, before) {
		t.Fatal("a rejected step changed the state")
	}
	g.Nodes[len(g.Nodes)-1].Shape = []int{2}
	if _, err := NewRunner(g, CPU{}); err == nil {
		t.Fatal("a graph with a wrong shape was accepted")
	}
}

// TestParallelOptimizerPasses: the optimizer passes split over 1 to 4
// threads give the bits of one pass over the whole tensor, and a Runner on
// a model whose tensors are split gives Graph.Run's state.
func TestParallelOptimizerPasses(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	n := 5*parGrain + 123
	p, m, v, g := specialTensor(r, 0.1, n), specialTensor(r, 0.1, n), specialTensor(r, 0.01, n), specialTensor(r, 0.1, n)
	wantP, wantM, wantV := p.Clone(), m.Clone(), v.Clone()
	adamFused(wantP.Data, wantM.Data, wantV.Data, p.Data, m.Data, v.Data, g.Data, 0.9, 0.999, 0.81, 0.998001, 0.001, 1e-7)
	wantSP, wantSV := p.Clone(), v.Clone()
	sgdFused(wantSP.Data, wantSV.Data, p.Data, v.Data, g.Data, 0.9, 0.01)
	var task parTask
	for threads := 1; threads <= 4; threads++ {
		po, mo, vo := NewTensor(n), NewTensor(n), NewTensor(n)
		job := adamJob{po: po.Data, mo: mo.Data, vo: vo.Data, p: p.Data, m: m.Data, v: v.Data, g: g.Data,
			b1: 0.9, b2: 0.999, b1t: 0.81, b2t: 0.998001, lr: 0.001, eps: 1e-7}
		parallelFor(&task, &job, n, threads)
		if !tensorsEqual([]Tensor{po, mo, vo}, []Tensor{wantP, wantM, wantV}) {
			t.Fatalf("Adam on %d threads differs", threads)
		}
		sp, sv := NewTensor(n), NewTensor(n)
		sj := sgdJob{po: sp.Data, vo: sv.Data, p: p.Data, v: v.Data, g: g.Data, mu: 0.9, lr: 0.01}
		parallelFor(&task, &sj, n, threads)
		if !tensorsEqual([]Tensor{sp, sv}, []Tensor{wantSP, wantSV}) {
			t.Fatalf("SGD on %d threads differs", threads)
		}
	}
	for _, cfg := range []MLPConfig{
		{Layers: []int{300, 256, 4}, Optimizer: OptAdam, LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7, BatchSize: 4, Seed: 3},
		{Layers: []int{300, 256, 4}, Optimizer: OptSGD, LR: 0.01, Momentum: 0.9, BatchSize: 4, Seed: 3},
	} {
		data := synthData(20, 300, 4, 12)
		gr, _ := BuildStep(cfg, 20)
		run, err := NewRunner(gr, CPU{})
		if err != nil {
			t.Fatal(err)
		}
		st, _ := InitState(cfg)
		ref := cloneTensors(st)
		for step := 0; step < 2; step++ {
			_, want, _, err := gr.Run(CPU{}, ref, data)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := run.Step(st, data, st); err != nil {
				t.Fatal(err)
			}
			if !tensorsEqual(st, want) {
				t.Fatalf("%s: step %d differs from Graph.Run", cfg.Optimizer, step)
			}
			ref = want
		}
	}
}

// TestRunnerHoldsNoSpareState: stepping in place or into a separate next
// state, a Runner never allocates buffers of its own for the next state's
// tensors; only a step that must keep a successor aside does, for that one.
func TestRunnerHoldsNoSpareState(t *testing.T) {
	cfg := testConfigs()[1]
	data := synthData(40, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 13)
	g, _ := BuildStep(cfg, 40)
	r, err := NewRunner(g, CPU{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := InitState(cfg)
	next := cloneTensors(st)
	for k := 0; k < 2; k++ {
		if _, err := r.Step(st, data, next); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Step(st, data, st); err != nil {
			t.Fatal(err)
		}
	}
	for i, o := range g.Outputs {
		if r.own[o].Data != nil {
			t.Fatalf("state tensor %d (%s): the runner holds a buffer for its successor", i, g.Nodes[i].Name)
		}
	}
	ri, err := NewRunner(g, Interp{}) // no in-place updates: successors are kept aside
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ri.Step(st, data, st); err != nil {
		t.Fatal(err)
	}
	if ri.own[g.Outputs[0]].Data == nil {
		t.Fatal("a successor kept aside has no buffer")
	}
}
