package jobclient

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/big"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// exampleExport trains the example job (with edit applied to its spec) for
// steps steps and returns its spec and the export of that state.
func exampleExport(t *testing.T, steps int, edit func(*spec.Spec)) (*spec.Spec, []byte) {
	t.Helper()
	specBytes, data := example(t)
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	if edit != nil {
		edit(s)
	}
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	for i := 0; i < steps; i++ {
		_, err := tr.Advance(st)
		require.NoError(t, err)
	}
	c, err := tr.Checkpoint(st)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, export.Write(&b, s, c, export.Options{}))
	return s, b.Bytes()
}

// fineTune is the canonical JSON of s starting from the blob b.
func fineTune(t *testing.T, s *spec.Spec, b []byte) []byte {
	t.Helper()
	ft := *s
	ft.Init = &spec.Init{Weights: commit.Keccak256(b)}
	canon, err := ft.Canonical()
	require.NoError(t, err)
	return canon
}

// TestPrepareInit: a fine-tuning job (a spec whose init.weights is the
// export of another job's model) prepares with its weights: the posted
// initial state root is theirs (not the seeded one), the blob travels with
// the job, and a worker's or verifier's VerifyJob accepts the job only with
// the weights loaded (WithInitialWeights). Missing weights, a blob that is
// not the one named, one of another model (the tensor named) and weights
// for a spec without init.weights are refused.
func TestPrepareInit(t *testing.T) {
	terms := Terms{MaxPrice: big.NewInt(1), RequiredCollateral: big.NewInt(1), BidWindow: 1, ExecutionWindow: 1, ChallengeWindow: 1}
	s, blob := exampleExport(t, 3, nil)
	specBytes, data := example(t)
	seeded, err := Prepare(specBytes, data, terms)
	require.NoError(t, err)

	ftBytes := fineTune(t, s, blob)
	p, err := PrepareInit(ftBytes, data, blob, terms)
	require.NoError(t, err)
	require.Equal(t, blob, p.Init)
	require.NotEqual(t, seeded.InitRoot, p.InitRoot)
	require.Equal(t, seeded.GraphRoot, p.GraphRoot)
	require.Equal(t, seeded.DataRoot, p.DataRoot)

	fs, err := VerifySpec(p.Params, p.SpecBytes)
	require.NoError(t, err)
	_, err = VerifyJob(p.Params, fs, data, trainer.Options{SkipEval: true})
	var bad *MismatchError
	require.True(t, errors.As(err, &bad), "%v", err)
	require.Contains(t, bad.Reason, "none were given")
	opts, err := WithInitialWeights(fs, blob, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	tr, err := VerifyJob(p.Params, fs, data, opts)
	require.NoError(t, err)
	root, err := tr.InitialStateRoot()
	require.NoError(t, err)
	require.Equal(t, p.InitRoot, common.Hash(root))

	// Refusals.
	_, err = PrepareInit(ftBytes, data, nil, terms)
	require.EqualError(t, err, "init.weights: the spec starts from the weights "+commit.Keccak256(blob).String()+"; no file given")
	_, other := exampleExport(t, 0, nil)
	_, err = PrepareInit(ftBytes, data, other, terms)
	require.EqualError(t, err, "init.weights: the file hashes to "+commit.Keccak256(other).String()+", the spec names "+commit.Keccak256(blob).String())
	_, wide := exampleExport(t, 1, func(s *spec.Spec) { s.Model.Layers = []int{64, 16, 10} })
	_, err = PrepareInit(fineTune(t, s, wide), data, wide, terms)
	require.EqualError(t, err, "init.weights: tensor 0.weight: shape [16,64], the spec needs [32,64]")
	_, err = PrepareInit(specBytes, data, blob, terms)
	require.EqualError(t, err, "initial weights given, but the spec has no init.weights")
	_, err = WithInitialWeights(fs, []byte("not safetensors"), trainer.Options{})
	require.True(t, errors.As(err, &bad), "%v", err)
}

// TestFetchInitialState: the state at step 0 of a spec with init.weights
// comes from the blob store by its hash, streamed into the state (the
// fetch allocates the state and no copy of the blob) and, with a path,
// into a file renamed into place only once verified. A missing blob, one
// corrupt in transit or too large is an error blobstore.Unusable
// recognizes (the job is skipped, not retried); a blob that is not the
// spec's weights is a *MismatchError; neither leaves a file; a spec
// without init.weights fetches nothing.
func TestFetchInitialState(t *testing.T) {
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	proxy := &corrupting{h: blobstore.NewServer(local, 0, nil)}
	hs := httptest.NewServer(proxy)
	t.Cleanup(hs.Close)
	blobs := blobstore.NewClient(hs.URL, nil)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "init.safetensors")
	nothingLeft := func(what string) {
		t.Helper()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, what)
	}

	s, blob := exampleExport(t, 0, func(s *spec.Spec) { s.Model.Layers = []int{64, 1024, 1024, 10} })
	st, err := FetchInitialState(ctx, blobs, s, path)
	require.NoError(t, err)
	require.Nil(t, st)
	nothingLeft("no init.weights")

	ft, err := spec.Parse(fineTune(t, s, blob))
	require.NoError(t, err)
	_, err = FetchInitialState(ctx, blobs, ft, path)
	require.True(t, blobstore.Unusable(err), "%v", err)
	require.ErrorIs(t, err, blobstore.ErrNotFound)
	require.Contains(t, err.Error(), "initial weights blob "+ft.Init.Weights.String())
	nothingLeft("missing")

	h, _, err := blobs.PutReader(ctx, bytes.NewReader(blob))
	require.NoError(t, err)
	// Corrupt in transit: the blob store's verdict, no state, no file.
	proxy.bad = h.String()
	for _, p := range []string{path, ""} {
		st, err = FetchInitialState(ctx, blobs, ft, p)
		require.Nil(t, st)
		require.True(t, blobstore.Unusable(err), "%v", err)
		require.ErrorIs(t, err, blobstore.ErrHashMismatch)
		require.True(t, strings.HasPrefix(err.Error(), "initial weights blob "+ft.Init.Weights.String()+": "), "%v", err)
		nothingLeft("corrupt in transit")
	}
	proxy.bad = ""

	// The blob: the state is the export's, the file the blob, and the
	// fetch held no copy of the blob.
	want, err := export.LoadInitialState(ft, bytes.NewReader(blob))
	require.NoError(t, err)
	var stateBytes uint64
	for _, x := range want {
		stateBytes += 4 * uint64(len(x.Data))
	}
	for _, p := range []string{path, ""} {
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		st, err = FetchInitialState(ctx, blobs, ft, p)
		runtime.ReadMemStats(&ms1)
		require.NoError(t, err)
		require.Equal(t, want, st)
		beyond := (float64(ms1.TotalAlloc-ms0.TotalAlloc) - float64(stateBytes)) / float64(len(blob))
		t.Logf("blob %d bytes, state %d bytes: fetching (path %q) allocated %.3f blobs beyond the state", len(blob), stateBytes, p, beyond)
		require.Less(t, beyond, 0.3, "the state, and no copy of the blob")
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Equal(blob, b))
	require.NoError(t, os.Remove(path))

	// A blob under its hash that is not the spec's weights (another
	// model's): a mismatch naming the tensor, no file.
	_, narrow := exampleExport(t, 0, func(s *spec.Spec) { s.Model.Layers = []int{64, 16, 10} })
	nf, err := spec.Parse(fineTune(t, s, narrow))
	require.NoError(t, err)
	_, _, err = blobs.PutReader(ctx, bytes.NewReader(narrow))
	require.NoError(t, err)
	_, err = FetchInitialState(ctx, blobs, nf, path)
	var bad *MismatchError
	require.ErrorAs(t, err, &bad)
	require.Equal(t, "init.weights: tensor 0.weight: shape [16,64], the spec needs [1024,64]", bad.Reason)
	nothingLeft("another model")

	// A blob larger than the spec's parameters can take: refused before
	// it is read.
	huge := append(append([]byte(nil), narrow...), make([]byte, 17<<20)...)
	_, _, err = blobs.PutReader(ctx, bytes.NewReader(huge))
	require.NoError(t, err)
	small, err := spec.Parse(fineTune(t, nf, huge))
	require.NoError(t, err)
	small.Model.Layers = []int{64, 16, 10}
	_, err = FetchInitialState(ctx, blobs, small, path)
	require.True(t, blobstore.Unusable(err), "%v", err)
	require.ErrorIs(t, err, blobstore.ErrTooLarge)
	nothingLeft("too large")

	// A path that cannot be written: this machine's failure.
	_, err = FetchInitialState(ctx, blobs, ft, filepath.Join(dir, "missing", "init.safetensors"))
	require.Error(t, err)
	require.False(t, blobstore.Unusable(err))
	require.False(t, errors.As(err, &bad))

	limit, err := export.MaxInitialWeightsSize(small)
	require.NoError(t, err)
	require.Equal(t, int64(8+16<<20+4*(64*16+16+16*10+10)), limit)
}

