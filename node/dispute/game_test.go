package dispute

import (
	"context"
	"encoding/json"
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
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors/dispute.json")

const clock = 3600 // seconds per side

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
	return fixture{prep: p, tr: tr}
}

// A fault turns the honest step into a cheating one.
type fault func(tr *trainer.Trainer, st *trainer.State) (*trainer.State, error)

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

type gameRun struct {
	name       string
	roots      []commit.Hash // the worker's checkpoint roots
	outcome    Outcome
	moves      []vectorMove
	gas        map[string]uint64
	moveCount  map[string]int
	challenger *Challenger
	chCompute  time.Duration // the challenger's compute: its Move calls
}

type vectorMove struct {
	From     string        `json:"from"`
	Name     string        `json:"name"`
	Calldata hexutil.Bytes `json:"calldata"`
	Gas      uint64        `json:"gas"`
}

// play runs one game on a simulated chain: the worker trains with its fault
// and submits the result; the challenger disputes checkpoint k; both sides
// move until the game is over. withhold: the worker publishes nothing.
func play(t *testing.T, fx fixture, f fault, k int, strategy Strategy, seed int64, withhold bool) gameRun {
	t.Helper()
	ctx := context.Background()
	c := testchain.NewAnvil(t, "deployer", "sequencer", "client", "worker", "challenger")
	bond := new(big.Int).Div(big.NewInt(params.Ether), big.NewInt(10))
	addrs := c.DeployProtocolWithGame("deployer", "sequencer", bond, clock, 128)
	sm, reg, m, g := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewVerdeArbitration()
	market, arb := m.Instance(c.Backend, addrs.JobMarket), g.Instance(c.Backend, addrs.VerdeArbitration)
	eth := big.NewInt(params.Ether)

	// The worker trains with its fault and keeps its claimed states.
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	src := &memSource{states: []*trainer.State{init}}
	for st := init; st.Step < 200; {
		st, err = f(fx.tr, st)
		require.NoError(t, err)
		src.states = append(src.states, st)
	}
	var roots []commit.Hash
	for _, i := range []int{100, 200} {
		r, err := fx.tr.StateRoot(src.states[i])
		require.NoError(t, err)
		roots = append(roots, r)
	}

	// Post, bid, assign, submit.
	c.Send("worker", reg.Instance(c.Backend, addrs.NodeRegistry), nil, reg.PackRegister([]byte("peer"), "cpu"))
	c.Send("worker", sm.Instance(c.Backend, addrs.StakeManager), new(big.Int).Mul(eth, big.NewInt(2)), sm.PackDeposit())
	c.Send("client", market, eth, m.PackPostJob(fx.prep.Params))
	c.Send("worker", market, nil, m.PackBid(big.NewInt(1), eth))
	c.Advance(601 * time.Second)
	c.Send("client", market, nil, m.PackCloseAuction(big.NewInt(1)))
	c.Send("worker", market, nil, m.PackSubmitResult(big.NewInt(1), roots[1], commit.CheckpointsRoot(roots)))

	run := gameRun{gas: map[string]uint64{}, moveCount: map[string]int{}, roots: roots}
	send := func(from, name string, value *big.Int, data []byte) {
		to := addrs.VerdeArbitration
		if _, err := c.Backend.CallContract(ctx, ethereum.CallMsg{From: c.Addr(from), To: &to, Value: value, Data: data}, nil); err != nil {
			t.Fatalf("%s's %s reverts: %v", from, name, explain(err))
		}
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
	}

	// The challenge, from the result's checkpoints root.
	prev, err := ResultCheckpointProof(roots, max(k-1, 1))
	require.NoError(t, err)
	cur, err := ResultCheckpointProof(roots, k)
	require.NoError(t, err)
	send("challenger", "challenge", bond, g.PackChallenge(big.NewInt(1), uint32(k), prev, cur))

	start := init
	if k > 1 {
		// The challenger's start is the checkpoint state it agrees with (here
		// the honest one; the worker's equals it when its fault comes later).
		start = stateAt(t, fx.tr, init, uint64((k-1)*100))
	}
	def := NewDefender(fx.tr, src, func(st *trainer.State) (*trainer.State, error) { return f(fx.tr, st) })
	ch := NewChallenger(fx.tr, start, strategy, seed)
	run.challenger = ch
	ev := &Evidence{}
	gid := big.NewInt(0)
	for i := 0; ; i++ {
		require.Less(t, i, 200, "the game does not end")
		game := testchain.Call(t, arb, g.PackGetGame(gid), g.UnpackGetGame)
		ph := Phase(game.Phase)
		if ph == PhaseResolved {
			run.outcome = Outcome(game.Outcome)
			break
		}
		if ph.WorkerToMove() {
			mv, err := def.Move(ctx, &game)
			if err != nil {
				require.ErrorIs(t, err, ErrCannotDefend)
				c.Advance(clock*time.Second + time.Second)
				send("challenger", "timeout", nil, g.PackTimeout(gid))
				continue
			}
			data, err := PackWorkerMove(gid, mv)
			require.NoError(t, err)
			send("worker", mv.String(), nil, data)
			if !withhold {
				switch {
				case mv.StepRoots != nil:
					ev.StepRoots = mv.Blob
				case mv.StepTrace != nil:
					ev.StepTrace = mv.Blob
				case mv.ElementTrace != nil:
					ev.ElementTrace = mv.Blob
				}
			}
			if mv.Answer != nil {
				ev.Answers = append(ev.Answers, Answer{List: List(game.QueryList), Index: game.QueryIndex,
					Item: mv.Answer.Item, Proof: mv.Answer.Proof})
			}
			continue
		}
		t0 := time.Now()
		mv, err := ch.Move(ctx, &game, ev)
		run.chCompute += time.Since(t0)
		require.NoError(t, err, "challenger in phase %s", ph)
		data, err := PackChallengerMove(gid, mv)
		require.NoError(t, err)
		send("challenger", mv.String(), nil, data)
	}

	// Payouts: the bond and, when the worker lost, half its collateral.
	gb := testchain.Call(t, arb, g.PackBalanceOf(c.Addr("challenger")), g.UnpackBalanceOf)
	wb := testchain.Call(t, arb, g.PackBalanceOf(c.Addr("worker")), g.UnpackBalanceOf)
	reward := testchain.Call(t, sm.Instance(c.Backend, addrs.StakeManager), sm.PackRewardOf(c.Addr("challenger")), sm.UnpackRewardOf)
	job := testchain.Call(t, market, m.PackGetJob(big.NewInt(1)), m.UnpackGetJob)
	if run.outcome == OutcomeChallengerWon {
		require.Equal(t, bond.String(), gb.String())
		require.Zero(t, wb.Sign())
		require.Equal(t, new(big.Int).Div(eth, big.NewInt(2)).String(), reward.String(), "half the 1 ETH collateral")
		require.Equal(t, uint8(1), job.Status, "the job is open again")
	} else {
		require.Equal(t, bond.String(), wb.String())
		require.Zero(t, gb.Sign())
		require.Zero(t, reward.Sign())
		require.Equal(t, uint8(3), job.Status, "the result stands")
	}
	total := testchain.Call(t, arb, g.PackTotalAccounted(), g.UnpackTotalAccounted)
	require.Equal(t, c.Balance(addrs.VerdeArbitration).String(), total.String())
	return run
}

