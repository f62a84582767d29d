package trainer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// bigCheckpoint is a checkpoint of n float32 values in three tensors, with
// its state root.
func bigCheckpoint(t testing.TB, n int) *Checkpoint {
	a, b := n/2, n/4
	shapes := [][]int{{a / 64, 64}, {b}, {n - a - b}}
	c := &Checkpoint{Step: 40, Names: []string{"w", "m", "v"}}
	c.SpecHash[3] = 7
	x := uint32(1)
	for _, s := range shapes {
		d := make([]float32, numel(s))
		for i := range d {
			x = x*1664525 + 1013904223
			d[i] = float32(int32(x)) / (1 << 31)
		}
		c.State = append(c.State, repops.Tensor{Shape: s, Data: d})
	}
	var err error
	if c.StateRoot, err = stateRoot(c.Step, c.State); err != nil {
		t.Fatal(err)
	}
	return c
}

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc: a
// count of allocations, independent of when the collector runs).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func TestCheckpointStreamCodec(t *testing.T) {
	c := bigCheckpoint(t, 100_003)
	want, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if n, err := c.WriteTo(&buf); err != nil || n != int64(len(want)) || !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("WriteTo: %d bytes, %v; differs from Encode", n, err)
	}
	// Any read sizes decode to the same checkpoint.
	for name, r := range map[string]io.Reader{
		"one byte": iotest.OneByteReader(bytes.NewReader(want)),
		"half":     iotest.HalfReader(bytes.NewReader(want)),
		"bufio":    bufio.NewReaderSize(bytes.NewReader(want), 16),
	} {
		d, err := DecodeCheckpointFrom(r, int64(len(want)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if re, _ := d.Encode(); !bytes.Equal(re, want) {
			t.Fatalf("%s: re-encoding differs", name)
		}
	}
	// A stream cut anywhere is a truncated checkpoint.
	for _, cut := range []int{0, 5, 87, 95, 4096, len(want) / 2, len(want) - 32, len(want) - 1} {
		_, err := DecodeCheckpointFrom(bytes.NewReader(want[:cut]), int64(len(want)))
		if !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
	// Bytes after the checksum are refused.
	_, err = DecodeCheckpointFrom(bytes.NewReader(append(append([]byte(nil), want...), 0)), int64(len(want))+1)
	if !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "trailing") {
		t.Errorf("trailing byte: %v", err)
	}
	// A flipped data byte fails the checksum.
	flip := append([]byte(nil), want...)
	flip[len(flip)-100] ^= 1
	if _, err := DecodeCheckpointFrom(bytes.NewReader(flip), int64(len(flip))); !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("flipped byte: %v", err)
	}
	// The reader's own error stays visible (a blob stream's verdict).
	errStream := errors.New("stream verdict")
	r := io.MultiReader(bytes.NewReader(want[:1000]), iotest.ErrReader(errStream))
	if _, err := DecodeCheckpointFrom(r, int64(len(want))); !errors.Is(err, ErrCheckpoint) || !errors.Is(err, errStream) {
		t.Errorf("reader error: %v", err)
	}
	// A bound smaller than the file refuses it before reading the data.
	if _, err := DecodeCheckpointFrom(bytes.NewReader(want), int64(len(want))-1); !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "needs") {
		t.Errorf("bound one byte short: %v", err)
	}
	if _, err := DecodeCheckpointFrom(bytes.NewReader(want), 10); !errors.Is(err, ErrCheckpoint) {
		t.Errorf("bound under a header: %v", err)
	}
}

// TestDecodeCheckpointClaimedShapeNotAllocated: a header whose shapes claim more
// than the bound is refused before anything of that size is allocated.
func TestDecodeCheckpointClaimedShapeNotAllocated(t *testing.T) {
	c := bigCheckpoint(t, 1000)
	b, _ := c.Encode()
	// Claim 2^28 values for the second tensor, "m": its one dim follows the
	// first tensor (name length, "w", ndim, two dims, data), its name length,
	// name and ndim.
	off := ckptHeaderLen + 1 + 1 + 1 + 8 + 4*len(c.State[0].Data) + 1 + 1 + 1
	binary.BigEndian.PutUint32(b[off:], 1<<28)
	var err error
	got := allocated(func() { _, err = DecodeCheckpointFrom(bytes.NewReader(b), int64(len(b))) })
	if !errors.Is(err, ErrCheckpoint) || !strings.Contains(err.Error(), "needs") {
		t.Fatalf("claimed shape: %v", err)
	}
	if got > 1<<20 {
		t.Fatalf("refusing a claimed shape of 1 GiB allocated %d bytes", got)
	}
}

