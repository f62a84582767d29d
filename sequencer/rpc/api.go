// Package rpc is the sequencer's JSON-RPC API (namespace "gensyn"), served
// over HTTP with go-ethereum's rpc server:
//
//	gensyn_submitCommitment(commitment, signature)  -> {seq, leaf, duplicate}
//	gensyn_getInclusion(jobId, checkpoint[, round]) -> {status, ..., proof, root, txHash}
//	gensyn_status()                                 -> counters of the log
//
// A submission is acknowledged only after the durable write (sequencer/store).
package rpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

// Namespace of the API's methods.
const Namespace = "gensyn"

// Job statuses of IJobMarket.JobStatus.
const (
	JobNone uint8 = iota
	JobOpen
	JobAssigned
	JobSubmitted
	JobFinalized
	JobCancelled
)

// Job is what the API needs to know of a job.
type Job struct {
	Status uint8
	// Round is the job's assignment number; checkpoints are ordered per
	// round. With Worker (while Assigned or Submitted) it is what
	// JobMarket.assignmentOf returns.
	Round    uint32
	Worker   common.Address
	Steps    uint64
	Interval uint64
}

// Checkpoints is the number of checkpoints of the job (steps / interval).
func (j Job) Checkpoints() uint64 {
	if j.Interval == 0 {
		return 0
	}
	return j.Steps / j.Interval
}

// Jobs reads jobs from the JobMarket.
type Jobs interface {
	Job(ctx context.Context, jobID uint64) (Job, error)
}

// Config of the API.
type Config struct {
	Domain    inbox.Domain
	Sequencer common.Address
	// JobTTL is how long a job read from the chain is trusted.
	JobTTL time.Duration
	// Now is the clock (tests set it).
	Now func() time.Time
}

// Store is the part of the durable log the API uses.
type Store interface {
	Append(c inbox.Commitment, sig []byte, at time.Time) (store.Ack, error)
	Lookup(job uint64, ck uint32) (store.Record, error)
	LookupRound(job uint64, round, ck uint32) (store.Record, error)
	BatchOf(seq uint64) (store.Batch, bool)
	BatchEntries(b store.Batch) ([]store.Record, error)
	Pending() (int, time.Time)
	Batches() []store.Batch
	Stats() store.Stats
}

// API implements the gensyn namespace.
type API struct {
	cfg   Config
	store Store
	jobs  *jobCache
	m     metrics.Metricer
	log   log.Logger

	treeMu    sync.Mutex
	trees     map[uint64]*inbox.Tree
	treeOrder []uint64
}

// NewAPI builds the API.
func NewAPI(cfg Config, st Store, jobs Jobs, m metrics.Metricer, l log.Logger) *API {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if m == nil {
		m = metrics.NoopMetrics
	}
	return &API{cfg: cfg, store: st, jobs: newJobCache(jobs, cfg.JobTTL, cfg.Now), m: m, log: l, trees: map[uint64]*inbox.Tree{}}
}

// NewServer returns a go-ethereum rpc server with the API registered.
func NewServer(api *API) (*gethrpc.Server, error) {
	srv := gethrpc.NewServer()
	if err := srv.RegisterName(Namespace, api); err != nil {
		return nil, err
	}
	return srv, nil
}

// CommitmentArgs is a commitment as submitted: every field is required and
// unknown fields are rejected.
type CommitmentArgs struct {
	JobID      *uint64         `json:"jobId"`
	Round      *uint32         `json:"round"`
	Checkpoint *uint32         `json:"checkpoint"`
	StateRoot  *common.Hash    `json:"stateRoot"`
	Worker     *common.Address `json:"worker"`
}

// UnmarshalJSON rejects unknown fields.
func (a *CommitmentArgs) UnmarshalJSON(b []byte) error {
	type plain CommitmentArgs
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*a = CommitmentArgs(p)
	return nil
}

// ArgsOf is the submission form of c.
func ArgsOf(c inbox.Commitment) CommitmentArgs {
	return CommitmentArgs{JobID: &c.JobID, Round: &c.Round, Checkpoint: &c.Checkpoint, StateRoot: &c.StateRoot, Worker: &c.Worker}
}

