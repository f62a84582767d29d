package e2e

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
)

// The dispute tests run the real `gensyn` binary (blob store, sequencer with
// its keeper, workers, verifiers, the job client) on one anvil devnet per
// test function, with 30 funded accounts, 1 s blocks and a dispute clock of
// disputeClock seconds per side. Jobs are examples/digits-mlp.json cut to
// 200 steps (two checkpoints of 100).

const (
	disputeClock = 120 // seconds per side (devnet up --dispute-clock)

	// Game phases, outcomes and reasons (IVerdeArbitration).
	phaseStepRoots = 2
	phasePickStep  = 3
	phaseResolved  = 12

	outcomeWorkerWon     = 1
	outcomeChallengerWon = 2

	reasonTimeout   = 1
	reasonStepWrong = 6

	// JobMarket statuses.
	jobOpen      = 1
	jobAssigned  = 2
	jobFinalized = 4
	jobCancelled = 5
)

var collateral = ethAmount(1, 1)

// disputeNet is a lifecycle devnet (blob store, sequencer with its keeper)
// for dispute games.
type disputeNet struct {
	*lifecycle
	specPath string
	va       *bindings.VerdeArbitration
	sm       *bindings.StakeManager
	m        *bindings.JobMarket
	vaABI    *abi.ABI
	bond     *big.Int // the game's bond floor, bond()
	vbond    *big.Int // what a verifier sends: requiredBond() (here the floor) plus 12.5%
	bps      *big.Int
}

func startDisputeNet(t *testing.T) *disputeNet {
	t.Helper()
	c := startSeqChain(t, "--block-time", "1s", "--accounts", "30", "--dispute-clock", strconv.Itoa(disputeClock))
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	startBlobstore(t, t.TempDir(), addr)
	seq := c.startSequencer(t, t.TempDir(), "--batch.max-delay", "1s", "--keeper.interval", "1s", "--job-cache-ttl", "500ms")
	n := &disputeNet{lifecycle: &lifecycle{seqChain: c, blobURL: "http://" + addr, seq: seq},
		va: bindings.NewVerdeArbitration(), sm: bindings.NewStakeManager(), m: bindings.NewJobMarket()}
	require.Len(t, c.keys, 30)

	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "digits-mlp.json"))
	require.NoError(t, err)
	s := strings.Replace(string(raw), `"steps": 1000`, `"steps": 200`, 1)
	require.NotEqual(t, string(raw), s)
	require.Contains(t, s, `"checkpoint_interval": 100`)
	n.specPath = filepath.Join(t.TempDir(), "digits-200.json")
	require.NoError(t, os.WriteFile(n.specPath, []byte(s), 0o644))

	n.vaABI, err = bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(t, err)
	n.bond = call(t, n.vaI(), n.va.PackBond(), n.va.UnpackBond)
	// The devnet's base fee is far below bond / DEFENCE_GAS, so
	// requiredBond() is the floor, and a verifier sends it plus 12.5%
	// (docs/verifier.md), which the game keeps as its bond.
	require.Equal(t, n.bond.String(), call(t, n.vaI(), n.va.PackRequiredBond(), n.va.UnpackRequiredBond).String())
	n.vbond = new(big.Int).Add(n.bond, new(big.Int).Div(n.bond, big.NewInt(8)))
	require.Equal(t, uint64(disputeClock), call(t, n.vaI(), n.va.PackClock(), n.va.UnpackClock))
	n.bps = call(t, n.smI(), n.sm.PackSlashRewardBps(), n.sm.UnpackSlashRewardBps)
	return n
}

func (n *disputeNet) vaI() *bind.BoundContract {
	return n.va.Instance(n.client, n.d.Contracts.VerdeArbitration)
}
func (n *disputeNet) smI() *bind.BoundContract {
	return n.sm.Instance(n.client, n.d.Contracts.StakeManager)
}
func (n *disputeNet) mI() *bind.BoundContract { return n.m.Instance(n.client, n.d.Contracts.JobMarket) }

// reward is the challenger's share of a slashed collateral.
func (n *disputeNet) reward() *big.Int {
	r := new(big.Int).Mul(collateral, n.bps)
	return r.Div(r, big.NewInt(10_000))
}

// callAt is `call` at a given block (nil: latest).
func callAt[T any](t *testing.T, c *bind.BoundContract, block *big.Int, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(c, &bind.CallOpts{BlockNumber: block}, data, unpack)
	require.NoError(t, err)
	return v
}

func (n *disputeNet) jobAt(t *testing.T, id uint64, block *big.Int) bindings.IJobMarketJob {
	t.Helper()
	return callAt(t, n.mI(), block, n.m.PackGetJob(new(big.Int).SetUint64(id)), n.m.UnpackGetJob)
}

func (n *disputeNet) stake(t *testing.T, a common.Address) bindings.IStakeManagerStakeInfo {
	t.Helper()
	return call(t, n.smI(), n.sm.PackStakeOf(a), n.sm.UnpackStakeOf)
}

func (n *disputeNet) arbBalance(t *testing.T, a common.Address) *big.Int {
	t.Helper()
	return call(t, n.vaI(), n.va.PackBalanceOf(a), n.va.UnpackBalanceOf)
}

// arbBalanceAt is a's withdrawable balance in VerdeArbitration at a block.
func (n *disputeNet) arbBalanceAt(t *testing.T, a common.Address, block uint64) *big.Int {
	t.Helper()
	v, err := bind.Call(n.vaI(), &bind.CallOpts{BlockNumber: new(big.Int).SetUint64(block)}, n.va.PackBalanceOf(a), n.va.UnpackBalanceOf)
	require.NoError(t, err)
	return v
}

func (n *disputeNet) balanceAt(t *testing.T, a common.Address, block uint64) *big.Int {
	t.Helper()
	b, err := n.client.BalanceAt(context.Background(), a, new(big.Int).SetUint64(block))
	require.NoError(t, err)
	return b
}

func (n *disputeNet) head(t *testing.T) uint64 {
	t.Helper()
	b, err := n.client.BlockNumber(context.Background())
	require.NoError(t, err)
	return b
}

func (n *disputeNet) game(t *testing.T, id uint64) bindings.IVerdeArbitrationGame {
	t.Helper()
	return call(t, n.vaI(), n.va.PackGetGame(new(big.Int).SetUint64(id)), n.va.UnpackGetGame)
}

// gamesOf lists the ids of every game opened against job `job`.
func (n *disputeNet) gamesOf(t *testing.T, job uint64) []uint64 {
	t.Helper()
	count := call(t, n.vaI(), n.va.PackGameCount(), n.va.UnpackGameCount).Uint64()
	var out []uint64
	for id := uint64(0); id < count; id++ {
		if n.game(t, id).JobId == job {
			out = append(out, id)
		}
	}
	return out
}

// startWorker runs `gensyn worker` with a stake of exactly one job's
// collateral and a fixed price, with fault `fault` ("" for an honest
// worker), and waits until it is registered and staked. A worker whose one
// collateral is locked (or slashed) cannot bid on another job, and a worker
// does not bid above a job's max price: the tests give every job a max
// price equal to its worker's price, increasing from job to job, so that
// each job goes to the worker it was posted for and a reopened job is bid on
// by nobody.
func (n *disputeNet) startWorker(t *testing.T, name string, acct int, price *big.Int, fault string) *proc {
	t.Helper()
	args := []string{"worker",
		"--l1-eth-rpc", n.d.RPCURL, "--deployments", n.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", n.blobURL, "--sequencer", n.seq.url, "--poll-interval", "500ms",
		"--stake.target", collateral.String(), "--bid.price", price.String(), "--log.level", "debug",
	}
	if fault != "" {
		// "KIND@N": the fault starts at step N
		kind, step, _ := strings.Cut(fault, "@")
		args = append(args, "--unsafe.test-modes", "--unsafe.fault", kind)
		if step != "" {
			args = append(args, "--unsafe.fault-step", step)
		}
	}
	p := startProc(t, name, []string{"GENSYN_WORKER_PRIVATE_KEY=" + n.hexKeys[acct]}, args...)
	reg := bindings.NewNodeRegistry()
	require.Eventually(t, func() bool {
		return call(t, reg.Instance(n.client, n.d.Contracts.NodeRegistry), reg.PackIsRegistered(n.addr(acct)), reg.UnpackIsRegistered) &&
			n.stake(t, n.addr(acct)).Staked.Cmp(collateral) == 0
	}, 60*time.Second, 200*time.Millisecond, "%s never registered and staked", name)
	return p
}

