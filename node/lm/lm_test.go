package lm

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
)

func tinyConfig(tied bool) repops.LMConfig {
	return repops.LMConfig{Vocab: 32, Context: 8, Width: 16, Heads: 2, Layers: 2, MLPWidth: 32, NormEps: 1e-5, Tied: tied,
		LR: 1e-3, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, Steps: 10, BatchSize: 2, Seed: 7}
}

func tinyModel(t *testing.T, tied bool) (*Model, []repops.Tensor) {
	t.Helper()
	c := tinyConfig(tied)
	st, err := repops.InitLMState(c)
	require.NoError(t, err)
	if !tied {
		// Make the output matrix larger than its init, so that the logits
		// spread out and the sampled distribution is far from uniform.
		for i := range st[NumParams(c)-1].Data {
			st[NumParams(c)-1].Data[i] *= 4
		}
	}
	m, err := NewModel(c, st)
	require.NoError(t, err)
	return m, st[:NumParams(c)]
}

// refLogits is an independent float64 forward pass of the model
// (docs/transformer.md §1) over the last min(len, C) tokens, read at the
// last position.
func refLogits(c repops.LMConfig, p []repops.Tensor, tokens []int) []float64 {
	if len(tokens) > c.Context {
		tokens = tokens[len(tokens)-c.Context:]
	}
	n, d, f, V, H := len(tokens), c.Width, c.MLPWidth, c.Vocab, c.Heads
	dh := d / H
	mat := func(x [][]float64, w repops.Tensor) [][]float64 { // x [n, in] times w [in, out]
		in, out := w.Shape[0], w.Shape[1]
		y := make([][]float64, len(x))
		for r := range x {
			y[r] = make([]float64, out)
			for j := 0; j < out; j++ {
				s := 0.0
				for i := 0; i < in; i++ {
					s += x[r][i] * float64(w.Data[i*out+j])
				}
				y[r][j] = s
			}
		}
		return y
	}
	norm := func(x [][]float64, g repops.Tensor) [][]float64 {
		y := make([][]float64, len(x))
		for r := range x {
			ms := 0.0
			for _, v := range x[r] {
				ms += v * v
			}
			inv := 1 / math.Sqrt(ms/float64(len(x[r]))+float64(c.NormEps))
			y[r] = make([]float64, len(x[r]))
			for i, v := range x[r] {
				y[r][i] = v * inv * float64(g.Data[i])
			}
		}
		return y
	}
	add := func(a, b [][]float64) [][]float64 {
		y := make([][]float64, len(a))
		for r := range a {
			y[r] = make([]float64, len(a[r]))
			for i := range a[r] {
				y[r][i] = a[r][i] + b[r][i]
			}
		}
		return y
	}
	h := make([][]float64, n)
	for r, tok := range tokens {
		h[r] = make([]float64, d)
		for i := 0; i < d; i++ {
			h[r][i] = float64(p[0].Data[tok*d+i]) + float64(p[1].Data[r*d+i])
		}
	}
	scale := 1 / math.Sqrt(float64(dh))
	for l := 0; l < c.Layers; l++ {
		base := 2 + 8*l
		a := norm(h, p[base])
		q, k, v := mat(a, p[base+1]), mat(a, p[base+2]), mat(a, p[base+3])
		o := make([][]float64, n)
		for i := range o {
			o[i] = make([]float64, d)
		}
		for hd := 0; hd < H; hd++ {
			for i := 0; i < n; i++ {
				s := make([]float64, i+1)
				mx := math.Inf(-1)
				for j := 0; j <= i; j++ {
					for t := 0; t < dh; t++ {
						s[j] += q[i][hd*dh+t] * k[j][hd*dh+t]
					}
					s[j] *= scale
					mx = math.Max(mx, s[j])
				}
				z := 0.0
				for j := range s {
					s[j] = math.Exp(s[j] - mx)
					z += s[j]
				}
				for j := range s {
					for t := 0; t < dh; t++ {
						o[i][hd*dh+t] += s[j] / z * v[j][hd*dh+t]
					}
				}
			}
		}
		h1 := add(h, mat(o, p[base+4]))
		u := mat(norm(h1, p[base+5]), p[base+6])
		for r := range u {
			for i := 0; i < f; i++ {
				u[r][i] = u[r][i] / (1 + math.Exp(-u[r][i]))
			}
		}
		h = add(h1, mat(u, p[base+7]))
	}
	hf := norm(h[n-1:], p[2+8*c.Layers])[0]
	out := make([]float64, V)
	for j := 0; j < V; j++ {
		for i := 0; i < d; i++ {
			if c.Tied {
				out[j] += hf[i] * float64(p[0].Data[j*d+i])
			} else {
				out[j] += hf[i] * float64(p[3+8*c.Layers].Data[i*V+j])
			}
		}
	}
	return out
}

