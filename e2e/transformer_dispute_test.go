package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// The transformer dispute test: examples/austen-transformer.json cut to a
// tiny model (context 8, width 16, 2 heads, 1 layer, MLP 32, batch 4) and
// 20 steps (two checkpoints of 10), on the first 64 KiB of
// examples/data/austen.txt (the last 8 KiB held out).
const (
	lmE2ETokens     = 64 << 10
	lmE2EHoldout    = 8 << 10
	lmE2ESteps      = 20
	lmE2EInterval   = 10
	lmE2EFaultStep  = 5
	lmE2EMaxMoves   = 10
	lmE2EMaxGas     = 2_000_000
	lmE2EJobTimeout = 3 * time.Minute
)

// tinyTransformerJob writes the tiny transformer job's spec and dataset and
// returns their paths and the job's trainer (to name the game's node).
func tinyTransformerJob(t *testing.T) (specPath, dataPath string, tr *trainer.Trainer) {
	t.Helper()
	root := repoRoot(t)
	corpus, err := os.ReadFile(filepath.Join(root, "examples", "data", "austen.txt"))
	require.NoError(t, err)
	data := corpus[:lmE2ETokens]
	raw, err := os.ReadFile(filepath.Join(root, "examples", "austen-transformer.json"))
	require.NoError(t, err)
	var js map[string]any
	require.NoError(t, json.Unmarshal(raw, &js))
	m := js["model"].(map[string]any)
	m["context"], m["width"], m["heads"], m["layers"], m["mlp_width"] = 8, 16, 2, 1, 32
	d := js["dataset"].(map[string]any)
	d["hash"] = "0x" + fmt.Sprintf("%x", crypto.Keccak256(data))
	d["tokens"] = lmE2ETokens
	d["holdout"] = map[string]any{"rule": "last", "count": lmE2EHoldout}
	js["optimizer"].(map[string]any)["warmup_steps"] = 2
	js["batch_size"], js["steps"], js["checkpoint_interval"] = 4, lmE2ESteps, lmE2EInterval
	out, err := json.MarshalIndent(js, "", "  ")
	require.NoError(t, err)
	dir := t.TempDir()
	specPath, dataPath = filepath.Join(dir, "austen-tiny.json"), filepath.Join(dir, "austen-64k.txt")
	require.NoError(t, os.WriteFile(specPath, out, 0o644))
	require.NoError(t, os.WriteFile(dataPath, data, 0o644))
	s, err := spec.Load(specPath)
	require.NoError(t, err)
	require.True(t, s.Model.IsTransformer())
	ds, err := dataset.Open(data, s.Dataset)
	require.NoError(t, err)
	tr, err = trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	return specPath, dataPath, tr
}

