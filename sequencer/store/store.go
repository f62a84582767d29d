// Package store is the sequencer's durable log, kept in Pebble.
//
// An accepted commitment is written (with its signature, its arrival time, a
// sequence number and a (job, round, checkpoint) index) with pebble.Sync before the
// sequencer acknowledges it; concurrent submissions are grouped into one
// synced write (group commit). A batch is recorded as an intent (the range of
// entries and their Merkle root, and the chain head before sending) before
// its transaction is sent, and marked posted (batch index, transaction hash,
// block) once it is confirmed. See docs/sequencer.md for the key layout.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/internal/inbox"

	"github.com/gensyn-stack/gensyn/internal/datadir"
)

// Errors of the store. Validation errors leave the log unchanged.
var (
	// ErrOutOfOrder: the checkpoint is not the job's last acknowledged checkpoint + 1.
	ErrOutOfOrder = errors.New("checkpoint out of order")
	// ErrConflict: an entry with the same (job, round, checkpoint) but a
	// different state root, worker or signature was already acknowledged.
	ErrConflict = errors.New("a different commitment for this checkpoint was already acknowledged")
	// ErrNotFound: no entry for this (job, checkpoint), or no such batch.
	ErrNotFound = errors.New("not found")
	// ErrNothingPending: there is no entry to put in a batch.
	ErrNothingPending = errors.New("no pending entry")
	// ErrClosed: the store is closed.
	ErrClosed = errors.New("store closed")
	// ErrFailed: a durable write failed; the store refuses further writes
	// until it is reopened (it never acknowledges what it could not sync).
	ErrFailed = errors.New("store failed")
	// ErrCorrupt: a record on disk does not decode.
	ErrCorrupt = errors.New("store corrupt")
	// ErrBadInput: a malformed argument (signature length, zero checkpoint or round, ...).
	ErrBadInput = errors.New("bad input")
	// ErrAlreadyPosted: the batch is already marked posted with other data.
	ErrAlreadyPosted = errors.New("batch already posted")
)

// OutOfOrderError carries the last acknowledged checkpoint of the job's round.
type OutOfOrderError struct {
	JobID      uint64
	Round      uint32
	Checkpoint uint32
	Last       uint32
}

func (e *OutOfOrderError) Error() string {
	return fmt.Sprintf("%v: job %d checkpoint %d, expected %d", ErrOutOfOrder, e.JobID, e.Checkpoint, e.Last+1)
}

func (e *OutOfOrderError) Unwrap() error { return ErrOutOfOrder }

// Record is one acknowledged entry. Its assignment round is the
// commitment's (Commitment.Round).
type Record struct {
	Seq        uint64
	Commitment inbox.Commitment
	Signature  []byte
	ArrivedAt  time.Time
}

// Ack is what the sequencer answers a submission with.
type Ack struct {
	Seq  uint64
	Leaf common.Hash
	// Duplicate: an identical entry had already been acknowledged; Seq is its.
	Duplicate bool
}

// Batch is a batch intent, and once confirmed, a posted batch.
type Batch struct {
	ID        uint64      // local id, from 0, in order
	First     uint64      // sequence number of its first entry
	Count     uint32      // number of entries
	Root      common.Hash // Merkle root of its entries
	FromBlock uint64      // chain head when the intent was recorded; the tx lands after it
	CreatedAt time.Time
	Posted    bool
	// Set once posted.
	ChainIndex uint64      // CommitmentInbox batch index
	TxHash     common.Hash // transaction that posted it
	Block      uint64      // block that included it
}

// Contains reports whether seq is in the batch.
func (b *Batch) Contains(seq uint64) bool { return seq >= b.First && seq < b.First+uint64(b.Count) }

