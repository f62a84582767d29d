package verifier

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// claimedStates is a worker's claimed states (dispute.StateSource).
type claimedStates struct{ states []*trainer.State }

func (s *claimedStates) State(_ context.Context, step uint64) (*trainer.State, error) {
	if step >= uint64(len(s.states)) {
		return nil, fmt.Errorf("no state %d", step)
	}
	return s.states[step], nil
}

// faultyStep is the worker's step, in place: honest, except that after step
// `at` (0: never) it flips the lowest bit of the first parameter's element 0.
func faultyStep(tr *trainer.Trainer, at uint64) dispute.StepFunc {
	return func(st *trainer.State) error {
		n := st.Step
		if _, err := tr.Advance(st); err != nil || at == 0 || n != at {
			return err
		}
		st.Tensors[0].Data[0] = math.Float32frombits(math.Float32bits(st.Tensors[0].Data[0]) ^ 1)
		return nil
	}
}

// playOpts is the worker of a game test.
type playOpts struct {
	faultAt  uint64 // the worker goes wrong after this step (0: honest)
	withhold bool   // the worker publishes no dispute blob
	restart  bool   // a new driver (same store and data directory) before every verifier step
	// noCommit: the worker signs no commitment and publishes no checkpoint;
	// the verifier replays the whole job and challenges the result.
	noCommit bool
	// junk: the worker never trains; its result is over two made-up roots
	// (implies noCommit). It answers queries on its checkpoints list and
	// nothing else.
	junk bool
}

