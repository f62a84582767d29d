package worker

import (
	"bytes"
	"context"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// exportAfter trains s for steps steps and returns the export of its state.
func exportAfter(t *testing.T, s *spec.Spec, data []byte, steps int) []byte {
	t.Helper()
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	for i := 0; i < steps; i++ {
		_, err := tr.Advance(st)
		require.NoError(t, err)
	}
	c, err := tr.Checkpoint(st)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, export.Write(&b, s, c, export.Options{}))
	return b.Bytes()
}

// TestEvaluateFineTuneJob: the worker fetches a fine-tuning job's initial
// weights from the blob store by init.weights and checks the posted
// initial state root against them: a job whose weights are not in the
// store is skipped as a bad blob, one whose weights do not fit its model as
// a mismatch naming the tensor; the good one is bid on, its weights kept in
// the job's directory, and a trainer rebuilt from that directory (after a
// restart) starts from them.
func TestEvaluateFineTuneJob(t *testing.T) {
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "client", "worker")
	addrs := c.DeployProtocol("deployer", "arbiter", "sequencer")
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	defer srv.Close()
	blobs := blobstore.NewClient(srv.URL, nil)
	ctx := context.Background()

	specBytes, data := smallJob(t)
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	weights := exportAfter(t, s, data, 3)
	ft := *s
	ft.Seed = 2
	ft.Init = &spec.Init{Weights: commit.Keccak256(weights)}
	ftBytes, err := ft.Canonical()
	require.NoError(t, err)
	oneEth := big.NewInt(params.Ether)
	terms := jobclient.Terms{MaxPrice: oneEth, RequiredCollateral: oneEth, BidWindow: 600, ExecutionWindow: 3600, ChallengeWindow: 600}
	p, err := jobclient.PrepareInit(ftBytes, data, weights, terms)
	require.NoError(t, err)
	for _, b := range [][]byte{p.SpecBytes, data} {
		_, err = blobs.Put(ctx, b)
		require.NoError(t, err)
	}

	// A spec whose init.weights is an export of a narrower model.
	narrow := *s
	narrow.Model.Layers = []int{64, 16, 10}
	narrowWeights := exportAfter(t, &narrow, data, 0)
	wrong := ft
	wrong.Init = &spec.Init{Weights: commit.Keccak256(narrowWeights)}
	wrongBytes, err := wrong.Canonical()
	require.NoError(t, err)
	for _, b := range [][]byte{wrongBytes, narrowWeights} {
		_, err = blobs.Put(ctx, b)
		require.NoError(t, err)
	}
	wrongParams := p.Params
	wrongParams.SpecHash = commit.Keccak256(wrongBytes)

	state, err := OpenState(t.TempDir())
	require.NoError(t, err)
	defer state.Close()
	dataDir := t.TempDir()
	d := NewDriver(DriverConfig{
		DataDir: dataDir, PollInterval: 10 * time.Millisecond, ForceIncludeAfter: time.Nanosecond,
		MaxBlobSize: 1 << 26, Price: PricePolicy{PPM: 250_000}, StakeTarget: new(big.Int).Mul(oneEth, big.NewInt(2)),
		Hardware: "cpu",
	}, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(c.Backend, addrs),
		c.TxManager("worker"), c.Keys["worker"], inbox.NewDomain(c.ChainID.Uint64(), addrs.CommitmentInbox), blobs, &deadSequencer{}, state)
	defer d.Stop()
	require.NoError(t, d.Setup(ctx))

	// Job 1: its weights are not in the store (yet); job 2: weights of
	// another model; job 3: the good one, once the weights are uploaded.
	m := bindings.NewJobMarket()
	market := m.Instance(c.Backend, addrs.JobMarket)
	c.Send("client", market, oneEth, m.PackPostJob(p.Params))
	c.Send("client", market, oneEth, m.PackPostJob(wrongParams))
	require.NoError(t, d.Step(ctx))
	r1, err := state.Job(1)
	require.NoError(t, err)
	require.Contains(t, r1.Skipped, "initial weights blob "+ft.Init.Weights.String())
	require.Contains(t, r1.Skipped, "not found")
	r2, err := state.Job(2)
	require.NoError(t, err)
	require.Equal(t, "init.weights: tensor 0.weight: shape [16,64], the spec needs [32,64]", r2.Skipped)

	_, err = blobs.Put(ctx, weights)
	require.NoError(t, err)
	c.Send("client", market, oneEth, m.PackPostJob(p.Params))
	require.NoError(t, d.Step(ctx))
	r3, err := state.Job(3)
	require.NoError(t, err)
	require.Empty(t, r3.Skipped)
	job := testchain.Call(t, market, m.PackGetJob(big.NewInt(3)), m.UnpackGetJob)
	require.Equal(t, c.Addr("worker"), job.Worker, "the worker bid on the fine-tuning job")
	kept, err := os.ReadFile(filepath.Join(d.jobDir(3), initWeightsFile))
	require.NoError(t, err)
	require.Equal(t, weights, kept)

	// A trainer rebuilt from the job's directory starts from the weights.
	d.mu.Lock()
	delete(d.trainers, 3)
	d.mu.Unlock()
	tr, err := d.trainerOf(3)
	require.NoError(t, err)
	root, err := tr.InitialStateRoot()
	require.NoError(t, err)
	require.Equal(t, p.InitRoot, common.Hash(root))
	jd, err := d.defenceOf(3)
	require.NoError(t, err)
	root, err = jd.tr.InitialStateRoot()
	require.NoError(t, err)
	require.Equal(t, p.InitRoot, common.Hash(root))
}
