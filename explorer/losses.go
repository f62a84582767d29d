package explorer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// Losses computes the loss curve of a job from the checkpoints its worker
// published: for each checkpoint root on chain it finds the blob filed
// under that root in the blob store, decodes it (which checks that its
// tensors hash to the root), checks it against the job (spec, tensor names
// and shapes, a checkpoint step) and evaluates it on the spec's held-out
// rows. Nothing is taken on trust: a blob that fails a check gives no
// point. Work runs in the background, one job at a time; a page asks with
// Loss and gets what is known now, and Loss's notify callback tells the
// page's stream when more is known.
type Losses struct {
	blobs   *blobstore.Client
	maxBlob int64
	log     *slog.Logger
	notify  func(job uint64)

	mu       sync.Mutex
	known    map[common.Hash]float32 // by state root (a root fixes the state, hence its loss)
	failed   map[common.Hash]bool    // no usable blob yet: retried when the job is asked for again
	queued   map[uint64]bool
	queue    chan lossJob
	trainers map[common.Hash]*trainer.Trainer // by spec hash, the last few
}

// NewLosses returns a loss computer over the blob store; notify is called
// with a job id when a new point of its curve is known.
func NewLosses(blobs *blobstore.Client, log *slog.Logger, notify func(job uint64)) *Losses {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Losses{blobs: blobs, maxBlob: 256 << 20, log: log, notify: notify, known: map[common.Hash]float32{},
		failed: map[common.Hash]bool{}, queued: map[uint64]bool{}, queue: make(chan lossJob, 64), trainers: map[common.Hash]*trainer.Trainer{}}
}

// lossJob is what the background work needs of a job (copied: the caller's
// record is not shared).
type lossJob struct {
	id     uint64
	params indexer.JobParams
	roots  []common.Hash
}

// Loss is the held-out loss of the checkpoint with this root, if known; when
// it is not, the job is queued (without blocking) for the background work.
func (l *Losses) Loss(j *indexer.Job, root common.Hash) (float32, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v, ok := l.known[root]; ok {
		return v, true
	}
	if !l.queued[j.ID] {
		lj := lossJob{id: j.ID, params: j.Params}
		for _, r := range j.Rounds {
			for _, c := range r.Checkpoints {
				lj.roots = append(lj.roots, c.StateRoot)
			}
		}
		select {
		case l.queue <- lj:
			l.queued[j.ID] = true
			delete(l.failed, root)
		default: // busy: asked again on the next page view
		}
	}
	return 0, false
}

// Run computes queued jobs' losses until ctx ends.
func (l *Losses) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-l.queue:
			n, err := l.job(ctx, &j)
			l.mu.Lock()
			delete(l.queued, j.id)
			l.mu.Unlock()
			if err != nil && ctx.Err() == nil {
				l.log.Debug("Loss curve not computed", "job", j.id, "err", err)
			}
			if n > 0 && l.notify != nil {
				l.notify(j.id)
			}
		}
	}
}

func chainParams(p indexer.JobParams) bindings.IJobMarketJobParams {
	return bindings.IJobMarketJobParams{SpecHash: p.SpecHash, DatasetHash: p.DatasetHash, DatasetUri: p.DatasetURI,
		InitialStateRoot: p.InitialStateRoot, GraphRoot: p.GraphRoot, DataRoot: p.DataRoot, Steps: p.Steps,
		CheckpointInterval: p.CheckpointInterval, MaxPrice: p.MaxPrice, RequiredCollateral: p.RequiredCollateral,
		BidWindow: p.BidWindow, ExecutionWindow: p.ExecutionWindow, ChallengeWindow: p.ChallengeWindow}
}

// job computes every unknown point of job j and returns how many it added.
func (l *Losses) job(ctx context.Context, j *lossJob) (int, error) {
	var todo []common.Hash
	l.mu.Lock()
	for _, root := range j.roots {
		if _, ok := l.known[root]; !ok && !l.failed[root] {
			todo = append(todo, root)
		}
	}
	l.mu.Unlock()
	if len(todo) == 0 {
		return 0, nil
	}
	tr, err := l.trainer(ctx, j)
	if err != nil {
		return 0, err
	}
	added := 0
	var errs error
	for _, root := range todo {
		v, err := l.evaluate(ctx, tr, root)
		l.mu.Lock()
		if err != nil {
			l.failed[root] = true
			errs = errors.Join(errs, err)
		} else {
			l.known[root] = v
			added++
		}
		l.mu.Unlock()
		if ctx.Err() != nil {
			return added, ctx.Err()
		}
	}
	return added, errs
}

// trainer builds (once per spec) the job's trainer from the blob store's
// spec and dataset, checked against the job's on-chain parameters.
func (l *Losses) trainer(ctx context.Context, j *lossJob) (*trainer.Trainer, error) {
	l.mu.Lock()
	tr := l.trainers[j.params.SpecHash]
	l.mu.Unlock()
	if tr != nil {
		return tr, nil
	}
	p := chainParams(j.params)
	specBytes, err := l.blobs.Get(ctx, p.SpecHash, maxSpec)
	if err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	s, err := jobclient.VerifySpec(p, specBytes)
	if err != nil {
		return nil, err
	}
	data, err := l.blobs.Get(ctx, p.DatasetHash, l.maxBlob)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	initState, err := jobclient.FetchInitialState(ctx, l.blobs, s, "")
	if err != nil {
		return nil, err
	}
	if tr, err = jobclient.VerifyJob(p, s, data, trainer.Options{InitialWeights: initState}); err != nil {
		return nil, err
	}
	l.mu.Lock()
	if len(l.trainers) >= 8 {
		clear(l.trainers)
	}
	l.trainers[j.params.SpecHash] = tr
	l.mu.Unlock()
	return tr, nil
}

// evaluate is the held-out loss of the published checkpoint whose state
// root is root.
func (l *Losses) evaluate(ctx context.Context, tr *trainer.Trainer, root common.Hash) (float32, error) {
	hs, err := l.blobs.Lookup(ctx, blobstore.Hash(root))
	if err != nil {
		return 0, err
	}
	var errs error
	for _, h := range hs {
		b, err := l.blobs.Get(ctx, h, l.maxBlob)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		ck, err := trainer.DecodeCheckpoint(b)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		if common.Hash(ck.StateRoot) != root {
			errs = errors.Join(errs, fmt.Errorf("blob %s: state root %s, not %s", h, ck.StateRoot, root))
			continue
		}
		st, err := tr.FromCheckpoint(ck)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		_, loss, err := tr.Evaluate(st)
		if err != nil {
			return 0, err
		}
		return loss, nil
	}
	return 0, errors.Join(fmt.Errorf("no published checkpoint with state root %s (%d candidates)", root, len(hs)), errs)
}
