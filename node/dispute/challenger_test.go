package dispute

import (
	"context"
	"errors"
	"math"
	"math/big"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// duel plays the challenger's moves (move) against a worker model until the
// challenger picks (returned) or asks a query the worker cannot answer
// (returned with stuck): opens says whether the contract accepts the
// worker's answer to query i, answer gives it. Every query must be of list
// l and within the contract's per-list limit.
func duel(t *testing.T, ev *Evidence, l List, count uint64, move func(*Evidence) (*ChallengerMove, error),
	opens func(uint64) bool, answer func(uint64) Answer) (mv *ChallengerMove, stuck bool) {
	t.Helper()
	for queries := 0; ; queries++ {
		mv, err := move(ev)
		require.NoError(t, err, "the challenger never gives up")
		if mv.Query == nil {
			return mv, false
		}
		require.Equal(t, l, mv.Query.List)
		require.Less(t, uint64(mv.Query.Index), count)
		require.Less(t, queries, commit.Depth(count)+1, "the contract's query limit")
		if !opens(uint64(mv.Query.Index)) {
			return mv, true
		}
		ev.Answers = append(ev.Answers, answer(uint64(mv.Query.Index)))
	}
}

func listAnswer(l List, items []commit.Hash, wt *junkTree) func(uint64) Answer {
	return func(i uint64) Answer {
		return Answer{List: l, Index: uint32(i), Item: items[i], Proof: wt.proof(i)}
	}
}

// TestChallengerJunkPadding: an honest challenger against a worker whose
// committed list (or tensor) equals the challenger's own but holds junk in
// its padding, in every list a game opens: the challenger never gives up
// and never picks; it ends on a query the worker cannot answer (so the
// worker loses on time). With the worker's items published, its first
// query is the last item.
func TestChallengerJunkPadding(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	c := NewChallenger(fx.tr, init, Honest, 1)
	roots, err := c.Replay(ctx, 100)
	require.NoError(t, err)
	own, err := c.stepTrace(ctx, &Game{Step: 0})
	require.NoError(t, err)
	ownNext, err := tensorRoots(own.Next)
	require.NoError(t, err)
	h := commit.NewHasher()
	graph := fx.tr.Graph()
	n, ns := uint32(len(graph.Nodes)), uint32(graph.NumState())
	outputs := make([][]float32, len(own.Outputs))
	for i, o := range own.Outputs {
		outputs[i] = o.Data
	}
	traceBlob, err := (&StepTraceData{Step: 0, NodeRoots: own.NodeRoots, StartTensors: ownNext, NextTensors: ownNext,
		Outputs: outputs}).MarshalBinary()
	require.NoError(t, err)
	move := func(g *Game) func(*Evidence) (*ChallengerMove, error) {
		return func(ev *Evidence) (*ChallengerMove, error) { return c.Move(ctx, g, ev) }
	}

	t.Run("step-roots", func(t *testing.T) {
		for _, slot := range []uint64{101, 110, 127} {
			wt := junkList(roots, slot)
			g := &Game{Phase: uint8(PhasePickStep), Interval: 100, StepRoots: wt.root()}
			mv, stuck := duel(t, &Evidence{}, ListStepRoots, 101, move(g), wt.opens, listAnswer(ListStepRoots, roots, wt))
			require.True(t, stuck, "picked %v", mv)
			blob, _ := (&StepRootsData{FirstStep: 0, Roots: roots}).MarshalBinary()
			mv, err := c.Move(ctx, g, &Evidence{StepRoots: blob})
			require.NoError(t, err)
			require.Equal(t, &QueryMove{List: ListStepRoots, Index: 100}, mv.Query)
			require.False(t, wt.opens(100))
		}
	})
	t.Run("step-trace", func(t *testing.T) {
		for _, slot := range []uint64{54, 60, 63} {
			wt := junkList(own.NodeRoots, slot)
			g := &Game{Phase: uint8(PhasePickNode), NumNodes: n, NumState: ns, TraceList: wt.root(), NextList: h.ListRoot(ownNext)}
			mv, stuck := duel(t, &Evidence{}, ListStepTrace, uint64(n), move(g), wt.opens, listAnswer(ListStepTrace, own.NodeRoots, wt))
			require.True(t, stuck, "picked %v", mv)
			mv, err := c.Move(ctx, g, &Evidence{StepTrace: traceBlob})
			require.NoError(t, err)
			require.Equal(t, &QueryMove{List: ListStepTrace, Index: n - 1}, mv.Query)
		}
	})
	t.Run("next-state", func(t *testing.T) {
		wt := junkList(ownNext, 15)
		g := &Game{Phase: uint8(PhasePickNode), NumNodes: n, NumState: ns, TraceList: h.ListRoot(own.NodeRoots), NextList: wt.root()}
		mv, stuck := duel(t, &Evidence{}, ListNextState, uint64(ns), move(g), wt.opens, listAnswer(ListNextState, ownNext, wt))
		require.True(t, stuck, "picked %v", mv)
		mv, err := c.Move(ctx, g, &Evidence{StepTrace: traceBlob})
		require.NoError(t, err)
		require.Equal(t, &QueryMove{List: ListNextState, Index: ns - 1}, mv.Query)
	})
	t.Run("out-tensor", func(t *testing.T) {
		for _, tc := range []struct {
			node int
			slot uint64 // 0: a junk padding word
		}{{27, 40}, {27, 45}, {27, 63}, {34, 0}, {50, 0}} {
			out := own.Outputs[tc.node]
			jt := newJunkTensor(out.Shape, out.Data, tc.slot)
			leaves := uint64(len(jt.items))
			g := &Game{Phase: uint8(PhasePickElement), Node: uint32(tc.node), OutRoot: jt.root(), NumNodes: n, NumState: ns}
			opens := func(i uint64) bool { return jt.opens(i, len(out.Data)) }
			answer := func(i uint64) Answer {
				return Answer{List: ListOutTensor, Index: uint32(i), Item: jt.items[i], Proof: jt.tree.proof(i)}
			}
			mv, stuck := duel(t, &Evidence{}, ListOutTensor, leaves, move(g), opens, answer)
			require.True(t, stuck, "node %d slot %d: picked %v", tc.node, tc.slot, mv)
			// published elements equal ours under a junk root: the last leaf first
			mv, err := c.Move(ctx, g, &Evidence{StepTrace: traceBlob})
			require.NoError(t, err)
			require.Equal(t, &QueryMove{List: ListOutTensor, Index: uint32(leaves - 1)}, mv.Query)
			require.False(t, opens(leaves-1))
		}
	})
	t.Run("out-tensor-leaf-revealed", func(t *testing.T) {
		// a last leaf whose padding word is junk, had it been answered (the
		// contract refuses it): the last element is picked
		out := own.Outputs[34]
		jt := newJunkTensor(out.Shape, out.Data, 0)
		g := &Game{Phase: uint8(PhasePickElement), Node: 34, OutRoot: jt.root()}
		ev := &Evidence{Answers: []Answer{{List: ListOutTensor, Index: 1, Item: jt.items[1], Proof: jt.tree.proof(1)}}}
		mv, err := c.Move(ctx, g, ev)
		require.NoError(t, err)
		require.NotNil(t, mv.PickElement)
		require.Equal(t, uint32(len(out.Data)-1), *mv.PickElement)
	})
	t.Run("element-trace", func(t *testing.T) {
		// the first operator whose element trace has padding
		var et *trainer.ElementTrace
		for j := range graph.Nodes {
			if graph.Nodes[j].Kind != repops.KindOp {
				continue
			}
			x, err := fx.tr.ElementTrace(own, j, 3%len(own.Outputs[j].Data))
			require.NoError(t, err)
			if m := len(x.Items); m > 2 && m&(m-1) != 0 {
				et = x
				break
			}
		}
		require.NotNil(t, et)
		c.elem = nil
		m := uint64(len(et.Items))
		wt := junkList(et.Items, uint64(1)<<commit.Depth(m)-1)
		g := &Game{Phase: uint8(PhasePickEntry), Node: uint32(et.Node), Element: uint32(et.Element), TraceLength: uint32(m),
			ElementList: wt.root()}
		mv, stuck := duel(t, &Evidence{}, ListElementTrace, m, move(g), wt.opens, listAnswer(ListElementTrace, et.Items, wt))
		require.True(t, stuck, "picked %v", mv)
		blob, _ := (&ElementTraceData{Node: uint32(et.Node), Element: uint32(et.Element), Items: et.Items}).MarshalBinary()
		mv, err = c.Move(ctx, g, &Evidence{ElementTrace: blob})
		require.NoError(t, err)
		require.Equal(t, &QueryMove{List: ListElementTrace, Index: uint32(m - 1)}, mv.Query)
	})
	t.Run("checkpoints", func(t *testing.T) {
		r := rand.New(rand.NewSource(6))
		for _, k := range []int{3, 10, 13} {
			cps := randHashes(r, k)
			for slot := uint64(k); slot < uint64(1)<<commit.Depth(uint64(k)); slot++ {
				wt := junkList(cps, slot)
				g := &Game{Phase: uint8(PhasePickCheckpoint), Checkpoints: uint32(k), CheckpointList: wt.root()}
				mv, stuck := duel(t, &Evidence{}, ListCheckpoints, uint64(k),
					func(ev *Evidence) (*ChallengerMove, error) { return PickCheckpoint(g, cps, ev) },
					wt.opens, listAnswer(ListCheckpoints, cps, wt))
				require.True(t, stuck, "picked %v", mv)
			}
		}
	})
}

// TestPickCheckpoint: the challenger bisects the worker's checkpoints list
// and picks the first checkpoint whose root differs from its own, with
// proofs the contract accepts, within the query limit; equal lists give
// ErrNoMove.
func TestPickCheckpoint(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for iter := 0; iter < 200; iter++ {
		k := 1 + r.Intn(40)
		own := randHashes(r, k)
		worker := append([]commit.Hash(nil), own...)
		first := r.Intn(k)
		for i := first; i < k; i++ {
			if i == first || r.Intn(2) == 0 {
				r.Read(worker[i][:])
			}
		}
		h := commit.NewHasher()
		leaves := make([]commit.Hash, k)
		for i := range worker {
			leaves[i] = h.Leaf((*[32]byte)(&worker[i]))
		}
		wt := newJunkTree(leaves, nil) // canonical
		list := wt.root()
		g := &Game{Phase: uint8(PhasePickCheckpoint), Checkpoints: uint32(k), CheckpointList: list}
		mv, stuck := duel(t, &Evidence{}, ListCheckpoints, uint64(k),
			func(ev *Evidence) (*ChallengerMove, error) { return PickCheckpoint(g, own, ev) },
			wt.opens, listAnswer(ListCheckpoints, worker, wt))
		require.False(t, stuck)
		p := mv.PickCheckpoint
		require.NotNil(t, p)
		require.Equal(t, uint32(first+1), p.Checkpoint)
		require.Equal(t, worker[first], p.CurRoot)
		require.True(t, commit.Proof{Index: uint64(first), Siblings: p.CurProof}.VerifyItem(list, p.CurRoot, uint64(k)))
		if first > 0 {
			require.Equal(t, own[first-1], p.PrevRoot)
			require.True(t, commit.Proof{Index: uint64(first - 1), Siblings: p.PrevProof}.VerifyItem(list, p.PrevRoot, uint64(k)))
		} else {
			require.Empty(t, p.PrevProof)
		}
		data, err := PackChallengerMove(big.NewInt(0), mv)
		require.NoError(t, err)
		require.NotEmpty(t, data)
	}
	own := randHashes(r, 5)
	g := &Game{Phase: uint8(PhasePickCheckpoint), Checkpoints: 5, CheckpointList: commit.NewHasher().ListRoot(own)}
	_, err := PickCheckpoint(g, own, nil)
	require.ErrorIs(t, err, ErrNoMove)
	_, err = PickCheckpoint(g, own[:4], nil)
	require.Error(t, err)
	g.Phase = uint8(PhasePickStep)
	_, err = PickCheckpoint(g, own, nil)
	require.Error(t, err)
}

// TestChallengerIgnoresFalseOutputs: the challenger names an element from
// the worker's published outputs only when they give the worker's committed
// output root. A worker that publishes false elements for a node (here a
// difference at element 9 while its committed tensor differs at element 5)
// does not steer the pick: the challenger bisects the tensor instead.
func TestChallengerIgnoresFalseOutputs(t *testing.T) {
	fx := newFalseOutputs(t)
	c, own, committed, nodeRoots, g := fx.c, fx.own, fx.committed, fx.nodeRoots, fx.pickNode
	ctx := context.Background()
	const j = falseNode
	blob := func(out []float32) []byte { return fx.blob(out, nodeRoots) }
	h := commit.NewHasher()

	mv, err := c.Move(ctx, g, &Evidence{StepTrace: blob(committed)})
	require.NoError(t, err)
	require.Equal(t, uint32(j), mv.PickNode.Node)
	require.Equal(t, uint32(5), mv.PickNode.Element, "true outputs name the element")

	mv, err = c.Move(ctx, g, &Evidence{StepTrace: blob(flipBit(own.Outputs[j].Data, 9))})
	require.NoError(t, err)
	require.Equal(t, uint32(j), mv.PickNode.Node)
	require.Equal(t, NoElement, mv.PickNode.Element, "false outputs name no element")

	g2 := fx.pickElement
	mv, err = c.Move(ctx, g2, &Evidence{StepTrace: blob(flipBit(own.Outputs[j].Data, 9))})
	require.NoError(t, err)
	require.NotNil(t, mv.Query, "false outputs: the tensor is bisected")
	require.Equal(t, ListOutTensor, mv.Query.List)
	// the bisection then finds element 5
	items := make([]commit.Hash, commit.NumLeaves(len(committed)))
	leaves := make([]commit.Hash, len(items))
	for i := range items {
		items[i] = commit.TensorLeafItem(committed, i)
		leaves[i] = h.Leaf((*[32]byte)(&items[i]))
	}
	tree := newJunkTree(leaves, nil)
	mv, stuck := duel(t, &Evidence{StepTrace: blob(flipBit(own.Outputs[j].Data, 9))}, ListOutTensor, uint64(len(items)),
		func(ev *Evidence) (*ChallengerMove, error) { return c.Move(ctx, g2, ev) }, tree.opens,
		func(i uint64) Answer {
			return Answer{List: ListOutTensor, Index: uint32(i), Item: items[i], Proof: tree.proof(i)}
		})
	require.False(t, stuck)
	require.Equal(t, uint32(5), *mv.PickElement)
}

// FuzzChallengerEvidence: arbitrary published blobs (a step trace, step
// roots, an element trace) never make the challenger panic, and never make
// it pick anything but what the on-chain roots support: against a worker
// whose commitments equal its own, it has no move (ErrNoMove) or queries.
func FuzzChallengerEvidence(f *testing.F) {
	fx := smallJob(f)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	require.NoError(f, err)
	c := NewChallenger(fx.tr, init, Honest, 1)
	roots, err := c.Replay(ctx, 1)
	require.NoError(f, err)
	own, err := c.stepTrace(ctx, &Game{Step: 0})
	require.NoError(f, err)
	ownNext, err := tensorRoots(own.Next)
	require.NoError(f, err)
	outputs := make([][]float32, len(own.Outputs))
	for i, o := range own.Outputs {
		outputs[i] = o.Data
	}
	traceBlob, err := (&StepTraceData{Step: 0, NodeRoots: own.NodeRoots, StartTensors: ownNext, NextTensors: ownNext,
		Outputs: outputs}).MarshalBinary()
	require.NoError(f, err)
	rootsBlob, err := (&StepRootsData{FirstStep: 0, Roots: roots}).MarshalBinary()
	require.NoError(f, err)
	h := commit.NewHasher()
	graph := fx.tr.Graph()
	games := []*Game{
		{Phase: uint8(PhasePickStep), Interval: 1, StepRoots: h.ListRoot(roots)},
		{Phase: uint8(PhasePickNode), Interval: 1, NumNodes: uint32(len(graph.Nodes)), NumState: uint32(graph.NumState()),
			TraceList: h.ListRoot(own.NodeRoots), NextList: h.ListRoot(ownNext)},
		{Phase: uint8(PhasePickElement), Interval: 1, Node: 27, OutRoot: own.NodeRoots[27]},
		{Phase: uint8(PhasePickEntry), Interval: 1, Node: 27, Element: 5, TraceLength: 33, ElementList: commit.Keccak256([]byte("x"))},
	}
	f.Add(traceBlob)
	f.Add(rootsBlob)
	f.Add(traceBlob[:len(traceBlob)/2])
	f.Add([]byte("GSNDET01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev := &Evidence{StepRoots: b, StepTrace: b, ElementTrace: b}
		for _, g := range games {
			mv, err := c.Move(ctx, g, ev)
			if Phase(g.Phase) == PhasePickEntry {
				require.NoError(t, err) // an unknown element list: it queries or picks
				continue
			}
			if err != nil {
				require.ErrorIs(t, err, ErrNoMove, "phase %s", Phase(g.Phase))
				continue
			}
			require.NotNil(t, mv.Query, "phase %s: a pick against a worker equal to us: %v", Phase(g.Phase), mv)
		}
	})
}

// falseNode is the node whose committed output newFalseOutputs's worker
// changes.
const falseNode = 27

// falseOutputs is a challenger that replayed step 0 of the small job, and a
// worker whose committed output of node falseNode differs from the
// challenger's at element 5 (nodeRoots): its pickNode and pickElement
// games, and blob, the worker's step trace with node falseNode's published
// elements out and node roots roots.
type falseOutputs struct {
	c                     *Challenger
	own                   *trainer.StepTrace
	committed             []float32
	nodeRoots             []commit.Hash
	pickNode, pickElement *Game
	blob                  func(out []float32, roots []commit.Hash) []byte
}

func newFalseOutputs(t *testing.T) *falseOutputs {
	t.Helper()
	fx := smallJob(t)
	ctx := context.Background()
	init, err := fx.tr.InitialState()
	require.NoError(t, err)
	c := NewChallenger(fx.tr, init, Honest, 1)
	_, err = c.Replay(ctx, 1)
	require.NoError(t, err)
	own, err := c.stepTrace(ctx, &Game{Step: 0, Interval: 1})
	require.NoError(t, err)
	h := commit.NewHasher()
	graph := fx.tr.Graph()
	const j = falseNode
	committed := flipBit(own.Outputs[j].Data, 5)
	nodeRoots := append([]commit.Hash(nil), own.NodeRoots...)
	nodeRoots[j], err = commit.TensorRoot(own.Outputs[j].Shape, committed)
	require.NoError(t, err)
	ownNext, err := tensorRoots(own.Next)
	require.NoError(t, err)
	blob := func(out []float32, roots []commit.Hash) []byte {
		outputs := make([][]float32, len(own.Outputs))
		for i, o := range own.Outputs {
			outputs[i] = o.Data
		}
		outputs[j] = out
		b, err := (&StepTraceData{Step: 0, NodeRoots: roots, StartTensors: ownNext, NextTensors: ownNext,
			Outputs: outputs}).MarshalBinary()
		require.NoError(t, err)
		return b
	}
	return &falseOutputs{c: c, own: own, committed: committed, nodeRoots: nodeRoots, blob: blob,
		pickNode: &Game{Phase: uint8(PhasePickNode), Interval: 1, NumNodes: uint32(len(graph.Nodes)),
			NumState: uint32(graph.NumState()), TraceList: h.ListRoot(nodeRoots), NextList: h.ListRoot(ownNext)},
		pickElement: &Game{Phase: uint8(PhasePickElement), Interval: 1, Node: j, OutRoot: nodeRoots[j]}}
}

// flipBit is a copy of d with the low bit of element e flipped.
func flipBit(d []float32, e int) []float32 {
	d = append([]float32(nil), d...)
	d[e] = math.Float32frombits(math.Float32bits(d[e]) ^ 1)
	return d
}

// TestChallengerReloadStepsStartInPlace: a Challenger given Reload steps its
// start state itself forward to the picked step (no copy: the trace of step
// 20 allocates at least 0.8 of a state less than a copying Challenger's),
// gives the same roots and traces as a
// copying Challenger, reloads the start for an earlier step or after a step
// that failed half-way, and refuses a reloaded state at the wrong step.
func TestChallengerReloadStepsStartInPlace(t *testing.T) {
	fx, init := wideJob(t)
	ctx := context.Background()
	allocated := func(f func()) float64 { return allocatedStates(fx.tr, f) }

	copying := NewChallenger(fx.tr, init, Honest, 1)
	want, err := copying.Replay(ctx, 30)
	require.NoError(t, err)
	start := init.Clone()
	reloads := 0
	c := NewChallenger(fx.tr, start, Honest, 1)
	c.Reload = func() (*trainer.State, error) { reloads++; return init.Clone(), nil }
	roots, err := c.Replay(ctx, 30)
	require.NoError(t, err)
	require.Equal(t, want, roots)
	require.Zero(t, reloads)

	var wantTrace, own *trainer.StepTrace
	copied := allocated(func() { wantTrace, err = copying.stepTrace(ctx, &Game{Step: 20}) })
	require.NoError(t, err)
	inPlace := allocated(func() { own, err = c.stepTrace(ctx, &Game{Step: 20}) })
	require.NoError(t, err)
	t.Logf("trace of step 20: %.2f states allocated stepping a copy, %.2f stepping the start in place", copied, inPlace)
	require.Less(t, inPlace, copied-0.8, "no copy of the start")
	require.Equal(t, wantTrace.Root, own.Root)
	require.Equal(t, uint64(20), start.Step, "the start state itself was stepped to the picked step")
	require.Zero(t, reloads)

	// A later step goes on from there; an earlier one reloads the start.
	for _, step := range []uint64{25, 5} {
		want, err := copying.stepTrace(ctx, &Game{Step: step})
		require.NoError(t, err)
		got, err := c.stepTrace(ctx, &Game{Step: step})
		require.NoError(t, err)
		require.Equal(t, want.Root, got.Root, "trace of step %d", step)
	}
	require.Equal(t, 1, reloads, "step 5 reloaded the start, step 25 did not")

	// A step that fails half-way leaves the start to be reloaded.
	fail := errors.New("step failed")
	c.step = func(st *trainer.State) error { return fail }
	_, err = c.stepTrace(ctx, &Game{Step: 9})
	require.ErrorIs(t, err, fail)
	c.step = nil
	got, err := c.stepTrace(ctx, &Game{Step: 9})
	require.NoError(t, err)
	want9, err := copying.stepTrace(ctx, &Game{Step: 9})
	require.NoError(t, err)
	require.Equal(t, want9.Root, got.Root)
	require.Equal(t, 2, reloads)

	// A reloaded state at the wrong step is refused; without Reload a
	// Challenger never steps its start.
	c.Reload = func() (*trainer.State, error) { return fx.tr.Run(ctx, nil, 1, nil) }
	_, err = c.stepTrace(ctx, &Game{Step: 3})
	require.ErrorContains(t, err, "reloaded start state is at step 1, want 0")
	require.Equal(t, uint64(0), init.Step, "the copying Challenger's start is as it was")
}
