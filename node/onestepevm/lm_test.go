package onestepevm

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// lmOps are the transformer operators 0x14..0x2A.
func lmOps() []repops.OpKind {
	var out []repops.OpKind
	for _, op := range repops.AllOps() {
		if op > repops.OpIncrement {
			out = append(out, op)
		}
	}
	return out
}

// opGraph is a graph of one operator node over its inputs (state nodes, or
// constant nodes for the constant slots), with one step's outputs: the
// GraphSource of a one-step over that operator.
type opGraph struct {
	g       *repops.Graph
	encs    [][]byte
	root    commit.Hash
	st      *trainer.StepTrace
	attrs   []uint32
	inputs  []repops.Tensor
	isConst []bool
}

func (o *opGraph) Graph() *repops.Graph   { return o.g }
func (o *opGraph) GraphRoot() commit.Hash { return o.root }
func (o *opGraph) GraphNode(j int) ([]byte, commit.Proof, error) {
	items := make([]commit.Hash, len(o.encs))
	for i, e := range o.encs {
		items[i] = commit.GraphNodeItem(e)
	}
	p, err := commit.ListProof(items, uint64(j))
	return o.encs[j], p, err
}

// node is the operator node's index (the last).
func (o *opGraph) node() int { return len(o.g.Nodes) - 1 }

// newOpGraph builds the one-operator graph of op over inputs, computing the
// operator's output element by element from its programs.
func newOpGraph(t testing.TB, op repops.OpKind, attrs []uint32, inputs []repops.Tensor, isConst []bool) *opGraph {
	return newOpGraphPadded(t, op, attrs, inputs, isConst, 0, true)
}

// newOpGraphPadded is newOpGraph with pad state nodes before the inputs
// (a graph of the size of a real job's) and, unless outputs, a zero output
// tensor (the one-step never reads it).
func newOpGraphPadded(t testing.TB, op repops.OpKind, attrs []uint32, inputs []repops.Tensor, isConst []bool, pad int, outputs bool) *opGraph {
	t.Helper()
	shapes := make([][]int, len(inputs))
	g := &repops.Graph{}
	var padT []repops.Tensor
	for i := range pad {
		g.Nodes = append(g.Nodes, repops.Node{Kind: repops.KindState, Shape: []int{1}, Output: -1, Name: fmt.Sprintf("pad%d", i)})
		padT = append(padT, repops.NewTensor(1))
	}
	for s, in := range inputs {
		shapes[s] = in.Shape
		n := repops.Node{Kind: repops.KindState, Shape: in.Shape, Output: -1, Name: fmt.Sprintf("in%d", s)}
		if isConst[s] {
			n = repops.Node{Kind: repops.KindConst, Shape: []int{1}, Attrs: []uint32{math.Float32bits(in.Data[0])}, Output: -1}
		}
		g.Nodes = append(g.Nodes, n)
	}
	out, err := repops.OutShape(op, attrs, shapes, 1)
	if err != nil {
		t.Fatalf("%v %v: %v", op, shapes, err)
	}
	ins := make([]int, len(inputs))
	for s := range ins {
		ins[s] = pad + s
	}
	g.Nodes = append(g.Nodes, repops.Node{Kind: repops.KindOp, Op: op, Inputs: ins, Attrs: attrs, Shape: out, Output: -1})
	y := repops.NewTensor(out...)
	for e := range y.Data {
		if !outputs {
			break
		}
		es, err := repops.ElementTrace(op, attrs, inputs, isConst, e)
		if err != nil {
			t.Fatal(err)
		}
		y.Data[e] = math.Float32frombits(es[len(es)-1].Result)
	}
	outs := append(append(padT, inputs...), y)
	ts := make([]commit.Tensor, len(outs))
	for i, x := range outs {
		ts[i] = commit.Tensor(x)
	}
	roots, err := commit.TensorRoots(ts)
	if err != nil {
		t.Fatal(err)
	}
	o := &opGraph{g: g, encs: g.NodeEncodings(), attrs: attrs, inputs: inputs, isConst: isConst}
	o.root = commit.GraphRoot(o.encs)
	o.st = &trainer.StepTrace{Step: 3, Outputs: outs, NodeRoots: roots, Root: commit.StepTraceRoot(3, roots)}
	return o
}

// elementTrace is the committed element trace of element e of the operator.
func (o *opGraph) elementTrace(t testing.TB, e int) *trainer.ElementTrace {
	t.Helper()
	es, err := repops.ElementTrace(o.g.Nodes[o.node()].Op, o.attrs, o.inputs, o.isConst, e)
	if err != nil {
		t.Fatal(err)
	}
	return commitTrace(t, o.node(), e, es)
}

