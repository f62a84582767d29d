// Package jobclient is the client side of a training job (`gensyn job`): it
// uploads a job's spec and dataset to the blob store, computes the roots the
// client commits (initial state, graph, data) with node/trainer, posts the
// job with its escrow, funds and cancels it, reports its progress from the
// sequencer, and fetches the final model, which it verifies against the
// on-chain final model root. Every chain write goes through op-service's
// txmgr; nothing a blob store or a sequencer answers is trusted unchecked.
package jobclient

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/fsutil"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// Statuses of IJobMarket.JobStatus, by name.
var StatusNames = []string{"none", "open", "assigned", "submitted", "finalized", "cancelled"}

// StatusName names a job status.
func StatusName(s uint8) string {
	if int(s) < len(StatusNames) {
		return StatusNames[s]
	}
	return fmt.Sprintf("status(%d)", s)
}

// Errors.
var (
	ErrUnknownJob    = errors.New("no such job")
	ErrNotFinalized  = errors.New("the job has no final model yet")
	ErrNoModel       = errors.New("no blob in the store holds the job's final model")
	ErrTxReverted    = errors.New("transaction reverted")
	ErrNoJobPosted   = errors.New("no JobPosted event in the receipt")
	ErrSpecDataset   = errors.New("the dataset is not the spec's")
	ErrNoSequencer   = errors.New("no sequencer url")
	ErrNoTxManager   = errors.New("no signer: give --private-key")
	ErrNoBlobstore   = errors.New("no blob store url")
	errBadCheckpoint = errors.New("not the final model")
)

