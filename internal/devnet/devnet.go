// Package devnet runs a local anvil chain from the project's pinned
// toolchain and deploys the protocol's contracts on it.
package devnet

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// Typed errors of the devnet lifecycle.
var (
	ErrAlreadyRunning = errors.New("a devnet is already running")
	ErrNotRunning     = errors.New("no devnet is running")
	ErrPortBusy       = errors.New("port is busy")
	ErrAnvilFailed    = errors.New("anvil did not start")
	ErrNoState        = errors.New("no saved chain to resume")
)

// Development account roles on a devnet (indices into anvil's accounts).
const (
	DeployerIndex  = 0
	SequencerIndex = 1
	ArbiterIndex   = 2
)

// Config of a local devnet.
type Config struct {
	Host      string
	Port      int
	ChainID   uint64
	Accounts  int
	BalanceWE int // initial balance of each account, in ether
	// BlockTime is anvil's interval mining: a block at this interval, with
	// or without transactions, so the chain's clock (the latest block's
	// timestamp, which every deadline of the market reads) follows wall
	// time. Zero: a block per transaction only; the clock then stops
	// between transactions and no deadline passes on an idle chain.
	BlockTime time.Duration
	// StateDir holds anvil's pid file, log and account file.
	StateDir string
	// DeploymentsDir receives <chain-id>.json.
	DeploymentsDir string
	// AnvilState, when set, is the saved chain: loaded from this file if
	// it exists (anvil's --load-state), and written to it by Down (see
	// SaveState) before anvil is stopped.
	AnvilState string
	// Resume restarts a chain from AnvilState without deploying: the
	// contracts of DeploymentsDir/<chain-id>.json must have code on it.
	Resume bool
	// DisputeClock is each side's thinking time per dispute game, in
	// seconds (zero: the deploy script's default).
	DisputeClock uint64
	// DisputeAnswerTime is what each query adds to the worker's clock, in
	// seconds (zero: the deploy script's default).
	DisputeAnswerTime uint64
	// MinExecutionWindow (seconds; zero: the script's default) and
	// MinStepMicros (microseconds per step; nil: the script's default) fix
	// the shortest execution window a job may have.
	MinExecutionWindow uint64
	MinStepMicros      *uint64
}

// A devnet's protocol parameters: short enough for a demo, long enough for a
// loaded CI machine to answer every move. The execution-window rule is the
// one internal/testchain deploys (testchain.MinExecutionWindow,
// testchain.MinStepMicros).
const (
	DefaultDisputeClock       = 300
	DefaultDisputeAnswerTime  = 30
	DefaultMinExecutionWindow = 60
	DefaultMinStepMicros      = 1000
	// DefaultBlockTime is the devnet's block interval.
	DefaultBlockTime = time.Second
)

// DefaultConfig is the devnet the README's quick start runs.
func DefaultConfig(root string) Config {
	micros := uint64(DefaultMinStepMicros)
	return Config{
		Host: "127.0.0.1", Port: 8545, ChainID: 31337, Accounts: 10, BalanceWE: 10000, BlockTime: DefaultBlockTime,
		DisputeClock: DefaultDisputeClock, DisputeAnswerTime: DefaultDisputeAnswerTime,
		MinExecutionWindow: DefaultMinExecutionWindow, MinStepMicros: &micros,
		StateDir: filepath.Join(root, ".devnet"), DeploymentsDir: filepath.Join(root, "deployments"),
	}
}

// State is what the devnet's pid file records.
type State struct {
	PID       int    `json:"pid"`
	RPCURL    string `json:"rpcUrl"`
	ChainID   uint64 `json:"chainId"`
	LogFile   string `json:"logFile"`
	KeysFile  string `json:"keysFile"`
	StartedAt string `json:"startedAt"`
	// AnvilState is the file Down saves the chain to (empty: not saved).
	AnvilState string `json:"anvilState,omitempty"`
	// Saved is set by Down when it saved the chain.
	Saved *Saved `json:"-"`
}

// Saved describes the chain Down wrote to the state file.
type Saved struct {
	Path  string
	Block uint64
	Bytes int64
}

// anvilAccounts is the part of anvil's --config-out file that we read.
type anvilAccounts struct {
	Addresses   []common.Address `json:"available_accounts"`
	PrivateKeys []string         `json:"private_keys"`
}

func pidFile(dir string) string { return filepath.Join(dir, "anvil.pid.json") }

