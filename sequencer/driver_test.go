package sequencer

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

type batcherEnv struct {
	c      *simChain
	store  *store.Store
	tm     TxSender
	ib     *Inbox
	domain inbox.Domain
	clock  time.Time
}

func newBatcherEnv(t *testing.T) *batcherEnv {
	c := newSimChain(t)
	st, err := store.Open(t.TempDir(), store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	tm := c.txManager("sequencer")
	t.Cleanup(tm.Close)
	return &batcherEnv{c: c, store: st, tm: tm, ib: NewInbox(c.backend, c.inbox),
		domain: inbox.NewDomain(c.chainID.Uint64(), c.inbox), clock: time.Unix(1700000000, 0)}
}

func (e *batcherEnv) driver(maxEntries int, maxDelay time.Duration) *Driver {
	d := NewDriver(DriverConfig{MaxEntries: maxEntries, MaxDelay: maxDelay, PollInterval: 10 * time.Millisecond},
		log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, e.store, e.ib, e.c.backend, e.tm)
	d.now = func() time.Time { return e.clock }
	return d
}

func (e *batcherEnv) append(t *testing.T, key *ecdsa.PrivateKey, job uint64, ck uint32) inbox.Commitment {
	c := inbox.Commitment{JobID: job, Round: 1, Checkpoint: ck, StateRoot: crypto.Keccak256Hash([]byte{byte(job), byte(ck)}), Worker: crypto.PubkeyToAddress(key.PublicKey)}
	sig, err := e.domain.Sign(c, key)
	require.NoError(t, err)
	_, err = e.store.Append(c, sig, e.clock)
	require.NoError(t, err)
	return c
}

func (e *batcherEnv) batchCount(t *testing.T) uint64 {
	ib := bindings.NewCommitmentInbox()
	n, err := ib.UnpackBatchCount(e.c.call(e.c.inbox, ib.PackBatchCount()))
	require.NoError(t, err)
	return n.Uint64()
}

// requireAllIncluded checks every entry of every posted batch on chain with isIncluded.
func (e *batcherEnv) requireAllIncluded(t *testing.T) int {
	ib := bindings.NewCommitmentInbox()
	n := 0
	for _, b := range e.store.Batches() {
		require.True(t, b.Posted)
		recs, err := e.store.BatchEntries(b)
		require.NoError(t, err)
		cs := make([]inbox.Commitment, len(recs))
		for i, r := range recs {
			cs[i] = r.Commitment
		}
		tr, err := inbox.TreeOf(cs)
		require.NoError(t, err)
		onChain, err := ib.UnpackGetBatch(e.c.call(e.c.inbox, ib.PackGetBatch(new(big.Int).SetUint64(b.ChainIndex))))
		require.NoError(t, err)
		require.Equal(t, b.Root, common.Hash(onChain.Root))
		require.Equal(t, b.Count, onChain.Size)
		for i, c := range cs {
			p, err := tr.Proof(i)
			require.NoError(t, err)
			proof := make([][32]byte, len(p))
			for k := range p {
				proof[k] = p[k]
			}
			ok, err := ib.UnpackIsIncluded(e.c.call(e.c.inbox, ib.PackIsIncluded(toBinding(c),
				new(big.Int).SetUint64(b.ChainIndex), big.NewInt(int64(i)), proof)))
			require.NoError(t, err)
			require.True(t, ok, "batch %d entry %d", b.ChainIndex, i)
			n++
		}
	}
	return n
}

// revertOf decodes the CommitmentInbox custom error an eth_call reverted with.
func revertOf(t *testing.T, ib *bindings.CommitmentInbox, err error) any {
	t.Helper()
	require.Error(t, err)
	var de gethrpc.DataError
	require.ErrorAs(t, err, &de)
	s, ok := de.ErrorData().(string)
	require.True(t, ok, "revert data %v", de.ErrorData())
	v, uerr := ib.UnpackError(common.FromHex(s))
	require.NoError(t, uerr)
	return v
}

func toBinding(c inbox.Commitment) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: c.JobID, Round: c.Round, Checkpoint: c.Checkpoint, StateRoot: c.StateRoot, Worker: c.Worker}
}

// TestDriverBatching: the size bound and the time bound trigger batches,
// through a real txmgr on a simulated chain; every entry is provably included.
func TestDriverBatching(t *testing.T) {
	e := newBatcherEnv(t)
	d := e.driver(4, time.Minute)
	w := e.c.keys["worker"]
	ctx := context.Background()
	for ck := uint32(1); ck <= 5; ck++ {
		e.append(t, w, 1, ck)
		e.append(t, w, 2, ck)
	}
	require.NoError(t, d.Step(ctx)) // 10 pending >= 4: a batch of 4
	require.NoError(t, d.Step(ctx)) // 6 pending: another 4
	require.NoError(t, d.Step(ctx)) // 2 pending, younger than a minute: nothing
	require.Equal(t, uint64(2), e.batchCount(t))
	n, _ := e.store.Pending()
	require.Equal(t, 2, n)

	e.clock = e.clock.Add(time.Minute)
	require.NoError(t, d.Step(ctx)) // the oldest waited a minute: a batch of 2
	require.Equal(t, uint64(3), e.batchCount(t))
	require.NoError(t, d.Step(ctx))
	require.Equal(t, uint64(3), e.batchCount(t))
	require.Equal(t, 10, e.requireAllIncluded(t))
	require.Empty(t, e.store.Intents())
	bs := e.store.Batches()
	require.Equal(t, []uint32{4, 4, 2}, []uint32{bs[0].Count, bs[1].Count, bs[2].Count})
}

