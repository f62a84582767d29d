package trainer

import "testing"

// TestAdvanceAllocatesNothing: in the steady state a training step
// allocates nothing (the example job; node/repops checks SGD too).
func TestAdvanceAllocatesNothing(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Advance(st); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(50, func() {
		if _, err := tr.Advance(st); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per step", allocs)
	}
}
