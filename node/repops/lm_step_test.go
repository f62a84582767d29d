package repops

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// tinyLM is a transformer small enough for the Interp executor.
func tinyLM(tied bool) LMConfig {
	return LMConfig{Vocab: 11, Context: 4, Width: 8, Heads: 2, Layers: 2, MLPWidth: 12, NormEps: 1e-5, Tied: tied,
		LR: 0.01, Beta1: 0.9, Beta2: 0.99, Eps: 1e-3, WeightDecay: 0.1, GradClip: 0.5, Warmup: 3, Steps: 10,
		BatchSize: 3, Seed: 0x5eed}
}

// lmTokens is a deterministic token stream of n tokens below vocab.
func lmTokens(n, vocab int, seed uint32) Tensor {
	t := NewTensor(n)
	for i := range t.Data {
		t.Data[i] = float32(RandomWord(uint64(seed), 7, 0, uint32(i)) % uint32(vocab))
	}
	return t
}

func toF64(x []float32) []float64 {
	o := make([]float64, len(x))
	for i, v := range x {
		o[i] = float64(v)
	}
	return o
}

func toInts(x []float32) []int {
	o := make([]int, len(x))
	for i, v := range x {
		o[i] = int(v)
	}
	return o
}

// lmGradNodes returns the node of every parameter's raw (unclipped)
// gradient in a step graph: the gradient input of its AdamMoment, or of the
// ScaleBy before it.
func lmGradNodes(t *testing.T, g *Graph, c LMConfig) []int {
	np := lmNumParams(c)
	out := make([]int, np)
	for i := 0; i < np; i++ {
		m := g.Nodes[g.Outputs[np+i]]
		if m.Op != OpAdamMoment {
			t.Fatalf("output %d is %v", np+i, m.Op)
		}
		gi := m.Inputs[1]
		if g.Nodes[gi].Op == OpScaleBy {
			gi = g.Nodes[gi].Inputs[0]
		}
		out[i] = gi
	}
	return out
}

// TestLMStepMatchesFloat64 is the proof that the graph computes the
// gradient: its loss, every parameter's gradient, the clip scale and the
// AdamW step's new parameters and moments match the float64 reference
// (lmrLM, lmrAdamW) for tied and untied embeddings.
func TestLMStepMatchesFloat64(t *testing.T) {
	for _, tied := range []bool{false, true} {
		t.Run(fmt.Sprintf("tied=%v", tied), func(t *testing.T) {
			c := tinyLM(tied)
			checkLMFloat64(t, c, lmTokens(40, c.Vocab, 1), true)
		})
	}
}

// TestLMRandomConfigs: the float64 check of TestLMStepMatchesFloat64 and
// the CPU = interpreter check on small random configurations and edge
// cases (context 1, one head per column, one window, MLP width 1, no
// clipping, no warm-up).
func TestLMRandomConfigs(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	cfgs := []LMConfig{}
	edge := tinyLM(false)
	edge.Context, edge.Heads, edge.BatchSize, edge.MLPWidth, edge.GradClip, edge.Warmup = 1, 8, 1, 1, 0, 0
	cfgs = append(cfgs, edge)
	for len(cfgs) < 6 {
		c := tinyLM(r.IntN(2) == 0)
		c.Vocab = 2 + r.IntN(20)
		c.Heads = 1 + r.IntN(3)
		c.Width = c.Heads * (1 + r.IntN(4))
		c.Context = 1 + r.IntN(6)
		c.Layers = 1 + r.IntN(3)
		c.MLPWidth = 1 + r.IntN(16)
		c.BatchSize = 1 + r.IntN(4)
		c.Warmup = r.IntN(c.Steps)
		c.Seed = r.Uint64()
		cfgs = append(cfgs, c)
	}
	for i, c := range cfgs {
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			tok := lmTokens(c.Context+1+r.IntN(30), c.Vocab, uint32(i))
			checkLMFloat64(t, c, tok, false)
			g, _ := BuildLMStep(c, len(tok.Data))
			st, _ := InitLMState(c)
			ti, _, _, err := g.Run(Interp{}, st, Dataset{X: tok})
			if err != nil {
				t.Fatal(err)
			}
			tc, _, _, err := g.Run(CPU{}, st, Dataset{X: tok})
			if err != nil {
				t.Fatal(err)
			}
			for n := range ti {
				if k := sameBits(ti[n].Data, tc[n].Data); k >= 0 {
					t.Fatalf("%+v: node %d (%s) element %d: interp %v, cpu %v", c, n, g.Nodes[n].Name, k, ti[n].Data[k], tc[n].Data[k])
				}
			}
		})
	}
}

