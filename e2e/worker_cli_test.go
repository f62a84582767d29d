package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkerAndJobBadInput: bad configurations and inputs of `gensyn worker`
// and `gensyn job` get one-line errors that never echo a key.
func TestWorkerAndJobBadInput(t *testing.T) {
	const key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	base := []string{"worker", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", "deployments/31337.json",
		"--data-dir", t.TempDir(), "--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1"}
	keyEnv := []string{"GENSYN_WORKER_PRIVATE_KEY=" + key}

	r := gensyn(t, keyEnv, "worker")
	requireOneLineError(t, r, "missing required flags --l1-eth-rpc (or GENSYN_WORKER_L1_ETH_RPC)")
	r = gensyn(t, keyEnv, base...)
	requireOneLineError(t, r, "give a price policy")
	r = gensyn(t, keyEnv, append(base, "--bid.price", "1", "--bid.fraction", "0.5")...)
	requireOneLineError(t, r, "either --bid.price or --bid.fraction")
	r = gensyn(t, keyEnv, append(base, "--bid.fraction", "1.5")...)
	requireOneLineError(t, r, "--bid.fraction: must be a fraction of the job's max price in (0, 1], e.g. 0.5 (got 1.5)")
	r = gensyn(t, nil, append(base, "--bid.fraction", "0.5")...)
	requireOneLineError(t, r, "give --private-key")
	missing := append([]string{}, base...)
	missing[4] = filepath.Join(t.TempDir(), "none.json")
	r = gensyn(t, keyEnv, append(missing, "--bid.fraction", "0.5")...)
	requireOneLineError(t, r, "none.json")
	for _, out := range []string{r.stdout, r.stderr} {
		if strings.Contains(out, strings.TrimPrefix(key, "0x")) {
			t.Fatal("the key was printed")
		}
	}

	// A malformed spec and a dataset that is not the spec's.
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version": 1, "model": {`), 0o644); err != nil {
		t.Fatal(err)
	}
	jobEnv := []string{"GENSYN_JOB_PRIVATE_KEY=" + key}
	r = gensyn(t, jobEnv, "job", "submit", "--spec", bad, "--max-price", "1eth")
	requireOneLineError(t, r, "bad.json")
	other := filepath.Join(t.TempDir(), "other.bin")
	if err := os.WriteFile(other, []byte("not the dataset"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = gensyn(t, jobEnv, "job", "submit", "--spec", "examples/digits-mlp.json", "--data", other, "--max-price", "1eth")
	requireOneLineError(t, r, "the dataset is not the spec's")
	r = gensyn(t, jobEnv, "job", "submit", "--spec", "examples/digits-mlp.json", "--max-price", "lots")
	requireOneLineError(t, r, "--max-price")
	r = gensyn(t, nil, "job", "status", "abc")
	requireOneLineError(t, r, "bad job id")
	r = gensyn(t, nil, "job", "fetch", "1")
	requireOneLineError(t, r, "out")
}