// Key layout (all integers big-endian, so keys sort numerically).
var (
	prefixEntry  = []byte{'e'} // e | seq(8)               -> entry record
	prefixIndex  = []byte{'j'} // j | job(8) | round(4) | checkpoint(4) -> seq(8)
	prefixBatch  = []byte{'b'} // b | id(8)                -> batch record
	keyCursor    = []byte("m/cursor")
	recordV1     = byte(1) // batch records
	entryV2      = byte(2) // entry records with the 68-byte, round-carrying entry (v1 had 64 bytes and no round)
	entryRecLen  = 1 + inbox.EntrySize + inbox.SignatureSize + 8
	batchRecLen  = 1 + 8 + 4 + 32 + 8 + 8 + 1 + 8 + 32 + 8
	maxGroupSize = 512
)

func entryKey(seq uint64) []byte {
	k := make([]byte, 9)
	k[0] = prefixEntry[0]
	binary.BigEndian.PutUint64(k[1:], seq)
	return k
}

func indexKey(job uint64, round, ck uint32) []byte {
	k := make([]byte, 17)
	k[0] = prefixIndex[0]
	binary.BigEndian.PutUint64(k[1:9], job)
	binary.BigEndian.PutUint32(k[9:13], round)
	binary.BigEndian.PutUint32(k[13:17], ck)
	return k
}

// jobRound is one assignment of a job: checkpoints are ordered per round,
// since a reassigned job starts again at checkpoint 1 with its new worker.
type jobRound struct {
	job   uint64
	round uint32
}

func batchKey(id uint64) []byte {
	k := make([]byte, 9)
	k[0] = prefixBatch[0]
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// Offsets in an entry record: version | entry | signature | arrival (ns).
const (
	recEntry = 1
	recSig   = recEntry + inbox.EntrySize
	recAt    = recSig + inbox.SignatureSize
)

func encodeRecord(r *Record) []byte {
	b := make([]byte, entryRecLen)
	b[0] = entryV2
	e := r.Commitment.Entry()
	copy(b[recEntry:recSig], e[:])
	copy(b[recSig:recAt], r.Signature)
	binary.BigEndian.PutUint64(b[recAt:recAt+8], uint64(r.ArrivedAt.UnixNano()))
	return b
}

func decodeRecord(seq uint64, b []byte) (Record, error) {
	if len(b) > 0 && b[0] == recordV1 {
		return Record{}, fmt.Errorf("%w: entry %d was written by a sequencer before commitments carried their round; start it with a new log directory", ErrCorrupt, seq)
	}
	if len(b) != entryRecLen || b[0] != entryV2 {
		return Record{}, fmt.Errorf("%w: entry %d: %d bytes, version %v", ErrCorrupt, seq, len(b), firstByte(b))
	}
	c, err := inbox.DecodeEntry(b[recEntry:recSig])
	if err != nil {
		return Record{}, fmt.Errorf("%w: entry %d: %v", ErrCorrupt, seq, err)
	}
	return Record{
		Seq: seq, Commitment: c, Signature: append([]byte(nil), b[recSig:recAt]...),
		ArrivedAt: time.Unix(0, int64(binary.BigEndian.Uint64(b[recAt:recAt+8]))),
	}, nil
}

func firstByte(b []byte) any {
	if len(b) == 0 {
		return "none"
	}
	return b[0]
}

func encodeBatch(bt *Batch) []byte {
	b := make([]byte, batchRecLen)
	b[0] = recordV1
	binary.BigEndian.PutUint64(b[1:9], bt.First)
	binary.BigEndian.PutUint32(b[9:13], bt.Count)
	copy(b[13:45], bt.Root[:])
	binary.BigEndian.PutUint64(b[45:53], bt.FromBlock)
	binary.BigEndian.PutUint64(b[53:61], uint64(bt.CreatedAt.UnixNano()))
	if bt.Posted {
		b[61] = 1
	}
	binary.BigEndian.PutUint64(b[62:70], bt.ChainIndex)
	copy(b[70:102], bt.TxHash[:])
	binary.BigEndian.PutUint64(b[102:110], bt.Block)
	return b
}

func decodeBatch(id uint64, b []byte) (Batch, error) {
	if len(b) != batchRecLen || b[0] != recordV1 || b[61] > 1 {
		return Batch{}, fmt.Errorf("%w: batch %d: %d bytes", ErrCorrupt, id, len(b))
	}
	bt := Batch{
		ID:         id,
		First:      binary.BigEndian.Uint64(b[1:9]),
		Count:      binary.BigEndian.Uint32(b[9:13]),
		Root:       common.BytesToHash(b[13:45]),
		FromBlock:  binary.BigEndian.Uint64(b[45:53]),
		CreatedAt:  time.Unix(0, int64(binary.BigEndian.Uint64(b[53:61]))),
		Posted:     b[61] == 1,
		ChainIndex: binary.BigEndian.Uint64(b[62:70]),
		TxHash:     common.BytesToHash(b[70:102]),
		Block:      binary.BigEndian.Uint64(b[102:110]),
	}
	if bt.Count == 0 {
		return Batch{}, fmt.Errorf("%w: batch %d is empty", ErrCorrupt, id)
	}
	return bt, nil
}

// Options of Open.
type Options struct {
	// NoSync disables fsync (benchmarks of the non-durable path only).
	NoSync bool
}

type appendReq struct {
	c     inbox.Commitment
	sig   []byte
	at    time.Time
	reply chan appendResp
}

type appendResp struct {
	ack Ack
	err error
}

// Store is the durable log. It is safe for concurrent use.
type Store struct {
	db   *pebble.DB
	sync *pebble.WriteOptions

	reqs chan *appendReq
	quit chan struct{}
	done chan struct{}

	mu      sync.RWMutex
	closed  bool
	failed  error
	nextSeq uint64              // next sequence number (all below are durable)
	cursor  uint64              // first sequence number in no batch
	pending []Record            // durable entries with seq >= cursor
	jobs    map[jobRound]uint32 // last acknowledged checkpoint per job and round
	rounds  map[uint64]uint32   // highest round with an entry, per job
	batches []Batch             // all batches, by ID
}

type quietLogger struct{}

func (quietLogger) Infof(string, ...interface{}) {}
func (quietLogger) Fatalf(format string, args ...interface{}) {
	panic(fmt.Sprintf("pebble: "+format, args...))
}

// Open opens (or creates) the log in dir and loads its state.
func Open(dir string, opts Options) (*Store, error) {
	db, err := datadir.OpenPebble(dir, &pebble.Options{Logger: quietLogger{}})
	if errors.Is(err, datadir.ErrInUse) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("open log %s: %w", dir, err)
	}
	s := &Store{
		db: db, sync: pebble.Sync, jobs: map[jobRound]uint32{}, rounds: map[uint64]uint32{},
		reqs: make(chan *appendReq, 4096), quit: make(chan struct{}), done: make(chan struct{}),
	}
	if opts.NoSync {
		s.sync = pebble.NoSync
	}
	if err := s.load(); err != nil {
		_ = db.Close()
		return nil, err
	}
	go s.writer()
	return s, nil
}

