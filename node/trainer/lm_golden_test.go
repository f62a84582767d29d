package trainer

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
)

const goldenLMPath = "testdata/golden-austen-transformer.json"

// TestGoldenLMRoots pins the commitments of a tiny transformer job on the
// example corpus (examples/austen-transformer.json shrunk: context 16,
// width 32, 2 heads, 2 layers, MLP 64, tied embeddings, 8 windows a step,
// 12 steps, a checkpoint every 4) in testdata/golden-austen-transformer.json:
// the spec hash, graph root, initial, data and state roots, the
// checkpoints root, the batch losses and held-out losses as float32 bits.
// Like TestGoldenRoots it runs under GOAMD64=v1, GOAMD64=v3, arm64 (qemu)
// and a forced kernel and thread count (make test-repro), so the
// transformer's operators give the same bits on every target. Regenerate
// with -update only for a deliberate protocol change.
func TestGoldenLMRoots(t *testing.T) {
	s, d := smallLMSpec(t, 12)
	m := s.Model.Transformer
	m.Width, m.Heads, m.MLPWidth, m.TiedEmbeddings = 32, 2, 64, true
	s.BatchSize, s.CheckpointInterval, s.Optimizer.WarmupSteps = 8, 4, 3
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	tr, err := New(s, d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ps []Progress
	if _, err := tr.Run(context.Background(), nil, 0, func(p Progress) error {
		ps = append(ps, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	init, err := tr.InitialStateRoot()
	if err != nil {
		t.Fatal(err)
	}
	dataRoot, err := tr.DataRoot()
	if err != nil {
		t.Fatal(err)
	}
	g := golden{
		Spec:     "examples/austen-transformer.json (shrunk in TestGoldenLMRoots)",
		SpecHash: tr.SpecHash().String(), DataRoot: dataRoot.String(),
		GraphRoot: tr.GraphRoot().String(), GraphNodes: len(tr.Graph().Nodes),
		InitialRoot: init.String(), StateRoots: map[uint64]string{},
		Losses: map[uint64]string{}, Accuracy: map[uint64]string{},
	}
	var roots []commit.Hash
	for _, p := range ps {
		t.Logf("step %d loss %.4f held-out %.4f bits/byte root %s", p.Step, p.Loss, p.EvalBitsPerByte, p.StateRoot)
		roots = append(roots, p.StateRoot)
		g.StateRoots[p.Step] = p.StateRoot.String()
		g.Losses[p.Step] = fmt.Sprintf("0x%08x", math.Float32bits(p.Loss))
		// For a transformer "accuracy" holds the held-out loss's bits.
		g.Accuracy[p.Step] = fmt.Sprintf("0x%08x", math.Float32bits(p.EvalLoss))
	}
	g.CheckpointsRoot = commit.CheckpointsRoot(roots).String()
	if len(ps) != s.Checkpoints() {
		t.Fatalf("%d checkpoints, want %d", len(ps), s.Checkpoints())
	}
	if first, last := ps[0], ps[len(ps)-1]; !(last.EvalLoss < first.EvalLoss) {
		t.Errorf("held-out loss did not fall: %v then %v", first.EvalLoss, last.EvalLoss)
	}
	checkGolden(t, goldenLMPath, g)
}
