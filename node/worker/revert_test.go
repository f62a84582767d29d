package worker

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// TestRevertsDecoded: the worker's contract calls, simulations and gas
// estimates return reverts decoded to the error's name and arguments (what
// its logs then show), from whichever contract reverted.
func TestRevertsDecoded(t *testing.T) {
	c := testchain.New(t, "deployer", "arbiter", "sequencer", "worker")
	addrs := c.DeployProtocol("deployer", "arbiter", "sequencer")
	wc := NewContracts(c.Backend, addrs)
	ctx := context.Background()

	err := wc.Simulate(ctx, c.Addr("worker"), wc.BidCandidate(7, big.NewInt(1)))
	var re *reverts.RevertError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "execution reverted: UnknownJob(jobId: 7)", err.Error())

	_, err = wc.WithGasMargin(ctx, c.Addr("worker"), wc.WithdrawCandidate())
	require.ErrorAs(t, err, &re)
	require.Equal(t, "NothingToClaim", re.Name, err.Error())
}
