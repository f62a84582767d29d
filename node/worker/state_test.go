package worker

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

func TestStatePersists(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenState(dir)
	require.NoError(t, err)
	next, err := s.NextScan()
	require.NoError(t, err)
	require.Equal(t, uint64(1), next)
	r, err := s.Job(7)
	require.NoError(t, err)
	require.Equal(t, &JobRecord{ID: 7}, r)
	ok, err := s.Has(7)
	require.NoError(t, err)
	require.False(t, ok)

	r.Round = 1
	r.Roots = []common.Hash{{1}, {2}}
	r.grow(2)
	r.Included[0] = true
	r.SentAt[0] = 100
	r.ResultRoots = []common.Hash{{1}, {3}}
	r.ResultTx = &common.Hash{9}
	require.NoError(t, s.PutJob(r))
	require.NoError(t, s.PutJob(&JobRecord{ID: 12, Skipped: "cancelled"}))
	require.NoError(t, s.SetNextScan(13))
	require.NoError(t, s.Close())

	s, err = OpenState(dir)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.Job(7)
	require.NoError(t, err)
	require.Equal(t, r, got)
	all, err := s.Jobs()
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, uint64(12), all[1].ID)
	next, err = s.NextScan()
	require.NoError(t, err)
	require.Equal(t, uint64(13), next)

	// A new assignment round keeps the checkpoints and resends the commitments.
	got.resetRound(2)
	require.Equal(t, uint32(2), got.Round)
	require.Len(t, got.Roots, 2)
	require.Equal(t, []bool{false, false}, got.Included)
	require.Equal(t, []int64{0, 0}, got.SentAt)
	require.Nil(t, got.ResultRoots, "a new result is submitted in the new round")
	require.Nil(t, got.ResultTx)
}

func TestGameRecords(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenState(dir)
	require.NoError(t, err)
	g, err := s.Game(3)
	require.NoError(t, err)
	require.Nil(t, g)
	_, ok, err := s.GameScanBlock()
	require.NoError(t, err)
	require.False(t, ok)
	next, err := s.NextGameScan()
	require.NoError(t, err)
	require.Zero(t, next)

	require.NoError(t, s.PutJob(&JobRecord{ID: 3}))
	require.NoError(t, s.PutGame(&GameRecord{ID: 3, JobID: 9, Round: 1, Checkpoint: 2, Status: GameOpen}))
	require.NoError(t, s.PutGame(&GameRecord{ID: 0, JobID: 9, Status: GameWon, Moves: 4}))
	require.NoError(t, s.SetGameScanBlock(77))
	require.NoError(t, s.SetNextGameScan(4))
	require.NoError(t, s.Close())

	s, err = OpenState(dir)
	require.NoError(t, err)
	defer s.Close()
	g, err = s.Game(3)
	require.NoError(t, err)
	require.Equal(t, &GameRecord{ID: 3, JobID: 9, Round: 1, Checkpoint: 2, Status: GameOpen}, g)
	require.False(t, g.Done())
	all, err := s.Games()
	require.NoError(t, err)
	require.Len(t, all, 2)
	require.Equal(t, uint64(0), all[0].ID)
	require.False(t, all[0].Done(), "won, not yet withdrawn")
	all[0].Withdrawn = true
	require.True(t, all[0].Done())
	require.True(t, (&GameRecord{Status: GameLost}).Done())
	require.True(t, (&GameRecord{Status: GameMoot}).Done())
	b, ok, err := s.GameScanBlock()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint64(77), b)
	next, err = s.NextGameScan()
	require.NoError(t, err)
	require.Equal(t, uint64(4), next)
	jobs, err := s.Jobs()
	require.NoError(t, err)
	require.Len(t, jobs, 1, "games are not jobs")
}
