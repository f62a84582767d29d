package indexer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"sort"
	"strconv"
	"sync"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/internal/datadir"
)

// Storage layout (docs/indexer.md). Every value is one version byte
// (recordVersion) followed by JSON; keys are ASCII prefixes followed by
// big-endian numbers or raw addresses, so that iteration is in id order.
var (
	keyHead     = []byte("head")
	keyTotals   = []byte("tot")
	keyConfig   = []byte("cfg")
	prefixBlock = []byte("blk/")  // + be64 block number -> blockRecord
	prefixUndo  = []byte("undo/") // + be64 block number -> undoRecord
	prefixJob   = []byte("job/")  // + be64 job id -> Job
	prefixSum   = []byte("jsum/") // + be64 job id -> JobSummary
	prefixGame  = []byte("game/") // + be64 game id -> Game
	prefixPart  = []byte("part/") // + 20-byte address -> Participant
	prefixPJob  = []byte("pjob/") // + 20-byte address + be64 job id -> the participant's roles in the job
	prefixPStk  = []byte("pstk/") // + 20-byte address + be64 block + be32 log index -> StakeChange
	prefixLive  = []byte("live/") // + be64 game id -> challenger (20 bytes), while the game is live
	prefixBatch = []byte("bat/")  // + be64 batch index -> batchRecord
	prefixStat  = []byte("jst/")  // + status byte + be64 job id -> statEntry (binary, status.go)
)

// recordVersion is the first byte of every stored value.
const recordVersion = 1

func u64key(prefix []byte, n uint64) []byte {
	k := make([]byte, len(prefix)+8)
	copy(k, prefix)
	binary.BigEndian.PutUint64(k[len(prefix):], n)
	return k
}

func addrKey(a common.Address) []byte { return append(append([]byte(nil), prefixPart...), a[:]...) }

func partJobKey(a common.Address, job uint64) []byte {
	return binary.BigEndian.AppendUint64(append(append([]byte(nil), prefixPJob...), a[:]...), job)
}

func partStakeKey(a common.Address, block uint64, logIndex uint) []byte {
	k := binary.BigEndian.AppendUint64(append(append([]byte(nil), prefixPStk...), a[:]...), block)
	return binary.BigEndian.AppendUint32(k, uint32(logIndex))
}

func upperBound(prefix []byte) []byte {
	u := append([]byte(nil), prefix...)
	u[len(u)-1]++
	return u
}

// blockRecord is an indexed block: every block that changed a record, and
// the end of every sync, so that a reorg can be found by comparing hashes.
type blockRecord struct {
	Number     uint64      `json:"number"`
	Hash       common.Hash `json:"hash"`
	ParentHash common.Hash `json:"parentHash"`
	Time       uint64      `json:"time"`
	// Undo: the block has an undo record (it changed records).
	Undo bool `json:"undo"`
}

// undoEntry is the value a key had before a block wrote it (Had false:
// the key did not exist).
type undoEntry struct {
	Key []byte `json:"k"`
	Had bool   `json:"h,omitempty"`
	Old []byte `json:"o,omitempty"`
}

// undoRecord lists the previous values of every key a block wrote.
type undoRecord struct {
	Block   uint64      `json:"block"`
	Entries []undoEntry `json:"entries"`
}

// batchRecord is a CommitmentInbox batch.
type batchRecord struct {
	Index uint64      `json:"index"`
	Root  common.Hash `json:"root"`
	Size  uint64      `json:"size"`
	Ref   TxRef       `json:"ref"`
	// Decoded: the calldata was read and its root matched.
	Decoded bool `json:"decoded"`
}

// totals are the market's running sums.
type totals struct {
	Jobs        uint64   `json:"jobs"`
	Batches     uint64   `json:"batches"`
	Commitments uint64   `json:"commitments"`
	Forced      uint64   `json:"forced"`
	Games       uint64   `json:"games"`
	LiveGames   uint64   `json:"liveGames"`
	Nodes       uint64   `json:"nodes"`
	Verifiers   uint64   `json:"verifiers"`
	TotalStake  *big.Int `json:"totalStake"`
	Locked      *big.Int `json:"locked"`
	Slashed     *big.Int `json:"slashed"`
	Burned      *big.Int `json:"burned"`
	Paid        *big.Int `json:"paid"`
	Refunded    *big.Int `json:"refunded"`
}

