package e2e

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestFineTune: a fine-tuning job end to end with real processes. Job A
// (the example MLP, 200 steps) is trained by an honest worker and
// finalized; the client fetches its model (`gensyn job fetch`), exports it
// (`gensyn export`, which prints the file's keccak256) and posts job B,
// whose spec names that export as init.weights (`gensyn job submit --init`
// uploads it with the spec and the dataset). B's posted initial state root
// is that of A's final parameters with a fresh optimizer, and the held-out
// loss of B's step 0 is A's final model's, bit for bit: the weights carried
// over. A perturb-weight worker takes B and cheats in B's first interval
// (so the game's first state is B's initial state, which the worker and the
// verifier both build from the weights they fetched from the blob store by
// hash): the honest verifier challenges it and it is slashed at the
// one-step. The reopened job B is then taken by an honest worker, trained
// from the client's weights to the roots a local run gives, audited right
// and paid.
func TestFineTune(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	const verifierAcct, workerA, cheater, workerB = 6, 10, 11, 12
	v := n.startVerifier(t, "verifier", verifierAcct, t.TempDir())
	repo := repoRoot(t)
	digits := filepath.Join(repo, "data", "digits.csv.gz")

	// Job A: trained and finalized.
	priceA, priceB := ethAmount(1, 100), ethAmount(2, 100)
	wA := n.startWorker(t, "worker-a", workerA, priceA, "")
	idA := n.postJob(t, priceA, workerA, "3s")
	require.Eventually(t, func() bool {
		bal := call(t, n.mI(), n.m.PackBalanceOf(n.addr(workerA)), n.m.UnpackBalanceOf)
		return n.jobAt(t, idA, nil).Status == jobFinalized && bal.Sign() == 0 && strings.Contains(wA.log(), "Payment withdrawn")
	}, 3*time.Minute, 250*time.Millisecond, "job A never finalized and paid")
	stopProc(t, wA) // it would underbid the cheater on job B
	t.Logf("job A %d finalized at %.1fs", idA, time.Since(start).Seconds())

	// The client: fetch A's model, export it, write B's spec.
	dir := t.TempDir()
	modelA := filepath.Join(dir, "a.gck")
	r := gensyn(t, n.jobArgs(clientAcct), "job", "fetch", "--out", modelA, strconv.FormatUint(idA, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	weights := filepath.Join(dir, "a.safetensors")
	r = gensyn(t, nil, "export", "--spec", n.specPath, "--checkpoint", modelA, "--out", weights, "--json")
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	var exp struct {
		Keccak256 string `json:"keccak256"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &exp), r.stdout)
	blob, err := os.ReadFile(weights)
	require.NoError(t, err)
	require.Equal(t, commit.Keccak256(blob).String(), exp.Keccak256)
	raw, err := os.ReadFile(n.specPath)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"seed": 1,`)
	specB := filepath.Join(dir, "finetune.json")
	require.NoError(t, os.WriteFile(specB, []byte(strings.Replace(string(raw), `"seed": 1,`,
		`"seed": 2, "init": {"weights": "`+exp.Keccak256+`"},`, 1)), 0o644))

	// What B must start from, computed locally: A's final parameters, a
	// fresh optimizer; the held-out loss of A's final model.
	sA, err := spec.Load(n.specPath)
	require.NoError(t, err)
	sB, err := spec.Load(specB)
	require.NoError(t, err)
	d, err := dataset.Load(digits, sA.Dataset.Format)
	require.NoError(t, err)
	trA, err := trainer.New(sA, d, trainer.Options{})
	require.NoError(t, err)
	stA, err := trA.LoadCheckpoint(modelA)
	require.NoError(t, err)
	require.Equal(t, uint64(200), stA.Step)
	_, lossA, err := trA.Evaluate(stA)
	require.NoError(t, err)
	initB, err := export.LoadInitialStateFile(sB, weights)
	require.NoError(t, err)
	trB, err := trainer.New(sB, d, trainer.Options{InitialWeights: initB})
	require.NoError(t, err)
	st0, err := trB.InitialState()
	require.NoError(t, err)
	_, lossB0, err := trB.Evaluate(st0)
	require.NoError(t, err)
	require.Equal(t, math.Float32bits(lossA), math.Float32bits(lossB0), "held-out loss at B's step 0 (%v) is A's final model's (%v)", lossB0, lossA)
	rootB0, err := trB.InitialStateRoot()
	require.NoError(t, err)
	seeded := *sB
	seeded.Init = nil
	trSeeded, err := trainer.New(&seeded, d, trainer.Options{})
	require.NoError(t, err)
	rootSeeded, err := trSeeded.InitialStateRoot()
	require.NoError(t, err)
	require.NotEqual(t, rootSeeded, rootB0)
	var wantB []commit.Hash
	_, err = trB.Run(context.Background(), nil, 0, func(p trainer.Progress) error {
		wantB = append(wantB, p.StateRoot)
		return nil
	})
	require.NoError(t, err)

	// Job B, posted with its initial weights; a cheater takes it.
	wC := n.startWorker(t, "worker-cheat", cheater, priceB, "perturb-weight")
	r = gensyn(t, n.jobArgs(clientAcct), "job", "submit", "--json", "--spec", specB, "--data", digits, "--init", weights,
		"--max-price", priceB.String(), "--escrow", "1eth", "--collateral", "1eth",
		"--bid-window", "4s", "--execution-window", "1h", "--challenge-window", "40s")
	require.Equal(t, 0, r.code, "stdout=%s stderr=%s", r.stdout, r.stderr)
	var posted struct {
		JobID            uint64 `json:"jobId"`
		InitialStateRoot string `json:"initialStateRoot"`
		InitWeights      string `json:"initWeights"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &posted), r.stdout)
	idB := posted.JobID
	require.Equal(t, exp.Keccak256, posted.InitWeights)
	jobB := n.jobAt(t, idB, nil)
	require.Equal(t, common.Hash(rootB0), common.Hash(jobB.Params.InitialStateRoot), "B's posted initial state root is its weights'")
	require.Eventually(t, func() bool { return n.jobAt(t, idB, nil).Worker == n.addr(cheater) }, 30*time.Second, 200*time.Millisecond,
		"job B: the cheater's bid never landed")
	posting := time.Now()
	gid := n.waitOneGame(t, idB, 2*time.Minute)
	rep := n.requireCheaterLost(t, gid, idB, cheater, verifierAcct, v)
	require.Regexp(t, `msg="Dispute game lost`, wC.log())
	require.Equal(t, "W:proveStep", rep.moves[len(rep.moves)-1])
	require.Equal(t, uint8(reasonStepWrong), rep.resolved.Reason, "lost at the one-step")
	g := n.game(t, gid)
	require.Equal(t, uint32(1), g.Checkpoint, "the game is over B's first interval, from its initial state")
	t.Logf("fine-tuning job %d: cheater slashed, %s; post to resolution %.1fs", idB, rep, time.Since(posting).Seconds())
	stopProc(t, wC)

	// The reopened job B: an honest worker trains it from the weights.
	wB := n.startWorker(t, "worker-b", workerB, priceB, "")
	require.Eventually(t, func() bool {
		j := n.jobAt(t, idB, nil)
		bal := call(t, n.mI(), n.m.PackBalanceOf(n.addr(workerB)), n.m.UnpackBalanceOf)
		return j.Status == jobFinalized && j.Worker == n.addr(workerB) && bal.Sign() == 0 && strings.Contains(wB.log(), "Payment withdrawn")
	}, 3*time.Minute, 250*time.Millisecond, "job B never finalized and paid")
	jobB = n.jobAt(t, idB, nil)
	require.Equal(t, common.Hash(wantB[len(wantB)-1]), common.Hash(jobB.FinalModelRoot), "B's final model is the local run's from A's weights")
	require.Equal(t, common.Hash(commit.CheckpointsRoot(wantB)), common.Hash(jobB.CheckpointsRoot))
	audited := regexp.MustCompile(`msg="Job audited" (role=verifier )?job=` + strconv.FormatUint(idB, 10) + ` round=2 checked=2 mismatched=0`)
	require.Eventually(t, func() bool { return audited.MatchString(v.log()) }, 30*time.Second, 250*time.Millisecond,
		"the verifier did not audit the honest round of job B")
	logWarnings(t, "worker-b", wB)
	logWarnings(t, "verifier", v)
	t.Logf("fine-tune: held-out loss at B's step 0 %v = A's final %v; whole test %.1fs", lossB0, lossA, time.Since(start).Seconds())
}
