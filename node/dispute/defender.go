package dispute

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/onestepevm"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"golang.org/x/crypto/sha3"
)

// ErrCannotDefend says the worker's own states cannot back the move the
// game asks for: its commitments were not what it computes (a cheating
// worker). The worker then cannot move and loses on time.
var ErrCannotDefend = errors.New("dispute: the worker's own computation does not back its commitment")

// Mistake is an honest mistake the Defender found in the worker's own
// computation: element Element of operator node Node (operator Op) at step
// Step, as the worker computed and committed it (Claimed), is not what the
// RepOps element program gives from the same inputs (RepOps). The worker's
// arithmetic is not RepOps (summation order, FMA contraction, wider
// accumulators): it will lose the game at the one-step, and it should stop
// training with that executor.
type Mistake struct {
	Step    uint64
	Node    int
	Op      string
	Element int
	RepOps  uint32
	Claimed uint32
}

// Defender computes the worker's moves from its claimed states. It caches
// the last interval's roots and the last step trace, so answering queries
// does not recompute them. It is not safe for concurrent use.
type Defender struct {
	// OnMistake, when set, is called once per (step, node, element) whose
	// claimed element differs from the RepOps element program (see Mistake).
	// The Defender then commits the RepOps program with the claimed value as
	// its last result, so the game ends at the one-step in the usual number
	// of moves (the worker loses) instead of on the worker's clock.
	OnMistake func(Mistake)
	// InlineBlobLimit is the largest step-trace blob a move carries as
	// bytes (Blob); a larger one is written as a stream (BlobTo). 0 means
	// DefaultInlineBlobLimit.
	InlineBlobLimit int64

	tr         *trainer.Trainer
	src        StateSource
	step       StepFunc
	honestStep bool // step is trainer.Advance: a step trace's Next is its result

	checkpoints []commit.Hash // the checkpoint roots the worker submitted (SetCheckpointRoots)
	mistakes    map[Mistake]bool

	roots     *StepRootsData
	trace     *trainer.StepTrace
	traceData *StepTraceData
	elem      *trainer.ElementTrace
	// honest is the trace's outputs as computed; patched marks the output
	// nodes whose committed tensor is the worker's claimed state instead.
	honest  []repops.Tensor
	patched map[int]bool
}

// NewDefender returns a Defender. step nil means the honest step
// (trainer.Advance).
func NewDefender(tr *trainer.Trainer, src StateSource, step StepFunc) *Defender {
	d := &Defender{tr: tr, src: src, step: step}
	if step == nil {
		d.step, d.honestStep = honestStep(tr), true
	}
	return d
}

// SetCheckpointRoots gives the Defender the K checkpoint roots the worker
// submitted with its result (checkpoint k is roots[k-1]), from which it
// answers the ListCheckpoints queries of a game opened with challengeResult.
// Without them such a query is ErrCannotDefend.
func (d *Defender) SetCheckpointRoots(roots []commit.Hash) {
	d.checkpoints = append([]commit.Hash(nil), roots...)
}

// Move returns the worker's move in game g (whose phase must be a worker
// phase).
func (d *Defender) Move(ctx context.Context, g *Game) (*WorkerMove, error) {
	switch Phase(g.Phase) {
	case PhaseStepRoots:
		return d.stepRootsMove(ctx, g)
	case PhaseStepTrace:
		return d.stepTraceMove(ctx, g)
	case PhaseDefend:
		return d.defenceMove(ctx, g)
	case PhaseElementTrace:
		return d.elementTraceMove(ctx, g)
	case PhaseOneStep:
		return d.oneStepMove(ctx, g)
	case PhaseAnswer:
		return d.answerMove(ctx, g)
	}
	return nil, fmt.Errorf("dispute: phase %s is not the worker's", Phase(g.Phase))
}

// intervalRoots returns the worker's state roots of the interval starting at
// step first (Interval+1 of them).
func (d *Defender) intervalRoots(ctx context.Context, first uint64, interval uint32) (*StepRootsData, error) {
	if d.roots != nil && d.roots.FirstStep == first && len(d.roots.Roots) == int(interval)+1 {
		return d.roots, nil
	}
	st, err := d.src.State(ctx, first)
	if err != nil {
		return nil, err
	}
	roots, err := replay(ctx, d.tr, st, interval, d.step, nil)
	if err != nil {
		return nil, err
	}
	d.roots = &StepRootsData{FirstStep: first, Roots: roots}
	return d.roots, nil
}

