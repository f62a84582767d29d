package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/devnet"
	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// repoFlag is the --repo flag of a command; its environment variable follows
// the rule of envVars (GENSYN_DEVNET_REPO, GENSYN_DEPLOY_REPO).
func repoFlag(command string) *cli.StringFlag {
	return &cli.StringFlag{
		Name:    "repo",
		Usage:   "gensyn checkout holding foundry.toml and the pinned toolchain (default: found above the working directory)",
		EnvVars: envVars(command, "repo"),
	}
}

func repoRoot(c *cli.Context) (string, error) {
	if r := c.String("repo"); r != "" {
		return toolchain.FindRoot(r)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return toolchain.FindRoot(wd)
}

func devnetCommand() *cli.Command {
	return &cli.Command{
		Name:  "devnet",
		Usage: "run a local anvil chain with the protocol's contracts deployed",
		Subcommands: []*cli.Command{
			{
				Name:  "up",
				Usage: "start anvil in the background, deploy the contracts, write deployments/<chain-id>.json",
				Flags: []cli.Flag{
					repoFlag("devnet"),
					&cli.IntFlag{Name: "port", Value: 8545, Usage: "RPC port", EnvVars: envVars("devnet", "port")},
					&cli.Uint64Flag{Name: "chain-id", Value: 31337, Usage: "chain id", EnvVars: envVars("devnet", "chain-id")},
					&cli.DurationFlag{Name: "block-time", Value: devnet.DefaultBlockTime, Usage: "mine a block at this interval, so the chain's clock (which every deadline reads) advances on its own; 0: a block per transaction only, and the clock then stops between transactions", EnvVars: envVars("devnet", "block-time")},
					&cli.StringFlag{Name: "state-dir", Usage: "where anvil's pid file, log and accounts go (default: <repo>/.devnet)", EnvVars: envVars("devnet", "state-dir")},
					&cli.StringFlag{Name: "deployments-dir", Usage: "where <chain-id>.json goes (default: <repo>/deployments)", EnvVars: envVars("devnet", "deployments-dir")},
					&cli.StringFlag{Name: "anvil-state", Usage: "the saved chain: load it from FILE if it exists; 'gensyn devnet down' saves it there (atomically, the previous save kept as FILE.prev)", EnvVars: envVars("devnet", "anvil-state")},
					&cli.BoolFlag{Name: "resume", Usage: "restart the chain saved in --anvil-state without deploying (its contracts must be those of <chain-id>.json)", EnvVars: envVars("devnet", "resume")},
					&cli.IntFlag{Name: "accounts", Value: 10, Usage: "number of funded development accounts (at least 3)", EnvVars: envVars("devnet", "accounts")},
					&cli.Uint64Flag{Name: "dispute-clock", Value: devnet.DefaultDisputeClock, Usage: "each side's thinking time per dispute game, in seconds", EnvVars: envVars("devnet", "dispute-clock")},
					&cli.Uint64Flag{Name: "dispute-answer-time", Value: devnet.DefaultDisputeAnswerTime, Usage: "seconds each dispute query adds to the worker's clock (at most --dispute-clock)", EnvVars: envVars("devnet", "dispute-answer-time")},
					&cli.Uint64Flag{Name: "min-execution-window", Value: devnet.DefaultMinExecutionWindow, Usage: "shortest execution window of any job, in seconds", EnvVars: envVars("devnet", "min-execution-window")},
					&cli.Uint64Flag{Name: "min-step-micros", Value: devnet.DefaultMinStepMicros, Usage: "execution time floor per training step, in microseconds", EnvVars: envVars("devnet", "min-step-micros")},
				},
				Action: devnetUp,
			},
			{
				Name:   "down",
				Usage:  "stop the devnet started by `devnet up`",
				Flags:  []cli.Flag{repoFlag("devnet"), &cli.StringFlag{Name: "state-dir", Usage: "default: <repo>/.devnet", EnvVars: envVars("devnet", "state-dir")}},
				Action: devnetDown,
			},
			{
				Name:   "status",
				Usage:  "say whether a devnet is running, and where",
				Flags:  []cli.Flag{repoFlag("devnet"), &cli.StringFlag{Name: "state-dir", Usage: "default: <repo>/.devnet", EnvVars: envVars("devnet", "state-dir")}},
				Action: devnetStatus,
			},
		},
	}
}

func devnetConfig(c *cli.Context) (string, devnet.Config, error) {
	root, err := repoRoot(c)
	if err != nil {
		return "", devnet.Config{}, err
	}
	cfg := devnet.DefaultConfig(root)
	if d := c.String("state-dir"); d != "" {
		cfg.StateDir, _ = filepath.Abs(d)
	}
	return root, cfg, nil
}

func devnetUp(c *cli.Context) error {
	root, cfg, err := devnetConfig(c)
	if err != nil {
		return err
	}
	port := c.Int("port")
	if port <= 0 || port > 65535 {
		return fmt.Errorf("--port %d: must be in 1..65535", port)
	}
	cfg.Port = port
	cfg.ChainID = c.Uint64("chain-id")
	if cfg.ChainID == 0 {
		return errors.New("--chain-id: must be > 0")
	}
	cfg.BlockTime = c.Duration("block-time")
	if cfg.BlockTime < 0 {
		return fmt.Errorf("--block-time %s: must be positive, or 0 for a block per transaction", cfg.BlockTime)
	}
	cfg.Accounts = c.Int("accounts")
	if cfg.Accounts < 3 || cfg.Accounts > 1000 {
		return fmt.Errorf("--accounts %d: must be in 3..1000", cfg.Accounts)
	}
	p, err := protocolParams(c)
	if err != nil {
		return err
	}
	cfg.DisputeClock, cfg.DisputeAnswerTime, cfg.MinExecutionWindow, cfg.MinStepMicros = p.clock, p.answerTime, p.minWindow, &p.stepMicros
	if d := c.String("deployments-dir"); d != "" {
		cfg.DeploymentsDir, _ = filepath.Abs(d)
	}
	if f := c.String("anvil-state"); f != "" {
		cfg.AnvilState, _ = filepath.Abs(f)
	}
	cfg.Resume = c.Bool("resume")
	if cfg.Resume && cfg.AnvilState == "" {
		return errors.New("--resume: needs --anvil-state FILE, the chain to restart")
	}
	tc, err := toolchain.Locate(root)
	if err != nil {
		return err
	}
	out := c.App.Writer
	start := time.Now()
	state, d, err := devnet.Up(c.Context, tc, cfg, func(f string, a ...any) { fmt.Fprintf(out, f+"\n", a...) })
	if err != nil {
		return err
	}
	if cfg.Resume {
		fmt.Fprintf(out, "resumed the chain deployed in block %d (%s)\n", d.BlockNumber, rel(root, deployments.Path(cfg.DeploymentsDir, d.ChainID)))
		fmt.Fprintf(out, "devnet ready at %s in %s; stop it with `gensyn devnet down`\n", state.RPCURL, time.Since(start).Round(100*time.Millisecond))
		return nil
	}
	fmt.Fprintf(out, "deployed in block %d:\n", d.BlockNumber)
	fmt.Fprintf(out, "  StakeManager     %s\n", d.Contracts.StakeManager)
	fmt.Fprintf(out, "  JobMarket        %s\n", d.Contracts.JobMarket)
	fmt.Fprintf(out, "  CommitmentInbox  %s\n", d.Contracts.CommitmentInbox)
	fmt.Fprintf(out, "  NodeRegistry     %s\n", d.Contracts.NodeRegistry)
	fmt.Fprintf(out, "  VerdeArbitration %s\n", d.Contracts.VerdeArbitration)
	fmt.Fprintf(out, "  OneStep          %s\n", d.Contracts.OneStep)
	fmt.Fprintf(out, "  sequencer %s (development account %d), arbiter %s (the VerdeArbitration dispute game)\n", d.Sequencer, devnet.SequencerIndex, d.Arbiter)
	printSettings(out, d.Settings)
	fmt.Fprintf(out, "%d funded development accounts (keys in %s)\n", len(d.Accounts), rel(root, d.AccountKeysFile))
	fmt.Fprintf(out, "wrote %s\n", rel(root, deployments.Path(cfg.DeploymentsDir, d.ChainID)))
	fmt.Fprintf(out, "devnet ready at %s in %s; stop it with `gensyn devnet down`\n", state.RPCURL, time.Since(start).Round(100*time.Millisecond))
	return nil
}

func devnetDown(c *cli.Context) error {
	_, cfg, err := devnetConfig(c)
	if err != nil {
		return err
	}
	s, err := devnet.Down(cfg.StateDir, 30*time.Second)
	if errors.Is(err, devnet.ErrNotRunning) {
		return errors.New("no devnet is running (nothing to stop)")
	}
	if err != nil {
		return err
	}
	if s.Saved != nil {
		fmt.Fprintf(c.App.Writer, "saved the chain at block %d to %s (%.1f MB)\n", s.Saved.Block, s.Saved.Path, float64(s.Saved.Bytes)/1e6)
	}
	fmt.Fprintf(c.App.Writer, "stopped anvil (pid %d) on %s\n", s.PID, s.RPCURL)
	return nil
}

func devnetStatus(c *cli.Context) error {
	_, cfg, err := devnetConfig(c)
	if err != nil {
		return err
	}
	s, err := devnet.Running(cfg.StateDir)
	if errors.Is(err, devnet.ErrNotRunning) {
		fmt.Fprintln(c.App.Writer, "no devnet is running")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "devnet running: anvil pid %d on %s, chain id %d, since %s\n", s.PID, s.RPCURL, s.ChainID, s.StartedAt)
	return nil
}

// Bounds of the protocol parameters, as the contracts' constructors check
// them (VerdeArbitration: 10 s <= answer time <= clock <= 365 days;
// JobMarket: 0 < min execution window <= MAX_WINDOW, step floor <= 1e12 us).
const (
	minGameTime   = 10
	maxClock      = 365 * 24 * 3600
	maxWindow     = 3650 * 24 * 3600
	maxStepMicros = 1_000_000_000_000
)

// params are the dispute and execution-window parameters of a deployment.
type params struct {
	clock, answerTime, minWindow, stepMicros uint64
}

// protocolParams reads and checks --dispute-clock, --dispute-answer-time,
// --min-execution-window and --min-step-micros.
func protocolParams(c *cli.Context) (params, error) {
	p := params{clock: c.Uint64("dispute-clock"), answerTime: c.Uint64("dispute-answer-time"),
		minWindow: c.Uint64("min-execution-window"), stepMicros: c.Uint64("min-step-micros")}
	switch {
	case p.clock < minGameTime || p.clock > maxClock:
		return p, fmt.Errorf("--dispute-clock %d: must be in %d..%d seconds", p.clock, minGameTime, maxClock)
	case p.answerTime < minGameTime || p.answerTime > p.clock:
		return p, fmt.Errorf("--dispute-answer-time %d: must be in %d..%d seconds (at most --dispute-clock)", p.answerTime, minGameTime, p.clock)
	case p.minWindow == 0 || p.minWindow > maxWindow:
		return p, fmt.Errorf("--min-execution-window %d: must be in 1..%d seconds", p.minWindow, maxWindow)
	case p.stepMicros > maxStepMicros:
		return p, fmt.Errorf("--min-step-micros %d: must be at most %d", p.stepMicros, uint64(maxStepMicros))
	}
	return p, nil
}

// printSettings prints the parameters read back from the deployed contracts.
func printSettings(out io.Writer, s *deployments.Settings) {
	if s == nil {
		return
	}
	fmt.Fprintf(out, "  disputes: bond %s, clock %ds per side, each query adds %ds to the worker's clock\n",
		eth(s.DisputeBondWei), s.DisputeClock, s.DisputeAnswerTime)
	fmt.Fprintf(out, "  jobs: execution window at least %ds + %dus per step\n", s.MinExecutionWindow, s.MinStepMicros)
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !filepath.IsAbs(r) && r != "" && r[0] != '.' {
		return r
	}
	return p
}
