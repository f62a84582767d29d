package rpc

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

type fakeJobs struct {
	mu    sync.Mutex
	jobs  map[uint64]Job
	reads int
	err   error
}

func (f *fakeJobs) Job(_ context.Context, id uint64) (Job, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	if f.err != nil {
		return Job{}, f.err
	}
	return f.jobs[id], nil
}

func (f *fakeJobs) set(id uint64, j Job) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.jobs[id] = j
}

type env struct {
	t      *testing.T
	client *gethrpc.Client
	store  *store.Store
	jobs   *fakeJobs
	domain inbox.Domain
	worker *ecdsa.PrivateKey
	other  *ecdsa.PrivateKey
	now    time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	w, _ := crypto.GenerateKey()
	o, _ := crypto.GenerateKey()
	e := &env{t: t, store: st, worker: w, other: o, now: time.Unix(1700000000, 0),
		jobs:   &fakeJobs{jobs: map[uint64]Job{}},
		domain: inbox.NewDomain(31337, common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"))}
	e.jobs.set(1, Job{Status: JobAssigned, Round: 1, Worker: crypto.PubkeyToAddress(w.PublicKey), Steps: 400, Interval: 100})
	api := NewAPI(Config{Domain: e.domain, JobTTL: time.Hour, Now: func() time.Time { return e.now }}, st, e.jobs, nil, log.NewLogger(log.DiscardHandler()))
	srv, err := NewServer(api)
	require.NoError(t, err)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	t.Cleanup(srv.Stop)
	e.client, err = gethrpc.Dial(hs.URL)
	require.NoError(t, err)
	t.Cleanup(e.client.Close)
	return e
}

// commitment is a round-1 commitment by the env's worker.
func (e *env) commitment(job uint64, ck uint32) inbox.Commitment {
	return inbox.Commitment{JobID: job, Round: 1, Checkpoint: ck, StateRoot: crypto.Keccak256Hash([]byte{byte(job), byte(ck)}), Worker: crypto.PubkeyToAddress(e.worker.PublicKey)}
}

func (e *env) sign(c inbox.Commitment, k *ecdsa.PrivateKey) hexutil.Bytes {
	s, err := e.domain.Sign(c, k)
	require.NoError(e.t, err)
	return s
}

func (e *env) submit(c inbox.Commitment, sig hexutil.Bytes) (*SubmitResult, error) {
	var res SubmitResult
	err := e.client.Call(&res, "gensyn_submitCommitment", ArgsOf(c), sig)
	return &res, err
}

func requireCode(t *testing.T, err error, code int, contains string) {
	t.Helper()
	require.Error(t, err)
	var re gethrpc.Error
	require.True(t, errors.As(err, &re), "%T %v", err, err)
	require.Equal(t, code, re.ErrorCode(), err.Error())
	require.Contains(t, err.Error(), contains)
}

func TestSubmitValidation(t *testing.T) {
	e := newEnv(t)
	c1 := e.commitment(1, 1)

	res, err := e.submit(c1, e.sign(c1, e.worker))
	require.NoError(t, err)
	require.Equal(t, SubmitResult{Seq: 0, Leaf: c1.Leaf()}, *res)

	// Duplicate: the same ack.
	res, err = e.submit(c1, e.sign(c1, e.worker))
	require.NoError(t, err)
	require.Equal(t, SubmitResult{Seq: 0, Leaf: c1.Leaf(), Duplicate: true}, *res)

	// A different root for an acknowledged index.
	c1b := c1
	c1b.StateRoot[0] ^= 0xff
	_, err = e.submit(c1b, e.sign(c1b, e.worker))
	requireCode(t, err, CodeConflict, "already acknowledged")

	// Out of order (a gap) and stale (an index before the last, never acknowledged... here: 0).
	c3 := e.commitment(1, 3)
	_, err = e.submit(c3, e.sign(c3, e.worker))
	requireCode(t, err, CodeOutOfOrder, "the next one is 2")
	c0 := e.commitment(1, 0)
	_, err = e.submit(c0, e.sign(c0, e.worker))
	requireCode(t, err, CodeCheckpointRange, "out of range 1..4")
	c5 := e.commitment(1, 5)
	_, err = e.submit(c5, e.sign(c5, e.worker))
	requireCode(t, err, CodeCheckpointRange, "out of range 1..4")

	// Bad signatures: by another key, for another commitment, malformed.
	c2 := e.commitment(1, 2)
	_, err = e.submit(c2, e.sign(c2, e.other))
	requireCode(t, err, CodeInvalidSignature, "not by the commitment's worker")
	_, err = e.submit(c2, e.sign(c1, e.worker))
	requireCode(t, err, CodeInvalidSignature, "invalid signature")
	bad := e.sign(c2, e.worker)
	bad[64] = 0
	_, err = e.submit(c2, bad)
	requireCode(t, err, CodeInvalidSignature, "v is not 27 or 28")
	_, err = e.submit(c2, bad[:64])
	requireCode(t, err, CodeInvalidParams, "65 bytes")

	// Wrong worker: a correctly signed commitment by someone not assigned.
	cw := c2
	cw.Worker = crypto.PubkeyToAddress(e.other.PublicKey)
	_, err = e.submit(cw, e.sign(cw, e.other))
	requireCode(t, err, CodeNotAssigned, "is not the assigned worker")

	// Another round than the job's current assignment: refused with a typed
	// error whose data names both rounds.
	for _, round := range []uint32{0, 2} {
		cr := c2
		cr.Round = round
		_, err = e.submit(cr, e.sign(cr, e.worker))
		requireCode(t, err, CodeWrongRound, "is not the current assignment round 1 of job 1")
		var de gethrpc.DataError
		require.ErrorAs(t, err, &de)
		raw, jerr := json.Marshal(de.ErrorData())
		require.NoError(t, jerr)
		var data WrongRoundData
		require.NoError(t, json.Unmarshal(raw, &data))
		require.Equal(t, WrongRoundData{JobID: 1, Round: round, Current: 1}, data)
	}

	// Unknown job, job not assigned.
	cu := e.commitment(9, 1)
	_, err = e.submit(cu, e.sign(cu, e.worker))
	requireCode(t, err, CodeUnknownJob, "job 9 does not exist")
	e.jobs.set(2, Job{Status: JobOpen, Steps: 10, Interval: 1})
	co := e.commitment(2, 1)
	_, err = e.submit(co, e.sign(co, e.worker))
	requireCode(t, err, CodeNotAssigned, "not assigned (status Open)")

	// Chain unreachable.
	e.jobs.mu.Lock()
	e.jobs.err = errors.New("connection refused")
	e.jobs.mu.Unlock()
	cx := e.commitment(3, 1)
	_, err = e.submit(cx, e.sign(cx, e.worker))
	requireCode(t, err, CodeUnavailable, "connection refused")
	e.jobs.mu.Lock()
	e.jobs.err = nil
	e.jobs.mu.Unlock()

	// Nothing of that changed the log; the next index is accepted.
	require.Equal(t, uint64(1), e.store.Stats().Entries)
	res, err = e.submit(c2, e.sign(c2, e.worker))
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Seq)
}

func TestSubmitMalformed(t *testing.T) {
	e := newEnv(t)
	c := e.commitment(1, 1)
	sig := e.sign(c, e.worker)
	raw := func(params ...any) error {
		var res json.RawMessage
		return e.client.Call(&res, "gensyn_submitCommitment", params...)
	}
	requireCode(t, raw(), CodeInvalidParams, "missing commitment")
	requireCode(t, raw(ArgsOf(c)), CodeInvalidParams, "signature is missing")
	requireCode(t, raw(map[string]any{"jobId": 1, "round": 1, "checkpoint": 1, "worker": c.Worker}, sig), CodeInvalidParams, "commitment.stateRoot is missing")
	requireCode(t, raw(map[string]any{"round": 1, "checkpoint": 1, "stateRoot": c.StateRoot, "worker": c.Worker}, sig), CodeInvalidParams, "commitment.jobId is missing")
	requireCode(t, raw(map[string]any{"jobId": 1, "checkpoint": 1, "stateRoot": c.StateRoot, "worker": c.Worker}, sig), CodeInvalidParams, "commitment.round is missing")
	requireCode(t, raw(map[string]any{"jobId": 1, "round": 1, "checkpoint": 1, "stateRoot": c.StateRoot, "worker": c.Worker, "extra": 1}, sig), CodeInvalidParams, "unknown field")
	requireCode(t, raw(map[string]any{"jobId": -1, "round": 1, "checkpoint": 1, "stateRoot": c.StateRoot, "worker": c.Worker}, sig), CodeInvalidParams, "")
	requireCode(t, raw(map[string]any{"jobId": 1, "round": -1, "checkpoint": 1, "stateRoot": c.StateRoot, "worker": c.Worker}, sig), CodeInvalidParams, "")
	requireCode(t, raw(map[string]any{"jobId": 1, "round": 1, "checkpoint": 1, "stateRoot": "0x12", "worker": c.Worker}, sig), CodeInvalidParams, "")
	requireCode(t, raw(ArgsOf(c), "0xzz"), CodeInvalidParams, "")
	requireCode(t, raw("not an object", sig), CodeInvalidParams, "")
	require.Zero(t, e.store.Stats().Entries)
}

func TestInclusionAndStatus(t *testing.T) {
	e := newEnv(t)
	for ck := uint32(1); ck <= 3; ck++ {
		c := e.commitment(1, ck)
		_, err := e.submit(c, e.sign(c, e.worker))
		require.NoError(t, err)
	}
	var inc Inclusion
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 2))
	require.Equal(t, StatusPending, inc.Status)
	require.Equal(t, uint64(1), inc.Seq)
	require.Nil(t, inc.Proof)

	err := e.client.Call(&inc, "gensyn_getInclusion", 1, 4)
	requireCode(t, err, CodeNotFound, "no acknowledged commitment for job 1 checkpoint 4")
	err = e.client.Call(&inc, "gensyn_getInclusion", 1)
	requireCode(t, err, CodeInvalidParams, "usage")

	b, err := e.store.CreateIntent(10, 5, e.now)
	require.NoError(t, err)
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 2))
	require.Equal(t, StatusPending, inc.Status, "an intent is not yet posted")
	require.NoError(t, e.store.MarkPosted(b.ID, 4, common.Hash{0xaa}, 6))

	for ck := uint32(1); ck <= 3; ck++ {
		var inc Inclusion
		require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, ck))
		require.Equal(t, StatusPosted, inc.Status)
		require.Equal(t, uint64(4), *inc.BatchIndex)
		require.Equal(t, uint64(ck-1), *inc.LeafIndex)
		require.Equal(t, uint64(3), *inc.BatchSize)
		require.Equal(t, b.Root, *inc.Root)
		require.Equal(t, common.Hash{0xaa}, *inc.TxHash)
		require.Equal(t, uint64(6), *inc.BlockNumber)
		require.True(t, inbox.Verify(inc.Leaf, *inc.LeafIndex, *inc.BatchSize, inc.Proof, *inc.Root))
		signer, err := e.domain.Recover(inc.Commitment, inc.Signature)
		require.NoError(t, err)
		require.Equal(t, inc.Commitment.Worker, signer)
	}

	c := e.commitment(1, 4)
	_, err = e.submit(c, e.sign(c, e.worker))
	require.NoError(t, err)
	e.now = e.now.Add(1500 * time.Millisecond)
	var st Status
	require.NoError(t, e.client.Call(&st, "gensyn_status"))
	require.Equal(t, uint64(31337), st.ChainID)
	require.Equal(t, uint64(4), st.Entries)
	require.Equal(t, 1, st.Pending)
	require.Equal(t, "1.5s", st.OldestPendingAge)
	require.Equal(t, 1, st.PostedBatches)
	require.Equal(t, uint64(3), st.PostedEntries)
	require.Equal(t, uint64(4), st.LastBatch.BatchIndex)
}

