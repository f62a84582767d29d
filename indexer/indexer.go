package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
)

// Client is the part of an ethclient the indexer needs.
type Client interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	TransactionByHash(ctx context.Context, hash common.Hash) (tx *types.Transaction, isPending bool, err error)
	CallContract(ctx context.Context, call ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
}

// Config configures an Indexer.
type Config struct {
	Contracts deployments.Contracts
	// StartBlock is the first block indexed by a new store (a store that
	// already holds blocks resumes after its head).
	StartBlock uint64
	// Confirmations: a block is indexed once this many blocks follow it
	// (0: up to the head; a reorg is then rolled back when it is seen).
	Confirmations uint64
	// PollInterval is how often Run asks for a new head (default 1 s).
	PollInterval time.Duration
	// MaxRange bounds the blocks of one log query (default 2000).
	MaxRange uint64
	// UndoDepth is how many blocks below the head keep their undo records
	// (default 4096); a deeper reorg is ErrReorgTooDeep.
	UndoDepth uint64
	Log       *slog.Logger
}

// Errors of configuration.
var (
	ErrNoJobMarket     = errors.New("indexer: no JobMarket address")
	ErrOtherDeployment = errors.New("indexer: the store indexes another deployment")
	// ErrOldLayout: the store was made by an indexer with another key
	// layout (storeLayout); delete its directory and index again.
	ErrOldLayout = errors.New("indexer: the store has an older key layout; delete it and reindex")
)

// Indexer follows the chain into a Store.
type Indexer struct {
	cfg    Config
	store  *Store
	client Client
	abis   *abis
	log    *slog.Logger
	events atomic.Uint64
}

// Events is how many contract events (logs) this Indexer has indexed.
func (ix *Indexer) Events() uint64 { return ix.events.Load() }

// New returns an indexer writing to store.
func New(cfg Config, store *Store, client Client) (*Indexer, error) {
	if cfg.Contracts.JobMarket == (common.Address{}) {
		return nil, ErrNoJobMarket
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.MaxRange == 0 {
		cfg.MaxRange = 2000
	}
	if cfg.UndoDepth == 0 {
		cfg.UndoDepth = 4096
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	a, err := newABIs()
	if err != nil {
		return nil, err
	}
	return &Indexer{cfg: cfg, store: store, client: client, abis: a, log: cfg.Log}, nil
}

// Run indexes until ctx is done, then returns nil; it returns earlier only
// on a store failure or a reorg deeper than the undo records (RPC failures
// are logged and retried).
func (ix *Indexer) Run(ctx context.Context) error {
	for {
		_, err := ix.Sync(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, ErrReorgTooDeep), errors.Is(err, ErrCorrupt), errors.Is(err, ErrOtherDeployment), errors.Is(err, ErrOldLayout):
			return err
		case err != nil:
			ix.log.Warn("Indexer sync failed, retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(ix.cfg.PollInterval):
		}
	}
}

// errRetry: the chain changed while a range was read; read it again.
var errRetry = errors.New("indexer: chain changed during a read")

// Sync indexes up to the current head minus the confirmation depth (first
// rolling back blocks that left the chain) and returns the new head.
func (ix *Indexer) Sync(ctx context.Context) (Head, error) {
	if err := ix.checkDeployment(ctx); err != nil {
		return Head{}, err
	}
	for attempt := 0; ; attempt++ {
		h, err := ix.sync(ctx)
		if errors.Is(err, errRetry) && attempt < 10 {
			continue
		}
		return h, err
	}
}

func (ix *Indexer) checkDeployment(ctx context.Context) error {
	want := storedConfig{JobMarket: ix.cfg.Contracts.JobMarket, StartBlock: ix.cfg.StartBlock, Layout: storeLayout}
	id, err := ix.client.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("indexer: read chain id: %w", err)
	}
	want.ChainID = id.Uint64()
	got, ok, err := getRecord[storedConfig](ix.store, keyConfig)
	if err != nil {
		return err
	}
	if !ok {
		return ix.store.db.Set(keyConfig, encode(&want), nil)
	}
	if got.ChainID != want.ChainID || got.JobMarket != want.JobMarket {
		return fmt.Errorf("%w: chain %d JobMarket %s, not chain %d JobMarket %s", ErrOtherDeployment, got.ChainID, got.JobMarket, want.ChainID, want.JobMarket)
	}
	if got.Layout != storeLayout {
		return fmt.Errorf("%w (layout %d, want %d)", ErrOldLayout, got.Layout, storeLayout)
	}
	ix.cfg.StartBlock = got.StartBlock
	return nil
}

func (ix *Indexer) sync(ctx context.Context) (Head, error) {
	latest, err := ix.client.BlockNumber(ctx)
	if err != nil {
		return Head{}, fmt.Errorf("indexer: read head: %w", err)
	}
	head, err := ix.store.Head()
	have := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Head{}, err
	}
	if have {
		if err := ix.unwind(ctx); err != nil {
			return Head{}, err
		}
		head, err = ix.store.Head()
		have = err == nil
		if err != nil && !errors.Is(err, ErrNotFound) {
			return Head{}, err
		}
	}
	from := ix.cfg.StartBlock
	if have {
		from = head.Number + 1
	}
	if latest < ix.cfg.Confirmations {
		return head, nil
	}
	target := latest - ix.cfg.Confirmations
	for from <= target {
		to := min(from+ix.cfg.MaxRange-1, target)
		h, err := ix.indexRange(ctx, from, to, have, head)
		if err != nil {
			return head, err
		}
		head, have = h, true
		from = to + 1
	}
	return head, nil
}

