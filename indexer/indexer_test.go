package indexer

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/commit"
)

var (
	eth    = big.NewInt(params.Ether)
	milli  = big.NewInt(params.Ether / 1000)
	halfE  = new(big.Int).Div(eth, big.NewInt(2))
	testK  = uint32(2) // checkpoints per job
	clock  = uint64(3600)
	answer = uint64(60)
)

// lifecycle drives the protocol on a real anvil: a job from post to
// payment (funded twice, committed through a sequencer batch and a
// force-inclusion, finalized, refund claimed) and a job whose worker does
// not answer a challenge of its result, loses the game on time and is
// slashed.
type lifecycle struct {
	t      *testing.T
	c      *testchain.Chain
	rc     *rpc.Client
	m      *bindings.JobMarket
	ib     *bindings.CommitmentInbox
	arb    *bindings.VerdeArbitration
	params bindings.IJobMarketJobParams
}

func newLifecycle(t *testing.T) *lifecycle {
	l := &lifecycle{t: t, m: bindings.NewJobMarket(), ib: bindings.NewCommitmentInbox(), arb: bindings.NewVerdeArbitration()}
	l.c = testchain.NewAnvil(t, "deployer", "sequencer", "client", "funder", "worker", "verifier")
	var err error
	l.rc, err = rpc.Dial(l.c.URL)
	require.NoError(t, err)
	t.Cleanup(l.rc.Close)
	l.c.DeployProtocolWithGame("deployer", "sequencer", new(big.Int).Div(eth, big.NewInt(10)), clock, answer)
	reg, sm := bindings.NewNodeRegistry(), bindings.NewStakeManager()
	l.c.Send("worker", reg.Instance(l.c.Backend, l.c.Contracts.NodeRegistry), nil, reg.PackRegister([]byte("peer-w"), "cpu"))
	l.c.Send("worker", sm.Instance(l.c.Backend, l.c.Contracts.StakeManager), new(big.Int).Mul(eth, big.NewInt(5)), sm.PackDeposit())
	l.params = bindings.IJobMarketJobParams{
		SpecHash: common.HexToHash("0x5bec"), DatasetHash: common.HexToHash("0xda7a"), InitialStateRoot: common.HexToHash("0x1"),
		GraphRoot: common.HexToHash("0x2"), DataRoot: common.HexToHash("0x3"), Steps: 200, CheckpointInterval: 100,
		MaxPrice: eth, RequiredCollateral: eth, BidWindow: 60, ExecutionWindow: 3600, ChallengeWindow: 600,
	}
	return l
}

func (l *lifecycle) market() func(from string, value *big.Int, data []byte) {
	return func(from string, value *big.Int, data []byte) {
		l.c.Send(from, l.m.Instance(l.c.Backend, l.c.Contracts.JobMarket), value, data)
	}
}

func roots(job uint64) []common.Hash {
	return []common.Hash{common.BigToHash(big.NewInt(int64(job*100 + 1))), common.BigToHash(big.NewInt(int64(job*100 + 2)))}
}

// post posts job id with 1 ETH of escrow.
func (l *lifecycle) post() {
	l.market()("client", eth, l.m.PackPostJob(l.params))
}

// assign: the worker bids half the escrow on job id and the auction closes.
func (l *lifecycle) assign(id uint64) {
	send := l.market()
	send("worker", nil, l.m.PackBid(new(big.Int).SetUint64(id), halfE))
	l.c.Advance(61 * time.Second)
	send("client", nil, l.m.PackCloseAuction(new(big.Int).SetUint64(id)))
}

func (l *lifecycle) submit(id uint64) {
	rs := roots(id)
	hs := []commit.Hash{commit.Hash(rs[0]), commit.Hash(rs[1])}
	proof, err := commit.CheckpointProof(hs, len(hs))
	require.NoError(l.t, err)
	p := make([][32]byte, len(proof))
	for i := range proof {
		p[i] = proof[i]
	}
	l.market()("worker", nil, l.m.PackSubmitResult(new(big.Int).SetUint64(id), rs[1], commit.CheckpointsRoot(hs), p))
}