// checkLMFloat64 runs one step of c on tok and compares the loss, every
// gradient and the AdamW step with the float64 reference (mustClip: the
// config is expected to clip).
func checkLMFloat64(t *testing.T, c LMConfig, tok Tensor, mustClip bool) {
	t.Helper()
	g, err := BuildLMStep(c, len(tok.Data))
	if err != nil {
		t.Fatal(err)
	}
	st, err := InitLMState(c)
	if err != nil {
		t.Fatal(err)
	}
	trace, next, loss, err := g.Run(CPU{}, st, Dataset{X: tok})
	if err != nil {
		t.Fatal(err)
	}
	np := lmNumParams(c)
	params := make([][]float64, np)
	for i := range params {
		params[i] = toF64(st[i].Data)
	}
	var x, y []int // the gathered input and target tokens
	for i, n := range g.Nodes {
		if n.Name == "x" {
			x = toInts(trace[i].Data)
		}
		if n.Name == "y" {
			y = toInts(trace[i].Data)
		}
	}
	for i := range x {
		if i%c.Context != c.Context-1 && x[i+1] != y[i] {
			t.Fatalf("targets are not the next tokens")
		}
	}
	refLoss, grads := lmrLM(c, params, x, y, true)
	if d := math.Abs(float64(loss) - refLoss); d > 1e-5*refLoss {
		t.Fatalf("loss %v, float64 reference %v", loss, refLoss)
	}
	t.Logf("loss %v (reference %v)", loss, refLoss)
	names, _, _ := LMStateShapes(c)
	// Each gradient is held to 1e-4 of its tensor's largest entry, plus
	// 2e-6 of the largest entry of any gradient: a small gradient can be the
	// difference of much larger terms (attention: P*(dP - r)), whose float32
	// rounding it inherits.
	global := 0.0
	for _, w := range grads {
		for _, x := range w {
			global = math.Max(global, math.Abs(x))
		}
	}
	if global == 0 {
		t.Fatal("every gradient is zero")
	}
	gradTol := make([]float64, len(grads))
	for i, gn := range lmGradNodes(t, g, c) {
		got, want := trace[gn].Data, grads[i]
		scale := 0.0
		for _, w := range want {
			scale = math.Max(scale, math.Abs(w))
		}
		gradTol[i] = 1e-4*scale + 2e-6*global
		for e := range want {
			if d := math.Abs(float64(got[e]) - want[e]); d > gradTol[i] {
				t.Fatalf("%s gradient [%d] = %v, reference %v (scale %v)", names[i], e, got[e], want[e], scale)
			}
		}
	}
	newP, m, v, clip := lmrAdamW(c, params, grads, 0)
	if mustClip && clip >= 1 {
		t.Fatalf("the test config should clip (scale %v)", clip)
	}
	maxAbs := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s = math.Max(s, math.Abs(v))
		}
		return s
	}
	for i := 0; i < np; i++ {
		ms, vs := maxAbs(m[i]), maxAbs(v[i])
		for e := range newP[i] {
			// The first update is lr*g/(|g| + eps): its slope in g is at most lr/eps.
			if d := math.Abs(float64(next[i].Data[e]) - newP[i][e]); d > 1e-6+float64(c.LR/c.Eps)*gradTol[i] {
				t.Fatalf("%s' [%d] = %v, reference %v", names[i], e, next[i].Data[e], newP[i][e])
			}
			if d := math.Abs(float64(next[np+i].Data[e]) - m[i][e]); d > 1e-4*ms+2e-6*global*(1-float64(c.Beta1)) {
				t.Fatalf("m.%s [%d] = %v, reference %v", names[i], e, next[np+i].Data[e], m[i][e])
			}
			if d := math.Abs(float64(next[2*np+i].Data[e]) - v[i][e]); d > 2e-4*vs+4e-6*global*global*(1-float64(c.Beta2)) {
				t.Fatalf("v.%s [%d] = %v, reference %v", names[i], e, next[2*np+i].Data[e], v[i][e])
			}
		}
	}
	if next[3*np].Data[0] != c.Beta1 || next[3*np+1].Data[0] != c.Beta2 || StepCounter(next[3*np+2]) != 1 {
		t.Fatalf("b1t, b2t, step = %v %v %d", next[3*np].Data[0], next[3*np+1].Data[0], StepCounter(next[3*np+2]))
	}
}

