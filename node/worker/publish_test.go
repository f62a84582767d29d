package worker

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
)

// TestPublishStreamedBlob: the data behind a move that comes as a stream
// (a step trace too large to hold twice) is uploaded in chunks as it is
// encoded and stored under the blob's hash; a move's bytes are uploaded as
// they are.
func TestPublishStreamedBlob(t *testing.T) {
	ctx := context.Background()
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	s := blobstore.NewServer(local, 0, nil)
	s.SetUploadDir(t.TempDir())
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := blobstore.NewClient(srv.URL, nil)
	client.ChunkSize = 4096
	d := &Driver{blobs: client}

	outs := make([][]float32, 3)
	for i := range outs {
		outs[i] = make([]float32, 3000+i)
		for j := range outs[i] {
			outs[i][j] = float32(i*j) / 7
		}
	}
	data := &dispute.StepTraceData{Step: 5, NodeRoots: make([]commit.Hash, 3), StartTensors: make([]commit.Hash, 2),
		NextTensors: make([]commit.Hash, 2), Outputs: outs}
	blob, err := data.MarshalBinary()
	require.NoError(t, err)
	require.Greater(t, len(blob), 3*4096, "several chunks")

	h, err := d.publishBlob(ctx, &dispute.WorkerMove{BlobTo: data, BlobSize: int64(len(blob))})
	require.NoError(t, err)
	require.Equal(t, blobstore.Sum(blob), h)
	rc, _, err := local.Get(ctx, h)
	require.NoError(t, err)
	stored, err := io.ReadAll(rc)
	rc.Close()
	require.NoError(t, err)
	require.True(t, bytes.Equal(blob, stored))

	small := []byte("step roots")
	h, err = d.publishBlob(ctx, &dispute.WorkerMove{Blob: small})
	require.NoError(t, err)
	require.Equal(t, blobstore.Sum(small), h)
}