func (d *Defender) stepRootsMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	rd, err := d.intervalRoots(ctx, g.Step, g.Interval)
	if err != nil {
		return nil, err
	}
	roots := append([]commit.Hash(nil), rd.Roots...)
	// A worker whose computation does not reach the checkpoints it committed
	// can only reveal a list that does; it will lose further down.
	roots[0], roots[len(roots)-1] = g.StartRoot, g.EndRoot
	if roots[0] != rd.Roots[0] || roots[len(roots)-1] != rd.Roots[len(roots)-1] {
		d.roots = &StepRootsData{FirstStep: rd.FirstStep, Roots: roots}
	}
	blob, _ := (&StepRootsData{FirstStep: g.Step, Roots: roots}).MarshalBinary()
	first, err := commit.ListProof(roots, 0)
	if err != nil {
		return nil, err
	}
	last, err := commit.ListProof(roots, uint64(len(roots)-1))
	if err != nil {
		return nil, err
	}
	return &WorkerMove{StepRoots: &StepRootsMove{
		ListRoot: commit.NewHasher().ListRoot(roots), FirstProof: first.Siblings, LastProof: last.Siblings,
		DataHash: commit.Hash(blobstore.Sum(blob)),
	}, Blob: blob}, nil
}

// stepTrace returns the worker's trace of step t and its published data.
func (d *Defender) stepTrace(ctx context.Context, t uint64) (*trainer.StepTrace, *StepTraceData, error) {
	if d.trace != nil && d.trace.Step == t {
		return d.trace, d.traceData, nil
	}
	st, err := d.src.State(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	tr, err := d.tr.StepTrace(st)
	if err != nil {
		return nil, nil, err
	}
	// The honest step's next state is the trace's own (no second step, no
	// second next state held beside the trace).
	next := tr.Next
	if !d.honestStep {
		// The worker's own step, on a copy of the shared state.
		next = st.Clone()
		if err := d.step(next); err != nil {
			return nil, nil, err
		}
	}
	// A worker whose claimed state after the step is not what the step
	// computes commits the claimed tensors as the output nodes' outputs (the
	// most consistent lie there is: it then fails at the output's element
	// trace, in the one-step).
	honestOut := append([]repops.Tensor(nil), tr.Outputs...)
	patched := map[int]bool{}
	for i, j := range d.tr.Graph().Outputs {
		if !sameBits(next.Tensors[i].Data, tr.Outputs[j].Data) {
			tr.Outputs[j] = next.Tensors[i] // next is this call's own: no copy
			r, err := commit.TensorRoot(tr.Outputs[j].Shape, tr.Outputs[j].Data)
			if err != nil {
				return nil, nil, err
			}
			tr.NodeRoots[j] = r
			patched[j] = true
		}
	}
	if len(patched) > 0 {
		tr.Root = commit.StepTraceRoot(t, tr.NodeRoots)
	}
	d.honest, d.patched = honestOut, patched
	start, err := tensorRoots(st)
	if err != nil {
		return nil, nil, err
	}
	nextRoots, err := tensorRoots(next)
	if err != nil {
		return nil, nil, err
	}
	data := &StepTraceData{Step: t, NodeRoots: tr.NodeRoots, StartTensors: start, NextTensors: nextRoots,
		Outputs: make([][]float32, len(tr.Outputs))}
	for i, o := range tr.Outputs {
		data.Outputs[i] = o.Data
	}
	d.trace, d.traceData, d.elem = tr, data, nil
	return tr, data, nil
}

// honestStep is trainer.Advance as a StepFunc.
func honestStep(tr *trainer.Trainer) StepFunc {
	return func(st *trainer.State) error {
		_, err := tr.Advance(st)
		return err
	}
}

// replay runs `interval` steps from st with step (nil: the honest step) and
// returns the state root of every state on the way (interval+1 of them,
// st's first). One copy of st is stepped in place: no state per step is left
// for the collector, and st stays as it was. keep, when not nil, sees every
// state on the way; the state it is given is stepped on after it returns, so
// keep copies what it keeps.
func replay(ctx context.Context, tr *trainer.Trainer, st *trainer.State, interval uint32, step StepFunc,
	keep func(*trainer.State)) ([]commit.Hash, error) {
	if step == nil {
		step = honestStep(tr)
	}
	st = st.Clone()
	roots := make([]commit.Hash, 0, interval+1)
	for i := uint32(0); ; i++ {
		r, err := tr.StateRoot(st)
		if err != nil {
			return nil, err
		}
		roots = append(roots, r)
		if keep != nil {
			keep(st)
		}
		if i == interval {
			return roots, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := step(st); err != nil {
			return nil, err
		}
	}
}

func sameBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func tensorRoots(st *trainer.State) ([]commit.Hash, error) {
	ts := make([]commit.Tensor, len(st.Tensors))
	for i, t := range st.Tensors {
		ts[i] = commit.Tensor(t)
	}
	return commit.TensorRoots(ts)
}

func (d *Defender) stepTraceMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	_, data, err := d.stepTrace(ctx, g.Step)
	if err != nil {
		return nil, err
	}
	h := commit.NewHasher()
	if commit.StateRoot(g.Step, data.StartTensors) != g.StartRoot {
		return nil, fmt.Errorf("%w: state at step %d", ErrCannotDefend, g.Step)
	}
	if commit.StateRoot(g.Step+1, data.NextTensors) != g.EndRoot {
		return nil, fmt.Errorf("%w: state at step %d", ErrCannotDefend, g.Step+1)
	}
	encs := d.tr.Graph().NodeEncodings()
	items := make([]commit.Hash, len(encs))
	for i, e := range encs {
		items[i] = commit.GraphNodeItem(e)
	}
	if len(data.NodeRoots) == 0 || len(data.NextTensors) == 0 {
		return nil, errors.New("dispute: an empty step trace or state")
	}
	// The proofs of the last items, whose zero padding the contract checks:
	// they make both list roots canonical.
	lastOut, err := commit.ListProof(data.NodeRoots, uint64(len(data.NodeRoots)-1))
	if err != nil {
		return nil, err
	}
	lastNext, err := commit.ListProof(data.NextTensors, uint64(len(data.NextTensors)-1))
	if err != nil {
		return nil, err
	}
	mv := &WorkerMove{}
	var dataHash commit.Hash
	limit := d.InlineBlobLimit
	if limit <= 0 {
		limit = DefaultInlineBlobLimit
	}
	if size := StepTraceBlobSize(d.tr.Graph()); size > limit {
		// Hashed as it is encoded, never built whole; the caller streams it.
		k := sha3.NewLegacyKeccak256()
		n, err := data.WriteTo(k)
		if err != nil {
			return nil, err
		}
		k.Sum(dataHash[:0])
		mv.BlobTo, mv.BlobSize = data, n
	} else {
		mv.Blob, _ = data.MarshalBinary()
		dataHash = commit.Hash(blobstore.Sum(mv.Blob))
	}
	mv.StepTrace = &StepTraceMove{
		NumNodes: uint32(len(encs)), GraphList: h.ListRoot(items), TraceList: h.ListRoot(data.NodeRoots),
		NumState: uint32(len(data.StartTensors)), StartList: h.ListRoot(data.StartTensors),
		NextList:    h.ListRoot(data.NextTensors),
		LastOutRoot: data.NodeRoots[len(data.NodeRoots)-1], LastOutProof: lastOut.Siblings,
		LastNextRoot: data.NextTensors[len(data.NextTensors)-1], LastNextProof: lastNext.Siblings,
		DataHash: dataHash,
	}
	return mv, nil
}

// DefaultInlineBlobLimit is the Defender's default InlineBlobLimit (64 MiB).
const DefaultInlineBlobLimit = 64 << 20

func (d *Defender) defenceMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	_, data, err := d.stepTrace(ctx, g.Step)
	if err != nil {
		return nil, err
	}
	node := int(g.Node)
	if node >= len(data.NodeRoots) {
		return nil, fmt.Errorf("dispute: node %d out of range", node)
	}
	var list []commit.Hash
	var idx int
	m := &DefenceMove{}
	switch {
	case Claim(g.Claim) == ClaimStateOutput:
		list, idx = data.NextTensors, int(g.StateIndex)
	case repops.NodeKind(g.NodeKind) == repops.KindState:
		list, idx = data.StartTensors, node
	case repops.NodeKind(g.NodeKind) == repops.KindData:
		n := int(g.NumState)
		graph := d.tr.Graph()
		for i := n; i < len(graph.Nodes) && graph.Nodes[i].Kind == repops.KindData; i++ {
			list = append(list, data.NodeRoots[i])
		}
		idx = node - n
		m.DataList, m.DataCount = commit.NewHasher().ListRoot(list), uint32(len(list))
	default:
		return nil, fmt.Errorf("dispute: nothing to defend for node kind %d", g.NodeKind)
	}
	if idx < 0 || idx >= len(list) || list[idx] != commit.Hash(g.OutRoot) {
		return nil, fmt.Errorf("%w: node %d's output root is not the tensor it must hold", ErrCannotDefend, node)
	}
	p, err := commit.ListProof(list, uint64(idx))
	if err != nil {
		return nil, err
	}
	m.Proof = p.Siblings
	return &WorkerMove{Defence: m}, nil
}

