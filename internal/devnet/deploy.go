package devnet

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// DeployScript is the forge script that both the tests and every deployment use.
const DeployScript = "contracts/script/Deploy.s.sol:Deploy"

// Typed errors of a deployment.
var (
	ErrRPCUnreachable = errors.New("rpc unreachable")
	ErrNoFunds        = errors.New("deployer has no funds")
	ErrDeployFailed   = errors.New("deployment failed")
)

// DeployOptions configure Deploy.
type DeployOptions struct {
	RPCURL    string
	Key       *ecdsa.PrivateKey
	Arbiter   common.Address // zero: the deployer
	Sequencer common.Address // zero: the deployer
	// DisputeClock is each side's thinking time per dispute game, in
	// seconds (zero: the deploy script's default, one hour).
	DisputeClock uint64
	// DisputeAnswerTime is what each query adds to the worker's clock, in
	// seconds (zero: the script's default, 300; at most DisputeClock).
	DisputeAnswerTime uint64
	// DisputeBondWei is the challenger's bond (nil: the script's default,
	// 0.1 ether).
	DisputeBondWei *big.Int
	// MinExecutionWindow is the shortest execution window of any job, in
	// seconds (zero: the script's default, 600).
	MinExecutionWindow uint64
	// MinStepMicros is the execution time floor per training step, in
	// microseconds (nil: the script's default, 1000; zero is a valid value).
	MinStepMicros *uint64
	// LogFile receives forge's full output (it is summarized on failure).
	LogFile string
}

// deployOutput is the JSON the deploy script writes to DEPLOYMENTS_OUT.
type deployOutput struct {
	ChainID          uint64         `json:"chainId"`
	StakeManager     common.Address `json:"stakeManager"`
	JobMarket        common.Address `json:"jobMarket"`
	CommitmentInbox  common.Address `json:"commitmentInbox"`
	NodeRegistry     common.Address `json:"nodeRegistry"`
	VerdeArbitration common.Address `json:"verdeArbitration"`
	OneStep          common.Address `json:"oneStep"`
	Arbiter          common.Address `json:"arbiter"`
	Sequencer        common.Address `json:"sequencer"`
	Deployer         common.Address `json:"deployer"`
	BlockNumber      uint64         `json:"blockNumber"`
}

