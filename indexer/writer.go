package indexer

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"
)

// ErrReorgTooDeep is returned when a reorg reaches below the blocks whose
// undo records are kept (Config.UndoDepth).
var ErrReorgTooDeep = errors.New("indexer: reorg deeper than the kept undo records")

// blockTx collects one block's writes: typed records loaded on first use,
// encoded at commit, and the previous value of every key written (the
// block's undo record). All of it goes to Pebble in one batch.
type blockTx struct {
	s     *Store
	block blockRecord

	jobs  map[uint64]*Job
	games map[uint64]*Game
	parts map[common.Address]*Participant
	tot   *totals
	raw   map[string][]byte // other writes (nil: delete)
	order []string          // keys of raw in write order
	// orig holds the stored value of every key read from the store in
	// this block (nil: absent), so that its undo entry needs no second read.
	orig map[string][]byte

	// was is the stored status of each job loaded (the by-status index
	// key to move when the status changes).
	was map[uint64]JobStatus

	touchedJobs  []uint64
	touchedGames []uint64
	touchedParts []common.Address
}

func newBlockTx(s *Store, b blockRecord) *blockTx {
	return &blockTx{s: s, block: b, jobs: map[uint64]*Job{}, games: map[uint64]*Game{}, parts: map[common.Address]*Participant{}, was: map[uint64]JobStatus{}, raw: map[string][]byte{}, orig: map[string][]byte{}}
}

// read reads key from the store, remembering its value for the undo record.
func (tx *blockTx) read(key []byte) ([]byte, bool, error) {
	if v, ok := tx.orig[string(key)]; ok {
		return v, v != nil, nil
	}
	v, ok, err := tx.s.getRaw(key)
	if err != nil {
		return nil, false, err
	}
	tx.orig[string(key)] = v
	if ok && v == nil {
		tx.orig[string(key)] = []byte{}
	}
	return v, ok, nil
}

// load reads and decodes the record at key.
func load[T any](tx *blockTx, key []byte) (*T, bool, error) {
	return decodeRecord[T](tx.read(key))
}

// job loads job id; nil when unknown (posted before the start block).
func (tx *blockTx) job(id uint64) (*Job, error) {
	if j, ok := tx.jobs[id]; ok {
		return j, nil
	}
	j, ok, err := load[Job](tx, u64key(prefixJob, id))
	if err != nil || !ok {
		return nil, err
	}
	tx.jobs[id] = j
	tx.was[id] = j.Status
	tx.touchedJobs = append(tx.touchedJobs, id)
	return j, nil
}

func (tx *blockTx) newJob(j *Job) {
	if _, ok := tx.jobs[j.ID]; !ok {
		tx.touchedJobs = append(tx.touchedJobs, j.ID)
	}
	tx.jobs[j.ID] = j
}

func (tx *blockTx) game(id uint64) (*Game, error) {
	if g, ok := tx.games[id]; ok {
		return g, nil
	}
	g, ok, err := load[Game](tx, u64key(prefixGame, id))
	if err != nil || !ok {
		return nil, err
	}
	tx.games[id] = g
	tx.touchedGames = append(tx.touchedGames, id)
	return g, nil
}

func (tx *blockTx) newGame(g *Game) {
	if _, ok := tx.games[g.ID]; !ok {
		tx.touchedGames = append(tx.touchedGames, g.ID)
	}
	tx.games[g.ID] = g
}

// part loads (creating) the participant addr.
func (tx *blockTx) part(a common.Address) (*Participant, error) {
	if p, ok := tx.parts[a]; ok {
		return p, nil
	}
	p, ok, err := load[Participant](tx, addrKey(a))
	if err != nil {
		return nil, err
	}
	if !ok {
		p = &Participant{Address: a}
	}
	p.fill()
	tx.parts[a] = p
	tx.touchedParts = append(tx.touchedParts, a)
	return p, nil
}

func (p *Participant) fill() {
	for _, f := range []**big.Int{&p.Staked, &p.Unbonding, &p.Locked, &p.Slashed, &p.Earnings, &p.Withdrawn} {
		if *f == nil {
			*f = new(big.Int)
		}
	}
}

func (tx *blockTx) totals() (*totals, error) {
	if tx.tot == nil {
		t, ok, err := load[totals](tx, keyTotals)
		if err != nil {
			return nil, err
		}
		if !ok {
			t = newTotals()
		}
		tx.tot = t
	}
	return tx.tot, nil
}

func (tx *blockTx) getRaw(key []byte) ([]byte, bool, error) {
	if v, ok := tx.raw[string(key)]; ok {
		return v, v != nil, nil
	}
	return tx.read(key)
}

func (tx *blockTx) putRaw(key, val []byte) {
	if _, ok := tx.raw[string(key)]; !ok {
		tx.order = append(tx.order, string(key))
	}
	if val == nil {
		val = []byte{}
	}
	tx.raw[string(key)] = val
}

func (tx *blockTx) delRaw(key []byte) {
	if _, ok := tx.raw[string(key)]; !ok {
		tx.order = append(tx.order, string(key))
	}
	tx.raw[string(key)] = nil
}