// startVerifier runs `gensyn verifier` auditing every checkpoint.
func (n *disputeNet) startVerifier(t *testing.T, name string, acct int, dataDir string, extra ...string) *proc {
	t.Helper()
	args := append([]string{"verifier",
		"--l1-eth-rpc", n.d.RPCURL, "--deployments", n.depsPath, "--data-dir", dataDir,
		"--blobstore", n.blobURL, "--sequencer", n.seq.url, "--poll-interval", "500ms",
		"--audit.fraction", "1", "--log.level", "debug",
	}, extra...)
	return startProc(t, name, []string{"GENSYN_VERIFIER_PRIVATE_KEY=" + n.hexKeys[acct]}, args...)
}

// postJob posts the 200-step job with max price `price` and waits until
// `worker`'s bid on it is mined. extra are more `job submit` flags (they
// override the defaults: an execution window of an hour).
func (n *disputeNet) postJob(t *testing.T, price *big.Int, worker int, challengeWindow string, extra ...string) uint64 {
	t.Helper()
	args := append([]string{"--max-price", price.String(), "--bid-window", "4s", "--challenge-window", challengeWindow}, extra...)
	id := n.submitJob(t, n.specPath, args...)
	j := n.jobAt(t, id, nil)
	require.Equal(t, uint64(200), j.Params.Steps)
	require.Equal(t, uint64(4), j.Params.BidWindow)
	require.Equal(t, 0, j.Params.MaxPrice.Cmp(price))
	require.Eventually(t, func() bool { return n.jobAt(t, id, nil).Worker == n.addr(worker) }, 30*time.Second, 200*time.Millisecond,
		"job %d: the worker's bid never landed", id)
	return id
}

// gameReport is what one game cost: its transactions in order, the gas of
// each side, and its duration in chain time.
type gameReport struct {
	id            uint64
	moves         []string // "W:revealStepRoots", "C:pickStep", ...
	gasWorker     uint64
	gasChallenger uint64
	gasOther      uint64
	startBlock    uint64
	endBlock      uint64
	seconds       uint64
	resolved      *bindings.VerdeArbitrationGameResolved
	resolveTx     *types.Receipt
	shared        *bindings.VerdeArbitrationRewardShared // this game's reward share, if any
}

func (r gameReport) total() uint64 { return r.gasWorker + r.gasChallenger + r.gasOther }

func (r gameReport) String() string {
	return fmt.Sprintf("game %d: %d transactions (%s); gas %d (worker %d, challenger %d, others %d); %d s of chain time, blocks %d..%d",
		r.id, len(r.moves), strings.Join(r.moves, " "), r.total(), r.gasWorker, r.gasChallenger, r.gasOther, r.seconds, r.startBlock, r.endBlock)
}

// report reads a game's transactions from the logs that carry its id (every
// game event indexes it first, but RewardPooled, which indexes the job
// first), from the challenge to the resolution.
func (n *disputeNet) report(t *testing.T, id uint64) gameReport {
	t.Helper()
	ctx := context.Background()
	g := n.game(t, id)
	logs, err := n.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: big.NewInt(0), Addresses: []common.Address{n.d.Contracts.VerdeArbitration},
		Topics: [][]common.Hash{nil, {common.BigToHash(new(big.Int).SetUint64(id))}},
	})
	require.NoError(t, err)
	rep := gameReport{id: id}
	seen := map[common.Hash]bool{}
	signer := types.LatestSignerForChainID(n.chainID)
	pooled := n.vaABI.Events["RewardPooled"].ID
	for i := range logs {
		lg := logs[i]
		if lg.Topics[0] == pooled {
			continue // topic 1 is a job id that happens to equal the game id
		}
		if ev, err := n.va.UnpackGameResolvedEvent(&lg); err == nil {
			rep.resolved = ev
		}
		if ev, err := n.va.UnpackRewardSharedEvent(&lg); err == nil {
			rep.shared = ev
		}
		if seen[lg.TxHash] {
			continue
		}
		seen[lg.TxHash] = true
		tx, _, err := n.client.TransactionByHash(ctx, lg.TxHash)
		require.NoError(t, err)
		rc, err := n.client.TransactionReceipt(ctx, lg.TxHash)
		require.NoError(t, err)
		from, err := types.Sender(signer, tx)
		require.NoError(t, err)
		name := hexutil.Encode(tx.Data()[:4])
		if m, err := n.vaABI.MethodById(tx.Data()[:4]); err == nil {
			name = m.Name
		}
		switch from {
		case g.Worker:
			rep.gasWorker += rc.GasUsed
			name = "W:" + name
		case g.Challenger:
			rep.gasChallenger += rc.GasUsed
			name = "C:" + name
		default:
			rep.gasOther += rc.GasUsed
			name = "X:" + name
		}
		rep.moves = append(rep.moves, name)
		if rep.startBlock == 0 {
			rep.startBlock = rc.BlockNumber.Uint64()
		}
		rep.endBlock = rc.BlockNumber.Uint64()
		if rep.resolved != nil && rep.resolveTx == nil && lg.TxHash == rep.resolved.Raw.TxHash {
			rep.resolveTx = rc
		}
	}
	if rep.resolved != nil && rep.resolveTx == nil {
		// resolved in a transaction met earlier (a challenge resolved at once)
		rc, err := n.client.TransactionReceipt(ctx, rep.resolved.Raw.TxHash)
		require.NoError(t, err)
		rep.resolveTx = rc
	}
	require.NotZero(t, rep.startBlock, "game %d has no transactions", id)
	h0, err := n.client.HeaderByNumber(ctx, new(big.Int).SetUint64(rep.startBlock))
	require.NoError(t, err)
	h1, err := n.client.HeaderByNumber(ctx, new(big.Int).SetUint64(rep.endBlock))
	require.NoError(t, err)
	rep.seconds = h1.Time - h0.Time
	return rep
}

// waitResolved waits until game id is resolved.
func (n *disputeNet) waitResolved(t *testing.T, id uint64, within time.Duration) bindings.IVerdeArbitrationGame {
	t.Helper()
	var g bindings.IVerdeArbitrationGame
	require.Eventually(t, func() bool {
		g = n.game(t, id)
		return g.Phase == phaseResolved
	}, within, 250*time.Millisecond, "game %d never resolved", id)
	return g
}

// waitOneGame waits until exactly one game is opened against job and
// returns its id.
func (n *disputeNet) waitOneGame(t *testing.T, job uint64, within time.Duration) uint64 {
	t.Helper()
	var ids []uint64
	require.Eventually(t, func() bool {
		ids = n.gamesOf(t, job)
		return len(ids) > 0
	}, within, 250*time.Millisecond, "no game was opened against job %d", job)
	require.Len(t, ids, 1, "job %d: one game", job)
	return ids[0]
}