func newTotals() *totals {
	return &totals{TotalStake: new(big.Int), Locked: new(big.Int), Slashed: new(big.Int), Burned: new(big.Int), Paid: new(big.Int), Refunded: new(big.Int)}
}

// storedConfig pins a store to one deployment.
type storedConfig struct {
	ChainID    uint64         `json:"chainId"`
	JobMarket  common.Address `json:"jobMarket"`
	StartBlock uint64         `json:"startBlock"`
	// Layout is storeLayout when the store was made; a store of another
	// layout is reindexed from scratch (ErrOldLayout).
	Layout uint64 `json:"layout,omitempty"`
}

// storeLayout numbers the key layout: 1 added the by-status index (jst/).
const storeLayout = 1

// encode is the stored form of v.
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("indexer: encode %T: %v", v, err)) // only plain data types are stored
	}
	return append([]byte{recordVersion}, b...)
}

// decode parses a stored value into v.
func decode(b []byte, v any) error {
	if len(b) == 0 || b[0] != recordVersion {
		return fmt.Errorf("%w: %T: bad version", ErrCorrupt, v)
	}
	d := json.NewDecoder(bytes.NewReader(b[1:]))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%w: %T: %v", ErrCorrupt, v, err)
	}
	if d.More() {
		return fmt.Errorf("%w: %T: trailing data", ErrCorrupt, v)
	}
	return nil
}

// Store is the indexer's Pebble store. Its read methods are safe for
// concurrent use with an Indexer writing to it.
type Store struct {
	db *pebble.DB

	mu     sync.Mutex
	subs   map[int]chan Update
	next   int
	closed bool
}

// cacheSize is the store's block cache: the records a block rewrites are
// read back first, and the explorer reads the same pages again and again.
const cacheSize = 64 << 20

// Open opens (creating if needed) the store in dir. A store held by
// another process is a *datadir.InUseError.
func Open(dir string) (*Store, error) {
	cache := pebble.NewCache(cacheSize)
	defer cache.Unref()
	db, err := datadir.OpenPebble(dir, &pebble.Options{Logger: quietLogger{}, Cache: cache})
	if errors.Is(err, datadir.ErrInUse) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("open indexer store %s: %w", dir, err)
	}
	return &Store{db: db, subs: map[int]chan Update{}}, nil
}

// Close closes the store and every subscription (a second Close does
// nothing).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	for id, ch := range s.subs {
		close(ch)
		delete(s.subs, id)
	}
	return s.db.Close()
}

func (s *Store) getRaw(key []byte) ([]byte, bool, error) {
	v, closer, err := s.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out := append([]byte(nil), v...)
	return out, true, closer.Close()
}

func getRecord[T any](s *Store, key []byte) (*T, bool, error) {
	return decodeRecord[T](s.getRaw(key))
}

// decodeRecord decodes a record read as (b, ok, err); a missing record is
// (nil, false, nil).
func decodeRecord[T any](b []byte, ok bool, err error) (*T, bool, error) {
	if err != nil || !ok {
		return nil, ok, err
	}
	v := new(T)
	if err := decode(b, v); err != nil {
		return nil, false, err
	}
	return v, true, nil
}

// Head is the last indexed block (*NotFoundError before the first).
func (s *Store) Head() (Head, error) {
	h, ok, err := getRecord[Head](s, keyHead)
	if err != nil {
		return Head{}, err
	}
	if !ok {
		return Head{}, &NotFoundError{Kind: "head", ID: "indexed block"}
	}
	return *h, nil
}

func (s *Store) totals() (*totals, error) {
	t, ok, err := getRecord[totals](s, keyTotals)
	if err != nil {
		return nil, err
	}
	if !ok {
		return newTotals(), nil
	}
	return t, nil
}