// Running returns the state of a live devnet in dir, or ErrNotRunning.
func Running(dir string) (*State, error) {
	b, err := os.ReadFile(pidFile(dir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotRunning
	}
	if err != nil {
		return nil, err
	}
	var s State
	if err := json.Unmarshal(b, &s); err != nil || s.PID <= 0 {
		return nil, fmt.Errorf("corrupt devnet state file %s", pidFile(dir))
	}
	if !alive(s.PID) {
		return nil, ErrNotRunning
	}
	return &s, nil
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Up starts anvil in the background, deploys the contracts with the deploy
// script, and writes the chain's deployment file.
func Up(ctx context.Context, tc *toolchain.Toolchain, cfg Config, logf func(format string, args ...any)) (*State, *deployments.Deployment, error) {
	if s, err := Running(cfg.StateDir); err == nil {
		return nil, nil, fmt.Errorf("%w (pid %d, %s): stop it with `gensyn devnet down`", ErrAlreadyRunning, s.PID, s.RPCURL)
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s is in use by another process (choose another with --port)", ErrPortBusy, addr)
	}
	ln.Close()
	if err := os.MkdirAll(cfg.StateDir, 0o755); err != nil {
		return nil, nil, err
	}
	var resumed *deployments.Deployment
	if cfg.Resume {
		if cfg.AnvilState == "" {
			return nil, nil, fmt.Errorf("%w: resuming needs an anvil state file", ErrNoState)
		}
		if _, err := os.Stat(cfg.AnvilState); err != nil {
			return nil, nil, fmt.Errorf("%w: anvil state %s: %v", ErrNoState, cfg.AnvilState, errors.Unwrap(err))
		}
		if err := checkStateFile(cfg.AnvilState); err != nil {
			return nil, nil, damaged(cfg.AnvilState, err)
		}
		if resumed, err = deployments.Read(deployments.Path(cfg.DeploymentsDir, cfg.ChainID)); err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrNoState, err)
		}
	}

	logPath := filepath.Join(cfg.StateDir, "anvil.log")
	keysPath := filepath.Join(cfg.StateDir, "anvil-accounts.json")
	_ = os.Remove(keysPath)
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, nil, err
	}
	defer logFile.Close()
	args := []string{
		"--host", cfg.Host, "--port", strconv.Itoa(cfg.Port),
		"--chain-id", strconv.FormatUint(cfg.ChainID, 10),
		"--accounts", strconv.Itoa(cfg.Accounts), "--balance", strconv.Itoa(cfg.BalanceWE),
		"--config-out", keysPath,
	}
	if cfg.BlockTime > 0 {
		args = append(args, "--block-time", strconv.FormatFloat(cfg.BlockTime.Seconds(), 'f', -1, 64))
	}
	// Only the latest state is dumped (no --preserve-historical-states), and
	// only keptStates recent states stay in memory.
	args = append(args, "--prune-history", strconv.Itoa(keptStates))
	if cfg.AnvilState != "" {
		if _, err := os.Stat(cfg.AnvilState); err == nil {
			if err := checkStateFile(cfg.AnvilState); err != nil && !cfg.Resume { // Resume checked it above
				return nil, nil, damaged(cfg.AnvilState, err)
			}
			args = append(args, "--load-state", cfg.AnvilState)
		}
	}
	cmd := exec.Command(tc.Anvil, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // outlives this command
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrAnvilFailed, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	state := &State{
		PID: cmd.Process.Pid, RPCURL: "http://" + addr, ChainID: cfg.ChainID,
		LogFile: logPath, KeysFile: keysPath, StartedAt: time.Now().UTC().Format(time.RFC3339),
		AnvilState: cfg.AnvilState,
	}
	stopOnErr := func(err error) (*State, *deployments.Deployment, error) {
		_ = syscall.Kill(state.PID, syscall.SIGTERM)
		<-exited
		_ = os.Remove(pidFile(cfg.StateDir))
		return nil, nil, err
	}
	if err := writeJSON(pidFile(cfg.StateDir), state); err != nil {
		return stopOnErr(err)
	}
	logf("started anvil (pid %d) on %s, chain id %d, log %s", state.PID, state.RPCURL, cfg.ChainID, logPath)

	// Wait until the RPC answers and anvil has written its accounts.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(keysPath); err == nil {
			if c, _, err := dial(ctx, state.RPCURL); err == nil {
				c.Close()
				break
			}
		}
		select {
		case <-exited:
			return stopOnErr(fmt.Errorf("%w: %s", ErrAnvilFailed, lastLine(logPath)))
		case <-ctx.Done():
			return stopOnErr(ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return stopOnErr(fmt.Errorf("%w: no answer on %s after 30s (see %s)", ErrAnvilFailed, state.RPCURL, logPath))
		}
	}

	accts, err := readAccounts(keysPath)
	if err != nil {
		return stopOnErr(err)
	}
	if resumed != nil {
		if err := checkCode(ctx, state.RPCURL, resumed); err != nil {
			return stopOnErr(fmt.Errorf("%w: %v (state %s)", ErrNoState, err, cfg.AnvilState))
		}
		if resumed.RPCURL != state.RPCURL {
			resumed.RPCURL = state.RPCURL
			if err := deployments.Write(deployments.Path(cfg.DeploymentsDir, cfg.ChainID), resumed); err != nil {
				return stopOnErr(err)
			}
		}
		logf("resumed the chain from %s: contracts of %s have code", cfg.AnvilState, deployments.Path(cfg.DeploymentsDir, cfg.ChainID))
		return state, resumed, nil
	}
	if len(accts.PrivateKeys) <= ArbiterIndex {
		return stopOnErr(fmt.Errorf("devnet needs at least %d accounts", ArbiterIndex+1))
	}
	deployerKey, err := crypto.HexToECDSA(strings.TrimPrefix(accts.PrivateKeys[DeployerIndex], "0x"))
	if err != nil {
		return stopOnErr(fmt.Errorf("anvil account file: %v", err))
	}
	logf("deploying contracts with %s (forge script %s)", crypto.PubkeyToAddress(deployerKey.PublicKey), DeployScript)
	d, err := Deploy(ctx, tc, DeployOptions{
		RPCURL:             state.RPCURL,
		Key:                deployerKey,
		Sequencer:          accts.Addresses[SequencerIndex],
		DisputeClock:       cfg.DisputeClock,
		DisputeAnswerTime:  cfg.DisputeAnswerTime,
		MinExecutionWindow: cfg.MinExecutionWindow,
		MinStepMicros:      cfg.MinStepMicros,
		LogFile:            filepath.Join(cfg.StateDir, "deploy.log"),
	})
	if err != nil {
		return stopOnErr(err)
	}
	wei := new(big.Int).Mul(big.NewInt(int64(cfg.BalanceWE)), big.NewInt(1e18))
	for _, a := range accts.Addresses {
		d.Accounts = append(d.Accounts, deployments.Account{Address: a, BalanceWei: new(big.Int).Set(wei)})
	}
	d.AccountKeysFile = keysPath
	if err := deployments.Write(deployments.Path(cfg.DeploymentsDir, d.ChainID), d); err != nil {
		return stopOnErr(err)
	}
	return state, d, nil
}

