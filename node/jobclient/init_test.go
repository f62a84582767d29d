package jobclient

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"net/http/httptest"
	"testing"

	"github.com/ethereum/go-ethereum/common"
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

// TestFetchInitialWeights: the blob a spec's init.weights names comes from
// the blob store by its hash; a missing one is an error blobstore.Unusable
// recognizes (the job is skipped, not retried), and a spec without
// init.weights fetches nothing.
func TestFetchInitialWeights(t *testing.T) {
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	hs := httptest.NewServer(blobstore.NewServer(local, 1<<20, nil))
	t.Cleanup(hs.Close)
	blobs := blobstore.NewClient(hs.URL, nil)
	ctx := context.Background()

	s, blob := exampleExport(t, 2, nil)
	b, err := FetchInitialWeights(ctx, blobs, s)
	require.NoError(t, err)
	require.Nil(t, b)

	ft, err := spec.Parse(fineTune(t, s, blob))
	require.NoError(t, err)
	_, err = FetchInitialWeights(ctx, blobs, ft)
	require.True(t, blobstore.Unusable(err), "%v", err)
	require.ErrorIs(t, err, blobstore.ErrNotFound)
	require.Contains(t, err.Error(), "initial weights blob "+ft.Init.Weights.String())

	_, err = blobs.Put(ctx, blob)
	require.NoError(t, err)
	b, err = FetchInitialWeights(ctx, blobs, ft)
	require.NoError(t, err)
	require.Equal(t, blob, b)
	limit, err := export.MaxInitialWeightsSize(ft)
	require.NoError(t, err)
	require.Equal(t, int64(8+16<<20+4*(64*32+32+32*10+10)), limit)
}
