package worker

// The worker's defence in VerdeArbitration's dispute games (PROTOCOL.md §6,
// docs/worker.md "Disputes"): it finds the games against it (GameStarted
// events, and getGame over the games it has not looked at after a restart),
// keeps each in Pebble, and whenever a game waits on the worker computes its
// move with node/dispute's Defender from its own claimed states, publishes
// the data behind the move to the blob store and sends the move. A game won
// is cashed in with VerdeArbitration.withdraw; a game lost is logged (the
// job reopens without this worker).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// maxLogRange is the most blocks one eth_getLogs request spans.
const maxLogRange = 5000

// jobDefence is what the worker keeps in memory to defend the games on one
// job: a trainer of its own (the training goroutine may be using the
// driver's), the claimed-state source and the step function, and one
// Defender per game.
type jobDefence struct {
	tr        *trainer.Trainer
	src       *claimedStates
	step      dispute.StepFunc
	defenders map[uint64]*dispute.Defender
	rooted    map[uint64]bool // games whose Defender has the result's checkpoint roots
}

// defender is game's Defender: it answers Checkpoints queries from the
// checkpoint roots the worker's result covers (roots, once known), and
// reports an honest mistake to onMistake.
func (jd *jobDefence) defender(game uint64, roots []common.Hash, onMistake func(dispute.Mistake)) *dispute.Defender {
	def, ok := jd.defenders[game]
	if !ok {
		def = dispute.NewDefender(jd.tr, jd.src, jd.step)
		def.OnMistake = onMistake
		jd.defenders[game] = def
	}
	if !jd.rooted[game] && len(roots) > 0 {
		hs := make([]commit.Hash, len(roots))
		for i, h := range roots {
			hs[i] = commit.Hash(h)
		}
		def.SetCheckpointRoots(hs)
		jd.rooted[game] = true
	}
	return def
}

// defenceOf builds (once) the defence of a job from the files evaluate kept.
// Only the job's defence goroutine uses it.
func (d *Driver) defenceOf(id uint64) (*jobDefence, error) {
	d.mu.Lock()
	jd, ok := d.defences[id]
	d.mu.Unlock()
	if ok {
		return jd, nil
	}
	s, ds, err := d.loadJob(id)
	if err != nil {
		return nil, err
	}
	// The worker's own executor: a worker whose arithmetic is not RepOps
	// (float64-matmul) defends what it computed, and the Defender finds the
	// mistake against the RepOps element programs.
	init, err := d.initialWeights(id, s)
	if err != nil {
		return nil, err
	}
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: d.jobExecutor(s), InitialWeights: init})
	if err != nil {
		return nil, err
	}
	jd = &jobDefence{tr: tr, defenders: map[uint64]*dispute.Defender{}, rooted: map[uint64]bool{}}
	f := d.cfg.Fault
	if f.changesStates() {
		var alt *trainer.Trainer
		if f.Kind == FaultWrongLR {
			if alt, err = altTrainer(tr, ds); err != nil {
				return nil, err
			}
		}
		fs, err := newFaultStepper(f, tr, alt)
		if err != nil {
			return nil, err
		}
		jd.step = fs.Claim
	}
	jd.src = &claimedStates{tr: tr, dir: filepath.Join(d.jobDir(id), "checkpoints"), step: jd.step,
		final: f.Kind == FaultCorruptFinal}
	d.mu.Lock()
	d.defences[id] = jd
	d.mu.Unlock()
	return jd, nil
}

