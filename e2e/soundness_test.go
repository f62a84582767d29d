package e2e

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/jobclient"
)

// The soundness tests (issue 10) play the attacks of the mechanisms
// 1, 2, 3, 4, 6 and 8 with real processes (blob store, sequencer with its
// keeper, workers with --unsafe.fault, verifiers) on one anvil devnet of
// startDisputeNet (1 s blocks, a dispute clock of disputeClock s, the
// devnet's answer time), one subtest per mechanism, in order: each starts
// its own processes and stops them, and where a clock must run out the test
// warps the chain past the deadline the game itself reports (toMove), never
// by a guess. Jobs are the 200-step digits job of startDisputeNet. Every
// worker's price is the max price of its own job and rises from subtest to
// subtest, so that a job reopened in one subtest gets no bid from the
// workers of the next.

// Reasons of IVerdeArbitration (node/dispute has the phases, lists and
// outcomes).
const (
	soundReasonTimeout = 1
	soundReasonShared  = 8
)

// soundNet is a dispute devnet with the game's parameters read from chain.
type soundNet struct {
	*disputeNet
	clock, answerTime uint64
	defenceGas        uint64
	maxAuctions       uint8
	vaABI, mABI       *abi.ABI
	smABI, inboxABI   *abi.ABI
}

func startSoundNet(t *testing.T) *soundNet {
	t.Helper()
	s := &soundNet{disputeNet: startDisputeNet(t)}
	s.clock = call(t, s.vaI(), s.va.PackClock(), s.va.UnpackClock)
	s.answerTime = call(t, s.vaI(), s.va.PackAnswerTime(), s.va.UnpackAnswerTime)
	s.defenceGas = call(t, s.vaI(), s.va.PackDEFENCEGAS(), s.va.UnpackDEFENCEGAS).Uint64()
	s.maxAuctions = call(t, s.mI(), s.m.PackMAXAUCTIONS(), s.m.UnpackMAXAUCTIONS)
	var err error
	s.vaABI, err = bindings.VerdeArbitrationMetaData.ParseABI()
	require.NoError(t, err)
	s.mABI, err = bindings.JobMarketMetaData.ParseABI()
	require.NoError(t, err)
	s.smABI, err = bindings.StakeManagerMetaData.ParseABI()
	require.NoError(t, err)
	s.inboxABI, err = bindings.CommitmentInboxMetaData.ParseABI()
	require.NoError(t, err)
	return s
}

// TestSoundness: mechanisms 1 (never-train), 2 (junk padding, step-trace
// variant), 3 (sybil redirect), 4 (query griefing), 6 (impossible windows)
// and 8 (a slashed cheater re-bids) of issue 10, end to end. See each
// subtest.
func TestSoundness(t *testing.T) {
	start := time.Now()
	s := startSoundNet(t)
	t.Logf("devnet up in %.1fs: clock %d s, answer time %d s, DEFENCE_GAS %d, MAX_AUCTIONS %d, slash reward %s bps",
		time.Since(start).Seconds(), s.clock, s.answerTime, s.defenceGas, s.maxAuctions, s.bps)
	var took []string
	for _, st := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"never-train", s.neverTrain},
		{"junk-padding", s.junkPadding},
		{"sybil-redirect", s.sybilRedirect},
		{"query-griefing", s.queryGriefing},
		{"impossible-windows", s.impossibleWindows},
		{"rebid", s.rebid},
	} {
		t0 := time.Now()
		if !t.Run(st.name, st.run) {
			return // the devnet's state is not what the next subtest expects
		}
		took = append(took, st.name+" "+strconv.FormatFloat(time.Since(t0).Seconds(), 'f', 1, 64)+"s")
	}
	t.Logf("soundness: %s; whole test %.1fs", strings.Join(took, ", "), time.Since(start).Seconds())
}

// neverTrain (mechanism 1): a worker that never trains wins a job and
// submits at once a result over made-up checkpoint roots, with no
// commitment and nothing published. The honest verifier cannot know its
// roots: it replays the whole job, opens a result game (challengeResult) and
// queries the checkpoints list; the worker cannot answer and loses on time.
// It is slashed, the verifier gets its bond and the whole slash reward
// (withdrawn from the game), the job is reopened and the worker is never
// paid.
func (s *soundNet) neverTrain(t *testing.T) {
	const verifier, worker = 6, 10
	price := ethAmount(1, 100)
	b0 := s.head(t)
	bal0 := s.balancesAt(t, b0, verifier, worker)
	v := s.startVerifier(t, "verifier-1", verifier, t.TempDir())
	w := s.startWorker(t, "worker-never-train", worker, price, "never-train")
	id := s.postJob(t, price, worker, "30s")
	gid := s.waitOneGame(t, id, 2*time.Minute)

	// The worker is silent in the game: the verifier's checkpoints query waits
	// on it, with its whole clock plus the answer time.
	require.Eventually(t, func() bool {
		return dispute.Phase(s.game(t, gid).Phase) == dispute.PhaseAnswer &&
			strings.Contains(w.log(), "UNSAFE fault never-train: not answering")
	}, 2*time.Minute, 250*time.Millisecond, "the verifier's checkpoints query never waited on the worker")
	g := s.game(t, gid)
	require.Equal(t, s.addr(verifier), g.Challenger)
	require.Zero(t, g.Checkpoint, "a result game before its pick")
	require.Equal(t, uint8(dispute.ListCheckpoints), g.QueryList)
	require.Equal(t, uint32(2), g.Checkpoints)
	j := s.jobAt(t, id, nil)
	require.Equal(t, uint8(jobSubmittedStatus), j.Status)
	require.Equal(t, g.CheckpointList, j.CheckpointsList, "the game opens the list the market fixed at submitResult")
	_, deadline := s.toMove(t, gid)
	require.Equal(t, g.LastMoveAt+s.clock+s.answerTime, deadline, "the worker's clock: all of it, plus the answer time")

	// Nothing was committed or trained: no commitment in the inbox, and the
	// result is not the honest one.
	st := s.jobStatus(t, id)
	require.Zero(t, st.Committed, "no commitment acknowledged or force-included")
	require.Zero(t, st.Posted)
	require.Empty(t, s.logsOf(t, s.d.Contracts.CommitmentInbox, s.inboxABI, "ForceIncluded", 0, common.BigToHash(new(big.Int).SetUint64(id))))
	honest := localRoots(t, s.specPath)
	require.NotEqual(t, common.Hash(commit.CheckpointsRoot(honest)), common.Hash(j.CheckpointsRoot))
	require.NotEqual(t, common.Hash(honest[len(honest)-1]), common.Hash(j.FinalModelRoot))
	published, err := blobstore.NewClient(s.blobURL, nil).Lookup(context.Background(), blobstore.Hash(j.FinalModelRoot))
	require.NoError(t, err)
	require.Empty(t, published, "no checkpoint published under the final model root")
	require.Contains(t, w.log(), "UNSAFE fault never-train: submitting a result over made-up checkpoint roots")
	require.Regexp(t, `msg="The result's checkpoint roots are not the worker's known commitments; replaying the whole job" .*job=`+strconv.FormatUint(id, 10), v.log())
	require.Regexp(t, `msg="The result's checkpoints root is not the replay's; challenging the result" .*job=`+strconv.FormatUint(id, 10), v.log())

	s.warpPast(t, deadline)
	rep := s.requireWorkerSlashed(t, gid, id, worker, verifier, 1)
	require.Equal(t, uint8(soundReasonTimeout), rep.resolved.Reason, "lost on time")
	moves := strings.Join(rep.moves, " ")
	require.True(t, strings.HasPrefix(moves, "C:challengeResult C:query"), moves)
	require.True(t, strings.HasSuffix(moves, "C:timeout"), moves)
	require.NotContains(t, moves, "W:", "the worker never moved")
	require.Eventually(t, func() bool { return strings.Contains(w.log(), `msg="Dispute game lost`) }, 30*time.Second, 250*time.Millisecond,
		"the worker never saw that it lost")

	// The verifier: its bond back and the whole reward, withdrawn from the
	// game; the worker: never paid.
	s.waitGameDone(t, v, verifier, gid, "won", g.Bond, s.reward())
	stopProc(t, v)
	stopProc(t, w)
	b1 := s.head(t)
	require.Equal(t, new(big.Int).Add(g.Bond, s.reward()).String(), s.withdrawnFromArb(t, b0, b1, s.addr(verifier)).String(),
		"the verifier withdrew its bond and the whole slash reward from the game")
	vgas := s.requireETH(t, verifier, b0, bal0[verifier], b1, s.reward(), "verifier")
	s.requireNeverPaid(t, worker, b0, b1)
	wgas := s.requireETH(t, worker, b0, bal0[worker], b1, new(big.Int).Neg(collateral), "never-train worker")
	t.Logf("never-train: %s; verifier gas %s wei, paid %s wei of slash reward; worker gas %s wei, stake %s wei slashed",
		rep, vgas, s.reward(), wgas, collateral)
	logWarnings(t, "verifier-1", v)
	logWarnings(t, "worker-never-train", w)
}

