package verifier

import (
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/trainer"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
	"github.com/gensyn-stack/gensyn/verifier/metrics"
)

// wrongSecondCheckpoint: the worker trains checkpoint 1 honestly (and
// publishes it), claims a wrong root for checkpoint 2 (its final model
// root), force-includes both commitments and submits the result over them.
// It returns the roots of checkpoint 1 and the wrong 2.
func wrongSecondCheckpoint(f *fixture) (root1, wrong2 common.Hash) {
	st, err := f.tr.InitialState()
	require.NoError(f.t, err)
	_, s1, err := f.tr.ReplayInterval(f.ctx, st)
	require.NoError(f.t, err)
	root1, wrong2 = f.publish(s1), common.Hash{0xba, 0xd}
	f.forceInclude(1, root1)
	f.forceInclude(2, wrong2)
	f.submit([]common.Hash{root1, wrong2})
	return root1, wrong2
}

// TestDriverCatchesWrongCheckpoint runs the verifier's loop on a simulated
// chain with a real blob store against a worker that commits a wrong state
// root for checkpoint 2 (checkpoint 1 is right and published): the audit
// replays both intervals, finds the mismatch at 2, challenges it (proven
// from the result's checkpoints root) with requiredBond() plus the margin;
// a restarted verifier does not challenge again; a verifier with an empty
// store adopts the game from the chain; the worker never moves, so once
// its clock runs out the verifier times it out, wins, and withdraws its
// bond and the whole slash reward (the only live game's share).
func TestDriverCatchesWrongCheckpoint(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	root1, wrong2 := wrongSecondCheckpoint(f)

	dataDir := t.TempDir()
	storeDir := filepath.Join(dataDir, "state")
	store, err := OpenStore(storeDir)
	require.NoError(t, err)
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest}, nil)
	before := f.c.Balance(f.c.Addr("verifier"))
	required, err := f.contracts().RequiredBond(ctx)
	require.NoError(t, err)
	require.Zero(t, required.Cmp(f.bond), "the floor at the simulated chain's base fee")

	// The audit: checkpoint 1 matches, checkpoint 2 does not; one game.
	require.NoError(t, d.Step(ctx))
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{1, 2}, r.Checked)
	require.Equal(t, []uint32{2}, r.Mismatched)
	require.Equal(t, []uint32{2}, r.Challenged)
	require.Equal(t, []uint64{0}, r.Games)
	require.Nil(t, r.Intent)
	require.True(t, r.Done)
	g, ok, err := store.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.Equal(t, root1, g.PrevRoot)
	require.Equal(t, GameOpen, g.Status)
	wantBond := new(big.Int).Add(required, new(big.Int).Div(required, big.NewInt(8)))
	require.Equal(t, wantBond, g.Bond, "requiredBond() plus 12.5%")
	gm := f.game(0)
	require.Equal(t, wantBond, gm.Bond, "the game keeps what was sent")
	require.Equal(t, f.c.Addr("verifier"), gm.Challenger)
	require.Equal(t, f.c.Addr("worker"), gm.Worker)
	require.Equal(t, uint8(dispute.PhaseStepRoots), gm.Phase)
	require.Equal(t, root1, common.Hash(gm.StartRoot))
	require.Equal(t, wrong2, common.Hash(gm.EndRoot))
	require.FileExists(t, filepath.Join(dataDir, "games", "0", "start.gck"))

	// A restart with the same store challenges nothing again.
	require.NoError(t, d.Step(ctx))
	d2 := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest}, nil)
	require.NoError(t, d2.Step(ctx))
	require.Equal(t, uint64(1), f.gameCount())
	require.NoError(t, store.Close())

	// A verifier that lost its store adopts its game from the chain and
	// does not challenge again either.
	require.NoError(t, os.RemoveAll(dataDir))
	store = f.openStore(storeDir)
	d3 := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest}, nil)
	require.NoError(t, d3.Step(ctx))
	require.Equal(t, uint64(1), f.gameCount())
	g, ok, err = store.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, root1, g.PrevRoot)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.Equal(t, wantBond, g.Bond)
	r, err = store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{2}, r.Challenged)

	// The worker never reveals its step roots: its clock runs out, the
	// verifier times it out, wins, and withdraws its bond and the reward
	// share the game credited (the whole pot: one live game).
	f.c.Advance((testClock + 1) * time.Second)
	require.NoError(t, d3.Step(ctx))
	require.NoError(t, d3.Step(ctx))
	g, _, err = store.Game(0)
	require.NoError(t, err)
	require.Equal(t, GameDone, g.Status)
	require.Equal(t, OutcomeWon, g.Outcome)
	pot := new(big.Int).Div(oneEth, big.NewInt(2)) // 50% of the 1 ETH collateral
	require.Equal(t, pot, g.Share)
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), f.game(0).Outcome)
	require.Zero(t, f.arbBalance("verifier").Sign(), "bond and share withdrawn")
	gained := new(big.Int).Sub(f.c.Balance(f.c.Addr("verifier")), before)
	require.Equal(t, 1, gained.Cmp(new(big.Int).Div(pot, big.NewInt(2))), "the share, net of gas: %s", gained)
	require.Equal(t, JobOpen, f.job().Status, "the job reopened")
}

