package dispute

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestDefenderStepTraceLastProofs: revealStepTrace carries the proofs of the
// last item of the trace list and of the next-state list, which verify
// with canonical padding.
func TestDefenderStepTraceLastProofs(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	src, _ := trainWorker(t, fx.tr, honest)
	d := NewDefender(fx.tr, src, nil)
	start, err := fx.tr.StateRoot(src.states[7])
	require.NoError(t, err)
	end, err := fx.tr.StateRoot(src.states[8])
	require.NoError(t, err)
	mv, err := d.Move(ctx, &Game{Phase: uint8(PhaseStepTrace), Step: 7, StartRoot: start, EndRoot: end})
	require.NoError(t, err)
	x := mv.StepTrace
	require.NotNil(t, x)
	require.True(t, commit.Proof{Index: uint64(x.NumNodes - 1), Siblings: x.LastOutProof}.VerifyItem(x.TraceList, x.LastOutRoot, uint64(x.NumNodes)))
	require.True(t, commit.Proof{Index: uint64(x.NumState - 1), Siblings: x.LastNextProof}.VerifyItem(x.NextList, x.LastNextRoot, uint64(x.NumState)))
	var data StepTraceData
	require.NoError(t, data.UnmarshalBinary(mv.Blob))
	require.Equal(t, data.NodeRoots[len(data.NodeRoots)-1], x.LastOutRoot)
	require.Equal(t, data.NextTensors[len(data.NextTensors)-1], x.LastNextRoot)
	_, err = PackWorkerMove(big.NewInt(0), mv)
	require.NoError(t, err)
}

// TestDefenderCheckpointQueries: the Defender answers ListCheckpoints
// queries from the roots the worker submitted; without them, or with roots
// that are not the game's list, it cannot defend.
func TestDefenderCheckpointQueries(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	roots := []commit.Hash{commit.Keccak256([]byte("cp 1")), commit.Keccak256([]byte("cp 2")), commit.Keccak256([]byte("cp 3"))}
	list := commit.NewHasher().ListRoot(roots)
	g := &Game{Phase: uint8(PhaseAnswer), QueryList: uint8(ListCheckpoints), Checkpoints: 3, CheckpointList: list}
	d := NewDefender(fx.tr, &memSource{}, nil)
	_, err := d.Move(ctx, g)
	require.ErrorIs(t, err, ErrCannotDefend, "no checkpoint roots")

	given := append([]commit.Hash(nil), roots...)
	d.SetCheckpointRoots(given)
	given[0] = commit.Hash{} // the Defender keeps its own copy
	for i := uint32(0); i < 3; i++ {
		g.QueryIndex = i
		mv, err := d.Move(ctx, g)
		require.NoError(t, err)
		require.Equal(t, roots[i], mv.Answer.Item)
		require.True(t, commit.Proof{Index: uint64(i), Siblings: mv.Answer.Proof}.VerifyItem(list, roots[i], 3))
	}
	g.QueryIndex = 3
	_, err = d.Move(ctx, g)
	require.ErrorIs(t, err, ErrCannotDefend, "past the list")

	d.SetCheckpointRoots(roots[:2])
	g.QueryIndex = 0
	_, err = d.Move(ctx, g)
	require.ErrorIs(t, err, ErrCannotDefend, "roots of another list")
}