// playGame runs the verifier's loop against a scripted worker (node/dispute's
// Defender over its claimed states, publishing every blob unless it
// withholds them) on a simulated chain until the game is over and
// collected. A worker that cannot move is timed out by the verifier; a
// verifier that does not move is timed out by the worker. It returns the
// game's record, the verifier's driver and the fixture.
func playGame(t *testing.T, o playOpts, cfg DriverConfig) (*GameRecord, *Driver, *fixture) {
	t.Helper()
	f := newFixture(t, defaultTerms)
	ctx, c := f.ctx, f.c

	// The worker trains (with its fault), publishes its checkpoints,
	// force-includes its commitments and submits the result.
	step := faultyStep(f.tr, o.faultAt)
	var roots []common.Hash
	var def *dispute.Defender
	if o.junk {
		roots = []common.Hash{crypto.Keccak256Hash([]byte("junk 1")), crypto.Keccak256Hash([]byte("junk 2"))}
	} else {
		src := &claimedStates{states: f.train(step)}
		def = dispute.NewDefender(f.tr, src, step)
		for k, i := range []int{100, 200} {
			if o.noCommit {
				roots = append(roots, f.rootOf(src.states[i]))
				continue
			}
			roots = append(roots, f.publish(src.states[i]))
			f.forceInclude(uint32(k+1), roots[k])
		}
	}
	f.submit(roots)

	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	tm := c.TxManager("verifier")
	newDriver := func() *Driver { return f.driver("verifier", tm, store, dataDir, cfg, nil) }
	d := newDriver()
	worker := c.Addr("worker")
	arb := f.arb.Instance(c.Backend, f.addrs.VerdeArbitration)

	// The worker's side: its checkpoints list's answers, every move its
	// Defender computes, its blobs published; a move it cannot make is left
	// to its clock.
	workerMove := func(gid uint64, game *dispute.Game) bool {
		var mv *dispute.WorkerMove
		if dispute.Phase(game.Phase) == dispute.PhaseAnswer && dispute.List(game.QueryList) == dispute.ListCheckpoints {
			p, err := commit.ListProof(hashesTo(roots), uint64(game.QueryIndex))
			require.NoError(t, err)
			mv = &dispute.WorkerMove{Answer: &dispute.AnswerMove{Item: commit.Hash(roots[game.QueryIndex]), Proof: p.Siblings}}
		} else if def != nil {
			var err error
			if mv, err = def.Move(ctx, game); err != nil {
				// The worker's own states cannot back the move (a cheater
				// cornered): it stays silent.
				t.Logf("worker cannot move in phase %s: %v", dispute.Phase(game.Phase), err)
				return false
			}
		} else {
			return false
		}
		if mv.Blob != nil && !o.withhold {
			_, err := f.blobs.Put(ctx, mv.Blob)
			require.NoError(t, err)
		}
		data, err := dispute.PackWorkerMove(new(big.Int).SetUint64(gid), mv)
		require.NoError(t, err)
		to := f.addrs.VerdeArbitration
		est, err := c.Backend.EstimateGas(ctx, ethereum.CallMsg{From: worker, To: &to, Data: data})
		require.NoError(t, err, "the worker's move in phase %s", dispute.Phase(game.Phase))
		opts := c.Opts("worker", nil)
		opts.GasLimit = est*3/2 + 50_000
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
	sawTraceFile := false
	for i := 0; ; i++ {
		require.Less(t, i, 400, "the game does not end")
		game := f.game(gid)
		ph := dispute.Phase(game.Phase)
		if ph == dispute.PhaseResolved {
			break
		}
		if ph.WorkerToMove() {
			if !workerMove(gid, &game) {
				// Its clock runs out; the verifier times it out.
				c.Advance(time.Duration(game.WorkerClock+1) * time.Second)
				require.NoError(t, d.Step(ctx))
			}
			continue
		}
		if o.restart {
			d = newDriver() // the challenger is rebuilt from the store and the kept start state
		}
		require.NoError(t, d.Step(ctx), "the verifier's move in phase %s", ph)
		if n := len(stepTraceFiles(t, dataDir)); n > 0 {
			require.Equal(t, 1, n, "one step trace file")
			sawTraceFile = true
		}
		after := f.game(gid)
		if after.Phase == game.Phase && after.LastMoveAt == game.LastMoveAt && after.Queries == game.Queries {
			// The verifier stays silent: the worker times it out.
			c.Advance((testClock + 1) * time.Second)
			c.Send("worker", arb, nil, f.arb.PackTimeout(new(big.Int).SetUint64(gid)))
		}
	}
	require.NoError(t, d.Step(ctx)) // collect
	rec, _, err := store.Game(gid)
	require.NoError(t, err)
	// The worker's published step trace is read from a file of the game's
	// directory during the game, removed once it is resolved.
	require.Empty(t, stepTraceFiles(t, dataDir), "step trace files left")
	if o.faultAt > 0 && !o.withhold && !o.noCommit && cfg.StopAfter == 0 {
		require.True(t, sawTraceFile, "the published step trace is kept in a file")
	}
	return rec, d, f
}

// TestGameAgainstCheatingWorker: a worker whose training goes wrong after
// step 150 (checkpoint 1 right, 2 wrong) is caught by the audit and loses
// the game the verifier plays honestly, move by move; the verifier gets
// its bond and the whole slash reward share.
func TestGameAgainstCheatingWorker(t *testing.T) {
	rec, _, f := playGame(t, playOpts{faultAt: 150}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, GameDone, rec.Status)
	require.Equal(t, OutcomeWon, rec.Outcome)
	require.Equal(t, uint32(2), rec.Checkpoint)
	require.Positive(t, rec.Moves)
	require.Equal(t, new(big.Int).Div(oneEth, big.NewInt(2)), rec.Share)
	require.Zero(t, f.arbBalance("verifier").Sign())
	t.Logf("verifier moves: %d", rec.Moves)
}

// TestGameRandomChallengerLoses: with the test modes, a verifier that
// challenges an honest worker's checkpoint 2 anyway and plays random moves
// loses its bond.
func TestGameRandomChallengerLoses(t *testing.T) {
	rec, _, f := playGame(t, playOpts{}, DriverConfig{Strategy: dispute.Random, ChallengeAll: true, ChallengeCheckpoint: 2})
	require.Equal(t, GameDone, rec.Status)
	require.Equal(t, OutcomeLost, rec.Outcome)
	require.Equal(t, rec.Bond, f.arbBalance("worker"), "the bond went to the worker")
}

// TestGameWithheldData: a cheating worker that publishes none of its
// dispute blobs is bisected with on-chain queries and still loses.
func TestGameWithheldData(t *testing.T) {
	rec, _, _ := playGame(t, playOpts{faultAt: 150, withhold: true}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, OutcomeWon, rec.Outcome)
	t.Logf("verifier moves with queries: %d", rec.Moves)
}

// TestGameSilentChallenger: with --unsafe.stop-after 1 the verifier stops
// after its first move against a cheating worker, and loses on time.
func TestGameSilentChallenger(t *testing.T) {
	rec, _, _ := playGame(t, playOpts{faultAt: 150}, DriverConfig{Strategy: dispute.Honest, StopAfter: 1})
	require.Equal(t, OutcomeLost, rec.Outcome)
	require.Equal(t, 1, rec.Moves)
}

// TestGameResumesAfterRestart: a verifier restarted before every one of its
// moves (a new driver on the same store: the challenger rebuilt each time)
// plays the withheld-data game to the same end, and never challenges twice.
func TestGameResumesAfterRestart(t *testing.T) {
	rec, _, f := playGame(t, playOpts{faultAt: 150, withhold: true, restart: true}, DriverConfig{Strategy: dispute.Honest})
	require.Equal(t, OutcomeWon, rec.Outcome)
	require.Equal(t, uint64(1), f.gameCount())
}

// TestResultGameWorkerNeverTrains (mechanism 1): a worker that never trains
// commits nothing and submits a result over made-up roots. The verifier
// cannot learn its roots, replays the whole job, finds that the result's
// checkpoints root is not its own, and opens a game on the result
// (challengeResult); it opens the worker's list with queries, picks
// checkpoint 1 (the first that differs), and the worker, who cannot reveal
// step roots that end at a made-up root, loses on time.
func TestResultGameWorkerNeverTrains(t *testing.T) {
	rec, _, f := playGame(t, playOpts{junk: true}, DriverConfig{Strategy: dispute.Honest})
	require.True(t, rec.Result)
	require.Equal(t, OutcomeWon, rec.Outcome)
	require.Equal(t, uint32(1), rec.Checkpoint)
	require.Equal(t, common.Hash(f.p.Params.InitialStateRoot), rec.PrevRoot)
	require.Equal(t, new(big.Int).Div(oneEth, big.NewInt(2)), rec.Share)
	require.Equal(t, JobOpen, f.job().Status, "the job reopened")
}

// TestResultGameAgainstUncommittedCheater: a worker that goes wrong after
// step 150 and commits nothing is caught by the whole-job replay; the
// result game bisects its checkpoints list with queries, picks checkpoint
// 2 (1 agrees), and goes on like any game to the worker's defeat. The
// verifier is restarted before every one of its moves: its own roots come
// back from the store, the picked checkpoint from the chain.
func TestResultGameAgainstUncommittedCheater(t *testing.T) {
	rec, _, f := playGame(t, playOpts{faultAt: 150, noCommit: true, restart: true}, DriverConfig{Strategy: dispute.Honest})
	require.True(t, rec.Result)
	require.Equal(t, OutcomeWon, rec.Outcome)
	require.Equal(t, uint32(2), rec.Checkpoint)
	require.Equal(t, uint64(1), f.gameCount())
	gm := f.game(rec.ID)
	require.Positive(t, new(big.Int).Rsh(gm.QueryCounts, 8*uint(dispute.ListCheckpoints)).Uint64()&0xff, "the checkpoints list was queried")
	t.Logf("verifier moves: %d", rec.Moves)
}

// TestGriefingChallengerLoses (mechanism 4): a griefing challenger
// (--unsafe.strategy grief) opens a game against an honest worker and, in
// every phase where it may query, asks as many queries as the contract's
// per-list limit allows, then picks at random. The worker answers every
// query; each query adds answerTime to its clock, so its clock never runs
// down; the griefer loses its bond.
func TestGriefingChallengerLoses(t *testing.T) {
	rec, d, f := playGame(t, playOpts{}, DriverConfig{Strategy: dispute.Random, Grief: true, ChallengeAll: true, ChallengeCheckpoint: 2})
	require.Equal(t, "grief", rec.Strategy)
	require.Equal(t, OutcomeLost, rec.Outcome)
	require.Equal(t, rec.Bond, f.arbBalance("worker"), "the bond went to the worker")
	gm := f.game(rec.ID)
	for _, l := range []dispute.List{dispute.ListStepRoots, dispute.ListStepTrace, dispute.ListNextState} {
		limit, err := d.c.QueryLimit(f.ctx, listCount(&gm, l))
		require.NoError(t, err)
		asked := new(big.Int).Rsh(gm.QueryCounts, 8*uint(l)).Uint64() & 0xff
		require.Equal(t, limit, asked, "list %d queried up to its limit", l)
	}
	require.Greater(t, gm.WorkerClock, uint64(testClock), "the worker's clock grew with the queries")
	t.Logf("queries %d, moves %d, worker clock %d s", gm.Queries, rec.Moves, gm.WorkerClock)
}
