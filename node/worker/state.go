package worker

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/internal/datadir"
)

// JobRecord is what the worker remembers of one job, in Pebble under
// "job/<id>". Every change is written with pebble.Sync before the worker
// acts on it, so a restart (even after SIGKILL) picks up where it stopped.
type JobRecord struct {
	ID uint64 `json:"id"`
	// Skipped says why the worker will not bid on the job ("" if it may).
	Skipped string `json:"skipped,omitempty"`
	// Bid is the last price bid, in wei (decimal), "" if none.
	Bid string `json:"bid,omitempty"`
	// Round is the assignment round the checkpoints below belong to.
	Round uint32 `json:"round,omitempty"`
	// Roots are the state roots of checkpoints 1..len(Roots), each written
	// after its checkpoint file.
	Roots []common.Hash `json:"roots,omitempty"`
	// SentAt is when checkpoint k's commitment was first sent to the
	// sequencer (unix seconds; 0: not yet).
	SentAt []int64 `json:"sentAt,omitempty"`
	// Included says checkpoint k's commitment is on chain (posted in a batch
	// by the sequencer, or force-included).
	Included []bool `json:"included,omitempty"`
	// Published says checkpoint k's file is in the blob store and indexed.
	Published []bool `json:"published,omitempty"`
	// ResultRoots are the K checkpoint roots the result's checkpoints root
	// covers (written before submitResult is sent): the worker's own roots,
	// or what an injected fault submits instead. The defence answers
	// Checkpoints queries from them.
	ResultRoots []common.Hash `json:"resultRoots,omitempty"`
	// ResultTx is the submitResult transaction, once confirmed.
	ResultTx *common.Hash `json:"resultTx,omitempty"`
	// Paid is set once the job is finalized and the balance withdrawn.
	Paid bool `json:"paid,omitempty"`
}

// grow makes the per-checkpoint slices n long.
func (r *JobRecord) grow(n int) {
	for len(r.SentAt) < n {
		r.SentAt = append(r.SentAt, 0)
	}
	for len(r.Included) < n {
		r.Included = append(r.Included, false)
	}
	for len(r.Published) < n {
		r.Published = append(r.Published, false)
	}
}

// resetRound starts a new assignment round: the commitments are signed
// and sent again for the new round (the inbox accepts only the job's
// current round) and a new result is submitted; the checkpoints, being a
// function of the spec alone, stay.
func (r *JobRecord) resetRound(round uint32) {
	r.Round = round
	r.SentAt, r.Included = nil, nil
	r.ResultRoots, r.ResultTx = nil, nil
	r.grow(len(r.Roots))
}

// State is the worker's Pebble database.
type State struct {
	db *pebble.DB
}

// OpenState opens (creating) the database in dir.
func OpenState(dir string) (*State, error) {
	db, err := datadir.OpenPebble(dir, &pebble.Options{Logger: quietLogger{}})
	if errors.Is(err, datadir.ErrInUse) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("open worker state %s: %w", dir, err)
	}
	return &State{db: db}, nil
}

// jobKey is "job/" and the id zero-padded to 20 digits, so that keys sort
// by id.
func jobKey(id uint64) []byte { return fmt.Appendf(nil, "job/%020d", id) }

var scanKey = []byte("scan/next")

// Job returns the record of a job (a fresh one if there is none).
func (s *State) Job(id uint64) (*JobRecord, error) {
	v, closer, err := s.db.Get(jobKey(id))
	if errors.Is(err, pebble.ErrNotFound) {
		return &JobRecord{ID: id}, nil
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var r JobRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return nil, fmt.Errorf("job %d record: %w", id, err)
	}
	return &r, nil
}

// Has reports whether a record of the job exists.
func (s *State) Has(id uint64) (bool, error) {
	_, closer, err := s.db.Get(jobKey(id))
	if errors.Is(err, pebble.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	closer.Close()
	return true, nil
}

// PutJob writes a record durably.
func (s *State) PutJob(r *JobRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.db.Set(jobKey(r.ID), b, pebble.Sync)
}

// Jobs returns every record.
func (s *State) Jobs() ([]*JobRecord, error) {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: []byte("job/"), UpperBound: []byte("job0")})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []*JobRecord
	for it.First(); it.Valid(); it.Next() {
		var r JobRecord
		if err := json.Unmarshal(it.Value(), &r); err != nil {
			return nil, fmt.Errorf("record %s: %w", it.Key(), err)
		}
		out = append(out, &r)
	}
	return out, it.Error()
}

// NextScan is the first job id not yet looked at (1 when none).
func (s *State) NextScan() (uint64, error) {
	v, closer, err := s.db.Get(scanKey)
	if errors.Is(err, pebble.ErrNotFound) {
		return 1, nil
	}
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	return strconv.ParseUint(string(v), 10, 64)
}