// TestLMReferenceFiniteDifference checks the float64 reference's gradient
// (which TestLMStepMatchesFloat64 holds the graph to) against central
// differences of its loss, for entries of every kind of parameter.
func TestLMReferenceFiniteDifference(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyLM(tied)
		st, err := InitLMState(c)
		if err != nil {
			t.Fatal(err)
		}
		np := lmNumParams(c)
		params := make([][]float64, np)
		for i := range params {
			params[i] = toF64(st[i].Data)
			for e := range params[i] { // move the gains off 1
				params[i][e] += 0.1 * math.Sin(float64(3*i+e))
			}
		}
		tok := toInts(lmTokens(13, c.Vocab, 2).Data)
		x := append(append([]int{}, tok[0:4]...), tok[5:9]...)
		y := append(append([]int{}, tok[1:5]...), tok[6:10]...)
		_, grads := lmrLM(c, params, x, y, true)
		names, _, _ := LMStateShapes(c)
		for i := 0; i < np; i++ {
			for _, e := range []int{0, len(params[i]) / 2, len(params[i]) - 1} {
				old := params[i][e]
				const h = 1e-5
				params[i][e] = old + h
				lp, _ := lmrLM(c, params, x, y, false)
				params[i][e] = old - h
				lm, _ := lmrLM(c, params, x, y, false)
				params[i][e] = old
				fd := (lp - lm) / (2 * h)
				if d := math.Abs(fd - grads[i][e]); d > 1e-6+1e-4*math.Abs(fd) {
					t.Errorf("tied=%v %s[%d]: gradient %v, finite difference %v", tied, names[i], e, grads[i][e], fd)
				}
			}
		}
	}
}

