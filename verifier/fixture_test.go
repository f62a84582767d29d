package verifier

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

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
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// The game's parameters in these tests: each side's clock and the time a
// query adds to the worker's clock, in seconds.
const (
	testClock      = 3600
	testAnswerTime = 60
)

var oneEth = big.NewInt(params.Ether)

// smallJob is the example spec cut to 200 steps (2 checkpoints).
func smallJob(t *testing.T) (specBytes, data []byte) { return smallJobSteps(t, 200) }

// smallJobSteps is the example spec cut to steps steps (its interval is
// 100).
func smallJobSteps(t *testing.T, steps int) (specBytes, data []byte) {
	t.Helper()
	root := filepath.Join("..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	specBytes = []byte(strings.Replace(string(raw), `"steps": 1000`, fmt.Sprintf(`"steps": %d`, steps), 1))
	require.NotEqual(t, raw, specBytes)
	return specBytes, data
}

// fixture is a simulated chain with the protocol deployed with the game as
// the arbiter (testchain.DeployProtocolWithGame), a real blob store holding
// the small job's spec and dataset, and job 1 posted and assigned to
// "worker" (round 1) with 1 ETH of collateral. "verifier" and "verifier2"
// are two funded challengers.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	c      *testchain.Chain
	addrs  deployments.Contracts
	blobs  *blobstore.Client
	p      *jobclient.Prepared
	tr     *trainer.Trainer
	bond   *big.Int // the bond floor
	m      *bindings.JobMarket
	market *bind.BoundContract
	ib     *bindings.CommitmentInbox
	arb    *bindings.VerdeArbitration
}

// defaultTerms leave every game time to finish inside the windows.
var defaultTerms = jobclient.Terms{MaxPrice: oneEth, RequiredCollateral: oneEth, BidWindow: 600, ExecutionWindow: 36000, ChallengeWindow: 36000}

func newFixture(t *testing.T, terms jobclient.Terms) *fixture { return newFixtureSteps(t, terms, 200) }

// newFixtureSteps is newFixture with a job of steps steps (steps/100
// checkpoints).
func newFixtureSteps(t *testing.T, terms jobclient.Terms, steps int) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background()}
	f.c = testchain.New(t, "deployer", "sequencer", "client", "worker", "verifier", "verifier2")
	f.bond = new(big.Int).Div(oneEth, big.NewInt(10))
	f.addrs = f.c.DeployProtocolWithGame("deployer", "sequencer", f.bond, testClock, testAnswerTime)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(srv.Close)
	f.blobs = blobstore.NewClient(srv.URL, nil)

	specBytes, data := smallJobSteps(t, steps)
	f.p, err = jobclient.Prepare(specBytes, data, terms)
	require.NoError(t, err)
	for _, b := range [][]byte{f.p.SpecBytes, data} {
		_, err = f.blobs.Put(f.ctx, b)
		require.NoError(t, err)
	}
	ds, err := dataset.Decode(data, f.p.Spec.Dataset.Format)
	require.NoError(t, err)
	f.tr, err = trainer.New(f.p.Spec, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)

	sm, reg := bindings.NewStakeManager(), bindings.NewNodeRegistry()
	f.m, f.ib, f.arb = bindings.NewJobMarket(), bindings.NewCommitmentInbox(), bindings.NewVerdeArbitration()
	f.market = f.m.Instance(f.c.Backend, f.addrs.JobMarket)
	f.c.Send("worker", reg.Instance(f.c.Backend, f.addrs.NodeRegistry), nil, reg.PackRegister([]byte("w"), "cpu"))
	f.c.Send("worker", sm.Instance(f.c.Backend, f.addrs.StakeManager), new(big.Int).Mul(oneEth, big.NewInt(2)), sm.PackDeposit())
	f.c.Send("client", f.market, oneEth, f.m.PackPostJob(f.p.Params))
	f.c.Send("worker", f.market, nil, f.m.PackBid(big.NewInt(1), new(big.Int).Div(oneEth, big.NewInt(2))))
	f.c.Advance(time.Duration(terms.BidWindow+1) * time.Second)
	f.c.Send("client", f.market, nil, f.m.PackCloseAuction(big.NewInt(1)))
	return f
}

// train runs the job's 200 steps with the worker's step function and
// returns every state (states[i] after i steps).
func (f *fixture) train(step dispute.StepFunc) []*trainer.State {
	init, err := f.tr.InitialState()
	require.NoError(f.t, err)
	states := []*trainer.State{init}
	for st := init; st.Step < 200; {
		st = st.Clone()
		require.NoError(f.t, step(st))
		states = append(states, st)
	}
	return states
}

// publish puts a checkpoint file of st in the blob store, indexed under its
// state root, and returns the root.
func (f *fixture) publish(st *trainer.State) common.Hash {
	ck, err := f.tr.Checkpoint(st)
	require.NoError(f.t, err)
	b, err := ck.Encode()
	require.NoError(f.t, err)
	h, err := f.blobs.Put(f.ctx, b)
	require.NoError(f.t, err)
	require.NoError(f.t, f.blobs.Link(f.ctx, blobstore.Hash(ck.StateRoot), h))
	return common.Hash(ck.StateRoot)
}

