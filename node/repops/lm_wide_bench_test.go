package repops

import "testing"

// wideLM is the width-256 transformer of the utilisation benchmark
// (context 128, width 256, 4 heads, 4 layers, MLP 1024, batch 8 windows,
// untied: 3.4M parameters).
func wideLM() LMConfig {
	c := benchLM(false)
	c.Context, c.Width, c.Heads, c.Layers, c.MLPWidth, c.BatchSize = 128, 256, 4, 4, 1024, 8
	return c
}

// lmModelFlops is the model FLOPs of one token of training: 6 x parameters
// for the matrix products (forward 2, backward 4 per parameter), plus
// 6 x layers x context x width for the attention scores and their
// application (forward 2 x 2 x C x d per layer, backward twice that,
// halved for the causal mask); BenchmarkLMStep counts the same.
func lmModelFlops(c LMConfig) float64 {
	return float64(6*LMParamCount(c) + 6*c.Layers*c.Context*c.Width)
}

// BenchmarkLMStepWide is one training step of wideLM with the CPU executor
// (LMRunner, state updated in place): tokens/s, model GFLOP/s
// (lmModelFlops per token) and model GFLOP per CPU-second of the process
// (all threads, so the machine's other load does not count). Model FLOPs
// utilisation is GFLOP/cpu-s over BenchmarkPeak/muladd's GFLOP/cpu-s (one
// core's 256-bit MUL then ADD ceiling; docs/repops.md section 11).
func BenchmarkLMStepWide(b *testing.B) {
	c := wideLM()
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
	clk := startClock(b)
	for i := 0; i < b.N; i++ {
		if _, err := r.Step(st, data, st); err != nil {
			b.Fatal(err)
		}
	}
	tokens := float64(c.BatchSize * c.Context)
	b.ReportMetric(tokens*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	clk.report(tokens * lmModelFlops(c))
}