// TestDriverReconcile: an intent whose transaction landed before the process
// died is found on chain and not posted again; an intent that never made it
// (crash before sending, or a dropped transaction) is posted.
func TestDriverReconcile(t *testing.T) {
	e := newBatcherEnv(t)
	w := e.c.keys["worker"]
	ctx := context.Background()
	for ck := uint32(1); ck <= 3; ck++ {
		e.append(t, w, 7, ck)
	}
	head, err := e.c.backend.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	b, err := e.store.CreateIntent(10, head.Number.Uint64(), e.clock)
	require.NoError(t, err)
	// The crashed process had sent it.
	recs, err := e.store.BatchEntries(b)
	require.NoError(t, err)
	cs := []inbox.Commitment{recs[0].Commitment, recs[1].Commitment, recs[2].Commitment}
	r, err := e.tm.Send(ctx, e.ib.PostBatchCandidate(inbox.EncodeBatch(cs)))
	require.NoError(t, err)
	require.Equal(t, uint64(1), e.batchCount(t))

	d := e.driver(10, time.Hour) // a restarted process
	require.NoError(t, d.Step(ctx))
	require.Equal(t, uint64(1), e.batchCount(t), "not posted twice")
	got := e.store.Batches()[0]
	require.True(t, got.Posted)
	require.Equal(t, r.TxHash, got.TxHash)
	require.Equal(t, r.BlockNumber.Uint64(), got.Block)
	require.Equal(t, uint64(0), got.ChainIndex)

	// An intent that was never sent.
	e.append(t, w, 7, 4)
	head, err = e.c.backend.HeaderByNumber(ctx, nil)
	require.NoError(t, err)
	_, err = e.store.CreateIntent(10, head.Number.Uint64(), e.clock)
	require.NoError(t, err)
	d = e.driver(10, time.Hour)
	require.NoError(t, d.Step(ctx))
	require.Equal(t, uint64(2), e.batchCount(t))
	require.Empty(t, e.store.Intents())
	require.Equal(t, 4, e.requireAllIncluded(t))
}

// TestDriverInclusionAPI: getInclusion's proofs of a batch the driver
// posted verify on chain through verifyCommitment (signature, inclusion,
// assigned worker).
func TestDriverInclusionAPI(t *testing.T) {
	e := newBatcherEnv(t)
	c := e.c
	ctx := context.Background()
	c.register("worker")
	job := c.postJob()
	c.bid("worker", job)
	c.advance(601 * time.Second)
	m := bindings.NewJobMarket()
	c.send("client", m.Instance(c.backend, c.market), nil, m.PackCloseAuction(new(big.Int).SetUint64(job)))

	market := NewMarket(c.backend, c.market)
	api := rpc.NewAPI(rpc.Config{Domain: e.domain, JobTTL: time.Second}, e.store, market, nil, log.NewLogger(log.DiscardHandler()))
	w := c.keys["worker"]
	for ck := uint32(1); ck <= 4; ck++ {
		cm := inbox.Commitment{JobID: job, Round: 1, Checkpoint: ck, StateRoot: crypto.Keccak256Hash([]byte{byte(ck)}), Worker: c.addr("worker")}
		sig, err := e.domain.Sign(cm, w)
		require.NoError(t, err)
		s := hexBytes(sig)
		args := rpc.ArgsOf(cm)
		_, err = api.SubmitCommitment(ctx, &args, &s)
		require.NoError(t, err)
	}
	require.NoError(t, e.driver(3, time.Hour).Flush(ctx))
	require.Equal(t, uint64(2), e.batchCount(t))

	ib := bindings.NewCommitmentInbox()
	for ck := uint32(1); ck <= 4; ck++ {
		jid, cku := job, ck
		inc, err := api.GetInclusion(ctx, &jid, &cku, nil)
		require.NoError(t, err)
		require.Equal(t, rpc.StatusPosted, inc.Status)
		proof := make([][32]byte, len(inc.Proof))
		for k := range inc.Proof {
			proof[k] = inc.Proof[k]
		}
		leaf, err := ib.UnpackVerifyCommitment(c.call(c.inbox, ib.PackVerifyCommitment(toBinding(inc.Commitment), inc.Signature, new(big.Int).SetUint64(*inc.BatchIndex), new(big.Int).SetUint64(*inc.LeafIndex), proof)))
		require.NoError(t, err)
		require.Equal(t, inc.Leaf, common.Hash(leaf))
	}
}