// unwind rolls back the stored blocks that are no longer on the chain.
func (ix *Indexer) unwind(ctx context.Context) error {
	var orphaned []blockRecord
	var keep *blockRecord
	err := ix.store.lastBlocks(func(b blockRecord) (bool, error) {
		h, err := ix.client.HeaderByNumber(ctx, new(big.Int).SetUint64(b.Number))
		if err != nil && !errors.Is(err, ethereum.NotFound) {
			return false, fmt.Errorf("indexer: read block %d: %w", b.Number, err)
		}
		if err == nil && h.Hash() == b.Hash {
			keep = &b
			return false, nil
		}
		orphaned = append(orphaned, b)
		return true, nil
	})
	if err != nil || len(orphaned) == 0 {
		return err
	}
	for i, b := range orphaned {
		prev := keep
		if i+1 < len(orphaned) {
			prev = &orphaned[i+1]
		}
		if err := ix.store.rollback(b, prev, ix.cfg.StartBlock); err != nil {
			return err
		}
	}
	var head Head
	if keep != nil {
		head = Head{Number: keep.Number, Hash: keep.Hash, ParentHash: keep.ParentHash, Time: keep.Time, StartBlock: ix.cfg.StartBlock}
	}
	ix.log.Info("Indexer rolled back a reorg", "blocks", len(orphaned), "from", orphaned[len(orphaned)-1].Number, "head", head.Number)
	ix.store.publish(Update{Head: head, Reorg: true})
	return nil
}

func (ix *Indexer) addresses() []common.Address {
	c := ix.cfg.Contracts
	out := []common.Address{c.JobMarket}
	for _, a := range []common.Address{c.StakeManager, c.NodeRegistry, c.CommitmentInbox, c.VerdeArbitration} {
		if a != (common.Address{}) {
			out = append(out, a)
		}
	}
	return out
}

// indexRange reads blocks from..to, checks they are one chain on top of
// the stored head, then writes them a block at a time.
func (ix *Indexer) indexRange(ctx context.Context, from, to uint64, have bool, head Head) (Head, error) {
	end, err := ix.client.HeaderByNumber(ctx, new(big.Int).SetUint64(to))
	if err != nil {
		return head, fmt.Errorf("indexer: read block %d: %w", to, err)
	}
	logs, err := ix.client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to), Addresses: ix.addresses()})
	if err != nil {
		return head, fmt.Errorf("indexer: read logs %d..%d: %w", from, to, err)
	}
	var blocks []*blockData
	for i := range logs {
		l := logs[i]
		if l.Removed {
			continue
		}
		if len(blocks) == 0 || blocks[len(blocks)-1].number != l.BlockNumber {
			blocks = append(blocks, &blockData{number: l.BlockNumber, hash: l.BlockHash, txs: map[common.Hash]*txInfo{}, games: map[uint64]*bindings.IVerdeArbitrationGame{}})
		}
		bd := blocks[len(blocks)-1]
		if bd.hash != l.BlockHash {
			return head, errRetry
		}
		bd.logs = append(bd.logs, l)
	}
	if err := ix.fetch(ctx, blocks); err != nil {
		return head, err
	}
	// The chain did not change while it was read: the range's last block
	// is the same, and it descends from the stored head.
	again, err := ix.client.HeaderByNumber(ctx, new(big.Int).SetUint64(to))
	if err != nil {
		return head, fmt.Errorf("indexer: read block %d: %w", to, err)
	}
	if again.Hash() != end.Hash() {
		return head, errRetry
	}
	if have {
		h, err := ix.client.HeaderByNumber(ctx, new(big.Int).SetUint64(head.Number))
		if err != nil {
			return head, fmt.Errorf("indexer: read block %d: %w", head.Number, err)
		}
		if h.Hash() != head.Hash {
			return head, errRetry // unwind runs on the next attempt
		}
	}
	start := ix.cfg.StartBlock
	if have {
		start = head.StartBlock
	}
	for _, bd := range blocks {
		n := bd.number
		rec := blockRecord{Number: n, Hash: bd.header.Hash(), ParentHash: bd.header.ParentHash, Time: bd.header.Time}
		tx := newBlockTx(ix.store, rec)
		ap := &applier{a: ix.abis, addrs: ix.cfg.Contracts, tx: tx, bd: bd}
		if err := ap.apply(); err != nil {
			return head, err
		}
		h := Head{Number: n, Hash: rec.Hash, ParentHash: rec.ParentHash, Time: rec.Time, StartBlock: start}
		u, err := tx.commit(h, false)
		if err != nil {
			return head, err
		}
		ix.events.Add(uint64(len(bd.logs)))
		head = h
		ix.store.publish(u)
	}
	if head.Number != to || !have && len(blocks) == 0 {
		rec := blockRecord{Number: to, Hash: end.Hash(), ParentHash: end.ParentHash, Time: end.Time}
		h := Head{Number: to, Hash: rec.Hash, ParentHash: rec.ParentHash, Time: rec.Time, StartBlock: start}
		u, err := newBlockTx(ix.store, rec).commit(h, true)
		if err != nil {
			return head, err
		}
		head = h
		ix.store.publish(u)
	} else if err := ix.store.db.LogData(nil, pebble.Sync); err != nil {
		return head, err
	}
	if to > ix.cfg.UndoDepth {
		if err := ix.store.pruneUndo(to - ix.cfg.UndoDepth); err != nil {
			return head, err
		}
	}
	return head, nil
}

