package export

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const (
	examplePath = "../../examples/digits-mlp.json"
	digitsPath  = "../../data/digits.csv.gz"
)

// trained returns the example spec and a real checkpoint of it after a few
// training steps (the spec may be altered by edit first).
func trained(t *testing.T, steps int, edit func(*spec.Spec)) (*spec.Spec, *trainer.Checkpoint) {
	t.Helper()
	s, err := spec.Load(examplePath)
	require.NoError(t, err)
	if edit != nil {
		edit(s)
	}
	d, err := dataset.Load(digitsPath, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, d, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.InitialState()
	require.NoError(t, err)
	for i := 0; i < steps; i++ {
		st, _, err = tr.Step(st)
		require.NoError(t, err)
	}
	c, err := tr.Checkpoint(st)
	require.NoError(t, err)
	// Through the file format, as the CLI reads it.
	b, err := c.Encode()
	require.NoError(t, err)
	c, err = trainer.DecodeCheckpoint(b)
	require.NoError(t, err)
	return s, c
}

// indepTensor and indepRead are a reader written from the safetensors
// format's specification alone, sharing no code with package safetensors:
// u64 little-endian header size N, N bytes of JSON {name: {dtype, shape,
// data_offsets}, "__metadata__": {...}}, then the byte buffer.
type indepTensor struct {
	dtype  string
	shape  []int
	values []float32
}

func indepRead(t *testing.T, b []byte) (map[string]indepTensor, map[string]string) {
	t.Helper()
	require.GreaterOrEqual(t, len(b), 8)
	n := binary.LittleEndian.Uint64(b[:8])
	require.LessOrEqual(t, 8+n, uint64(len(b)))
	require.Zero(t, (8+n)%8, "data section starts 8-byte aligned")
	hdr := b[8 : 8+n]
	require.Equal(t, byte('{'), hdr[0])
	buf := b[8+n:]
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(hdr, &raw))
	var meta map[string]string
	out := map[string]indepTensor{}
	var ranges [][2]int
	for name, v := range raw {
		if name == "__metadata__" {
			require.NoError(t, json.Unmarshal(v, &meta))
			continue
		}
		var e struct {
			Dtype   string `json:"dtype"`
			Shape   []int  `json:"shape"`
			Offsets []int  `json:"data_offsets"`
		}
		require.NoError(t, json.Unmarshal(v, &e))
		require.Equal(t, "F32", e.Dtype, name)
		require.Len(t, e.Offsets, 2, name)
		numel := 1
		for _, d := range e.Shape {
			numel *= d
		}
		require.Equal(t, 4*numel, e.Offsets[1]-e.Offsets[0], name)
		ranges = append(ranges, [2]int{e.Offsets[0], e.Offsets[1]})
		vals := make([]float32, numel)
		for i := range vals {
			vals[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[e.Offsets[0]+4*i:]))
		}
		out[name] = indepTensor{e.Dtype, e.Shape, vals}
	}
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	end := 0
	for _, r := range ranges {
		require.Equal(t, end, r[0], "contiguous offsets")
		end = r[1]
	}
	require.Equal(t, len(buf), end, "the buffer is exactly the tensors")
	return out, meta
}

// requireBits compares float32 values bit for bit.
func requireBits(t *testing.T, want, got []float32, name string) {
	t.Helper()
	require.Equal(t, len(want), len(got), name)
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			t.Fatalf("%s[%d]: got %08x, want %08x", name, i, math.Float32bits(got[i]), math.Float32bits(want[i]))
		}
	}
}

// at returns W[i][j] of a row-major [m, n] RepOps tensor.
func at(w repops.Tensor, i, j int) float32 { return w.Data[i*w.Shape[1]+j] }

// TestExportMLPReadBackIndependently exports a trained checkpoint of the
// example job with its Adam state, reads it back with indepRead, and
// compares every tensor bit for bit with the checkpoint: weight k.weight[o][i]
// is RepOps W[i][o] (the documented transpose), biases and moments as they are.
func TestExportMLPReadBackIndependently(t *testing.T) {
	s, c := trained(t, 3, nil)
	var b bytes.Buffer
	require.NoError(t, Write(&b, s, c, Options{OptimizerState: true}))
	got, meta := indepRead(t, b.Bytes())

	require.Equal(t, map[string]string{
		"format": "pt", "spec_hash": c.SpecHash.String(), "state_root": c.StateRoot.String(), "step": "3",
		"module":    "Sequential(Linear(64, 32), ReLU(), Linear(32, 10))",
		"layout":    "Linear weights [out_features, in_features] (RepOps [in, out], transposed)",
		"optimizer": "adam",
	}, meta)
	state := map[string]repops.Tensor{}
	for i, n := range c.Names {
		state[n] = c.State[i]
	}
	want := map[string]struct {
		repops string
		shape  []int
	}{
		"0.weight": {"W1", []int{32, 64}}, "0.bias": {"b1", []int{32}},
		"2.weight": {"W2", []int{10, 32}}, "2.bias": {"b2", []int{10}},
	}
	for torch, w := range want {
		for prefix, moment := range map[string]string{"": "", "m": ".exp_avg", "v": ".exp_avg_sq"} {
			name := torch + moment
			if prefix != "" {
				name = "optimizer." + name
			}
			tt, ok := got[name]
			require.True(t, ok, "missing %s", name)
			require.Equal(t, w.shape, tt.shape, name)
			src := state[prefix+w.repops]
			if strings.HasSuffix(torch, ".weight") {
				out, in := w.shape[0], w.shape[1]
				for o := 0; o < out; o++ {
					for i := 0; i < in; i++ {
						if math.Float32bits(tt.values[o*in+i]) != math.Float32bits(at(src, i, o)) {
							t.Fatalf("%s[%d][%d] is not %s[%d][%d]", name, o, i, prefix+w.repops, i, o)
						}
					}
				}
			} else {
				requireBits(t, src.Data, tt.values, name)
			}
		}
	}
	requireBits(t, state["b1t"].Data, got["optimizer.beta1_power"].values, "beta1_power")
	requireBits(t, state["b2t"].Data, got["optimizer.beta2_power"].values, "beta2_power")
	require.Len(t, got, 4*3+2)
	// Training moved the weights away from their initialization.
	require.NotZero(t, got["optimizer.0.weight.exp_avg_sq"].values[0]+got["optimizer.2.bias.exp_avg"].values[0])

	// The package's own reader (what a fine-tuning job loads weights with)
	// agrees with the independent one.
	f, err := safetensors.Decode(b.Bytes())
	require.NoError(t, err)
	require.Equal(t, meta, f.Metadata)
	require.Len(t, f.Tensors, len(got))
	for _, tt := range f.Tensors {
		v, err := tt.F32()
		require.NoError(t, err)
		requireBits(t, got[tt.Name].values, v, tt.Name)
		require.Equal(t, got[tt.Name].shape, tt.Shape, tt.Name)
	}

	// Without --optimizer-state: the four parameters only.
	b.Reset()
	require.NoError(t, Write(&b, s, c, Options{}))
	got, meta = indepRead(t, b.Bytes())
	require.Len(t, got, 4)
	require.NotContains(t, meta, "optimizer")
}

