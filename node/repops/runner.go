package repops

import (
	"fmt"
	"unsafe"
)

// Runner executes a step graph step after step without allocating: every
// operator's output buffer is allocated once, when the Runner is built, and
// reused by every step. With the CPU executor it also
//
//   - calls the kernels directly (the shapes were checked when the Runner
//     was built, so no per-call checks or allocations remain),
//   - runs each parameter tensor's optimizer operators (AdamMoment power 1,
//     AdamMoment power 2 and AdamParam; or SGDVelocity and SGDParam) as one
//     pass over the elements (adamFused, sgdFused),
//   - writes the next state over the current one when asked to (Step with
//     next = state), where that is safe: the successor of a state tensor is
//     written over it only if every other reader of that tensor has already
//     run and the successor reads it element by element.
//
// A step computes exactly the bits of (*Graph).Run; only the next state and
// the loss are kept (the other nodes' outputs are overwritten by the next
// step, so a step trace needs Graph.Run). A Runner is not safe for
// concurrent use.
type Runner struct {
	g       *Graph
	ex      Executor
	cpu     bool
	vals    []Tensor   // per node: its tensor in the step being run
	own     []Tensor   // per operator node: the buffer allocated for it
	ins     [][]Tensor // per operator node: its inputs (views of vals)
	stages  []stage
	stageOf []int  // per node: the stage that computes it (-1 for input nodes)
	inPlace []bool // per state tensor: its successor may be written over it
	direct  []bool // per state tensor, in the current step: written straight into next
	data    [2]int // the data nodes (X, Y)

	// The optimizer passes of large tensors run on Threads() threads.
	par   parTask
	adam  adamJob
	adamW adamWJob
	sgd   sgdJob
}

type stageKind uint8

const (
	stageOp    stageKind = iota // one operator: nodes[0]
	stageAdam                   // nodes: AdamMoment power 1, power 2, AdamParam
	stageAdamW                  // nodes: AdamMoment power 1, power 2, AdamWParam
	stageSGD                    // nodes: SGDVelocity, SGDParam
)

type stage struct {
	kind  stageKind
	nodes [3]int
}