// checkCode checks that every contract of d has code on the chain at url.
func checkCode(ctx context.Context, url string, d *deployments.Deployment) error {
	c, _, err := dial(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close()
	for name, a := range map[string]common.Address{
		"StakeManager": d.Contracts.StakeManager, "JobMarket": d.Contracts.JobMarket,
		"CommitmentInbox": d.Contracts.CommitmentInbox, "NodeRegistry": d.Contracts.NodeRegistry,
	} {
		code, err := c.CodeAt(ctx, a, nil)
		if err != nil {
			return err
		}
		if len(code) == 0 {
			return fmt.Errorf("%s %s has no code", name, a)
		}
	}
	return nil
}

// Down stops the devnet whose state is in dir and waits for it to exit.
// A devnet started with an anvil state file first saves its chain there
// (SaveState); if that fails, anvil is left running and the error says so.
func Down(dir string, timeout time.Duration) (*State, error) {
	s, err := Running(dir)
	if err != nil {
		_ = os.Remove(pidFile(dir))
		return nil, err
	}
	if s.AnvilState != "" {
		block, size, err := SaveState(context.Background(), s.RPCURL, s.AnvilState)
		if err != nil {
			return nil, fmt.Errorf("save the chain to %s: %v (anvil pid %d is still running; its mining is stopped)", s.AnvilState, err, s.PID)
		}
		s.Saved = &Saved{Path: s.AnvilState, Block: block, Bytes: size}
	}
	if err := syscall.Kill(s.PID, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		return nil, fmt.Errorf("stop anvil (pid %d): %v", s.PID, err)
	}
	deadline := time.Now().Add(timeout)
	for alive(s.PID) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if alive(s.PID) {
		_ = syscall.Kill(s.PID, syscall.SIGKILL)
	}
	return s, os.Remove(pidFile(dir))
}

func readAccounts(path string) (*anvilAccounts, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a anvilAccounts
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("anvil account file %s: %v", path, err)
	}
	if len(a.Addresses) != len(a.PrivateKeys) {
		return nil, fmt.Errorf("anvil account file %s: %d addresses, %d keys", path, len(a.Addresses), len(a.PrivateKeys))
	}
	return &a, nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// lastLine returns the last non-empty line of a log file.
func lastLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "(no log)"
	}
	defer f.Close()
	last := "(empty log " + path + ")"
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			last = l
		}
	}
	return last
}