// job1 runs job 1 from post to payment.
func (l *lifecycle) job1() {
	send := l.market()
	l.post()
	send("funder", halfE, l.m.PackFund(big.NewInt(1)))
	l.assign(1)
	rs := roots(1)
	w := l.c.Addr("worker")
	batch := inbox.EncodeBatch([]inbox.Commitment{
		{JobID: 1, Round: 1, Checkpoint: 1, StateRoot: rs[0], Worker: w},
		{JobID: 99, Round: 1, Checkpoint: 1, StateRoot: rs[0], Worker: w}, // an unknown job: counted, not placed
	})
	l.c.Send("sequencer", l.ib.Instance(l.c.Backend, l.c.Contracts.CommitmentInbox), nil, l.ib.PackPostBatch(batch))
	l.c.Send("worker", l.ib.Instance(l.c.Backend, l.c.Contracts.CommitmentInbox), nil,
		l.ib.PackForceInclude(bindings.ICommitmentInboxCommitment{JobId: 1, Round: 1, Checkpoint: 2, StateRoot: rs[1], Worker: w}))
	l.submit(1)
	l.c.Advance(601 * time.Second)
	send("client", nil, l.m.PackFinalize(big.NewInt(1)))
	send("funder", nil, l.m.PackClaimRefund(big.NewInt(1)))
}

// job2 runs job 2 into a lost game: the verifier challenges the result and
// asks for its first checkpoint, the worker never answers, the verifier
// calls timeout.
func (l *lifecycle) job2() {
	l.post()
	l.assign(2)
	l.submit(2)
	arb := l.arb.Instance(l.c.Backend, l.c.Contracts.VerdeArbitration)
	bond := testchain.Call(l.t, arb, l.arb.PackRequiredBond(), l.arb.UnpackRequiredBond)
	l.c.Send("verifier", arb, bond, l.arb.PackChallengeResult(big.NewInt(2)))
	l.c.Send("verifier", arb, nil, l.arb.PackQuery(big.NewInt(0), 5, 0)) // List.Checkpoints item 0: the worker must answer
	l.c.Advance(time.Duration(clock+answer+10) * time.Second)
	l.c.Send("verifier", arb, nil, l.arb.PackTimeout(big.NewInt(0)))
}

func (l *lifecycle) indexer(t *testing.T, s *Store) *Indexer {
	ix, err := New(Config{Contracts: l.c.Contracts, MaxRange: 7}, s, ethclient.NewClient(l.rc))
	require.NoError(t, err)
	return ix
}

