package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// killAfter reads r and, once n bytes have gone out, calls kill once.
type killAfter struct {
	r    io.Reader
	n    int
	kill func()
}

func (k *killAfter) Read(p []byte) (int, error) {
	if k.n <= 0 && k.kill != nil {
		k.kill()
		k.kill = nil
	}
	if len(p) > k.n && k.kill != nil {
		p = p[:k.n]
	}
	n, err := k.r.Read(p)
	k.n -= n
	return n, err
}

// TestBlobStreamChunked runs the real `gensyn blobstore` process and moves
// a blob of many chunks through it: uploaded from a file in chunks,
// killed with SIGKILL in the middle of another upload (which fails and
// stores nothing), restarted, and downloaded back to a file whose bytes
// are the blob's.
func TestBlobStreamChunked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "blobs")
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	cmd := startBlobstore(t, dir, addr)
	client := blobstore.NewClient("http://"+addr, nil)
	client.ChunkSize = 1 << 20
	ctx := context.Background()

	data := make([]byte, 12<<20+12345)
	_, _ = rand.Read(data)
	src := filepath.Join(t.TempDir(), "checkpoint.gck")
	require.NoError(t, os.WriteFile(src, data, 0o644))
	h, err := client.PutFile(ctx, src)
	require.NoError(t, err)
	require.Equal(t, blobstore.Sum(data), h)

	// An upload cut by a SIGKILL of the server fails; nothing is stored.
	other := make([]byte, 6<<20)
	_, _ = rand.Read(other)
	_, _, err = client.PutReader(ctx, &killAfter{r: bytes.NewReader(other), n: 3 << 20, kill: func() {
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
	}})
	require.Error(t, err)
	startBlobstore(t, dir, addr)
	ok, err := client.Has(ctx, blobstore.Sum(other))
	require.NoError(t, err)
	require.False(t, ok, "a cut upload is never stored")

	out := filepath.Join(t.TempDir(), "fetched.gck")
	n, err := client.GetFile(ctx, h, out, int64(len(data)))
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), n)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.Equal(data, got))

	_, err = client.GetFile(ctx, h, filepath.Join(t.TempDir(), "small"), int64(len(data))-1)
	require.ErrorIs(t, err, blobstore.ErrTooLarge)
}
