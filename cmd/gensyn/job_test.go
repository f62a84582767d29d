package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/amount"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/devnet"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
)

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "1000": "1000", "1eth": "1000000000000000000", "0.3eth": "300000000000000000",
		" 2.5 eth": "2500000000000000000", "0.000000000000000001eth": "1",
	} {
		got, err := amount.Parse(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got.String(), in)
	}
	for _, in := range []string{"", "-1", "1.5", "abc", "0.0000000000000000001eth", "-1eth", "1.5wei"} {
		_, err := amount.Parse(in)
		require.Error(t, err, in)
	}
}

func TestJobCommandsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"gensyn", "job", "status"},
		{"gensyn", "job", "status", "abc"},
		{"gensyn", "job", "fetch", "--out", "x"},
		{"gensyn", "job", "submit", "--spec", "/nonexistent.json", "--max-price", "1eth"},
	} {
		err := run(t.Context(), args, nil, nil)
		require.Error(t, err, args)
	}
}

// anvilChain is a real anvil (the pinned one, a block per transaction) with
// the market deployed as the deploy script does on a devnet (minimum
// execution window 60 s + 1000 us per step), and its deployment file.
type anvilChain struct {
	url, deployments string
	rc               *gethrpc.Client
	ec               *ethclient.Client
	key              *ecdsa.PrivateKey // anvil's development account 0: deployer and poster
	d                deployments.Contracts
}

// anvilKey0 is anvil's well-known development account 0 (never use it for real funds).
const anvilKey0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

func startAnvil(t *testing.T) *anvilChain {
	t.Helper()
	a := &anvilChain{}
	a.url, a.rc = testchain.StartAnvil(t)
	a.ec = ethclient.NewClient(a.rc)
	var err error
	a.key, err = crypto.HexToECDSA(anvilKey0)
	require.NoError(t, err)

	me := crypto.PubkeyToAddress(a.key.PublicKey)
	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	a.d.StakeManager = a.deploy(t, bindings.StakeManagerMetaData.Bin, sm.PackConstructor(me, big.NewInt(86400), big.NewInt(5000)))
	a.d.NodeRegistry = a.deploy(t, bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(me))
	a.d.JobMarket = a.deploy(t, bindings.JobMarketMetaData.Bin, market.PackConstructor(a.d.StakeManager, a.d.NodeRegistry, me, devnet.DefaultMinExecutionWindow, devnet.DefaultMinStepMicros))
	a.d.CommitmentInbox = a.deploy(t, bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(me, a.d.JobMarket))
	a.send(t, a.d.StakeManager, sm.PackSetMarket(a.d.JobMarket))
	a.send(t, a.d.NodeRegistry, reg.PackSetMarket(a.d.JobMarket))
	// The job commands use neither; the deployment file needs them set.
	a.d.VerdeArbitration, a.d.OneStep = me, me
	a.deployments = filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, deployments.Write(a.deployments, &deployments.Deployment{ChainID: 31337, RPCURL: a.url, Deployer: me, Arbiter: me, Sequencer: me, Contracts: a.d}))
	return a
}

func (a *anvilChain) opts(t *testing.T) *bind.TransactOpts {
	return bind.NewKeyedTransactor(a.key, big.NewInt(31337))
}

func (a *anvilChain) deploy(t *testing.T, bin string, input []byte) common.Address {
	t.Helper()
	addr, tx, err := bind.DeployContract(a.opts(t), common.FromHex(bin), a.ec, input)
	require.NoError(t, err)
	_, err = bind.WaitDeployed(context.Background(), a.ec, tx.Hash())
	require.NoError(t, err)
	return addr
}

func (a *anvilChain) send(t *testing.T, to common.Address, data []byte) {
	t.Helper()
	tx, err := bind.Transact(bind.NewBoundContract(to, abi.ABI{}, a.ec, a.ec, a.ec), a.opts(t), data)
	require.NoError(t, err)
	r, err := bind.WaitMined(context.Background(), a.ec, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
}

func (a *anvilChain) advance(t *testing.T, d time.Duration) {
	t.Helper()
	require.NoError(t, a.rc.Call(nil, "evm_increaseTime", int64(d/time.Second)))
	require.NoError(t, a.rc.Call(nil, "evm_mine"))
}

func (a *anvilChain) nonce(t *testing.T) uint64 {
	n, err := a.ec.NonceAt(context.Background(), crypto.PubkeyToAddress(a.key.PublicKey), nil)
	require.NoError(t, err)
	return n
}

// TestJobSubmitAndStatus runs `gensyn job submit` and `gensyn job status`
// against a real anvil: a window the 1000-step digits job cannot meet is
// refused in one line naming the minimum, with nothing uploaded or sent; the
// job posted with a long enough window runs MAX_AUCTIONS auctions without a
// bid and is cancelled, which `job status` says.
func TestJobSubmitAndStatus(t *testing.T) {
	a := startAnvil(t)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	var uploads atomic.Int64
	srv := blobstore.NewServer(local, 1<<24, nil)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uploads.Add(1)
		srv.ServeHTTP(w, r)
	}))
	defer hs.Close()
	specPath := filepath.Join("..", "..", "examples", "digits-mlp.json")
	dataPath := filepath.Join("..", "..", "data", "digits.csv.gz")
	chainFlags := []string{"--l1-eth-rpc", a.url, "--deployments", a.deployments}
	submit := func(window string) (string, error) {
		return runCLI(t, append([]string{"job", "submit", "--spec", specPath, "--data", dataPath, "--max-price", "1eth",
			"--blobstore", hs.URL, "--private-key", anvilKey0, "--bid-window", "60s", "--execution-window", window}, chainFlags...)...)
	}

	nonce := a.nonce(t)
	for _, w := range []string{"1s", "1m0s"} {
		_, err := submit(w)
		require.Error(t, err)
		require.Equal(t, "--execution-window "+w+" is shorter than this job needs: at least 1m1s (JobMarket.minExecutionTime for 1000 steps)", oneLine(err))
	}
	require.Zero(t, uploads.Load(), "nothing uploaded")
	require.Equal(t, nonce, a.nonce(t), "nothing sent")

	out, err := submit("1m1s")
	require.NoError(t, err)
	require.Contains(t, out, "job 1 posted")

	out, err = runCLI(t, append(append([]string{"job", "status", "--sequencer", "http://127.0.0.1:1"}, chainFlags...), "1")...)
	require.NoError(t, err)
	require.Contains(t, out, "job 1 open")
	require.Contains(t, out, "auction 1 of at most 6")
	t.Logf("job status:\n%s", out)

	m := bindings.NewJobMarket()
	for i := 0; i < 6; i++ {
		a.advance(t, 61*time.Second)
		a.send(t, a.d.JobMarket, m.PackCloseAuction(big.NewInt(1)))
	}
	out, err = runCLI(t, append(append([]string{"job", "status", "--sequencer", "http://127.0.0.1:1"}, chainFlags...), "1")...)
	require.NoError(t, err)
	t.Logf("job status:\n%s", out)
	require.Contains(t, out, "job 1 cancelled")
	require.Contains(t, out, "cancelled: no worker bid in 6 auctions; funders claim their escrow back with `gensyn job refund 1`")
	out, err = runCLI(t, append(append([]string{"job", "status", "--json", "--sequencer", "http://127.0.0.1:1"}, chainFlags...), "1")...)
	require.NoError(t, err)
	var s jobStatusJSON
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	require.Equal(t, 6, s.Auctions)
	require.Equal(t, 6, s.MaxAuctions)
	require.True(t, s.NoBidder)
}