// junkPadding (mechanism 2, step-trace variant): a cheater whose step-trace
// reveal carries junk at a padding slot of its trace list. The contract's
// padding check refuses the reveal (PaddingSibling: the worker's eth_call
// of it reverts, so it is never mined), the worker has no other move and
// loses on time. The honest challenger wins and is paid its bond and the
// reward; nobody pays the challenger's bond to the cheater.
func (s *soundNet) junkPadding(t *testing.T) {
	const verifier, worker = 7, 11
	price := ethAmount(2, 100)
	b0 := s.head(t)
	bal0 := s.balancesAt(t, b0, verifier, worker)
	v := s.startVerifier(t, "verifier-2", verifier, t.TempDir())
	w := s.startWorker(t, "worker-junk-padding", worker, price, "perturb-weight,junk-padding")
	id := s.postJob(t, price, worker, "30s")
	gid := s.waitOneGame(t, id, 2*time.Minute)

	refused := regexp.MustCompile(`UNSAFE fault junk-padding: the contract refused the junk-padded step trace reveal; no move left, the game is lost on time" .*game=` +
		strconv.FormatUint(gid, 10) + ` .*revert="?PaddingSibling`)
	require.Eventually(t, func() bool {
		return dispute.Phase(s.game(t, gid).Phase) == dispute.PhaseStepTrace && refused.MatchString(w.log())
	}, 2*time.Minute, 250*time.Millisecond, "the junk-padded step trace was never refused")
	g := s.game(t, gid)
	require.Equal(t, s.addr(verifier), g.Challenger)
	require.Contains(t, w.log(), "UNSAFE fault junk-padding: revealing a step trace list with junk at a padding slot")
	_, deadline := s.toMove(t, gid)
	require.Equal(t, g.LastMoveAt+g.WorkerClock, deadline)

	s.warpPast(t, deadline)
	rep := s.requireWorkerSlashed(t, gid, id, worker, verifier, 1)
	require.Equal(t, uint8(soundReasonTimeout), rep.resolved.Reason, "lost on time")
	require.Equal(t, "C:challenge W:revealStepRoots C:pickStep C:timeout", strings.Join(rep.moves, " "),
		"no step trace was ever accepted")
	require.Equal(t, 1, strings.Count(w.log(), "the contract refused the junk-padded step trace reveal"), "the refusal is logged once")

	s.waitGameDone(t, v, verifier, gid, "won", g.Bond, s.reward())
	stopProc(t, v)
	stopProc(t, w)
	b1 := s.head(t)
	require.Equal(t, new(big.Int).Add(g.Bond, s.reward()).String(), s.withdrawnFromArb(t, b0, b1, s.addr(verifier)).String())
	vgas := s.requireETH(t, verifier, b0, bal0[verifier], b1, s.reward(), "challenger")
	// The challenger's bond went back to it, not to the cheater.
	require.Zero(t, s.arbBalance(t, s.addr(worker)).Sign())
	require.Zero(t, s.withdrawnFromArb(t, b0, b1, s.addr(worker)).Sign(), "the cheater got no bond")
	s.requireNeverPaid(t, worker, b0, b1)
	s.requireETH(t, worker, b0, bal0[worker], b1, new(big.Int).Neg(collateral), "junk-padding worker")
	t.Logf("junk-padding: %s; challenger gas %s wei", rep, vgas)
	logWarnings(t, "verifier-2", v)
	logWarnings(t, "worker-junk-padding", w)
}

