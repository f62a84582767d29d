package dispute

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// Strategy selects how a Challenger plays.
type Strategy int

const (
	// Honest picks, at every level, the first place where the worker's
	// commitment differs from its own replay.
	Honest Strategy = iota
	// Random picks uniformly at random among valid moves (a dishonest
	// challenger, for tests): a random step, node, element and entry. It
	// needs the worker's published data for its proofs.
	Random
)

// ErrNoMove says the challenger has no move that could win (for example the
// worker's commitment equals its own replay); it should let its clock run.
var ErrNoMove = errors.New("dispute: no winning move")

// Challenger computes the verifier's moves in one game. Its compute is one
// interval's replay plus, once a step is picked, a second replay up to that
// step (at most the interval again), one step trace and one element trace.
// Its memory is constant in the interval: the interval's start state, the
// state roots of every step (32 bytes each), and the picked step's trace;
// the state of a step is recomputed forward from the start state when the
// game asks for it (bisection over recomputation), never kept per step.
type Challenger struct {
	// Reload, when set, hands the start state over to the Challenger: once
	// the game picks a step, the start state itself is stepped forward in
	// place to that step (instead of a copy of it), so the game holds one
	// state less; the caller must not use the state it passed any more.
	// Reload returns a fresh copy of the start state, for a later request
	// of an earlier step or after a step that failed half-way. The verifier
	// reloads the game's start.gck.
	Reload func() (*trainer.State, error)

	tr       *trainer.Trainer
	start    *trainer.State // the state at step first; with Reload, stepped forward in place
	first    uint64         // the interval's first step
	strategy Strategy
	rng      *rand.Rand
	step     StepFunc // nil: the honest step; tests set one to count states and steps

	roots []commit.Hash
	trace *trainer.StepTrace
	elem  *trainer.ElementTrace
}

// NewChallenger returns a Challenger for the interval that starts at `start`
// (the agreed checkpoint state k-1).
func NewChallenger(tr *trainer.Trainer, start *trainer.State, strategy Strategy, seed int64) *Challenger {
	return &Challenger{tr: tr, start: start, first: start.Step, strategy: strategy, rng: rand.New(rand.NewSource(seed))}
}

// Replay replays the interval of `interval` steps from the start state (once)
// and returns the state roots of every step (interval+1 of them). It keeps
// no state but the start.
func (c *Challenger) Replay(ctx context.Context, interval uint32) ([]commit.Hash, error) {
	if c.roots != nil {
		return c.roots, nil
	}
	if err := c.rewind(c.first); err != nil {
		return nil, err
	}
	roots, err := replay(ctx, c.tr, c.start, interval, c.step, nil)
	if err != nil {
		return nil, err
	}
	c.roots = roots
	return c.roots, nil
}

// rewind makes sure the start state is at or before `step`: with Reload, a
// start stepped past it (or lost to a failed step) is reloaded.
func (c *Challenger) rewind(step uint64) error {
	if c.start != nil && c.start.Step <= step {
		return nil
	}
	if c.Reload == nil {
		return fmt.Errorf("dispute: the challenger's start state is past step %d", step)
	}
	st, err := c.Reload()
	if err != nil {
		return fmt.Errorf("dispute: reload the start state: %w", err)
	}
	if st.Step != c.first {
		return fmt.Errorf("dispute: reloaded start state is at step %d, want %d", st.Step, c.first)
	}
	c.start = st
	return nil
}

// stateAt recomputes the honest state after `step` steps forward from the
// interval's start state: a copy of it, or, with Reload, the start state
// itself.
func (c *Challenger) stateAt(ctx context.Context, step uint64) (*trainer.State, error) {
	if step < c.first || step-c.first >= uint64(len(c.roots)) {
		return nil, fmt.Errorf("dispute: step %d is outside the replayed interval", step)
	}
	advance := c.step
	if advance == nil {
		advance = honestStep(c.tr)
	}
	if err := c.rewind(step); err != nil {
		return nil, err
	}
	st := c.start
	if c.Reload == nil {
		// One copy of the start, stepped in place: no state per step.
		st = st.Clone()
	}
	for st.Step < step {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := advance(st); err != nil {
			if c.Reload != nil {
				c.start = nil // half a step: reloaded next time
			}
			return nil, err
		}
	}
	return st, nil
}

