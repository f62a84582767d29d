package repops

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// synthData: rows of `features` values in [0,16] whose class is a fixed
// linear function's argmax (learnable).
func synthData(rows, features, classes int, seed uint64) Dataset {
	r := rand.New(rand.NewPCG(seed, 99))
	proto := make([][]float32, classes)
	for c := range proto {
		proto[c] = make([]float32, features)
		for j := range proto[c] {
			proto[c][j] = float32(r.IntN(17))
		}
	}
	x, y := NewTensor(rows, features), NewTensor(rows)
	for i := 0; i < rows; i++ {
		c := r.IntN(classes)
		y.Data[i] = float32(c)
		for j := 0; j < features; j++ {
			v := proto[c][j] + float32(r.IntN(5)-2)
			x.Data[i*features+j] = min(max(v, 0), 16)
		}
	}
	return Dataset{X: x, Y: y}
}

func testConfigs() []MLPConfig {
	return []MLPConfig{
		{Layers: []int{16, 12, 4}, Optimizer: OptSGD, LR: 0.002, Momentum: 0.9, BatchSize: 16, Seed: 42},
		{Layers: []int{16, 12, 10, 4}, Optimizer: OptAdam, LR: 0.01, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7, BatchSize: 8, Seed: 0x123456789},
	}
}

func tensorsEqual(a, b []Tensor) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameShape(a[i].Shape, b[i].Shape) || len(a[i].Data) != len(b[i].Data) {
			return false
		}
		for j := range a[i].Data {
			if math.Float32bits(a[i].Data[j]) != math.Float32bits(b[i].Data[j]) {
				return false
			}
		}
	}
	return true
}

func TestStepGraphTrains(t *testing.T) {
	for _, cfg := range testConfigs() {
		data := synthData(100, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 5)
		g, err := BuildStep(cfg, 100)
		if err != nil {
			t.Fatal(err)
		}
		st, err := InitState(cfg)
		if err != nil {
			t.Fatal(err)
		}
		_, loss0, err := Evaluate(cfg, CPU{}, st, data)
		if err != nil {
			t.Fatal(err)
		}
		for step := 0; step < 200; step++ {
			_, next, _, err := g.Run(CPU{}, st, data)
			if err != nil {
				t.Fatal(err)
			}
			st = next
		}
		if StepCounter(st[len(st)-1]) != 200 {
			t.Fatalf("step counter %v", StepCounter(st[len(st)-1]))
		}
		acc, loss1, err := Evaluate(cfg, CPU{}, st, data)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: loss %.4f -> %.4f, accuracy %.2f", cfg.Optimizer, loss0, loss1, acc)
		if !(loss1 < loss0/2) || acc < 0.8 {
			t.Fatalf("%s did not learn: loss %v -> %v, accuracy %v", cfg.Optimizer, loss0, loss1, acc)
		}
	}
}

// TestStepGraphTraces: the CPU executor and the element-program interpreter
// give identical step traces, and every operator node's element traces
// replay to the trace's bits.
func TestStepGraphTraces(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for _, cfg := range testConfigs() {
		data := synthData(50, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 6)
		g, err := BuildStep(cfg, 50)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := InitState(cfg)
		for step := 0; step < 3; step++ {
			_, st, _, _ = g.Run(CPU{}, st, data)
		}
		trace, next, _, err := g.Run(CPU{}, st, data)
		if err != nil {
			t.Fatal(err)
		}
		trace2, next2, _, err := g.Run(Interp{}, st, data)
		if err != nil {
			t.Fatal(err)
		}
		if !tensorsEqual(trace, trace2) || !tensorsEqual(next, next2) {
			t.Fatal("CPU and Interp step traces differ")
		}
		for i, n := range g.Nodes {
			if n.Kind != KindOp {
				if _, err := g.ElementTrace(trace, i, 0); err == nil {
					t.Fatalf("input node %d has an element trace", i)
				}
				continue
			}
			for k := 0; k < 3; k++ {
				e := r.IntN(len(trace[i].Data))
				es, err := g.ElementTrace(trace, i, e)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Replay(es)
				if err != nil || got != math.Float32bits(trace[i].Data[e]) {
					t.Fatalf("node %d (%s) element %d: replay %#x (%v), trace %#x", i, n.Name, e, got, err, math.Float32bits(trace[i].Data[e]))
				}
				ins := make([]Tensor, len(n.Inputs))
				isc := make([]bool, len(n.Inputs))
				for s, x := range n.Inputs {
					ins[s] = trace[x]
					isc[s] = g.Nodes[x].Kind == KindConst
				}
				checkOperands(t, opCase{op: n.Op, attrs: n.Attrs, ins: ins, isConst: isc}, es)
			}
		}
	}
}

func TestGraphEncoding(t *testing.T) {
	cfg := testConfigs()[1]
	g1, _ := BuildStep(cfg, 100)
	g2, _ := BuildStep(cfg, 100)
	if !bytes.Equal(g1.Encode(), g2.Encode()) {
		t.Fatal("encoding not deterministic")
	}
	cfg.LR = 0.004
	g3, _ := BuildStep(cfg, 100)
	if bytes.Equal(g1.Encode(), g3.Encode()) {
		t.Fatal("encoding ignores a hyperparameter")
	}
	g4, _ := BuildStep(testConfigs()[1], 101)
	if bytes.Equal(g1.Encode(), g4.Encode()) {
		t.Fatal("encoding ignores the dataset rows")
	}
	names, _, _ := StateShapes(testConfigs()[1])
	if g1.NumState() != len(names) {
		t.Fatal("state count")
	}
	for i, o := range g1.Outputs {
		if !sameShape(g1.Nodes[o].Shape, g1.Nodes[i].Shape) || g1.Nodes[o].Output != i {
			t.Fatalf("output %d (%s) does not match its state tensor", i, names[i])
		}
	}
}

func TestBatchIndexIsPureFunction(t *testing.T) {
	cfg := testConfigs()[0]
	g, _ := BuildStep(cfg, 97)
	data := synthData(97, 16, 4, 1)
	st, _ := InitState(cfg)
	st[len(st)-1] = StepTensor(1234)
	tr, _, _, _ := g.Run(CPU{}, st, data)
	idx := tr[g.Nodes[len(g.Nodes)-1].Inputs[0]+0] // step node
	_ = idx
	var batchNode int
	for i, n := range g.Nodes {
		if n.Kind == KindOp && n.Op == OpBatchIndex {
			batchNode = i
		}
	}
	for r, v := range tr[batchNode].Data {
		want := RandomWord(cfg.Seed, StreamBatch, 1234, uint32(r)) % 97
		if v != float32(want) {
			t.Fatalf("row %d: index %v, want %d", r, v, want)
		}
	}
}
