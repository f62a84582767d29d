package worker

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/fsutil"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// bidTimeout bounds the sending of one bid.
const bidTimeout = 15 * time.Second

// sequencerTimeout bounds one call to the sequencer: a sequencer that hangs
// must not stall training (its commitments are force-included instead).
const sequencerTimeout = 10 * time.Second

// Defaults of the bid's time rule (--bid.time-margin, --bid.time-overhead).
const (
	DefaultBidTimeMargin   = 2.0
	DefaultBidTimeOverhead = 30 * time.Second
)

// speedSteps is how many steps the worker times to measure its speed on a
// job (after one untimed step, which allocates).
const speedSteps = 3

// DriverConfig tunes the driver loop.
type DriverConfig struct {
	DataDir           string
	PollInterval      time.Duration
	ForceIncludeAfter time.Duration
	MaxBlobSize       int64
	Price             PricePolicy
	StakeTarget       *big.Int
	PeerID            []byte
	Hardware          string
	// BidTimeMargin and BidTimeOverhead are the bid's time rule: the worker
	// bids on a job of S steps only when S x its measured step time x
	// BidTimeMargin + BidTimeOverhead fits in the job's execution window
	// (a zero margin is DefaultBidTimeMargin; the flags default to
	// DefaultBidTimeMargin and DefaultBidTimeOverhead).
	BidTimeMargin   float64
	BidTimeOverhead time.Duration
	// Executor computes the operators of training (nil: repops.CPU{}).
	Executor repops.Executor
	// Fault is an injected fault (tests and demos only; zero: honest).
	Fault Fault
}

// Sequencer is the part of the sequencer's API the worker uses.
type Sequencer interface {
	CallContext(ctx context.Context, result any, method string, args ...any) error
}

var _ Sequencer = (*gethrpc.Client)(nil)

// Driver is the worker's loop: set up (register, stake), then at every poll
// interval look at the jobs it knows and at newly posted ones.
type Driver struct {
	cfg    DriverConfig
	log    log.Logger
	m      metrics.Metricer
	c      *Contracts
	tx     TxSender
	key    *ecdsa.PrivateKey
	domain inbox.Domain
	blobs  *blobstore.Client
	seq    Sequencer
	state  *State
	now    func() time.Time

	mu       sync.Mutex
	trainers map[uint64]*trainer.Trainer
	acked    map[[3]uint64]bool                                             // (job, round, checkpoint) acknowledged by the sequencer in this run
	working  map[uint64]*workRun                                            // jobs being worked on by a goroutine of their own
	speeds   map[common.Hash]time.Duration                                  // measured step time per spec hash
	measure  func(context.Context, *trainer.Trainer) (time.Duration, error) // times a job's step (tests inject one)
	auctions uint8                                                          // JobMarket.MAX_AUCTIONS, once read

	defences     map[uint64]*jobDefence    // per job, used by its defence goroutine only
	defending    map[uint64]bool           // jobs whose games a goroutine is looking at
	logged       map[string]bool           // dispute conditions logged once (see once)
	stakeShort   map[uint64]string         // per job, the free stake last logged as too short to bid
	seqw         seqWatch                  // the sequencer's reachability, for the log
	meters       map[uint64]*trainer.Meter // live progress of the jobs in training (progress.go)
	gamesScanned atomic.Bool               // the game ids were scanned since the start

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewDriver builds the driver.
func NewDriver(cfg DriverConfig, l log.Logger, m metrics.Metricer, c *Contracts, tx TxSender, key *ecdsa.PrivateKey,
	domain inbox.Domain, blobs *blobstore.Client, seq Sequencer, state *State) *Driver {
	ctx, cancel := context.WithCancel(context.Background())
	if cfg.BidTimeMargin == 0 {
		cfg.BidTimeMargin = DefaultBidTimeMargin
	}
	d := &Driver{cfg: cfg, log: l, m: m, c: c, tx: tx, key: key, domain: domain, blobs: blobs, seq: seq, state: state,
		now: time.Now, trainers: map[uint64]*trainer.Trainer{}, acked: map[[3]uint64]bool{}, working: map[uint64]*workRun{},
		speeds: map[common.Hash]time.Duration{}, defences: map[uint64]*jobDefence{}, defending: map[uint64]bool{},
		logged: map[string]bool{}, stakeShort: map[uint64]string{}, ctx: ctx, cancel: cancel}
	d.measure = d.measureStep
	return d
}

// workRun is a job's work goroutine: the assignment round it works on and
// the cancellation of its context.
type workRun struct {
	round  uint32
	cancel context.CancelCauseFunc
}

// Start runs the loop in a goroutine.
func (d *Driver) Start() {
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		d.loop()
	}()
}

// Stop cancels the loop (training stops at the next step) and waits for it.
func (d *Driver) Stop() {
	d.cancel()
	d.wg.Wait()
}

func (d *Driver) me() common.Address { return d.tx.From() }

