package bindings_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/commit"
)

var ether = big.NewInt(params.Ether)

func hashes(hs []commit.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

func eth(num, den int64) *big.Int {
	v := new(big.Int).Mul(ether, big.NewInt(num))
	return v.Div(v, big.NewInt(den))
}

// TestMarketLifecycle drives post, fund, bid, close auction (assign), submit
// result and finalize through the generated bindings, and checks every
// balance to the wei: the cheaper worker wins and is paid its price, the rest
// of the escrow goes back to the two funders pro rata, and the contracts end
// holding exactly the stakes.
func TestMarketLifecycle(t *testing.T) {
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "client", "funder", "worker1", "worker2")
	d := c.DeployProtocol("deployer", "arbiter", "sequencer")
	sm, reg, market, inbox := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	smI, regI, marketI := sm.Instance(c.Backend, d.StakeManager), reg.Instance(c.Backend, d.NodeRegistry), market.Instance(c.Backend, d.JobMarket)
	inboxI := inbox.Instance(c.Backend, d.CommitmentInbox)
	require.Equal(t, d.JobMarket, testchain.Call(t, inboxI, inbox.PackJobMarket(), inbox.UnpackJobMarket))
	call := func(contract *bind.BoundContract, data []byte, unpack func([]byte) (*big.Int, error)) *big.Int {
		t.Helper()
		return testchain.Call(t, contract, data, unpack)
	}

	actors := []string{"sequencer", "client", "funder", "worker1", "worker2"}
	start := map[string]*big.Int{}
	for _, name := range actors {
		start[name] = c.Balance(c.Addr(name))
	}

	// Workers register and stake 2 ETH each.
	for _, w := range []string{"worker1", "worker2"} {
		c.Send(w, regI, nil, reg.PackRegister([]byte("peer-"+w), "cpu:2 cores"))
		c.Send(w, smI, eth(2, 1), sm.PackDeposit())
	}

	// The client posts a job escrowing 1 ETH; a second funder adds 0.5 ETH.
	params := bindings.IJobMarketJobParams{
		SpecHash:           crypto.Keccak256Hash([]byte("spec")),
		DatasetHash:        crypto.Keccak256Hash([]byte("dataset")),
		DatasetUri:         crypto.Keccak256Hash([]byte("uri")),
		InitialStateRoot:   crypto.Keccak256Hash([]byte("state0")),
		GraphRoot:          crypto.Keccak256Hash([]byte("graph")),
		DataRoot:           crypto.Keccak256Hash([]byte("data")),
		Steps:              400,
		CheckpointInterval: 100,
		MaxPrice:           eth(9, 10),
		RequiredCollateral: eth(1, 1),
		BidWindow:          600,
		ExecutionWindow:    3600,
		ChallengeWindow:    1800,
	}
	posted := c.Send("client", marketI, eth(1, 1), market.PackPostJob(params))
	require.Len(t, posted.Logs, 1)
	ev, err := market.UnpackJobPostedEvent(posted.Logs[0])
	require.NoError(t, err)
	jobID := ev.JobId
	require.Equal(t, jobID, call(marketI, market.PackJobCount(), market.UnpackJobCount))
	job := testchain.Call(t, marketI, market.PackGetJob(jobID), market.UnpackGetJob)
	require.Equal(t, c.Addr("client"), job.Poster)
	c.Send("funder", marketI, eth(1, 2), market.PackFund(jobID))

	// Reverse auction: worker1 bids 0.8, worker2 undercuts at 0.6 ETH.
	c.Send("worker1", marketI, nil, market.PackBid(jobID, eth(8, 10)))
	c.Send("worker2", marketI, nil, market.PackBid(jobID, eth(6, 10)))
	c.Advance(time.Duration(params.BidWindow+1) * time.Second)
	c.Send("sequencer", marketI, nil, market.PackCloseAuction(jobID))
	require.Equal(t, c.Addr("worker2"), testchain.Call(t, marketI, market.PackWorkerOf(jobID), market.UnpackWorkerOf))
	require.Equal(t, eth(1, 1), call(smI, sm.PackLockedFor(c.Addr("worker2"), jobID), sm.UnpackLockedFor))
	require.Zero(t, call(smI, sm.PackLockedFor(c.Addr("worker1"), jobID), sm.UnpackLockedFor).Sign())

	// The winner submits its result: the final model is the last of the K = 4
	// checkpoints, proven under the checkpoints root. A root it cannot open
	// that way is refused. After the challenge window anyone finalizes.
	roots := make([]commit.Hash, params.Steps/params.CheckpointInterval)
	for i := range roots {
		roots[i] = commit.Hash(crypto.Keccak256Hash([]byte("checkpoint"), []byte{byte(i + 1)}))
	}
	proof, err := commit.CheckpointProof(roots, len(roots))
	require.NoError(t, err)
	final, ckRoot := roots[len(roots)-1], commit.CheckpointsRoot(roots)
	_, err = bind.Transact(marketI, c.Opts("worker2", nil), market.PackSubmitResult(jobID, roots[len(roots)-2], ckRoot, hashes(proof)))
	require.ErrorContains(t, err, "execution reverted", "a final model that is not the last checkpoint")
	c.Send("worker2", marketI, nil, market.PackSubmitResult(jobID, final, ckRoot, hashes(proof)))
	job = testchain.Call(t, marketI, market.PackGetJob(jobID), market.UnpackGetJob)
	require.Equal(t, [32]byte(final), job.FinalModelRoot)
	require.Equal(t, [32]byte(ckRoot), job.CheckpointsRoot)
	c.Advance(time.Duration(params.ChallengeWindow+1) * time.Second)
	c.Send("sequencer", marketI, nil, market.PackFinalize(jobID))
	require.Zero(t, call(smI, sm.PackLockedFor(c.Addr("worker2"), jobID), sm.UnpackLockedFor).Sign())

	// Pull payments: the worker withdraws its price, funders claim refunds of
	// (1.5 - 0.6) ETH pro rata to their 1.0 and 0.5 contributions.
	require.Equal(t, eth(6, 10), call(marketI, market.PackBalanceOf(c.Addr("worker2")), market.UnpackBalanceOf))
	c.Send("worker2", marketI, nil, market.PackWithdraw())
	c.Send("client", marketI, nil, market.PackClaimRefund(jobID))
	c.Send("funder", marketI, nil, market.PackClaimRefund(jobID))

	// Balances to the wei: start - stake - fees (+ payment or - escrow + refund).
	expect := func(name string, delta *big.Int) {
		t.Helper()
		want := new(big.Int).Add(start[name], delta)
		want.Sub(want, c.Fees(name))
		require.Equal(t, want, c.Balance(c.Addr(name)), name)
	}
	expect("worker2", new(big.Int).Sub(eth(6, 10), eth(2, 1)))
	expect("worker1", new(big.Int).Neg(eth(2, 1)))
	expect("client", new(big.Int).Neg(eth(4, 10))) // paid 1.0, refunded 0.6
	expect("funder", new(big.Int).Neg(eth(2, 10))) // paid 0.5, refunded 0.3
	expect("sequencer", new(big.Int))              // only fees
	require.Zero(t, c.Balance(d.JobMarket).Sign(), "market holds nothing once everyone is paid")
	require.Equal(t, eth(4, 1), c.Balance(d.StakeManager), "stake manager holds exactly the two stakes")
	require.Equal(t, eth(4, 1), call(smI, sm.PackTotalAccounted(), sm.UnpackTotalAccounted))
	require.Zero(t, call(marketI, market.PackTotalAccounted(), market.UnpackTotalAccounted).Sign())

	// No job is paid twice.
	_, err = bind.Transact(marketI, c.Opts("sequencer", nil), market.PackFinalize(jobID))
	require.ErrorContains(t, err, "execution reverted")
}
