package verifier

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// adoptGames looks at every game id not yet looked at and records the games
// where this verifier is the challenger that the store does not know (a
// stop between a challenge's transaction and its record): they are played
// on, never opened again.
func (d *Driver) adoptGames(ctx context.Context) error {
	from, err := d.store.GameScan()
	if err != nil {
		return err
	}
	n, err := d.c.GameCount(ctx)
	if err != nil {
		return err
	}
	for id := from; id < n; id++ {
		gm, err := d.c.Game(ctx, id)
		if err != nil {
			return err
		}
		if gm.Challenger == d.me() {
			if _, ok, err := d.store.Game(id); err != nil {
				return err
			} else if !ok {
				if err := d.adopt(ctx, id, gm, nil); err != nil {
					return fmt.Errorf("game %d: %w", id, err)
				}
			}
		}
		if err := d.store.SetGameScan(id + 1); err != nil {
			return err
		}
	}
	return nil
}

// adoptID records game id (this account's) if the store does not know it,
// and marks it in the audit record of its round (r when it is that round's,
// written back).
func (d *Driver) adoptID(ctx context.Context, id uint64, r *AuditRecord) error {
	g, ok, err := d.store.Game(id)
	if err != nil {
		return err
	}
	if ok {
		if r == nil || r.Job != g.Job || r.Round != g.Round {
			if r, err = d.store.Audit(g.Job, g.Round); err != nil {
				return err
			}
		}
		r.markGame(g)
		return d.store.PutAudit(r)
	}
	gm, err := d.c.Game(ctx, id)
	if err != nil {
		return err
	}
	if gm.Challenger != d.me() {
		return fmt.Errorf("game %d is not this verifier's (challenger %s)", id, gm.Challenger)
	}
	return d.adopt(ctx, id, gm, r)
}

// adopt records game id, found on chain, from its GameStarted event (a game
// started with checkpoint 0 was opened with challengeResult) and marks it in
// the audit record of its round (r when it is that round's); an intent of
// that round for the same checkpoint is settled by it.
func (d *Driver) adopt(ctx context.Context, id uint64, gm bindings.IVerdeArbitrationGame, r *AuditRecord) error {
	logs, err := d.c.gameLogs(ctx, id, 0, "GameStarted")
	if err != nil {
		return err
	}
	if len(logs) == 0 {
		return errors.New("no GameStarted event")
	}
	ev, err := d.c.arb.UnpackGameStartedEvent(&logs[0])
	if err != nil {
		return err
	}
	g := &GameRecord{ID: id, Job: gm.JobId, Round: gm.Round, Checkpoint: ev.Checkpoint, PrevRoot: ev.StartRoot, Result: ev.Checkpoint == 0,
		Strategy: d.cfg.strategyName(), Seed: d.seedOf(id), Status: GameOpen, FromBlock: logs[0].BlockNumber, OpenTx: logs[0].TxHash,
		Bond: gm.Bond}
	if err := d.store.PutGame(g); err != nil {
		return err
	}
	if r == nil || r.Job != gm.JobId || r.Round != gm.Round {
		if r, err = d.store.Audit(gm.JobId, gm.Round); err != nil {
			return err
		}
	}
	r.markGame(g)
	if in := r.Intent; in != nil && in.Result == g.Result && in.Checkpoint == ev.Checkpoint {
		r.Intent = nil
	}
	d.log.Info("Game adopted from the chain", "game", id, "job", gm.JobId, "round", gm.Round, "checkpoint", ev.Checkpoint,
		"result", g.Result, "phase", dispute.Phase(gm.Phase), "bond", gm.Bond)
	return d.store.PutAudit(r)
}

// playGames moves every game of the store that is not done.
func (d *Driver) playGames(ctx context.Context) error {
	gs, err := d.store.Games()
	if err != nil {
		return err
	}
	var errs error
	for _, g := range gs {
		if g.Status == GameDone {
			continue
		}
		if err := d.playGame(ctx, g); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = errors.Join(errs, fmt.Errorf("game %d: %w", g.ID, err))
		}
	}
	return errs
}

func outcomeName(o dispute.Outcome) string {
	switch o {
	case dispute.OutcomeChallengerWon:
		return OutcomeWon
	case dispute.OutcomeWorkerWon:
		return OutcomeLost
	case dispute.OutcomeMoot:
		return OutcomeMoot
	case dispute.OutcomeShared:
		return OutcomeShared
	}
	return "none"
}

