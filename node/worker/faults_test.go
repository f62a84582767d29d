package worker

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const (
	tinySteps    = 40
	tinyInterval = 10
	tinyFault    = 13 // inside the second interval
)

// tinyJob is the example spec cut to 40 steps, a checkpoint every 10.
func tinyJob(t *testing.T) (*spec.Spec, *dataset.Dataset) {
	t.Helper()
	root := filepath.Join("..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	js := strings.Replace(string(raw), `"steps": 1000`, `"steps": 40`, 1)
	js = strings.Replace(js, `"checkpoint_interval": 100`, `"checkpoint_interval": 10`, 1)
	s, err := spec.Parse([]byte(js))
	require.NoError(t, err)
	require.Equal(t, tinySteps, s.Steps)
	require.Equal(t, tinyInterval, s.CheckpointInterval)
	data, err := os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	return s, ds
}

func tinyTrainer(t *testing.T, s *spec.Spec, ds *dataset.Dataset) *trainer.Trainer {
	t.Helper()
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	return tr
}

// statesOf returns the states 0..steps under a step function.
func statesOf(t *testing.T, tr *trainer.Trainer, step func(*trainer.State) (*trainer.State, error)) []*trainer.State {
	t.Helper()
	st, err := tr.InitialState()
	require.NoError(t, err)
	out := []*trainer.State{st}
	for st.Step < uint64(tr.Spec().Steps) {
		st, err = step(st)
		require.NoError(t, err)
		out = append(out, st)
	}
	return out
}

// copying is an in-place step function as one that returns a new state
// (st is left as it was).
func copying(step func(*trainer.State) error) func(*trainer.State) (*trainer.State, error) {
	return func(st *trainer.State) (*trainer.State, error) {
		next := st.Clone()
		return next, step(next)
	}
}

// flipped is a copy of st with flipLowBit applied.
func flipped(st *trainer.State) *trainer.State {
	c := st.Clone()
	flipLowBit(c)
	return c
}

// atCounter is a copy of st moved to step `step` (setCounter).
func atCounter(st *trainer.State, step uint64) *trainer.State {
	c := st.Clone()
	setCounter(c, step)
	return c
}

func rootOf(t *testing.T, tr *trainer.Trainer, st *trainer.State) commit.Hash {
	t.Helper()
	r, err := tr.StateRoot(st)
	require.NoError(t, err)
	return r
}

// sameTensors reports whether two states hold the same bits in the tensors
// other than the step counter.
func sameTensors(a, b *trainer.State) bool {
	for i := 0; i < len(a.Tensors)-1; i++ {
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

func honestStates(t *testing.T, tr *trainer.Trainer) []*trainer.State {
	return statesOf(t, tr, func(st *trainer.State) (*trainer.State, error) {
		next, _, err := tr.Step(st)
		return next, err
	})
}

func TestParseFaultKind(t *testing.T) {
	for _, k := range FaultKinds() {
		got, err := ParseFaultKind(k)
		require.NoError(t, err)
		require.Equal(t, FaultKind(k), got)
	}
	k, err := ParseFaultKind("")
	require.NoError(t, err)
	require.False(t, Fault{Kind: k}.Active())
	_, err = ParseFaultKind("flip-coin")
	require.ErrorIs(t, err, ErrUnknownFault)
	require.Len(t, FaultKinds(), 16)
	require.False(t, Fault{Kind: FaultWrongFinalRoot}.changesStates(), "wrong-final-root trains and claims honestly")
	require.False(t, Fault{Kind: FaultNeverTrain}.changesStates(), "never-train claims no states")
	require.False(t, Fault{Kind: FaultNeverTrain}.changesTraining())
	require.True(t, Fault{Kind: FaultNeverTrain}.neverTrains())
	require.False(t, Fault{Kind: FaultFloat64MatMul}.changesStates(), "float64-matmul changes the executor, not the step function")
}

func TestDefaultFaultStep(t *testing.T) {
	require.Equal(t, uint64(450), DefaultFaultStep(1000, 100)) // inside interval 5 of 10
	require.Equal(t, uint64(50), DefaultFaultStep(200, 100))
	require.Equal(t, uint64(15), DefaultFaultStep(40, 10))
	require.Equal(t, uint64(50), DefaultFaultStep(100, 100))
	for _, c := range [][2]uint64{{1000, 100}, {200, 100}, {40, 10}, {300, 1}, {7, 7}} {
		n := DefaultFaultStep(c[0], c[1])
		require.Less(t, n, c[0])
	}
	require.Equal(t, uint64(7), Fault{Kind: FaultSkipSteps, Step: 7, StepSet: true}.faultStep(1000, 100))
	require.Equal(t, uint64(450), Fault{Kind: FaultSkipSteps}.faultStep(1000, 100))
}

// TestFaultStates checks, for every fault that changes states, that its
// states are the honest ones up to the fault step and differ exactly where
// the fault says.
func TestFaultStates(t *testing.T) {
	s, ds := tinyJob(t)
	tr := tinyTrainer(t, s, ds)
	honest := honestStates(t, tr)
	hroots := make([]commit.Hash, len(honest))
	for i, st := range honest {
		hroots[i] = rootOf(t, tr, st)
	}
	init := honest[0]
	fault := func(k FaultKind) *faultStepper {
		var alt *trainer.Trainer
		if k == FaultWrongLR {
			var err error
			alt, err = altTrainer(tr, ds)
			require.NoError(t, err)
			require.Equal(t, 2*s.Optimizer.LR, alt.Spec().Optimizer.LR)
			require.Equal(t, s.Optimizer.LR, tr.Spec().Optimizer.LR, "the job's spec is not modified")
		}
		fs, err := newFaultStepper(Fault{Kind: k, Step: tinyFault, StepSet: true}, tr, alt)
		require.NoError(t, err)
		return fs
	}
	train := func(fs *faultStepper) func(*trainer.State) (*trainer.State, error) {
		return copying(func(st *trainer.State) error {
			_, err := fs.Train(st)
			return err
		})
	}
	// Every state of a faulty run has the right step and counter.
	checkCounters := func(states []*trainer.State) {
		for i, st := range states {
			require.Equal(t, uint64(i), st.Step)
			require.Equal(t, uint32(i), repops.StepCounter(st.Tensors[len(st.Tensors)-1]))
		}
	}
	// The fault's states equal the honest ones up to `upto`, differ from
	// `upto`+1 to the end.
	divergesAfter := func(t *testing.T, states []*trainer.State, upto int) {
		t.Helper()
		for i, st := range states {
			r := rootOf(t, tr, st)
			if i <= upto {
				require.Equal(t, hroots[i], r, "state %d is honest", i)
			} else {
				require.NotEqual(t, hroots[i], r, "state %d differs", i)
			}
		}
	}

	t.Run("perturb-weight", func(t *testing.T) {
		fs := fault(FaultPerturbWeight)
		states := statesOf(t, tr, train(fs))
		checkCounters(states)
		divergesAfter(t, states, tinyFault)
		// State N+1 is the honest one with one bit of W1[0] flipped.
		got, want := states[tinyFault+1], honest[tinyFault+1]
		require.Equal(t, math.Float32bits(want.Tensors[0].Data[0])^1, math.Float32bits(got.Tensors[0].Data[0]))
		require.Equal(t, rootOf(t, tr, flipped(want)), rootOf(t, tr, got))
		// Later steps are computed honestly from the perturbed state.
		next, _, err := tr.Step(states[tinyFault+1])
		require.NoError(t, err)
		require.Equal(t, rootOf(t, tr, next), rootOf(t, tr, states[tinyFault+2]))
	})
	t.Run("skip-steps", func(t *testing.T) {
		states := statesOf(t, tr, train(fault(FaultSkipSteps)))
		checkCounters(states)
		divergesAfter(t, states, tinyFault)
		for i := tinyFault + 1; i <= tinyFault+skipSteps; i++ {
			require.True(t, sameTensors(states[tinyFault], states[i]), "state %d is state %d copied forward", i, tinyFault)
		}
		require.False(t, sameTensors(states[tinyFault], states[tinyFault+skipSteps+1]), "training resumes")
		next, _, err := tr.Step(states[tinyFault+skipSteps])
		require.NoError(t, err)
		require.Equal(t, rootOf(t, tr, next), rootOf(t, tr, states[tinyFault+skipSteps+1]))
	})
	t.Run("wrong-batch", func(t *testing.T) {
		states := statesOf(t, tr, train(fault(FaultWrongBatch)))
		checkCounters(states)
		divergesAfter(t, states, tinyFault)
		// Step N is step (N+1000) mod steps's computation from state N.
		other := wrongBatchStep(tinyFault, tinySteps)
		require.NotEqual(t, uint64(tinyFault), other)
		require.Equal(t, uint64(14), other, "1013 mod 40 is 13 itself: the next step")
		require.Equal(t, uint64(6), wrongBatchStep(5, 1000))
		require.Equal(t, uint64(1100), wrongBatchStep(100, 2000))
		want, _, err := tr.Step(atCounter(honest[tinyFault], other))
		require.NoError(t, err)
		require.True(t, sameTensors(want, states[tinyFault+1]))
		next, _, err := tr.Step(states[tinyFault+1])
		require.NoError(t, err)
		require.Equal(t, rootOf(t, tr, next), rootOf(t, tr, states[tinyFault+2]))
	})
	t.Run("wrong-lr", func(t *testing.T) {
		fs := fault(FaultWrongLR)
		states := statesOf(t, tr, train(fs))
		checkCounters(states)
		divergesAfter(t, states, tinyFault)
		for i := tinyFault; i < tinySteps; i++ {
			want, _, err := fs.alt.Step(states[i])
			require.NoError(t, err)
			require.Equal(t, rootOf(t, tr, want), rootOf(t, tr, states[i+1]), "step %d uses the doubled learning rate", i)
		}
	})
	t.Run("initial-model", func(t *testing.T) {
		states := statesOf(t, tr, train(fault(FaultInitialModel)))
		checkCounters(states)
		divergesAfter(t, states, 0)
		for _, st := range states {
			require.True(t, sameTensors(init, st))
		}
	})
	t.Run("corrupt-final", func(t *testing.T) {
		fs := fault(FaultCorruptFinal)
		states := statesOf(t, tr, train(fs))
		divergesAfter(t, states, tinySteps) // trains honestly
		claimed := statesOf(t, tr, copying(fs.Claim))
		checkCounters(claimed)
		divergesAfter(t, claimed, tinySteps-1) // only the final state differs
		require.Equal(t, rootOf(t, tr, flipped(honest[tinySteps])), rootOf(t, tr, claimed[tinySteps]))
	})
	t.Run("honest-kinds", func(t *testing.T) {
		for _, k := range []FaultKind{FaultNone, FaultWithhold, FaultStopAnswering, FaultJunkPadding, FaultRebid, FaultNeverTrain,
			FaultFloat64MatMul} {
			f := Fault{Kind: k}
			require.False(t, f.changesStates())
			require.False(t, f.changesTraining())
		}
		require.True(t, Fault{Kind: FaultCorruptFinal}.changesStates())
		require.False(t, Fault{Kind: FaultCorruptFinal}.changesTraining())
	})
	// The honest trainer was not disturbed by the faults' copies.
	require.Equal(t, hroots, func() []commit.Hash {
		again := honestStates(t, tr)
		out := make([]commit.Hash, len(again))
		for i, st := range again {
			out[i] = rootOf(t, tr, st)
		}
		return out
	}())
}

// TestRunWithIsRun checks that training with runWith and the honest step is
// trainer.Run bit for bit (same roots, same checkpoint files), so the fault
// path differs from the honest one only by its step function.
func TestRunWithIsRun(t *testing.T) {
	s, ds := tinyJob(t)
	dirA, dirB := t.TempDir(), t.TempDir()
	a, err := trainer.New(s, ds, trainer.Options{SkipEval: true, CheckpointDir: dirA})
	require.NoError(t, err)
	b := tinyTrainer(t, s, ds)
	var ra, rb []commit.Hash
	_, err = a.Run(context.Background(), nil, 0, func(p trainer.Progress) error { ra = append(ra, p.StateRoot); return nil })
	require.NoError(t, err)
	_, err = runWith(context.Background(), b, dirB, nil, b.Advance, func(p trainer.Progress) error {
		rb = append(rb, p.StateRoot)
		return nil
	})
	require.NoError(t, err)
	require.Len(t, ra, tinySteps/tinyInterval)
	require.Equal(t, ra, rb)
	for k := 1; k <= tinySteps/tinyInterval; k++ {
		fa, err := os.ReadFile(trainer.CheckpointFile(dirA, uint64(k*tinyInterval)))
		require.NoError(t, err)
		fb, err := os.ReadFile(trainer.CheckpointFile(dirB, uint64(k*tinyInterval)))
		require.NoError(t, err)
		require.True(t, bytes.Equal(fa, fb), "checkpoint %d", k)
	}
}

// TestClaimedStates checks the defence's state source: for an honest worker
// and for every fault it gives the states the worker trained (and, for
// corrupt-final, the corrupted final state), from its checkpoint files.
func TestClaimedStates(t *testing.T) {
	s, ds := tinyJob(t)
	ctx := context.Background()
	for _, k := range []FaultKind{FaultNone, FaultPerturbWeight, FaultSkipSteps, FaultWrongBatch, FaultWrongLR,
		FaultInitialModel, FaultCorruptFinal} {
		t.Run(map[bool]string{true: string(k), false: "honest"}[k != FaultNone], func(t *testing.T) {
			f := Fault{Kind: k, Step: tinyFault, StepSet: true}
			// Training, as the driver does it.
			dir := t.TempDir()
			tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, CheckpointDir: dir})
			require.NoError(t, err)
			var step func(*trainer.State) (float32, error) = tr.Advance
			var claim func(*trainer.State) error
			if f.changesStates() {
				var alt *trainer.Trainer
				if k == FaultWrongLR {
					alt, err = altTrainer(tr, ds)
					require.NoError(t, err)
				}
				fs, err := newFaultStepper(f, tr, alt)
				require.NoError(t, err)
				step = fs.Train
				claim = fs.Claim
			}
			var trained []commit.Hash
			_, err = runWith(ctx, tr, dir, nil, step, func(p trainer.Progress) error {
				trained = append(trained, p.StateRoot)
				return nil
			})
			require.NoError(t, err)

			// The defence, with a trainer of its own.
			dtr := tinyTrainer(t, s, ds)
			var dstep func(*trainer.State) error
			if f.changesStates() {
				var alt *trainer.Trainer
				if k == FaultWrongLR {
					alt, err = altTrainer(dtr, ds)
					require.NoError(t, err)
				}
				fs, err := newFaultStepper(f, dtr, alt)
				require.NoError(t, err)
				dstep = fs.Claim
			}
			src := &claimedStates{tr: dtr, dir: dir, step: dstep, final: k == FaultCorruptFinal}
			var want []*trainer.State
			if claim != nil {
				want = statesOf(t, dtr, copying(claim))
			} else {
				want = honestStates(t, dtr)
			}
			// In order (one replay per interval), then backwards and at random.
			order := []uint64{}
			for i := uint64(0); i <= tinySteps; i++ {
				order = append(order, i)
			}
			order = append(order, 40, 39, 30, 29, 14, 13, 0, 25, 11)
			for _, i := range order {
				st, err := src.State(ctx, i)
				require.NoError(t, err)
				require.Equal(t, i, st.Step)
				require.Equal(t, rootOf(t, dtr, want[i]), rootOf(t, dtr, st), "claimed state %d", i)
			}
			_, err = src.State(ctx, tinySteps+1)
			require.Error(t, err)
			// The checkpoint roots trained are the claimed ones, but for
			// corrupt-final's last (committed honestly, claimed corrupted).
			for c, r := range trained {
				st := want[(c+1)*tinyInterval]
				if k == FaultCorruptFinal && c == len(trained)-1 {
					require.NotEqual(t, rootOf(t, dtr, st), r)
					continue
				}
				require.Equal(t, rootOf(t, dtr, st), r, "checkpoint %d", c+1)
			}
		})
	}
}

func TestGameStartedTopic(t *testing.T) {
	a, err := bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(t, err)
	require.Equal(t, a.Events["GameStarted"].ID, GameStartedTopic)
}

func TestParseFault(t *testing.T) {
	f, err := ParseFault("perturb-weight,withhold")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultPerturbWeight, Withhold: true}, f)
	require.True(t, f.withholds())
	require.False(t, f.stopsAnswering())
	require.True(t, f.changesStates())
	require.Equal(t, "perturb-weight+withhold at the default step", f.String())

	f, err = ParseFault("skip-steps, stop-answering")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultSkipSteps, StopAnswering: true}, f)
	require.True(t, f.stopsAnswering())

	f, err = ParseFault("withhold")
	require.NoError(t, err)
	require.True(t, f.withholds())
	require.False(t, f.changesStates())

	f, err = ParseFault("perturb-weight,junk-padding")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultPerturbWeight, JunkPadding: true}, f)
	require.True(t, f.junkPads())
	require.False(t, f.rebids())
	require.Equal(t, "perturb-weight+junk-padding at the default step", f.String())

	f, err = ParseFault("rebid,skip-steps,withhold")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultSkipSteps, Rebid: true, Withhold: true}, f)
	require.True(t, f.rebids())
	require.Equal(t, "skip-steps+withhold+rebid at the default step", f.String())

	f, err = ParseFault("junk-padding,rebid")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultJunkPadding, JunkPadding: true, Rebid: true}, f, "modifiers alone: the first names the kind")
	require.False(t, f.changesStates())

	f, err = ParseFault("float64-matmul")
	require.NoError(t, err)
	require.Equal(t, Fault{Kind: FaultFloat64MatMul}, f)

	f, err = ParseFault("never-train")
	require.NoError(t, err)
	require.True(t, f.neverTrains())

	f, err = ParseFault("")
	require.NoError(t, err)
	require.False(t, f.Active())

	for _, bad := range []string{"perturb-weight,skip-steps", "perturb-weight,", "nope", "withhold,nope", "never-train,float64-matmul"} {
		_, err := ParseFault(bad)
		require.ErrorIs(t, err, ErrUnknownFault, bad)
	}
}

// TestFaultExecutor: the float64-matmul worker computes with
// trainer.Float64MatMul over its executor (training and defence alike), so
// its states are not the RepOps ones from the first step on; every other
// worker computes with its executor as configured.
func TestFaultExecutor(t *testing.T) {
	base := &countExec{}
	d := &Driver{cfg: DriverConfig{Executor: base, Fault: Fault{Kind: FaultFloat64MatMul}}}
	require.Equal(t, trainer.Float64MatMul{Base: base}, d.executor())
	for _, f := range []Fault{{}, {Kind: FaultPerturbWeight}, {Kind: FaultNeverTrain}} {
		d.cfg.Fault = f
		require.Equal(t, repops.Executor(base), d.executor(), f.String())
	}

	s, ds := tinyJob(t)
	tr := tinyTrainer(t, s, ds)
	f64, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: trainer.Float64MatMul{}})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	honest, _, err := tr.Step(st)
	require.NoError(t, err)
	mistaken, _, err := f64.Step(st)
	require.NoError(t, err)
	require.NotEqual(t, rootOf(t, tr, honest), rootOf(t, tr, mistaken), "not RepOps at step 0")
}
