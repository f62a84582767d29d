package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// s3CheckTimeout bounds the S3 backend's start-up check.
const s3CheckTimeout = 30 * time.Second

// blobstoreBackendFlags select and configure the blob store's backend.
func blobstoreBackendFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "backend", Value: "local", Usage: `where blobs live: "local" (files under --dir) or "s3" (a bucket; --dir then holds uploads while they are hashed)`, EnvVars: []string{"GENSYN_BLOBSTORE_BACKEND"}},
		&cli.StringFlag{Name: "s3.endpoint", Usage: "S3 endpoint, host[:port] or an http(s):// URL (default: AWS, s3.amazonaws.com)", EnvVars: []string{"GENSYN_BLOBSTORE_S3_ENDPOINT"}},
		&cli.StringFlag{Name: "s3.bucket", Usage: "S3 bucket (must exist)", EnvVars: []string{"GENSYN_BLOBSTORE_S3_BUCKET"}},
		&cli.StringFlag{Name: "s3.region", Value: "us-east-1", Usage: "S3 region the requests are signed for", EnvVars: []string{"GENSYN_BLOBSTORE_S3_REGION"}},
		&cli.StringFlag{Name: "s3.prefix", Usage: "key prefix inside the bucket (e.g. gensyn/)", EnvVars: []string{"GENSYN_BLOBSTORE_S3_PREFIX"}},
		&cli.StringFlag{Name: "s3.access-key", Usage: "S3 access key id", EnvVars: []string{"GENSYN_BLOBSTORE_S3_ACCESS_KEY"}},
		&cli.StringFlag{Name: "s3.secret-key", Usage: "S3 secret access key (prefer --s3.secret-key-file)", EnvVars: []string{"GENSYN_BLOBSTORE_S3_SECRET_KEY"}},
		&cli.StringFlag{Name: "s3.secret-key-file", Usage: "file holding the S3 secret access key", EnvVars: []string{"GENSYN_BLOBSTORE_S3_SECRET_KEY_FILE"}},
		&cli.BoolFlag{Name: "s3.insecure", Usage: "talk plain http to the S3 endpoint (loopback or a private network only)", EnvVars: []string{"GENSYN_BLOBSTORE_S3_INSECURE"}},
	}
}

var s3FlagNames = []string{"s3.endpoint", "s3.bucket", "s3.region", "s3.prefix", "s3.access-key", "s3.secret-key", "s3.secret-key-file", "s3.insecure"}

// openBlobBackend opens the selected backend; for S3 it runs the start-up
// check (bucket exists, writable, readable, listable). The description is
// for the log: it never holds a key.
func openBlobBackend(c *cli.Context) (blobstore.Store, string, error) {
	switch backend := c.String("backend"); backend {
	case "local":
		for _, n := range s3FlagNames {
			if c.IsSet(n) {
				return nil, "", fmt.Errorf("--%s needs --backend s3", n)
			}
		}
		store, err := blobstore.NewLocal(c.String("dir"))
		if err != nil {
			return nil, "", err
		}
		return store, "local " + c.String("dir"), nil
	case "s3":
		cfg, err := s3ConfigFromFlags(c)
		if err != nil {
			return nil, "", err
		}
		ctx, cancel := context.WithTimeout(c.Context, s3CheckTimeout)
		defer cancel()
		store, err := blobstore.OpenS3(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		return store, "s3 " + store.String(), nil
	default:
		return nil, "", fmt.Errorf(`--backend: must be "local" or "s3", got %q`, backend)
	}
}

func s3ConfigFromFlags(c *cli.Context) (blobstore.S3Config, error) {
	cfg := blobstore.S3Config{
		Endpoint:  c.String("s3.endpoint"),
		Bucket:    c.String("s3.bucket"),
		Region:    c.String("s3.region"),
		Prefix:    c.String("s3.prefix"),
		AccessKey: c.String("s3.access-key"),
		SecretKey: c.String("s3.secret-key"),
		Insecure:  c.Bool("s3.insecure"),
		TempDir:   filepath.Join(c.String("dir"), "tmp"),
	}
	if cfg.Bucket == "" {
		return cfg, errors.New("--s3.bucket is required with --backend s3")
	}
	if cfg.AccessKey == "" {
		return cfg, errors.New("--s3.access-key is required with --backend s3")
	}
	if f := c.String("s3.secret-key-file"); f != "" {
		if cfg.SecretKey != "" {
			return cfg, errors.New("give --s3.secret-key or --s3.secret-key-file, not both")
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return cfg, fmt.Errorf("--s3.secret-key-file: %w", err)
		}
		cfg.SecretKey = strings.TrimSpace(string(b))
		if cfg.SecretKey == "" {
			return cfg, fmt.Errorf("--s3.secret-key-file: %s is empty", f)
		}
	}
	if cfg.SecretKey == "" {
		return cfg, errors.New("--s3.secret-key-file (or --s3.secret-key) is required with --backend s3")
	}
	if cfg.Prefix != "" && !strings.HasSuffix(cfg.Prefix, "/") {
		cfg.Prefix += "/"
	}
	if err := os.MkdirAll(cfg.TempDir, 0o700); err != nil {
		return cfg, fmt.Errorf("--dir: %w", err)
	}
	return cfg, nil
}
