package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// TestStartupChecks: on a live chain where the deployments file's addresses
// have no code (a restarted devnet), every service and the job client stop
// at once with one line naming the contract; with a deployments file of
// another chain, with one line naming both chain ids.
func TestStartupChecks(t *testing.T) {
	url, _ := testchain.StartAnvil(t)
	dir := t.TempDir()
	write := func(name string, chainID uint64) string {
		path := filepath.Join(dir, name)
		b, err := json.Marshal(map[string]any{"chainId": chainID, "contracts": map[string]string{
			"stakeManager": "0x0000000000000000000000000000000000000a01", "jobMarket": "0x0000000000000000000000000000000000000a02",
			"commitmentInbox": "0x0000000000000000000000000000000000000a03", "nodeRegistry": "0x0000000000000000000000000000000000000a04",
			"verdeArbitration": "0x0000000000000000000000000000000000000a05", "oneStep": "0x0000000000000000000000000000000000000a06",
		}})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, b, 0o644))
		return path
	}
	empty, other := write("31337.json", 31337), write("1.json", 1)
	const noCode = "has no code on chain 31337: wrong --deployments file or a restarted devnet?"
	key := "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	service := func(name, deps string, extra ...string) []string {
		return append([]string{name, "--l1-eth-rpc", url, "--deployments", deps, "--data-dir", filepath.Join(dir, name),
			"--private-key", key}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{service("worker", empty, "--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1", "--bid.price", "1000"), noCode},
		{service("verifier", empty, "--blobstore", "http://127.0.0.1:1"), noCode},
		{service("sequencer", empty), noCode},
		{[]string{"job", "status", "--l1-eth-rpc", url, "--deployments", empty, "1"}, "JobMarket at 0x0000000000000000000000000000000000000a02 " + noCode},
		{[]string{"job", "list", "--l1-eth-rpc", url, "--deployments", other}, "the RPC serves chain 31337, the deployments file is for chain 1: wrong RPC URL or --deployments file?"},
		{service("worker", other, "--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1", "--bid.price", "1000"), "rpc chain 31337, deployment chain 1"},
	} {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		t.Logf("%s: %s", c.args[0], oneLine(err))
	}
}