// live is VerdeArbitration._live: the job is still in the disputed round.
func live(job bindings.IJobMarketJob, gm bindings.IVerdeArbitrationGame) bool {
	return (job.Status == JobAssigned || job.Status == JobSubmitted) && job.Round == gm.Round && job.Worker == gm.Worker &&
		job.OpenDisputes != 0
}

// playGame does what game g needs now: collect a resolved game, close a
// stale one, time out a worker whose clock ran out, or make the
// challenger's move.
func (d *Driver) playGame(ctx context.Context, g *GameRecord) error {
	if g.Status == GameResolved {
		return d.collect(ctx, g)
	}
	gm, err := d.c.Game(ctx, g.ID)
	if err != nil {
		return err
	}
	phase := dispute.Phase(gm.Phase)
	if g.Result && g.Checkpoint == 0 && gm.Checkpoint != 0 {
		if err := d.syncPick(ctx, g); err != nil {
			return fmt.Errorf("the picked checkpoint: %w", err)
		}
	}
	if phase == dispute.PhaseResolved {
		share, err := d.shareOf(ctx, g)
		if err != nil {
			return fmt.Errorf("reward share: %w", err)
		}
		g.Status, g.Outcome, g.Share = GameResolved, outcomeName(dispute.Outcome(gm.Outcome)), share
		if g.Bond == nil {
			g.Bond = gm.Bond
		}
		if err := d.store.PutGame(g); err != nil {
			return err
		}
		d.m.RecordGameResolved(g.Outcome)
		d.m.RecordRewardShare(g.Outcome, share)
		d.mu.Lock()
		delete(d.challengers, g.ID)
		d.mu.Unlock()
		d.dropTrace(g.ID)
		d.log.Info("Game resolved", "game", g.ID, "job", g.Job, "round", g.Round, "checkpoint", g.Checkpoint, "outcome", g.Outcome,
			"bond", g.Bond, "share", share, "moves", g.Moves)
		return d.collect(ctx, g)
	}
	job, err := d.c.Job(ctx, gm.JobId)
	if err != nil {
		return err
	}
	if !live(job, gm) {
		// The round ended (the job reopened after another game, or timed
		// out): closeStale gives the bond back, with a share of the slash
		// reward when the worker lost another game of the round (Shared).
		d.log.Info("The game's round is over; closing it", "game", g.ID, "job", g.Job, "round", g.Round, "jobRound", job.Round,
			"jobStatus", job.Status)
		return d.move(ctx, g, "close-stale", d.c.CloseStaleCandidate(g.ID))
	}
	if phase.WorkerToMove() {
		tm, err := d.c.ToMove(ctx, g.ID)
		if err != nil {
			return err
		}
		head, err := d.c.client.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		if tm.Deadline.Sign() > 0 && tm.Deadline.IsUint64() && head.Time > tm.Deadline.Uint64() {
			d.log.Info("The worker's clock ran out", "game", g.ID, "phase", phase, "deadline", tm.Deadline)
			return d.move(ctx, g, "timeout", d.c.TimeoutCandidate(g.ID))
		}
		return nil
	}
	if d.cfg.StopAfter > 0 && g.Moves >= d.cfg.StopAfter {
		return nil // test mode: a challenger that stops answering
	}
	tr, err := d.trainerOf(ctx, g.Job, job)
	if err != nil {
		return fmt.Errorf("trainer: %w", err)
	}
	ev, err := d.evidence(ctx, g, &gm, tr)
	if err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	var mv *dispute.ChallengerMove
	if g.Strategy == "grief" {
		if mv, err = d.griefQuery(ctx, &gm); err != nil {
			return fmt.Errorf("grief: %w", err)
		}
	}
	if mv == nil && phase == dispute.PhasePickCheckpoint {
		own, err := d.ownRoots(ctx, g)
		if err != nil {
			return fmt.Errorf("own checkpoint roots: %w", err)
		}
		if mv, err = dispute.PickCheckpoint(&gm, hashesTo(own), ev); err != nil {
			return fmt.Errorf("compute move in phase %s: %w", phase, err)
		}
	}
	if mv == nil {
		ch, err := d.challengerOf(ctx, g, gm)
		if err != nil {
			return fmt.Errorf("challenger: %w", err)
		}
		if mv, err = ch.Move(ctx, &gm, ev); err != nil {
			return fmt.Errorf("compute move in phase %s: %w", phase, err)
		}
	}
	kind, cand, err := d.moveCandidate(g.ID, mv)
	if err != nil {
		return err
	}
	if err := d.move(ctx, g, kind, cand); err != nil {
		return err
	}
	g.Moves++
	return d.store.PutGame(g)
}