// explain decodes a revert's custom error with the game's and the executor's ABIs.
func explain(err error) string {
	de, ok := err.(interface{ ErrorData() any })
	if !ok {
		return err.Error()
	}
	s, _ := de.ErrorData().(string)
	raw, _ := hexutil.Decode(s)
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
	t.Logf("%s: outcome %d, moves worker %d / challenger %d, gas worker %d / challenger %d (total %d), challenger compute %v",
		r.name, r.outcome, r.moveCount["worker"], r.moveCount["challenger"], r.gas["worker"], r.gas["challenger"],
		r.gas["worker"]+r.gas["challenger"], r.chCompute.Round(time.Millisecond))
	for _, m := range r.moves {
		t.Logf("  %-10s %-18s %7d gas, %5d bytes", m.From, m.Name, m.Gas, len(m.Calldata))
	}
}

// TestCheatersLose plays an honest challenger against cheating workers, with
// the worker's data published and withheld: each game ends with the worker
// slashed and the challenger's bond back.
func TestCheatersLose(t *testing.T) {
	fx := smallJob(t)
	var vectors []gameRun
	for _, tc := range []struct {
		name     string
		f        fault
		k        int
		withhold bool
	}{
		{"perturb-weight", perturbAt(150), 2, false},
		{"perturb-weight-withheld", perturbAt(150), 2, true},
		{"skip-step", skipAt(42), 1, false},
		{"skip-step-withheld", skipAt(42), 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := play(t, fx, tc.f, tc.k, Honest, 1, tc.withhold)
			r.name = tc.name
			logRun(t, r)
			require.Equal(t, OutcomeChallengerWon, r.outcome)
			if !tc.withhold {
				require.LessOrEqual(t, len(r.moves), 10, "at most 10 moves with data available")
				require.LessOrEqual(t, r.gas["worker"]+r.gas["challenger"], uint64(2_000_000))
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
		r := play(t, fx, honest, k, Random, seed, false)
		r.name = fmt.Sprintf("random challenger seed %d", seed)
		logRun(t, r)
		require.Equal(t, OutcomeWorkerWon, r.outcome)
	}
}

func writeVectors(t *testing.T, fx fixture, runs []gameRun) {
	t.Helper()
	p := fx.prep.Params
	type game struct {
		Name            string       `json:"name"`
		Outcome         uint8        `json:"outcome"`
		FinalModelRoot  commit.Hash  `json:"finalModelRoot"`
		CheckpointsRoot commit.Hash  `json:"checkpointsRoot"`
		Moves           []vectorMove `json:"moves"`
	}
	out := struct {
		Comment string         `json:"comment"`
		Job     map[string]any `json:"job"`
		Games   []game         `json:"games"`
	}{
		Comment: "Dispute games on examples/digits-mlp.json cut to 200 steps; written by `go test ./node/dispute -run TestCheatersLose -update`.",
		Job: map[string]any{
			"specHash": common.Hash(p.SpecHash), "datasetHash": common.Hash(p.DatasetHash), "datasetUri": common.Hash(p.DatasetUri),
			"initialStateRoot": common.Hash(p.InitialStateRoot), "graphRoot": common.Hash(p.GraphRoot), "dataRoot": common.Hash(p.DataRoot),
			"steps": p.Steps, "checkpointInterval": p.CheckpointInterval,
		},
	}
	for _, r := range runs {
		out.Games = append(out.Games, game{Name: r.name, Outcome: uint8(r.outcome), Moves: r.moves,
			FinalModelRoot: r.roots[len(r.roots)-1], CheckpointsRoot: commit.CheckpointsRoot(r.roots)})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join("..", "..", "testdata", "vectors", "dispute.json"), append(b, '\n'), 0o644))
}
