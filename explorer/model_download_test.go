package explorer

import (
	"bytes"
	"context"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// jobChain answers the job market's getJob from a map (status 0: unknown).
type jobChain struct {
	mu   sync.Mutex
	jobs map[uint64]bindings.IJobMarketJob
}

func (c *jobChain) CallContract(_ context.Context, msg ethereum.CallMsg, _ *big.Int) ([]byte, error) {
	parsed, err := bindings.JobMarketMetaData.ParseABI()
	if err != nil {
		return nil, err
	}
	m, err := parsed.MethodById(msg.Data[:4])
	if err != nil {
		return nil, err
	}
	args, err := m.Inputs.Unpack(msg.Data[4:])
	if err != nil || m.Name != "getJob" {
		return nil, ethereum.NotFound
	}
	c.mu.Lock()
	j := c.jobs[args[0].(*big.Int).Uint64()]
	c.mu.Unlock()
	if j.Escrow == nil {
		j.Escrow, j.Price = new(big.Int), new(big.Int)
		j.Params.MaxPrice, j.Params.RequiredCollateral = new(big.Int), new(big.Int)
	}
	return m.Outputs.Pack(j)
}

func (c *jobChain) FilterLogs(context.Context, ethereum.FilterQuery) ([]types.Log, error) {
	return nil, nil
}

func (c *jobChain) HeaderByNumber(context.Context, *big.Int) (*types.Header, error) {
	return &types.Header{Number: big.NewInt(1)}, nil
}

// finalModel trains nothing: the example job's step-0 checkpoint with
// wider layers (about 13 MB), as the final model of a job of 0 steps.
func finalModel(t *testing.T) ([]byte, bindings.IJobMarketJob) {
	t.Helper()
	s, err := spec.Load("../examples/digits-mlp.json")
	require.NoError(t, err)
	s.Model.Layers = []int{64, 1024, 1024, 10}
	ds, err := dataset.Load("../data/digits.csv.gz", s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	ck, err := tr.Checkpoint(st)
	require.NoError(t, err)
	b, err := ck.Encode()
	require.NoError(t, err)
	job := bindings.IJobMarketJob{Status: 4, FinalModelRoot: ck.StateRoot}
	job.Params.SpecHash = tr.SpecHash()
	return b, job
}

// TestModelDownloadStreams: GET /jobs/{id}/model serves the job's final
// model byte for byte, from a file it was verified into (a truncated
// candidate blob is passed over), to concurrent downloads that do not
// collide, allocating about the decoded model and no copy of the blob
// (jobclient's FetchModel held the blob and its decoded state, about two
// models); every download's file is gone after the response. A model no
// blob verifies is a 502 page, an unknown job a 404, and nothing is served
// unchecked.
func TestModelDownloadStreams(t *testing.T) {
	good, job := finalModel(t)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	bs := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(bs.Close)
	blobs := blobstore.NewClient(bs.URL, nil)
	ctx := context.Background()
	put := func(b []byte) blobstore.Hash {
		h, _, err := blobs.PutReader(ctx, bytes.NewReader(b))
		require.NoError(t, err)
		require.NoError(t, blobs.Link(ctx, blobstore.Hash(job.FinalModelRoot), h))
		return h
	}
	put(good)

	chain := &jobChain{jobs: map[uint64]bindings.IJobMarketJob{1: job}}
	jc := jobclient.New(chain, deployments.Contracts{JobMarket: common.HexToAddress("0x01")}, nil, blobs, nil)
	dir := filepath.Join(t.TempDir(), modelDownloadsDir)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "job-1-left-by-a-crash.ckpt"), []byte("x"), 0o644))
	models, err := newModelFiles(dir, func(ctx context.Context, id uint64, path string) error {
		_, _, err := jc.FetchModelFile(ctx, id, path)
		return err
	})
	require.NoError(t, err)
	nothingLeft := func(what string) {
		t.Helper()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, what)
	}
	nothingLeft("a previous run's downloads")
	srv, err := New(NewIndexSource(newFake(), IndexConfig{Model: models.open}), nil)
	require.NoError(t, err)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)

	get := func() (*http.Response, []byte) {
		resp, err := http.Get(hs.URL + "/jobs/1/model")
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp, b
	}
	resp, b := get()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, bytes.Equal(good, b), "the served model is the blob")
	require.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"))
	require.Equal(t, `attachment; filename="job-1-model.ckpt"`, resp.Header.Get("Content-Disposition"))
	require.Equal(t, int64(len(good)), resp.ContentLength)
	nothingLeft("after a download")

	// Concurrent downloads: each its own file, each the model.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(hs.URL + "/jobs/1/model")
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err == nil && (resp.StatusCode != http.StatusOK || !bytes.Equal(good, b)) {
				err = io.ErrUnexpectedEOF
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	nothingLeft("after concurrent downloads")

	// One download allocates about the decoded model (the candidate
	// checks) and no copy of the blob; the response streams from the file.
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	resp, err = http.Get(hs.URL + "/jobs/1/model")
	require.NoError(t, err)
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	runtime.ReadMemStats(&ms1)
	require.NoError(t, err)
	require.Equal(t, int64(len(good)), n)
	alloc := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(good))
	t.Logf("model %d bytes: one download allocated %.3f of it", len(good), alloc)
	require.Less(t, alloc, 1.3, "the decoded model, and no copy of the blob")

	// A truncated candidate under the same root is passed over.
	put(good[:len(good)-100])
	hs2, err := blobs.Lookup(ctx, blobstore.Hash(job.FinalModelRoot))
	require.NoError(t, err)
	require.Len(t, hs2, 2)
	resp, b = get()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, bytes.Equal(good, b))

	// A job whose root no blob verifies (only the truncated candidate and
	// a checkpoint of another step): 502, nothing served, nothing left.
	bad := job
	bad.Params.Steps = 7
	chain.mu.Lock()
	chain.jobs[1] = bad
	chain.mu.Unlock()
	resp, b = get()
	require.Equal(t, http.StatusBadGateway, resp.StatusCode)
	require.Contains(t, string(b), "Final model not available")
	require.Contains(t, resp.Header.Get("Content-Type"), "text/html")
	require.False(t, bytes.Contains(b, good[:64]))
	nothingLeft("after a refused model")

	// The fetcher's own answers for jobs the chain does not know or has
	// not finalized.
	_, err = models.open(ctx, 9)
	require.ErrorIs(t, err, ErrNotFound)
	chain.mu.Lock()
	chain.jobs[2] = bindings.IJobMarketJob{Status: 2}
	chain.mu.Unlock()
	_, err = models.open(ctx, 2)
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "No final model yet"), "%v", err)
	nothingLeft("after unknown jobs")
}