// Chain is what the client reads from the chain.
type Chain interface {
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// Client is a job client. Tx, Blobs and Seq may be nil for the commands that
// do not need them.
type Client struct {
	Chain Chain
	Addrs deployments.Contracts
	Tx    txmgr.TxManager
	Blobs *blobstore.Client
	Seq   *gethrpc.Client

	// Index, when set, answers the questions that need past events
	// (force-included checkpoints, how a job was cancelled) from the
	// indexer's store instead of the chain's logs.
	Index *indexer.Store
	// IndexSync, when set, brings Index up to the chain's head (a command
	// that reads repeatedly, such as job status --watch, calls it first).
	IndexSync func(ctx context.Context) error
	// FromBlock bounds the log scans made without an Index: the block the
	// contracts were deployed in (deployments file's blockNumber).
	FromBlock uint64

	market *bindings.JobMarket
}

// New returns a client.
func New(chain Chain, addrs deployments.Contracts, tx txmgr.TxManager, blobs *blobstore.Client, seq *gethrpc.Client) *Client {
	return &Client{Chain: chain, Addrs: addrs, Tx: tx, Blobs: blobs, Seq: seq, market: bindings.NewJobMarket()}
}

func (c *Client) call(ctx context.Context, data []byte) ([]byte, error) {
	to := c.Addrs.JobMarket
	out, err := c.Chain.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	return out, decodeRevert(err)
}

// Job reads a job; ErrUnknownJob if it does not exist.
func (c *Client) Job(ctx context.Context, id uint64) (bindings.IJobMarketJob, error) {
	out, err := c.call(ctx, c.market.PackGetJob(new(big.Int).SetUint64(id)))
	if err != nil {
		return bindings.IJobMarketJob{}, err
	}
	j, err := c.market.UnpackGetJob(out)
	if err != nil {
		return j, err
	}
	if j.Status == 0 {
		return j, fmt.Errorf("%w: %d", ErrUnknownJob, id)
	}
	return j, nil
}

// JobCount is the number of jobs posted.
func (c *Client) JobCount(ctx context.Context) (uint64, error) {
	out, err := c.call(ctx, c.market.PackJobCount())
	if err != nil {
		return 0, err
	}
	n, err := c.market.UnpackJobCount(out)
	if err != nil {
		return 0, err
	}
	return n.Uint64(), nil
}

func (c *Client) send(ctx context.Context, data []byte, value *big.Int) (*types.Receipt, error) {
	if c.Tx == nil {
		return nil, ErrNoTxManager
	}
	to := c.Addrs.JobMarket
	cand := txmgr.TxCandidate{TxData: data, To: &to, Value: value}
	if _, err := c.Chain.CallContract(ctx, ethereum.CallMsg{From: c.Tx.From(), To: &to, Data: data, Value: value}, nil); err != nil {
		return nil, fmt.Errorf("would revert: %w", decodeRevert(err))
	}
	r, err := c.Tx.Send(ctx, cand)
	if err != nil {
		return nil, decodeRevert(err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("%w: %s", ErrTxReverted, r.TxHash)
	}
	return r, nil
}

// Terms are what the client offers for a job.
type Terms struct {
	Escrow             *big.Int
	MaxPrice           *big.Int
	RequiredCollateral *big.Int
	BidWindow          uint64 // seconds
	ExecutionWindow    uint64
	ChallengeWindow    uint64
}

// Prepared is a job ready to post: its blobs and the roots computed from
// the spec and dataset alone.
type Prepared struct {
	Spec       *spec.Spec
	SpecBytes  []byte // canonical JSON; its keccak is the spec hash
	Data       []byte
	Init       []byte // the initial-weights blob of a spec with init.weights (nil: seeded, or InitPath)
	InitPath   string // or the initial-weights file, uploaded as it streams (PrepareInitFile)
	Params     bindings.IJobMarketJobParams
	SpecHash   common.Hash
	DataHash   common.Hash
	InitRoot   common.Hash
	GraphRoot  common.Hash
	DataRoot   common.Hash
	Checkpoint int
}

// CheckDataset reports ErrSpecDataset unless data is the spec's dataset (its
// keccak256 is the spec's dataset.hash): cheap, offline, and worth doing
// before anything that needs the chain.
func CheckDataset(s *spec.Spec, data []byte) error {
	if h := commit.Keccak256(data); h != s.Dataset.Hash {
		return fmt.Errorf("%w: its keccak256 is %s, the spec's dataset.hash is %s", ErrSpecDataset, h, s.Dataset.Hash)
	}
	return nil
}

// Prepare reads a spec and its dataset and computes the job's parameters.
// A spec with init.weights needs PrepareInit.
func Prepare(specBytes, data []byte, t Terms) (*Prepared, error) {
	return PrepareInit(specBytes, data, nil, t)
}

// PrepareInit is Prepare of a fine-tuning job: init is the initial-weights
// blob the spec's init.weights names (a safetensors file, e.g. `gensyn
// export` of another job's model; nil for a spec without init.weights). Its
// hash, tensor names and shapes are checked against the spec, and the
// initial state root is that of these weights with a fresh optimizer.
func PrepareInit(specBytes, data, init []byte, t Terms) (*Prepared, error) {
	return prepare(specBytes, data, t, func(s *spec.Spec) (trainer.Options, error) {
		if s.Init == nil && init != nil {
			return trainer.Options{}, errors.New("initial weights given, but the spec has no init.weights")
		}
		return WithInitialWeights(s, init, trainer.Options{SkipEval: true})
	}, func(p *Prepared) { p.Init = init })
}

// PrepareInitFile is PrepareInit with the initial weights read from the
// file at initPath as they stream (its bytes are never held; "" for a spec
// without init.weights). Submit uploads the file as it streams, and refuses
// it if it no longer hashes to the spec's init.weights.
func PrepareInitFile(specBytes, data []byte, initPath string, t Terms) (*Prepared, error) {
	return prepare(specBytes, data, t, func(s *spec.Spec) (trainer.Options, error) {
		if initPath == "" {
			return WithInitialWeightsFrom(s, nil, trainer.Options{SkipEval: true})
		}
		if s.Init == nil {
			return trainer.Options{}, errors.New("initial weights given, but the spec has no init.weights")
		}
		f, err := os.Open(initPath)
		if err != nil {
			return trainer.Options{}, err
		}
		defer f.Close()
		return WithInitialWeightsFrom(s, f, trainer.Options{SkipEval: true})
	}, func(p *Prepared) { p.InitPath = initPath })
}

// prepare is Prepare with the trainer options of the initial weights from
// initOpts and the prepared job's initial-weights blob set by setInit.
func prepare(specBytes, data []byte, t Terms, initOpts func(*spec.Spec) (trainer.Options, error), setInit func(*Prepared)) (*Prepared, error) {
	s, err := spec.Parse(specBytes)
	if err != nil {
		return nil, err
	}
	canon, err := s.Canonical()
	if err != nil {
		return nil, err
	}
	if err := CheckDataset(s, data); err != nil {
		return nil, err
	}
	ds, err := dataset.Decode(data, s.Dataset.Format)
	if err != nil {
		return nil, err
	}
	opts, err := initOpts(s)
	if err != nil {
		return nil, err
	}
	tr, err := trainer.New(s, ds, opts)
	if err != nil {
		return nil, err
	}
	initRoot, err := tr.InitialStateRoot()
	if err != nil {
		return nil, err
	}
	dataRoot, err := tr.DataRoot()
	if err != nil {
		return nil, err
	}
	p := &Prepared{Spec: s, SpecBytes: canon, Data: data, SpecHash: common.Hash(commit.Keccak256(canon)),
		DataHash: common.Hash(s.Dataset.Hash), InitRoot: common.Hash(initRoot), GraphRoot: common.Hash(tr.GraphRoot()),
		DataRoot: common.Hash(dataRoot), Checkpoint: s.Checkpoints()}
	p.Params = bindings.IJobMarketJobParams{
		SpecHash: p.SpecHash, DatasetHash: p.DataHash, DatasetUri: p.DataHash,
		InitialStateRoot: p.InitRoot, GraphRoot: p.GraphRoot, DataRoot: p.DataRoot,
		Steps: uint64(s.Steps), CheckpointInterval: uint64(s.CheckpointInterval),
		MaxPrice: t.MaxPrice, RequiredCollateral: t.RequiredCollateral,
		BidWindow: t.BidWindow, ExecutionWindow: t.ExecutionWindow, ChallengeWindow: t.ChallengeWindow,
	}
	setInit(p)
	return p, nil
}

// Posted is a posted job.
type Posted struct {
	JobID uint64
	Tx    common.Hash
	Block uint64
}

// MinExecutionTime is JobMarket.minExecutionTime(steps), in seconds: the
// shortest execution window the market accepts for a job of that many steps.
func (c *Client) MinExecutionTime(ctx context.Context, steps uint64) (*big.Int, error) {
	out, err := c.call(ctx, c.market.PackMinExecutionTime(new(big.Int).SetUint64(steps)))
	if err != nil {
		return nil, fmt.Errorf("read JobMarket.minExecutionTime: %w", err)
	}
	secs, err := c.market.UnpackMinExecutionTime(out)
	if err != nil {
		return nil, fmt.Errorf("read JobMarket.minExecutionTime: %w", err)
	}
	return secs, nil
}

// ExecutionWindowError: the job's execution window is shorter than the
// market accepts for its number of steps (JobMarket.minExecutionTime): an
// honest worker could not finish it in time, so nothing is sent.
type ExecutionWindowError struct {
	Window uint64   // the job's, in seconds
	Min    *big.Int // JobMarket.minExecutionTime(Steps), in seconds
	Steps  uint64
}

func (e *ExecutionWindowError) Error() string {
	return fmt.Sprintf("execution window %s is shorter than this job needs: at least %s (JobMarket.minExecutionTime for %d steps)",
		FormatSeconds(new(big.Int).SetUint64(e.Window)), FormatSeconds(e.Min), e.Steps)
}

// FormatSeconds writes a number of seconds as a Go duration ("1m1s"), or
// as "N s" when it is too long for one.
func FormatSeconds(secs *big.Int) string {
	if secs.IsInt64() && secs.Int64() <= math.MaxInt64/int64(time.Second) {
		return (time.Duration(secs.Int64()) * time.Second).String()
	}
	return secs.String() + " s"
}

// CheckExecutionWindow refuses params whose execution window is shorter than
// JobMarket.minExecutionTime(steps) with an *ExecutionWindowError.
func (c *Client) CheckExecutionWindow(ctx context.Context, p bindings.IJobMarketJobParams) error {
	min, err := c.MinExecutionTime(ctx, p.Steps)
	if err != nil {
		return err
	}
	if new(big.Int).SetUint64(p.ExecutionWindow).Cmp(min) < 0 {
		return &ExecutionWindowError{Window: p.ExecutionWindow, Min: min, Steps: p.Steps}
	}
	return nil
}

// Submit checks the execution window against the market's minimum (before
// anything is uploaded or sent), uploads the spec, the dataset and a
// fine-tuning job's initial weights (a file as it streams, refused if it no
// longer hashes to the spec's init.weights) and posts the job with escrow.
func (c *Client) Submit(ctx context.Context, p *Prepared, escrow *big.Int) (*Posted, error) {
	if c.Blobs == nil {
		return nil, ErrNoBlobstore
	}
	if err := c.CheckExecutionWindow(ctx, p.Params); err != nil {
		return nil, err
	}
	if _, err := c.Blobs.Put(ctx, p.SpecBytes); err != nil {
		return nil, fmt.Errorf("upload spec: %w", err)
	}
	if _, err := c.Blobs.Put(ctx, p.Data); err != nil {
		return nil, fmt.Errorf("upload dataset: %w", err)
	}
	if p.Init != nil {
		if _, err := c.Blobs.Put(ctx, p.Init); err != nil {
			return nil, fmt.Errorf("upload initial weights: %w", err)
		}
	}
	if p.InitPath != "" {
		h, err := c.Blobs.PutFile(ctx, p.InitPath)
		if err != nil {
			return nil, fmt.Errorf("upload initial weights: %w", err)
		}
		if p.Spec.Init != nil && commit.Hash(h) != p.Spec.Init.Weights {
			return nil, fmt.Errorf("upload initial weights: %s changed since it was checked: it hashes to %s now, the spec names %s (nothing posted)",
				p.InitPath, commit.Hash(h), p.Spec.Init.Weights)
		}
	}
	r, err := c.send(ctx, c.market.PackPostJob(p.Params), escrow)
	if err != nil {
		return nil, fmt.Errorf("post job: %w", err)
	}
	for _, l := range r.Logs {
		if l.Address != c.Addrs.JobMarket {
			continue
		}
		if ev, err := c.market.UnpackJobPostedEvent(l); err == nil {
			return &Posted{JobID: ev.JobId.Uint64(), Tx: r.TxHash, Block: r.BlockNumber.Uint64()}, nil
		}
	}
	return nil, fmt.Errorf("%w %s", ErrNoJobPosted, r.TxHash)
}

// Fund adds value to a job's escrow.
func (c *Client) Fund(ctx context.Context, id uint64, value *big.Int) (*types.Receipt, error) {
	return c.send(ctx, c.market.PackFund(new(big.Int).SetUint64(id)), value)
}

// Cancel cancels an open job (its poster only) and refunds the funders.
func (c *Client) Cancel(ctx context.Context, id uint64) (*types.Receipt, error) {
	return c.send(ctx, c.market.PackCancel(new(big.Int).SetUint64(id)), nil)
}

// ClaimRefund claims the sender's refund of a finalized or cancelled job.
func (c *Client) ClaimRefund(ctx context.Context, id uint64) (*types.Receipt, error) {
	return c.send(ctx, c.market.PackClaimRefund(new(big.Int).SetUint64(id)), nil)
}

// Progress is how far a job is.
type Progress struct {
	Committed int // checkpoints committed, in order from 1: acknowledged by the sequencer, force-included, or in the submitted result
	Posted    int // of those, on chain: posted in a batch, force-included, or in the submitted result
	Forced    int // checkpoints force-included on chain by the worker (CommitmentInbox ForceIncluded events)
	Total     int
	// Known is false when the count needs the sequencer and the sequencer
	// could not be asked (Progress's error says why): Committed and Posted
	// are then only what the chain shows (force-included checkpoints), a
	// lower bound, and must be shown as unknown, never as 0.
	Known bool
}

// SequencerError is a failure to ask the sequencer about a job's progress.
type SequencerError struct{ Err error }

func (e *SequencerError) Error() string { return e.Err.Error() }
func (e *SequencerError) Unwrap() error { return e.Err }

// Progress counts the job's checkpoints committed in its current assignment
// round. A finalized job's accepted result commits to every checkpoint (its
// checkpoints root is on chain): Total of Total, from the chain alone. A job
// with no worker (open, cancelled) has none. An assigned or submitted job's
// are those the sequencer acknowledged (gensyn_getInclusion) and those
// force-included on chain (ForceIncluded events of the job's worker); when
// the sequencer cannot be asked, Known is false and the error is a
// *SequencerError. (A submitted result is not yet accepted: a worker that
// never trained can submit one, so it does not count as committed.)
func (c *Client) Progress(ctx context.Context, id uint64, job bindings.IJobMarketJob) (Progress, error) {
	p := Progress{Total: int(job.Params.Steps / job.Params.CheckpointInterval), Known: true}
	switch job.Status {
	case statusFinalized:
		p.Committed, p.Posted = p.Total, p.Total
		forced, err := c.forced(ctx, id, job.Round, job.Worker)
		p.Forced = len(forced)
		return p, err
	case statusAssigned, statusSubmitted:
	default:
		return p, nil
	}
	forced, ferr := c.forced(ctx, id, job.Round, job.Worker)
	p.Forced = len(forced)
	var serr error
	seqDone := c.Seq == nil
	if c.Seq == nil {
		serr = ErrNoSequencer
	}
	for k := 1; k <= p.Total; k++ {
		if forced[uint32(k)] {
			p.Committed, p.Posted = k, k
			continue
		}
		if seqDone {
			break
		}
		var inc seqrpc.Inclusion
		if err := c.Seq.CallContext(ctx, &inc, "gensyn_getInclusion", id, uint32(k), job.Round); err != nil {
			var re gethrpc.Error
			if !errors.As(err, &re) || re.ErrorCode() != seqrpc.CodeNotFound {
				serr = err
			}
			break
		}
		if inc.Round != job.Round || inc.Commitment.Worker != job.Worker {
			break
		}
		p.Committed = k
		if inc.Status == seqrpc.StatusPosted && p.Posted == k-1 {
			p.Posted = k
		}
	}
	if serr != nil {
		p.Known = p.Committed == p.Total // all force-included: the sequencer is not needed
		if !p.Known {
			serr = &SequencerError{Err: serr}
		} else {
			serr = nil
		}
	}
	return p, errors.Join(ferr, serr)
}

// forced returns the checkpoints of job id that worker force-included in
// assignment round round: from the Index when it holds the job, otherwise
// from the inbox's ForceIncluded logs of the job and worker since FromBlock.
func (c *Client) forced(ctx context.Context, id uint64, round uint32, worker common.Address) (map[uint32]bool, error) {
	out := map[uint32]bool{}
	if worker == (common.Address{}) {
		return out, nil
	}
	if j, ok, err := c.indexed(id); err != nil {
		return out, err
	} else if ok {
		for _, r := range j.Rounds {
			if r.Round != round || r.Worker != worker {
				continue
			}
			for _, cp := range r.Checkpoints {
				if cp.Forced != nil {
					out[cp.Index] = true
				}
			}
		}
		return out, nil
	}
	in := bindings.NewCommitmentInbox()
	logs, err := c.Chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(c.FromBlock), Addresses: []common.Address{c.Addrs.CommitmentInbox},
		Topics: [][]common.Hash{{forceIncludedTopic}, nil, {common.BigToHash(new(big.Int).SetUint64(id))}, {common.BytesToHash(worker[:])}},
	})
	if err != nil {
		return out, fmt.Errorf("read ForceIncluded events: %w", err)
	}
	for i := range logs {
		ev, err := in.UnpackForceIncludedEvent(&logs[i])
		if err != nil || ev.JobId != id || ev.Round != round || ev.Worker != worker || logs[i].Removed {
			continue
		}
		out[ev.Checkpoint] = true
	}
	return out, nil
}

