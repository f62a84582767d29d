package export

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/lm"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const lmExamplePath = "../../examples/austen-transformer.json"

// tinyLMSpec is the example transformer made tiny (context 8, width 16, 2
// heads, 2 layers, MLP 32), tied or untied.
func tinyLMSpec(t testing.TB, tied bool) *spec.Spec {
	t.Helper()
	b, err := os.ReadFile(lmExamplePath)
	require.NoError(t, err)
	js := string(b)
	for _, r := range [][2]string{
		{`"context": 64`, `"context": 8`}, {`"width": 128`, `"width": 16`}, {`"heads": 4`, `"heads": 2`},
		{`"layers": 5`, `"layers": 2`}, {`"mlp_width": 512`, `"mlp_width": 32`},
		{`"tied_embeddings": true`, fmt.Sprintf(`"tied_embeddings": %v`, tied)},
	} {
		require.Contains(t, js, r[0])
		js = strings.Replace(js, r[0], r[1], 1)
	}
	s, err := spec.Parse([]byte(js))
	require.NoError(t, err)
	return s
}

// lmCheckpoint returns a checkpoint of the tiny transformer after `steps`
// training steps of repops.BuildLMStep on a pseudo-random token stream
// (the trainer's own transformer path is tested in node/trainer), read
// back through the checkpoint file format.
func lmCheckpoint(t testing.TB, s *spec.Spec, steps int) *trainer.Checkpoint {
	t.Helper()
	cfg, err := lm.Config(s)
	require.NoError(t, err)
	names, _, err := repops.LMStateShapes(cfg)
	require.NoError(t, err)
	st, err := repops.InitLMState(cfg)
	require.NoError(t, err)
	if steps > 0 {
		tok := repops.NewTensor(300)
		for i := range tok.Data {
			tok.Data[i] = float32(repops.RandomWord(5, 9, 0, uint32(i)) % 256)
		}
		g, err := repops.BuildLMStep(cfg, 300)
		require.NoError(t, err)
		r, err := repops.NewLMRunner(g, nil)
		require.NoError(t, err)
		for i := 0; i < steps; i++ {
			_, err := r.Step(st, []repops.Tensor{tok}, st)
			require.NoError(t, err)
		}
	}
	h, err := s.Hash()
	require.NoError(t, err)
	ts := make([]commit.Tensor, len(st))
	for i, x := range st {
		ts[i] = commit.Tensor(x)
	}
	root, err := commit.StateRootOf(uint64(steps), ts)
	require.NoError(t, err)
	c := &trainer.Checkpoint{SpecHash: h, Step: uint64(steps), StateRoot: root, Names: names, State: st}
	b, err := c.Encode()
	require.NoError(t, err)
	c, err = trainer.DecodeCheckpoint(b)
	require.NoError(t, err)
	return c
}

// lmExpected is the name mapping of docs/export.md §2.2, written out here
// independently of the package: PyTorch name -> RepOps name, transposed.
func lmExpected(layers int, tied bool) map[string]struct {
	repops    string
	transpose bool
} {
	type e = struct {
		repops    string
		transpose bool
	}
	m := map[string]e{
		"transformer.wte.weight":  {"tok_emb", false},
		"transformer.wpe.weight":  {"pos_emb", false},
		"transformer.ln_f.weight": {"norm_f", false},
	}
	for l := 1; l <= layers; l++ {
		h := fmt.Sprintf("transformer.h.%d.", l-1)
		r := fmt.Sprintf("l%d.", l)
		m[h+"ln_1.weight"] = e{r + "norm1", false}
		m[h+"attn.q_proj.weight"] = e{r + "wq", true}
		m[h+"attn.k_proj.weight"] = e{r + "wk", true}
		m[h+"attn.v_proj.weight"] = e{r + "wv", true}
		m[h+"attn.out_proj.weight"] = e{r + "wo", true}
		m[h+"ln_2.weight"] = e{r + "norm2", false}
		m[h+"mlp.fc_in.weight"] = e{r + "w1", true}
		m[h+"mlp.fc_out.weight"] = e{r + "w2", true}
	}
	if !tied {
		m["lm_head.weight"] = e{"lm_head", true}
	}
	return m
}