// TestDriverAuditStopsAtKnownMismatch: the worker's checkpoints 1 and 2
// are both wrong and neither is published. The audit replays interval 1
// from the initial state, finds the mismatch and challenges it; checkpoint
// 2's start (checkpoint 1) can only come from an honest replay, which the
// mismatch already says diverges at 1: the audit does not replay interval
// 1 a second time (one replay, one end root, in the whole audit).
func TestDriverAuditStopsAtKnownMismatch(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	wrong1, wrong2 := common.Hash{0xba, 0xd1}, common.Hash{0xba, 0xd2}
	f.forceInclude(1, wrong1)
	f.forceInclude(2, wrong2)
	f.submit([]common.Hash{wrong1, wrong2})
	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest}, nil)
	m := &orderMetrics{Metricer: metrics.NoopMetrics}
	d.m = m

	before := trainer.StateRootsComputed()
	require.NoError(t, d.auditJobs(ctx))
	require.Equal(t, []string{"audit", "opened"}, m.events)
	// The initial state's root twice (the job's check in trainerOf, and
	// start.gck kept for the game) and the end of interval 1 once; a
	// second replay of interval 1 would be a fourth.
	require.Equal(t, uint64(3), trainer.StateRootsComputed()-before, "interval 1 replayed once")
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{1}, r.Checked)
	require.Equal(t, []uint32{1}, r.Mismatched)
	require.Equal(t, []uint32{1}, r.Challenged)
	g, ok, err := store.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint32(1), g.Checkpoint)
	require.Equal(t, wrong1, common.Hash(f.game(0).EndRoot))
	require.FileExists(t, filepath.Join(dataDir, "games", "0", "start.gck"))
	init, err := f.tr.InitialStateRoot()
	require.NoError(t, err)
	require.Equal(t, common.Hash(init), g.PrevRoot)
}

// TestDriverAuditCarriesMatchedEnd: an honest worker that publishes no
// checkpoint. The audit of checkpoint 2 starts from the end of its replay
// of interval 1, which matched the worker's root 1: each interval is
// replayed once (starting checkpoint 2 from the initial state would replay
// interval 1 again).
func TestDriverAuditCarriesMatchedEnd(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	st, err := f.tr.InitialState()
	require.NoError(t, err)
	r1, s1, err := f.tr.ReplayEnd(ctx, st)
	require.NoError(t, err)
	r2, _, err := f.tr.ReplayEnd(ctx, s1)
	require.NoError(t, err)
	roots := []common.Hash{common.Hash(r1), common.Hash(r2)}
	f.forceInclude(1, roots[0])
	f.forceInclude(2, roots[1])
	f.submit(roots)
	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest}, nil)

	before := trainer.StateRootsComputed()
	require.NoError(t, d.auditJobs(ctx))
	// The initial state's root (the job's check in trainerOf) and the end
	// of each interval, once.
	require.Equal(t, uint64(3), trainer.StateRootsComputed()-before, "each interval replayed once")
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{1, 2}, r.Checked)
	require.Empty(t, r.Mismatched)
	require.True(t, r.Done)
	require.Zero(t, f.gameCount())
}