// requireCheaterLost checks, once game id is resolved, that the challenger
// won and was paid and that the worker lost exactly its collateral and is
// barred from the job, and returns the game's report. The slash reward
// goes to the game contract (the arbiter), which pools it among the
// round's live games and credits this game's challenger its bond and its
// share at once; the verifier withdraws both (withdraw()).
func (n *disputeNet) requireCheaterLost(t *testing.T, id, job uint64, worker, challenger int, v *proc) gameReport {
	t.Helper()
	g := n.waitResolved(t, id, 3*time.Minute)
	require.Equal(t, job, g.JobId)
	require.Equal(t, n.addr(worker), g.Worker)
	require.Equal(t, n.addr(challenger), g.Challenger)
	require.Equal(t, uint8(outcomeChallengerWon), g.Outcome, "game %d: the challenger wins", id)
	require.Equal(t, n.vbond.String(), g.Bond.String(), "the game keeps the bond the verifier sent: requiredBond() + 12.5%")
	rep := n.report(t, id)
	require.NotNil(t, rep.resolved)
	require.NotNil(t, rep.resolveTx)
	require.Equal(t, n.addr(challenger), rep.resolved.Paid, "the bond goes back to the challenger")
	require.Equal(t, n.vbond.String(), rep.resolved.Bond.String())

	// The resolving transaction slashed the whole collateral (its reward to
	// the game contract, the rest burned), barred the worker, reopened the
	// job, pooled the reward among the round's live games and credited this
	// game's share.
	var slashed *bindings.StakeManagerSlashed
	var resolvedInMarket *bindings.JobMarketDisputeResolved
	var pooled *bindings.VerdeArbitrationRewardPooled
	reopened := false
	for _, lg := range rep.resolveTx.Logs {
		if ev, err := n.sm.UnpackSlashedEvent(lg); err == nil && lg.Address == n.d.Contracts.StakeManager {
			slashed = ev
		}
		if ev, err := n.m.UnpackDisputeResolvedEvent(lg); err == nil && lg.Address == n.d.Contracts.JobMarket {
			resolvedInMarket = ev
		}
		if _, err := n.m.UnpackJobReopenedEvent(lg); err == nil && lg.Address == n.d.Contracts.JobMarket {
			reopened = true
		}
		if ev, err := n.va.UnpackRewardPooledEvent(lg); err == nil && lg.Address == n.d.Contracts.VerdeArbitration {
			pooled = ev
		}
	}
	require.NotNil(t, slashed, "no Slashed event in the resolving transaction")
	require.Equal(t, n.addr(worker), slashed.Staker)
	require.Equal(t, job, slashed.JobId.Uint64())
	require.Equal(t, n.d.Contracts.VerdeArbitration, slashed.Recipient, "the slash reward goes to the arbiter, the game")
	require.Equal(t, collateral.String(), slashed.Amount.String(), "the whole collateral is slashed")
	require.Equal(t, n.reward().String(), slashed.Reward.String(), "slashRewardBps of the collateral")
	require.Equal(t, new(big.Int).Sub(collateral, n.reward()).String(), slashed.Burned.String(), "the rest is burned")
	require.NotNil(t, resolvedInMarket)
	require.True(t, resolvedInMarket.WorkerLost)
	require.Equal(t, n.addr(challenger), resolvedInMarket.Challenger)
	require.Equal(t, collateral.String(), resolvedInMarket.Slashed.String())
	require.True(t, reopened, "the job is reopened")
	require.NotNil(t, pooled, "no RewardPooled event in the resolving transaction")
	require.Equal(t, id, pooled.GameId.Uint64())
	require.Equal(t, job, pooled.JobId.Uint64())
	require.Equal(t, g.Round, pooled.Round)
	require.Equal(t, n.reward().String(), pooled.Pot.String(), "the whole slash reward is pooled")
	require.NotZero(t, pooled.Shares, "this game is live")
	require.NotNil(t, rep.shared, "game %d: no RewardShared", id)
	require.Equal(t, n.addr(challenger), rep.shared.Challenger)
	require.Equal(t, rep.resolveTx.TxHash, rep.shared.Raw.TxHash, "the winning game is credited its share at once")
	// The winning game's share is the first paid: an equal part of the pot
	// (the whole pot when it is the round's only live game).
	share := new(big.Int).Div(pooled.Pot, big.NewInt(int64(pooled.Shares)))
	require.Equal(t, share.String(), rep.shared.Amount.String(), "an equal share of the pot among %d live games", pooled.Shares)

	// At the resolving block: the job is Open again with its escrow, the
	// worker barred from it, and the challenger's balance in the game went
	// up by exactly its bond and its share (per game of its own this block
	// credited; a withdrawal in the same block takes them back out).
	at := rep.resolveTx.BlockNumber
	before := new(big.Int).Sub(at, big.NewInt(1))
	j := n.jobAt(t, job, at)
	require.Equal(t, uint8(jobOpen), j.Status, "job %d reopened", job)
	require.Equal(t, common.Address{}, j.Worker)
	require.Equal(t, collateral.String(), j.Escrow.String(), "the escrow stays")
	require.Equal(t, uint8(1), j.Auctions, "a reopened job starts again at its first auction")
	require.True(t, callAt(t, n.mI(), at, n.m.PackIsBarred(new(big.Int).SetUint64(job), n.addr(worker)), n.m.UnpackIsBarred),
		"the slashed worker is barred from the job")
	credited := n.creditedInBlock(t, at.Uint64(), n.addr(challenger))
	require.GreaterOrEqual(t, credited.Cmp(new(big.Int).Add(n.vbond, share)), 0)
	b0 := callAt(t, n.vaI(), before, n.va.PackBalanceOf(n.addr(challenger)), n.va.UnpackBalanceOf)
	b1 := callAt(t, n.vaI(), at, n.va.PackBalanceOf(n.addr(challenger)), n.va.UnpackBalanceOf)
	got := new(big.Int).Sub(b1, b0)
	got.Add(got, n.withdrawnFromArb(t, before.Uint64(), at.Uint64(), n.addr(challenger)))
	require.Equal(t, credited.String(), got.String(), "balanceOf(challenger) rose by its bonds and shares")
	// The StakeManager keeps nothing for anyone: the game claimed the
	// reward in the same transaction.
	require.Zero(t, callAt(t, n.smI(), at, n.sm.PackRewardOf(n.d.Contracts.VerdeArbitration), n.sm.UnpackRewardOf).Sign())
	require.Zero(t, callAt(t, n.smI(), at, n.sm.PackRewardOf(n.addr(challenger)), n.sm.UnpackRewardOf).Sign())

	// The worker's stake was exactly the collateral: nothing staked or
	// locked is left.
	st := n.stake(t, n.addr(worker))
	require.Zero(t, st.Staked.Sign(), "staked after the slash")
	require.Zero(t, st.Locked.Sign(), "locked after the slash")
	require.Zero(t, call(t, n.smI(), n.sm.PackLockedFor(n.addr(worker), new(big.Int).SetUint64(job)), n.sm.UnpackLockedFor).Sign())

	// The verifier collects its bond and its share (withdraw), then marks
	// the game done.
	done := regexp.MustCompile(`msg="Game done" (role=verifier )?game=` + strconv.FormatUint(id, 10) + ` outcome=won bond=` +
		n.vbond.String() + ` share=` + share.String() + ` `)
	require.Eventually(t, func() bool { return done.MatchString(v.log()) }, 60*time.Second, 250*time.Millisecond,
		"the verifier never collected game %d", id)
	return rep
}

// creditedInBlock sums what the game contract credited `who` in block b:
// the bonds of the games resolved in its favour (GameResolved.paid) and its
// reward shares (RewardShared).
func (n *disputeNet) creditedInBlock(t *testing.T, b uint64, who common.Address) *big.Int {
	t.Helper()
	bn := new(big.Int).SetUint64(b)
	logs, err := n.client.FilterLogs(context.Background(), ethereum.FilterQuery{FromBlock: bn, ToBlock: bn,
		Addresses: []common.Address{n.d.Contracts.VerdeArbitration}})
	require.NoError(t, err)
	sum := new(big.Int)
	for i := range logs {
		if ev, err := n.va.UnpackGameResolvedEvent(&logs[i]); err == nil && ev.Paid == who {
			sum.Add(sum, ev.Bond)
		}
		if ev, err := n.va.UnpackRewardSharedEvent(&logs[i]); err == nil && ev.Challenger == who {
			sum.Add(sum, ev.Amount)
		}
	}
	return sum
}

