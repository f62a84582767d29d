package repops_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestTrainerGoldenRootKernelsThreads trains examples/digits-mlp.json to its
// first checkpoint under every kernel this CPU runs and 1, 2 and 3 threads
// (every product split), and compares the state root with the trainer's
// golden file, which the trainer's own test pins for the whole run.
func TestTrainerGoldenRootKernelsThreads(t *testing.T) {
	raw, err := os.ReadFile("../trainer/testdata/golden-digits-mlp.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		StateRoots map[uint64]string `json:"stateRoots"`
	}
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load("../../examples/digits-mlp.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load("../../data/digits.csv.gz", s.Dataset.Format)
	if err != nil {
		t.Fatal(err)
	}
	step := uint64(s.CheckpointInterval)
	want, ok := golden.StateRoots[step]
	if !ok {
		t.Fatalf("no golden root at step %d", step)
	}
	for _, kernel := range repops.Kernels() {
		for _, threads := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d", kernel, threads), func(t *testing.T) {
				repops.UseMatMulConfig(t, kernel, threads)
				tr, err := trainer.New(s, d, trainer.Options{SkipEval: true})
				if err != nil {
					t.Fatal(err)
				}
				var got string
				_, err = tr.Run(context.Background(), nil, step, func(p trainer.Progress) error {
					if p.Step == step {
						got = p.StateRoot.String()
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Fatalf("state root at step %d: %s, golden %s", step, got, want)
				}
			})
		}
	}
}
