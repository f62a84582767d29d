package dispute

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

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
	own := NewDefender(tr, src, func(st *trainer.State) (*trainer.State, error) {
		next, _, err := tr.Step(st)
		return next, err
	})
	got2, data2, err := own.stepTrace(ctx, 7)
	require.NoError(t, err)
	require.Greater(t, ex.ops.Load(), one, "a Defender's own step function is run")
	require.Equal(t, got.Root, got2.Root)
	require.Equal(t, data.NextTensors, data2.NextTensors)
	require.Equal(t, data.StartTensors, data2.StartTensors)
}