func (s *Store) load() error {
	// Next sequence number: one past the last entry.
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefixEntry, UpperBound: []byte{prefixEntry[0] + 1}})
	if err != nil {
		return err
	}
	if it.Last() {
		if len(it.Key()) != 9 {
			_ = it.Close()
			return fmt.Errorf("%w: entry key %x", ErrCorrupt, it.Key())
		}
		s.nextSeq = binary.BigEndian.Uint64(it.Key()[1:]) + 1
	}
	if err := it.Close(); err != nil {
		return err
	}
	// Cursor.
	v, closer, err := s.db.Get(keyCursor)
	switch {
	case errors.Is(err, pebble.ErrNotFound):
	case err != nil:
		return err
	default:
		if len(v) != 8 {
			closer.Close()
			return fmt.Errorf("%w: cursor", ErrCorrupt)
		}
		s.cursor = binary.BigEndian.Uint64(v)
		closer.Close()
	}
	if s.cursor > s.nextSeq {
		return fmt.Errorf("%w: cursor %d beyond the log's end %d", ErrCorrupt, s.cursor, s.nextSeq)
	}
	// Batches, contiguous from sequence 0 up to the cursor.
	it, err = s.db.NewIter(&pebble.IterOptions{LowerBound: prefixBatch, UpperBound: []byte{prefixBatch[0] + 1}})
	if err != nil {
		return err
	}
	next := uint64(0)
	for it.First(); it.Valid(); it.Next() {
		if len(it.Key()) != 9 {
			_ = it.Close()
			return fmt.Errorf("%w: batch key %x", ErrCorrupt, it.Key())
		}
		id := binary.BigEndian.Uint64(it.Key()[1:])
		b, err := decodeBatch(id, it.Value())
		if err != nil {
			_ = it.Close()
			return err
		}
		if id != uint64(len(s.batches)) || b.First != next {
			_ = it.Close()
			return fmt.Errorf("%w: batch %d starts at %d, expected batch %d at %d", ErrCorrupt, id, b.First, len(s.batches), next)
		}
		next = b.First + uint64(b.Count)
		s.batches = append(s.batches, b)
	}
	if err := it.Close(); err != nil {
		return err
	}
	if next != s.cursor {
		return fmt.Errorf("%w: batches end at %d, cursor is %d", ErrCorrupt, next, s.cursor)
	}
	// Last checkpoint per job and round, from the index.
	it, err = s.db.NewIter(&pebble.IterOptions{LowerBound: prefixIndex, UpperBound: []byte{prefixIndex[0] + 1}})
	if err != nil {
		return err
	}
	for it.First(); it.Valid(); it.Next() {
		k := it.Key()
		if len(k) != 17 {
			_ = it.Close()
			return fmt.Errorf("%w: index key %x", ErrCorrupt, k)
		}
		jr := jobRound{binary.BigEndian.Uint64(k[1:9]), binary.BigEndian.Uint32(k[9:13])}
		if ck := binary.BigEndian.Uint32(k[13:17]); ck > s.jobs[jr] {
			s.jobs[jr] = ck
		}
		if jr.round > s.rounds[jr.job] {
			s.rounds[jr.job] = jr.round
		}
	}
	if err := it.Close(); err != nil {
		return err
	}
	// Pending entries.
	for seq := s.cursor; seq < s.nextSeq; seq++ {
		r, err := s.read(seq)
		if err != nil {
			return err
		}
		s.pending = append(s.pending, r)
	}
	return nil
}

