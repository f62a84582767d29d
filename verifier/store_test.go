package verifier

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

func TestStoreRoundTripAndReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	require.NoError(t, err)

	low, err := s.ScanLow()
	require.NoError(t, err)
	require.Equal(t, uint64(1), low)
	gs, err := s.GameScan()
	require.NoError(t, err)
	require.Equal(t, uint64(0), gs)

	r, err := s.Audit(3, 2)
	require.NoError(t, err)
	require.Equal(t, &AuditRecord{Job: 3, Round: 2}, r)
	r.Checked = []uint32{1, 4}
	r.Mismatched = []uint32{4}
	r.Intent = &ChallengeIntent{Checkpoint: 4, FromBlock: 17}
	r.Replayed = []common.Hash{{7}, {8}}
	r.ResultChallenged = true
	require.NoError(t, s.PutAudit(r))

	g1 := &GameRecord{ID: 11, Job: 3, Round: 2, Checkpoint: 4, PrevRoot: common.Hash{1}, Strategy: "honest", Seed: -5,
		Moves: 2, Status: GameOpen, FromBlock: 99, OpenTx: common.Hash{2}, Bond: big.NewInt(1125), Result: true}
	g0 := &GameRecord{ID: 2, Job: 1, Round: 1, Checkpoint: 1, Strategy: "random", Status: GameDone, Outcome: OutcomeShared,
		Bond: new(big.Int).Lsh(big.NewInt(1), 100), Share: big.NewInt(333)}
	require.NoError(t, s.PutGame(g1))
	require.NoError(t, s.PutGame(g0))
	require.NoError(t, s.SetScanLow(3))
	require.NoError(t, s.SetGameScan(12))
	require.NoError(t, s.Close())

	// After a restart (the records were written with pebble.Sync), every
	// record is back.
	s, err = OpenStore(dir)
	require.NoError(t, err)
	defer s.Close()
	r2, err := s.Audit(3, 2)
	require.NoError(t, err)
	require.Equal(t, r, r2)
	require.True(t, r2.checked(4))
	require.False(t, r2.challenged(4))
	other, err := s.Audit(3, 3)
	require.NoError(t, err)
	require.Empty(t, other.Checked)

	g, ok, err := s.Game(11)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, g1, g)
	_, ok, err = s.Game(12)
	require.NoError(t, err)
	require.False(t, ok)
	all, err := s.Games()
	require.NoError(t, err)
	require.Equal(t, []*GameRecord{g0, g1}, all)
	low, err = s.ScanLow()
	require.NoError(t, err)
	require.Equal(t, uint64(3), low)
	gs, err = s.GameScan()
	require.NoError(t, err)
	require.Equal(t, uint64(12), gs)
}

// TestUncollectedGames: a withdrawal of the arbitration balance is
// attributed to every resolved game not yet collected (the balance is one
// sum), in id order, never to the one game that triggered it.
func TestUncollectedGames(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	defer s.Close()
	for _, g := range []*GameRecord{
		{ID: 7, Status: GameResolved},
		{ID: 2, Status: GameDone},
		{ID: 4, Status: GameOpen},
		{ID: 0, Status: GameResolved},
		{ID: 5, Status: GameResolved},
	} {
		require.NoError(t, s.PutGame(g))
	}
	d := &Driver{store: s}
	ids, err := d.uncollected()
	require.NoError(t, err)
	require.Equal(t, []uint64{0, 5, 7}, ids)
}
