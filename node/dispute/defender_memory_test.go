package dispute

import (
	"context"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"weak"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// opCounter is the CPU executor counting the operators it runs.
type opCounter struct{ ops atomic.Int64 }

func (c *opCounter) Run(op repops.OpKind, attrs []uint32, in []repops.Tensor, out repops.Tensor) error {
	c.ops.Add(1)
	return repops.CPU{}.Run(op, attrs, in, out)
}

// TestHonestDefenderTraceOneStep: an honest Defender's step trace runs the
// step once (the trace's own next state is the step's result), so it holds
// no second next state beside the trace; a Defender with its own step
// function still runs that step, and both publish the same trace as before.
func TestHonestDefenderTraceOneStep(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	var ex opCounter
	tr := fx.trainerWith(t, &ex)
	src, _ := trainWorker(t, tr, honest)
	ex.ops.Store(0)
	want, err := tr.StepTrace(src.states[7])
	require.NoError(t, err)
	one := ex.ops.Load()
	require.Positive(t, one)

	ex.ops.Store(0)
	d := NewDefender(tr, src, nil)
	got, data, err := d.stepTrace(ctx, 7)
	require.NoError(t, err)
	require.Equal(t, one, ex.ops.Load(), "the honest Defender runs step 7 once")
	require.Equal(t, want.Root, got.Root)
	require.Empty(t, d.patched)

	ex.ops.Store(0)
	own := NewDefender(tr, src, func(st *trainer.State) error {
		_, err := tr.Advance(st)
		return err
	})
	got2, data2, err := own.stepTrace(ctx, 7)
	require.NoError(t, err)
	require.Greater(t, ex.ops.Load(), one, "a Defender's own step function is run")
	require.Equal(t, got.Root, got2.Root)
	require.Equal(t, data.NextTensors, data2.NextTensors)
	require.Equal(t, data.StartTensors, data2.StartTensors)
}

// TestChallengerStepsInPlace: the challenger's own honest replay of an
// interval and its recomputation of a picked step allocate one copy of the
// start state each (stepped in place), not a state per step, and give the
// roots and the trace of the states reached by stepping state by state.
func TestChallengerStepsInPlace(t *testing.T) {
	fx, init := wideJob(t)
	ctx := context.Background()
	var err error
	allocated := func(f func()) float64 { return allocatedStates(fx.tr, f) }
	// What the 31 roots alone allocate (node/commit's buffers).
	rootsAlloc := allocated(func() {
		for range 31 {
			_, err = fx.tr.StateRoot(init)
			require.NoError(t, err)
		}
	})
	c := NewChallenger(fx.tr, init, Honest, 1)
	var roots []commit.Hash
	got := allocated(func() { roots, err = c.Replay(ctx, 30) })
	require.NoError(t, err)
	t.Logf("replay of 30 steps: %.2f states besides its roots' %.2f", got-rootsAlloc, rootsAlloc)
	require.Less(t, got-rootsAlloc, 1.5, "one copy of the start, not a state per step")

	traceAlloc := allocated(func() { _, err = fx.tr.StepTrace(init) })
	require.NoError(t, err)
	var own *trainer.StepTrace
	got = allocated(func() { own, err = c.stepTrace(ctx, &Game{Step: 20}) })
	require.NoError(t, err)
	t.Logf("trace of step 20: %.2f states besides the trace's %.2f", got-traceAlloc, traceAlloc)
	require.Less(t, got-traceAlloc, 1.5, "one copy of the start, not a state per step")

	st := init
	for st.Step < 20 {
		st, _, err = fx.tr.Step(st)
		require.NoError(t, err)
		r, err := fx.tr.StateRoot(st)
		require.NoError(t, err)
		require.Equal(t, roots[st.Step], r, "root of step %d", st.Step)
	}
	want, err := fx.tr.StepTrace(st)
	require.NoError(t, err)
	require.Equal(t, want.Root, own.Root)
	r0, err := fx.tr.StateRoot(init)
	require.NoError(t, err)
	require.Equal(t, roots[0], r0, "the start state is unchanged")
}

// TestHonestDefenderTracesAnyOrder: a challenger chooses which steps an
// honest worker must open and in what order. However it jumps (back to an
// earlier step, to a later one, back to one already opened), the Defender's
// trace of a step is that of a fresh step from the trained state: its
// in-place reuse of the step trace's next state never lets one answer leak
// into another.
func TestHonestDefenderTracesAnyOrder(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	tr := fx.trainerWith(t, repops.CPU{})
	src, _ := trainWorker(t, tr, honest)
	d := NewDefender(tr, src, nil)
	first := map[uint64]StepTraceData{}
	for _, step := range []uint64{7, 3, 9, 3, 7, 0, 9} {
		want, err := tr.StepTrace(src.states[step])
		require.NoError(t, err)
		got, data, err := d.stepTrace(ctx, step)
		require.NoError(t, err)
		require.Equal(t, want.Root, got.Root, "step %d", step)
		require.Equal(t, want.NodeRoots, got.NodeRoots, "step %d", step)
		require.Equal(t, wantRoots(t, src.states[step]), data.StartTensors, "step %d: start state", step)
		require.Equal(t, wantRoots(t, src.states[step+1]), data.NextTensors, "step %d: next state", step)
		if o, ok := first[step]; ok {
			require.Equal(t, o.StartTensors, data.StartTensors, "step %d opened again", step)
			require.Equal(t, o.NextTensors, data.NextTensors, "step %d opened again", step)
		} else {
			first[step] = StepTraceData{
				StartTensors: append([]commit.Hash(nil), data.StartTensors...),
				NextTensors:  append([]commit.Hash(nil), data.NextTensors...),
			}
		}
	}
}

// wantRoots is the root of each tensor of st.
func wantRoots(t *testing.T, st *trainer.State) []commit.Hash {
	t.Helper()
	r, err := tensorRoots(st)
	require.NoError(t, err)
	return r
}

// TestDefenderKeepsNoReplayState: the Defender's replay of an interval
// steps a copy of the start state, which is garbage once the roots are
// computed: after the step roots neither the Defender nor its trainer
// (kept for the game) keeps it. The trainer's runner kept the tensors of
// the last state it stepped, the replay's copy, until its next step.
func TestDefenderKeepsNoReplayState(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	src := &memSource{states: []*trainer.State{init}}
	var stepped []weak.Pointer[float32] // the first tensor of each state stepped
	d := NewDefender(fx.tr, src, func(st *trainer.State) error {
		if w := weak.Make(&st.Tensors[0].Data[0]); !slices.Contains(stepped, w) {
			stepped = append(stepped, w)
		}
		_, err := fx.tr.Advance(st)
		return err
	})
	rd, err := d.intervalRoots(ctx, 0, 10)
	require.NoError(t, err)
	require.Len(t, rd.Roots, 11)
	require.Len(t, stepped, 1, "one copy of the start, stepped in place")
	runtime.GC()
	require.Nil(t, stepped[0].Value(), "the replay's copy of the start state is kept")
	runtime.KeepAlive(d)
	runtime.KeepAlive(src)
}

// wideJob is smallJob with a wider MLP ([64, 512, 512, 10], 0.33M
// parameters), so that a state or a trace outweighs the fixed costs in the
// memory tests, and its initial state; the trainer's runner is built.
func wideJob(t *testing.T) (fixture, *trainer.State) {
	t.Helper()
	fx := smallJob(t)
	wide := *fx.prep.Spec
	wide.Model.Layers = []int{64, 512, 512, 10}
	var err error
	fx.tr, err = trainer.New(&wide, fx.ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	_, err = fx.tr.Advance(init.Clone()) // builds the runner's buffers
	require.NoError(t, err)
	return fx, init
}

// allocatedStates returns what f allocates (TotalAlloc, after a
// collection) in states of tr's job.
func allocatedStates(tr *trainer.Trainer, f func()) float64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return float64(b.TotalAlloc-a.TotalAlloc) / float64(tr.CheckpointSize())
}