func sameBits(a, b []float32) int {
	if len(a) != len(b) {
		return 0
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestLMInterpMatchesCPU runs two steps of the tiny transformer with the
// element-program interpreter and with the CPU kernels (Graph.Run, and the
// LMRunner in place): every node's output is the same bits.
func TestLMInterpMatchesCPU(t *testing.T) {
	c := tinyLM(true)
	tok := lmTokens(40, c.Vocab, 3)
	g, err := BuildLMStep(c, len(tok.Data))
	if err != nil {
		t.Fatal(err)
	}
	st, err := InitLMState(c)
	if err != nil {
		t.Fatal(err)
	}
	run, err := NewLMRunner(g, CPU{})
	if err != nil {
		t.Fatal(err)
	}
	inPlace := make([]Tensor, len(st))
	for i := range st {
		inPlace[i] = st[i].Clone()
	}
	for step := 0; step < 2; step++ {
		ti, ni, li, err := g.Run(Interp{}, st, Dataset{X: tok})
		if err != nil {
			t.Fatal(err)
		}
		tc, nc, lc, err := g.Run(CPU{}, st, Dataset{X: tok})
		if err != nil {
			t.Fatal(err)
		}
		for i := range ti {
			if k := sameBits(ti[i].Data, tc[i].Data); k >= 0 {
				t.Fatalf("step %d node %d (%s %v) element %d: interp %v, cpu %v", step, i, g.Nodes[i].Name, g.Nodes[i].Op, k, ti[i].Data[k], tc[i].Data[k])
			}
		}
		lr, err := run.Step(inPlace, []Tensor{tok}, inPlace)
		if err != nil {
			t.Fatal(err)
		}
		for i := range nc {
			if k := sameBits(nc[i].Data, inPlace[i].Data); k >= 0 {
				t.Fatalf("step %d: runner's state %d differs at %d", step, i, k)
			}
		}
		if li != lc || lc != lr {
			t.Fatalf("losses %v %v %v", li, lc, lr)
		}
		st = ni
	}
}

// decodeGraph parses Encode's output back into nodes (kind, op, output,
// shape, inputs, attrs).
func decodeGraph(b []byte) ([]Node, error) {
	r := bytes.NewReader(b)
	var ver, n uint32
	if binary.Read(r, binary.BigEndian, &ver) != nil || binary.Read(r, binary.BigEndian, &n) != nil || ver != GraphVersion {
		return nil, errors.New("bad header")
	}
	nodes := make([]Node, n)
	u32 := func() int { var x uint32; binary.Read(r, binary.BigEndian, &x); return int(x) }
	u8 := func() int { x, _ := r.ReadByte(); return int(x) }
	for i := range nodes {
		start := r.Len()
		size := u32()
		nd := &nodes[i]
		nd.Kind, nd.Op, nd.Output = NodeKind(u8()), OpKind(u8()), u32()-1
		for k := u8(); k > 0; k-- {
			nd.Shape = append(nd.Shape, u32())
		}
		for k := u8(); k > 0; k-- {
			nd.Inputs = append(nd.Inputs, u32())
		}
		for k := u8(); k > 0; k-- {
			nd.Attrs = append(nd.Attrs, uint32(u32()))
		}
		if start-r.Len() != size+4 {
			return nil, fmt.Errorf("node %d: %d bytes, length says %d", i, start-r.Len()-4, size)
		}
	}
	if r.Len() != 0 {
		return nil, errors.New("trailing bytes")
	}
	return nodes, nil
}

// TestLMGraphEncoding: the step and evaluation graphs encode and decode to
// the same nodes; every operator node's shape is OutShape of its inputs;
// the outputs are the state's successors; the node order is the documented
// one (state, Tok, constants, operators) and the graph is deterministic.
func TestLMGraphEncoding(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyLM(tied)
		g, err := BuildLMStep(c, 50)
		if err != nil {
			t.Fatal(err)
		}
		g2, _ := BuildLMStep(c, 50)
		enc := g.Encode()
		if !bytes.Equal(enc, g2.Encode()) {
			t.Fatal("two builds encode differently")
		}
		nodes, err := decodeGraph(enc)
		if err != nil {
			t.Fatal(err)
		}
		if len(nodes) != len(g.Nodes) {
			t.Fatalf("%d nodes decoded, %d built", len(nodes), len(g.Nodes))
		}
		names, shapes, _ := LMStateShapes(c)
		ns := len(names)
		for i, nd := range nodes {
			want := g.Nodes[i]
			if nd.Kind != want.Kind || nd.Op != want.Op || nd.Output != want.Output || !sameShape(nd.Shape, want.Shape) ||
				fmt.Sprint(nd.Inputs) != fmt.Sprint(want.Inputs) || fmt.Sprint(nd.Attrs) != fmt.Sprint(want.Attrs) {
				t.Fatalf("node %d decodes to %+v, built %+v", i, nd, want)
			}
			switch {
			case i < ns:
				if nd.Kind != KindState || !sameShape(nd.Shape, shapes[i]) {
					t.Fatalf("node %d is not state tensor %s", i, names[i])
				}
			case i == ns:
				if nd.Kind != KindData || !sameShape(nd.Shape, []int{50}) {
					t.Fatalf("node %d is not the token stream", i)
				}
			case i <= ns+5:
				if nd.Kind != KindConst {
					t.Fatalf("node %d is not a constant", i)
				}
			default:
				if nd.Kind != KindOp {
					t.Fatalf("node %d is not an operator", i)
				}
				in := make([][]int, len(nd.Inputs))
				for k, x := range nd.Inputs {
					if x >= i {
						t.Fatalf("node %d reads later node %d", i, x)
					}
					in[k] = nodes[x].Shape
				}
				got, err := OutShape(nd.Op, nd.Attrs, in, nd.Shape[0])
				if err != nil || !sameShape(got, nd.Shape) {
					t.Fatalf("node %d (%s): OutShape %v %v, node shape %v", i, want.Name, got, err, nd.Shape)
				}
			}
		}
		for i, o := range g.Outputs {
			if nodes[o].Output != i || !sameShape(nodes[o].Shape, shapes[i]) {
				t.Fatalf("output %d is node %d", i, o)
			}
		}
		ops := map[OpKind]bool{}
		for _, nd := range nodes {
			ops[nd.Op] = true
		}
		for op := OpWindowIndex; op <= OpScaleBy; op++ {
			if !ops[op] {
				t.Errorf("tied=%v: the step graph uses no %v", tied, op)
			}
		}
		ev, err := BuildLMEval(c, 3)
		if err != nil {
			t.Fatal(err)
		}
		if en, err := decodeGraph(ev.Encode()); err != nil || len(en) != len(ev.Nodes) {
			t.Fatalf("eval graph: %v", err)
		}
		if ev.Nodes[LMEvalRows(ev)].Op != OpSoftmaxXentLoss {
			t.Fatal("LMEvalRows is not the per-token loss")
		}
	}
}

// TestLMEvalMatchesStep: the evaluation graph on the windows a step drew
// gives the step's loss bit for bit.
func TestLMEvalMatchesStep(t *testing.T) {
	c := tinyLM(false)
	tok := lmTokens(40, c.Vocab, 4)
	g, _ := BuildLMStep(c, 40)
	st, _ := InitLMState(c)
	trace, _, loss, err := g.Run(CPU{}, st, Dataset{X: tok})
	if err != nil {
		t.Fatal(err)
	}
	var x, y Tensor
	for i, n := range g.Nodes {
		switch n.Name {
		case "x":
			x = trace[i]
		case "y":
			y = trace[i]
		}
	}
	ev, err := BuildLMEval(c, c.BatchSize)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewLMRunner(ev, nil)
	if err != nil {
		t.Fatal(err)
	}
	el, err := r.Step(st[:lmNumParams(c)], []Tensor{x, y}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Float32bits(el) != math.Float32bits(loss) {
		t.Fatalf("eval loss %v, step loss %v", el, loss)
	}
}

// TestInitLMState: the init is deterministic, within its documented ranges
// (gains 1, moments 0, beta powers 1), each tensor has its own stream, and
// the spread is the documented one.
func TestInitLMState(t *testing.T) {
	c := LMConfig{Vocab: 256, Context: 64, Width: 128, Heads: 4, Layers: 4, MLPWidth: 512, NormEps: 1e-5,
		LR: 1e-3, Beta1: 0.9, Beta2: 0.95, Eps: 1e-8, WeightDecay: 0.1, GradClip: 1, Warmup: 10, Steps: 100, BatchSize: 16, Seed: 9}
	a, err := InitLMState(c)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := InitLMState(c)
	ps := lmParams(c)
	np := len(ps)
	if got := LMParamCount(c); got < 800_000 || got > 1_200_000 {
		t.Fatalf("the ~1M config has %d parameters", got)
	}
	for i := range a {
		if sameBits(a[i].Data, b[i].Data) >= 0 {
			t.Fatalf("tensor %d differs between two inits", i)
		}
	}
	for i, p := range ps {
		w := a[i].Data
		if p.isGain {
			for _, x := range w {
				if x != 1 {
					t.Fatalf("%s: gain %v", p.name, x)
				}
			}
			continue
		}
		lim := lmInitRange(c, p)
		var s2 float64
		for _, x := range w {
			if x < -lim || x > lim {
				t.Fatalf("%s: %v outside [-%v, %v]", p.name, x, lim, lim)
			}
			s2 += float64(x) * float64(x)
		}
		std, want := math.Sqrt(s2/float64(len(w))), float64(lim)/math.Sqrt(3)
		if math.Abs(std-want) > 0.05*want {
			t.Fatalf("%s: standard deviation %v, want %v", p.name, std, want)
		}
		if i > 0 && !ps[i-1].isGain && w[0] == a[i-1].Data[0] {
			t.Fatalf("%s starts like the tensor before it", p.name)
		}
	}
	if math.Abs(float64(lmInitRange(c, ps[lmLayout{4}.Wo(1)]))-math.Sqrt(3.0/128/8)) > 1e-7 {
		t.Fatal("the attention-output range is not sqrt(3/(d*2L))")
	}
	for i := np; i < 3*np; i++ {
		for _, x := range a[i].Data {
			if x != 0 || math.Signbit(float64(x)) {
				t.Fatalf("moment %d not +0", i)
			}
		}
	}
	if a[3*np].Data[0] != 1 || a[3*np+1].Data[0] != 1 || StepCounter(a[3*np+2]) != 0 {
		t.Fatal("b1t, b2t, step")
	}
}

func TestLMConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		mut  func(*LMConfig)
		want string
	}{
		{func(c *LMConfig) { c.Heads = 3 }, "heads 3 must divide width 8"},
		{func(c *LMConfig) { c.Vocab = 1 }, "vocab"},
		{func(c *LMConfig) { c.Layers = 0 }, "layers"},
		{func(c *LMConfig) { c.Warmup = 10 }, "warmup"},
		{func(c *LMConfig) { c.NormEps = 0 }, "norm eps"},
		{func(c *LMConfig) { c.LR = float32(math.NaN()) }, "lr"},
		{func(c *LMConfig) { c.GradClip = -1 }, "grad clip"},
		{func(c *LMConfig) { c.Steps = LMMaxSteps + 1 }, "steps"},
		{func(c *LMConfig) { c.BatchSize = 0 }, "batch size"},
	} {
		c := tinyLM(false)
		tc.mut(&c)
		_, err := BuildLMStep(c, 100)
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", c, err, tc.want)
		}
	}
	if _, err := BuildLMStep(tinyLM(false), 4); !errors.Is(err, ErrConfig) {
		t.Errorf("a stream no longer than the context: %v", err)
	}
	c := tinyLM(false)
	c.GradClip = 0
	g, err := BuildLMStep(c, 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes {
		if n.Op == OpClipScale || n.Op == OpSumSq {
			t.Fatal("GradClip 0 still clips")
		}
	}
}