var forceIncludedTopic = crypto.Keccak256Hash([]byte("ForceIncluded(bytes32,uint64,uint32,uint32,bytes32,address,address)"))

// indexed reads job id from the Index (ok false without an Index or when
// the Index does not hold the job, e.g. one posted before its start block).
func (c *Client) indexed(id uint64) (indexer.Job, bool, error) {
	if c.Index == nil {
		return indexer.Job{}, false, nil
	}
	j, err := c.Index.Job(id)
	if errors.Is(err, indexer.ErrNotFound) {
		return j, false, nil
	}
	if err != nil {
		return j, false, fmt.Errorf("read the indexer's store: %w", err)
	}
	return j, true, nil
}

// Auctions is how a job's auctions went.
type Auctions struct {
	// Run is the number of auctions run since posting or the job's last
	// reopening, the current one included.
	Run int
	// Max is MAX_AUCTIONS: a job whose auctions end without a bid this many
	// times in a row is cancelled, its escrow refundable.
	Max int
	// NoBidder: the job was cancelled because no worker bid in its Max
	// auctions (the last one had ended without a bid when it was cancelled).
	NoBidder bool
}

var jobCancelledTopic = crypto.Keccak256Hash([]byte("JobCancelled(uint256,uint256)"))

// Auctions reads how job's auctions went.
func (c *Client) Auctions(ctx context.Context, id uint64, job bindings.IJobMarketJob) (Auctions, error) {
	a := Auctions{Run: int(job.Auctions)}
	out, err := c.call(ctx, c.market.PackMAXAUCTIONS())
	if err != nil {
		return a, fmt.Errorf("read JobMarket.MAX_AUCTIONS: %w", err)
	}
	max, err := c.market.UnpackMAXAUCTIONS(out)
	if err != nil {
		return a, fmt.Errorf("read JobMarket.MAX_AUCTIONS: %w", err)
	}
	a.Max = int(max)
	if job.Status != statusCancelled || a.Run < a.Max {
		return a, nil
	}
	// Cancelled in its last auction: by rule (closeAuction) or by the poster
	// after that auction had ended without a bid, when the cancellation's
	// block is not before the auction's end.
	if j, ok, err := c.indexed(id); err != nil {
		return a, err
	} else if ok {
		for i := len(j.Events) - 1; i >= 0; i-- {
			if j.Events[i].Name == "JobCancelled" {
				a.NoBidder = j.Events[i].Ref.Time >= job.BiddingEndsAt
				break
			}
		}
		return a, nil
	}
	logs, err := c.Chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(c.FromBlock), Addresses: []common.Address{c.Addrs.JobMarket},
		Topics: [][]common.Hash{{jobCancelledTopic}, {common.BigToHash(new(big.Int).SetUint64(id))}},
	})
	if err != nil {
		return a, fmt.Errorf("read JobCancelled events: %w", err)
	}
	for i := len(logs) - 1; i >= 0; i-- {
		if logs[i].Removed {
			continue
		}
		h, err := c.Chain.HeaderByNumber(ctx, new(big.Int).SetUint64(logs[i].BlockNumber))
		if err != nil {
			return a, fmt.Errorf("read block %d: %w", logs[i].BlockNumber, err)
		}
		a.NoBidder = h.Time >= job.BiddingEndsAt
		break
	}
	return a, nil
}