// Market is the market as of Head (zero values before the first block).
func (s *Store) Market() (Market, error) {
	var m Market
	h, err := s.Head()
	if err != nil && !errors.Is(err, ErrNotFound) {
		return m, err
	}
	m.Head = h
	t, err := s.totals()
	if err != nil {
		return m, err
	}
	m.Jobs, m.Batches, m.Commitments, m.Forced = t.Jobs, t.Batches, t.Commitments, t.Forced
	m.Games, m.LiveGames, m.Nodes, m.Verifiers = t.Games, t.LiveGames, t.Nodes, t.Verifiers
	m.TotalStake, m.Locked, m.Slashed, m.Burned, m.Paid, m.Refunded = t.TotalStake, t.Locked, t.Slashed, t.Burned, t.Paid, t.Refunded
	m.Escrow = new(big.Int)
	var openMax, openBid, assigned []*big.Int
	workers := map[common.Address]bool{}
	err = s.scan(prefixStat, func(k, v []byte) error {
		st := JobStatus(k[len(prefixStat)])
		if int(st) < len(m.ByStatus) {
			m.ByStatus[st]++
		}
		if st == StatusNone || st >= StatusCancelled {
			return nil // counted only
		}
		j, err := decodeStat(v)
		if err != nil {
			return err
		}
		switch st {
		case StatusOpen:
			openMax = append(openMax, j.MaxPrice)
			if j.Worker != (common.Address{}) {
				openBid = append(openBid, j.Price)
			}
		case StatusAssigned, StatusSubmitted:
			workers[j.Worker] = true
			assigned = append(assigned, j.Price)
		case StatusFinalized:
			assigned = append(assigned, j.Price)
		}
		if st == StatusOpen || st == StatusAssigned || st == StatusSubmitted {
			m.Escrow.Add(m.Escrow, j.Escrow)
		}
		return nil
	})
	if err != nil {
		return m, err
	}
	m.OpenMaxPrice, m.OpenBestBid, m.Assigned = priceStats(openMax), priceStats(openBid), priceStats(assigned)
	m.ActiveWorkers = uint64(len(workers))
	verifiers := map[common.Address]bool{}
	err = s.scan(prefixLive, func(_, v []byte) error {
		verifiers[common.BytesToAddress(v)] = true
		return nil
	})
	m.ActiveVerifiers = uint64(len(verifiers))
	return m, err
}

func priceStats(ps []*big.Int) PriceStats {
	st := PriceStats{Count: len(ps)}
	if len(ps) == 0 {
		return st
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Cmp(ps[j]) < 0 })
	st.Min, st.Max, st.Median = ps[0], ps[len(ps)-1], ps[len(ps)/2]
	return st
}

func (s *Store) scan(prefix []byte, fn func(k, v []byte) error) error {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upperBound(prefix)})
	if err != nil {
		return err
	}
	for it.First(); it.Valid(); it.Next() {
		if err := fn(it.Key(), it.Value()); err != nil {
			_ = it.Close()
			return err
		}
	}
	return it.Close()
}

// Jobs lists jobs matching f, newest (highest id) first.
func (s *Store) Jobs(f JobFilter) ([]JobSummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	keep := func(j *JobSummary) bool {
		return (f.Status == StatusNone || j.Status == f.Status) && (f.Before == 0 || j.ID < f.Before)
	}
	var out []JobSummary
	if f.Address != (common.Address{}) {
		prefix := append(append([]byte(nil), prefixPJob...), f.Address[:]...)
		it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upperBound(prefix)})
		if err != nil {
			return nil, err
		}
		for it.Last(); it.Valid() && len(out) < limit; it.Prev() {
			id := binary.BigEndian.Uint64(it.Key()[len(prefix):])
			j, ok, err := getRecord[JobSummary](s, u64key(prefixSum, id))
			if err != nil {
				_ = it.Close()
				return nil, err
			}
			if ok && keep(j) {
				out = append(out, *j)
			}
		}
		return out, it.Close()
	}
	if f.Status != StatusNone {
		prefix := statKey(f.Status, 0)[:len(prefixStat)+1]
		upper := upperBound(prefix)
		if f.Before != 0 {
			upper = statKey(f.Status, f.Before)
		}
		it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefix, UpperBound: upper})
		if err != nil {
			return nil, err
		}
		for it.Last(); it.Valid() && len(out) < limit; it.Prev() {
			id := binary.BigEndian.Uint64(it.Key()[len(prefix):])
			j, ok, err := getRecord[JobSummary](s, u64key(prefixSum, id))
			if err == nil && !ok {
				err = fmt.Errorf("%w: status index names job %d, which has no summary", ErrCorrupt, id)
			}
			if err != nil {
				_ = it.Close()
				return nil, err
			}
			out = append(out, *j)
		}
		return out, it.Close()
	}
	upper := upperBound(prefixSum)
	if f.Before != 0 {
		upper = u64key(prefixSum, f.Before)
	}
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefixSum, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	for it.Last(); it.Valid() && len(out) < limit; it.Prev() {
		var j JobSummary
		if err := decode(it.Value(), &j); err != nil {
			_ = it.Close()
			return nil, err
		}
		if keep(&j) {
			out = append(out, j)
		}
	}
	return out, it.Close()
}

