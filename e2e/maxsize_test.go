package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// The maximum-size dispute runs only with GENSYN_E2E_MAXSIZE=1 (make
// e2e-maxsize): each party holds gigabytes and the test takes tens of
// minutes, far more than CI's suite.
const maxSizeEnv = "GENSYN_E2E_MAXSIZE"

// The deployment's dispute parameters in this test: the deploy script's
// defaults (docs/dispute.md, Parameters), not the devnet's short ones, so
// that "every move with at least half its clock left" is measured against
// the clock a real network gets.
const (
	maxSizeClock      = 3600
	maxSizeAnswerTime = 300

	maxSizeRows     = 256
	maxSizeHoldout  = 32
	maxSizeSteps    = 4
	maxSizeInterval = 2
	maxSizeBatch    = 8
)

// maxSizeSpec writes a job at the spec's maximum MLP size (spec.MaxLayers
// layers of spec.MaxLayerWidth: 117.5M parameters, Adam) over an
// f32-matrix dataset of maxSizeRows rows generated from seed, and returns
// the spec's and the data's paths.
func maxSizeSpec(t *testing.T, seed uint64) (specPath, dataPath string) {
	t.Helper()
	const w = spec.MaxLayerWidth
	r := rand.New(rand.NewPCG(seed, 0x6d617873697a65))
	x := make([]float32, maxSizeRows*w)
	for i := range x {
		x[i] = float32(r.IntN(1<<16)-(1<<15)) / (1 << 16) // in [-0.5, 0.5), exact in float32
	}
	y := make([]uint32, maxSizeRows)
	for i := range y {
		y[i] = uint32(r.IntN(w))
	}
	blob, err := dataset.EncodeF32Matrix(maxSizeRows, w, x, y)
	require.NoError(t, err)
	dir := t.TempDir()
	dataPath = filepath.Join(dir, "maxsize.f32")
	require.NoError(t, os.WriteFile(dataPath, blob, 0o644))
	layers := make([]string, spec.MaxLayers)
	for i := range layers {
		layers[i] = strconv.Itoa(w)
	}
	s := fmt.Sprintf(`{
  "version": 1,
  "model": {"layers": [%s], "activation": "relu"},
  "dataset": {
    "hash": "%s",
    "format": "f32-matrix",
    "rows": %d,
    "features": %d,
    "classes": %d,
    "holdout": {"rule": "last", "count": %d}
  },
  "loss": "softmax_cross_entropy",
  "optimizer": {"name": "adam", "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7},
  "batch_size": %d,
  "seed": %d,
  "steps": %d,
  "checkpoint_interval": %d
}
`, strings.Join(layers, ", "), hexutil.Encode(crypto.Keccak256(blob)), maxSizeRows, w, w, maxSizeHoldout,
		maxSizeBatch, seed, maxSizeSteps, maxSizeInterval)
	specPath = filepath.Join(dir, "maxsize.json")
	require.NoError(t, os.WriteFile(specPath, []byte(s), 0o644))
	sp, err := spec.Load(specPath)
	require.NoError(t, err)
	params := 0
	for i := 1; i < len(sp.Model.Layers); i++ {
		params += sp.Model.Layers[i-1]*sp.Model.Layers[i] + sp.Model.Layers[i]
	}
	require.Equal(t, 117_469_184, params, "the spec's maximum MLP")
	return specPath, dataPath
}