func (a *CommitmentArgs) commitment() (inbox.Commitment, error) {
	if a == nil {
		return inbox.Commitment{}, errorf(CodeInvalidParams, "missing commitment")
	}
	switch {
	case a.JobID == nil:
		return inbox.Commitment{}, errorf(CodeInvalidParams, "commitment.jobId is missing")
	case a.Round == nil:
		return inbox.Commitment{}, errorf(CodeInvalidParams, "commitment.round is missing")
	case a.Checkpoint == nil:
		return inbox.Commitment{}, errorf(CodeInvalidParams, "commitment.checkpoint is missing")
	case a.StateRoot == nil:
		return inbox.Commitment{}, errorf(CodeInvalidParams, "commitment.stateRoot is missing")
	case a.Worker == nil:
		return inbox.Commitment{}, errorf(CodeInvalidParams, "commitment.worker is missing")
	}
	return inbox.Commitment{JobID: *a.JobID, Round: *a.Round, Checkpoint: *a.Checkpoint, StateRoot: *a.StateRoot, Worker: *a.Worker}, nil
}

// SubmitResult acknowledges a durably logged commitment.
type SubmitResult struct {
	Seq       uint64      `json:"seq"`
	Leaf      common.Hash `json:"leaf"`
	Duplicate bool        `json:"duplicate"`
}

// SubmitCommitment checks a signed commitment (signature by its worker; its
// worker and round are the job's current assignment, as
// JobMarket.assignmentOf; checkpoint in 1..steps/interval and exactly the
// last checkpoint of that round + 1) and acknowledges it once it is durably
// logged. An identical resubmission gets the same acknowledgement.
func (a *API) SubmitCommitment(ctx context.Context, args *CommitmentArgs, signature *hexutil.Bytes) (*SubmitResult, error) {
	res, err := a.submit(ctx, args, signature)
	switch {
	case err == nil && res.Duplicate:
		a.m.RecordSubmission("duplicate")
	case err == nil:
		a.m.RecordSubmission("accepted")
	default:
		var e *Error
		if errors.As(err, &e) {
			a.m.RecordSubmission(kind(e.Code))
		}
	}
	return res, err
}

func (a *API) submit(ctx context.Context, args *CommitmentArgs, signature *hexutil.Bytes) (*SubmitResult, error) {
	c, err := args.commitment()
	if err != nil {
		return nil, err
	}
	if signature == nil {
		return nil, errorf(CodeInvalidParams, "signature is missing")
	}
	if len(*signature) != inbox.SignatureSize {
		return nil, errorf(CodeInvalidParams, "signature must be %d bytes (r || s || v), got %d", inbox.SignatureSize, len(*signature))
	}
	signer, err := a.cfg.Domain.Recover(c, *signature)
	if err != nil {
		return nil, errorf(CodeInvalidSignature, "invalid signature: %v", err)
	}
	if signer != c.Worker {
		return nil, errorf(CodeInvalidSignature, "invalid signature: signed by %s, not by the commitment's worker %s", signer.Hex(), c.Worker.Hex())
	}
	job, err := a.jobs.get(ctx, c.JobID, func(j Job) bool { return assignedTo(j, c.Worker) && j.Round == c.Round })
	if err != nil {
		return nil, errorf(CodeUnavailable, "cannot read job %d from the JobMarket: %v", c.JobID, err)
	}
	if job.Status == JobNone {
		return nil, errorf(CodeUnknownJob, "job %d does not exist", c.JobID)
	}
	if !assignedTo(job, c.Worker) {
		if job.Status != JobAssigned && job.Status != JobSubmitted {
			return nil, errorf(CodeNotAssigned, "job %d is not assigned (status %s)", c.JobID, statusName(job.Status))
		}
		return nil, errorf(CodeNotAssigned, "worker %s is not the assigned worker %s of job %d", c.Worker.Hex(), job.Worker.Hex(), c.JobID)
	}
	if c.Round != job.Round {
		return nil, &Error{
			Code:    CodeWrongRound,
			Message: fmt.Sprintf("round %d is not the current assignment round %d of job %d", c.Round, job.Round, c.JobID),
			Data:    WrongRoundData{JobID: c.JobID, Round: c.Round, Current: job.Round},
		}
	}
	if n := job.Checkpoints(); c.Checkpoint == 0 || uint64(c.Checkpoint) > n {
		return nil, errorf(CodeCheckpointRange, "checkpoint %d of job %d is out of range 1..%d", c.Checkpoint, c.JobID, n)
	}
	ack, err := a.store.Append(c, *signature, a.cfg.Now())
	if err != nil {
		var ooo *store.OutOfOrderError
		switch {
		case errors.As(err, &ooo):
			return nil, errorf(CodeOutOfOrder, "checkpoint %d of job %d round %d is out of order: the next one is %d", c.Checkpoint, c.JobID, c.Round, ooo.Last+1)
		case errors.Is(err, store.ErrConflict):
			return nil, errorf(CodeConflict, "checkpoint %d of job %d round %d was already acknowledged with another state root or signature", c.Checkpoint, c.JobID, c.Round)
		case errors.Is(err, store.ErrBadInput):
			return nil, errorf(CodeInvalidParams, "%v", err)
		default:
			a.log.Error("Durable write failed", "job", c.JobID, "checkpoint", c.Checkpoint, "err", err)
			return nil, errorf(CodeUnavailable, "the sequencer cannot log commitments now: %v", err)
		}
	}
	return &SubmitResult{Seq: ack.Seq, Leaf: ack.Leaf, Duplicate: ack.Duplicate}, nil
}