// NewRunner checks the graph's shapes and prepares a Runner with the
// executor (nil: CPU).
func NewRunner(g *Graph, ex Executor) (*Runner, error) {
	if ex == nil {
		ex = CPU{}
	}
	_, isCPU := ex.(CPU)
	if _, ok := ex.(*CPU); ok {
		isCPU = true
	}
	n := len(g.Nodes)
	ns := g.NumState()
	r := &Runner{
		g: g, ex: ex, cpu: isCPU,
		vals: make([]Tensor, n), own: make([]Tensor, n), ins: make([][]Tensor, n),
		stageOf: make([]int, n), inPlace: make([]bool, ns), direct: make([]bool, ns),
	}
	consumers := make([][]int, n)
	isOutput := make(map[int]bool, len(g.Outputs))
	for _, o := range g.Outputs {
		isOutput[o] = true
	}
	ndata := 0
	for i := range g.Nodes {
		nd := &g.Nodes[i]
		r.stageOf[i] = -1
		switch nd.Kind {
		case KindState:
			if i >= ns {
				return nil, fmt.Errorf("repops: node %d (%s): state node after the state tensors", i, nd.Name)
			}
		case KindData:
			if ndata == 2 {
				return nil, fmt.Errorf("repops: node %d (%s): more than two data nodes", i, nd.Name)
			}
			r.data[ndata] = i
			ndata++
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
				consumers[x] = append(consumers[x], i)
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
			if isOutput[i] {
				// A successor of a state tensor is written into the
				// caller's next state; its own buffer is allocated only
				// if a step ever has to keep it aside (Step).
				r.own[i] = Tensor{Shape: clone(nd.Shape)}
			} else {
				r.own[i] = NewTensor(nd.Shape...)
			}
			r.vals[i] = r.own[i]
			r.ins[i] = make([]Tensor, len(nd.Inputs))
		default:
			return nil, fmt.Errorf("repops: node %d (%s): unknown kind %d", i, nd.Name, nd.Kind)
		}
	}
	if ndata != 2 {
		return nil, fmt.Errorf("repops: the graph has %d data nodes, want 2", ndata)
	}
	if len(g.Outputs) != ns {
		return nil, fmt.Errorf("repops: %d outputs for %d state tensors", len(g.Outputs), ns)
	}
	seen := make(map[int]bool, ns)
	for i, o := range g.Outputs {
		if o < 0 || o >= n || !sameShape(g.Nodes[o].Shape, g.Nodes[i].Shape) || seen[o] {
			return nil, fmt.Errorf("repops: output %d does not match state tensor %d", o, i)
		}
		seen[o] = true
	}
	if g.Loss < 0 || g.Loss >= n || numElems(g.Nodes[g.Loss].Shape) != 1 {
		return nil, fmt.Errorf("repops: loss node %d is not a scalar", g.Loss)
	}

	// Fused optimizer groups (CPU only): the moments (or the velocity) move
	// to the position of the parameter update that is their only reader.
	fusedInto := make([]int, n) // member node -> the group's last node, or 0
	groups := map[int]stage{}
	only := func(x, reader int) bool { return len(consumers[x]) == 1 && consumers[x][0] == reader }
	for i := range g.Nodes {
		nd := &g.Nodes[i]
		if !r.cpu || nd.Kind != KindOp {
			continue
		}
		switch nd.Op {
		case OpAdamParam, OpAdamWParam:
			mi, vi := nd.Inputs[1], nd.Inputs[2]
			m, v := &g.Nodes[mi], &g.Nodes[vi]
			if m.Kind == KindOp && m.Op == OpAdamMoment && m.Attrs[0] == 1 &&
				v.Kind == KindOp && v.Op == OpAdamMoment && v.Attrs[0] == 2 &&
				m.Inputs[1] == v.Inputs[1] && only(mi, i) && only(vi, i) {
				kind := stageAdam
				if nd.Op == OpAdamWParam {
					kind = stageAdamW
				}
				groups[i] = stage{kind: kind, nodes: [3]int{mi, vi, i}}
				fusedInto[mi], fusedInto[vi] = i, i
			}
		case OpSGDParam:
			vi := nd.Inputs[1]
			if v := &g.Nodes[vi]; v.Kind == KindOp && v.Op == OpSGDVelocity && only(vi, i) {
				groups[i] = stage{kind: stageSGD, nodes: [3]int{vi, i}}
				fusedInto[vi] = i
			}
		}
	}
	for i := range g.Nodes {
		if g.Nodes[i].Kind != KindOp || fusedInto[i] != 0 {
			continue
		}
		st, ok := groups[i]
		if !ok {
			st = stage{kind: stageOp, nodes: [3]int{i}}
		}
		for k, x := range st.nodes {
			if k == 0 || x != 0 {
				r.stageOf[x] = len(r.stages)
			}
		}
		r.stages = append(r.stages, st)
	}

	// Which successors may be written over their state tensor. Only after
	// the last stage that can fail (a Gather's index check), so that a
	// failed step leaves the state as it was.
	lastFallible := -1
	for k, st := range r.stages {
		if st.kind == stageOp && g.Nodes[st.nodes[0]].Op == OpGather {
			lastFallible = k
		}
	}
	for i, o := range g.Outputs {
		if !r.cpu || g.Nodes[o].Kind != KindOp || r.stageOf[o] <= lastFallible {
			continue
		}
		ok := true
		for _, c := range consumers[i] {
			if r.stageOf[c] < r.stageOf[o] {
				continue
			}
			if r.stageOf[c] > r.stageOf[o] || !readsElementwise(&g.Nodes[c], i) {
				ok = false
				break
			}
		}
		r.inPlace[i] = ok
	}
	return r, nil
}

// readsElementwise reports whether operator node c reads node x only as
// its first input and only at the index of the element it writes (so its
// output may overwrite x).
func readsElementwise(c *Node, x int) bool {
	switch c.Op {
	case OpSGDVelocity, OpSGDParam, OpAdamMoment, OpAdamParam, OpScalarMul, OpIncrement,
		OpAdd, OpScaleBy, OpAdamWParam:
	default:
		return false
	}
	for k, in := range c.Inputs {
		if in == x && k != 0 {
			return false
		}
	}
	return true
}

