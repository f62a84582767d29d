package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"
	oplog "github.com/ethereum-optimism/optimism/op-service/log"

	"github.com/gensyn-stack/gensyn/internal/monitor"
	"github.com/gensyn-stack/gensyn/sequencer"
	"github.com/gensyn-stack/gensyn/sequencer/flags"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

func sequencerCommand() *cli.Command {
	return &cli.Command{
		Name:  "sequencer",
		Usage: "order signed checkpoint commitments into batches posted to the CommitmentInbox; keeper of the JobMarket's deadlines",
		UsageText: "gensyn sequencer --l1-eth-rpc URL --deployments deployments/<chain-id>.json --data-dir DIR " +
			"(--private-key HEX | --keystore FILE --password-file FILE | --mnemonic WORDS --hd-path PATH) [--rpc.port 8560] [--batch.max-entries 256] [--batch.max-delay 10s]",
		Description: "Every flag has an environment variable GENSYN_SEQUENCER_<FLAG> (see docs/sequencer.md).",
		Flags:       cliapp.ProtectFlags(flags.Flags),
		Before:      serviceBefore(flags.CheckRequired, flags.EnvVarPrefix, false),
		Action:      cliapp.LifecycleCmd(sequencerMain),
	}
}

// sequencerMain reads the configuration and builds the service; the
// lifecycle command starts it and stops it on SIGINT/SIGTERM.
func sequencerMain(ctx *cli.Context, _ context.CancelCauseFunc) (cliapp.Lifecycle, error) {
	if err := flags.CheckRequired(ctx); err != nil {
		return nil, err
	}
	cfg := sequencer.NewConfig(ctx)
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	// One log key set: the tx manager's "service" key is written "role".
	l := monitor.ServiceLogger(oplog.NewLogger(oplog.AppOut(ctx), cfg.LogConfig))
	oplog.SetGlobalLogHandler(seqrpc.QuietPolls(l.Handler()))
	return sequencer.NewService(ctx.Context, Version, cfg, l)
}