// TestDefenderHonestMistake: a worker whose matrix products are not RepOps
// (float64 accumulation) is challenged on a MatMul element it computed
// otherwise: its Defender commits the RepOps program from the same inputs
// with its claimed value as the last result (not an error), and reports the
// mistake once, through every later move of that element. An element it
// computed like RepOps is no mistake.
func TestDefenderHonestMistake(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	wtr := fx.trainerWith(t, trainer.Float64MatMul{})
	init, err := wtr.InitialState()
	require.NoError(t, err)
	src := &memSource{states: []*trainer.State{init}}
	var got []Mistake
	d := NewDefender(wtr, src, nil)
	d.OnMistake = func(m Mistake) { got = append(got, m) }

	wtrace, err := wtr.StepTrace(init)
	require.NoError(t, err)
	rtrace, err := fx.tr.StepTrace(init)
	require.NoError(t, err)
	const j = 24 // z1, the first MatMul
	var differ, same = -1, -1
	for e := range wtrace.Outputs[j].Data {
		eq := math.Float32bits(wtrace.Outputs[j].Data[e]) == math.Float32bits(rtrace.Outputs[j].Data[e])
		if !eq && differ < 0 {
			differ = e
		}
		if eq && same < 0 {
			same = e
		}
	}
	require.GreaterOrEqual(t, differ, 0)
	require.GreaterOrEqual(t, same, 0)

	g := &Game{Phase: uint8(PhaseElementTrace), Step: 0, Node: j, Element: uint32(differ), OutRoot: wtrace.NodeRoots[j]}
	mv, err := d.Move(ctx, g)
	require.NoError(t, err)
	require.Len(t, got, 1)
	claimed := math.Float32bits(wtrace.Outputs[j].Data[differ])
	require.Equal(t, Mistake{Step: 0, Node: j, Op: "MatMul", Element: differ,
		RepOps: math.Float32bits(rtrace.Outputs[j].Data[differ]), Claimed: claimed}, got[0])
	// the committed program is RepOps' but for its last result, the claim
	ref, err := fx.tr.ElementTrace(rtrace, j, differ)
	require.NoError(t, err)
	x := mv.ElementTrace
	require.Equal(t, uint32(len(ref.Items)), x.TraceLength)
	var et ElementTraceData
	require.NoError(t, et.UnmarshalBinary(mv.Blob))
	require.Equal(t, ref.Items[:len(ref.Items)-1], et.Items[:len(et.Items)-1])
	require.NotEqual(t, ref.Items[len(ref.Items)-1], et.Items[len(et.Items)-1])
	require.Equal(t, claimed, binary.BigEndian.Uint32(x.LastItem[19:23]), "the last entry's result word")

	// the one-step of its last entry: a proof, no error, no second report
	g.Phase, g.TraceLength, g.ElementList, g.Entry = uint8(PhaseOneStep), x.TraceLength, x.ListRoot, x.TraceLength-1
	mv, err = d.Move(ctx, g)
	require.NoError(t, err)
	require.NotNil(t, mv.OneStep)
	d.elem = nil // recomputed: still reported once
	_, err = d.Move(ctx, g)
	require.NoError(t, err)
	require.Len(t, got, 1)

	// an element computed like RepOps: the honest trace, no report
	g = &Game{Phase: uint8(PhaseElementTrace), Step: 0, Node: j, Element: uint32(same), OutRoot: wtrace.NodeRoots[j]}
	mv, err = d.Move(ctx, g)
	require.NoError(t, err)
	ref, err = fx.tr.ElementTrace(rtrace, j, same)
	require.NoError(t, err)
	require.Equal(t, commit.NewHasher().ListRoot(ref.Items), mv.ElementTrace.ListRoot)
	require.Len(t, got, 1)
}

// TestDefenderStreamsLargeTrace: a step trace larger than the Defender's
// InlineBlobLimit comes as a stream (BlobTo) whose bytes are the inline
// blob's and hash to the move's dataHash; the reveal is the same.
func TestDefenderStreamsLargeTrace(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	src, _ := trainWorker(t, fx.tr, honest)
	start, err := fx.tr.StateRoot(src.states[7])
	require.NoError(t, err)
	end, err := fx.tr.StateRoot(src.states[8])
	require.NoError(t, err)
	g := &Game{Phase: uint8(PhaseStepTrace), Step: 7, StartRoot: start, EndRoot: end}
	inline, err := NewDefender(fx.tr, src, nil).Move(ctx, g)
	require.NoError(t, err)
	require.NotNil(t, inline.Blob)
	require.Nil(t, inline.BlobTo)

	d := NewDefender(fx.tr, src, nil)
	d.InlineBlobLimit = 1
	streamed, err := d.Move(ctx, g)
	require.NoError(t, err)
	require.Nil(t, streamed.Blob)
	require.NotNil(t, streamed.BlobTo)
	require.Equal(t, inline.StepTrace, streamed.StepTrace)
	var w bytes.Buffer
	n, err := streamed.BlobTo.WriteTo(&w)
	require.NoError(t, err)
	require.Equal(t, streamed.BlobSize, n)
	require.Equal(t, inline.Blob, w.Bytes())
	require.Equal(t, commit.Hash(blobstore.Sum(w.Bytes())), streamed.StepTrace.DataHash)
}