func (f *fixture) rootOf(st *trainer.State) common.Hash {
	r, err := f.tr.StateRoot(st)
	require.NoError(f.t, err)
	return common.Hash(r)
}

// commitment is the worker's commitment of checkpoint k in round 1.
func (f *fixture) commitment(k uint32, root common.Hash) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: 1, Round: 1, Checkpoint: k, StateRoot: root, Worker: f.c.Addr("worker")}
}

// forceInclude force-includes the worker's commitment of checkpoint k.
func (f *fixture) forceInclude(k uint32, root common.Hash) {
	f.c.Send("worker", f.ib.Instance(f.c.Backend, f.addrs.CommitmentInbox), nil, f.ib.PackForceInclude(f.commitment(k, root)))
}

// submit submits the result over roots (the final model root is the last,
// proven as the last item of the checkpoints list).
func (f *fixture) submit(roots []common.Hash) {
	hs := hashesTo(roots)
	proof, err := commit.CheckpointProof(hs, len(hs))
	require.NoError(f.t, err)
	f.c.Send("worker", f.market, nil, f.m.PackSubmitResult(big.NewInt(1), roots[len(roots)-1], commit.CheckpointsRoot(hs), hashes32(proof)))
}

func (f *fixture) openStore(dir string) *Store {
	s, err := OpenStore(dir)
	require.NoError(f.t, err)
	f.t.Cleanup(func() { _ = s.Close() })
	return s
}

// driver is a verifier loop of actor `name` with tx sender tx (the actor's
// txmgr when nil).
func (f *fixture) driver(name string, tx TxSender, store *Store, dataDir string, cfg DriverConfig, seq Sequencer) *Driver {
	if tx == nil {
		tx = f.c.TxManager(name)
	}
	cfg.DataDir, cfg.PollInterval, cfg.MaxBlobSize = dataDir, 10*time.Millisecond, 1<<26
	if cfg.AuditFraction == 0 {
		cfg.AuditFraction = 1
	}
	return NewDriver(cfg, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(f.c.Backend, f.addrs), tx, f.blobs, seq, store)
}

func (f *fixture) contracts() *Contracts { return NewContracts(f.c.Backend, f.addrs) }

func (f *fixture) game(id uint64) bindings.IVerdeArbitrationGame {
	gm, err := f.contracts().Game(f.ctx, id)
	require.NoError(f.t, err)
	return gm
}

func (f *fixture) gameCount() uint64 {
	n, err := f.contracts().GameCount(f.ctx)
	require.NoError(f.t, err)
	return n
}

func (f *fixture) arbBalance(name string) *big.Int {
	b, err := f.contracts().ArbBalanceOf(f.ctx, f.c.Addr(name))
	require.NoError(f.t, err)
	return b
}

func (f *fixture) job() bindings.IJobMarketJob {
	j, err := f.contracts().Job(f.ctx, 1)
	require.NoError(f.t, err)
	return j
}

// errKilled is what a sender returns that "dies" while sending.
var errKilled = errors.New("killed while sending")

// dyingSender is a verifier process killed while it sends a transaction:
// with publish, after the signed transaction reached the node's pool (not
// mined: the simulated chain mines only on Commit); without, before.
type dyingSender struct {
	c       *testchain.Chain
	name    string
	publish bool
	sent    []*types.Transaction
}

func (s *dyingSender) From() common.Address { return s.c.Addr(s.name) }

func (s *dyingSender) Send(ctx context.Context, cand txmgr.TxCandidate) (*types.Receipt, error) {
	if !s.publish {
		return nil, errKilled
	}
	nonce, err := s.c.Backend.PendingNonceAt(ctx, s.From())
	if err != nil {
		return nil, err
	}
	head, err := s.c.Backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	tip := big.NewInt(params.GWei)
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	tx, err := types.SignNewTx(s.c.Keys[s.name], types.LatestSignerForChainID(s.c.ChainID), &types.DynamicFeeTx{
		ChainID: s.c.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: cand.GasLimit, To: cand.To, Value: cand.Value,
		Data: cand.TxData,
	})
	if err != nil {
		return nil, err
	}
	// The pool only: testchain.Backend.SendTransaction would mine it.
	if err := s.c.Backend.Client.SendTransaction(ctx, tx); err != nil {
		return nil, err
	}
	s.sent = append(s.sent, tx)
	return nil, errKilled
}

// fakeSequencer answers gensyn_getInclusion from a table (the worker's
// signed commitments); anything else is not found.
type fakeSequencer struct {
	incs map[uint32]*seqrpc.Inclusion
}

func (s *fakeSequencer) CallContext(_ context.Context, result any, method string, args ...any) error {
	if method != "gensyn_getInclusion" || len(args) != 2 {
		return fmt.Errorf("unexpected call %s", method)
	}
	k, ok := args[1].(uint32)
	inc := s.incs[k]
	if !ok || inc == nil {
		return errors.New("not found")
	}
	*result.(*seqrpc.Inclusion) = *inc
	return nil
}
