package verifier

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/node/dispute"
)

// TestIndexedCheatingGame indexes the chain of TestGameAgainstCheatingWorker
// (a worker wrong after step 150, caught and beaten move by move) and finds
// the whole game: every move with its transaction and sender, the bisection
// down to the primitive, and the outcome with the slash.
func TestIndexedCheatingGame(t *testing.T) {
	rec, _, f := playGame(t, playOpts{faultAt: 150}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, OutcomeWon, rec.Outcome)
	s, err := indexer.Open(t.TempDir())
	require.NoError(t, err)
	defer s.Close()
	ix, err := indexer.New(indexer.Config{Contracts: f.addrs}, s, f.c.Backend)
	require.NoError(t, err)
	_, err = ix.Sync(context.Background())
	require.NoError(t, err)

	g, err := s.Game(rec.ID)
	require.NoError(t, err)
	require.Equal(t, indexer.OutcomeChallengerWon, g.Outcome)
	require.Equal(t, f.c.Addr("verifier"), g.Challenger)
	require.Equal(t, f.c.Addr("worker"), g.Worker)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.NotNil(t, g.Slash)
	require.Positive(t, g.Slash.Amount.Sign())
	require.Greater(t, len(g.Moves), 5)
	for _, mv := range g.Moves {
		require.NotZero(t, mv.Ref.Tx, mv.Name)
		require.NotZero(t, mv.By, mv.Name)
	}
	b := g.Bisection
	require.NotNil(t, b.Checkpoint)
	require.Equal(t, uint32(2), b.Checkpoint.Checkpoint)
	require.Equal(t, uint64(100), b.Checkpoint.FromStep)
	require.Equal(t, uint64(200), b.Checkpoint.ToStep)
	require.NotNil(t, b.Step)
	require.Equal(t, uint64(150), b.Step.Step) // the first wrong step
	require.Positive(t, b.Step.NumNodes)
	// Down to one primitive, which the one-step executor found wrong.
	require.Equal(t, "step wrong", g.Reason.String())
	require.NotNil(t, b.Node)
	require.NotNil(t, b.Element)
	require.Positive(t, b.Element.TraceLength)
	require.NotNil(t, b.Primitive)
	require.Less(t, b.Primitive.Entry, b.Element.TraceLength)
	require.NotNil(t, b.Primitive.OneStep)
	require.Equal(t, "step wrong", b.Primitive.OneStep.Result)
	require.NotEmpty(t, b.Primitive.OneStep.Operands)
	require.Equal(t, "GameResolved", g.Moves[len(g.Moves)-3].Name) // then RewardPooled, RewardShared
	j, err := s.Job(g.JobID)
	require.NoError(t, err)
	r := j.Rounds[0]
	require.Equal(t, "lost-dispute", r.End)
	audited := false
	for _, cp := range r.Checkpoints {
		if cp.Index == 2 {
			audited = len(cp.Audited) > 0
		}
	}
	require.True(t, audited, "checkpoint 2 marked audited: %+v", r.Checkpoints)
}