// sybilRedirect (mechanism 3): the honest verifier has a live game against
// a cheater; the cheater tries to hand the slash reward to its own sybil.
// The cheater withholds its data and stops answering after its first move,
// so the honest game waits on the worker's answer to the verifier's query
// (its clock has the answer time on top). The test then plays the sybil:
// it has the cheater's key sign a bogus commitment for checkpoint 1 of the
// current round, force-includes it, and opens a game on it from another
// account; the cheater (its process now stopped: it lets its sybil win)
// makes no move there, the test warps past the sybil game's deadline (still
// before the honest game's) and calls timeout. The worker is slashed once;
// the reward is split between the two live games: the sybil's half at once,
// the honest verifier's half when it closes its own game (closeStale, by
// itself, outcome Shared), with its bond, to the wei.
func (s *soundNet) sybilRedirect(t *testing.T) {
	const verifier, worker, sybil = 8, 12, 13
	price := ethAmount(3, 100)
	b0 := s.head(t)
	bal0 := s.balancesAt(t, b0, verifier, worker, sybil)
	v := s.startVerifier(t, "verifier-3", verifier, t.TempDir())
	// at its own step (checkpoint 2), so that nobody else published the same
	// step roots and the verifier must query them
	w := s.startWorker(t, "worker-sybil-cheater", worker, price, "perturb-weight,withhold,stop-answering@137")
	id := s.postJob(t, price, worker, "90s")
	hid := s.waitOneGame(t, id, 2*time.Minute)
	silent := regexp.MustCompile(`UNSAFE fault stop-answering: not making the move" .*game=` + strconv.FormatUint(hid, 10) + ` `)
	require.Eventually(t, func() bool {
		g := s.game(t, hid)
		return dispute.Phase(g.Phase) == dispute.PhaseAnswer && silent.MatchString(w.log())
	}, 2*time.Minute, 250*time.Millisecond, "the honest game never waited on the silent worker's answer")
	hg := s.game(t, hid)
	require.Equal(t, s.addr(verifier), hg.Challenger)
	require.Equal(t, uint32(2), hg.Checkpoint)
	require.Equal(t, uint8(dispute.ListStepRoots), hg.QueryList, "the verifier queried the withheld step roots")
	require.Contains(t, w.log(), "UNSAFE fault withhold: not publishing the move's data")
	// The adversary goes silent everywhere from here: it will not defend its
	// sybil's game.
	w.kill9(t)

	// The sybil: a bogus commitment of the cheater for checkpoint 1 of the
	// current round, force-included, and a game on it, sent back to back.
	j := s.jobAt(t, id, nil)
	bogus := crypto.Keccak256Hash([]byte("sybil: a checkpoint the worker never computed"))
	cm := inbox.Commitment{JobID: id, Round: j.Round, Checkpoint: 1, StateRoot: bogus, Worker: s.addr(worker)}
	sig, err := inbox.NewDomain(s.d.ChainID, s.d.Contracts.CommitmentInbox).Sign(cm, s.keys[worker])
	require.NoError(t, err)
	ib := bindings.NewCommitmentInbox()
	bond := call(t, s.vaI(), s.va.PackRequiredBond(), s.va.UnpackRequiredBond)
	forced := s.sendNoWait(t, sybil, ib.Instance(s.client, s.d.Contracts.CommitmentInbox), nil, 0,
		ib.PackForceInclude(bindings.ICommitmentInboxCommitment{JobId: id, Round: j.Round, Checkpoint: 1, StateRoot: bogus, Worker: s.addr(worker)}))
	// no gas estimate: the commitment is not included before the first
	// transaction is mined
	challenged := s.sendNoWait(t, sybil, s.vaI(), bond, 2_000_000, s.va.PackChallenge(new(big.Int).SetUint64(id), 1,
		// checkpoint 1 starts at the initial state: prev is ignored
		bindings.IVerdeArbitrationCheckpointProof{Proof: [][32]byte{}, BatchIndex: new(big.Int), LeafIndex: new(big.Int), Signature: []byte{}},
		bindings.IVerdeArbitrationCheckpointProof{StateRoot: bogus, FromInbox: true, Proof: [][32]byte{},
			BatchIndex: abi.MaxUint256, LeafIndex: new(big.Int), Signature: sig}))
	s.requireMined(t, forced)
	rc := s.requireMined(t, challenged)
	var sid uint64
	found := false
	for _, lg := range rc.Logs {
		if ev, err := s.va.UnpackGameStartedEvent(lg); err == nil && lg.Address == s.d.Contracts.VerdeArbitration {
			sid, found = ev.GameId.Uint64(), true
		}
	}
	require.True(t, found, "the sybil's challenge opened no game")
	sg := s.game(t, sid)
	require.Equal(t, s.addr(sybil), sg.Challenger)
	require.Equal(t, uint32(1), sg.Checkpoint)
	require.Equal(t, common.Hash(bogus), common.Hash(sg.EndRoot), "the game disputes the bogus commitment")
	require.Equal(t, hg.Round, sg.Round)
	require.Equal(t, bond.String(), sg.Bond.String())
	require.Equal(t, uint8(dispute.PhaseStepRoots), sg.Phase)
	rg := call(t, s.vaI(), s.va.PackRoundGames(new(big.Int).SetUint64(id), hg.Round), s.va.UnpackRoundGames)
	require.Equal(t, uint32(2), rg.Live, "two live games on the round")

	// The honest game's worker clock has the query's answer time on top: it
	// runs out after the sybil's.
	_, hDeadline := s.toMove(t, hid)
	_, sDeadline := s.toMove(t, sid)
	require.Greater(t, hDeadline, sDeadline+2, "the honest game must outlive the sybil's worker clock (answer time %d s)", s.answerTime)
	at := s.warpPast(t, sDeadline)
	require.Less(t, at, hDeadline, "the honest game is still live")
	trc := s.sendTx(t, sybil, s.vaI(), nil, s.va.PackTimeout(new(big.Int).SetUint64(sid)))
	var pooled *bindings.VerdeArbitrationRewardPooled
	var sshare *bindings.VerdeArbitrationRewardShared
	var sres *bindings.VerdeArbitrationGameResolved
	for _, lg := range trc.Logs {
		if lg.Address != s.d.Contracts.VerdeArbitration {
			continue
		}
		if ev, err := s.va.UnpackRewardPooledEvent(lg); err == nil {
			pooled = ev
		}
		if ev, err := s.va.UnpackRewardSharedEvent(lg); err == nil {
			sshare = ev
		}
		if ev, err := s.va.UnpackGameResolvedEvent(lg); err == nil {
			sres = ev
		}
	}
	require.NotNil(t, sres)
	require.Equal(t, sid, sres.GameId.Uint64())
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), sres.Outcome, "the sybil wins its game on time")
	require.Equal(t, uint8(soundReasonTimeout), sres.Reason)
	require.NotNil(t, pooled, "no RewardPooled")
	require.Equal(t, s.reward().String(), pooled.Pot.String())
	require.Equal(t, uint32(2), pooled.Shares, "the reward is split between the two live games")
	half := new(big.Int).Div(s.reward(), big.NewInt(2))
	rest := new(big.Int).Sub(s.reward(), half)
	require.NotNil(t, sshare)
	require.Equal(t, s.addr(sybil), sshare.Challenger)
	require.Equal(t, half.String(), sshare.Amount.String(), "the sybil gets half")

	// The honest verifier closes its own game: Shared, its bond and the
	// other half.
	hg = s.waitGameResolved(t, hid, 2*time.Minute)
	require.Equal(t, uint8(dispute.OutcomeShared), hg.Outcome)
	hrep := s.report(t, hid)
	require.NotNil(t, hrep.resolved)
	require.Equal(t, uint8(soundReasonShared), hrep.resolved.Reason)
	require.Equal(t, s.addr(verifier), hrep.resolved.Paid)
	hmoves := s.gameMoves(t, hid)
	last := hmoves[len(hmoves)-1]
	require.Equal(t, "closeStale", last.method)
	require.Equal(t, s.addr(verifier), last.from, "the verifier closed its game itself")
	hshare := s.logsOf(t, s.d.Contracts.VerdeArbitration, s.vaABI, "RewardShared", b0, common.BigToHash(new(big.Int).SetUint64(hid)))
	require.Len(t, hshare, 1)
	ev, err := s.va.UnpackRewardSharedEvent(&hshare[0])
	require.NoError(t, err)
	require.Equal(t, rest.String(), ev.Amount.String(), "the honest verifier gets the other half")
	require.Equal(t, last.hash, hshare[0].TxHash)
	s.waitGameDone(t, v, verifier, hid, "shared", hg.Bond, rest)
	rg = call(t, s.vaI(), s.va.PackRoundGames(new(big.Int).SetUint64(id), hg.Round), s.va.UnpackRoundGames)
	require.Zero(t, rg.Live)
	require.Equal(t, rg.Pot.String(), rg.PotPaid.String(), "the whole pot is paid out")
	require.Equal(t, uint32(2), rg.SharesPaid)

	// The sybil withdraws its bond and its half.
	s.sendTx(t, sybil, s.vaI(), nil, s.va.PackWithdraw())
	stopProc(t, v)
	b1 := s.head(t)
	require.Equal(t, new(big.Int).Add(hg.Bond, rest).String(), s.withdrawnFromArb(t, b0, b1, s.addr(verifier)).String())
	require.Equal(t, new(big.Int).Add(bond, half).String(), s.withdrawnFromArb(t, b0, b1, s.addr(sybil)).String())
	vgas := s.requireETH(t, verifier, b0, bal0[verifier], b1, rest, "honest verifier")
	sgas := s.requireETH(t, sybil, b0, bal0[sybil], b1, half, "sybil")
	s.requireETH(t, worker, b0, bal0[worker], b1, new(big.Int).Neg(collateral), "cheater")

	// Slashed once, for the whole collateral, in the sybil's timeout.
	slashes := s.logsOf(t, s.d.Contracts.StakeManager, s.smABI, "Slashed", b0, common.BytesToHash(s.addr(worker).Bytes()))
	require.Len(t, slashes, 1, "the cheater is slashed once")
	sl, err := s.sm.UnpackSlashedEvent(&slashes[0])
	require.NoError(t, err)
	require.Equal(t, collateral.String(), sl.Amount.String())
	require.Equal(t, s.reward().String(), sl.Reward.String())
	require.Equal(t, trc.TxHash, slashes[0].TxHash)
	st := s.stake(t, s.addr(worker))
	require.Zero(t, st.Staked.Sign())
	require.Zero(t, st.Locked.Sign())
	require.Equal(t, uint8(jobOpen), s.jobAt(t, id, trc.BlockNumber).Status, "the job is reopened")
	t.Logf("sybil redirect: honest game %d (checkpoint 2) and sybil game %d (checkpoint 1) live; the honest game's worker deadline %d s after the sybil's; "+
		"reward %s wei split %s (sybil) + %s (honest verifier, closeStale by itself); honest verifier gas %s wei, sybil gas %s wei; honest game: %s",
		hid, sid, hDeadline-sDeadline, s.reward(), half, rest, vgas, sgas, hrep)
	logWarnings(t, "verifier-3", v)
}