func sameData(a, b []float32) bool {
	return len(a) > 0 && len(b) > 0 && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// Step runs one training step from state with data and writes the state at
// t+1 into next, whose tensors must have the state's shapes. next[i] may be
// state[i] itself (the step then updates the state in place) or memory that
// overlaps no state or data tensor. It returns the mean batch loss. A step
// that fails writes nothing into state. In the steady state a step
// allocates nothing.
func (r *Runner) Step(state []Tensor, data Dataset, next []Tensor) (float32, error) {
	g := r.g
	ns := g.NumState()
	if len(state) != ns || len(next) != ns {
		return 0, fmt.Errorf("repops: %d state and %d next tensors, want %d", len(state), len(next), ns)
	}
	for i := 0; i < ns; i++ {
		shape := g.Nodes[i].Shape
		if !sameShape(state[i].Shape, shape) || len(state[i].Data) != numElems(shape) {
			return 0, fmt.Errorf("repops: node %d (%s): shape %v, want %v", i, g.Nodes[i].Name, state[i].Shape, shape)
		}
		if len(next[i].Data) != len(state[i].Data) {
			return 0, fmt.Errorf("repops: next state tensor %d has %d elements, want %d", i, len(next[i].Data), len(state[i].Data))
		}
		r.vals[i] = state[i]
	}
	defer r.release()
	for k, t := range [2]Tensor{data.X, data.Y} {
		x := r.data[k]
		if shape := g.Nodes[x].Shape; !sameShape(t.Shape, shape) || len(t.Data) != numElems(shape) {
			return 0, fmt.Errorf("repops: node %d (%s): shape %v, want %v", x, g.Nodes[x].Name, t.Shape, shape)
		}
		r.vals[x] = t
	}
	for i, o := range g.Outputs {
		if g.Nodes[o].Kind != KindOp {
			r.direct[i] = false
			continue
		}
		alias := sameData(next[i].Data, state[i].Data)
		r.direct[i] = !alias || r.inPlace[i]
		if r.direct[i] {
			r.vals[o] = Tensor{Shape: r.own[o].Shape, Data: next[i].Data}
		} else {
			if r.own[o].Data == nil {
				r.own[o].Data = make([]float32, numElems(r.own[o].Shape))
			}
			r.vals[o] = r.own[o]
		}
	}
	for i := range g.Nodes {
		if in := r.ins[i]; in != nil {
			for k, x := range g.Nodes[i].Inputs {
				in[k] = r.vals[x]
			}
		}
	}
	for _, st := range r.stages {
		if err := r.run(st); err != nil {
			return 0, err
		}
	}
	for i, o := range g.Outputs {
		if !r.direct[i] {
			copy(next[i].Data, r.vals[o].Data)
		}
	}
	return r.vals[g.Loss].Data[0], nil
}

// release drops the runner's references to the caller's tensors (the
// state, the data and the next state a step wrote into directly), which
// the next Step sets again: a runner kept between steps (a trainer's) does
// not keep the last state it stepped reachable after the caller let it go.
func (r *Runner) release() {
	ns := r.g.NumState()
	clear(r.vals[:ns])
	for _, x := range r.data {
		r.vals[x] = Tensor{}
	}
	for i, o := range r.g.Outputs {
		if r.direct[i] {
			r.vals[o] = Tensor{}
		}
	}
	for _, in := range r.ins {
		clear(in)
	}
}

func (r *Runner) run(st stage) error {
	switch st.kind {
	case stageAdam:
		mi, vi, pi := st.nodes[0], st.nodes[1], st.nodes[2]
		m, v, p := r.ins[mi], r.ins[vi], r.ins[pi]
		r.adam = adamJob{po: r.vals[pi].Data, mo: r.vals[mi].Data, vo: r.vals[vi].Data,
			p: p[0].Data, m: m[0].Data, v: v[0].Data, g: m[1].Data,
			b1: m[2].Data[0], b2: v[2].Data[0], b1t: p[3].Data[0], b2t: p[4].Data[0], lr: p[5].Data[0], eps: p[6].Data[0]}
		parallelFor(&r.par, &r.adam, len(r.adam.g), Threads())
		r.adam = adamJob{}
		return nil
	case stageAdamW:
		mi, vi, pi := st.nodes[0], st.nodes[1], st.nodes[2]
		m, v, p := r.ins[mi], r.ins[vi], r.ins[pi]
		r.adamW = adamWJob{po: r.vals[pi].Data, mo: r.vals[mi].Data, vo: r.vals[vi].Data,
			p: p[0].Data, m: m[0].Data, v: v[0].Data, g: m[1].Data,
			b1: m[2].Data[0], b2: v[2].Data[0], b1t: p[3].Data[0], b2t: p[4].Data[0], lr: p[5].Data[0],
			eps: p[6].Data[0], wd: p[7].Data[0]}
		parallelFor(&r.par, &r.adamW, len(r.adamW.g), Threads())
		r.adamW = adamWJob{}
		return nil
	case stageSGD:
		vi, pi := st.nodes[0], st.nodes[1]
		v, p := r.ins[vi], r.ins[pi]
		r.sgd = sgdJob{po: r.vals[pi].Data, vo: r.vals[vi].Data, p: p[0].Data, v: v[0].Data, g: v[1].Data,
			mu: v[2].Data[0], lr: p[2].Data[0]}
		parallelFor(&r.par, &r.sgd, len(r.sgd.g), Threads())
		r.sgd = sgdJob{}
		return nil
	}
	i := st.nodes[0]
	nd := &r.g.Nodes[i]
	var err error
	if r.cpu {
		err = cpuKernel(nd.Op, nd.Attrs, r.ins[i], r.vals[i])
	} else {
		err = r.ex.Run(nd.Op, nd.Attrs, r.ins[i], r.vals[i])
	}
	if err != nil {
		return fmt.Errorf("repops: node %d (%s): %w", i, nd.Name, err)
	}
	return nil
}