func openStore(t testing.TB, dir string) *Store {
	s, err := Open(dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// dump is every record of the store except the per-block bookkeeping
// (block records, undo records), key by key, for comparing two stores.
func dump(t *testing.T, s *Store) map[string]string {
	out := map[string]string{}
	it, err := s.db.NewIter(&pebble.IterOptions{})
	require.NoError(t, err)
	for it.First(); it.Valid(); it.Next() {
		k := it.Key()
		if bytes.HasPrefix(k, prefixBlock) || bytes.HasPrefix(k, prefixUndo) || bytes.Equal(k, keyHead) {
			continue
		}
		out[string(k)] = string(it.Value())
	}
	require.NoError(t, it.Close())
	return out
}

// fresh indexes the whole chain into a new store and returns its dump.
func (l *lifecycle) fresh(t *testing.T) (map[string]string, Head) {
	s := openStore(t, t.TempDir())
	defer s.Close()
	h, err := l.indexer(t, s).Sync(context.Background())
	require.NoError(t, err)
	return dump(t, s), h
}

func TestIndexLifecycle(t *testing.T) {
	ctx := context.Background()
	l := newLifecycle(t)
	dir := t.TempDir()
	s := openStore(t, dir)
	updates, cancel := s.Subscribe()
	defer cancel()
	l.job1()
	_, err := l.indexer(t, s).Sync(ctx)
	require.NoError(t, err)
	select {
	case u := <-updates:
		require.NotZero(t, u.Head.Number)
	default:
		t.Fatal("no update published")
	}

	// Restart: close the store mid-run, drive job 2, reopen and resume.
	require.NoError(t, s.Close())
	l.job2()
	s = openStore(t, dir)
	defer s.Close()
	head, err := l.indexer(t, s).Sync(ctx)
	require.NoError(t, err)
	n, err := l.c.Backend.BlockNumber(ctx)
	require.NoError(t, err)
	require.Equal(t, n, head.Number)

	w, v, client, funder := l.c.Addr("worker"), l.c.Addr("verifier"), l.c.Addr("client"), l.c.Addr("funder")
	j, err := s.Job(1)
	require.NoError(t, err)
	require.Equal(t, StatusFinalized, j.Status)
	require.Equal(t, uint32(2), j.Committed)
	require.Equal(t, l.params.SpecHash, [32]byte(j.Params.SpecHash))
	require.Len(t, j.Funders, 2)
	require.Equal(t, client, j.Funders[0].Funder)
	require.Equal(t, funder, j.Funders[1].Funder)
	require.Equal(t, "1500000000000000000", j.Escrow.String())
	require.Len(t, j.Bids, 1)
	require.Equal(t, halfE, j.Bids[0].Price)
	require.Len(t, j.Rounds, 1)
	r := j.Rounds[0]
	require.Equal(t, w, r.Worker)
	require.Equal(t, "finalized", r.End)
	require.Len(t, r.Checkpoints, 2)
	require.NotNil(t, r.Checkpoints[0].Posted)
	require.Equal(t, uint64(0), r.Checkpoints[0].Posted.Batch)
	require.Equal(t, uint32(0), r.Checkpoints[0].Posted.Leaf)
	require.Nil(t, r.Checkpoints[0].Forced)
	require.NotNil(t, r.Checkpoints[1].Forced)
	require.Equal(t, roots(1)[1], r.Checkpoints[1].StateRoot)
	require.Equal(t, roots(1)[1], j.FinalModelRoot)
	kinds := []string{}
	for _, p := range j.Payments {
		kinds = append(kinds, p.Kind+":"+p.Amount.String())
	}
	require.Equal(t, []string{"price:500000000000000000", "refund:1000000000000000000", "refund-claimed:333333333333333333"}, kinds)

	j2, err := s.Job(2)
	require.NoError(t, err)
	require.Equal(t, StatusOpen, j2.Status) // reopened after the lost dispute
	require.Equal(t, []uint64{0}, j2.Games)
	require.Equal(t, "lost-dispute", j2.Rounds[0].End)
	require.Equal(t, eth, j2.Rounds[0].Slashed)

	g, err := s.Game(0)
	require.NoError(t, err)
	require.Equal(t, uint64(2), g.JobID)
	require.Equal(t, v, g.Challenger)
	require.Equal(t, w, g.Worker)
	require.Equal(t, OutcomeChallengerWon, g.Outcome)
	require.Equal(t, "timeout", g.Reason.String())
	require.NotNil(t, g.Resolved)
	require.NotNil(t, g.Slash)
	require.Equal(t, eth, g.Slash.Amount)
	require.Equal(t, "GameStarted", g.Moves[0].Name)
	require.Equal(t, v, g.Moves[0].By)
	require.Equal(t, clock, g.Moves[0].WorkerClock)
	require.Equal(t, clock, g.Moves[0].ChallengerClock)
	names := []string{}
	for _, mv := range g.Moves {
		names = append(names, mv.Name)
	}
	require.Equal(t, []string{"GameStarted", "QueryAsked", "GameResolved", "RewardPooled", "RewardShared"}, names)
	require.NotZero(t, g.Bond.Sign())

	pw, err := s.Participant(w)
	require.NoError(t, err)
	require.True(t, pw.Registered)
	require.Equal(t, "cpu", pw.Hardware)
	require.Equal(t, []uint64{0}, pw.GamesLost)
	require.Equal(t, halfE, pw.Earnings)
	require.Equal(t, "4000000000000000000", pw.Staked.String()) // 5 deposited, 1 slashed
	require.Equal(t, uint64(1), pw.JobsDone)
	require.Equal(t, uint64(1), pw.DisputesLost)
	pv, err := s.Participant(v)
	require.NoError(t, err)
	require.Equal(t, []uint64{0}, pv.GamesWon)
	require.Positive(t, pv.Earnings.Sign())
	_, err = s.Participant(common.HexToAddress("0xdead"))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = s.Job(77)
	var nf *NotFoundError
	require.True(t, errors.As(err, &nf))
	require.Equal(t, "job", nf.Kind)

	m, err := s.Market()
	require.NoError(t, err)
	require.Equal(t, uint64(2), m.Jobs)
	require.Equal(t, uint64(1), m.ByStatus[StatusFinalized])
	require.Equal(t, uint64(1), m.ByStatus[StatusOpen])
	require.Equal(t, uint64(1), m.Batches)
	require.Equal(t, uint64(3), m.Commitments)
	require.Equal(t, uint64(1), m.Forced)
	require.Equal(t, uint64(1), m.Games)
	require.Equal(t, uint64(0), m.LiveGames)
	require.Equal(t, uint64(1), m.Nodes)
	require.Equal(t, "4000000000000000000", m.TotalStake.String())
	require.Equal(t, eth, m.Slashed)
	require.Equal(t, eth, m.Escrow) // job 2's
	require.Equal(t, 1, m.OpenMaxPrice.Count)
	checkStatusIndex(t, s)

	js, err := s.Jobs(JobFilter{})
	require.NoError(t, err)
	require.Len(t, js, 2)
	require.Equal(t, uint64(2), js[0].ID)
	js, err = s.Jobs(JobFilter{Status: StatusFinalized})
	require.NoError(t, err)
	require.Len(t, js, 1)
	js, err = s.Jobs(JobFilter{Address: funder})
	require.NoError(t, err)
	require.Len(t, js, 1)
	require.Equal(t, uint64(1), js[0].ID)

	// The resumed store holds exactly what one run from block 0 writes.
	want, _ := l.fresh(t)
	require.Equal(t, want, dump(t, s))
}

func TestIndexReorg(t *testing.T) {
	ctx := context.Background()
	l := newLifecycle(t)
	s := openStore(t, t.TempDir())
	defer s.Close()
	ix := l.indexer(t, s)
	l.post()
	_, err := ix.Sync(ctx)
	require.NoError(t, err)
	var snap string
	require.NoError(t, l.rc.Call(&snap, "evm_snapshot"))
	// The branch that will be orphaned: a funding, an assignment, a batch,
	// a result, a game.
	l.market()("funder", halfE, l.m.PackFund(big.NewInt(1)))
	l.assign(1)
	l.c.Send("sequencer", l.ib.Instance(l.c.Backend, l.c.Contracts.CommitmentInbox), nil,
		l.ib.PackPostBatch(inbox.EncodeBatch([]inbox.Commitment{{JobID: 1, Round: 1, Checkpoint: 1, StateRoot: roots(1)[0], Worker: l.c.Addr("worker")}})))
	l.submit(1)
	arb := l.arb.Instance(l.c.Backend, l.c.Contracts.VerdeArbitration)
	bond := testchain.Call(t, arb, l.arb.PackRequiredBond(), l.arb.UnpackRequiredBond)
	l.c.Send("verifier", arb, bond, l.arb.PackChallengeResult(big.NewInt(1)))
	orphanHead, err := ix.Sync(ctx)
	require.NoError(t, err)
	g, err := s.Game(0)
	require.NoError(t, err)
	require.True(t, g.Live())
	checkStatusIndex(t, s)
	sub, err := s.Jobs(JobFilter{Status: StatusSubmitted})
	require.NoError(t, err)
	require.Len(t, sub, 1) // job 1 moved open -> assigned -> submitted in the orphaned branch

	updates, cancel := s.Subscribe()
	defer cancel()
	var ok bool
	require.NoError(t, l.rc.Call(&ok, "evm_revert", snap))
	require.True(t, ok)
	// The new branch: another funder, then empty blocks past the old height.
	l.market()("client", milli, l.m.PackFund(big.NewInt(1)))
	for i := 0; i < 12; i++ {
		require.NoError(t, l.rc.Call(nil, "evm_mine"))
	}
	head, err := ix.Sync(ctx)
	require.NoError(t, err)
	require.Greater(t, head.Number, orphanHead.Number)
	sawReorg := false
	for len(updates) > 0 {
		if u := <-updates; u.Reorg {
			sawReorg = true
		}
	}
	require.True(t, sawReorg)

	_, err = s.Game(0)
	require.ErrorIs(t, err, ErrNotFound)
	j, err := s.Job(1)
	require.NoError(t, err)
	require.Equal(t, StatusOpen, j.Status)
	require.Len(t, j.Funders, 2)
	require.Equal(t, milli, j.Funders[1].Amount)
	require.Empty(t, j.Rounds)
	require.Empty(t, j.Bids)
	m, err := s.Market()
	require.NoError(t, err)
	require.Zero(t, m.Games)
	require.Zero(t, m.Batches)
	require.Zero(t, m.Verifiers)
	_, err = s.Participant(l.c.Addr("verifier"))
	require.ErrorIs(t, err, ErrNotFound)

	// the by-status index is rolled back with the rest
	checkStatusIndex(t, s)
	sub, err = s.Jobs(JobFilter{Status: StatusSubmitted})
	require.NoError(t, err)
	require.Empty(t, sub)
	require.Contains(t, dump(t, s), string(statKey(StatusOpen, 1)))

	want, _ := l.fresh(t)
	require.Equal(t, want, dump(t, s))
}

// dyingClient fails every call after the first n, as an indexer killed
// mid-run would stop.
type dyingClient struct {
	Client
	mu sync.Mutex
	n  int
}

var errDied = errors.New("died")

func (d *dyingClient) tick() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.n <= 0 {
		return errDied
	}
	d.n--
	return nil
}

func (d *dyingClient) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	if err := d.tick(); err != nil {
		return nil, err
	}
	return d.Client.HeaderByNumber(ctx, n)
}

