package trainer

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/crypto/sha3"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// Checkpoint file format (docs/checkpoints.md), all integers big-endian:
//
//	magic "GSNCKPT\x00" | u32 version | spec hash (32) | u64 step |
//	state root (32) | u32 n | n tensors: u8 name length, name, u8 ndim,
//	u32 dims..., float32 data... | keccak256 of everything before (32)
const (
	CheckpointMagic   = "GSNCKPT\x00"
	CheckpointVersion = 1
	// MaxCheckpointTensors bounds the tensor count a decoder accepts.
	MaxCheckpointTensors = 1024
	maxNameLen           = 255
	ckptHeaderLen        = 8 + 4 + 32 + 8 + 32 + 4
)

// ErrCheckpoint is wrapped by every checkpoint decoding error.
var ErrCheckpoint = errors.New("trainer: bad checkpoint")

// Checkpoint is the state after Step steps of the job whose spec hashes to
// SpecHash. State holds the state tensors in the graph's state order, named
// by Names; StateRoot is commit.StateRoot over them and the step.
type Checkpoint struct {
	SpecHash  commit.Hash
	Step      uint64
	StateRoot commit.Hash
	Names     []string
	State     []repops.Tensor
}

// size checks the checkpoint's names and tensors and returns the length of
// its file.
func (c *Checkpoint) size() (int64, error) {
	if len(c.Names) != len(c.State) || len(c.State) > MaxCheckpointTensors {
		return 0, fmt.Errorf("trainer: checkpoint has %d names for %d tensors", len(c.Names), len(c.State))
	}
	size := int64(ckptHeaderLen + 32)
	for i, t := range c.State {
		n, err := commit.NumElements(t.Shape)
		if err != nil || n != len(t.Data) {
			return 0, fmt.Errorf("trainer: checkpoint tensor %q: shape %v does not match %d values", c.Names[i], t.Shape, len(t.Data))
		}
		if len(c.Names[i]) > maxNameLen {
			return 0, fmt.Errorf("trainer: checkpoint tensor name %q too long", c.Names[i])
		}
		size += 1 + int64(len(c.Names[i])) + 1 + 4*int64(len(t.Shape)) + 4*int64(n)
	}
	return size, nil
}

// Encode returns the checkpoint file bytes. A checkpoint that may be large
// is written with WriteTo instead, which holds no copy of it.
func (c *Checkpoint) Encode() ([]byte, error) {
	size, err := c.size()
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := c.WriteTo(buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ckptChunk is the size of the buffer the streaming encoder and decoder
// pass the tensors' bytes through.
const ckptChunk = 64 << 10

// WriteTo writes the checkpoint file to w, hashing as it writes; it holds
// one chunk of ckptChunk bytes, never a copy of the tensors.
func (c *Checkpoint) WriteTo(w io.Writer) (int64, error) {
	if _, err := c.size(); err != nil {
		return 0, err
	}
	e := &ckptEncoder{w: w, d: sha3.NewLegacyKeccak256(), buf: make([]byte, 0, ckptChunk)}
	e.buf = append(e.buf, CheckpointMagic...)
	e.buf = binary.BigEndian.AppendUint32(e.buf, CheckpointVersion)
	e.buf = append(e.buf, c.SpecHash[:]...)
	e.buf = binary.BigEndian.AppendUint64(e.buf, c.Step)
	e.buf = append(e.buf, c.StateRoot[:]...)
	e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(len(c.State)))
	for i, t := range c.State {
		e.room(2 + len(c.Names[i]) + 4*len(t.Shape))
		e.buf = append(e.buf, byte(len(c.Names[i])))
		e.buf = append(e.buf, c.Names[i]...)
		e.buf = append(e.buf, byte(len(t.Shape)))
		for _, d := range t.Shape {
			e.buf = binary.BigEndian.AppendUint32(e.buf, uint32(d))
		}
		for _, f := range t.Data {
			e.room(4)
			e.buf = binary.BigEndian.AppendUint32(e.buf, math.Float32bits(f))
		}
	}
	e.flush()
	if e.err != nil {
		return e.n, e.err
	}
	sum := e.d.Sum(nil)
	n, err := w.Write(sum)
	return e.n + int64(n), err
}

// ckptEncoder buffers and hashes what WriteTo writes.
type ckptEncoder struct {
	w   io.Writer
	d   hash.Hash
	buf []byte
	n   int64
	err error
}

// room flushes the buffer unless n more bytes fit in it.
func (e *ckptEncoder) room(n int) {
	if len(e.buf)+n > ckptChunk {
		e.flush()
	}
}

func (e *ckptEncoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		e.d.Write(e.buf)
		var n int
		n, e.err = e.w.Write(e.buf)
		e.n += int64(n)
	}
	e.buf = e.buf[:0]
}