// postSpecJob posts the job of specPath on dataPath with max price `price`
// and waits until `worker`'s bid on it is mined.
func (n *disputeNet) postSpecJob(t *testing.T, specPath, dataPath string, price *big.Int, worker int) uint64 {
	t.Helper()
	r := gensyn(t, n.jobArgs(clientAcct), "job", "submit", "--json", "--spec", specPath, "--data", dataPath,
		"--max-price", price.String(), "--escrow", "1eth", "--collateral", collateral.String(),
		"--bid-window", "4s", "--execution-window", "1h", "--challenge-window", "40s")
	require.Equal(t, 0, r.code, "stdout=%s stderr=%s", r.stdout, r.stderr)
	var out struct {
		JobID uint64 `json:"jobId"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	require.NotZero(t, out.JobID)
	id := out.JobID
	require.Equal(t, uint64(lmE2ESteps), n.jobAt(t, id, nil).Params.Steps)
	require.Eventually(t, func() bool { return n.jobAt(t, id, nil).Worker == n.addr(worker) }, 30*time.Second, 200*time.Millisecond,
		"job %d: the worker's bid never landed", id)
	return id
}

// TestTransformerDisputes: one honest verifier (auditing every checkpoint)
// runs while three workers, each with a transformer fault at step 5, take a
// tiny transformer job each, their dispute data published: one cheating
// inside attention (one attention score of layer 1 raised by 1 in one step), one
// cheating in the normalisation (one step's RMSInv without its eps), one
// using a non-RepOps softmax (float64 exp, an honest mistake). Each is
// challenged, loses its whole collateral at the one-step on the expected
// node, is barred and its job reopened; the verifier gets every bond back
// and every reward, to the wei. Each game's moves and gas are logged as
// `transformer dispute <fault>: moves=<n> gas=<g> op=<name>` and held to
// at most 10 moves and 2,000,000 gas.
func TestTransformerDisputes(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	specPath, dataPath, tr := tinyTransformerJob(t)
	g := tr.Graph()
	const verifierAcct = 6
	vAddr := n.addr(verifierAcct)
	b0 := n.head(t)
	vBal0 := n.balanceAt(t, vAddr, b0)
	v := n.startVerifier(t, "verifier", verifierAcct, t.TempDir())
	t.Logf("devnet and verifier up in %.1fs; %d-node step graph", time.Since(start).Seconds(), len(g.Nodes))

	cases := []struct {
		fault string
		acct  int
		op    string // the operator of the node the game ends on
		node  string // its name, when the fault names one node
	}{
		{"perturb-attention", 10, "AttnScores", firstNodeOf(g, repops.OpAttnScores)},
		{"perturb-norm", 11, "RMSInv", ""},
		{"nonrepops-softmax", 12, "SoftmaxRow", ""},
	}
	var (
		mu      sync.Mutex
		reports = map[string]gameReport{}
		lines   = map[string]string{}
	)
	t.Run("faults", func(t *testing.T) {
		for i, fc := range cases {
			price := ethAmount(int64(i+1), 100) // increasing: see startWorker
			t.Run(fc.fault, func(t *testing.T) {
				w := n.startWorker(t, "worker-"+fc.fault, fc.acct, price, fc.fault+"@"+strconv.Itoa(lmE2EFaultStep))
				posted := time.Now()
				id := n.postSpecJob(t, specPath, dataPath, price, fc.acct)
				t.Parallel()

				gid := n.waitOneGame(t, id, lmE2EJobTimeout)
				rep := n.requireCheaterLost(t, gid, id, fc.acct, verifierAcct, v)
				require.Regexp(t, `msg="Dispute game lost`, w.log())
				require.Zero(t, n.arbBalance(t, n.addr(fc.acct)).Sign(), "the cheater gets nothing")
				require.Equal(t, "W:proveStep", rep.moves[len(rep.moves)-1])
				require.Equal(t, uint8(reasonStepWrong), rep.resolved.Reason, "lost at the one-step")

				game := n.game(t, gid)
				require.Equal(t, uint64(lmE2EFaultStep), game.Step, "the game ends on the fault's step")
				require.Less(t, int(game.Node), len(g.Nodes))
				nd := g.Nodes[game.Node]
				op := nd.Op.String()
				require.Equal(t, fc.op, op, "game %d ends on node %d (%s)", gid, game.Node, nd.Name)
				if fc.node != "" {
					require.Equal(t, fc.node, nd.Name)
				}
				if fc.fault == "perturb-attention" {
					// row 1, column 0 of the first window's first head
					require.EqualValues(t, nd.Shape[1], game.Element, "the perturbed score")
				}
				if fc.fault == "nonrepops-softmax" {
					require.Regexp(t, `HONEST MISTAKE.* op=SoftmaxRow`, w.log())
				}
				line := fmt.Sprintf("transformer dispute %s: moves=%d gas=%d op=%s", fc.fault, len(rep.moves), rep.total(), op)
				t.Log(line)
				t.Logf("%s: %s; node %d (%s) element %d; post to resolution %.1fs", fc.fault, rep, game.Node, nd.Name, game.Element,
					time.Since(posted).Seconds())
				logWarnings(t, "worker-"+fc.fault, w)
				require.LessOrEqual(t, len(rep.moves), lmE2EMaxMoves, "at most 10 moves with the data published")
				require.LessOrEqual(t, rep.total(), uint64(lmE2EMaxGas), "at most 2,000,000 gas with the data published")
				mu.Lock()
				reports[fc.fault] = rep
				lines[fc.fault] = line
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}

	// The verifier's ETH to the wei: every bond back, every reward (each
	// game was its round's only live one: the whole pot) credited and
	// withdrawn, its own gas paid.
	won := len(reports)
	require.Eventually(t, func() bool {
		return n.arbBalance(t, vAddr).Sign() == 0 && strings.Count(v.log(), `msg="Game done"`) == won
	}, 60*time.Second, 250*time.Millisecond, "the verifier never collected every game")
	stopProc(t, v)
	logWarnings(t, "verifier", v)
	b1 := n.head(t)
	gas := n.gasOf(t, b0, b1, vAddr)
	bonds := new(big.Int).Mul(n.vbond, big.NewInt(int64(won)))
	rewards := new(big.Int).Mul(n.reward(), big.NewInt(int64(won)))
	require.Equal(t, new(big.Int).Add(bonds, rewards).String(), n.withdrawnFromArb(t, b0, b1, vAddr).String(),
		"every bond and every reward withdrawn from the game")
	want := new(big.Int).Sub(vBal0, gas)
	want.Add(want, rewards)
	require.Equal(t, want.String(), n.balanceAt(t, vAddr, b1).String(), "verifier's ETH: start - gas + rewards (bonds back)")
	n.requireNothingToClaim(t, verifierAcct)
	for _, fc := range cases {
		t.Log(lines[fc.fault])
	}
	require.Regexp(t, regexp.MustCompile(`^transformer dispute [a-z-]+: moves=\d+ gas=\d+ op=[A-Za-z]+$`), lines[cases[0].fault])
	t.Logf("whole test %.1fs", time.Since(start).Seconds())
}

// firstNodeOf is the name of g's first operator node of kind op.
func firstNodeOf(g *repops.Graph, op repops.OpKind) string {
	for _, nd := range g.Nodes {
		if nd.Kind == repops.KindOp && nd.Op == op {
			return nd.Name
		}
	}
	return ""
}
