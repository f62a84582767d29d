package devnet

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// TestCheckState: a dump cut mid-write, an empty file and foreign JSON are
// told apart from a dump anvil can load.
func TestCheckState(t *testing.T) {
	good := `{"block":{"number":"0x1"},"accounts":{},"best_block_number":"0x1","blocks":[]}`
	require.NoError(t, checkState(strings.NewReader(good)))
	for in, want := range map[string]string{
		good[:len(good)/2]: "ends early",
		"":                 "ends early",
		`{"a":1}`:          "not an anvil state dump",
		good + "{}":        "trailing data",
		`[1,2]`:            "cannot unmarshal",
	} {
		require.ErrorContains(t, checkState(strings.NewReader(in)), want, in)
	}
}

// soakBlocks is how many 1 s blocks TestSavedChain mines in each burst;
// GENSYN_DEVNET_SOAK_BLOCKS raises it (make devnet-soak: 28800, so that
// the three bursts make a day).
func soakBlocks(t *testing.T) int {
	if s := os.Getenv("GENSYN_DEVNET_SOAK_BLOCKS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		return n
	}
	return 600
}

// TestSavedChain runs a default devnet with a saved chain: its clock
// advances with no transactions (1 s blocks); a stake and a job put on it,
// then bursts of 1 s blocks (anvil_mine), survive `devnet down` / `up
// --resume` three times, one of them right after a burst; the file holds
// only the latest state (it stays small) and a file cut mid-write is
// refused in one line and kept aside, naming the previous save.
func TestSavedChain(t *testing.T) {
	root, err := toolchain.FindRoot(".")
	require.NoError(t, err)
	tc, err := toolchain.Locate(root)
	require.NoError(t, err)
	dir := t.TempDir()
	cfg := DefaultConfig(root)
	cfg.Port = freePort(t)
	cfg.StateDir, cfg.DeploymentsDir = filepath.Join(dir, "state"), filepath.Join(dir, "deployments")
	cfg.AnvilState = filepath.Join(dir, "chain.json")
	logf := func(f string, a ...any) { t.Logf(f, a...) }
	ctx := context.Background()

	state, d, err := Up(ctx, tc, cfg, logf)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = Down(cfg.StateDir, 10*time.Second) })
	client, err := ethclient.Dial(state.RPCURL)
	require.NoError(t, err)
	defer client.Close()

	// Point 1: the default devnet mines on a timer, so its clock moves with
	// no transaction sent.
	h0, err := client.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		h, err := client.HeaderByNumber(ctx, nil)
		return err == nil && h.Time >= h0.Time+2 && h.Number.Uint64() >= h0.Number.Uint64()+2
	}, 15*time.Second, 200*time.Millisecond, "the latest block's timestamp advances without transactions")

	// A stake and a job.
	accts, err := readAccounts(state.KeysFile)
	require.NoError(t, err)
	key := func(i int) *ecdsa.PrivateKey {
		k, err := crypto.HexToECDSA(strings.TrimPrefix(accts.PrivateKeys[i], "0x"))
		require.NoError(t, err)
		return k
	}
	worker, client4 := key(3), key(4)
	sm, reg, m := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket()
	send := func(k *ecdsa.PrivateKey, c *bind.BoundContract, value *big.Int, data []byte) {
		t.Helper()
		o := bind.NewKeyedTransactor(k, new(big.Int).SetUint64(cfg.ChainID))
		o.Value = value
		tx, err := bind.Transact(c, o, data)
		require.NoError(t, err)
		r, err := bind.WaitMined(ctx, client, tx.Hash())
		require.NoError(t, err)
		require.Equal(t, uint64(1), r.Status)
	}
	stake := new(big.Int).Mul(big.NewInt(7), big.NewInt(params.Ether))
	send(worker, reg.Instance(client, d.Contracts.NodeRegistry), nil, reg.PackRegister([]byte("peer"), "cpu"))
	send(worker, sm.Instance(client, d.Contracts.StakeManager), stake, sm.PackDeposit())
	send(client4, m.Instance(client, d.Contracts.JobMarket), big.NewInt(params.Ether), m.PackPostJob(bindings.IJobMarketJobParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), DatasetHash: crypto.Keccak256Hash([]byte("data")),
		DatasetUri: crypto.Keccak256Hash([]byte("uri")), InitialStateRoot: crypto.Keccak256Hash([]byte("s0")),
		GraphRoot: crypto.Keccak256Hash([]byte("graph")), DataRoot: crypto.Keccak256Hash([]byte("data")), Steps: 400, CheckpointInterval: 100,
		MaxPrice: big.NewInt(params.Ether), RequiredCollateral: big.NewInt(params.Ether),
		BidWindow: 600, ExecutionWindow: 3600, ChallengeWindow: 1800,
	}))
	client.Close()

	// check asserts that the stake and the job are on the chain at url.
	check := func(url string) uint64 {
		t.Helper()
		c, err := ethclient.Dial(url)
		require.NoError(t, err)
		defer c.Close()
		call := func(to common.Address, data []byte) []byte {
			out, err := c.CallContract(ctx, ethereumCall(to, data), nil)
			require.NoError(t, err)
			return out
		}
		info, err := sm.UnpackStakeOf(call(d.Contracts.StakeManager, sm.PackStakeOf(crypto.PubkeyToAddress(worker.PublicKey))))
		require.NoError(t, err)
		require.Zero(t, stake.Cmp(info.Staked), "the stake survives: %v", info)
		n, err := m.UnpackJobCount(call(d.Contracts.JobMarket, m.PackJobCount()))
		require.NoError(t, err)
		require.Equal(t, int64(1), n.Int64())
		j, err := m.UnpackGetJob(call(d.Contracts.JobMarket, m.PackGetJob(big.NewInt(1))))
		require.NoError(t, err)
		require.Equal(t, crypto.PubkeyToAddress(client4.PublicKey), j.Poster)
		b, err := c.BlockNumber(ctx)
		require.NoError(t, err)
		return b
	}
	burst := func(url string, blocks int) {
		t.Helper()
		start := time.Now()
		rc, err := ethclient.Dial(url)
		require.NoError(t, err)
		defer rc.Close()
		require.NoError(t, rc.Client().Call(nil, "anvil_mine", hexutil.Uint64(blocks), hexutil.Uint64(1)))
		t.Logf("mined %d blocks in %s", blocks, time.Since(start).Round(time.Millisecond))
	}
	down := func() *Saved {
		t.Helper()
		s, err := Down(cfg.StateDir, 30*time.Second)
		require.NoError(t, err)
		require.NotNil(t, s.Saved)
		require.NoError(t, checkStateFile(cfg.AnvilState))
		t.Logf("saved block %d: %s is %d bytes (%.0f bytes a block)",
			s.Saved.Block, cfg.AnvilState, s.Saved.Bytes, float64(s.Saved.Bytes)/float64(s.Saved.Block))
		return s.Saved
	}
	resume := func() *State {
		t.Helper()
		c := cfg
		c.Resume = true
		st, _, err := Up(ctx, tc, c, logf)
		require.NoError(t, err)
		return st
	}

	n := soakBlocks(t)
	var saved *Saved
	rss := ""
	for round := 0; round < 3; round++ {
		burst(state.RPCURL, n)
		before := check(state.RPCURL)
		if round == 1 {
			// Down right after a burst, with the clock still running.
			saved = downNow(t, cfg.StateDir)
		} else {
			time.Sleep(1500 * time.Millisecond) // a few timer blocks on top
			rss = rssOf(state.PID)
			saved = down()
		}
		require.GreaterOrEqual(t, saved.Block, before)
		// Only the latest state is kept: a few KB per (empty) block at most.
		require.Less(t, saved.Bytes, int64(4096*int(saved.Block)+2_000_000), "the saved chain stays small")
		state = resume()
		after := check(state.RPCURL)
		require.GreaterOrEqual(t, after, saved.Block, "the chain resumes where it was saved")
	}
	t.Logf("anvil's RSS after %d blocks: %s", saved.Block, rss)

	// A save cut mid-write (as a killed dump was) is refused in one line,
	// kept aside, and the previous save is named.
	_, err = Down(cfg.StateDir, 30*time.Second)
	require.NoError(t, err)
	require.FileExists(t, cfg.AnvilState+PrevSuffix)
	b, err := os.ReadFile(cfg.AnvilState)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfg.AnvilState, b[:len(b)/2], 0o644))
	c := cfg
	c.Resume = true
	_, _, err = Up(ctx, tc, c, logf)
	require.ErrorIs(t, err, ErrStateDamaged)
	require.NotContains(t, err.Error(), "\n")
	require.ErrorContains(t, err, "ends early")
	require.ErrorContains(t, err, cfg.AnvilState+PrevSuffix)
	backups, _ := filepath.Glob(cfg.AnvilState + ".damaged-*")
	require.Len(t, backups, 1, "the damaged file is kept")
	_, err = Running(cfg.StateDir)
	require.ErrorIs(t, err, ErrNotRunning, "no anvil was started on a damaged file")
	// The previous save resumes.
	require.NoError(t, os.Rename(cfg.AnvilState+PrevSuffix, cfg.AnvilState))
	state = resume()
	check(state.RPCURL)
}

// downNow is Down without any pause before it.
func downNow(t *testing.T, dir string) *Saved {
	t.Helper()
	s, err := Down(dir, 30*time.Second)
	require.NoError(t, err)
	require.NotNil(t, s.Saved)
	return s.Saved
}

func rssOf(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "?"
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func ethereumCall(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}