func (s *Store) read(seq uint64) (Record, error) {
	v, closer, err := s.db.Get(entryKey(seq))
	if errors.Is(err, pebble.ErrNotFound) {
		return Record{}, fmt.Errorf("%w: entry %d is missing", ErrCorrupt, seq)
	}
	if err != nil {
		return Record{}, err
	}
	defer closer.Close()
	return decodeRecord(seq, v)
}

// Close stops the writer and closes the database. Pending appends fail with ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.quit)
	<-s.done
	return s.db.Close()
}

// Append validates and durably appends a signed commitment of the job's
// assignment round c.Round: the checkpoint must be that round's last
// acknowledged one + 1 (the first is 1). Rounds are independent: entries are
// keyed by (job, round, checkpoint), so an entry of one round never conflicts
// with, duplicates or replaces one of another. An identical entry already
// acknowledged in the round is answered with its original ack (Duplicate); a
// different one for an existing checkpoint fails with ErrConflict. The
// signature is stored as given; the caller has checked it.
func (s *Store) Append(c inbox.Commitment, sig []byte, at time.Time) (Ack, error) {
	if len(sig) != inbox.SignatureSize {
		return Ack{}, fmt.Errorf("%w: signature is %d bytes, want %d", ErrBadInput, len(sig), inbox.SignatureSize)
	}
	if c.Checkpoint == 0 {
		return Ack{}, fmt.Errorf("%w: checkpoint 0 is the job's initial state, not a commitment", ErrBadInput)
	}
	if c.Round == 0 {
		return Ack{}, fmt.Errorf("%w: round 0 is no assignment (the first is 1)", ErrBadInput)
	}
	s.mu.RLock()
	closed, failed := s.closed, s.failed
	s.mu.RUnlock()
	if closed {
		return Ack{}, ErrClosed
	}
	if failed != nil {
		return Ack{}, failed
	}
	req := &appendReq{c: c, sig: append([]byte(nil), sig...), at: at, reply: make(chan appendResp, 1)}
	select {
	case s.reqs <- req:
	case <-s.quit:
		return Ack{}, ErrClosed
	}
	select {
	case r := <-req.reply:
		return r.ack, r.err
	case <-s.done:
		// The writer answers every request it took before it exits.
		select {
		case r := <-req.reply:
			return r.ack, r.err
		default:
			return Ack{}, ErrClosed
		}
	}
}

