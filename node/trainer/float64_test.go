package trainer

import (
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/repops"
)

func randT(r *rand.Rand, shape ...int) repops.Tensor {
	t := repops.NewTensor(shape...)
	for i := range t.Data {
		t.Data[i] = float32(r.NormFloat64())
	}
	return t
}

// TestFloat64MatMulAccumulatesInFloat64: each matrix-product element is the
// float64 sum rounded once (here 1e8 + 1 - 1e8 = 1, where RepOps' float32
// running sum gives 0), in all three forms.
func TestFloat64MatMulAccumulatesInFloat64(t *testing.T) {
	ex := Float64MatMul{}
	a := repops.Tensor{Shape: []int{1, 3}, Data: []float32{1e8, 1, -1e8}}
	b := repops.Tensor{Shape: []int{3, 1}, Data: []float32{1, 1, 1}}
	for _, c := range []struct {
		op   repops.OpKind
		a, b repops.Tensor
	}{
		{repops.OpMatMul, a, b},
		{repops.OpMatMulTN, repops.Tensor{Shape: []int{3, 1}, Data: a.Data}, b},
		{repops.OpMatMulNT, a, repops.Tensor{Shape: []int{1, 3}, Data: b.Data}},
	} {
		got, want := repops.NewTensor(1, 1), repops.NewTensor(1, 1)
		if err := ex.Run(c.op, nil, []repops.Tensor{c.a, c.b}, got); err != nil {
			t.Fatal(err)
		}
		if err := (repops.CPU{}).Run(c.op, nil, []repops.Tensor{c.a, c.b}, want); err != nil {
			t.Fatal(err)
		}
		if got.Data[0] != 1 || want.Data[0] != 0 {
			t.Fatalf("%v: float64 %v, RepOps %v; want 1 and 0", c.op, got.Data[0], want.Data[0])
		}
	}
	// Random products: every element is the rounded float64 sum, and some
	// differ from RepOps.
	r := rand.New(rand.NewSource(1))
	x, w := randT(r, 16, 64), randT(r, 64, 10)
	got, ref := repops.NewTensor(16, 10), repops.NewTensor(16, 10)
	if err := ex.Run(repops.OpMatMul, nil, []repops.Tensor{x, w}, got); err != nil {
		t.Fatal(err)
	}
	if err := (repops.CPU{}).Run(repops.OpMatMul, nil, []repops.Tensor{x, w}, ref); err != nil {
		t.Fatal(err)
	}
	diff := 0
	for i := 0; i < 16; i++ {
		for j := 0; j < 10; j++ {
			var s float64
			for k := 0; k < 64; k++ {
				s += float64(x.Data[i*64+k]) * float64(w.Data[k*10+j])
			}
			if got.Data[i*10+j] != float32(s) {
				t.Fatalf("element (%d,%d): %v, want %v", i, j, got.Data[i*10+j], float32(s))
			}
			if math.Float32bits(got.Data[i*10+j]) != math.Float32bits(ref.Data[i*10+j]) {
				diff++
			}
		}
	}
	if diff == 0 {
		t.Fatal("no element differs from RepOps")
	}
	// Bad shapes are refused, not computed.
	if err := ex.Run(repops.OpMatMul, nil, []repops.Tensor{x, x}, got); err == nil {
		t.Fatal("mismatched shapes accepted")
	}
}

// TestFloat64MatMulOtherOpsFromBase: the other operators are Base's, bit for
// bit (a step's non-matmul nodes given the same inputs), and a step trace
// with it holds MatMul elements that the RepOps element program contradicts.
func TestFloat64MatMulOtherOpsFromBase(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	x := randT(r, 4, 6)
	for _, op := range []repops.OpKind{repops.OpReLU, repops.OpColSum} {
		shape := []int{4, 6}
		if op == repops.OpColSum {
			shape = []int{6}
		}
		got, want := repops.NewTensor(shape...), repops.NewTensor(shape...)
		if err := (Float64MatMul{Base: repops.Interp{}}).Run(op, nil, []repops.Tensor{x}, got); err != nil {
			t.Fatal(err)
		}
		if err := (repops.Interp{}).Run(op, nil, []repops.Tensor{x}, want); err != nil {
			t.Fatal(err)
		}
		for i := range got.Data {
			if math.Float32bits(got.Data[i]) != math.Float32bits(want.Data[i]) {
				t.Fatalf("%v element %d: %v, want %v", op, i, got.Data[i], want.Data[i])
			}
		}
	}

	tr := exampleTrainer(t, Options{Executor: Float64MatMul{}, SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	trace, err := tr.StepTrace(st)
	if err != nil {
		t.Fatal(err)
	}
	g := tr.Graph()
	for j, n := range g.Nodes {
		if n.Kind != repops.KindOp || n.Op != repops.OpMatMul {
			continue
		}
		for e := range trace.Outputs[j].Data {
			if _, err := tr.ElementTrace(trace, j, e); err != nil {
				if !strings.Contains(err.Error(), "executor gave") {
					t.Fatal(err)
				}
				return // the first MatMul element the RepOps program contradicts
			}
		}
	}
	t.Fatal("every MatMul element of the step agrees with RepOps")
}