// discoverGames records the games against this worker not yet recorded:
// after a (re)start every game id not yet looked at is read with getGame,
// then GameStarted events are followed block by block.
func (d *Driver) discoverGames(ctx context.Context) error {
	if !d.c.HasArbitration() {
		return nil
	}
	head, err := d.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	to := head.Number.Uint64()
	from, ok, err := d.state.GameScanBlock()
	if err != nil {
		return err
	}
	if !d.gamesScanned.Load() {
		// Every game opened up to the head read above is in gameCount.
		if err := d.scanGameIDs(ctx); err != nil {
			return err
		}
		d.gamesScanned.Store(true)
		if !ok {
			// A fresh worker: the id scan covered the past.
			return d.state.SetGameScanBlock(to + 1)
		}
	}
	if !ok {
		from = to + 1
	}
	for from <= to {
		end := min(from+maxLogRange-1, to)
		evs, err := d.c.GamesStarted(ctx, d.me(), from, end)
		if err != nil {
			return fmt.Errorf("read GameStarted events of blocks %d..%d: %w", from, end, err)
		}
		for _, ev := range evs {
			if ev.Worker != d.me() || !ev.GameId.IsUint64() || !ev.JobId.IsUint64() {
				continue
			}
			if err := d.recordGame(ev.GameId.Uint64(), ev.JobId.Uint64(), ev.Round, ev.Checkpoint); err != nil {
				return err
			}
		}
		if err := d.state.SetGameScanBlock(end + 1); err != nil {
			return err
		}
		from = end + 1
	}
	return nil
}

// scanGameIDs reads with getGame every game id not yet looked at and records
// the ones against this worker.
func (d *Driver) scanGameIDs(ctx context.Context) error {
	next, err := d.state.NextGameScan()
	if err != nil {
		return err
	}
	count, err := d.c.GameCount(ctx)
	if err != nil {
		return fmt.Errorf("read game count: %w", err)
	}
	for id := next; id < count; id++ {
		g, err := d.c.Game(ctx, id)
		if err != nil {
			return fmt.Errorf("read game %d: %w", id, err)
		}
		if g.Worker == d.me() {
			if err := d.recordGame(id, g.JobId, g.Round, g.Checkpoint); err != nil {
				return err
			}
		}
		if err := d.state.SetNextGameScan(id + 1); err != nil {
			return err
		}
	}
	return nil
}

func (d *Driver) recordGame(id, job uint64, round, checkpoint uint32) error {
	g, err := d.state.Game(id)
	if err != nil || g != nil {
		return err
	}
	d.m.RecordGameStarted()
	d.log.Warn("Dispute game opened against this worker", "game", id, "job", job, "round", round, "checkpoint", checkpoint)
	return d.state.PutGame(&GameRecord{ID: id, JobID: job, Round: round, Checkpoint: checkpoint, Status: GameOpen})
}

// defendGames starts, for every job with a game not done, a goroutine that
// looks at each of its games once (one goroutine per job at a time: a job's
// defence state is not shared).
func (d *Driver) defendGames() error {
	games, err := d.state.Games()
	if err != nil {
		return err
	}
	byJob := map[uint64][]*GameRecord{}
	for _, g := range games {
		if !g.Done() {
			byJob[g.JobID] = append(byJob[g.JobID], g)
		}
	}
	jobs := make([]uint64, 0, len(byJob))
	for j := range byJob {
		jobs = append(jobs, j)
	}
	// A job with no game left to defend needs no defence in memory.
	d.mu.Lock()
	for j := range d.defences {
		if _, ok := byJob[j]; !ok && !d.defending[j] {
			delete(d.defences, j)
		}
	}
	d.mu.Unlock()
	sort.Slice(jobs, func(a, b int) bool { return jobs[a] < jobs[b] })
	for _, j := range jobs {
		d.mu.Lock()
		busy := d.defending[j]
		if !busy {
			d.defending[j] = true
		}
		d.mu.Unlock()
		if busy {
			continue
		}
		gs := byJob[j]
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			defer func() {
				d.mu.Lock()
				delete(d.defending, j)
				d.mu.Unlock()
			}()
			for _, g := range gs {
				if err := d.defend(d.ctx, g); err != nil && d.ctx.Err() == nil {
					d.log.Warn("Dispute move failed; retrying", "game", g.ID, "job", g.JobID, "err", err)
				}
			}
		}()
	}
	return nil
}