// TestJobCache: within the TTL a job is read once; a failed check forces a
// fresh read (a reassignment is seen at once), at most every minRefresh.
func TestJobCache(t *testing.T) {
	e := newEnv(t)
	for ck := uint32(1); ck <= 3; ck++ {
		c := e.commitment(1, ck)
		_, err := e.submit(c, e.sign(c, e.worker))
		require.NoError(t, err)
	}
	require.Equal(t, 1, e.jobs.reads)
	// Reassigned to other (round 2): other's submission is refused from the
	// stale cache (within minRefresh), then accepted after a fresh read, from
	// checkpoint 1 again.
	e.jobs.set(1, Job{Status: JobAssigned, Round: 2, Worker: crypto.PubkeyToAddress(e.other.PublicKey), Steps: 400, Interval: 100})
	c := e.commitment(1, 1)
	c.Round, c.Worker = 2, crypto.PubkeyToAddress(e.other.PublicKey)
	_, err := e.submit(c, e.sign(c, e.other))
	requireCode(t, err, CodeNotAssigned, "")
	e.now = e.now.Add(minRefresh)
	res, err := e.submit(c, e.sign(c, e.other))
	require.NoError(t, err)
	require.False(t, res.Duplicate)
	require.Equal(t, 2, e.jobs.reads)
	c2 := c
	c2.Checkpoint = 3
	_, err = e.submit(c2, e.sign(c2, e.other))
	requireCode(t, err, CodeOutOfOrder, "the next one is 2")

	// The old worker's round-1 commitments are refused now: it is not the
	// assigned worker any more.
	old := e.commitment(1, 4)
	_, err = e.submit(old, e.sign(old, e.worker))
	requireCode(t, err, CodeNotAssigned, "")

	// getInclusion answers with the latest round's entry; the old worker's
	// checkpoint 2 (round 1 only) is still served; with a round, exactly
	// that round's.
	var inc Inclusion
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 1))
	require.Equal(t, uint32(2), inc.Round)
	require.Equal(t, c, inc.Commitment)
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 2))
	require.Equal(t, uint32(1), inc.Round)
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 1, 1))
	require.Equal(t, uint32(1), inc.Round)
	require.Equal(t, e.commitment(1, 1), inc.Commitment)
	err = e.client.Call(&inc, "gensyn_getInclusion", 1, 2, 2)
	requireCode(t, err, CodeNotFound, "job 1 round 2 checkpoint 2")
}