func tokenSeq(n, vocab int, salt uint32) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = int(repops.RandomWord(99, salt, 0, uint32(i)) % uint32(vocab))
	}
	return s
}

// TestLogitsMatchFloat64: the RepOps logits of every window length (1..C,
// and longer sequences, whose last C tokens are the window) agree with the
// float64 forward pass.
func TestLogitsMatchFloat64(t *testing.T) {
	for _, tied := range []bool{true, false} {
		m, p := tinyModel(t, tied)
		c := m.Config()
		for n := 1; n <= c.Context+3; n++ {
			toks := tokenSeq(n, c.Vocab, uint32(n))
			got, err := m.Logits(toks)
			require.NoError(t, err)
			want := refLogits(c, p, toks)
			scale := 0.0
			for _, w := range want {
				scale = math.Max(scale, math.Abs(w))
			}
			require.Greater(t, scale, 0.01)
			for j := range want {
				require.InDelta(t, want[j], float64(got[j]), 1e-4*scale+1e-6, "tied %v n %d logit %d", tied, n, j)
			}
		}
		// A longer sequence is read through its last C tokens only.
		toks := tokenSeq(c.Context+5, c.Vocab, 1000)
		a, err := m.Logits(toks)
		require.NoError(t, err)
		a = append([]float32(nil), a...)
		b, err := m.Logits(toks[5:])
		require.NoError(t, err)
		require.Equal(t, bitsOf(a), bitsOf(b))
	}
}

func bitsOf(x []float32) []uint32 {
	out := make([]uint32, len(x))
	for i, v := range x {
		out[i] = math.Float32bits(v)
	}
	return out
}

// TestGreedyIsArgmax: at temperature 0 every drawn token is the argmax of
// the float64 model's logits for the text so far (where the top two are
// not within float32 noise of each other), and exactly the first largest
// of the RepOps logits.
func TestGreedyIsArgmax(t *testing.T) {
	for _, tied := range []bool{true, false} {
		m, p := tinyModel(t, tied)
		c := m.Config()
		prompt := tokenSeq(3, c.Vocab, 5)
		got, err := m.Generate(prompt, 24, 0, 1, nil)
		require.NoError(t, err)
		require.Len(t, got, 24)
		seq := append([]int(nil), prompt...)
		compared := 0
		for _, tok := range got {
			ref := refLogits(c, p, seq)
			order := make([]int, len(ref))
			for i := range order {
				order[i] = i
			}
			sort.SliceStable(order, func(a, b int) bool { return ref[order[a]] > ref[order[b]] })
			if ref[order[0]]-ref[order[1]] > 1e-3 {
				require.Equal(t, order[0], tok, "tied %v after %v", tied, seq)
				compared++
			}
			lg, err := m.Logits(seq)
			require.NoError(t, err)
			best := 0
			for i, l := range lg {
				if l > lg[best] {
					best = i
				}
			}
			require.Equal(t, best, tok)
			seq = append(seq, tok)
		}
		require.GreaterOrEqual(t, compared, 18, "tied %v", tied)
	}
	// Ties go to the lowest index.
	tok, err := Sample([]float32{1, 3, -2, 3, 3}, 0, 5, 0)
	require.NoError(t, err)
	require.Equal(t, 1, tok)
}

// TestGenerateDeterministic: the same seed gives the same tokens (a fresh
// model too), another seed other tokens; the tokens of seed 1 are pinned,
// so a machine that computes another word anywhere fails here.
func TestGenerateDeterministic(t *testing.T) {
	m, _ := tinyModel(t, false)
	prompt := []int{1, 2, 3}
	a, err := m.Generate(prompt, 32, 1, 1, nil)
	require.NoError(t, err)
	m2, _ := tinyModel(t, false)
	b, err := m2.Generate(prompt, 32, 1, 1, nil)
	require.NoError(t, err)
	require.Equal(t, a, b)
	c, err := m.Generate(prompt, 32, 1, 2, nil)
	require.NoError(t, err)
	require.NotEqual(t, a, c)
	require.Equal(t, goldenTokens, a)

	// emit sees every token in order; its error stops the generation.
	var seen []int
	_, err = m.Generate(prompt, 32, 1, 1, func(tok int) error { seen = append(seen, tok); return nil })
	require.NoError(t, err)
	require.Equal(t, a, seen)
	_, err = m.Generate(prompt, 5, 1, 1, func(int) error { return errStop })
	require.ErrorIs(t, err, errStop)
}

var errStop = &stopErr{}

