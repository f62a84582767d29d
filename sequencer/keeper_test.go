package sequencer

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// TestDue: which transition the keeper sends for a job at chain time now.
func TestDue(t *testing.T) {
	w := common.Address{1}
	cases := []struct {
		name string
		job  bindings.IJobMarketJob
		now  uint64
		want string
	}{
		{"open, bidding", bindings.IJobMarketJob{Status: rpc.JobOpen, Worker: w, BiddingEndsAt: 100}, 99, ""},
		{"open, ended with a bid", bindings.IJobMarketJob{Status: rpc.JobOpen, Worker: w, BiddingEndsAt: 100}, 100, "closeAuction"},
		{"open, ended without a bid", bindings.IJobMarketJob{Status: rpc.JobOpen, BiddingEndsAt: 100}, 100, "closeAuction"},
		{"open, bid-less, bidding", bindings.IJobMarketJob{Status: rpc.JobOpen, BiddingEndsAt: 100}, 99, ""},
		{"assigned, before the deadline", bindings.IJobMarketJob{Status: rpc.JobAssigned, ResultDeadline: 100}, 100, ""},
		{"assigned, late", bindings.IJobMarketJob{Status: rpc.JobAssigned, ResultDeadline: 100}, 101, "timeout"},
		{"assigned, late, disputed", bindings.IJobMarketJob{Status: rpc.JobAssigned, ResultDeadline: 100, OpenDisputes: 2}, 101, "timeout"},
		{"submitted, in the window", bindings.IJobMarketJob{Status: rpc.JobSubmitted, ChallengeEndsAt: 100}, 99, ""},
		{"submitted, window over", bindings.IJobMarketJob{Status: rpc.JobSubmitted, ChallengeEndsAt: 100}, 100, "finalize"},
		{"submitted, window over, disputed", bindings.IJobMarketJob{Status: rpc.JobSubmitted, ChallengeEndsAt: 100, OpenDisputes: 1}, 100, ""},
		{"finalized", bindings.IJobMarketJob{Status: rpc.JobFinalized}, 1 << 40, ""},
		{"cancelled", bindings.IJobMarketJob{Status: rpc.JobCancelled}, 1 << 40, ""},
	}
	for _, c := range cases {
		require.Equal(t, c.want, due(c.job, c.now), c.name)
	}
}

// submitResult submits a result for job whose K checkpoint roots are
// derived from tag: the final model root is the last checkpoint, proven
// under the checkpoints root.
func (c *simChain) submitResult(worker string, job uint64, k int, tag string) {
	c.t.Helper()
	roots := make([]commit.Hash, k)
	for i := range roots {
		roots[i] = commit.Hash(crypto.Keccak256Hash([]byte(tag), []byte{byte(i)}))
	}
	proof, err := commit.CheckpointProof(roots, k)
	require.NoError(c.t, err)
	p := make([][32]byte, len(proof))
	for i := range proof {
		p[i] = proof[i]
	}
	m := bindings.NewJobMarket()
	c.send(worker, m.Instance(c.backend, c.market), nil,
		m.PackSubmitResult(new(big.Int).SetUint64(job), roots[k-1], commit.CheckpointsRoot(roots), p))
}

