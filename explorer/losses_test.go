package explorer

import (
	"context"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestLosses: the loss of each checkpoint is computed from the checkpoint
// published under its root (the same held-out loss the trainer reported),
// in the background, with the page's topic notified; a root with no
// published checkpoint, or only a blob that is not that checkpoint, gives
// no point.
func TestLosses(t *testing.T) {
	ctx := context.Background()
	raw, err := os.ReadFile("../examples/digits-mlp.json")
	require.NoError(t, err)
	specText := strings.Replace(string(raw), `"steps": 1000`, `"steps": 200`, 1)
	data, err := os.ReadFile("../data/digits.csv.gz")
	require.NoError(t, err)
	p, err := jobclient.Prepare([]byte(specText), data, jobclient.Terms{Escrow: big.NewInt(1), MaxPrice: big.NewInt(1), RequiredCollateral: big.NewInt(1),
		BidWindow: 60, ExecutionWindow: 3600, ChallengeWindow: 60})
	require.NoError(t, err)

	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	ts := httptest.NewServer(blobstore.NewServer(local, 1<<28, nil))
	defer ts.Close()
	blobs := blobstore.NewClient(ts.URL, nil)
	_, err = blobs.Put(ctx, p.SpecBytes)
	require.NoError(t, err)
	_, err = blobs.Put(ctx, data)
	require.NoError(t, err)

	// train the job and publish its first checkpoint only
	tr, err := jobclient.VerifyJob(p.Params, p.Spec, data, trainer.Options{CheckpointDir: t.TempDir()})
	require.NoError(t, err)
	var prog []trainer.Progress
	_, err = tr.Run(ctx, nil, 0, func(pr trainer.Progress) error { prog = append(prog, pr); return nil })
	require.NoError(t, err)
	require.Len(t, prog, 2)
	ck1, err := os.ReadFile(prog[0].Path)
	require.NoError(t, err)
	h, err := blobs.Put(ctx, ck1)
	require.NoError(t, err)
	require.NoError(t, blobs.Link(ctx, blobstore.Hash(prog[0].StateRoot), h))
	// a wrong blob filed under checkpoint 2's root is not taken for it
	require.NoError(t, blobs.Link(ctx, blobstore.Hash(prog[1].StateRoot), h))

	q := p.Params
	j := indexer.Job{JobSummary: indexer.JobSummary{ID: 7}, Params: indexer.JobParams{SpecHash: q.SpecHash, DatasetHash: q.DatasetHash,
		DatasetURI: q.DatasetUri, InitialStateRoot: q.InitialStateRoot, GraphRoot: q.GraphRoot, DataRoot: q.DataRoot, Steps: q.Steps,
		CheckpointInterval: q.CheckpointInterval, MaxPrice: q.MaxPrice, RequiredCollateral: q.RequiredCollateral},
		Rounds: []indexer.Round{{Round: 1, Checkpoints: []indexer.Checkpoint{
			{Index: 1, StateRoot: common.Hash(prog[0].StateRoot)}, {Index: 2, StateRoot: common.Hash(prog[1].StateRoot)}}}}}

	notified := make(chan uint64, 4)
	l := NewLosses(blobs, nil, func(job uint64) { notified <- job })
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go l.Run(runCtx)

	_, ok := l.Loss(&j, j.Rounds[0].Checkpoints[0].StateRoot)
	require.False(t, ok, "not known before the background work")
	select {
	case id := <-notified:
		require.Equal(t, uint64(7), id)
	case <-time.After(60 * time.Second):
		t.Fatal("no notification")
	}
	v, ok := l.Loss(&j, j.Rounds[0].Checkpoints[0].StateRoot)
	require.True(t, ok)
	require.Equal(t, prog[0].EvalLoss, v, "the held-out loss the trainer reported at that checkpoint")
	_, ok = l.Loss(&j, j.Rounds[0].Checkpoints[1].StateRoot)
	require.False(t, ok, "checkpoint 2 is not published: no point")

	// the page shows the computed point, verified once the round is accepted
	ix := newFake()
	j.Rounds[0].End = "finalized"
	j.Status = indexer.StatusFinalized
	ix.jobs[7] = j
	srv, err := New(NewIndexSource(ix, IndexConfig{Losses: l}), nil)
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/jobs/7", nil))
	require.Equal(t, 200, rec.Code)
	require.Contains(t, rec.Body.String(), `data-series="[[100],[`)
	require.Contains(t, rec.Body.String(), `<td><span class="badge good">verified</span></td>`)
	_ = filepath.Join
}
