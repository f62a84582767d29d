package indexer

import (
	"context"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/gensyn-stack/gensyn/internal/deployments"
)

// Client is the part of an ethclient the indexer needs.
type Client interface {
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
	// Confirmations: blocks are indexed once this many blocks follow them
	// (0: up to the head; a reorg is then rolled back when seen).
	Confirmations uint64
	// PollInterval is how often Run asks for a new head (default 1 s).
	PollInterval time.Duration
	// MaxRange bounds the blocks of one log query (default 2000).
	MaxRange uint64
	Log      *slog.Logger
}

// Indexer follows the chain into a Store.
type Indexer struct {
	cfg    Config
	store  *Store
	client Client
}

// New returns an indexer writing to store.
func New(cfg Config, store *Store, client Client) (*Indexer, error) {
	return &Indexer{cfg: cfg, store: store, client: client}, nil
}

// Run indexes until ctx is done, then returns ctx's error; it returns
// earlier only on a store failure (RPC failures are logged and retried).
func (ix *Indexer) Run(ctx context.Context) error { return ErrNotImplemented }

// Sync indexes up to the current head minus the confirmation depth and
// returns the new head.
func (ix *Indexer) Sync(ctx context.Context) (Head, error) { return Head{}, ErrNotImplemented }