// TestDriverAuditCarriesPastUnaudited: with --audit.fraction below 1, an
// honest worker that publishes no checkpoint, a job of 3 checkpoints and
// an audit seed that samples checkpoints 1 and 3, not 2. The audit of 3
// replays interval 2 from its own matched end of interval 1, then 3:
// each interval once (starting from the initial state would replay
// interval 1 again). The job's second round of the same audit, the worker
// lying at 2 and 3, shows the replay through an unaudited interval still
// catches a divergence there.
func TestDriverAuditCarriesPastUnaudited(t *testing.T) {
	const fraction = 0.5
	seed := uint64(0)
	for !(Audited(seed, 1, 1, fraction) && !Audited(seed, 1, 2, fraction) && Audited(seed, 1, 3, fraction)) {
		seed++
	}
	honest := func(t *testing.T, f *fixture) []common.Hash {
		st, err := f.tr.InitialState()
		require.NoError(t, err)
		var roots []common.Hash
		for range 3 {
			r, next, err := f.tr.ReplayEnd(f.ctx, st)
			require.NoError(t, err)
			roots, st = append(roots, common.Hash(r)), next
		}
		return roots
	}
	for _, c := range []struct {
		name      string
		wrongFrom int    // the first wrong root (1-based; 0: none)
		roots     uint64 // state roots the audit computes (0: not counted)
		checked   []uint32
		mismatch  []uint32
	}{
		// The initial state's root (trainerOf's check) and the end of
		// each interval, once.
		{"honest", 0, 4, []uint32{1, 3}, nil},
		// Roots 2 and 3 wrong: the audit of 3 replays interval 2 from
		// the matched end of 1, finds it off the worker's root 2 and
		// audits 2 (from that same start, which it keeps for the game).
		{"wrong-from-2", 2, 0, []uint32{1, 2}, []uint32{2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixtureSteps(t, defaultTerms, 300)
			roots := honest(t, f)
			if c.wrongFrom > 0 {
				for i := c.wrongFrom - 1; i < len(roots); i++ {
					roots[i] = common.Hash{0xba, byte(i)}
				}
			}
			for i, r := range roots {
				f.forceInclude(uint32(i+1), r)
			}
			f.submit(roots)
			dataDir := t.TempDir()
			store := f.openStore(filepath.Join(dataDir, "state"))
			d := f.driver("verifier", nil, store, dataDir, DriverConfig{Strategy: dispute.Honest, AuditSeed: seed, AuditFraction: fraction}, nil)

			before := trainer.StateRootsComputed()
			require.NoError(t, d.auditJobs(f.ctx))
			if c.roots > 0 {
				require.Equal(t, c.roots, trainer.StateRootsComputed()-before, "each interval replayed once")
			}
			r, err := store.Audit(1, 1)
			require.NoError(t, err)
			require.Equal(t, c.checked, r.Checked)
			require.Equal(t, c.mismatch, r.Mismatched)
			if c.mismatch == nil {
				require.Zero(t, f.gameCount())
				return
			}
			require.Equal(t, c.mismatch, r.Challenged)
			g, ok, err := store.Game(0)
			require.NoError(t, err)
			require.True(t, ok)
			require.Equal(t, c.mismatch[0], g.Checkpoint)
			require.Equal(t, roots[0], g.PrevRoot, "the game starts from the worker's (matched) checkpoint 1")
		})
	}
}