// TestLMKernelsThreads: one step of a transformer large enough that the
// element-wise passes split into chunks gives the same bits at every node
// under every matrix-product kernel this CPU runs and 1 or 3 threads (every
// product and attention split, however small), and the tiny model's step
// equals the element-program interpreter's under each of them.
func TestLMKernelsThreads(t *testing.T) {
	forceParallel(t)
	mid := LMConfig{Vocab: 64, Context: 32, Width: 64, Heads: 4, Layers: 1, MLPWidth: 256, NormEps: 1e-5, Tied: true,
		LR: 0.01, Beta1: 0.9, Beta2: 0.99, Eps: 1e-8, WeightDecay: 0.1, GradClip: 1, Warmup: 0, Steps: 10, BatchSize: 8, Seed: 3}
	tiny := tinyLM(false)
	type job struct {
		c   LMConfig
		tok Tensor
		g   *Graph
		st  []Tensor
	}
	var jobs []job
	for _, c := range []LMConfig{mid, tiny} {
		tok := lmTokens(300, c.Vocab, 6)
		g, err := BuildLMStep(c, len(tok.Data))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := InitLMState(c)
		jobs = append(jobs, job{c, tok, g, st})
	}
	want := make([][]Tensor, len(jobs))
	want[1], _, _, _ = jobs[1].g.Run(Interp{}, jobs[1].st, Dataset{X: jobs[1].tok})
	for _, k := range Kernels() {
		for _, n := range []int{1, 3} {
			withThreads(t, k, n, func() {
				for j, jb := range jobs {
					tr, _, _, err := jb.g.Run(CPU{}, jb.st, Dataset{X: jb.tok})
					if err != nil {
						t.Fatal(err)
					}
					if want[j] == nil {
						want[j] = tr
						continue
					}
					for i := range tr {
						if e := sameBits(tr[i].Data, want[j][i].Data); e >= 0 {
							t.Fatalf("kernel %s, %d threads, model %d: node %d (%s) element %d differs", k, n, j, i, jb.g.Nodes[i].Name, e)
						}
					}
				}
			})
		}
	}
}