// startMaxSizeNet is startDisputeNet with the deploy script's clocks and
// no digits spec.
func startMaxSizeNet(t *testing.T) *disputeNet {
	t.Helper()
	c := startSeqChain(t, "--block-time", "1s", "--accounts", "30",
		"--dispute-clock", strconv.Itoa(maxSizeClock), "--dispute-answer-time", strconv.Itoa(maxSizeAnswerTime))
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	startBlobstore(t, t.TempDir(), addr)
	seq := c.startSequencer(t, t.TempDir(), "--batch.max-delay", "1s", "--keeper.interval", "1s", "--job-cache-ttl", "500ms")
	n := &disputeNet{lifecycle: &lifecycle{seqChain: c, blobURL: "http://" + addr, seq: seq},
		va: bindings.NewVerdeArbitration(), sm: bindings.NewStakeManager(), m: bindings.NewJobMarket()}
	var err error
	n.vaABI, err = bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(t, err)
	n.bond = call(t, n.vaI(), n.va.PackBond(), n.va.UnpackBond)
	require.Equal(t, n.bond.String(), call(t, n.vaI(), n.va.PackRequiredBond(), n.va.UnpackRequiredBond).String())
	n.vbond = new(big.Int).Add(n.bond, new(big.Int).Div(n.bond, big.NewInt(8)))
	require.Equal(t, uint64(maxSizeClock), call(t, n.vaI(), n.va.PackClock(), n.va.UnpackClock))
	require.Equal(t, uint64(maxSizeAnswerTime), call(t, n.vaI(), n.va.PackAnswerTime(), n.va.UnpackAnswerTime))
	n.bps = call(t, n.smI(), n.sm.PackSlashRewardBps(), n.sm.UnpackSlashRewardBps)
	return n
}

// hwm samples a process's peak resident set (VmHWM) while it runs.
type hwm struct {
	mu   sync.Mutex
	peak uint64 // KiB
	stop chan struct{}
	done chan struct{}
}

func vmHWM(pid int) (uint64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			v, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return v, err == nil
		}
	}
	return 0, false
}

func sampleHWM(p *proc) *hwm {
	h := &hwm{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		tk := time.NewTicker(500 * time.Millisecond)
		defer tk.Stop()
		for {
			if v, ok := vmHWM(p.cmd.Process.Pid); ok {
				h.mu.Lock()
				h.peak = max(h.peak, v)
				h.mu.Unlock()
			}
			select {
			case <-h.stop:
				return
			case <-tk.C:
			}
		}
	}()
	return h
}

// now is the peak so far, in MiB.
func (h *hwm) now() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peak / 1024
}

// final stops sampling once the process has exited and returns its peak
// RSS in MiB: the kernel's own figure (rusage ru_maxrss), which the samples
// can only undercount.
func (h *hwm) final(t *testing.T, p *proc) uint64 {
	t.Helper()
	close(h.stop)
	<-h.done
	require.NotNil(t, p.cmd.ProcessState, "stop the process first")
	ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage)
	require.True(t, ok)
	kib := max(uint64(ru.Maxrss), h.peak)
	return kib / 1024
}

// moveClock is the time the mover had left after one move of a game.
type moveClock struct {
	move string // as in gameReport.moves
	left uint64 // seconds
}

// clocksOf replays a game's moves against the chain: for each transaction
// of game id (in the order of gameReport.moves), the mover's clock is read
// from the game's state before the transaction's block and charged the
// seconds since the game's last move, as VerdeArbitration._move does
// (a query then adds answerTime to the worker's clock). The challenge
// itself starts both clocks full.
func (n *disputeNet) clocksOf(t *testing.T, id uint64, rep gameReport) []moveClock {
	t.Helper()
	ctx := context.Background()
	txs := n.gameTxs(t, id)
	require.Len(t, txs, len(rep.moves))
	var out []moveClock
	var wc, cc, last uint64
	prevBlock := uint64(0)
	for i, h := range txs {
		rc, err := n.client.TransactionReceipt(ctx, h)
		require.NoError(t, err)
		b := rc.BlockNumber.Uint64()
		hdr, err := n.client.HeaderByNumber(ctx, rc.BlockNumber)
		require.NoError(t, err)
		mv := rep.moves[i]
		if i == 0 {
			require.Equal(t, "C:challenge", mv)
			wc, cc, last = maxSizeClock, maxSizeClock, hdr.Time
			out = append(out, moveClock{mv, cc})
			prevBlock = b
			continue
		}
		if b != prevBlock {
			// the game as the chain left it before this block
			g := callAt(t, n.vaI(), new(big.Int).SetUint64(b-1), n.va.PackGetGame(new(big.Int).SetUint64(id)), n.va.UnpackGetGame)
			wc, cc, last = g.WorkerClock, g.ChallengerClock, g.LastMoveAt
		}
		elapsed := hdr.Time - last
		switch {
		case strings.HasPrefix(mv, "W:"):
			require.LessOrEqual(t, elapsed, wc, "%s: past the worker's clock", mv)
			wc -= elapsed
			out = append(out, moveClock{mv, wc})
		case strings.HasPrefix(mv, "C:"):
			require.LessOrEqual(t, elapsed, cc, "%s: past the challenger's clock", mv)
			cc -= elapsed
			out = append(out, moveClock{mv, cc})
			if mv == "C:query" {
				wc += maxSizeAnswerTime
			}
		default:
			t.Fatalf("game %d: move %s by neither side", id, mv)
		}
		last = hdr.Time
		prevBlock = b
	}
	return out
}