// TestReassignedJob: after a timeout and a new auction (round 2), the new
// worker's checkpoints start again at 1, are batched, and verify on chain;
// the old worker's entries no longer pass verifyCommitment; a commitment of
// the new worker that names round 1 is refused by the sequencer with the
// typed wrong-round error, and the contract would refuse it too (WrongRound).
func TestReassignedJob(t *testing.T) {
	e := newBatcherEnv(t)
	c := e.c
	ctx := context.Background()
	m := bindings.NewJobMarket()
	mi := m.Instance(c.backend, c.market)
	c.register("worker")
	c.register("worker2")
	job := c.postJob()
	c.bid("worker", job)
	c.advance(601 * time.Second)
	c.send("client", mi, nil, m.PackCloseAuction(new(big.Int).SetUint64(job)))

	api := rpc.NewAPI(rpc.Config{Domain: e.domain, JobTTL: 0}, e.store, NewMarket(c.backend, c.market), nil, log.NewLogger(log.DiscardHandler()))
	submitRound := func(worker string, round, ck uint32) (*rpc.SubmitResult, error) {
		cm := inbox.Commitment{JobID: job, Round: round, Checkpoint: ck, StateRoot: crypto.Keccak256Hash([]byte(worker), []byte{byte(ck)}), Worker: c.addr(worker)}
		sig, err := e.domain.Sign(cm, c.keys[worker])
		require.NoError(t, err)
		s := hexBytes(sig)
		args := rpc.ArgsOf(cm)
		return api.SubmitCommitment(ctx, &args, &s)
	}
	submit := func(worker string, ck uint32) (*rpc.SubmitResult, error) {
		j, err := NewMarket(c.backend, c.market).GetJob(ctx, job)
		require.NoError(t, err)
		return submitRound(worker, j.Round, ck)
	}
	for ck := uint32(1); ck <= 2; ck++ {
		_, err := submit("worker", ck)
		require.NoError(t, err)
	}
	// The worker misses its deadline; the job is reopened and worker2 wins round 2.
	c.advance(3601 * time.Second)
	c.send("client", mi, nil, m.PackTimeout(new(big.Int).SetUint64(job)))
	c.bid("worker2", job)
	c.advance(601 * time.Second)
	c.send("client", mi, nil, m.PackCloseAuction(new(big.Int).SetUint64(job)))

	_, err := submitRound("worker", 1, 3)
	require.ErrorContains(t, err, "is not the assigned worker")
	_, err = submitRound("worker2", 1, 1)
	var re *rpc.Error
	require.ErrorAs(t, err, &re)
	require.Equal(t, rpc.CodeWrongRound, re.Code)
	require.Equal(t, "round 1 is not the current assignment round 2 of job 1", re.Message)
	stale := inbox.Commitment{JobID: job, Round: 1, Checkpoint: 1, StateRoot: crypto.Keccak256Hash([]byte("worker2"), []byte{1}), Worker: c.addr("worker2")}
	staleSig, err := e.domain.Sign(stale, c.keys["worker2"])
	require.NoError(t, err)
	r, err := e.tm.Send(ctx, e.ib.ForceIncludeCandidate(toBinding(stale)))
	require.NoError(t, err)
	require.Equal(t, uint64(1), r.Status)
	ib := bindings.NewCommitmentInbox()
	_, err = c.backend.CallContract(ctx, ethereum.CallMsg{To: &c.inbox, Data: ib.PackVerifyCommitment(toBinding(stale), staleSig, abi.MaxUint256, common.Big0, nil)}, nil)
	require.Equal(t, &bindings.CommitmentInboxWrongRound{Round: 1, Current: 2}, revertOf(t, ib, err), "the contract refuses a round-1 commitment in round 2")
	_, err = submit("worker2", 2)
	require.ErrorContains(t, err, "the next one is 1")
	res, err := submit("worker2", 1)
	require.NoError(t, err)
	require.False(t, res.Duplicate)
	require.NoError(t, e.driver(10, time.Hour).Flush(ctx))

	verify := func(ck uint32) error {
		jid := job
		inc, err := api.GetInclusion(ctx, &jid, &ck, nil)
		require.NoError(t, err)
		require.Equal(t, rpc.StatusPosted, inc.Status)
		proof := make([][32]byte, len(inc.Proof))
		for k := range inc.Proof {
			proof[k] = inc.Proof[k]
		}
		_, err = c.backend.CallContract(ctx, ethereum.CallMsg{To: &c.inbox, Data: ib.PackVerifyCommitment(toBinding(inc.Commitment), inc.Signature, new(big.Int).SetUint64(*inc.BatchIndex), new(big.Int).SetUint64(*inc.LeafIndex), proof)}, nil)
		return err
	}
	require.NoError(t, verify(1), "worker2's checkpoint 1 (round 2)")
	require.Error(t, verify(2), "worker's checkpoint 2 (round 1) is not by the assigned worker any more")
}
