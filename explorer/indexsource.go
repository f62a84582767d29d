package explorer

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/gensyn-stack/gensyn/indexer"
)

// Index is the part of *indexer.Store the explorer reads.
type Index interface {
	Head() (indexer.Head, error)
	Market() (indexer.Market, error)
	Jobs(f indexer.JobFilter) ([]indexer.JobSummary, error)
	Job(id uint64) (indexer.Job, error)
	Game(id uint64) (indexer.Game, error)
	// Games lists games newest first (ID < before; 0: all), at most limit.
	Games(before uint64, limit int) ([]indexer.Game, error)
	Participant(addr common.Address) (indexer.Participant, error)
	Subscribe() (<-chan indexer.Update, func())
}

var _ Index = (*indexer.Store)(nil)

// IndexConfig configures NewIndexSource.
type IndexConfig struct {
	// Chain, when set, is called before each page: an error (the chain's
	// RPC is down) answers the page with 503, since the index is then
	// falling behind unseen. It should be cheap (a cached check).
	Chain func() error
	// Blob fetches a blob by hash (the job's spec); nil: specs are not
	// shown.
	Blob func(ctx context.Context, h common.Hash) ([]byte, error)
	// Model fetches a job's final model checked against the on-chain root
	// (jobclient's FetchModelFile) into a file it returns open; nil: no
	// downloads.
	Model func(ctx context.Context, id uint64) (io.ReadSeekCloser, error)
	// Losses, when set, computes the loss of checkpoints the index has no
	// loss for, from the checkpoints published in the blob store.
	Losses *Losses
	// NoMarketCache makes every market page read the index (the page is
	// otherwise built once per indexed head and shared).
	NoMarketCache bool
}

// NewIndexSource is the Source over the indexer's store.
func NewIndexSource(ix Index, cfg IndexConfig) Source {
	return &indexSource{ix: ix, cfg: cfg, specs: map[common.Hash]string{}}
}

type indexSource struct {
	ix  Index
	cfg IndexConfig

	mu     sync.Mutex
	specs  map[common.Hash]string // verified specs by hash (immutable)
	market *Market                // the market page's data at market.Head
}

// Page sizes.
const (
	openJobsShown   = 50
	recentJobsShown = 20
	priceJobs       = 100
	gamesShown      = 10
	listLimit       = 100
)

func (s *indexSource) head() (Head, error) {
	if s.cfg.Chain != nil {
		if err := s.cfg.Chain(); err != nil {
			return Head{}, &UnavailableError{What: "chain (RPC)", Err: err}
		}
	}
	h, err := s.ix.Head()
	if errors.Is(err, indexer.ErrNotFound) {
		return Head{}, &UnavailableError{What: "index (no block indexed yet)", Err: err}
	}
	if err != nil {
		return Head{}, &UnavailableError{What: "index", Err: err}
	}
	return Head{Number: h.Number, Hash: h.Hash, Time: unix(h.Time)}, nil
}

// wrap turns the store's errors into the explorer's.
func wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, indexer.ErrNotFound):
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return &UnavailableError{What: "index", Err: err}
}

func unix(t uint64) time.Time {
	if t == 0 {
		return time.Time{}
	}
	return time.Unix(int64(t), 0).UTC()
}

func tx(r indexer.TxRef) Tx { return Tx{Hash: r.Tx, Block: r.Block, Time: unix(r.Time)} }

func ptx(r *indexer.TxRef) *Tx {
	if r == nil {
		return nil
	}
	t := tx(*r)
	return &t
}

func jobRow(j indexer.JobSummary) JobRow {
	r := JobRow{ID: j.ID, Status: j.Status.String(), Poster: j.Poster, MaxPrice: j.MaxPrice, Committed: j.Committed, Checkpoints: j.Checkpoints,
		Posted: unix(j.Posted.Time)}
	if j.Status >= indexer.StatusAssigned && j.Worker != (common.Address{}) {
		r.Worker, r.Price = j.Worker, j.Price
	}
	return r
}

func (s *indexSource) Market(ctx context.Context) (*Market, error) {
	h, err := s.head()
	if err != nil {
		return nil, err
	}
	// The market's data is a function of the index at its head: built once
	// per head (number and hash, so a reorg to the same height rebuilds
	// it) and shared by every request until the next block.
	if !s.cfg.NoMarketCache {
		s.mu.Lock()
		c := s.market
		s.mu.Unlock()
		if c != nil && c.Head.Number == h.Number && c.Head.Hash == h.Hash {
			return c, nil
		}
	}
	out, err := s.buildMarket(h)
	if err != nil {
		return nil, err
	}
	if !s.cfg.NoMarketCache {
		s.mu.Lock()
		s.market = out
		s.mu.Unlock()
	}
	return out, nil
}

