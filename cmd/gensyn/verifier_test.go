package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVerifierBadInput checks the one-line errors of `gensyn verifier`'s
// flags (the test-only modes included) before anything is dialled.
func TestVerifierBadInput(t *testing.T) {
	for _, k := range []string{"PRIVATE_KEY", "L1_ETH_RPC", "DEPLOYMENTS", "DATA_DIR", "BLOBSTORE", "SEQUENCER", "MNEMONIC"} {
		t.Setenv("GENSYN_VERIFIER_"+k, "") // restored after the test
		require.NoError(t, os.Unsetenv("GENSYN_VERIFIER_"+k))
	}
	dir := t.TempDir()
	deps := filepath.Join(dir, "31337.json")
	b, err := json.Marshal(map[string]any{"chainId": 31337, "contracts": map[string]string{
		"stakeManager": "0x0000000000000000000000000000000000000001", "jobMarket": "0x0000000000000000000000000000000000000002",
		"commitmentInbox": "0x0000000000000000000000000000000000000003", "nodeRegistry": "0x0000000000000000000000000000000000000004",
		"verdeArbitration": "0x0000000000000000000000000000000000000005", "oneStep": "0x0000000000000000000000000000000000000006",
	}})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(deps, b, 0o644))
	key := "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	base := []string{"verifier", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", deps, "--data-dir", filepath.Join(dir, "v"),
		"--blobstore", "http://127.0.0.1:1"}
	with := func(args ...string) []string { return append(append([]string{}, base...), args...) }
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"verifier"}, "missing required flags --l1-eth-rpc (or GENSYN_VERIFIER_L1_ETH_RPC), --deployments"},
		{[]string{"verifier", "--l1-eth-rpc", "http://x"}, "missing required flags --deployments (or GENSYN_VERIFIER_DEPLOYMENTS)"},
		{base[:7], "missing required flag --blobstore (or GENSYN_VERIFIER_BLOBSTORE)"},
		{with(), "no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (GENSYN_VERIFIER_PRIVATE_KEY"},
		{with("--private-key", key, "--audit.fraction", "0"), "audit fraction must be in (0, 1]"},
		{with("--private-key", key, "--audit.fraction", "1.5"), "audit fraction must be in (0, 1]"},
		{with("--private-key", key, "--poll-interval", "0s"), "poll interval must be positive"},
		{with("--private-key", key, "--unsafe.strategy", "random"), "--unsafe.* flags are for tests only: add --unsafe.test-modes"},
		{with("--private-key", key, "--unsafe.stop-after", "2"), "--unsafe.* flags are for tests only"},
		{with("--private-key", key, "--unsafe.challenge-all"), "--unsafe.* flags are for tests only"},
		{with("--private-key", key, "--unsafe.test-modes", "--unsafe.strategy", "evil"), "--unsafe.strategy must be honest, random or grief"},
		{with("--private-key", key, "--unsafe.test-modes", "--unsafe.stop-after", "-1"), "--unsafe.stop-after must be 0"},
		{with("--private-key", key, "--unsafe.test-modes", "--unsafe.challenge-checkpoint", "2"), "--unsafe.challenge-checkpoint needs --unsafe.challenge-all"},
		{with("--private-key", key, "--audit.seed", "x"), `--audit.seed "x": not a non-negative integer`},
		{with("--private-key", key, "--bogus"), "unknown flag --bogus (see --help)"},
		{[]string{"verifier", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", filepath.Join(dir, "none.json"), "--data-dir", dir,
			"--blobstore", "http://127.0.0.1:1", "--private-key", key}, "none.json"},
		{with("--private-key", key), "l1 rpc unreachable"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.NotContains(t, oneLine(err), "\n")
		require.NotContains(t, oneLine(err), key[2:], "the key is never echoed")
	}
}
