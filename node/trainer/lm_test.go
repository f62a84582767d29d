package trainer

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
)

const (
	austenSpec = "../../examples/austen-transformer.json"
	austenData = "../../examples/data/austen.txt"
)

// smallLMSpec is examples/austen-transformer.json shrunk to a model that
// trains in seconds: context 16, width 64, 4 heads, 2 layers, MLP 256,
// untied, 32 windows per step.
func smallLMSpec(t testing.TB, steps int) (*spec.Spec, *dataset.Dataset) {
	t.Helper()
	s, err := spec.Load(austenSpec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(austenData)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Open(b, s.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model.Transformer
	m.Context, m.Width, m.Heads, m.Layers, m.MLPWidth, m.TiedEmbeddings = 16, 64, 4, 2, 256, false
	s.Optimizer.LR, s.Optimizer.WarmupSteps = 0.005, min(20, steps/3)
	s.BatchSize, s.Steps, s.CheckpointInterval = 32, steps, steps/3
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s, d
}

// TestLMTrainerBeatsBigram trains a small transformer on the training
// split of the example corpus for 300 steps and asserts that its held-out
// loss is well below (at least 0.3 bits per byte under) a bigram model
// fitted on the same training split and scored on the same held-out
// windows. Both numbers are logged.
func TestLMTrainerBeatsBigram(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for about 20 s")
	}
	s, d := smallLMSpec(t, 300)
	tr, err := New(s, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bigram, err := tr.BigramBaseline()
	if err != nil {
		t.Fatal(err)
	}
	var last Progress
	st, err := tr.Run(context.Background(), nil, 0, func(p Progress) error {
		t.Logf("step %d: batch loss %.3f, held-out %.3f bits/byte, next-byte accuracy %.3f", p.Step, p.Loss, p.EvalBitsPerByte, p.Accuracy)
		last = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := tr.EvaluateLM(st)
	if err != nil {
		t.Fatal(err)
	}
	if e.BitsPerByte != last.EvalBitsPerByte || float32(e.Loss) != last.EvalLoss {
		t.Fatalf("EvaluateLM %+v, last checkpoint %+v", e, last)
	}
	t.Logf("held-out bits per byte after %d steps (%d windows, %d tokens, %d parameters): transformer %.3f, bigram %.3f",
		s.Steps, e.Windows, e.Tokens, repops.LMParamCount(LMConfig(s)), e.BitsPerByte, bigram)
	if e.BitsPerByte > bigram-0.3 {
		t.Fatalf("transformer %.3f bits/byte, bigram %.3f: not clearly better", e.BitsPerByte, bigram)
	}
}

// TestLMTrainerCheckpointsAndReplay: a transformer job's checkpoints
// round-trip through files, replaying an interval reproduces its roots, the
// step trace of a step matches Advance, and the data root commits the
// training token stream only.
func TestLMTrainerCheckpointsAndReplay(t *testing.T) {
	s, d := smallLMSpec(t, 6)
	dir := t.TempDir()
	tr, err := New(s, d, Options{CheckpointDir: dir, SkipEval: true})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.IsLM() || len(tr.Graph().Nodes) == 0 {
		t.Fatal("not a transformer trainer")
	}
	var roots []commit.Hash
	final, err := tr.Run(context.Background(), nil, 0, func(p Progress) error {
		roots = append(roots, p.StateRoot)
		if filepath.Dir(p.Path) != dir {
			t.Errorf("checkpoint written to %q", p.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 3 {
		t.Fatalf("%d checkpoints", len(roots))
	}
	st, err := tr.LoadCheckpoint(CheckpointFile(dir, 2))
	if err != nil {
		t.Fatal(err)
	}
	rr, next, err := tr.ReplayInterval(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if rr[0] != roots[0] || rr[len(rr)-1] != roots[1] {
		t.Fatal("replayed interval does not reproduce the checkpoint roots")
	}
	trace, err := tr.StepTrace(next)
	if err != nil {
		t.Fatal(err)
	}
	adv := next.clone()
	loss, err := tr.Advance(adv)
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := tr.StateRoot(trace.Next)
	r2, _ := tr.StateRoot(adv)
	if r1 != r2 || trace.Loss != loss {
		t.Fatal("the step trace and Advance disagree")
	}
	if fr, _ := tr.StateRoot(final); fr != roots[2] {
		t.Fatal("final state is not the last checkpoint")
	}
	dr, err := tr.DataRoot()
	if err != nil {
		t.Fatal(err)
	}
	tok := repops.Tensor{Shape: []int{s.Dataset.Tokens - s.Dataset.Holdout.Count}, Data: d.TokenFloats()[:s.Dataset.Tokens-s.Dataset.Holdout.Count]}
	tokRoots, err := commit.TensorRoots([]commit.Tensor{commit.Tensor(tok)})
	if err != nil {
		t.Fatal(err)
	}
	if dr != commit.DataRoot(tokRoots) {
		t.Fatal("the data root is not the training token stream's")
	}
	// The element trace of an attention score replays.
	for i, n := range tr.Graph().Nodes {
		if n.Op == repops.OpAttnScores {
			et, err := tr.ElementTrace(trace, i, 5)
			if err != nil || len(et.Entries) == 0 {
				t.Fatalf("element trace: %v", err)
			}
			break
		}
	}
}

// TestLMEvalStarts: the evaluation windows never overlap, stay inside the
// held-out stream and number min(floor((n-1)/c), LMEvalWindows).
func TestLMEvalStarts(t *testing.T) {
	for _, tc := range []struct{ n, c, want int }{{17, 16, 1}, {33, 16, 2}, {1000, 16, 62}, {65536, 64, LMEvalWindows}, {16, 16, 0}} {
		s := LMEvalStarts(tc.n, tc.c)
		if len(s) != tc.want {
			t.Fatalf("n=%d c=%d: %d windows, want %d", tc.n, tc.c, len(s), tc.want)
		}
		for i, x := range s {
			if x+tc.c+1 > tc.n || (i > 0 && x < s[i-1]+tc.c) {
				t.Fatalf("n=%d c=%d: window %d at %d", tc.n, tc.c, i, x)
			}
		}
	}
}

// TestBigram: add-one smoothing gives the documented probabilities.
func TestBigram(t *testing.T) {
	b := FitBigram([]float32{0, 1, 0, 1, 1}, 3)
	// count(0,1) = 2, count(0) = 2: P(1|0) = 3/5; count(1,1) = 1, count(1) = 2: P(0|1) = 2/5.
	if got, want := b.Bits(0, 1), -math.Log2(3.0/5); math.Abs(got-want) > 1e-12 {
		t.Fatalf("bits(1|0) = %v, want %v", got, want)
	}
	if got, want := b.Bits(1, 0), -math.Log2(2.0/5); math.Abs(got-want) > 1e-12 {
		t.Fatalf("bits(0|1) = %v, want %v", got, want)
	}
	if got, want := b.Bits(2, 2), -math.Log2(1.0/3); math.Abs(got-want) > 1e-12 {
		t.Fatalf("bits(2|2) = %v, want %v", got, want)
	}
}

// TestLMExample: examples/austen-transformer.json builds a trainer of at
// least 1M parameters; at initialisation its held-out loss is about
// log2(256) = 8 bits per byte (the init's logits are near zero), and the
// bigram baseline on its evaluation windows is logged.
func TestLMExample(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates a 1M-parameter model on 256 windows (minutes under qemu); examples' own test trains it")
	}
	s, err := spec.Load(austenSpec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(austenData)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Open(b, s.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(s, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := repops.LMParamCount(LMConfig(s)); n < 1_000_000 {
		t.Fatalf("the example has %d parameters", n)
	}
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	e, err := tr.EvaluateLM(st)
	if err != nil {
		t.Fatal(err)
	}
	bigram, err := tr.BigramBaseline()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d parameters, %d graph nodes; held-out (%d windows): initial %.3f bits/byte, bigram %.3f bits/byte",
		repops.LMParamCount(LMConfig(s)), len(tr.Graph().Nodes), e.Windows, e.BitsPerByte, bigram)
	if math.Abs(e.BitsPerByte-8) > 0.1 {
		t.Fatalf("initial held-out loss %.3f bits/byte, want about 8", e.BitsPerByte)
	}
	if bigram < 2 || bigram > 5 {
		t.Fatalf("bigram %.3f bits/byte", bigram)
	}
}