// TestDriverRestartWhileChallengePending (mechanism 10): the verifier is
// killed while its challenge transaction sits in the node's pool. The
// restarted verifier sees its pending nonce above its mined one and waits:
// no second challenge goes out; once the first is mined, it adopts that
// game from the chain and never challenges again. A verifier killed after
// recording the intent but before the transaction went out finds neither a
// pending transaction nor a game, and sends the challenge then.
func TestDriverRestartWhileChallengePending(t *testing.T) {
	t.Run("published", func(t *testing.T) {
		f := newFixture(t, defaultTerms)
		ctx := f.ctx
		wrongSecondCheckpoint(f)
		dataDir := t.TempDir()
		store := f.openStore(filepath.Join(dataDir, "state"))
		dying := &dyingSender{c: f.c, name: "verifier", publish: true}
		require.NoError(t, f.driver("verifier", dying, store, dataDir, DriverConfig{}, nil).Step(ctx))
		require.Len(t, dying.sent, 1, "the challenge went out")
		r, err := store.Audit(1, 1)
		require.NoError(t, err)
		require.Equal(t, &ChallengeIntent{Checkpoint: 2, FromBlock: r.Intent.FromBlock}, r.Intent, "the intent is recorded before sending")
		require.Empty(t, r.Challenged)

		// The restarted verifier waits while its challenge is pending.
		d := f.driver("verifier", nil, store, dataDir, DriverConfig{}, nil)
		for range 3 {
			require.NoError(t, d.Step(ctx))
		}
		latest, pending, err := f.contracts().OwnNonces(ctx, f.c.Addr("verifier"))
		require.NoError(t, err)
		require.Equal(t, latest+1, pending, "still only the first challenge pending")
		require.Equal(t, uint64(0), f.gameCount())
		r, err = store.Audit(1, 1)
		require.NoError(t, err)
		require.NotNil(t, r.Intent)

		// It is mined: the verifier adopts its game.
		f.c.Sim.Commit()
		require.NoError(t, d.Step(ctx))
		require.NoError(t, d.Step(ctx))
		require.Equal(t, uint64(1), f.gameCount(), "never challenged twice")
		r, err = store.Audit(1, 1)
		require.NoError(t, err)
		require.Nil(t, r.Intent)
		require.Equal(t, []uint32{2}, r.Challenged)
		require.Equal(t, []uint64{0}, r.Games)
		require.True(t, r.Done)
		g, ok, err := store.Game(0)
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, uint32(2), g.Checkpoint)
		require.Equal(t, dying.sent[0].Hash(), g.OpenTx)
	})
	t.Run("not published", func(t *testing.T) {
		f := newFixture(t, defaultTerms)
		ctx := f.ctx
		wrongSecondCheckpoint(f)
		dataDir := t.TempDir()
		store := f.openStore(filepath.Join(dataDir, "state"))
		require.NoError(t, f.driver("verifier", &dyingSender{c: f.c, name: "verifier"}, store, dataDir, DriverConfig{}, nil).Step(ctx))
		r, err := store.Audit(1, 1)
		require.NoError(t, err)
		require.NotNil(t, r.Intent)
		require.Equal(t, uint64(0), f.gameCount())

		d := f.driver("verifier", nil, store, dataDir, DriverConfig{}, nil)
		require.NoError(t, d.Step(ctx))
		require.NoError(t, d.Step(ctx))
		require.Equal(t, uint64(1), f.gameCount())
		r, err = store.Audit(1, 1)
		require.NoError(t, err)
		require.Nil(t, r.Intent)
		require.Equal(t, []uint32{2}, r.Challenged)
		require.Equal(t, []uint64{0}, r.Games)
	})
}

// TestDriverAdoptsOnGameExists: two processes with the same key (separate
// stores). The second one's adoption scan runs before the first opens its
// game and its audit after: its challenge reverts GameExists (one live game
// per challenger, job, round and checkpoint), which it takes as "the game
// exists" and adopts, without an error and without a second game.
func TestDriverAdoptsOnGameExists(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	wrongSecondCheckpoint(f)
	dirA, dirB := t.TempDir(), t.TempDir()
	storeA, storeB := f.openStore(filepath.Join(dirA, "state")), f.openStore(filepath.Join(dirB, "state"))
	a := f.driver("verifier", nil, storeA, dirA, DriverConfig{}, nil)
	b := f.driver("verifier", nil, storeB, dirB, DriverConfig{}, nil)
	require.NoError(t, b.adoptGames(ctx))
	require.NoError(t, a.Step(ctx))
	require.Equal(t, uint64(1), f.gameCount())
	require.NoError(t, b.auditJobs(ctx))
	require.Equal(t, uint64(1), f.gameCount())
	scan, err := storeB.GameScan()
	require.NoError(t, err)
	require.Zero(t, scan, "B's adoption scan never saw the game: the GameExists revert did")
	r, err := storeB.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{2}, r.Challenged)
	require.Equal(t, []uint64{0}, r.Games)
	require.Nil(t, r.Intent)
	g, ok, err := storeB.Game(0)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, uint32(2), g.Checkpoint)
	require.NoError(t, b.Step(ctx))
	require.Equal(t, uint64(1), f.gameCount())
}

