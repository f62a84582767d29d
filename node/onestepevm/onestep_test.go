package onestepevm

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

var update = flag.Bool("update", false, "rewrite the embedded artifact copy and testdata/vectors/onestep.json")

const (
	examplePath = "../../examples/digits-mlp.json"
	digitsPath  = "../../data/digits.csv.gz"
)

// job is a trainer of the example job and the trace of its first step.
type job struct {
	name string
	tr   *trainer.Trainer
	st   *trainer.StepTrace
}

var (
	jobsOnce sync.Once
	jobsVal  []job
	jobsErr  error
)

// exampleJobs returns step 0 of examples/digits-mlp.json (Adam) and of the
// same job with SGD with momentum, so that every operator occurs.
func exampleJobs(t testing.TB) []job {
	t.Helper()
	jobsOnce.Do(func() {
		for _, opt := range []string{"adam", "sgd"} {
			s, err := spec.Load(examplePath)
			if err != nil {
				jobsErr = err
				return
			}
			if opt == "sgd" {
				s.Optimizer = spec.Optimizer{Name: spec.OptimizerSGD, LR: 0.05, Momentum: 0.9}
			}
			d, err := dataset.Load(digitsPath, s.Dataset.Format)
			if err != nil {
				jobsErr = err
				return
			}
			tr, err := trainer.New(s, d, trainer.Options{})
			if err != nil {
				jobsErr = err
				return
			}
			st0, err := tr.InitialState()
			if err != nil {
				jobsErr = err
				return
			}
			st, err := tr.StepTrace(st0)
			if err != nil {
				jobsErr = err
				return
			}
			jobsVal = append(jobsVal, job{name: opt, tr: tr, st: st})
		}
	})
	if jobsErr != nil {
		t.Fatal(jobsErr)
	}
	return jobsVal
}