// syncPick records the checkpoint a result game picked and its start root
// (checkpoint k-1, agreed by the bisection) from its CheckpointPicked
// event: the game goes on like one opened with challenge.
func (d *Driver) syncPick(ctx context.Context, g *GameRecord) error {
	logs, err := d.c.gameLogs(ctx, g.ID, g.FromBlock, "CheckpointPicked")
	if err != nil {
		return err
	}
	if len(logs) == 0 {
		return errors.New("no CheckpointPicked event")
	}
	ev, err := d.c.arb.UnpackCheckpointPickedEvent(&logs[0])
	if err != nil {
		return err
	}
	g.Checkpoint, g.PrevRoot = ev.Checkpoint, ev.StartRoot
	d.log.Info("Checkpoint picked in the result game", "game", g.ID, "job", g.Job, "checkpoint", g.Checkpoint, "startRoot", g.PrevRoot,
		"workerRoot", common.Hash(ev.EndRoot))
	return d.store.PutGame(g)
}

// ownRoots returns the verifier's own checkpoint roots of the game's job
// (from the audit record of its round, or a new replay of the whole job).
func (d *Driver) ownRoots(ctx context.Context, g *GameRecord) ([]common.Hash, error) {
	r, err := d.store.Audit(g.Job, g.Round)
	if err != nil {
		return nil, err
	}
	job, err := d.c.Job(ctx, g.Job)
	if err != nil {
		return nil, err
	}
	K := int(job.Params.Steps / job.Params.CheckpointInterval)
	if len(r.Replayed) == K {
		return r.Replayed, nil
	}
	tr, err := d.trainerOf(ctx, g.Job, job)
	if err != nil {
		return nil, err
	}
	d.log.Info("Replaying the whole job for the result game", "game", g.ID, "job", g.Job, "checkpoints", K)
	own, err := d.replayAll(ctx, tr, K)
	if err != nil {
		return nil, err
	}
	r.Replayed = own
	return own, d.store.PutAudit(r)
}

// griefLists are the lists a challenger may query in each of its phases.
var griefLists = map[dispute.Phase][]dispute.List{
	dispute.PhasePickCheckpoint: {dispute.ListCheckpoints},
	dispute.PhasePickStep:       {dispute.ListStepRoots},
	dispute.PhasePickNode:       {dispute.ListStepTrace, dispute.ListNextState},
	dispute.PhasePickElement:    {dispute.ListOutTensor},
	dispute.PhasePickEntry:      {dispute.ListElementTrace},
}

// listCount is the item count of a queryable list of the game
// (VerdeArbitration._list).
func listCount(gm *bindings.IVerdeArbitrationGame, l dispute.List) uint64 {
	switch l {
	case dispute.ListStepRoots:
		return uint64(gm.Interval) + 1
	case dispute.ListStepTrace:
		return uint64(gm.NumNodes)
	case dispute.ListNextState:
		return uint64(gm.NumState)
	case dispute.ListOutTensor:
		return (uint64(gm.Numel) + 7) >> 3
	case dispute.ListCheckpoints:
		return uint64(gm.Checkpoints)
	}
	return uint64(gm.TraceLength)
}

// griefQuery is the griefing challenger's query (--unsafe.strategy grief, a
// test of the query limits): in the current phase, the next query of the
// first list it may query that has not reached the contract's limit
// (queryLimit(count)), its items in turn and again from the first; nil
// when every list of the phase is spent.
func (d *Driver) griefQuery(ctx context.Context, gm *bindings.IVerdeArbitrationGame) (*dispute.ChallengerMove, error) {
	for _, l := range griefLists[dispute.Phase(gm.Phase)] {
		count := listCount(gm, l)
		if count == 0 {
			continue
		}
		limit, err := d.c.QueryLimit(ctx, count)
		if err != nil {
			return nil, err
		}
		asked := new(big.Int).Rsh(gm.QueryCounts, 8*uint(l)).Uint64() & 0xff
		if asked < limit {
			return &dispute.ChallengerMove{Query: &dispute.QueryMove{List: l, Index: uint32(asked % count)}}, nil
		}
	}
	return nil, nil
}

