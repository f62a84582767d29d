package jobclient

import (
	"context"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// chainEnv is a simulated chain with the protocol deployed (execution-window
// rule testchain.MinExecutionWindow + steps * testchain.MinStepMicros), a
// client posting as "client" through a real txmgr, and a blob store that
// counts the requests it gets.
type chainEnv struct {
	c       *testchain.Chain
	jc      *Client
	uploads *atomic.Int64
}

func newChainEnv(t *testing.T) *chainEnv {
	t.Helper()
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "client")
	d := c.DeployProtocol("deployer", "arbiter", "sequencer")
	cfg := &txmgr.Config{
		Backend: c.Backend, ChainID: c.ChainID, NumConfirmations: 1,
		NetworkTimeout: 5 * time.Second, ReceiptQueryInterval: 10 * time.Millisecond,
		TxNotInMempoolTimeout: 10 * time.Second, TxSendTimeout: 30 * time.Second, SafeAbortNonceTooLowCount: 3,
		Signer: opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(c.Keys["client"], c.ChainID)),
		From:   c.Addr("client"),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig("client", log.NewLogger(log.DiscardHandler()), new(txmetrics.NoopTxMetrics), cfg)
	require.NoError(t, err)
	t.Cleanup(tm.Close)

	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := blobstore.NewServer(local, 1<<20, nil)
	var uploads atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uploads.Add(1)
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	return &chainEnv{c: c, jc: New(c.Backend, d, tm, blobstore.NewClient(hs.URL, nil), nil), uploads: &uploads}
}

// prepared is a job of 1000 steps in 10 checkpoints (needs an execution
// window of at least 60 s + 1000 x 1000 us = 61 s).
func prepared(window uint64) *Prepared {
	h := func(s string) common.Hash { return crypto.Keccak256Hash([]byte(s)) }
	return &Prepared{SpecBytes: []byte(`{"spec":1}`), Data: []byte("data"), Params: bindings.IJobMarketJobParams{
		SpecHash: h("spec"), DatasetHash: h("data"), DatasetUri: h("data"), InitialStateRoot: h("s0"),
		GraphRoot: h("graph"), DataRoot: h("dataroot"), Steps: 1000, CheckpointInterval: 100,
		MaxPrice: big.NewInt(params.Ether), RequiredCollateral: big.NewInt(params.Ether),
		BidWindow: 60, ExecutionWindow: window, ChallengeWindow: 60,
	}}
}

func (e *chainEnv) nonce(t *testing.T) uint64 {
	n, err := e.c.Backend.NonceAt(context.Background(), e.c.Addr("client"), nil)
	require.NoError(t, err)
	return n
}

// TestSubmitExecutionWindow: a window shorter than
// JobMarket.minExecutionTime(steps) is refused before anything is uploaded
// or sent, with the minimum named; the minimum itself is accepted.
func TestSubmitExecutionWindow(t *testing.T) {
	e := newChainEnv(t)
	ctx := context.Background()
	min, err := e.jc.MinExecutionTime(ctx, 1000)
	require.NoError(t, err)
	require.Equal(t, big.NewInt(61), min)

	for _, window := range []uint64{0, 1, 60} {
		_, err := e.jc.Submit(ctx, prepared(window), big.NewInt(params.Ether))
		var ew *ExecutionWindowError
		require.ErrorAs(t, err, &ew, "window %d", window)
		require.Equal(t, ExecutionWindowError{Window: window, Min: big.NewInt(61), Steps: 1000}, *ew)
	}
	_, err = e.jc.Submit(ctx, prepared(1), big.NewInt(params.Ether))
	require.EqualError(t, err, "execution window 1s is shorter than this job needs: at least 1m1s (JobMarket.minExecutionTime for 1000 steps)")
	require.Zero(t, e.uploads.Load(), "nothing uploaded")
	require.Zero(t, e.nonce(t), "nothing sent")
	n, err := e.jc.JobCount(ctx)
	require.NoError(t, err)
	require.Zero(t, n)

	posted, err := e.jc.Submit(ctx, prepared(61), big.NewInt(params.Ether))
	require.NoError(t, err)
	require.Equal(t, uint64(1), posted.JobID)
	job, err := e.jc.Job(ctx, posted.JobID)
	require.NoError(t, err)
	require.Equal(t, uint64(61), job.Params.ExecutionWindow)
}

