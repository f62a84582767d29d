package verifier

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/fsutil"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// sequencerTimeout bounds one call to the sequencer.
const sequencerTimeout = 10 * time.Second

// DriverConfig tunes the driver loop.
type DriverConfig struct {
	DataDir       string
	PollInterval  time.Duration
	AuditFraction float64
	AuditSeed     uint64
	AuditAssigned bool
	MaxBlobSize   int64

	// Test-only modes (--unsafe.*). Grief: before every pick, ask every
	// query the contract's per-list limits allow, then play Strategy.
	Strategy            dispute.Strategy
	Grief               bool
	StopAfter           int
	ChallengeAll        bool
	ChallengeCheckpoint uint32
}

func (c DriverConfig) strategyName() string {
	switch {
	case c.Grief:
		return "grief"
	case c.Strategy == dispute.Random:
		return "random"
	}
	return "honest"
}

// Sequencer is the part of the sequencer's API the verifier uses
// (gensyn_getInclusion).
type Sequencer interface {
	CallContext(ctx context.Context, result any, method string, args ...any) error
}

var _ Sequencer = (*gethrpc.Client)(nil)

// Driver is the verifier's loop: at every poll interval it plays its open
// games, adopts games of its own the store does not know (a crash between
// a challenge and its record), and audits the submitted jobs it has not
// audited.
type Driver struct {
	cfg   DriverConfig
	log   log.Logger
	m     metrics.Metricer
	c     *Contracts
	tx    TxSender
	blobs *blobstore.Client
	seq   Sequencer // nil without --sequencer
	store *Store
	idx   *inboxIndex

	mu          sync.Mutex
	trainers    map[uint64]*trainer.Trainer
	challengers map[uint64]*dispute.Challenger
	blobCache   map[common.Hash]cachedBlob
	cacheBytes  int64
	traces      map[uint64]*traceFile // the games' published step traces, in files (games.go)

	// waiting is set while the account has transactions in the node's pool
	// that this loop did not see mined (logged once).
	waiting bool

	// played is when the open games were last played; inGames is set while
	// they are (a replay inside a game does not yield to the games).
	played  time.Time
	inGames bool

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewDriver builds the driver. seq may be nil.
func NewDriver(cfg DriverConfig, l log.Logger, m metrics.Metricer, c *Contracts, tx TxSender, blobs *blobstore.Client,
	seq Sequencer, store *Store) *Driver {
	ctx, cancel := context.WithCancel(context.Background())
	return &Driver{cfg: cfg, log: l, m: m, c: c, tx: tx, blobs: blobs, seq: seq, store: store, idx: newInboxIndex(c, l),
		trainers: map[uint64]*trainer.Trainer{}, challengers: map[uint64]*dispute.Challenger{}, blobCache: map[common.Hash]cachedBlob{},
		ctx: ctx, cancel: cancel}
}

// Start runs the loop in a goroutine.
func (d *Driver) Start() {
	d.sweepTraces() // step trace files of an earlier process
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.loop()
	}()
}

// Stop cancels the loop and waits for it.
func (d *Driver) Stop() {
	d.cancel()
	d.wg.Wait()
	d.dropTraces()
}

func (d *Driver) me() common.Address { return d.tx.From() }