// wonInBlock counts the games of `challenger` resolved in its favour in block b.
func (n *disputeNet) wonInBlock(t *testing.T, b uint64, challenger common.Address) int {
	t.Helper()
	bn := new(big.Int).SetUint64(b)
	logs, err := n.client.FilterLogs(context.Background(), ethereum.FilterQuery{FromBlock: bn, ToBlock: bn,
		Addresses: []common.Address{n.d.Contracts.VerdeArbitration}})
	require.NoError(t, err)
	c := 0
	for i := range logs {
		if ev, err := n.va.UnpackGameResolvedEvent(&logs[i]); err == nil && ev.Outcome == outcomeChallengerWon && ev.Paid == challenger {
			c++
		}
	}
	return c
}

// sumEvents sums an amount over the logs of contract in blocks (from, to]
// that unpack as the event.
func sumEvents[E any](t *testing.T, n *disputeNet, contract common.Address, from, to uint64, unpack func(*types.Log) (E, error), amount func(E) (common.Address, *big.Int), who common.Address) *big.Int {
	t.Helper()
	sum := new(big.Int)
	if to <= from {
		return sum // an empty range (anvil refuses a query from a block past its head)
	}
	logs, err := n.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from + 1), ToBlock: new(big.Int).SetUint64(to), Addresses: []common.Address{contract}})
	require.NoError(t, err)
	for i := range logs {
		if ev, err := unpack(&logs[i]); err == nil {
			if a, v := amount(ev); a == who {
				sum.Add(sum, v)
			}
		}
	}
	return sum
}

func (n *disputeNet) withdrawnFromArb(t *testing.T, from, to uint64, who common.Address) *big.Int {
	return sumEvents(t, n, n.d.Contracts.VerdeArbitration, from, to, n.va.UnpackWithdrawnEvent,
		func(e *bindings.VerdeArbitrationWithdrawn) (common.Address, *big.Int) { return e.Account, e.Amount }, who)
}

func (n *disputeNet) rewardsClaimed(t *testing.T, from, to uint64, who common.Address) *big.Int {
	return sumEvents(t, n, n.d.Contracts.StakeManager, from, to, n.sm.UnpackRewardClaimedEvent,
		func(e *bindings.StakeManagerRewardClaimed) (common.Address, *big.Int) { return e.Recipient, e.Amount }, who)
}

func (n *disputeNet) gasOf(t *testing.T, from, to uint64, who common.Address) *big.Int {
	if g := n.gasPaid(t, from, to)[who]; g != nil {
		return g
	}
	return new(big.Int)
}

// requireNothingToClaim checks that `acct` has nothing in VerdeArbitration
// and that a withdraw() reverts with NothingToClaim: as an eth_call (the
// revert data is the error's selector) and as a mined transaction (status
// failed). Only for an account no running process sends from.
func (n *disputeNet) requireNothingToClaim(t *testing.T, acct int) {
	t.Helper()
	ctx := context.Background()
	require.Zero(t, n.arbBalance(t, n.addr(acct)).Sign())
	to := n.d.Contracts.VerdeArbitration
	_, err := n.client.CallContract(ctx, ethereum.CallMsg{From: n.addr(acct), To: &to, Data: n.va.PackWithdraw()}, nil)
	require.Error(t, err)
	var de gethrpc.DataError
	require.True(t, errors.As(err, &de), "no revert data: %v", err)
	data, ok := de.ErrorData().(string)
	require.True(t, ok, "revert data %v", de.ErrorData())
	raw, err := hexutil.Decode(data)
	require.NoError(t, err)
	require.Equal(t, crypto.Keccak256([]byte("NothingToClaim()"))[:4], raw[:4], "withdraw() reverts NothingToClaim")
	dec, err := n.va.UnpackError(raw)
	require.NoError(t, err)
	require.IsType(t, &bindings.VerdeArbitrationNothingToClaim{}, dec)

	opts := bind.NewKeyedTransactor(n.keys[acct], n.chainID)
	opts.GasLimit = 100_000 // no estimate: send it anyway
	tx, err := bind.Transact(n.vaI(), opts, n.va.PackWithdraw())
	require.NoError(t, err)
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rc, err := bind.WaitMined(wctx, n.client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusFailed, rc.Status, "a second withdraw() is mined as a revert")
}

// wrongFinalWindow is the execution window of the wrong-final-root job, in
// seconds (the devnet's minimum for 200 steps is 61 s).
const wrongFinalWindow = 90

// marketLogs returns JobMarket's `event` logs of job id (its first indexed
// field) from block `from` on.
func (n *disputeNet) marketLogs(t *testing.T, event string, id, from uint64) []types.Log {
	t.Helper()
	mABI, err := bindings.JobMarketMetaData.ParseABI()
	require.NoError(t, err)
	ev, ok := mABI.Events[event]
	require.True(t, ok, "no event %s", event)
	logs, err := n.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{n.d.Contracts.JobMarket},
		Topics: [][]common.Hash{{ev.ID}, {common.BigToHash(new(big.Int).SetUint64(id))}},
	})
	require.NoError(t, err)
	return logs
}

