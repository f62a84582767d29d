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

// StepFunc is the worker's step function: the state after st.Step+1 steps as
// the worker computes it (trainer.Step for an honest worker).
type StepFunc func(st *trainer.State) (*trainer.State, error)