func assignedTo(j Job, w common.Address) bool {
	return (j.Status == JobAssigned || j.Status == JobSubmitted) && j.Worker == w
}

func statusName(s uint8) string {
	names := []string{"None", "Open", "Assigned", "Submitted", "Finalized", "Cancelled"}
	if int(s) < len(names) {
		return names[s]
	}
	return fmt.Sprintf("%d", s)
}

// Inclusion statuses.
const (
	StatusPending = "pending"
	StatusPosted  = "posted"
)

// Inclusion says where an acknowledged commitment is. Once posted, Proof
// proves Leaf at LeafIndex of inbox batch BatchIndex (CommitmentInbox.isIncluded).
// Round is the commitment's assignment round (Commitment.Round).
type Inclusion struct {
	Status      string           `json:"status"`
	Seq         uint64           `json:"seq"`
	Round       uint32           `json:"round"`
	Leaf        common.Hash      `json:"leaf"`
	Commitment  inbox.Commitment `json:"commitment"`
	Signature   hexutil.Bytes    `json:"signature"`
	BatchIndex  *uint64          `json:"batchIndex,omitempty"`
	LeafIndex   *uint64          `json:"leafIndex,omitempty"`
	BatchSize   *uint64          `json:"batchSize,omitempty"`
	Proof       []common.Hash    `json:"proof,omitempty"`
	Root        *common.Hash     `json:"root,omitempty"`
	TxHash      *common.Hash     `json:"txHash,omitempty"`
	BlockNumber *uint64          `json:"blockNumber,omitempty"`
}

// GetInclusion returns the status of (jobId, checkpoint) of assignment
// round `round` (optional; without it, of the latest round that has that
// checkpoint) and, once its batch is confirmed on chain, the Merkle proof.
func (a *API) GetInclusion(ctx context.Context, jobID *uint64, checkpoint *uint32, round *uint32) (*Inclusion, error) {
	if jobID == nil || checkpoint == nil {
		return nil, errorf(CodeInvalidParams, "usage: gensyn_getInclusion(jobId, checkpoint[, round])")
	}
	var (
		r   store.Record
		err error
	)
	if round != nil {
		r, err = a.store.LookupRound(*jobID, *round, *checkpoint)
	} else {
		r, err = a.store.Lookup(*jobID, *checkpoint)
	}
	if errors.Is(err, store.ErrNotFound) {
		if round != nil {
			return nil, errorf(CodeNotFound, "no acknowledged commitment for job %d round %d checkpoint %d", *jobID, *round, *checkpoint)
		}
		return nil, errorf(CodeNotFound, "no acknowledged commitment for job %d checkpoint %d", *jobID, *checkpoint)
	}
	if err != nil {
		return nil, errorf(CodeUnavailable, "read log: %v", err)
	}
	inc := &Inclusion{Status: StatusPending, Seq: r.Seq, Round: r.Commitment.Round, Leaf: r.Commitment.Leaf(), Commitment: r.Commitment, Signature: r.Signature}
	b, ok := a.store.BatchOf(r.Seq)
	if !ok || !b.Posted {
		return inc, nil
	}
	tree, err := a.tree(b)
	if err != nil {
		return nil, errorf(CodeUnavailable, "read batch %d: %v", b.ID, err)
	}
	leafIndex := r.Seq - b.First
	proof, err := tree.Proof(int(leafIndex))
	if err != nil {
		return nil, errorf(CodeUnavailable, "proof: %v", err)
	}
	size := uint64(b.Count)
	root, tx, block, index := tree.Root(), b.TxHash, b.Block, b.ChainIndex
	inc.Status, inc.BatchIndex, inc.LeafIndex, inc.BatchSize = StatusPosted, &index, &leafIndex, &size
	inc.Proof, inc.Root, inc.TxHash, inc.BlockNumber = proof, &root, &tx, &block
	if proof == nil {
		inc.Proof = []common.Hash{}
	}
	return inc, nil
}