func commitTrace(t testing.TB, node, e int, es []repops.Entry) *trainer.ElementTrace {
	t.Helper()
	items := make([]commit.Hash, len(es))
	for i, x := range es {
		var err error
		if items[i], err = trainer.EntryItem(x); err != nil {
			t.Fatal(err)
		}
	}
	return &trainer.ElementTrace{Step: 3, Node: node, Element: e, Entries: es, Items: items,
		Root: commit.ElementTraceRoot(uint32(node), uint32(e), items)}
}

// lmCase is one operator instance with random data: dims as in
// lmSyntheticCase, inputs drawn from rng (integer words where the program
// reads integers or token ids), constant slots where the graph has them.
func lmCase(rng *rand.Rand, op repops.OpKind, d [4]int, flag bool) ([]uint32, []repops.Tensor, []bool) {
	attrs, shapes := lmSyntheticCase(op, d, flag)
	inputs := make([]repops.Tensor, len(shapes))
	isConst := make([]bool, len(shapes))
	for s, sh := range shapes {
		x := repops.NewTensor(sh...)
		for i := range x.Data {
			x.Data[i] = float32(rng.NormFloat64())
		}
		switch {
		case op == repops.OpWindowIndex:
			for i := range x.Data {
				x.Data[i] = float32(rng.IntN(100))
			}
		case op == repops.OpEmbedGrad && s == 1:
			for i := range x.Data {
				x.Data[i] = float32(rng.IntN(int(attrs[0])))
			}
		case op == repops.OpLRSchedule:
			x = repops.StepTensor(uint32(rng.IntN(2 * d[1])))
		case op == repops.OpClipScale, op == repops.OpAdamWParam && s >= 3:
			x.Data[0] = float32(math.Abs(float64(x.Data[0]))) * 0.1
			isConst[s] = op == repops.OpAdamWParam && s >= 6
		}
		inputs[s] = x
	}
	return attrs, inputs, isConst
}

// lmElements are the elements a test covers: first, last, a few random,
// and for AttnScores one masked and one unmasked element of the last row.
func lmElements(rng *rand.Rand, op repops.OpKind, attrs []uint32, n int) []int {
	es := []int{0, n - 1}
	for range 3 {
		es = append(es, rng.IntN(n))
	}
	if op == repops.OpAttnScores {
		C := int(attrs[1])
		// row rho = 0 (i = 0): j = C-1 is masked when causal; rho = C-1: j = 0 never is
		es = append(es, C-1, (C-1)*C)
	}
	return es
}

// TestLMDecodeRealTraces: for every transformer operator over random shapes
// and data, every entry of real element traces (repops.ElementTrace) of
// the first, last and random elements (and masked and unmasked AttnScores
// elements) decodes in the contract to the committed structure.
func TestLMDecodeRealTraces(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(13, 14))
	entries := map[repops.OpKind]int{}
	for round := range 6 {
		for _, op := range lmOps() {
			d := [4]int{1 + rng.IntN(3), 1 + rng.IntN(4), 1 + rng.IntN(4), 1 + rng.IntN(3)}
			attrs, inputs, isConst := lmCase(rng, op, d, round%2 == 0)
			shapes := make([][]uint32, len(inputs))
			var mask uint64
			for s, in := range inputs {
				shapes[s] = []uint32{}
				for _, x := range in.Shape {
					shapes[s] = append(shapes[s], uint32(x))
				}
				if isConst[s] {
					mask |= 1 << s
				}
			}
			outShape, err := repops.OutShape(op, attrs, shapesOfTensors(inputs), 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range lmElements(rng, op, attrs, numel(outShape)) {
				es, err := repops.ElementTrace(op, attrs, inputs, isConst, e)
				if err != nil {
					t.Fatal(err)
				}
				for k, x := range es {
					x.Result = 0
					want, err := trainer.EntryItem(x)
					if err != nil {
						t.Fatal(err)
					}
					got, length, err := evm.Decode(uint8(op), attrs, shapes, mask, e, k)
					if err != nil {
						t.Fatalf("%v %v element %d entry %d: %v", op, shapes, e, k, err)
					}
					if length != uint64(len(es)) || commit.Hash(got) != want {
						t.Fatalf("%v %v attrs %x element %d entry %d: got %x (len %d), want %x (len %d) %v",
							op, shapes, attrs, e, k, got, length, want, len(es), es[k])
					}
					entries[op]++
				}
			}
		}
	}
	for _, op := range lmOps() {
		if entries[op] == 0 {
			t.Errorf("%v: no entry checked", op)
		}
	}
	t.Logf("decoded %d entries of %d operators", sumCounts(entries), len(entries))
}

