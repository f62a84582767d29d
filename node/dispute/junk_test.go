package dispute

import (
	"context"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// junkTree is a worker's Merkle tree over `count` leaves whose padding
// positions hold junk where the zero-subtree hashes belong (docs/commitments.md
// §1): a non-canonical root, which the contracts refuse to open at any leaf
// whose path crosses the junk.
type junkTree struct {
	count  uint64
	levels [][]commit.Hash // levels[0]: leaf hashes padded to 2^depth
}

func newJunkTree(leaves []commit.Hash, junk map[uint64]commit.Hash) *junkTree {
	h := commit.NewHasher()
	d := commit.Depth(uint64(len(leaves)))
	level := make([]commit.Hash, 1<<d)
	copy(level, leaves)
	for i, j := range junk {
		if i < uint64(len(leaves)) || i >= uint64(len(level)) {
			panic("junk slot is not padding")
		}
		level[i] = j
	}
	t := &junkTree{count: uint64(len(leaves)), levels: [][]commit.Hash{level}}
	for len(level) > 1 {
		next := make([]commit.Hash, len(level)/2)
		for i := range next {
			next[i] = h.Node(&level[2*i], &level[2*i+1])
		}
		t.levels = append(t.levels, next)
		level = next
	}
	return t
}

func (t *junkTree) root() commit.Hash { return t.levels[len(t.levels)-1][0] }

func (t *junkTree) proof(i uint64) []commit.Hash {
	out := make([]commit.Hash, len(t.levels)-1)
	for h := range out {
		out[h] = t.levels[h][(i>>h)^1]
	}
	return out
}

// opens reports whether the contract accepts the worker's proof of leaf i
// (OneStepMerkle.rootOf: every sibling that covers only padding is the
// zero-subtree hash).
func (t *junkTree) opens(i uint64) bool {
	return commit.Proof{Index: i, Siblings: t.proof(i)}.CheckPadding(t.count) == nil
}

var junk = commit.Keccak256([]byte("gensyn test: junk in the padding"))

// junkList is a list's tree with junk at padding slot `slot`.
func junkList(items []commit.Hash, slot uint64) *junkTree {
	h := commit.NewHasher()
	leaves := make([]commit.Hash, len(items))
	for i := range items {
		leaves[i] = h.Leaf((*[32]byte)(&items[i]))
	}
	return newJunkTree(leaves, map[uint64]commit.Hash{slot: junk})
}

// junkTensor is a tensor committed with junk in its padding: at padding
// leaf `slot` (slot > 0), or (slot 0) in the last padding word of its last
// leaf.
type junkTensor struct {
	shape []int
	items [][32]byte // the worker's leaf items
	tree  *junkTree
}

func newJunkTensor(shape []int, data []float32, slot uint64) *junkTensor {
	h := commit.NewHasher()
	n := commit.NumLeaves(len(data))
	jt := &junkTensor{shape: shape, items: make([][32]byte, n)}
	leaves := make([]commit.Hash, n)
	for i := range leaves {
		jt.items[i] = commit.TensorLeafItem(data, i)
	}
	var pad map[uint64]commit.Hash
	if slot > 0 {
		pad = map[uint64]commit.Hash{slot: junk}
	} else {
		if len(data)%8 == 0 {
			panic("no padding words")
		}
		jt.items[n-1][31] = 0x01
	}
	for i := range leaves {
		leaves[i] = h.Leaf(&jt.items[i])
	}
	jt.tree = newJunkTree(leaves, pad)
	return jt
}

// root is the tensor root over the junk tree (docs/commitments.md §2).
func (jt *junkTensor) root() commit.Hash {
	b := []byte{commit.TagTensor, byte(len(jt.shape))}
	for _, d := range jt.shape {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	m := jt.tree.root()
	return commit.Keccak256(b, m[:])
}

// opens reports whether the contract accepts leaf i (OneStepMerkle.leafRoot:
// padding siblings and the last leaf's padding words).
func (jt *junkTensor) opens(i uint64, numel int) bool {
	if !jt.tree.opens(i) {
		return false
	}
	if i == uint64(len(jt.items)-1) {
		for k := numel - 8*int(i); k < 8; k++ {
			if binary.BigEndian.Uint32(jt.items[i][4*k:]) != 0 {
				return false
			}
		}
	}
	return true
}

// junkTraceList: the worker's step-trace list holds junk at padding slot
// `slot`. Its revealStepTrace carries the junk tree's root and last-item
// proof, which the contract refuses (PaddingSibling).
func junkTraceList(slot uint64) tamperFunc {
	return func(t *testing.T, d *Defender, g *Game, mv *WorkerMove) *WorkerMove {
		if mv.StepTrace == nil {
			return mv
		}
		_, data, err := d.stepTrace(context.Background(), g.Step)
		require.NoError(t, err)
		jt := junkList(data.NodeRoots, slot)
		last := uint64(len(data.NodeRoots) - 1)
		require.False(t, jt.opens(last), "the last item's path crosses the junk")
		x := *mv.StepTrace
		x.TraceList, x.LastOutProof = jt.root(), jt.proof(last)
		return &WorkerMove{StepTrace: &x, Blob: mv.Blob}
	}
}

// junkOutput: the worker commits node j's output tensor (its own, correct
// elements) with junk in its padding (see newJunkTensor), and opens its
// leaves and elements from that tree: those whose path crosses the junk the
// contract refuses.
func junkOutput(j int, slot uint64) tamperFunc {
	var jt *junkTensor
	return func(t *testing.T, d *Defender, g *Game, mv *WorkerMove) *WorkerMove {
		ctx := context.Background()
		switch {
		case mv.StepTrace != nil:
			tr, _, err := d.stepTrace(ctx, g.Step)
			require.NoError(t, err)
			out := tr.Outputs[j]
			jt = newJunkTensor(out.Shape, out.Data, slot)
			tr.NodeRoots[j] = jt.root() // the published data's node roots too (the same slice)
			again, err := d.Move(ctx, g)
			require.NoError(t, err)
			return again
		case mv.Answer != nil && List(g.QueryList) == ListOutTensor && int(g.Node) == j:
			i := uint64(g.QueryIndex)
			return &WorkerMove{Answer: &AnswerMove{Item: jt.items[i], Proof: jt.tree.proof(i)}}
		case mv.ElementTrace != nil && int(g.Node) == j:
			x := *mv.ElementTrace
			i := uint64(g.Element / 8)
			x.Leaf, x.LeafPath = jt.items[i], jt.tree.proof(i)
			return &WorkerMove{ElementTrace: &x, Blob: mv.Blob}
		}
		return mv
	}
}