func (d *dyingClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if err := d.tick(); err != nil {
		return nil, err
	}
	return d.Client.FilterLogs(ctx, q)
}

func (d *dyingClient) CallContract(ctx context.Context, call ethereum.CallMsg, n *big.Int) ([]byte, error) {
	if err := d.tick(); err != nil {
		return nil, err
	}
	return d.Client.CallContract(ctx, call, n)
}

// TestIndexRestartMidRun stops the indexer at every point of a sync (after
// n calls to the node), reopens the store and resumes: the result is the
// same as one uninterrupted run.
func TestIndexRestartMidRun(t *testing.T) {
	ctx := context.Background()
	l := newLifecycle(t)
	l.job1()
	l.job2()
	want, head := l.fresh(t)
	dir := t.TempDir()
	stops := 0
	for n := 0; ; n += 2 {
		s := openStore(t, dir)
		ix, err := New(Config{Contracts: l.c.Contracts, MaxRange: 7}, s, &dyingClient{Client: ethclient.NewClient(l.rc), n: n})
		require.NoError(t, err)
		h, err := ix.Sync(ctx)
		require.NoError(t, s.Close())
		if err == nil {
			require.Equal(t, head, h)
			break
		}
		require.ErrorIs(t, err, errDied)
		stops++
	}
	require.Greater(t, stops, 5)
	s := openStore(t, dir)
	defer s.Close()
	require.Equal(t, want, dump(t, s))
}

