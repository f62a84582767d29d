package worker

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

const gameClock = 300 // seconds per side

// disputeEnv is a chain with the game, a blob store, a job and a worker
// driver that trains it and submits its result.
type disputeEnv struct {
	t      *testing.T
	c      *testchain.Chain
	addrs  deployments.Contracts
	blobs  *blobstore.Client
	state  *State
	d      *Driver
	dcfg   DriverConfig
	prep   *jobclient.Prepared
	tr     *trainer.Trainer
	bond   *big.Int
	roots  []commit.Hash // the result's checkpoint roots
	logger log.Logger
	logs   *logBuf // everything the worker logged
	// hold, when set, keeps the worker's submitResult from being sent (the
	// job stays Assigned) while it is true.
	hold *atomic.Bool
}

// heldSender refuses the worker's submitResult while hold is set.
type heldSender struct {
	TxSender
	hold *atomic.Bool
}

var submitResultSelector = bindings.NewJobMarket().PackSubmitResult(new(big.Int), [32]byte{}, [32]byte{}, nil)[:4]

func (h heldSender) Send(ctx context.Context, cand txmgr.TxCandidate) (*types.Receipt, error) {
	if h.hold.Load() && len(cand.TxData) >= 4 && bytes.Equal(cand.TxData[:4], submitResultSelector) {
		return nil, errors.New("test: submitResult held")
	}
	return h.TxSender.Send(ctx, cand)
}

func newDisputeEnv(t *testing.T, f Fault) *disputeEnv { return newDisputeEnvHeld(t, f, false) }