func (d *Defender) elementTrace(ctx context.Context, g *Game) (*trainer.StepTrace, *trainer.ElementTrace, error) {
	tr, _, err := d.stepTrace(ctx, g.Step)
	if err != nil {
		return nil, nil, err
	}
	if d.elem != nil && d.elem.Node == int(g.Node) && d.elem.Element == int(g.Element) {
		return tr, d.elem, nil
	}
	node, elem := int(g.Node), int(g.Element)
	if node >= len(tr.Outputs) || elem >= len(tr.Outputs[node].Data) {
		return nil, nil, fmt.Errorf("dispute: node %d element %d out of range", node, elem)
	}
	// The RepOps element program from the step's inputs (the computed ones
	// for an output node whose committed tensor is the worker's claimed
	// state), with the claimed element as its last result: a claim that the
	// program contradicts then fails at the one-step, in the usual number of
	// moves. When the worker's own executor gave that element (not a patched
	// output), the difference is an honest mistake, reported once.
	inputs := tr.Outputs
	if d.patched[node] {
		inputs = d.honest
	}
	entries, err := d.tr.Graph().ElementTrace(inputs, node, elem)
	if err != nil {
		return nil, nil, err
	}
	if len(entries) == 0 {
		return nil, nil, fmt.Errorf("dispute: node %d element %d has an empty trace", node, elem)
	}
	claimed := math.Float32bits(tr.Outputs[node].Data[elem])
	if got := entries[len(entries)-1].Result; got != claimed {
		if !d.patched[node] {
			d.mistake(Mistake{Step: tr.Step, Node: node, Op: d.tr.Graph().Nodes[node].Op.String(), Element: elem,
				RepOps: got, Claimed: claimed})
		}
		entries[len(entries)-1].Result = claimed
	}
	items := make([]commit.Hash, len(entries))
	for i, e := range entries {
		if items[i], err = trainer.EntryItem(e); err != nil {
			return nil, nil, err
		}
	}
	et := &trainer.ElementTrace{Step: tr.Step, Node: node, Element: elem, Entries: entries,
		Items: items, Root: commit.ElementTraceRoot(g.Node, g.Element, items)}
	d.elem = et
	return tr, et, nil
}

