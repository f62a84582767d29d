package export

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/lm"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

func exportBytes(t testing.TB, s *spec.Spec, c *trainer.Checkpoint, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, s, c, opts))
	return b.Bytes()
}

// requireFreshState: st holds c's parameters bit for bit and a fresh
// optimizer (moments +0, b1t = b2t = 1, step 0), in the spec's layout.
func requireFreshState(t *testing.T, s *spec.Spec, c *trainer.Checkpoint, st []repops.Tensor) {
	t.Helper()
	names, shapes, err := StateLayout(s)
	require.NoError(t, err)
	require.Len(t, st, len(names))
	ps, err := Params(s)
	require.NoError(t, err)
	for i := range st {
		require.Equal(t, shapes[i], st[i].Shape, names[i])
		switch {
		case i < len(ps):
			requireBits(t, c.State[i].Data, st[i].Data, names[i])
		case names[i] == "b1t" || names[i] == "b2t":
			require.Equal(t, []float32{1}, st[i].Data, names[i])
		default:
			for _, v := range st[i].Data {
				require.Equal(t, uint32(0), math.Float32bits(v), names[i])
			}
		}
	}
}

// TestLoadInitialStateRoundTrip: export -> load gives the checkpoint's
// parameters bit for bit (through both transposes) and a fresh optimizer,
// for the MLP (Adam and SGD) and the transformer (tied and untied); the
// export of a step-0 checkpoint loads back to exactly the seeded initial
// state; a spec naming the file's hash accepts it, another hash not.
func TestLoadInitialStateRoundTrip(t *testing.T) {
	type job struct {
		name string
		s    *spec.Spec
		c    *trainer.Checkpoint
	}
	var jobs []job
	s, c := trained(t, 3, nil)
	jobs = append(jobs, job{"mlp adam", s, c})
	s, c = trained(t, 2, func(s *spec.Spec) {
		s.Optimizer = spec.Optimizer{Name: spec.OptimizerSGD, LR: 0.05, Momentum: 0.9}
	})
	jobs = append(jobs, job{"mlp sgd", s, c})
	for _, tied := range []bool{true, false} {
		s := tinyLMSpec(t, tied)
		jobs = append(jobs, job{"transformer", s, lmCheckpoint(t, s, 3)})
	}
	for _, j := range jobs {
		b := exportBytes(t, j.s, j.c, Options{})
		st, err := LoadInitialState(j.s, bytes.NewReader(b))
		require.NoError(t, err, j.name)
		requireFreshState(t, j.s, j.c, st)

		// A spec naming the file by its hash (the fine-tuning job's).
		ft := *j.s
		ft.Init = &spec.Init{Weights: commit.Keccak256(b)}
		st2, err := LoadInitialState(&ft, bytes.NewReader(b))
		require.NoError(t, err)
		require.Equal(t, st, st2)
		ft.Init = &spec.Init{Weights: commit.Keccak256([]byte("other"))}
		_, err = LoadInitialState(&ft, bytes.NewReader(b))
		require.EqualError(t, err, "init.weights: the file hashes to "+commit.Keccak256(b).String()+", the spec names "+ft.Init.Weights.String())
	}

	// Step 0: the export of the seeded init loads back to InitLMState.
	s = tinyLMSpec(t, false)
	cfg, err := lm.Config(s)
	require.NoError(t, err)
	init, err := repops.InitLMState(cfg)
	require.NoError(t, err)
	st, err := LoadInitialState(s, bytes.NewReader(exportBytes(t, s, lmCheckpoint(t, s, 0), Options{})))
	require.NoError(t, err)
	require.Equal(t, init, st)
	mlp, err := spec.Load(examplePath)
	require.NoError(t, err)
	minit, err := repops.InitState(trainer.Config(mlp))
	require.NoError(t, err)
	_, c0 := trained(t, 0, nil)
	st, err = LoadInitialState(mlp, bytes.NewReader(exportBytes(t, mlp, c0, Options{})))
	require.NoError(t, err)
	require.Equal(t, minit, st)

	// The loaded transformer state trains: one step runs.
	s = tinyLMSpec(t, true)
	st, err = LoadInitialState(s, bytes.NewReader(exportBytes(t, s, lmCheckpoint(t, s, 2), Options{})))
	require.NoError(t, err)
	cfg, _ = lm.Config(s)
	g, err := repops.BuildLMStep(cfg, 50)
	require.NoError(t, err)
	r, err := repops.NewLMRunner(g, nil)
	require.NoError(t, err)
	loss, err := r.Step(st, []repops.Tensor{repops.NewTensor(50)}, st)
	require.NoError(t, err)
	require.False(t, math.IsNaN(float64(loss)))
	require.Equal(t, uint32(1), repops.StepCounter(st[len(st)-1]))

	// From a file: errors name it.
	path := filepath.Join(t.TempDir(), "w.safetensors")
	require.NoError(t, os.WriteFile(path, []byte("junk"), 0o644))
	_, err = LoadInitialStateFile(s, path)
	require.ErrorContains(t, err, path+": init.weights: safetensors:")
}

