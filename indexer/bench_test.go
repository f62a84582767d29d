package indexer

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/indexer/loadgen"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// TestLoadgen indexes a small generated chain and finds every job, batch,
// commitment and game the generator made, each once.
func TestLoadgen(t *testing.T) {
	_, rc := testchain.StartAnvil(t, "--gas-limit", "60000000")
	res, err := loadgen.Generate(context.Background(), rc, loadgen.Config{Jobs: 20, Checkpoints: 3, BatchSize: 7, Workers: 3, Funders: 2, DisputeEvery: 5})
	require.NoError(t, err)
	require.Equal(t, 60, res.Commitments)
	require.Equal(t, 9, res.Batches)
	require.Equal(t, 4, res.Games)
	s := openStore(t, t.TempDir())
	defer s.Close()
	ix, err := New(Config{Contracts: res.Deployment.Contracts, StartBlock: res.FirstBlock, MaxRange: 50}, s, ethclient.NewClient(rc))
	require.NoError(t, err)
	h, err := ix.Sync(context.Background())
	require.NoError(t, err)
	// anvil may still add empty blocks after the generator's last receipt
	// (its automine races evm_mine), so the head can only be at or past it.
	require.GreaterOrEqual(t, h.Number, res.Head)
	m, err := s.Market()
	require.NoError(t, err)
	require.Equal(t, uint64(20), m.Jobs)
	require.Equal(t, uint64(16), m.ByStatus[StatusFinalized])
	require.Equal(t, uint64(4), m.ByStatus[StatusOpen]) // reopened after the lost game
	require.Equal(t, uint64(9), m.Batches)
	require.Equal(t, uint64(60), m.Commitments)
	require.Equal(t, uint64(4), m.Games)
	require.Equal(t, uint64(3), m.Nodes)
	checkStatusIndex(t, s)
	gs, err := s.Games(0, 3)
	require.NoError(t, err)
	require.Len(t, gs, 3)
	require.Equal(t, []uint64{3, 2, 1}, []uint64{gs[0].ID, gs[1].ID, gs[2].ID})
	gs, err = s.Games(2, 0)
	require.NoError(t, err)
	require.Len(t, gs, 2)
	require.Equal(t, []uint64{1, 0}, []uint64{gs[0].ID, gs[1].ID})
	for id := uint64(1); id <= 20; id++ {
		j, err := s.Job(id)
		require.NoError(t, err)
		require.Len(t, j.Funders, 2)
		require.Len(t, j.Rounds, 1)
		require.Len(t, j.Rounds[0].Checkpoints, 3, "job %d", id)
		for k, cp := range j.Rounds[0].Checkpoints {
			require.Equal(t, uint32(k+1), cp.Index)
			require.NotNil(t, cp.Posted)
			require.Zero(t, cp.Conflicts)
		}
	}
	for gid := uint64(0); gid < 4; gid++ {
		g, err := s.Game(gid)
		require.NoError(t, err)
		require.Equal(t, OutcomeChallengerWon, g.Outcome)
		require.Equal(t, (gid+1)*5, g.JobID)
		require.NotNil(t, g.Slash)
	}
}

// BenchmarkCatchUp is the indexer's catch-up on a generated chain of
// GENSYN_INDEXER_BENCH_JOBS jobs (default 1000) of 10 checkpoints each
// (10,000 commitments in batches of 100, a game every 50 jobs), from the
// deployment block to the head, into a new store per iteration. Run with
// make bench-indexer.
func BenchmarkCatchUp(b *testing.B) {
	jobs := 1000
	if v := os.Getenv("GENSYN_INDEXER_BENCH_JOBS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(b, err)
		jobs = n
	}
	_, rc := testchain.StartAnvil(b, "--gas-limit", "60000000")
	start := time.Now()
	res, err := loadgen.Generate(context.Background(), rc, loadgen.Config{Jobs: jobs})
	require.NoError(b, err)
	b.Logf("generated %d jobs, %d commitments in %d batches, %d games, %d transactions, blocks %d..%d in %s",
		res.Jobs, res.Commitments, res.Batches, res.Games, res.Txs, res.FirstBlock, res.Head, time.Since(start).Round(time.Millisecond))
	var events, blocks uint64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openStore(b, b.TempDir())
		ix, err := New(Config{Contracts: res.Deployment.Contracts, StartBlock: res.FirstBlock}, s, ethclient.NewClient(rc))
		require.NoError(b, err)
		c0 := cpuTime(b)
		b.StartTimer()
		h, err := ix.Sync(context.Background())
		require.NoError(b, err)
		b.StopTimer()
		cpu += cpuTime(b) - c0
		require.GreaterOrEqual(b, h.Number, res.Head)
		m, err := s.Market()
		require.NoError(b, err)
		require.Equal(b, uint64(res.Commitments), m.Commitments)
		require.Equal(b, uint64(res.Jobs), m.Jobs)
		blocks += h.Number - res.FirstBlock + 1
		events += ix.Events()
		require.NoError(b, s.Close())
		b.StartTimer()
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(blocks)/sec, "blocks/s")
	b.ReportMetric(float64(events)/sec, "events/s")
	b.ReportMetric(float64(res.Commitments)*float64(b.N)/sec, "commitments/s")
	// The indexer's own CPU time (this process, not the node's): on a
	// shared machine wall time says more about the neighbours.
	b.ReportMetric(float64(events)/cpu.Seconds(), "events/cpu-s")
}

// cpuTime is this process's user and system CPU time.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
