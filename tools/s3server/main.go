// Command s3server is the S3-compatible server the blob store's S3 tests run
// against: gofakes3's S3 API on a real directory (its s3afero backend, one
// file per object), behind AWS Signature Version 4 checks of the one access
// key it is given, listening on loopback. It is a test tool, not a product:
// it holds a lock per upload and keeps no replicas.
//
//	s3server -dir D -access-key K -secret-key S [-addr 127.0.0.1:0] [-bucket B]...
//
// It prints one line, "s3server listening on http://HOST:PORT", once it
// accepts connections, and stops on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3afero"
	"github.com/spf13/afero"
)

// listFix answers a listing under a prefix no object has with an empty
// list, as S3 does; the s3afero backend reports NoSuchBucket instead.
type listFix struct{ *s3afero.MultiBucketBackend }

func (l listFix) ListBucket(bucket string, prefix *gofakes3.Prefix, page gofakes3.ListBucketPage) (*gofakes3.ObjectList, error) {
	list, err := l.MultiBucketBackend.ListBucket(bucket, prefix, page)
	if err != nil && gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchBucket) {
		if ok, berr := l.BucketExists(bucket); berr == nil && ok {
			return gofakes3.NewObjectList(), nil
		}
	}
	return list, err
}

type bucketList []string

func (b *bucketList) String() string     { return strings.Join(*b, ",") }
func (b *bucketList) Set(s string) error { *b = append(*b, s); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "s3server:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("s3server", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	dir := fs.String("dir", "", "directory that holds the buckets and their objects (required)")
	accessKey := fs.String("access-key", "", "the one accepted access key id (required)")
	secretKey := fs.String("secret-key", "", "its secret key (required)")
	region := fs.String("region", "us-east-1", "the region signatures must name")
	var buckets bucketList
	fs.Var(&buckets, "bucket", "a bucket to create at start (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *accessKey == "" || *secretKey == "" {
		return errors.New("-dir, -access-key and -secret-key are required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	backend, err := s3afero.MultiBucket(afero.NewBasePathFs(afero.NewOsFs(), *dir))
	if err != nil {
		return err
	}
	for _, b := range buckets {
		exists, err := backend.BucketExists(b)
		if err != nil {
			return err
		}
		if !exists {
			if err := backend.CreateBucket(b); err != nil {
				return fmt.Errorf("create bucket %s: %w", b, err)
			}
		}
	}
	s3 := gofakes3.New(listFix{backend}, gofakes3.WithIntegrityCheck(true), gofakes3.WithoutVersioning())
	auth := &sigV4{accessKey: *accessKey, secretKey: *secretKey, region: *region, now: time.Now, maxSkew: 15 * time.Minute,
		logf: log.New(os.Stderr, "s3server: ", log.LstdFlags).Printf}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: auth.wrap(s3.Server()), ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(os.Stderr, "s3server: ", 0)}
	fmt.Printf("s3server listening on http://%s\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}
