package dispute

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
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
		err := d.UnmarshalBinary(data)
		if err == nil {
			out, err := d.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, data, out)
			var w bytes.Buffer
			_, err = d.WriteTo(&w)
			require.NoError(t, err)
			require.Equal(t, data, w.Bytes())
		}
		// The stream decoders agree with the byte decoders, one byte at a
		// time, and a stream that is not the stated length is malformed.
		var ds StepTraceData
		serr := ds.Decode(iotest.OneByteReader(bytes.NewReader(data)), int64(len(data)))
		require.Equal(t, err == nil, serr == nil, "%v / %v", err, serr)
		if serr == nil {
			require.Equal(t, d, ds)
		} else {
			require.ErrorIs(t, serr, ErrBlob)
		}
		require.ErrorIs(t, new(StepTraceData).Decode(bytes.NewReader(data), int64(len(data))+1), ErrBlob)
		if len(data) > 0 {
			require.ErrorIs(t, new(StepTraceData).Decode(bytes.NewReader(data), int64(len(data))-1), ErrBlob)
		}
		var rs StepRootsData
		require.Equal(t, new(StepRootsData).UnmarshalBinary(data) == nil,
			rs.Decode(iotest.OneByteReader(bytes.NewReader(data)), int64(len(data))) == nil)
		var es ElementTraceData
		require.Equal(t, new(ElementTraceData).UnmarshalBinary(data) == nil,
			es.Decode(iotest.OneByteReader(bytes.NewReader(data)), int64(len(data))) == nil)
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

// TestBlobStreams: the decoders read from a stream that verifies the
// blob's hash (an altered blob surfaces as blobstore.ErrHashMismatch), and
// the blob sizes a verifier accepts, derived from the job and the game, are
// the sizes of what the Defender publishes.
func TestBlobStreams(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	src, _ := trainWorker(t, fx.tr, honest)
	dd := NewDefender(fx.tr, src, nil)
	start, err := fx.tr.StateRoot(src.states[0])
	require.NoError(t, err)
	end, err := fx.tr.StateRoot(src.states[100])
	require.NoError(t, err)
	m, err := dd.Move(ctx, &Game{Phase: uint8(PhaseStepRoots), Step: 0, Interval: 100, StartRoot: start, EndRoot: end})
	require.NoError(t, err)
	require.Equal(t, StepRootsBlobSize(100), int64(len(m.Blob)))

	_, data, err := dd.stepTrace(ctx, 0)
	require.NoError(t, err)
	blob, err := data.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, StepTraceBlobSize(fx.tr.Graph()), int64(len(blob)))
	var w bytes.Buffer
	_, err = data.WriteTo(&w)
	require.NoError(t, err)
	require.Equal(t, blob, w.Bytes())

	var got StepTraceData
	require.NoError(t, got.Decode(blobstore.NewVerifyingReader(bytes.NewReader(blob), blobstore.Sum(blob)), int64(len(blob))))
	require.Equal(t, *data, got)
	bad := append([]byte(nil), blob...)
	bad[len(bad)-1] ^= 1 // still well-formed: only the hash tells
	require.NoError(t, new(StepTraceData).UnmarshalBinary(bad))
	err = new(StepTraceData).Decode(blobstore.NewVerifyingReader(bytes.NewReader(bad), blobstore.Sum(blob)), int64(len(bad)))
	require.ErrorIs(t, err, blobstore.ErrHashMismatch)
	require.False(t, errors.Is(err, ErrBlob))

	et := &ElementTraceData{Node: 1, Element: 2, Items: make([]commit.Hash, 7)}
	eb, err := et.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, ElementTraceBlobSize(7), int64(len(eb)))
}