// TestDriverSharedReward: two verifiers challenge the same wrong
// checkpoint. The first times the silent worker out and wins; the slash
// reward is split between the two games live at that moment. The second
// game's round is over: its verifier closes it (closeStale), gets its bond
// back and the other half (outcome shared), and withdraws.
func TestDriverSharedReward(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	wrongSecondCheckpoint(f)
	dir1, dir2 := t.TempDir(), t.TempDir()
	store1, store2 := f.openStore(filepath.Join(dir1, "state")), f.openStore(filepath.Join(dir2, "state"))
	d1 := f.driver("verifier", nil, store1, dir1, DriverConfig{}, nil)
	d2 := f.driver("verifier2", nil, store2, dir2, DriverConfig{}, nil)
	require.NoError(t, d1.Step(ctx))
	require.NoError(t, d2.Step(ctx))
	require.Equal(t, uint64(2), f.gameCount())

	f.c.Advance((testClock + 1) * time.Second)
	require.NoError(t, d1.Step(ctx)) // timeout: won
	require.NoError(t, d1.Step(ctx)) // collect
	require.NoError(t, d2.Step(ctx)) // the round is over: closeStale
	require.Equal(t, uint8(dispute.OutcomeShared), f.game(1).Outcome)
	require.Equal(t, 1, f.arbBalance("verifier2").Cmp(f.game(1).Bond), "bond back and a share")
	require.NoError(t, d2.Step(ctx)) // collect

	pot := new(big.Int).Div(oneEth, big.NewInt(2))
	g1, _, err := store1.Game(0)
	require.NoError(t, err)
	g2, _, err := store2.Game(1)
	require.NoError(t, err)
	require.Equal(t, OutcomeWon, g1.Outcome)
	require.Equal(t, OutcomeShared, g2.Outcome)
	require.Equal(t, GameDone, g1.Status)
	require.Equal(t, GameDone, g2.Status)
	require.Equal(t, new(big.Int).Div(pot, big.NewInt(2)), g1.Share)
	require.Equal(t, pot, new(big.Int).Add(g1.Share, g2.Share), "the pot, split between the two live games")
	require.Zero(t, f.arbBalance("verifier").Sign())
	require.Zero(t, f.arbBalance("verifier2").Sign())
}

// TestDriverMootWhenJobTimesOut: with --audit.assigned the verifier
// challenges a wrong commitment of a job still in training (proven from
// the inbox with the worker's signature, here from a stand-in for the
// sequencer). The worker then misses its deadline and the poster times the
// job out: the round is over without a lost game, so the verifier closes
// its game (closeStale), which ends moot, and withdraws its bond, with no
// share.
func TestDriverMootWhenJobTimesOut(t *testing.T) {
	terms := defaultTerms
	terms.ExecutionWindow = 120
	f := newFixture(t, terms)
	ctx := f.ctx
	wrong1 := common.Hash{0xba, 0xd, 1}
	f.forceInclude(1, wrong1)
	cm := inbox.Commitment{JobID: 1, Round: 1, Checkpoint: 1, StateRoot: wrong1, Worker: f.c.Addr("worker")}
	sig, err := inbox.NewDomain(f.c.ChainID.Uint64(), f.addrs.CommitmentInbox).Sign(cm, f.c.Keys["worker"])
	require.NoError(t, err)
	seq := &fakeSequencer{incs: map[uint32]*seqrpc.Inclusion{1: {Status: "forced", Round: 1, Commitment: cm, Signature: sig}}}

	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{AuditAssigned: true}, seq)
	require.NoError(t, d.Step(ctx))
	require.Equal(t, uint64(1), f.gameCount())
	gm := f.game(0)
	require.Equal(t, uint32(1), gm.Checkpoint)
	require.Equal(t, wrong1, common.Hash(gm.EndRoot))

	f.c.Advance(121 * time.Second)
	f.c.Send("client", f.market, nil, f.m.PackTimeout(big.NewInt(1)))
	require.NoError(t, d.Step(ctx)) // closeStale
	require.Equal(t, uint8(dispute.OutcomeMoot), f.game(0).Outcome)
	require.Equal(t, gm.Bond, f.arbBalance("verifier"), "the bond back, no share")
	require.NoError(t, d.Step(ctx)) // collect
	g, _, err := store.Game(0)
	require.NoError(t, err)
	require.Equal(t, OutcomeMoot, g.Outcome)
	require.Equal(t, GameDone, g.Status)
	require.Zero(t, g.Share.Sign())
	require.Zero(t, f.arbBalance("verifier").Sign())
}