// requireRefusedAndTimedOut follows the job of a `wrong-final-root` worker,
// which trains and commits honestly but submits a final model root that is
// not its last checkpoint: the market refuses the result
// (BadCheckpointsRoot) and the job stays Assigned, with nothing to
// challenge (no result; the verifier does not audit Assigned jobs). Once
// its execution window is over the keeper times it out: the whole
// collateral is burned (no reward to anyone, the poster included), the
// worker barred from the job and the job reopened with its escrow. No
// other worker can take it (see the order of the cases), so its auctions
// end without a bid and, after MAX_AUCTIONS of them, the job is cancelled
// with the whole escrow to refund. Nobody is paid.
func (n *disputeNet) requireRefusedAndTimedOut(t *testing.T, id uint64, worker int, w, v *proc) {
	t.Helper()
	ids := strconv.FormatUint(id, 10)
	refused := regexp.MustCompile(`UNSAFE fault wrong-final-root: the market refused a final model root that is not the last checkpoint" .*job=` +
		ids + ` .*BadCheckpointsRoot`)
	require.Eventually(t, func() bool { return refused.MatchString(w.log()) }, 2*time.Minute, 250*time.Millisecond,
		"the market never refused the wrong-final-root result")
	j := n.jobAt(t, id, nil)
	require.Equal(t, uint8(jobAssigned), j.Status, "the result is refused: the job stays Assigned")
	require.Equal(t, [32]byte{}, j.FinalModelRoot)
	require.Equal(t, uint64(wrongFinalWindow), j.Params.ExecutionWindow)
	require.Equal(t, n.addr(worker), j.Worker)
	round := j.Round

	// The keeper times the job out after its deadline.
	var out []types.Log
	require.Eventually(t, func() bool {
		out = n.marketLogs(t, "JobTimedOut", id, 0)
		return len(out) > 0
	}, (wrongFinalWindow+60)*time.Second, 500*time.Millisecond, "job %d never timed out", id)
	require.Len(t, out, 1)
	to, err := n.m.UnpackJobTimedOutEvent(&out[0])
	require.NoError(t, err)
	require.Equal(t, n.addr(worker), to.Worker)
	require.Equal(t, collateral.String(), to.Slashed.String(), "the whole collateral")
	rc, err := n.client.TransactionReceipt(context.Background(), out[0].TxHash)
	require.NoError(t, err)
	var slashed *bindings.StakeManagerSlashed
	reopened := false
	for _, lg := range rc.Logs {
		if ev, err := n.sm.UnpackSlashedEvent(lg); err == nil && lg.Address == n.d.Contracts.StakeManager {
			slashed = ev
		}
		if _, err := n.m.UnpackJobReopenedEvent(lg); err == nil && lg.Address == n.d.Contracts.JobMarket {
			reopened = true
		}
	}
	require.NotNil(t, slashed, "no Slashed event in the timeout")
	require.Equal(t, n.addr(worker), slashed.Staker)
	require.Equal(t, common.Address{}, slashed.Recipient, "no recipient")
	require.Equal(t, collateral.String(), slashed.Amount.String())
	require.Zero(t, slashed.Reward.Sign(), "no reward to anyone")
	require.Equal(t, collateral.String(), slashed.Burned.String(), "the whole collateral is burned")
	require.True(t, reopened, "the timed-out job is reopened")
	at := rc.BlockNumber
	ja := n.jobAt(t, id, at)
	require.Equal(t, uint8(jobOpen), ja.Status)
	require.Equal(t, round, ja.Round)
	require.Equal(t, uint8(1), ja.Auctions, "a reopened job starts again at its first auction")
	require.Equal(t, collateral.String(), ja.Escrow.String(), "the escrow stays")
	require.True(t, callAt(t, n.mI(), at, n.m.PackIsBarred(new(big.Int).SetUint64(id), n.addr(worker)), n.m.UnpackIsBarred),
		"the timed-out worker is barred from the job")
	st := n.stake(t, n.addr(worker))
	require.Zero(t, st.Staked.Sign(), "staked after the timeout")
	require.Zero(t, st.Locked.Sign(), "locked after the timeout")

	// Nobody bids on the reopened job: its auctions restart until the last
	// one, and it is cancelled with the whole escrow to refund.
	var cancelled []types.Log
	require.Eventually(t, func() bool {
		cancelled = n.marketLogs(t, "JobCancelled", id, at.Uint64())
		return len(cancelled) > 0
	}, 3*time.Minute, 500*time.Millisecond, "job %d was never cancelled", id)
	jc, err := n.m.UnpackJobCancelledEvent(&cancelled[0])
	require.NoError(t, err)
	require.Equal(t, collateral.String(), jc.Refund.String(), "the whole escrow goes back")
	maxAuctions := call(t, n.mI(), n.m.PackMAXAUCTIONS(), n.m.UnpackMAXAUCTIONS)
	jEnd := n.jobAt(t, id, nil)
	require.Equal(t, uint8(jobCancelled), jEnd.Status)
	require.Equal(t, maxAuctions, jEnd.Auctions)
	require.Len(t, n.marketLogs(t, "AuctionRestarted", id, at.Uint64()), int(maxAuctions)-1)
	require.Empty(t, n.marketLogs(t, "BidPlaced", id, at.Uint64()), "nobody bid on the reopened job")
	require.Empty(t, n.marketLogs(t, "ResultSubmitted", id, 0), "no result was ever accepted")

	// Nothing to challenge, nobody paid; the worker says why it skips the job.
	require.Empty(t, n.gamesOf(t, id), "no game: there is no result to dispute")
	require.Zero(t, call(t, n.mI(), n.m.PackBalanceOf(n.addr(worker)), n.m.UnpackBalanceOf).Sign(), "the worker is not paid")
	require.NotContains(t, w.log(), "Payment withdrawn")
	require.NotContains(t, w.log(), "Result submitted")
	require.Equal(t, 1, strings.Count(w.log(), "the market refused a final model root"), "the refusal is logged once")
	barred := regexp.MustCompile(`msg="Skipping job" .*job=` + ids + ` reason="barred: slashed or timed out on the job"`)
	require.Eventually(t, func() bool { return barred.MatchString(w.log()) }, 30*time.Second, 250*time.Millisecond,
		"the worker never skipped the job it is barred from")
	require.NotRegexp(t, regexp.MustCompile(`msg="Game opened" .*job=`+ids+` `), v.log())
}

// faultCase is one cheating worker of TestDisputeCheaters.
type faultCase struct {
	kind   string
	acct   int
	cheats bool // whether its claimed states differ from the honest ones
}