// commit writes the block's records, its undo record and its block record
// in one batch, and moves the head to the block.
func (tx *blockTx) commit(head Head, sync bool) (Update, error) {
	writes := map[string][]byte{}
	var order []string
	set := func(k []byte, v []byte) {
		if _, ok := writes[string(k)]; !ok {
			order = append(order, string(k))
		}
		writes[string(k)] = v
	}
	for _, id := range tx.touchedJobs {
		j := tx.jobs[id]
		j.JobSummary.Committed = j.committed()
		j.JobSummary.Games = uint32(len(j.Games))
		set(u64key(prefixJob, id), encode(j))
		set(u64key(prefixSum, id), encode(&j.JobSummary))
		if old, ok := tx.was[id]; ok && old != j.Status {
			set(statKey(old, id), nil)
		}
		set(statKey(j.Status, id), encodeStat(&j.JobSummary))
	}
	for _, id := range tx.touchedGames {
		set(u64key(prefixGame, id), encode(tx.games[id]))
	}
	for _, a := range tx.touchedParts {
		set(addrKey(a), encode(tx.parts[a]))
	}
	if tx.tot != nil {
		set(keyTotals, encode(tx.tot))
	}
	for _, k := range tx.order {
		set([]byte(k), tx.raw[k])
	}
	b := tx.s.db.NewBatch()
	defer b.Close()
	undo := undoRecord{Block: tx.block.Number}
	for _, k := range order {
		old, had, err := tx.read([]byte(k))
		if err != nil {
			return Update{}, err
		}
		undo.Entries = append(undo.Entries, undoEntry{Key: []byte(k), Had: had, Old: old})
		if v := writes[k]; v == nil {
			err = b.Delete([]byte(k), nil)
		} else {
			err = b.Set([]byte(k), v, nil)
		}
		if err != nil {
			return Update{}, err
		}
	}
	tx.block.Undo = len(undo.Entries) > 0
	if tx.block.Undo {
		if err := b.Set(u64key(prefixUndo, tx.block.Number), encode(&undo), nil); err != nil {
			return Update{}, err
		}
	}
	if err := b.Set(u64key(prefixBlock, tx.block.Number), encode(&tx.block), nil); err != nil {
		return Update{}, err
	}
	if err := b.Set(keyHead, encode(&head), nil); err != nil {
		return Update{}, err
	}
	opts := pebble.NoSync
	if sync {
		opts = pebble.Sync
	}
	if err := b.Commit(opts); err != nil {
		return Update{}, fmt.Errorf("indexer: write block %d: %w", tx.block.Number, err)
	}
	return Update{Head: head, Jobs: tx.touchedJobs, Games: tx.touchedGames, Participants: tx.touchedParts}, nil
}

// committed is the summary's Committed count.
func (j *Job) committed() uint32 {
	if j.Status == StatusFinalized {
		return j.Params.Checkpoints()
	}
	if len(j.Rounds) == 0 || j.Status == StatusOpen || j.Status == StatusCancelled {
		return 0
	}
	r := &j.Rounds[len(j.Rounds)-1]
	var n uint32
	for _, c := range r.Checkpoints {
		if c.Index != n+1 || (c.Posted == nil && c.Forced == nil) {
			break
		}
		n++
	}
	return n
}

// blocksFrom lists the stored block records from the highest down.
func (s *Store) lastBlocks(fn func(blockRecord) (bool, error)) error {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: prefixBlock, UpperBound: upperBound(prefixBlock)})
	if err != nil {
		return err
	}
	defer it.Close()
	for it.Last(); it.Valid(); it.Prev() {
		var b blockRecord
		if err := decode(it.Value(), &b); err != nil {
			return err
		}
		more, err := fn(b)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// rollback undoes block b (the highest stored) in one batch and moves the
// head to prev (nil: no block left).
func (s *Store) rollback(b blockRecord, prev *blockRecord, startBlock uint64) error {
	batch := s.db.NewBatch()
	defer batch.Close()
	if b.Undo {
		raw, ok, err := s.getRaw(u64key(prefixUndo, b.Number))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: block %d", ErrReorgTooDeep, b.Number)
		}
		var u undoRecord
		if err := decode(raw, &u); err != nil {
			return err
		}
		for i := len(u.Entries) - 1; i >= 0; i-- {
			e := u.Entries[i]
			if e.Had {
				err = batch.Set(e.Key, e.Old, nil)
			} else {
				err = batch.Delete(e.Key, nil)
			}
			if err != nil {
				return err
			}
		}
		if err := batch.Delete(u64key(prefixUndo, b.Number), nil); err != nil {
			return err
		}
	}
	if err := batch.Delete(u64key(prefixBlock, b.Number), nil); err != nil {
		return err
	}
	var err error
	if prev == nil {
		err = batch.Delete(keyHead, nil)
	} else {
		err = batch.Set(keyHead, encode(&Head{Number: prev.Number, Hash: prev.Hash, ParentHash: prev.ParentHash, Time: prev.Time, StartBlock: startBlock}), nil)
	}
	if err != nil {
		return err
	}
	return batch.Commit(pebble.Sync)
}

// pruneUndo drops the undo records of blocks below `below` (kept block
// records say they had one, so a reorg reaching them is ErrReorgTooDeep).
func (s *Store) pruneUndo(below uint64) error {
	return s.db.DeleteRange(prefixUndo, u64key(prefixUndo, below), pebble.NoSync)
}
