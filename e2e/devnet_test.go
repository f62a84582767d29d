package e2e

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
)

func call[T any](t *testing.T, c *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(c, nil, data, unpack)
	require.NoError(t, err)
	return v
}

// requireProtocolAnswers checks that every deployed contract has code,
// answers a view call, and is wired to the others as the deploy script says.
func requireProtocolAnswers(t *testing.T, client *ethclient.Client, d *deployments.Deployment) {
	t.Helper()
	sm, market, inbox, reg := bindings.NewStakeManager(), bindings.NewJobMarket(), bindings.NewCommitmentInbox(), bindings.NewNodeRegistry()
	smI := sm.Instance(client, d.Contracts.StakeManager)
	marketI := market.Instance(client, d.Contracts.JobMarket)
	inboxI := inbox.Instance(client, d.Contracts.CommitmentInbox)
	regI := reg.Instance(client, d.Contracts.NodeRegistry)

	require.Equal(t, d.Contracts.JobMarket, call(t, smI, sm.PackMarket(), sm.UnpackMarket))
	require.Equal(t, d.Arbiter, call(t, smI, sm.PackArbiter(), sm.UnpackArbiter))
	require.Zero(t, call(t, smI, sm.PackTotalAccounted(), sm.UnpackTotalAccounted).Sign())

	require.Equal(t, d.Contracts.StakeManager, call(t, marketI, market.PackStakeManager(), market.UnpackStakeManager))
	require.Equal(t, d.Contracts.NodeRegistry, call(t, marketI, market.PackNodeRegistry(), market.UnpackNodeRegistry))
	require.Equal(t, d.Arbiter, call(t, marketI, market.PackArbiter(), market.UnpackArbiter))
	require.Zero(t, call(t, marketI, market.PackJobCount(), market.UnpackJobCount).Sign())

	require.Equal(t, d.Sequencer, call(t, inboxI, inbox.PackSequencer(), inbox.UnpackSequencer))
	require.Equal(t, d.Contracts.JobMarket, call(t, inboxI, inbox.PackJobMarket(), inbox.UnpackJobMarket))
	require.NotEqual(t, [32]byte{}, call(t, inboxI, inbox.PackDomainSeparator(), inbox.UnpackDomainSeparator))

	require.Equal(t, d.Contracts.JobMarket, call(t, regI, reg.PackMarket(), reg.UnpackMarket))
	require.Zero(t, call(t, regI, reg.PackNodeCount(), reg.UnpackNodeCount).Sign())
}

type anvilAccounts struct {
	Addresses   []common.Address `json:"available_accounts"`
	PrivateKeys []string         `json:"private_keys"`
}

// TestDevnet starts a real anvil with `gensyn devnet up`, checks every
// deployed contract answers, deploys a second time with `gensyn deploy`, checks
// the errors of bad input, and stops the chain with `gensyn devnet down`.
func TestDevnet(t *testing.T) {
	requireToolchain(t)
	port := strconv.Itoa(freePort(t))
	dir := t.TempDir()
	state, deps := filepath.Join(dir, "state"), filepath.Join(dir, "deployments")

	r := gensyn(t, nil, "devnet", "up", "--port", port, "--state-dir", state, "--deployments-dir", deps)
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	t.Cleanup(func() { gensyn(t, nil, "devnet", "down", "--state-dir", state) })
	require.Contains(t, r.stdout, "devnet ready at http://127.0.0.1:"+port)
	t.Logf("devnet up:\n%s", r.stdout)

	d, err := deployments.Read(filepath.Join(deps, "31337.json"))
	require.NoError(t, err)
	require.Equal(t, uint64(31337), d.ChainID)
	require.Len(t, d.Accounts, 10)
	client, err := ethclient.Dial(d.RPCURL)
	require.NoError(t, err)
	defer client.Close()
	requireProtocolAnswers(t, client, d)

	r = gensyn(t, nil, "devnet", "status", "--state-dir", state)
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stdout, "devnet running")

	// Bad input: a second devnet on the same state, a busy port.
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", port, "--state-dir", state), "already running")
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", port, "--state-dir", filepath.Join(dir, "other")), "port is busy")

	// `gensyn deploy` to the running chain, with a development key from the environment.
	raw, err := os.ReadFile(d.AccountKeysFile)
	require.NoError(t, err)
	var accts anvilAccounts
	require.NoError(t, json.Unmarshal(raw, &accts))
	deps2 := filepath.Join(dir, "deployments2")
	r = gensyn(t, []string{"GENSYN_PRIVATE_KEY=" + accts.PrivateKeys[5]}, "deploy", "--rpc", d.RPCURL, "--deployments-dir", deps2,
		"--arbiter", accts.Addresses[6].Hex(), "--sequencer", accts.Addresses[7].Hex())
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	require.NotContains(t, r.stdout+r.stderr, accts.PrivateKeys[5][2:], "keys are never printed")
	d2, err := deployments.Read(filepath.Join(deps2, "31337.json"))
	require.NoError(t, err)
	require.Equal(t, accts.Addresses[5], d2.Deployer)
	require.Equal(t, accts.Addresses[6], d2.Arbiter)
	require.Equal(t, accts.Addresses[7], d2.Sequencer)
	require.NotEqual(t, d.Contracts.JobMarket, d2.Contracts.JobMarket)
	requireProtocolAnswers(t, client, d2)

	// Bad input to deploy: an unfunded key, an unreachable RPC.
	unfunded, err := crypto.GenerateKey()
	require.NoError(t, err)
	requireOneLineError(t, gensyn(t, []string{"GENSYN_PRIVATE_KEY=" + common.Bytes2Hex(crypto.FromECDSA(unfunded))}, "deploy", "--rpc", d.RPCURL), "holds no ETH")
	requireOneLineError(t, gensyn(t, []string{"GENSYN_PRIVATE_KEY=" + accts.PrivateKeys[5]}, "deploy", "--rpc", "http://127.0.0.1:"+strconv.Itoa(freePort(t))), "rpc unreachable")

	r = gensyn(t, nil, "devnet", "down", "--state-dir", state)
	require.Equal(t, 0, r.code, r.stderr)
	require.Contains(t, r.stdout, "stopped anvil")
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	}, 10*time.Second, 100*time.Millisecond, "anvil still listens after devnet down")
	requireOneLineError(t, gensyn(t, nil, "devnet", "down", "--state-dir", state), "no devnet is running")
}

// TestDevnet_missingToolchain: a clear error, not a stack trace.
func TestDevnet_missingToolchain(t *testing.T) {
	r := gensyn(t, []string{"GENSYN_ANVIL=/nonexistent/anvil"}, "devnet", "up", "--port", strconv.Itoa(freePort(t)), "--state-dir", t.TempDir())
	requireOneLineError(t, r, "GENSYN_ANVIL=/nonexistent/anvil is not an executable file")
}
