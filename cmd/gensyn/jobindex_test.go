package main

import (
	"encoding/json"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
)

// TestJobStatusIndexer: job status and job list with --indexer.dir read the
// force-included checkpoints from the indexer's store (brought up to the
// head on each call) and give what the log scan gives; a store held by
// another process is one line.
func TestJobStatusIndexer(t *testing.T) {
	a := startAnvil(t)
	me := crypto.PubkeyToAddress(a.key.PublicKey)
	m, ib := bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	h := func(s string) [32]byte { return crypto.Keccak256Hash([]byte(s)) }
	a.sendValue(t, a.d.StakeManager, big.NewInt(2e18), bindings.NewStakeManager().PackDeposit())
	a.send(t, a.d.NodeRegistry, bindings.NewNodeRegistry().PackRegister([]byte("peer"), "cpu"))
	a.sendValue(t, a.d.JobMarket, big.NewInt(1e18), m.PackPostJob(bindings.IJobMarketJobParams{
		SpecHash: h("spec"), DatasetHash: h("data"), InitialStateRoot: h("s0"), GraphRoot: h("g"), DataRoot: h("d"),
		Steps: 1000, CheckpointInterval: 100, MaxPrice: big.NewInt(1e18), RequiredCollateral: big.NewInt(1e18),
		BidWindow: 60, ExecutionWindow: 3600, ChallengeWindow: 60}))
	a.send(t, a.d.JobMarket, m.PackBid(big.NewInt(1), big.NewInt(5e17)))
	a.advance(t, 61*time.Second)
	a.send(t, a.d.JobMarket, m.PackCloseAuction(big.NewInt(1)))
	forceInclude := func(k uint32) {
		a.send(t, a.d.CommitmentInbox, ib.PackForceInclude(bindings.ICommitmentInboxCommitment{
			JobId: 1, Round: 1, Checkpoint: k, StateRoot: common.BigToHash(big.NewInt(int64(k))), Worker: me}))
	}
	for k := uint32(1); k <= 9; k++ {
		forceInclude(k)
	}
	dir := filepath.Join(t.TempDir(), "index")
	chain := []string{"--l1-eth-rpc", a.url, "--deployments", a.deployments, "--sequencer", "http://127.0.0.1:1"}
	status := func(extra ...string) (string, error) {
		return runCLI(t, append(append(append([]string{"job", "status"}, chain...), extra...), "1")...)
	}

	// 9 of 10 force-included, the sequencer unreachable: unknown either way.
	_, errScan := status()
	_, errIndex := status("--indexer.dir", dir)
	require.Error(t, errScan)
	require.Error(t, errIndex)
	require.Equal(t, errScan.Error(), errIndex.Error())

	// The 10th: every checkpoint is on chain, no sequencer needed. The
	// store catches up on the call.
	forceInclude(10)
	out, err := status("--indexer.dir", dir)
	require.NoError(t, err)
	require.Contains(t, out, "10/10 checkpoints committed")
	scan, err := status()
	require.NoError(t, err)
	require.Equal(t, scan, out)

	list, err := runCLI(t, "job", "list", "--json", "--l1-eth-rpc", a.url, "--deployments", a.deployments, "--indexer.dir", dir)
	require.NoError(t, err)
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(list), &all))
	require.Len(t, all, 1)
	require.EqualValues(t, 10, all[0]["committed"])

	// The store is there for others to read, and is one process's at a time.
	s, err := indexer.Open(dir)
	require.NoError(t, err)
	j, err := s.Job(1)
	require.NoError(t, err)
	require.Equal(t, uint32(10), j.Committed)
	_, err = status("--indexer.dir", dir)
	require.NoError(t, s.Close())
	require.Error(t, err)
	require.Contains(t, err.Error(), "is in use")
}