type stopErr struct{}

func (*stopErr) Error() string { return "stop" }

var goldenTokens = []int{21, 6, 20, 13, 21, 13, 8, 6, 26, 8, 8, 11, 11, 20, 20, 6, 26, 23, 5, 16, 8, 8, 8, 20, 8, 20, 26, 20, 6, 6, 6, 22}

// TestSampleFollowsModel: 40,000 draws from one position's logits (draw k
// uses PRNG counter k) follow the softmax of the logits at temperature 1
// and 0.5: Pearson's chi-square against the model's probabilities (float64
// softmax) stays below its 0.999 quantile, and against the uniform
// distribution (a wrong model) far above it. The seed is fixed, so the
// test is deterministic.
func TestSampleFollowsModel(t *testing.T) {
	m, _ := tinyModel(t, false)
	lg, err := m.Logits([]int{4, 9, 1})
	require.NoError(t, err)
	for _, temp := range []float32{1, 0.5} {
		mx := math.Inf(-1)
		for _, l := range lg {
			mx = math.Max(mx, float64(l))
		}
		p := make([]float64, len(lg))
		z := 0.0
		for i, l := range lg {
			p[i] = math.Exp((float64(l) - mx) / float64(temp))
			z += p[i]
		}
		for i := range p {
			p[i] /= z
		}
		const N = 40000
		counts := make([]float64, len(lg))
		for k := 0; k < N; k++ {
			tok, err := Sample(lg, temp, 3, uint32(k))
			require.NoError(t, err)
			counts[tok]++
		}
		chi, dof := chiSquare(counts, p, N)
		uni := make([]float64, len(p))
		for i := range uni {
			uni[i] = 1 / float64(len(uni))
		}
		chiU, dofU := chiSquare(counts, uni, N)
		// The 0.999 quantile of chi-square with k degrees of freedom is
		// below k + 4.5 sqrt(2k) for these k (Wilson-Hilferty).
		limit := func(k int) float64 { return float64(k) + 4.5*math.Sqrt(2*float64(k)) }
		t.Logf("temperature %v: chi-square %.1f (dof %d, limit %.1f); against uniform %.1f", temp, chi, dof, limit(dof), chiU)
		require.Less(t, chi, limit(dof), "temperature %v", temp)
		require.Greater(t, chiU, 10*limit(dofU), "the test has power: the samples are not uniform")
	}
}

// chiSquare returns Pearson's statistic of counts against probabilities p
// over n draws, merging the bins whose expected count is below 5 into one,
// and its degrees of freedom.
func chiSquare(counts, p []float64, n int) (float64, int) {
	chi, bins := 0.0, 0
	var restO, restE float64
	for i := range p {
		e := p[i] * float64(n)
		if e < 5 {
			restO += counts[i]
			restE += e
			continue
		}
		chi += (counts[i] - e) * (counts[i] - e) / e
		bins++
	}
	if restE > 0 {
		chi += (restO - restE) * (restO - restE) / restE
		bins++
	}
	return chi, bins - 1
}

func TestSampleEdges(t *testing.T) {
	lg := []float32{0, float32(math.Log(3))}
	// Two tokens, P(1) = 3/4.
	ones := 0
	for k := 0; k < 20000; k++ {
		tok, err := Sample(lg, 1, 11, uint32(k))
		require.NoError(t, err)
		ones += tok
	}
	require.InDelta(t, 15000, ones, 4*math.Sqrt(20000*0.75*0.25))
	// A tiny temperature is the argmax; a huge one close to uniform.
	for k := 0; k < 100; k++ {
		tok, err := Sample([]float32{1, 2, 1.5}, 1e-30, 1, uint32(k))
		require.NoError(t, err)
		require.Equal(t, 1, tok)
	}
	// A logit far below the others can never be drawn (EXP gives 0).
	for k := 0; k < 1000; k++ {
		tok, err := Sample([]float32{-3e38, 3e38, 0}, 1, 1, uint32(k))
		require.NoError(t, err)
		require.Equal(t, 1, tok)
	}
	for _, temp := range []float32{-1, float32(math.NaN()), float32(math.Inf(1))} {
		_, err := Sample(lg, temp, 1, 0)
		require.ErrorContains(t, err, "is not a finite number >= 0")
	}
	_, err := Sample([]float32{1, float32(math.NaN())}, 1, 1, 0)
	require.EqualError(t, err, "lm: logit 1 is NaN: the model's output is not finite")
	_, err = Sample([]float32{float32(math.Inf(-1)), 1}, 0, 1, 0)
	require.EqualError(t, err, "lm: logit 0 is -Inf: the model's output is not finite")
	_, err = Sample(nil, 1, 1, 0)
	require.Error(t, err)
}