func newEVM(t testing.TB) *EVM {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// mlpOps are the operators of the example MLP jobs (0x01..0x13); the
// transformer operators are covered in lm_test.go.
func mlpOps() []repops.OpKind {
	var out []repops.OpKind
	for _, op := range repops.AllOps() {
		if op <= repops.OpIncrement {
			out = append(out, op)
		}
	}
	return out
}

// opNodes lists the operator nodes of the graph.
func opNodes(g *repops.Graph) []int {
	var out []int
	for i, n := range g.Nodes {
		if n.Kind == repops.KindOp {
			out = append(out, i)
		}
	}
	return out
}

func TestEmbeddedArtifactFresh(t *testing.T) {
	code, abiJSON, err := readArtifact(ArtifactPath())
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no forge artifact (run forge build)")
	}
	if err != nil {
		t.Fatal(err)
	}
	_, decABI, err := readArtifact(DecoderArtifactPath())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		for name, b := range map[string][]byte{
			"testdata/OneStep.bin.hex": []byte(code + "\n"), "testdata/OneStep.abi.json": abiJSON,
			"testdata/ElementDecoder.abi.json": decABI,
		} {
			if err := os.WriteFile(name, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if code != strings.TrimSpace(embeddedHex) {
		t.Fatal("testdata/OneStep.bin.hex is stale: run forge build, then go test ./node/onestepevm -run TestEmbeddedArtifactFresh -update")
	}
	if !bytes.Equal(abiJSON, []byte(embeddedABI)) || !bytes.Equal(decABI, []byte(embeddedDecoderABI)) {
		t.Fatal("testdata/OneStep.abi.json or ElementDecoder.abi.json is stale: run go test ./node/onestepevm -run TestEmbeddedArtifactFresh -update")
	}
}

// nodeInputs returns the shapes, constant flags (and mask) of node j's inputs.
func nodeInputs(g *repops.Graph, j int) (shapes [][]int, shapes32 [][]uint32, isConst []bool, mask uint64) {
	for s, x := range g.Nodes[j].Inputs {
		sh := g.Nodes[x].Shape
		shapes = append(shapes, sh)
		w := make([]uint32, len(sh))
		for i, d := range sh {
			w[i] = uint32(d)
		}
		shapes32 = append(shapes32, w)
		c := g.Nodes[x].Kind == repops.KindConst
		isConst = append(isConst, c)
		if c {
			mask |= 1 << s
		}
	}
	return
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// TestDecodeMatchesSkeleton: for every operator node of both example graphs,
// the contract's decoding of (element, entry) equals repops.TraceSkeleton's
// entry (primitive, operand kinds, slots, references, immediates) and length:
// every entry of the first and last element, and random entries of random
// elements.
func TestDecodeMatchesSkeleton(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[repops.OpKind]int{}
	for _, jb := range exampleJobs(t) {
		g := jb.tr.Graph()
		for _, j := range opNodes(g) {
			n := g.Nodes[j]
			shapes, shapes32, isConst, mask := nodeInputs(g, j)
			out := numel(n.Shape)
			elems := []int{0, out - 1, rng.IntN(out), rng.IntN(out)}
			for ei, e := range elems {
				sk, err := repops.TraceSkeleton(n.Op, n.Attrs, shapes, isConst, e)
				if err != nil {
					t.Fatal(err)
				}
				ks := make([]int, 0, len(sk))
				if ei < 2 {
					for k := range sk {
						ks = append(ks, k)
					}
				} else {
					for range 16 {
						ks = append(ks, rng.IntN(len(sk)))
					}
				}
				for _, k := range ks {
					want, err := trainer.EntryItem(sk[k])
					if err != nil {
						t.Fatal(err)
					}
					got, length, err := evm.Decode(uint8(n.Op), n.Attrs, shapes32, mask, e, k)
					if err != nil {
						t.Fatalf("%s node %d (%v) element %d entry %d: %v", jb.name, j, n.Op, e, k, err)
					}
					if length != uint64(len(sk)) {
						t.Fatalf("%s node %d (%v): length %d, skeleton has %d", jb.name, j, n.Op, length, len(sk))
					}
					if commit.Hash(got) != want {
						t.Fatalf("%s node %d (%v) element %d entry %d:\n got %x\nwant %x (%v)", jb.name, j, n.Op, e, k, got, want, sk[k])
					}
					seen[n.Op]++
				}
			}
		}
	}
	for _, op := range mlpOps() {
		if seen[op] == 0 {
			t.Errorf("operator %v not covered", op)
		}
	}
	t.Logf("decoded %d entries over %d operators", sumCounts(seen), len(seen))
}

func sumCounts(m map[repops.OpKind]int) int {
	s := 0
	for _, v := range m {
		s += v
	}
	return s
}

// TestDecodeRejects: an entry index at the trace length and an unknown
// operator revert.
func TestDecodeRejects(t *testing.T) {
	evm := newEVM(t)
	_, _, err := evm.Decode(uint8(repops.OpReLU), nil, [][]uint32{{4}}, 0, 0, 1)
	if r := new(Reverted); !errors.As(err, &r) || r.Name != "EntryIndex" {
		t.Fatalf("entry past the end: %v", err)
	}
	_, _, err = evm.Decode(0x2B, nil, [][]uint32{{4}}, 0, 0, 0)
	if r := new(Reverted); !errors.As(err, &r) || r.Name != "UnknownOperator" {
		t.Fatalf("unknown operator: %v", err)
	}
	// transformer operators: counts, divisibility, ranges, elements past the output
	f := func(x float32) uint32 { return math.Float32bits(x) }
	for _, c := range []struct {
		name   string
		op     repops.OpKind
		attrs  []uint32
		shapes [][]uint32
		e      int
		want   string
	}{
		{"WindowIndex one attribute", repops.OpWindowIndex, []uint32{4}, [][]uint32{{2}}, 0, "BadOperands"},
		{"WindowIndex C = 0", repops.OpWindowIndex, []uint32{0, 0}, [][]uint32{{2}}, 0, "BadOperands"},
		{"WindowIndex offset 2^24", repops.OpWindowIndex, []uint32{1, 1 << 24}, [][]uint32{{2}}, 0, "BadOperands"},
		{"Add with an attribute", repops.OpAdd, []uint32{1}, [][]uint32{{2}, {2}}, 0, "BadOperands"},
		{"Add one input", repops.OpAdd, nil, [][]uint32{{2}}, 0, "BadOperands"},
		{"PosAdd R does not divide m", repops.OpPosAdd, nil, [][]uint32{{5, 3}, {2, 3}}, 0, "BadOperands"},
		{"PosAdd widths differ", repops.OpPosAdd, nil, [][]uint32{{4, 3}, {2, 4}}, 0, "BadOperands"},
		{"RowGroupSum R = 0", repops.OpRowGroupSum, []uint32{0}, [][]uint32{{4, 3}}, 0, "BadOperands"},
		{"AttnScores H does not divide d", repops.OpAttnScores, []uint32{3, 2, f(1), 0}, [][]uint32{{4, 4}, {4, 4}}, 0, "BadOperands"},
		{"AttnScores C does not divide M", repops.OpAttnScores, []uint32{2, 3, f(1), 0}, [][]uint32{{4, 4}, {4, 4}}, 0, "BadOperands"},
		{"AttnScores causal 2", repops.OpAttnScores, []uint32{2, 2, f(1), 2}, [][]uint32{{4, 4}, {4, 4}}, 0, "BadOperands"},
		{"AttnScores element past the output", repops.OpAttnScores, []uint32{2, 2, f(1), 1}, [][]uint32{{4, 4}, {4, 4}}, 16, "ElementIndex"},
		{"AttnApply P rows", repops.OpAttnApply, []uint32{2}, [][]uint32{{4, 2}, {4, 4}}, 0, "BadOperands"},
		{"AttnApplyT H = 0", repops.OpAttnApplyT, []uint32{0}, [][]uint32{{8, 2}, {4, 4}}, 0, "BadOperands"},
		{"SoftmaxRow vector", repops.OpSoftmaxRow, nil, [][]uint32{{4}, {4}}, 0, "BadOperands"},
		{"RMSInv element past the output", repops.OpRMSInv, []uint32{f(1e-5)}, [][]uint32{{3, 4}}, 3, "ElementIndex"},
		{"RMSNormGradG zero rows", repops.OpRMSNormGradG, nil, [][]uint32{{0, 4}, {0, 4}, {0}}, 0, "BadOperands"},
		{"EmbedGrad tok length", repops.OpEmbedGrad, []uint32{5}, [][]uint32{{4, 3}, {3}}, 0, "BadOperands"},
		{"EmbedGrad V = 2^24", repops.OpEmbedGrad, []uint32{1 << 24}, [][]uint32{{4, 3}, {4}}, 0, "BadOperands"},
		{"LRSchedule NaN", repops.OpLRSchedule, []uint32{0x7FC00000, 0, f(1), f(1)}, [][]uint32{{1}}, 0, "BadOperands"},
		{"LRSchedule span 0", repops.OpLRSchedule, []uint32{f(1), 0, f(1), 0}, [][]uint32{{1}}, 0, "BadOperands"},
		{"LRSchedule element 1", repops.OpLRSchedule, []uint32{f(1), 0, f(1), f(1)}, [][]uint32{{1}}, 1, "ElementIndex"},
		{"SumSq dimension 2^24", repops.OpSumSq, nil, [][]uint32{{1 << 24}}, 0, "BadOperands"},
		{"SumSq 2^31 elements", repops.OpSumSq, nil, [][]uint32{{1 << 16, 1 << 15}}, 0, "BadOperands"},
	} {
		sh := make([][]int, len(c.shapes))
		for s, x := range c.shapes {
			for _, v := range x {
				sh[s] = append(sh[s], int(v))
			}
		}
		if _, err := repops.TraceSkeleton(c.op, c.attrs, sh, make([]bool, len(sh)), c.e); err == nil && c.want != "ElementIndex" {
			t.Errorf("%s: repops accepts it", c.name)
		}
		_, _, err := evm.Decode(uint8(c.op), c.attrs, c.shapes, 0, c.e, 0)
		if r := new(Reverted); !errors.As(err, &r) || r.Name != c.want {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
}

func elementTrace(t testing.TB, jb job, node, e int) *trainer.ElementTrace {
	t.Helper()
	et, err := jb.tr.ElementTrace(jb.st, node, e)
	if err != nil {
		t.Fatal(err)
	}
	return et
}

func verifyOK(t testing.TB, evm *EVM, jb job, et *trainer.ElementTrace, k int) uint64 {
	t.Helper()
	c, p, err := BuildProof(jb.tr, jb.st, et, k)
	if err != nil {
		t.Fatal(err)
	}
	ok, res, gas, err := evm.Verify(c, p)
	if err != nil {
		t.Fatalf("%s node %d element %d entry %d (%v): %v", jb.name, et.Node, et.Element, k, et.Entries[k], err)
	}
	if !ok || res != et.Entries[k].Result {
		t.Fatalf("%s node %d element %d entry %d (%v): ok=%v result %#08x", jb.name, et.Node, et.Element, k, et.Entries[k], ok, res)
	}
	return gas
}

// TestOneStepRealTraces verifies random entries of real element traces of
// every operator node of step 0 of the example job (Adam and SGD) through the
// contract: each must be accepted with the trace's result.
func TestOneStepRealTraces(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(3, 4))
	perOp := map[repops.OpKind]int{}
	maxGas := map[repops.OpKind]uint64{}
	for _, jb := range exampleJobs(t) {
		g := jb.tr.Graph()
		for _, j := range opNodes(g) {
			out := numel(g.Nodes[j].Shape)
			for _, e := range []int{0, rng.IntN(out), out - 1} {
				et := elementTrace(t, jb, j, e)
				ks := []int{0, len(et.Entries) - 1}
				for range 6 {
					ks = append(ks, rng.IntN(len(et.Entries)))
				}
				for _, k := range ks {
					gas := verifyOK(t, evm, jb, et, k)
					op := g.Nodes[j].Op
					perOp[op]++
					maxGas[op] = max(maxGas[op], gas)
				}
			}
		}
	}
	for _, op := range mlpOps() {
		if perOp[op] == 0 {
			t.Errorf("operator %v not covered", op)
		}
		t.Logf("%-16v %3d entries verified, max gas %d", op, perOp[op], maxGas[op])
	}
}

// TestOneStepGatherAllEntries covers the addressed input (ArgInputAt) of
// every Gather node, all four entries of several elements.
func TestOneStepGatherAllEntries(t *testing.T) {
	evm := newEVM(t)
	jb := exampleJobs(t)[0]
	g := jb.tr.Graph()
	for _, j := range opNodes(g) {
		if g.Nodes[j].Op != repops.OpGather {
			continue
		}
		for _, e := range []int{0, 1, 7, numel(g.Nodes[j].Shape) - 1} {
			et := elementTrace(t, jb, j, e)
			for k := range et.Entries {
				verifyOK(t, evm, jb, et, k)
			}
		}
	}
}

func wantRevert(t *testing.T, what string, err error, name string) {
	t.Helper()
	r := new(Reverted)
	if !errors.As(err, &r) || r.Name != name {
		t.Fatalf("%s: want revert %s, got %v", what, name, err)
	}
}

// TestOneStepTampered: tampered proofs revert with the failed check, and an
// entry that the worker committed with a wrong result or a wrong structure
// is reported wrong (ok = false) with the correct result.
func TestOneStepTampered(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, jb := range exampleJobs(t) {
		g := jb.tr.Graph()
		for _, j := range opNodes(g) {
			et := elementTrace(t, jb, j, rng.IntN(numel(g.Nodes[j].Shape)))
			for _, k := range []int{rng.IntN(len(et.Entries)), len(et.Entries) - 1} {
				tamperEntry(t, evm, jb, et, k)
			}
		}
	}
}

func tamperEntry(t *testing.T, evm *EVM, jb job, et *trainer.ElementTrace, k int) {
	g := jb.tr.Graph()
	j := et.Node
	entry := et.Entries[k]
	c, p, err := BuildProof(jb.tr, jb.st, et, k)
	if err != nil {
		t.Fatal(err)
	}
	name := g.Nodes[j].Op.String()

	// a wrong graph proof of the node
	q := cloneProof(p)
	q.Node.Proof[0][5] ^= 1
	_, _, _, err = evm.Verify(c, q)
	wantRevert(t, name+" node graph proof", err, "GraphProofFailed")
	// a wrong input node encoding, an omitted input the entry needs
	for s := range q.Inputs {
		if len(p.Inputs[s].Enc) == 0 {
			continue
		}
		q = cloneProof(p)
		q.Inputs[s].Enc[len(q.Inputs[s].Enc)-1] ^= 1
		_, _, _, err = evm.Verify(c, q)
		wantRevert(t, name+" input encoding", err, "GraphProofFailed")
		q = cloneProof(p)
		q.Inputs[s] = GraphNode{}
		_, _, _, err = evm.Verify(c, q)
		wantRevert(t, name+" omitted input", err, "MissingInput")
	}
	// every input node supplied is accepted too
	fc, fp, err := BuildFullProof(jb.tr, jb.st, et, k)
	if err != nil {
		t.Fatal(err)
	}
	if ok, res, _, err := evm.Verify(fc, fp); err != nil || !ok || res != entry.Result {
		t.Fatalf("%s with every input: ok=%v result %#08x err %v", name, ok, res, err)
	}
	// a wrong entry proof
	q = cloneProof(p)
	q.EntryItem[20] ^= 1
	_, _, _, err = evm.Verify(c, q)
	wantRevert(t, name+" claimed entry", err, "EntryProofFailed")

	// tampered operand proofs
	for i, a := range entry.Args {
		switch a.Kind {
		case repops.ArgInput, repops.ArgInputAt:
			q = cloneProof(p)
			w := 4 * (elemOf(et, a) % 8)
			q.Operands[i].Leaf[w+3] ^= 1 // the operand's value
			_, _, _, err = evm.Verify(c, q)
			wantRevert(t, name+" operand value", err, "TensorProofFailed")
			q = cloneProof(p)
			q.Operands[i].OutRoot[0] ^= 1
			_, _, _, err = evm.Verify(c, q)
			wantRevert(t, name+" operand output root", err, "StepTraceProofFailed")
		}
		switch a.Kind {
		case repops.ArgEntry, repops.ArgInputAt:
			q = cloneProof(p)
			q.Operands[i].EntryItem[21] ^= 1
			_, _, _, err = evm.Verify(c, q)
			wantRevert(t, name+" operand entry", err, "EntryProofFailed")
		}
	}

	// the worker committed a wrong result, or a wrong primitive
	for _, mut := range []func(h *commit.Hash){
		func(h *commit.Hash) { h[22] ^= 1 },
		func(h *commit.Hash) { h[0] ^= 0x20 },
	} {
		items := append([]commit.Hash(nil), et.Items...)
		mut(&items[k])
		bad := *et
		bad.Items = items
		bad.Root = commit.ElementTraceRoot(uint32(et.Node), uint32(et.Element), items)
		bc, bp, err := BuildProof(jb.tr, jb.st, &bad, k)
		if err != nil {
			t.Fatal(err)
		}
		ok, res, _, err := evm.Verify(bc, bp)
		if err != nil {
			t.Fatalf("%s wrong entry: %v", name, err)
		}
		if ok || res != entry.Result {
			t.Fatalf("%s wrong entry accepted: ok=%v result %#08x want %#08x", name, ok, res, entry.Result)
		}
	}
}

// elemOf returns the element index an input operand reads.
func elemOf(et *trainer.ElementTrace, a repops.Operand) int {
	if a.Kind == repops.ArgInputAt {
		return int(et.Entries[a.Index].Result)
	}
	return a.Index
}

func cloneHashes(h [][32]byte) [][32]byte { return append([][32]byte(nil), h...) }

func cloneProof(p StepProof) StepProof {
	q := p
	q.Node = GraphNode{Enc: bytes.Clone(p.Node.Enc), Proof: cloneHashes(p.Node.Proof)}
	q.Inputs = make([]GraphNode, len(p.Inputs))
	for i, in := range p.Inputs {
		q.Inputs[i] = GraphNode{Enc: bytes.Clone(in.Enc), Proof: cloneHashes(in.Proof)}
	}
	q.EntryProof = cloneHashes(p.EntryProof)
	for i, o := range p.Operands {
		q.Operands[i] = OperandProof{
			OutRoot: o.OutRoot, OutRootProof: cloneHashes(o.OutRootProof), Leaf: o.Leaf,
			LeafPath: cloneHashes(o.LeafPath), EntryItem: o.EntryItem, EntryProof: cloneHashes(o.EntryProof),
		}
	}
	return q
}

// rebuilt returns a copy of et whose committed items are replaced (the
// worker committed another trace) with its root recomputed.
func rebuilt(et *trainer.ElementTrace, items []commit.Hash) *trainer.ElementTrace {
	bad := *et
	bad.Items = items
	bad.Root = commit.ElementTraceRoot(uint32(et.Node), uint32(et.Element), items)
	return &bad
}

// TestOneStepWrongLengthAndAddress: a committed trace one entry too long is
// reported wrong (ok = false); a Gather trace whose address entry points past
// the table reverts with AddressOutOfRange at the addressed read.
func TestOneStepWrongLengthAndAddress(t *testing.T) {
	evm := newEVM(t)
	jb := exampleJobs(t)[0]
	g := jb.tr.Graph()
	for _, j := range opNodes(g) {
		et := elementTrace(t, jb, j, 0)
		longer := append(append([]commit.Hash(nil), et.Items...), et.Items[len(et.Items)-1])
		bad := rebuilt(et, longer)
		bad.Entries = append(append([]repops.Entry(nil), et.Entries...), et.Entries[len(et.Entries)-1])
		c, p, err := BuildProof(jb.tr, jb.st, bad, 0)
		if err != nil {
			t.Fatal(err)
		}
		ok, res, _, err := evm.Verify(c, p)
		if err != nil || ok || res != 0 {
			t.Fatalf("%v: trace one entry too long: ok=%v result %#08x err %v", g.Nodes[j].Op, ok, res, err)
		}
		if g.Nodes[j].Op != repops.OpGather {
			continue
		}
		items := append([]commit.Hash(nil), et.Items...)
		entries := append([]repops.Entry(nil), et.Entries...)
		entries[2].Result = 1 << 30
		if items[2], err = trainer.EntryItem(entries[2]); err != nil {
			t.Fatal(err)
		}
		bad = rebuilt(et, items)
		bad.Entries = entries
		// BuildProof would read the table at the bad address; prove entry 3
		// from the honest proof with the operand's entry replaced.
		c, p, err = BuildProof(jb.tr, jb.st, et, 3)
		if err != nil {
			t.Fatal(err)
		}
		c.ElementTraceRoot = bad.Root
		if p.EntryProof, err = proofOf(items, 3); err != nil {
			t.Fatal(err)
		}
		p.EntryItem = items[3]
		p.Operands[0].EntryItem = items[2]
		if p.Operands[0].EntryProof, err = proofOf(items, 2); err != nil {
			t.Fatal(err)
		}
		_, _, _, err = evm.Verify(c, p)
		wantRevert(t, "gather address past the table", err, "AddressOutOfRange")
	}
}

func proofOf(items []commit.Hash, k int) ([][32]byte, error) {
	p, err := commit.ListProof(items, uint64(k))
	return siblings(p), err
}