// moveCandidate maps a challenger move to its transaction.
func (d *Driver) moveCandidate(id uint64, mv *dispute.ChallengerMove) (string, txmgr.TxCandidate, error) {
	switch {
	case mv == nil:
		return "", txmgr.TxCandidate{}, errors.New("no move")
	case mv.PickCheckpoint != nil:
		p := mv.PickCheckpoint
		return "pick-checkpoint", d.c.PickCheckpointCandidate(id, p.Checkpoint, common.Hash(p.PrevRoot), hashesOf(p.PrevProof),
			common.Hash(p.CurRoot), hashesOf(p.CurProof)), nil
	case mv.PickStep != nil:
		p := mv.PickStep
		return "pick-step", d.c.PickStepCandidate(id, p.Index, common.Hash(p.StartRoot), hashesOf(p.StartProof),
			common.Hash(p.EndRoot), hashesOf(p.EndProof)), nil
	case mv.PickNode != nil:
		p := *mv.PickNode
		if p.GraphProof == nil {
			p.GraphProof = [][32]byte{}
		}
		if p.OutRootProof == nil {
			p.OutRootProof = [][32]byte{}
		}
		if p.Enc == nil {
			p.Enc = []byte{}
		}
		return "pick-node", d.c.PickNodeCandidate(id, p), nil
	case mv.PickElement != nil:
		return "pick-element", d.c.PickElementCandidate(id, *mv.PickElement), nil
	case mv.PickEntry != nil:
		return "pick-entry", d.c.PickEntryCandidate(id, *mv.PickEntry), nil
	case mv.Query != nil:
		return "query", d.c.QueryCandidate(id, uint8(mv.Query.List), mv.Query.Index), nil
	}
	return "", txmgr.TxCandidate{}, errors.New("empty move")
}

func hashesOf(hs []commit.Hash) []common.Hash {
	out := make([]common.Hash, len(hs))
	for i, h := range hs {
		out[i] = common.Hash(h)
	}
	return out
}

func (d *Driver) move(ctx context.Context, g *GameRecord, kind string, cand txmgr.TxCandidate) error {
	if _, err := d.send(ctx, fmt.Sprintf("%s in game %d", kind, g.ID), cand); err != nil {
		return err
	}
	d.m.RecordMove(kind)
	return nil
}

// collect withdraws the verifier's balance in VerdeArbitration (its bond
// back after a game it did not lose, and the reward share the game credits
// when the worker lost: won or shared), then marks the game done.
func (d *Driver) collect(ctx context.Context, g *GameRecord) error {
	bal, err := d.c.ArbBalanceOf(ctx, d.me())
	if err != nil {
		return err
	}
	if bal.Sign() > 0 {
		// The balance is one sum: the bonds and shares of every game resolved
		// and not yet collected, not only g's.
		games, err := d.uncollected()
		if err != nil {
			return err
		}
		what := fmt.Sprintf("withdraw %s wei (the balance of %d resolved games: %v)", bal, len(games), games)
		if _, err := d.send(ctx, what, d.c.WithdrawCandidate()); err != nil {
			return err
		}
		d.m.RecordWithdrawn(bal)
		d.log.Info("Withdrew the arbitration balance", "amount", bal, "games", games, "count", len(games))
	}
	g.Status = GameDone
	d.log.Info("Game done", "game", g.ID, "outcome", g.Outcome, "bond", g.Bond, "share", g.Share, "job", g.Job, "round", g.Round)
	return d.store.PutGame(g)
}