func (d *Driver) loop() {
	ready := false
	t := time.NewTicker(d.cfg.PollInterval)
	defer t.Stop()
	for {
		if !ready {
			if err := d.Setup(d.ctx); err != nil {
				if d.ctx.Err() != nil {
					return
				}
				d.log.Warn("Setup failed; retrying", "err", err)
			} else {
				ready = true
			}
		}
		if ready {
			if err := d.Step(d.ctx); err != nil && d.ctx.Err() == nil {
				d.log.Warn("Worker step failed; retrying", "err", err)
			}
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

// Setup registers the worker in the NodeRegistry and deposits stake up to
// the target; both are skipped when already done.
func (d *Driver) Setup(ctx context.Context) error {
	ok, err := d.c.IsRegistered(ctx, d.me())
	if err != nil {
		return fmt.Errorf("read registration: %w", err)
	}
	if !ok {
		peer := d.cfg.PeerID
		if len(peer) == 0 {
			peer = d.me().Bytes()
		}
		if _, err := d.send(ctx, "register", d.c.RegisterCandidate(peer, d.cfg.Hardware)); err != nil {
			return err
		}
	}
	info, err := d.c.StakeOf(ctx, d.me())
	if err != nil {
		return fmt.Errorf("read stake: %w", err)
	}
	if d.cfg.StakeTarget != nil && info.Staked.Cmp(d.cfg.StakeTarget) < 0 {
		dep := new(big.Int).Sub(d.cfg.StakeTarget, info.Staked)
		if _, err := d.send(ctx, "deposit "+dep.String()+" wei", d.c.DepositCandidate(dep)); err != nil {
			return err
		}
	}
	d.log.Info("Worker ready", "worker", d.me(), "stakeTarget", d.cfg.StakeTarget)
	return nil
}

// Step handles every known job, then looks at newly posted ones, then at
// the dispute games against the worker.
func (d *Driver) Step(ctx context.Context) error {
	errs := d.jobsStep(ctx)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err := d.discoverGames(ctx); err != nil {
		errs = errors.Join(errs, fmt.Errorf("dispute games: %w", err))
	}
	if err := d.defendGames(); err != nil {
		errs = errors.Join(errs, fmt.Errorf("dispute games: %w", err))
	}
	return errs
}

func (d *Driver) jobsStep(ctx context.Context) error {
	recs, err := d.state.Jobs()
	if err != nil {
		return err
	}
	head, err := d.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	now := head.Time
	var errs error
	for _, r := range recs {
		if r.Skipped != "" || r.Paid {
			continue
		}
		if err := d.handle(ctx, r, now); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = errors.Join(errs, fmt.Errorf("job %d: %w", r.ID, err))
		}
	}
	next, err := d.state.NextScan()
	if err != nil {
		return err
	}
	count, err := d.c.JobCount(ctx)
	if err != nil {
		return fmt.Errorf("read job count: %w", err)
	}
	for id := next; id <= count; id++ {
		if err := d.evaluate(ctx, id); err != nil {
			return errors.Join(errs, fmt.Errorf("job %d: %w", id, err))
		}
		if err := d.state.SetNextScan(id + 1); err != nil {
			return err
		}
		r, err := d.state.Job(id)
		if err != nil {
			return err
		}
		if r.Skipped == "" {
			if err := d.handle(ctx, r, now); err != nil && ctx.Err() == nil {
				errs = errors.Join(errs, fmt.Errorf("job %d: %w", id, err))
			}
		}
	}
	return errs
}

func (d *Driver) jobDir(id uint64) string {
	return filepath.Join(d.cfg.DataDir, "jobs", strconv.FormatUint(id, 10))
}

// skip records that the worker will not work on job r: kind is the
// metric's bounded reason (metrics.Skip*), reason the detail kept in the
// job's record and the log.
func (d *Driver) skip(r *JobRecord, kind, reason string) error {
	r.Skipped = reason
	d.m.RecordJobSkipped(kind)
	d.log.Info("Skipping job", "job", r.ID, "reason", reason, "kind", kind)
	return d.state.PutJob(r)
}

// evaluate looks at a newly posted job: it fetches the spec and dataset by
// their hashes, checks that the job's posted roots are the ones the spec and
// dataset give, and keeps them in the job's directory. A job that does not
// check is recorded as skipped; an unreachable blob store is an error (the
// job is looked at again).
func (d *Driver) evaluate(ctx context.Context, id uint64) error {
	if ok, err := d.state.Has(id); err != nil || ok {
		return err
	}
	r := &JobRecord{ID: id}
	job, err := d.c.Job(ctx, id)
	if err != nil {
		return fmt.Errorf("read job: %w", err)
	}
	switch job.Status {
	case JobOpen, JobAssigned, JobSubmitted:
		// An assigned or submitted job may reopen (a lost dispute, a
		// timeout): it is then bid on like a new one.
	default:
		return d.skip(r, metrics.SkipClosed, "finalized or cancelled when first seen")
	}
	p := job.Params
	specBytes, err := d.blobs.Get(ctx, p.SpecHash, d.cfg.MaxBlobSize)
	if blobstore.Unusable(err) {
		return d.skip(r, metrics.SkipBadBlob, "spec blob: "+err.Error())
	}
	if err != nil {
		return err
	}
	s, err := jobclient.VerifySpec(p, specBytes)
	var bad *jobclient.MismatchError
	if errors.As(err, &bad) {
		return d.skip(r, metrics.SkipMismatch, bad.Reason)
	}
	dataBytes, err := d.blobs.Get(ctx, p.DatasetHash, d.cfg.MaxBlobSize)
	if blobstore.Unusable(err) {
		return d.skip(r, metrics.SkipBadBlob, "dataset blob: "+err.Error())
	}
	if err != nil {
		return err
	}
	if err := d.cfg.Fault.checkJob(s); err != nil {
		return d.skip(r, metrics.SkipMismatch, err.Error())
	}
	// A fine-tuning job starts from the client's weights (init.weights),
	// fetched by their hash and checked against the spec as they stream
	// into the state and into the job's directory (kept only if the job
	// is taken on).
	initPath := filepath.Join(d.jobDir(id), initWeightsFile)
	if s.Init != nil {
		if err := os.MkdirAll(d.jobDir(id), 0o755); err != nil {
			return err
		}
	}
	initState, err := jobclient.FetchInitialState(ctx, d.blobs, s, initPath)
	if blobstore.Unusable(err) {
		return d.skip(r, metrics.SkipBadBlob, err.Error())
	}
	if errors.As(err, &bad) {
		return d.skip(r, metrics.SkipMismatch, bad.Reason)
	}
	if err != nil {
		return err
	}
	keepInit := false
	if initState != nil {
		defer func() {
			if !keepInit {
				os.Remove(initPath)
			}
		}()
	}
	opts := d.trainerOptions(id, s)
	opts.InitialWeights = initState
	tr, err := jobclient.VerifyJob(p, s, dataBytes, opts)
	if errors.As(err, &bad) {
		return d.skip(r, metrics.SkipMismatch, bad.Reason)
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(d.jobDir(id), "checkpoints"), 0o755); err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(filepath.Join(d.jobDir(id), "spec.json"), specBytes, 0o644); err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(filepath.Join(d.jobDir(id), "dataset"), dataBytes, 0o644); err != nil {
		return err
	}
	keepInit = true
	d.mu.Lock()
	d.trainers[id] = tr
	d.mu.Unlock()
	d.log.Info("Job checks", "job", id, "spec", common.Hash(p.SpecHash), "steps", p.Steps, "interval", p.CheckpointInterval, "maxPrice", p.MaxPrice)
	return d.state.PutJob(r)
}

// loadJob reads the spec and dataset evaluate kept for a job.
func (d *Driver) loadJob(id uint64) (*spec.Spec, *dataset.Dataset, error) {
	s, err := spec.Load(filepath.Join(d.jobDir(id), "spec.json"))
	if err != nil {
		return nil, nil, err
	}
	ds, err := dataset.Load(filepath.Join(d.jobDir(id), "dataset"), s.Dataset.Format)
	if err != nil {
		return nil, nil, err
	}
	return s, ds, nil
}

// initWeightsFile is the file in a job's directory that holds the initial
// weights of a fine-tuning job (init.weights), as evaluate fetched them.
const initWeightsFile = "init.safetensors"

// initialWeights reads the initial weights evaluate kept for a job whose
// spec has init.weights (checked against the spec and its hash again); nil
// for a seeded job.
func (d *Driver) initialWeights(id uint64, s *spec.Spec) ([]repops.Tensor, error) {
	if s.Init == nil {
		return nil, nil
	}
	return export.LoadInitialStateFile(s, filepath.Join(d.jobDir(id), initWeightsFile))
}

// trainerOptions are the options of a job's training trainer.
func (d *Driver) trainerOptions(id uint64, s *spec.Spec) trainer.Options {
	return trainer.Options{CheckpointDir: filepath.Join(d.jobDir(id), "checkpoints"), SkipEval: true, Executor: d.jobExecutor(s),
		OnStep: d.onStep(id)}
}

// executor is what computes the worker's operators: the configured
// executor (nil: repops.CPU{}), or under the float64-matmul fault
// trainer.Float64MatMul over it (not RepOps: an honest mistake).
func (d *Driver) executor() repops.Executor {
	if d.cfg.Fault.Kind == FaultFloat64MatMul {
		return trainer.Float64MatMul{Base: d.cfg.Executor}
	}
	return d.cfg.Executor
}

// jobExecutor is the executor of one trainer of job spec s: executor(), or
// under perturb-norm or nonrepops-softmax (transformer jobs) a new
// lmFaultExecutor over the configured executor, acting from the fault step.
func (d *Driver) jobExecutor(s *spec.Spec) repops.Executor {
	f := d.cfg.Fault
	if f.changesExecutor() && f.lmOnly() && s.Model.IsTransformer() {
		return newLMFaultExecutor(d.cfg.Executor, f.Kind, f.faultStep(uint64(s.Steps), uint64(s.CheckpointInterval)))
	}
	return d.executor()
}

// trainerOf rebuilds a job's trainer from the files evaluate kept.
func (d *Driver) trainerOf(id uint64) (*trainer.Trainer, error) {
	d.mu.Lock()
	tr, ok := d.trainers[id]
	d.mu.Unlock()
	if ok {
		return tr, nil
	}
	s, ds, err := d.loadJob(id)
	if err != nil {
		return nil, err
	}
	opts := d.trainerOptions(id, s)
	if opts.InitialWeights, err = d.initialWeights(id, s); err != nil {
		return nil, err
	}
	tr, err = trainer.New(s, ds, opts)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.trainers[id] = tr
	d.mu.Unlock()
	return tr, nil
}

// handle moves one job on according to its on-chain status; now is the
// chain's time (the head's timestamp).
func (d *Driver) handle(ctx context.Context, r *JobRecord, now uint64) error {
	job, err := d.c.Job(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("read job: %w", err)
	}
	d.mu.Lock()
	run := d.working[r.ID]
	d.mu.Unlock()
	if run != nil {
		// Its goroutine owns the job's record until it returns; it is
		// stopped (within a step) once the job is no longer this worker's
		// in its round, or its result can no longer be submitted.
		if cause := lostAssignment(job, d.me(), run.round, now); cause != nil {
			run.cancel(cause)
		}
		return nil
	}
	mine := job.Worker == d.me()
	switch job.Status {
	case JobOpen:
		return d.maybeBid(ctx, r, job, now)
	case JobAssigned:
		if !mine {
			return nil
		}
		if now > job.ResultDeadline {
			if d.once(fmt.Sprintf("deadline/%d/%d", r.ID, job.Round)) {
				d.log.Warn("The job's result deadline passed without a result; not working on it (it will be timed out)",
					"job", r.ID, "round", job.Round, "deadline", job.ResultDeadline, "now", now)
			}
			return nil
		}
		d.startWork(r, job)
		return nil
	case JobSubmitted:
		if mine && len(r.Roots) > 0 {
			return d.publishAll(ctx, r)
		}
		return nil
	case JobFinalized:
		if !mine {
			return d.skip(r, metrics.SkipClosed, "finalized for another worker")
		}
		return d.collect(ctx, r)
	case JobCancelled:
		return d.skip(r, metrics.SkipClosed, "cancelled")
	default:
		return nil
	}
}

// errDeadlinePassed stops work on a job whose result deadline passed (the
// market would refuse the result).
var errDeadlinePassed = errors.New("the job's result deadline passed")

// lostAssignment says why work on job in round must stop (nil: it goes
// on): the job is no longer Assigned or Submitted to me in that round (timed
// out, reopened by a lost dispute), or it is still Assigned past its result
// deadline.
func lostAssignment(job bindings.IJobMarketJob, me common.Address, round uint32, now uint64) error {
	if job.Worker != me || job.Round != round || (job.Status != JobAssigned && job.Status != JobSubmitted) {
		return errNotMine
	}
	if job.Status == JobAssigned && now > job.ResultDeadline {
		return errDeadlinePassed
	}
	return nil
}

// maybeBid bids the policy's price on an Open job when it would be the
// best bid, the worker has the free stake to cover the job's collateral, is
// not barred from the job, and can finish it in its execution window at its
// measured speed (fitsWindow). A job whose auction ended without a bid is
// bid on too: the bid restarts the auction, until MAX_AUCTIONS auctions ran.
func (d *Driver) maybeBid(ctx context.Context, r *JobRecord, job bindings.IJobMarketJob, now uint64) error {
	if job.Worker == d.me() {
		return nil // the best bid is ours
	}
	if now >= job.BiddingEndsAt {
		if job.Worker != (common.Address{}) {
			return nil // closed with a best bid: closeAuction assigns it
		}
		last, err := d.maxAuctions(ctx)
		if err != nil {
			return err
		}
		if job.Auctions >= last {
			return nil // the last auction ended: the job is cancelled when it closes
		}
	}
	if !d.cfg.Fault.rebids() {
		barred, err := d.c.IsBarred(ctx, r.ID, d.me())
		if err != nil {
			return fmt.Errorf("read isBarred: %w", err)
		}
		if barred {
			reason, ready, err := d.barredReason(r.ID)
			if err != nil || !ready {
				return err // a game on the job is still being recorded: its end names the reason
			}
			return d.skip(r, metrics.SkipBarred, reason)
		}
	}
	price := d.cfg.Price.Price(job.Params.MaxPrice, job.Escrow)
	if price.Sign() == 0 {
		return d.skip(r, metrics.SkipPrice, "price policy gives no bid under the job's max price")
	}
	if job.Worker != (common.Address{}) && price.Cmp(job.Price) >= 0 {
		return nil // outbid: our price would not be lower
	}
	free, err := d.c.FreeStake(ctx, d.me())
	if err != nil {
		return err
	}
	if free.Cmp(job.Params.RequiredCollateral) < 0 {
		d.noteStakeShort(r.ID, free, job.Params.RequiredCollateral)
		return nil
	}
	if ok, err := d.canFinish(ctx, r.ID, job); err != nil || !ok {
		return err
	}
	// A bid that another bid undercuts before it is mined fails gas
	// estimation, which the tx manager would retry for a long time: give it a
	// bound, and look at the auction again on the next poll.
	bctx, cancel := context.WithTimeout(ctx, bidTimeout)
	defer cancel()
	if _, err := d.send(bctx, fmt.Sprintf("bid %s wei on job %d", price, r.ID), d.c.BidCandidate(r.ID, price)); err != nil {
		if d.cfg.Fault.rebids() {
			if barred, berr := d.c.IsBarred(ctx, r.ID, d.me()); berr == nil && barred {
				d.log.Warn("UNSAFE fault rebid: the market refused this worker's bid on a job it is barred from",
					"job", r.ID, "revert", RevertReason(err), "err", err)
				return d.skip(r, metrics.SkipBarred, "barred: the market refused the bid (rebid)")
			}
		}
		return err
	}
	d.m.RecordBid()
	r.Bid = price.String()
	return d.state.PutJob(r)
}

// maxAuctions is JobMarket.MAX_AUCTIONS (read once).
func (d *Driver) maxAuctions(ctx context.Context) (uint8, error) {
	d.mu.Lock()
	n := d.auctions
	d.mu.Unlock()
	if n != 0 {
		return n, nil
	}
	n, err := d.c.MaxAuctions(ctx)
	if err != nil {
		return 0, fmt.Errorf("read MAX_AUCTIONS: %w", err)
	}
	d.mu.Lock()
	d.auctions = n
	d.mu.Unlock()
	return n, nil
}

// barredReason is the skip reason of a job this worker is barred from: a
// dispute game it lost on the job, or else a slash or timeout; not ready
// while a game on the job is not yet recorded as over.
func (d *Driver) barredReason(id uint64) (string, bool, error) {
	games, err := d.state.Games()
	if err != nil {
		return "", false, err
	}
	ready := true
	for _, g := range games {
		if g.JobID != id {
			continue
		}
		if g.Status == GameLost {
			return fmt.Sprintf("barred: lost dispute game %d", g.ID), true, nil
		}
		ready = ready && g.Done()
	}
	return "barred: slashed or timed out on the job", ready, nil
}

// noteStakeShort logs that the worker's free stake does not cover job id's
// collateral: at INFO once per job and free stake value (it changes when a
// job pays out, a deposit lands or collateral is locked), else at DEBUG, so
// that a poll a second does not repeat it.
func (d *Driver) noteStakeShort(id uint64, free, required *big.Int) {
	d.mu.Lock()
	changed := d.stakeShort[id] != free.String()
	d.stakeShort[id] = free.String()
	d.mu.Unlock()
	lvl := log.LevelDebug
	if changed {
		lvl = log.LevelInfo
	}
	d.log.Log(lvl, "Not enough free stake to bid", "job", id, "free", free, "required", required)
}

// fitsWindow is the bid's time rule: a job of `steps` steps at stepTime a
// step fits an execution window of `window` seconds when steps x stepTime x
// margin + overhead <= window. It also returns the time needed, in seconds.
func fitsWindow(steps uint64, stepTime time.Duration, margin float64, overhead time.Duration, window uint64) (float64, bool) {
	need := float64(steps)*stepTime.Seconds()*margin + overhead.Seconds()
	return need, need <= float64(window)
}

// canFinish applies the bid's time rule to a job with the worker's step
// time on it (measured once per spec hash); a refusal is logged once per
// job, with the numbers.
func (d *Driver) canFinish(ctx context.Context, id uint64, job bindings.IJobMarketJob) (bool, error) {
	tr, err := d.trainerOf(id)
	if err != nil {
		return false, fmt.Errorf("rebuild trainer: %w", err)
	}
	key := common.Hash(tr.SpecHash())
	d.mu.Lock()
	stepTime, ok := d.speeds[key]
	d.mu.Unlock()
	if !ok {
		if stepTime, err = d.measure(ctx, tr); err != nil {
			return false, fmt.Errorf("measure the step time: %w", err)
		}
		d.mu.Lock()
		d.speeds[key] = stepTime
		d.mu.Unlock()
		d.log.Info("Measured the step time", "job", id, "spec", key, "stepTime", stepTime)
	}
	p := job.Params
	need, fits := fitsWindow(p.Steps, stepTime, d.cfg.BidTimeMargin, d.cfg.BidTimeOverhead, p.ExecutionWindow)
	if !fits && d.once(fmt.Sprintf("slow/%d", id)) {
		d.log.Warn("Not bidding: this worker cannot finish the job in its execution window at its measured speed",
			"job", id, "steps", p.Steps, "stepTime", stepTime, "margin", d.cfg.BidTimeMargin, "overhead", d.cfg.BidTimeOverhead,
			"needSeconds", need, "executionWindowSeconds", p.ExecutionWindow)
	}
	return fits, nil
}

// measureStep times a few real steps of a job's graph on its data, from
// the initial state, with the driver's clock.
func (d *Driver) measureStep(ctx context.Context, tr *trainer.Trainer) (time.Duration, error) {
	// The trainer is kept for the job (trainerOf), won or not: its runner's
	// buffers are not, until it trains.
	defer tr.ReleaseBuffers()
	steps := uint64(tr.Spec().Steps)
	st, err := tr.InitialState()
	if err != nil {
		return 0, err
	}
	// Stepped in place (Advance): one state, none per step for the
	// collector.
	if steps > 1 {
		if _, err = tr.Advance(st); err != nil { // builds the buffers: not timed
			return 0, err
		}
	}
	n := min(uint64(speedSteps), steps-st.Step)
	start := d.now()
	for i := uint64(0); i < n; i++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if _, err = tr.Advance(st); err != nil {
			return 0, err
		}
	}
	return d.now().Sub(start) / time.Duration(n), nil
}

// startWork runs work on a goroutine of its own, so that the loop goes on
// with the other jobs (auctions, payments) while this one trains; the job
// is left alone by the loop until the goroutine returns, and looked at again
// on the next poll if it failed. The goroutine's context is cancelled (the
// training stops within a step) as soon as the loop sees that the job is no
// longer this worker's in its round (handle).
func (d *Driver) startWork(r *JobRecord, job bindings.IJobMarketJob) {
	wctx, cancel := context.WithCancelCause(d.ctx)
	d.mu.Lock()
	d.working[r.ID] = &workRun{round: job.Round, cancel: cancel}
	d.mu.Unlock()
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer func() {
			cancel(nil)
			d.mu.Lock()
			delete(d.working, r.ID)
			d.mu.Unlock()
		}()
		err := d.work(wctx, r, job)
		cause := context.Cause(wctx)
		switch {
		case d.ctx.Err() != nil:
		case errors.Is(err, errNotMine) || errors.Is(cause, errNotMine):
			d.log.Warn("Stopped working on the job: it is no longer assigned to this worker in this round (timed out or reopened)",
				"job", r.ID, "round", job.Round, "checkpoints", len(r.Roots))
		case errors.Is(cause, errDeadlinePassed):
			d.log.Warn("Stopped working on the job: its result deadline passed", "job", r.ID, "round", job.Round,
				"deadline", job.ResultDeadline, "checkpoints", len(r.Roots))
		case err == nil, errors.Is(err, errResultRefused):
		default:
			d.log.Warn("Job work failed; retrying", "job", r.ID, "err", err)
		}
	}()
}

