package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
)

// commitment is a round-1 commitment of job's checkpoint ck.
func commitment(job uint64, ck uint32) inbox.Commitment {
	return inbox.Commitment{JobID: job, Round: 1, Checkpoint: ck, StateRoot: common.BytesToHash([]byte(fmt.Sprintf("root %d/%d", job, ck))), Worker: common.Address{byte(job)}}
}

func sig(b byte) []byte {
	s := make([]byte, inbox.SignatureSize)
	s[0], s[64] = b, 27
	return s
}

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, Options{})
	require.NoError(t, err)
	return s
}

func TestAppendValidation(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	now := time.Unix(1700000000, 0)

	ack, err := s.Append(commitment(1, 1), sig(1), now)
	require.NoError(t, err)
	require.Equal(t, Ack{Seq: 0, Leaf: commitment(1, 1).Leaf()}, ack)

	// Duplicate identical: same ack, idempotent.
	dup, err := s.Append(commitment(1, 1), sig(1), now.Add(time.Second))
	require.NoError(t, err)
	require.True(t, dup.Duplicate)
	require.Equal(t, uint64(0), dup.Seq)

	// Same checkpoint, different root (or signature): conflict.
	other := commitment(1, 1)
	other.StateRoot[0] ^= 1
	_, err = s.Append(other, sig(1), now)
	require.ErrorIs(t, err, ErrConflict)
	_, err = s.Append(commitment(1, 1), sig(2), now)
	require.ErrorIs(t, err, ErrConflict)

	// Out of order: a gap, and an index before the first.
	_, err = s.Append(commitment(1, 3), sig(1), now)
	require.ErrorIs(t, err, ErrOutOfOrder)
	var ooo *OutOfOrderError
	require.ErrorAs(t, err, &ooo)
	require.Equal(t, uint32(1), ooo.Last)
	_, err = s.Append(commitment(2, 2), sig(1), now)
	require.ErrorIs(t, err, ErrOutOfOrder)

	// Malformed input.
	_, err = s.Append(commitment(1, 0), sig(1), now)
	require.ErrorIs(t, err, ErrBadInput)
	_, err = s.Append(commitment(1, 2), sig(1)[:64], now)
	require.ErrorIs(t, err, ErrBadInput)

	// None of the rejects changed the log.
	require.Equal(t, Stats{Entries: 1, Pending: 1, Jobs: 1}, s.Stats())
	ack, err = s.Append(commitment(1, 2), sig(1), now)
	require.NoError(t, err)
	require.Equal(t, uint64(1), ack.Seq)
	r, err := s.Lookup(1, 2)
	require.NoError(t, err)
	require.Equal(t, commitment(1, 2), r.Commitment)
	require.Equal(t, now.UnixNano(), r.ArrivedAt.UnixNano())
	_, err = s.Lookup(1, 9)
	require.ErrorIs(t, err, ErrNotFound)
}

// TestRounds: a reassigned job starts again at checkpoint 1 in its new round;
// Lookup answers with the latest round's entry; the state survives a reopen.
func TestRounds(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	now := time.Unix(1700000000, 0)
	for ck := uint32(1); ck <= 3; ck++ {
		_, err := s.Append(commitment(1, ck), sig(1), now)
		require.NoError(t, err)
	}
	// Round 2, another worker: checkpoint 1 again, in order from there.
	c1 := commitment(1, 1)
	c1.Round, c1.Worker = 2, common.Address{0xee}
	ack, err := s.Append(c1, sig(2), now)
	require.NoError(t, err)
	require.Equal(t, uint64(3), ack.Seq)
	require.False(t, ack.Duplicate)
	c3 := commitment(1, 3)
	c3.Round, c3.Worker = 2, common.Address{0xee}
	_, err = s.Append(c3, sig(2), now)
	var ooo *OutOfOrderError
	require.ErrorAs(t, err, &ooo)
	require.Equal(t, OutOfOrderError{JobID: 1, Round: 2, Checkpoint: 3, Last: 1}, *ooo)
	require.Equal(t, uint32(3), s.LastCheckpoint(1, 1))
	require.Equal(t, uint32(1), s.LastCheckpoint(1, 2))

	r, err := s.Lookup(1, 1)
	require.NoError(t, err)
	require.Equal(t, c1, r.Commitment)
	r, err = s.Lookup(1, 2) // only in round 1
	require.NoError(t, err)
	require.Equal(t, uint32(1), r.Commitment.Round)
	r, err = s.LookupRound(1, 1, 1)
	require.NoError(t, err)
	require.Equal(t, commitment(1, 1), r.Commitment)
	_, err = s.LookupRound(1, 2, 2)
	require.ErrorIs(t, err, ErrNotFound)
	require.NoError(t, s.Close())

	s = open(t, dir)
	defer s.Close()
	require.Equal(t, uint32(3), s.LastCheckpoint(1, 1))
	require.Equal(t, uint32(1), s.LastCheckpoint(1, 2))
	r, err = s.Lookup(1, 1)
	require.NoError(t, err)
	require.Equal(t, c1, r.Commitment, "the round survives a reopen (it is in the entry)")
	require.Equal(t, 1, s.Stats().Jobs)
}

