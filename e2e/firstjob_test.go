package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// readmeSubmit is the README's first job, as written there.
const readmeSubmit = `$ gensyn job submit --spec examples/digits-mlp.json --max-price 1eth --collateral 1eth \
    --bid-window 10s --execution-window 2m --challenge-window 30s`

// TestReadmeFirstJob runs the README's first job as written: a default
// devnet (`gensyn devnet up`, no --block-time: its clock must move on its
// own), the blob store, the sequencer with its default keeper interval, a
// worker and a verifier with the README's flags, and the README's
// `job submit`; the job is finalized (the worker paid) in about a minute.
func TestReadmeFirstJob(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	require.NoError(t, err)
	require.Contains(t, string(readme), readmeSubmit, "the README's example is the one run here")

	c := startSeqChain(t) // the defaults, as `gensyn devnet up`
	blobAddr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	startBlobstore(t, t.TempDir(), blobAddr)
	blobURL := "http://" + blobAddr
	seq := c.startSequencer(t, t.TempDir())
	const worker, verifier, client = 3, 5, 4
	startProc(t, "worker", []string{"GENSYN_WORKER_PRIVATE_KEY=" + c.hexKeys[worker]}, "worker",
		"--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", blobURL, "--sequencer", seq.url, "--bid.price", "0.3eth", "--stake.target", "2eth")
	startProc(t, "verifier", []string{"GENSYN_VERIFIER_PRIVATE_KEY=" + c.hexKeys[verifier]}, "verifier",
		"--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", blobURL, "--sequencer", seq.url, "--audit.fraction", "1")
	env := []string{"GENSYN_JOB_PRIVATE_KEY=" + c.hexKeys[client], "GENSYN_JOB_L1_ETH_RPC=" + c.d.RPCURL,
		"GENSYN_JOB_DEPLOYMENTS=" + c.depsPath, "GENSYN_JOB_BLOBSTORE=" + blobURL, "GENSYN_JOB_SEQUENCER=" + seq.url}
	time.Sleep(5 * time.Second) // the worker registers and stakes, as a reader would wait for its first log lines

	args := strings.Fields(strings.NewReplacer("$ gensyn ", "", "\\\n", " ").Replace(readmeSubmit))
	start := time.Now()
	r := gensyn(t, env, args...)
	require.Equal(t, 0, r.code, "stdout=%s stderr=%s", r.stdout, r.stderr)
	require.Contains(t, r.stdout, "job 1 posted")
	var last string
	for deadline := time.Now().Add(3 * time.Minute); !strings.Contains(last, "job 1 finalized"); time.Sleep(time.Second) {
		require.True(t, time.Now().Before(deadline), "the first job is not finalized after 3 minutes: %s", last)
		r := gensyn(t, env, "job", "status", "1")
		last = r.stdout + r.stderr
	}
	took := time.Since(start)
	t.Logf("the README's first job, post to payment: %s (%s)", took.Round(100*time.Millisecond), strings.TrimSpace(last))
	require.Less(t, took, 100*time.Second, "the README says about a minute")
}
