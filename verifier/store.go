package verifier

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strconv"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/internal/datadir"
)

// AuditRecord is what the verifier remembers of its audit of one
// assignment round of a job, in Pebble under "audit/<job>/<round>".
type AuditRecord struct {
	Job   uint64 `json:"job"`
	Round uint32 `json:"round"`
	// Skipped says why the job is not audited ("" if it is).
	Skipped string `json:"skipped,omitempty"`
	// Checked lists the checkpoints replayed, Mismatched those whose
	// replayed root is not the worker's.
	Checked    []uint32 `json:"checked,omitempty"`
	Mismatched []uint32 `json:"mismatched,omitempty"`
	// Intent is the challenge being sent (written before its transaction
	// goes out, cleared once its game is recorded or once the chain shows it
	// was never opened): a restart settles it from the chain before anything
	// is challenged again; nil: none.
	Intent *ChallengeIntent `json:"intent,omitempty"`
	// Challenged lists the checkpoints challenged.
	Challenged []uint32 `json:"challenged,omitempty"`
	// Replayed is the verifier's own state roots of checkpoints 1..K from a
	// replay of the whole job, made when the worker's roots were not known.
	Replayed []common.Hash `json:"replayed,omitempty"`
	// ResultChallenged is set once a game was opened on the result's
	// checkpoints list (challengeResult).
	ResultChallenged bool `json:"resultChallenged,omitempty"`
	// Games lists the games opened.
	Games []uint64 `json:"games,omitempty"`
	// Done is set when nothing more is audited in this round (the result's
	// checkpoints all audited, or the challenge window closed).
	Done bool `json:"done,omitempty"`
}

// ChallengeIntent is a challenge about to be sent, recorded durably first.
type ChallengeIntent struct {
	// Checkpoint is the checkpoint challenged (0 with Result).
	Checkpoint uint32 `json:"checkpoint"`
	// Result: a game on the result's checkpoints list (challengeResult).
	Result bool `json:"result,omitempty"`
	// FromBlock is the head when the intent was recorded: the game, if its
	// transaction was mined, started after it.
	FromBlock uint64 `json:"fromBlock"`
}

func (r *AuditRecord) checked(k uint32) bool    { return contains(r.Checked, k) }
func (r *AuditRecord) challenged(k uint32) bool { return contains(r.Challenged, k) }

// markGame records a game of the round: its checkpoint challenged (or the
// result), its id.
func (r *AuditRecord) markGame(g *GameRecord) {
	if g.Result {
		r.ResultChallenged = true
	} else if !r.challenged(g.Checkpoint) {
		r.Challenged = append(r.Challenged, g.Checkpoint)
	}
	for _, id := range r.Games {
		if id == g.ID {
			return
		}
	}
	r.Games = append(r.Games, g.ID)
}

func contains(xs []uint32, k uint32) bool {
	for _, x := range xs {
		if x == k {
			return true
		}
	}
	return false
}

// Game statuses and outcomes.
const (
	GameOpen     = "open"     // being played
	GameResolved = "resolved" // over on chain; bond or reward not yet collected
	GameDone     = "done"     // over, collected

	OutcomeWon    = "won"    // the worker lost: bond back and a reward share
	OutcomeLost   = "lost"   // the worker won: the bond went to it
	OutcomeMoot   = "moot"   // the round ended without a lost game (the worker timed out): bond back
	OutcomeShared = "shared" // the worker lost another game of the round while this one was live: bond back and a share
)

