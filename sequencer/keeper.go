package sequencer

import (
	"context"
	"fmt"
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
type Keeper struct {
	interval time.Duration
	log      log.Logger
	m        metrics.Metricer
	market   *Market
	l1       L1Client
	tx       TxSender

	// lowest is the first job id that is not known to be over (Finalized or
	// Cancelled are final, so the scan never looks at them again).
	lowest uint64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewKeeper builds the keeper.
func NewKeeper(interval time.Duration, l log.Logger, m metrics.Metricer, market *Market, l1 L1Client, tx TxSender) *Keeper {
	ctx, cancel := context.WithCancel(context.Background())
	return &Keeper{interval: interval, log: l, m: m, market: market, l1: l1, tx: tx, lowest: 1, ctx: ctx, cancel: cancel}
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
// says would succeed.
func (k *Keeper) Step(ctx context.Context) ([]KeeperAction, error) {
	head, err := k.l1.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read chain head: %w", err)
	}
	count, err := k.market.JobCount(ctx)
	if err != nil {
		return nil, fmt.Errorf("read job count: %w", err)
	}
	var done []KeeperAction
	for id := k.lowest; id <= count; id++ {
		j, err := k.market.GetJob(ctx, id)
		if err != nil {
			return done, fmt.Errorf("read job %d: %w", id, err)
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
		receipt, err := k.tx.Send(ctx, c)
		if err != nil {
			k.m.RecordKeeperCall(method, "error")
			return done, fmt.Errorf("%s(%d): %w", method, id, reverts.Decode(err))
		}
		if receipt.Status != types.ReceiptStatusSuccessful {
			k.m.RecordKeeperCall(method, "reverted")
			k.log.Warn("Keeper transaction reverted", "job", id, "method", method, "tx", receipt.TxHash)
			continue
		}
		k.m.RecordKeeperCall(method, "ok")
		outcome := k.market.Outcome(receipt, id)
		k.log.Info("Keeper transition", "job", id, "method", method, "outcome", outcome, "tx", receipt.TxHash, "block", receipt.BlockNumber)
		done = append(done, KeeperAction{JobID: id, Method: method, Outcome: outcome, TxHash: receipt.TxHash.Hex()})
	}
	return done, nil
}