// maxSizeCase is one subtest of TestDisputeMaxSize.
type maxSizeCase struct {
	name             string
	seed             uint64 // the spec's seed: each case its own model, so no blob of one serves the other
	fault            string // the worker's --unsafe.fault
	worker, verifier int    // dev accounts
	price            *big.Int
	withheld         bool
	// honest: the worker trains honestly and the verifier is a dishonest
	// challenger (it challenges checkpoint 1, which matches, and picks at
	// random): the honest Defender at this size, which wins.
	honest bool
}

// TestDisputeMaxSize: a job at the spec's maximum MLP size (8 layers of
// 4096, 117.5M parameters, Adam: a 1.4 GB training state) on an anvil
// devnet with the deploy script's clocks (3600 s a side, 300 s an answer),
// with the real blob store, sequencer, a cheating `gensyn worker` and an
// honest `gensyn verifier`, once with the worker's dispute data published
// and once withheld. In both the cheater is slashed and the verifier paid
// (its ETH to the wei), every move of both sides is made with at least half
// its clock left, and the moves, gas, transactions, phase times and the
// peak RSS of the worker and the verifier are logged (docs/dispute.md,
// "Disputes at the maximum size"). A third case measures the honest
// Defender: an honest worker challenged by a verifier in the test modes
// (random picks on a checkpoint that matches) wins the game and the bond,
// is not slashed, and every move is made with at least half its clock left.
func TestDisputeMaxSize(t *testing.T) {
	if os.Getenv(maxSizeEnv) != "1" {
		t.Skip("the maximum-size dispute (117.5M parameters, several GB per party, tens of minutes) runs with `make e2e-maxsize` (" + maxSizeEnv + "=1)")
	}
	start := time.Now()
	n := startMaxSizeNet(t)
	t.Logf("maxsize: devnet up in %.1fs; clock %d s, answer time %d s, bond %s wei", time.Since(start).Seconds(), maxSizeClock, maxSizeAnswerTime, n.bond)
	cases := []maxSizeCase{
		{name: "published", seed: 1, fault: "perturb-weight", worker: 10, verifier: 6, price: ethAmount(1, 100)},
		{name: "withheld", seed: 2, fault: "perturb-weight,withhold", worker: 11, verifier: 7, price: ethAmount(2, 100), withheld: true},
		{name: "honest", seed: 3, worker: 12, verifier: 8, price: ethAmount(3, 100), honest: true},
	}
	for _, c := range cases {
		if !t.Run(c.name, func(t *testing.T) { n.maxSizeDispute(t, c) }) {
			return
		}
	}
	t.Logf("maxsize: whole test %.1fs", time.Since(start).Seconds())
}