// IJobMarket.JobStatus values.
const (
	statusAssigned  = 2
	statusSubmitted = 3
	statusFinalized = 4
	statusCancelled = 5
)

// FetchModelFile finds the job's final model in the blob store's index
// under the on-chain final model root and writes it to path: the checkpoint
// file whose decoded state root is that root, whose spec hash is the job's
// and whose step is the job's last. Every candidate is checked; none is
// trusted. Each candidate blob streams into a temporary file next to path while it is hashed, decoded and checked
// (the decoded state is held; the file's bytes never are), and only a
// candidate that is the job's final model is renamed to path. A corrupt,
// truncated or wrong blob leaves no file at path (and no temporary file).
// It returns the model's checkpoint and the file's size.
func (c *Client) FetchModelFile(ctx context.Context, id uint64, path string) (*trainer.Checkpoint, int64, error) {
	return c.fetchModel(ctx, id, func(h blobstore.Hash, job bindings.IJobMarketJob) (*trainer.Checkpoint, int64, error) {
		return modelFile(ctx, c.Blobs, h, job, path)
	})
}

// modelFile streams the blob h into a temporary file next to path while it
// decodes it and checks it is the job's final model, and renames it to
// path only then.
func modelFile(ctx context.Context, blobs *blobstore.Client, h blobstore.Hash, job bindings.IJobMarketJob, path string) (*trainer.Checkpoint, int64, error) {
	rc, n, err := blobs.Open(ctx, h, 0)
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	var ck *trainer.Checkpoint
	err = fsutil.WriteAtomic(path, 0o644, func(f io.Writer) error {
		ck, err = writeModel(rc, n, job, f)
		return err
	})
	var local *localError
	if err != nil && !errors.As(err, &local) && !errors.Is(err, trainer.ErrCheckpoint) && !errors.Is(err, errBadCheckpoint) {
		// Not the blob's verdict but the file's (its directory, its sync
		// or rename): no candidate can be written.
		err = &localError{err}
	}
	if err != nil {
		return nil, 0, err
	}
	return ck, n, nil
}