// TestRunFollows: Run indexes new blocks as they come and tells
// subscribers; a store refuses another deployment.
func TestRunFollows(t *testing.T) {
	l := newLifecycle(t)
	s := openStore(t, t.TempDir())
	defer s.Close()
	updates, cancelSub := s.Subscribe()
	ix, err := New(Config{Contracts: l.c.Contracts, PollInterval: 10 * time.Millisecond}, s, ethclient.NewClient(l.rc))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ix.Run(ctx) }()
	l.post()
	deadline := time.After(20 * time.Second)
	for seen := false; !seen; {
		select {
		case u := <-updates:
			seen = len(u.Jobs) == 1 && u.Jobs[0] == 1
		case <-deadline:
			t.Fatal("job 1 was not indexed")
		}
	}
	cancel()
	require.NoError(t, <-done)
	cancelSub()
	_, open := <-updates
	require.False(t, open)
	j, err := s.Job(1)
	require.NoError(t, err)
	require.Equal(t, StatusOpen, j.Status)

	other := l.c.Contracts
	other.JobMarket = common.HexToAddress("0x1234")
	ix, err = New(Config{Contracts: other}, s, ethclient.NewClient(l.rc))
	require.NoError(t, err)
	_, err = ix.Sync(context.Background())
	require.ErrorIs(t, err, ErrOtherDeployment)
	_, err = New(Config{}, s, ethclient.NewClient(l.rc))
	require.ErrorIs(t, err, ErrNoJobMarket)
}

// TestReorgTooDeep: a reorg below the kept undo records stops the indexer
// with ErrReorgTooDeep and leaves the store as it was.
func TestReorgTooDeep(t *testing.T) {
	ctx := context.Background()
	l := newLifecycle(t)
	s := openStore(t, t.TempDir())
	ix, err := New(Config{Contracts: l.c.Contracts, UndoDepth: 2, PollInterval: time.Millisecond}, s, ethclient.NewClient(l.rc))
	require.NoError(t, err)
	var snap string
	require.NoError(t, l.rc.Call(&snap, "evm_snapshot"))
	for i := 0; i < 4; i++ {
		l.post()
	}
	for i := 0; i < 4; i++ {
		require.NoError(t, l.rc.Call(nil, "evm_mine"))
	}
	indexed, err := ix.Sync(ctx)
	require.NoError(t, err)
	var ok bool
	require.NoError(t, l.rc.Call(&ok, "evm_revert", snap))
	for i := 0; i < 12; i++ {
		require.NoError(t, l.rc.Call(nil, "evm_mine"))
	}
	_, err = ix.Sync(ctx)
	require.ErrorIs(t, err, ErrReorgTooDeep)
	require.ErrorIs(t, ix.Run(ctx), ErrReorgTooDeep)
	// The empty blocks above the posts were rolled back; the posts, whose
	// undo records are gone, stay until the store is indexed again.
	js, err := s.Jobs(JobFilter{})
	require.NoError(t, err)
	require.Len(t, js, 4)
	h, err := s.Head()
	require.NoError(t, err)
	require.Equal(t, indexed.Number-4, h.Number)
}
