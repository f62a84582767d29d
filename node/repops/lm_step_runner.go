package repops

import "fmt"

// LMRunner executes a transformer graph (BuildLMStep or BuildLMEval) again
// and again without allocating: every operator's output buffer is
// allocated once. Unlike Runner it takes any number of data nodes (the step
// graph has one, the token stream; the evaluation graph two) and graphs
// without Outputs (evaluation). A step computes exactly the bits of
// (*Graph).Run. It is not safe for concurrent use.
type LMRunner struct {
	g      *Graph
	ex     Executor
	cpu    bool
	nstate int        // leading state nodes
	data   []int      // data nodes in order
	vals   []Tensor   // per node: its tensor in the run
	ins    [][]Tensor // per operator node: its inputs
	ops    []int      // operator nodes in order
}

// NewLMRunner checks the graph's shapes and allocates its buffers; ex nil
// is CPU.
func NewLMRunner(g *Graph, ex Executor) (*LMRunner, error) {
	if ex == nil {
		ex = CPU{}
	}
	_, isCPU := ex.(CPU)
	if _, ok := ex.(*CPU); ok {
		isCPU = true
	}
	n := len(g.Nodes)
	r := &LMRunner{g: g, ex: ex, cpu: isCPU, vals: make([]Tensor, n), ins: make([][]Tensor, n)}
	for i := range g.Nodes {
		nd := &g.Nodes[i]
		switch nd.Kind {
		case KindState:
			if i != r.nstate {
				return nil, fmt.Errorf("repops: node %d (%s): state node after other nodes", i, nd.Name)
			}
			r.nstate++
		case KindData:
			r.data = append(r.data, i)
		case KindConst:
			if len(nd.Attrs) != 1 || !sameShape(nd.Shape, []int{1}) {
				return nil, fmt.Errorf("repops: node %d (%s): a constant is one word of shape [1]", i, nd.Name)
			}
			r.vals[i] = Tensor{Shape: []int{1}, Data: []float32{f32(nd.Attrs[0])}}
		case KindOp:
			shapes := make([][]int, len(nd.Inputs))
			for k, x := range nd.Inputs {
				if x < 0 || x >= i {
					return nil, fmt.Errorf("repops: node %d (%s): input %d is not an earlier node", i, nd.Name, x)
				}
				shapes[k] = g.Nodes[x].Shape
			}
			batch := 0
			if len(nd.Shape) > 0 {
				batch = nd.Shape[0]
			}
			want, err := OutShape(nd.Op, nd.Attrs, shapes, batch)
			if err != nil {
				return nil, fmt.Errorf("repops: node %d (%s): %w", i, nd.Name, err)
			}
			if !sameShape(want, nd.Shape) {
				return nil, fmt.Errorf("repops: node %d (%s): shape %v, want %v", i, nd.Name, nd.Shape, want)
			}
			r.vals[i] = NewTensor(nd.Shape...)
			r.ins[i] = make([]Tensor, len(nd.Inputs))
			r.ops = append(r.ops, i)
		default:
			return nil, fmt.Errorf("repops: node %d (%s): unknown kind %d", i, nd.Name, nd.Kind)
		}
	}
	if len(g.Outputs) != 0 && len(g.Outputs) != r.nstate {
		return nil, fmt.Errorf("repops: %d outputs for %d state tensors", len(g.Outputs), r.nstate)
	}
	for i, o := range g.Outputs {
		if o < 0 || o >= n || !sameShape(g.Nodes[o].Shape, g.Nodes[i].Shape) {
			return nil, fmt.Errorf("repops: output %d does not match state tensor %d", o, i)
		}
	}
	if g.Loss < 0 || g.Loss >= n || numElems(g.Nodes[g.Loss].Shape) != 1 {
		return nil, fmt.Errorf("repops: loss node %d is not a scalar", g.Loss)
	}
	return r, nil
}

// Step runs the graph on state (the state nodes' tensors) and data (the
// data nodes' tensors, in graph order) and, if the graph has Outputs,
// writes the next state into next (which may be state itself: it is written
// only after every operator ran, so a failed step leaves it unchanged). It
// returns the loss. In the steady state it allocates nothing.
func (r *LMRunner) Step(state, data, next []Tensor) (float32, error) {
	g := r.g
	if len(state) != r.nstate || len(data) != len(r.data) {
		return 0, fmt.Errorf("repops: %d state and %d data tensors, want %d and %d", len(state), len(data), r.nstate, len(r.data))
	}
	if len(g.Outputs) > 0 && len(next) != r.nstate {
		return 0, fmt.Errorf("repops: %d next tensors, want %d", len(next), r.nstate)
	}
	check := func(i int, t Tensor) error {
		if shape := g.Nodes[i].Shape; !sameShape(t.Shape, shape) || len(t.Data) != numElems(shape) {
			return fmt.Errorf("repops: node %d (%s): shape %v, want %v", i, g.Nodes[i].Name, t.Shape, shape)
		}
		return nil
	}
	for i, t := range state {
		if err := check(i, t); err != nil {
			return 0, err
		}
		if len(g.Outputs) > 0 && len(next[i].Data) != len(t.Data) {
			return 0, fmt.Errorf("repops: next state tensor %d has %d elements, want %d", i, len(next[i].Data), len(t.Data))
		}
		r.vals[i] = t
	}
	defer r.release()
	for k, x := range r.data {
		if err := check(x, data[k]); err != nil {
			return 0, err
		}
		r.vals[x] = data[k]
	}
	for _, i := range r.ops {
		nd := &g.Nodes[i]
		in := r.ins[i]
		for k, x := range nd.Inputs {
			in[k] = r.vals[x]
		}
		var err error
		if r.cpu {
			err = cpuKernel(nd.Op, nd.Attrs, in, r.vals[i])
		} else {
			err = r.ex.Run(nd.Op, nd.Attrs, in, r.vals[i])
		}
		if err != nil {
			return 0, fmt.Errorf("repops: node %d (%s): %w", i, nd.Name, err)
		}
	}
	for i, o := range g.Outputs {
		copy(next[i].Data, r.vals[o].Data)
	}
	return r.vals[g.Loss].Data[0], nil
}

// release drops the runner's references to the caller's state and data
// tensors, which the next Step sets again: a runner kept between steps (a
// trainer's) does not keep the last state it stepped reachable.
func (r *LMRunner) release() {
	clear(r.vals[:r.nstate])
	for _, x := range r.data {
		r.vals[x] = Tensor{}
	}
	for _, i := range r.ops {
		clear(r.ins[i])
	}
}

// Value returns operator node i's tensor of the last Step (a buffer the
// next Step overwrites); a state or data node's is not kept after a step.
func (r *LMRunner) Value(i int) Tensor { return r.vals[i] }

// Graph returns the runner's graph (shared; do not modify).
func (r *LMRunner) Graph() *Graph { return r.g }