// mistake reports m through OnMistake, once per (step, node, element).
func (d *Defender) mistake(m Mistake) {
	key := Mistake{Step: m.Step, Node: m.Node, Element: m.Element}
	if d.mistakes[key] {
		return
	}
	if d.mistakes == nil {
		d.mistakes = map[Mistake]bool{}
	}
	d.mistakes[key] = true
	if d.OnMistake != nil {
		d.OnMistake(m)
	}
}

func (d *Defender) elementTraceMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	tr, et, err := d.elementTrace(ctx, g)
	if err != nil {
		return nil, err
	}
	if tr.NodeRoots[g.Node] != commit.Hash(g.OutRoot) {
		return nil, fmt.Errorf("%w: node %d's output root", ErrCannotDefend, g.Node)
	}
	m := len(et.Items)
	last, err := et.EntryProof(m - 1)
	if err != nil {
		return nil, err
	}
	ep, err := tr.ElementProof(int(g.Node), int(g.Element))
	if err != nil {
		return nil, err
	}
	blob, _ := (&ElementTraceData{Node: g.Node, Element: g.Element, Items: et.Items}).MarshalBinary()
	return &WorkerMove{ElementTrace: &ElementTraceMove{
		TraceLength: uint32(m), ListRoot: commit.NewHasher().ListRoot(et.Items), LastItem: et.Items[m-1],
		LastProof: last.Siblings, Leaf: ep.Leaf, LeafPath: ep.Path.Siblings, DataHash: commit.Hash(blobstore.Sum(blob)),
	}, Blob: blob}, nil
}