// TestLMRunnerSteadyStateAllocs: after the first step, an LMRunner step of
// the training graph and of the evaluation graph allocates nothing (CPU
// executor, state updated in place).
func TestLMRunnerSteadyStateAllocs(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyLM(tied)
		tok := lmTokens(40, c.Vocab, 8)
		g, _ := BuildLMStep(c, len(tok.Data))
		r, err := NewLMRunner(g, nil)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := InitLMState(c)
		data := []Tensor{tok}
		if _, err := r.Step(st, data, st); err != nil {
			t.Fatal(err)
		}
		if allocs := testing.AllocsPerRun(10, func() {
			if _, err := r.Step(st, data, st); err != nil {
				t.Fatal(err)
			}
		}); allocs != 0 {
			t.Fatalf("tied=%v: %v allocations per step", tied, allocs)
		}
		ev, _ := BuildLMEval(c, 2)
		er, err := NewLMRunner(ev, nil)
		if err != nil {
			t.Fatal(err)
		}
		xy := []Tensor{NewTensor(2 * c.Context), NewTensor(2 * c.Context)}
		np := lmNumParams(c)
		if allocs := testing.AllocsPerRun(10, func() {
			if _, err := er.Step(st[:np], xy, nil); err != nil {
				t.Fatal(err)
			}
		}); allocs != 0 {
			t.Fatalf("tied=%v: %v allocations per evaluation", tied, allocs)
		}
	}
}

