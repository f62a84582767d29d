package dispute

import (
	"errors"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// pos is a node of a positional Merkle tree: height 0 is the leaf level.
type pos struct {
	h   int
	idx uint64
}

// view compares one of the worker's committed trees (a list of `count`
// items under `root`, docs/commitments.md §1) with the challenger's own
// items, knowing only part of the worker's tree: the nodes its published
// data or its query answers revealed. Every answered path reveals the
// worker's hash of each node on it and of each sibling, so descending from
// the root towards the leftmost differing leaf needs at most one query per
// level, and none when the worker published its items.
type view struct {
	count uint64
	depth int
	own   [][]commit.Hash // own[h][i]: the challenger's hash of node (h, i), leaves hashed, zero padding
	known map[pos]commit.Hash
	items map[uint64]commit.Hash // the worker's items the challenger saw
	h     *commit.Hasher
}

// newView builds the challenger's own tree over ownItems, sized for the
// worker's count (own items past len(ownItems) are taken as unknown: they
// are given a value no honest item has, so that they differ).
func newView(count uint64, root *commit.Hash, ownItems []commit.Hash) *view {
	v := &view{count: count, depth: commit.Depth(count), known: map[pos]commit.Hash{},
		items: map[uint64]commit.Hash{}, h: commit.NewHasher()}
	width := uint64(1) << v.depth
	leaves := make([]commit.Hash, width)
	for i := uint64(0); i < count; i++ {
		var it commit.Hash
		if i < uint64(len(ownItems)) {
			it = ownItems[i]
		} else {
			it = commit.Keccak256([]byte("gensyn: no such own item"))
		}
		leaves[i] = v.h.Leaf((*[32]byte)(&it))
	}
	v.own = append(v.own, leaves)
	for level := leaves; len(level) > 1; {
		next := make([]commit.Hash, len(level)/2)
		for i := range next {
			next[i] = v.h.Node(&level[2*i], &level[2*i+1])
		}
		v.own = append(v.own, next)
		level = next
	}
	if root != nil {
		v.known[pos{v.depth, 0}] = *root
	}
	return v
}

// addItems records the worker's full item list (from a published blob); it
// reports false (and records nothing) when the items do not give root.
func (v *view) addItems(items []commit.Hash, root commit.Hash) bool {
	if uint64(len(items)) != v.count || v.h.ListRoot(items) != root {
		return false
	}
	width := uint64(1) << v.depth
	level := make([]commit.Hash, width)
	for i, it := range items {
		level[i] = v.h.Leaf((*[32]byte)(&it))
		v.items[uint64(i)] = it
	}
	for h := 0; ; h++ {
		for i := range level {
			v.known[pos{h, uint64(i)}] = level[i]
		}
		if len(level) == 1 {
			break
		}
		next := make([]commit.Hash, len(level)/2)
		for i := range next {
			next[i] = v.h.Node(&level[2*i], &level[2*i+1])
		}
		level = next
	}
	return true
}

// addAnswer records a query answer (item `idx` with its path). It reports
// false when the path does not lead to the known root (a stale or foreign
// answer), recording nothing then. When the root is not known yet (a tensor
// whose Merkle root only its leaves reveal), the answer's root is taken.
func (v *view) addAnswer(idx uint64, item commit.Hash, proof []commit.Hash) bool {
	if idx >= v.count || len(proof) != v.depth {
		return false
	}
	path := make([]commit.Hash, v.depth+1)
	path[0] = v.h.Leaf((*[32]byte)(&item))
	for h := 0; h < v.depth; h++ {
		if (idx>>h)&1 == 0 {
			path[h+1] = v.h.Node(&path[h], &proof[h])
		} else {
			path[h+1] = v.h.Node(&proof[h], &path[h])
		}
	}
	if root, ok := v.known[pos{v.depth, 0}]; ok && root != path[v.depth] {
		return false
	}
	for h := 0; h <= v.depth; h++ {
		v.known[pos{h, idx >> h}] = path[h]
		if h < v.depth {
			v.known[pos{h, (idx >> h) ^ 1}] = proof[h]
		}
	}
	v.items[idx] = item
	return true
}

// errNoDiff says the worker's tree equals the challenger's.
var errNoDiff = errors.New("dispute: the worker's list equals ours")

// firstDiff descends towards the leftmost leaf where the worker's tree
// differs from the challenger's. It returns that leaf, or, when a node on
// the way is unknown, the leaf to query next (query true).
func (v *view) firstDiff() (leaf uint64, query bool, err error) {
	root, ok := v.known[pos{v.depth, 0}]
	if !ok {
		return 0, true, nil
	}
	if root == v.own[v.depth][0] {
		return 0, false, errNoDiff
	}
	h, idx := v.depth, uint64(0)
	for h > 0 {
		l, r := pos{h - 1, 2 * idx}, pos{h - 1, 2*idx + 1}
		lh, lok := v.known[l]
		if !lok {
			return v.firstLeaf(l), true, nil
		}
		if lh != v.own[h-1][2*idx] {
			h, idx = l.h, l.idx
			continue
		}
		rh, rok := v.known[r]
		if !rok {
			if v.firstLeaf(r) >= v.count {
				return 0, false, errors.New("dispute: the worker's tree differs only in its padding")
			}
			return v.firstLeaf(r), true, nil
		}
		if rh == v.own[h-1][2*idx+1] {
			return 0, false, errors.New("dispute: the worker's node differs but its children do not")
		}
		h, idx = r.h, r.idx
	}
	if idx >= v.count {
		return 0, false, errors.New("dispute: the worker's tree differs only in its padding")
	}
	if _, ok := v.items[idx]; !ok {
		return idx, true, nil
	}
	return idx, false, nil
}

func (v *view) firstLeaf(p pos) uint64 { return p.idx << p.h }

// proof returns the path of leaf idx: the worker's sibling hashes where
// known, the challenger's own elsewhere (valid where the worker's subtree
// equals ours, i.e. left of the first difference).
func (v *view) proof(idx uint64) []commit.Hash {
	out := make([]commit.Hash, v.depth)
	for h := 0; h < v.depth; h++ {
		p := pos{h, (idx >> h) ^ 1}
		if k, ok := v.known[p]; ok {
			out[h] = k
		} else {
			out[h] = v.own[h][p.idx]
		}
	}
	return out
}

// item returns the worker's item idx if seen.
func (v *view) item(idx uint64) (commit.Hash, bool) {
	it, ok := v.items[idx]
	return it, ok
}
