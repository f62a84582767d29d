package testchain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// StartAnvil starts the repository's pinned anvil on a free loopback port with
// the given extra arguments (after --port, --host, --silent and --hardfork
// prague), waits until it answers, and returns its URL and an RPC client
// (closed, and anvil killed, when the test ends).
func StartAnvil(t testing.TB, extra ...string) (string, *rpc.Client) {
	t.Helper()
	root, err := toolchain.FindRoot(".")
	require.NoError(t, err)
	tc, err := toolchain.Locate(root)
	require.NoError(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())
	args := append([]string{"--port", strconv.Itoa(port), "--host", "127.0.0.1", "--silent", "--hardfork", "prague"}, extra...)
	cmd := exec.Command(tc.Anvil, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	var rc *rpc.Client
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if rc, err = rpc.Dial(url); err == nil {
			var n hexutil.Uint64
			if err = rc.Call(&n, "eth_blockNumber"); err == nil {
				break
			}
			rc.Close()
		}
		require.True(t, time.Now().Before(deadline), "anvil did not start: %v", err)
	}
	t.Cleanup(rc.Close)
	return url, rc
}

// NewAnvil starts a real anvil (the repository's pinned one, automining a
// block per transaction) on a free loopback port and funds each named actor
// with FundEach. Use it where a test sends many transactions: the simulated
// chain's block building in the pinned op-geth can miss a wake-up and hang
// (miner.Payload.WaitFull). anvil is killed when the test ends.
func NewAnvil(t testing.TB, actors ...string) *Chain {
	t.Helper()
	url, rc := StartAnvil(t, "--gas-limit", "60000000")
	c := &Chain{T: t, Keys: map[string]*ecdsa.PrivateKey{}, fees: map[common.Address]*big.Int{}, rpc: rc, URL: url}
	for _, name := range actors {
		k, err := crypto.GenerateKey()
		require.NoError(t, err)
		c.Keys[name] = k
		require.NoError(t, rc.Call(nil, "anvil_setBalance", crypto.PubkeyToAddress(k.PublicKey), (*hexutil.Big)(FundEach)))
	}
	c.Backend = Backend{Client: ethclient.NewClient(rc)}
	id, err := c.Backend.ChainID(context.Background())
	require.NoError(t, err)
	c.ChainID = id
	return c
}
