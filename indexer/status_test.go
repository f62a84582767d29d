package indexer

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// scanMarket is Market's job part computed the slow way, from every job
// summary, to check the by-status index against.
func scanMarket(t *testing.T, s *Store) (byStatus [6]uint64, escrow *big.Int, open, bid, assigned PriceStats, workers uint64) {
	escrow = new(big.Int)
	var openMax, openBid, as []*big.Int
	ws := map[common.Address]bool{}
	require.NoError(t, s.scan(prefixSum, func(_, v []byte) error {
		var j JobSummary
		require.NoError(t, decode(v, &j))
		byStatus[j.Status]++
		switch j.Status {
		case StatusOpen:
			openMax = append(openMax, j.MaxPrice)
			if j.Worker != (common.Address{}) {
				openBid = append(openBid, j.Price)
			}
		case StatusAssigned, StatusSubmitted:
			ws[j.Worker] = true
			as = append(as, j.Price)
		case StatusFinalized:
			as = append(as, j.Price)
		}
		if j.Status == StatusOpen || j.Status == StatusAssigned || j.Status == StatusSubmitted {
			escrow.Add(escrow, j.Escrow)
		}
		return nil
	}))
	return byStatus, escrow, priceStats(openMax), priceStats(openBid), priceStats(as), uint64(len(ws))
}

// checkStatusIndex checks Market and Jobs{Status} (read from the by-status
// index) against a scan of every job summary.
func checkStatusIndex(t *testing.T, s *Store) {
	t.Helper()
	m, err := s.Market()
	require.NoError(t, err)
	byStatus, escrow, open, bid, assigned, workers := scanMarket(t, s)
	require.Equal(t, byStatus, m.ByStatus)
	require.Zero(t, escrow.Cmp(m.Escrow), "escrow %s, index says %s", escrow, m.Escrow)
	require.Equal(t, open, m.OpenMaxPrice)
	require.Equal(t, bid, m.OpenBestBid)
	require.Equal(t, assigned, m.Assigned)
	require.Equal(t, workers, m.ActiveWorkers)
	all, err := s.Jobs(JobFilter{Limit: 1 << 20})
	require.NoError(t, err)
	for st := StatusNone + 1; st <= StatusCancelled; st++ {
		var want []JobSummary
		for _, j := range all {
			if j.Status == st {
				want = append(want, j)
			}
		}
		got, err := s.Jobs(JobFilter{Status: st, Limit: 1 << 20})
		require.NoError(t, err)
		require.Equal(t, want, got, "status %s", st)
		if len(want) > 1 { // paging: Before and Limit
			got, err = s.Jobs(JobFilter{Status: st, Before: want[0].ID, Limit: 1})
			require.NoError(t, err)
			require.Equal(t, want[1:2], got, "status %s after %d", st, want[0].ID)
		}
	}
}

func TestStatEncoding(t *testing.T) {
	j := JobSummary{Worker: common.HexToAddress("0xab"), MaxPrice: big.NewInt(7), Escrow: new(big.Int).Lsh(big.NewInt(1), 255)}
	e, err := decodeStat(encodeStat(&j))
	require.NoError(t, err)
	require.Equal(t, j.Worker, e.Worker)
	require.Zero(t, e.MaxPrice.Cmp(j.MaxPrice))
	require.Zero(t, e.Price.Sign()) // nil is stored as 0
	require.Zero(t, e.Escrow.Cmp(j.Escrow))
	for _, b := range [][]byte{nil, make([]byte, 19), make([]byte, 20), append(make([]byte, 20), 1, 0, 0), append(make([]byte, 20), 0, 0, 0, 0), append(make([]byte, 20), 33), append(make([]byte, 20), 1, 0, 0, 0)} {
		_, err := decodeStat(b)
		require.ErrorIs(t, err, ErrCorrupt, "%x", b)
	}
}

func FuzzDecodeStat(f *testing.F) {
	f.Add(encodeStat(&JobSummary{MaxPrice: big.NewInt(5), Price: big.NewInt(1), Escrow: big.NewInt(5)}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeStat(b)
		if err != nil {
			return
		}
		// one encoding per value
		require.Equal(t, b, encodeStat(&JobSummary{Worker: e.Worker, MaxPrice: e.MaxPrice, Price: e.Price, Escrow: e.Escrow}))
	})
}

// TestOldLayout: a store made before the by-status index is refused with
// ErrOldLayout (it has no index to read), not read wrong.
func TestOldLayout(t *testing.T) {
	l := newLifecycle(t)
	l.post()
	dir := t.TempDir()
	s := openStore(t, dir)
	defer s.Close()
	_, err := l.indexer(t, s).Sync(context.Background())
	require.NoError(t, err)
	checkStatusIndex(t, s)
	cfg, ok, err := getRecord[storedConfig](s, keyConfig)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint64(storeLayout), cfg.Layout)
	cfg.Layout = 0
	require.NoError(t, s.db.Set(keyConfig, encode(cfg), nil))
	_, err = l.indexer(t, s).Sync(context.Background())
	require.ErrorIs(t, err, ErrOldLayout)
}
