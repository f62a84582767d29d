package verifier

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// TestAuditReplayHashesOnlyEnds: the audit paths (replaying the whole job,
// and the start state of checkpoint k replayed from the initial state when
// checkpoint k-1 is not published) compute one state root per interval, not
// one per step: per-step roots are computed only inside a game.
func TestAuditReplayHashesOnlyEnds(t *testing.T) {
	specBytes, data := smallJob(t)
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(srv.Close)
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	d := &Driver{cfg: DriverConfig{MaxBlobSize: 1 << 20}, log: log.NewLogger(log.DiscardHandler()), m: metrics.NoopMetrics,
		blobs: blobstore.NewClient(srv.URL, nil), store: store}
	ctx := context.Background()
	K := int(s.Steps / s.CheckpointInterval)
	require.Equal(t, 2, K)

	before := trainer.StateRootsComputed()
	own, err := d.replayAll(ctx, tr, K)
	require.NoError(t, err)
	require.Equal(t, uint64(K), trainer.StateRootsComputed()-before, "one root per checkpoint")

	// The same roots as the per-step replay.
	st, err := tr.InitialState()
	require.NoError(t, err)
	for k := range own {
		rs, next, err := tr.ReplayInterval(ctx, st)
		require.NoError(t, err)
		require.Equal(t, common.Hash(rs[len(rs)-1]), own[k])
		st = next
	}

	// Checkpoint 1 not published: the start state of checkpoint 2 is
	// replayed, hashing the end of interval 1 only (and the wanted root
	// matches it).
	before = trainer.StateRootsComputed()
	start, err := d.startState(ctx, tr, 2, own, 0, nil)
	require.NoError(t, err)
	require.Equal(t, uint64(s.CheckpointInterval), start.Step)
	require.Equal(t, uint64(1), trainer.StateRootsComputed()-before)
}
