package repops

import (
	"fmt"
	"math"
)

type graphBuilder struct {
	g   *Graph
	err error
}

func (gb *graphBuilder) add(n Node) int {
	n.Output = -1
	gb.g.Nodes = append(gb.g.Nodes, n)
	return len(gb.g.Nodes) - 1
}

func (gb *graphBuilder) op(name string, op OpKind, attrs []uint32, inputs ...int) int {
	if gb.err != nil {
		return 0
	}
	shapes := make([][]int, len(inputs))
	for i, x := range inputs {
		shapes[i] = gb.g.Nodes[x].Shape
	}
	shape, err := OutShape(op, attrs, shapes, gb.g.Config.BatchSize)
	if err != nil {
		gb.err = fmt.Errorf("%s: %w", name, err)
		return 0
	}
	return gb.add(Node{Kind: KindOp, Op: op, Inputs: inputs, Attrs: attrs, Shape: shape, Name: name})
}

// BuildStep builds the canonical graph of one training step for a dataset
// of `rows` rows (features = Layers[0]; labels are class indices).
//
// Node order: state tensors (StateShapes order), X [rows, features],
// Y [rows], the constants (SGD: lr, momentum; Adam: lr, beta1, beta2, eps),
// then BatchIndex, Gather X, Gather Y, the forward pass (per layer MatMul,
// BiasAdd, ReLU for hidden layers), LogSumExp, SoftmaxXentLoss, Mean,
// SoftmaxXentGrad, the backward pass (per layer from the last: MatMulTN for
// dW, ColSum for db, then for l > 1 MatMulNT and ReLUGrad), the optimizer
// (Adam: the two ScalarMul beta powers first; then per parameter tensor in
// state order: SGDVelocity, SGDParam or AdamMoment(1), AdamMoment(2),
// AdamParam), and last Increment of the step counter.
func BuildStep(cfg MLPConfig, rows int) (*Graph, error) {
	names, shapes, err := StateShapes(cfg)
	if err != nil {
		return nil, err
	}
	if rows < 1 || rows > 1<<24 {
		return nil, fmt.Errorf("%w: %d dataset rows", ErrConfig, rows)
	}
	cfg.Layers = clone(cfg.Layers)
	g := &Graph{Config: cfg, Rows: rows}
	gb := &graphBuilder{g: g}
	for i := range names {
		gb.add(Node{Kind: KindState, Shape: shapes[i], Name: names[i]})
	}
	ns := len(names)
	L := len(cfg.Layers) - 1
	W := func(l int) int { return 2 * (l - 1) }
	B := func(l int) int { return 2*(l-1) + 1 }
	stepNode := ns - 1
	X := gb.add(Node{Kind: KindData, Shape: []int{rows, cfg.Layers[0]}, Name: "X"})
	Y := gb.add(Node{Kind: KindData, Shape: []int{rows}, Name: "Y"})
	cst := func(name string, v float32) int {
		return gb.add(Node{Kind: KindConst, Shape: []int{1}, Attrs: []uint32{math.Float32bits(v)}, Name: name})
	}
	lr := cst("lr", cfg.LR)
	var mu, b1, b2, eps int
	if cfg.Optimizer == OptSGD {
		mu = cst("momentum", cfg.Momentum)
	} else {
		b1 = cst("beta1", cfg.Beta1)
		b2 = cst("beta2", cfg.Beta2)
		eps = cst("eps", cfg.Eps)
	}
	idx := gb.op("idx", OpBatchIndex, []uint32{uint32(cfg.Seed), uint32(cfg.Seed >> 32), uint32(rows)}, stepNode)
	h := gb.op("xb", OpGather, nil, X, idx)
	yb := gb.op("yb", OpGather, nil, Y, idx)
	hs := []int{h}         // H_0 .. H_{L-1}
	as := make([]int, L+1) // A_1 .. A_L (pre-activation)
	for l := 1; l <= L; l++ {
		z := gb.op(fmt.Sprintf("z%d", l), OpMatMul, nil, hs[l-1], W(l))
		as[l] = gb.op(fmt.Sprintf("a%d", l), OpBiasAdd, nil, z, B(l))
		if l < L {
			hs = append(hs, gb.op(fmt.Sprintf("h%d", l), OpReLU, nil, as[l]))
		}
	}
	g.Logits = as[L]
	lse := gb.op("lse", OpLogSumExp, nil, as[L])
	lrow := gb.op("loss_rows", OpSoftmaxXentLoss, nil, as[L], lse, yb)
	g.Loss = gb.op("loss", OpMean, nil, lrow)
	da := gb.op(fmt.Sprintf("da%d", L), OpSoftmaxXentGrad, nil, as[L], lse, yb)
	grads := make([]int, 2*L) // gradient node per parameter tensor
	for l := L; l >= 1; l-- {
		grads[W(l)] = gb.op(fmt.Sprintf("dW%d", l), OpMatMulTN, nil, hs[l-1], da)
		grads[B(l)] = gb.op(fmt.Sprintf("db%d", l), OpColSum, nil, da)
		if l > 1 {
			dh := gb.op(fmt.Sprintf("dh%d", l-1), OpMatMulNT, nil, da, W(l))
			da = gb.op(fmt.Sprintf("da%d", l-1), OpReLUGrad, nil, dh, as[l-1])
		}
	}
	g.Outputs = make([]int, ns)
	np := 2 * L
	switch cfg.Optimizer {
	case OptSGD:
		for p := 0; p < np; p++ {
			v := gb.op("v'"+names[p], OpSGDVelocity, nil, np+p, grads[p], mu)
			g.Outputs[np+p] = v
			g.Outputs[p] = gb.op(names[p]+"'", OpSGDParam, nil, p, v, lr)
		}
	case OptAdam:
		b1t := gb.op("b1t'", OpScalarMul, nil, 3*np, b1)
		b2t := gb.op("b2t'", OpScalarMul, nil, 3*np+1, b2)
		g.Outputs[3*np], g.Outputs[3*np+1] = b1t, b2t
		for p := 0; p < np; p++ {
			m := gb.op("m'"+names[p], OpAdamMoment, []uint32{1}, np+p, grads[p], b1)
			v := gb.op("v'"+names[p], OpAdamMoment, []uint32{2}, 2*np+p, grads[p], b2)
			g.Outputs[np+p], g.Outputs[2*np+p] = m, v
			g.Outputs[p] = gb.op(names[p]+"'", OpAdamParam, nil, p, m, v, b1t, b2t, lr, eps)
		}
	}
	g.Outputs[stepNode] = gb.op("step'", OpIncrement, nil, stepNode)
	if gb.err != nil {
		return nil, gb.err
	}
	for i, o := range g.Outputs {
		g.Nodes[o].Output = i
	}
	return g, nil
}