// uncollected lists the ids of this verifier's games that are resolved and
// not yet collected: those whose bonds and shares a withdrawal now covers.
func (d *Driver) uncollected() ([]uint64, error) {
	gs, err := d.store.Games()
	if err != nil {
		return nil, err
	}
	var ids []uint64
	for _, x := range gs {
		if x.Status == GameResolved {
			ids = append(ids, x.ID)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

// shareOf is the slash reward share the game credited to this verifier
// (its RewardShared events; zero when none).
func (d *Driver) shareOf(ctx context.Context, g *GameRecord) (*big.Int, error) {
	logs, err := d.c.gameLogs(ctx, g.ID, g.FromBlock, "RewardShared")
	if err != nil {
		return nil, err
	}
	sum := new(big.Int)
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		ev, err := d.c.arb.UnpackRewardSharedEvent(&logs[i])
		if err != nil {
			return nil, err
		}
		if ev.Challenger == d.me() {
			sum.Add(sum, ev.Amount)
		}
	}
	return sum, nil
}

// challengerOf returns the game's challenger, rebuilding it after a
// restart from the job's trainer and the start state kept in the game's
// directory (or found again: the published checkpoint k-1, or a replay).
func (d *Driver) challengerOf(ctx context.Context, g *GameRecord, gm bindings.IVerdeArbitrationGame) (*dispute.Challenger, error) {
	d.mu.Lock()
	ch, ok := d.challengers[g.ID]
	d.mu.Unlock()
	if ok {
		return ch, nil
	}
	if g.Checkpoint == 0 {
		return nil, errors.New("the game has no checkpoint picked yet")
	}
	job, err := d.c.Job(ctx, g.Job)
	if err != nil {
		return nil, err
	}
	tr, err := d.trainerOf(ctx, g.Job, job)
	if err != nil {
		return nil, err
	}
	st, err := d.gameStart(ctx, tr, g, job.Params.CheckpointInterval)
	if err != nil {
		return nil, err
	}
	strategy := dispute.Honest
	if g.Strategy == "random" || g.Strategy == "grief" {
		strategy = dispute.Random
	}
	ch = dispute.NewChallenger(tr, st, strategy, g.Seed)
	// The start state is the challenger's: stepped forward in place to the
	// picked step (one state less in the game), reloaded if needed again.
	gr := *g
	ch.Reload = func() (*trainer.State, error) {
		return d.gameStart(d.ctx, tr, &gr, job.Params.CheckpointInterval)
	}
	d.mu.Lock()
	d.challengers[g.ID] = ch
	d.mu.Unlock()
	return ch, nil
}

// gameStart returns the game's start state (checkpoint k-1 with the game's
// PrevRoot): the one kept in the game's directory, or, if that is missing or
// not it, found again (findStart) and kept.
func (d *Driver) gameStart(ctx context.Context, tr *trainer.Trainer, g *GameRecord, interval uint64) (*trainer.State, error) {
	st, err := tr.LoadCheckpoint(filepath.Join(d.gameDir(g.ID), "start.gck"))
	if err == nil {
		if root, rerr := tr.StateRoot(st); rerr != nil || common.Hash(root) != g.PrevRoot || st.Step != uint64(g.Checkpoint-1)*interval {
			err = fmt.Errorf("kept start state is not checkpoint %d with root %s", g.Checkpoint-1, g.PrevRoot)
		}
	}
	if err != nil {
		d.log.Info("Finding the game's start state again", "game", g.ID, "reason", err)
		if st, err = d.findStart(ctx, tr, g); err != nil {
			return nil, err
		}
		if err := d.saveStart(tr, g.ID, st); err != nil {
			d.log.Warn("Keep the game's start state", "game", g.ID, "err", err)
		}
	}
	return st, nil
}

// findStart finds the state of checkpoint k-1 with the game's PrevRoot: the
// initial state, a published checkpoint, or an honest replay that reaches
// that root.
func (d *Driver) findStart(ctx context.Context, tr *trainer.Trainer, g *GameRecord) (*trainer.State, error) {
	st, err := d.publishedState(ctx, tr, g.Checkpoint-1, g.PrevRoot)
	if err == nil {
		return st, nil
	}
	st, err = tr.Run(ctx, nil, uint64(g.Checkpoint-1)*uint64(tr.Spec().CheckpointInterval), nil)
	if err != nil {
		return nil, err
	}
	root, err := tr.StateRoot(st)
	if err != nil {
		return nil, err
	}
	if common.Hash(root) != g.PrevRoot {
		return nil, fmt.Errorf("checkpoint %d with root %s is neither published nor the honest replay's", g.Checkpoint-1, g.PrevRoot)
	}
	return st, nil
}

// evidence collects what the worker revealed in the game: the blobs behind
// the dataHash of its StepRootsRevealed, StepTraceRevealed and
// ElementTraceRevealed events, decoded from verified streams (nil when
// missing from the blob store, malformed, or larger than the job and the
// game say they are; the step trace is kept in a file of the game's
// directory, stepTraceFile), and every QueryAnswered event, in chain order.
func (d *Driver) evidence(ctx context.Context, g *GameRecord, gm *dispute.Game, tr *trainer.Trainer) (*dispute.Evidence, error) {
	logs, err := d.c.gameLogs(ctx, g.ID, g.FromBlock, "StepRootsRevealed", "StepTraceRevealed", "ElementTraceRevealed", "QueryAnswered")
	if err != nil {
		return nil, err
	}
	ev := &dispute.Evidence{}
	for i := range logs {
		lg := &logs[i]
		if lg.Removed || len(lg.Topics) == 0 {
			continue
		}
		switch lg.Topics[0] {
		case d.c.arbABI.Events["StepRootsRevealed"].ID:
			e, err := d.c.arb.UnpackStepRootsRevealedEvent(lg)
			if err != nil {
				return nil, err
			}
			if v := d.blob(ctx, e.DataHash, dispute.StepRootsBlobSize(gm.Interval), func() blobDecoder { return new(dispute.StepRootsData) }); v != nil {
				ev.StepRootsData = v.(*dispute.StepRootsData)
			}
		case d.c.arbABI.Events["StepTraceRevealed"].ID:
			e, err := d.c.arb.UnpackStepTraceRevealedEvent(lg)
			if err != nil {
				return nil, err
			}
			ev.StepTraceFile = d.stepTraceFile(ctx, g.ID, e.DataHash, dispute.StepTraceBlobSize(tr.Graph()))
		case d.c.arbABI.Events["ElementTraceRevealed"].ID:
			e, err := d.c.arb.UnpackElementTraceRevealedEvent(lg)
			if err != nil {
				return nil, err
			}
			if v := d.blob(ctx, e.DataHash, dispute.ElementTraceBlobSize(e.TraceLength), func() blobDecoder { return new(dispute.ElementTraceData) }); v != nil {
				ev.ElementTraceData = v.(*dispute.ElementTraceData)
			}
		case d.c.arbABI.Events["QueryAnswered"].ID:
			e, err := d.c.arb.UnpackQueryAnsweredEvent(lg)
			if err != nil {
				return nil, err
			}
			proof := make([]commit.Hash, len(e.Proof))
			for j, p := range e.Proof {
				proof[j] = commit.Hash(p)
			}
			ev.Answers = append(ev.Answers, dispute.Answer{List: dispute.List(e.List), Index: e.Index, Item: commit.Hash(e.Item), Proof: proof})
		}
	}
	return ev, nil
}

// blobDecoder is a dispute blob decoded from a stream.
type blobDecoder interface {
	Decode(r io.Reader, size int64) error
}

type cachedBlob struct {
	v    blobDecoder
	size int64
}

// blob fetches a published blob by its hash, at most maxSize bytes (the
// size the job and the game give it), and decodes it while it streams: it
// is never held whole, and accepted only when its keccak256 is h (cached
// once found). nil when the hash is zero or the blob is missing, too large,
// not its hash, or malformed.
func (d *Driver) blob(ctx context.Context, h [32]byte, maxSize int64, newDecoder func() blobDecoder) blobDecoder {
	if h == ([32]byte{}) {
		return nil
	}
	d.mu.Lock()
	c, ok := d.blobCache[h]
	d.mu.Unlock()
	if ok {
		return c.v
	}
	rc, size, err := d.blobs.Open(ctx, blobstore.Hash(h), maxSize)
	if err != nil {
		d.log.Info("Dispute blob not available", "hash", common.Hash(h), "err", err)
		return nil
	}
	defer rc.Close()
	v := newDecoder()
	if err := v.Decode(rc, size); err != nil {
		d.log.Info("Dispute blob not usable", "hash", common.Hash(h), "bytes", size, "err", err)
		return nil
	}
	d.mu.Lock()
	if len(d.blobCache) >= maxCachedBlobs || d.cacheBytes+size > maxCachedBytes {
		clear(d.blobCache)
		d.cacheBytes = 0
	}
	d.blobCache[h] = cachedBlob{v: v, size: size}
	d.cacheBytes += size
	d.mu.Unlock()
	return v
}

// maxCachedBlobs and maxCachedBytes bound the decoded dispute blobs kept in
// memory (the step roots and the element trace of each game; its step trace
// is kept in a file, stepTraceFile); the latest one is always kept,
// whatever its size.
const (
	maxCachedBlobs = 64
	maxCachedBytes = 1 << 30
)

// traceFile is a game's published step trace, in a file of the game's
// directory: its header decoded, its elements read from the file when the
// challenger needs a node's output.
type traceFile struct {
	hash common.Hash
	f    *os.File
	tr   *dispute.StepTraceFile
}

// Names of a game's step trace files: the blob, verified, and one being
// streamed.
const (
	traceFilePrefix = "steptrace-"
	traceTempPrefix = ".steptrace-"
)

// stepTraceFile returns game's published step trace of hash h, at most
// maxSize bytes (StepTraceBlobSize of the job's graph): the blob streams
// into a temporary file of the game's directory while the blob store's
// reader checks its keccak256, its layout is checked
// (dispute.OpenStepTrace), and only then is it renamed into place; its
// elements are read from the file when needed, so a step trace costs the
// verifier its header in memory, not its elements. It is kept until the
// game is resolved or the verifier stops (and a new process removes what an
// old one left). nil when the hash is zero or the blob is missing, too
// large, not its hash, or malformed; nothing is left on disk then.
func (d *Driver) stepTraceFile(ctx context.Context, game uint64, h [32]byte, maxSize int64) *dispute.StepTraceFile {
	if h == ([32]byte{}) {
		return nil
	}
	d.mu.Lock()
	if d.traces == nil {
		d.traces = map[uint64]*traceFile{}
	}
	tf := d.traces[game]
	d.mu.Unlock()
	if tf != nil && tf.hash == h {
		return tf.tr
	}
	// another trace of the game (one at a time on disk), or the files an
	// earlier process left behind
	d.dropTrace(game)
	tf, err := d.fetchTraceFile(ctx, game, h, maxSize)
	if err != nil {
		d.log.Info("Dispute step trace not usable", "game", game, "hash", common.Hash(h), "err", err)
		return nil
	}
	d.mu.Lock()
	d.traces[game] = tf
	d.mu.Unlock()
	return tf.tr
}

func (d *Driver) fetchTraceFile(ctx context.Context, game uint64, h [32]byte, maxSize int64) (*traceFile, error) {
	rc, size, err := d.blobs.Open(ctx, blobstore.Hash(h), maxSize)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dir := d.gameDir(game)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, traceTempPrefix+"*")
	if err != nil {
		return nil, err
	}
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// Read to the stream's end: the blob store's reader checks the hash
	// with the last byte and refuses a longer stream.
	n, err := io.Copy(f, rc)
	if err != nil {
		return nil, err
	}
	if n != size {
		return nil, fmt.Errorf("%w: %d of %d bytes", dispute.ErrBlob, n, size)
	}
	tr, err := dispute.OpenStepTrace(f, size)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, traceFilePrefix+common.Hash(h).Hex()[2:])
	if err := os.Rename(f.Name(), path); err != nil {
		return nil, err
	}
	done = true
	return &traceFile{hash: h, f: f, tr: tr}, nil
}