// TestLMRunnerErrors: wrong state or data shapes and an out-of-vocabulary
// token are errors, and a failed step leaves the state as it was.
func TestLMRunnerErrors(t *testing.T) {
	c := tinyLM(false)
	tok := lmTokens(40, c.Vocab, 9)
	g, _ := BuildLMStep(c, len(tok.Data))
	r, err := NewLMRunner(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := InitLMState(c)
	if _, err := r.Step(st[1:], []Tensor{tok}, st[1:]); err == nil {
		t.Error("a missing state tensor passed")
	}
	if _, err := r.Step(st, []Tensor{NewTensor(39)}, st); err == nil {
		t.Error("a short token stream passed")
	}
	bad := tok.Clone()
	for i := range bad.Data {
		bad.Data[i] = float32(c.Vocab) // outside the embedding table
	}
	before := make([]Tensor, len(st))
	for i := range st {
		before[i] = st[i].Clone()
	}
	if _, err := r.Step(st, []Tensor{bad}, st); err == nil {
		t.Fatal("an out-of-vocabulary token passed")
	}
	for i := range st {
		if sameBits(st[i].Data, before[i].Data) >= 0 {
			t.Fatalf("a failed step changed state tensor %d", i)
		}
	}
}

// TestLMWindows: a step's windows are the documented sample: start b of
// step t is RandomWord(seed, StreamBatch, t, b) mod (N - C), the inputs
// are tokens start .. start+C-1 and the targets one token later.
func TestLMWindows(t *testing.T) {
	c := tinyLM(false)
	tok := lmTokens(37, c.Vocab, 10)
	N := len(tok.Data)
	g, _ := BuildLMStep(c, N)
	st, _ := InitLMState(c)
	for step := uint32(0); step < 3; step++ {
		st[len(st)-1] = StepTensor(step)
		trace, _, _, err := g.Run(CPU{}, st, Dataset{X: tok})
		if err != nil {
			t.Fatal(err)
		}
		named := map[string]Tensor{}
		for i, n := range g.Nodes {
			named[n.Name] = trace[i]
		}
		for b, s := range named["starts"].Data {
			want := RandomWord(c.Seed, StreamBatch, step, uint32(b)) % uint32(N-c.Context)
			if uint32(s) != want {
				t.Fatalf("step %d window %d starts at %v, want %d", step, b, s, want)
			}
			for p := 0; p < c.Context; p++ {
				if named["x"].Data[b*c.Context+p] != tok.Data[int(s)+p] || named["y"].Data[b*c.Context+p] != tok.Data[int(s)+p+1] {
					t.Fatalf("step %d window %d position %d: wrong token", step, b, p)
				}
			}
		}
	}
}