// TestDisputeCheaters: one honest verifier (auditing every checkpoint) runs
// while a worker of each fault kind takes its own job: every cheater is
// challenged, loses its whole collateral (half to the verifier, through the
// game, the rest burned), is barred from the job, the verifier gets its bond
// back and the reward, and the job reopens; a `withhold` worker (honest
// training, no dispute blobs) is never challenged and is paid; a
// `wrong-final-root` worker's result is refused by the market, and it is
// timed out (its whole collateral burned, nobody paid, the worker barred,
// the job cancelled once its auctions find no other worker). Then a
// verifier is killed with SIGKILL in the middle of a game and restarted on
// its data directory (it finishes the game and wins), and a `stop-answering`
// worker loses on time.
func TestDisputeCheaters(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	const verifierAcct = 6
	vAddr := n.addr(verifierAcct)
	b0 := n.head(t)
	vBal0 := n.balanceAt(t, vAddr, b0)
	v := n.startVerifier(t, "verifier", verifierAcct, t.TempDir())
	t.Logf("devnet and verifier up in %.1fs; bond %s wei, slash reward %s bps, clock %d s", time.Since(start).Seconds(), n.bond, n.bps, disputeClock)

	cases := []faultCase{
		{"perturb-weight", 10, true}, {"skip-steps", 11, true}, {"wrong-batch", 12, true}, {"wrong-lr", 13, true},
		{"initial-model", 14, true}, {"corrupt-final", 15, true},
		// honest training and checkpoints, but a final model root that is not
		// the last checkpoint: the market refuses the result and the job
		// times out. It comes before the withhold worker, so that its
		// reopened job's max price is below every price of a worker that
		// still has free stake: nobody bids on it.
		{"wrong-final-root", 21, true},
		{"withhold", 16, false},
		// a cheater that publishes none of its dispute data: the verifier
		// bisects its Merkle trees with on-chain queries (at its own step, so
		// that no other worker published the same data)
		{"perturb-weight,withhold@137", 20, true},
	}
	var (
		mu       sync.Mutex
		reports  = map[string]gameReport{}
		wonGames int
	)
	t.Run("faults", func(t *testing.T) {
		for i, fc := range cases {
			price := ethAmount(int64(i+1), 100) // increasing: see startWorker
			t.Run(fc.kind, func(t *testing.T) {
				// Sequential part: the worker takes its job.
				w := n.startWorker(t, "worker-"+fc.kind, fc.acct, price, fc.kind)
				posted := time.Now()
				if fc.kind == "wrong-final-root" {
					// a short execution window (the devnet's minimum is 60 s
					// + 1 ms a step), so that the job times out in the test
					id := n.postJob(t, price, fc.acct, "40s", "--execution-window", strconv.Itoa(wrongFinalWindow)+"s")
					t.Parallel()
					n.requireRefusedAndTimedOut(t, id, fc.acct, w, v)
					t.Logf("%s: result refused, timed out and cancelled %.1fs after posting", fc.kind, time.Since(posted).Seconds())
					return
				}
				id := n.postJob(t, price, fc.acct, "40s")
				t.Parallel()

				if !fc.cheats {
					// withhold is honest training that only keeps its dispute
					// data to itself: nothing to challenge.
					require.Eventually(t, func() bool {
						j := n.jobAt(t, id, nil)
						bal := call(t, n.mI(), n.m.PackBalanceOf(n.addr(fc.acct)), n.m.UnpackBalanceOf)
						return j.Status == jobFinalized && bal.Sign() == 0 && strings.Contains(w.log(), "Payment withdrawn")
					}, 3*time.Minute, 250*time.Millisecond, "the withhold worker's job never finalized and paid")
					audited := regexp.MustCompile(`msg="Job audited" (role=verifier )?job=` + strconv.FormatUint(id, 10) + ` round=1 checked=2 mismatched=0`)
					require.Regexp(t, audited, v.log(), "the verifier audited both checkpoints and found them right")
					require.Empty(t, n.gamesOf(t, id), "no game against the honest (withholding) worker")
					st := n.stake(t, n.addr(fc.acct))
					require.Equal(t, collateral.String(), st.Staked.String(), "not slashed")
					require.Zero(t, st.Locked.Sign())
					require.NotContains(t, w.log(), "Dispute game")
					t.Logf("%s: not challenged (both checkpoints audited right), finalized and paid %.1fs after posting", fc.kind, time.Since(posted).Seconds())
					return
				}

				gid := n.waitOneGame(t, id, 2*time.Minute)
				rep := n.requireCheaterLost(t, gid, id, fc.acct, verifierAcct, v)
				require.Regexp(t, `msg="Dispute game lost`, w.log())
				logWarnings(t, "worker-"+fc.kind, w)
				require.Equal(t, 0, n.arbBalance(t, n.addr(fc.acct)).Sign(), "the cheater gets nothing")
				t.Logf("%s: %s; post to resolution %.1fs", fc.kind, rep, time.Since(posted).Seconds())
				if fc.kind == "perturb-weight" {
					require.LessOrEqual(t, len(rep.moves), 10, "at most 10 moves with the data published")
					require.LessOrEqual(t, rep.total(), uint64(2_000_000), "at most 2,000,000 gas with the data published")
				}
				// Every state cheat goes to the one-step, which finds the
				// worker's primitive result wrong.
				require.Equal(t, "W:proveStep", rep.moves[len(rep.moves)-1])
				require.Equal(t, uint8(reasonStepWrong), rep.resolved.Reason, "lost at the one-step")
				if strings.Contains(fc.kind, "withhold") {
					require.Contains(t, strings.Join(rep.moves, " "), "C:query", "the verifier queried the withheld data")
					require.Regexp(t, `UNSAFE fault withhold: not publishing the move's data`, w.log())
				}
				mu.Lock()
				reports[fc.kind] = rep
				wonGames++
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}

	// The verifier's ETH to the wei: every bond went back and every reward
	// (the whole pot of each game: each was its round's only live game) was
	// credited by the game and withdrawn from it, and it paid its own gas.
	// Nothing goes through the StakeManager's rewards any more.
	require.Eventually(t, func() bool {
		return n.arbBalance(t, vAddr).Sign() == 0 && strings.Count(v.log(), `msg="Game done"`) == wonGames
	}, 60*time.Second, 250*time.Millisecond, "the verifier never collected every game")
	stopProc(t, v)
	logWarnings(t, "verifier", v)
	b1 := n.head(t)
	gas := n.gasOf(t, b0, b1, vAddr)
	bonds := new(big.Int).Mul(n.vbond, big.NewInt(int64(wonGames)))
	rewards := new(big.Int).Mul(n.reward(), big.NewInt(int64(wonGames)))
	withdrawn := n.withdrawnFromArb(t, b0, b1, vAddr)
	require.Equal(t, new(big.Int).Add(bonds, rewards).String(), withdrawn.String(), "every bond and every reward withdrawn from the game")
	require.Zero(t, n.rewardsClaimed(t, b0, b1, vAddr).Sign(), "no StakeManager reward of the verifier's own")
	require.Zero(t, call(t, n.smI(), n.sm.PackRewardOf(vAddr), n.sm.UnpackRewardOf).Sign())
	want := new(big.Int).Sub(vBal0, gas)
	want.Add(want, rewards)
	require.Equal(t, want.String(), n.balanceAt(t, vAddr, b1).String(), "verifier's ETH: start - gas + rewards (bonds back)")
	t.Logf("verifier: %d games won; gas %s wei; rewards %s wei; bonds and rewards %s wei withdrawn", wonGames, gas, rewards, withdrawn)
	// Claiming again: nothing left.
	n.requireNothingToClaim(t, verifierAcct)

	var totals []string
	for _, fc := range cases {
		if r, ok := reports[fc.kind]; ok {
			totals = append(totals, fmt.Sprintf("%s %d moves %d gas (W %d, C %d) %ds", fc.kind, len(r.moves), r.total(), r.gasWorker, r.gasChallenger, r.seconds))
		}
	}
	t.Logf("disputes: %s", strings.Join(totals, "; "))
	t.Logf("faults stage done at %.1fs", time.Since(start).Seconds())

	t.Run("verifier-crash", func(t *testing.T) {
		const crashVerifier, worker = 7, 17
		price := ethAmount(int64(len(cases)+1), 100)
		dataDir := t.TempDir()
		b0 := n.head(t)
		bal0 := n.balanceAt(t, n.addr(crashVerifier), b0)
		v1 := n.startVerifier(t, "verifier-crash-1", crashVerifier, dataDir)
		w := n.startWorker(t, "worker-crash", worker, price, "perturb-weight")
		id := n.postJob(t, price, worker, "40s")
		// Kill it as its first move, the challenge, goes out: after the
		// mismatch, once its transaction is being published (it may or may not
		// reach the chain before the process dies).
		require.Eventually(t, func() bool {
			l := v1.log()
			i := strings.Index(l, `msg="Checkpoint mismatch"`)
			return i >= 0 && strings.Contains(l[i:], `msg="Publishing transaction"`)
		}, 2*time.Minute, 5*time.Millisecond, "the verifier never sent its challenge")
		v1.kill9(t)
		atKill := len(n.gamesOf(t, id))
		latest, err := n.client.NonceAt(context.Background(), n.addr(crashVerifier), nil)
		require.NoError(t, err)
		pending, err := n.client.PendingNonceAt(context.Background(), n.addr(crashVerifier))
		require.NoError(t, err)
		t.Logf("killed the verifier while its challenge was being published (games on chain at the kill: %d; pending transactions: %d)",
			atKill, pending-latest)

		v2 := n.startVerifier(t, "verifier-crash-2", crashVerifier, dataDir)
		gid := n.waitOneGame(t, id, 2*time.Minute)
		// Once it has picked a step (its first move in the game), kill it
		// again.
		require.Eventually(t, func() bool { return n.game(t, gid).Phase > phasePickStep }, 60*time.Second, 50*time.Millisecond,
			"the restarted verifier never picked a step")
		g := n.game(t, gid)
		v2.kill9(t)
		// The restarted verifier either adopted the first challenge's game
		// (mined before it started, or pending in the node's pool, which it
		// waited out) or, the first transaction having never reached the
		// node, found no game and sent the challenge itself: never both.
		l2 := v2.log()
		waited := strings.Contains(l2, `msg="Own transactions pending; waiting until they are mined or dropped"`)
		adopted := strings.Contains(l2, `msg="Game adopted from the chain"`)
		resent := strings.Contains(l2, `msg="The challenge in flight at the last stop never reached the chain`)
		opened := strings.Contains(l2, `msg="Game opened"`)
		t.Logf("killed the restarted verifier after its pickStep (phase %d); it waited for its pending transaction: %v; adopted the game from the chain: %v; "+
			"found the challenge never reached the chain and sent it: %v", g.Phase, waited, adopted, resent)
		require.True(t, adopted != resent, "the restarted verifier adopts the game or sends the challenge, exactly one")
		require.Equal(t, resent, opened, "it opens a game only when the first challenge never reached the chain")
		if resent {
			require.Zero(t, atKill, "a game was on chain, yet the restarted verifier sent the challenge again")
			require.False(t, waited, "a transaction was pending, yet the restarted verifier sent the challenge again")
		}
		if atKill > 0 || waited {
			require.True(t, adopted, "the first challenge reached the chain: its game is adopted")
		}

		v3 := n.startVerifier(t, "verifier-crash-3", crashVerifier, dataDir)
		rep := n.requireCheaterLost(t, gid, id, worker, crashVerifier, v3)
		require.Equal(t, []uint64{gid}, n.gamesOf(t, id), "never challenged twice")
		require.Equal(t, 1, strings.Count(strings.Join(rep.moves, " "), "C:challenge"))
		require.Equal(t, uint8(reasonStepWrong), rep.resolved.Reason, "won at the one-step")
		require.NotContains(t, v3.log(), `msg="Game opened"`, "the third start plays the recorded game on")
		require.NotContains(t, v3.log(), `msg="Game adopted from the chain"`)
		require.Regexp(t, `msg="Dispute game lost`, w.log())
		require.Eventually(t, func() bool { return n.arbBalance(t, n.addr(crashVerifier)).Sign() == 0 }, 30*time.Second, 250*time.Millisecond)
		stopProc(t, v3)
		// one bond sent and back, and the reward
		gas := n.requireETH(t, crashVerifier, b0, bal0, n.head(t), n.reward(), "crashed verifier")
		t.Logf("verifier crash: %s; verifier gas %s wei", rep, gas)
		for i, p := range []*proc{v1, v2, v3} {
			logWarnings(t, fmt.Sprintf("verifier-crash-%d", i+1), p)
		}
	})
	if t.Failed() {
		return
	}

	// stop-answering and withhold alone are honest training: an honest
	// verifier has nothing to challenge (a worker takes a single fault). A
	// verifier in the test modes challenges both anyway (checkpoint 1, random
	// picks). The stop-answering worker makes its first move and then goes
	// silent: it loses on time however right its training was. The withhold
	// worker reveals its step roots without publishing them: the random
	// challenger, which needs them to pick, cannot move and loses its bond on
	// time; the worker is paid.
	t.Run("stop-answering", func(t *testing.T) {
		const challenger, silentWorker, withholdWorker = 8, 18, 19
		b0 := n.head(t)
		bal0 := map[int]*big.Int{}
		for _, a := range []int{challenger, withholdWorker} {
			bal0[a] = n.balanceAt(t, n.addr(a), b0)
		}
		rv := n.startVerifier(t, "verifier-random", challenger, t.TempDir(),
			"--unsafe.test-modes", "--unsafe.challenge-all", "--unsafe.strategy", "random", "--unsafe.challenge-checkpoint", "1")
		price := ethAmount(int64(len(cases)+2), 100)
		// a cheater that goes silent after its first move
		w := n.startWorker(t, "worker-stop-answering", silentWorker, price, "perturb-weight,stop-answering")
		id := n.postJob(t, price, silentWorker, "40s")
		wprice := ethAmount(int64(len(cases)+3), 100)
		ww := n.startWorker(t, "worker-withhold-2", withholdWorker, wprice, "withhold")
		wid := n.postJob(t, wprice, withholdWorker, "40s")

		gid := n.waitOneGame(t, id, 2*time.Minute)
		// The worker's first move is made, then it is the worker's turn and
		// it stays silent.
		require.Eventually(t, func() bool {
			g := n.game(t, gid)
			return g.Phase > phasePickStep && g.Phase != phaseResolved && !isChallengerPhase(g.Phase)
		}, 60*time.Second, 250*time.Millisecond, "the game never reached the worker's second move")
		require.Eventually(t, func() bool { return strings.Contains(w.log(), "UNSAFE fault stop-answering: not making the move") },
			30*time.Second, 250*time.Millisecond)
		phase := n.game(t, gid).Phase

		// The withholding worker's game waits on the challenger, which cannot
		// pick without the worker's data. (Both workers trained the same spec
		// honestly, so the step roots blob the stop-answering worker published
		// is byte for byte the withholding worker's: the challenger finds it
		// by its hash and may pick a step; it is stuck on the step trace,
		// which nobody published.)
		wgid := n.waitOneGame(t, wid, 2*time.Minute)
		stuck := regexp.MustCompile(`game ` + strconv.FormatUint(wgid, 10) + `: compute move in phase [a-z-]+: dispute: no winning move: a random pick needs the worker's published`)
		require.Eventually(t, func() bool {
			g := n.game(t, wgid)
			return g.Phase != phaseResolved && isChallengerPhase(g.Phase) && stuck.MatchString(rv.log()) &&
				strings.Contains(ww.log(), "UNSAFE fault withhold: not publishing the move's data")
		}, 60*time.Second, 250*time.Millisecond, "the withholding worker's game never got stuck on the challenger")
		t.Logf("withhold game %d: the challenger is stuck in phase %d", wgid, n.game(t, wgid).Phase)

		n.warpT(t, disputeClock+5)
		rep := n.requireCheaterLost(t, gid, id, silentWorker, challenger, rv)
		require.Equal(t, uint8(reasonTimeout), rep.resolved.Reason, "lost on time")
		require.Regexp(t, `msg="The worker's clock ran out"`, rv.log())
		t.Logf("stop-answering: silent in phase %d; %s (after a warp of %d s)", phase, rep, disputeClock+5)

		g := n.waitResolved(t, wgid, 60*time.Second)
		require.Equal(t, uint8(outcomeWorkerWon), g.Outcome, "the withholding (honest) worker wins")
		wrep := n.report(t, wgid)
		require.Equal(t, uint8(reasonTimeout), wrep.resolved.Reason)
		require.Equal(t, n.addr(withholdWorker), wrep.resolved.Paid)
		require.Eventually(t, func() bool {
			j := n.jobAt(t, wid, nil)
			mbal := call(t, n.mI(), n.m.PackBalanceOf(n.addr(withholdWorker)), n.m.UnpackBalanceOf)
			return j.Status == jobFinalized && mbal.Sign() == 0 && n.arbBalance(t, n.addr(withholdWorker)).Sign() == 0 &&
				strings.Contains(ww.log(), "Payment withdrawn")
		}, 60*time.Second, 250*time.Millisecond, "the withholding worker's job never finalized and paid")
		st := n.stake(t, n.addr(withholdWorker))
		require.Equal(t, collateral.String(), st.Staked.String(), "not slashed")
		require.Zero(t, st.Locked.Sign())
		t.Logf("withhold challenged: %s", wrep)
		require.Eventually(t, func() bool { return strings.Contains(rv.log(), `outcome=lost`) }, 30*time.Second, 250*time.Millisecond)

		stopProc(t, rv)
		stopProc(t, ww)
		b1 := n.head(t)
		// The challenger: one bond lost, one back with the reward.
		gas := n.requireETH(t, challenger, b0, bal0[challenger], b1, new(big.Int).Sub(n.reward(), n.vbond), "random challenger")
		// The withholding worker: its stake deposited, its price and the bond in.
		wdelta := new(big.Int).Sub(new(big.Int).Add(wprice, n.vbond), collateral)
		wgas := n.requireETH(t, withholdWorker, b0, bal0[withholdWorker], b1, wdelta, "withholding worker")
		t.Logf("random challenger gas %s wei; withholding worker gas %s wei", gas, wgas)
		logWarnings(t, "verifier-random", rv)
		logWarnings(t, "worker-withhold-2", ww)
	})
	t.Logf("whole test %.1fs", time.Since(start).Seconds())
}

// stopProc stops a service (SIGINT) and waits for it.
func stopProc(t *testing.T, p *proc) {
	t.Helper()
	if p.cmd.ProcessState != nil {
		return
	}
	require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
	_ = p.cmd.Wait()
}

// requireETH checks acct's balance at block b1 to the wei: its balance at
// b0 plus delta, less the fees of its transactions in (b0, b1]; it returns
// the fees.
func (n *disputeNet) requireETH(t *testing.T, acct int, b0 uint64, bal0 *big.Int, b1 uint64, delta *big.Int, what string) *big.Int {
	t.Helper()
	gas := n.gasOf(t, b0, b1, n.addr(acct))
	want := new(big.Int).Add(bal0, delta)
	want.Sub(want, gas)
	require.Equal(t, want.String(), n.balanceAt(t, n.addr(acct), b1).String(), "%s's ETH to the wei", what)
	return gas
}

var logLevel = regexp.MustCompile(`lvl=(warn|eror|error|crit) msg=("[^"]*"|\S+)`)

// logWarnings logs how many warnings and errors of each message a process
// logged (retries the tests do not otherwise see).
func logWarnings(t *testing.T, name string, p *proc) {
	t.Helper()
	counts := map[string]int{}
	var order []string
	for _, m := range logLevel.FindAllStringSubmatch(p.log(), -1) {
		k := m[1] + " " + m[2]
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%dx %s", counts[k], k))
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	t.Logf("%s warnings/errors: %s", name, strings.Join(parts, "; "))
}

// warpT is warp reporting to t.
func (n *disputeNet) warpT(t *testing.T, seconds int) {
	t.Helper()
	require.NoError(t, n.rpc.Call(nil, "evm_increaseTime", seconds))
	require.NoError(t, n.rpc.Call(nil, "evm_mine"))
}

// isChallengerPhase: PickCheckpoint, PickStep, PickNode, PickElement,
// PickEntry.
func isChallengerPhase(p uint8) bool { return p == 1 || p == 3 || p == 5 || p == 7 || p == 9 }

// TestDisputeDishonestChallengers: against one honest worker on one job,
// four verifiers challenging a correct checkpoint with random picks each
// lose their bond to the worker, and one that stops answering after one move
// loses its bond on time; the worker is never slashed, the job finalizes and
// pays it, and every balance is right to the wei. A loser's withdraw()
// reverts NothingToClaim.
func TestDisputeDishonestChallengers(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	const worker, silent = 10, 11
	randoms := []int{6, 7, 8, 9}
	all := append(append([]int{}, randoms...), silent, worker)
	b0 := n.head(t)
	bal0 := map[int]*big.Int{}
	for _, a := range all {
		bal0[a] = n.balanceAt(t, n.addr(a), b0)
	}
	verifiers := map[int]*proc{}
	for i, a := range randoms {
		verifiers[a] = n.startVerifier(t, fmt.Sprintf("verifier-random-%d", i), a, t.TempDir(),
			"--unsafe.test-modes", "--unsafe.challenge-all", "--unsafe.strategy", "random",
			"--unsafe.challenge-checkpoint", strconv.Itoa(1+i%2))
	}
	verifiers[silent] = n.startVerifier(t, "verifier-silent", silent, t.TempDir(),
		"--unsafe.test-modes", "--unsafe.challenge-all", "--unsafe.strategy", "random", "--unsafe.stop-after", "1",
		"--unsafe.challenge-checkpoint", "2")
	price := ethAmount(3, 10)
	w := n.startWorker(t, "worker", worker, price, "")
	posted := time.Now()
	id := n.postJob(t, price, worker, "60s")

	// Five games against the job, one per verifier.
	var ids []uint64
	require.Eventually(t, func() bool {
		ids = n.gamesOf(t, id)
		return len(ids) == 5
	}, 2*time.Minute, 250*time.Millisecond, "five games never opened")
	byChallenger := map[common.Address]uint64{}
	for _, gid := range ids {
		byChallenger[n.game(t, gid).Challenger] = gid
	}
	require.Len(t, byChallenger, 5, "one game per verifier")

	// The random challengers lose (the worker defends every pick).
	for _, a := range randoms {
		gid := byChallenger[n.addr(a)]
		g := n.waitResolved(t, gid, 3*time.Minute)
		require.Equal(t, uint8(outcomeWorkerWon), g.Outcome, "random challenger %d's game %d", a, gid)
		rep := n.report(t, gid)
		require.Equal(t, n.addr(worker), rep.resolved.Paid, "the bond goes to the worker")
		require.Equal(t, n.vbond.String(), rep.resolved.Bond.String())
		t.Logf("random challenger (account %d, checkpoint %d): %s; reason %d", a, g.Checkpoint, rep, rep.resolved.Reason)
	}

	// The silent one: one move, then nothing. Once every other game is over,
	// skip its clock.
	sid := byChallenger[n.addr(silent)]
	require.Eventually(t, func() bool {
		g := n.game(t, sid)
		if g.Phase == phaseResolved || !isChallengerPhase(g.Phase) {
			return false
		}
		r := n.report(t, sid)
		return strings.Count(strings.Join(r.moves, " "), "C:") == 2 && strings.HasPrefix(r.moves[len(r.moves)-1], "W:")
	}, 60*time.Second, 500*time.Millisecond, "the silent challenger's game never waited on it after its one move")
	time.Sleep(3 * time.Second) // it stays silent
	rep := n.report(t, sid)
	require.Equal(t, 2, strings.Count(strings.Join(rep.moves, " "), "C:"), "challenge and one move: %v", rep.moves)
	require.True(t, isChallengerPhase(n.game(t, sid).Phase))
	n.warpT(t, disputeClock+5)
	g := n.waitResolved(t, sid, 60*time.Second)
	require.Equal(t, uint8(outcomeWorkerWon), g.Outcome, "the silent challenger loses")
	rep = n.report(t, sid)
	require.Equal(t, uint8(reasonTimeout), rep.resolved.Reason, "on time")
	require.Equal(t, n.addr(worker), rep.resolved.Paid)
	t.Logf("silent challenger: %s (after a warp of %d s)", rep, disputeClock+5)

	// The job finalizes (no dispute open, window over); the worker withdraws
	// its price and the five bonds.
	require.Eventually(t, func() bool {
		j := n.jobAt(t, id, nil)
		mbal := call(t, n.mI(), n.m.PackBalanceOf(n.addr(worker)), n.m.UnpackBalanceOf)
		return j.Status == jobFinalized && mbal.Sign() == 0 && n.arbBalance(t, n.addr(worker)).Sign() == 0 &&
			strings.Contains(w.log(), "Payment withdrawn")
	}, 2*time.Minute, 250*time.Millisecond, "the job never finalized and paid the worker")
	t.Logf("post to payment %.1fs", time.Since(posted).Seconds())
	for _, a := range all {
		if p := verifiers[a]; p != nil {
			require.Eventually(t, func() bool { return strings.Contains(p.log(), `outcome=lost`) }, 30*time.Second, 250*time.Millisecond,
				"verifier %d never recorded its loss", a)
			stopProc(t, p)
			logWarnings(t, fmt.Sprintf("verifier %d", a), p)
		}
	}
	stopProc(t, w)
	logWarnings(t, "worker", w)

	b1 := n.head(t)
	gas := n.gasPaid(t, b0, b1)
	fee := func(a int) *big.Int {
		if g := gas[n.addr(a)]; g != nil {
			return g
		}
		return new(big.Int)
	}
	st := n.stake(t, n.addr(worker))
	require.Equal(t, collateral.String(), st.Staked.String(), "the honest worker is never slashed")
	require.Zero(t, st.Locked.Sign())
	require.False(t, call(t, n.mI(), n.m.PackIsBarred(new(big.Int).SetUint64(id), n.addr(worker)), n.m.UnpackIsBarred),
		"the honest worker is not barred")
	bonds := new(big.Int).Mul(n.vbond, big.NewInt(5))
	require.Equal(t, bonds.String(), n.withdrawnFromArb(t, b0, b1, n.addr(worker)).String(), "the worker withdrew the five bonds")
	// worker: - stake + price + 5 bonds - gas; each challenger: - bond - gas.
	want := new(big.Int).Sub(bal0[worker], collateral)
	want.Add(want, price).Add(want, bonds).Sub(want, fee(worker))
	require.Equal(t, want.String(), n.balanceAt(t, n.addr(worker), b1).String(), "worker's ETH")
	for _, a := range append(append([]int{}, randoms...), silent) {
		want := new(big.Int).Sub(bal0[a], n.vbond)
		want.Sub(want, fee(a))
		require.Equal(t, want.String(), n.balanceAt(t, n.addr(a), b1).String(), "challenger %d's ETH", a)
		require.Zero(t, n.withdrawnFromArb(t, b0, b1, n.addr(a)).Sign())
	}
	// A losing challenger claiming a bond: NothingToClaim.
	n.requireNothingToClaim(t, randoms[0])
	n.requireNothingToClaim(t, silent)
	t.Logf("worker gas %s wei; challengers' gas %s %s %s %s %s wei; whole test %.1fs", fee(worker),
		fee(randoms[0]), fee(randoms[1]), fee(randoms[2]), fee(randoms[3]), fee(silent), time.Since(start).Seconds())
}