// DecodeCheckpoint parses checkpoint file bytes (DecodeCheckpointFrom over
// them).
func DecodeCheckpoint(b []byte) (*Checkpoint, error) {
	return DecodeCheckpointFrom(bytes.NewReader(b), int64(len(b)))
}

// DecodeCheckpointFrom decodes a checkpoint file of at most maxSize bytes
// from r while it streams: it holds the decoded tensors and one chunk of
// ckptChunk bytes, never the file whole, and allocates a tensor only once
// the header's shapes fit in maxSize. It checks the structure and the
// checksum, that r ends right after the checksum, and that the state root
// in the header is the root of the tensors it holds; it does not check them
// against a spec (see Trainer.FromCheckpoint). Every error wraps
// ErrCheckpoint; an error from r is wrapped too (a blob stream's
// blobstore.ErrHashMismatch or ErrTruncated stays visible to errors.Is).
func DecodeCheckpointFrom(r io.Reader, maxSize int64) (*Checkpoint, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrCheckpoint, fmt.Sprintf(format, a...))
	}
	d := &ckptDecoder{r: r, d: sha3.NewLegacyKeccak256()}
	if maxSize < ckptHeaderLen+32 {
		return nil, bad("truncated: %d bytes at most, a checkpoint has at least %d", maxSize, ckptHeaderLen+32)
	}
	hdr := make([]byte, ckptHeaderLen)
	if err := d.read(hdr); err != nil {
		return nil, d.fail(err, "header")
	}
	if string(hdr[:8]) != CheckpointMagic {
		return nil, bad("not a checkpoint file (magic %q)", hdr[:8])
	}
	if v := binary.BigEndian.Uint32(hdr[8:]); v != CheckpointVersion {
		return nil, bad("version %d, this build reads %d", v, CheckpointVersion)
	}
	c := &Checkpoint{}
	copy(c.SpecHash[:], hdr[12:44])
	c.Step = binary.BigEndian.Uint64(hdr[44:])
	copy(c.StateRoot[:], hdr[52:84])
	n := binary.BigEndian.Uint32(hdr[84:])
	if n > MaxCheckpointTensors {
		return nil, bad("%d tensors, at most %d", n, MaxCheckpointTensors)
	}
	var small [4 * commit.MaxDims]byte
	for i := 0; i < int(n); i++ {
		if err := d.read(small[:1]); err != nil {
			return nil, d.fail(err, fmt.Sprintf("tensor %d", i))
		}
		name := make([]byte, small[0])
		if err := d.read(name); err != nil {
			return nil, d.fail(err, fmt.Sprintf("tensor %d: name", i))
		}
		if err := d.read(small[:1]); err != nil {
			return nil, d.fail(err, fmt.Sprintf("tensor %q: dims", name))
		}
		nd := int(small[0])
		if nd > commit.MaxDims {
			return nil, bad("tensor %q: %d dims, at most %d", name, nd, commit.MaxDims)
		}
		if err := d.read(small[:4*nd]); err != nil {
			return nil, d.fail(err, fmt.Sprintf("tensor %q: shape", name))
		}
		shape := make([]int, nd)
		for j := range shape {
			shape[j] = int(binary.BigEndian.Uint32(small[4*j:]))
		}
		numel, err := commit.NumElements(shape)
		if err != nil {
			return nil, bad("tensor %q: %v", name, err)
		}
		if need := d.n + 4*int64(numel) + 32; need > maxSize {
			return nil, bad("tensor %q: shape %v needs %d bytes, the file has at most %d left", name, shape, 4*numel, maxSize-d.n-32)
		}
		data := make([]float32, numel)
		if err := d.floats(data); err != nil {
			return nil, d.fail(err, fmt.Sprintf("tensor %q: data", name))
		}
		c.Names = append(c.Names, string(name))
		c.State = append(c.State, repops.Tensor{Shape: shape, Data: data})
	}
	var sum commit.Hash
	got := d.d.Sum(nil)
	if err := d.read(sum[:]); err != nil {
		return nil, d.fail(err, "checksum")
	}
	if string(got) != string(sum[:]) {
		return nil, bad("checksum mismatch (file truncated or corrupt)")
	}
	// Nothing may follow the checksum. (A blob stream gives its own verdict
	// with its last bytes, so it has been heard by now.)
	switch k, err := io.ReadFull(r, small[:1]); {
	case k != 0:
		return nil, bad("trailing data after the checksum")
	case err != io.EOF:
		return nil, d.fail(err, "the end")
	}
	root, err := stateRoot(c.Step, c.State)
	if err != nil {
		return nil, bad("%v", err)
	}
	if root != c.StateRoot {
		return nil, bad("state root in the header %s, tensors give %s", c.StateRoot, root)
	}
	return c, nil
}