// work trains an assigned job from its last checkpoint, commits and
// publishes every checkpoint, waits until every commitment is on chain and
// submits the result.
func (d *Driver) work(ctx context.Context, r *JobRecord, job bindings.IJobMarketJob) error {
	if r.Round != job.Round {
		r.resetRound(job.Round)
		if err := d.state.PutJob(r); err != nil {
			return err
		}
	}
	if d.cfg.Fault.neverTrains() {
		return d.submitMadeUp(ctx, r, job)
	}
	tr, err := d.trainerOf(r.ID)
	if err != nil {
		return fmt.Errorf("rebuild trainer: %w", err)
	}
	interval := job.Params.CheckpointInterval
	total := int(job.Params.Steps / interval)
	if len(r.Roots) < total {
		var from *trainer.State
		if n := len(r.Roots); n > 0 {
			st, err := tr.LoadCheckpoint(trainer.CheckpointFile(filepath.Join(d.jobDir(r.ID), "checkpoints"), uint64(n)*interval))
			if err == nil {
				var root commit.Hash
				if root, err = tr.StateRoot(st); err == nil && root != commit.Hash(r.Roots[n-1]) {
					err = fmt.Errorf("checkpoint %d has root %s, recorded %s", n, root, r.Roots[n-1])
				}
			}
			if err != nil {
				return fmt.Errorf("resume from checkpoint %d: %w", n, err)
			}
			from = st
			d.log.Info("Resuming training", "job", r.ID, "checkpoint", n, "step", st.Step, "root", r.Roots[n-1])
		} else {
			d.log.Info("Training", "job", r.ID, "steps", job.Params.Steps, "interval", interval, "round", job.Round)
		}
		// Commitments of checkpoints reached before a restart go out first.
		d.commitPending(ctx, r)
		var fromStep uint64
		if from != nil {
			fromStep = from.Step
		}
		d.startMeter(r.ID, fromStep, job.Params.Steps)
		defer d.stopMeter(r.ID)
		onCheckpoint := func(p trainer.Progress) error {
			if err := d.stillMine(ctx, r.ID, r.Round); err != nil {
				return err
			}
			k := int(p.Step / interval)
			if k != len(r.Roots)+1 {
				return fmt.Errorf("checkpoint %d after %d recorded", k, len(r.Roots))
			}
			r.Roots = append(r.Roots, common.Hash(p.StateRoot))
			r.grow(k)
			if err := d.state.PutJob(r); err != nil {
				return err
			}
			d.m.RecordCheckpoint(p.Step)
			d.log.Info("Checkpoint", "job", r.ID, "checkpoint", k, "of", total, "step", p.Step, "loss", p.Loss, "root", r.Roots[k-1])
			d.commitPending(ctx, r)
			return nil
		}
		if f := d.cfg.Fault; f.changesTraining() {
			step, err := d.faultTrainStep(tr, r.ID)
			if err != nil {
				return err
			}
			d.log.Warn("UNSAFE: training with an injected fault", "job", r.ID, "fault", f.Kind,
				"step", f.faultStep(job.Params.Steps, interval))
			_, err = runWith(ctx, tr, filepath.Join(d.jobDir(r.ID), "checkpoints"), from, step, onCheckpoint)
			if errors.Is(err, errNotMine) {
				return err
			}
			if err != nil {
				return fmt.Errorf("train: %w", err)
			}
		} else if _, err := tr.Run(ctx, from, 0, onCheckpoint); err != nil {
			if errors.Is(err, errNotMine) {
				return err
			}
			return fmt.Errorf("train: %w", err)
		}
	}
	d.stopMeter(r.ID) // training is over: the gauges go back to 0
	// The trainer is kept for the job; its runner's buffers are not needed
	// until it trains again (a game's defence has a trainer of its own).
	tr.ReleaseBuffers()
	// Every commitment on chain and every checkpoint published, then the result.
	for {
		d.commitPending(ctx, r)
		if err := d.publishAll(ctx, r); err != nil {
			d.log.Warn("Publishing checkpoints failed; retrying", "job", r.ID, "err", err)
		}
		if allTrue(r.Included) && len(r.Included) == total {
			break
		}
		if err := d.stillMine(ctx, r.ID, r.Round); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d.cfg.PollInterval):
		}
	}
	hs := make([]commit.Hash, total)
	for i, h := range r.Roots {
		hs[i] = commit.Hash(h)
	}
	final := common.Hash(hs[total-1])
	switch d.cfg.Fault.Kind {
	case FaultCorruptFinal:
		if hs[total-1], err = d.corruptFinal(tr, r.ID); err != nil {
			return fmt.Errorf("corrupt the final root: %w", err)
		}
		final = common.Hash(hs[total-1])
		d.log.Warn("UNSAFE fault corrupt-final: submitting a corrupted final model root (and last checkpoint root)", "job", r.ID,
			"honest", r.Roots[total-1], "submitted", final)
	case FaultWrongFinalRoot:
		root, err := d.corruptFinal(tr, r.ID)
		if err != nil {
			return fmt.Errorf("corrupt the final root: %w", err)
		}
		final = common.Hash(root)
		if d.once(fmt.Sprintf("wrong-final/%d/%d", r.ID, r.Round)) {
			d.log.Warn("UNSAFE fault wrong-final-root: submitting a final model root that is not the last checkpoint", "job", r.ID,
				"lastCheckpoint", r.Roots[total-1], "submitted", final)
		}
	}
	return d.submitResult(ctx, r, final, hs)
}