func (d *Driver) loop() {
	t := time.NewTicker(d.cfg.PollInterval)
	defer t.Stop()
	for {
		if err := d.Step(d.ctx); err != nil && d.ctx.Err() == nil {
			d.log.Warn("Verifier step failed; retrying", "err", err)
		}
		select {
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (d *Driver) send(ctx context.Context, what string, cand txmgr.TxCandidate) (*types.Receipt, error) {
	if err := d.c.Simulate(ctx, d.me(), cand); err != nil {
		return nil, fmt.Errorf("%s would revert: %w", what, err)
	}
	cand, err := d.c.WithGas(ctx, d.me(), cand)
	if err != nil {
		return nil, fmt.Errorf("%s: estimate gas: %w", what, err)
	}
	r, err := d.tx.Send(ctx, cand)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, reverts.Decode(err))
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("%s: transaction %s reverted", what, r.TxHash)
	}
	d.log.Info("Transaction confirmed", "what", what, "tx", r.TxHash, "block", r.BlockNumber, "gasUsed", r.GasUsed)
	return r, nil
}

// Step first waits out the account's own pending transactions, then adopts
// unknown games of its own, plays every open game (they run on a clock),
// then audits.
func (d *Driver) Step(ctx context.Context) error {
	// A transaction of this account still in the node's pool (sent before a
	// restart, or by a send that gave up waiting) may be a challenge: nothing
	// is sent, and nothing decided from the chain, until it is mined or
	// dropped (a new transaction would also take its nonce).
	latest, pending, err := d.c.OwnNonces(ctx, d.me())
	if err != nil {
		return fmt.Errorf("read the account's nonces: %w", err)
	}
	if pending > latest {
		if !d.waiting {
			d.log.Warn("Own transactions pending; waiting until they are mined or dropped", "nonce", latest, "pendingNonce", pending)
		}
		d.waiting = true
		return nil
	}
	if d.waiting {
		d.log.Info("No own transaction pending any more", "nonce", latest)
		d.waiting = false
	}
	var errs error
	adopted := true
	if err := d.adoptGames(ctx); err != nil {
		adopted = false
		errs = errors.Join(errs, fmt.Errorf("adopt games: %w", err))
	}
	if err := d.playAll(ctx); err != nil {
		errs = errors.Join(errs, err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	// Audits (and so challenges) only once every game of this verifier's on
	// chain is known, so that a challenge is never sent twice.
	if !adopted {
		return errs
	}
	if err := d.auditJobs(ctx); err != nil {
		errs = errors.Join(errs, err)
	}
	return errs
}

// ---------------------------------------------------------------------------
// Jobs: spec, dataset, trainer
// ---------------------------------------------------------------------------

func (d *Driver) jobDir(id uint64) string {
	return filepath.Join(d.cfg.DataDir, "jobs", strconv.FormatUint(id, 10))
}

func (d *Driver) gameDir(id uint64) string {
	return filepath.Join(d.cfg.DataDir, "games", strconv.FormatUint(id, 10))
}

// errSkip marks a job that cannot be audited (its spec or dataset does not
// give the job's roots); the reason is recorded, the job not looked at
// again.
type errSkip struct{ reason string }

func (e *errSkip) Error() string { return e.reason }

func skipf(format string, a ...any) error { return &errSkip{reason: fmt.Sprintf(format, a...)} }

// trainerOf returns the job's trainer: from memory, from the files kept in
// the job's directory, or built from the spec and dataset fetched from the
// blob store by their hashes and checked against the job's posted roots
// exactly as the worker checks them.
func (d *Driver) trainerOf(ctx context.Context, id uint64, job bindings.IJobMarketJob) (*trainer.Trainer, error) {
	d.mu.Lock()
	tr, ok := d.trainers[id]
	d.mu.Unlock()
	if ok {
		return tr, nil
	}
	p := job.Params
	specPath, dataPath := filepath.Join(d.jobDir(id), "spec.json"), filepath.Join(d.jobDir(id), "dataset")
	specBytes, err := os.ReadFile(specPath)
	fromDisk := err == nil
	var dataBytes []byte
	if fromDisk {
		if dataBytes, err = os.ReadFile(dataPath); err != nil {
			fromDisk = false
		}
	}
	if !fromDisk {
		specBytes, err = d.blobs.Get(ctx, p.SpecHash, d.cfg.MaxBlobSize)
		if blobstore.Unusable(err) {
			return nil, skipf("spec blob: %v", err)
		}
		if err != nil {
			return nil, err
		}
	}
	s, err := jobclient.VerifySpec(p, specBytes)
	var bad *jobclient.MismatchError
	if errors.As(err, &bad) {
		return nil, skipf("%s", bad.Reason)
	}
	if !fromDisk {
		dataBytes, err = d.blobs.Get(ctx, p.DatasetHash, d.cfg.MaxBlobSize)
		if blobstore.Unusable(err) {
			return nil, skipf("dataset blob: %v", err)
		}
		if err != nil {
			return nil, err
		}
	}
	// A fine-tuning job's initial weights (init.weights): from the job's
	// directory, or from the blob store by their hash; either streams into
	// the state while it is hashed and checked (export.LoadInitialState),
	// the file's bytes never held.
	initPath := filepath.Join(d.jobDir(id), "init.safetensors")
	var initState []repops.Tensor
	if s.Init != nil {
		if initState, err = export.LoadInitialStateFile(s, initPath); err != nil {
			if err := os.MkdirAll(d.jobDir(id), 0o755); err != nil {
				return nil, err
			}
			initState, err = jobclient.FetchInitialState(ctx, d.blobs, s, initPath)
			if blobstore.Unusable(err) {
				return nil, skipf("%v", err)
			}
			if errors.As(err, &bad) {
				return nil, skipf("%s", bad.Reason)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	tr, err = jobclient.VerifyJob(p, s, dataBytes, trainer.Options{SkipEval: true, InitialWeights: initState})
	if errors.As(err, &bad) {
		return nil, skipf("%s", bad.Reason)
	}
	if err != nil {
		return nil, err
	}
	if !fromDisk {
		if err := os.MkdirAll(d.jobDir(id), 0o755); err != nil {
			return nil, err
		}
		if err := fsutil.WriteFileAtomic(specPath, specBytes, 0o644); err != nil {
			return nil, err
		}
		if err := fsutil.WriteFileAtomic(dataPath, dataBytes, 0o644); err != nil {
			return nil, err
		}
	}
	d.mu.Lock()
	d.trainers[id] = tr
	d.mu.Unlock()
	return tr, nil
}

// errNoCheckpoint: no published checkpoint file has the root.
var errNoCheckpoint = errors.New("no published checkpoint file with that state root")

// publishedState finds the worker's checkpoint k (step k·interval) in the
// blob store's index under its state root and returns its state; every
// candidate is decoded and checked against the root, the job's spec and the
// step.
func (d *Driver) publishedState(ctx context.Context, tr *trainer.Trainer, k uint32, root common.Hash) (*trainer.State, error) {
	if k == 0 {
		return tr.InitialState()
	}
	hs, err := d.blobs.Lookup(ctx, blobstore.Hash(root))
	if err != nil && !errors.Is(err, blobstore.ErrNotFound) {
		return nil, err
	}
	step := uint64(k) * uint64(tr.Spec().CheckpointInterval)
	for _, h := range hs {
		ck, err := d.streamCheckpoint(ctx, h, tr.CheckpointSize())
		if err != nil || common.Hash(ck.StateRoot) != root || ck.Step != step {
			continue
		}
		st, err := tr.FromCheckpoint(ck)
		if err != nil {
			continue
		}
		return st, nil
	}
	return nil, errNoCheckpoint
}

// streamCheckpoint decodes the checkpoint blob h while it streams from the
// blob store, hashed as it is read: it holds the decoded state and one
// chunk, never the blob's bytes. A checkpoint is as large as the spec makes
// it (size), no larger.
func (d *Driver) streamCheckpoint(ctx context.Context, h blobstore.Hash, size int64) (*trainer.Checkpoint, error) {
	rc, n, err := d.blobs.Open(ctx, h, size)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return trainer.DecodeCheckpointFrom(rc, n)
}

// diverged says that the honest replay from the initial state first
// differs from the worker's roots at checkpoint At; Start is the state at
// checkpoint At-1 (which the worker's root agrees with).
type diverged struct {
	At    uint32
	Start *trainer.State
}

func (e *diverged) Error() string {
	return fmt.Sprintf("the worker's roots diverge at checkpoint %d", e.At)
}

// startState returns the state at checkpoint k-1 that the worker claims:
// the initial state for k = 1; else carried when it is at checkpoint k-1;
// else the worker's published checkpoint file with root roots[k-2]; else
// an honest replay from carried (when it is below checkpoint k-1) or from
// the initial state, which is the worker's state only where the replay
// agrees with every root on the way (a *diverged error otherwise).
//
// carried (nil: none) is a state of this audit that matched the worker's
// root at its checkpoint (roots[carried.Step/interval-1]), so a replay
// that starts from it, not from the initial state, ends at the same state.
// It is the audit's own end of the last interval it replayed, kept across
// the checkpoints it does not audit (--audit.fraction below 1): a worker
// that publishes no checkpoint then costs the audit of checkpoint k the
// intervals since the last audited one, not all k-1 of them again.
//
// mismatch (0: none) is a checkpoint below k whose replay from the
// worker's own start state (root roots[mismatch-2], or the initial state)
// already missed roots[mismatch-1], with these roots: the honest replay
// then diverges at mismatch or before (up to mismatch-1 it agrees with the
// worker's roots, so it reaches that same start state), and it stops there
// instead of replaying that interval again.
func (d *Driver) startState(ctx context.Context, tr *trainer.Trainer, k uint32, roots []common.Hash, mismatch uint32, carried *trainer.State) (*trainer.State, error) {
	if k == 1 {
		return tr.InitialState()
	}
	interval := uint64(tr.Spec().CheckpointInterval)
	if carried != nil && carried.Step == uint64(k-1)*interval {
		return carried, nil
	}
	st, err := d.publishedState(ctx, tr, k-1, roots[k-2])
	if err == nil {
		return st, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	from := uint32(1)
	if carried != nil && carried.Step < uint64(k-1)*interval {
		from = uint32(carried.Step/interval) + 1
		st = carried
		d.log.Info("Checkpoint not published; replaying from the audit's last matched checkpoint", "checkpoint", k-1, "root", roots[k-2], "from", from-1, "err", err)
	} else {
		d.log.Info("Checkpoint not published; replaying from the initial state", "checkpoint", k-1, "root", roots[k-2], "err", err)
		if st, err = tr.InitialState(); err != nil {
			return nil, err
		}
	}
	for j := from; j < k; j++ {
		if j == mismatch {
			return nil, &diverged{At: j, Start: st}
		}
		// The start of interval j is kept: it is the start of a
		// challenge if the interval diverges.
		end, next, err := d.replayEnd(ctx, tr, st, true)
		if err != nil {
			return nil, err
		}
		if common.Hash(end) != roots[j-1] {
			return nil, &diverged{At: j, Start: st}
		}
		st = next
	}
	return st, nil
}

// ---------------------------------------------------------------------------
// Audits
// ---------------------------------------------------------------------------

// playAll plays the open games (playGames) and notes when.
func (d *Driver) playAll(ctx context.Context) error {
	d.inGames = true
	defer func() { d.inGames = false }()
	d.played = time.Now()
	return d.playGames(ctx)
}

// yieldToGames lets the open games move in the middle of an audit: a game
// runs on a clock, and the replay of a big job's checkpoints can take
// minutes. The audit calls it before every checkpoint (always) and between
// the steps of a replay (once a poll interval has passed since the games
// were last played); the audit then goes on where it stopped. Nothing is
// played while the account has transactions pending (see Step), nor from
// inside a game. Failures are logged: the next poll plays the games again.
func (d *Driver) yieldToGames(ctx context.Context, always bool) {
	if d.inGames || (!always && time.Since(d.played) < d.cfg.PollInterval) {
		return
	}
	d.played = time.Now()
	gs, err := d.store.Games()
	if err != nil {
		d.log.Warn("Read the games during an audit", "err", err)
		return
	}
	open := false
	for _, g := range gs {
		open = open || g.Status != GameDone
	}
	if !open {
		return
	}
	latest, pending, err := d.c.OwnNonces(ctx, d.me())
	if err != nil || pending > latest {
		return
	}
	if err := d.playAll(ctx); err != nil && ctx.Err() == nil {
		d.log.Warn("Playing the games during an audit failed; the next poll retries", "err", err)
	}
}

// replayEnd is trainer.ReplayEnd (from a checkpoint state, one state root
// for the interval) with the open games played between its steps
// (yieldToGames). With keep, from stays as it was and one copy of it is
// stepped; without, from itself is stepped to the interval's end (and
// returned): the replay then holds one state, not two, while the games it
// yields to hold theirs.
func (d *Driver) replayEnd(ctx context.Context, tr *trainer.Trainer, from *trainer.State, keep bool) (commit.Hash, *trainer.State, error) {
	interval := uint64(tr.Spec().CheckpointInterval)
	if from.Step%interval != 0 || from.Step >= uint64(tr.Spec().Steps) {
		return commit.Hash{}, nil, fmt.Errorf("%w: %d (interval %d, %d steps)", trainer.ErrNotCheckpoint, from.Step, interval, tr.Spec().Steps)
	}
	// Stepped in place: an audit leaves no state per step for the
	// collector.
	st, end := from, from.Step+interval
	if keep {
		st = from.Clone()
	}
	for st.Step < end {
		if err := ctx.Err(); err != nil {
			return commit.Hash{}, nil, err
		}
		d.yieldToGames(ctx, false)
		if _, err := tr.Advance(st); err != nil {
			return commit.Hash{}, nil, err
		}
	}
	r, err := tr.StateRoot(st)
	if err != nil {
		return commit.Hash{}, nil, err
	}
	return r, st, nil
}

// auditJobs looks at every job from the scan's low-water mark: Submitted
// jobs (and Assigned ones with --audit.assigned) are audited; the mark
// moves past finalized and cancelled jobs.
func (d *Driver) auditJobs(ctx context.Context) error {
	low, err := d.store.ScanLow()
	if err != nil {
		return err
	}
	count, err := d.c.JobCount(ctx)
	if err != nil {
		return fmt.Errorf("read job count: %w", err)
	}
	if err := d.idx.update(ctx); err != nil {
		return err
	}
	var errs error
	advance := true
	for id := low; id <= count; id++ {
		job, err := d.c.Job(ctx, id)
		if err != nil {
			return errors.Join(errs, fmt.Errorf("read job %d: %w", id, err))
		}
		if job.Status == JobFinalized || job.Status == JobCancelled || job.Status == JobNone {
			if advance {
				if err := d.store.SetScanLow(id + 1); err != nil {
					return err
				}
			}
			continue
		}
		advance = false
		if job.Status == JobSubmitted || (job.Status == JobAssigned && d.cfg.AuditAssigned) {
			if err := d.auditJob(ctx, id, job); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				errs = errors.Join(errs, fmt.Errorf("job %d: %w", id, err))
			}
		}
	}
	return errs
}

// workerRoots returns the worker's committed state roots of checkpoints
// 1..K of the job's current round (zero where none is known): from the
// inbox's batches and forced entries, completed from the sequencer's
// gensyn_getInclusion for that round.
func (d *Driver) workerRoots(ctx context.Context, id uint64, job bindings.IJobMarketJob, K int) []common.Hash {
	roots := d.idx.roots(id, job.Round, job.Worker, K)
	if d.seq == nil {
		return roots
	}
	for k := 1; k <= K; k++ {
		if roots[k-1] != (common.Hash{}) {
			continue
		}
		inc, err := d.inclusion(ctx, id, uint32(k))
		if err != nil {
			break
		}
		c := inc.Commitment
		if inc.Round != job.Round || c.Round != job.Round || c.Worker != job.Worker || c.JobID != id || c.Checkpoint != uint32(k) {
			break
		}
		roots[k-1] = c.StateRoot
	}
	return roots
}

func (d *Driver) inclusion(ctx context.Context, id uint64, k uint32) (*seqrpc.Inclusion, error) {
	if d.seq == nil {
		return nil, errors.New("no sequencer (--sequencer)")
	}
	var inc seqrpc.Inclusion
	cctx, cancel := context.WithTimeout(ctx, sequencerTimeout)
	defer cancel()
	if err := d.seq.CallContext(cctx, &inc, "gensyn_getInclusion", id, k); err != nil {
		return nil, err
	}
	return &inc, nil
}

// resultRoots returns the roots the result's checkpoints root commits to:
// the inbox roots, or the inbox roots with the last replaced by the final
// model root; nil when neither gives it.
func resultRoots(roots []common.Hash, job bindings.IJobMarketJob) []common.Hash {
	if job.Status != JobSubmitted || len(roots) == 0 {
		return nil
	}
	try := func(rs []common.Hash) bool {
		hs := make([]commit.Hash, len(rs))
		for i, r := range rs {
			if r == (common.Hash{}) {
				return false
			}
			hs[i] = commit.Hash(r)
		}
		return common.Hash(commit.CheckpointsRoot(hs)) == common.Hash(job.CheckpointsRoot)
	}
	if try(roots) {
		return roots
	}
	alt := append([]common.Hash(nil), roots...)
	alt[len(alt)-1] = job.FinalModelRoot
	if try(alt) {
		return alt
	}
	return nil
}

// wantChallenge is whether checkpoint k is challenged given the audit's
// verdict (a mismatch; or, in the test mode --unsafe.challenge-all, every
// audited checkpoint or only --unsafe.challenge-checkpoint).
func (d *Driver) wantChallenge(k uint32, mismatch bool) bool {
	if d.cfg.ChallengeAll {
		return d.cfg.ChallengeCheckpoint == 0 || d.cfg.ChallengeCheckpoint == k
	}
	return mismatch
}

// auditJob audits one job round. A Submitted result whose checkpoint roots
// the verifier cannot learn (or that are not the roots the worker
// committed) is checked whole against a replay of the job
// (auditResult); otherwise the checkpoints the policy selects are
// replayed one by one and a mismatch is challenged.
func (d *Driver) auditJob(ctx context.Context, id uint64, job bindings.IJobMarketJob) error {
	r, err := d.store.Audit(id, job.Round)
	if err != nil {
		return err
	}
	if r.Intent != nil {
		// A challenge was being sent when the verifier stopped (or its send
		// gave up): Step has waited out the account's pending transactions,
		// so the chain says whether its game exists.
		if err := d.settleIntent(ctx, r); err != nil {
			return fmt.Errorf("settle the challenge in flight: %w", err)
		}
	}
	if r.Skipped != "" || r.Done {
		return nil
	}
	head, err := d.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	if job.Status == JobSubmitted && head.Time+1 >= job.ChallengeEndsAt {
		r.Done = true
		d.log.Info("Challenge window closed; audit of the round ends", "job", id, "round", job.Round, "audited", len(r.Checked))
		return d.store.PutAudit(r)
	}
	tr, err := d.trainerOf(ctx, id, job)
	var skip *errSkip
	if errors.As(err, &skip) {
		r.Skipped = skip.reason
		d.log.Info("Not auditing job", "job", id, "reason", skip.reason)
		return d.store.PutAudit(r)
	}
	if err != nil {
		return err
	}
	K := int(job.Params.Steps / job.Params.CheckpointInterval)
	roots := d.workerRoots(ctx, id, job, K)
	rr := resultRoots(roots, job)
	if job.Status == JobSubmitted && rr == nil {
		return d.auditResult(ctx, tr, r, id, job, K, roots)
	}
	viaResult := rr != nil
	if viaResult {
		roots = rr
	}
	allDone := true
	// Challenges that did not go out (a revert, an unreachable sequencer)
	// are tried again.
	for _, k := range append([]uint32(nil), r.Checked...) {
		if !d.wantChallenge(k, contains(r.Mismatched, k)) || r.challenged(k) || (!d.cfg.ChallengeAll && len(r.Challenged) > 0) {
			continue
		}
		allDone = false
		start, err := d.startState(ctx, tr, k, roots, 0, nil)
		var div *diverged
		if errors.As(err, &div) && div.At == k {
			start, err = div.Start, nil
		}
		if err != nil {
			d.log.Warn("Start state for a challenge", "job", id, "checkpoint", k, "err", err)
			continue
		}
		if err := d.challenge(ctx, tr, r, id, job, k, roots, viaResult, start); err != nil {
			d.log.Warn("Challenge failed; retrying", "job", id, "checkpoint", k, "err", err)
		} else {
			allDone = true
		}
	}
	// The first checkpoint this call found replayed to another root than
	// the worker's (with these roots): a later checkpoint whose start must
	// be replayed from the initial state stops there (startState).
	firstMismatch := uint32(0)
	// The end of the interval this call replayed last, when it matched the
	// worker's root: the worker's own state at that checkpoint, so the
	// audit of the next checkpoint starts from it, with no checkpoint to
	// download and check, nor a replay from the initial state; the audit
	// of a later checkpoint whose start is not published replays from it
	// (startState). It is kept until the next audited checkpoint.
	var carried *trainer.State
	for k := uint32(1); int(k) <= K; k++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		selected := Audited(d.cfg.AuditSeed, id, k, d.cfg.AuditFraction) || (d.cfg.ChallengeAll && d.cfg.ChallengeCheckpoint == k)
		if !selected {
			continue
		}
		if r.checked(k) {
			continue
		}
		if roots[k-1] == (common.Hash{}) || (k > 1 && roots[k-2] == (common.Hash{})) {
			allDone = false // an Assigned job: not committed yet
			continue
		}
		// A game's move first: the audit goes on from checkpoint k after.
		d.yieldToGames(ctx, true)
		at, start, end := k, (*trainer.State)(nil), common.Hash{}
		st, err := d.startState(ctx, tr, k, roots, firstMismatch, carried)
		carried = nil
		var div *diverged
		switch {
		case errors.As(err, &div):
			at, start = div.At, div.Start
		case err != nil:
			allDone = false
			d.log.Warn("Start state of an audit", "job", id, "checkpoint", k, "err", err)
			continue
		default:
			start = st
		}
		if r.checked(at) && at != k {
			continue
		}
		// The start is kept through the replay only when a challenge of
		// this checkpoint may follow (it is the game's start state) and it
		// cannot be made again cheaply (the initial state can): otherwise
		// the replay steps it in place and the audit holds one state while
		// the games it yields to hold theirs.
		challengeable := d.wantChallenge(at, true) && !r.challenged(at) && (d.cfg.ChallengeAll || len(r.Challenged) == 0)
		keep := challengeable && at > 1
		// One state root per audited interval: the per-step roots are
		// computed only inside a game (dispute.Challenger).
		endRoot, endState, err := d.replayEnd(ctx, tr, start, keep)
		if err != nil {
			return fmt.Errorf("replay checkpoint %d: %w", at, err)
		}
		if !keep {
			start = nil // now the interval's end
		}
		end = common.Hash(endRoot)
		d.m.RecordAudit()
		mismatch := end != roots[at-1]
		r.Checked = append(r.Checked, at)
		if mismatch {
			if firstMismatch == 0 || at < firstMismatch {
				firstMismatch = at
			}
			r.Mismatched = append(r.Mismatched, at)
			d.m.RecordMismatch()
			d.log.Warn("Checkpoint mismatch", "job", id, "round", job.Round, "checkpoint", at, "worker", job.Worker,
				"workerRoot", roots[at-1], "replayedRoot", end)
		} else {
			carried = endState
			d.log.Info("Checkpoint audited", "job", id, "checkpoint", at, "root", end)
		}
		if err := d.store.PutAudit(r); err != nil {
			return err
		}
		if d.wantChallenge(at, mismatch) && !r.challenged(at) && (d.cfg.ChallengeAll || len(r.Challenged) == 0) {
			if start == nil { // checkpoint 1: the initial state, made again
				if start, err = tr.InitialState(); err != nil {
					return err
				}
			}
			if err := d.challenge(ctx, tr, r, id, job, at, roots, viaResult, start); err != nil {
				allDone = false
				d.log.Warn("Challenge failed; retrying", "job", id, "checkpoint", at, "err", err)
			}
		}
		if at != k {
			allDone = false // checkpoint k itself is looked at again
		}
	}
	if job.Status == JobSubmitted && allDone && !r.Done {
		r.Done = true
		d.log.Info("Job audited", "job", id, "round", job.Round, "checked", len(r.Checked), "mismatched", len(r.Mismatched),
			"expected", expectedAudits(K, d.cfg.AuditFraction))
		if err := d.store.PutAudit(r); err != nil {
			return err
		}
		d.forgetTrainer(id)
	}
	return nil
}

// forgetTrainer drops an audited job's trainer (its dataset) from memory; a
// game rebuilds it from the job's directory.
func (d *Driver) forgetTrainer(id uint64) {
	d.mu.Lock()
	delete(d.trainers, id)
	d.mu.Unlock()
}

// auditResult checks a submitted result whose checkpoint roots the verifier
// does not know (the worker committed none, or not these): the job's spec
// fixes everything, so the verifier replays the whole job from the initial
// state, and when the checkpoints root of its own K roots is not the
// result's, opens a game on the result's checkpoints list
// (challengeResult), where queries open the worker's list and the game
// bisects it against the replay (docs/verifier.md). The replay's roots are
// kept in the audit record, so a restart does not replay again.
func (d *Driver) auditResult(ctx context.Context, tr *trainer.Trainer, r *AuditRecord, id uint64, job bindings.IJobMarketJob,
	K int, committed []common.Hash) error {
	if r.ResultChallenged {
		r.Done = true // one game per round: the bisection finds the first wrong checkpoint
		return d.store.PutAudit(r)
	}
	own := r.Replayed
	if len(own) != K {
		known := 0
		for _, h := range committed {
			if h != (common.Hash{}) {
				known++
			}
		}
		d.log.Warn("The result's checkpoint roots are not the worker's known commitments; replaying the whole job", "job", id,
			"round", job.Round, "worker", job.Worker, "checkpoints", K, "committed", known)
		var err error
		if own, err = d.replayAll(ctx, tr, K); err != nil {
			return fmt.Errorf("replay the job: %w", err)
		}
		r.Replayed = own
		if !sameList(own, job.CheckpointsRoot) {
			d.m.RecordMismatch()
		}
		if err := d.store.PutAudit(r); err != nil {
			return err
		}
	}
	if sameList(own, job.CheckpointsRoot) {
		r.Done = true
		r.Checked = r.Checked[:0]
		for k := uint32(1); int(k) <= K; k++ {
			r.Checked = append(r.Checked, k)
		}
		d.log.Info("Job audited: the result's checkpoints root is the replay's", "job", id, "round", job.Round, "checked", K)
		d.forgetTrainer(id)
		return d.store.PutAudit(r)
	}
	d.log.Warn("The result's checkpoints root is not the replay's; challenging the result", "job", id, "round", job.Round,
		"worker", job.Worker, "checkpointsRoot", common.Hash(job.CheckpointsRoot), "replayed", common.Hash(commit.CheckpointsRoot(hashesTo(own))))
	bond, err := d.bond(ctx)
	if err != nil {
		return err
	}
	in := ChallengeIntent{Result: true}
	if err := d.open(ctx, r, job, in, d.c.ChallengeResultCandidate(id, bond), nil, nil, common.Hash{}); err != nil {
		return fmt.Errorf("challenge the result: %w", err)
	}
	if r.ResultChallenged {
		r.Done = true // one game per round: the bisection finds the first wrong checkpoint
		return d.store.PutAudit(r)
	}
	return nil
}

// sameList says whether the checkpoints root of roots is root.
func sameList(roots []common.Hash, root [32]byte) bool {
	return commit.CheckpointsRoot(hashesTo(roots)) == commit.Hash(root)
}

func hashesTo(hs []common.Hash) []commit.Hash {
	out := make([]commit.Hash, len(hs))
	for i, h := range hs {
		out[i] = commit.Hash(h)
	}
	return out
}

// replayAll replays the whole job from its initial state and returns the
// state roots of checkpoints 1..K.
func (d *Driver) replayAll(ctx context.Context, tr *trainer.Trainer, K int) ([]common.Hash, error) {
	st, err := tr.InitialState()
	if err != nil {
		return nil, err
	}
	own := make([]common.Hash, K)
	for k := range own {
		end, next, err := d.replayEnd(ctx, tr, st, false)
		if err != nil {
			return nil, fmt.Errorf("checkpoint %d: %w", k+1, err)
		}
		own[k] = common.Hash(end)
		d.m.RecordAudit()
		st = next
	}
	return own, nil
}

// checkpointProof proves the worker's root of checkpoint k: from the
// result's checkpoints root when the roots are the result's, else from the
// inbox (the entry's batch proof, or Forced, and the worker's EIP-712
// signature from the sequencer).
func (d *Driver) checkpointProof(ctx context.Context, id uint64, job bindings.IJobMarketJob, k uint32, roots []common.Hash, viaResult bool) (bindings.IVerdeArbitrationCheckpointProof, error) {
	root := roots[k-1]
	p := bindings.IVerdeArbitrationCheckpointProof{StateRoot: root, Proof: [][32]byte{}, BatchIndex: new(big.Int), LeafIndex: new(big.Int), Signature: []byte{}}
	if viaResult {
		sib, err := commit.CheckpointProof(hashesTo(roots), int(k))
		if err != nil {
			return p, err
		}
		p.Proof = hashes32(sib)
		return p, nil
	}
	cm := inbox.Commitment{JobID: id, Round: job.Round, Checkpoint: k, StateRoot: root, Worker: job.Worker}
	inc, err := d.inclusion(ctx, id, k)
	if err != nil {
		return p, fmt.Errorf("the worker's signature of checkpoint %d: %w", k, err)
	}
	if inc.Commitment != cm || len(inc.Signature) != inbox.SignatureSize {
		return p, fmt.Errorf("the sequencer has no signed commitment %s", cm)
	}
	p.FromInbox, p.Signature = true, inc.Signature
	if e, ok := d.idx.find(cm); ok {
		p.BatchIndex, p.LeafIndex, p.Proof = e.BatchIndex, new(big.Int).SetUint64(e.LeafIndex), hashes32(e.Proof)
		return p, nil
	}
	if inc.Status == seqrpc.StatusPosted && inc.BatchIndex != nil && inc.LeafIndex != nil {
		p.BatchIndex, p.LeafIndex, p.Proof = new(big.Int).SetUint64(*inc.BatchIndex), new(big.Int).SetUint64(*inc.LeafIndex), hashes32(inc.Proof)
		return p, nil
	}
	return p, fmt.Errorf("commitment %s is not on chain yet", cm)
}

// bondMargin: the bond sent is requiredBond() read just before sending plus
// 1/bondMargin of it (12.5%), so that a base-fee rise before the
// transaction lands (requiredBond follows DEFENCE_GAS * basefee) does not
// make it revert. The game keeps what was sent and pays it all back to a
// challenger who does not lose.
const bondMargin = 8

// bond is the value to send with a challenge.
func (d *Driver) bond(ctx context.Context) (*big.Int, error) {
	rb, err := d.c.RequiredBond(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the required bond: %w", err)
	}
	return new(big.Int).Add(rb, new(big.Int).Div(rb, big.NewInt(bondMargin))), nil
}

// challenge opens a game over checkpoint k (roots proven from the result or
// the inbox) with the bond.
func (d *Driver) challenge(ctx context.Context, tr *trainer.Trainer, r *AuditRecord, id uint64, job bindings.IJobMarketJob, k uint32,
	roots []common.Hash, viaResult bool, start *trainer.State) error {
	cur, err := d.checkpointProof(ctx, id, job, k, roots, viaResult)
	if err != nil {
		return err
	}
	prevRoot := common.Hash(job.Params.InitialStateRoot)
	prev := bindings.IVerdeArbitrationCheckpointProof{Proof: [][32]byte{}, BatchIndex: new(big.Int), LeafIndex: new(big.Int), Signature: []byte{}}
	if k > 1 {
		if prev, err = d.checkpointProof(ctx, id, job, k-1, roots, viaResult); err != nil {
			return err
		}
		prevRoot = roots[k-2]
	}
	bond, err := d.bond(ctx)
	if err != nil {
		return err
	}
	return d.open(ctx, r, job, ChallengeIntent{Checkpoint: k}, d.c.ChallengeCandidate(id, k, prev, cur, bond), tr, start, prevRoot)
}

// open sends a challenge (cand: challenge or challengeResult, with the bond
// as value) and records its game. The intent is written durably before the
// transaction goes out and cleared once the game is recorded, or once the
// transaction reverted; when the send fails otherwise (it may be out), the
// intent stays and the next poll settles it from the chain. A GameExists
// revert (this account already has a live game on the job, round and
// checkpoint) is not an error: that game is adopted. tr and start (the
// state at checkpoint k-1, kept for the challenger) are nil for a result
// game.
func (d *Driver) open(ctx context.Context, r *AuditRecord, job bindings.IJobMarketJob, in ChallengeIntent, cand txmgr.TxCandidate,
	tr *trainer.Trainer, start *trainer.State, prevRoot common.Hash) error {
	what := fmt.Sprintf("challenge job %d round %d checkpoint %d", r.Job, r.Round, in.Checkpoint)
	if in.Result {
		what = fmt.Sprintf("challenge the result of job %d round %d", r.Job, r.Round)
	}
	adoptExisting := func(gid uint64) error {
		d.log.Info("The contract has this verifier's live game on that checkpoint already; adopting it", "job", r.Job, "round", r.Round,
			"checkpoint", in.Checkpoint, "result", in.Result, "game", gid)
		r.Intent = nil
		return d.adoptID(ctx, gid, r)
	}
	if err := d.c.Simulate(ctx, d.me(), cand); err != nil {
		if gid, ok := d.c.gameExists(err); ok {
			return adoptExisting(gid)
		}
		return fmt.Errorf("%s would revert: %w", what, err)
	}
	cand, err := d.c.WithGas(ctx, d.me(), cand)
	if err != nil {
		if gid, ok := d.c.gameExists(err); ok {
			return adoptExisting(gid)
		}
		return fmt.Errorf("%s: estimate gas: %w", what, err)
	}
	head, err := d.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	in.FromBlock = head.Number.Uint64()
	r.Intent = &in
	if err := d.store.PutAudit(r); err != nil {
		return err
	}
	rc, err := d.tx.Send(ctx, cand)
	if err != nil {
		// It may be out (a timeout, a stop): the intent stays.
		return fmt.Errorf("%s: %w", what, reverts.Decode(err))
	}
	if rc.Status != types.ReceiptStatusSuccessful {
		r.Intent = nil
		return errors.Join(fmt.Errorf("%s: transaction %s reverted", what, rc.TxHash), d.store.PutAudit(r))
	}
	var gameID uint64
	found := false
	for _, lg := range rc.Logs {
		if ev, err := d.c.arb.UnpackGameStartedEvent(lg); err == nil && lg.Address == d.c.addrs.VerdeArbitration {
			gameID, found = ev.GameId.Uint64(), true
			break
		}
	}
	if !found {
		return fmt.Errorf("%s: transaction %s has no GameStarted event", what, rc.TxHash)
	}
	if start != nil {
		if err := d.saveStart(tr, gameID, start); err != nil {
			d.log.Warn("Keep the game's start state", "game", gameID, "err", err)
		}
	}
	g := &GameRecord{ID: gameID, Job: r.Job, Round: r.Round, Checkpoint: in.Checkpoint, PrevRoot: prevRoot, Result: in.Result,
		Strategy: d.cfg.strategyName(), Seed: d.seedOf(gameID), Status: GameOpen, FromBlock: rc.BlockNumber.Uint64(), OpenTx: rc.TxHash,
		Bond: cand.Value}
	if err := d.store.PutGame(g); err != nil {
		return err
	}
	r.Intent = nil
	r.markGame(g)
	d.m.RecordGameOpened()
	d.log.Info("Game opened", "game", gameID, "job", r.Job, "round", r.Round, "checkpoint", in.Checkpoint, "result", in.Result,
		"worker", job.Worker, "bond", cand.Value, "strategy", g.Strategy, "tx", rc.TxHash)
	return d.store.PutAudit(r)
}

// settleIntent decides a recorded challenge intent from the chain (the
// account has no pending transaction): its game is this account's live game
// on the job, round and checkpoint (liveGameOf) or one of the job's
// GameStarted events since the intent; found, it is adopted; otherwise the
// transaction never made it and the intent is dropped (the audit may
// challenge again).
func (d *Driver) settleIntent(ctx context.Context, r *AuditRecord) error {
	in := r.Intent
	gid, ok, err := d.c.LiveGameOf(ctx, d.me(), r.Job, r.Round, in.Checkpoint)
	if err != nil {
		return err
	}
	if !ok {
		evs, err := d.c.gameStartedLogs(ctx, r.Job, in.FromBlock)
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if ev.Challenger == d.me() && ev.Round == r.Round && ev.Checkpoint == in.Checkpoint && ev.GameId.IsUint64() {
				gid, ok = ev.GameId.Uint64(), true
			}
		}
	}
	r.Intent = nil
	if ok {
		d.log.Info("The challenge in flight at the last stop is on chain; adopting its game", "job", r.Job, "round", r.Round,
			"checkpoint", in.Checkpoint, "result", in.Result, "game", gid)
		return d.adoptID(ctx, gid, r)
	}
	d.log.Warn("The challenge in flight at the last stop never reached the chain (no pending transaction, no game); it may be sent again",
		"job", r.Job, "round", r.Round, "checkpoint", in.Checkpoint, "result", in.Result)
	return d.store.PutAudit(r)
}

func (d *Driver) seedOf(game uint64) int64 { return int64(d.cfg.AuditSeed ^ splitmix64(game)) }

// saveStart keeps the game's start state (checkpoint k-1) in the game's
// directory, so that a restart rebuilds the challenger without the blob
// store.
func (d *Driver) saveStart(tr *trainer.Trainer, game uint64, st *trainer.State) error {
	ck, err := tr.Checkpoint(st)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.gameDir(game), 0o755); err != nil {
		return err
	}
	// Streamed: the file is written through one chunk, never encoded whole.
	return fsutil.WriteAtomic(filepath.Join(d.gameDir(game), "start.gck"), 0o644, func(w io.Writer) error {
		_, err := ck.WriteTo(w)
		return err
	})
}
