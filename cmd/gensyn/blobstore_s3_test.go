package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/s3test"
	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// TestBlobstoreS3_badInput: every misconfiguration of the S3 backend is one
// line, found before the server listens (the start-up check reaches the
// real S3 server for the bucket and the credentials).
func TestBlobstoreS3_badInput(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "secret")
	require.NoError(t, os.WriteFile(secretFile, []byte(srv.SecretKey+"\n"), 0o600))
	wrongFile := filepath.Join(dir, "wrong")
	require.NoError(t, os.WriteFile(wrongFile, []byte("not-the-secret\n"), 0o600))
	emptyFile := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(emptyFile, nil, 0o600))
	base := []string{"blobstore", "--dir", dir, "--addr", "127.0.0.1:0", "--backend", "s3", "--s3.insecure", "--s3.endpoint", srv.Endpoint}
	with := func(extra ...string) []string { return append(append([]string{}, base...), extra...) }
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"blobstore", "--backend", "gcs"}, `--backend: must be "local" or "s3", got "gcs"`},
		{[]string{"blobstore", "--dir", dir, "--s3.bucket", "blobs"}, "--s3.bucket needs --backend s3"},
		{with(), "--s3.bucket is required with --backend s3"},
		{with("--s3.bucket", "blobs"), "--s3.access-key is required with --backend s3"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey), "--s3.secret-key-file (or --s3.secret-key) is required"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey, "--s3.secret-key", "x", "--s3.secret-key-file", secretFile), "not both"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey, "--s3.secret-key-file", filepath.Join(dir, "absent")), "--s3.secret-key-file: open"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey, "--s3.secret-key-file", emptyFile), "is empty"},
		{with("--s3.bucket", "nope", "--s3.access-key", srv.AccessKey, "--s3.secret-key-file", secretFile), "s3 bucket does not exist: nope"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey, "--s3.secret-key-file", wrongFile), "s3 access denied (check the access key, the secret key and the bucket policy): SignatureDoesNotMatch"},
		{with("--s3.bucket", "blobs", "--s3.access-key", "SOMEONE", "--s3.secret-key-file", secretFile), "s3 access denied (check the access key, the secret key and the bucket policy): InvalidAccessKeyId"},
		{with("--s3.bucket", "blobs", "--s3.access-key", srv.AccessKey, "--s3.secret-key-file", secretFile, "--s3.endpoint", "ftp://x"), "bad s3 configuration"},
		{[]string{"blobstore", "--dir", dir, "--backend", "s3", "--s3.insecure", "--s3.endpoint", "127.0.0.1:1", "--s3.bucket", "blobs", "--s3.access-key", "a", "--s3.secret-key", "b"}, "s3 endpoint unreachable"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.NotContains(t, oneLine(err), "\n")
		require.NotContains(t, err.Error(), srv.SecretKey, "the secret never appears")
		require.NotContains(t, err.Error(), "not-the-secret", "the secret never appears")
	}
}

// TestBlobstoreS3_serves: `gensyn blobstore --backend s3`, configured from
// the environment (the secret from a file), serves the HTTP API from the
// bucket.
func TestBlobstoreS3_serves(t *testing.T) {
	srv := s3test.Start(t, "blobs")
	secretFile := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(secretFile, []byte(srv.SecretKey), 0o600))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	for k, v := range map[string]string{
		"GENSYN_BLOBSTORE_BACKEND": "s3", "GENSYN_BLOBSTORE_S3_ENDPOINT": srv.Endpoint, "GENSYN_BLOBSTORE_S3_INSECURE": "true",
		"GENSYN_BLOBSTORE_S3_BUCKET": "blobs", "GENSYN_BLOBSTORE_S3_PREFIX": "team-a", "GENSYN_BLOBSTORE_S3_ACCESS_KEY": srv.AccessKey,
		"GENSYN_BLOBSTORE_S3_SECRET_KEY_FILE": secretFile, "GENSYN_BLOBSTORE_ADDR": addr, "GENSYN_BLOBSTORE_DIR": t.TempDir(),
	} {
		t.Setenv(k, v)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, logs bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"gensyn", "blobstore"}, &out, &logs) }()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	}, 30*time.Second, 50*time.Millisecond)

	c := blobstore.NewClient("http://"+addr, nil)
	data := []byte("a spec, kept in S3")
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	got, err := c.Get(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, data, got)
	x := strings.TrimPrefix(h.String(), "0x")
	onDisk, err := os.ReadFile(srv.ObjectPath("blobs", "team-a/blobs/"+x[:2]+"/"+x))
	require.NoError(t, err, "the blob is in the bucket under the prefix")
	require.Equal(t, data, onDisk)

	cancel()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			require.NoError(t, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("blobstore did not stop")
	}
	require.Contains(t, logs.String(), "backend=\"s3 http://"+srv.Endpoint+"/blobs/team-a/\"")
	require.NotContains(t, logs.String(), srv.SecretKey)
}