// Move returns the challenger's move in game g (whose phase must be a
// challenger phase) given what the worker revealed.
func (c *Challenger) Move(ctx context.Context, g *Game, ev *Evidence) (*ChallengerMove, error) {
	if ev == nil {
		ev = &Evidence{}
	}
	if _, err := c.Replay(ctx, g.Interval); err != nil {
		return nil, err
	}
	switch Phase(g.Phase) {
	case PhasePickCheckpoint:
		return nil, errors.New("dispute: a PickCheckpoint game is played with PickCheckpoint until a checkpoint is picked")
	case PhasePickStep:
		return c.pickStep(g, ev)
	case PhasePickNode:
		return c.pickNode(ctx, g, ev)
	case PhasePickElement:
		return c.pickElement(ctx, g, ev)
	case PhasePickEntry:
		return c.pickEntry(ctx, g, ev)
	}
	return nil, fmt.Errorf("dispute: phase %s is not the challenger's", Phase(g.Phase))
}

func answersFor(ev *Evidence, l List) []Answer {
	var out []Answer
	for _, a := range ev.Answers {
		if a.List == l {
			out = append(out, a)
		}
	}
	return out
}

func (v *view) addAnswers(as []Answer) {
	for _, a := range as {
		v.addAnswer(uint64(a.Index), a.Item, a.Proof)
	}
}

func query(l List, idx uint64) *ChallengerMove {
	return &ChallengerMove{Query: &QueryMove{List: l, Index: uint32(idx)}}
}

// PickCheckpoint returns the challenger's move in a game opened with
// challengeResult, in phase PickCheckpoint: own are the challenger's K
// checkpoint roots (checkpoint k is own[k-1]) from its own replay of the
// whole job. It bisects the worker's checkpoints list (g.CheckpointList)
// with ListCheckpoints queries, whose answers come in ev.Answers, and
// returns the next query, or the PickCheckpoint move of the first checkpoint
// k whose root differs from ours (k-1 agreed; checkpoint 0 is the job's
// initial state). A worker that never publishes its list cannot answer and
// loses on time. After the pick the game goes on at StepRoots: the caller
// plays it with a Challenger started from its state at checkpoint k-1.
// ErrNoMove: the worker's checkpoints equal ours.
func PickCheckpoint(g *Game, own []commit.Hash, ev *Evidence) (*ChallengerMove, error) {
	if Phase(g.Phase) != PhasePickCheckpoint {
		return nil, fmt.Errorf("dispute: phase %s is not pick-checkpoint", Phase(g.Phase))
	}
	count := uint64(g.Checkpoints)
	if count == 0 || uint64(len(own)) != count {
		return nil, fmt.Errorf("dispute: %d own checkpoint roots for a job of %d checkpoints", len(own), count)
	}
	if ev == nil {
		ev = &Evidence{}
	}
	root := commit.Hash(g.CheckpointList)
	v := newView(count, &root, own)
	v.addAnswers(answersFor(ev, ListCheckpoints))
	t, err := v.firstDiff()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
	}
	if t.query {
		return query(ListCheckpoints, t.leaf), nil
	}
	cur, _ := v.item(t.leaf)
	m := &PickCheckpointMove{Checkpoint: uint32(t.leaf + 1), CurRoot: cur, CurProof: v.proof(t.leaf)}
	if t.leaf > 0 {
		prev, ok := v.item(t.leaf - 1)
		if !ok {
			prev = own[t.leaf-1]
		}
		m.PrevRoot, m.PrevProof = prev, v.proof(t.leaf-1)
	}
	return &ChallengerMove{PickCheckpoint: m}, nil
}

