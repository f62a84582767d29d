package dispute

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// bisect plays the challenger's view against a worker's tree as the
// contracts allow: the worker answers a query only when its path's padding
// siblings are canonical (opens). It returns the final target (a pick) or
// the query the worker cannot answer, and the number of queries asked.
func bisect(t *testing.T, v *view, items []commit.Hash, wt *junkTree) (target, bool, int) {
	t.Helper()
	queries := 0
	for {
		tg, err := v.firstDiff()
		require.NoError(t, err, "the challenger never gives up")
		if !tg.query {
			return tg, false, queries
		}
		queries++
		require.LessOrEqual(t, queries, commit.Depth(v.count)+1, "within the contract's query limit")
		require.Less(t, tg.leaf, v.count, "a query inside the list")
		if !wt.opens(tg.leaf) {
			return tg, true, queries
		}
		require.True(t, v.addAnswer(tg.leaf, items[tg.leaf], wt.proof(tg.leaf)))
	}
}

// TestViewJunkPadding: a worker whose list equals ours but whose tree holds
// junk at a padding slot, for the sizes of the game's lists (step roots of a
// 100-step interval, the example's 54 trace nodes and 15 state tensors, 40
// tensor leaves, an element trace, checkpoints). Bisecting with the answers
// the contract accepts always ends in a query the worker cannot answer;
// when its published items equal ours under its root, the first query is
// the last item, which it cannot answer either.
func TestViewJunkPadding(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for _, n := range []int{101, 54, 15, 40, 65, 10, 6, 5, 3} {
		own := randHashes(r, n)
		d := commit.Depth(uint64(n))
		for slot := uint64(n); slot < 1<<d; slot++ {
			wt := junkList(own, slot)
			root := wt.root()

			// bisection by queries
			v := newView(uint64(n), &root, own)
			tg, stuck, _ := bisect(t, v, own, wt)
			require.True(t, stuck, "n=%d junk at %d: the challenger picked %d in a list equal to its own", n, slot, tg.leaf)

			// published items equal ours: the last item first
			v = newView(uint64(n), &root, own)
			require.False(t, v.addItems(own, root))
			tg, err := v.firstDiff()
			require.NoError(t, err)
			require.Equal(t, target{leaf: uint64(n - 1), query: true, padding: true}, tg)
			require.False(t, wt.opens(tg.leaf), "the last item's path covers every padding subtree")
		}
	}
}

// TestViewJunkPaddingAndRealDifference: with a real difference left of the
// junk, bisection finds it (or stops at a query the worker cannot answer),
// and a published list equal to ours that does not give the worker's
// canonical root (a false blob) costs one query of the last item, within
// the query limit.
func TestViewJunkPaddingAndRealDifference(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	for iter := 0; iter < 300; iter++ {
		n := 3 + r.Intn(150)
		own := randHashes(r, n)
		worker := append([]commit.Hash(nil), own...)
		first := r.Intn(n)
		r.Read(worker[first][:])
		d := commit.Depth(uint64(n))
		var junkSlots map[uint64]commit.Hash
		if uint64(n) < 1<<d && r.Intn(2) == 0 {
			junkSlots = map[uint64]commit.Hash{uint64(n) + uint64(r.Intn((1<<d)-n)): junk}
		}
		h := commit.NewHasher()
		leaves := make([]commit.Hash, n)
		for i := range worker {
			leaves[i] = h.Leaf((*[32]byte)(&worker[i]))
		}
		wt := newJunkTree(leaves, junkSlots)
		root := wt.root()

		v := newView(uint64(n), &root, own)
		tg, stuck, _ := bisect(t, v, worker, wt)
		if !stuck {
			require.Equal(t, uint64(first), tg.leaf, "the leftmost real difference")
			it, ok := v.item(tg.leaf)
			require.True(t, ok)
			require.Equal(t, worker[first], it)
		}

		// a false blob: our items under the worker's (canonical) root
		if junkSlots == nil {
			v = newView(uint64(n), &root, own)
			require.False(t, v.addItems(own, root))
			tg, stuck, _ = bisect(t, v, worker, wt)
			require.False(t, stuck)
			require.Equal(t, uint64(first), tg.leaf)
		}
	}
}

// TestViewPaddingRevealed: should the worker's padding be revealed anyway
// (an answer whose path crosses junk, which the contracts refuse), the
// challenger targets the last item rather than a position past the list,
// and reports an error, not a pick, when even that item was opened.
func TestViewPaddingRevealed(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	own := randHashes(r, 6) // slots 6 and 7 are padding; items 4 and 5 cross them
	wt := junkList(own, 7)
	root := wt.root()
	v := newView(6, &root, own)
	require.False(t, wt.opens(4))
	require.True(t, v.addAnswer(4, own[4], wt.proof(4)))
	tg, err := v.firstDiff()
	require.NoError(t, err)
	require.Equal(t, target{leaf: 5, query: true, padding: true}, tg)

	require.True(t, v.addAnswer(5, own[5], wt.proof(5)))
	_, err = v.firstDiff()
	require.Error(t, err)
	require.NotErrorIs(t, err, errNoDiff)

	// junk in the padding leaf next to the last item: only its path crosses it
	own = randHashes(r, 5)
	wt = junkList(own, 5)
	root = wt.root()
	v = newView(5, &root, own)
	tg, stuck, _ := bisect(t, v, own, wt)
	require.True(t, stuck)
	require.Equal(t, uint64(4), tg.leaf)
}