// rewrite decodes an export, lets edit change its tensors, and encodes it.
func rewrite(t *testing.T, b []byte, edit func([]safetensors.Tensor) []safetensors.Tensor) []byte {
	t.Helper()
	f, err := safetensors.Decode(b)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, safetensors.Write(&out, edit(f.Tensors), f.Metadata))
	return out.Bytes()
}

func TestLoadInitialStateErrors(t *testing.T) {
	tied, untied := tinyLMSpec(t, true), tinyLMSpec(t, false)
	tb := exportBytes(t, tied, lmCheckpoint(t, tied, 1), Options{})
	ub := exportBytes(t, untied, lmCheckpoint(t, untied, 1), Options{})
	mlp, mc := trained(t, 1, nil)
	mb := exportBytes(t, mlp, mc, Options{})
	gpt := "GPT(vocab=256, context=8, width=16, heads=2, layers=2, mlp_width=32, norm=rmsnorm, norm_eps=1e-05, activation=silu, tied_embeddings="
	idx := func(ts []safetensors.Tensor, name string) int {
		i := slices.IndexFunc(ts, func(x safetensors.Tensor) bool { return x.Name == name })
		require.GreaterOrEqual(t, i, 0, name)
		return i
	}
	for _, c := range []struct {
		name string
		s    *spec.Spec
		b    []byte
		want string
	}{
		{"wrong shape", tied, rewrite(t, tb, func(ts []safetensors.Tensor) []safetensors.Tensor {
			ts[idx(ts, "transformer.h.0.attn.q_proj.weight")] = safetensors.FromF32("transformer.h.0.attn.q_proj.weight", []int{16, 8}, make([]float32, 128))
			return ts
		}), "init.weights: tensor transformer.h.0.attn.q_proj.weight: shape [16,8], the spec needs [16,16]"},
		{"untransposed", untied, rewrite(t, ub, func(ts []safetensors.Tensor) []safetensors.Tensor {
			ts[idx(ts, "lm_head.weight")] = safetensors.FromF32("lm_head.weight", []int{16, 256}, make([]float32, 16*256))
			return ts
		}), "init.weights: tensor lm_head.weight: shape [16,256], the spec needs [256,16]"},
		{"tied into untied", untied, tb, "init.weights: tensor lm_head.weight is missing (" + gpt + "false) has 20 parameter tensors, the file 19 tensors)"},
		{"untied into tied", tied, ub, "init.weights: tensor lm_head.weight: not a parameter of " + gpt + "true)"},
		{"mlp into transformer", tied, mb, "init.weights: tensor "},
		{"transformer into mlp", mlp, tb, "init.weights: tensor transformer."},
		{"optimizer state", tied, exportBytes(t, tied, lmCheckpoint(t, tied, 1), Options{OptimizerState: true}), "(optimizer state is not loaded: export without --optimizer-state)"},
		{"extra", mlp, rewrite(t, mb, func(ts []safetensors.Tensor) []safetensors.Tensor {
			return append(ts, safetensors.FromF32("4.weight", []int{1}, []float32{0}))
		}), "init.weights: tensor 4.weight: not a parameter of Sequential(Linear(64, 32), ReLU(), Linear(32, 10))"},
		{"missing", mlp, rewrite(t, mb, func(ts []safetensors.Tensor) []safetensors.Tensor { return ts[1:] }),
			"init.weights: tensor 0.weight is missing (Sequential(Linear(64, 32), ReLU(), Linear(32, 10)) has 4 parameter tensors, the file 3 tensors)"},
		{"dtype", mlp, rewrite(t, mb, func(ts []safetensors.Tensor) []safetensors.Tensor {
			ts[1] = safetensors.Tensor{Name: "0.bias", DType: "F16", Shape: []int{32}, Data: make([]byte, 64)}
			return ts
		}), "init.weights: tensor 0.bias: dtype F16, the spec needs F32"},
		{"nan", tied, rewrite(t, tb, func(ts []safetensors.Tensor) []safetensors.Tensor {
			i := idx(ts, "transformer.ln_f.weight")
			v, _ := ts[i].F32()
			v[5] = float32(math.NaN())
			ts[i] = safetensors.FromF32(ts[i].Name, ts[i].Shape, v)
			return ts
		}), "init.weights: tensor transformer.ln_f.weight: element 5 is NaN (initial weights must be finite)"},
		{"not safetensors", tied, []byte("hello, world"), "init.weights: safetensors: "},
		{"truncated", tied, tb[:len(tb)-4], "init.weights: safetensors: "},
		{"too large", mlp, append(append([]byte(nil), mb...), make([]byte, 17<<20)...), "init.weights: the file is larger than 16786864 bytes, the most the spec's 2410 parameters can take"},
	} {
		_, err := LoadInitialState(c.s, bytes.NewReader(c.b))
		require.Error(t, err, c.name)
		require.Contains(t, err.Error(), c.want, c.name)
		require.True(t, strings.HasPrefix(err.Error(), "init.weights: "), c.name)
	}
	// A format error wraps safetensors.ErrFormat.
	_, err := LoadInitialState(tied, bytes.NewReader([]byte("x")))
	require.True(t, errors.Is(err, safetensors.ErrFormat), "%v", err)
}