// TestRoundsNeverCollide: the same claim (same worker, checkpoint and root)
// in rounds 1 and 2 is two entries with two leaves; a round-1 entry appended
// after round 2 began neither conflicts with, duplicates nor replaces the
// round-2 entry, and a conflicting round-1 resubmission leaves round 2 alone.
func TestRoundsNeverCollide(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	now := time.Unix(1700000000, 0)
	r2 := commitment(5, 1)
	r2.Round = 2
	a2, err := s.Append(r2, sig(2), now)
	require.NoError(t, err)
	require.False(t, a2.Duplicate)

	// The identical claim of round 1 arrives late: a new entry, not a duplicate of round 2's.
	a1, err := s.Append(commitment(5, 1), sig(1), now)
	require.NoError(t, err)
	require.False(t, a1.Duplicate)
	require.NotEqual(t, a2.Seq, a1.Seq)
	require.NotEqual(t, a2.Leaf, a1.Leaf)

	// Another root for round 1's checkpoint 1 conflicts with round 1 only.
	bad := commitment(5, 1)
	bad.StateRoot[0] ^= 1
	_, err = s.Append(bad, sig(1), now)
	require.ErrorIs(t, err, ErrConflict)
	require.ErrorContains(t, err, "round 1")

	// Round 2's entry is still the one Lookup answers, before and after a reopen.
	for reopen := 0; reopen < 2; reopen++ {
		got, err := s.Lookup(5, 1)
		require.NoError(t, err)
		require.Equal(t, r2, got.Commitment)
		require.Equal(t, a2.Seq, got.Seq)
		got, err = s.LookupRound(5, 1, 1)
		require.NoError(t, err)
		require.Equal(t, commitment(5, 1), got.Commitment)
		require.Equal(t, a1.Seq, got.Seq)
		require.NoError(t, s.Close())
		s = open(t, dir)
	}
	defer s.Close()

	// Round 0 is no assignment.
	z := commitment(5, 1)
	z.Round = 0
	_, err = s.Append(z, sig(1), now)
	require.ErrorIs(t, err, ErrBadInput)
	require.Equal(t, uint64(2), s.Stats().Entries)
}