// writer serializes appends and commits them in groups with one sync.
func (s *Store) writer() {
	defer close(s.done)
	group := make([]*appendReq, 0, maxGroupSize)
	for {
		group = group[:0]
		select {
		case r := <-s.reqs:
			group = append(group, r)
		case <-s.quit:
			s.drain()
			return
		}
	fill:
		for len(group) < maxGroupSize {
			select {
			case r := <-s.reqs:
				group = append(group, r)
			default:
				break fill
			}
		}
		s.commitGroup(group)
	}
}

func (s *Store) drain() {
	for {
		select {
		case r := <-s.reqs:
			r.reply <- appendResp{err: ErrClosed}
		default:
			return
		}
	}
}

type stagedKey struct {
	jr jobRound
	ck uint32
}

func (s *Store) commitGroup(group []*appendReq) {
	s.mu.RLock()
	seq, failed := s.nextSeq, s.failed
	s.mu.RUnlock()
	if failed != nil {
		for _, r := range group {
			r.reply <- appendResp{err: failed}
		}
		return
	}
	batch := s.db.NewBatch()
	defer batch.Close()
	lastOf := map[jobRound]uint32{}
	staged := map[stagedKey]*Record{}
	var added []Record
	resps := make([]appendResp, len(group))
	for i, r := range group {
		c, jr := r.c, jobRound{r.c.JobID, r.c.Round}
		last, ok := lastOf[jr]
		if !ok {
			s.mu.RLock()
			last = s.jobs[jr]
			s.mu.RUnlock()
		}
		if c.Checkpoint <= last {
			resps[i] = s.duplicate(c, r.sig, staged)
			continue
		}
		if c.Checkpoint != last+1 {
			resps[i] = appendResp{err: &OutOfOrderError{JobID: c.JobID, Round: c.Round, Checkpoint: c.Checkpoint, Last: last}}
			continue
		}
		rec := Record{Seq: seq, Commitment: c, Signature: r.sig, ArrivedAt: r.at}
		if err := batch.Set(entryKey(seq), encodeRecord(&rec), nil); err != nil {
			resps[i] = appendResp{err: err}
			continue
		}
		if err := batch.Set(indexKey(c.JobID, c.Round, c.Checkpoint), u64(seq), nil); err != nil {
			resps[i] = appendResp{err: err}
			continue
		}
		lastOf[jr] = c.Checkpoint
		added = append(added, rec)
		staged[stagedKey{jr, c.Checkpoint}] = &added[len(added)-1]
		resps[i] = appendResp{ack: Ack{Seq: seq, Leaf: c.Leaf()}}
		seq++
	}
	if len(added) > 0 {
		if err := batch.Commit(s.sync); err != nil {
			ferr := fmt.Errorf("%w: %v", ErrFailed, err)
			s.mu.Lock()
			s.failed = ferr
			s.mu.Unlock()
			for i := range resps {
				if resps[i].err == nil && !resps[i].ack.Duplicate {
					resps[i] = appendResp{err: ferr}
				}
			}
		} else {
			s.mu.Lock()
			s.nextSeq = seq
			s.pending = append(s.pending, added...)
			for jr, ck := range lastOf {
				s.jobs[jr] = ck
				if jr.round > s.rounds[jr.job] {
					s.rounds[jr.job] = jr.round
				}
			}
			s.mu.Unlock()
		}
	}
	for i, r := range group {
		r.reply <- resps[i]
	}
}