// queryGriefing (mechanism 4): a griefing challenger against an honest
// worker asks every query the per-list limits allow (queryLimit(count) =
// depth + 1) in each phase it reaches, then picks at random. The worker
// answers them all; each query adds the answer time to its clock, which
// never runs out (checked move by move against the game's own clock); the
// griefer loses its bond to the worker. The worker's defence gas is
// reported and is below the bond at the devnet's base fee.
func (s *soundNet) queryGriefing(t *testing.T) {
	const griefer, worker = 9, 14
	price := ethAmount(4, 100)
	b0 := s.head(t)
	bal0 := s.balancesAt(t, b0, griefer, worker)
	w := s.startWorker(t, "worker-honest-4", worker, price, "")
	gv := s.startVerifier(t, "verifier-grief", griefer, t.TempDir(),
		"--unsafe.test-modes", "--unsafe.strategy", "grief", "--unsafe.challenge-checkpoint", "2")
	id := s.postJob(t, price, worker, "30s")
	gid := s.waitOneGame(t, id, 2*time.Minute)
	g := s.waitGameResolved(t, gid, 6*time.Minute)
	require.Equal(t, s.addr(griefer), g.Challenger)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.Equal(t, uint8(dispute.OutcomeWorkerWon), g.Outcome, "the griefer loses")
	rep := s.report(t, gid)
	require.Equal(t, s.addr(worker), rep.resolved.Paid, "the bond goes to the worker")
	require.Equal(t, g.Bond.String(), rep.resolved.Bond.String())

	// Every list of every phase the game went through is queried up to its
	// limit; the worker answers every query.
	asked := map[dispute.List]int{}
	for _, lg := range s.logsOf(t, s.d.Contracts.VerdeArbitration, s.vaABI, "QueryAsked", b0, common.BigToHash(new(big.Int).SetUint64(gid))) {
		ev, err := s.va.UnpackQueryAskedEvent(&lg)
		require.NoError(t, err)
		asked[dispute.List(ev.List)]++
	}
	answered := len(s.logsOf(t, s.d.Contracts.VerdeArbitration, s.vaABI, "QueryAnswered", b0, common.BigToHash(new(big.Int).SetUint64(gid))))
	moves := s.gameMoves(t, gid)
	methods := map[string]int{}
	for _, m := range moves {
		methods[m.who+":"+m.method]++
	}
	counts := map[dispute.List]uint64{
		dispute.ListStepRoots: uint64(g.Interval) + 1, dispute.ListStepTrace: uint64(g.NumNodes), dispute.ListNextState: uint64(g.NumState),
		dispute.ListOutTensor: (uint64(g.Numel) + 7) / 8, dispute.ListElementTrace: uint64(g.TraceLength),
	}
	reached := map[dispute.List]bool{
		dispute.ListStepRoots: true, dispute.ListStepTrace: true, dispute.ListNextState: true,
		dispute.ListOutTensor: methods["C:pickElement"] > 0, dispute.ListElementTrace: methods["C:pickEntry"] > 0,
	}
	require.Positive(t, methods["C:pickNode"], "the game reached PickNode: %v", methods)
	total := 0
	var perList []string
	for _, l := range []dispute.List{dispute.ListStepRoots, dispute.ListStepTrace, dispute.ListNextState, dispute.ListOutTensor, dispute.ListElementTrace} {
		limit := call(t, s.vaI(), s.va.PackQueryLimit(new(big.Int).SetUint64(counts[l])), s.va.UnpackQueryLimit).Uint64()
		if reached[l] {
			require.Equal(t, int(limit), asked[l], "list %d (%d items): queried up to its limit", l, counts[l])
		} else {
			require.Zero(t, asked[l], "list %d: its phase was never reached", l)
		}
		total += asked[l]
		perList = append(perList, strconv.Itoa(asked[l])+"/"+strconv.FormatUint(limit, 10))
	}
	require.Zero(t, asked[dispute.ListCheckpoints])
	require.Equal(t, total, int(g.Queries))
	require.Equal(t, total, answered, "the worker answered every query")
	require.Equal(t, total, methods["W:answer"])
	require.Equal(t, total, methods["C:query"])

	// The chess clocks, move by move: each side is charged the time since
	// the previous move; each query adds answerTime to the worker's clock
	// (a timeout charges nobody).
	wc, cc := s.clock, s.clock
	minWorker := wc
	var slowest uint64
	last := moves[0].time
	for i := 1; i < len(moves); i++ {
		m := moves[i]
		if m.method == "timeout" {
			continue
		}
		dt := m.time - last
		last = m.time
		switch {
		case m.who == "W":
			require.LessOrEqual(t, dt, wc, "the worker's clock ran out before move %d", i)
			wc -= dt
			if m.method == "answer" {
				slowest = max(slowest, dt)
			}
		case m.who == "C":
			require.LessOrEqual(t, dt, cc)
			cc -= dt
			if m.method == "query" {
				wc += s.answerTime
			}
		}
		minWorker = min(minWorker, wc)
	}
	require.Equal(t, wc, g.WorkerClock, "the worker's clock: clock + %d x answerTime - its time", total)
	require.Equal(t, cc, g.ChallengerClock)
	require.Greater(t, g.WorkerClock, s.clock, "the queries gave the worker more time than its answers took")

	// The worker's defence gas, against the bond.
	var gasW uint64
	feesW := new(big.Int)
	for _, m := range moves {
		if m.who == "W" {
			gasW += m.gas
			feesW.Add(feesW, m.fee)
		}
	}
	require.Equal(t, rep.gasWorker, gasW)
	require.Less(t, gasW, s.defenceGas, "within DEFENCE_GAS")
	hdr, err := s.client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(moves[len(moves)-1].block))
	require.NoError(t, err)
	atBase := new(big.Int).Mul(new(big.Int).SetUint64(gasW), hdr.BaseFee)
	require.Negative(t, atBase.Cmp(g.Bond), "the defence gas at the base fee is below the bond")
	require.Negative(t, feesW.Cmp(g.Bond), "what the worker paid for its defence is below the bond")

	// The job finalizes; the worker withdraws its price and the bond.
	require.Eventually(t, func() bool {
		mbal := call(t, s.mI(), s.m.PackBalanceOf(s.addr(worker)), s.m.UnpackBalanceOf)
		return s.jobAt(t, id, nil).Status == jobFinalized && mbal.Sign() == 0 && s.arbBalance(t, s.addr(worker)).Sign() == 0 &&
			strings.Contains(w.log(), "Payment withdrawn")
	}, 2*time.Minute, 250*time.Millisecond, "the honest worker's job never finalized and paid")
	require.Eventually(t, func() bool { return strings.Contains(gv.log(), "outcome=lost") }, 30*time.Second, 250*time.Millisecond)
	stopProc(t, gv)
	stopProc(t, w)
	require.Equal(t, []uint64{gid}, s.gamesOf(t, id), "one game")
	b1 := s.head(t)
	st := s.stake(t, s.addr(worker))
	require.Equal(t, collateral.String(), st.Staked.String(), "the honest worker is never slashed")
	require.Zero(t, st.Locked.Sign())
	wdelta := new(big.Int).Sub(new(big.Int).Add(price, g.Bond), collateral)
	wgas := s.requireETH(t, worker, b0, bal0[worker], b1, wdelta, "honest worker")
	ggas := s.requireETH(t, griefer, b0, bal0[griefer], b1, new(big.Int).Neg(g.Bond), "griefer")
	t.Logf("query griefing: game %d lost by the griefer (reason %d) after %d queries (per list StepRoots/StepTrace/NextState/OutTensor/ElementTrace asked/limit: %s), all answered, slowest answer %d s; "+
		"worker clock %d s at the end (least %d s left at any move; clock %d s + answer time %d s a query); %d transactions (%d by the worker)",
		gid, rep.resolved.Reason, total, strings.Join(perList, " "), slowest, g.WorkerClock, minWorker, s.clock, s.answerTime, len(moves), soundCountWho(moves, "W"))
	t.Logf("query griefing: worker defence gas %d (%.1f%% of DEFENCE_GAS %d), %s wei at the base fee %s wei, %s wei paid; bond %s wei (defence = %.2f%% of the bond); "+
		"griefer gas %s wei, worker gas %s wei in all; %s", gasW, 100*float64(gasW)/float64(s.defenceGas), s.defenceGas, atBase, hdr.BaseFee, feesW, g.Bond,
		100*soundRatio(feesW, g.Bond), ggas, wgas, rep)
	logWarnings(t, "worker-honest-4", w)
	logWarnings(t, "verifier-grief", gv)
}