func (c *Challenger) pickStep(g *Game, ev *Evidence) (*ChallengerMove, error) {
	count := uint64(g.Interval) + 1
	root := commit.Hash(g.StepRoots)
	v := newView(count, &root, c.roots)
	if d := ev.stepRoots(); d != nil && d.FirstStep == g.Step {
		v.addItems(d.Roots, root)
	}
	v.addAnswers(answersFor(ev, ListStepRoots))
	var leaf uint64
	if c.strategy == Random {
		if len(v.items) != int(count) {
			return nil, fmt.Errorf("%w: a random pick needs the worker's published step roots", ErrNoMove)
		}
		leaf = 1 + uint64(c.rng.Int63n(int64(g.Interval)))
	} else {
		t, err := v.firstDiff()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
		}
		if t.query {
			return query(ListStepRoots, t.leaf), nil
		}
		if t.leaf == 0 {
			return nil, fmt.Errorf("%w: the worker's first root differs from the checkpoint", ErrNoMove)
		}
		leaf = t.leaf
	}
	end, _ := v.item(leaf)
	start, ok := v.item(leaf - 1)
	if !ok {
		start = c.roots[leaf-1]
	}
	return &ChallengerMove{PickStep: &PickStepMove{
		Index: uint32(leaf - 1), StartRoot: start, StartProof: v.proof(leaf - 1), EndRoot: end, EndProof: v.proof(leaf),
	}}, nil
}

// stepTrace returns the challenger's own trace of step g.Step, from the
// state recomputed forward from the interval's start (once per step: the
// trace is kept).
func (c *Challenger) stepTrace(ctx context.Context, g *Game) (*trainer.StepTrace, error) {
	if c.trace != nil && c.trace.Step == g.Step {
		return c.trace, nil
	}
	c.trace, c.elem = nil, nil // the old trace is not kept while recomputing
	st, err := c.stateAt(ctx, g.Step)
	if err != nil {
		return nil, err
	}
	tr, err := c.tr.StepTrace(st)
	if err != nil {
		return nil, err
	}
	c.trace, c.elem = tr, nil
	return tr, nil
}

// workerTrace is the worker's published step trace of step g.Step (in
// memory or read from a file), nil when it is missing or malformed. Its
// parts are checked where they are used: the node roots and next-state
// tensors against the game's lists (by view.addItems), a node's output
// elements against its output root (workerOutput).
func (c *Challenger) workerTrace(g *Game, ev *Evidence) PublishedStepTrace {
	d := ev.stepTrace()
	if d == nil {
		return nil
	}
	step, roots, _, _ := d.Header()
	if step != g.Step || d.NumOutputs() != len(roots) {
		return nil
	}
	return d
}

// publishedOutput returns node j's output elements as the worker's trace
// publishes them when they are as many as the node's shape has (read from
// the trace's file when it has one), nil otherwise.
func (c *Challenger) publishedOutput(wt PublishedStepTrace, j int) []float32 {
	nodes := c.tr.Graph().Nodes
	if wt == nil || j < 0 || j >= len(nodes) {
		return nil
	}
	n, err := commit.NumElements(nodes[j].Shape)
	if err != nil {
		return nil
	}
	out, err := wt.Output(j, n)
	if err != nil {
		return nil
	}
	return out
}

// checkedOutput returns out when it gives the worker's output root outRoot
// of node j (with the node's shape), nil otherwise: a false blob never
// steers the pick.
func (c *Challenger) checkedOutput(out []float32, j int, outRoot commit.Hash) []float32 {
	if out == nil {
		return nil
	}
	r, err := commit.TensorRoot(c.tr.Graph().Nodes[j].Shape, out)
	if err != nil || r != outRoot {
		return nil
	}
	return out
}

// workerOutput returns node j's output elements from the worker's published
// trace when they give the worker's output root outRoot (with the node's
// shape), nil otherwise: a false blob never steers the pick.
func (c *Challenger) workerOutput(wt PublishedStepTrace, j int, outRoot commit.Hash) []float32 {
	return c.checkedOutput(c.publishedOutput(wt, j), j, outRoot)
}

