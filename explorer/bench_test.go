package explorer

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/indexer/loadgen"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// The page benchmark's chain is made by the indexer's load generator
// (indexer/loadgen): 1,000 jobs of 10 checkpoints each, 10,000 commitments
// in sequencer batches of 100, every result submitted and finalized but a
// game every 50 jobs (challenged, lost by the worker on time, slashed).
// EXPLORER_BENCH_STORE keeps the filled index between runs (a directory;
// filled on the first run).
var (
	benchOnce  sync.Once
	benchStore *indexer.Store
	benchErr   error
)

// loadStore returns the filled index (built once per process).
func loadStore(b *testing.B) *indexer.Store {
	benchOnce.Do(func() {
		dir := os.Getenv("EXPLORER_BENCH_STORE")
		if dir != "" {
			if _, err := os.Stat(filepath.Join(dir, "CURRENT")); err == nil {
				benchStore, benchErr = indexer.Open(dir)
				return
			}
		} else {
			dir = b.TempDir()
		}
		_, rc := testchain.StartAnvil(b, "--gas-limit", "60000000")
		start := time.Now()
		res, err := loadgen.Generate(context.Background(), rc, loadgen.Config{})
		if err != nil {
			benchErr = err
			return
		}
		b.Logf("generated %d jobs, %d commitments, %d games in %.1fs", res.Jobs, res.Commitments, res.Games, time.Since(start).Seconds())
		s, err := indexer.Open(dir)
		if err != nil {
			benchErr = err
			return
		}
		ix, err := indexer.New(indexer.Config{Contracts: res.Deployment.Contracts, StartBlock: res.FirstBlock}, s, ethclient.NewClient(rc))
		if err != nil {
			benchErr = err
			return
		}
		_, benchErr = ix.Sync(context.Background())
		benchStore = s
	})
	require.NoError(b, benchErr)
	return benchStore
}

// BenchmarkPages measures the server time of the market page and of a job
// page (the latest finalized job, with its ten checkpoints) over an index of
// 1,000 jobs and 10,000 commitments, and reports the median
// and the 99th percentile, and the process's heap and resident memory.
func BenchmarkPages(b *testing.B) {
	s := loadStore(b)
	m, err := s.Market()
	require.NoError(b, err)
	require.GreaterOrEqual(b, m.Jobs, uint64(1000))
	require.GreaterOrEqual(b, m.Commitments, uint64(10000))
	srv, err := New(NewIndexSource(s, IndexConfig{}), nil)
	require.NoError(b, err)
	uncached, err := New(NewIndexSource(s, IndexConfig{NoMarketCache: true}), nil)
	require.NoError(b, err)
	fin, err := s.Jobs(indexer.JobFilter{Status: indexer.StatusFinalized, Limit: 1})
	require.NoError(b, err)
	require.Len(b, fin, 1)
	// market: as served, built once per indexed head (the index does not
	// move here, so this is the page's rendering); market-uncached: the
	// first request after a new block, which reads the index.
	for _, page := range []struct {
		name, path, want string
		srv              *Server
	}{
		{"market", "/", `id="open-jobs"`, srv},
		{"market-uncached", "/", `id="open-jobs"`, uncached},
		{"job", "/jobs/" + strconv.FormatUint(fin[0].ID, 10), `id="job-status">finalized<`, srv},
	} {
		srv := page.srv
		b.Run(page.name, func(b *testing.B) {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, page.path, nil))
			require.Equal(b, http.StatusOK, rec.Code)
			require.Contains(b, rec.Body.String(), page.want)
			times := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, page.path, nil)
				t0 := time.Now()
				srv.ServeHTTP(rec, req)
				times = append(times, time.Since(t0))
			}
			b.StopTimer()
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(rec.Body.Len()), "page-bytes")
			// the process's memory with the store open and the pages
			// served: the Go heap in use after a GC, and the resident set
			// (Pebble's block cache lives outside the Go heap)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
			b.ReportMetric(rssMiB(), "rss-MiB")
		})
	}
}

// rssMiB is the process's resident set size (Linux), or 0.
func rssMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "VmRSS:" && f[2] == "kB" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
