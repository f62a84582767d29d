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
}
