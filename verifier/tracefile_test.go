package verifier

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
)

// stepTraceFiles lists the step trace files (verified or partial) of every
// game directory under dataDir.
func stepTraceFiles(t testing.TB, dataDir string) []string {
	t.Helper()
	var out []string
	for _, prefix := range []string{traceFilePrefix, traceTempPrefix} {
		m, err := filepath.Glob(filepath.Join(dataDir, "games", "*", prefix+"*"))
		require.NoError(t, err)
		out = append(out, m...)
	}
	return out
}

// TestStepTraceFile: a published step trace streams into a file of its
// game's directory, verified by its hash and checked whole before it is
// renamed into place, and is read from there (not counted in the blob
// cache): one larger than the job allows, altered on the store's disk,
// truncated or malformed is not evidence and leaves no file; a game's file
// is removed when it is dropped (resolved, stopped) or when another process
// starts.
func TestStepTraceFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	local, err := blobstore.NewLocal(dir)
	require.NoError(t, err)
	s := blobstore.NewServer(local, 0, nil)
	s.SetUploadDir(t.TempDir())
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := blobstore.NewClient(srv.URL, nil)
	client.ChunkSize = 1024
	dataDir := t.TempDir()
	newDriver := func() *Driver {
		return &Driver{log: log.NewLogger(log.DiscardHandler()), blobs: client, blobCache: map[common.Hash]cachedBlob{},
			cfg: DriverConfig{DataDir: dataDir}}
	}
	d := newDriver()
	const game = 5

	want := &dispute.StepTraceData{Step: 3, NodeRoots: make([]commit.Hash, 3), StartTensors: make([]commit.Hash, 2),
		NextTensors: make([]commit.Hash, 2), Outputs: [][]float32{make([]float32, 700), {}, {1.5, -2}}}
	for i := range want.Outputs[0] {
		want.Outputs[0][i] = float32(i) / 7
	}
	want.NodeRoots[1][0] = 9
	b, err := want.MarshalBinary()
	require.NoError(t, err)
	size := int64(len(b))
	h, err := client.Put(ctx, b)
	require.NoError(t, err)
	// start.gck and other files of the game's directory are never touched
	require.NoError(t, os.MkdirAll(d.gameDir(game), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(d.gameDir(game), "start.gck"), []byte("kept"), 0o644))

	require.Nil(t, d.stepTraceFile(ctx, game, h, size-1), "larger than the job allows")
	require.Empty(t, stepTraceFiles(t, dataDir))

	got := d.stepTraceFile(ctx, game, h, size)
	require.NotNil(t, got)
	requireTrace(t, want, got)
	path := filepath.Join(d.gameDir(game), traceFilePrefix+strings.TrimPrefix(common.Hash(h).Hex(), "0x"))
	require.Equal(t, []string{path}, stepTraceFiles(t, dataDir))
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, b, onDisk)
	require.Empty(t, d.blobCache, "not in the in-memory blob cache")
	require.Same(t, got, d.stepTraceFile(ctx, game, h, size), "kept for the game")

	// Dropped (the game resolved): closed and removed.
	d.dropTrace(game)
	require.Empty(t, stepTraceFiles(t, dataDir))
	require.FileExists(t, filepath.Join(d.gameDir(game), "start.gck"))

	// Altered on the store's disk (still well formed): refused with the
	// last byte, nothing left.
	x := h.String()[2:]
	bad := append([]byte(nil), b...)
	bad[len(bad)-1] ^= 1
	require.NoError(t, os.WriteFile(filepath.Join(dir, x[:2], x), bad, 0o644))
	require.Nil(t, d.stepTraceFile(ctx, game, h, size))
	require.Empty(t, stepTraceFiles(t, dataDir))
	require.NoError(t, os.WriteFile(filepath.Join(dir, x[:2], x), b, 0o644))

	// Truncated, with trailing bytes, of another kind: malformed, nothing left.
	et, err := (&dispute.ElementTraceData{Items: make([]commit.Hash, 3)}).MarshalBinary()
	require.NoError(t, err)
	for _, blob := range [][]byte{b[:len(b)-3], append(append([]byte(nil), b...), 0), et} {
		hb, err := client.Put(ctx, blob)
		require.NoError(t, err)
		require.Nil(t, d.stepTraceFile(ctx, game, hb, size+1))
		require.Empty(t, stepTraceFiles(t, dataDir))
	}
	require.Nil(t, d.stepTraceFile(ctx, game, [32]byte{}, size))

	// Another process: what the first left (a verified file, a partial one)
	// is removed at its start, and before it fetches the game's trace.
	require.NotNil(t, d.stepTraceFile(ctx, game, h, size))
	require.NoError(t, os.WriteFile(filepath.Join(d.gameDir(game), traceTempPrefix+"123"), []byte("partial"), 0o644))
	require.NoError(t, os.MkdirAll(d.gameDir(game+1), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(d.gameDir(game+1), traceFilePrefix+"00"), []byte("old"), 0o644))
	require.Len(t, stepTraceFiles(t, dataDir), 3)
	d2 := newDriver()
	d2.sweepTraces()
	require.Empty(t, stepTraceFiles(t, dataDir))
	require.FileExists(t, filepath.Join(d.gameDir(game), "start.gck"))
	require.NoError(t, os.WriteFile(filepath.Join(d.gameDir(game), traceTempPrefix+"456"), []byte("partial"), 0o644))
	got2 := d2.stepTraceFile(ctx, game, h, size)
	require.NotNil(t, got2)
	requireTrace(t, want, got2)
	require.Equal(t, []string{path}, stepTraceFiles(t, dataDir))
	// stopped: closed and removed
	d2.dropTraces()
	require.Empty(t, stepTraceFiles(t, dataDir))
	require.Empty(t, d2.traces)
}

func requireTrace(t *testing.T, want *dispute.StepTraceData, got *dispute.StepTraceFile) {
	t.Helper()
	require.Equal(t, want.Step, got.Step)
	require.Equal(t, want.NodeRoots, got.NodeRoots)
	require.Equal(t, want.StartTensors, got.StartTensors)
	require.Equal(t, want.NextTensors, got.NextTensors)
	require.Equal(t, len(want.Outputs), got.NumOutputs())
	for j, o := range want.Outputs {
		out, err := got.Output(j, len(o))
		require.NoError(t, err)
		require.Equal(t, o, out)
	}
}
