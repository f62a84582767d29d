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
	// suspect: the worker published items equal to ours that do not give its
	// root, so its tree differs from ours in its padding only (or the
	// published items are false): the last item is queried first.
	suspect bool
	h       *commit.Hasher
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
// reports false (and records nothing) when the items do not give root. When
// they equal ours but do not give root, the view suspects junk padding.
func (v *view) addItems(items []commit.Hash, root commit.Hash) bool {
	if uint64(len(items)) != v.count {
		return false
	}
	if v.h.ListRoot(items) != root {
		same := true
		for i := range items {
			if v.h.Leaf((*[32]byte)(&items[i])) != v.own[0][i] {
				same = false
				break
			}
		}
		v.suspect = v.suspect || same
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

// target is where the challenger goes next in a worker's tree: item leaf,
// to query first when the worker's item is not known yet.
type target struct {
	leaf  uint64
	query bool
	// padding: the worker's tree differs from ours only in its padding
	// (junk where zero-subtree hashes belong). leaf is then the last real
	// item, whose path covers every padding subtree: since the contracts
	// check padding siblings (docs/commitments.md §1), the worker cannot
	// open it and loses on time.
	padding bool
}

// firstDiff descends towards the leftmost leaf where the worker's tree
// differs from the challenger's and returns it, or, when a node on the way
// is unknown, the leaf to query next. When the difference lies in padding
// (a subtree wholly past the last item, or published items equal to ours
// under another root) it targets the last item.
func (v *view) firstDiff() (target, error) {
	root, ok := v.known[pos{v.depth, 0}]
	if ok && root == v.own[v.depth][0] {
		return target{}, errNoDiff
	}
	if _, opened := v.items[v.count-1]; v.suspect && !opened {
		return v.lastItem()
	}
	if !ok {
		return target{leaf: 0, query: true}, nil
	}
	h, idx := v.depth, uint64(0)
	for h > 0 {
		l, r := pos{h - 1, 2 * idx}, pos{h - 1, 2*idx + 1}
		lh, lok := v.known[l]
		if !lok {
			return target{leaf: v.firstLeaf(l), query: true}, nil
		}
		if lh != v.own[h-1][2*idx] {
			h, idx = l.h, l.idx
			continue
		}
		// the left child agrees, so the difference is in the right one
		if v.firstLeaf(r) >= v.count {
			return v.lastItem()
		}
		rh, rok := v.known[r]
		if !rok {
			return target{leaf: v.firstLeaf(r), query: true}, nil
		}
		if rh == v.own[h-1][2*idx+1] {
			return target{}, errors.New("dispute: the worker's node differs but its children do not")
		}
		h, idx = r.h, r.idx
	}
	if _, ok := v.items[idx]; !ok {
		return target{leaf: idx, query: true}, nil
	}
	return target{leaf: idx}, nil
}

// lastItem targets the last real item of a tree whose padding differs from
// ours. Once the worker opened that item its padding is known to be
// canonical (the contracts check it), so a padding difference then means
// inconsistent answers.
func (v *view) lastItem() (target, error) {
	last := v.count - 1
	if _, ok := v.items[last]; ok {
		return target{}, errors.New("dispute: the worker's padding differs from ours under an opened last item")
	}
	return target{leaf: last, query: true, padding: true}, nil
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
