package trainer

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// stateRoots counts the state roots computed in this process (every
// StateRoot, checkpoint and ReplayInterval root): the cost that an audit
// must not pay per step.
var stateRoots atomic.Uint64

// StateRootsComputed returns how many state roots this process has computed
// so far. Tests read it to show that a code path hashes only the states it
// needs.
func StateRootsComputed() uint64 { return stateRoots.Load() }

// ReplayEnd replays the checkpoint interval that starts at `from` (a
// checkpoint state) and returns the state root of its last state and that
// state: one state root for the whole interval. An audit compares only the
// interval's last root, so it uses this; the per-step roots of
// ReplayInterval are for the dispute game, inside a game. It allocates one
// state (a copy of from), not one per step.
func (t *Trainer) ReplayEnd(ctx context.Context, from *State) (commit.Hash, *State, error) {
	interval := uint64(t.spec.CheckpointInterval)
	if from.Step%interval != 0 || from.Step >= uint64(t.spec.Steps) {
		return commit.Hash{}, nil, fmt.Errorf("%w: %d (interval %d, %d steps)", ErrNotCheckpoint, from.Step, interval, t.spec.Steps)
	}
	// One copy of the start, stepped in place: no state per step is left
	// for the collector (from stays as it was).
	st := from.clone()
	for st.Step < from.Step+interval {
		if err := ctx.Err(); err != nil {
			return commit.Hash{}, nil, err
		}
		if _, err := t.Advance(st); err != nil {
			return commit.Hash{}, nil, err
		}
	}
	r, err := t.StateRoot(st)
	if err != nil {
		return commit.Hash{}, nil, err
	}
	return r, st, nil
}
