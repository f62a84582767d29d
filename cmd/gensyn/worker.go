package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"
	oplog "github.com/ethereum-optimism/optimism/op-service/log"

	"github.com/gensyn-stack/gensyn/internal/monitor"
	"github.com/gensyn-stack/gensyn/node/worker"
	"github.com/gensyn-stack/gensyn/node/worker/flags"
)

func workerCommand() *cli.Command {
	return &cli.Command{
		Name:  "worker",
		Usage: "stake, bid on jobs, train the jobs won with RepOps, commit and publish every checkpoint, submit results and collect payment",
		UsageText: "gensyn worker --l1-eth-rpc URL --deployments deployments/<chain-id>.json --data-dir DIR " +
			"--blobstore URL --sequencer URL (--private-key HEX | --keystore FILE --password-file FILE | --mnemonic WORDS --hd-path PATH)\n   (--bid.price AMOUNT | --bid.fraction F) [--stake.target AMOUNT] " +
			"[--bid.time-margin M] [--bid.time-overhead D]",
		Description: "Every flag has an environment variable GENSYN_WORKER_<FLAG> (see docs/worker.md).",
		Flags:       cliapp.ProtectFlags(flags.Flags),
		Before:      serviceBefore(flags.CheckRequired, flags.EnvVarPrefix, true),
		Action:      cliapp.LifecycleCmd(workerMain),
	}
}

// workerMain reads the configuration and builds the service; the lifecycle
// command starts it and stops it on SIGINT/SIGTERM.
func workerMain(ctx *cli.Context, _ context.CancelCauseFunc) (cliapp.Lifecycle, error) {
	if err := flags.CheckRequired(ctx); err != nil {
		return nil, err
	}
	cfg := worker.NewConfig(ctx)
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	// One log key set: the tx manager's "service" key is written "role".
	l := monitor.ServiceLogger(oplog.NewLogger(oplog.AppOut(ctx), cfg.LogConfig))
	oplog.SetGlobalLogHandler(l.Handler())
	return worker.NewService(ctx.Context, Version, cfg, l)
}
