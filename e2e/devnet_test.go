package e2e

import (
	"context"
	"encoding/json"
	"math/big"
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
	"github.com/gensyn-stack/gensyn/internal/devnet"
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

// requireSettings checks the parameters the deployment file records against
// the deployed contracts, and against want.
func requireSettings(t *testing.T, client *ethclient.Client, d *deployments.Deployment, want deployments.Settings) {
	t.Helper()
	require.NotNil(t, d.Settings)
	require.Equal(t, want, *d.Settings)
	onChain, err := devnet.ReadSettings(context.Background(), client, d.Contracts)
	require.NoError(t, err)
	require.Equal(t, want, *onChain)
}

// TestDevnet starts a real anvil with `gensyn devnet up`, checks every
// deployed contract answers and the deployed dispute and execution-window
// parameters (the devnet's, whatever the caller's environment exports),
// refuses a job whose execution window is too short, deploys a second time
// with `gensyn deploy` and explicit parameters, checks the errors of bad
// input, and stops the chain with `gensyn devnet down`.
func TestDevnet(t *testing.T) {
	requireToolchain(t)
	port := strconv.Itoa(freePort(t))
	dir := t.TempDir()
	state, deps := filepath.Join(dir, "state"), filepath.Join(dir, "deployments")

	leaky := []string{"DISPUTE_CLOCK=12", "DISPUTE_ANSWER_TIME=11", "DISPUTE_BOND=1", "MIN_EXECUTION_WINDOW=999", "MIN_STEP_MICROS=5"}
	r := gensyn(t, leaky, "devnet", "up", "--port", port, "--state-dir", state, "--deployments-dir", deps)
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	t.Cleanup(func() { gensyn(t, nil, "devnet", "down", "--state-dir", state) })
	require.Contains(t, r.stdout, "devnet ready at http://127.0.0.1:"+port)
	require.Contains(t, r.stdout, "  disputes: bond 0.100000 ETH, clock 300s per side, each query adds 30s to the worker's clock\n")
	require.Contains(t, r.stdout, "  jobs: execution window at least 60s + 1000us per step\n")
	t.Logf("devnet up:\n%s", r.stdout)

	d, err := deployments.Read(filepath.Join(deps, "31337.json"))
	require.NoError(t, err)
	require.Equal(t, uint64(31337), d.ChainID)
	require.Len(t, d.Accounts, 10)
	client, err := ethclient.Dial(d.RPCURL)
	require.NoError(t, err)
	defer client.Close()
	requireProtocolAnswers(t, client, d)
	requireSettings(t, client, d, deployments.Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 300, DisputeAnswerTime: 30, MinExecutionWindow: 60, MinStepMicros: 1000})

	r = gensyn(t, nil, "devnet", "status", "--state-dir", state)
	require.Equal(t, 0, r.code)
	require.Contains(t, r.stdout, "devnet running")

	// Bad input: a second devnet on the same state, a busy port.
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", port, "--state-dir", state), "already running")
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", port, "--state-dir", filepath.Join(dir, "other")), "port is busy")

	raw, err := os.ReadFile(d.AccountKeysFile)
	require.NoError(t, err)
	var accts anvilAccounts
	require.NoError(t, json.Unmarshal(raw, &accts))

	// A job the devnet's market cannot accept: 1000 steps need at least 60 s + 1 s.
	requireOneLineError(t, gensyn(t, []string{"GENSYN_JOB_PRIVATE_KEY=" + accts.PrivateKeys[3]}, "job", "submit",
		"--spec", "examples/digits-mlp.json", "--max-price", "1eth", "--execution-window", "1s",
		"--l1-eth-rpc", d.RPCURL, "--deployments", filepath.Join(deps, "31337.json"), "--blobstore", "http://127.0.0.1:1"),
		"gensyn: --execution-window 1s is shorter than this job needs: at least 1m1s (JobMarket.minExecutionTime for 1000 steps)")

	// `gensyn deploy` to the running chain, with a development key from the
	// environment and its own dispute and execution-window parameters.
	deps2 := filepath.Join(dir, "deployments2")
	r = gensyn(t, append([]string{"GENSYN_DEPLOY_PRIVATE_KEY=" + accts.PrivateKeys[5]}, leaky...), "deploy", "--rpc", d.RPCURL, "--deployments-dir", deps2,
		"--arbiter", accts.Addresses[6].Hex(), "--sequencer", accts.Addresses[7].Hex(),
		"--dispute-clock", "600", "--dispute-answer-time", "45", "--min-execution-window", "120", "--min-step-micros", "0")
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	require.NotContains(t, r.stdout+r.stderr, accts.PrivateKeys[5][2:], "keys are never printed")
	require.Contains(t, r.stdout, "  disputes: bond 0.100000 ETH, clock 600s per side, each query adds 45s to the worker's clock\n")
	require.Contains(t, r.stdout, "  jobs: execution window at least 120s + 0us per step\n")
	t.Logf("deploy:\n%s", r.stdout)
	d2, err := deployments.Read(filepath.Join(deps2, "31337.json"))
	require.NoError(t, err)
	require.Equal(t, accts.Addresses[5], d2.Deployer)
	require.Equal(t, accts.Addresses[6], d2.Arbiter)
	require.Equal(t, accts.Addresses[7], d2.Sequencer)
	require.NotEqual(t, d.Contracts.JobMarket, d2.Contracts.JobMarket)
	requireProtocolAnswers(t, client, d2)
	requireSettings(t, client, d2, deployments.Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 600, DisputeAnswerTime: 45, MinExecutionWindow: 120, MinStepMicros: 0})

	// Without the flags, `gensyn deploy` deploys with the deploy script's defaults.
	deps3 := filepath.Join(dir, "deployments3")
	r = gensyn(t, append([]string{"GENSYN_DEPLOY_PRIVATE_KEY=" + accts.PrivateKeys[5]}, leaky...), "deploy", "--rpc", d.RPCURL, "--deployments-dir", deps3)
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	d3, err := deployments.Read(filepath.Join(deps3, "31337.json"))
	require.NoError(t, err)
	requireSettings(t, client, d3, deployments.Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 3600, DisputeAnswerTime: 300, MinExecutionWindow: 600, MinStepMicros: 1000})

	// Bad input to deploy: an unfunded key, an unreachable RPC.
	unfunded, err := crypto.GenerateKey()
	require.NoError(t, err)
	requireOneLineError(t, gensyn(t, []string{"GENSYN_DEPLOY_PRIVATE_KEY=" + common.Bytes2Hex(crypto.FromECDSA(unfunded))}, "deploy", "--rpc", d.RPCURL), "holds no ETH")
	requireOneLineError(t, gensyn(t, []string{"GENSYN_DEPLOY_PRIVATE_KEY=" + accts.PrivateKeys[5]}, "deploy", "--rpc", "http://127.0.0.1:"+strconv.Itoa(freePort(t))), "rpc unreachable")

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