func (s *indexSource) buildMarket(h Head) (*Market, error) {
	m, err := s.ix.Market()
	if err != nil {
		return nil, wrap(err)
	}
	out := &Market{Head: h, OpenCount: m.ByStatus[indexer.StatusOpen], Workers: m.ActiveWorkers, Verifiers: m.ActiveVerifiers, AllVerifiers: m.Verifiers, Nodes: m.Nodes,
		Jobs: m.Jobs, GameCount: m.Games, LiveGames: m.LiveGames, Batches: m.Batches, Commitments: m.Commitments, Forced: m.Forced,
		TotalStake: m.TotalStake, Escrow: m.Escrow, Slashed: m.Slashed, Burned: m.Burned, Paid: m.Paid, Refunded: m.Refunded,
		OpenMaxPrice: m.OpenMaxPrice.Median, AssignedMedian: m.Assigned.Median}
	recent, err := s.ix.Jobs(indexer.JobFilter{Limit: priceJobs})
	if err != nil {
		return nil, wrap(err)
	}
	var open []indexer.JobSummary
	for i, j := range recent {
		if i < recentJobsShown {
			out.RecentJobs = append(out.RecentJobs, jobRow(j))
		}
		if j.Status == indexer.StatusOpen && len(open) < openJobsShown {
			open = append(open, j)
		}
		if j.Status >= indexer.StatusAssigned && j.Status != indexer.StatusCancelled && j.Price != nil {
			out.Prices = append(out.Prices, PricePoint{Job: j.ID, Time: unix(j.Updated.Time), Price: j.Price})
		}
	}
	// Open jobs are almost always among the latest; only when some are
	// older (a job reopened after a lost round) is the whole list scanned.
	if uint64(len(open)) < m.ByStatus[indexer.StatusOpen] && len(open) < openJobsShown {
		if open, err = s.ix.Jobs(indexer.JobFilter{Status: indexer.StatusOpen, Limit: openJobsShown}); err != nil {
			return nil, wrap(err)
		}
	}
	for _, j := range open {
		out.OpenJobs = append(out.OpenJobs, jobRow(j))
	}
	sort.Slice(out.Prices, func(a, b int) bool { return out.Prices[a].Job < out.Prices[b].Job })
	// Game ids are 0, 1, ... in the order games started: the latest are
	// one range read.
	games, err := s.ix.Games(0, gamesShown)
	if err != nil {
		return nil, wrap(err)
	}
	for i := range games {
		out.Games = append(out.Games, gameRow(&games[i]))
	}
	return out, nil
}

func gameRow(g *indexer.Game) GameRow {
	r := GameRow{ID: g.ID, JobID: g.JobID, Round: uint64(g.Round), Worker: g.Worker, Challenger: g.Challenger, Phase: phaseName(g.Phase)}
	if !g.Live() {
		r.Outcome = g.Outcome.String()
	}
	if len(g.Moves) > 0 {
		r.Started = unix(g.Moves[0].Ref.Time)
	}
	return r
}

var phaseNames = []string{"none", "pick checkpoint", "step roots", "pick step", "step trace", "pick node", "defend",
	"pick element", "element trace", "pick entry", "one step", "answer", "resolved"}

func phaseName(p uint8) string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase " + strconv.Itoa(int(p))
}