// writeModel decodes a candidate model of n bytes from r and checks it is
// the job's final model while it copies r to w. An error of w's is a
// localError; any other is the candidate's.
func writeModel(r io.Reader, n int64, job bindings.IJobMarketJob, w io.Writer) (*trainer.Checkpoint, error) {
	file := &recordingWriter{w: w}
	bw := bufio.NewWriterSize(file, 64<<10)
	ck, err := trainer.DecodeCheckpointFrom(io.TeeReader(r, bw), n)
	if err == nil {
		err = checkModel(ck, job)
	}
	if err == nil {
		err = bw.Flush()
	}
	if file.err != nil {
		return nil, &localError{fmt.Errorf("write: %w", file.err)}
	}
	if err != nil {
		return nil, err
	}
	return ck, nil
}

// recordingWriter keeps the first error of the writes to a file.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// localError is a failure on this machine, not of a candidate blob: the
// search for the model stops there.
type localError struct{ err error }

func (e *localError) Error() string { return e.err.Error() }
func (e *localError) Unwrap() error { return e.err }

// fetchModel looks up the job's final model root in the blob store's index
// and tries each candidate with try until one is the model.
func (c *Client) fetchModel(ctx context.Context, id uint64, try func(blobstore.Hash, bindings.IJobMarketJob) (*trainer.Checkpoint, int64, error)) (*trainer.Checkpoint, int64, error) {
	if c.Blobs == nil {
		return nil, 0, ErrNoBlobstore
	}
	job, err := c.Job(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	root := common.Hash(job.FinalModelRoot)
	if root == (common.Hash{}) {
		return nil, 0, fmt.Errorf("%w (job %d is %s)", ErrNotFinalized, id, StatusName(job.Status))
	}
	hs, err := c.Blobs.Lookup(ctx, blobstore.Hash(root))
	if err != nil {
		return nil, 0, err
	}
	return firstModel(root, hs, job, try)
}

// firstModel tries each candidate blob in turn and returns the first that
// is the model; a local failure (localError) stops the search.
func firstModel(root common.Hash, hs []blobstore.Hash, job bindings.IJobMarketJob, try func(blobstore.Hash, bindings.IJobMarketJob) (*trainer.Checkpoint, int64, error)) (*trainer.Checkpoint, int64, error) {
	var errs error
	for _, h := range hs {
		ck, n, err := try(h, job)
		var local *localError
		if errors.As(err, &local) {
			return nil, 0, local.err
		}
		if err != nil {
			errs = errors.Join(errs, fmt.Errorf("blob %s: %w", h, err))
			continue
		}
		return ck, n, nil
	}
	return nil, 0, errors.Join(fmt.Errorf("%w: root %s, %d candidates", ErrNoModel, root, len(hs)), errs)
}

// VerifyModel decodes a checkpoint file (which checks its checksum and that
// its header's state root is the root of its tensors) and checks it is the
// job's final model: the on-chain final model root, the job's spec hash and
// its last step.
func VerifyModel(b []byte, job bindings.IJobMarketJob) (*trainer.Checkpoint, error) {
	ck, err := trainer.DecodeCheckpoint(b)
	if err != nil {
		return nil, err
	}
	if err := checkModel(ck, job); err != nil {
		return nil, err
	}
	return ck, nil
}

// checkModel checks that a decoded checkpoint is the job's final model.
func checkModel(ck *trainer.Checkpoint, job bindings.IJobMarketJob) error {
	switch {
	case common.Hash(ck.StateRoot) != common.Hash(job.FinalModelRoot):
		return fmt.Errorf("%w: state root %s, final model root %x", errBadCheckpoint, ck.StateRoot, job.FinalModelRoot)
	case common.Hash(ck.SpecHash) != common.Hash(job.Params.SpecHash):
		return fmt.Errorf("%w: spec %s, job spec %x", errBadCheckpoint, ck.SpecHash, job.Params.SpecHash)
	case ck.Step != job.Params.Steps:
		return fmt.Errorf("%w: step %d, job steps %d", errBadCheckpoint, ck.Step, job.Params.Steps)
	}
	return nil
}
