package verifier

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// claimedStates is a worker's claimed states (dispute.StateSource).
type claimedStates struct{ states []*trainer.State }

func (s *claimedStates) State(_ context.Context, step uint64) (*trainer.State, error) {
	if step >= uint64(len(s.states)) {
		return nil, fmt.Errorf("no state %d", step)
	}
	return s.states[step], nil
}

// faultyStep is the worker's step: honest, except that after step `at`
// (0: never) it flips the lowest bit of the first parameter's element 0.
func faultyStep(tr *trainer.Trainer, at uint64) dispute.StepFunc {
	return func(st *trainer.State) (*trainer.State, error) {
		next, _, err := tr.Step(st)
		if err != nil || at == 0 || st.Step != at {
			return next, err
		}
		ts := append([]repops.Tensor(nil), next.Tensors...)
		ts[0] = ts[0].Clone()
		ts[0].Data[0] = math.Float32frombits(math.Float32bits(ts[0].Data[0]) ^ 1)
		return &trainer.State{Step: next.Step, Tensors: ts}, nil
	}
}

// playGame runs the verifier's loop against a scripted worker (node/dispute's
// Defender over its claimed states, publishing every blob) on a simulated
// chain until the game is over and collected; the worker's training goes
// wrong after step faultAt (0: an honest worker); withhold: it publishes
// no dispute blob (the verifier must query). A verifier that does not move
// is timed out by the worker. It returns the game's record and the
// verifier's driver.
type playOpts struct {
	faultAt  uint64 // the worker goes wrong after this step (0: honest)
	withhold bool   // the worker publishes no dispute blob
	restart  bool   // a new driver (same store and data directory) before every verifier step
}