func (s *indexSource) Job(ctx context.Context, id uint64) (*Job, error) {
	h, err := s.head()
	if err != nil {
		return nil, err
	}
	j, err := s.ix.Job(id)
	if err != nil {
		return nil, wrap(err)
	}
	p := j.Params
	out := &Job{Head: h, ID: j.ID, Status: j.Status.String(), Poster: j.Poster, SpecHash: p.SpecHash, DataHash: p.DatasetHash,
		Steps: p.Steps, CheckpointInterval: p.CheckpointInterval, MaxPrice: p.MaxPrice, Collateral: p.RequiredCollateral,
		Escrow: j.Escrow, BidWindow: secs(p.BidWindow), ExecutionWindow: secs(p.ExecutionWindow), ChallengeWindow: secs(p.ChallengeWindow),
		Posted: tx(j.Posted), FinalModelRoot: j.FinalModelRoot, Finalized: j.Status == indexer.StatusFinalized}
	if j.Status >= indexer.StatusAssigned {
		out.Worker, out.Price = j.Worker, j.Price
	}
	out.Spec, out.SpecNote = s.spec(ctx, p.SpecHash)
	for _, f := range j.Funders {
		out.Funders = append(out.Funders, Funding{From: f.Funder, Amount: f.Amount, Tx: tx(f.Ref)})
	}
	for _, b := range j.Bids {
		won := false
		for _, r := range j.Rounds {
			if r.Worker == b.Bidder && r.Price != nil && b.Price != nil && r.Price.Cmp(b.Price) == 0 && r.Assigned.Block >= b.Ref.Block {
				won = true
			}
		}
		out.Bids = append(out.Bids, Bid{Auction: uint64(b.Auction), Worker: b.Bidder, Price: b.Price, Won: won, Tx: tx(b.Ref)})
	}
	var loss []LossPoint
	for i, r := range j.Rounds {
		outcome := map[string]string{"": "running", "finalized": "paid", "timed-out": "timed out", "lost-dispute": "lost a dispute"}[r.End]
		if outcome == "" {
			outcome = r.End
		}
		if r.End == "" && i < len(j.Rounds)-1 {
			outcome = "ended"
		}
		if r.Slashed != nil && r.Slashed.Sign() > 0 {
			outcome += ", " + formatETH(r.Slashed) + " slashed"
		}
		out.Rounds = append(out.Rounds, Round{N: uint64(r.Round), Worker: r.Worker, Price: r.Price, Started: tx(r.Assigned), Outcome: outcome})
		var rl []LossPoint
		for _, c := range r.Checkpoints {
			cp := Checkpoint{Index: uint64(c.Index), Step: uint64(c.Index) * p.CheckpointInterval, Round: uint64(r.Round), Root: c.StateRoot,
				ForceIncluded: ptx(c.Forced), Games: c.Audited, Conflicts: c.Conflicts}
			if c.Posted != nil {
				cp.Batch = c.Posted.Batch
				cp.Posted = ptx(&c.Posted.Ref)
			}
			// A checkpoint of a round whose result was accepted stood
			// through the challenge window: every verifier that replayed
			// it agreed, or lost its game.
			accepted := r.End == "finalized"
			if c.Loss != nil {
				cp.Loss, cp.HasLoss, cp.Verified = float64(c.Loss.Value), true, c.Loss.Verified || accepted
			} else if s.cfg.Losses != nil {
				if v, ok := s.cfg.Losses.Loss(&j, c.StateRoot); ok {
					cp.Loss, cp.HasLoss, cp.Verified = float64(v), true, accepted
				}
			}
			if cp.HasLoss {
				rl = append(rl, LossPoint{Step: cp.Step, Loss: cp.Loss, Verified: cp.Verified})
			}
			out.Checkpoints = append(out.Checkpoints, cp)
		}
		if len(rl) > 0 {
			loss = rl // the latest round that reported a loss
		}
	}
	out.Loss = loss
	for _, pm := range j.Payments {
		kind := map[string]string{"price": "payment", "refund": "refund", "refund-claimed": "refund claimed"}[pm.Kind]
		if kind == "" {
			kind = pm.Kind
		}
		out.Payments = append(out.Payments, Payment{Kind: kind, To: pm.To, Amount: pm.Amount, Tx: tx(pm.Ref)})
	}
	for _, gid := range j.Games {
		g, err := s.ix.Game(gid)
		if errors.Is(err, indexer.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, wrap(err)
		}
		out.Games = append(out.Games, gameRow(&g))
	}
	return out, nil
}

func secs(s uint64) time.Duration { return time.Duration(s) * time.Second }

// maxSpec bounds a spec read from the blob store.
const maxSpec = 1 << 20