// ckptDecoder reads and hashes a checkpoint stream, counting its bytes.
type ckptDecoder struct {
	r   io.Reader
	d   hash.Hash
	n   int64
	buf []byte
}

// read fills p from the stream and hashes it.
func (d *ckptDecoder) read(p []byte) error {
	k, err := io.ReadFull(d.r, p)
	d.n += int64(k)
	d.d.Write(p[:k])
	return err
}

// floats reads len(out) big-endian float32 values, one chunk at a time.
func (d *ckptDecoder) floats(out []float32) error {
	if d.buf == nil {
		d.buf = make([]byte, ckptChunk)
	}
	for len(out) > 0 {
		k := min(len(out), ckptChunk/4)
		p := d.buf[:4*k]
		if err := d.read(p); err != nil {
			return err
		}
		for j := range out[:k] {
			out[j] = math.Float32frombits(binary.BigEndian.Uint32(p[4*j:]))
		}
		out = out[k:]
	}
	return nil
}

// fail turns a read error at what into a decoding error: the stream ending
// is truncation; any other error (a blob stream's verdict, a broken
// connection) is wrapped as it is.
func (d *ckptDecoder) fail(err error, what string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: truncated at %s after %d bytes", ErrCheckpoint, what, d.n)
	}
	return fmt.Errorf("%w: reading %s after %d bytes: %w", ErrCheckpoint, what, d.n, err)
}

// stateRoot is commit.StateRootOf over repops tensors.
func stateRoot(step uint64, state []repops.Tensor) (commit.Hash, error) {
	stateRoots.Add(1)
	ts := make([]commit.Tensor, len(state))
	for i, t := range state {
		ts[i] = commit.Tensor(t)
	}
	return commit.StateRootOf(step, ts)
}

// CheckpointFile returns the file name of the checkpoint at step within a
// checkpoint directory.
func CheckpointFile(dir string, step uint64) string {
	return filepath.Join(dir, fmt.Sprintf("checkpoint-%010d.gck", step))
}

// WriteCheckpoint writes the checkpoint to CheckpointFile(dir, c.Step)
// atomically: a temporary file in dir is written and fsynced, renamed over
// the final name, and the directory is fsynced.
func WriteCheckpoint(dir string, c *Checkpoint) (string, error) {
	if _, err := c.size(); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	final := CheckpointFile(dir, c.Step)
	f, err := os.CreateTemp(dir, ".checkpoint-*.tmp")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	cleanup := func(err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", err
	}
	if _, err := c.WriteTo(f); err != nil {
		return cleanup(err)
	}
	if err := f.Sync(); err != nil {
		return cleanup(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // best effort: not every platform can fsync a directory
		d.Close()
	}
	return final, nil
}

// ReadCheckpoint reads and decodes a checkpoint file as it streams
// (DecodeCheckpointFrom); errors name the file.
func ReadCheckpoint(path string) (*Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	c, err := DecodeCheckpointFrom(bufio.NewReaderSize(f, ckptChunk), fi.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}
