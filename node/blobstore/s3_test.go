package blobstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/s3test"
)

// Every test here runs against tools/s3server, a separate process serving
// S3 on loopback from a real directory, with SigV4 checks.

func s3Config(srv *s3test.Server, bucket string) S3Config {
	return S3Config{Endpoint: srv.Endpoint, Insecure: true, Bucket: bucket, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, TempDir: os.TempDir(), MaxRetries: 1}
}

func openS3(t *testing.T, srv *s3test.Server, bucket, prefix string) *S3 {
	t.Helper()
	cfg := s3Config(srv, bucket)
	cfg.Prefix = prefix
	s, err := OpenS3(context.Background(), cfg)
	require.NoError(t, err)
	return s
}

func readAll(t *testing.T, s Store, h Hash) ([]byte, error) {
	t.Helper()
	rc, info, err := s.Get(context.Background(), h)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err == nil {
		require.Equal(t, info.Size, int64(len(b)))
	}
	return b, err
}

func TestS3_putGetStat(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	s := openS3(t, srv, "blobs", "gensyn/")
	ctx := context.Background()

	data := []byte("a checkpoint, stored in S3")
	info, err := s.Put(ctx, bytes.NewReader(data), 0)
	require.NoError(t, err)
	require.Equal(t, Sum(data), info.Hash)
	require.Equal(t, int64(len(data)), info.Size)

	// Content-addressed, under the same layout as the local backend, in a
	// real file of the server's directory.
	x := hex.EncodeToString(info.Hash[:])
	onDisk, err := os.ReadFile(srv.ObjectPath("blobs", "gensyn/blobs/"+x[:2]+"/"+x))
	require.NoError(t, err)
	require.Equal(t, data, onDisk)

	got, err := readAll(t, s, info.Hash)
	require.NoError(t, err)
	require.Equal(t, data, got)
	st, err := s.Stat(ctx, info.Hash)
	require.NoError(t, err)
	require.Equal(t, info, st)

	again, err := s.Put(ctx, bytes.NewReader(data), 0)
	require.NoError(t, err, "a second Put of stored content is a no-op")
	require.Equal(t, info, again)

	missing := Sum([]byte("never stored"))
	_, _, err = s.Get(ctx, missing)
	require.ErrorIs(t, err, ErrNotFound)
	require.True(t, Unusable(err))
	_, err = s.Stat(ctx, missing)
	require.ErrorIs(t, err, ErrNotFound)

	_, err = s.Put(ctx, bytes.NewReader(make([]byte, 11)), 10)
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = s.Stat(ctx, Sum(make([]byte, 11)))
	require.ErrorIs(t, err, ErrNotFound, "a refused upload leaves nothing behind")

	// A blob over the multipart part size goes up in parts and comes back whole.
	cfg := s3Config(srv, "blobs")
	cfg.PartSize = s3MinPartSize
	s, err = OpenS3(ctx, cfg)
	require.NoError(t, err)
	big := make([]byte, s3MinPartSize+s3MinPartSize/2)
	_, _ = rand.Read(big)
	binfo, err := s.Put(ctx, bytes.NewReader(big), 0)
	require.NoError(t, err)
	require.Equal(t, Sum(big), binfo.Hash)
	gotBig, err := readAll(t, s, binfo.Hash)
	require.NoError(t, err)
	require.True(t, bytes.Equal(big, gotBig))
}

func TestS3_index(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	s := openS3(t, srv, "blobs", "")
	ctx := context.Background()
	key := Sum([]byte("state root"))

	hs, err := s.Lookup(ctx, key)
	require.NoError(t, err)
	require.Empty(t, hs)
	require.ErrorIs(t, s.Link(ctx, key, Sum([]byte("absent"))), ErrNotFound, "only stored blobs are listed")

	var want []Hash
	for i := 0; i < MaxIndexEntries; i++ {
		info, err := s.Put(ctx, strings.NewReader("blob "+string(rune('A'+i))), 0)
		require.NoError(t, err)
		require.NoError(t, s.Link(ctx, key, info.Hash))
		want = append(want, info.Hash)
	}
	require.NoError(t, s.Link(ctx, key, want[0]), "linking twice is a no-op")
	hs, err = s.Lookup(ctx, key)
	require.NoError(t, err)
	require.Len(t, hs, MaxIndexEntries)
	require.ElementsMatch(t, want, hs)
	for i := 1; i < len(hs); i++ {
		require.Less(t, hs[i-1].String(), hs[i].String(), "sorted")
	}
	extra, err := s.Put(ctx, strings.NewReader("one too many"), 0)
	require.NoError(t, err)
	require.ErrorIs(t, s.Link(ctx, key, extra.Hash), ErrIndexFull)
}

// TestS3_corruptObject: an object altered in the bucket (on the server's
// disk, or overwritten through the S3 API) is detected at read, never
// served as good, and the HTTP server cuts the response short.
func TestS3_corruptObject(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	s := openS3(t, srv, "blobs", "")
	ctx := context.Background()

	data := bytes.Repeat([]byte("trace "), 1000)
	info, err := s.Put(ctx, bytes.NewReader(data), 0)
	require.NoError(t, err)

	// Bit rot on the server's disk (same length).
	path := srv.ObjectPath("blobs", s.key(info.Hash))
	rotten := bytes.Clone(data)
	rotten[len(rotten)/2] ^= 1
	require.NoError(t, os.WriteFile(path, rotten, 0o600))
	_, err = readAll(t, s, info.Hash)
	require.ErrorIs(t, err, ErrHashMismatch)
	require.True(t, Unusable(err))

	// Another writer of the bucket replaces the object.
	other, err := NewS3(s3Config(srv, "blobs"))
	require.NoError(t, err)
	_, err = other.c.PutObject(ctx, "blobs", s.key(info.Hash), strings.NewReader("forged"), 6, minio.PutObjectOptions{})
	require.NoError(t, err)
	_, err = readAll(t, s, info.Hash)
	require.ErrorIs(t, err, ErrHashMismatch)

	// Through the blob store's HTTP API, as workers and clients read it.
	hs := httptest.NewServer(NewServer(s, 0, nil))
	defer hs.Close()
	_, err = NewClient(hs.URL, nil).Get(ctx, info.Hash, 0)
	require.Error(t, err)
	require.NotErrorIs(t, err, ErrNotFound)
}

