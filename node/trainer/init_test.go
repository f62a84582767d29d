package trainer_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// initJob is a job A to fine-tune from: its spec, dataset and the
// checkpoint after a few steps.
type initJob struct {
	name string
	s    *spec.Spec
	d    *dataset.Dataset
}

// initJobs are the digits MLP example and a tiny transformer (the austen
// example shrunk to context 8, width 16, 2 heads, 1 layer, MLP 32).
func initJobs(t *testing.T) []initJob {
	t.Helper()
	mlp, err := spec.Load("../../examples/digits-mlp.json")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := dataset.Load("../../data/digits.csv.gz", mlp.Dataset.Format)
	if err != nil {
		t.Fatal(err)
	}
	lm, err := spec.Load("../../examples/austen-transformer.json")
	if err != nil {
		t.Fatal(err)
	}
	m := lm.Model.Transformer
	m.Context, m.Width, m.Heads, m.Layers, m.MLPWidth = 8, 16, 2, 1, 32
	lm.BatchSize, lm.Steps, lm.CheckpointInterval, lm.Optimizer.WarmupSteps = 4, 12, 4, 2
	if err := lm.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../examples/data/austen.txt")
	if err != nil {
		t.Fatal(err)
	}
	text, err := dataset.Open(b, lm.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	return []initJob{{"mlp", mlp, rows}, {"transformer", lm, text}}
}

// trainA trains job A for steps steps and returns its trainer and state.
func trainA(t *testing.T, j initJob, steps int) (*trainer.Trainer, *trainer.State) {
	t.Helper()
	tr, err := trainer.New(j.s, j.d, trainer.Options{SkipEval: true})
	if err != nil {
		t.Fatal(err)
	}
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < steps; i++ {
		if _, err := tr.Advance(st); err != nil {
			t.Fatal(err)
		}
	}
	return tr, st
}

// exportOf is `gensyn export` of a state, as bytes.
func exportOf(t *testing.T, tr *trainer.Trainer, st *trainer.State) []byte {
	t.Helper()
	c, err := tr.Checkpoint(st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.Write(&b, tr.Spec(), c, export.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fineTuneSpec is job B: A's spec with another seed, learning rate and
// length, starting from the weights whose blob is b.
func fineTuneSpec(a *spec.Spec, b []byte) *spec.Spec {
	s := *a
	s.Seed, s.Steps, s.CheckpointInterval = a.Seed+1, 6, 3
	s.Optimizer.LR /= 2
	if s.Optimizer.WarmupSteps > 0 {
		s.Optimizer.WarmupSteps = 1
	}
	s.Init = &spec.Init{Weights: commit.Keccak256(b)}
	return &s
}

// TestInitialWeights: a job whose spec names init.weights starts from the
// client's weights (an export of job A after 5 steps): its state at step 0
// holds A's parameters bit for bit with a fresh optimizer, its held-out
// loss at step 0 is A's final model's, its initial state root is neither
// the seeded one nor A's, the state handed out is a copy, and it trains,
// checkpoints and replays from step 0 (StateAt) on those weights. MLP and
// transformer.
func TestInitialWeights(t *testing.T) {
	for _, j := range initJobs(t) {
		t.Run(j.name, func(t *testing.T) {
			trA, stA := trainA(t, j, 5)
			blob := exportOf(t, trA, stA)
			sB := fineTuneSpec(j.s, blob)
			w, err := export.LoadInitialState(sB, bytes.NewReader(blob))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			trB, err := trainer.New(sB, j.d, trainer.Options{InitialWeights: w, CheckpointDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			w[0].Data[0] = 42 // New kept a copy
			st0, err := trB.InitialState()
			if err != nil {
				t.Fatal(err)
			}
			names := trB.StateNames()
			np := numParams(sB)
			if st0.Step != 0 || len(st0.Tensors) != len(stA.Tensors) {
				t.Fatalf("step %d, %d tensors", st0.Step, len(st0.Tensors))
			}
			for i, x := range st0.Tensors {
				for e, v := range x.Data {
					want := float32(0)
					switch {
					case i < np:
						want = stA.Tensors[i].Data[e]
					case names[i] == "b1t" || names[i] == "b2t":
						want = 1
					}
					if math.Float32bits(v) != math.Float32bits(want) {
						t.Fatalf("%s[%d] = %v, want %v", names[i], e, v, want)
					}
				}
			}
			st0.Tensors[0].Data[0] = 42 // InitialState hands out a copy
			again, _ := trB.InitialState()
			if again.Tensors[0].Data[0] != stA.Tensors[0].Data[0] {
				t.Fatal("InitialState returned the trainer's own tensors")
			}

			// The loss at B's step 0 is A's final model's.
			_, lossA, err := trA.Evaluate(stA)
			if err != nil {
				t.Fatal(err)
			}
			_, lossB, err := trB.Evaluate(again)
			if err != nil {
				t.Fatal(err)
			}
			if math.Float32bits(lossA) != math.Float32bits(lossB) {
				t.Errorf("held-out loss at B's step 0 %v, A's final %v", lossB, lossA)
			}
			_, seededLoss, _ := trA.Evaluate(mustInitial(t, trA))
			if lossB == seededLoss {
				t.Errorf("held-out loss at B's step 0 is the seeded model's (%v)", seededLoss)
			}

			// The initial state root commits to the weights.
			rootB, err := trB.InitialStateRoot()
			if err != nil {
				t.Fatal(err)
			}
			seeded := *sB
			seeded.Init = nil
			trS, err := trainer.New(&seeded, j.d, trainer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rootS, _ := trS.InitialStateRoot()
			rootA, _ := trA.StateRoot(stA)
			if rootB == rootS || rootB == rootA {
				t.Fatalf("initial state root %s: seeded %s, A's %s", rootB, rootS, rootA)
			}
			want, err := commit.StateRootOf(0, commitTensors(mustInitial(t, trB).Tensors))
			if err != nil {
				t.Fatal(err)
			}
			if rootB != want {
				t.Fatalf("initial state root %s, the root of the loaded state %s", rootB, want)
			}

			// It trains from those weights, and replay from step 0 agrees.
			end, err := trB.Run(context.Background(), nil, uint64(sB.Steps), nil)
			if err != nil {
				t.Fatal(err)
			}
			seededEnd, err := trS.Run(context.Background(), nil, uint64(sB.Steps), nil)
			if err != nil {
				t.Fatal(err)
			}
			rEnd, _ := trB.StateRoot(end)
			rSeeded, _ := trS.StateRoot(seededEnd)
			if rEnd == rSeeded {
				t.Fatal("the fine-tuned job ends where the seeded one does")
			}
			roots, replayed, err := trB.ReplayInterval(context.Background(), again)
			if err != nil {
				t.Fatal(err)
			}
			ck, err := trB.StateAt(context.Background(), dir, uint64(sB.CheckpointInterval))
			if err != nil {
				t.Fatal(err)
			}
			r1, _ := trB.StateRoot(replayed)
			rck, _ := trB.StateRoot(ck)
			if r1 != rck || roots[0] != rootB {
				t.Fatalf("replay from step 0: %s, checkpoint %s; first root %s, initial %s", r1, rck, roots[0], rootB)
			}
		})
	}
}

func mustInitial(t *testing.T, tr *trainer.Trainer) *trainer.State {
	t.Helper()
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func commitTensors(ts []repops.Tensor) []commit.Tensor {
	out := make([]commit.Tensor, len(ts))
	for i, x := range ts {
		out[i] = commit.Tensor(x)
	}
	return out
}

// numParams is the number of parameter tensors of the state (export.Params).
func numParams(s *spec.Spec) int {
	ps, err := export.Params(s)
	if err != nil {
		panic(err)
	}
	return len(ps)
}

// TestInitialWeightsRefused: New requires the weights exactly when the spec
// names init.weights, and refuses a state of the wrong size or shape (the
// tensor named), non-finite parameters, and an optimizer state that is not
// fresh; export.LoadInitialState refuses a blob that is not the one the
// spec names.
func TestInitialWeightsRefused(t *testing.T) {
	for _, j := range initJobs(t) {
		t.Run(j.name, func(t *testing.T) {
			trA, stA := trainA(t, j, 2)
			blob := exportOf(t, trA, stA)
			sB := fineTuneSpec(j.s, blob)
			w, err := export.LoadInitialState(sB, bytes.NewReader(blob))
			if err != nil {
				t.Fatal(err)
			}
			names := trA.StateNames()
			np := numParams(sB)
			clone := func() []repops.Tensor {
				c := make([]repops.Tensor, len(w))
				for i, x := range w {
					c[i] = x.Clone()
				}
				return c
			}
			refuse := func(what string, s *spec.Spec, st []repops.Tensor, want string) {
				t.Helper()
				_, err := trainer.New(s, j.d, trainer.Options{InitialWeights: st})
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s: got %v, want an error containing %q", what, err, want)
				}
			}
			refuse("none given", sB, nil, "trainer: init.weights: the spec starts from the weights "+sB.Init.Weights.String()+", none were given")
			refuse("no init in the spec", j.s, w, "trainer: initial weights given, but the spec has no init.weights")
			refuse("too few", sB, w[:len(w)-1], "state tensors, the spec's state has")

			st := clone()
			st[1] = repops.NewTensor(st[1].Shape[0] + 1)
			refuse("shape", sB, st, "tensor "+names[1]+" has shape")

			st = clone()
			st[0].Data[3] = float32(math.NaN())
			refuse("NaN", sB, st, "tensor "+names[0]+" element 3 is NaN (initial weights must be finite)")
			st = clone()
			st[0].Data[0] = float32(math.Inf(-1))
			refuse("Inf", sB, st, "element 0 is -Inf")

			st = clone()
			st[np].Data[1] = 1e-3 // a first moment
			refuse("moment", sB, st, "tensor "+names[np]+" element 1 is 0.001, a fresh optimizer's state is +0")
			st = clone()
			st[np].Data[0] = float32(math.Copysign(0, -1))
			refuse("-0 moment", sB, st, "a fresh optimizer's state is +0")
			st = clone()
			st[len(st)-1] = repops.StepTensor(2)
			refuse("step", sB, st, "tensor step element 0")
			st = clone()
			for i, n := range names {
				if n == "b1t" {
					st[i].Data[0] = 0.9
				}
			}
			refuse("b1t", sB, st, "b1t is 0.9, a fresh optimizer's is 1")

			// A blob that is not the one the spec names.
			other := exportOf(t, trA, mustInitial(t, trA))
			if _, err := export.LoadInitialState(sB, bytes.NewReader(other)); err == nil ||
				!strings.Contains(err.Error(), "init.weights: the file hashes to "+commit.Keccak256(other).String()+", the spec names "+sB.Init.Weights.String()) {
				t.Errorf("another blob: %v", err)
			}
		})
	}
}