func (a *API) tree(b store.Batch) (*inbox.Tree, error) {
	a.treeMu.Lock()
	t, ok := a.trees[b.ID]
	a.treeMu.Unlock()
	if ok {
		return t, nil
	}
	recs, err := a.store.BatchEntries(b)
	if err != nil {
		return nil, err
	}
	cs := make([]inbox.Commitment, len(recs))
	for i, r := range recs {
		cs[i] = r.Commitment
	}
	t, err = inbox.TreeOf(cs)
	if err != nil {
		return nil, err
	}
	if t.Root() != b.Root {
		return nil, fmt.Errorf("batch %d: root %s of the logged entries differs from the intent's %s", b.ID, t.Root().Hex(), b.Root.Hex())
	}
	a.treeMu.Lock()
	defer a.treeMu.Unlock()
	if _, ok := a.trees[b.ID]; !ok {
		a.trees[b.ID] = t
		a.treeOrder = append(a.treeOrder, b.ID)
		if len(a.treeOrder) > 64 {
			delete(a.trees, a.treeOrder[0])
			a.treeOrder = a.treeOrder[1:]
		}
	}
	return t, nil
}

// BatchInfo describes one batch in Status.
type BatchInfo struct {
	ID          uint64      `json:"id"`
	First       uint64      `json:"first"`
	Count       uint32      `json:"count"`
	Root        common.Hash `json:"root"`
	Posted      bool        `json:"posted"`
	BatchIndex  uint64      `json:"batchIndex"`
	TxHash      common.Hash `json:"txHash"`
	BlockNumber uint64      `json:"blockNumber"`
}

// Status summarizes the sequencer.
type Status struct {
	ChainID          uint64         `json:"chainId"`
	Inbox            common.Address `json:"inbox"`
	Sequencer        common.Address `json:"sequencer"`
	Entries          uint64         `json:"entries"`
	Pending          int            `json:"pending"`
	OldestPendingAge string         `json:"oldestPendingAge,omitempty"`
	Batches          int            `json:"batches"`
	PostedBatches    int            `json:"postedBatches"`
	PostedEntries    uint64         `json:"postedEntries"`
	Jobs             int            `json:"jobs"`
	LastBatch        *BatchInfo     `json:"lastBatch,omitempty"`
}

// Status returns counters of the log.
func (a *API) Status(ctx context.Context) (*Status, error) {
	st := a.store.Stats()
	s := &Status{
		ChainID: a.cfg.Domain.ChainID, Inbox: a.cfg.Domain.VerifyingContract, Sequencer: a.cfg.Sequencer,
		Entries: st.Entries, Pending: st.Pending, Batches: st.Batches, PostedBatches: st.PostedBatches,
		PostedEntries: st.PostedEntries, Jobs: st.Jobs,
	}
	if n, oldest := a.store.Pending(); n > 0 {
		s.OldestPendingAge = a.cfg.Now().Sub(oldest).Round(time.Millisecond).String()
	}
	if bs := a.store.Batches(); len(bs) > 0 {
		b := bs[len(bs)-1]
		s.LastBatch = &BatchInfo{ID: b.ID, First: b.First, Count: b.Count, Root: b.Root, Posted: b.Posted, BatchIndex: b.ChainIndex, TxHash: b.TxHash, BlockNumber: b.Block}
	}
	return s, nil
}

// jobCache keeps jobs read from the chain for a short TTL.
type jobCache struct {
	jobs Jobs
	ttl  time.Duration
	now  func() time.Time

	mu      sync.Mutex
	entries map[uint64]cachedJob
}

type cachedJob struct {
	job Job
	at  time.Time
}

// minRefresh bounds how often a failed check may force a fresh read of a job.
const minRefresh = 250 * time.Millisecond

func newJobCache(jobs Jobs, ttl time.Duration, now func() time.Time) *jobCache {
	return &jobCache{jobs: jobs, ttl: ttl, now: now, entries: map[uint64]cachedJob{}}
}

// get returns the job, from the cache when it is fresh and passes ok; a
// cached job that fails ok is read again (at most every minRefresh), so a
// reassignment is seen without waiting for the TTL.
func (c *jobCache) get(ctx context.Context, id uint64, ok func(Job) bool) (Job, error) {
	now := c.now()
	c.mu.Lock()
	e, hit := c.entries[id]
	c.mu.Unlock()
	if hit && now.Sub(e.at) < c.ttl && (ok(e.job) || now.Sub(e.at) < minRefresh) {
		return e.job, nil
	}
	j, err := c.jobs.Job(ctx, id)
	if err != nil {
		return Job{}, err
	}
	c.mu.Lock()
	c.entries[id] = cachedJob{job: j, at: now}
	c.mu.Unlock()
	return j, nil
}