func playGame(t *testing.T, o playOpts, cfg DriverConfig) (*GameRecord, *Driver, *testchain.Chain) {
	t.Helper()
	ctx := context.Background()
	c := testchain.New(t, "deployer", "sequencer", "client", "worker", "verifier")
	eth := big.NewInt(params.Ether)
	bond := new(big.Int).Div(eth, big.NewInt(10))
	const clock = 3600
	addrs := deployWithGame(c, "deployer", "sequencer", bond, clock)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(srv.Close)
	blobs := blobstore.NewClient(srv.URL, nil)

	specBytes, data := smallJob(t)
	p, err := jobclient.Prepare(specBytes, data, jobclient.Terms{MaxPrice: eth, RequiredCollateral: eth,
		BidWindow: 600, ExecutionWindow: 36000, ChallengeWindow: 36000})
	require.NoError(t, err)
	for _, b := range [][]byte{p.SpecBytes, data} {
		_, err = blobs.Put(ctx, b)
		require.NoError(t, err)
	}
	ds, err := dataset.Decode(data, p.Spec.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(p.Spec, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)

	// The worker trains (with its fault), publishes its checkpoints,
	// force-includes its commitments and submits the result.
	step := faultyStep(tr, o.faultAt)
	init, err := tr.InitialState()
	require.NoError(t, err)
	src := &claimedStates{states: []*trainer.State{init}}
	for st := init; st.Step < 200; {
		st, err = step(st)
		require.NoError(t, err)
		src.states = append(src.states, st)
	}
	m, sm, reg, ib, g := bindings.NewJobMarket(), bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewCommitmentInbox(), bindings.NewVerdeArbitration()
	market, arb := m.Instance(c.Backend, addrs.JobMarket), g.Instance(c.Backend, addrs.VerdeArbitration)
	worker := c.Addr("worker")
	c.Send("worker", reg.Instance(c.Backend, addrs.NodeRegistry), nil, reg.PackRegister([]byte("w"), "cpu"))
	c.Send("worker", sm.Instance(c.Backend, addrs.StakeManager), new(big.Int).Mul(eth, big.NewInt(2)), sm.PackDeposit())
	c.Send("client", market, eth, m.PackPostJob(p.Params))
	c.Send("worker", market, nil, m.PackBid(big.NewInt(1), eth))
	c.Advance(601 * time.Second)
	c.Send("client", market, nil, m.PackCloseAuction(big.NewInt(1)))
	var roots []commit.Hash
	for k, i := range []int{100, 200} {
		ck, err := tr.Checkpoint(src.states[i])
		require.NoError(t, err)
		b, err := ck.Encode()
		require.NoError(t, err)
		h, err := blobs.Put(ctx, b)
		require.NoError(t, err)
		require.NoError(t, blobs.Link(ctx, blobstore.Hash(ck.StateRoot), h))
		roots = append(roots, ck.StateRoot)
		c.Send("worker", ib.Instance(c.Backend, addrs.CommitmentInbox), nil, ib.PackForceInclude(bindings.ICommitmentInboxCommitment{
			JobId: 1, Checkpoint: uint32(k + 1), StateRoot: ck.StateRoot, Worker: worker}))
	}
	c.Send("worker", market, nil, m.PackSubmitResult(big.NewInt(1), roots[1], commit.CheckpointsRoot(roots)))

	store, err := OpenStore(filepath.Join(t.TempDir(), "state"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	cfg.DataDir, cfg.PollInterval, cfg.MaxBlobSize = t.TempDir(), 10*time.Millisecond, 1<<26
	if cfg.AuditFraction == 0 {
		cfg.AuditFraction = 1
	}
	tm := txManager(t, c, "verifier")
	newDriver := func() *Driver {
		return NewDriver(cfg, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, NewContracts(c.Backend, addrs), tm, blobs, nil, store)
	}
	d := newDriver()

	// The worker's side: every move its Defender computes, its blobs
	// published; a move it cannot make is left to its clock.
	def := dispute.NewDefender(tr, src, step)
	workerMove := func(gid uint64, game *dispute.Game) bool {
		mv, err := def.Move(ctx, game)
		if err != nil {
			// The worker's own states cannot back the move (a cheater cornered):
			// it stays silent.
			t.Logf("worker cannot move in phase %s: %v", dispute.Phase(game.Phase), err)
			return false
		}
		if mv.Blob != nil && !o.withhold {
			_, err := blobs.Put(ctx, mv.Blob)
			require.NoError(t, err)
		}
		id := new(big.Int).SetUint64(gid)
		var data []byte
		switch {
		case mv.StepRoots != nil:
			s := mv.StepRoots
			data = g.PackRevealStepRoots(id, s.ListRoot, hashes32(s.FirstProof), hashes32(s.LastProof), s.DataHash)
		case mv.StepTrace != nil:
			s := mv.StepTrace
			data = g.PackRevealStepTrace(id, s.NumNodes, s.GraphList, s.TraceList, s.NumState, s.StartList, s.NextList, s.DataHash)
		case mv.Defence != nil:
			data = g.PackDefend(id, hashes32(mv.Defence.Proof), mv.Defence.DataList, mv.Defence.DataCount)
		case mv.ElementTrace != nil:
			s := mv.ElementTrace
			data = g.PackRevealElementTrace(id, s.TraceLength, s.ListRoot, s.LastItem, hashes32(s.LastProof), s.Leaf, hashes32(s.LeafPath), s.DataHash)
		case mv.OneStep != nil:
			data = g.PackProveStep(id, *mv.OneStep)
		case mv.Answer != nil:
			data = g.PackAnswer(id, mv.Answer.Item, hashes32(mv.Answer.Proof))
		default:
			t.Fatal("empty worker move")
		}
		to := addrs.VerdeArbitration
		est, err := c.Backend.EstimateGas(ctx, ethereum.CallMsg{From: worker, To: &to, Data: data})
		require.NoError(t, err, "the worker's move in phase %s", dispute.Phase(game.Phase))
		opts := c.Opts("worker", nil)
		opts.GasLimit = est * 3 / 2
		tx, err := bind.Transact(arb, opts, data)
		require.NoError(t, err)
		r, err := bind.WaitMined(ctx, c.Backend, tx.Hash())
		require.NoError(t, err)
		require.Equal(t, uint64(1), r.Status)
		return true
	}

	require.NoError(t, d.Step(ctx)) // the audit, and a challenge if any
	games, err := store.Games()
	require.NoError(t, err)
	require.Len(t, games, 1, "one game opened")
	gid := games[0].ID
	for i := 0; ; i++ {
		require.Less(t, i, 300, "the game does not end")
		game, err := d.c.Game(ctx, gid)
		require.NoError(t, err)
		ph := dispute.Phase(game.Phase)
		if ph == dispute.PhaseResolved {
			break
		}
		if ph.WorkerToMove() {
			if !workerMove(gid, &game) {
				// Its clock runs out; the verifier times it out.
				c.Advance((clock + 1) * time.Second)
				require.NoError(t, d.Step(ctx))
			}
			continue
		}
		if o.restart {
			d = newDriver() // the challenger is rebuilt from the store and the kept start state
		}
		require.NoError(t, d.Step(ctx), "the verifier's move in phase %s", ph)
		after, err := d.c.Game(ctx, gid)
		require.NoError(t, err)
		if after.Phase == game.Phase && after.LastMoveAt == game.LastMoveAt && after.Queries == game.Queries {
			// The verifier stays silent: the worker times it out.
			c.Advance((clock + 1) * time.Second)
			c.Send("worker", arb, nil, g.PackTimeout(new(big.Int).SetUint64(gid)))
		}
	}
	require.NoError(t, d.Step(ctx)) // collect
	rec, _, err := store.Game(gid)
	require.NoError(t, err)
	return rec, d, c
}

// TestGameAgainstCheatingWorker: a worker whose training goes wrong after
// step 150 (checkpoint 1 right, 2 wrong) is caught by the audit and loses
// the game the verifier plays honestly, move by move; the verifier gets
// its bond and the slash reward.
func TestGameAgainstCheatingWorker(t *testing.T) {
	rec, d, c := playGame(t, playOpts{faultAt: 150}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, GameDone, rec.Status)
	require.Equal(t, "won", rec.Outcome)
	require.Equal(t, uint32(2), rec.Checkpoint)
	require.Positive(t, rec.Moves)
	ctx := context.Background()
	bal, err := d.c.ArbBalanceOf(ctx, c.Addr("verifier"))
	require.NoError(t, err)
	require.Zero(t, bal.Sign())
	rw, err := d.c.RewardOf(ctx, c.Addr("verifier"))
	require.NoError(t, err)
	require.Zero(t, rw.Sign())
	t.Logf("verifier moves: %d", rec.Moves)
}

// TestGameRandomChallengerLoses: with the test modes, a verifier that
// challenges an honest worker's checkpoint 2 anyway and plays random moves
// loses its bond.
func TestGameRandomChallengerLoses(t *testing.T) {
	rec, _, _ := playGame(t, playOpts{}, DriverConfig{Strategy: dispute.Random, ChallengeAll: true, ChallengeCheckpoint: 2})
	require.Equal(t, GameDone, rec.Status)
	require.Equal(t, "lost", rec.Outcome)
}

// TestGameWithheldData: a cheating worker that publishes none of its
// dispute blobs is bisected with on-chain queries and still loses.
func TestGameWithheldData(t *testing.T) {
	rec, _, _ := playGame(t, playOpts{faultAt: 150, withhold: true}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, "won", rec.Outcome)
	t.Logf("verifier moves with queries: %d", rec.Moves)
}

// TestGameSilentChallenger: with --unsafe.stop-after 1 the verifier stops
// after its first move against a cheating worker, and loses on time.
func TestGameSilentChallenger(t *testing.T) {
	rec, _, _ := playGame(t, playOpts{faultAt: 150}, DriverConfig{Strategy: dispute.Honest, StopAfter: 1})
	require.Equal(t, "lost", rec.Outcome)
	require.Equal(t, 1, rec.Moves)
}

// TestGameResumesAfterRestart: a verifier restarted before every one of its
// moves (a new driver on the same store: the challenger rebuilt each time)
// plays the withheld-data game to the same end, and never challenges twice.
func TestGameResumesAfterRestart(t *testing.T) {
	rec, d, _ := playGame(t, playOpts{faultAt: 150, withhold: true, restart: true}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, "won", rec.Outcome)
	n, err := d.c.GameCount(context.Background())
	require.NoError(t, err)
	require.Equal(t, uint64(1), n)
}
