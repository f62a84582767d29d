package jobclient

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// corrupting serves the blob store with one byte flipped in every download
// of the blob bad (a store or a network that corrupts it in transit).
type corrupting struct {
	h   http.Handler
	bad string
}

func (c *corrupting) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || c.bad == "" || !strings.HasSuffix(r.URL.Path, c.bad) {
		c.h.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	b := rec.Body.Bytes()
	if len(b) > 0 {
		b[len(b)/2] ^= 1
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(b)
}

// TestModelFile: the model streams to the file while it is verified; a
// blob corrupt in transit, a truncated one, or one that is not the job's
// model leaves no file (and no temporary file), and a file already at the
// path is kept; the fetch allocates the decoded state and no copy of the
// blob.
func TestModelFile(t *testing.T) {
	specBytes, data := example(t)
	specBytes = []byte(strings.Replace(string(specBytes), `[64, 32, 10]`, `[64, 1024, 1024, 10]`, 1))
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	ck, err := tr.Checkpoint(st)
	require.NoError(t, err)
	good, err := ck.Encode()
	require.NoError(t, err)
	job := bindings.IJobMarketJob{FinalModelRoot: ck.StateRoot}
	job.Params.SpecHash = tr.SpecHash()
	job.Params.Steps = 0

	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	proxy := &corrupting{h: blobstore.NewServer(local, 0, nil)}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	blobs := blobstore.NewClient(srv.URL, nil)
	ctx := context.Background()
	put := func(b []byte) blobstore.Hash {
		h, _, err := blobs.PutReader(ctx, bytes.NewReader(b))
		require.NoError(t, err)
		return h
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "model.gck")
	nothingLeft := func(what string) {
		t.Helper()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, what)
	}

	// Corrupt in transit: the stream's verdict, and nothing written.
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)/2] ^= 1
	hf := put(flipped)
	proxy.bad = hf.String()
	_, _, err = modelFile(ctx, blobs, hf, job, out)
	require.ErrorIs(t, err, blobstore.ErrHashMismatch)
	nothingLeft("corrupt in transit")
	// A truncated checkpoint (a blob of its own).
	_, _, err = modelFile(ctx, blobs, put(good[:len(good)-4096]), job, out)
	require.ErrorIs(t, err, trainer.ErrCheckpoint)
	nothingLeft("truncated")
	// A sound checkpoint that is not the job's model.
	hg := put(good)
	other := job
	other.Params.Steps = 100
	_, _, err = modelFile(ctx, blobs, hg, other, out)
	require.ErrorIs(t, err, errBadCheckpoint)
	nothingLeft("not the job's model")

	// The model: the file is the blob, and the fetch held no copy of it.
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	got, n, err := modelFile(ctx, blobs, hg, job, out)
	runtime.ReadMemStats(&ms1)
	require.NoError(t, err)
	require.Equal(t, int64(len(good)), n)
	require.Equal(t, ck.StateRoot, got.StateRoot)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.Equal(good, b))
	alloc := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(good))
	t.Logf("model %d bytes: fetching it to a file allocated %.3f of it", len(good), alloc)
	require.Less(t, alloc, 1.25, "the decoded state, and no copy of the blob")

	// A path that cannot be written is this machine's failure, not the
	// blob's: the error says so (and is not ErrNoModel's search).
	_, _, err = modelFile(ctx, blobs, hg, job, filepath.Join(dir, "missing", "model.gck"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	var le *localError
	require.ErrorAs(t, err, &le)

	// A failed fetch keeps the file already at the path.
	_, _, err = modelFile(ctx, blobs, hf, job, out)
	require.ErrorIs(t, err, blobstore.ErrHashMismatch)
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.Equal(good, b))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left")
}

// TestFirstModel: candidates are tried in turn past a bad blob, and a local
// failure (the output cannot be written) stops the search at once.
func TestFirstModel(t *testing.T) {
	hs := []blobstore.Hash{{1}, {2}, {3}}
	var tried []blobstore.Hash
	want := &trainer.Checkpoint{Step: 7}
	try := func(bad map[byte]error) func(blobstore.Hash, bindings.IJobMarketJob) (*trainer.Checkpoint, int64, error) {
		tried = nil
		return func(h blobstore.Hash, _ bindings.IJobMarketJob) (*trainer.Checkpoint, int64, error) {
			tried = append(tried, h)
			if err := bad[h[0]]; err != nil {
				return nil, 0, err
			}
			return want, 99, nil
		}
	}
	ck, n, err := firstModel(common.Hash{}, hs, bindings.IJobMarketJob{}, try(map[byte]error{1: trainer.ErrCheckpoint}))
	require.NoError(t, err)
	require.Equal(t, want, ck)
	require.Equal(t, int64(99), n)
	require.Len(t, tried, 2)

	_, _, err = firstModel(common.Hash{}, hs, bindings.IJobMarketJob{}, try(map[byte]error{1: trainer.ErrCheckpoint, 2: trainer.ErrCheckpoint, 3: errBadCheckpoint}))
	require.ErrorIs(t, err, ErrNoModel)
	require.ErrorIs(t, err, errBadCheckpoint)
	require.Len(t, tried, 3)

	disk := &localError{fs.ErrPermission}
	_, _, err = firstModel(common.Hash{}, hs, bindings.IJobMarketJob{}, try(map[byte]error{1: disk}))
	require.ErrorIs(t, err, fs.ErrPermission)
	require.NotErrorIs(t, err, ErrNoModel)
	require.Len(t, tried, 1, "a local failure stops the search")
}

// failingWriter fails every write after the first `ok` bytes (a full disk).
type failingWriter struct{ ok int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= f.ok {
		f.ok -= len(p)
		return len(p), nil
	}
	n := f.ok
	f.ok = 0
	return n, errors.New("no space left on device")
}

// TestWriteModelLocalFailure: a write that fails while the model streams
// is this machine's failure (a localError, which stops the search), not
// the candidate's; a candidate that is not the model is the candidate's.
func TestWriteModelLocalFailure(t *testing.T) {
	c := &trainer.Checkpoint{Step: 3, Names: []string{"a"}, State: []repops.Tensor{{Shape: []int{70000}, Data: make([]float32, 70000)}}}
	var err error
	c.StateRoot, err = commit.StateRootOf(3, []commit.Tensor{commit.Tensor(c.State[0])})
	require.NoError(t, err)
	b, err := c.Encode()
	require.NoError(t, err)
	job := bindings.IJobMarketJob{FinalModelRoot: c.StateRoot}
	job.Params.Steps = 3

	var out bytes.Buffer
	got, err := writeModel(bytes.NewReader(b), int64(len(b)), job, &out)
	require.NoError(t, err)
	require.Equal(t, c.StateRoot, got.StateRoot)
	require.Equal(t, b, out.Bytes())

	_, err = writeModel(bytes.NewReader(b), int64(len(b)), job, &failingWriter{ok: 100_000})
	var le *localError
	require.ErrorAs(t, err, &le)
	require.ErrorContains(t, err, "no space left")

	other := job
	other.Params.Steps = 4
	_, err = writeModel(bytes.NewReader(b), int64(len(b)), other, io.Discard)
	require.ErrorIs(t, err, errBadCheckpoint)
	require.False(t, errors.As(err, &le))
}