// Deploy deploys the protocol's contracts to the chain at opts.RPCURL with the
// project's forge deploy script, then checks that every contract has code.
// The key reaches forge through its environment, never its command line.
func Deploy(ctx context.Context, tc *toolchain.Toolchain, opts DeployOptions) (*deployments.Deployment, error) {
	if opts.Key == nil {
		return nil, errors.New("no deployer key")
	}
	deployer := crypto.PubkeyToAddress(opts.Key.PublicKey)
	if opts.Sequencer == (common.Address{}) {
		opts.Sequencer = deployer
	}
	client, chainID, err := dial(ctx, opts.RPCURL)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	bal, err := client.BalanceAt(ctx, deployer, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRPCUnreachable, opts.RPCURL, err)
	}
	if bal.Sign() == 0 {
		return nil, fmt.Errorf("%w: %s holds no ETH on chain %d", ErrNoFunds, deployer, chainID)
	}

	// forge may only write where foundry.toml's fs_permissions allow: the
	// script's output goes to a fresh file under <repo>/.devnet.
	outDir := filepath.Join(tc.Root, ".devnet")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	outPath := filepath.Join(outDir, fmt.Sprintf("deploy-out-%d-%d.json", os.Getpid(), time.Now().UnixNano()))
	defer os.Remove(outPath)

	cmd := exec.CommandContext(ctx, tc.Forge, "script", DeployScript,
		"--rpc-url", opts.RPCURL, "--broadcast", "--slow", "--non-interactive")
	cmd.Dir = tc.Root
	cmd.Env = scriptEnv(os.Environ(), opts, outPath)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	runErr := cmd.Run()
	if opts.LogFile != "" {
		_ = os.MkdirAll(filepath.Dir(opts.LogFile), 0o755)
		_ = os.WriteFile(opts.LogFile, buf.Bytes(), 0o644)
	}
	if runErr != nil {
		where := ""
		if opts.LogFile != "" {
			where = " (full output in " + opts.LogFile + ")"
		}
		return nil, fmt.Errorf("%w: forge script: %s%s", ErrDeployFailed, lastErrorLine(buf.String(), runErr), where)
	}

	raw, err := os.ReadFile(outPath)
	if err != nil || len(raw) == 0 {
		return nil, fmt.Errorf("%w: forge script: %s", ErrDeployFailed, lastErrorLine(buf.String(), errors.New("the deploy script wrote no output")))
	}
	var o deployOutput
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, fmt.Errorf("%w: deploy script output: %v", ErrDeployFailed, err)
	}
	d := &deployments.Deployment{
		ChainID:     o.ChainID,
		RPCURL:      opts.RPCURL,
		BlockNumber: o.BlockNumber,
		Deployer:    o.Deployer,
		Arbiter:     o.Arbiter,
		Sequencer:   o.Sequencer,
		Contracts: deployments.Contracts{
			StakeManager:     o.StakeManager,
			JobMarket:        o.JobMarket,
			CommitmentInbox:  o.CommitmentInbox,
			NodeRegistry:     o.NodeRegistry,
			VerdeArbitration: o.VerdeArbitration,
			OneStep:          o.OneStep,
		},
	}
	// The script sees the block it forked from; report the block the
	// deployment was confirmed in.
	if n, err := client.BlockNumber(ctx); err == nil {
		d.BlockNumber = n
	}
	if d.ChainID != chainID {
		return nil, fmt.Errorf("%w: script reported chain %d, RPC serves chain %d", ErrDeployFailed, d.ChainID, chainID)
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDeployFailed, err)
	}
	for name, addr := range map[string]common.Address{
		"StakeManager": d.Contracts.StakeManager, "JobMarket": d.Contracts.JobMarket,
		"CommitmentInbox": d.Contracts.CommitmentInbox, "NodeRegistry": d.Contracts.NodeRegistry,
		"VerdeArbitration": d.Contracts.VerdeArbitration, "OneStep": d.Contracts.OneStep,
	} {
		code, err := client.CodeAt(ctx, addr, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrRPCUnreachable, opts.RPCURL, err)
		}
		if len(code) == 0 {
			return nil, fmt.Errorf("%w: %s at %s has no code", ErrDeployFailed, name, addr)
		}
	}
	if d.Settings, err = ReadSettings(ctx, client, d.Contracts); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRPCUnreachable, opts.RPCURL, err)
	}
	return d, nil
}

// scriptVars are the deploy script's environment variables that
// DeployOptions control: the caller's values never reach the script (an
// unset option means the script's default, not what the caller's shell
// happens to export). UNBONDING_DELAY and SLASH_REWARD_BPS, which no option
// sets, pass through.
var scriptVars = []string{
	"DEPLOYER_PRIVATE_KEY", "SEQUENCER", "DEPLOYMENTS_OUT", "ARBITER",
	"DISPUTE_CLOCK", "DISPUTE_ANSWER_TIME", "DISPUTE_BOND", "MIN_EXECUTION_WINDOW", "MIN_STEP_MICROS",
}