// InitState returns the state at step 0. Weight W{l} (fan-in d = Layers[l-1])
// element e is (2u - 1) * a with u = Uniform01(RandomWord(Seed,
// StreamInit+l-1, 0, e)) and a = SQRT(DIV(6, U2F(d))) (He/Kaiming uniform),
// computed as MUL(SUB(MUL(u, 2), 1), a) (the first two steps are exact).
// Biases and optimizer moments are +0, Adam's beta powers are 1, the step
// counter is 0.
func InitState(cfg MLPConfig) ([]Tensor, error) {
	names, shapes, err := StateShapes(cfg)
	if err != nil {
		return nil, err
	}
	st := make([]Tensor, len(names))
	for i := range st {
		st[i] = NewTensor(shapes[i]...)
	}
	L := len(cfg.Layers) - 1
	for l := 1; l <= L; l++ {
		a := Sqrt(Div(6, f32(Exec(U2F, uint32(cfg.Layers[l-1]), 0, 0))))
		w := st[2*(l-1)].Data
		for e := range w {
			u := Uniform01(RandomWord(cfg.Seed, StreamInit+uint32(l-1), 0, uint32(e)))
			w[e] = Mul(Sub(Mul(u, 2), 1), a)
		}
	}
	if cfg.Optimizer == OptAdam {
		np := 2 * L
		st[3*np].Data[0] = 1
		st[3*np+1].Data[0] = 1
	}
	return st, nil
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Run executes one step. trace[i] is the output of node i (state and data
// nodes hold their inputs, constants a [1] tensor of their value); next is
// the state at t+1 (trace at Outputs, in state order); loss is the mean
// batch loss.
func (g *Graph) Run(ex Executor, state []Tensor, data Dataset) (trace []Tensor, next []Tensor, loss float32, err error) {
	ns := g.NumState()
	if len(state) != ns {
		return nil, nil, 0, fmt.Errorf("repops: %d state tensors, want %d", len(state), ns)
	}
	trace = make([]Tensor, len(g.Nodes))
	dataIdx := 0
	for i := range g.Nodes {
		n := &g.Nodes[i]
		var t Tensor
		switch n.Kind {
		case KindState:
			t = state[i]
		case KindData:
			t = data.X
			if dataIdx == 1 {
				t = data.Y
			}
			dataIdx++
		case KindConst:
			t = Tensor{Shape: []int{1}, Data: []float32{f32(n.Attrs[0])}}
		case KindOp:
			ins := make([]Tensor, len(n.Inputs))
			for k, x := range n.Inputs {
				ins[k] = trace[x]
			}
			t = NewTensor(n.Shape...)
			if err := ex.Run(n.Op, n.Attrs, ins, t); err != nil {
				return nil, nil, 0, fmt.Errorf("repops: node %d (%s): %w", i, n.Name, err)
			}
		}
		if !sameShape(t.Shape, n.Shape) || len(t.Data) != numElems(n.Shape) {
			return nil, nil, 0, fmt.Errorf("repops: node %d (%s): shape %v, want %v", i, n.Name, t.Shape, n.Shape)
		}
		trace[i] = t
	}
	next = make([]Tensor, ns)
	for i, o := range g.Outputs {
		next[i] = trace[o]
	}
	return trace, next, trace[g.Loss].Data[0], nil
}

// ElementTrace returns the element trace of element elem of node node,
// given the step trace (Run's trace). Only operator nodes have element
// traces. Input operands carry the words of trace[node.Inputs[slot]].
func (g *Graph) ElementTrace(trace []Tensor, node, elem int) ([]Entry, error) {
	if node < 0 || node >= len(g.Nodes) || len(trace) != len(g.Nodes) {
		return nil, fmt.Errorf("repops: node %d out of range", node)
	}
	n := &g.Nodes[node]
	if n.Kind != KindOp {
		return nil, fmt.Errorf("repops: node %d (%s) is an input node", node, n.Name)
	}
	if elem < 0 || elem >= numElems(n.Shape) {
		return nil, fmt.Errorf("repops: element %d out of range for node %d", elem, node)
	}
	ins := make([]Tensor, len(n.Inputs))
	isConst := make([]bool, len(n.Inputs))
	for k, x := range n.Inputs {
		ins[k] = trace[x]
		isConst[k] = g.Nodes[x].Kind == KindConst
	}
	return ElementTrace(n.Op, n.Attrs, ins, isConst, elem)
}

// Evaluate runs the forward pass on every row of data with the parameters
// of state and returns the accuracy (argmax, the first maximum on ties) and
// the mean softmax cross-entropy loss (RepOps semantics, sequential mean).
func Evaluate(cfg MLPConfig, ex Executor, state []Tensor, data Dataset) (accuracy float64, loss float32, err error) {
	if err := cfg.Validate(); err != nil {
		return 0, 0, err
	}
	L := len(cfg.Layers) - 1
	if len(state) < 2*L || len(data.X.Shape) != 2 || data.X.Shape[1] != cfg.Layers[0] {
		return 0, 0, fmt.Errorf("repops: evaluate: bad state or data shape")
	}
	rows := data.X.Shape[0]
	if rows == 0 || len(data.Y.Data) != rows {
		return 0, 0, fmt.Errorf("repops: evaluate: %d rows, %d labels", rows, len(data.Y.Data))
	}
	h := data.X
	run := func(op OpKind, shape []int, ins ...Tensor) Tensor {
		if err != nil {
			return Tensor{}
		}
		t := NewTensor(shape...)
		err = ex.Run(op, nil, ins, t)
		return t
	}
	for l := 1; l <= L; l++ {
		shape := []int{rows, cfg.Layers[l]}
		z := run(OpMatMul, shape, h, state[2*(l-1)])
		h = run(OpBiasAdd, shape, z, state[2*(l-1)+1])
		if l < L {
			h = run(OpReLU, shape, h)
		}
	}
	lse := run(OpLogSumExp, []int{rows}, h)
	lr := run(OpSoftmaxXentLoss, []int{rows}, h, lse, data.Y)
	mean := run(OpMean, []int{1}, lr)
	if err != nil {
		return 0, 0, err
	}
	c := cfg.Layers[L]
	correct := 0
	for r := 0; r < rows; r++ {
		best := 0
		for j := 1; j < c; j++ {
			if h.Data[r*c+j] > h.Data[r*c+best] {
				best = j
			}
		}
		if float32(best) == data.Y.Data[r] {
			correct++
		}
	}
	return float64(correct) / float64(rows), mean.Data[0], nil
}