// errResultRefused ends work on a job whose result the market refuses (an
// injected fault's); the job is looked at again on the next poll.
var errResultRefused = errors.New("the market refuses the result")

// submitResult sends submitResult(final, CheckpointsRoot(roots), the proof
// of the last checkpoint), after recording the roots the result covers.
func (d *Driver) submitResult(ctx context.Context, r *JobRecord, final common.Hash, roots []commit.Hash) error {
	proof, err := commit.CheckpointProof(roots, len(roots))
	if err != nil {
		return err
	}
	ckRoot := common.Hash(commit.CheckpointsRoot(roots))
	r.ResultRoots = make([]common.Hash, len(roots))
	for i, h := range roots {
		r.ResultRoots[i] = common.Hash(h)
	}
	if err := d.state.PutJob(r); err != nil {
		return err
	}
	rc, err := d.send(ctx, fmt.Sprintf("submit result of job %d", r.ID), d.c.SubmitResultCandidate(r.ID, final, ckRoot, proof))
	if err != nil {
		if d.cfg.Fault.Kind == FaultWrongFinalRoot && RevertReason(err) != "" {
			if d.once(fmt.Sprintf("refused/%d/%d", r.ID, r.Round)) {
				d.log.Warn("UNSAFE fault wrong-final-root: the market refused a final model root that is not the last checkpoint",
					"job", r.ID, "revert", RevertReason(err))
			}
			return errResultRefused
		}
		return err
	}
	d.m.RecordResult()
	r.ResultTx = &rc.TxHash
	d.log.Info("Result submitted", "job", r.ID, "finalModelRoot", final, "checkpointsRoot", ckRoot, "tx", rc.TxHash)
	return d.state.PutJob(r)
}