// impossibleWindows (mechanism 6): `job submit` refuses an execution window
// below the market's rule with one line naming the minimum, sending
// nothing; a job whose window meets the rule but that the honest worker
// cannot finish at its measured speed (1,000,000 steps of a wider digits
// model, with the minimum window) gets no bid from it (its log line gives
// the numbers), runs its MAX_AUCTIONS auctions without a bid and is
// cancelled by rule with the whole escrow refundable; nobody is slashed.
func (s *soundNet) impossibleWindows(t *testing.T) {
	const worker = 15
	price := ethAmount(5, 100)
	ctx := context.Background()
	b0 := s.head(t)
	data := filepath.Join(repoRoot(t), "data", "digits.csv.gz")

	// An execution window of 1 s: refused before anything is sent.
	min200 := call(t, s.mI(), s.m.PackMinExecutionTime(big.NewInt(200)), s.m.UnpackMinExecutionTime)
	require.Equal(t, int64(61), min200.Int64(), "the devnet's rule: 60 s + 1 ms a step, rounded up")
	nonce0, err := s.client.NonceAt(ctx, s.addr(clientAcct), nil)
	require.NoError(t, err)
	jobs0 := call(t, s.mI(), s.m.PackJobCount(), s.m.UnpackJobCount)
	r := gensyn(t, s.jobArgs(clientAcct), "job", "submit", "--spec", s.specPath, "--data", data, "--max-price", "1eth", "--execution-window", "1s")
	requireOneLineError(t, r, "--execution-window 1s is shorter than this job needs: at least "+jobclient.FormatSeconds(min200)+" (JobMarket.minExecutionTime for 200 steps)")
	refusal := strings.TrimSpace(r.stderr)

	// A long job of a wider model: the minimum window is what the rule
	// allows (a second less is refused), and far less than the worker needs.
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "digits-mlp.json"))
	require.NoError(t, err)
	spec := string(raw)
	for _, rp := range [][2]string{{`"layers": [64, 32, 10]`, `"layers": [64, 1024, 10]`}, {`"steps": 1000`, `"steps": 1000000`},
		{`"checkpoint_interval": 100`, `"checkpoint_interval": 1000`}} {
		require.Contains(t, spec, rp[0])
		spec = strings.Replace(spec, rp[0], rp[1], 1)
	}
	specPath := filepath.Join(t.TempDir(), "digits-wide-1m.json")
	require.NoError(t, os.WriteFile(specPath, []byte(spec), 0o644))
	minLong := call(t, s.mI(), s.m.PackMinExecutionTime(big.NewInt(1_000_000)), s.m.UnpackMinExecutionTime)
	require.Equal(t, int64(1060), minLong.Int64())
	short := strconv.FormatInt(minLong.Int64()-1, 10) + "s"
	r = gensyn(t, s.jobArgs(clientAcct), "job", "submit", "--spec", specPath, "--data", data, "--max-price", "1eth", "--execution-window", short)
	requireOneLineError(t, r, "--execution-window "+jobclient.FormatSeconds(big.NewInt(minLong.Int64()-1))+" is shorter than this job needs: at least "+jobclient.FormatSeconds(minLong)+
		" (JobMarket.minExecutionTime for 1000000 steps)")
	nonce1, err := s.client.NonceAt(ctx, s.addr(clientAcct), nil)
	require.NoError(t, err)
	require.Equal(t, nonce0, nonce1, "no transaction sent")
	require.Equal(t, jobs0.String(), call(t, s.mI(), s.m.PackJobCount(), s.m.UnpackJobCount).String(), "no job posted")

	w := s.startWorker(t, "worker-honest-5", worker, price, "")
	posted := time.Now()
	id := s.submitJob(t, specPath, "--max-price", "1eth", "--escrow", "1eth", "--bid-window", "4s",
		"--execution-window", minLong.String()+"s", "--challenge-window", "30s")
	j := s.jobAt(t, id, nil)
	require.Equal(t, uint64(1_000_000), j.Params.Steps)
	require.Equal(t, minLong.Uint64(), j.Params.ExecutionWindow, "the market accepts the minimum window")

	// The worker measures its speed and does not bid, saying why.
	notBidding := regexp.MustCompile(`msg="Not bidding: this worker cannot finish the job in its execution window at its measured speed" .*job=` +
		strconv.FormatUint(id, 10) + ` steps=(\d+) stepTime=(\S+) margin=(\S+) overhead=(\S+) needSeconds=(\S+) executionWindowSeconds=(\d+)`)
	var m []string
	require.Eventually(t, func() bool {
		m = notBidding.FindStringSubmatch(w.log())
		return m != nil
	}, time.Minute, 250*time.Millisecond, "the worker never said why it does not bid")
	require.Equal(t, "1000000", m[1])
	require.Equal(t, minLong.String(), m[6])
	stepTime, err := time.ParseDuration(m[2])
	require.NoError(t, err)
	margin, err := strconv.ParseFloat(m[3], 64)
	require.NoError(t, err)
	overhead, err := time.ParseDuration(m[4])
	require.NoError(t, err)
	need, err := strconv.ParseFloat(m[5], 64)
	require.NoError(t, err)
	require.GreaterOrEqual(t, margin, 1.0)
	require.InEpsilon(t, 1e6*stepTime.Seconds()*margin+overhead.Seconds(), need, 1e-3, "need = steps x step time x margin + overhead")
	require.Greater(t, need, float64(minLong.Int64()), "the worker cannot finish in the window")

	// Its auctions run out without a bid and the job is cancelled by rule.
	var cancelled []types.Log
	require.Eventually(t, func() bool {
		cancelled = s.marketJobLogs(t, "JobCancelled", id, b0)
		return len(cancelled) > 0
	}, 3*time.Minute, 500*time.Millisecond, "the job was never cancelled")
	took := time.Since(posted)
	jc, err := s.m.UnpackJobCancelledEvent(&cancelled[0])
	require.NoError(t, err)
	j = s.jobAt(t, id, nil)
	require.Equal(t, uint8(jobCancelledStatus), j.Status)
	require.Equal(t, s.maxAuctions, j.Auctions)
	require.Len(t, s.marketJobLogs(t, "AuctionRestarted", id, b0), int(s.maxAuctions)-1)
	require.Empty(t, s.marketJobLogs(t, "BidPlaced", id, b0), "nobody bid")
	require.Equal(t, j.Escrow.String(), jc.Refund.String(), "the whole escrow is refundable")
	require.Equal(t, ethAmount(1, 1).String(), call(t, s.mI(), s.m.PackRefundOf(new(big.Int).SetUint64(id), s.addr(clientAcct)), s.m.UnpackRefundOf).String())
	require.Equal(t, 1, len(notBidding.FindAllString(w.log(), -1)), "the refusal is logged once")
	require.Empty(t, s.logsOf(t, s.d.Contracts.StakeManager, s.smABI, "Slashed", b0), "nobody slashed")
	require.Empty(t, s.marketJobLogs(t, "JobTimedOut", id, b0))
	stopProc(t, w)
	st := s.stake(t, s.addr(worker))
	require.Equal(t, collateral.String(), st.Staked.String())
	require.Zero(t, st.Locked.Sign())

	// The client claims the refund.
	rb0 := s.head(t)
	cbal0 := s.balanceAt(t, s.addr(clientAcct), rb0)
	r = gensyn(t, s.jobArgs(clientAcct), "job", "refund", strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	rb1 := s.head(t)
	claimed := s.marketJobLogs(t, "RefundClaimed", id, rb0)
	require.Len(t, claimed, 1)
	rcl, err := s.m.UnpackRefundClaimedEvent(&claimed[0])
	require.NoError(t, err)
	require.Equal(t, j.Escrow.String(), rcl.Amount.String())
	s.requireETH(t, clientAcct, rb0, cbal0, rb1, j.Escrow, "client")
	t.Logf("impossible windows: `job submit --execution-window 1s` refused: %q; the 1,000,000-step job with the minimum window %s s: "+
		"no bid (step time %s, margin %s, overhead %s: %.0f s needed), %d auctions, cancelled %.1fs after posting, %s wei refunded",
		refusal, minLong, stepTime, m[3], overhead, need, j.Auctions, took.Seconds(), rcl.Amount)
	logWarnings(t, "worker-honest-5", w)
}