// TestWithInitialWeightsFrom: a stream's own error is not a mismatch.
func TestWithInitialWeightsFrom(t *testing.T) {
	s, blob := exampleExport(t, 0, nil)
	ft, err := spec.Parse(fineTune(t, s, blob))
	require.NoError(t, err)
	opts, err := WithInitialWeightsFrom(ft, bytes.NewReader(blob), trainer.Options{})
	require.NoError(t, err)
	require.NotNil(t, opts.InitialWeights)
	fail := errors.New("disk on fire")
	_, err = WithInitialWeightsFrom(ft, io.MultiReader(bytes.NewReader(blob[:100]), iotest.ErrReader(fail)), trainer.Options{})
	require.ErrorIs(t, err, fail)
	var bad *MismatchError
	require.False(t, errors.As(err, &bad))
	_, err = WithInitialWeightsFrom(ft, bytes.NewReader(blob[:100]), trainer.Options{})
	require.ErrorAs(t, err, &bad)
	_, err = WithInitialWeightsFrom(ft, nil, trainer.Options{})
	require.ErrorAs(t, err, &bad)
	require.Contains(t, bad.Reason, "no file given")
}

// TestPrepareInitFile: the initial weights read from a file as they stream
// give the job PrepareInit gives from their bytes, with the same refusals;
// Submit uploads the file as it streams (the blob is the file's bytes), and
// refuses, before anything is posted, a file that changed after it was
// checked.
func TestPrepareInitFile(t *testing.T) {
	terms := Terms{MaxPrice: big.NewInt(params.Ether), RequiredCollateral: big.NewInt(params.Ether), BidWindow: 60,
		ExecutionWindow: 3600, ChallengeWindow: 60}
	s, blob := exampleExport(t, 3, nil)
	specBytes, data := example(t)
	ftBytes := fineTune(t, s, blob)
	dir := t.TempDir()
	path := filepath.Join(dir, "init.safetensors")
	require.NoError(t, os.WriteFile(path, blob, 0o644))

	want, err := PrepareInit(ftBytes, data, blob, terms)
	require.NoError(t, err)
	p, err := PrepareInitFile(ftBytes, data, path, terms)
	require.NoError(t, err)
	require.Nil(t, p.Init)
	require.Equal(t, path, p.InitPath)
	require.Equal(t, want.Params, p.Params)
	seeded, err := PrepareInitFile(specBytes, data, "", terms)
	require.NoError(t, err)
	require.NotEqual(t, p.InitRoot, seeded.InitRoot)

	// Refusals: PrepareInit's.
	_, err = PrepareInitFile(ftBytes, data, "", terms)
	require.EqualError(t, err, "init.weights: the spec starts from the weights "+commit.Keccak256(blob).String()+"; no file given")
	_, other := exampleExport(t, 0, nil)
	otherPath := filepath.Join(dir, "other.safetensors")
	require.NoError(t, os.WriteFile(otherPath, other, 0o644))
	_, err = PrepareInitFile(ftBytes, data, otherPath, terms)
	require.EqualError(t, err, "init.weights: the file hashes to "+commit.Keccak256(other).String()+", the spec names "+commit.Keccak256(blob).String())
	_, err = PrepareInitFile(specBytes, data, path, terms)
	require.EqualError(t, err, "initial weights given, but the spec has no init.weights")
	_, err = PrepareInitFile(ftBytes, data, filepath.Join(dir, "missing"), terms)
	require.ErrorIs(t, err, os.ErrNotExist)

	e := newChainEnv(t)
	ctx := context.Background()
	// Changed after the check: refused, nothing posted.
	require.NoError(t, os.WriteFile(path, other, 0o644))
	nonce := e.nonce(t)
	_, err = e.jc.Submit(ctx, p, big.NewInt(params.Ether))
	require.EqualError(t, err, "upload initial weights: "+path+" changed since it was checked: it hashes to "+
		commit.Keccak256(other).String()+" now, the spec names "+commit.Keccak256(blob).String()+" (nothing posted)")
	require.Equal(t, nonce, e.nonce(t))
	// As checked: uploaded and posted.
	require.NoError(t, os.WriteFile(path, blob, 0o644))
	posted, err := e.jc.Submit(ctx, p, big.NewInt(params.Ether))
	require.NoError(t, err)
	require.Equal(t, nonce+1, e.nonce(t))
	got, err := e.jc.Blobs.Get(ctx, blobstore.Hash(commit.Keccak256(blob)), 0)
	require.NoError(t, err)
	require.Equal(t, blob, got)
	job, err := e.jc.Job(ctx, posted.JobID)
	require.NoError(t, err)
	require.Equal(t, want.InitRoot, common.Hash(job.Params.InitialStateRoot))
}
