package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"

	"github.com/gensyn-stack/gensyn/internal/monitor"
	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// blobstoreEnvPrefix prefixes the environment variables of the log and
// pprof flags (the same names envVars gives).
const blobstoreEnvPrefix = "GENSYN_BLOBSTORE"

func blobstoreCommand() *cli.Command {
	return &cli.Command{
		Name:  "blobstore",
		Usage: "serve a content-addressed blob store (specs, datasets, checkpoints, traces) over HTTP",
		Description: "PUT /v1/blobs stores the body and answers {\"hash\",\"size\"} (the hash is keccak256 of the bytes);\n" +
			"GET and HEAD /v1/blobs/<hash> read it back. Blobs live under --dir, or in an S3 bucket with --backend s3.\n" +
			"GET /healthz answers {\"status\":\"ok\"} (503 when the backend is unusable) and GET /metrics the Prometheus\n" +
			"metrics, on the same address; --pprof.enabled serves /debug/pprof/ on --pprof.addr:--pprof.port.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "dir", Value: "blobs", Usage: "directory of the local backend", EnvVars: envVars("blobstore", "dir")},
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:7070", Usage: "listen address", EnvVars: envVars("blobstore", "addr")},
			&cli.Int64Flag{Name: "max-blob-size", Value: blobstore.DefaultMaxBlobSize, Usage: "largest blob an upload may commit, in bytes (uploads larger than one chunk arrive in verified chunks)", EnvVars: envVars("blobstore", "max-blob-size")},
		}, append(append(blobstoreBackendFlags(), oplog.CLIFlags(blobstoreEnvPrefix)...), oppprof.CLIFlags(blobstoreEnvPrefix)...)...),
		Action: serveBlobstore,
	}
}

func serveBlobstore(c *cli.Context) error {
	if c.Int64("max-blob-size") <= 0 {
		return errors.New("--max-blob-size: must be > 0")
	}
	l := oplog.NewLogger(c.App.ErrWriter, oplog.ReadCLIConfig(c)).New(monitor.RoleKey, "blobstore")
	pprofCfg := oppprof.ReadCLIConfig(c)
	if err := pprofCfg.Check(); err != nil {
		return fmt.Errorf("--pprof.port: %w", err)
	}
	store, backend, err := openBlobBackend(c)
	if err != nil {
		return err
	}
	pp, err := monitor.StartPprof(pprofCfg, l)
	if err != nil {
		return err
	}
	if pp != nil {
		defer func() { _ = pp.Stop(context.Background()) }()
	}
	ln, err := net.Listen("tcp", c.String("addr"))
	if err != nil {
		return fmt.Errorf("blobstore: listen on %s: %w", c.String("addr"), err)
	}
	log := slog.New(l.Handler())
	srv := &http.Server{
		Handler:           blobstore.NewServer(store, c.Int64("max-blob-size"), log),
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Info("blob store serving", "addr", "http://"+ln.Addr().String(), "backend", backend)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-c.Context.Done():
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		log.Info("blob store stopping")
		return srv.Shutdown(ctx)
	}
}