// rebid (mechanism 8): a cheater that keeps 2 collaterals of stake (so that
// it still has free stake once slashed) loses its game, tries at once to
// bid on the reopened job, and the market refuses (Barred); an honest
// worker, started while the cheater held the job, wins the reopened job,
// trains it, is audited without a game, finalized and paid.
func (s *soundNet) rebid(t *testing.T) {
	const verifier, cheater, honest = 16, 17, 18
	price := ethAmount(6, 100)
	b0 := s.head(t)
	bal0 := s.balancesAt(t, b0, verifier, cheater, honest)
	v := s.startVerifier(t, "verifier-6", verifier, t.TempDir())
	c := s.startStakedWorker(t, "worker-rebid", cheater, price, "perturb-weight,rebid", new(big.Int).Mul(collateral, big.NewInt(2)))
	id := s.postJob(t, price, cheater, "20s")
	require.Eventually(t, func() bool { return s.jobAt(t, id, nil).Status == jobAssignedStatus }, time.Minute, 250*time.Millisecond)
	h := s.startWorker(t, "worker-honest-6", honest, price, "")

	gid := s.waitOneGame(t, id, 2*time.Minute)
	g := s.waitGameResolved(t, gid, 3*time.Minute)
	rep := s.requireWorkerSlashed(t, gid, id, cheater, verifier, 1)
	resolvedAt := rep.resolveTx.BlockNumber.Uint64()
	ids := strconv.FormatUint(id, 10)
	refused := regexp.MustCompile(`UNSAFE fault rebid: the market refused this worker's bid on a job it is barred from" .*job=` + ids + ` .*revert="?Barred\{JobId:` + ids + ` Worker:` + s.addr(cheater).Hex() + `\}`)
	require.Eventually(t, func() bool { return refused.MatchString(c.log()) }, time.Minute, 250*time.Millisecond,
		"the cheater never tried to bid on the reopened job")
	require.Regexp(t, `msg="Skipping job" .*job=`+ids+` reason="barred: the market refused the bid \(rebid\)"`, c.log())

	// The honest worker takes round 2 and is paid.
	require.Eventually(t, func() bool {
		j := s.jobAt(t, id, nil)
		mbal := call(t, s.mI(), s.m.PackBalanceOf(s.addr(honest)), s.m.UnpackBalanceOf)
		return j.Status == jobFinalized && mbal.Sign() == 0 && strings.Contains(h.log(), "Payment withdrawn")
	}, 3*time.Minute, 250*time.Millisecond, "the reopened job was never finalized and paid to the honest worker")
	j := s.jobAt(t, id, nil)
	require.Equal(t, s.addr(honest), j.Worker)
	require.Equal(t, uint32(2), j.Round)
	require.Equal(t, price.String(), j.Price.String())
	for _, lg := range s.marketJobLogs(t, "BidPlaced", id, resolvedAt) {
		ev, err := s.m.UnpackBidPlacedEvent(&lg)
		require.NoError(t, err)
		require.Equal(t, s.addr(honest), ev.Bidder, "only the honest worker bid on the reopened job")
	}
	audited := regexp.MustCompile(`msg="Job audited" (role=verifier )?job=` + ids + ` round=2 checked=2 mismatched=0`)
	require.Eventually(t, func() bool { return audited.MatchString(v.log()) }, 30*time.Second, 250*time.Millisecond,
		"the verifier never audited round 2")
	require.Equal(t, []uint64{gid}, s.gamesOf(t, id), "no game in round 2")
	s.waitGameDone(t, v, verifier, gid, "won", g.Bond, s.reward())
	stopProc(t, v)
	stopProc(t, c)
	stopProc(t, h)
	b1 := s.head(t)
	s.requireETH(t, verifier, b0, bal0[verifier], b1, s.reward(), "verifier")
	hgas := s.requireETH(t, honest, b0, bal0[honest], b1, new(big.Int).Sub(price, collateral), "honest worker")
	s.requireNeverPaid(t, cheater, b0, b1)
	s.requireETH(t, cheater, b0, bal0[cheater], b1, new(big.Int).Mul(collateral, big.NewInt(-2)), "cheater")
	st := s.stake(t, s.addr(cheater))
	require.Equal(t, collateral.String(), st.Staked.String(), "one collateral slashed, the other still staked")
	require.Zero(t, st.Locked.Sign())
	st = s.stake(t, s.addr(honest))
	require.Equal(t, collateral.String(), st.Staked.String())
	require.Zero(t, st.Locked.Sign())
	t.Logf("rebid: %s; the cheater's bid on the reopened job refused (Barred); round 2 finalized for the honest worker at %s wei (its gas %s wei)",
		rep, price, hgas)
	logWarnings(t, "worker-rebid", c)
	logWarnings(t, "worker-honest-6", h)
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

// JobMarket statuses not named in dispute_test.go.
const (
	jobAssignedStatus  = 2
	jobSubmittedStatus = 3
	jobCancelledStatus = 5
)

// requireWorkerSlashed checks, once game id is resolved, that the
// challenger won it, that its resolving transaction slashed the worker's
// whole collateral (the reward to the game, the rest burned), reopened the
// job with its escrow, barred the worker and pooled the reward among
// `shares` live games, and that the worker has no stake left of the job.
func (s *soundNet) requireWorkerSlashed(t *testing.T, id, job uint64, worker, challenger int, shares uint32) gameReport {
	t.Helper()
	g := s.waitGameResolved(t, id, 3*time.Minute)
	require.Equal(t, job, g.JobId)
	require.Equal(t, s.addr(worker), g.Worker)
	require.Equal(t, s.addr(challenger), g.Challenger)
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), g.Outcome, "game %d: the challenger wins", id)
	rep := s.report(t, id)
	require.NotNil(t, rep.resolved)
	require.NotNil(t, rep.resolveTx)
	require.Equal(t, s.addr(challenger), rep.resolved.Paid, "the bond goes back to the challenger")
	require.Equal(t, g.Bond.String(), rep.resolved.Bond.String())
	required := call(t, s.vaI(), s.va.PackRequiredBond(), s.va.UnpackRequiredBond)
	require.GreaterOrEqual(t, g.Bond.Cmp(required), 0, "the bond is at least requiredBond()")
	var slashed *bindings.StakeManagerSlashed
	var pooled *bindings.VerdeArbitrationRewardPooled
	var share *bindings.VerdeArbitrationRewardShared
	reopened := false
	for _, lg := range rep.resolveTx.Logs {
		switch lg.Address {
		case s.d.Contracts.StakeManager:
			if ev, err := s.sm.UnpackSlashedEvent(lg); err == nil {
				slashed = ev
			}
		case s.d.Contracts.JobMarket:
			if _, err := s.m.UnpackJobReopenedEvent(lg); err == nil {
				reopened = true
			}
		case s.d.Contracts.VerdeArbitration:
			if ev, err := s.va.UnpackRewardPooledEvent(lg); err == nil {
				pooled = ev
			}
			if ev, err := s.va.UnpackRewardSharedEvent(lg); err == nil && ev.GameId.Uint64() == id {
				share = ev
			}
		}
	}
	require.NotNil(t, slashed, "no Slashed event in the resolving transaction")
	require.Equal(t, s.addr(worker), slashed.Staker)
	require.Equal(t, job, slashed.JobId.Uint64())
	require.Equal(t, s.d.Contracts.VerdeArbitration, slashed.Recipient, "the reward goes to the game")
	require.Equal(t, collateral.String(), slashed.Amount.String(), "the whole collateral")
	require.Equal(t, s.reward().String(), slashed.Reward.String())
	require.True(t, reopened, "the job is reopened")
	require.NotNil(t, pooled, "no RewardPooled")
	require.Equal(t, s.reward().String(), pooled.Pot.String())
	require.Equal(t, shares, pooled.Shares)
	require.NotNil(t, share, "no RewardShared for the winning game")
	require.Equal(t, s.addr(challenger), share.Challenger)
	require.Equal(t, new(big.Int).Div(s.reward(), big.NewInt(int64(shares))).String(), share.Amount.String())
	at := rep.resolveTx.BlockNumber
	j := s.jobAt(t, job, at)
	require.Equal(t, uint8(jobOpen), j.Status)
	require.Equal(t, common.Address{}, j.Worker)
	require.Equal(t, collateral.String(), j.Escrow.String(), "the escrow stays")
	require.True(t, callAt(t, s.mI(), at, s.m.PackIsBarred(new(big.Int).SetUint64(job), s.addr(worker)), s.m.UnpackIsBarred))
	require.Zero(t, call(t, s.smI(), s.sm.PackLockedFor(s.addr(worker), new(big.Int).SetUint64(job)), s.sm.UnpackLockedFor).Sign())
	return rep
}

