package dispute

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors/dispute.json")

const (
	clock      = 3600 // seconds per side
	answerTime = 600  // seconds each query adds to the worker's clock
)

// Reasons of IVerdeArbitration.Reason that the tests check.
const (
	reasonTimeout   = 1
	reasonDefended  = 2
	reasonStepWrong = 6
)

// memSource is a worker's claimed states, computed once with its step function.
type memSource struct{ states []*trainer.State }

func (m *memSource) State(_ context.Context, step uint64) (*trainer.State, error) {
	if step >= uint64(len(m.states)) {
		return nil, fmt.Errorf("no state %d", step)
	}
	return m.states[step], nil
}

type fixture struct {
	prep *jobclient.Prepared
	tr   *trainer.Trainer
	ds   *dataset.Dataset
}

// smallJob is the example job cut to 200 steps (two checkpoints of 100).
func smallJob(t testing.TB) fixture {
	t.Helper()
	root := filepath.Join("..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	specBytes := []byte(strings.Replace(string(raw), `"steps": 1000`, `"steps": 200`, 1))
	eth := big.NewInt(params.Ether)
	p, err := jobclient.Prepare(specBytes, data, jobclient.Terms{MaxPrice: eth, RequiredCollateral: eth,
		BidWindow: 600, ExecutionWindow: 36000, ChallengeWindow: 36000})
	require.NoError(t, err)
	ds, err := dataset.Decode(data, p.Spec.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(p.Spec, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	return fixture{prep: p, tr: tr, ds: ds}
}

// trainerWith is a trainer of the fixture's job with another executor.
func (fx fixture) trainerWith(t testing.TB, ex repops.Executor) *trainer.Trainer {
	t.Helper()
	tr, err := trainer.New(fx.prep.Spec, fx.ds, trainer.Options{Executor: ex, SkipEval: true})
	require.NoError(t, err)
	return tr
}

// A fault turns the honest step into a cheating one.
type fault func(tr *trainer.Trainer, st *trainer.State) (*trainer.State, error)

// inPlace is f as a StepFunc: st takes the next state's step and tensors.
func (f fault) inPlace(tr *trainer.Trainer) StepFunc {
	return func(st *trainer.State) error {
		next, err := f(tr, st)
		if err != nil {
			return err
		}
		st.Step, st.Tensors = next.Step, next.Tensors
		return nil
	}
}

func honest(tr *trainer.Trainer, st *trainer.State) (*trainer.State, error) {
	next, _, err := tr.Step(st)
	return next, err
}

// perturbAt flips the lowest bit of the first parameter's element 0 after step s.
func perturbAt(s uint64) fault {
	return func(tr *trainer.Trainer, st *trainer.State) (*trainer.State, error) {
		next, err := honest(tr, st)
		if err != nil || st.Step != s {
			return next, err
		}
		ts := append([]repops.Tensor(nil), next.Tensors...)
		ts[0] = ts[0].Clone()
		ts[0].Data[0] = math.Float32frombits(math.Float32bits(ts[0].Data[0]) ^ 1)
		return &trainer.State{Step: next.Step, Tensors: ts}, nil
	}
}

// skipAt copies the state forward at step s (only the counter advances).
func skipAt(s uint64) fault {
	return func(tr *trainer.Trainer, st *trainer.State) (*trainer.State, error) {
		if st.Step != s {
			return honest(tr, st)
		}
		ts := append([]repops.Tensor(nil), st.Tensors...)
		ts[len(ts)-1] = repops.StepTensor(uint32(st.Step + 1))
		return &trainer.State{Step: st.Step + 1, Tensors: ts}, nil
	}
}

// tamperFunc lets a test worker lie on top of its Defender's move (junk
// padding); it returns the move to send.
type tamperFunc func(t *testing.T, d *Defender, g *Game, mv *WorkerMove) *WorkerMove

// setup is how one test game is played.
type setup struct {
	f        fault            // the worker's step (nil: honest)
	workerTr *trainer.Trainer // the worker's trainer, whose executor gives its step traces (nil: the fixture's)
	// k is the checkpoint challenged; 0 opens the game with challengeResult
	// and the challenger picks the checkpoint (PickCheckpoint).
	k        int
	strategy Strategy
	seed     int64
	withhold bool // the worker publishes no blob
	// submitted, when set, are the checkpoint roots the worker submits (a
	// list its training does not give); it then never gives them to its
	// Defender.
	submitted []commit.Hash
	tamper    tamperFunc
	onMistake func(Mistake)
}

type gameRun struct {
	name       string
	roots      []commit.Hash // the worker's submitted checkpoint roots
	outcome    Outcome
	reason     uint8
	moves      []vectorMove
	gas        map[string]uint64
	moveCount  map[string]int
	queries    int
	reverts    []string // the worker's moves the contract refused (then it lost on time)
	challenger *Challenger
	chCompute  time.Duration // the challenger's compute: its Move calls
}

type vectorMove struct {
	From     string        `json:"from"`
	Name     string        `json:"name"`
	Calldata hexutil.Bytes `json:"calldata"`
	Gas      uint64        `json:"gas"`
}

// trainWorker runs the worker's training: its claimed states and its K
// checkpoint roots.
func trainWorker(t *testing.T, tr *trainer.Trainer, f fault) (*memSource, []commit.Hash) {
	t.Helper()
	init, err := tr.InitialState()
	require.NoError(t, err)
	src := &memSource{states: []*trainer.State{init}}
	for st := init; st.Step < 200; {
		st, err = f(tr, st)
		require.NoError(t, err)
		src.states = append(src.states, st)
	}
	var roots []commit.Hash
	for _, i := range []int{100, 200} {
		r, err := tr.StateRoot(src.states[i])
		require.NoError(t, err)
		roots = append(roots, r)
	}
	return src, roots
}

// play runs one game on a real anvil against the deployed contracts: the
// worker trains with its fault and submits the result; the challenger
// disputes it; both sides move until the game is over. A worker that cannot
// move (ErrCannotDefend, or a move the contract refuses) loses on time.
func play(t *testing.T, fx fixture, o setup) gameRun {
	t.Helper()
	ctx := context.Background()
	if o.f == nil {
		o.f = honest
	}
	wtr := o.workerTr
	if wtr == nil {
		wtr = fx.tr
	}
	c := testchain.NewAnvil(t, "deployer", "sequencer", "client", "worker", "challenger")
	bond := new(big.Int).Div(big.NewInt(params.Ether), big.NewInt(10))
	addrs := c.DeployProtocolWithGame("deployer", "sequencer", bond, clock, answerTime)
	sm, reg, m, g := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewVerdeArbitration()
	market, arb := m.Instance(c.Backend, addrs.JobMarket), g.Instance(c.Backend, addrs.VerdeArbitration)
	eth := big.NewInt(params.Ether)

	// The worker trains with its fault and keeps its claimed states.
	src, roots := trainWorker(t, wtr, o.f)
	submitted := roots
	if o.submitted != nil {
		submitted = o.submitted
	}
	proof, err := commit.CheckpointProof(submitted, len(submitted))
	require.NoError(t, err)

	// Post, bid, assign, submit.
	c.Send("worker", reg.Instance(c.Backend, addrs.NodeRegistry), nil, reg.PackRegister([]byte("peer"), "cpu"))
	c.Send("worker", sm.Instance(c.Backend, addrs.StakeManager), new(big.Int).Mul(eth, big.NewInt(2)), sm.PackDeposit())
	c.Send("client", market, eth, m.PackPostJob(fx.prep.Params))
	c.Send("worker", market, nil, m.PackBid(big.NewInt(1), eth))
	c.Advance(601 * time.Second)
	c.Send("client", market, nil, m.PackCloseAuction(big.NewInt(1)))
	c.Send("worker", market, nil, m.PackSubmitResult(big.NewInt(1), submitted[len(submitted)-1],
		commit.CheckpointsRoot(submitted), hashes32(proof)))

	run := gameRun{gas: map[string]uint64{}, moveCount: map[string]int{}, roots: submitted}
	resolvedID := gameABI.Events["GameResolved"].ID
	// call reports a move's revert (decoded) without sending it.
	call := func(from string, value *big.Int, data []byte) error {
		to := addrs.VerdeArbitration
		_, err := c.Backend.CallContract(ctx, ethereum.CallMsg{From: c.Addr(from), To: &to, Value: value, Data: data}, nil)
		if err != nil {
			return errors.New(explain(err))
		}
		return nil
	}
	send := func(from, name string, value *big.Int, data []byte) {
		if err := call(from, value, data); err != nil {
			t.Fatalf("%s's %s reverts: %v", from, name, err)
		}
		to := addrs.VerdeArbitration
		est, err := c.Backend.EstimateGas(ctx, ethereum.CallMsg{From: c.Addr(from), To: &to, Value: value, Data: data})
		require.NoError(t, err)
		opts := c.Opts(from, value)
		opts.GasLimit = est * 3 / 2
		tx, err := bind.Transact(arb, opts, data)
		require.NoError(t, err)
		r, err := testchain.WaitMined(ctx, c.Backend, tx.Hash())
		require.NoError(t, err)
		require.Equal(t, uint64(1), r.Status, "%s's %s failed: gas %d of %d (estimate %d)", from, name, r.GasUsed, opts.GasLimit, est)
		run.moves = append(run.moves, vectorMove{From: from, Name: name, Calldata: data, Gas: r.GasUsed})
		run.gas[from] += r.GasUsed
		run.moveCount[from]++
		for _, l := range r.Logs {
			if len(l.Topics) > 0 && l.Topics[0] == resolvedID {
				ev, err := g.UnpackGameResolvedEvent(l)
				require.NoError(t, err)
				run.reason = ev.Reason
			}
		}
	}
	gid := big.NewInt(0)
	timeout := func(gm *Game) {
		c.Advance(time.Duration(gm.WorkerClock+1) * time.Second)
		send("challenger", "timeout", nil, g.PackTimeout(gid))
	}

	// The challenge: of checkpoint k from the result's checkpoints root, or
	// of the result as a whole (challengeResult).
	value := testchain.Call(t, arb, g.PackRequiredBond(), g.UnpackRequiredBond)
	require.Equal(t, bond.String(), value.String(), "the bond floor covers the defence gas here")
	if o.k > 0 {
		prev, err := ResultCheckpointProof(submitted, max(o.k-1, 1))
		require.NoError(t, err)
		cur, err := ResultCheckpointProof(submitted, o.k)
		require.NoError(t, err)
		send("challenger", "challenge", value, g.PackChallenge(big.NewInt(1), uint32(o.k), prev, cur))
	} else {
		send("challenger", "challengeResult", value, g.PackChallengeResult(big.NewInt(1)))
	}

	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	// The challenger's own checkpoints, from its own full (honest) replay.
	own := []*trainer.State{init, stateAt(t, fx.tr, init, 100)}
	own = append(own, stateAt(t, fx.tr, own[1], 200))
	var ownRoots []commit.Hash
	for _, st := range own[1:] {
		r, err := fx.tr.StateRoot(st)
		require.NoError(t, err)
		ownRoots = append(ownRoots, r)
	}

	def := NewDefender(wtr, src, o.f.inPlace(wtr))
	def.OnMistake = o.onMistake
	if o.submitted == nil {
		def.SetCheckpointRoots(roots)
	}
	var ch, chFile *Challenger
	ev := &Evidence{}
	// evFile is ev with the step trace read from its file (as the verifier
	// gives it): a second challenger, the same in all else, must make the
	// same moves with it.
	var traceFile *StepTraceFile
	for i := 0; ; i++ {
		require.Less(t, i, 200, "the game does not end")
		gm := testchain.Call(t, arb, g.PackGetGame(gid), g.UnpackGetGame)
		ph := Phase(gm.Phase)
		if ph == PhaseResolved {
			run.outcome = Outcome(gm.Outcome)
			run.queries = int(gm.Queries)
			break
		}
		if ph.WorkerToMove() {
			mv, err := def.Move(ctx, &gm)
			if err != nil {
				require.ErrorIs(t, err, ErrCannotDefend)
				timeout(&gm)
				continue
			}
			if o.tamper != nil {
				mv = o.tamper(t, def, &gm, mv)
			}
			data, err := PackWorkerMove(gid, mv)
			require.NoError(t, err)
			if err := call("worker", nil, data); err != nil {
				run.reverts = append(run.reverts, fmt.Sprintf("%s: %v", mv, err))
				timeout(&gm)
				continue
			}
			send("worker", mv.String(), nil, data)
			if !o.withhold {
				switch {
				case mv.StepRoots != nil:
					ev.StepRoots = mv.Blob
				case mv.StepTrace != nil:
					// decoded from a verifying stream, as the verifier does
					ev.StepTraceData = new(StepTraceData)
					if ev.StepTraceData.Decode(blobstore.NewVerifyingReader(bytes.NewReader(mv.Blob), blobstore.Hash(mv.StepTrace.DataHash)),
						int64(len(mv.Blob))) != nil {
						ev.StepTraceData = nil
					}
					var ferr error
					traceFile, ferr = traceFileOf(t, mv.Blob)
					require.Equal(t, ev.StepTraceData == nil, ferr != nil, "the file-backed trace decodes as the in-memory one")
				case mv.ElementTrace != nil:
					ev.ElementTraceData = new(ElementTraceData)
					if ev.ElementTraceData.Decode(blobstore.NewVerifyingReader(bytes.NewReader(mv.Blob), blobstore.Hash(mv.ElementTrace.DataHash)),
						int64(len(mv.Blob))) != nil {
						ev.ElementTraceData = nil
					}
				}
			}
			if mv.Answer != nil {
				ev.Answers = append(ev.Answers, Answer{List: List(gm.QueryList), Index: gm.QueryIndex,
					Item: mv.Answer.Item, Proof: mv.Answer.Proof})
			}
			continue
		}
		var mv *ChallengerMove
		t0 := time.Now()
		if ph == PhasePickCheckpoint {
			mv, err = PickCheckpoint(&gm, ownRoots, ev)
		} else {
			if ch == nil {
				// The challenger's start is the checkpoint state it agrees with
				// (here the honest one; the worker's equals it when its fault
				// comes later).
				ch = NewChallenger(fx.tr, own[gm.Checkpoint-1], o.strategy, o.seed)
				run.challenger = ch
			}
			mv, err = ch.Move(ctx, &gm, ev)
		}
		run.chCompute += time.Since(t0)
		require.NoError(t, err, "challenger in phase %s", ph)
		if ph != PhasePickCheckpoint {
			if chFile == nil {
				chFile = NewChallenger(fx.tr, own[gm.Checkpoint-1], o.strategy, o.seed)
			}
			evFile := *ev
			evFile.StepTraceData, evFile.StepTraceFile = nil, traceFile
			mvFile, err := chFile.Move(ctx, &gm, &evFile)
			require.NoError(t, err, "challenger with the file-backed trace in phase %s", ph)
			require.Equal(t, mv, mvFile, "the same move with the step trace read from its file")
		}
		data, err := PackChallengerMove(gid, mv)
		require.NoError(t, err)
		send("challenger", mv.String(), nil, data)
	}

	// Payouts: when the worker lost, the bond and the whole slash reward (half
	// the 1 ETH collateral: the round's only game) to the challenger.
	gb := testchain.Call(t, arb, g.PackBalanceOf(c.Addr("challenger")), g.UnpackBalanceOf)
	wb := testchain.Call(t, arb, g.PackBalanceOf(c.Addr("worker")), g.UnpackBalanceOf)
	job := testchain.Call(t, market, m.PackGetJob(big.NewInt(1)), m.UnpackGetJob)
	if run.outcome == OutcomeChallengerWon {
		want := new(big.Int).Add(value, new(big.Int).Div(eth, big.NewInt(2)))
		require.Equal(t, want.String(), gb.String(), "bond and reward")
		require.Zero(t, wb.Sign())
		require.Equal(t, uint8(1), job.Status, "the job is open again")
	} else {
		require.Equal(t, value.String(), wb.String())
		require.Zero(t, gb.Sign())
		require.Equal(t, uint8(3), job.Status, "the result stands")
	}
	total := testchain.Call(t, arb, g.PackTotalAccounted(), g.UnpackTotalAccounted)
	require.Equal(t, c.Balance(addrs.VerdeArbitration).String(), total.String())
	return run
}

// paddingSiblingID is OneStepMerkle's PaddingSibling(uint256), raised from
// assembly (so in no ABI).
var paddingSiblingID = crypto.Keccak256([]byte("PaddingSibling(uint256)"))[:4]

// explain decodes a revert's custom error with the game's and the executor's ABIs.
func explain(err error) string {
	de, ok := err.(interface{ ErrorData() any })
	if !ok {
		return err.Error()
	}
	s, _ := de.ErrorData().(string)
	raw, _ := hexutil.Decode(s)
	if len(raw) >= 4 && string(raw[:4]) == string(paddingSiblingID) {
		return fmt.Sprintf("PaddingSibling(%s)", new(big.Int).SetBytes(raw[4:]))
	}
	for _, a := range []*abi.ABI{&gameABI, &oneStepABI} {
		if len(raw) >= 4 {
			if e, err := a.ErrorByID([4]byte(raw[:4])); err == nil {
				v, _ := e.Unpack(raw)
				return fmt.Sprintf("%s%v", e.Name, v)
			}
		}
	}
	return err.Error() + " " + s
}

var gameABI, oneStepABI = func() (abi.ABI, abi.ABI) {
	g, err := bindings.VerdeArbitrationMetaData.ParseABI()
	if err != nil {
		panic(err)
	}
	o, err := bindings.OneStepMetaData.ParseABI()
	if err != nil {
		panic(err)
	}
	return *g, *o
}()

func stateAt(t testing.TB, tr *trainer.Trainer, st *trainer.State, to uint64) *trainer.State {
	t.Helper()
	for st.Step < to {
		var err error
		st, _, err = tr.Step(st)
		require.NoError(t, err)
	}
	return st
}

func logRun(t *testing.T, r gameRun) {
	t.Logf("%s: outcome %d reason %d, moves worker %d / challenger %d (%d queries), gas worker %d / challenger %d (total %d), challenger compute %v",
		r.name, r.outcome, r.reason, r.moveCount["worker"], r.moveCount["challenger"], r.queries, r.gas["worker"], r.gas["challenger"],
		r.gas["worker"]+r.gas["challenger"], r.chCompute.Round(time.Millisecond))
	for _, m := range r.moves {
		t.Logf("  %-10s %-18s %7d gas, %5d bytes", m.From, m.Name, m.Gas, len(m.Calldata))
	}
	for _, e := range r.reverts {
		t.Logf("  worker cannot move: %s", e)
	}
}

// TestCheatersLose plays an honest challenger against cheating workers, with
// the worker's data published and withheld, in games opened on a checkpoint
// (challenge) and on the whole result (challengeResult, the challenger
// picking the checkpoint): each game ends with the worker slashed and the
// challenger's bond back with the reward, and the challenger never gives up
// (play requires every challenger move to succeed). Workers with junk in
// their Merkle padding cannot open it and lose on time; a worker that never
// publishes the checkpoint list its result commits loses on time; a worker
// whose arithmetic is not RepOps loses at the one-step. With -update its
// games are written to testdata/vectors/dispute.json.
func TestCheatersLose(t *testing.T) {
	fx := smallJob(t)
	var mistakes []Mistake
	neverTrained := []commit.Hash{commit.Keccak256([]byte("never trained 1")), commit.Keccak256([]byte("never trained 2"))}
	var vectors []gameRun
	for _, tc := range []struct {
		name string
		setup
		reason     uint8
		revert     string // the worker's move the contract refuses (then it loses on time)
		dataMoves  bool   // at most 10 moves and 2M gas
		check      func(t *testing.T, r gameRun)
		notVectors bool
	}{
		{name: "perturb-weight", setup: setup{f: perturbAt(150), k: 2}, reason: reasonStepWrong, dataMoves: true},
		{name: "perturb-weight-withheld", setup: setup{f: perturbAt(150), k: 2, withhold: true}, reason: reasonStepWrong},
		{name: "skip-step", setup: setup{f: skipAt(42), k: 1}, reason: reasonStepWrong, dataMoves: true},
		{name: "skip-step-withheld", setup: setup{f: skipAt(42), k: 1, withhold: true}, reason: reasonStepWrong},
		// challengeResult: the challenger bisects the worker's checkpoints list
		{name: "result-perturb-weight", setup: setup{f: perturbAt(150)}, reason: reasonStepWrong},
		{name: "result-perturb-weight-withheld", setup: setup{f: perturbAt(150), withhold: true}, reason: reasonStepWrong},
		// a checkpoints root over a list the worker never publishes
		{name: "result-never-published", setup: setup{submitted: neverTrained}, reason: reasonTimeout},
		// junk padding: in the step-trace list (54 nodes: slot 60 lies in the
		// padding subtree at height 3 of the last node's path), in a padding
		// leaf of node 27's output (z2: 40 leaves), in a padding word of node
		// 34's (db2: 10 elements)
		{name: "junk-trace-list", setup: setup{f: perturbAt(150), k: 2, tamper: junkTraceList(60)},
			reason: reasonTimeout, revert: "revealStepTrace: PaddingSibling(3)"},
		{name: "junk-tensor-leaf", setup: setup{f: perturbAt(150), k: 2, tamper: junkOutput(27, 45)},
			reason: reasonTimeout, revert: "answer: PaddingSibling(3)"},
		{name: "junk-tensor-leaf-withheld", setup: setup{f: perturbAt(150), k: 2, withhold: true, tamper: junkOutput(27, 45)},
			reason: reasonTimeout, revert: "answer: PaddingSibling(3)"},
		{name: "junk-tensor-word", setup: setup{f: perturbAt(150), k: 2, tamper: junkOutput(34, 0)},
			reason: reasonTimeout, revert: "answer: LeafPadding"},
		{name: "junk-tensor-word-withheld", setup: setup{f: perturbAt(150), k: 2, withhold: true, tamper: junkOutput(34, 0)},
			reason: reasonTimeout, revert: "answer: LeafPadding"},
		// an honest mistake: matrix products accumulated in float64
		{name: "float64-matmul", setup: setup{workerTr: fx.trainerWith(t, trainer.Float64MatMul{}), k: 1,
			onMistake: func(m Mistake) { mistakes = append(mistakes, m) }}, reason: reasonStepWrong, dataMoves: true,
			check: func(t *testing.T, r gameRun) {
				require.Len(t, mistakes, 1, "reported once")
				m := mistakes[0]
				require.Equal(t, "MatMul", m.Op)
				require.Equal(t, 24, m.Node, "z1, the first MatMul")
				require.Equal(t, uint64(0), m.Step)
				own := r.challenger.trace.Outputs[m.Node].Data[m.Element]
				require.Equal(t, math.Float32bits(own), m.RepOps, "the RepOps program gives the challenger's element")
				require.NotEqual(t, m.RepOps, m.Claimed)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := play(t, fx, tc.setup)
			r.name = tc.name
			logRun(t, r)
			require.Equal(t, OutcomeChallengerWon, r.outcome)
			require.Equal(t, tc.reason, r.reason)
			if tc.revert == "" {
				require.Empty(t, r.reverts)
			} else {
				require.NotEmpty(t, r.reverts)
				require.Contains(t, r.reverts[len(r.reverts)-1], tc.revert)
			}
			if tc.dataMoves {
				require.LessOrEqual(t, len(r.moves), 10, "at most 10 moves with data available")
				require.LessOrEqual(t, r.gas["worker"]+r.gas["challenger"], uint64(2_000_000))
			}
			if tc.check != nil {
				tc.check(t, r)
			}
			vectors = append(vectors, r)
		})
	}
	if *update {
		writeVectors(t, fx, vectors)
	}
	// The challenger's compute in a game is one interval's replay plus one
	// step trace and one element trace: compare with a bare interval replay.
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	t0 := time.Now()
	_, _, err = fx.tr.ReplayInterval(context.Background(), init)
	require.NoError(t, err)
	t.Logf("one interval replay (100 steps): %v", time.Since(t0).Round(time.Millisecond))
}

// TestHonestWorkerNeverLoses plays random (dishonest) challengers against an
// honest worker: the worker wins every game.
func TestHonestWorkerNeverLoses(t *testing.T) {
	fx := smallJob(t)
	n := 16
	if testing.Short() {
		n = 2
	}
	for seed := int64(1); seed <= int64(n); seed++ {
		k := 1 + int(seed%2)
		r := play(t, fx, setup{k: k, strategy: Random, seed: seed})
		r.name = fmt.Sprintf("random challenger seed %d", seed)
		logRun(t, r)
		require.Equal(t, OutcomeWorkerWon, r.outcome)
		require.Empty(t, r.reverts)
	}
}

func writeVectors(t *testing.T, fx fixture, runs []gameRun) {
	t.Helper()
	p := fx.prep.Params
	type vgame struct {
		Name            string        `json:"name"`
		Outcome         uint8         `json:"outcome"`
		Checkpoints     []commit.Hash `json:"checkpoints"`
		FinalModelRoot  commit.Hash   `json:"finalModelRoot"`
		CheckpointsRoot commit.Hash   `json:"checkpointsRoot"`
		Moves           []vectorMove  `json:"moves"`
	}
	out := struct {
		Comment string         `json:"comment"`
		Job     map[string]any `json:"job"`
		Games   []vgame        `json:"games"`
	}{
		Comment: "Dispute games on examples/digits-mlp.json cut to 200 steps; written by `go test ./node/dispute -run TestCheatersLose -update`. " +
			"Each game's worker submits its `checkpoints` (the last is the final model root) with the list proof of the last one.",
		Job: map[string]any{
			"specHash": common.Hash(p.SpecHash), "datasetHash": common.Hash(p.DatasetHash), "datasetUri": common.Hash(p.DatasetUri),
			"initialStateRoot": common.Hash(p.InitialStateRoot), "graphRoot": common.Hash(p.GraphRoot), "dataRoot": common.Hash(p.DataRoot),
			"steps": p.Steps, "checkpointInterval": p.CheckpointInterval,
		},
	}
	for _, r := range runs {
		out.Games = append(out.Games, vgame{Name: r.name, Outcome: uint8(r.outcome), Moves: r.moves, Checkpoints: r.roots,
			FinalModelRoot: r.roots[len(r.roots)-1], CheckpointsRoot: commit.CheckpointsRoot(r.roots)})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join("..", "..", "testdata", "vectors", "dispute.json"), append(b, '\n'), 0o644))
}