// submitMadeUp is FaultNeverTrain's work: no training, no commitment, no
// checkpoint file; a result over K made-up checkpoint roots (the last one
// as the final model root, with its valid list proof), at once.
func (d *Driver) submitMadeUp(ctx context.Context, r *JobRecord, job bindings.IJobMarketJob) error {
	total := int(job.Params.Steps / job.Params.CheckpointInterval)
	roots := make([]commit.Hash, total)
	for k := range roots {
		roots[k] = commit.Hash(crypto.Keccak256Hash([]byte(fmt.Sprintf("never-train job %d round %d checkpoint %d", r.ID, job.Round, k+1))))
	}
	d.log.Warn("UNSAFE fault never-train: submitting a result over made-up checkpoint roots, without training or committing",
		"job", r.ID, "round", job.Round, "checkpoints", total)
	return d.submitResult(ctx, r, common.Hash(roots[total-1]), roots)
}

func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}

// commitPending sends, in order, every checkpoint commitment the sequencer
// has not acknowledged and settles the ones sent: posted (checked against
// the inbox) or, past the bound, force-included. Failures are logged and
// retried on the next call.
func (d *Driver) commitPending(ctx context.Context, r *JobRecord) {
	changed := false
	for i, root := range r.Roots {
		if r.Included[i] {
			continue
		}
		cm := inbox.Commitment{JobID: r.ID, Round: r.Round, Checkpoint: uint32(i + 1), StateRoot: root, Worker: d.me()}
		if r.SentAt[i] == 0 {
			r.SentAt[i] = d.now().Unix()
			changed = true
		}
		key := [3]uint64{r.ID, uint64(r.Round), uint64(i + 1)}
		d.mu.Lock()
		acked := d.acked[key]
		d.mu.Unlock()
		if !acked {
			// Resending an acknowledged entry is answered as a duplicate.
			err := d.submit(ctx, cm)
			d.seqw.observe(d.log, d.now(), err)
			switch {
			case unreachable(err):
				d.log.Debug("Commitment not sent: the sequencer is unreachable", "job", r.ID, "checkpoint", i+1, "err", err)
			case err != nil:
				d.log.Warn("Sequencer did not take the commitment", "job", r.ID, "checkpoint", i+1, "err", err)
			default:
				d.mu.Lock()
				d.acked[key] = true
				d.mu.Unlock()
			}
		}
		ok, how, err := d.settle(ctx, r, cm, time.Unix(r.SentAt[i], 0))
		if err != nil {
			d.log.Warn("Commitment not settled", "job", r.ID, "checkpoint", i+1, "err", err)
			continue
		}
		if ok {
			r.Included[i] = true
			changed = true
			d.m.RecordCommitment(how)
			d.log.Info("Commitment on chain", "job", r.ID, "checkpoint", i+1, "via", how)
		}
	}
	if changed {
		if err := d.state.PutJob(r); err != nil {
			d.log.Error("Write job record", "job", r.ID, "err", err)
		}
	}
}