func (c *Challenger) pickNode(ctx context.Context, g *Game, ev *Evidence) (*ChallengerMove, error) {
	own, err := c.stepTrace(ctx, g)
	if err != nil {
		return nil, err
	}
	wt := c.workerTrace(g, ev)
	traceRoot := commit.Hash(g.TraceList)
	tv := newView(uint64(g.NumNodes), &traceRoot, own.NodeRoots)
	var wtRoots, wtNext []commit.Hash
	if wt != nil {
		_, wtRoots, _, wtNext = wt.Header()
	}
	traceOK := wt != nil && tv.addItems(wtRoots, traceRoot)
	tv.addAnswers(answersFor(ev, ListStepTrace))
	graph := c.tr.Graph()

	if c.strategy == Random {
		if !traceOK {
			return nil, fmt.Errorf("%w: a random pick needs the worker's published step trace", ErrNoMove)
		}
		// a random node claimed wrong (an operator with a random element), or
		// a random state output claimed inconsistent with the next state
		if c.rng.Intn(5) == 0 {
			i := c.rng.Intn(len(graph.Outputs))
			j := graph.Outputs[i]
			return c.nodePick(ClaimStateOutput, j, wtRoots[j], tv.proof(uint64(j)), 0)
		}
		j := c.rng.Intn(len(graph.Nodes))
		e := NoElement
		if graph.Nodes[j].Kind == repops.KindOp {
			e = uint32(c.rng.Intn(len(own.Outputs[j].Data)))
		}
		return c.nodePick(ClaimNodeOutput, j, wtRoots[j], tv.proof(uint64(j)), e)
	}

	t, err := tv.firstDiff()
	switch {
	case err == nil && t.query:
		return query(ListStepTrace, t.leaf), nil
	case err == nil:
		j := t.leaf
		outRoot, _ := tv.item(j)
		e := NoElement
		if graph.Nodes[j].Kind == repops.KindOp {
			// Name the element only from published elements that give the
			// worker's output root; otherwise pickElement bisects its tensor
			// with queries (a tensor with junk padding then cannot be opened).
			if out := c.workerOutput(wt, int(j), outRoot); out != nil {
				if i, ok := firstDiffElement(own.Outputs[j].Data, out); ok {
					e = uint32(i)
				}
			}
		}
		return c.nodePick(ClaimNodeOutput, int(j), outRoot, tv.proof(j), e)
	case !errors.Is(err, errNoDiff):
		return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
	}

	// Every node agrees with our trace: the worker's state after the step is
	// not the trace's output. Find a state tensor that differs.
	ownNext, err := tensorRoots(own.Next)
	if err != nil {
		return nil, err
	}
	nextRoot := commit.Hash(g.NextList)
	nv := newView(uint64(g.NumState), &nextRoot, ownNext)
	if wt != nil {
		nv.addItems(wtNext, nextRoot)
	}
	nv.addAnswers(answersFor(ev, ListNextState))
	t, err = nv.firstDiff()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
	}
	if t.query {
		return query(ListNextState, t.leaf), nil
	}
	j := graph.Outputs[t.leaf]
	return c.nodePick(ClaimStateOutput, j, own.NodeRoots[j], tv.proof(uint64(j)), 0)
}

func (c *Challenger) nodePick(claim Claim, j int, outRoot commit.Hash, proof []commit.Hash, e uint32) (*ChallengerMove, error) {
	enc, gp, err := c.tr.GraphNode(j)
	if err != nil {
		return nil, err
	}
	return &ChallengerMove{PickNode: &bindings.IVerdeArbitrationNodePick{
		Claim: uint8(claim), Node: uint32(j), Enc: enc, GraphProof: hashes32(gp.Siblings),
		OutRoot: outRoot, OutRootProof: hashes32(proof), Element: e,
	}}, nil
}

