package trainer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

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

// Encode returns the checkpoint file bytes.
func (c *Checkpoint) Encode() ([]byte, error) {
	if len(c.Names) != len(c.State) || len(c.State) > MaxCheckpointTensors {
		return nil, fmt.Errorf("trainer: checkpoint has %d names for %d tensors", len(c.Names), len(c.State))
	}
	size := ckptHeaderLen + 32
	for i, t := range c.State {
		n, err := commit.NumElements(t.Shape)
		if err != nil || n != len(t.Data) {
			return nil, fmt.Errorf("trainer: checkpoint tensor %q: shape %v does not match %d values", c.Names[i], t.Shape, len(t.Data))
		}
		if len(c.Names[i]) > maxNameLen {
			return nil, fmt.Errorf("trainer: checkpoint tensor name %q too long", c.Names[i])
		}
		size += 1 + len(c.Names[i]) + 1 + 4*len(t.Shape) + 4*n
	}
	b := make([]byte, 0, size)
	b = append(b, CheckpointMagic...)
	b = binary.BigEndian.AppendUint32(b, CheckpointVersion)
	b = append(b, c.SpecHash[:]...)
	b = binary.BigEndian.AppendUint64(b, c.Step)
	b = append(b, c.StateRoot[:]...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(c.State)))
	for i, t := range c.State {
		b = append(b, byte(len(c.Names[i])))
		b = append(b, c.Names[i]...)
		b = append(b, byte(len(t.Shape)))
		for _, d := range t.Shape {
			b = binary.BigEndian.AppendUint32(b, uint32(d))
		}
		for _, f := range t.Data {
			b = binary.BigEndian.AppendUint32(b, math.Float32bits(f))
		}
	}
	sum := commit.Keccak256(b)
	return append(b, sum[:]...), nil
}

// DecodeCheckpoint parses checkpoint file bytes. It checks the structure
// and the checksum, and that the state root in the header is the root of
// the tensors it holds; it does not check them against a spec (see
// Trainer.LoadCheckpoint).
func DecodeCheckpoint(b []byte) (*Checkpoint, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrCheckpoint, fmt.Sprintf(format, a...))
	}
	if len(b) < ckptHeaderLen+32 {
		return nil, bad("truncated: %d bytes, a checkpoint has at least %d", len(b), ckptHeaderLen+32)
	}
	if string(b[:8]) != CheckpointMagic {
		return nil, bad("not a checkpoint file (magic %q)", b[:8])
	}
	if v := binary.BigEndian.Uint32(b[8:]); v != CheckpointVersion {
		return nil, bad("version %d, this build reads %d", v, CheckpointVersion)
	}
	body, sum := b[:len(b)-32], b[len(b)-32:]
	if got := commit.Keccak256(body); string(got[:]) != string(sum) {
		return nil, bad("checksum mismatch (file truncated or corrupt)")
	}
	c := &Checkpoint{}
	copy(c.SpecHash[:], b[12:44])
	c.Step = binary.BigEndian.Uint64(b[44:])
	copy(c.StateRoot[:], b[52:84])
	n := binary.BigEndian.Uint32(b[84:])
	if n > MaxCheckpointTensors {
		return nil, bad("%d tensors, at most %d", n, MaxCheckpointTensors)
	}
	p := body[ckptHeaderLen:]
	for i := 0; i < int(n); i++ {
		if len(p) < 1 {
			return nil, bad("tensor %d: truncated", i)
		}
		nl := int(p[0])
		if len(p) < 1+nl+1 {
			return nil, bad("tensor %d: truncated name", i)
		}
		name := string(p[1 : 1+nl])
		nd := int(p[1+nl])
		p = p[2+nl:]
		if nd > commit.MaxDims {
			return nil, bad("tensor %q: %d dims, at most %d", name, nd, commit.MaxDims)
		}
		if len(p) < 4*nd {
			return nil, bad("tensor %q: truncated shape", name)
		}
		shape := make([]int, nd)
		for j := range shape {
			shape[j] = int(binary.BigEndian.Uint32(p[4*j:]))
		}
		p = p[4*nd:]
		numel, err := commit.NumElements(shape)
		if err != nil {
			return nil, bad("tensor %q: %v", name, err)
		}
		if uint64(len(p)) < 4*uint64(numel) {
			return nil, bad("tensor %q: shape %v needs %d bytes, %d left", name, shape, 4*numel, len(p))
		}
		data := make([]float32, numel)
		for j := range data {
			data[j] = math.Float32frombits(binary.BigEndian.Uint32(p[4*j:]))
		}
		p = p[4*numel:]
		c.Names = append(c.Names, name)
		c.State = append(c.State, repops.Tensor{Shape: shape, Data: data})
	}
	if len(p) != 0 {
		return nil, bad("%d bytes of trailing data after the tensors", len(p))
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
	b, err := c.Encode()
	if err != nil {
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
	if _, err := f.Write(b); err != nil {
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

// ReadCheckpoint reads and decodes a checkpoint file; errors name the file.
func ReadCheckpoint(path string) (*Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := DecodeCheckpoint(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}
