package explorer

import (
	"context"
	"math/big"
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

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/commit"
)

// The page benchmark's chain: benchJobs jobs of benchK checkpoints each,
// every checkpoint committed in a sequencer batch (benchJobs*benchK
// commitments), every job assigned and its result submitted, every other
// job finalized. EXPLORER_BENCH_STORE keeps the filled index between runs
// (a directory; filled on the first run).
const (
	benchJobs    = 1000
	benchK       = 10
	benchWorkers = 4
	benchBatch   = 250 // commitments per batch
)

var (
	benchOnce  sync.Once
	benchStore *indexer.Store
	benchErr   error
)

// sender sends a run of transactions from one actor without waiting for
// each (anvil mines every one at once), numbering them itself.
type sender struct {
	c     *testchain.Chain
	nonce map[string]uint64
	last  map[string]common.Hash
}

func (s *sender) send(tb testing.TB, from string, contract *bind.BoundContract, value *big.Int, data []byte) {
	opts := s.c.Opts(from, value)
	n, ok := s.nonce[from]
	if !ok {
		var err error
		n, err = s.c.Backend.PendingNonceAt(context.Background(), s.c.Addr(from))
		require.NoError(tb, err)
	}
	opts.Nonce = new(big.Int).SetUint64(n)
	opts.GasLimit = 3_000_000
	tx, err := bind.Transact(contract, opts, data)
	require.NoError(tb, err)
	s.nonce[from] = n + 1
	s.last[from] = tx.Hash()
}

// wait waits for every actor's last transaction and checks it succeeded.
func (s *sender) wait(tb testing.TB) {
	for from, h := range s.last {
		r, err := testchain.WaitMined(context.Background(), s.c.Backend, h)
		require.NoError(tb, err)
		require.Equal(tb, types.ReceiptStatusSuccessful, r.Status, "%s's last transaction reverted", from)
	}
	s.last = map[string]common.Hash{}
}