func shapesOfTensors(ts []repops.Tensor) [][]int {
	out := make([][]int, len(ts))
	for i, x := range ts {
		out[i] = x.Shape
	}
	return out
}

// TestLMOneStepVerify: for every transformer operator, OneStep.verify on
// real proofs (a one-operator graph, its step trace and element traces)
// accepts every entry of the first and last element (and of a masked and an
// unmasked AttnScores element) with the trace's result, returns (false,
// correct result) for a trace whose entry carries a wrong result, and
// (false, 0) for a trace one entry too long.
func TestLMOneStepVerify(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(15, 16))
	verified := map[repops.OpKind]int{}
	maxGas := map[repops.OpKind]uint64{}
	for round := range 2 {
		for _, op := range lmOps() {
			d := [4]int{2, 1 + rng.IntN(3), 1 + rng.IntN(3), 2}
			attrs, inputs, isConst := lmCase(rng, op, d, round == 0)
			o := newOpGraph(t, op, attrs, inputs, isConst)
			n := numel(o.g.Nodes[o.node()].Shape)
			for _, e := range lmElements(rng, op, attrs, n)[:2] {
				et := o.elementTrace(t, e)
				for k := range et.Entries {
					c, p, err := BuildProofFrom(o, o.st, et, k)
					if err != nil {
						t.Fatal(err)
					}
					ok, res, gas, err := evm.Verify(c, p)
					if err != nil || !ok || res != et.Entries[k].Result {
						t.Fatalf("%v element %d entry %d (%v): ok %v result %#x (want %#x) err %v",
							op, e, k, et.Entries[k], ok, res, et.Entries[k].Result, err)
					}
					verified[op]++
					maxGas[op] = max(maxGas[op], gas)
				}
				// a wrong result at a random entry and at the last
				for _, k := range []int{rng.IntN(len(et.Entries)), len(et.Entries) - 1} {
					bad := append([]repops.Entry(nil), et.Entries...)
					bad[k].Result ^= 1
					bt := commitTrace(t, o.node(), e, bad)
					c, p, err := BuildProofFrom(o, o.st, bt, k)
					if err != nil {
						t.Fatal(err)
					}
					ok, res, _, err := evm.Verify(c, p)
					if err != nil || ok || res != et.Entries[k].Result {
						t.Fatalf("%v element %d entry %d, wrong result: ok %v result %#x (want %#x) err %v",
							op, e, k, ok, res, et.Entries[k].Result, err)
					}
				}
				// one entry too long
				long := append(append([]repops.Entry(nil), et.Entries...), et.Entries[len(et.Entries)-1])
				lt := commitTrace(t, o.node(), e, long)
				c, p, err := BuildProofFrom(o, o.st, lt, 0)
				if err != nil {
					t.Fatal(err)
				}
				if ok, res, _, err := evm.Verify(c, p); err != nil || ok || res != 0 {
					t.Fatalf("%v element %d, trace too long: ok %v result %#x err %v", op, e, ok, res, err)
				}
			}
		}
	}
	for _, op := range lmOps() {
		if verified[op] == 0 {
			t.Errorf("%v: no one-step verified", op)
		}
		t.Logf("%-16v %4d entries verified, max gas %d", op, verified[op], maxGas[op])
	}
}

