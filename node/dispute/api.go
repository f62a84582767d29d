package dispute

import (
	"context"
	"errors"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

var errTODO = errors.New("dispute: not implemented yet")

// StateSource gives the worker's own state after a number of steps: what it
// claimed (a faulty worker's claimed states are its faulty ones).
type StateSource interface {
	State(ctx context.Context, step uint64) (*trainer.State, error)
}

// StepFunc is the worker's step function: the state after st.Step+1 steps as
// the worker computes it (trainer.Step for an honest worker).
type StepFunc func(st *trainer.State) (*trainer.State, error)

// Defender computes the worker's moves from its claimed states.
type Defender struct {
	tr   *trainer.Trainer
	src  StateSource
	step StepFunc
}

// NewDefender returns a Defender. step nil means an honest trainer.Step.
func NewDefender(tr *trainer.Trainer, src StateSource, step StepFunc) *Defender {
	return &Defender{tr: tr, src: src, step: step}
}

// Move returns the worker's move in game g (whose phase must be a worker
// phase).
func (d *Defender) Move(ctx context.Context, g *Game) (*WorkerMove, error) { return nil, errTODO }

// Strategy selects how a Challenger plays.
type Strategy int

const (
	// Honest picks, at every level, the first place where the worker's
	// commitment differs from its own replay.
	Honest Strategy = iota
	// Random picks uniformly at random among valid moves (a dishonest
	// challenger, for tests): a random step, node, element and entry.
	Random
)

// Challenger computes the verifier's moves in one game over checkpoint k.
type Challenger struct {
	tr       *trainer.Trainer
	strategy Strategy
	seed     int64
}

// NewChallenger returns a Challenger for the interval that starts at `start`
// (the agreed checkpoint state k-1). It replays the interval lazily on the
// first move that needs it (one interval), and one step trace.
func NewChallenger(tr *trainer.Trainer, start *trainer.State, strategy Strategy, seed int64) *Challenger {
	return &Challenger{tr: tr, strategy: strategy, seed: seed}
}

// Move returns the challenger's move in game g (whose phase must be a
// challenger phase) given what the worker revealed.
func (c *Challenger) Move(ctx context.Context, g *Game, ev *Evidence) (*ChallengerMove, error) {
	return nil, errTODO
}
