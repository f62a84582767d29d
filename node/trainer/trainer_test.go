package trainer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
)

const (
	examplePath = "../../examples/digits-mlp.json"
	digitsPath  = "../../data/digits.csv.gz"
)

func exampleTrainer(t testing.TB, opts Options) *Trainer {
	t.Helper()
	s, err := spec.Load(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(digitsPath, s.Dataset.Format)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(s, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// Golden commitments of examples/digits-mlp.json, in
// testdata/golden-digits-mlp.json. They pin RepOps semantics, the graph, the
// initialization and the commitment encodings together: a change to any of
// them must be deliberate (regenerate with -update and say why in the
// commit). The test runs the full job and must give these bits under
// GOAMD64=v1, GOAMD64=v3 and GOARCH=arm64.
type golden struct {
	Spec            string            `json:"spec"`
	SpecHash        string            `json:"specHash"`
	GraphRoot       string            `json:"graphRoot"`
	GraphNodes      int               `json:"graphNodes"`
	InitialRoot     string            `json:"initialStateRoot"`
	DataRoot        string            `json:"dataRoot"`
	StateRoots      map[uint64]string `json:"stateRoots"`
	CheckpointsRoot string            `json:"checkpointsRoot"`
	Losses          map[uint64]string `json:"losses"`   // float32 bits of the batch loss
	Accuracy        map[uint64]string `json:"accuracy"` // held-out, correct/rows
}

var update = flag.Bool("update", false, "rewrite testdata/golden-digits-mlp.json")

const goldenPath = "testdata/golden-digits-mlp.json"

func TestGoldenRoots(t *testing.T) {
	tr := exampleTrainer(t, Options{})
	var ps []Progress
	_, err := tr.Run(context.Background(), nil, 0, func(p Progress) error {
		ps = append(ps, p)
		return nil
	})
	if err != nil {
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
		DataRoot: dataRoot.String(),
		Spec:     "examples/digits-mlp.json", SpecHash: tr.SpecHash().String(),
		GraphRoot: tr.GraphRoot().String(), GraphNodes: len(tr.Graph().Nodes),
		InitialRoot: init.String(), StateRoots: map[uint64]string{},
		Losses: map[uint64]string{}, Accuracy: map[uint64]string{},
	}
	var roots []commit.Hash
	for _, p := range ps {
		t.Logf("step %d loss %.4f accuracy %.4f root %s", p.Step, p.Loss, p.Accuracy, p.StateRoot)
		roots = append(roots, p.StateRoot)
		g.StateRoots[p.Step] = p.StateRoot.String()
		g.Losses[p.Step] = fmt.Sprintf("0x%08x", math.Float32bits(p.Loss))
		g.Accuracy[p.Step] = strconv.FormatFloat(p.Accuracy, 'g', -1, 64)
	}
	g.CheckpointsRoot = commit.CheckpointsRoot(roots).String()
	if len(ps) != tr.Spec().Checkpoints() {
		t.Fatalf("%d checkpoints, want %d", len(ps), tr.Spec().Checkpoints())
	}
	if last := ps[len(ps)-1]; last.Accuracy < 0.90 {
		t.Errorf("held-out accuracy %.4f < 0.90", last.Accuracy)
	}
	checkGolden(t, goldenPath, g)
}

// checkGolden compares g with the golden file at path (or rewrites it with
// -update).
func checkGolden(t *testing.T, path string, g golden) {
	t.Helper()
	got, _ := json.MarshalIndent(g, "", "  ")
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("commitments differ from %s:\n%s\nIf the change is deliberate, rerun with -update.", path, got)
	}
}

func TestResumeMatchesUninterrupted(t *testing.T) {
	dir := t.TempDir()
	tr := exampleTrainer(t, Options{CheckpointDir: dir, SkipEval: true})
	roots := map[uint64]commit.Hash{}
	final, err := tr.Run(context.Background(), nil, 300, func(p Progress) error {
		roots[p.Step] = p.StateRoot
		if p.Path != CheckpointFile(dir, p.Step) {
			t.Errorf("checkpoint written to %s", p.Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if final.Step != 300 || len(roots) != 3 {
		t.Fatalf("ran to %d with %d checkpoints", final.Step, len(roots))
	}
	// A fresh trainer resumes from the file of checkpoint 1 (step 100).
	tr2 := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr2.LoadCheckpoint(CheckpointFile(dir, 100))
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := tr2.StateRoot(st); r != roots[100] {
		t.Fatalf("loaded checkpoint root %s, written %s", r, roots[100])
	}
	resumed := map[uint64]commit.Hash{}
	if _, err := tr2.Run(context.Background(), st, 300, func(p Progress) error {
		resumed[p.Step] = p.StateRoot
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []uint64{200, 300} {
		if resumed[s] != roots[s] {
			t.Fatalf("step %d: resumed root %s, uninterrupted %s", s, resumed[s], roots[s])
		}
	}
	// No temporary files are left behind.
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Fatalf("temporary file %s left", e.Name())
		}
	}
	// StateAt replays from the checkpoint before the step.
	st250, err := tr2.StateAt(context.Background(), dir, 250)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := tr2.Run(context.Background(), nil, 250, nil)
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := tr2.StateRoot(st250)
	r2, _ := tr2.StateRoot(direct)
	if r1 != r2 {
		t.Fatal("StateAt differs from a direct run")
	}
}

func TestReplayIntervalAndTraces(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	ctx := context.Background()
	st, err := tr.Run(ctx, nil, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	roots, end, err := tr.ReplayInterval(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 101 || end.Step != 200 {
		t.Fatalf("%d roots, end step %d", len(roots), end.Step)
	}
	r100, _ := tr.StateRoot(st)
	r200, _ := tr.StateRoot(end)
	if roots[0] != r100 || roots[100] != r200 {
		t.Fatal("interval roots do not start and end at the checkpoints")
	}
	mid, err := tr.Run(ctx, st, 137, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := tr.ReplayInterval(ctx, mid); !errors.Is(err, ErrNotCheckpoint) {
		t.Fatalf("interval from step 137: %v", err)
	}

	// Step trace of step 137: its first nodes are the state at 137, its
	// outputs the state at 138, both as committed by the state roots.
	trace, err := tr.StepTrace(mid)
	if err != nil {
		t.Fatal(err)
	}
	g := tr.Graph()
	if len(trace.NodeRoots) != len(g.Nodes) || trace.Root != commit.StepTraceRoot(137, trace.NodeRoots) {
		t.Fatal("step trace root")
	}
	if trace.Next.Step != 138 {
		t.Fatalf("next step %d", trace.Next.Step)
	}
	if r, _ := tr.StateRoot(trace.Next); r != roots[38] {
		t.Fatal("step trace's next state differs from the replay")
	}
	stRoots := make([]commit.Hash, g.NumState())
	nextRoots := make([]commit.Hash, g.NumState())
	for i := range stRoots {
		stRoots[i] = trace.NodeRoots[i]
		nextRoots[i] = trace.NodeRoots[g.Outputs[i]]
	}
	if commit.StateRoot(137, stRoots) != roots[37] || commit.StateRoot(138, nextRoots) != roots[38] {
		t.Fatal("step trace node roots do not rebuild the state roots")
	}
	var dataRoots []commit.Hash
	for i, n := range g.Nodes {
		if n.Kind == repops.KindData {
			dataRoots = append(dataRoots, trace.NodeRoots[i])
		}
	}
	if dr, _ := tr.DataRoot(); len(dataRoots) != 2 || commit.DataRoot(dataRoots) != dr {
		t.Fatal("step trace data nodes do not rebuild the data root")
	}

	// Element traces of the last node of a few kinds replay to the element.
	seen := map[repops.OpKind]bool{}
	for j := len(g.Nodes) - 1; j >= 0; j-- {
		n := g.Nodes[j]
		if n.Kind != repops.KindOp || seen[n.Op] {
			continue
		}
		seen[n.Op] = true
		e := (len(trace.Outputs[j].Data) - 1) / 2
		et, err := tr.ElementTrace(trace, j, e)
		if err != nil {
			t.Fatalf("node %d (%v): %v", j, n.Op, err)
		}
		v, err := repops.Replay(et.Entries)
		if err != nil {
			t.Fatalf("node %d (%v): replay: %v", j, n.Op, err)
		}
		if v != math.Float32bits(trace.Outputs[j].Data[e]) {
			t.Fatalf("node %d (%v): trace ends at %#x", j, n.Op, v)
		}
		// The last entry is proven against the element-trace root, and the
		// element against the node's output root.
		k := uint64(len(et.Items) - 1)
		p, _ := et.EntryProof(int(k))
		if !p.VerifyItem(commit.NewHasher().ListRoot(et.Items), et.Items[k], uint64(len(et.Items))) {
			t.Fatal("entry proof")
		}
		ep, err := commit.ProveElement(n.Shape, trace.Outputs[j].Data, uint64(e))
		if err != nil {
			t.Fatal(err)
		}
		if w, err := ep.Verify(trace.NodeRoots[j]); err != nil || w != v {
			t.Fatalf("element proof: %v", err)
		}
	}
	// The proofs a worker supplies in the dispute verify against the
	// revealed roots.
	listRoot := func(items []commit.Hash) commit.Hash { return commit.NewHasher().ListRoot(items) }
	for _, j := range []int{0, g.Logits, len(g.Nodes) - 1} {
		np, err := trace.NodeProof(j)
		if err != nil || !np.VerifyItem(listRoot(trace.NodeRoots), trace.NodeRoots[j], uint64(len(g.Nodes))) {
			t.Fatalf("node proof %d: %v", j, err)
		}
		ep, err := trace.ElementProof(j, 0)
		if err != nil {
			t.Fatal(err)
		}
		if w, err := ep.Verify(trace.NodeRoots[j]); err != nil || w != math.Float32bits(trace.Outputs[j].Data[0]) {
			t.Fatalf("element proof of node %d: %v", j, err)
		}
		enc, gp, err := tr.GraphNode(j)
		if err != nil {
			t.Fatal(err)
		}
		encs := g.NodeEncodings()
		items := make([]commit.Hash, len(encs))
		for i, e := range encs {
			items[i] = commit.GraphNodeItem(e)
		}
		if commit.GraphRootOfItems(items) != tr.GraphRoot() || !gp.VerifyItem(listRoot(items), commit.GraphNodeItem(enc), uint64(len(items))) {
			t.Fatalf("graph node proof %d", j)
		}
	}
	if _, err := tr.ElementTrace(trace, 0, 0); err == nil {
		t.Fatal("element trace of a state node")
	}
	if _, err := tr.ElementTrace(trace, len(g.Nodes), 0); err == nil {
		t.Fatal("element trace of a node out of range")
	}
}

func TestCheckpointCodec(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.Run(context.Background(), nil, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := tr.Checkpoint(st)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeCheckpoint(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := d.Encode()
	if !bytes.Equal(b, b2) {
		t.Fatal("re-encoding differs")
	}
	if _, err := tr.FromCheckpoint(d); err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{0, 10, 84, 100, len(b) - 33, len(b) - 1} {
		if _, err := DecodeCheckpoint(b[:cut]); !errors.Is(err, ErrCheckpoint) {
			t.Errorf("truncated to %d: %v", cut, err)
		}
	}
	flip := append([]byte(nil), b...)
	flip[len(flip)/2] ^= 1
	if _, err := DecodeCheckpoint(flip); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("flipped byte: %v", err)
	}
	// A checkpoint whose header root does not match its tensors (with a
	// valid checksum) is rejected.
	bad := *c
	bad.StateRoot[0] ^= 1
	bb, _ := bad.Encode()
	if _, err := DecodeCheckpoint(bb); err == nil || !strings.Contains(err.Error(), "state root") {
		t.Errorf("wrong root: %v", err)
	}
	// Another job's checkpoint is refused.
	other := *c
	other.SpecHash[5] ^= 1
	if _, err := tr.FromCheckpoint(&other); err == nil {
		t.Error("checkpoint of another spec accepted")
	}
	off := *c
	off.Step = 150
	if _, err := tr.FromCheckpoint(&off); err == nil {
		t.Error("checkpoint at a non-checkpoint step accepted")
	}
	// Files: atomic write, read back, errors name the file.
	dir := t.TempDir()
	path, err := WriteCheckpoint(dir, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.LoadCheckpoint(path); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, b[:500], 0o644)
	if _, err := tr.LoadCheckpoint(path); err == nil || !strings.Contains(err.Error(), filepath.Base(path)) {
		t.Errorf("truncated file: %v", err)
	}
}

func FuzzDecodeCheckpoint(f *testing.F) {
	c := &Checkpoint{Step: 3, Names: []string{"a", "b"}, State: []repops.Tensor{
		{Shape: []int{2, 3}, Data: []float32{1, 2, 3, 4, 5, 6}},
		{Shape: []int{1}, Data: []float32{3}},
	}}
	c.StateRoot, _ = stateRoot(3, c.State)
	b, _ := c.Encode()
	f.Add(b)
	f.Add(b[:len(b)-32])
	f.Add([]byte(CheckpointMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeCheckpoint(b)
		if err != nil {
			if !errors.Is(err, ErrCheckpoint) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		re, err := d.Encode()
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}

func TestEntryItemLayout(t *testing.T) {
	e := repops.Entry{Op: repops.FMA, Args: [3]repops.Operand{
		{Kind: repops.ArgInput, Slot: 1, Index: 0x01020304, Word: 0xdeadbeef},
		{Kind: repops.ArgImm, Word: 0x3f800000},
		{Kind: repops.ArgEntry, Index: 7, Word: 0x11111111},
	}, Result: 0xcafef00d}
	item, err := EntryItem(e)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{byte(repops.FMA),
		1, 1, 0x01, 0x02, 0x03, 0x04, // input slot 1, element 0x01020304
		4, 0, 0x3f, 0x80, 0x00, 0x00, // immediate 1.0
		2, 0, 0, 0, 0, 7, // entry 7
		0xca, 0xfe, 0xf0, 0x0d, // result
		0, 0, 0, 0, 0, 0, 0, 0, 0}
	if !bytes.Equal(item[:], want) {
		t.Fatalf("item %x, want %x", item[:], want)
	}
	c := repops.Entry{Op: repops.MUL, Args: [3]repops.Operand{{Kind: repops.ArgConst, Slot: 2, Word: 5}}}
	ci, _ := EntryItem(c)
	if ci[1] != 3 || ci[2] != 2 || ci[3]|ci[4]|ci[5]|ci[6] != 0 {
		t.Fatalf("constant operand encoded as %x", ci[1:7])
	}
	bad := e
	bad.Args[0].Slot = 256
	if _, err := EntryItem(bad); err == nil {
		t.Fatal("slot 256 accepted")
	}
}

// TestSGDOnF32Matrix runs the other optimizer, format and holdout rule end
// to end: a 3-class problem in an f32-matrix blob, SGD with momentum, the
// last rows held out; resuming from a checkpoint reproduces the roots.
func TestSGDOnF32Matrix(t *testing.T) {
	const rows, feats = 120, 4
	x := make([]float32, rows*feats)
	y := make([]uint32, rows)
	for i := 0; i < rows; i++ {
		y[i] = uint32(i % 3)
		for j := 0; j < feats; j++ {
			// class-dependent means, deterministic jitter
			x[i*feats+j] = float32(int(y[i])*(j+1)) + float32((i*7+j*3)%5)*0.125
		}
	}
	blob, err := dataset.EncodeF32Matrix(rows, feats, x, y)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Decode(blob, spec.FormatF32Matrix)
	if err != nil {
		t.Fatal(err)
	}
	js := fmt.Sprintf(`{"version":1,"model":{"layers":[4,8,3],"activation":"relu"},
		"dataset":{"hash":"%s","format":"f32-matrix","rows":120,"features":4,"classes":3,"holdout":{"rule":"last","count":30}},
		"loss":"softmax_cross_entropy","optimizer":{"name":"sgd","lr":0.05,"momentum":0.9},
		"batch_size":16,"seed":7,"steps":60,"checkpoint_interval":20}`, d.Hash)
	s, err := spec.Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tr, err := New(s, d, Options{CheckpointDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if names := tr.StateNames(); len(names) != 9 || names[4] != "vW1" || names[8] != "step" {
		t.Fatalf("state names %v", names)
	}
	var ps []Progress
	if _, err := tr.Run(context.Background(), nil, 0, func(p Progress) error { ps = append(ps, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[2].Accuracy < 0.9 {
		t.Fatalf("%d checkpoints, final accuracy %v", len(ps), ps[len(ps)-1].Accuracy)
	}
	st, err := tr.LoadCheckpoint(CheckpointFile(dir, 20))
	if err != nil {
		t.Fatal(err)
	}
	end, err := tr.Run(context.Background(), st, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := tr.StateRoot(end); r != ps[2].StateRoot {
		t.Fatal("resumed SGD run differs")
	}
	// The dataset must be the one the spec names.
	other := *d
	other.Hash[0] ^= 1
	if _, err := New(s, &other, Options{}); err == nil || !strings.Contains(err.Error(), "spec says") {
		t.Fatalf("wrong dataset accepted: %v", err)
	}
}