// TestSubmitInvalidParams: what the contract still refuses is decoded into
// a readable, typed error (here a window above the market's MAX_WINDOW, and
// a zero bid window), and nothing is sent.
func TestSubmitInvalidParams(t *testing.T) {
	e := newChainEnv(t)
	ctx := context.Background()
	p := prepared(3651 * 24 * 3600)
	_, err := e.jc.Submit(ctx, p, big.NewInt(params.Ether))
	var ip *InvalidParamsError
	require.ErrorAs(t, err, &ip)
	require.Equal(t, "executionWindow", ip.Field)
	require.ErrorContains(t, err, "post job: would revert: execution reverted: InvalidParams(field: \"executionWindow\"): the JobMarket refuses the job's executionWindow: it must be at least JobMarket.minExecutionTime(steps) and at most 3650 days")

	p = prepared(61)
	p.Params.BidWindow = 0
	_, err = e.jc.Submit(ctx, p, big.NewInt(params.Ether))
	require.ErrorAs(t, err, &ip)
	require.Equal(t, "bidWindow", ip.Field)
	require.NotContains(t, err.Error(), "\n")
	require.Zero(t, e.nonce(t), "nothing sent")

	// Another custom error is named with its arguments.
	_, err = e.jc.Cancel(ctx, 7)
	var re *reverts.RevertError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "UnknownJob", re.Name)
	require.EqualError(t, err, "would revert: execution reverted: UnknownJob(jobId: 7)")
}

// TestAuctions: a job nobody bids on runs MAX_AUCTIONS auctions and is then
// cancelled by rule, which Auctions reports; a job its poster cancels in its
// first auction is not reported so.
func TestAuctions(t *testing.T) {
	e := newChainEnv(t)
	ctx := context.Background()
	m := bindings.NewJobMarket()
	mi := m.Instance(e.c.Backend, e.jc.Addrs.JobMarket)

	byRule, err := e.jc.Submit(ctx, prepared(61), big.NewInt(params.Ether))
	require.NoError(t, err)
	byPoster, err := e.jc.Submit(ctx, prepared(61), big.NewInt(params.Ether))
	require.NoError(t, err)

	auctions := func(id uint64) Auctions {
		job, err := e.jc.Job(ctx, id)
		require.NoError(t, err)
		a, err := e.jc.Auctions(ctx, id, job)
		require.NoError(t, err)
		return a
	}
	require.Equal(t, Auctions{Run: 1, Max: 6}, auctions(byRule.JobID))
	_, err = e.jc.Cancel(ctx, byPoster.JobID)
	require.NoError(t, err)
	require.Equal(t, Auctions{Run: 1, Max: 6}, auctions(byPoster.JobID))

	for i := 2; i <= 7; i++ {
		e.c.Advance(61 * time.Second)
		e.c.Send("arbiter", mi, nil, m.PackCloseAuction(new(big.Int).SetUint64(byRule.JobID)))
		if i <= 6 {
			require.Equal(t, Auctions{Run: i, Max: 6}, auctions(byRule.JobID), "auction %d", i)
		}
	}
	job, err := e.jc.Job(ctx, byRule.JobID)
	require.NoError(t, err)
	require.Equal(t, "cancelled", StatusName(job.Status))
	require.Equal(t, Auctions{Run: 6, Max: 6, NoBidder: true}, auctions(byRule.JobID))

	// The same answers from the indexer's store, with no log scan.
	e.jc.Index = indexedStore(t, e.c)
	e.jc.Chain = noLogs{e.jc.Chain}
	require.Equal(t, Auctions{Run: 6, Max: 6, NoBidder: true}, auctions(byRule.JobID))
	require.Equal(t, Auctions{Run: 1, Max: 6}, auctions(byPoster.JobID))
}

// indexedStore indexes chain c from block 0 into a new store.
func indexedStore(t *testing.T, c *testchain.Chain) *indexer.Store {
	s, err := indexer.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	ix, err := indexer.New(indexer.Config{Contracts: c.Contracts}, s, c.Backend)
	require.NoError(t, err)
	_, err = ix.Sync(context.Background())
	require.NoError(t, err)
	return s
}