// fetchParallel bounds the node requests in flight while a range is read.
const fetchParallel = 16

// fetch reads, for every block with logs, its header, the transactions of
// its inbox batches and game moves, and the state of every game it touched,
// fetchParallel requests at a time.
func (ix *Indexer) fetch(ctx context.Context, blocks []*blockData) error {
	c := ix.cfg.Contracts
	var tasks []func(context.Context) error
	var mu sync.Mutex
	for _, bd := range blocks {
		bd := bd
		tasks = append(tasks, func(ctx context.Context) error {
			h, err := ix.client.HeaderByNumber(ctx, new(big.Int).SetUint64(bd.number))
			if err != nil {
				return fmt.Errorf("indexer: read block %d: %w", bd.number, err)
			}
			if h.Hash() != bd.hash {
				return errRetry
			}
			bd.header = h
			return nil
		})
		txs, games := map[common.Hash]bool{}, map[uint64]bool{}
		for i := range bd.logs {
			l := &bd.logs[i]
			switch l.Address {
			case c.CommitmentInbox:
				if ev := ix.abis.eventOf(cInbox, l); ev != nil && ev.Name == "BatchPosted" {
					txs[l.TxHash] = true
				}
			case c.VerdeArbitration:
				ev := ix.abis.eventOf(cGame, l)
				if ev == nil {
					continue
				}
				switch ev.Name {
				case "Wired", "Withdrawn":
				case "RewardPooled":
					txs[l.TxHash] = true
					if len(l.Topics) > 2 {
						games[new(big.Int).SetBytes(l.Topics[2][:]).Uint64()] = true
					}
				default:
					txs[l.TxHash] = true
					if len(l.Topics) > 1 {
						games[new(big.Int).SetBytes(l.Topics[1][:]).Uint64()] = true
					}
				}
			}
		}
		for hash := range txs {
			hash := hash
			tasks = append(tasks, func(ctx context.Context) error {
				t, _, err := ix.client.TransactionByHash(ctx, hash)
				if err != nil {
					return fmt.Errorf("indexer: read transaction %s: %w", hash, err)
				}
				info := &txInfo{Input: t.Data()}
				if t.To() != nil {
					info.To = *t.To()
				}
				if from, err := types.Sender(types.LatestSignerForChainID(t.ChainId()), t); err == nil {
					info.From = from
				}
				mu.Lock()
				bd.txs[hash] = info
				mu.Unlock()
				return nil
			})
		}
		for id := range games {
			id := id
			tasks = append(tasks, func(ctx context.Context) error {
				gid := new(big.Int).SetUint64(id)
				out, err := ix.client.CallContract(ctx, ethereum.CallMsg{To: &c.VerdeArbitration, Data: ix.abis.game.PackGetGame(gid)}, new(big.Int).SetUint64(bd.number))
				if err != nil {
					return fmt.Errorf("indexer: read game %d at block %d: %w", id, bd.number, err)
				}
				g, err := ix.abis.game.UnpackGetGame(out)
				if err != nil {
					return fmt.Errorf("indexer: decode game %d: %w", id, err)
				}
				mu.Lock()
				bd.games[id] = &g
				mu.Unlock()
				return nil
			})
		}
	}
	return parallel(ctx, fetchParallel, tasks)
}

// parallel runs tasks, at most n at a time, and returns the first error
// (the others are cancelled).
func parallel(ctx context.Context, n int, tasks []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	errs := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for _, task := range tasks {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := task(ctx); err != nil {
				errs <- err
				cancel()
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err, ok := <-errs; ok {
		return err
	}
	return ctx.Err()
}