func TestBatchesAndReopen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	now := time.Unix(1700000000, 0)
	for ck := uint32(1); ck <= 5; ck++ {
		for job := uint64(1); job <= 3; job++ {
			_, err := s.Append(commitment(job, ck), sig(byte(job)), now)
			require.NoError(t, err)
		}
	}
	n, oldest := s.Pending()
	require.Equal(t, 15, n)
	require.Equal(t, now.UnixNano(), oldest.UnixNano())

	b0, err := s.CreateIntent(10, 100, now)
	require.NoError(t, err)
	require.Equal(t, uint64(0), b0.First)
	require.Equal(t, uint32(10), b0.Count)
	recs, err := s.BatchEntries(b0)
	require.NoError(t, err)
	cs := make([]inbox.Commitment, len(recs))
	for i, r := range recs {
		cs[i] = r.Commitment
		require.Equal(t, uint64(i), r.Seq)
	}
	tr, err := inbox.TreeOf(cs)
	require.NoError(t, err)
	require.Equal(t, tr.Root(), b0.Root)
	require.NoError(t, s.MarkPosted(b0.ID, 7, common.Hash{1}, 101))
	require.NoError(t, s.MarkPosted(b0.ID, 7, common.Hash{1}, 101), "idempotent")
	require.ErrorIs(t, s.MarkPosted(b0.ID, 8, common.Hash{1}, 101), ErrAlreadyPosted)
	require.ErrorIs(t, s.MarkPosted(9, 8, common.Hash{1}, 101), ErrNotFound)

	b1, err := s.CreateIntent(100, 102, now)
	require.NoError(t, err)
	require.Equal(t, uint64(10), b1.First)
	require.Equal(t, uint32(5), b1.Count)
	_, err = s.CreateIntent(100, 102, now)
	require.ErrorIs(t, err, ErrNothingPending)
	got, ok := s.BatchOf(12)
	require.True(t, ok)
	require.Equal(t, b1.ID, got.ID)
	_, ok = s.BatchOf(15)
	require.False(t, ok)
	require.NoError(t, s.Close())
	_, err = s.Append(commitment(1, 6), sig(1), now)
	require.ErrorIs(t, err, ErrClosed)

	// Reopen: the same state, the intent still open.
	s = open(t, dir)
	defer s.Close()
	require.Equal(t, Stats{Entries: 15, Pending: 0, Batches: 2, PostedBatches: 1, PostedEntries: 10, Jobs: 3}, s.Stats())
	intents := s.Intents()
	require.Len(t, intents, 1)
	require.Equal(t, b1, intents[0])
	require.Equal(t, uint32(5), s.LastCheckpoint(2, 1))
	_, err = s.Append(commitment(2, 5), sig(2), now)
	require.NoError(t, err, "duplicate after reopen")
	ack, err := s.Append(commitment(2, 6), sig(2), now)
	require.NoError(t, err)
	require.Equal(t, uint64(15), ack.Seq)
	require.ErrorIs(t, s.MarkPosted(b1.ID, 8, common.Hash{2}, 103), nil)
	require.Empty(t, s.Intents())
}

// TestConcurrentAppends: many writers, grouped commits, every ack unique and
// every job's checkpoints in order.
func TestConcurrentAppends(t *testing.T) {
	s := open(t, t.TempDir())
	defer s.Close()
	const jobs, cks = 16, 50
	var wg sync.WaitGroup
	seqs := make([][]uint64, jobs)
	for j := 0; j < jobs; j++ {
		wg.Add(1)
		go func(j int) {
			defer wg.Done()
			for ck := uint32(1); ck <= cks; ck++ {
				ack, err := s.Append(commitment(uint64(j+1), ck), sig(1), time.Now())
				if err != nil {
					t.Error(err)
					return
				}
				seqs[j] = append(seqs[j], ack.Seq)
			}
		}(j)
	}
	wg.Wait()
	seen := map[uint64]bool{}
	for _, ss := range seqs {
		require.Len(t, ss, cks)
		for i, q := range ss {
			require.False(t, seen[q])
			seen[q] = true
			if i > 0 {
				require.Greater(t, q, ss[i-1])
			}
		}
	}
	require.Equal(t, uint64(jobs*cks), s.Stats().Entries)
}

// TestCorruptRecords: damaged records are reported, never loaded silently.
func TestCorruptRecords(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	_, err := s.Append(commitment(1, 1), sig(1), time.Now())
	require.NoError(t, err)
	require.NoError(t, s.Close())
	db, err := pebble.Open(dir, &pebble.Options{Logger: quietLogger{}})
	require.NoError(t, err)
	require.NoError(t, db.Set(entryKey(0), []byte{1, 2, 3}, pebble.Sync))
	require.NoError(t, db.Close())
	_, err = Open(dir, Options{})
	require.ErrorIs(t, err, ErrCorrupt)

	// An entry record of the round-less format (version 1, 64-byte entry) is named as such.
	db, err = pebble.Open(dir, &pebble.Options{Logger: quietLogger{}})
	require.NoError(t, err)
	old := make([]byte, 1+64+inbox.SignatureSize+8)
	old[0] = 1
	require.NoError(t, db.Set(entryKey(0), old, pebble.Sync))
	require.NoError(t, db.Close())
	_, err = Open(dir, Options{})
	require.ErrorIs(t, err, ErrCorrupt)
	require.ErrorContains(t, err, "new log directory")

	dir = t.TempDir()
	db, err = pebble.Open(dir, &pebble.Options{Logger: quietLogger{}})
	require.NoError(t, err)
	require.NoError(t, db.Set(keyCursor, u64(5), pebble.Sync))
	require.NoError(t, db.Close())
	_, err = Open(dir, Options{})
	require.ErrorIs(t, err, ErrCorrupt)
}