func (d *Defender) oneStepMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	tr, et, err := d.elementTrace(ctx, g)
	if err != nil {
		return nil, err
	}
	if int(g.Entry) >= len(et.Items) {
		return nil, fmt.Errorf("%w: entry %d past the trace", ErrCannotDefend, g.Entry)
	}
	_, p, err := onestepevm.BuildProof(d.tr, tr, et, int(g.Entry))
	if err != nil {
		return nil, err
	}
	sp := ToBindingProof(p)
	return &WorkerMove{OneStep: &sp}, nil
}

// ToBindingProof converts onestepevm's StepProof to the binding's type.
func ToBindingProof(p onestepevm.StepProof) bindings.OneStepLibStepProof {
	gn := func(g onestepevm.GraphNode) bindings.OneStepLibGraphNode {
		return bindings.OneStepLibGraphNode{Enc: g.Enc, Proof: g.Proof}
	}
	out := bindings.OneStepLibStepProof{
		NumNodes: p.NumNodes, TraceLength: p.TraceLength, Node: gn(p.Node),
		EntryItem: p.EntryItem, EntryProof: p.EntryProof,
	}
	for _, in := range p.Inputs {
		out.Inputs = append(out.Inputs, gn(in))
	}
	for i, o := range p.Operands {
		out.Operands[i] = bindings.OneStepLibOperandProof(o)
	}
	return out
}

func (d *Defender) answerMove(ctx context.Context, g *Game) (*WorkerMove, error) {
	idx := uint64(g.QueryIndex)
	var items []commit.Hash
	switch List(g.QueryList) {
	case ListStepRoots:
		first := g.Step // still the interval's first step while picking a step
		rd, err := d.intervalRoots(ctx, first, g.Interval)
		if err != nil {
			return nil, err
		}
		items = rd.Roots
	case ListStepTrace, ListNextState, ListOutTensor:
		tr, data, err := d.stepTrace(ctx, g.Step)
		if err != nil {
			return nil, err
		}
		switch List(g.QueryList) {
		case ListStepTrace:
			items = data.NodeRoots
		case ListNextState:
			items = data.NextTensors
		default:
			out := tr.Outputs[g.Node].Data
			for i := 0; i < commit.NumLeaves(len(out)); i++ {
				items = append(items, commit.TensorLeafItem(out, i))
			}
		}
	case ListElementTrace:
		_, et, err := d.elementTrace(ctx, g)
		if err != nil {
			return nil, err
		}
		items = et.Items
	case ListCheckpoints:
		if d.checkpoints == nil {
			return nil, fmt.Errorf("%w: no checkpoint roots to answer a checkpoints query", ErrCannotDefend)
		}
		if uint32(len(d.checkpoints)) != g.Checkpoints ||
			commit.NewHasher().ListRoot(d.checkpoints) != commit.Hash(g.CheckpointList) {
			return nil, fmt.Errorf("%w: the checkpoint roots are not the game's checkpoints list", ErrCannotDefend)
		}
		items = d.checkpoints
	default:
		return nil, fmt.Errorf("dispute: unknown list %d", g.QueryList)
	}
	if idx >= uint64(len(items)) {
		return nil, fmt.Errorf("%w: query %d past %d items", ErrCannotDefend, idx, len(items))
	}
	p, err := commit.ListProof(items, idx)
	if err != nil {
		return nil, err
	}
	return &WorkerMove{Answer: &AnswerMove{Item: items[idx], Proof: p.Siblings}}, nil
}