// TestDriverHonestResultWithoutCommitments (mechanism 1, the honest side):
// a worker that commits nothing and submits an honest result is checked by
// a replay of the whole job; the checkpoints roots agree: no game, the
// round is audited.
func TestDriverHonestResultWithoutCommitments(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	states := f.train(faultyStep(f.tr, 0))
	f.submit([]common.Hash{f.rootOf(states[100]), f.rootOf(states[200])})
	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{AuditFraction: 0.01, AuditSeed: 3}, nil)
	require.NoError(t, d.Step(ctx))
	require.Equal(t, uint64(0), f.gameCount())
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.True(t, r.Done)
	require.Equal(t, []uint32{1, 2}, r.Checked)
	require.Equal(t, []common.Hash{f.rootOf(states[100]), f.rootOf(states[200])}, r.Replayed)
	require.False(t, r.ResultChallenged)
}

// orderMetrics records, in order, the checkpoints audited, the games
// opened and the moves sent; onOpened runs after each game opened.
type orderMetrics struct {
	metrics.Metricer
	events   []string
	onOpened func()
}

func (m *orderMetrics) RecordAudit() { m.events = append(m.events, "audit") }
func (m *orderMetrics) RecordGameOpened() {
	m.events = append(m.events, "opened")
	if m.onOpened != nil {
		m.onOpened()
	}
}
func (m *orderMetrics) RecordMove(kind string) { m.events = append(m.events, "move "+kind) }

// TestDriverAuditYieldsToGames: a game of the verifier's needs a move
// while an audit still has checkpoints to replay. With
// --unsafe.challenge-all the audit challenges checkpoint 1 (game 0); the
// worker's clock then runs out before checkpoint 2 is replayed. The
// verifier times the worker out before it replays checkpoint 2, inside the
// same audit, then audits checkpoint 2: each checkpoint replayed once, none
// skipped.
func TestDriverAuditYieldsToGames(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	wrongSecondCheckpoint(f)
	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{ChallengeAll: true}, nil)
	d.cfg.PollInterval = time.Hour // no yield inside a replay: between checkpoints only
	m := &orderMetrics{Metricer: metrics.NoopMetrics}
	m.onOpened = func() {
		m.onOpened = nil
		f.c.Advance((testClock + 1) * time.Second)
	}
	d.m = m

	require.NoError(t, d.auditJobs(ctx))
	require.Equal(t, []string{"audit", "opened", "move timeout", "audit"}, m.events,
		"the game's move between the audit's checkpoints")
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), f.game(0).Outcome)
	require.Equal(t, uint64(1), f.gameCount(), "the job reopened: no game on checkpoint 2")
	r, err := store.Audit(1, 1)
	require.NoError(t, err)
	require.Equal(t, []uint32{1, 2}, r.Checked)
	require.Equal(t, []uint32{2}, r.Mismatched)
	require.Equal(t, []uint32{1}, r.Challenged)
}

// TestDriverReplayYieldsToGames: inside the replay of one checkpoint
// interval, once a poll interval has passed since the games were last
// played, the verifier plays them before its next step (here: times out a
// worker whose clock ran out) and the replay goes on to the same root.
func TestDriverReplayYieldsToGames(t *testing.T) {
	f := newFixture(t, defaultTerms)
	ctx := f.ctx
	wrongSecondCheckpoint(f)
	dataDir := t.TempDir()
	store := f.openStore(filepath.Join(dataDir, "state"))
	d := f.driver("verifier", nil, store, dataDir, DriverConfig{}, nil)
	m := &orderMetrics{Metricer: metrics.NoopMetrics}
	d.m = m
	d.cfg.PollInterval = time.Hour
	require.NoError(t, d.Step(ctx)) // the audit: game 0 on checkpoint 2
	require.Equal(t, []string{"audit", "audit", "opened"}, m.events)
	f.c.Advance((testClock + 1) * time.Second)

	st, err := f.tr.InitialState()
	require.NoError(t, err)
	want, _, err := f.tr.ReplayEnd(ctx, st)
	require.NoError(t, err)
	m.events = nil
	d.played = time.Time{} // a poll interval ago: the replay yields once, then not for an hour
	got, end, err := d.replayEnd(ctx, f.tr, st, true)
	require.NoError(t, err)
	require.Equal(t, want, got)
	require.Equal(t, uint64(100), end.Step)
	require.Equal(t, []string{"move timeout"}, m.events, "the worker timed out during the replay")
	require.Equal(t, uint8(dispute.OutcomeChallengerWon), f.game(0).Outcome)
}
