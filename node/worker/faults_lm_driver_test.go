package worker

import (
	"context"
	"math/big"
	"net/http/httptest"
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
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// TestDriverSkipsMLPForLMFault: a worker given a transformer-only fault
// skips an MLP job with one clear reason and never bids on it.
func TestDriverSkipsMLPForLMFault(t *testing.T) {
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
	d := NewDriver(DriverConfig{
		DataDir: t.TempDir(), PollInterval: 10 * time.Millisecond, ForceIncludeAfter: time.Nanosecond,
		MaxBlobSize: 1 << 26, Price: PricePolicy{PPM: 250_000}, StakeTarget: new(big.Int).Mul(oneEth, big.NewInt(2)),
		Hardware: "cpu", Fault: Fault{Kind: FaultPerturbNorm},
	}, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(c.Backend, addrs),
		c.TxManager("worker"), c.Keys["worker"], inbox.NewDomain(c.ChainID.Uint64(), addrs.CommitmentInbox), blobs, &deadSequencer{}, state)
	defer d.Stop()
	require.NoError(t, d.Setup(ctx))

	m := bindings.NewJobMarket()
	market := m.Instance(c.Backend, addrs.JobMarket)
	c.Send("client", market, oneEth, m.PackPostJob(p.Params))
	require.NoError(t, d.Step(ctx))
	r, err := state.Job(1)
	require.NoError(t, err)
	require.Equal(t, "fault needs a transformer job (model.kind transformer): --unsafe.fault perturb-norm, and the job is an MLP", r.Skipped)
	require.Equal(t, common.Address{}, testchain.Call(t, market, m.PackGetJob(big.NewInt(1)), m.UnpackGetJob).Worker, "no bid")
}