// fillChain drives the protocol on a fresh anvil: benchJobs jobs posted,
// bid on, assigned, committed, submitted, half of them finalized.
func fillChain(tb testing.TB) *testchain.Chain {
	actors := []string{"deployer", "sequencer", "client"}
	for w := 0; w < benchWorkers; w++ {
		actors = append(actors, "worker"+strconv.Itoa(w))
	}
	c := testchain.NewAnvil(tb, actors...)
	eth := big.NewInt(params.Ether)
	c.DeployProtocolWithGame("deployer", "sequencer", new(big.Int).Div(eth, big.NewInt(10)), 3600, 60)
	m, ib, reg, sm := bindings.NewJobMarket(), bindings.NewCommitmentInbox(), bindings.NewNodeRegistry(), bindings.NewStakeManager()
	mi := m.Instance(c.Backend, c.Contracts.JobMarket)
	ibi := ib.Instance(c.Backend, c.Contracts.CommitmentInbox)
	s := &sender{c: c, nonce: map[string]uint64{}, last: map[string]common.Hash{}}
	milli := big.NewInt(params.Ether / 1000)
	for w := 0; w < benchWorkers; w++ {
		name := "worker" + strconv.Itoa(w)
		s.send(tb, name, reg.Instance(c.Backend, c.Contracts.NodeRegistry), nil, reg.PackRegister([]byte(name), "cpu"))
		s.send(tb, name, sm.Instance(c.Backend, c.Contracts.StakeManager), new(big.Int).Mul(eth, big.NewInt(100)), sm.PackDeposit())
	}
	p := bindings.IJobMarketJobParams{
		SpecHash: common.HexToHash("0x5bec"), DatasetHash: common.HexToHash("0xda7a"), InitialStateRoot: common.HexToHash("0x1"),
		GraphRoot: common.HexToHash("0x2"), DataRoot: common.HexToHash("0x3"), Steps: 100 * benchK, CheckpointInterval: 100,
		MaxPrice: new(big.Int).Mul(milli, big.NewInt(50)), RequiredCollateral: new(big.Int).Mul(milli, big.NewInt(10)),
		BidWindow: 3600, ExecutionWindow: 7200, ChallengeWindow: 600,
	}
	escrow := new(big.Int).Mul(milli, big.NewInt(50))
	for id := 1; id <= benchJobs; id++ {
		s.send(tb, "client", mi, escrow, m.PackPostJob(p))
	}
	s.wait(tb)
	worker := func(id int) string { return "worker" + strconv.Itoa(id%benchWorkers) }
	for id := 1; id <= benchJobs; id++ {
		price := new(big.Int).Mul(milli, big.NewInt(int64(10+id%40)))
		s.send(tb, worker(id), mi, nil, m.PackBid(big.NewInt(int64(id)), price))
	}
	s.wait(tb)
	c.Advance(3601 * time.Second)
	for id := 1; id <= benchJobs; id++ {
		s.send(tb, "client", mi, nil, m.PackCloseAuction(big.NewInt(int64(id))))
	}
	s.wait(tb)
	roots := func(id int) []commit.Hash {
		rs := make([]commit.Hash, benchK)
		for k := range rs {
			rs[k] = commit.Hash(common.BigToHash(big.NewInt(int64(id*1000 + k + 1))))
		}
		return rs
	}
	var batch []inbox.Commitment
	for id := 1; id <= benchJobs; id++ {
		for k, r := range roots(id) {
			batch = append(batch, inbox.Commitment{JobID: uint64(id), Round: 1, Checkpoint: uint32(k + 1), StateRoot: common.Hash(r), Worker: c.Addr(worker(id))})
			if len(batch) == benchBatch {
				s.send(tb, "sequencer", ibi, nil, ib.PackPostBatch(inbox.EncodeBatch(batch)))
				batch = nil
			}
		}
	}
	if len(batch) > 0 {
		s.send(tb, "sequencer", ibi, nil, ib.PackPostBatch(inbox.EncodeBatch(batch)))
	}
	s.wait(tb)
	for id := 1; id <= benchJobs; id++ {
		rs := roots(id)
		proof, err := commit.CheckpointProof(rs, len(rs))
		require.NoError(tb, err)
		pr := make([][32]byte, len(proof))
		for i := range proof {
			pr[i] = proof[i]
		}
		s.send(tb, worker(id), mi, nil, m.PackSubmitResult(big.NewInt(int64(id)), rs[len(rs)-1], commit.CheckpointsRoot(rs), pr))
	}
	s.wait(tb)
	c.Advance(601 * time.Second)
	for id := 1; id <= benchJobs; id += 2 {
		s.send(tb, "client", mi, nil, m.PackFinalize(big.NewInt(int64(id))))
	}
	s.wait(tb)
	return c
}

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
		start := time.Now()
		c := fillChain(b)
		b.Logf("chain filled: %d jobs, %d commitments in %.1fs", benchJobs, benchJobs*benchK, time.Since(start).Seconds())
		s, err := indexer.Open(dir)
		if err != nil {
			benchErr = err
			return
		}
		ix, err := indexer.New(indexer.Config{Contracts: c.Contracts}, s, c.Backend.Client.(*ethclient.Client))
		if err != nil {
			benchErr = err
			return
		}
		start = time.Now()
		h, err := ix.Sync(context.Background())
		benchErr = err
		b.Logf("indexed to block %d in %.1fs", h.Number, time.Since(start).Seconds())
		benchStore = s
	})
	require.NoError(b, benchErr)
	return benchStore
}

// BenchmarkPages measures the server time of the market page and of a job
// page (a finalized job with its ten checkpoints) over an index of
// benchJobs jobs and benchJobs*benchK commitments, and reports the median
// and the 99th percentile, and the process's heap and resident memory.
func BenchmarkPages(b *testing.B) {
	s := loadStore(b)
	m, err := s.Market()
	require.NoError(b, err)
	require.GreaterOrEqual(b, m.Jobs, uint64(benchJobs))
	srv, err := New(NewIndexSource(s, IndexConfig{}), nil)
	require.NoError(b, err)
	for _, page := range []struct{ name, path, want string }{
		{"market", "/", `id="open-jobs"`},
		{"job", "/jobs/" + strconv.Itoa(benchJobs-1), `id="job-status">finalized<`},
	} {
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