// duplicate answers a submission for an already acknowledged (or, in the
// same group, staged) checkpoint.
func (s *Store) duplicate(c inbox.Commitment, sig []byte, staged map[stagedKey]*Record) appendResp {
	var prev Record
	if p, ok := staged[stagedKey{jobRound{c.JobID, c.Round}, c.Checkpoint}]; ok {
		prev = *p
	} else {
		r, err := s.LookupRound(c.JobID, c.Round, c.Checkpoint)
		if err != nil {
			return appendResp{err: err}
		}
		prev = r
	}
	if prev.Commitment != c || !bytes.Equal(prev.Signature, sig) {
		return appendResp{err: fmt.Errorf("%w: job %d round %d checkpoint %d has leaf %s (seq %d)", ErrConflict, c.JobID, c.Round, c.Checkpoint, prev.Commitment.Leaf().Hex(), prev.Seq)}
	}
	return appendResp{ack: Ack{Seq: prev.Seq, Leaf: c.Leaf(), Duplicate: true}}
}

// LookupRound returns the entry of (job, checkpoint) acknowledged in round.
func (s *Store) LookupRound(job uint64, round, ck uint32) (Record, error) {
	v, closer, err := s.db.Get(indexKey(job, round, ck))
	if errors.Is(err, pebble.ErrNotFound) {
		return Record{}, fmt.Errorf("%w: job %d round %d checkpoint %d", ErrNotFound, job, round, ck)
	}
	if err != nil {
		return Record{}, err
	}
	if len(v) != 8 {
		closer.Close()
		return Record{}, fmt.Errorf("%w: index of job %d round %d checkpoint %d", ErrCorrupt, job, round, ck)
	}
	seq := binary.BigEndian.Uint64(v)
	closer.Close()
	r, err := s.read(seq)
	if err != nil {
		return Record{}, err
	}
	if r.Commitment.JobID != job || r.Commitment.Round != round || r.Commitment.Checkpoint != ck {
		return Record{}, fmt.Errorf("%w: index of job %d round %d checkpoint %d points at entry %d (%s)", ErrCorrupt, job, round, ck, seq, r.Commitment)
	}
	return r, nil
}

// Lookup returns the entry of (job, checkpoint) of the latest round that has one.
func (s *Store) Lookup(job uint64, ck uint32) (Record, error) {
	s.mu.RLock()
	top := s.rounds[job]
	s.mu.RUnlock()
	for r := int64(top); r >= 0; r-- {
		rec, err := s.LookupRound(job, uint32(r), ck)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		return rec, err
	}
	return Record{}, fmt.Errorf("%w: job %d checkpoint %d", ErrNotFound, job, ck)
}

// Entry returns the entry with sequence number seq.
func (s *Store) Entry(seq uint64) (Record, error) {
	s.mu.RLock()
	n := s.nextSeq
	s.mu.RUnlock()
	if seq >= n {
		return Record{}, fmt.Errorf("%w: entry %d", ErrNotFound, seq)
	}
	return s.read(seq)
}

// LastCheckpoint is the last checkpoint acknowledged in the job's round (0 if none).
func (s *Store) LastCheckpoint(job uint64, round uint32) uint32 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.jobs[jobRound{job, round}]
}

// Pending is the number of acknowledged entries in no batch, and the arrival
// time of the oldest.
func (s *Store) Pending() (int, time.Time) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.pending) == 0 {
		return 0, time.Time{}
	}
	return len(s.pending), s.pending[0].ArrivedAt
}

