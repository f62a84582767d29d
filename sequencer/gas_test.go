package sequencer

import (
	"context"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
)

// BenchmarkGasPerCommitment measures, in one run on a simulated chain with
// the real contracts and the real tx manager, the gas paid per checkpoint
// commitment when it is posted in a batch of 1, 16, 64 or 256 entries
// (postBatch: whole transaction gas / entries), and when it is committed
// directly on chain (forceInclude: one transaction per commitment). The
// figures are reported as gas/commitment; ns/op is meaningless here.
func BenchmarkGasPerCommitment(b *testing.B) {
	c := newSimChain(b)
	tm := c.txManager("sequencer")
	defer tm.Close()
	ib := NewInbox(c.backend, c.inbox)
	worker := c.addr("worker")
	ctx := context.Background()
	job := uint64(1)
	commitments := func(n int) []inbox.Commitment {
		cs := make([]inbox.Commitment, n)
		for i := range cs {
			cs[i] = inbox.Commitment{JobID: job, Round: 1, Checkpoint: uint32(i + 1), StateRoot: crypto.Keccak256Hash([]byte(fmt.Sprint(job, i))), Worker: worker}
		}
		job++
		return cs
	}
	for _, n := range []int{1, 16, 64, 256} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) {
			var gas uint64
			for i := 0; i < b.N; i++ {
				r, err := tm.Send(ctx, ib.PostBatchCandidate(inbox.EncodeBatch(commitments(n))))
				require.NoError(b, err)
				require.Equal(b, types.ReceiptStatusSuccessful, r.Status)
				gas += r.GasUsed
			}
			b.ReportMetric(float64(gas)/float64(b.N*n), "gas/commitment")
			b.ReportMetric(float64(gas)/float64(b.N), "gas/tx")
		})
	}
	b.Run("direct=forceInclude", func(b *testing.B) {
		var gas uint64
		for i := 0; i < b.N; i++ {
			cm := commitments(1)[0]
			r, err := tm.Send(ctx, ib.ForceIncludeCandidate(toBinding(cm)))
			require.NoError(b, err)
			require.Equal(b, types.ReceiptStatusSuccessful, r.Status)
			gas += r.GasUsed
		}
		b.ReportMetric(float64(gas)/float64(b.N), "gas/commitment")
		b.ReportMetric(float64(gas)/float64(b.N), "gas/tx")
	})
}