// TestS3_httpServer: the blob store's HTTP API on the S3 backend, driven by
// the same client the worker, verifier and job client use.
func TestS3_httpServer(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	s := openS3(t, srv, "blobs", "p/")
	hs := httptest.NewServer(NewServer(s, 1<<20, nil))
	defer hs.Close()
	c := NewClient(hs.URL, nil)
	ctx := context.Background()

	data := []byte("dataset bytes")
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	got, err := c.Get(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, data, got)
	ok, err := c.Has(ctx, h)
	require.NoError(t, err)
	require.True(t, ok)
	ok, err = c.Has(ctx, Sum([]byte("nope")))
	require.NoError(t, err)
	require.False(t, ok)
	_, err = c.Get(ctx, Sum([]byte("nope")), 0)
	require.ErrorIs(t, err, ErrNotFound)
	_, err = c.Put(ctx, make([]byte, 1<<20+1))
	require.ErrorIs(t, err, ErrTooLarge)

	key := Sum([]byte("root"))
	require.NoError(t, c.Link(ctx, key, h))
	listed, err := c.Lookup(ctx, key)
	require.NoError(t, err)
	require.Equal(t, []Hash{h}, listed)
}

// TestS3_startupCheck: each misconfiguration is one typed error.
func TestS3_startupCheck(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	cfg := s3Config(srv, "no-such-bucket")
	_, err := OpenS3(ctx, cfg)
	require.ErrorIs(t, err, ErrS3BucketNotFound)
	require.Contains(t, err.Error(), "no-such-bucket")

	cfg = s3Config(srv, "blobs")
	cfg.SecretKey = "wrong"
	_, err = OpenS3(ctx, cfg)
	require.ErrorIs(t, err, ErrS3AccessDenied)
	require.NotContains(t, err.Error(), "wrong", "the secret is not echoed")

	cfg = s3Config(srv, "blobs")
	cfg.AccessKey = "UNKNOWN"
	_, err = OpenS3(ctx, cfg)
	require.ErrorIs(t, err, ErrS3AccessDenied)

	cfg = s3Config(srv, "blobs")
	cfg.Region = "eu-west-1" // the signature names the wrong region
	_, err = OpenS3(ctx, cfg)
	require.ErrorIs(t, err, ErrS3AccessDenied)

	for _, bad := range []S3Config{
		{Endpoint: srv.Endpoint, AccessKey: "a", SecretKey: "b"},
		{Endpoint: srv.Endpoint, Bucket: "blobs"},
		{Endpoint: "ftp://" + srv.Endpoint, Bucket: "blobs", AccessKey: "a", SecretKey: "b"},
		{Endpoint: "http://" + srv.Endpoint + "/path", Bucket: "blobs", AccessKey: "a", SecretKey: "b"},
		{Endpoint: srv.Endpoint, Bucket: "blobs", AccessKey: "a", SecretKey: "b", PartSize: 1 << 20},
	} {
		_, err = NewS3(bad)
		require.ErrorIs(t, err, ErrS3Config, "%+v", bad)
	}

	// An http:// URL endpoint works like host:port with Insecure.
	cfg = s3Config(srv, "blobs")
	cfg.Endpoint, cfg.Insecure = "http://"+srv.Endpoint, false
	s, err := OpenS3(ctx, cfg)
	require.NoError(t, err)
	require.Equal(t, "http://"+srv.Endpoint+"/blobs/", s.String())

	// The /healthz check follows the bucket's reachability.
	hs := httptest.NewServer(NewServer(s, 0, nil))
	defer hs.Close()
	health := func() int {
		resp, err := http.Get(hs.URL + "/healthz")
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.NoError(t, s.Ping(ctx))
	require.Equal(t, http.StatusOK, health())

	srv.Stop()
	_, err = OpenS3(ctx, s3Config(srv, "blobs"))
	require.ErrorIs(t, err, ErrS3Unreachable)
	require.ErrorIs(t, s.Ping(ctx), ErrS3Unreachable)
	require.Equal(t, http.StatusServiceUnavailable, health())
}

// TestS3_chunked: a blob of many chunks goes through the HTTP server into
// the S3 backend (its multipart upload) and streams back verified.
func TestS3_chunked(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	s := openS3(t, srv, "blobs", "p/")
	server := NewServer(s, 0, nil)
	server.SetUploadDir(t.TempDir())
	hs := httptest.NewServer(server)
	defer hs.Close()
	c := NewClient(hs.URL, nil)
	c.ChunkSize = 64 << 10
	ctx := context.Background()

	data := make([]byte, 300<<10+7)
	_, _ = rand.Read(data)
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	require.Equal(t, Sum(data), h)
	info, err := s.Stat(ctx, h)
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), info.Size)
	path := filepath.Join(t.TempDir(), "blob")
	n, err := c.GetFile(ctx, h, path, int64(len(data)))
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), n)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, data, got)
}