// TestKeeper drives close auction, finalize and timeout on a simulated chain
// and checks that nothing is sent for jobs that are not due (the sequencer's
// nonce does not move): an assigned job past its deadline is timed out
// although a dispute is open against it, and a job nobody bids on goes
// through MAX_AUCTIONS auctions and is then cancelled, its escrow refundable.
func TestKeeper(t *testing.T) {
	c := newSimChain(t)
	ctx := context.Background()
	tm := c.txManager("sequencer")
	defer tm.Close()
	market := NewMarket(c.backend, c.market)
	k := NewKeeper(time.Second, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, market, c.backend, tm)
	m := bindings.NewJobMarket()
	mi := m.Instance(c.backend, c.market)
	job := func(id uint64) bindings.IJobMarketJob {
		j, err := market.GetJob(ctx, id)
		require.NoError(t, err)
		return j
	}
	nonce := func() uint64 {
		n, err := c.backend.NonceAt(ctx, c.addr("sequencer"), nil)
		require.NoError(t, err)
		return n
	}
	step := func() []KeeperAction {
		t.Helper()
		acts, err := k.Step(ctx)
		require.NoError(t, err)
		return stripTx(acts)
	}
	maxAuctions, err := m.UnpackMAXAUCTIONS(c.call(c.market, m.PackMAXAUCTIONS()))
	require.NoError(t, err)
	require.Equal(t, uint8(6), maxAuctions)

	c.register("worker")
	c.register("worker2")
	jobA := c.postJob() // bid on, assigned, submitted, finalized
	jobB := c.postJob() // assigned, disputed, timed out all the same, then re-auctioned
	jobC := c.postJob() // never bid on: restarted until MAX_AUCTIONS ran, then cancelled
	c.bid("worker", jobA)
	c.bid("worker2", jobB)

	// Nothing due yet.
	require.Empty(t, step())
	require.Equal(t, uint64(0), nonce())

	// Every auction's window passed: A and B are assigned, C's empty auction restarts.
	c.advance(601 * time.Second)
	require.ElementsMatch(t, []KeeperAction{act(jobA, "closeAuction", "assigned"), act(jobB, "closeAuction", "assigned"), act(jobC, "closeAuction", "restarted")}, step())
	require.Equal(t, rpc.JobAssigned, job(jobA).Status)
	require.Equal(t, rpc.JobAssigned, job(jobB).Status)
	require.Equal(t, rpc.JobOpen, job(jobC).Status)
	require.Equal(t, uint8(2), job(jobC).Auctions)

	c.submitResult("worker", jobA, 4, "A")
	c.send("arbiter", mi, nil, m.PackOpenDispute(new(big.Int).SetUint64(jobB)))
	require.Equal(t, uint16(1), job(jobB).OpenDisputes)
	n := nonce()
	require.Empty(t, step(), "A in its challenge window, B before its deadline, C's second auction running")
	require.Equal(t, n, nonce(), "no transaction for jobs that are not due")

	c.advance(601 * time.Second)
	require.Equal(t, []KeeperAction{act(jobC, "closeAuction", "restarted")}, step())
	require.Equal(t, uint8(3), job(jobC).Auctions)

	// A's challenge window is over.
	c.advance(1300 * time.Second)
	require.ElementsMatch(t, []KeeperAction{act(jobA, "finalize", "finalized"), act(jobC, "closeAuction", "restarted")}, step())
	require.Equal(t, rpc.JobFinalized, job(jobA).Status)
	require.Equal(t, uint8(4), job(jobC).Auctions)

	// B's deadline passed with its dispute still open: timed out all the same.
	c.advance(1800 * time.Second)
	require.Equal(t, rpc.JobAssigned, job(jobB).Status)
	require.Equal(t, uint16(1), job(jobB).OpenDisputes)
	require.ElementsMatch(t, []KeeperAction{act(jobB, "timeout", "reopened"), act(jobC, "closeAuction", "restarted")}, step())
	b := job(jobB)
	require.Equal(t, rpc.JobOpen, b.Status, "timed out jobs are reopened")
	require.Equal(t, uint16(0), b.OpenDisputes)
	require.Equal(t, uint8(1), b.Auctions)
	require.Equal(t, uint8(5), job(jobC).Auctions)

	// C's sixth auction starts; B's first auction after the reopening ends without a bid and restarts.
	c.advance(601 * time.Second)
	require.ElementsMatch(t, []KeeperAction{act(jobB, "closeAuction", "restarted"), act(jobC, "closeAuction", "restarted")}, step())
	require.Equal(t, uint8(6), job(jobC).Auctions)
	require.Equal(t, uint8(2), job(jobB).Auctions)

	// C's sixth auction ends without a bid: cancelled, the whole escrow refundable.
	c.advance(601 * time.Second)
	require.ElementsMatch(t, []KeeperAction{act(jobB, "closeAuction", "restarted"), act(jobC, "closeAuction", "cancelled")}, step())
	require.Equal(t, rpc.JobCancelled, job(jobC).Status)
	refund, err := m.UnpackRefundOf(c.call(c.market, m.PackRefundOf(new(big.Int).SetUint64(jobC), c.addr("client"))))
	require.NoError(t, err)
	require.Equal(t, big.NewInt(params.Ether), refund)

	// Nothing more is due until B's third auction ends; C is never touched again.
	n = nonce()
	require.Empty(t, step())
	require.Equal(t, n, nonce())
	require.Equal(t, jobA+1, k.lowest, "job A is over and never scanned again")
}

func act(id uint64, method, outcome string) KeeperAction {
	return KeeperAction{JobID: id, Method: method, Outcome: outcome}
}

func stripTx(acts []KeeperAction) []KeeperAction {
	out := make([]KeeperAction, len(acts))
	for i, a := range acts {
		out[i] = KeeperAction{JobID: a.JobID, Method: a.Method, Outcome: a.Outcome}
	}
	return out
}