// dropTrace closes and removes game's step trace files.
func (d *Driver) dropTrace(game uint64) {
	d.mu.Lock()
	tf := d.traces[game]
	delete(d.traces, game)
	d.mu.Unlock()
	if tf != nil {
		tf.f.Close()
	}
	d.removeTraceFiles(d.gameDir(game))
}

// dropTraces closes and removes every game's step trace files (at stop).
func (d *Driver) dropTraces() {
	d.mu.Lock()
	games := make([]uint64, 0, len(d.traces))
	for g := range d.traces {
		games = append(games, g)
	}
	d.mu.Unlock()
	for _, g := range games {
		d.dropTrace(g)
	}
}

// sweepTraces removes the step trace files every game directory holds:
// an earlier process's (at start).
func (d *Driver) sweepTraces() {
	dirs, _ := os.ReadDir(filepath.Join(d.cfg.DataDir, "games"))
	for _, e := range dirs {
		if e.IsDir() {
			d.removeTraceFiles(filepath.Join(d.cfg.DataDir, "games", e.Name()))
		}
	}
}

// removeTraceFiles removes the step trace files (verified or partial) of
// the game directory dir.
func (d *Driver) removeTraceFiles(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); !strings.HasPrefix(n, traceFilePrefix) && !strings.HasPrefix(n, traceTempPrefix) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			d.log.Warn("Remove a step trace file", "path", p, "err", err)
		}
	}
}
