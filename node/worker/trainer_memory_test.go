package worker

import (
	"context"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// liveHeap collects the garbage and returns the bytes still reachable.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestTrainerKeepsNoFinalState: the driver keeps a job's trainer (and its
// runner's buffers) after training, for the job's life; the state the
// training ended on is unreachable once the driver lets it go (weak
// pointers to its tensors), for an MLP's repops.Runner and a transformer's
// repops.LMRunner. The runner held the last state it stepped (the state
// and next-state tensors of its last step) until its next step: one state
// per trainer kept, the driver's through the whole dispute game.
func TestTrainerKeepsNoFinalState(t *testing.T) {
	for _, c := range []struct {
		name string
		job  func(t *testing.T) (*spec.Spec, *dataset.Dataset)
	}{
		{"mlp", func(t *testing.T) (*spec.Spec, *dataset.Dataset) { return memJob(t, []int{64, 512, 512, 10}, 4) }},
		{"transformer", tinyLMJob},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, ds := c.job(t)
			tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, CheckpointDir: t.TempDir()})
			require.NoError(t, err)
			w := func() []weak.Pointer[float32] { // the final state's tensors, let go on return
				final, err := tr.Run(context.Background(), nil, 0, nil)
				require.NoError(t, err)
				require.Equal(t, uint64(s.Steps), final.Step)
				var w []weak.Pointer[float32]
				for _, x := range final.Tensors {
					if len(x.Data) >= 16 { // not the step counter: tiny objects share a block, so a weak pointer may outlive them
						w = append(w, weak.Make(&x.Data[0]))
					}
				}
				return w
			}()
			require.NotEmpty(t, w)
			runtime.GC()
			for i := range w {
				require.Nil(t, w[i].Value(), "state tensor %d is kept", i)
			}
			runtime.KeepAlive(tr) // kept, as the driver keeps it
		})
	}
}

// TestMeasureStepReleasesBuffers: the step-time measurement of a job the
// worker bids on leaves the trainer it keeps for the job without its
// runner's buffers or the state it timed (0.35 and 1 state of this MLP
// before, kept for the job's life, won or not); the trainer still trains to
// the same states after its buffers were let go.
func TestMeasureStepReleasesBuffers(t *testing.T) {
	s, ds := memJob(t, []int{64, 512, 512, 10}, 4)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	size := float64(tr.CheckpointSize())
	before := liveHeap()
	_, err = (&Driver{now: time.Now}).measureStep(context.Background(), tr)
	require.NoError(t, err)
	kept := (float64(liveHeap()) - float64(before)) / size
	t.Logf("the trainer keeps %.2f states after the step-time measurement", kept)
	// 1.35 states before (0.82 measured with this MLP's fixed costs); the
	// bound leaves room for what other goroutines of the package hold.
	require.Less(t, kept, 0.5, "the runner's buffers or the timed state are kept")

	ref, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	want, err := ref.Run(context.Background(), nil, 0, nil)
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	for st.Step < uint64(s.Steps) {
		_, err := tr.Advance(st)
		require.NoError(t, err)
		tr.ReleaseBuffers()
	}
	require.Equal(t, rootOf(t, ref, want), rootOf(t, tr, st))
	runtime.KeepAlive(tr)
}