// scriptEnv is forge's environment: base without scriptVars, plus the
// options that are set. Without an explicit arbiter the dispute game is the
// arbiter.
func scriptEnv(base []string, opts DeployOptions, outPath string) []string {
	env := make([]string, 0, len(base)+len(scriptVars)+1)
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if !slices.Contains(scriptVars, name) {
			env = append(env, kv)
		}
	}
	env = append(env, "SEQUENCER="+opts.Sequencer.Hex(), "DEPLOYMENTS_OUT="+outPath, "NO_COLOR=1")
	if opts.Key != nil {
		env = append(env, "DEPLOYER_PRIVATE_KEY=0x"+hex.EncodeToString(crypto.FromECDSA(opts.Key)))
	}
	if opts.Arbiter != (common.Address{}) {
		env = append(env, "ARBITER="+opts.Arbiter.Hex())
	}
	if opts.DisputeClock != 0 {
		env = append(env, fmt.Sprintf("DISPUTE_CLOCK=%d", opts.DisputeClock))
	}
	if opts.DisputeAnswerTime != 0 {
		env = append(env, fmt.Sprintf("DISPUTE_ANSWER_TIME=%d", opts.DisputeAnswerTime))
	}
	if opts.DisputeBondWei != nil {
		env = append(env, "DISPUTE_BOND="+opts.DisputeBondWei.String())
	}
	if opts.MinExecutionWindow != 0 {
		env = append(env, fmt.Sprintf("MIN_EXECUTION_WINDOW=%d", opts.MinExecutionWindow))
	}
	if opts.MinStepMicros != nil {
		env = append(env, fmt.Sprintf("MIN_STEP_MICROS=%d", *opts.MinStepMicros))
	}
	return env
}

// ReadSettings reads the deployed dispute and execution-window parameters
// from the VerdeArbitration game and the JobMarket.
func ReadSettings(ctx context.Context, client ethereum.ContractCaller, c deployments.Contracts) (*deployments.Settings, error) {
	game, market := bindings.NewVerdeArbitration(), bindings.NewJobMarket()
	var (
		s   deployments.Settings
		err error
	)
	read := func(to common.Address, name string, data []byte, unpack func([]byte) error) {
		if err != nil {
			return
		}
		out, cerr := client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
		if cerr == nil {
			cerr = unpack(out)
		}
		if cerr != nil {
			err = fmt.Errorf("read %s: %w", name, cerr)
		}
	}
	read(c.VerdeArbitration, "VerdeArbitration.bond", game.PackBond(), func(b []byte) (e error) {
		s.DisputeBondWei, e = game.UnpackBond(b)
		return e
	})
	read(c.VerdeArbitration, "VerdeArbitration.clock", game.PackClock(), func(b []byte) (e error) {
		s.DisputeClock, e = game.UnpackClock(b)
		return e
	})
	read(c.VerdeArbitration, "VerdeArbitration.answerTime", game.PackAnswerTime(), func(b []byte) (e error) {
		s.DisputeAnswerTime, e = game.UnpackAnswerTime(b)
		return e
	})
	read(c.JobMarket, "JobMarket.minExecutionWindow", market.PackMinExecutionWindow(), func(b []byte) (e error) {
		s.MinExecutionWindow, e = market.UnpackMinExecutionWindow(b)
		return e
	})
	read(c.JobMarket, "JobMarket.minStepMicros", market.PackMinStepMicros(), func(b []byte) (e error) {
		s.MinStepMicros, e = market.UnpackMinStepMicros(b)
		return e
	})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// dial connects to an RPC endpoint and reads its chain id, with a short
// timeout so that a wrong URL fails fast with one clear line.
func dial(ctx context.Context, url string) (*ethclient.Client, uint64, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	client, err := ethclient.DialContext(cctx, url)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrRPCUnreachable, url, err)
	}
	id, err := client.ChainID(cctx)
	if err != nil {
		client.Close()
		return nil, 0, fmt.Errorf("%w: %s: %v", ErrRPCUnreachable, url, err)
	}
	return client, id.Uint64(), nil
}

// lastErrorLine picks the most telling line of a tool's output.
func lastErrorLine(out string, err error) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if strings.Contains(strings.ToLower(l), "error") || strings.Contains(l, "revert") {
			return l
		}
	}
	if len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) != "" {
		return strings.TrimSpace(lines[len(lines)-1])
	}
	return err.Error()
}