// FuzzLoadInitialState: any input gives a state in the spec's layout whose
// parameters are the file's tensors through the transposes and whose
// optimizer is fresh, or an "init.weights: " error; never a panic; read a
// byte at a time, the same state or the same error.
func FuzzLoadInitialState(f *testing.F) {
	specs := []*spec.Spec{tinyLMSpec(f, true), tinyLMSpec(f, false)}
	mlpB, err := os.ReadFile(examplePath)
	require.NoError(f, err)
	small, err := spec.Parse([]byte(strings.Replace(string(mlpB), `"layers": [64, 32, 10]`, `"layers": [64, 3, 10]`, 1)))
	require.NoError(f, err)
	specs = append(specs, small)
	for _, s := range specs {
		var c *trainer.Checkpoint
		if s.Model.IsTransformer() {
			c = lmCheckpoint(f, s, 0)
		} else {
			st, err := repops.InitState(trainer.Config(s))
			require.NoError(f, err)
			names, _, _ := StateLayout(s)
			h, _ := s.Hash()
			ts := make([]commit.Tensor, len(st))
			for i, x := range st {
				ts[i] = commit.Tensor(x)
			}
			root, _ := commit.StateRootOf(0, ts)
			c = &trainer.Checkpoint{SpecHash: h, StateRoot: root, Names: names, State: st}
		}
		b := exportBytes(f, s, c, Options{})
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(exportBytes(f, s, c, Options{OptimizerState: true}))
	}
	f.Add([]byte{})
	f.Add([]byte("\x02\x00\x00\x00\x00\x00\x00\x00{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, s := range specs {
			st, err := LoadInitialState(s, bytes.NewReader(b))
			// A byte at a time: the same state or the same error.
			st1, err1 := LoadInitialState(s, iotest.OneByteReader(bytes.NewReader(b)))
			if err != nil {
				require.EqualError(t, err1, err.Error())
			} else {
				require.NoError(t, err1)
				require.Equal(t, st, st1)
			}
			if err != nil {
				require.True(t, strings.HasPrefix(err.Error(), "init.weights: "), err.Error())
				continue
			}
			file, err := safetensors.Decode(b)
			require.NoError(t, err)
			ps, err := Params(s)
			require.NoError(t, err)
			require.Len(t, file.Tensors, len(ps))
			c := &trainer.Checkpoint{State: st}
			// Re-export the loaded parameters: the same values as the file's.
			for _, p := range ps {
				tt := file.Tensor(p.Torch)
				require.NotNil(t, tt, p.Torch)
				v, err := tt.F32()
				require.NoError(t, err)
				var want []float32
				if p.Transpose {
					_, want = transpose(c.State[p.State])
				} else {
					want = c.State[p.State].Data
				}
				requireBits(t, v, want, p.Torch)
			}
			names, shapes, _ := StateLayout(s)
			for i := len(ps); i < len(st); i++ {
				require.Equal(t, shapes[i], st[i].Shape)
				if names[i] == "b1t" || names[i] == "b2t" {
					require.Equal(t, float32(1), st[i].Data[0])
				} else {
					for _, v := range st[i].Data {
						require.Zero(t, math.Float32bits(v))
					}
				}
			}
		}
	})
}
