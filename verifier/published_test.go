package verifier

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// flipper serves the blob store, with one byte flipped in the body of every
// download of the blob `bad` (a store or a network that corrupts it).
type flipper struct {
	h   http.Handler
	bad string
}

func (f *flipper) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, f.bad) {
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, r)
		b := rec.Body.Bytes()
		if len(b) > 0 {
			b[len(b)/2] ^= 1
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(b)
		return
	}
	f.h.ServeHTTP(w, r)
}

// TestPublishedStateStreams: the verifier decodes a published start
// checkpoint while it streams from the blob store, so what it allocates is
// the state it keeps (about one checkpoint's size), not the blob's bytes as
// well; a candidate that is corrupt in transit, truncated, or another step's
// is passed over for the right one under the same root.
func TestPublishedStateStreams(t *testing.T) {
	specBytes, data := smallJob(t)
	specBytes = []byte(strings.Replace(string(specBytes), `[64, 32, 10]`, `[64, 1024, 1024, 10]`, 1))
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	fl := &flipper{h: blobstore.NewServer(local, 0, nil)}
	srv := httptest.NewServer(fl)
	t.Cleanup(srv.Close)
	blobs := blobstore.NewClient(srv.URL, nil)
	d := &Driver{cfg: DriverConfig{MaxBlobSize: 1 << 20}, log: log.NewLogger(log.DiscardHandler()), m: metrics.NoopMetrics, blobs: blobs}
	ctx := context.Background()

	st, err := tr.Run(ctx, nil, uint64(s.CheckpointInterval), nil)
	require.NoError(t, err)
	ck, err := tr.Checkpoint(st)
	require.NoError(t, err)
	good, err := ck.Encode()
	require.NoError(t, err)
	require.Equal(t, tr.CheckpointSize(), int64(len(good)))
	root := common.Hash(ck.StateRoot)

	put := func(b []byte) blobstore.Hash {
		h, _, err := blobs.PutReader(ctx, bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, blobs.Link(ctx, blobstore.Hash(root), h))
		return h
	}
	// Bad candidates first: a truncated file, a file whose header root is
	// not its tensors' (it claims another step), and a good file that
	// arrives with a byte flipped.
	put(good[:len(good)-1000])
	other := *ck
	other.Step = 2 * uint64(s.CheckpointInterval)
	ob, err := other.Encode()
	require.NoError(t, err)
	put(ob)
	flipped := append([]byte(nil), good...)
	flipped[100] ^= 1 // a different blob; the proxy flips it back in transit
	fl.bad = put(flipped).String()

	_, err = d.streamCheckpoint(ctx, blobstore.Hash(blobstore.Sum(flipped)), tr.CheckpointSize())
	require.ErrorIs(t, err, trainer.ErrCheckpoint)
	require.ErrorIs(t, err, blobstore.ErrHashMismatch, "the stream's verdict reaches the caller")
	_, err = d.publishedState(ctx, tr, 1, root)
	require.ErrorIs(t, err, errNoCheckpoint, "no candidate is checkpoint 1")

	h := put(good)
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	dec, err := d.streamCheckpoint(ctx, h, tr.CheckpointSize())
	runtime.ReadMemStats(&ms1)
	require.NoError(t, err)
	require.Equal(t, ck.StateRoot, dec.StateRoot)
	size := float64(len(good))
	alloc := float64(ms1.TotalAlloc - ms0.TotalAlloc)
	t.Logf("checkpoint %d bytes; decoding it from the blob stream allocated %.3f of it", len(good), alloc/size)
	// The decoded state is one checkpoint's size; the blob's bytes held as
	// well would make it two.
	require.Less(t, alloc/size, 1.25, "decoding holds no blob's bytes")

	got, err := d.publishedState(ctx, tr, 1, root)
	require.NoError(t, err)
	gotRoot, err := tr.StateRoot(got)
	require.NoError(t, err)
	require.Equal(t, root, common.Hash(gotRoot))
}

// TestReplayEndAllocatesOneState: an audit's replay of an interval (with
// the games played between its steps) that keeps its start allocates one
// copy of the start state, stepped in place, not a state per step, and the
// start is unchanged; one that does not keep it steps the start itself,
// allocating less than a state, to the same end.
func TestReplayEndAllocatesOneState(t *testing.T) {
	specBytes, data := smallJob(t)
	specBytes = []byte(strings.Replace(string(specBytes), `[64, 32, 10]`, `[64, 512, 512, 10]`, 1))
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	store, err := OpenStore(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	d := &Driver{log: log.NewLogger(log.DiscardHandler()), m: metrics.NoopMetrics, store: store}
	ctx := context.Background()
	from, err := tr.InitialState()
	require.NoError(t, err)
	_, err = tr.Advance(from.Clone()) // builds the runner's buffers
	require.NoError(t, err)
	startRoot, err := tr.StateRoot(from)
	require.NoError(t, err)

	root, _, err := d.replayEnd(ctx, tr, from, true)
	require.NoError(t, err)
	// replay replays the interval from `from` and returns the states it
	// allocated (in units of the checkpoint's size), its root and end.
	replay := func(keep bool) (float64, commit.Hash, *trainer.State) {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		root, end, err := d.replayEnd(ctx, tr, from, keep)
		runtime.ReadMemStats(&b)
		require.NoError(t, err)
		return float64(b.TotalAlloc-a.TotalAlloc) / float64(tr.CheckpointSize()), root, end
	}
	steps, root2, _ := replay(true)
	require.Equal(t, root, root2)
	t.Logf("replay of %d steps allocated %.3f states (its end root included)", s.CheckpointInterval, steps)
	require.Less(t, steps, 2.0, "one copy of the start and the end's root, not a state per step")
	again, err := tr.StateRoot(from)
	require.NoError(t, err)
	require.Equal(t, startRoot, again, "the start state is unchanged")
	// The same end as stepping state by state.
	st := from
	for st.Step < uint64(s.CheckpointInterval) {
		st, _, err = tr.Step(st)
		require.NoError(t, err)
	}
	want, err := tr.StateRoot(st)
	require.NoError(t, err)
	require.Equal(t, want, root)

	// Not kept: from itself is the end.
	steps, root3, end := replay(false)
	require.Equal(t, root, root3)
	require.Same(t, from, end, "the start is stepped in place")
	require.Equal(t, uint64(s.CheckpointInterval), from.Step)
	t.Logf("replay of %d steps in place allocated %.3f states (its end root included)", s.CheckpointInterval, steps)
	require.Less(t, steps, 0.5, "no copy of the start")
}
