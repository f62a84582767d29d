package worker

import (
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// deadSequencer refuses every call, as an unreachable sequencer would.
type deadSequencer struct {
	mu    sync.Mutex
	calls int
}

func (s *deadSequencer) CallContext(context.Context, any, string, ...any) error {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	return errors.New("connection refused")
}

// smallJob is the example spec cut to 200 steps (2 checkpoints).
func smallJob(t *testing.T) (specBytes, data []byte) {
	t.Helper()
	root := filepath.Join("..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	specBytes = []byte(strings.Replace(string(raw), `"steps": 1000`, `"steps": 200`, 1))
	require.NotEqual(t, raw, specBytes)
	return specBytes, data
}

// TestDriver drives a worker on a simulated chain with a real blob store
// and a sequencer that never answers: setup (register, stake), a job whose
// graph root is wrong is skipped, the good one is bid on, trained, every
// commitment is force-included, the result submitted and, once finalized,
// the payment withdrawn.
func TestDriver(t *testing.T) {
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "client", "worker")
	addrs := c.DeployProtocol("deployer", "arbiter", "sequencer")
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	defer srv.Close()
	blobs := blobstore.NewClient(srv.URL, nil)
	ctx := context.Background()

	specBytes, data := smallJob(t)
	oneEth := big.NewInt(params.Ether)
	p, err := jobclient.Prepare(specBytes, data, jobclient.Terms{MaxPrice: oneEth, RequiredCollateral: oneEth,
		BidWindow: 600, ExecutionWindow: 3600, ChallengeWindow: 600})
	require.NoError(t, err)
	_, err = blobs.Put(ctx, p.SpecBytes)
	require.NoError(t, err)
	_, err = blobs.Put(ctx, data)
	require.NoError(t, err)

	state, err := OpenState(t.TempDir())
	require.NoError(t, err)
	defer state.Close()
	seq := &deadSequencer{}
	d := NewDriver(DriverConfig{
		DataDir: t.TempDir(), PollInterval: 10 * time.Millisecond, ForceIncludeAfter: time.Nanosecond,
		MaxBlobSize: 1 << 26, Price: PricePolicy{PPM: 250_000}, StakeTarget: new(big.Int).Mul(oneEth, big.NewInt(2)),
		Hardware: "cpu",
	}, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(c.Backend, addrs),
		c.TxManager("worker"), c.Keys["worker"], inbox.NewDomain(c.ChainID.Uint64(), addrs.CommitmentInbox), blobs, seq, state)
	defer d.Stop()
	me := c.Addr("worker")

	// Setup: registered, staked to the target; a second setup does nothing.
	require.NoError(t, d.Setup(ctx))
	require.NoError(t, d.Setup(ctx))
	sm, reg, m := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket()
	require.True(t, testchain.Call(t, reg.Instance(c.Backend, addrs.NodeRegistry), reg.PackIsRegistered(me), reg.UnpackIsRegistered))
	require.Equal(t, "2000000000000000000", testchain.Call(t, sm.Instance(c.Backend, addrs.StakeManager), sm.PackStakeOf(me), sm.UnpackStakeOf).Staked.String())

	// A job with a wrong graph root, then the good one.
	market := m.Instance(c.Backend, addrs.JobMarket)
	bad := p.Params
	bad.GraphRoot = [32]byte{1}
	c.Send("client", market, oneEth, m.PackPostJob(bad))
	c.Send("client", market, oneEth, m.PackPostJob(p.Params))
	require.NoError(t, d.Step(ctx))
	r1, err := state.Job(1)
	require.NoError(t, err)
	require.Contains(t, r1.Skipped, "graph root")
	job := testchain.Call(t, market, m.PackGetJob(big.NewInt(2)), m.UnpackGetJob)
	require.Equal(t, me, job.Worker)
	require.Equal(t, big.NewInt(params.Ether/4), job.Price, "a quarter of the max price")
	require.Zero(t, testchain.Call(t, market, m.PackGetJob(big.NewInt(1)), m.UnpackGetJob).Worker.Big().Sign())

	// Assignment: the worker trains on its own goroutine; the sequencer is
	// dead, so every commitment is force-included, then the result goes in.
	c.Advance(601 * time.Second)
	c.Send("sequencer", market, nil, m.PackCloseAuction(big.NewInt(2)))
	require.NoError(t, d.Step(ctx))
	require.Eventually(t, func() bool {
		return testchain.Call(t, market, m.PackGetJob(big.NewInt(2)), m.UnpackGetJob).Status == JobSubmitted
	}, 60*time.Second, 20*time.Millisecond)
	job = testchain.Call(t, market, m.PackGetJob(big.NewInt(2)), m.UnpackGetJob)
	rec, err := state.Job(2)
	require.NoError(t, err)
	require.Len(t, rec.Roots, 2)
	roots := []commit.Hash{commit.Hash(rec.Roots[0]), commit.Hash(rec.Roots[1])}
	require.Equal(t, rec.Roots[1], common.Hash(job.FinalModelRoot))
	require.Equal(t, common.Hash(commit.CheckpointsRoot(roots)), common.Hash(job.CheckpointsRoot))
	require.Equal(t, rec.Roots, rec.ResultRoots, "the result covers its own roots")
	in := bindings.NewCommitmentInbox()
	for k, root := range rec.Roots {
		cm := inbox.Commitment{JobID: 2, Round: 1, Checkpoint: uint32(k + 1), StateRoot: root, Worker: me}
		at := testchain.Call(t, in.Instance(c.Backend, addrs.CommitmentInbox), in.PackForcedAt(cm.Leaf()), in.UnpackForcedAt)
		require.NotZero(t, at.Sign(), "checkpoint %d force-included", k+1)
	}
	seq.mu.Lock()
	require.Positive(t, seq.calls, "the worker tried the sequencer first")
	seq.mu.Unlock()

	// Every checkpoint is published and indexed under its state root.
	for _, root := range rec.Roots {
		hs, err := blobs.Lookup(ctx, blobstore.Hash(root))
		require.NoError(t, err)
		require.Len(t, hs, 1)
	}

	// Finalized: the worker withdraws its price.
	c.Advance(601 * time.Second)
	c.Send("sequencer", market, nil, m.PackFinalize(big.NewInt(2)))
	before := c.Balance(me)
	require.Eventually(t, func() bool {
		require.NoError(t, d.Step(ctx))
		r, err := state.Job(2)
		require.NoError(t, err)
		return r.Paid
	}, 30*time.Second, 20*time.Millisecond)
	require.Zero(t, testchain.Call(t, market, m.PackBalanceOf(me), m.UnpackBalanceOf).Sign())
	require.Equal(t, 1, c.Balance(me).Cmp(before), "the payment arrived")
}
