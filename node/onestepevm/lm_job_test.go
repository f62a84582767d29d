package onestepevm

import (
	"os"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const (
	austenSpecPath = "../../examples/austen-transformer.json"
	austenDataPath = "../../examples/data/austen.txt"
)

// tinyLMTrainer is examples/austen-transformer.json shrunk (context 8,
// width 16, 2 heads, 1 layer, MLP 32, batch 4, re-validated) on the
// example corpus, as node/worker's tinyLMJob.
func tinyLMTrainer(t testing.TB) *trainer.Trainer {
	t.Helper()
	s, err := spec.Load(austenSpecPath)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model.Transformer
	m.Context, m.Width, m.Heads, m.Layers, m.MLPWidth = 8, 16, 2, 1, 32
	s.Optimizer.WarmupSteps = 2
	s.BatchSize, s.Steps, s.CheckpointInterval = 4, 6, 3
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(austenDataPath)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Open(b, s.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := trainer.New(s, d, trainer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestLMJobOneStep is the Go-to-EVM differential test on the transformer
// job's own graph and data: a shrunk examples/austen-transformer.json
// trains two steps, and in the trace of step 2, for every operator node of
// the graph (every operator kind the job uses, the MLP-era ones included)
// and for its first, middle and last element:
//   - the contract's decoding (ElementDecoder.decode) of every entry of the
//     trace equals the committed structure of the Go entry (result zeroed),
//     and the decoded length equals the trace's (all entries, the longest
//     traces included: about 45,000 decodes, ~10 s);
//   - OneStep.verify on BuildProof's proof of the first, a middle and the
//     last entry returns (true, the entry's result), and, for the same
//     entries in a trace whose result word is altered (bit 0 flipped, trace
//     re-committed), (false, the correct result).
func TestLMJobOneStep(t *testing.T) {
	tr := tinyLMTrainer(t)
	evm := newEVM(t)
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if st, _, err = tr.Step(st); err != nil {
			t.Fatal(err)
		}
	}
	trace, err := tr.StepTrace(st)
	if err != nil {
		t.Fatal(err)
	}
	g := tr.Graph()
	var nodes, traces, decoded, total, verified int
	kinds := map[repops.OpKind]int{}
	for _, j := range opNodes(g) {
		n := g.Nodes[j]
		_, shapes32, _, mask := nodeInputs(g, j)
		out := numel(n.Shape)
		elems := []int{0, out / 2, out - 1}
		if out == 1 {
			elems = elems[:1]
		}
		nodes++
		kinds[n.Op]++
		for _, e := range elems {
			et, err := tr.ElementTrace(trace, j, e)
			if err != nil {
				t.Fatalf("node %d (%v) element %d: %v", j, n.Op, e, err)
			}
			traces++
			total += len(et.Entries)
			// (a) decoding
			for k := range et.Entries {
				x := et.Entries[k]
				x.Result = 0
				want, err := trainer.EntryItem(x)
				if err != nil {
					t.Fatal(err)
				}
				got, length, err := evm.Decode(uint8(n.Op), n.Attrs, shapes32, mask, e, k)
				if err != nil {
					t.Fatalf("node %d %q (%v) element %d entry %d: decode: %v", j, n.Name, n.Op, e, k, err)
				}
				if length != uint64(len(et.Entries)) || commit.Hash(got) != want {
					t.Fatalf("node %d %q (%v) attrs %x element %d entry %d: got %x (len %d), want %x (len %d) %v",
						j, n.Name, n.Op, n.Attrs, e, k, got, length, want, len(et.Entries), et.Entries[k])
				}
				decoded++
			}
			// (b) one-steps: honest, and a wrong result word
			for _, k := range []int{0, len(et.Entries) / 2, len(et.Entries) - 1} {
				c, p, err := BuildProof(tr, trace, et, k)
				if err != nil {
					t.Fatal(err)
				}
				ok, res, _, err := evm.Verify(c, p)
				if err != nil || !ok || res != et.Entries[k].Result {
					t.Fatalf("node %d %q (%v) element %d entry %d (%v): ok %v result %#x (want %#x) err %v",
						j, n.Name, n.Op, e, k, et.Entries[k], ok, res, et.Entries[k].Result, err)
				}
				bad := append([]repops.Entry(nil), et.Entries...)
				bad[k].Result ^= 1
				bt := jobTrace(t, et, bad)
				c, p, err = BuildProof(tr, trace, bt, k)
				if err != nil {
					t.Fatal(err)
				}
				ok, res, _, err = evm.Verify(c, p)
				if err != nil || ok || res != et.Entries[k].Result {
					t.Fatalf("node %d %q (%v) element %d entry %d, wrong result: ok %v result %#x (want %#x) err %v",
						j, n.Name, n.Op, e, k, ok, res, et.Entries[k].Result, err)
				}
				verified++
			}
		}
	}
	// the job uses all 23 transformer operators
	for _, op := range lmOps() {
		if kinds[op] == 0 {
			t.Errorf("operator %v does not occur in the job's graph", op)
		}
	}
	t.Logf("step %d: %d operator nodes (%d operator kinds), %d element traces (%d entries), %d entries decoded, %d entries verified honest and with a wrong result",
		trace.Step, nodes, len(kinds), traces, total, decoded, verified)
}

// jobTrace re-commits entries as the element trace of et's step, node and
// element.
func jobTrace(t testing.TB, et *trainer.ElementTrace, entries []repops.Entry) *trainer.ElementTrace {
	t.Helper()
	items := make([]commit.Hash, len(entries))
	for i, x := range entries {
		var err error
		if items[i], err = trainer.EntryItem(x); err != nil {
			t.Fatal(err)
		}
	}
	return &trainer.ElementTrace{Step: et.Step, Node: et.Node, Element: et.Element, Entries: entries, Items: items,
		Root: commit.ElementTraceRoot(uint32(et.Node), uint32(et.Element), items)}
}
