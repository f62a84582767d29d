package dispute

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
)

func randHashes(r *rand.Rand, n int) []commit.Hash {
	out := make([]commit.Hash, n)
	for i := range out {
		r.Read(out[i][:])
	}
	return out
}

func TestBlobsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	sr := &StepRootsData{FirstStep: 100, Roots: randHashes(r, 101)}
	b, err := sr.MarshalBinary()
	require.NoError(t, err)
	var sr2 StepRootsData
	require.NoError(t, sr2.UnmarshalBinary(b))
	require.Equal(t, sr, &sr2)

	st := &StepTraceData{Step: 7, NodeRoots: randHashes(r, 5), StartTensors: randHashes(r, 2), NextTensors: randHashes(r, 2),
		Outputs: [][]float32{{1, 2}, {}, {-0.5}, {3}, {4, 5, 6}}}
	b, err = st.MarshalBinary()
	require.NoError(t, err)
	var st2 StepTraceData
	require.NoError(t, st2.UnmarshalBinary(b))
	require.Equal(t, st, &st2)

	et := &ElementTraceData{Node: 3, Element: 9, Items: randHashes(r, 9)}
	b, err = et.MarshalBinary()
	require.NoError(t, err)
	var et2 ElementTraceData
	require.NoError(t, et2.UnmarshalBinary(b))
	require.Equal(t, et, &et2)

	// Truncations, a bad magic, trailing bytes and huge counts are errors.
	for i := 0; i < len(b); i++ {
		require.ErrorIs(t, et2.UnmarshalBinary(b[:i]), ErrBlob)
	}
	require.ErrorIs(t, et2.UnmarshalBinary(append(append([]byte(nil), b...), 0)), ErrBlob)
	bad := append([]byte(nil), b...)
	bad[0] ^= 1
	require.ErrorIs(t, et2.UnmarshalBinary(bad), ErrBlob)
	huge := append([]byte(magicElementTrace), 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff)
	require.ErrorIs(t, et2.UnmarshalBinary(huge), ErrBlob)
}

func FuzzStepTraceBlob(f *testing.F) {
	st := &StepTraceData{Step: 7, NodeRoots: make([]commit.Hash, 3), Outputs: [][]float32{{1}, {2, 3}, {}}}
	b, _ := st.MarshalBinary()
	f.Add(b)
	sr, _ := (&StepRootsData{Roots: make([]commit.Hash, 2)}).MarshalBinary()
	f.Add(sr)
	f.Fuzz(func(t *testing.T, data []byte) {
		var d StepTraceData
		if d.UnmarshalBinary(data) == nil {
			out, err := d.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, data, out)
		}
		var r StepRootsData
		if r.UnmarshalBinary(data) == nil {
			out, _ := r.MarshalBinary()
			require.Equal(t, data, out)
		}
		var e ElementTraceData
		if e.UnmarshalBinary(data) == nil {
			out, _ := e.MarshalBinary()
			require.Equal(t, data, out)
		}
	})
}

// TestBisection: for random lists and random differing positions, querying
// the worker one item at a time finds the leftmost difference in at most
// depth+1 queries, and the proofs built for that leaf and the one before it
// verify against the worker's root.
func TestBisection(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	h := commit.NewHasher()
	for iter := 0; iter < 300; iter++ {
		n := 1 + r.Intn(200)
		own := randHashes(r, n)
		worker := append([]commit.Hash(nil), own...)
		first := n
		for d := 0; d < 1+r.Intn(4); d++ {
			i := r.Intn(n)
			r.Read(worker[i][:])
			first = min(first, i)
		}
		root := h.ListRoot(worker)
		v := newView(uint64(n), &root, own)
		queries := 0
		for {
			tg, err := v.firstDiff()
			require.NoError(t, err)
			require.False(t, tg.padding)
			leaf := tg.leaf
			if !tg.query {
				require.Equal(t, uint64(first), leaf)
				it, ok := v.item(leaf)
				require.True(t, ok)
				require.True(t, commit.Proof{Index: leaf, Siblings: v.proof(leaf)}.VerifyItem(root, it, uint64(n)))
				if leaf > 0 {
					require.True(t, commit.Proof{Index: leaf - 1, Siblings: v.proof(leaf - 1)}.VerifyItem(root, own[leaf-1], uint64(n)))
				}
				break
			}
			queries++
			require.LessOrEqual(t, queries, commit.Depth(uint64(n))+1)
			p, err := commit.ListProof(worker, leaf)
			require.NoError(t, err)
			require.True(t, v.addAnswer(leaf, worker[leaf], p.Siblings))
		}
		// an answer for another tree is refused
		p, _ := commit.ListProof(own, 0)
		if n > 1 && first == 0 {
			require.False(t, newView(uint64(n), &root, own).addAnswer(0, own[0], p.Siblings))
		}
	}
	// equal lists: no difference
	own := randHashes(r, 10)
	root := h.ListRoot(own)
	_, err := newView(10, &root, own).firstDiff()
	require.ErrorIs(t, err, errNoDiff)
}
