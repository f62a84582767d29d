package indexer

import (
	"github.com/ethereum/go-ethereum/common"
)

// Store is the indexer's Pebble store. Its read methods are safe for
// concurrent use with an Indexer writing to it.
type Store struct{}

// Open opens (creating if needed) the store in dir.
func Open(dir string) (*Store, error) { return nil, ErrNotImplemented }

// Close closes the store.
func (s *Store) Close() error { return nil }

// Head is the last indexed block (*NotFoundError before the first).
func (s *Store) Head() (Head, error) { return Head{}, ErrNotImplemented }

// Market is the market as of Head.
func (s *Store) Market() (Market, error) { return Market{}, ErrNotImplemented }

// Jobs lists jobs matching f, newest first.
func (s *Store) Jobs(f JobFilter) ([]JobSummary, error) { return nil, ErrNotImplemented }

// Job is job id (*NotFoundError when unknown).
func (s *Store) Job(id uint64) (Job, error) { return Job{}, ErrNotImplemented }

// Game is game id (*NotFoundError when unknown).
func (s *Store) Game(id uint64) (Game, error) { return Game{}, ErrNotImplemented }

// Participant is addr (*NotFoundError when the indexer never saw it).
func (s *Store) Participant(addr common.Address) (Participant, error) {
	return Participant{}, ErrNotImplemented
}

// Subscribe returns a channel that receives an Update after each indexed
// block or rollback, and a cancel func that closes it. A slow subscriber
// misses updates (the channel is buffered; sends never block the indexer).
func (s *Store) Subscribe() (<-chan Update, func()) {
	ch := make(chan Update)
	return ch, func() {}
}