func TestModelErrors(t *testing.T) {
	m, p := tinyModel(t, true)
	_, err := m.Logits(nil)
	require.EqualError(t, err, "lm: no tokens to continue")
	_, err = m.Logits([]int{1, 32})
	require.EqualError(t, err, "lm: token 32 is not below the vocabulary of 32")
	_, err = m.Generate(nil, 3, 1, 1, nil)
	require.ErrorContains(t, err, "the prompt is empty")
	_, err = m.Generate([]int{1}, -1, 1, 1, nil)
	require.EqualError(t, err, "lm: -1 tokens to draw, not in [0, 1048576]")
	out, err := m.Generate([]int{1}, 0, 1, 1, nil)
	require.NoError(t, err)
	require.Empty(t, out)

	c := tinyConfig(true)
	_, err = NewModel(c, p[:3])
	require.EqualError(t, err, "lm: 3 parameter tensors, the model has 19")
	bad := append([]repops.Tensor(nil), p...)
	bad[3] = repops.NewTensor(16, 8)
	_, err = NewModel(c, bad)
	require.EqualError(t, err, `lm: parameter "l1.wq" has shape [16 8], the model needs [16 16]`)
}

func TestConfig(t *testing.T) {
	s, err := spec.Load("../../examples/austen-transformer.json")
	require.NoError(t, err)
	c, err := Config(s)
	require.NoError(t, err)
	require.Equal(t, repops.LMConfig{Vocab: 256, Context: 64, Width: 128, Heads: 4, Layers: 5, MLPWidth: 512, NormEps: 1e-5, Tied: true,
		LR: 0.003, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, WeightDecay: 0.01, GradClip: 1, Warmup: 100, Steps: 1000, BatchSize: 16, Seed: 1}, c)
	mlp, err := spec.Load("../../examples/digits-mlp.json")
	require.NoError(t, err)
	_, err = Config(mlp)
	require.ErrorIs(t, err, ErrNotTransformer)
	require.EqualError(t, err, `lm: not a transformer spec: model.kind is "mlp"`)
}

// BenchmarkLogits: one token's logits (a full window of C = 64) of the
// example job's model (1.03M parameters: context 64, width 128, 4 heads, 5
// layers, MLP 512, tied), CPU kernels.
func BenchmarkLogits(b *testing.B) {
	c := repops.LMConfig{Vocab: 256, Context: 64, Width: 128, Heads: 4, Layers: 5, MLPWidth: 512, NormEps: 1e-5, Tied: true,
		LR: 1e-3, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, Steps: 10, BatchSize: 1, Seed: 1}
	st, err := repops.InitLMState(c)
	require.NoError(b, err)
	m, err := NewModel(c, st)
	require.NoError(b, err)
	toks := tokenSeq(64, 256, 1)
	_, err = m.Logits(toks)
	require.NoError(b, err)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Logits(toks); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestLogitsGolden pins the bits of the logits (keccak256 over them) of a
// model large enough for the matrix-product kernels' vector and threaded
// paths (context 64, width 64, 4 heads, 2 layers, MLP 256, untied) at
// window lengths 1, 17 and 64 (and a longer text), and the tokens it
// draws: every kernel, thread count and architecture must give these bits
// (make test-repro's settings: GOAMD64=v1/v3, GENSYN_REPOPS_KERNEL,
// GENSYN_REPOPS_THREADS, -tags purego, GOARCH=arm64 under qemu).
func TestLogitsGolden(t *testing.T) {
	c := repops.LMConfig{Vocab: 256, Context: 64, Width: 64, Heads: 4, Layers: 2, MLPWidth: 256, NormEps: 1e-5,
		LR: 1e-3, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, Steps: 10, BatchSize: 1, Seed: 3}
	st, err := repops.InitLMState(c)
	require.NoError(t, err)
	m, err := NewModel(c, st)
	require.NoError(t, err)
	var all []byte
	for _, n := range []int{1, 17, 64, 80} {
		lg, err := m.Logits(tokenSeq(n, 256, 77))
		require.NoError(t, err)
		for _, v := range lg {
			b := math.Float32bits(v)
			all = append(all, byte(b>>24), byte(b>>16), byte(b>>8), byte(b))
		}
	}
	toks, err := m.Generate(tokenSeq(5, 256, 78), 70, 0.7, 9, nil)
	require.NoError(t, err)
	for _, tok := range toks {
		all = append(all, byte(tok))
	}
	require.Equal(t, "0x7902d8f8dc6156568ef10a0244414ea290ff59b1e5a9a029a9b90a1c5fdd0784", commit.Keccak256(all).String())
}