// newDisputeEnvHeld is newDisputeEnv; with hold, the worker's result is held
// back: it returns once every commitment is on chain, the job Assigned.
func newDisputeEnvHeld(t *testing.T, f Fault, hold bool) *disputeEnv {
	e := &disputeEnv{t: t, hold: new(atomic.Bool)}
	e.hold.Store(hold)
	e.c = testchain.New(t, "deployer", "sequencer", "client", "worker", "worker2", "challenger", "challenger2")
	e.bond = new(big.Int).Div(big.NewInt(params.Ether), big.NewInt(10))
	e.addrs = e.c.DeployProtocolWithGame("deployer", "sequencer", e.bond, gameClock, 128)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(srv.Close)
	e.blobs = blobstore.NewClient(srv.URL, nil)
	ctx := context.Background()

	root := filepath.Join("..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	js := strings.Replace(string(raw), `"steps": 1000`, `"steps": 40`, 1)
	js = strings.Replace(js, `"checkpoint_interval": 100`, `"checkpoint_interval": 10`, 1)
	eth := big.NewInt(params.Ether)
	e.prep, err = jobclient.Prepare([]byte(js), data, jobclient.Terms{MaxPrice: eth, RequiredCollateral: eth,
		BidWindow: 600, ExecutionWindow: 36000, ChallengeWindow: 36000})
	require.NoError(t, err)
	_, err = e.blobs.Put(ctx, e.prep.SpecBytes)
	require.NoError(t, err)
	_, err = e.blobs.Put(ctx, data)
	require.NoError(t, err)
	ds, err := dataset.Decode(data, e.prep.Spec.Dataset.Format)
	require.NoError(t, err)
	e.tr, err = trainer.New(e.prep.Spec, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)

	e.state, err = OpenState(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { e.state.Close() })
	e.logger, e.logs = captureLogger()
	e.dcfg = DriverConfig{
		DataDir: t.TempDir(), PollInterval: 20 * time.Millisecond, ForceIncludeAfter: time.Nanosecond,
		MaxBlobSize: 1 << 26, Price: PricePolicy{PPM: 250_000}, StakeTarget: new(big.Int).Mul(eth, big.NewInt(2)),
		Hardware: "cpu", Fault: f,
	}
	e.d = e.newDriver()
	t.Cleanup(func() { e.d.Stop() })
	require.NoError(t, e.d.Setup(ctx))

	m := bindings.NewJobMarket()
	market := m.Instance(e.c.Backend, e.addrs.JobMarket)
	e.c.Send("client", market, eth, m.PackPostJob(e.prep.Params))
	require.NoError(t, e.d.Step(ctx)) // evaluates and bids
	e.c.Advance(601 * time.Second)
	e.c.Send("sequencer", market, nil, m.PackCloseAuction(big.NewInt(1)))
	e.d.Start()
	if hold {
		require.Eventually(t, func() bool {
			r, err := e.state.Job(1)
			require.NoError(t, err)
			return len(r.Included) == 4 && allTrue(r.Included)
		}, 60*time.Second, 20*time.Millisecond)
		require.Equal(t, JobAssigned, e.job().Status)
	} else {
		require.Eventually(t, func() bool { return e.job().Status == JobSubmitted }, 60*time.Second, 20*time.Millisecond)
	}
	rec, err := e.state.Job(1)
	require.NoError(t, err)
	for _, r := range rec.Roots {
		e.roots = append(e.roots, commit.Hash(r))
	}
	if f.neverTrains() {
		// made up: the result's roots are all the worker has
		require.Empty(t, rec.Roots, "never-train trains nothing")
		for _, r := range rec.ResultRoots {
			e.roots = append(e.roots, commit.Hash(r))
		}
	}
	if f.Kind == FaultCorruptFinal {
		last := len(e.roots) - 1
		st, err := e.tr.LoadCheckpoint(trainer.CheckpointFile(filepath.Join(e.dcfg.DataDir, "jobs", "1", "checkpoints"), 40))
		require.NoError(t, err)
		flipLowBit(st)
		e.roots[last], err = e.tr.StateRoot(st)
		require.NoError(t, err)
	}
	if !hold {
		job := e.job()
		require.Equal(t, common.Hash(e.roots[len(e.roots)-1]), common.Hash(job.FinalModelRoot))
		require.Equal(t, common.Hash(commit.CheckpointsRoot(e.roots)), common.Hash(job.CheckpointsRoot))
	}
	return e
}

func (e *disputeEnv) newDriver() *Driver {
	return NewDriver(e.dcfg, e.logger, metrics.NoopMetrics, NewContracts(e.c.Backend, e.addrs),
		heldSender{TxSender: e.c.TxManager("worker"), hold: e.hold}, e.c.Keys["worker"], inbox.NewDomain(e.c.ChainID.Uint64(), e.addrs.CommitmentInbox), e.blobs,
		&deadSequencer{}, e.state)
}

// newWorkerDriver is an honest worker's driver for another actor, with its
// own state and data directory.
func (e *disputeEnv) newWorkerDriver(actor string, state *State, dataDir string) *Driver {
	cfg := e.dcfg
	cfg.DataDir, cfg.Fault = dataDir, Fault{}
	return NewDriver(cfg, e.logger.New("actor", actor), metrics.NoopMetrics, NewContracts(e.c.Backend, e.addrs),
		e.c.TxManager(actor), e.c.Keys[actor], inbox.NewDomain(e.c.ChainID.Uint64(), e.addrs.CommitmentInbox), e.blobs,
		&deadSequencer{}, state)
}

func (e *disputeEnv) job() bindings.IJobMarketJob {
	m := bindings.NewJobMarket()
	return testchain.Call(e.t, m.Instance(e.c.Backend, e.addrs.JobMarket), m.PackGetJob(big.NewInt(1)), m.UnpackGetJob)
}

func (e *disputeEnv) game(id uint64) dispute.Game {
	g := bindings.NewVerdeArbitration()
	return testchain.Call(e.t, g.Instance(e.c.Backend, e.addrs.VerdeArbitration), g.PackGetGame(new(big.Int).SetUint64(id)), g.UnpackGetGame)
}

// sendChallenger sends a challenger's transaction with a gas margin.
func (e *disputeEnv) sendChallenger(data []byte, value *big.Int) {
	e.sendFrom("challenger", data, value)
}

func (e *disputeEnv) sendFrom(who string, data []byte, value *big.Int) {
	ctx := context.Background()
	to := e.addrs.VerdeArbitration
	msg := ethereum.CallMsg{From: e.c.Addr(who), To: &to, Value: value, Data: data}
	_, err := e.c.Backend.CallContract(ctx, msg, nil)
	require.NoError(e.t, err, "challenger's move reverts")
	est, err := e.c.Backend.EstimateGas(ctx, msg)
	require.NoError(e.t, err)
	g := bindings.NewVerdeArbitration()
	opts := e.c.Opts(who, value)
	opts.GasLimit = est * 3 / 2
	tx, err := bind.Transact(g.Instance(e.c.Backend, to), opts, data)
	require.NoError(e.t, err)
	r, err := bind.WaitMined(ctx, e.c.Backend, tx.Hash())
	require.NoError(e.t, err)
	require.Equal(e.t, uint64(1), r.Status)
}

// filterLogs is eth_getLogs on the simulated chain, retried while its
// filter reads a block still being sealed ("failed to retrieve log value
// pointer", a race of the simulated backend when a block is mined during the
// call).
func (e *disputeEnv) filterLogs(q ethereum.FilterQuery) []types.Log {
	logs, err := e.c.Backend.FilterLogs(context.Background(), q)
	for i := 0; err != nil && strings.Contains(err.Error(), "failed to retrieve log value pointer") && i < 50; i++ {
		time.Sleep(10 * time.Millisecond)
		logs, err = e.c.Backend.FilterLogs(context.Background(), q)
	}
	require.NoError(e.t, err)
	return logs
}

// evidence collects what the worker revealed in game id: the published
// blobs behind its commitments and its query answers.
func (e *disputeEnv) evidence(id uint64) *dispute.Evidence {
	ctx := context.Background()
	a, err := bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(e.t, err)
	logs := e.filterLogs(ethereum.FilterQuery{Addresses: []common.Address{e.addrs.VerdeArbitration},
		Topics: [][]common.Hash{nil, {common.BigToHash(new(big.Int).SetUint64(id))}}})
	g := bindings.NewVerdeArbitration()
	ev := &dispute.Evidence{}
	fetch := func(h [32]byte) []byte {
		b, err := e.blobs.Get(ctx, h, 1<<26)
		if errors.Is(err, blobstore.ErrNotFound) {
			return nil
		}
		require.NoError(e.t, err)
		return b
	}
	id0 := func(name string) common.Hash { return a.Events[name].ID }
	for i := range logs {
		l := &logs[i]
		switch l.Topics[0] {
		case id0("StepRootsRevealed"):
			x, err := g.UnpackStepRootsRevealedEvent(l)
			require.NoError(e.t, err)
			ev.StepRoots = fetch(x.DataHash)
		case id0("StepTraceRevealed"):
			x, err := g.UnpackStepTraceRevealedEvent(l)
			require.NoError(e.t, err)
			ev.StepTrace = fetch(x.DataHash)
		case id0("ElementTraceRevealed"):
			x, err := g.UnpackElementTraceRevealedEvent(l)
			require.NoError(e.t, err)
			ev.ElementTrace = fetch(x.DataHash)
		case id0("QueryAnswered"):
			x, err := g.UnpackQueryAnsweredEvent(l)
			require.NoError(e.t, err)
			ans := dispute.Answer{List: dispute.List(x.List), Index: x.Index, Item: x.Item}
			for _, p := range x.Proof {
				ans.Proof = append(ans.Proof, p)
			}
			ev.Answers = append(ev.Answers, ans)
		}
	}
	return ev
}

// challenge opens a game on checkpoint k from the result's checkpoints root
// (or, while the job is Assigned, from the commitment inbox) and plays the
// challenger's side against the running worker driver until the game is
// over (play).
func (e *disputeEnv) challenge(k int, strategy dispute.Strategy, mayGiveUp bool, onWorkerMove func(moves int)) dispute.Outcome {
	g := bindings.NewVerdeArbitration()
	var prev, cur bindings.IVerdeArbitrationCheckpointProof
	if e.job().Status == JobAssigned {
		// No result yet: the checkpoints from the inbox (force-included).
		prev, cur = e.inboxProof(max(k-1, 1)), e.inboxProof(k)
	} else {
		var err error
		prev, err = dispute.ResultCheckpointProof(e.roots, max(k-1, 1))
		require.NoError(e.t, err)
		cur, err = dispute.ResultCheckpointProof(e.roots, k)
		require.NoError(e.t, err)
	}
	e.sendChallenger(g.PackChallenge(big.NewInt(1), uint32(k), prev, cur), e.bond)
	return e.play(e.gameCount()-1, k, strategy, mayGiveUp, onWorkerMove)
}

// workerGaveUp reports whether the worker logged that it makes no further
// move in game id (an injected fault's silence, a refused move, a
// commitment its computation cannot back).
func (e *disputeEnv) workerGaveUp(id uint64) bool {
	re := regexp.MustCompile(`(not making the move|refused the junk-padded|never-train: not answering|Cannot defend the game).*\bgame=` +
		strconv.FormatUint(id, 10) + `\b`)
	return re.MatchString(e.logs.String())
}

// timeoutWorker runs the worker's clock out in game id and claims the game.
func (e *disputeEnv) timeoutWorker(id uint64) {
	game := e.game(id)
	e.c.Advance(time.Duration(game.WorkerClock+1) * time.Second)
	e.sendChallenger(bindings.NewVerdeArbitration().PackTimeout(new(big.Int).SetUint64(id)), nil)
}

// play plays the challenger's side of game id (on checkpoint k) against the
// running worker driver until the game is over; a worker that does not move
// (it gave up, or 15 s passed) is timed out. onWorkerMove runs after each of
// the worker's moves (its count so far). A challenger with no winning move
// (an honest one against an honest worker) stops moving when mayGiveUp, and
// the worker claims the game on the challenger's timeout.
func (e *disputeEnv) play(id uint64, k int, strategy dispute.Strategy, mayGiveUp bool, onWorkerMove func(moves int)) dispute.Outcome {
	ctx := context.Background()
	start, err := e.tr.InitialState()
	require.NoError(e.t, err)
	for start.Step < uint64((k-1)*10) {
		start, _, err = e.tr.Step(start)
		require.NoError(e.t, err)
	}
	ch := dispute.NewChallenger(e.tr, start, strategy, 7)
	workerMoves, waited := 0, time.Now()
	for i := 0; ; i++ {
		require.Less(e.t, i, 100_000, "the game does not end")
		game := e.game(id)
		ph := dispute.Phase(game.Phase)
		if ph == dispute.PhaseResolved {
			return dispute.Outcome(game.Outcome)
		}
		if ph.WorkerToMove() {
			if e.workerGaveUp(id) || time.Since(waited) > 15*time.Second {
				e.timeoutWorker(id)
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if n := e.moves(id); n != workerMoves {
			workerMoves = n
			if onWorkerMove != nil {
				onWorkerMove(n)
			}
		}
		mv, err := ch.Move(ctx, &game, e.evidence(id))
		if err != nil && mayGiveUp {
			e.t.Logf("challenger gives up in phase %s: %v", ph, err)
			e.c.Advance(time.Duration(game.ChallengerClock+1) * time.Second)
			require.Eventually(e.t, func() bool { return dispute.Phase(e.game(id).Phase) == dispute.PhaseResolved },
				30*time.Second, 20*time.Millisecond, "the worker claims the game on the challenger's timeout")
			return dispute.Outcome(e.game(id).Outcome)
		}
		require.NoError(e.t, err, "challenger in phase %s", ph)
		data, err := dispute.PackChallengerMove(new(big.Int).SetUint64(id), mv)
		require.NoError(e.t, err)
		e.sendChallenger(data, nil)
		waited = time.Now()
	}
}

// inboxProof is checkpoint k's proof from the commitment inbox: a forced
// entry with the worker's signature (which a challenger gets from the
// sequencer).
func (e *disputeEnv) inboxProof(k int) bindings.IVerdeArbitrationCheckpointProof {
	cm := inbox.Commitment{JobID: 1, Round: e.job().Round, Checkpoint: uint32(k), StateRoot: common.Hash(e.roots[k-1]), Worker: e.c.Addr("worker")}
	sig, err := inbox.NewDomain(e.c.ChainID.Uint64(), e.addrs.CommitmentInbox).Sign(cm, e.c.Keys["worker"])
	require.NoError(e.t, err)
	forced := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	return bindings.IVerdeArbitrationCheckpointProof{StateRoot: e.roots[k-1], FromInbox: true, BatchIndex: forced,
		LeafIndex: new(big.Int), Signature: sig}
}

func (e *disputeEnv) gameCount() uint64 {
	g := bindings.NewVerdeArbitration()
	n := testchain.Call(e.t, g.Instance(e.c.Backend, e.addrs.VerdeArbitration), g.PackGameCount(), g.UnpackGameCount)
	return n.Uint64()
}

// moves is the worker's recorded move count in a game.
func (e *disputeEnv) moves(id uint64) int {
	r, err := e.state.Game(id)
	require.NoError(e.t, err)
	if r == nil {
		return 0
	}
	return r.Moves
}

// TestDefendHonest: an honest worker against a challenger that picks at
// random wins, across a restart of its driver in the middle of the game,
// and withdraws the bond.
func TestDefendHonest(t *testing.T) {
	e := newDisputeEnv(t, Fault{})
	worker := e.c.Addr("worker")
	restarted := false
	out := e.challenge(2, dispute.Random, false, func(moves int) {
		if moves >= 1 && !restarted {
			// A restart: a fresh driver over the same data directory and
			// state finds the game again and goes on defending.
			restarted = true
			e.d.Stop()
			e.d = e.newDriver()
			e.d.Start()
		}
	})
	require.True(t, restarted)
	require.Equal(t, dispute.OutcomeWorkerWon, out)
	require.Eventually(t, func() bool {
		r, err := e.state.Game(0)
		require.NoError(t, err)
		return r != nil && r.Status == GameWon && r.Withdrawn
	}, 30*time.Second, 20*time.Millisecond)
	g := bindings.NewVerdeArbitration()
	bal := testchain.Call(t, g.Instance(e.c.Backend, e.addrs.VerdeArbitration), g.PackBalanceOf(worker), g.UnpackBalanceOf)
	require.Zero(t, bal.Sign(), "the bond was withdrawn")
	require.Equal(t, JobSubmitted, e.job().Status, "the result stands")
}

// Reasons of VerdeArbitration's GameResolved event (IVerdeArbitration.Reason).
const (
	reasonTimeout   = 1
	reasonStepWrong = 6
)

// resolvedReason is the reason of game id's GameResolved event.
func (e *disputeEnv) resolvedReason(id uint64) uint8 {
	g := bindings.NewVerdeArbitration()
	a, err := bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(e.t, err)
	logs := e.filterLogs(ethereum.FilterQuery{Addresses: []common.Address{e.addrs.VerdeArbitration},
		Topics: [][]common.Hash{{a.Events["GameResolved"].ID}, {common.BigToHash(new(big.Int).SetUint64(id))}}})
	require.Len(e.t, logs, 1)
	ev, err := g.UnpackGameResolvedEvent(&logs[0])
	require.NoError(e.t, err)
	return ev.Reason
}

// TestDefendCheater: a worker with an injected fault loses to an honest
// challenger, and keeps running: the job, reopened, is skipped (the worker
// is barred from it). With junk-padding its step-trace reveal is refused
// and it loses on time; with rebid it bids on the reopened job at once and
// the market refuses (Barred); with float64-matmul (an honest mistake) it
// logs the mistake and loses at the one-step, not by its clock.
func TestDefendCheater(t *testing.T) {
	for _, f := range []Fault{
		{Kind: FaultPerturbWeight, Step: 13, StepSet: true},
		{Kind: FaultSkipSteps, Step: 13, StepSet: true},
		{Kind: FaultWrongBatch, Step: 13, StepSet: true},
		{Kind: FaultWrongLR, Step: 13, StepSet: true},
		{Kind: FaultInitialModel},
		{Kind: FaultCorruptFinal},
		{Kind: FaultFloat64MatMul},
		{Kind: FaultWithhold},
		{Kind: FaultStopAnswering},
		{Kind: FaultPerturbWeight, Step: 13, StepSet: true, JunkPadding: true},
		{Kind: FaultPerturbWeight, Step: 13, StepSet: true, Rebid: true},
	} {
		t.Run(strings.ReplaceAll(f.String(), " ", "_"), func(t *testing.T) {
			e := newDisputeEnv(t, f)
			k := 2 // the fault at step 13 is in checkpoint 2's interval
			switch f.Kind {
			case FaultCorruptFinal:
				k = 4
			case FaultInitialModel, FaultFloat64MatMul:
				k = 1
			}
			strategy := dispute.Honest
			if f.Kind == FaultStopAnswering {
				strategy = dispute.Random // the worker is honest: only its clock is at fault
			}
			// Against a withholding (honest) worker, the honest challenger
			// has to query; it finds nothing wrong and gives up.
			out := e.challenge(k, strategy, f.Kind == FaultWithhold, nil)
			switch f.Kind {
			case FaultWithhold:
				require.Equal(t, dispute.OutcomeWorkerWon, out, "withholding costs rounds, not the game")
			default:
				require.Equal(t, dispute.OutcomeChallengerWon, out)
			}
			switch {
			case f.Kind == FaultStopAnswering:
				require.Equal(t, 1, e.moves(0))
				require.Equal(t, uint8(reasonTimeout), e.resolvedReason(0), "lost on time")
			case f.JunkPadding:
				require.Equal(t, uint8(reasonTimeout), e.resolvedReason(0), "lost on time")
				require.Equal(t, 1, e.moves(0), "the step roots, then nothing: the junk-padded step trace is refused")
				require.Regexp(t, `UNSAFE fault junk-padding: the contract refused the junk-padded step trace reveal.*game=0.*revert=PaddingSibling\{Height:1\}`, e.logs.String())
				require.Equal(t, 1, strings.Count(e.logs.String(), "refused the junk-padded step trace reveal"), "logged once")
			case f.Kind == FaultFloat64MatMul:
				require.Equal(t, uint8(reasonStepWrong), e.resolvedReason(0), "an honest mistake ends at the one-step, not by the clock")
				logs := e.logs.String()
				require.Equal(t, 1, strings.Count(logs, "HONEST MISTAKE"), "one loud line")
				require.Regexp(t, `HONEST MISTAKE.*job=1\s+game=0\s+step=\d+\s+node=\d+\s+op=\S+\s+element=\d+\s+repops=\S+\s+repopsBits=0x[0-9a-f]{8}\s+claimed=\S+\s+claimedBits=0x[0-9a-f]{8}`, logs)
			}
			if f.Kind == FaultWithhold {
				ev := e.evidence(0)
				require.Nil(t, ev.StepRoots, "nothing published")
				require.Equal(t, 1, e.moves(0), "the step roots")
				require.Eventually(t, func() bool {
					r, err := e.state.Game(0)
					require.NoError(t, err)
					return r.Status == GameWon && r.Withdrawn
				}, 30*time.Second, 20*time.Millisecond, "won on the challenger's timeout (claimed by the worker), bond withdrawn")
			}
			if out == dispute.OutcomeChallengerWon {
				want := "barred: lost dispute game 0"
				if f.Rebid {
					want = "barred: the market refused the bid (rebid)"
				}
				require.Eventually(t, func() bool {
					r, err := e.state.Job(1)
					require.NoError(t, err)
					g, err := e.state.Game(0)
					require.NoError(t, err)
					return r.Skipped == want && g.Status == GameLost
				}, 30*time.Second, 20*time.Millisecond)
				job := e.job()
				require.Equal(t, JobOpen, job.Status)
				require.Equal(t, common.Address{}, job.Worker, "no bid from the barred worker")
				require.True(t, e.barred("worker"))
				if f.Rebid {
					require.Regexp(t, `UNSAFE fault rebid: the market refused this worker's bid on a job it is barred from.*job=1 revert="?Barred\{JobId:1 Worker:`+e.c.Addr("worker").Hex(), e.logs.String())
				} else {
					require.NotRegexp(t, `bid \d+ wei on job 1 would revert`, e.logs.String(), "a barred worker does not try")
				}
				require.NoError(t, e.d.Step(context.Background()), "the worker goes on")
			}
		})
	}
}

// barred reads JobMarket.isBarred(1, who).
func (e *disputeEnv) barred(who string) bool {
	m := bindings.NewJobMarket()
	return testchain.Call(e.t, m.Instance(e.c.Backend, e.addrs.JobMarket), m.PackIsBarred(big.NewInt(1), e.c.Addr(who)), m.UnpackIsBarred)
}

// TestDefendStaleGame: a cheating worker with two games open loses one; the
// job reopens, and the worker stops defending the other (stale) game.
func TestDefendStaleGame(t *testing.T) {
	e := newDisputeEnv(t, Fault{Kind: FaultPerturbWeight, Step: 13, StepSet: true})
	g := bindings.NewVerdeArbitration()
	prev, err := dispute.ResultCheckpointProof(e.roots, 2)
	require.NoError(t, err)
	cur, err := dispute.ResultCheckpointProof(e.roots, 3)
	require.NoError(t, err)
	e.sendFrom("challenger2", g.PackChallenge(big.NewInt(1), 3, prev, cur), e.bond) // game 0, left alone
	require.Eventually(t, func() bool { return e.moves(0) == 1 }, 30*time.Second, 20*time.Millisecond, "the worker reveals its step roots")
	require.Equal(t, dispute.OutcomeChallengerWon, e.challenge(2, dispute.Honest, false, nil)) // game 1
	require.Eventually(t, func() bool {
		r, err := e.state.Game(0)
		require.NoError(t, err)
		return r.Status == GameMoot
	}, 30*time.Second, 20*time.Millisecond, "game 0 is stale")
	require.Equal(t, dispute.PhasePickStep, dispute.Phase(e.game(0).Phase), "the worker made no move in it since")
	require.Eventually(t, func() bool {
		r, err := e.state.Game(1)
		require.NoError(t, err)
		return r.Status == GameLost
	}, 30*time.Second, 20*time.Millisecond, "game 1 is lost")
}

// TestDefendWhileAssigned: games opened from the commitment inbox while the
// job is still Assigned (its result not yet sent) are defended too: an
// honest worker wins and then submits its result; a cheater loses, its
// training goroutine stops, and the reopened job is skipped.
func TestDefendWhileAssigned(t *testing.T) {
	t.Run("honest", func(t *testing.T) {
		e := newDisputeEnvHeld(t, Fault{}, true)
		require.Equal(t, dispute.OutcomeWorkerWon, e.challenge(2, dispute.Random, false, nil))
		require.Equal(t, JobAssigned, e.job().Status)
		e.hold.Store(false)
		require.Eventually(t, func() bool { return e.job().Status == JobSubmitted }, 30*time.Second, 20*time.Millisecond,
			"the result goes in once the game is won")
		require.Eventually(t, func() bool {
			r, err := e.state.Game(0)
			require.NoError(t, err)
			return r.Status == GameWon && r.Withdrawn
		}, 30*time.Second, 20*time.Millisecond)
	})
	t.Run("cheater", func(t *testing.T) {
		e := newDisputeEnvHeld(t, Fault{Kind: FaultSkipSteps, Step: 13, StepSet: true}, true)
		require.Equal(t, dispute.OutcomeChallengerWon, e.challenge(2, dispute.Honest, false, nil))
		e.hold.Store(false)
		require.Eventually(t, func() bool {
			r, err := e.state.Job(1)
			require.NoError(t, err)
			return strings.Contains(r.Skipped, "lost dispute game 0")
		}, 30*time.Second, 20*time.Millisecond)
		require.Equal(t, JobOpen, e.job().Status)
		require.NoError(t, e.d.Step(context.Background()), "the worker goes on")
	})
}

// TestDefendResultGame: a game opened on the result (challengeResult)
// starts with the challenger's PickCheckpoint, which the worker waits
// through; it answers the challenger's Checkpoints query from the roots its
// result covers; after the pick the game goes on as any other, and the
// honest worker wins it.
func TestDefendResultGame(t *testing.T) {
	e := newDisputeEnv(t, Fault{})
	g := bindings.NewVerdeArbitration()
	e.sendChallenger(g.PackChallengeResult(big.NewInt(1)), e.bond)
	id := e.gameCount() - 1
	gid := new(big.Int).SetUint64(id)
	require.Equal(t, dispute.PhasePickCheckpoint, dispute.Phase(e.game(id).Phase))

	// The challenger asks for checkpoint 2 (item 1 of the list).
	e.sendChallenger(g.PackQuery(gid, uint8(dispute.ListCheckpoints), 1), nil)
	require.Eventually(t, func() bool { return dispute.Phase(e.game(id).Phase) == dispute.PhasePickCheckpoint },
		30*time.Second, 20*time.Millisecond, "the worker answers")
	ans := e.evidence(id).Answers
	require.Len(t, ans, 1)
	require.Equal(t, dispute.ListCheckpoints, ans[0].List)
	require.Equal(t, e.roots[1], ans[0].Item)
	list := commit.Hash(e.job().CheckpointsList)
	require.True(t, commit.Proof{Index: 1, Siblings: ans[0].Proof}.VerifyItem(list, ans[0].Item, 4), "a canonical proof under the result's list")
	r, err := e.state.Game(id)
	require.NoError(t, err)
	require.Equal(t, uint32(0), r.Checkpoint, "no checkpoint before the pick")

	// The pick, then an ordinary game on checkpoint 2.
	prev, err := commit.CheckpointProof(e.roots, 1)
	require.NoError(t, err)
	cur, err := commit.CheckpointProof(e.roots, 2)
	require.NoError(t, err)
	data, err := dispute.PackChallengerMove(gid, &dispute.ChallengerMove{PickCheckpoint: &dispute.PickCheckpointMove{
		Checkpoint: 2, PrevRoot: e.roots[0], PrevProof: prev, CurRoot: e.roots[1], CurProof: cur}})
	require.NoError(t, err)
	e.sendChallenger(data, nil)
	require.Equal(t, dispute.OutcomeWorkerWon, e.play(id, 2, dispute.Random, false, nil))
	require.Eventually(t, func() bool {
		r, err := e.state.Game(id)
		require.NoError(t, err)
		return r.Status == GameWon && r.Withdrawn && r.Checkpoint == 2
	}, 30*time.Second, 20*time.Millisecond)
	require.Equal(t, JobSubmitted, e.job().Status, "the result stands")
}

// TestDefendNeverTrain: a never-train worker commits nothing, trains
// nothing and publishes nothing, yet its made-up result is accepted (its
// last root is proven); a game on the result (challengeResult) asks it to
// open its checkpoints list, it cannot, and it loses on time.
func TestDefendNeverTrain(t *testing.T) {
	e := newDisputeEnv(t, Fault{Kind: FaultNeverTrain})
	ctx := context.Background()
	rec, err := e.state.Job(1)
	require.NoError(t, err)
	require.Empty(t, rec.Roots)
	require.Len(t, rec.ResultRoots, 4)
	files, err := os.ReadDir(filepath.Join(e.dcfg.DataDir, "jobs", "1", "checkpoints"))
	require.NoError(t, err)
	require.Empty(t, files, "no checkpoint file")
	a, err := bindings.CommitmentInboxMetaData.ParseABI()
	require.NoError(t, err)
	forced := e.filterLogs(ethereum.FilterQuery{Addresses: []common.Address{e.addrs.CommitmentInbox},
		Topics: [][]common.Hash{{a.Events["ForceIncluded"].ID}}})
	require.Empty(t, forced, "no commitment on chain")
	for _, root := range e.roots {
		hs, err := e.blobs.Lookup(ctx, blobstore.Hash(root))
		require.NoError(t, err)
		require.Empty(t, hs, "nothing published")
	}

	g := bindings.NewVerdeArbitration()
	e.sendChallenger(g.PackChallengeResult(big.NewInt(1)), e.bond)
	id := e.gameCount() - 1
	e.sendChallenger(g.PackQuery(new(big.Int).SetUint64(id), uint8(dispute.ListCheckpoints), 0), nil)
	require.Eventually(t, func() bool { return e.workerGaveUp(id) }, 30*time.Second, 20*time.Millisecond)
	require.Equal(t, dispute.PhaseAnswer, dispute.Phase(e.game(id).Phase))
	e.timeoutWorker(id)
	require.Equal(t, dispute.OutcomeChallengerWon, dispute.Outcome(e.game(id).Outcome))
	require.Equal(t, uint8(reasonTimeout), e.resolvedReason(id))
	require.Eventually(t, func() bool {
		r, err := e.state.Job(1)
		require.NoError(t, err)
		g, err := e.state.Game(id)
		require.NoError(t, err)
		return r.Skipped == "barred: lost dispute game 0" && g.Status == GameLost && g.Moves == 0
	}, 30*time.Second, 20*time.Millisecond)
	require.Equal(t, JobOpen, e.job().Status)
}

// TestReopenedJobIsBidOn: a worker that first saw a job while another one
// held it bids on it once a lost dispute reopens it, trains round 2 and
// signs its commitments for round 2; the slashed worker is barred and does
// not bid.
func TestReopenedJobIsBidOn(t *testing.T) {
	e := newDisputeEnv(t, Fault{Kind: FaultPerturbWeight, Step: 13, StepSet: true})
	ctx := context.Background()
	st2, err := OpenState(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { st2.Close() })
	d2 := e.newWorkerDriver("worker2", st2, t.TempDir())
	t.Cleanup(d2.Stop)
	require.NoError(t, d2.Setup(ctx))
	require.NoError(t, d2.Step(ctx))
	r, err := st2.Job(1)
	require.NoError(t, err)
	require.Empty(t, r.Skipped, "a submitted job is kept in view")

	require.Equal(t, dispute.OutcomeChallengerWon, e.challenge(2, dispute.Honest, false, nil))
	w2 := e.c.Addr("worker2")
	require.Eventually(t, func() bool {
		require.NoError(t, d2.Step(ctx))
		return e.job().Worker == w2
	}, 30*time.Second, 20*time.Millisecond, "the reopened job is bid on")
	require.True(t, e.barred("worker"))
	require.False(t, e.barred("worker2"))
	m := bindings.NewJobMarket()
	e.c.Advance(601 * time.Second)
	e.c.Send("sequencer", m.Instance(e.c.Backend, e.addrs.JobMarket), nil, m.PackCloseAuction(big.NewInt(1)))
	job := e.job()
	require.Equal(t, JobAssigned, job.Status)
	require.Equal(t, uint32(2), job.Round)
	d2.Start()
	require.Eventually(t, func() bool { return e.job().Status == JobSubmitted }, 60*time.Second, 20*time.Millisecond)
	r, err = st2.Job(1)
	require.NoError(t, err)
	require.Equal(t, uint32(2), r.Round)
	require.Len(t, r.Roots, 4)
	in := bindings.NewCommitmentInbox()
	for k, root := range r.Roots {
		cm := inbox.Commitment{JobID: 1, Round: 2, Checkpoint: uint32(k + 1), StateRoot: root, Worker: w2}
		at := testchain.Call(t, in.Instance(e.c.Backend, e.addrs.CommitmentInbox), in.PackForcedAt(cm.Leaf()), in.UnpackForcedAt)
		require.NotZero(t, at.Sign(), "checkpoint %d committed for round 2", k+1)
	}
	// The cheater bid once, in round 1 (it may not even have looked at the
	// reopened job before worker2 won it).
	a, err := bindings.JobMarketMetaData.ParseABI()
	require.NoError(t, err)
	bids := e.filterLogs(ethereum.FilterQuery{Addresses: []common.Address{e.addrs.JobMarket},
		Topics: [][]common.Hash{{a.Events["BidPlaced"].ID}, nil, {common.BytesToHash(e.c.Addr("worker").Bytes())}}})
	require.Len(t, bids, 1)
	rec, err := e.state.Job(1)
	require.NoError(t, err)
	require.Contains(t, []string{"", "barred: lost dispute game 0"}, rec.Skipped)
}