func (n *disputeNet) maxSizeDispute(t *testing.T, c maxSizeCase) {
	specPath, dataPath := maxSizeSpec(t, c.seed)
	b0 := n.head(t)
	wBal0, vBal0 := n.balanceAt(t, n.addr(c.worker), b0), n.balanceAt(t, n.addr(c.verifier), b0)

	var vargs []string
	if c.honest {
		vargs = []string{"--unsafe.test-modes", "--unsafe.challenge-all", "--unsafe.strategy", "random", "--unsafe.challenge-checkpoint", "1"}
	}
	v := n.startVerifier(t, "verifier-"+c.name, c.verifier, t.TempDir(), vargs...)
	vh := sampleHWM(v)
	w := n.startWorker(t, "worker-"+c.name, c.worker, c.price, c.fault)
	wh := sampleHWM(w)

	// Post the job (the client computes its roots: the initial state of
	// 117.5M parameters) and wait for the worker's bid.
	t0 := time.Now()
	r := gensyn(t, n.jobArgs(clientAcct), "job", "submit", "--json", "--spec", specPath, "--data", dataPath,
		"--max-price", c.price.String(), "--escrow", "1eth", "--collateral", collateral.String(),
		"--bid-window", "20s", "--execution-window", "3h", "--challenge-window", "2h")
	require.Equal(t, 0, r.code, "stdout=%s stderr=%s", r.stdout, r.stderr)
	var out struct {
		JobID uint64 `json:"jobId"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	id := out.JobID
	tPosted := time.Now()
	require.Eventually(t, func() bool { return n.jobAt(t, id, nil).Worker == n.addr(c.worker) }, 5*time.Minute, time.Second,
		"job %d: the worker's bid never landed", id)
	tAssigned := time.Now()

	// Training and its checkpoints, then the verifier's audit and challenge.
	require.Eventually(t, func() bool { return n.jobAt(t, id, nil).Status == jobSubmittedStatus }, 90*time.Minute, 2*time.Second,
		"job %d: no result", id)
	tSubmitted := time.Now()
	wTrain := wh.now()
	gid := n.waitOneGame(t, id, 60*time.Minute)
	tChallenged := time.Now()
	vAudit := vh.now()
	g := n.waitResolved(t, gid, 120*time.Minute)
	tResolved := time.Now()
	t.Logf("maxsize %s: game %d resolved (outcome %d); waiting for the verifier's withdrawal", c.name, gid, g.Outcome)

	var rep gameReport
	if c.honest {
		rep = n.requireHonestWon(t, g, gid, id, c.worker, c.verifier)
	} else {
		rep = n.requireCheaterLost(t, gid, id, c.worker, c.verifier, v)
		require.Regexp(t, `msg="Dispute game lost`, w.log())
		require.Equal(t, "W:proveStep", rep.moves[len(rep.moves)-1], "the state cheat goes to the one-step")
		require.Equal(t, uint8(reasonStepWrong), rep.resolved.Reason, "lost at the one-step")
	}
	joined := strings.Join(rep.moves, " ")
	queries := strings.Count(joined, "C:query")
	if c.withheld {
		require.Positive(t, queries, "the verifier queried the withheld data")
		require.Regexp(t, `UNSAFE fault withhold: not publishing the move's data`, w.log())
	} else {
		require.Zero(t, queries, "the data is published: no query")
		require.LessOrEqual(t, len(rep.moves), 10, "at most 10 moves with the data published")
		require.LessOrEqual(t, rep.total(), uint64(2_000_000), "at most 2,000,000 gas with the data published")
	}

	// Every move with at least half its clock left.
	clocks := n.clocksOf(t, gid, rep)
	minW, minC := uint64(math.MaxUint64), uint64(math.MaxUint64)
	var parts []string
	for _, mc := range clocks {
		require.GreaterOrEqual(t, mc.left, uint64(maxSizeClock/2), "%s made with %d s of its %d s clock left", mc.move, mc.left, maxSizeClock)
		if strings.HasPrefix(mc.move, "W:") {
			minW = min(minW, mc.left)
		} else {
			minC = min(minC, mc.left)
		}
		parts = append(parts, fmt.Sprintf("%s=%d", mc.move, mc.left))
	}

	// Funds: the verifier withdrew its bond and the whole slash reward;
	// the worker's deposited collateral is gone. Against the honest worker
	// the verifier's bond is the worker's, the verifier has nothing to
	// withdraw, and the worker's collateral stays staked until the job pays.
	if !c.honest {
		require.Eventually(t, func() bool { return n.arbBalance(t, n.addr(c.verifier)).Sign() == 0 }, 60*time.Second, 250*time.Millisecond)
	}
	stopProc(t, v)
	stopProc(t, w)
	vPeak, wPeak := vh.final(t, v), wh.final(t, w)
	b1 := n.head(t)
	var vGas, wGas *big.Int
	if c.honest {
		require.Zero(t, n.arbBalance(t, n.addr(c.verifier)).Sign(), "the losing challenger has nothing to withdraw")
		vGas = n.requireETH(t, c.verifier, b0, vBal0, b1, new(big.Int).Neg(n.vbond), "verifier")
		// The bond is the worker's: withdrawn by block b1, or still to
		// withdraw at b1 (a withdrawal sent as the worker stopped can be
		// mined after b1: both are read at b1).
		out := n.withdrawnFromArb(t, b0, b1, n.addr(c.worker))
		require.Equal(t, n.vbond.String(), new(big.Int).Add(out, n.arbBalanceAt(t, n.addr(c.worker), b1)).String(), "the worker has the bond")
		wGas = n.requireETH(t, c.worker, b0, wBal0, b1, new(big.Int).Sub(out, collateral), "worker")
	} else {
		vGas = n.requireETH(t, c.verifier, b0, vBal0, b1, n.reward(), "verifier")
		wGas = n.requireETH(t, c.worker, b0, wBal0, b1, new(big.Int).Neg(collateral), "worker")
	}
	logWarnings(t, "verifier-"+c.name, v)
	logWarnings(t, "worker-"+c.name, w)

	t.Logf("maxsize %s: %s", c.name, rep)
	t.Logf("maxsize %s: clocks left after each move (s): %s", c.name, strings.Join(parts, " "))
	t.Logf("maxsize %s: moves %d; transactions %d; queries %d; gas total %d worker %d challenger %d others %d; min clock left worker %d s challenger %d s of %d s; fees worker %s wei verifier %s wei",
		c.name, len(rep.moves), len(rep.moves), queries, rep.total(), rep.gasWorker, rep.gasChallenger, rep.gasOther, minW, minC, maxSizeClock, wGas, vGas)
	t.Logf("maxsize %s: wall submit %.0fs, auction %.0fs, training to result %.0fs, audit to challenge %.0fs, game %.0fs (chain %d s), total %.0fs",
		c.name, tPosted.Sub(t0).Seconds(), tAssigned.Sub(tPosted).Seconds(), tSubmitted.Sub(tAssigned).Seconds(),
		tChallenged.Sub(tSubmitted).Seconds(), tResolved.Sub(tChallenged).Seconds(), rep.seconds, tResolved.Sub(t0).Seconds())
	t.Logf("maxsize %s: peak RSS worker %d MiB (%d MiB by the end of training), verifier %d MiB (%d MiB by its challenge)",
		c.name, wPeak, wTrain, vPeak, vAudit)
}

// requireHonestWon checks that game id (resolved as g) against an honest
// worker on job `job` was won by the worker: the bond is the worker's, the
// worker is not slashed, and the job is still its own.
func (n *disputeNet) requireHonestWon(t *testing.T, g bindings.IVerdeArbitrationGame, id, job uint64, worker, challenger int) gameReport {
	t.Helper()
	require.Equal(t, job, g.JobId)
	require.Equal(t, n.addr(worker), g.Worker)
	require.Equal(t, n.addr(challenger), g.Challenger)
	require.Equal(t, uint8(outcomeWorkerWon), g.Outcome, "game %d: the honest worker wins", id)
	rep := n.report(t, id)
	require.NotNil(t, rep.resolved)
	require.Equal(t, n.addr(worker), rep.resolved.Paid, "the challenger's bond goes to the worker")
	require.Equal(t, n.vbond.String(), rep.resolved.Bond.String())
	st := n.stake(t, n.addr(worker))
	require.Equal(t, collateral.String(), st.Staked.String(), "not slashed")
	j := n.jobAt(t, job, nil)
	require.Equal(t, n.addr(worker), j.Worker, "the job stays the worker's")
	require.NotEqual(t, uint8(jobOpen), j.Status, "not reopened")
	return rep
}