// CreateIntent records a batch intent of the oldest pending entries (at most
// max), with its root and the current chain head, durably, and returns it.
func (s *Store) CreateIntent(max int, fromBlock uint64, now time.Time) (Batch, error) {
	if max <= 0 {
		return Batch{}, fmt.Errorf("%w: batch size %d", ErrBadInput, max)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Batch{}, ErrClosed
	}
	if s.failed != nil {
		return Batch{}, s.failed
	}
	if len(s.pending) == 0 {
		return Batch{}, ErrNothingPending
	}
	n := min(max, len(s.pending))
	cs := make([]inbox.Commitment, n)
	for i := range cs {
		cs[i] = s.pending[i].Commitment
	}
	tree, err := inbox.TreeOf(cs)
	if err != nil {
		return Batch{}, err
	}
	b := Batch{ID: uint64(len(s.batches)), First: s.cursor, Count: uint32(n), Root: tree.Root(), FromBlock: fromBlock, CreatedAt: now}
	wb := s.db.NewBatch()
	defer wb.Close()
	if err := wb.Set(batchKey(b.ID), encodeBatch(&b), nil); err != nil {
		return Batch{}, err
	}
	if err := wb.Set(keyCursor, u64(s.cursor+uint64(n)), nil); err != nil {
		return Batch{}, err
	}
	if err := wb.Commit(s.sync); err != nil {
		s.failed = fmt.Errorf("%w: %v", ErrFailed, err)
		return Batch{}, s.failed
	}
	s.batches = append(s.batches, b)
	s.cursor += uint64(n)
	s.pending = append([]Record(nil), s.pending[n:]...)
	return b, nil
}

// MarkPosted records that batch id was posted as inbox batch chainIndex by
// transaction tx in block. Marking it again with the same data is a no-op.
func (s *Store) MarkPosted(id, chainIndex uint64, tx common.Hash, block uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.failed != nil {
		return s.failed
	}
	if id >= uint64(len(s.batches)) {
		return fmt.Errorf("%w: batch %d", ErrNotFound, id)
	}
	b := s.batches[id]
	if b.Posted {
		if b.ChainIndex == chainIndex && b.TxHash == tx && b.Block == block {
			return nil
		}
		return fmt.Errorf("%w: batch %d is inbox batch %d (tx %s)", ErrAlreadyPosted, id, b.ChainIndex, b.TxHash.Hex())
	}
	b.Posted, b.ChainIndex, b.TxHash, b.Block = true, chainIndex, tx, block
	if err := s.db.Set(batchKey(id), encodeBatch(&b), s.sync); err != nil {
		s.failed = fmt.Errorf("%w: %v", ErrFailed, err)
		return s.failed
	}
	s.batches[id] = b
	return nil
}

// Intents returns the batches recorded but not yet marked posted, oldest first.
func (s *Store) Intents() []Batch {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Batch
	for _, b := range s.batches {
		if !b.Posted {
			out = append(out, b)
		}
	}
	return out
}

// Batches returns a copy of every batch.
func (s *Store) Batches() []Batch {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Batch(nil), s.batches...)
}

// BatchOf returns the batch that holds seq, if any.
func (s *Store) BatchOf(seq uint64) (Batch, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i := sort.Search(len(s.batches), func(i int) bool { return s.batches[i].First+uint64(s.batches[i].Count) > seq })
	if i < len(s.batches) && s.batches[i].Contains(seq) {
		return s.batches[i], true
	}
	return Batch{}, false
}

// BatchEntries returns the entries of batch b, in order.
func (s *Store) BatchEntries(b Batch) ([]Record, error) {
	out := make([]Record, 0, b.Count)
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: entryKey(b.First), UpperBound: entryKey(b.First + uint64(b.Count))})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.First(); it.Valid(); it.Next() {
		seq := binary.BigEndian.Uint64(it.Key()[1:])
		r, err := decodeRecord(seq, it.Value())
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) != int(b.Count) {
		return nil, fmt.Errorf("%w: batch %d has %d of its %d entries", ErrCorrupt, b.ID, len(out), b.Count)
	}
	return out, nil
}

// Stats summarizes the log.
type Stats struct {
	Entries       uint64 // acknowledged entries
	Pending       int    // in no batch yet
	Batches       int
	PostedBatches int
	PostedEntries uint64
	Jobs          int
}

// Stats returns a snapshot.
func (s *Store) Stats() Stats {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := Stats{Entries: s.nextSeq, Pending: len(s.pending), Batches: len(s.batches), Jobs: len(s.rounds)}
	for _, b := range s.batches {
		if b.Posted {
			st.PostedBatches++
			st.PostedEntries += uint64(b.Count)
		}
	}
	return st
}
