package dispute

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/gensyn-stack/gensyn/node/commit"
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

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if uint64(len(r.b)) < n {
		r.err = fmt.Errorf("%w: truncated", ErrBlob)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
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
	if r.err == nil && (n > maxBlobItems || n*elemSize > uint64(len(r.b))) {
		r.err = fmt.Errorf("%w: count %d exceeds the blob", ErrBlob, n)
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

func (r *reader) magic(m string) {
	if b := r.take(8); b != nil && string(b) != m {
		r.err = fmt.Errorf("%w: bad magic %q", ErrBlob, b)
	}
}

func (r *reader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d trailing bytes", ErrBlob, len(r.b))
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
	r := &reader{b: b}
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
	r := &reader{b: b}
	r.magic(magicStepTrace)
	d.Step = r.u64()
	d.NodeRoots = r.hashes()
	d.StartTensors = r.hashes()
	d.NextTensors = r.hashes()
	n := r.count(4)
	if r.err == nil {
		d.Outputs = make([][]float32, n)
		for i := range d.Outputs {
			m := r.count(4)
			if r.err != nil {
				break
			}
			o := make([]float32, m)
			for j := range o {
				o[j] = math.Float32frombits(r.u32())
			}
			d.Outputs[i] = o
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
	r := &reader{b: b}
	r.magic(magicElementTrace)
	d.Node = r.u32()
	d.Element = r.u32()
	d.Items = r.hashes()
	return r.end()
}
