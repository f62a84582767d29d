package dispute

import (
	"context"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// StateSource gives the worker's own state after a number of steps: what it
// claimed (a faulty worker's claimed states are its faulty ones).
type StateSource interface {
	State(ctx context.Context, step uint64) (*trainer.State, error)
}

// StepFunc is the worker's step function: it advances st in place to the
// state after st.Step+1 steps as the worker computes it (trainer.Advance for
// an honest worker). Stepping in place, a replay holds one state however
// long the interval, and leaves none per step for the collector.
type StepFunc func(st *trainer.State) error