func hashes32(hs []commit.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

func firstDiffElement(own, worker []float32) (int, bool) {
	if len(own) != len(worker) {
		return 0, false
	}
	for i := range own {
		if math.Float32bits(own[i]) != math.Float32bits(worker[i]) {
			return i, true
		}
	}
	return 0, false
}

func (c *Challenger) pickElement(ctx context.Context, g *Game, ev *Evidence) (*ChallengerMove, error) {
	own, err := c.stepTrace(ctx, g)
	if err != nil {
		return nil, err
	}
	data := own.Outputs[g.Node].Data
	if c.strategy == Random {
		e := uint32(c.rng.Intn(len(data)))
		return &ChallengerMove{PickElement: &e}, nil
	}
	// the node's published elements, read once (from the trace's file when
	// it has one) and used only when they give the worker's output root
	published := c.publishedOutput(c.workerTrace(g, ev), int(g.Node))
	out := c.checkedOutput(published, int(g.Node), commit.Hash(g.OutRoot))
	if out != nil {
		if i, ok := firstDiffElement(data, out); ok {
			e := uint32(i)
			return &ChallengerMove{PickElement: &e}, nil
		}
	}
	items := make([]commit.Hash, commit.NumLeaves(len(data)))
	for i := range items {
		items[i] = commit.TensorLeafItem(data, i)
	}
	v := newView(uint64(len(items)), nil, items)
	// Published elements equal to ours that do not give the worker's root:
	// its tensor differs from ours in its padding only (or the blob is
	// false), so its last leaf is queried first.
	if published != nil && out == nil && sameBits(data, published) {
		v.suspect = true
	}
	v.addAnswers(answersFor(ev, ListOutTensor))
	t, err := v.firstDiff()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
	}
	if t.query {
		return query(ListOutTensor, t.leaf), nil
	}
	w, _ := v.item(t.leaf)
	mine := items[t.leaf]
	for k := 0; k < 8; k++ {
		if [4]byte(w[4*k:4*k+4]) != [4]byte(mine[4*k:4*k+4]) {
			e := uint32(8*t.leaf) + uint32(k)
			if e >= uint32(len(data)) {
				// Junk in the padding words of the last leaf: the worker
				// cannot prove any element of it (OneStepMerkle checks the
				// padding words), so the last element is picked.
				e = uint32(len(data) - 1)
			}
			return &ChallengerMove{PickElement: &e}, nil
		}
	}
	return nil, fmt.Errorf("%w: the worker's tensor leaf %d equals ours", ErrNoMove, t.leaf)
}

func (c *Challenger) pickEntry(ctx context.Context, g *Game, ev *Evidence) (*ChallengerMove, error) {
	if c.strategy == Random {
		k := uint32(c.rng.Intn(int(g.TraceLength)))
		return &ChallengerMove{PickEntry: &k}, nil
	}
	own, err := c.stepTrace(ctx, g)
	if err != nil {
		return nil, err
	}
	if c.elem == nil || c.elem.Node != int(g.Node) || c.elem.Element != int(g.Element) {
		if c.elem, err = c.tr.ElementTrace(own, int(g.Node), int(g.Element)); err != nil {
			return nil, err
		}
	}
	root := commit.Hash(g.ElementList)
	v := newView(uint64(g.TraceLength), &root, c.elem.Items)
	if d := ev.elementTrace(); d != nil && d.Node == g.Node && d.Element == g.Element {
		v.addItems(d.Items, root)
	}
	v.addAnswers(answersFor(ev, ListElementTrace))
	t, err := v.firstDiff()
	switch {
	case err == nil && t.query:
		return query(ListElementTrace, t.leaf), nil
	case err == nil:
		kk := uint32(t.leaf)
		return &ChallengerMove{PickEntry: &kk}, nil
	case errors.Is(err, errNoDiff) || uint32(len(c.elem.Items)) != g.TraceLength:
		// the same entries but a wrong length: any entry fails the length check
		kk := g.TraceLength - 1
		return &ChallengerMove{PickEntry: &kk}, nil
	}
	return nil, fmt.Errorf("%w: %v", ErrNoMove, err)
}