func FuzzDecodeRecords(f *testing.F) {
	r := Record{Commitment: commitment(1, 2), Signature: sig(3), ArrivedAt: time.Unix(5, 6)}
	f.Add(encodeRecord(&r))
	b := Batch{First: 1, Count: 2, Root: common.Hash{3}}
	f.Add(encodeBatch(&b))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := decodeRecord(0, data); err == nil {
			require.Equal(t, data, encodeRecord(&r))
		} else {
			require.ErrorIs(t, err, ErrCorrupt)
		}
		if b, err := decodeBatch(0, data); err == nil {
			require.Equal(t, data, encodeBatch(&b))
		} else {
			require.ErrorIs(t, err, ErrCorrupt)
		}
	})
}

const crashEnv = "GENSYN_STORE_CRASH_CHILD"

// TestCrashChild is the child of TestCrashRecovery: it appends forever from
// several goroutines and prints each ack once Append returned.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashEnv)
	if dir == "" {
		return // only meaningful as the child of TestCrashRecovery
	}
	s, err := Open(dir, Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	var mu sync.Mutex
	out := bufio.NewWriter(os.Stdout)
	var wg sync.WaitGroup
	for j := uint64(1); j <= 8; j++ {
		wg.Add(1)
		go func(job uint64) {
			defer wg.Done()
			for ck := s.LastCheckpoint(job, 1) + 1; ; ck++ {
				ack, err := s.Append(commitment(job, ck), sig(byte(job)), time.Now())
				if err != nil {
					fmt.Println("append:", err)
					os.Exit(2)
				}
				if ck%7 == 0 {
					_, _ = s.CreateIntent(5, 0, time.Now())
				}
				mu.Lock()
				fmt.Fprintf(out, "ack %d %d %d\n", ack.Seq, job, ck)
				out.Flush()
				mu.Unlock()
			}
		}(j)
	}
	wg.Wait()
}

// TestCrashRecovery kills (SIGKILL) a process that is appending, three
// times, and checks after each restart that every entry it acknowledged is
// in the log with the same sequence number, and that the log is consistent.
func TestCrashRecovery(t *testing.T) {
	dir := t.TempDir()
	acked := map[uint64][2]uint64{}
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), crashEnv+"="+dir)
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() && n < 300 {
			f := strings.Fields(sc.Text())
			require.Len(t, f, 4, sc.Text())
			seq, _ := strconv.ParseUint(f[1], 10, 64)
			job, _ := strconv.ParseUint(f[2], 10, 64)
			ck, _ := strconv.ParseUint(f[3], 10, 64)
			acked[seq] = [2]uint64{job, ck}
			n++
		}
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		require.Equal(t, 300, n, "the child acknowledged entries before it was killed")

		s := open(t, dir)
		for seq, jc := range acked {
			r, err := s.Entry(seq)
			require.NoError(t, err, "acknowledged entry %d lost", seq)
			require.Equal(t, commitment(jc[0], uint32(jc[1])), r.Commitment)
			byIdx, err := s.Lookup(jc[0], uint32(jc[1]))
			require.NoError(t, err)
			require.Equal(t, seq, byIdx.Seq)
		}
		// Batches tile the log without overlap; the rest is pending.
		st := s.Stats()
		var covered uint64
		for _, b := range s.Batches() {
			require.Equal(t, covered, b.First)
			covered += uint64(b.Count)
		}
		require.Equal(t, st.Entries, covered+uint64(st.Pending))
		require.NoError(t, s.Close())
	}
	require.GreaterOrEqual(t, len(acked), 900)
}
