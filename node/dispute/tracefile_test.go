package dispute

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// traceFileOf writes blob to a file and opens it as a StepTraceFile.
func traceFileOf(t testing.TB, blob []byte) (*StepTraceFile, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "trace")
	require.NoError(t, os.WriteFile(p, blob, 0o644))
	f, err := os.Open(p)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return OpenStepTrace(f, int64(len(blob)))
}

// requireSameTrace checks that the file-backed trace gives what the
// in-memory decode gives: the header, and every output (with its own length,
// and refused with another).
func requireSameTrace(t testing.TB, d *StepTraceData, f *StepTraceFile) {
	t.Helper()
	require.Equal(t, d.Step, f.Step)
	require.Equal(t, d.NodeRoots, f.NodeRoots)
	require.Equal(t, d.StartTensors, f.StartTensors)
	require.Equal(t, d.NextTensors, f.NextTensors)
	require.Equal(t, d.NumOutputs(), f.NumOutputs())
	for _, tr := range []PublishedStepTrace{d, f} {
		s, nr, st, nt := tr.Header()
		require.Equal(t, d.Step, s)
		require.Equal(t, d.NodeRoots, nr)
		require.Equal(t, d.StartTensors, st)
		require.Equal(t, d.NextTensors, nt)
	}
	for j, o := range d.Outputs {
		got, err := f.Output(j, len(o))
		require.NoError(t, err)
		require.Equal(t, len(o), len(got))
		for i := range o {
			require.Equal(t, math.Float32bits(o[i]), math.Float32bits(got[i]), "output %d element %d", j, i)
		}
		_, err = f.Output(j, len(o)+1)
		require.ErrorIs(t, err, ErrBlob)
		_, err2 := d.Output(j, len(o)+1)
		require.Equal(t, err2.Error(), err.Error())
	}
	for _, j := range []int{-1, len(d.Outputs)} {
		_, err := f.Output(j, 0)
		require.ErrorIs(t, err, ErrBlob)
		_, err2 := d.Output(j, 0)
		require.Equal(t, err2.Error(), err.Error())
	}
}

// TestStepTraceFileEqualsDecode: the file-backed form of real step traces
// (an honest worker's, of several steps) and of synthetic ones (more outputs
// than node roots, empty outputs) gives what the in-memory decode gives.
func TestStepTraceFileEqualsDecode(t *testing.T) {
	fx := smallJob(t)
	ctx := context.Background()
	src, _ := trainWorker(t, fx.tr, honest)
	dd := NewDefender(fx.tr, src, nil)
	for _, step := range []uint64{0, 57, 199} {
		_, data, err := dd.stepTrace(ctx, step)
		require.NoError(t, err)
		blob, err := data.MarshalBinary()
		require.NoError(t, err)
		var d StepTraceData
		require.NoError(t, d.UnmarshalBinary(blob))
		f, err := traceFileOf(t, blob)
		require.NoError(t, err)
		requireSameTrace(t, &d, f)
		require.Equal(t, len(fx.tr.Graph().Nodes), f.NumOutputs())
	}
	r := rand.New(rand.NewSource(3))
	for _, st := range []*StepTraceData{
		{Step: 7, NodeRoots: randHashes(r, 5), StartTensors: randHashes(r, 2), NextTensors: randHashes(r, 2),
			Outputs: [][]float32{{1, 2}, {}, {-0.5}, {3}, {4, 5, 6}}},
		// more outputs than node roots: the ones past the recorded offsets
		{Step: 1, NodeRoots: randHashes(r, 1), Outputs: [][]float32{{1}, {}, {2, 3}, {4, 5, 6}, {}, {7}}},
		{Step: 2, Outputs: [][]float32{{}, {}, {9}}},
		{Step: 3, NodeRoots: randHashes(r, 4), Outputs: [][]float32{}},
		{Step: 4, Outputs: [][]float32{make([]float32, 3*blobReadChunk/4+5)}}, // elements over several chunks
	} {
		for i, o := range st.Outputs {
			for k := range o {
				o[k] = math.Float32frombits(r.Uint32())
			}
			st.Outputs[i] = o
		}
		blob, err := st.MarshalBinary()
		require.NoError(t, err)
		var d StepTraceData
		require.NoError(t, d.UnmarshalBinary(blob))
		f, err := traceFileOf(t, blob)
		require.NoError(t, err)
		requireSameTrace(t, &d, f)
	}
}