// TestExportTransformerReadBackIndependently exports a trained tiny
// transformer (tied and untied) with its AdamW state, reads it back with
// the test's independent reader, and compares every tensor bit for bit
// with the checkpoint through the documented names and transposes.
func TestExportTransformerReadBackIndependently(t *testing.T) {
	for _, tied := range []bool{true, false} {
		s := tinyLMSpec(t, tied)
		c := lmCheckpoint(t, s, 3)
		var b bytes.Buffer
		require.NoError(t, Write(&b, s, c, Options{OptimizerState: true}))
		got, meta := indepRead(t, b.Bytes())
		require.Equal(t, map[string]string{
			"format": "pt", "spec_hash": c.SpecHash.String(), "state_root": c.StateRoot.String(), "step": "3",
			"module":    fmt.Sprintf("GPT(vocab=256, context=8, width=16, heads=2, layers=2, mlp_width=32, norm=rmsnorm, norm_eps=1e-05, activation=silu, tied_embeddings=%v)", tied),
			"layout":    "Linear weights [out_features, in_features] (RepOps [in, out], transposed); embeddings [num_embeddings, width] and norm gains as stored",
			"optimizer": "adamw",
			"kind":      "transformer", "vocab": "256", "context": "8", "width": "16", "heads": "2", "layers": "2",
			"mlp_width": "32", "norm": "rmsnorm", "norm_eps": "1e-05", "activation": "silu", "tied_embeddings": fmt.Sprint(tied),
		}, meta)
		state := map[string]repops.Tensor{}
		for i, n := range c.Names {
			state[n] = c.State[i]
		}
		want := lmExpected(2, tied)
		require.Len(t, got, 3*len(want)+2)
		for torch, w := range want {
			for prefix, suffix := range map[string]string{"": "", "m.": ".exp_avg", "v.": ".exp_avg_sq"} {
				name := torch
				if prefix != "" {
					name = "optimizer." + torch + suffix
				}
				tt, ok := got[name]
				require.True(t, ok, "missing %s", name)
				src := state[prefix+w.repops]
				require.NotEmpty(t, src.Data, prefix+w.repops)
				if !w.transpose {
					require.Equal(t, src.Shape, tt.shape, name)
					requireBits(t, src.Data, tt.values, name)
					continue
				}
				in, out := src.Shape[0], src.Shape[1]
				require.Equal(t, []int{out, in}, tt.shape, name)
				for o := 0; o < out; o++ {
					for i := 0; i < in; i++ {
						if math.Float32bits(tt.values[o*in+i]) != math.Float32bits(at(src, i, o)) {
							t.Fatalf("%s[%d][%d] is not %s[%d][%d]", name, o, i, prefix+w.repops, i, o)
						}
					}
				}
			}
		}
		requireBits(t, state["b1t"].Data, got["optimizer.beta1_power"].values, "beta1_power")
		requireBits(t, state["b2t"].Data, got["optimizer.beta2_power"].values, "beta2_power")
		require.NotZero(t, got["optimizer.transformer.h.1.mlp.fc_out.weight.exp_avg_sq"].values[0])

		// The package's reader agrees with the independent one.
		f, err := safetensors.Decode(b.Bytes())
		require.NoError(t, err)
		require.Equal(t, meta, f.Metadata)
		for _, tt := range f.Tensors {
			v, err := tt.F32()
			require.NoError(t, err)
			requireBits(t, got[tt.Name].values, v, tt.Name)
		}
		// Parameters only: module order (state order) in the data section.
		b.Reset()
		require.NoError(t, Write(&b, s, c, Options{}))
		got, _ = indepRead(t, b.Bytes())
		require.Len(t, got, len(want))
		f, err = safetensors.Decode(b.Bytes())
		require.NoError(t, err)
		require.Equal(t, "transformer.wte.weight", f.Tensors[0].Name)
		require.Equal(t, "transformer.h.0.ln_1.weight", f.Tensors[2].Name)
	}
}

func TestCheckTransformerNamesTheField(t *testing.T) {
	s := tinyLMSpec(t, true)
	c := lmCheckpoint(t, s, 1)
	require.NoError(t, Check(s, c))
	bad := *c
	bad.State = append([]repops.Tensor(nil), c.State...)
	bad.State[3] = repops.NewTensor(16, 8)
	require.EqualError(t, Check(s, &bad), `export: checkpoint tensor "l1.wq" has shape [16 8], model.width gives [16 16]`)
	bad.State[3] = c.State[3]
	bad.State[0] = repops.NewTensor(255, 16)
	require.EqualError(t, Check(s, &bad), `export: checkpoint tensor "tok_emb" has shape [255 16], model.vocab x model.width gives [256 16]`)
	bad.State[0] = c.State[0]
	bad.State[2*19+8] = repops.NewTensor(16, 31) // v.l1.w1
	require.EqualError(t, Check(s, &bad), `export: checkpoint tensor "v.l1.w1" has shape [16 31], model.width x model.mlp_width gives [16 32]`)
	bad.State, bad.Names = c.State[:5], c.Names[:5]
	require.EqualError(t, Check(s, &bad), "export: checkpoint has 5 tensors, model.layers 2 with model.tied_embeddings true has 60")
	// An untied spec's checkpoint against the tied spec: another hash.
	u := tinyLMSpec(t, false)
	require.ErrorContains(t, Check(s, lmCheckpoint(t, u, 0)), "export: checkpoint is for spec ")
}