// submit signs a commitment (EIP-712) and sends it to the sequencer.
func (d *Driver) submit(ctx context.Context, cm inbox.Commitment) error {
	sig, err := d.domain.Sign(cm, d.key)
	if err != nil {
		return err
	}
	var res seqrpc.SubmitResult
	args := seqrpc.ArgsOf(cm)
	cctx, cancel := context.WithTimeout(ctx, sequencerTimeout)
	defer cancel()
	if err := d.seq.CallContext(cctx, &res, "gensyn_submitCommitment", &args, hexutil.Bytes(sig)); err != nil {
		return err
	}
	d.log.Debug("Sequencer acknowledged commitment", "job", cm.JobID, "checkpoint", cm.Checkpoint, "seq", res.Seq, "duplicate", res.Duplicate)
	return nil
}

// settle reports whether a sent commitment is on chain: posted by the
// sequencer (its proof checked with CommitmentInbox.isIncluded) or force-
// included; once the bound has passed since it was sent it force-includes
// it itself.
func (d *Driver) settle(ctx context.Context, r *JobRecord, cm inbox.Commitment, sentAt time.Time) (bool, string, error) {
	var inc seqrpc.Inclusion
	cctx, cancel := context.WithTimeout(ctx, sequencerTimeout)
	err := d.seq.CallContext(cctx, &inc, "gensyn_getInclusion", cm.JobID, cm.Checkpoint)
	cancel()
	d.seqw.observe(d.log, d.now(), err)
	if err == nil && inc.Status == seqrpc.StatusPosted && inc.Round == r.Round && inc.Commitment == cm &&
		inc.BatchIndex != nil && inc.LeafIndex != nil {
		ok, err := d.c.IsIncluded(ctx, cm, *inc.BatchIndex, *inc.LeafIndex, inc.Proof)
		if err != nil {
			return false, "", err
		}
		if ok {
			return true, "sequencer", nil
		}
		d.log.Warn("Sequencer's inclusion proof does not verify on chain", "job", cm.JobID, "checkpoint", cm.Checkpoint)
	}
	at, err := d.c.ForcedAt(ctx, cm.Leaf())
	if err != nil {
		return false, "", err
	}
	if at.Sign() > 0 {
		return true, "forced", nil
	}
	if d.now().Sub(sentAt) < d.cfg.ForceIncludeAfter {
		return false, "", nil
	}
	d.log.Info("Force-including commitment: the sequencer has not posted it in time", "job", cm.JobID, "checkpoint", cm.Checkpoint, "bound", d.cfg.ForceIncludeAfter)
	if _, err := d.send(ctx, fmt.Sprintf("force-include job %d checkpoint %d", cm.JobID, cm.Checkpoint), d.c.ForceIncludeCandidate(cm)); err != nil {
		return false, "", err
	}
	return true, "forced", nil
}

