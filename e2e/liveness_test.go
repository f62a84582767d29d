package e2e

import (
	"context"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Liveness load: more jobs than free stake.
const (
	livenessJobs            = 12
	livenessBidWindow       = 6  // seconds: each auction
	livenessChallengeWindow = 10 // seconds: with the blocks around it, a job holds its worker at least this long
)

// TestLiveness (issue 10, mechanism 11 and the liveness rule): 12 small jobs
// are posted at once while two honest workers can each hold one job at a
// time (a stake of exactly one collateral). Nobody acts by hand: the
// keeper closes auctions, restarts the bid-less ones and finalizes; the
// workers bid on restarted auctions as their stake frees. Every job ends,
// finalized and paid or cancelled by rule after MAX_AUCTIONS auctions
// without a bid, with its escrow refundable; none is left Open, Assigned or
// Submitted. Both rules act: with 6 s auctions a job waits at most about 6
// x 6 s for a worker, and a worker holds a job at least its 10 s challenge
// window and a few blocks, so at least one job finds its worker after a
// restart and at least one is cancelled. At the end the market holds no
// stranded escrow: its balance is its totalAccounted, which is the refunds
// still claimable plus the earnings not withdrawn; once the client claims
// every refund the market is empty.
func TestLiveness(t *testing.T) {
	start := time.Now()
	s := startSoundNet(t)
	n := s.disputeNet
	ctx := context.Background()
	const workerA, workerB = 10, 11
	priceA, priceB := ethAmount(2, 10), ethAmount(3, 10)
	escrow := ethAmount(1, 1)
	b0 := n.head(t)
	bal0 := map[int]*big.Int{}
	for _, a := range []int{clientAcct, workerA, workerB} {
		bal0[a] = n.balanceAt(t, n.addr(a), b0)
	}
	wa := n.startWorker(t, "worker-a", workerA, priceA, "")
	wb := n.startWorker(t, "worker-b", workerB, priceB, "")
	mI := n.mI()

	// The jobs: the first through `gensyn job submit` (it uploads the spec and
	// the dataset), the others with its parameters, sent back to back.
	posted := time.Now()
	first := n.submitJob(t, n.specPath, "--max-price", "0.5eth", "--escrow", escrow.String(),
		"--bid-window", "6s", "--challenge-window", "10s")
	params := n.jobAt(t, first, nil).Params
	require.Equal(t, uint64(livenessBidWindow), params.BidWindow)
	require.Equal(t, uint64(livenessChallengeWindow), params.ChallengeWindow)
	var txs []*types.Transaction
	for range livenessJobs - 1 {
		opts := bind.NewKeyedTransactor(n.keys[clientAcct], n.chainID)
		opts.Value = escrow
		tx, err := bind.Transact(mI, opts, n.m.PackPostJob(params))
		require.NoError(t, err)
		txs = append(txs, tx)
	}
	ids := []uint64{first}
	for _, tx := range txs {
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		rc, err := bind.WaitMined(wctx, n.client, tx.Hash())
		cancel()
		require.NoError(t, err)
		require.Equal(t, types.ReceiptStatusSuccessful, rc.Status)
		ev, err := n.m.UnpackJobPostedEvent(rc.Logs[0])
		require.NoError(t, err)
		ids = append(ids, ev.JobId.Uint64())
	}
	require.Len(t, ids, livenessJobs)
	t.Logf("%d jobs posted in %.1fs (ids %d..%d); two workers with one collateral each", livenessJobs, time.Since(posted).Seconds(), ids[0], ids[len(ids)-1])

	// Every job ends without anyone's manual action; the workers withdraw
	// what they earned.
	var (
		mu   sync.Mutex
		left []string
	)
	ended := func() bool {
		var notYet []string
		for _, id := range ids {
			if st := n.jobAt(t, id, nil).Status; st != jobFinalized && st != jobCancelledStatus {
				notYet = append(notYet, "job "+strconv.FormatUint(id, 10)+" status "+strconv.Itoa(int(st)))
			}
		}
		for _, a := range []int{workerA, workerB} {
			if call(t, mI, n.m.PackBalanceOf(n.addr(a)), n.m.UnpackBalanceOf).Sign() != 0 {
				notYet = append(notYet, "worker "+strconv.Itoa(a)+" has not withdrawn")
			}
		}
		mu.Lock()
		left = notYet
		mu.Unlock()
		return len(notYet) == 0
	}
	if !assert.Eventually(t, ended, 5*time.Minute, 500*time.Millisecond) {
		mu.Lock()
		defer mu.Unlock()
		require.FailNow(t, "not every job ended", "%s", strings.Join(left, "; "))
	}
	took := time.Since(posted)

	// Pin one block for the accounting.
	b1 := n.head(t)
	at := new(big.Int).SetUint64(b1)
	maxAuctions := s.maxAuctions
	var finalized, cancelled, restartedThenFinalized int
	paid := map[common.Address]*big.Int{n.addr(workerA): new(big.Int), n.addr(workerB): new(big.Int)}
	refunds := new(big.Int)
	prices := new(big.Int)
	var auctionsOf []string
	for _, id := range ids {
		j := n.jobAt(t, id, at)
		require.Equal(t, escrow.String(), j.Escrow.String())
		refund := callAt(t, mI, at, n.m.PackRefundOf(new(big.Int).SetUint64(id), n.addr(clientAcct)), n.m.UnpackRefundOf)
		refunds.Add(refunds, refund)
		restarts := len(s.logsBetween(t, n.d.Contracts.JobMarket, s.mABI, "AuctionRestarted", b0, b1, common.BigToHash(new(big.Int).SetUint64(id))))
		require.Equal(t, int(j.Auctions)-1, restarts, "job %d: one AuctionRestarted per auction after the first", id)
		switch j.Status {
		case jobFinalized:
			finalized++
			fin := s.logsBetween(t, n.d.Contracts.JobMarket, s.mABI, "JobFinalized", b0, b1, common.BigToHash(new(big.Int).SetUint64(id)))
			require.Len(t, fin, 1)
			ev, err := n.m.UnpackJobFinalizedEvent(&fin[0])
			require.NoError(t, err)
			require.Equal(t, j.Worker, ev.Worker)
			want := priceA
			if j.Worker == n.addr(workerB) {
				want = priceB
			} else {
				require.Equal(t, n.addr(workerA), j.Worker)
			}
			require.Equal(t, want.String(), j.Price.String(), "job %d: the worker's price", id)
			require.Equal(t, uint32(1), j.Round)
			paid[j.Worker].Add(paid[j.Worker], j.Price)
			prices.Add(prices, j.Price)
			require.Equal(t, new(big.Int).Sub(escrow, j.Price).String(), refund.String(), "job %d: escrow - price refundable", id)
			if j.Auctions > 1 {
				restartedThenFinalized++
			}
			auctionsOf = append(auctionsOf, "F"+strconv.Itoa(int(j.Auctions)))
		case jobCancelledStatus:
			cancelled++
			require.Equal(t, maxAuctions, j.Auctions, "job %d: cancelled after MAX_AUCTIONS auctions", id)
			require.Empty(t, s.logsBetween(t, n.d.Contracts.JobMarket, s.mABI, "BidPlaced", b0, b1, common.BigToHash(new(big.Int).SetUint64(id))),
				"job %d: cancelled without a bid", id)
			require.Equal(t, escrow.String(), refund.String(), "job %d: the whole escrow refundable", id)
			auctionsOf = append(auctionsOf, "C"+strconv.Itoa(int(j.Auctions)))
		default:
			require.Failf(t, "job not over", "job %d: status %d", id, j.Status)
		}
	}
	require.Equal(t, livenessJobs, finalized+cancelled)
	require.GreaterOrEqual(t, finalized, 2, "each worker finished a job")
	require.Positive(t, cancelled, "a job found no worker in its auctions and was cancelled by rule")
	require.Positive(t, restartedThenFinalized, "a job found its worker after a restarted auction")

	// No stranded escrow: balance == totalAccounted == claimable refunds +
	// unwithdrawn earnings (none: the workers withdrew).
	mbal, err := n.client.BalanceAt(ctx, n.d.Contracts.JobMarket, at)
	require.NoError(t, err)
	accounted := callAt(t, mI, at, n.m.PackTotalAccounted(), n.m.UnpackTotalAccounted)
	earnings := new(big.Int)
	for _, a := range []int{workerA, workerB} {
		earnings.Add(earnings, callAt(t, mI, at, n.m.PackBalanceOf(n.addr(a)), n.m.UnpackBalanceOf))
	}
	require.Equal(t, mbal.String(), accounted.String(), "market balance == totalAccounted")
	require.Equal(t, accounted.String(), new(big.Int).Add(refunds, earnings).String(), "totalAccounted == claimable refunds + earnings not withdrawn")
	want := new(big.Int).Mul(escrow, big.NewInt(livenessJobs))
	require.Equal(t, want.Sub(want, prices).String(), refunds.String(), "the escrows less the prices paid are refundable")

	// The workers: paid their prices (withdrawn), never slashed, their stake
	// free again.
	require.Empty(t, s.logsBetween(t, n.d.Contracts.StakeManager, s.smABI, "Slashed", b0, b1), "nobody slashed")
	for _, a := range []int{workerA, workerB} {
		w := n.addr(a)
		withdrawn := new(big.Int)
		for _, lg := range s.logsBetween(t, n.d.Contracts.JobMarket, s.mABI, "Withdrawn", b0, b1, common.BytesToHash(w.Bytes())) {
			ev, err := n.m.UnpackWithdrawnEvent(&lg)
			require.NoError(t, err)
			withdrawn.Add(withdrawn, ev.Amount)
		}
		require.Equal(t, paid[w].String(), withdrawn.String(), "worker %d withdrew its prices", a)
		st := n.stake(t, w)
		require.Equal(t, collateral.String(), st.Staked.String())
		require.Zero(t, st.Locked.Sign(), "worker %d: no stake locked", a)
	}
	for _, p := range []*proc{wa, wb} {
		stopProc(t, p)
	}
	require.Contains(t, wa.log()+wb.log(), "Payment withdrawn")
	b2 := n.head(t)
	gasA := n.requireETH(t, workerA, b0, bal0[workerA], b2, new(big.Int).Sub(paid[n.addr(workerA)], collateral), "worker A")
	gasB := n.requireETH(t, workerB, b0, bal0[workerB], b2, new(big.Int).Sub(paid[n.addr(workerB)], collateral), "worker B")

	// The client claims every refund: the market is empty.
	var claims []*types.Transaction
	for _, id := range ids {
		claims = append(claims, s.sendNoWait(t, clientAcct, mI, nil, 0, n.m.PackClaimRefund(new(big.Int).SetUint64(id))))
	}
	for _, tx := range claims {
		s.requireMined(t, tx)
	}
	b3 := n.head(t)
	empty, err := n.client.BalanceAt(ctx, n.d.Contracts.JobMarket, new(big.Int).SetUint64(b3))
	require.NoError(t, err)
	require.Zero(t, empty.Sign(), "the market holds nothing once every refund is claimed")
	require.Zero(t, call(t, mI, n.m.PackTotalAccounted(), n.m.UnpackTotalAccounted).Sign())
	cgas := n.requireETH(t, clientAcct, b0, bal0[clientAcct], b3, new(big.Int).Neg(prices), "client")
	t.Logf("liveness: %d jobs ended in %.1fs after posting: %d finalized and paid (%d of them after a restarted auction), %d cancelled after %d auctions without a bid; "+
		"auctions per job %s; market at the end: %s wei = totalAccounted = %s wei claimable refunds + %s wei earnings; then every refund claimed, market empty",
		livenessJobs, took.Seconds(), finalized, restartedThenFinalized, cancelled, maxAuctions, strings.Join(auctionsOf, " "), mbal, refunds, earnings)
	t.Logf("liveness: worker A earned %s wei (gas %s wei), worker B %s wei (gas %s wei); client paid %s wei in prices (gas %s wei); whole test %.1fs",
		paid[n.addr(workerA)], gasA, paid[n.addr(workerB)], gasB, prices, cgas, time.Since(start).Seconds())
	logWarnings(t, "worker-a", wa)
	logWarnings(t, "worker-b", wb)
}
