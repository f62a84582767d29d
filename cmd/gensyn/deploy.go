package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/devnet"
	"github.com/gensyn-stack/gensyn/internal/keys"
	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

// keyFlags select the key of the account that signs; keys come only from a
// flag, the environment or a keystore file, and are never printed.
func keyFlags(command string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "private-key", Usage: "hex private key of the sending account", EnvVars: envVars(command, "private-key")},
		&cli.StringFlag{Name: "keystore", Usage: "encrypted keystore (v3 JSON) of the sending account", EnvVars: envVars(command, "keystore")},
		&cli.StringFlag{Name: "password-file", Usage: "file holding the keystore's password", EnvVars: envVars(command, "password-file")},
	}
}

func keySource(c *cli.Context) keys.Source {
	return keys.Source{PrivateKey: c.String("private-key"), Keystore: c.String("keystore"), PasswordFile: c.String("password-file")}
}

func parseAddress(flag, s string) (common.Address, error) {
	if s == "" {
		return common.Address{}, nil
	}
	if !common.IsHexAddress(s) {
		return common.Address{}, fmt.Errorf("--%s %q: not a 20-byte hex address", flag, s)
	}
	return common.HexToAddress(s), nil
}

// The deploy script's defaults (contracts/script/Deploy.s.sol), which
// `gensyn deploy` passes unless told otherwise; TestDeployDefaults checks
// that they match the script.
const (
	DeployDisputeClock       = 3600
	DeployDisputeAnswerTime  = 300
	DeployMinExecutionWindow = 600
	DeployMinStepMicros      = 1000
)

func deployCommand() *cli.Command {
	return &cli.Command{
		Name:  "deploy",
		Usage: "deploy the protocol's contracts to any EVM chain with the project's forge deploy script",
		UsageText: "gensyn deploy --rpc URL (--private-key HEX | --keystore FILE --password-file FILE) [--arbiter ADDR] [--sequencer ADDR]\n" +
			"   [--dispute-clock S] [--dispute-answer-time S] [--min-execution-window S] [--min-step-micros US]",
		Flags: append([]cli.Flag{
			repoFlag("deploy"),
			&cli.StringFlag{Name: "rpc", Usage: "JSON-RPC endpoint of the chain", EnvVars: envVars("deploy", "rpc")},
			&cli.StringFlag{Name: "arbiter", Usage: "address allowed to open and resolve disputes instead of the VerdeArbitration game (for tests of the market alone; default: the game)", EnvVars: envVars("deploy", "arbiter")},
			&cli.StringFlag{Name: "sequencer", Usage: "address allowed to post commitment batches (default: the deployer)", EnvVars: envVars("deploy", "sequencer")},
			&cli.StringFlag{Name: "deployments-dir", Usage: "where <chain-id>.json goes (default: <repo>/deployments)", EnvVars: envVars("deploy", "deployments-dir")},
			&cli.Uint64Flag{Name: "dispute-clock", Value: DeployDisputeClock, Usage: "each side's thinking time per dispute game, in seconds", EnvVars: envVars("deploy", "dispute-clock")},
			&cli.Uint64Flag{Name: "dispute-answer-time", Value: DeployDisputeAnswerTime, Usage: "seconds each dispute query adds to the worker's clock (at most --dispute-clock)", EnvVars: envVars("deploy", "dispute-answer-time")},
			&cli.Uint64Flag{Name: "min-execution-window", Value: DeployMinExecutionWindow, Usage: "shortest execution window of any job, in seconds", EnvVars: envVars("deploy", "min-execution-window")},
			&cli.Uint64Flag{Name: "min-step-micros", Value: DeployMinStepMicros, Usage: "execution time floor per training step, in microseconds", EnvVars: envVars("deploy", "min-step-micros")},
		}, keyFlags("deploy")...),
		Action: deploy,
	}
}

func deploy(c *cli.Context) error {
	if c.String("rpc") == "" {
		return errors.New("--rpc is required (the chain's JSON-RPC endpoint)")
	}
	root, err := repoRoot(c)
	if err != nil {
		return err
	}
	key, err := keySource(c).Load()
	if err != nil {
		return err
	}
	arbiter, err := parseAddress("arbiter", c.String("arbiter"))
	if err != nil {
		return err
	}
	sequencer, err := parseAddress("sequencer", c.String("sequencer"))
	if err != nil {
		return err
	}
	p, err := protocolParams(c)
	if err != nil {
		return err
	}
	tc, err := toolchain.Locate(root)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "deployments")
	if d := c.String("deployments-dir"); d != "" {
		dir, _ = filepath.Abs(d)
	}
	d, err := devnet.Deploy(c.Context, tc, devnet.DeployOptions{
		RPCURL: c.String("rpc"), Key: key, Arbiter: arbiter, Sequencer: sequencer,
		DisputeClock: p.clock, DisputeAnswerTime: p.answerTime, MinExecutionWindow: p.minWindow, MinStepMicros: &p.stepMicros,
		LogFile: filepath.Join(root, ".devnet", "deploy.log"),
	})
	if err != nil {
		return err
	}
	path := deployments.Path(dir, d.ChainID)
	if err := deployments.Write(path, d); err != nil {
		return err
	}
	out := c.App.Writer
	fmt.Fprintf(out, "deployed to chain %d in block %d by %s:\n", d.ChainID, d.BlockNumber, d.Deployer)
	fmt.Fprintf(out, "  StakeManager     %s\n  JobMarket        %s\n  CommitmentInbox  %s\n  NodeRegistry     %s\n",
		d.Contracts.StakeManager, d.Contracts.JobMarket, d.Contracts.CommitmentInbox, d.Contracts.NodeRegistry)
	fmt.Fprintf(out, "  VerdeArbitration %s\n  OneStep          %s\n", d.Contracts.VerdeArbitration, d.Contracts.OneStep)
	printSettings(out, d.Settings)
	fmt.Fprintf(out, "wrote %s\n", rel(root, path))
	return nil
}