// Job is job id (*NotFoundError when unknown).
func (s *Store) Job(id uint64) (Job, error) {
	j, ok, err := getRecord[Job](s, u64key(prefixJob, id))
	if err != nil {
		return Job{}, err
	}
	if !ok {
		return Job{}, &NotFoundError{Kind: "job", ID: strconv.FormatUint(id, 10)}
	}
	return *j, nil
}

// Game is game id (*NotFoundError when unknown).
func (s *Store) Game(id uint64) (Game, error) {
	g, ok, err := getRecord[Game](s, u64key(prefixGame, id))
	if err != nil {
		return Game{}, err
	}
	if !ok {
		return Game{}, &NotFoundError{Kind: "game", ID: strconv.FormatUint(id, 10)}
	}
	return *g, nil
}

// Games lists games newest (highest id) first: those with ID < before
// (0: all), at most limit (0: 100), in one range read.
func (s *Store) Games(before uint64, limit int) ([]Game, error) {
	if limit <= 0 {
		limit = 100
	}
	upper := upperBound(prefixGame)
	if before != 0 {
		upper = u64key(prefixGame, before)
	}
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefixGame, UpperBound: upper})
	if err != nil {
		return nil, err
	}
	var out []Game
	for it.Last(); it.Valid() && len(out) < limit; it.Prev() {
		var g Game
		if err := decode(it.Value(), &g); err != nil {
			_ = it.Close()
			return nil, err
		}
		out = append(out, g)
	}
	return out, it.Close()
}

// Participant is addr (*NotFoundError when the indexer never saw it).
func (s *Store) Participant(addr common.Address) (Participant, error) {
	p, ok, err := getRecord[Participant](s, addrKey(addr))
	if err != nil {
		return Participant{}, err
	}
	if !ok {
		return Participant{}, &NotFoundError{Kind: "participant", ID: addr.Hex()}
	}
	prefix := append(append([]byte(nil), prefixPJob...), addr[:]...)
	err = s.scan(prefix, func(k, v []byte) error {
		pj := ParticipantJob{JobID: binary.BigEndian.Uint64(k[len(prefix):])}
		if err := decode(v, &pj.Roles); err != nil {
			return err
		}
		p.Jobs = append(p.Jobs, pj)
		return nil
	})
	if err != nil {
		return Participant{}, err
	}
	prefix = append(append([]byte(nil), prefixPStk...), addr[:]...)
	err = s.scan(prefix, func(_, v []byte) error {
		var c StakeChange
		if err := decode(v, &c); err != nil {
			return err
		}
		p.Stake = append(p.Stake, c)
		return nil
	})
	if err != nil {
		return Participant{}, err
	}
	return *p, nil
}

// Subscribe returns a channel that receives an Update after each indexed
// block or rollback, and a cancel func that closes it. A slow subscriber
// misses updates (the channel holds 64; sends never block the indexer).
func (s *Store) Subscribe() (<-chan Update, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.next
	s.next++
	ch := make(chan Update, 64)
	if s.closed {
		close(ch)
		return ch, func() {}
	}
	s.subs[id] = ch
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if c, ok := s.subs[id]; ok {
				close(c)
				delete(s.subs, id)
			}
		})
	}
}

func (s *Store) publish(u Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.subs {
		select {
		case ch <- u:
		default:
		}
	}
}

// quietLogger drops Pebble's informational messages.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}
func (quietLogger) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: "+format+"\n", args...)
}
func (quietLogger) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: "+format+"\n", args...)
	os.Exit(1)
}
