package sequencer

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// TestKeeper drives close auction, finalize and timeout on a simulated chain
// and checks that nothing is sent for jobs that are not due (the sequencer's
// nonce does not move).
func TestKeeper(t *testing.T) {
	c := newSimChain(t)
	ctx := context.Background()
	tm := c.txManager("sequencer")
	defer tm.Close()
	market := NewMarket(c.backend, c.market)
	k := NewKeeper(time.Second, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, market, c.backend, tm)
	m := bindings.NewJobMarket()
	mi := m.Instance(c.backend, c.market)
	status := func(id uint64) uint8 {
		j, err := market.GetJob(ctx, id)
		require.NoError(t, err)
		return j.Status
	}
	nonce := func() uint64 {
		n, err := c.backend.NonceAt(ctx, c.addr("sequencer"), nil)
		require.NoError(t, err)
		return n
	}

	c.register("worker")
	c.register("worker2")
	jobA := c.postJob() // will be bid on, assigned, submitted, finalized
	jobB := c.postJob() // assigned, then timed out
	jobC := c.postJob() // no bid: the keeper leaves it (closeAuction would cancel it)
	c.bid("worker", jobA)
	c.bid("worker2", jobB)

	// Nothing due yet.
	acts, err := k.Step(ctx)
	require.NoError(t, err)
	require.Empty(t, acts)
	require.Equal(t, uint64(0), nonce())

	c.advance(601 * time.Second)
	acts, err = k.Step(ctx)
	require.NoError(t, err)
	require.Equal(t, []string{"closeAuction", "closeAuction"}, methods(acts))
	require.Equal(t, rpc.JobAssigned, status(jobA))
	require.Equal(t, rpc.JobAssigned, status(jobB))
	require.Equal(t, rpc.JobOpen, status(jobC))

	c.send("worker", mi, nil, m.PackSubmitResult(new(big.Int).SetUint64(jobA), crypto.Keccak256Hash([]byte("final")), crypto.Keccak256Hash([]byte("ckpts"))))
	n := nonce()
	acts, err = k.Step(ctx) // A in its challenge window, B before its deadline
	require.NoError(t, err)
	require.Empty(t, acts)
	require.Equal(t, n, nonce(), "no transaction for jobs that are not due")

	c.advance(3601 * time.Second)
	acts, err = k.Step(ctx)
	require.NoError(t, err)
	require.ElementsMatch(t, []KeeperAction{{JobID: jobA, Method: "finalize"}, {JobID: jobB, Method: "timeout"}}, stripTx(acts))
	require.Equal(t, rpc.JobFinalized, status(jobA))
	require.Equal(t, rpc.JobOpen, status(jobB), "timed out jobs are reopened")

	n = nonce()
	acts, err = k.Step(ctx)
	require.NoError(t, err)
	require.Empty(t, acts)
	require.Equal(t, n, nonce())
	require.Equal(t, jobA+1, k.lowest, "job A is over and never scanned again")
}

func methods(acts []KeeperAction) []string {
	var out []string
	for _, a := range acts {
		out = append(out, a.Method)
	}
	return out
}

func stripTx(acts []KeeperAction) []KeeperAction {
	out := make([]KeeperAction, len(acts))
	for i, a := range acts {
		out[i] = KeeperAction{JobID: a.JobID, Method: a.Method}
	}
	return out
}
