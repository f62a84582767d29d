package main

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"

	"github.com/gensyn-stack/gensyn/explorer"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/monitor"
)

// explorerEnvPrefix prefixes the environment variables of the log flags
// (the same names envVars gives).
const explorerEnvPrefix = "GENSYN_EXPLORER"

func explorerCommand() *cli.Command {
	env := func(flag string) []string { return envVars("explorer", flag) }
	return &cli.Command{
		Name:  "explorer",
		Usage: "the market explorer: index the contracts' events and serve web pages of the market, jobs, dispute games and participants",
		UsageText: "gensyn explorer [--l1-eth-rpc URL] [--deployments FILE] [--data-dir DIR] [--addr HOST:PORT] [--blobstore URL]\n\n" +
			"Follows the chain from the deployment's block into an index under --data-dir (kept across restarts)\n" +
			"and serves the pages on --addr; they update live as blocks are indexed. See docs/explorer.md.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "l1-eth-rpc", Usage: "HTTP provider URL of the chain", Value: "http://127.0.0.1:8545", EnvVars: env("l1-eth-rpc")},
			&cli.StringFlag{Name: "deployments", Usage: "path to deployments/<chain-id>.json", Value: "deployments/31337.json", EnvVars: env("deployments")},
			&cli.StringFlag{Name: "data-dir", Usage: "directory of the index (created if missing)", Value: "explorer-data", EnvVars: env("data-dir")},
			&cli.StringFlag{Name: "addr", Usage: "listen address of the web server", Value: "127.0.0.1:8580", EnvVars: env("addr")},
			&cli.StringFlag{Name: "blobstore", Usage: "URL of the blob store, for job specs and final model downloads (empty: neither)", Value: "http://127.0.0.1:7070", EnvVars: env("blobstore")},
			&cli.Uint64Flag{Name: "start-block", Usage: "first block a new index reads (0: the deployment's block)", EnvVars: env("start-block")},
			&cli.Uint64Flag{Name: "confirmations", Usage: "index a block once this many follow it (0: at the head; reorgs are rolled back)", EnvVars: env("confirmations")},
			&cli.DurationFlag{Name: "poll-interval", Usage: "how often to ask the chain for a new head", Value: time.Second, EnvVars: env("poll-interval")},
		}, oplog.CLIFlags(explorerEnvPrefix)...),
		Action: runExplorer,
	}
}

func runExplorer(c *cli.Context) error {
	if c.Duration("poll-interval") <= 0 {
		return errors.New("--poll-interval: must be positive")
	}
	d, err := deployments.Read(c.String("deployments"))
	if err != nil {
		return err
	}
	l := oplog.NewLogger(c.App.ErrWriter, oplog.ReadCLIConfig(c)).New(monitor.RoleKey, "explorer")
	log := slog.New(l.Handler())
	svc, err := explorer.NewService(c.Context, explorer.Config{
		RPCURL: c.String("l1-eth-rpc"), Deployment: d, DataDir: c.String("data-dir"), Addr: c.String("addr"),
		BlobstoreURL: c.String("blobstore"), StartBlock: c.Uint64("start-block"), Confirmations: c.Uint64("confirmations"),
		PollInterval: c.Duration("poll-interval"), Log: log,
	})
	if err != nil {
		return fmt.Errorf("explorer: %w", err)
	}
	log.Info("Explorer serving", "url", svc.URL(), "data-dir", c.String("data-dir"))
	return svc.Run(c.Context)
}
