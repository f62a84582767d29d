package sequencer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/log"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

// DriverConfig bounds the batches.
type DriverConfig struct {
	// MaxEntries: a batch is posted as soon as this many entries are pending,
	// and holds at most this many.
	MaxEntries int
	// MaxDelay: a batch is posted once the oldest pending entry waited this long.
	MaxDelay time.Duration
	// PollInterval is how often the driver looks at the log.
	PollInterval time.Duration
}

// Driver is the batcher: it turns acknowledged entries into batch intents
// and posts them to CommitmentInbox.postBatch through the tx manager, one at
// a time and in order. An intent that may already have been sent (by an
// earlier attempt, or by a process that crashed) is first reconciled with
// the chain: once the sequencer account has no pending transaction, a
// BatchPosted event with the intent's root and size means it is posted;
// otherwise it is posted (again).
type Driver struct {
	cfg   DriverConfig
	log   log.Logger
	m     metrics.Metricer
	store *store.Store
	inbox *Inbox
	l1    L1Client
	tx    TxSender
	now   func() time.Time

	// fresh is the intent this process just recorded and has not sent yet:
	// it needs no reconciliation.
	fresh *uint64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewDriver builds the batcher.
func NewDriver(cfg DriverConfig, l log.Logger, m metrics.Metricer, st *store.Store, ib *Inbox, l1 L1Client, tx TxSender) *Driver {
	ctx, cancel := context.WithCancel(context.Background())
	return &Driver{cfg: cfg, log: l, m: m, store: st, inbox: ib, l1: l1, tx: tx, now: time.Now, ctx: ctx, cancel: cancel}
}

// Start runs the loop in the background.
func (d *Driver) Start() {
	d.wg.Add(1)
	go d.loop()
}

// Stop ends the loop; a batch being sent is abandoned and reconciled on the
// next start.
func (d *Driver) Stop() {
	d.cancel()
	d.wg.Wait()
}

func (d *Driver) loop() {
	defer d.wg.Done()
	t := time.NewTicker(d.cfg.PollInterval)
	defer t.Stop()
	for {
		if err := d.Step(d.ctx); err != nil && d.ctx.Err() == nil {
			d.log.Error("Batcher step failed; will retry", "err", err)
		}
		select {
		case <-d.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Step settles the oldest open intent, or records and posts a new batch when
// the size or time bound is reached. It does nothing otherwise.
func (d *Driver) Step(ctx context.Context) error {
	if intents := d.store.Intents(); len(intents) > 0 {
		return d.settle(ctx, intents[0])
	}
	n, oldest := d.store.Pending()
	d.m.RecordPending(n)
	if n == 0 || (n < d.cfg.MaxEntries && d.now().Sub(oldest) < d.cfg.MaxDelay) {
		return nil
	}
	head, err := d.l1.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read chain head: %w", err)
	}
	b, err := d.store.CreateIntent(d.cfg.MaxEntries, head.Number.Uint64(), d.now())
	if err != nil {
		return fmt.Errorf("record batch intent: %w", err)
	}
	d.log.Info("Recorded batch intent", "batch", b.ID, "first", b.First, "entries", b.Count, "root", b.Root, "head", b.FromBlock)
	id := b.ID
	d.fresh = &id
	return d.settle(ctx, b)
}

// settle makes sure intent b ends up posted exactly once.
func (d *Driver) settle(ctx context.Context, b store.Batch) error {
	if d.fresh == nil || *d.fresh != b.ID {
		if err := d.waitNoPending(ctx); err != nil {
			return err
		}
		pb, err := d.inbox.FindBatch(ctx, b.FromBlock, b.Root, uint64(b.Count))
		if err != nil {
			return err
		}
		if pb != nil {
			if err := d.store.MarkPosted(b.ID, pb.Index, pb.TxHash, pb.Block); err != nil {
				return err
			}
			d.m.RecordBatchRecovered()
			d.log.Info("Batch intent was already posted", "batch", b.ID, "index", pb.Index, "tx", pb.TxHash, "block", pb.Block)
			return nil
		}
		d.log.Info("Batch intent not on chain; posting it", "batch", b.ID, "entries", b.Count, "root", b.Root)
	}
	d.fresh = nil // from now on it may have been sent
	return d.post(ctx, b)
}

// waitNoPending waits until the sequencer account's pending nonce equals its
// latest nonce: no transaction of ours (a batch sent before a crash) can
// still land after we looked.
func (d *Driver) waitNoPending(ctx context.Context) error {
	from := d.tx.From()
	logged := false
	for {
		pending, err := d.l1.PendingNonceAt(ctx, from)
		if err != nil {
			return fmt.Errorf("read pending nonce: %w", err)
		}
		latest, err := d.l1.NonceAt(ctx, from, nil)
		if err != nil {
			return fmt.Errorf("read nonce: %w", err)
		}
		if pending <= latest {
			return nil
		}
		if !logged {
			d.log.Info("Waiting for the sequencer's pending transactions", "pending", pending, "latest", latest)
			logged = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d.cfg.PollInterval):
		}
	}
}

// ErrBatchReverted: the postBatch transaction was mined but reverted.
var ErrBatchReverted = errors.New("postBatch reverted")

func (d *Driver) post(ctx context.Context, b store.Batch) error {
	recs, err := d.store.BatchEntries(b)
	if err != nil {
		return err
	}
	cs := make([]inbox.Commitment, len(recs))
	for i, r := range recs {
		cs[i] = r.Commitment
	}
	entries := inbox.EncodeBatch(cs)
	if root, err := inbox.BatchRoot(entries); err != nil || root != b.Root {
		return fmt.Errorf("%w: batch %d entries do not hash to the intent's root", store.ErrCorrupt, b.ID)
	}
	start := d.now()
	receipt, err := d.tx.Send(ctx, d.inbox.PostBatchCandidate(entries))
	if err != nil {
		return fmt.Errorf("send batch %d: %w", b.ID, reverts.Decode(err))
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("%w: batch %d tx %s", ErrBatchReverted, b.ID, receipt.TxHash.Hex())
	}
	pb, err := d.inbox.BatchPostedIn(receipt)
	if err != nil {
		return err
	}
	if pb.Root != b.Root || pb.Size != uint64(b.Count) {
		return fmt.Errorf("batch %d: the inbox stored root %s size %d, expected %s size %d", b.ID, pb.Root.Hex(), pb.Size, b.Root.Hex(), b.Count)
	}
	if err := d.store.MarkPosted(b.ID, pb.Index, receipt.TxHash, receipt.BlockNumber.Uint64()); err != nil {
		return err
	}
	d.m.RecordBatchPosted(int(b.Count), receipt.GasUsed)
	d.log.Info("Posted batch", "batch", b.ID, "index", pb.Index, "entries", b.Count, "root", b.Root,
		"tx", receipt.TxHash, "block", receipt.BlockNumber, "gas", receipt.GasUsed,
		"gasPerEntry", receipt.GasUsed/uint64(b.Count), "took", d.now().Sub(start).Round(time.Millisecond))
	return nil
}

// Flush posts every pending entry now (in batches of at most MaxEntries) and
// settles every intent. It must not run while the loop runs (Start).
func (d *Driver) Flush(ctx context.Context) error {
	for {
		if intents := d.store.Intents(); len(intents) > 0 {
			if err := d.settle(ctx, intents[0]); err != nil {
				return err
			}
			continue
		}
		n, _ := d.store.Pending()
		if n == 0 {
			return nil
		}
		head, err := d.l1.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		b, err := d.store.CreateIntent(d.cfg.MaxEntries, head.Number.Uint64(), d.now())
		if err != nil {
			return err
		}
		id := b.ID
		d.fresh = &id
	}
}