// SetNextScan records the first job id not yet looked at.
func (s *State) SetNextScan(id uint64) error {
	return s.db.Set(scanKey, []byte(strconv.FormatUint(id, 10)), pebble.Sync)
}

// quietLogger drops Pebble's informational messages (they would interleave
// with the service's structured log); fatal ones still stop the process.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}
func (quietLogger) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: "+format+"\n", args...)
}
func (quietLogger) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: "+format+"\n", args...)
	os.Exit(1)
}

// Game statuses of a GameRecord.
const (
	GameOpen          = "open"
	GameWon           = "won"  // the worker won; its winnings are withdrawn once Withdrawn
	GameLost          = "lost" // the challenger won: the worker was slashed and the job reopened
	GameMoot          = "moot" // the job's round moved on; the bond went back to the challenger
	gamePrefix        = "game/"
	gameUpperBound    = "game0"
	gameScanBlockKey  = "scan/gameBlock"
	gameScanNextIDKey = "scan/gameNext"
)

// GameRecord is what the worker remembers of one dispute game against it, in
// Pebble under "game/<id>" (written with pebble.Sync).
type GameRecord struct {
	ID         uint64 `json:"id"`
	JobID      uint64 `json:"jobId"`
	Round      uint32 `json:"round"`
	Checkpoint uint32 `json:"checkpoint"`
	// Status is GameOpen until the game is resolved.
	Status string `json:"status"`
	// Moves counts the worker's moves sent (confirmed).
	Moves int `json:"moves,omitempty"`
	// Withdrawn is set once a won game's bond is withdrawn from
	// VerdeArbitration (or there was nothing left to withdraw).
	Withdrawn bool `json:"withdrawn,omitempty"`
}

// Done reports whether the worker has nothing left to do in the game.
func (g *GameRecord) Done() bool {
	return g.Status == GameLost || g.Status == GameMoot || (g.Status == GameWon && g.Withdrawn)
}

func gameKey(id uint64) []byte { return fmt.Appendf(nil, gamePrefix+"%020d", id) }

// Game returns the record of a game, nil if there is none.
func (s *State) Game(id uint64) (*GameRecord, error) {
	v, closer, err := s.db.Get(gameKey(id))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var g GameRecord
	if err := json.Unmarshal(v, &g); err != nil {
		return nil, fmt.Errorf("game %d record: %w", id, err)
	}
	return &g, nil
}

// PutGame writes a game record durably.
func (s *State) PutGame(g *GameRecord) error {
	b, err := json.Marshal(g)
	if err != nil {
		return err
	}
	return s.db.Set(gameKey(g.ID), b, pebble.Sync)
}

// Games returns every game record, by id.
func (s *State) Games() ([]*GameRecord, error) {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: []byte(gamePrefix), UpperBound: []byte(gameUpperBound)})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []*GameRecord
	for it.First(); it.Valid(); it.Next() {
		var g GameRecord
		if err := json.Unmarshal(it.Value(), &g); err != nil {
			return nil, fmt.Errorf("record %s: %w", it.Key(), err)
		}
		out = append(out, &g)
	}
	return out, it.Error()
}

func (s *State) getUint(key string, def uint64) (uint64, error) {
	v, closer, err := s.db.Get([]byte(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return def, nil
	}
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	return strconv.ParseUint(string(v), 10, 64)
}

func (s *State) setUint(key string, v uint64) error {
	return s.db.Set([]byte(key), []byte(strconv.FormatUint(v, 10)), pebble.Sync)
}

// GameScanBlock is the first block whose GameStarted events are not yet
// looked at, and whether one was recorded.
func (s *State) GameScanBlock() (uint64, bool, error) {
	ok, err := s.hasKey(gameScanBlockKey)
	if err != nil || !ok {
		return 0, false, err
	}
	v, err := s.getUint(gameScanBlockKey, 0)
	return v, true, err
}

// SetGameScanBlock records the first block not yet looked at.
func (s *State) SetGameScanBlock(b uint64) error { return s.setUint(gameScanBlockKey, b) }

// NextGameScan is the first game id not yet looked at with getGame (0 when
// none).
func (s *State) NextGameScan() (uint64, error) { return s.getUint(gameScanNextIDKey, 0) }

// SetNextGameScan records the first game id not yet looked at.
func (s *State) SetNextGameScan(id uint64) error { return s.setUint(gameScanNextIDKey, id) }

func (s *State) hasKey(key string) (bool, error) {
	_, closer, err := s.db.Get([]byte(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	closer.Close()
	return true, nil
}

// Close closes the database.
func (s *State) Close() error { return s.db.Close() }