// TestStepTraceFileRefusesMalformed: a truncated blob (every prefix), one
// with trailing bytes, a bad magic, counts beyond the blob (hashes, outputs,
// a node's elements) and a stream shorter than the stated size are refused
// by the file-backed form with the in-memory decode's errors.
func TestStepTraceFileRefusesMalformed(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	st := &StepTraceData{Step: 7, NodeRoots: randHashes(r, 3), StartTensors: randHashes(r, 2), NextTensors: randHashes(r, 2),
		Outputs: [][]float32{{1, 2}, {}, {3}}}
	blob, err := st.MarshalBinary()
	require.NoError(t, err)
	same := func(b []byte, size int64) {
		t.Helper()
		derr := new(StepTraceData).Decode(bytes.NewReader(b), size)
		_, ferr := OpenStepTrace(bytes.NewReader(b), size)
		require.Error(t, derr)
		require.ErrorIs(t, ferr, ErrBlob)
		require.Equal(t, derr.Error(), ferr.Error())
	}
	for i := 0; i < len(blob); i++ {
		same(blob[:i], int64(i))
	}
	same(append(append([]byte(nil), blob...), 0), int64(len(blob))+1)
	bad := append([]byte(nil), blob...)
	bad[0] ^= 1
	same(bad, int64(len(bad)))
	// the outputs count, node 1's element count and the node roots count
	// raised past the blob
	outCount := 8 + 8 + (4 + 3*32) + 2*(4+2*32)
	for _, c := range []struct {
		off int
		v   uint32
	}{{outCount, 4}, {outCount, 0xffffffff}, {outCount + 16, 3}, {outCount + 16, 1 << 30}, {16, 4}, {16, 0xffffffff}} {
		b := append([]byte(nil), blob...)
		binary.BigEndian.PutUint32(b[c.off:], c.v)
		same(b, int64(len(b)))
	}
	// a wrong count that still fits (the outputs count lowered): trailing bytes
	b := append([]byte(nil), blob...)
	binary.BigEndian.PutUint32(b[outCount:], 2)
	same(b, int64(len(b)))
	// a stream shorter than its stated size
	same(blob, int64(len(blob))+10)
}

// FuzzStepTraceFile: for any bytes, the file-backed form and the in-memory
// decode agree: both refuse them with the same error, or both accept them
// and give the same header and outputs.
func FuzzStepTraceFile(f *testing.F) {
	st := &StepTraceData{Step: 7, NodeRoots: make([]commit.Hash, 3), Outputs: [][]float32{{1}, {2, 3}, {}}}
	b, _ := st.MarshalBinary()
	f.Add(b)
	st2 := &StepTraceData{Step: 1, NodeRoots: make([]commit.Hash, 1), Outputs: [][]float32{{1}, {}, {2, 3}, {4}}}
	b2, _ := st2.MarshalBinary()
	f.Add(b2)
	f.Add(b[:len(b)-3])
	f.Add([]byte(magicStepTrace))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d StepTraceData
		derr := d.Decode(bytes.NewReader(data), int64(len(data)))
		tf, ferr := OpenStepTrace(bytes.NewReader(data), int64(len(data)))
		if derr != nil || ferr != nil {
			require.Error(t, derr)
			require.Error(t, ferr)
			require.Equal(t, derr.Error(), ferr.Error())
			return
		}
		requireSameTrace(t, &d, tf)
	})
}

// TestChallengerFileTraceSamePicks: the challenger picks the same with the
// worker's step trace in memory and read from its file, with true and false
// published outputs, in every phase that reads it.
func TestChallengerFileTraceSamePicks(t *testing.T) {
	fx := newFalseOutputs(t)
	c, own, committed, nodeRoots, blob := fx.c, fx.own, fx.committed, fx.nodeRoots, fx.blob
	ctx := context.Background()
	const j = falseNode
	for name, b := range map[string][]byte{
		"true":          blob(committed, nodeRoots),
		"false":         blob(flipBit(own.Outputs[j].Data, 9), nodeRoots),
		"equal-to-ours": blob(own.Outputs[j].Data, nodeRoots), // padding suspected
		"short":         blob(committed[:len(committed)-1], nodeRoots),
		"honest-roots":  blob(own.Outputs[j].Data, own.NodeRoots),
	} {
		var d StepTraceData
		require.NoError(t, d.UnmarshalBinary(b))
		f, err := traceFileOf(t, b)
		require.NoError(t, err)
		for _, g := range []*Game{fx.pickNode, fx.pickElement} {
			want, werr := c.Move(ctx, g, &Evidence{StepTraceData: &d})
			got, gerr := c.Move(ctx, g, &Evidence{StepTraceFile: f, StepTraceData: &StepTraceData{}}) // the file takes precedence
			require.Equal(t, werr, gerr, "%s, phase %s", name, Phase(g.Phase))
			require.Equal(t, want, got, "%s, phase %s", name, Phase(g.Phase))
			fromBytes, berr := c.Move(ctx, g, &Evidence{StepTrace: b})
			require.Equal(t, werr, berr)
			require.Equal(t, want, fromBytes)
		}
	}
}