// torchForward is the module of docs/export.md §2.2 evaluated in float64
// on an export's tensors as PyTorch reads them (nn.Linear: y = x Wᵀ with W
// [out, in]; nn.Embedding rows; nn.RMSNorm; causal scaled dot-product
// attention over heads of contiguous columns; SiLU MLP; lm_head = wte when
// tied). It returns the logits at the last of the tokens (at most
// context of them, at positions 0..n-1).
func torchForward(tm map[string]indepTensor, meta map[string]string, tokens []int) []float64 {
	atoi := func(k string) int { v, _ := strconv.Atoi(meta[k]); return v }
	d, H, L, V := atoi("width"), atoi("heads"), atoi("layers"), atoi("vocab")
	eps, _ := strconv.ParseFloat(meta["norm_eps"], 32)
	n, dh := len(tokens), d/H
	w := func(name string) indepTensor {
		t, ok := tm[name]
		if !ok {
			panic("missing " + name)
		}
		return t
	}
	linear := func(x [][]float64, name string) [][]float64 {
		W := w(name)
		out, in := W.shape[0], W.shape[1]
		y := make([][]float64, len(x))
		for r := range x {
			y[r] = make([]float64, out)
			for o := 0; o < out; o++ {
				for i := 0; i < in; i++ {
					y[r][o] += x[r][i] * float64(W.values[o*in+i])
				}
			}
		}
		return y
	}
	rms := func(x [][]float64, name string) [][]float64 {
		g := w(name)
		y := make([][]float64, len(x))
		for r := range x {
			ms := 0.0
			for _, v := range x[r] {
				ms += v * v
			}
			inv := 1 / math.Sqrt(ms/float64(d)+eps)
			y[r] = make([]float64, d)
			for i := range y[r] {
				y[r][i] = x[r][i] * inv * float64(g.values[i])
			}
		}
		return y
	}
	addTo := func(x, y [][]float64) {
		for r := range x {
			for i := range x[r] {
				x[r][i] += y[r][i]
			}
		}
	}
	x := make([][]float64, n)
	for p, tok := range tokens {
		x[p] = make([]float64, d)
		for i := 0; i < d; i++ {
			x[p][i] = float64(w("transformer.wte.weight").values[tok*d+i]) + float64(w("transformer.wpe.weight").values[p*d+i])
		}
	}
	for l := 0; l < L; l++ {
		h := fmt.Sprintf("transformer.h.%d.", l)
		a := rms(x, h+"ln_1.weight")
		q, k, v := linear(a, h+"attn.q_proj.weight"), linear(a, h+"attn.k_proj.weight"), linear(a, h+"attn.v_proj.weight")
		y := make([][]float64, n)
		for i := range y {
			y[i] = make([]float64, d)
		}
		for hd := 0; hd < H; hd++ {
			for i := 0; i < n; i++ {
				s := make([]float64, i+1)
				mx, z := math.Inf(-1), 0.0
				for j := range s {
					for t := 0; t < dh; t++ {
						s[j] += q[i][hd*dh+t] * k[j][hd*dh+t]
					}
					s[j] /= math.Sqrt(float64(dh))
					mx = math.Max(mx, s[j])
				}
				for j := range s {
					s[j] = math.Exp(s[j] - mx)
					z += s[j]
				}
				for j := range s {
					for t := 0; t < dh; t++ {
						y[i][hd*dh+t] += s[j] / z * v[j][hd*dh+t]
					}
				}
			}
		}
		addTo(x, linear(y, h+"attn.out_proj.weight"))
		u := linear(rms(x, h+"ln_2.weight"), h+"mlp.fc_in.weight")
		for r := range u {
			for i := range u[r] {
				u[r][i] /= 1 + math.Exp(-u[r][i])
			}
		}
		addTo(x, linear(u, h+"mlp.fc_out.weight"))
	}
	head := "lm_head.weight"
	if meta["tied_embeddings"] == "true" {
		head = "transformer.wte.weight"
	}
	logits := linear(rms(x[n-1:], "transformer.ln_f.weight"), head)[0]
	if len(logits) != V {
		panic("vocab")
	}
	return logits
}

// TestExportTransformerPyTorchModule: the documented PyTorch module,
// evaluated on the export as PyTorch reads it (names, [out, in] weights,
// tied head), gives the logits that RepOps computes from the checkpoint
// (lm.Model), so a PyTorch user who loads the file has the trained model.
func TestExportTransformerPyTorchModule(t *testing.T) {
	for _, tied := range []bool{true, false} {
		s := tinyLMSpec(t, tied)
		c := lmCheckpoint(t, s, 4)
		var b bytes.Buffer
		require.NoError(t, Write(&b, s, c, Options{}))
		tm, meta := indepRead(t, b.Bytes())
		cfg, err := lm.Config(s)
		require.NoError(t, err)
		m, err := lm.NewModel(cfg, c.State)
		require.NoError(t, err)
		for n := 1; n <= cfg.Context; n++ {
			toks := make([]int, n)
			for i := range toks {
				toks[i] = int(repops.RandomWord(3, uint32(n), 0, uint32(i)) % 256)
			}
			got, err := m.Logits(toks)
			require.NoError(t, err)
			want := torchForward(tm, meta, toks)
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(v))
			}
			for j := range want {
				require.InDelta(t, want[j], float64(got[j]), 1e-4*scale+1e-6, "tied %v n %d logit %d", tied, n, j)
			}
		}
	}
}