// waitGameResolved waits until game id is resolved and returns it.
func (s *soundNet) waitGameResolved(t *testing.T, id uint64, within time.Duration) bindings.IVerdeArbitrationGame {
	t.Helper()
	var g bindings.IVerdeArbitrationGame
	require.Eventually(t, func() bool {
		g = s.game(t, id)
		return dispute.Phase(g.Phase) == dispute.PhaseResolved
	}, within, 250*time.Millisecond, "game %d never resolved", id)
	return g
}

// waitGameDone waits until verifier v (dev account acct) recorded game id
// done with that outcome, bond and share, and has nothing left in the game
// contract.
func (s *soundNet) waitGameDone(t *testing.T, v *proc, acct int, id uint64, outcome string, bond, share *big.Int) {
	t.Helper()
	done := regexp.MustCompile(`msg="Game done" (role=verifier )?game=` + strconv.FormatUint(id, 10) + ` outcome=` + outcome +
		` bond=` + bond.String() + ` share=` + share.String() + ` `)
	require.Eventually(t, func() bool { return done.MatchString(v.log()) && s.arbBalance(t, s.addr(acct)).Sign() == 0 },
		time.Minute, 250*time.Millisecond, "the verifier never collected game %d (%s, bond %s, share %s)", id, outcome, bond, share)
}

// requireNeverPaid checks that a worker earned nothing in the market and
// withdrew nothing from it in blocks (b0, b1].
func (s *soundNet) requireNeverPaid(t *testing.T, worker int, b0, b1 uint64) {
	t.Helper()
	require.Zero(t, call(t, s.mI(), s.m.PackBalanceOf(s.addr(worker)), s.m.UnpackBalanceOf).Sign(), "the worker has no earnings")
	for _, lg := range s.logsBetween(t, s.d.Contracts.JobMarket, s.mABI, "Withdrawn", b0, b1, common.BytesToHash(s.addr(worker).Bytes())) {
		require.Failf(t, "the worker withdrew earnings", "tx %s", lg.TxHash)
	}
	for _, lg := range s.logsBetween(t, s.d.Contracts.JobMarket, s.mABI, "JobFinalized", b0, b1) {
		ev, err := s.m.UnpackJobFinalizedEvent(&lg)
		require.NoError(t, err)
		require.NotEqual(t, s.addr(worker), ev.Worker, "a job was finalized for the worker")
	}
}