// TestCheckpointStreamMemory bounds, in units of the checkpoint's size, what
// writing and reading a checkpoint allocates: writing holds one chunk, never
// a copy of the tensors; reading a file holds the decoded tensors and one
// chunk, never the file's bytes.
func TestCheckpointStreamMemory(t *testing.T) {
	c := bigCheckpoint(t, 4<<20) // 16 MiB
	size, _ := c.size()
	dir := t.TempDir()
	var path string
	var err error
	w := allocated(func() { path, err = WriteCheckpoint(dir, c) })
	if err != nil {
		t.Fatal(err)
	}
	if w > uint64(size)/16 {
		t.Errorf("WriteCheckpoint allocated %d bytes for a %d-byte checkpoint (%.3f of it)", w, size, float64(w)/float64(size))
	}
	var d *Checkpoint
	r := allocated(func() { d, err = ReadCheckpoint(path) })
	if err != nil {
		t.Fatal(err)
	}
	if r > uint64(size)+uint64(size)/16 {
		t.Errorf("ReadCheckpoint allocated %d bytes for a %d-byte checkpoint (%.3f of it); the tensors are %.3f", r, size, float64(r)/float64(size), float64(size-ckptHeaderLen-32)/float64(size))
	}
	// The whole-bytes decoder, for comparison, holds the file and the tensors.
	b, _ := os.ReadFile(path)
	if !bytes.Equal(mustEncode(t, d), b) {
		t.Fatal("read back differs")
	}
	t.Logf("checkpoint %d bytes: WriteCheckpoint allocated %.4f of it, ReadCheckpoint %.4f", size, float64(w)/float64(size), float64(r)/float64(size))
}

func mustEncode(t *testing.T, c *Checkpoint) []byte {
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzDecodeCheckpointFrom decodes the same bytes whole and one byte at a
// time: both agree on the verdict, and what decodes re-encodes to them.
func FuzzDecodeCheckpointFrom(f *testing.F) {
	c := bigCheckpoint(f, 40)
	b, _ := c.Encode()
	f.Add(b)
	f.Add(b[:len(b)-1])
	f.Add(append(append([]byte(nil), b...), 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		whole, err1 := DecodeCheckpoint(b)
		bytewise, err2 := DecodeCheckpointFrom(iotest.OneByteReader(bytes.NewReader(b)), int64(len(b))+7)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("whole: %v; byte by byte: %v", err1, err2)
		}
		if err1 != nil {
			if !errors.Is(err1, ErrCheckpoint) || !errors.Is(err2, ErrCheckpoint) {
				t.Fatalf("untyped errors %v / %v", err1, err2)
			}
			return
		}
		var w bytes.Buffer
		if _, err := bytewise.WriteTo(&w); err != nil || !bytes.Equal(w.Bytes(), b) || !bytes.Equal(mustEncode(t, whole), b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}

// TestReplayEndAllocatesOneState: an audit's replay of an interval
// allocates one copy of its start state (then steps it in place), not a
// state per step, and leaves the start as it was.
func TestReplayEndAllocatesOneState(t *testing.T) {
	const interval = 8
	tr := memTrainer(t, []int{64, 256, 256, 10}, 32, interval, Options{SkipEval: true})
	from, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Advance(from.clone()); err != nil { // builds the runner's buffers
		t.Fatal(err)
	}
	before := mustEncode(t, mustCheckpoint(t, tr, from))
	var root commit.Hash
	var end *State
	got := allocated(func() { root, end, err = tr.ReplayEnd(context.Background(), from) })
	if err != nil {
		t.Fatal(err)
	}
	// Less what hashing the end state allocates (node/commit's buffers).
	rootAlloc := allocated(func() { _, err = tr.StateRoot(end) })
	size := float64(tr.CheckpointSize())
	steps := float64(got-min(got, rootAlloc)) / size
	t.Logf("ReplayEnd over %d steps allocated %.3f states besides its root's %.3f", interval, steps, float64(rootAlloc)/size)
	if steps > 1.1 {
		t.Fatalf("ReplayEnd over %d steps allocated %.2f states besides its root, want one", interval, steps)
	}
	if !bytes.Equal(before, mustEncode(t, mustCheckpoint(t, tr, from))) {
		t.Fatal("ReplayEnd changed its start state")
	}
	// The same end as stepping state by state.
	st := from
	for st.Step < interval {
		if st, _, err = tr.Step(st); err != nil {
			t.Fatal(err)
		}
	}
	if want, _ := tr.StateRoot(st); want != root || end.Step != interval {
		t.Fatalf("end root %s at step %d, stepping gives %s", root, end.Step, want)
	}
}

func mustCheckpoint(t *testing.T, tr *Trainer, st *State) *Checkpoint {
	c, err := tr.Checkpoint(st)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