// noLogs is a chain whose log queries fail: the client must not scan.
type noLogs struct{ Chain }

func (noLogs) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	return nil, errors.New("log scan")
}

// TestProgressForced: the checkpoints a worker force-included are counted
// from the logs of the job (since FromBlock) and, the same, from the
// indexer's store.
func TestProgressForced(t *testing.T) {
	ctx := context.Background()
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "client", "worker")
	d := c.DeployProtocol("deployer", "arbiter", "sequencer")
	jc := New(c.Backend, d, nil, nil, nil)
	m, ib, reg, sm := bindings.NewJobMarket(), bindings.NewCommitmentInbox(), bindings.NewNodeRegistry(), bindings.NewStakeManager()
	mi := m.Instance(c.Backend, d.JobMarket)
	c.Send("worker", reg.Instance(c.Backend, d.NodeRegistry), nil, reg.PackRegister([]byte("w"), "cpu"))
	c.Send("worker", sm.Instance(c.Backend, d.StakeManager), big.NewInt(2*params.Ether), sm.PackDeposit())
	for id := int64(1); id <= 2; id++ {
		c.Send("client", mi, big.NewInt(params.Ether), m.PackPostJob(prepared(61).Params))
		c.Send("worker", mi, nil, m.PackBid(big.NewInt(id), big.NewInt(params.Ether/2)))
	}
	c.Advance(61 * time.Second)
	for id := int64(1); id <= 2; id++ {
		c.Send("client", mi, nil, m.PackCloseAuction(big.NewInt(id)))
	}
	for _, k := range []uint32{1, 2, 4} { // job 1: 1, 2 and (after a gap) 4
		c.Send("worker", ib.Instance(c.Backend, d.CommitmentInbox), nil, ib.PackForceInclude(bindings.ICommitmentInboxCommitment{
			JobId: 1, Round: 1, Checkpoint: k, StateRoot: common.BigToHash(big.NewInt(int64(k))), Worker: c.Addr("worker")}))
	}
	progress := func(id uint64) Progress {
		job, err := jc.Job(ctx, id)
		require.NoError(t, err)
		p, err := jc.Progress(ctx, id, job)
		require.ErrorIs(t, err, ErrNoSequencer)
		return p
	}
	want1 := Progress{Committed: 2, Posted: 2, Forced: 3, Total: 10}
	want2 := Progress{Total: 10}
	require.Equal(t, want1, progress(1))
	require.Equal(t, want2, progress(2))
	jc.Index = indexedStore(t, c)
	jc.Chain = noLogs{jc.Chain}
	require.Equal(t, want1, progress(1))
	require.Equal(t, want2, progress(2))
	parsed, err := bindings.CommitmentInboxMetaData.ParseABI()
	require.NoError(t, err)
	require.Equal(t, forceIncludedTopic, parsed.Events["ForceIncluded"].ID)
}

// TestProgressFromChain: a finalized job's checkpoints are all committed
// (its accepted result's checkpoints root is on chain), with no sequencer;
// an open or cancelled one has none; an assigned or submitted one with no
// sequencer to ask is unknown (Known false, a *SequencerError), never 0.
func TestProgressFromChain(t *testing.T) {
	e := newChainEnv(t)
	ctx := context.Background()
	job := bindings.IJobMarketJob{Params: prepared(61).Params, Round: 1, Worker: common.HexToAddress("0xa7")}
	for status, want := range map[uint8]Progress{
		1: {Total: 10, Known: true},
		4: {Committed: 10, Posted: 10, Total: 10, Known: true},
		5: {Total: 10, Known: true},
	} {
		job.Status = status
		p, err := e.jc.Progress(ctx, 1, job)
		require.NoError(t, err, StatusName(status))
		require.Equal(t, want, p, StatusName(status))
	}
	for _, status := range []uint8{2, 3} {
		job.Status = status
		p, err := e.jc.Progress(ctx, 1, job)
		require.False(t, p.Known)
		var se *SequencerError
		require.ErrorAs(t, err, &se)
		require.ErrorIs(t, err, ErrNoSequencer)
	}
}