// spec is the job's spec text when the blob store has a blob whose
// keccak256 is the spec hash; otherwise a note saying why not.
func (s *indexSource) spec(ctx context.Context, h common.Hash) (string, string) {
	if s.cfg.Blob == nil {
		return "", "The spec is in the blob store under its hash; this explorer has no blob store configured."
	}
	s.mu.Lock()
	text, ok := s.specs[h]
	s.mu.Unlock()
	if ok {
		return text, ""
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	b, err := s.cfg.Blob(ctx, h)
	if err != nil {
		return "", "The blob store did not return the spec: " + oneLine(err)
	}
	if len(b) > maxSpec {
		return "", "The blob store's spec is larger than the explorer shows."
	}
	if common.Hash(crypto.Keccak256Hash(b)) != h {
		return "", "The blob store returned bytes whose hash is not the spec hash: not shown."
	}
	text = string(b)
	s.mu.Lock()
	if len(s.specs) > 1024 {
		clear(s.specs)
	}
	s.specs[h] = text
	s.mu.Unlock()
	return text, ""
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func (s *indexSource) Game(ctx context.Context, id uint64) (*Game, error) {
	h, err := s.head()
	if err != nil {
		return nil, err
	}
	g, err := s.ix.Game(id)
	if err != nil {
		return nil, wrap(err)
	}
	out := &Game{Head: h, GameRow: gameRow(&g), Checkpoint: uint64(g.Checkpoint), Bond: g.Bond, Paid: g.Paid, Reward: g.Reward,
		WorkerClock: secs(g.WorkerClock), ChallengerClock: secs(g.ChallengerClock)}
	if !g.Live() {
		out.Reason = g.Reason.String()
		out.ClockNote = "time left on each side's clock when the game ended"
	} else if g.LastMoveAt != 0 {
		out.ClockNote = "time left after the last move (" + formatTime(unix(g.LastMoveAt)) + "); the side to move is losing time since"
	}
	for i, m := range g.Moves {
		by := "other"
		switch m.By {
		case g.Worker:
			by = "worker"
		case g.Challenger:
			by = "challenger"
		}
		var args []string
		for _, a := range m.Args {
			args = append(args, a.Name+"="+a.Value)
		}
		out.Moves = append(out.Moves, Move{N: i + 1, By: by, From: m.By, Name: m.Name, Detail: strings.Join(args, ", "), Tx: tx(m.Ref),
			WorkerClock: secs(m.WorkerClock), ChallengerClock: secs(m.ChallengerClock), Phase: phaseName(m.Phase)})
	}
	b := g.Bisection
	var steps uint64
	if j, err := s.ix.Job(g.JobID); err == nil {
		steps = j.Params.Steps
	}
	if c := b.Checkpoint; c != nil {
		l := Level{Name: "checkpoint", Detail: fmt.Sprintf("transition to checkpoint %d: steps %d to %d, state root %s → %s",
			c.Checkpoint, c.FromStep, c.ToStep, shortHash(c.StartRoot), shortHash(c.EndRoot))}
		if steps > 0 && c.ToStep <= steps && c.FromStep < c.ToStep {
			l.Lo, l.Hi, l.Size, l.Picked, l.HasBar = c.FromStep, c.ToStep, steps, c.FromStep, true
		}
		out.Levels = append(out.Levels, l)
		if st := b.Step; st != nil {
			l := Level{Name: "step", Detail: fmt.Sprintf("step %d: state root %s → %s", st.Step, shortHash(st.StartRoot), shortHash(st.EndRoot))}
			if st.Step >= c.FromStep && st.Step < c.ToStep {
				l.Lo, l.Hi, l.Size, l.Picked, l.HasBar = 0, c.ToStep-c.FromStep, c.ToStep-c.FromStep, st.Step-c.FromStep, true
			}
			out.Levels = append(out.Levels, l)
		}
	} else if st := b.Step; st != nil {
		out.Levels = append(out.Levels, Level{Name: "step", Detail: fmt.Sprintf("step %d", st.Step)})
	}
	if n := b.Node; n != nil {
		claim := "its output"
		if n.Claim == 1 {
			claim = "the state it writes"
		}
		l := Level{Name: "graph node", Detail: fmt.Sprintf("node %d (disputed: %s, root %s)", n.Node, claim, shortHash(n.OutRoot))}
		if st := b.Step; st != nil && st.NumNodes > 0 && n.Node < st.NumNodes {
			l.Lo, l.Hi, l.Size, l.Picked, l.HasBar = 0, uint64(st.NumNodes), uint64(st.NumNodes), uint64(n.Node), true
		}
		out.Levels = append(out.Levels, l)
	}
	if e := b.Element; e != nil {
		d := fmt.Sprintf("element %d", e.Element)
		if e.TraceLength > 0 {
			d += fmt.Sprintf(", a trace of %d primitives", e.TraceLength)
		}
		out.Levels = append(out.Levels, Level{Name: "element", Detail: d})
	}
	if pr := b.Primitive; pr != nil {
		l := Level{Name: "primitive", Detail: fmt.Sprintf("trace entry %d", pr.Entry)}
		if e := b.Element; e != nil && e.TraceLength > 0 && pr.Entry < e.TraceLength {
			l.Lo, l.Hi, l.Size, l.Picked, l.HasBar = 0, uint64(e.TraceLength), uint64(e.TraceLength), uint64(pr.Entry), true
		}
		out.Levels = append(out.Levels, l)
		if os := pr.OneStep; os != nil {
			o := &OneStep{Entry: uint64(pr.Entry), Result: os.Result, Tx: tx(os.Ref)}
			for _, a := range os.Operands {
				o.Operands = append(o.Operands, Arg{Name: a.Name, Value: a.Value})
			}
			out.OneStep = o
		}
	}
	if sl := g.Slash; sl != nil {
		out.Slash = &Slash{Who: sl.Staker, Amount: sl.Amount, Reward: sl.Reward, Burned: sl.Burned, Tx: tx(sl.Ref)}
	}
	return out, nil
}

func (s *indexSource) Participant(ctx context.Context, a common.Address) (*Participant, error) {
	h, err := s.head()
	if err != nil {
		return nil, err
	}
	p, err := s.ix.Participant(a)
	if err != nil {
		return nil, wrap(err)
	}
	out := &Participant{Head: h, Address: p.Address, Registered: p.Registered, Stake: p.Staked, Locked: p.Locked, Earnings: p.Earnings,
		Slashed: p.Slashed, Unbonding: p.Unbonding, Withdrawn: p.Withdrawn, JobsDone: p.JobsDone}
	var id []string
	if len(p.PeerID) > 0 {
		id = append(id, "peer id 0x"+hex.EncodeToString(p.PeerID))
	}
	if p.Hardware != "" {
		id = append(id, "hardware "+p.Hardware)
	}
	out.Identity = strings.Join(id, "; ")
	roles := map[string]bool{}
	for _, j := range p.Jobs {
		for _, r := range j.Roles {
			roles[r] = true
		}
	}
	for _, c := range p.Stake {
		out.History = append(out.History, StakeChange{Kind: c.Kind, JobID: c.JobID, Amount: c.Amount, Balance: c.Staked, Tx: tx(c.Ref)})
	}
	jobs, err := s.ix.Jobs(indexer.JobFilter{Address: a, Limit: listLimit})
	if err != nil {
		return nil, wrap(err)
	}
	for _, j := range jobs {
		out.Jobs = append(out.Jobs, jobRow(j))
	}
	rows := func(ids []uint64) ([]GameRow, error) {
		var rs []GameRow
		for i := len(ids) - 1; i >= 0 && len(rs) < listLimit; i-- {
			g, err := s.ix.Game(ids[i])
			if errors.Is(err, indexer.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, wrap(err)
			}
			if g.Challenger == a {
				roles["verifier"] = true
			}
			rs = append(rs, gameRow(&g))
		}
		return rs, nil
	}
	if out.GamesWon, err = rows(p.GamesWon); err != nil {
		return nil, err
	}
	if out.GamesLost, err = rows(p.GamesLost); err != nil {
		return nil, err
	}
	if _, err = rows(p.Games); err != nil {
		return nil, err
	}
	for _, r := range []string{"poster", "funder", "bidder", "worker", "verifier"} {
		if roles[r] {
			out.Roles = append(out.Roles, r)
		}
	}
	if p.Registered && !roles["worker"] {
		out.Roles = append(out.Roles, "registered node")
	}
	return out, nil
}

func (s *indexSource) Model(ctx context.Context, id uint64) (io.ReadSeekCloser, error) {
	if s.cfg.Model == nil {
		return nil, &pageError{Status: 404, Title: "No model downloads", Detail: "This explorer has no blob store configured, so it serves no models."}
	}
	if _, err := s.head(); err != nil {
		return nil, err
	}
	j, err := s.ix.Job(id)
	if err != nil {
		return nil, wrap(err)
	}
	if j.Status != indexer.StatusFinalized {
		return nil, notFound("No final model yet", fmt.Sprintf("Job %d is %s: its final model can be downloaded once it is finalized.", id, j.Status))
	}
	return s.cfg.Model(ctx, id)
}

func (s *indexSource) Changes(ctx context.Context, f func(head uint64, topics []string)) error {
	ch, cancel := s.ix.Subscribe()
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case u, ok := <-ch:
			if !ok {
				return errors.New("explorer: the index's updates stopped")
			}
			if u.Reorg {
				f(u.Head.Number, []string{""}) // everything may have changed
				continue
			}
			topics := []string{"market"}
			for _, id := range u.Jobs {
				topics = append(topics, "job/"+strconv.FormatUint(id, 10))
			}
			for _, id := range u.Games {
				topics = append(topics, "game/"+strconv.FormatUint(id, 10))
			}
			for _, a := range u.Participants {
				topics = append(topics, ParticipantTopic(a))
			}
			f(u.Head.Number, topics)
		}
	}
}
