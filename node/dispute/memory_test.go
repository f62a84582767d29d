package dispute

import (
	"context"
	"runtime"
	"testing"
	"weak"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// liveStates wraps a StepFunc: it counts the steps and tracks, through weak
// pointers, the distinct states stepped, to count those still reachable.
type liveStates struct {
	steps int
	made  []weak.Pointer[trainer.State]
	seen  map[weak.Pointer[trainer.State]]bool // weak: the map keeps no state alive
}

func (l *liveStates) wrap(step StepFunc) StepFunc {
	return func(st *trainer.State) error {
		l.steps++
		if w := weak.Make(st); !l.seen[w] {
			if l.seen == nil {
				l.seen = map[weak.Pointer[trainer.State]]bool{}
			}
			l.seen[w] = true
			l.made = append(l.made, w)
		}
		return step(st)
	}
}

// live collects garbage and counts the states still reachable.
func (l *liveStates) live() int {
	runtime.GC()
	n := 0
	for _, w := range l.made {
		if w.Value() != nil {
			n++
		}
	}
	return n
}

// TestChallengerHoldsConstantStates: the challenger's replay of an interval
// keeps no per-step state (its memory is the start state, the roots and one
// trace), and the state of a picked step is recomputed from the start:
// the trace it gives is the one of the state reached by training.
func TestChallengerHoldsConstantStates(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	c := NewChallenger(fx.tr, init, Honest, 1)
	var l liveStates
	c.step = l.wrap(honestStep(fx.tr)) // to count the steps and the states stepped

	roots, err := c.Replay(ctx, 100)
	require.NoError(t, err)
	require.Len(t, roots, 101)
	require.Equal(t, 100, l.steps, "the replay ran every step of the interval")
	require.Len(t, l.made, 1, "on one state, stepped in place")
	const maxLive = 1 // a state the collector has not cleared yet at most
	require.LessOrEqual(t, l.live(), maxLive, "states kept after the replay")

	for _, step := range []uint64{57, 99, 3} {
		own, err := c.stepTrace(ctx, &Game{Step: step})
		require.NoError(t, err)
		require.LessOrEqual(t, l.live(), maxLive, "states kept after the trace of step %d", step)
		st, err := fx.tr.Run(ctx, nil, step, nil)
		require.NoError(t, err)
		want, err := fx.tr.StepTrace(st)
		require.NoError(t, err)
		require.Equal(t, want.Root, own.Root, "trace of step %d", step)
		r, err := fx.tr.StateRoot(st)
		require.NoError(t, err)
		require.Equal(t, roots[step], r)
	}
	_, err = c.stepTrace(ctx, &Game{Step: 101})
	require.Error(t, err, "a step past the interval")
}

// BenchmarkChallengerMemory reports the heap still in use after an
// interval's replay (live-MB): the challenger's (start state and roots)
// against a replay that keeps every state, as the challenger did before.
func BenchmarkChallengerMemory(b *testing.B) {
	fx := smallJob(b)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	live := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	b.Run("challenger", func(b *testing.B) {
		for b.Loop() {
			base := live()
			c := NewChallenger(fx.tr, init, Honest, 1)
			if _, err := c.Replay(ctx, 100); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(live()-base, "live-MB")
			runtime.KeepAlive(c)
		}
	})
	b.Run("keep-every-state", func(b *testing.B) {
		for b.Loop() {
			base := live()
			var kept []*trainer.State
			if _, err := replay(ctx, fx.tr, init, 100, honestStep(fx.tr), func(st *trainer.State) { kept = append(kept, st.Clone()) }); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(live()-base, "live-MB")
			runtime.KeepAlive(kept)
		}
	})
}