// GameRecord is one game where the verifier is the challenger, in Pebble
// under "game/<id>".
type GameRecord struct {
	ID         uint64 `json:"id"`
	Job        uint64 `json:"job"`
	Round      uint32 `json:"round"`
	Checkpoint uint32 `json:"checkpoint"`
	// PrevRoot is the state root of checkpoint k-1 (the job's initial state
	// root for k = 1): the start of the replayed interval.
	PrevRoot common.Hash `json:"prevRoot"`
	// Strategy is "honest" or "random"; Seed the challenger's seed.
	Strategy string `json:"strategy"`
	Seed     int64  `json:"seed"`
	// Moves counts the moves this verifier sent in the game.
	Moves int `json:"moves"`
	// Result: the game was opened with challengeResult on the result's
	// checkpoints list; Checkpoint and PrevRoot are zero until the
	// verifier's pickCheckpoint is on chain.
	Result bool `json:"result,omitempty"`
	// Status is GameOpen, GameResolved or GameDone; Outcome "won", "lost",
	// "moot" or "shared" once resolved.
	Status  string `json:"status"`
	Outcome string `json:"outcome,omitempty"`
	// Bond is the wei sent with the challenge (the game's bond); Share the
	// slash reward share credited to the verifier by the game (won or
	// shared).
	Bond  *big.Int `json:"bond,omitempty"`
	Share *big.Int `json:"share,omitempty"`
	// FromBlock is the block of the challenge (events are read from it).
	FromBlock uint64      `json:"fromBlock"`
	OpenTx    common.Hash `json:"openTx,omitempty"`
}

// Store is the verifier's Pebble database.
type Store struct {
	db *pebble.DB
}

// OpenStore opens (creating) the database in dir.
func OpenStore(dir string) (*Store, error) {
	db, err := datadir.OpenPebble(dir, &pebble.Options{Logger: quietLogger{}})
	if errors.Is(err, datadir.ErrInUse) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("open verifier state %s: %w", dir, err)
	}
	return &Store{db: db}, nil
}

// Keys: ids zero-padded so that keys sort by id.
func auditKey(job uint64, round uint32) []byte {
	return fmt.Appendf(nil, "audit/%020d/%010d", job, round)
}
func gameKey(id uint64) []byte { return fmt.Appendf(nil, "game/%020d", id) }

var (
	scanKey     = []byte("scan/low")
	gameScanKey = []byte("scan/games")
)

func getJSON[T any](db *pebble.DB, key []byte) (*T, bool, error) {
	v, closer, err := db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer closer.Close()
	var r T
	if err := json.Unmarshal(v, &r); err != nil {
		return nil, false, fmt.Errorf("record %s: %w", key, err)
	}
	return &r, true, nil
}

func (s *Store) putJSON(key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.db.Set(key, b, pebble.Sync)
}

// Audit returns the audit record of a job round (a fresh one if none).
func (s *Store) Audit(job uint64, round uint32) (*AuditRecord, error) {
	r, ok, err := getJSON[AuditRecord](s.db, auditKey(job, round))
	if err != nil {
		return nil, err
	}
	if !ok {
		return &AuditRecord{Job: job, Round: round}, nil
	}
	return r, nil
}

// PutAudit writes an audit record durably.
func (s *Store) PutAudit(r *AuditRecord) error { return s.putJSON(auditKey(r.Job, r.Round), r) }

// Game returns a game record; ok is false when there is none.
func (s *Store) Game(id uint64) (*GameRecord, bool, error) {
	return getJSON[GameRecord](s.db, gameKey(id))
}

// PutGame writes a game record durably.
func (s *Store) PutGame(g *GameRecord) error { return s.putJSON(gameKey(g.ID), g) }

// Games returns every game record, by id.
func (s *Store) Games() ([]*GameRecord, error) {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: []byte("game/"), UpperBound: []byte("game0")})
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

func (s *Store) getUint(key []byte, def uint64) (uint64, error) {
	v, closer, err := s.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return def, nil
	}
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	return strconv.ParseUint(string(v), 10, 64)
}

func (s *Store) setUint(key []byte, v uint64) error {
	return s.db.Set(key, []byte(strconv.FormatUint(v, 10)), pebble.Sync)
}

// ScanLow is the lowest job id that may still need auditing (1 when none):
// every job below it is finalized or cancelled.
func (s *Store) ScanLow() (uint64, error) { return s.getUint(scanKey, 1) }

// SetScanLow records the lowest job id that may still need auditing.
func (s *Store) SetScanLow(id uint64) error { return s.setUint(scanKey, id) }

// GameScan is the first game id not yet looked at for games of this
// verifier's that the store does not know (0 when none).
func (s *Store) GameScan() (uint64, error) { return s.getUint(gameScanKey, 0) }

// SetGameScan records the first game id not yet looked at.
func (s *Store) SetGameScan(id uint64) error { return s.setUint(gameScanKey, id) }

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

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }
