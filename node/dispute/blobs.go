package dispute

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// Blobs the worker publishes during a game (docs/dispute.md, "Published
// data"). Each starts with an 8-byte magic; integers are big-endian. The
// move's dataHash is the blob's keccak256 (its blob store address).
const (
	magicStepRoots    = "GSNDSR01"
	magicStepTrace    = "GSNDST01"
	magicElementTrace = "GSNDET01"

	// maxBlobItems bounds every decoded count, so that a hostile blob cannot
	// make a decoder allocate more than its own size justifies.
	maxBlobItems = 1 << 26
)

// ErrBlob is returned for a malformed dispute blob.
var ErrBlob = errors.New("dispute: malformed blob")

// StepRootsData is the state roots of every step of an interval:
// Roots[i] is the state root after FirstStep+i steps.
type StepRootsData struct {
	FirstStep uint64
	Roots     []commit.Hash
}

// StepTraceData is a step trace as published: every node's output root, the
// state tensor roots at t and t+1, and every node's output elements (so that
// a challenger can find a wrong element without queries).
type StepTraceData struct {
	Step         uint64
	NodeRoots    []commit.Hash
	StartTensors []commit.Hash
	NextTensors  []commit.Hash
	Outputs      [][]float32
}

// ElementTraceData is an element trace's entry items.
type ElementTraceData struct {
	Node    uint32
	Element uint32
	Items   []commit.Hash
}

type writer struct{ b []byte }

func (w *writer) u32(v uint32) { w.b = binary.BigEndian.AppendUint32(w.b, v) }
func (w *writer) u64(v uint64) { w.b = binary.BigEndian.AppendUint64(w.b, v) }
func (w *writer) hashes(hs []commit.Hash) {
	w.u32(uint32(len(hs)))
	for _, h := range hs {
		w.b = append(w.b, h[:]...)
	}
}

// reader decodes a blob from a stream of known length: every count is
// checked against the bytes left before anything is allocated, so a hostile
// blob cannot make a decoder allocate more than its own size justifies.
type reader struct {
	r    *bufio.Reader
	left uint64 // bytes the blob still holds
	buf  [blobReadChunk]byte
	err  error
}

// blobReadChunk is how many bytes the decoders read at a time.
const blobReadChunk = 1 << 16

func newReader(r io.Reader, size int64) *reader {
	if size < 0 {
		size = 0
	}
	return &reader{r: bufio.NewReaderSize(r, blobReadChunk), left: uint64(size)}
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// take reads n <= blobReadChunk bytes.
func (r *reader) take(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if r.left < n {
		r.fail(fmt.Errorf("%w: truncated", ErrBlob))
		return nil
	}
	b := r.buf[:n]
	if _, err := io.ReadFull(r.r, b); err != nil {
		r.fail(streamErr(err))
		return nil
	}
	r.left -= n
	return b
}

// streamErr is a read error of the blob's stream: a stream shorter than its
// length is a malformed (truncated) blob; other errors (a hash mismatch of
// a verifying reader, a broken connection) are returned as they are.
func streamErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: truncated", ErrBlob)
	}
	return err
}

func (r *reader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

func (r *reader) u64() uint64 {
	b := r.take(8)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func (r *reader) count(elemSize uint64) uint64 {
	n := uint64(r.u32())
	if r.err == nil && (n > maxBlobItems || n*elemSize > r.left) {
		r.fail(fmt.Errorf("%w: count %d exceeds the blob", ErrBlob, n))
	}
	return n
}

func (r *reader) hashes() []commit.Hash {
	n := r.count(32)
	if r.err != nil {
		return nil
	}
	out := make([]commit.Hash, n)
	for i := range out {
		copy(out[i][:], r.take(32))
	}
	return out
}

// floats reads n big-endian float32 bits.
func (r *reader) floats(n uint64) []float32 {
	out := make([]float32, n)
	for i := uint64(0); i < n && r.err == nil; {
		k := min(n-i, blobReadChunk/4)
		b := r.take(4 * k)
		for j := uint64(0); j < k && b != nil; j++ {
			out[i+j] = math.Float32frombits(binary.BigEndian.Uint32(b[4*j:]))
		}
		i += k
	}
	return out
}

// skip passes over n bytes (a count already checked against the blob).
func (r *reader) skip(n uint64) {
	if r.err != nil {
		return
	}
	if r.left < n {
		r.fail(fmt.Errorf("%w: truncated", ErrBlob))
		return
	}
	for n > 0 {
		k := min(n, 1<<30)
		if _, err := r.r.Discard(int(k)); err != nil {
			r.fail(streamErr(err))
			return
		}
		r.left -= k
		n -= k
	}
}

func (r *reader) magic(m string) {
	if b := r.take(8); b != nil && string(b) != m {
		r.fail(fmt.Errorf("%w: bad magic %q", ErrBlob, b))
	}
}

// end checks that the blob is consumed and the stream ends with it (reading
// to EOF lets a verifying stream check the blob's hash).
func (r *reader) end() error {
	if r.err == nil && r.left != 0 {
		r.fail(fmt.Errorf("%w: %d trailing bytes", ErrBlob, r.left))
	}
	if r.err == nil {
		var one [1]byte
		n, err := io.ReadFull(r.r, one[:])
		switch {
		case n > 0:
			r.fail(fmt.Errorf("%w: the stream is longer than the blob", ErrBlob))
		case !errors.Is(err, io.EOF):
			r.fail(err)
		}
	}
	return r.err
}

// MarshalBinary encodes magic | u64 firstStep | u32 n | n × 32.
func (d *StepRootsData) MarshalBinary() ([]byte, error) {
	w := &writer{b: []byte(magicStepRoots)}
	w.u64(d.FirstStep)
	w.hashes(d.Roots)
	return w.b, nil
}

// UnmarshalBinary decodes MarshalBinary's encoding.
func (d *StepRootsData) UnmarshalBinary(b []byte) error {
	return d.Decode(bytes.NewReader(b), int64(len(b)))
}

// Decode decodes MarshalBinary's encoding from a stream of size bytes,
// read to its end.
func (d *StepRootsData) Decode(rd io.Reader, size int64) error {
	r := newReader(rd, size)
	r.magic(magicStepRoots)
	d.FirstStep = r.u64()
	d.Roots = r.hashes()
	return r.end()
}

// MarshalBinary encodes magic | u64 step | node roots | start tensors | next
// tensors (each u32 n | n × 32) | u32 nodes | per node: u32 m | m × u32 bits.
func (d *StepTraceData) MarshalBinary() ([]byte, error) {
	w := &writer{b: []byte(magicStepTrace)}
	w.u64(d.Step)
	w.hashes(d.NodeRoots)
	w.hashes(d.StartTensors)
	w.hashes(d.NextTensors)
	w.u32(uint32(len(d.Outputs)))
	for _, o := range d.Outputs {
		w.u32(uint32(len(o)))
		for _, x := range o {
			w.u32(math.Float32bits(x))
		}
	}
	return w.b, nil
}

// UnmarshalBinary decodes MarshalBinary's encoding.
func (d *StepTraceData) UnmarshalBinary(b []byte) error {
	return d.Decode(bytes.NewReader(b), int64(len(b)))
}

// stepTraceHeader reads a step trace's magic, step, node roots, start and
// next state tensor roots and its count of node outputs.
func (r *reader) stepTraceHeader() (step uint64, nodeRoots, startTensors, nextTensors []commit.Hash, outputs uint64) {
	r.magic(magicStepTrace)
	return r.u64(), r.hashes(), r.hashes(), r.hashes(), r.count(4)
}

// Decode decodes MarshalBinary's encoding from a stream of size bytes,
// read to its end: the blob is never held whole besides its decoded
// outputs.
func (d *StepTraceData) Decode(rd io.Reader, size int64) error {
	r := newReader(rd, size)
	var n uint64
	d.Step, d.NodeRoots, d.StartTensors, d.NextTensors, n = r.stepTraceHeader()
	if r.err == nil {
		d.Outputs = make([][]float32, n)
		for i := range d.Outputs {
			m := r.count(4)
			if r.err != nil {
				break
			}
			d.Outputs[i] = r.floats(m)
		}
	}
	return r.end()
}

// MarshalBinary encodes magic | u32 node | u32 element | u32 n | n × 32.
func (d *ElementTraceData) MarshalBinary() ([]byte, error) {
	w := &writer{b: []byte(magicElementTrace)}
	w.u32(d.Node)
	w.u32(d.Element)
	w.hashes(d.Items)
	return w.b, nil
}

// UnmarshalBinary decodes MarshalBinary's encoding.
func (d *ElementTraceData) UnmarshalBinary(b []byte) error {
	return d.Decode(bytes.NewReader(b), int64(len(b)))
}

// Decode decodes MarshalBinary's encoding from a stream of size bytes,
// read to its end.
func (d *ElementTraceData) Decode(rd io.Reader, size int64) error {
	r := newReader(rd, size)
	r.magic(magicElementTrace)
	d.Node = r.u32()
	d.Element = r.u32()
	d.Items = r.hashes()
	return r.end()
}

// StepRootsBlobSize is the length of the StepRootsData blob of an interval
// of `interval` steps: what a verifier accepts for it, derived from the game.
func StepRootsBlobSize(interval uint32) int64 {
	return 8 + 8 + 4 + 32*(int64(interval)+1)
}

// StepTraceBlobSize is the length of the StepTraceData blob of a step of
// graph g: its node roots, state tensor roots and every node's output
// elements. It is what a verifier accepts for a step trace, derived from the
// job's spec (never a fixed cap).
func StepTraceBlobSize(g *repops.Graph) int64 {
	ns := int64(g.NumState())
	size := int64(8+8) + (4 + 32*int64(len(g.Nodes))) + 2*(4+32*ns) + 4
	for _, n := range g.Nodes {
		e := int64(1)
		for _, d := range n.Shape {
			e *= int64(d)
		}
		size += 4 + 4*e
	}
	return size
}

// ElementTraceBlobSize is the length of the ElementTraceData blob of a
// trace of traceLength entries.
func ElementTraceBlobSize(traceLength uint32) int64 {
	return 8 + 4 + 4 + 4 + 32*int64(traceLength)
}

// WriteTo writes MarshalBinary's encoding to w without building it whole.
func (d *StepTraceData) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, blobReadChunk)
	var n int64
	put := func(b []byte) {
		k, _ := bw.Write(b)
		n += int64(k)
	}
	var buf [8]byte
	u32 := func(v uint32) { binary.BigEndian.PutUint32(buf[:4], v); put(buf[:4]) }
	hashes := func(hs []commit.Hash) {
		u32(uint32(len(hs)))
		for _, h := range hs {
			put(h[:])
		}
	}
	put([]byte(magicStepTrace))
	binary.BigEndian.PutUint64(buf[:], d.Step)
	put(buf[:])
	hashes(d.NodeRoots)
	hashes(d.StartTensors)
	hashes(d.NextTensors)
	u32(uint32(len(d.Outputs)))
	for _, o := range d.Outputs {
		u32(uint32(len(o)))
		for _, x := range o {
			u32(math.Float32bits(x))
		}
	}
	return n, bw.Flush()
}