// TestChallengerPublishedTraceMemory measures, in units of the published
// step trace's size, what the worker's published trace costs the
// challenger's pickNode (which reads one node's output from it) and
// pickEntry (which does not read it, but runs while the verifier holds the
// game's evidence): decoded in memory (as the verifier did) against read
// from its file. Allocated is the TotalAlloc of decoding the evidence and
// the move; held is the live heap while the evidence is kept. The
// challenger's own trace and element trace are computed beforehand (the
// same in both).
func TestChallengerPublishedTraceMemory(t *testing.T) {
	fx, init := wideJob(t) // a trace outweighs the fixed costs
	ctx := context.Background()
	c := NewChallenger(fx.tr, init, Honest, 1)
	_, err := c.Replay(ctx, 1)
	require.NoError(t, err)
	own, err := c.stepTrace(ctx, &Game{Step: 0, Interval: 1})
	require.NoError(t, err)
	graph := fx.tr.Graph()
	// the cheat: an element of the widest operator output
	j := -1
	for i, n := range graph.Nodes {
		if n.Kind == repops.KindOp && (j < 0 || len(own.Outputs[i].Data) > len(own.Outputs[j].Data)) {
			j = i
		}
	}
	outputs := make([][]float32, len(own.Outputs))
	for i, o := range own.Outputs {
		outputs[i] = o.Data
	}
	outputs[j] = append([]float32(nil), outputs[j]...)
	outputs[j][3] = math.Float32frombits(math.Float32bits(outputs[j][3]) ^ 1)
	nodeRoots := append([]commit.Hash(nil), own.NodeRoots...)
	nodeRoots[j], err = commit.TensorRoot(own.Outputs[j].Shape, outputs[j])
	require.NoError(t, err)
	ownNext, err := tensorRoots(own.Next)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "trace")
	wf, err := os.Create(p)
	require.NoError(t, err)
	_, err = (&StepTraceData{Step: 0, NodeRoots: nodeRoots, StartTensors: ownNext, NextTensors: ownNext, Outputs: outputs}).WriteTo(wf)
	require.NoError(t, err)
	require.NoError(t, wf.Close())
	outputs = nil
	fi, err := os.Stat(p)
	require.NoError(t, err)
	size := fi.Size()
	file, err := os.Open(p)
	require.NoError(t, err)
	defer file.Close()

	h := commit.NewHasher()
	pickNode := &Game{Phase: uint8(PhasePickNode), Interval: 1, NumNodes: uint32(len(graph.Nodes)), NumState: uint32(graph.NumState()),
		TraceList: h.ListRoot(nodeRoots), NextList: h.ListRoot(ownNext)}
	pickEntry := &Game{Phase: uint8(PhasePickEntry), Interval: 1, Node: uint32(j), Element: 3, TraceLength: 40,
		ElementList: commit.Keccak256([]byte("the worker's element trace"))}
	_, err = c.Move(ctx, pickEntry, &Evidence{}) // the challenger's element trace, kept
	require.NoError(t, err)

	inMemory := func() *Evidence {
		var d StepTraceData
		_, err := file.Seek(0, 0)
		require.NoError(t, err)
		require.NoError(t, d.Decode(file, size))
		return &Evidence{StepTraceData: &d}
	}
	fromFile := func() *Evidence {
		f, err := OpenStepTrace(file, size)
		require.NoError(t, err)
		return &Evidence{StepTraceFile: f}
	}
	type figures struct{ allocated, held float64 }
	measure := func(evidence func() *Evidence, g *Game) (figures, *ChallengerMove) {
		var a, b, m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		ev := evidence()
		mv, err := c.Move(ctx, g, ev)
		require.NoError(t, err)
		runtime.ReadMemStats(&b)
		runtime.GC()
		runtime.ReadMemStats(&m)
		held := float64(int64(m.HeapAlloc)-int64(a.HeapAlloc)) / float64(size)
		runtime.KeepAlive(ev)
		return figures{allocated: float64(b.TotalAlloc-a.TotalAlloc) / float64(size), held: held}, mv
	}
	for _, g := range []*Game{pickNode, pickEntry} {
		before, want := measure(inMemory, g)
		after, got := measure(fromFile, g)
		require.Equal(t, want, got)
		t.Logf("%s (trace of %d bytes): allocated %.3f traces in memory, %.3f from the file (%.3f less); held %.3f / %.3f",
			Phase(g.Phase), size, before.allocated, after.allocated, before.allocated-after.allocated, before.held, after.held)
		require.Greater(t, before.allocated-after.allocated, 0.8, "about one trace less")
		require.Less(t, after.allocated, 0.2, "the header and one node's output (the widest: 0.13 traces)")
		require.Greater(t, before.held, 0.8, "the decoded trace is held")
		require.Less(t, after.held, 0.1, "the header only")
	}
	require.NotNil(t, c.trace)
}
