package sequencer

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/log"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// Keeper drives the JobMarket's time-based transitions: it closes every
// auction whose bid window passed (with a best bid the job is assigned;
// without one the market starts the next auction, or cancels the job with
// full refunds once MAX_AUCTIONS auctions ran), finalizes submitted jobs
// whose challenge window is over with no open dispute, and times out
// assigned jobs past their result deadline, open disputes or not (the
// market no longer waits for them; their games end moot). Times are the
// chain's (the latest block's timestamp). Each call is first run as an
// eth_call, so no reverting transaction is sent; each transaction goes
// through the tx manager.
//
// The transitions due in one scan are sent concurrently, up to maxInFlight
// at a time (the tx manager hands out nonces in order and waits for each
// receipt on its own), so many deadlines that pass together are met in the
// same few blocks rather than one block per transition.
type Keeper struct {
	interval    time.Duration
	maxInFlight int
	log         log.Logger
	m           metrics.Metricer
	market      *Market
	l1          L1Client
	tx          TxSender

	// lowest is the first job id that is not known to be over (Finalized or
	// Cancelled are final, so the scan never looks at them again).
	lowest uint64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// DefaultKeeperMaxInFlight is how many keeper transactions may wait for
// their receipts at once.
const DefaultKeeperMaxInFlight = 64

// NewKeeper builds the keeper; it sends up to DefaultKeeperMaxInFlight
// transitions at once (SetMaxInFlight changes that).
func NewKeeper(interval time.Duration, l log.Logger, m metrics.Metricer, market *Market, l1 L1Client, tx TxSender) *Keeper {
	ctx, cancel := context.WithCancel(context.Background())
	return &Keeper{interval: interval, maxInFlight: DefaultKeeperMaxInFlight, log: l, m: m, market: market, l1: l1, tx: tx, lowest: 1, ctx: ctx, cancel: cancel}
}

// SetMaxInFlight sets how many transitions the keeper sends at once (at
// least 1; 1 sends them one after another, each after the previous one's
// receipt). Call it before Start.
func (k *Keeper) SetMaxInFlight(n int) {
	k.maxInFlight = max(n, 1)
}

// Start runs the keeper in the background.
func (k *Keeper) Start() {
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		t := time.NewTicker(k.interval)
		defer t.Stop()
		for {
			if _, err := k.Step(k.ctx); err != nil && k.ctx.Err() == nil {
				k.log.Error("Keeper step failed; will retry", "err", err)
			}
			select {
			case <-k.ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop ends the keeper.
func (k *Keeper) Stop() {
	k.cancel()
	k.wg.Wait()
}

// KeeperAction is one transition the keeper made.
type KeeperAction struct {
	JobID  uint64
	Method string
	// Outcome is what the market did (Market.Outcome): "assigned",
	// "restarted" (an auction without a bid runs again), "cancelled" (the
	// last auction ended without a bid), "finalized", "reopened" (timed out).
	Outcome string
	TxHash  string
}

// due returns the transition a job is due for at chain time now, if any.
func due(j bindings.IJobMarketJob, now uint64) string {
	switch j.Status {
	case rpc.JobOpen:
		// Bid-less auctions too: closeAuction restarts or cancels them, so
		// no job stays Open with its escrow locked.
		if now >= j.BiddingEndsAt {
			return "closeAuction"
		}
	case rpc.JobSubmitted:
		if j.OpenDisputes == 0 && now >= j.ChallengeEndsAt {
			return "finalize"
		}
	case rpc.JobAssigned:
		if now > j.ResultDeadline {
			return "timeout"
		}
	}
	return ""
}

// Step scans the jobs once and makes every due transition that an eth_call
// says would succeed, up to maxInFlight at once; it returns the transitions
// made, in job order.
func (k *Keeper) Step(ctx context.Context) ([]KeeperAction, error) {
	head, err := k.l1.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read chain head: %w", err)
	}
	count, err := k.market.JobCount(ctx)
	if err != nil {
		return nil, fmt.Errorf("read job count: %w", err)
	}
	var (
		todo    []transition
		readErr error
	)
	for id := k.lowest; id <= count; id++ {
		j, err := k.market.GetJob(ctx, id)
		if err != nil {
			// Send what is already known to be due, then report.
			readErr = fmt.Errorf("read job %d: %w", id, err)
			break
		}
		if (j.Status == rpc.JobFinalized || j.Status == rpc.JobCancelled) && id == k.lowest {
			k.lowest++
			continue
		}
		method := due(j, head.Time)
		if method == "" {
			continue
		}
		var c txmgr.TxCandidate
		switch method {
		case "closeAuction":
			c = k.market.CloseAuctionCandidate(id)
		case "finalize":
			c = k.market.FinalizeCandidate(id)
		default:
			c = k.market.TimeoutCandidate(id)
		}
		if err := Simulate(ctx, k.l1, k.tx.From(), c); err != nil {
			k.m.RecordKeeperCall(method, "skipped")
			k.log.Debug("Keeper call would revert; skipped", "job", id, "method", method, "err", err)
			continue
		}
		todo = append(todo, transition{id, method, c})
	}
	done, err := k.send(ctx, todo)
	return done, errors.Join(readErr, err)
}

// transition is a due call that an eth_call says would succeed.
type transition struct {
	id     uint64
	method string
	c      txmgr.TxCandidate
}

// send sends the transitions, up to maxInFlight at once, and returns those
// that were mined successfully, in job order, and the errors of those that
// could not be sent.
func (k *Keeper) send(ctx context.Context, todo []transition) ([]KeeperAction, error) {
	var (
		mu   sync.Mutex
		done []KeeperAction
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, max(k.maxInFlight, 1))
	)
	for _, t := range todo {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return done, errors.Join(append(errs, ctx.Err())...)
		}
		wg.Add(1)
		go func(t transition) {
			defer func() { <-sem; wg.Done() }()
			a, err := k.sendOne(ctx, t)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			} else if a != nil {
				done = append(done, *a)
			}
		}(t)
	}
	wg.Wait()
	sort.Slice(done, func(i, j int) bool { return done[i].JobID < done[j].JobID })
	return done, errors.Join(errs...)
}

// sendOne sends one transition and waits for its receipt; nil without an
// error when it was mined but reverted.
func (k *Keeper) sendOne(ctx context.Context, t transition) (*KeeperAction, error) {
	receipt, err := k.tx.Send(ctx, t.c)
	if err != nil {
		k.m.RecordKeeperCall(t.method, "error")
		return nil, fmt.Errorf("%s(%d): %w", t.method, t.id, reverts.Decode(err))
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		k.m.RecordKeeperCall(t.method, "reverted")
		k.log.Warn("Keeper transaction reverted", "job", t.id, "method", t.method, "tx", receipt.TxHash)
		return nil, nil
	}
	k.m.RecordKeeperCall(t.method, "ok")
	outcome := k.market.Outcome(receipt, t.id)
	k.log.Info("Keeper transition", "job", t.id, "method", t.method, "outcome", outcome, "tx", receipt.TxHash, "block", receipt.BlockNumber)
	return &KeeperAction{JobID: t.id, Method: t.method, Outcome: outcome, TxHash: receipt.TxHash.Hex()}, nil
}
