package sequencer

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
)

// benchDueJobs is how many jobs fall due at once in BenchmarkKeeper.
const benchDueJobs = 200

// BenchmarkKeeper measures the keeper's transitions per second with
// benchDueJobs auctions ending at the same moment, on a real anvil, for the
// old behaviour (max in flight 1: each transition waits for the previous
// one's receipt) and the concurrent one, under anvil's automine (a block per
// transaction) and under 1 s interval mining (a devnet's block time).
//
//	go test ./sequencer -run '^$' -bench BenchmarkKeeper -benchtime 3x
func BenchmarkKeeper(b *testing.B) {
	for _, mining := range []struct {
		name     string
		interval uint64 // seconds; 0: automine
	}{{"automine", 0}, {"block-time=1s", 1}} {
		for _, inFlight := range []int{1, DefaultKeeperMaxInFlight} {
			b.Run(fmt.Sprintf("%s/in-flight=%d", mining.name, inFlight), func(b *testing.B) {
				benchKeeper(b, mining.interval, inFlight)
			})
		}
	}
}

func benchKeeper(b *testing.B, interval uint64, inFlight int) {
	c := testchain.NewAnvil(b, "deployer", "sequencer", "client")
	d := c.DeployProtocolWithGame("deployer", "sequencer", big.NewInt(params.Ether/10), 300, 30)
	rc, err := rpc.Dial(c.URL)
	require.NoError(b, err)
	defer rc.Close()
	ctx := context.Background()
	tm := c.TxManager("sequencer")
	market := NewMarket(c.Backend, d.JobMarket)
	k := NewKeeper(time.Second, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, market, c.Backend, tm)
	k.SetMaxInFlight(inFlight)
	m := bindings.NewJobMarket()
	mi := m.Instance(c.Backend, d.JobMarket)
	maxAuctions := testchain.Call(b, mi, m.PackMAXAUCTIONS(), m.UnpackMAXAUCTIONS)

	rounds := 0 // auctions the current jobs have run
	var transitions int
	var elapsed time.Duration
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		if rounds == 0 || rounds >= int(maxAuctions) {
			for j := 0; j < benchDueJobs; j++ { // nobody bids: each close restarts the auction
				c.Send("client", mi, big.NewInt(params.Ether), m.PackPostJob(jobParams()))
			}
			rounds = 0
		}
		c.Advance(601 * time.Second) // every open auction's bid window is over
		if interval > 0 {
			require.NoError(b, rc.Call(nil, "evm_setAutomine", false))
			require.NoError(b, rc.Call(nil, "evm_setIntervalMining", interval))
		}
		start := time.Now()
		b.StartTimer()
		acts, err := k.Step(ctx)
		b.StopTimer()
		elapsed += time.Since(start)
		require.NoError(b, err)
		require.Len(b, acts, benchDueJobs)
		transitions += len(acts)
		rounds++
		if interval > 0 {
			require.NoError(b, rc.Call(nil, "evm_setIntervalMining", 0))
			require.NoError(b, rc.Call(nil, "evm_setAutomine", true))
		}
	}
	b.ReportMetric(float64(transitions)/elapsed.Seconds(), "transitions/s")
	b.ReportMetric(float64(benchDueJobs), "due-jobs")
}
