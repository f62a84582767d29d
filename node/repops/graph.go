package repops

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Tensor is a dense row-major float32 tensor. Index tensors (batch indices)
// hold exact small integers as float32 values.
type Tensor struct {
	Shape []int
	Data  []float32
}

// NewTensor allocates a zero tensor of the given shape.
func NewTensor(shape ...int) Tensor {
	return Tensor{Shape: append([]int(nil), shape...), Data: make([]float32, numElems(shape))}
}

// Clone returns a deep copy of t.
func (t Tensor) Clone() Tensor {
	return Tensor{Shape: append([]int(nil), t.Shape...), Data: append([]float32(nil), t.Data...)}
}

func numElems(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// Dataset is the training data of a job: X has shape [rows, features], Y has
// shape [rows] and holds class indices as float32 values (0, 1, 2, ...).
type Dataset struct {
	X Tensor
	Y Tensor
}

// Optimizer names accepted in MLPConfig.Optimizer.
const (
	OptSGD  = "sgd"  // SGD with momentum (Momentum may be 0)
	OptAdam = "adam" // Adam with bias correction through beta^t state scalars
)

// MLPConfig describes the model and the training step.
//
// Layers are the widths from input features to output classes, so
// len(Layers) >= 2, Layers[0] = features and Layers[len-1] = classes. Every
// hidden layer is followed by ReLU; the loss is the mean softmax
// cross-entropy over the batch.
type MLPConfig struct {
	Layers    []int
	Optimizer string  // OptSGD or OptAdam
	LR        float32 // both optimizers
	Momentum  float32 // SGD
	Beta1     float32 // Adam
	Beta2     float32 // Adam
	Eps       float32 // Adam
	BatchSize int
	Seed      uint64 // parameter init and batch sampling
}

// NodeKind is the kind of a graph node.
type NodeKind uint8

// Node kinds. Input nodes (state, data, constants) compute nothing.
const (
	KindState NodeKind = 1 // one state tensor at step t (parameters, optimizer state, step counter)
	KindData  NodeKind = 2 // the dataset (X, then Y)
	KindConst NodeKind = 3 // a scalar hyperparameter, value fixed by the graph
	KindOp    NodeKind = 4 // an operator applied to earlier nodes
)

// Node is one node of the step graph.
type Node struct {
	Kind   NodeKind
	Op     OpKind   // KindOp only
	Inputs []int    // indices of earlier nodes (KindOp only)
	Attrs  []uint32 // operator attributes, or the constant's word (KindConst)
	Shape  []int    // output shape
	Output int      // -1, or the index i of the state tensor at t+1 this node is
	Name   string   // informative only, not encoded
}

// Graph is the canonical operator graph of one training step.
//
// Node order: first the NumState state tensors (in StateNames order), then
// the dataset X and Y, then the constants, then the operators in a
// topological order. Outputs[i] is the node holding state tensor i at t+1.
type Graph struct {
	Config  MLPConfig
	Rows    int // dataset rows
	Nodes   []Node
	Outputs []int
	Loss    int // node of the mean batch loss (a [1] tensor)
	Logits  int // node of the logits [batch, classes]
}

// NumState is the number of state tensors (parameters, optimizer state,
// step counter); they are the first nodes of the graph.
func (g *Graph) NumState() int { return len(g.Outputs) }

// GraphVersion is the first word of Encode's output.
const GraphVersion = 1

// EncodeNode returns the canonical encoding of node i (big-endian):
//
//	u8 kind | u8 op | u32 output (0, or 1 + state index) |
//	u8 ndims | u32 dims... | u8 ninputs | u32 inputs... | u8 nattrs | u32 attrs...
func (g *Graph) EncodeNode(i int) []byte {
	n := &g.Nodes[i]
	b := []byte{byte(n.Kind), byte(n.Op)}
	b = binary.BigEndian.AppendUint32(b, uint32(n.Output+1))
	b = append(b, byte(len(n.Shape)))
	for _, d := range n.Shape {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	b = append(b, byte(len(n.Inputs)))
	for _, x := range n.Inputs {
		b = binary.BigEndian.AppendUint32(b, uint32(x))
	}
	b = append(b, byte(len(n.Attrs)))
	for _, a := range n.Attrs {
		b = binary.BigEndian.AppendUint32(b, a)
	}
	return b
}

// NodeEncodings returns EncodeNode(i) for every node, in graph order (the
// items of the graph root).
func (g *Graph) NodeEncodings() [][]byte {
	out := make([][]byte, len(g.Nodes))
	for i := range g.Nodes {
		out[i] = g.EncodeNode(i)
	}
	return out
}

// Encode returns the canonical encoding of the whole graph:
//
//	u32 GraphVersion | u32 node count | per node: u32 length | EncodeNode(i)
func (g *Graph) Encode() []byte {
	b := binary.BigEndian.AppendUint32(nil, GraphVersion)
	b = binary.BigEndian.AppendUint32(b, uint32(len(g.Nodes)))
	for i := range g.Nodes {
		e := g.EncodeNode(i)
		b = binary.BigEndian.AppendUint32(b, uint32(len(e)))
		b = append(b, e...)
	}
	return b
}

// ErrConfig is wrapped by every configuration error.
var ErrConfig = errors.New("repops: bad config")

// Validate checks the configuration.
func (c MLPConfig) Validate() error {
	if len(c.Layers) < 2 {
		return fmt.Errorf("%w: need at least input and output widths", ErrConfig)
	}
	for i, w := range c.Layers {
		if w < 1 || w > 1<<16 {
			return fmt.Errorf("%w: layer %d width %d", ErrConfig, i, w)
		}
	}
	if c.Layers[len(c.Layers)-1] < 2 {
		return fmt.Errorf("%w: need at least 2 classes", ErrConfig)
	}
	if c.BatchSize < 1 || c.BatchSize > 1<<16 {
		return fmt.Errorf("%w: batch size %d", ErrConfig, c.BatchSize)
	}
	finite := func(name string, v float32) error {
		if v != v || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w: %s is not finite", ErrConfig, name)
		}
		return nil
	}
	switch c.Optimizer {
	case OptSGD:
		for _, p := range []struct {
			n string
			v float32
		}{{"lr", c.LR}, {"momentum", c.Momentum}} {
			if err := finite(p.n, p.v); err != nil {
				return err
			}
		}
	case OptAdam:
		for _, p := range []struct {
			n string
			v float32
		}{{"lr", c.LR}, {"beta1", c.Beta1}, {"beta2", c.Beta2}, {"eps", c.Eps}} {
			if err := finite(p.n, p.v); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%w: optimizer %q", ErrConfig, c.Optimizer)
	}
	return nil
}

// StateShapes returns the names and shapes of the state tensors, in state
// order: for each layer l=1..L W{l} [in, out] and b{l} [out]; then SGD:
// vW{l}, vb{l} for each layer; Adam: mW{l}, mb{l} for each layer, then vW{l},
// vb{l} for each layer, then b1t and b2t ([1], beta1^t and beta2^t); last
// the step counter "step" ([1]; it holds the integer word t, i.e.
// Data[0] = math.Float32frombits(t): see StepCounter).
func StateShapes(c MLPConfig) (names []string, shapes [][]int, err error) {
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	L := len(c.Layers) - 1
	params := func(prefix string) {
		for l := 1; l <= L; l++ {
			names = append(names, fmt.Sprintf("%sW%d", prefix, l), fmt.Sprintf("%sb%d", prefix, l))
			shapes = append(shapes, []int{c.Layers[l-1], c.Layers[l]}, []int{c.Layers[l]})
		}
	}
	params("")
	switch c.Optimizer {
	case OptSGD:
		params("v")
	case OptAdam:
		params("m")
		params("v")
		names = append(names, "b1t", "b2t")
		shapes = append(shapes, []int{1}, []int{1})
	}
	names = append(names, "step")
	shapes = append(shapes, []int{1})
	return names, shapes, nil
}

// StepCounter returns the step number t held by a step-counter tensor (the
// last state tensor). The counter is an integer word stored in the float32
// slot bit for bit, so it is exact up to 2^32-1 steps.
func StepCounter(t Tensor) uint32 { return math.Float32bits(t.Data[0]) }

// StepTensor returns a step-counter tensor holding step t.
func StepTensor(t uint32) Tensor {
	return Tensor{Shape: []int{1}, Data: []float32{math.Float32frombits(t)}}
}
