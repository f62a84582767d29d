package e2e

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
)

func startBlobstore(t *testing.T, dir, addr string) *exec.Cmd {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), "blobstore.log")
	logf, err := os.Create(logPath)
	require.NoError(t, err)
	cmd := exec.Command(gensynBin(t), "blobstore", "--dir", dir, "--addr", addr)
	cmd.Stdout, cmd.Stderr = logf, logf
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("blobstore log:\n%s", b)
		}
	})
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 10*time.Second, 50*time.Millisecond, "blobstore did not start")
	return cmd
}

// TestBlobstore runs the real `gensyn blobstore` process, stores a blob,
// kills the process with SIGKILL, restarts it, and reads the blob back.
func TestBlobstore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "blobs")
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	cmd := startBlobstore(t, dir, addr)
	client := blobstore.NewClient("http://"+addr, nil)
	ctx := context.Background()

	data := bytes.Repeat([]byte("checkpoint "), 10_000)
	h, err := client.Put(ctx, data)
	require.NoError(t, err)
	require.Equal(t, blobstore.Sum(data), h)

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	startBlobstore(t, dir, addr)
	got, err := client.Get(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, data, got)

	_, err = client.Get(ctx, blobstore.Sum([]byte("absent")), 0)
	require.ErrorIs(t, err, blobstore.ErrNotFound)

	// Bad input: a busy port is one clear error line.
	requireOneLineError(t, gensyn(t, nil, "blobstore", "--dir", dir, "--addr", addr), "address already in use")
}