// defend looks at one game: records its end (and withdraws a win), claims a
// win on the challenger's timeout, or makes the worker's move.
func (d *Driver) defend(ctx context.Context, rec *GameRecord) error {
	// The job first: a game's end and the job's reopening are one
	// transaction, so a job read before the game is never ahead of it.
	job, err := d.c.Job(ctx, rec.JobID)
	if err != nil {
		return fmt.Errorf("read job: %w", err)
	}
	g, err := d.c.Game(ctx, rec.ID)
	if err != nil {
		return fmt.Errorf("read game: %w", err)
	}
	phase := dispute.Phase(g.Phase)
	if phase == dispute.PhaseResolved {
		return d.gameOver(ctx, rec, &g)
	}
	if rec.Checkpoint == 0 && g.Checkpoint != 0 {
		// a game opened on the result (challengeResult) whose checkpoint
		// the challenger has picked
		rec.Checkpoint = g.Checkpoint
		d.log.Info("Dispute game's checkpoint picked", "game", rec.ID, "job", rec.JobID, "checkpoint", g.Checkpoint)
		if err := d.state.PutGame(rec); err != nil {
			return err
		}
	}
	if (job.Status != JobAssigned && job.Status != JobSubmitted) || job.Round != g.Round || job.Worker != g.Worker {
		// The job's round moved on (another game lost, a timeout): the game
		// can only end as stale (closeStale: the bond back to the
		// challenger, with a reward share if another game was lost);
		// nothing is left to defend.
		rec.Status = GameMoot
		d.m.RecordGameOver(GameMoot)
		d.log.Info("Dispute game is stale (the job's round moved on); no longer defending it", "game", rec.ID, "job", rec.JobID,
			"round", g.Round, "jobRound", job.Round, "jobStatus", job.Status)
		return d.state.PutGame(rec)
	}
	if !phase.WorkerToMove() {
		// the challenger's move (PickCheckpoint included)
		return d.maybeTimeout(ctx, rec, &g)
	}
	f := d.cfg.Fault
	if f.neverTrains() {
		if d.once(fmt.Sprintf("never/%d", rec.ID)) {
			d.log.Warn("UNSAFE fault never-train: not answering (its checkpoints are made up; nothing it could reveal matches an honest replay)",
				"game", rec.ID, "job", rec.JobID, "phase", phase)
		}
		return nil
	}
	if f.stopsAnswering() && rec.Moves >= 1 {
		if d.once(fmt.Sprintf("silent/%d", rec.ID)) {
			d.log.Warn("UNSAFE fault stop-answering: not making the move", "game", rec.ID, "job", rec.JobID, "phase", phase)
		}
		return nil
	}
	jd, err := d.defenceOf(rec.JobID)
	if err != nil {
		return fmt.Errorf("rebuild the job's trainer: %w", err)
	}
	jr, err := d.state.Job(rec.JobID)
	if err != nil {
		return err
	}
	m, err := jd.defender(rec.ID, jr.ResultRoots, d.mistakeLogger(rec)).Move(ctx, &g)
	if errors.Is(err, dispute.ErrCannotDefend) {
		// A cheating worker's own computation does not back what it
		// committed: it cannot move, and loses on time.
		if d.once(fmt.Sprintf("cannot/%d/%d", rec.ID, g.Phase)) {
			d.log.Error("Cannot defend the game: this worker's computation does not back its commitment; it will lose on time",
				"game", rec.ID, "job", rec.JobID, "phase", phase, "err", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("compute the %s move: %w", phase, err)
	}
	junk := false
	if m.StepTrace != nil && f.junkPads() {
		if junk, err = junkTraceReveal(m); err != nil {
			return fmt.Errorf("junk-padding: %w", err)
		}
		if junk && d.seen(fmt.Sprintf("junk/%d", rec.ID)) {
			return nil // refused before: no move left
		}
		if junk && d.once(fmt.Sprintf("junkreveal/%d", rec.ID)) {
			d.log.Warn("UNSAFE fault junk-padding: revealing a step trace list with junk at a padding slot", "game", rec.ID,
				"job", rec.JobID, "traceList", common.Hash(m.StepTrace.TraceList))
		}
	}
	if m.Blob != nil || m.BlobTo != nil {
		size := int64(len(m.Blob))
		if m.BlobTo != nil {
			size = m.BlobSize
		}
		if f.withholds() {
			d.log.Warn("UNSAFE fault withhold: not publishing the move's data", "game", rec.ID, "phase", phase, "bytes", size)
		} else {
			h, err := d.publishBlob(ctx, m)
			if err != nil {
				return fmt.Errorf("publish the %s data: %w", phase, err)
			}
			d.log.Info("Dispute data published", "game", rec.ID, "phase", phase, "blob", h, "bytes", size)
			if want := moveDataHash(m); want != nil && blobstore.Hash(*want) != h {
				d.log.Warn("Published blob is not the move's data hash", "game", rec.ID, "blob", h, "dataHash", common.Hash(*want))
			}
		}
	}
	name, cand, err := d.c.MoveCandidate(rec.ID, m)
	if err != nil {
		return err
	}
	if cand, err = d.c.WithGasMargin(ctx, d.me(), cand); err != nil {
		if junk {
			// The contract checks the padding of the trace list through the
			// proof of its last item: the junk cannot be committed.
			if d.once(fmt.Sprintf("junk/%d", rec.ID)) {
				d.log.Warn("UNSAFE fault junk-padding: the contract refused the junk-padded step trace reveal; no move left, the game is lost on time",
					"game", rec.ID, "job", rec.JobID, "revert", RevertReason(err), "err", err)
			}
			return nil
		}
		return fmt.Errorf("%s would revert: %w", name, err)
	}
	if _, err := d.send(ctx, fmt.Sprintf("%s in game %d (job %d)", name, rec.ID, rec.JobID), cand); err != nil {
		return err
	}
	rec.Moves++
	d.m.RecordDisputeMove(name)
	d.log.Info("Dispute move made", "game", rec.ID, "job", rec.JobID, "move", name, "moves", rec.Moves)
	return d.state.PutGame(rec)
}

// mistakeLogger is a Defender's OnMistake for game rec: one loud error line
// naming the job, game, step, operator and element, with the RepOps value
// and the worker's claimed one.
func (d *Driver) mistakeLogger(rec *GameRecord) func(dispute.Mistake) {
	id, job := rec.ID, rec.JobID
	return func(m dispute.Mistake) {
		if !d.once(fmt.Sprintf("mistake/%d", id)) {
			return
		}
		d.log.Error("HONEST MISTAKE: this worker's arithmetic is not RepOps; its claimed value differs from the RepOps element program, and the game will be lost at the one-step",
			"job", job, "game", id, "step", m.Step, "node", m.Node, "op", m.Op, "element", m.Element,
			"repops", float32String(m.RepOps), "repopsBits", fmt.Sprintf("0x%08x", m.RepOps),
			"claimed", float32String(m.Claimed), "claimedBits", fmt.Sprintf("0x%08x", m.Claimed))
	}
}

// publishBlob uploads the data behind a move: its bytes, or, for a blob
// too large to hold twice (BlobTo), its encoding streamed into a chunked
// upload as it is written.
func (d *Driver) publishBlob(ctx context.Context, m *dispute.WorkerMove) (blobstore.Hash, error) {
	if m.BlobTo == nil {
		return d.blobs.Put(ctx, m.Blob)
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := m.BlobTo.WriteTo(pw)
		pw.CloseWithError(err)
	}()
	h, _, err := d.blobs.PutReader(ctx, pr)
	pr.CloseWithError(io.ErrClosedPipe) // stops the writer if the upload failed first
	return h, err
}

// float32String is the shortest decimal that reads back as the float32 of
// bits (a log's own float formatting rounds two neighbouring values alike).
func float32String(bits uint32) string {
	return strconv.FormatFloat(float64(math.Float32frombits(bits)), 'g', -1, 32)
}

// junkTraceReveal rewrites a step-trace reveal as FaultJunkPadding's: the
// trace list root over the step's node roots with junk in the first padding
// slot, and the proof of the last node root through that tree. It reports
// false (and changes nothing) when the list has no padding.
func junkTraceReveal(m *dispute.WorkerMove) (bool, error) {
	var data dispute.StepTraceData
	if st, ok := m.BlobTo.(*dispute.StepTraceData); ok {
		data = *st
	} else if err := data.UnmarshalBinary(m.Blob); err != nil {
		return false, err
	}
	roots := data.NodeRoots
	n := len(roots)
	size := 1 << commit.Depth(uint64(n))
	if n == 0 || n == size {
		return false, nil
	}
	h := commit.NewHasher()
	leaves := make([]commit.Hash, size) // ZeroHash padding
	for i := range roots {
		leaves[i] = h.Leaf((*[32]byte)(&roots[i]))
	}
	leaves[n] = commit.Hash(crypto.Keccak256Hash([]byte("junk in the padding")))
	p, err := commit.MerkleProof(leaves, uint64(n-1))
	if err != nil {
		return false, err
	}
	st := m.StepTrace
	st.TraceList = h.MerkleRootOfLeaves(leaves)
	st.LastOutRoot, st.LastOutProof = roots[n-1], p.Siblings
	return true, nil
}

// once reports whether key is seen for the first time (for logging a
// condition once, not at every poll).
func (d *Driver) once(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.logged[key] {
		return false
	}
	d.logged[key] = true
	return true
}

// seen reports whether key was logged with once.
func (d *Driver) seen(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logged[key]
}

// moveDataHash is the data hash a move commits to, if any.
func moveDataHash(m *dispute.WorkerMove) *commit.Hash {
	switch {
	case m.StepRoots != nil:
		return &m.StepRoots.DataHash
	case m.StepTrace != nil:
		return &m.StepTrace.DataHash
	case m.ElementTrace != nil:
		return &m.ElementTrace.DataHash
	}
	return nil
}

// maybeTimeout ends a game whose challenger ran out of its clock.
func (d *Driver) maybeTimeout(ctx context.Context, rec *GameRecord, g *dispute.Game) error {
	head, err := d.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	if head.Time <= g.LastMoveAt+g.ChallengerClock {
		return nil
	}
	d.log.Info("Challenger ran out of its clock; claiming the game", "game", rec.ID, "job", rec.JobID)
	if _, err = d.send(ctx, fmt.Sprintf("timeout game %d (job %d)", rec.ID, rec.JobID), d.c.TimeoutCandidate(rec.ID)); err != nil {
		return err
	}
	d.m.RecordDisputeMove("timeout")
	return nil
}

// wonUnwithdrawn lists the won games whose winnings are not yet withdrawn
// (self included): those a withdrawal now covers.
func (d *Driver) wonUnwithdrawn(self uint64) ([]uint64, error) {
	gs, err := d.state.Games()
	if err != nil {
		return nil, err
	}
	ids := []uint64{self}
	for _, g := range gs {
		if g.ID != self && g.Status == GameWon && !g.Withdrawn {
			ids = append(ids, g.ID)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// gameOver records a resolved game; a win's bond is withdrawn.
func (d *Driver) gameOver(ctx context.Context, rec *GameRecord, g *dispute.Game) error {
	switch dispute.Outcome(g.Outcome) {
	case dispute.OutcomeWorkerWon:
		if rec.Status != GameWon {
			rec.Status = GameWon
			d.m.RecordGameOver(GameWon)
			d.log.Info("Dispute game won", "game", rec.ID, "job", rec.JobID, "bond", g.Bond)
			if err := d.state.PutGame(rec); err != nil {
				return err
			}
		}
		bal, err := d.c.ArbitrationBalanceOf(ctx, d.me())
		if err != nil {
			return err
		}
		if bal.Sign() > 0 {
			// The balance is one sum: the winnings of every won game not yet
			// withdrawn, not only this one's.
			games, err := d.wonUnwithdrawn(rec.ID)
			if err != nil {
				return err
			}
			if _, err := d.send(ctx, fmt.Sprintf("withdraw %s wei from VerdeArbitration (the winnings of %d games: %v)", bal, len(games), games),
				d.c.ArbitrationWithdrawCandidate()); err != nil {
				return err
			}
			d.log.Info("Dispute winnings withdrawn", "amount", bal, "games", games, "count", len(games))
		}
		rec.Withdrawn = true
	case dispute.OutcomeChallengerWon:
		rec.Status = GameLost
		d.m.RecordGameOver(GameLost)
		d.log.Error("Dispute game lost: the collateral is slashed, the job reopened and this worker barred from it", "game", rec.ID,
			"job", rec.JobID, "round", rec.Round, "checkpoint", rec.Checkpoint, "moves", rec.Moves)
	case dispute.OutcomeShared:
		rec.Status = GameMoot
		d.m.RecordGameOver(GameMoot)
		d.log.Info("Dispute game closed: this worker lost another game of the round (the challenger gets its bond and a share of the reward)",
			"game", rec.ID, "job", rec.JobID, "round", rec.Round)
	default:
		rec.Status = GameMoot
		d.m.RecordGameOver(GameMoot)
		d.log.Info("Dispute game closed as moot (the job's round ended)", "game", rec.ID, "job", rec.JobID, "round", rec.Round)
	}
	return d.state.PutGame(rec)
}

// lostGame returns a game lost on job id, nil if none.
func (d *Driver) lostGame(id uint64) (*GameRecord, error) {
	games, err := d.state.Games()
	if err != nil {
		return nil, err
	}
	for _, g := range games {
		if g.JobID == id && g.Status == GameLost {
			return g, nil
		}
	}
	return nil, nil
}

// errNotMine stops work on a job no longer assigned to this worker in the
// round it works on (a lost dispute reopened it).
var errNotMine = errors.New("job no longer assigned to this worker in this round")

// stillMine checks that the job is still assigned to this worker in round.
func (d *Driver) stillMine(ctx context.Context, id uint64, round uint32) error {
	job, err := d.c.Job(ctx, id)
	if err != nil {
		return nil // a read error must not stop training; the next check will tell
	}
	if job.Worker != d.me() || job.Round != round || (job.Status != JobAssigned && job.Status != JobSubmitted) {
		return errNotMine
	}
	return nil
}

// corruptFinal is the root of the job's final checkpoint state with one bit
// flipped (FaultCorruptFinal's last checkpoint root, FaultWrongFinalRoot's
// final model root).
func (d *Driver) corruptFinal(tr *trainer.Trainer, id uint64) (commit.Hash, error) {
	steps := uint64(tr.Spec().Steps)
	st, err := tr.LoadCheckpoint(trainer.CheckpointFile(filepath.Join(d.jobDir(id), "checkpoints"), steps))
	if err != nil {
		return commit.Hash{}, err
	}
	flipLowBit(st)
	return tr.StateRoot(st)
}

// faultTrainStep is the training step of the configured fault for a job
// trained by tr (it advances a state in place, as trainer.Advance does).
func (d *Driver) faultTrainStep(tr *trainer.Trainer, id uint64) (func(*trainer.State) (float32, error), error) {
	var alt *trainer.Trainer
	if d.cfg.Fault.Kind == FaultWrongLR {
		_, ds, err := d.loadJob(id)
		if err != nil {
			return nil, err
		}
		if alt, err = altTrainer(tr, ds); err != nil {
			return nil, fmt.Errorf("wrong-lr trainer: %w", err)
		}
	}
	fs, err := newFaultStepper(d.cfg.Fault, tr, alt)
	if err != nil {
		return nil, err
	}
	return fs.Train, nil
}
