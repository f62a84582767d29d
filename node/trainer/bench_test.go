package trainer

import (
	"context"
	"testing"
	"time"
)

// BenchmarkStep measures one training step of examples/digits-mlp.json
// (reported as steps/s).
func BenchmarkStep(b *testing.B) {
	tr := exampleTrainer(b, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	init := st
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if st.Step == uint64(tr.Spec().Steps) {
			st = init
		}
		if st, _, err = tr.Step(st); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkStateRoot measures the state root of the example's state.
func BenchmarkStateRoot(b *testing.B) {
	tr := exampleTrainer(b, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tr.StateRoot(st); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckpointInterval trains one checkpoint interval of the example
// and commits its state, and reports the state root's share of that time
// (target: at most 3%).
func BenchmarkCheckpointInterval(b *testing.B) {
	tr := exampleTrainer(b, Options{SkipEval: true})
	init, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	interval := uint64(tr.Spec().CheckpointInterval)
	var train, root time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		st, err := tr.Run(context.Background(), init, interval, nil)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		// Run already committed the checkpoint once; time a second commit.
		if _, err := tr.StateRoot(st); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		train += t1.Sub(t0) - t2.Sub(t1) // Run's own state root excluded
		root += t2.Sub(t1)
	}
	b.ReportMetric(100*float64(root)/float64(train), "stateroot-%")
	b.ReportMetric(float64(root.Microseconds())/float64(b.N), "stateroot-µs")
	b.ReportMetric(float64(train.Milliseconds())/float64(b.N), "interval-ms")
}
