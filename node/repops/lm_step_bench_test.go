package repops

import "testing"

// benchLM is the ~1M-parameter transformer of the benchmarks (context 64,
// width 128, 4 heads, 4 layers, MLP 512, batch 16 windows, byte vocabulary).
func benchLM(tied bool) LMConfig {
	return LMConfig{Vocab: 256, Context: 64, Width: 128, Heads: 4, Layers: 4, MLPWidth: 512, NormEps: 1e-5, Tied: tied,
		LR: 1e-3, Beta1: 0.9, Beta2: 0.95, Eps: 1e-8, WeightDecay: 0.1, GradClip: 1, Warmup: 10, Steps: 1 << 20,
		BatchSize: 16, Seed: 1}
}

// BenchmarkLMStep is one training step of the ~1M-parameter transformer
// with the CPU executor (LMRunner, state updated in place). It reports
// tokens/s (batch x context per step) and model GFLOP/s (6 x parameters
// per token for the matrix products, plus 6 x L x C x d per token for
// attention scores and their application, forward and backward).
//
// Sub-benchmarks: 1M/tied=false and 1M/tied=true (benchLM, 0.86M and 0.83M
// parameters), and 10M (width 384, 6 heads, 6 layers, MLP 1536, context
// 128, batch 16, tied: 10.8M parameters).
func BenchmarkLMStep(b *testing.B) {
	big := benchLM(true)
	big.Context, big.Width, big.Heads, big.Layers, big.MLPWidth = 128, 384, 6, 6, 1536
	for _, bc := range []struct {
		name string
		c    LMConfig
	}{{"1M/tied=false", benchLM(false)}, {"1M/tied=true", benchLM(true)}, {"10M", big}} {
		b.Run(bc.name, func(b *testing.B) {
			c := bc.c
			tok := lmTokens(1<<16, c.Vocab, 5)
			g, err := BuildLMStep(c, len(tok.Data))
			if err != nil {
				b.Fatal(err)
			}
			st, err := InitLMState(c)
			if err != nil {
				b.Fatal(err)
			}
			r, err := NewLMRunner(g, CPU{})
			if err != nil {
				b.Fatal(err)
			}
			data := []Tensor{tok}
			if _, err := r.Step(st, data, st); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := r.Step(st, data, st); err != nil {
					b.Fatal(err)
				}
			}
			tokens := float64(c.BatchSize*c.Context) * float64(b.N)
			secs := b.Elapsed().Seconds()
			flops := tokens * float64(6*LMParamCount(c)+6*c.Layers*c.Context*c.Width)
			b.ReportMetric(tokens/secs, "tokens/s")
			b.ReportMetric(flops/secs/1e9, "GFLOP/s")
		})
	}
}
