package dispute

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// PublishedStepTrace is a worker's published step trace as the challenger
// reads it: the step, the node roots and the state tensor roots, decoded,
// and a node's output elements, read on demand. *StepTraceData (in memory)
// and *StepTraceFile (read from a file) implement it, with the same results
// for the same blob.
type PublishedStepTrace interface {
	// Header returns the trace's step, node roots, start and next state
	// tensor roots (not copied).
	Header() (step uint64, nodeRoots, startTensors, nextTensors []commit.Hash)
	// NumOutputs is the number of node outputs the blob holds.
	NumOutputs() int
	// Output returns node j's output elements when the blob holds exactly
	// n of them (n: the element count of the node's shape in the job's
	// graph); otherwise an ErrBlob error, and nothing is read.
	Output(j, n int) ([]float32, error)
}

var (
	_ PublishedStepTrace = (*StepTraceData)(nil)
	_ PublishedStepTrace = (*StepTraceFile)(nil)
)

// Header implements PublishedStepTrace.
func (d *StepTraceData) Header() (uint64, []commit.Hash, []commit.Hash, []commit.Hash) {
	return d.Step, d.NodeRoots, d.StartTensors, d.NextTensors
}

// NumOutputs implements PublishedStepTrace.
func (d *StepTraceData) NumOutputs() int { return len(d.Outputs) }

// Output implements PublishedStepTrace.
func (d *StepTraceData) Output(j, n int) ([]float32, error) {
	if j < 0 || j >= len(d.Outputs) {
		return nil, fmt.Errorf("%w: no output %d of %d", ErrBlob, j, len(d.Outputs))
	}
	if len(d.Outputs[j]) != n {
		return nil, fmt.Errorf("%w: output %d has %d elements, its shape %d", ErrBlob, j, len(d.Outputs[j]), n)
	}
	return d.Outputs[j], nil
}

// StepTraceFile is a published step trace read from an io.ReaderAt (the
// verifier's file of the blob): its header and hashes are decoded, its
// whole layout is checked as StepTraceData.Decode checks it (the same
// errors), and a node's output elements are read from the file when asked
// for, so the blob's elements are never held whole.
type StepTraceFile struct {
	Step         uint64
	NodeRoots    []commit.Hash
	StartTensors []commit.Hash
	NextTensors  []commit.Hash

	ra   io.ReaderAt
	size int64
	n    int // outputs in the blob
	// offs[i] is the offset of output i's count word, for the first
	// len(offs) outputs: at most len(NodeRoots)+1 are recorded (8 bytes per
	// node, a quarter of its root), so that a blob of many empty outputs
	// costs no more memory than its roots; the ones after (a blob the
	// challenger refuses: its outputs do not match its roots) are found by
	// walking the count words from the last one recorded.
	offs []int64
}

// OpenStepTrace decodes the header of the step trace blob of size bytes that
// ra holds and checks its layout (every count and every output's length
// against the blob's size, no trailing bytes): StepTraceData.Decode's checks
// and errors, reading the elements only to pass over them. ra must stay
// readable while the trace is used.
func OpenStepTrace(ra io.ReaderAt, size int64) (*StepTraceFile, error) {
	if size < 0 {
		size = 0
	}
	r := newReader(io.NewSectionReader(ra, 0, size), size)
	f := &StepTraceFile{ra: ra, size: size}
	var n uint64
	f.Step, f.NodeRoots, f.StartTensors, f.NextTensors, n = r.stepTraceHeader()
	if r.err == nil {
		f.n = int(n)
		f.offs = make([]int64, 0, min(n, uint64(len(f.NodeRoots))+1))
		for i := uint64(0); i < n; i++ {
			if uint64(len(f.offs)) < uint64(cap(f.offs)) {
				f.offs = append(f.offs, size-int64(r.left))
			}
			m := r.count(4)
			if r.err != nil {
				break
			}
			r.skip(4 * m)
		}
	}
	if err := r.end(); err != nil {
		return nil, err
	}
	return f, nil
}

// Header implements PublishedStepTrace.
func (f *StepTraceFile) Header() (uint64, []commit.Hash, []commit.Hash, []commit.Hash) {
	return f.Step, f.NodeRoots, f.StartTensors, f.NextTensors
}

// NumOutputs implements PublishedStepTrace.
func (f *StepTraceFile) NumOutputs() int { return f.n }

// u32At reads the big-endian word at off.
func (f *StepTraceFile) u32At(off int64) (uint32, error) {
	var b [4]byte
	if _, err := f.ra.ReadAt(b[:], off); err != nil {
		return 0, fmt.Errorf("dispute: read the step trace at %d: %w", off, err)
	}
	return binary.BigEndian.Uint32(b[:]), nil
}

// Output implements PublishedStepTrace: it reads node j's elements from the
// file, after checking their count against n.
func (f *StepTraceFile) Output(j, n int) ([]float32, error) {
	if j < 0 || j >= f.n {
		return nil, fmt.Errorf("%w: no output %d of %d", ErrBlob, j, f.n)
	}
	var off int64
	if j < len(f.offs) {
		off = f.offs[j]
	} else {
		// past the recorded offsets: walk the count words (checked by
		// OpenStepTrace)
		off = f.offs[len(f.offs)-1]
		for i := len(f.offs) - 1; i < j; i++ {
			m, err := f.u32At(off)
			if err != nil {
				return nil, err
			}
			off += 4 + 4*int64(m)
		}
	}
	m, err := f.u32At(off)
	if err != nil {
		return nil, err
	}
	if int64(m) != int64(n) {
		return nil, fmt.Errorf("%w: output %d has %d elements, its shape %d", ErrBlob, j, m, n)
	}
	if off+4+4*int64(m) > f.size {
		return nil, fmt.Errorf("%w: output %d past the blob", ErrBlob, j) // the file changed since OpenStepTrace
	}
	out := make([]float32, m)
	var buf [blobReadChunk]byte
	off += 4
	for i := 0; i < len(out); {
		k := min(len(out)-i, blobReadChunk/4)
		b := buf[:4*k]
		if _, err := f.ra.ReadAt(b, off); err != nil {
			return nil, fmt.Errorf("dispute: read the step trace at %d: %w", off, err)
		}
		for x := 0; x < k; x++ {
			out[i+x] = math.Float32frombits(binary.BigEndian.Uint32(b[4*x:]))
		}
		i += k
		off += int64(len(b))
	}
	return out, nil
}
