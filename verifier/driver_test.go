package verifier

import (
	"context"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

func txManager(t *testing.T, c *testchain.Chain, name string) *txmgr.SimpleTxManager {
	t.Helper()
	cfg := &txmgr.Config{
		Backend: c.Backend, ChainID: c.ChainID, NumConfirmations: 1,
		NetworkTimeout: 5 * time.Second, ReceiptQueryInterval: 10 * time.Millisecond,
		TxNotInMempoolTimeout: 10 * time.Second, TxSendTimeout: 30 * time.Second, SafeAbortNonceTooLowCount: 3,
		Signer: opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(c.Keys[name], c.ChainID)),
		From:   c.Addr(name),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig(name, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, cfg)
	require.NoError(t, err)
	t.Cleanup(tm.Close)
	return tm
}

// deployWithGame deploys the protocol with VerdeArbitration as the arbiter,
// as the deploy script does.
func deployWithGame(c *testchain.Chain, deployer, sequencer string, bond *big.Int, clock uint64) deployments.Contracts {
	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	game := bindings.NewVerdeArbitration()
	var d deployments.Contracts
	d.OneStep = c.Deploy(deployer, bindings.OneStepMetaData.Bin, nil)
	d.VerdeArbitration = c.Deploy(deployer, bindings.VerdeArbitrationMetaData.Bin, game.PackConstructor(bond, clock, 64))
	d.StakeManager = c.Deploy(deployer, bindings.StakeManagerMetaData.Bin, sm.PackConstructor(d.VerdeArbitration, big.NewInt(7*24*3600), big.NewInt(5000)))
	d.NodeRegistry = c.Deploy(deployer, bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(d.VerdeArbitration))
	d.JobMarket = c.Deploy(deployer, bindings.JobMarketMetaData.Bin, market.PackConstructor(d.StakeManager, d.NodeRegistry, d.VerdeArbitration))
	d.CommitmentInbox = c.Deploy(deployer, bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(c.Addr(sequencer), d.JobMarket))
	c.Send(deployer, sm.Instance(c.Backend, d.StakeManager), nil, sm.PackSetMarket(d.JobMarket))
	c.Send(deployer, reg.Instance(c.Backend, d.NodeRegistry), nil, reg.PackSetMarket(d.JobMarket))
	c.Send(deployer, game.Instance(c.Backend, d.VerdeArbitration), nil, game.PackWire(d.JobMarket, d.CommitmentInbox, d.OneStep))
	return d
}

// smallJob is the example spec cut to 200 steps (2 checkpoints).
func smallJob(t *testing.T) (specBytes, data []byte) {
	t.Helper()
	root := filepath.Join("..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	specBytes = []byte(strings.Replace(string(raw), `"steps": 1000`, `"steps": 200`, 1))
	require.NotEqual(t, raw, specBytes)
	return specBytes, data
}

// TestDriverCatchesWrongCheckpoint runs the verifier's loop on a simulated
// chain with a real blob store against a worker that commits a wrong state
// root for checkpoint 2 (checkpoint 1 is right and published): the audit
// replays both intervals, finds the mismatch at 2, challenges it (proven
// from the result's checkpoints root) with the bond; a restarted verifier
// does not challenge again; a verifier with an empty store adopts the game
// from the chain; the worker never moves, so once its clock runs out the
// verifier times it out, wins, withdraws its bond and claims the slash
// reward.
func TestDriverCatchesWrongCheckpoint(t *testing.T) {
	c := testchain.New(t, "deployer", "sequencer", "client", "worker", "verifier")
	oneEth := big.NewInt(params.Ether)
	bond := new(big.Int).Div(oneEth, big.NewInt(10))
	const clock = 3600
	addrs := deployWithGame(c, "deployer", "sequencer", bond, clock)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	defer srv.Close()
	blobs := blobstore.NewClient(srv.URL, nil)
	ctx := context.Background()

	specBytes, data := smallJob(t)
	p, err := jobclient.Prepare(specBytes, data, jobclient.Terms{MaxPrice: oneEth, RequiredCollateral: oneEth,
		BidWindow: 600, ExecutionWindow: 3600, ChallengeWindow: 600})
	require.NoError(t, err)
	_, err = blobs.Put(ctx, p.SpecBytes)
	require.NoError(t, err)
	_, err = blobs.Put(ctx, data)
	require.NoError(t, err)

	// The worker: registered, staked, wins the auction.
	m, sm, reg, ib := bindings.NewJobMarket(), bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewCommitmentInbox()
	market := m.Instance(c.Backend, addrs.JobMarket)
	worker := c.Addr("worker")
	c.Send("worker", reg.Instance(c.Backend, addrs.NodeRegistry), nil, reg.PackRegister([]byte("w"), "cpu"))
	c.Send("worker", sm.Instance(c.Backend, addrs.StakeManager), new(big.Int).Mul(oneEth, big.NewInt(2)), sm.PackDeposit())
	c.Send("client", market, oneEth, m.PackPostJob(p.Params))
	c.Send("worker", market, nil, m.PackBid(big.NewInt(1), new(big.Int).Div(oneEth, big.NewInt(2))))
	c.Advance(601 * time.Second)
	c.Send("sequencer", market, nil, m.PackCloseAuction(big.NewInt(1)))

	// It trains checkpoint 1 honestly (and publishes it), then claims a
	// wrong root for checkpoint 2; both commitments are force-included and
	// the result is over its claimed roots.
	ds, err := dataset.Decode(data, p.Spec.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(p.Spec, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	rs1, s1, err := tr.ReplayInterval(ctx, st)
	require.NoError(t, err)
	rs2, _, err := tr.ReplayInterval(ctx, s1)
	require.NoError(t, err)
	root1, honest2 := common.Hash(rs1[len(rs1)-1]), common.Hash(rs2[len(rs2)-1])
	wrong2 := common.Hash{0xba, 0xd}
	ck, err := tr.Checkpoint(s1)
	require.NoError(t, err)
	b, err := ck.Encode()
	require.NoError(t, err)
	h, err := blobs.Put(ctx, b)
	require.NoError(t, err)
	require.NoError(t, blobs.Link(ctx, blobstore.Hash(root1), h))
	inboxC := ib.Instance(c.Backend, addrs.CommitmentInbox)
	for k, root := range []common.Hash{root1, wrong2} {
		c.Send("worker", inboxC, nil, ib.PackForceInclude(bindings.ICommitmentInboxCommitment{JobId: 1, Checkpoint: uint32(k + 1), StateRoot: root, Worker: worker}))
	}
	ckRoot := commit.CheckpointsRoot([]commit.Hash{commit.Hash(root1), commit.Hash(wrong2)})
	c.Send("worker", market, nil, m.PackSubmitResult(big.NewInt(1), wrong2, ckRoot))

	dataDir := t.TempDir()
	newDriver := func(store *Store) *Driver {
		return NewDriver(DriverConfig{DataDir: dataDir, PollInterval: 10 * time.Millisecond, AuditFraction: 1, MaxBlobSize: 1 << 26,
			Strategy: dispute.Honest}, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(c.Backend, addrs),
			txManager(t, c, "verifier"), blobs, nil, store)
	}
	storeDir := filepath.Join(dataDir, "state")
	store, err := OpenStore(storeDir)
	require.NoError(t, err)
	d := newDriver(store)
	before := c.Balance(c.Addr("verifier"))

	// The audit: checkpoint 1 matches, checkpoint 2 does not; one game.
	require.NoError(t, d.Step(ctx))
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{1, 2}, r.Checked)
	require.Equal(t, []uint32{2}, r.Mismatched)
	require.Equal(t, []uint32{2}, r.Challenged)
	require.Equal(t, []uint64{0}, r.Games)
	require.True(t, r.Done)
	g, ok, err := store.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.Equal(t, root1, g.PrevRoot)
	require.Equal(t, GameOpen, g.Status)
	gm, err := d.c.Game(ctx, 0)
	require.NoError(t, err)
	require.Equal(t, c.Addr("verifier"), gm.Challenger)
	require.Equal(t, worker, gm.Worker)
	require.Equal(t, uint8(dispute.PhaseStepRoots), gm.Phase)
	require.Equal(t, root1, common.Hash(gm.StartRoot))
	require.Equal(t, wrong2, common.Hash(gm.EndRoot))
	require.NotEqual(t, honest2, wrong2)
	require.FileExists(t, filepath.Join(dataDir, "games", "0", "start.gck"))

	// A restart with the same store challenges nothing again.
	require.NoError(t, d.Step(ctx))
	d2 := newDriver(store)
	require.NoError(t, d2.Step(ctx))
	n, err := d.c.GameCount(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), n)
	require.NoError(t, store.Close())

	// A verifier that lost its store adopts its game from the chain and
	// does not challenge again either.
	require.NoError(t, os.RemoveAll(dataDir))
	store, err = OpenStore(storeDir)
	require.NoError(t, err)
	defer store.Close()
	d3 := newDriver(store)
	require.NoError(t, d3.Step(ctx))
	n, err = d.c.GameCount(ctx)
	require.NoError(t, err)
	require.Equal(t, uint64(1), n)
	g, ok, err = store.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, root1, g.PrevRoot)
	require.Equal(t, uint32(2), g.Checkpoint)
	r, err = store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{2}, r.Challenged)

	// The worker never reveals its step roots: its clock runs out, the
	// verifier times it out, wins, and collects its bond and the reward.
	c.Advance((clock + 1) * time.Second)
	require.NoError(t, d3.Step(ctx))
	require.NoError(t, d3.Step(ctx))
	g, _, err = store.Game(0)
	require.NoError(t, err)
	require.Equal(t, GameDone, g.Status)
	require.Equal(t, "won", g.Outcome)
	gm, err = d.c.Game(ctx, 0)
	require.NoError(t, err)
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), gm.Outcome)
	bal, err := d.c.ArbBalanceOf(ctx, c.Addr("verifier"))
	require.NoError(t, err)
	require.Zero(t, bal.Sign(), "the bond was withdrawn")
	rw, err := d.c.RewardOf(ctx, c.Addr("verifier"))
	require.NoError(t, err)
	require.Zero(t, rw.Sign(), "the reward was claimed")
	require.Equal(t, 1, c.Balance(c.Addr("verifier")).Cmp(before), "bond back plus the slash reward, net of gas")
	job, err := d.c.Job(ctx, 1)
	require.NoError(t, err)
	require.Equal(t, JobOpen, job.Status, "the job reopened")
}