// publishAll uploads every checkpoint file not yet published to the blob
// store and lists it in the store's index under its state root, where
// `gensyn job fetch` and verifiers find it (and check it against the root).
func (d *Driver) publishAll(ctx context.Context, r *JobRecord) error {
	tr, err := d.trainerOf(r.ID)
	if err != nil {
		return err
	}
	interval := uint64(tr.Spec().CheckpointInterval)
	changed := false
	defer func() {
		if changed {
			if err := d.state.PutJob(r); err != nil {
				d.log.Error("Write job record", "job", r.ID, "err", err)
			}
		}
	}()
	for i, root := range r.Roots {
		if r.Published[i] {
			continue
		}
		// Streamed in chunks: a checkpoint is never read whole.
		h, err := d.blobs.PutFile(ctx, trainer.CheckpointFile(filepath.Join(d.jobDir(r.ID), "checkpoints"), uint64(i+1)*interval))
		if err != nil {
			return err
		}
		if err := d.blobs.Link(ctx, blobstore.Hash(root), h); err != nil {
			return err
		}
		r.Published[i] = true
		changed = true
		d.log.Info("Checkpoint published", "job", r.ID, "checkpoint", i+1, "blob", h, "root", root)
	}
	return nil
}

// collect withdraws the worker's balance in the market once its job is
// finalized.
func (d *Driver) collect(ctx context.Context, r *JobRecord) error {
	if err := d.publishAll(ctx, r); err != nil {
		d.log.Warn("Publishing checkpoints failed", "job", r.ID, "err", err)
	}
	bal, err := d.c.BalanceOf(ctx, d.me())
	if err != nil {
		return err
	}
	if bal.Sign() > 0 {
		// The balance is one sum (the payments and returned collateral of
		// every finalized job not yet collected): it is not this job's alone.
		if _, err := d.send(ctx, fmt.Sprintf("withdraw %s wei from the JobMarket (collected when job %d finalized)", bal, r.ID), d.c.WithdrawCandidate()); err != nil {
			return err
		}
		d.log.Info("Payment withdrawn", "amount", bal, "finalized_job", r.ID)
	}
	r.Paid = true
	return d.state.PutJob(r)
}
