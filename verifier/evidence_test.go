package verifier

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
)

// TestEvidenceBlob: a dispute blob is decoded as it streams, within the
// size its game gives it: one larger, altered on the store's disk, or
// malformed is not evidence (nil); a good one is decoded and cached.
func TestEvidenceBlob(t *testing.T) {
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
	d := &Driver{log: log.NewLogger(log.DiscardHandler()), blobs: client, blobCache: map[common.Hash]cachedBlob{}}
	newRoots := func() blobDecoder { return new(dispute.StepRootsData) }

	want := &dispute.StepRootsData{FirstStep: 100, Roots: make([]commit.Hash, 101)}
	for i := range want.Roots {
		want.Roots[i][0] = byte(i)
	}
	b, err := want.MarshalBinary()
	require.NoError(t, err)
	size := dispute.StepRootsBlobSize(100)
	require.Equal(t, size, int64(len(b)))
	h, err := client.Put(ctx, b)
	require.NoError(t, err)

	require.Nil(t, d.blob(ctx, h, size-1, newRoots), "larger than the game says")
	got := d.blob(ctx, h, size, newRoots)
	require.NotNil(t, got)
	require.Equal(t, want, got)
	require.Len(t, d.blobCache, 1)

	// Altered on the store's disk: refused while it streams.
	x := h.String()[2:]
	bad := append([]byte(nil), b...)
	bad[len(bad)-1] ^= 1
	clear(d.blobCache)
	require.NoError(t, os.WriteFile(filepath.Join(dir, x[:2], x), bad, 0o644))
	require.Nil(t, d.blob(ctx, h, size, newRoots))

	// Well-formed bytes of another kind: malformed as step roots.
	et, err := (&dispute.ElementTraceData{Items: make([]commit.Hash, 3)}).MarshalBinary()
	require.NoError(t, err)
	h2, err := client.Put(ctx, et)
	require.NoError(t, err)
	require.Nil(t, d.blob(ctx, h2, size, newRoots))
	require.Nil(t, d.blob(ctx, [32]byte{}, size, newRoots))
}
