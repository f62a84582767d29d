package trainer

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/gensyn-stack/gensyn/node/repops"
)

func sameState(a, b *State) bool {
	if a.Step != b.Step || len(a.Tensors) != len(b.Tensors) {
		return false
	}
	for i := range a.Tensors {
		x, y := a.Tensors[i].Data, b.Tensors[i].Data
		if len(x) != len(y) {
			return false
		}
		for j := range x {
			if math.Float32bits(x[j]) != math.Float32bits(y[j]) {
				return false
			}
		}
	}
	return true
}

// TestAdvanceMatchesStep: stepping in place gives the bits of Step (a new
// state) and of the step graph run by the interpreter, and Step leaves its
// input alone.
func TestAdvanceMatchesStep(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	ref := exampleTrainer(t, Options{SkipEval: true, Executor: repops.Interp{}})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	in := st.clone()
	for i := 0; i < 5; i++ {
		next, loss, err := tr.Step(st)
		if err != nil {
			t.Fatal(err)
		}
		if !sameState(st, in) {
			t.Fatal("Step modified its input state")
		}
		want, wantLoss, err := ref.Step(st)
		if err != nil {
			t.Fatal(err)
		}
		l, err := tr.Advance(in)
		if err != nil {
			t.Fatal(err)
		}
		if !sameState(next, want) || !sameState(in, want) || math.Float32bits(loss) != math.Float32bits(wantLoss) || l != loss {
			t.Fatalf("step %d: Step, Advance and the interpreter disagree", i)
		}
		st = next
	}
	// A step past the job's end is refused and changes nothing.
	end := st.clone()
	end.Step = uint64(tr.Spec().Steps)
	end.Tensors[len(end.Tensors)-1] = repops.StepTensor(uint32(end.Step))
	before := end.clone()
	if _, err := tr.Advance(end); err == nil || !sameState(end, before) {
		t.Fatalf("Advance past the last step: %v", err)
	}
}

// TestRunLeavesFromAlone: Run and ReplayInterval step a copy of the state
// they are given.
func TestRunLeavesFromAlone(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	before := st.clone()
	end, err := tr.Run(context.Background(), st, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sameState(st, before) || end.Step != 3 {
		t.Fatal("Run modified the state it started from")
	}
	if _, _, err := tr.ReplayInterval(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if !sameState(st, before) {
		t.Fatal("ReplayInterval modified the state it started from")
	}
}

// TestConcurrentSteps: a Trainer stepping on several goroutines at once
// (each then works on buffers of its own) gives every one the same bits.
func TestConcurrentSteps(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := tr.Step(st)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]*State, 6)
	errs := make([]error, len(got))
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for k := 0; k < 5 && errs[i] == nil; k++ {
				got[i], _, errs[i] = tr.Step(st)
			}
		}(i)
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || !sameState(got[i], want) {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
	}
}