// TestExportSGDMomentum: an SGD job exports its velocity as PyTorch's
// momentum_buffer (same definition: buf = momentum·buf + grad).
func TestExportSGDMomentum(t *testing.T) {
	s, c := trained(t, 2, func(s *spec.Spec) {
		s.Optimizer = spec.Optimizer{Name: spec.OptimizerSGD, LR: 0.05, Momentum: 0.9}
	})
	var b bytes.Buffer
	require.NoError(t, Write(&b, s, c, Options{OptimizerState: true}))
	got, _ := indepRead(t, b.Bytes())
	require.Len(t, got, 8)
	requireBits(t, c.State[5].Data, got["optimizer.0.bias.momentum_buffer"].values, "vb1")
	require.Equal(t, "vb1", c.Names[5])
}

func TestCheckNamesTheField(t *testing.T) {
	s, c := trained(t, 1, nil)
	other, err := spec.Load(examplePath)
	require.NoError(t, err)
	other.Seed = 2
	require.ErrorContains(t, Check(other, c), "checkpoint is for spec "+c.SpecHash.String())

	// A checkpoint whose tensors do not fit the spec's layers. The spec
	// hash check comes first, so give it this spec's hash.
	bad := *c
	bad.State = append([]repops.Tensor(nil), c.State...)
	bad.State[2] = repops.Tensor{Shape: []int{32, 9}, Data: make([]float32, 32*9)}
	require.EqualError(t, Check(s, &bad), "export: checkpoint tensor \"W2\" has shape [32 9], model.layers gives [32 10]")
	bad.State = c.State[:5]
	bad.Names = c.Names[:5]
	require.EqualError(t, Check(s, &bad), `export: checkpoint has 5 tensors, model.layers [64 32 10] with optimizer.name "adam" has 15`)
	bad = *c
	bad.Names = append([]string{"X1"}, c.Names[1:]...)
	require.EqualError(t, Check(s, &bad), `export: checkpoint tensor 0 is "X1", the spec's state has "W1"`)
	bad = *c
	bad.Step = 2
	require.EqualError(t, Check(s, &bad), "export: checkpoint step 2, its step counter holds 1")
	bad.Step = 1001
	require.EqualError(t, Check(s, &bad), "export: checkpoint step 1001 is past the spec's steps (1000)")
}

func TestWriteFileAtomic(t *testing.T) {
	s, c := trained(t, 1, nil)
	dir := t.TempDir()
	path := filepath.Join(dir, "model.safetensors")
	size, err := WriteFile(path, s, c, Options{})
	require.NoError(t, err)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, size, fi.Size())

	// A failing export leaves the old file as it was and no temporary.
	old, err := os.ReadFile(path)
	require.NoError(t, err)
	bad := *c
	bad.Step = 7
	_, err = WriteFile(path, s, &bad, Options{})
	require.Error(t, err)
	now, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, old, now)
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, ents, 1, fmt.Sprint(ents))
	// A rename that fails (the target is a non-empty directory) leaves no
	// temporary file behind.
	target := filepath.Join(dir, "sub")
	require.NoError(t, os.MkdirAll(filepath.Join(target, "x"), 0o755))
	_, err = WriteFile(target, s, c, Options{})
	require.Error(t, err)
	ents, err = os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, ents, 2, fmt.Sprint(ents))
	// Into a missing directory: an error, nothing written.
	_, err = WriteFile(filepath.Join(dir, "no", "m.safetensors"), s, c, Options{})
	require.Error(t, err)
}

// TestExportGolden pins the export of the example job's checkpoint at step
// 100 (whose state root the trainer's golden tests pin): the same
// checkpoint always exports to the same bytes.
func TestExportGolden(t *testing.T) {
	s, c := trained(t, 100, nil)
	require.Equal(t, "0x6061f2a4030deab3185f4191f259c1fa33fba9470ebdd89b4fd59b161a676590", c.StateRoot.String())
	var b bytes.Buffer
	require.NoError(t, Write(&b, s, c, Options{}))
	require.Equal(t, 10272, b.Len())
	require.Equal(t, "0x12d5245e649fb69bfc4cabe804a6b5786a3f8cf4e48aecd03f8600f53ee65bed", commit.Keccak256(b.Bytes()).String())
}
