package worker

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestClaimedStatesInPlace: a worker's claimed states, honest or under a
// fault that changes them, are stepped in place from the nearest checkpoint
// (the initial state here): a state already handed out is never changed by
// a later request, each is the state the worker's step function gives, and
// the steps between two requests leave no state per step (fewer
// allocations than one state per step).
func TestClaimedStatesInPlace(t *testing.T) {
	s, ds := tinyJob(t)
	for _, k := range []FaultKind{FaultNone, FaultPerturbWeight, FaultSkipSteps, FaultWrongBatch, FaultInitialModel} {
		t.Run(map[bool]string{true: string(k), false: "honest"}[k != FaultNone], func(t *testing.T) {
			tr := tinyTrainer(t, s, ds)
			src := &claimedStates{tr: tr, dir: t.TempDir()}
			want := honestStates(t, tr)
			if k != FaultNone {
				// Step 3: the fault changes the states asked for below.
				fs, err := newFaultStepper(Fault{Kind: k, Step: 3, StepSet: true}, tr, nil)
				require.NoError(t, err)
				src.step = fs.Claim
				want = statesOf(t, tr, copying(fs.Claim))
				require.NotEqual(t, rootOf(t, tr, want[9]), rootOf(t, tr, honestStates(t, tr)[9]))
			}
			ctx := context.Background()
			held := map[uint64]*trainer.State{}
			for _, i := range []uint64{3, 4, 9, 2, 7} {
				st, err := src.State(ctx, i)
				require.NoError(t, err)
				held[i] = st
				for j, h := range held {
					require.Equal(t, j, h.Step)
					require.Equal(t, rootOf(t, tr, want[j]), rootOf(t, tr, h), "state %d after asking for %d", j, i)
				}
			}
			// From state 2 (handed out) to 9: one copy, stepped seven times.
			src.last = held[2]
			var a, b runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&a)
			st, err := src.State(ctx, 9)
			runtime.ReadMemStats(&b)
			require.NoError(t, err)
			require.Equal(t, uint64(9), st.Step)
			require.Equal(t, rootOf(t, tr, want[9]), rootOf(t, tr, st))
			require.Equal(t, rootOf(t, tr, want[2]), rootOf(t, tr, held[2]), "the state handed out is unchanged")
			states := float64(b.TotalAlloc-a.TotalAlloc) / float64(tr.CheckpointSize())
			t.Logf("seven steps from a handed-out state allocated %.2f states", states)
			require.Less(t, states, 1.5, "one copy, not a state per step")
		})
	}
}