// startStakedWorker is startWorker with a stake of `stake` wei.
func (s *soundNet) startStakedWorker(t *testing.T, name string, acct int, price *big.Int, fault string, stake *big.Int) *proc {
	t.Helper()
	args := []string{"worker",
		"--l1-eth-rpc", s.d.RPCURL, "--deployments", s.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", s.blobURL, "--sequencer", s.seq.url, "--poll-interval", "500ms",
		"--stake.target", stake.String(), "--bid.price", price.String(), "--log.level", "debug",
		"--unsafe.test-modes", "--unsafe.fault", fault,
	}
	p := startProc(t, name, []string{"GENSYN_WORKER_PRIVATE_KEY=" + s.hexKeys[acct]}, args...)
	reg := bindings.NewNodeRegistry()
	require.Eventually(t, func() bool {
		return call(t, reg.Instance(s.client, s.d.Contracts.NodeRegistry), reg.PackIsRegistered(s.addr(acct)), reg.UnpackIsRegistered) &&
			s.stake(t, s.addr(acct)).Staked.Cmp(stake) == 0
	}, 60*time.Second, 200*time.Millisecond, "%s never registered and staked", name)
	return p
}

func (s *soundNet) balancesAt(t *testing.T, b uint64, accts ...int) map[int]*big.Int {
	t.Helper()
	out := map[int]*big.Int{}
	for _, a := range accts {
		out[a] = s.balanceAt(t, s.addr(a), b)
	}
	return out
}

func (s *soundNet) headTime(t *testing.T) uint64 {
	t.Helper()
	h, err := s.client.HeaderByNumber(context.Background(), nil)
	require.NoError(t, err)
	return h.Time
}

// toMove is VerdeArbitration.toMove: who moves in game id, and until when.
func (s *soundNet) toMove(t *testing.T, id uint64) (common.Address, uint64) {
	t.Helper()
	out := call(t, s.vaI(), s.va.PackToMove(new(big.Int).SetUint64(id)), s.va.UnpackToMove)
	require.True(t, out.Deadline.IsUint64())
	return out.Player, out.Deadline.Uint64()
}

// warpPast moves the chain's clock past `deadline` (a new block at least a
// second after it) and returns the new head's time.
func (s *soundNet) warpPast(t *testing.T, deadline uint64) uint64 {
	t.Helper()
	now := s.headTime(t)
	if deadline+2 > now {
		s.warpT(t, int(deadline+2-now))
	}
	at := s.headTime(t)
	require.Greater(t, at, deadline)
	return at
}

// sendTx sends a transaction from a dev account and waits until it is
// mined, successfully.
func (s *soundNet) sendTx(t *testing.T, from int, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	t.Helper()
	return s.requireMined(t, s.sendNoWait(t, from, contract, value, 0, data))
}

// sendNoWait sends a transaction from a dev account (with `gas` as its gas
// limit, or an estimate when 0) without waiting for it.
func (s *soundNet) sendNoWait(t *testing.T, from int, contract *bind.BoundContract, value *big.Int, gas uint64, data []byte) *types.Transaction {
	t.Helper()
	opts := bind.NewKeyedTransactor(s.keys[from], s.chainID)
	opts.Value = value
	opts.GasLimit = gas
	tx, err := bind.Transact(contract, opts, data)
	require.NoError(t, err)
	return tx
}

func (s *soundNet) requireMined(t *testing.T, tx *types.Transaction) *types.Receipt {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rc, err := bind.WaitMined(ctx, s.client, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, rc.Status, "tx %s reverted", tx.Hash())
	return rc
}

// logsOf returns the logs of `event` of contract from block `from` on, with
// the given leading indexed topics.
func (s *soundNet) logsOf(t *testing.T, contract common.Address, a *abi.ABI, event string, from uint64, topics ...common.Hash) []types.Log {
	t.Helper()
	return s.logsBetween(t, contract, a, event, from, 0, topics...)
}

// logsBetween is logsOf up to block `to` (0: the head).
func (s *soundNet) logsBetween(t *testing.T, contract common.Address, a *abi.ABI, event string, from, to uint64, topics ...common.Hash) []types.Log {
	t.Helper()
	ev, ok := a.Events[event]
	require.True(t, ok, "no event %s", event)
	q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{contract},
		Topics: [][]common.Hash{{ev.ID}}}
	if to != 0 {
		q.ToBlock = new(big.Int).SetUint64(to)
	}
	for _, tp := range topics {
		q.Topics = append(q.Topics, []common.Hash{tp})
	}
	logs, err := s.client.FilterLogs(context.Background(), q)
	require.NoError(t, err)
	return logs
}

// marketJobLogs returns JobMarket's `event` logs of job id from block `from` on.
func (s *soundNet) marketJobLogs(t *testing.T, event string, id, from uint64) []types.Log {
	t.Helper()
	return s.logsOf(t, s.d.Contracts.JobMarket, s.mABI, event, from, common.BigToHash(new(big.Int).SetUint64(id)))
}

// soundMove is one transaction of a game.
type soundMove struct {
	hash   common.Hash
	from   common.Address
	who    string // "W" (the worker), "C" (the challenger) or "X"
	method string
	block  uint64
	time   uint64 // the block's timestamp
	gas    uint64
	fee    *big.Int
}

// gameMoves lists the transactions that emitted events of game id (every
// game event but RewardPooled indexes the game first), in order.
func (s *soundNet) gameMoves(t *testing.T, id uint64) []soundMove {
	t.Helper()
	ctx := context.Background()
	g := s.game(t, id)
	logs, err := s.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: big.NewInt(0), Addresses: []common.Address{s.d.Contracts.VerdeArbitration},
		Topics: [][]common.Hash{nil, {common.BigToHash(new(big.Int).SetUint64(id))}},
	})
	require.NoError(t, err)
	skip := map[common.Hash]bool{s.vaABI.Events["RewardPooled"].ID: true, s.vaABI.Events["Withdrawn"].ID: true}
	signer := types.LatestSignerForChainID(s.chainID)
	seen := map[common.Hash]bool{}
	times := map[uint64]uint64{}
	var out []soundMove
	for _, lg := range logs {
		if skip[lg.Topics[0]] || seen[lg.TxHash] {
			continue
		}
		seen[lg.TxHash] = true
		tx, _, err := s.client.TransactionByHash(ctx, lg.TxHash)
		require.NoError(t, err)
		rc, err := s.client.TransactionReceipt(ctx, lg.TxHash)
		require.NoError(t, err)
		from, err := types.Sender(signer, tx)
		require.NoError(t, err)
		m := soundMove{hash: lg.TxHash, from: from, who: "X", block: lg.BlockNumber, gas: rc.GasUsed,
			fee: new(big.Int).Mul(new(big.Int).SetUint64(rc.GasUsed), rc.EffectiveGasPrice)}
		if meth, err := s.vaABI.MethodById(tx.Data()[:4]); err == nil {
			m.method = meth.Name
		}
		switch from {
		case g.Worker:
			m.who = "W"
		case g.Challenger:
			m.who = "C"
		}
		if _, ok := times[lg.BlockNumber]; !ok {
			h, err := s.client.HeaderByNumber(ctx, new(big.Int).SetUint64(lg.BlockNumber))
			require.NoError(t, err)
			times[lg.BlockNumber] = h.Time
		}
		m.time = times[lg.BlockNumber]
		out = append(out, m)
	}
	require.NotEmpty(t, out, "game %d has no transactions", id)
	return out
}

func soundCountWho(ms []soundMove, who string) int {
	n := 0
	for _, m := range ms {
		if m.who == who {
			n++
		}
	}
	return n
}

func soundRatio(a, b *big.Int) float64 {
	f, _ := new(big.Float).Quo(new(big.Float).SetInt(a), new(big.Float).SetInt(b)).Float64()
	return f
}
