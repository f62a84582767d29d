package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"
	oplog "github.com/ethereum-optimism/optimism/op-service/log"

	"github.com/gensyn-stack/gensyn/internal/monitor"
	"github.com/gensyn-stack/gensyn/verifier"
	"github.com/gensyn-stack/gensyn/verifier/flags"
)

func verifierCommand() *cli.Command {
	return &cli.Command{
		Name:  "verifier",
		Usage: "the watchtower: audit submitted jobs by replaying checkpoint intervals, challenge mismatches and play the dispute game",
		UsageText: "gensyn verifier --l1-eth-rpc URL --deployments deployments/<chain-id>.json --data-dir DIR " +
			"--blobstore URL (--private-key HEX | --keystore FILE --password-file FILE) [--sequencer URL] [--audit.fraction F] [--audit.seed N]",
		Description: "Every flag has an environment variable GENSYN_VERIFIER_<FLAG> (see docs/verifier.md). " +
			"The --unsafe.* flags are for tests only and are refused without --unsafe.test-modes.",
		Flags:  cliapp.ProtectFlags(flags.Flags),
		Before: serviceBefore(flags.CheckRequired, flags.EnvVarPrefix, false),
		Action: cliapp.LifecycleCmd(verifierMain),
	}
}

// verifierMain reads the configuration and builds the service; the
// lifecycle command starts it and stops it on SIGINT/SIGTERM.
func verifierMain(ctx *cli.Context, _ context.CancelCauseFunc) (cliapp.Lifecycle, error) {
	if err := flags.CheckRequired(ctx); err != nil {
		return nil, err
	}
	cfg := verifier.NewConfig(ctx)
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	// One log key set: the tx manager's "service" key is written "role".
	l := monitor.ServiceLogger(oplog.NewLogger(oplog.AppOut(ctx), cfg.LogConfig))
	oplog.SetGlobalLogHandler(l.Handler())
	return verifier.NewService(ctx.Context, Version, cfg, l)
}
