package jobclient

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/fsutil"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// MismatchError says a posted job does not hold what its spec and dataset
// give (a malformed or wrong spec or dataset, or a posted root that is not
// theirs). Reason is one line, for logs and skip records.
type MismatchError struct{ Reason string }

func (e *MismatchError) Error() string { return e.Reason }

func mismatch(format string, a ...any) error {
	return &MismatchError{Reason: fmt.Sprintf(format, a...)}
}

// VerifySpec checks a job's spec blob against its posted parameters: a
// canonical spec whose hash, dataset hash, steps and checkpoint interval are
// the job's. Anyone who trusts a posted job (the worker before it bids, the
// verifier before it audits) checks it first, before fetching the dataset.
func VerifySpec(p bindings.IJobMarketJobParams, specBytes []byte) (*spec.Spec, error) {
	s, err := spec.Parse(specBytes)
	if err != nil {
		return nil, mismatch("malformed spec: %v", err)
	}
	if h, err := s.Hash(); err != nil || h != commit.Hash(p.SpecHash) {
		return nil, mismatch("spec blob is not the spec's canonical JSON")
	}
	if s.Dataset.Hash != commit.Hash(p.DatasetHash) {
		return nil, mismatch("the job's dataset hash is not the spec's")
	}
	if uint64(s.Steps) != p.Steps || uint64(s.CheckpointInterval) != p.CheckpointInterval {
		return nil, mismatch("the job's steps or checkpoint interval are not the spec's")
	}
	return s, nil
}

// FetchInitialState reads the state at step 0 of a spec with init.weights
// from the blob the blob store holds under that hash, as it streams
// (export.LoadInitialState: the blob's bytes are decoded straight into the
// state and never held; its hash, names, shapes and values are checked
// against the spec, and nothing is returned before the whole blob was read
// and verified). At most the largest file the spec's parameters can come
// in is read (export.MaxInitialWeightsSize). When path is not "", the
// blob's bytes are also written to a temporary file next to path, renamed
// to path only once the state loaded (a wrong blob leaves no file). It
// returns nil without init.weights.
//
// A missing, corrupt, truncated or oversized blob is an error that
// blobstore.Unusable recognizes, wrapped with "initial weights blob
// <hash>"; a blob that is not the spec's weights is a *MismatchError naming
// the tensor; a failure to write path is neither.
func FetchInitialState(ctx context.Context, blobs *blobstore.Client, s *spec.Spec, path string) ([]repops.Tensor, error) {
	if s.Init == nil {
		return nil, nil
	}
	limit, err := export.MaxInitialWeightsSize(s)
	if err != nil {
		return nil, mismatch("init.weights: %v", err)
	}
	rc, _, err := blobs.Open(ctx, blobstore.Hash(s.Init.Weights), limit)
	if err != nil {
		return nil, fmt.Errorf("initial weights blob %s: %w", s.Init.Weights, err)
	}
	defer rc.Close()
	blob := &errReader{r: rc}
	var st []repops.Tensor
	var loadErr error
	load := func(w io.Writer) error {
		var r io.Reader = blob
		if w != nil {
			r = io.TeeReader(blob, w)
		}
		st, loadErr = export.LoadInitialState(s, r)
		return loadErr
	}
	var file *recordingWriter
	if path == "" {
		err = load(nil)
	} else {
		err = fsutil.WriteAtomic(path, 0o644, func(w io.Writer) error {
			file = &recordingWriter{w: w}
			return load(file)
		})
	}
	switch {
	case blob.err != nil:
		return nil, fmt.Errorf("initial weights blob %s: %w", s.Init.Weights, blob.err)
	case file != nil && file.err != nil:
		return nil, fmt.Errorf("initial weights %s: %w", path, file.err)
	case loadErr != nil:
		return nil, mismatch("%v", loadErr)
	case err != nil: // the file's creation, sync or rename
		return nil, fmt.Errorf("initial weights %s: %w", path, err)
	}
	return st, nil
}

// errReader keeps the first error of a reader other than io.EOF.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// WithInitialWeights returns opts with the state at step 0 read from the
// initial-weights file b of a spec with init.weights; see
// WithInitialWeightsFrom.
func WithInitialWeights(s *spec.Spec, b []byte, opts trainer.Options) (trainer.Options, error) {
	if b == nil {
		return WithInitialWeightsFrom(s, nil, opts)
	}
	return WithInitialWeightsFrom(s, bytes.NewReader(b), opts)
}

// WithInitialWeightsFrom returns opts with the state at step 0 read, as it
// streams, from the initial-weights file r of a spec with init.weights
// (export.LoadInitialState: its hash, names, shapes and values checked
// against the spec; a *MismatchError naming the tensor if they are not the
// spec's; nil r: none given); opts as they are for a spec without
// init.weights. An error of r itself is returned wrapped, not as a
// mismatch.
func WithInitialWeightsFrom(s *spec.Spec, r io.Reader, opts trainer.Options) (trainer.Options, error) {
	if s.Init == nil {
		return opts, nil
	}
	if r == nil {
		return opts, mismatch("init.weights: the spec starts from the weights %s; no file given", s.Init.Weights)
	}
	er := &errReader{r: r}
	st, err := export.LoadInitialState(s, er)
	if er.err != nil {
		return opts, err
	}
	if err != nil {
		return opts, mismatch("%v", err)
	}
	opts.InitialWeights = st
	return opts, nil
}

// VerifyJob builds the job's trainer from its checked spec and its dataset
// blob, and checks the posted initial state, graph and data roots against
// the ones they give (the roots Prepare computes for the client).
func VerifyJob(p bindings.IJobMarketJobParams, s *spec.Spec, dataBytes []byte, opts trainer.Options) (*trainer.Trainer, error) {
	ds, err := dataset.Decode(dataBytes, s.Dataset.Format)
	if err != nil {
		return nil, mismatch("malformed dataset: %v", err)
	}
	tr, err := trainer.New(s, ds, opts)
	if err != nil {
		return nil, mismatch("spec and dataset do not train: %v", err)
	}
	init, err := tr.InitialStateRoot()
	if err != nil {
		return nil, mismatch("initial state: %v", err)
	}
	dataRoot, err := tr.DataRoot()
	if err != nil {
		return nil, mismatch("data root: %v", err)
	}
	switch {
	case init != commit.Hash(p.InitialStateRoot):
		return nil, mismatch("initial state root: job has %x, spec gives %s", p.InitialStateRoot, init)
	case tr.GraphRoot() != commit.Hash(p.GraphRoot):
		return nil, mismatch("graph root: job has %x, spec gives %s", p.GraphRoot, tr.GraphRoot())
	case dataRoot != commit.Hash(p.DataRoot):
		return nil, mismatch("data root: job has %x, dataset gives %s", p.DataRoot, dataRoot)
	}
	return tr, nil
}