// TestRoundStaysApart: the same key assigned again in round 2 (the market
// bars a worker that lost the job, but nothing here relies on it): its
// round-2 commitment of checkpoint 1 with the same root is a new entry with
// its own leaf, the round-1 one is refused from then on, and neither
// replaces the other.
func TestRoundStaysApart(t *testing.T) {
	e := newEnv(t)
	c1 := e.commitment(1, 1)
	r1, err := e.submit(c1, e.sign(c1, e.worker))
	require.NoError(t, err)

	e.jobs.set(1, Job{Status: JobAssigned, Round: 2, Worker: crypto.PubkeyToAddress(e.worker.PublicKey), Steps: 400, Interval: 100})
	c2 := c1
	c2.Round = 2
	// The cached job (round 1) fails the check, so it is read again once minRefresh passed.
	e.now = e.now.Add(minRefresh)
	r2, err := e.submit(c2, e.sign(c2, e.worker))
	require.NoError(t, err)
	require.False(t, r2.Duplicate)
	require.NotEqual(t, r1.Seq, r2.Seq)
	require.NotEqual(t, r1.Leaf, r2.Leaf)

	// Round 1's resubmission is refused with the typed error, and does not touch round 2.
	_, err = e.submit(c1, e.sign(c1, e.worker))
	requireCode(t, err, CodeWrongRound, "round 1 is not the current assignment round 2 of job 1")
	var inc Inclusion
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 1))
	require.Equal(t, c2, inc.Commitment)
	require.Equal(t, r2.Seq, inc.Seq)
	require.NoError(t, e.client.Call(&inc, "gensyn_getInclusion", 1, 1, 1))
	require.Equal(t, c1, inc.Commitment)
	require.Equal(t, r1.Seq, inc.Seq)
}

// FuzzCommitmentArgs: the submission decoder never panics, and what it
// accepts round-trips.
func FuzzCommitmentArgs(f *testing.F) {
	f.Add([]byte(`{"jobId":1,"round":1,"checkpoint":2,"stateRoot":"0x0000000000000000000000000000000000000000000000000000000000000001","worker":"0x0000000000000000000000000000000000000002"}`))
	f.Add([]byte(`{"jobId":1}`))
	f.Add([]byte(`{"jobId":1,"x":2}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a CommitmentArgs
		if err := json.Unmarshal(data, &a); err != nil {
			return
		}
		c, err := a.commitment()
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, CodeInvalidParams, e.Code)
			return
		}
		b, err := json.Marshal(ArgsOf(c))
		require.NoError(t, err)
		var back CommitmentArgs
		require.NoError(t, json.Unmarshal(b, &back))
		c2, err := back.commitment()
		require.NoError(t, err)
		require.Equal(t, c, c2)
	})
}