// TestLMOneStepGas: the one-step of the longest transformer programs at
// realistic sizes, in a graph of 64 nodes: EmbedGrad over M = 512
// positions (1536 entries), SumSq over a 65,536-element tensor (131,072
// entries), AttnApply with C = 64 (128 entries; B = 8, H = 4, d = 128); the
// last entry of the last element and a MUL/SELECT entry reading an input.
// The transaction estimate is 21,000 + max(calldata at 4/16 gas per
// zero/nonzero byte + execution, the EIP-7623 floor of 10 gas per token), as
// in OneStep_Gas_Test; each must be at most 140,000.
//
//	go test ./node/onestepevm -run TestLMOneStepGas -v
func TestLMOneStepGas(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(17, 18))
	randT := func(shape ...int) repops.Tensor {
		x := repops.NewTensor(shape...)
		for i := range x.Data {
			x.Data[i] = float32(rng.NormFloat64())
		}
		return x
	}
	const B, C, H, d, V = 8, 64, 4, 128, 256
	M := B * C
	tok := repops.NewTensor(M)
	for i := range tok.Data {
		tok.Data[i] = float32(rng.IntN(V))
	}
	cases := []struct {
		name   string
		op     repops.OpKind
		attrs  []uint32
		inputs []repops.Tensor
		ks     func(n int) []int // entries to measure, of a trace of n
	}{
		{"EmbedGrad M=512 d=128 V=256", repops.OpEmbedGrad, []uint32{V}, []repops.Tensor{randT(M, d), tok},
			func(n int) []int { return []int{n - 1, n - 2} }},
		{"SumSq 65,536 elements", repops.OpSumSq, nil, []repops.Tensor{randT(256, 256)},
			func(n int) []int { return []int{n - 1, n - 2} }},
		{"AttnApply C=64 H=4 d=128", repops.OpAttnApply, []uint32{H}, []repops.Tensor{randT(B*H*C, C), randT(M, d)},
			func(n int) []int { return []int{n - 1, n - 2} }},
	}
	for _, c := range cases {
		o := newOpGraphPadded(t, c.op, c.attrs, c.inputs, make([]bool, len(c.inputs)), 64-1-len(c.inputs), false)
		last := numel(o.g.Nodes[o.node()].Shape) - 1
		et := o.elementTrace(t, last)
		for _, k := range c.ks(len(et.Entries)) {
			cl, p, err := BuildProofFrom(o, o.st, et, k)
			if err != nil {
				t.Fatal(err)
			}
			ok, res, gas, err := evm.Verify(cl, p)
			if err != nil || !ok || res != et.Entries[k].Result {
				t.Fatalf("%s entry %d: ok %v result %#x err %v", c.name, k, ok, res, err)
			}
			in, err := ABI.Pack("verify", cl, p)
			if err != nil {
				t.Fatal(err)
			}
			tokens := 0
			for _, b := range in {
				if b == 0 {
					tokens++
				} else {
					tokens += 4
				}
			}
			tx := 21000 + max(4*tokens+int(gas), 10*tokens)
			t.Logf("%-28s entry %6d of %6d (%v): calldata %5d B, execution %6d, transaction estimate %6d",
				c.name, k, len(et.Entries), et.Entries[k].Op, len(in), gas, tx)
			if tx > 140_000 {
				t.Errorf("%s entry %d: transaction estimate %d > 140,000", c.name, k, tx)
			}
		}
	}
}

// TestDecodeElementTraceVectors: every entry of every case of the RepOps
// element-trace vectors (testdata/vectors/element_traces.json, all
// operators) decodes in the contract to the case's structure and length.
func TestDecodeElementTraceVectors(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/vectors/element_traces.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Traces []struct {
			Op     string   `json:"op"`
			Attrs  []string `json:"attrs"`
			Inputs []struct {
				Shape []uint32 `json:"shape"`
				Const bool     `json:"const"`
			} `json:"inputs"`
			Element int `json:"element"`
			Entries []struct {
				Prim string    `json:"prim"`
				Args [3][4]any `json:"args"`
			} `json:"entries"`
		} `json:"traces"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	word := func(x any) uint32 {
		switch w := x.(type) {
		case string:
			n, err := strconv.ParseUint(w, 0, 32)
			if err != nil {
				t.Fatal(err)
			}
			return uint32(n)
		case float64:
			return uint32(w)
		}
		t.Fatalf("bad word %v", x)
		return 0
	}
	evm := newEVM(t)
	ops := map[uint32]int{}
	for i, c := range v.Traces {
		op := word(c.Op)
		attrs := []uint32{}
		for _, a := range c.Attrs {
			attrs = append(attrs, word(a))
		}
		var shapes [][]uint32
		var mask uint64
		for s, in := range c.Inputs {
			shapes = append(shapes, append([]uint32{}, in.Shape...))
			if in.Const {
				mask |= 1 << s
			}
		}
		for k, x := range c.Entries {
			var args [3]commit.EntryOperand
			for j, a := range x.Args {
				kind := uint8(word(a[0]))
				args[j] = commit.EntryOperand{Kind: kind}
				switch kind {
				case 1, 5:
					args[j].Slot, args[j].Ref = uint8(word(a[1])), word(a[2])
				case 2:
					args[j].Ref = word(a[2])
				case 3:
					args[j].Slot = uint8(word(a[1]))
				case 4:
					args[j].Ref = word(a[3])
				}
			}
			want := commit.EntryItem(uint8(word(x.Prim)), args, 0)
			got, length, err := evm.Decode(uint8(op), attrs, shapes, mask, c.Element, k)
			if err != nil {
				t.Fatalf("case %d (op %#x) entry %d: %v", i, op, k, err)
			}
			if length != uint64(len(c.Entries)) || commit.Hash(got) != want {
				t.Fatalf("case %d (op %#x) element %d entry %d: got %x (len %d), want %x (len %d)", i, op, c.Element, k, got, length, want, len(c.Entries))
			}
		}
		ops[op]++
	}
	if len(ops) != len(repops.AllOps()) {
		t.Errorf("the vectors cover %d operators, want %d", len(ops), len(repops.AllOps()))
	}
	t.Logf("%d cases of %d operators", len(v.Traces), len(ops))
}
