package trainer

import (
	"fmt"
	"math"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// StepTrace is the execution of step t (the transition from the state
// after t steps to the state after t+1): every node's output tensor in
// graph order, their roots, and commit.StepTraceRoot(t, NodeRoots).
type StepTrace struct {
	Step      uint64
	Outputs   []repops.Tensor
	NodeRoots []commit.Hash
	Root      commit.Hash
	Loss      float32
	Next      *State // the state after t+1 steps
}

// StepTrace runs step st.Step and records its trace.
func (t *Trainer) StepTrace(st *State) (*StepTrace, error) {
	if err := t.checkState(st); err != nil {
		return nil, err
	}
	if st.Step >= uint64(t.spec.Steps) {
		return nil, fmt.Errorf("trainer: step %d is past the job's %d steps", st.Step, t.spec.Steps)
	}
	out, next, loss, err := t.graph.Run(t.opts.Executor, st.Tensors, t.train)
	if err != nil {
		return nil, err
	}
	ts := make([]commit.Tensor, len(out))
	for i, o := range out {
		ts[i] = commit.Tensor(o)
	}
	roots, err := commit.TensorRoots(ts)
	if err != nil {
		return nil, err
	}
	return &StepTrace{
		Step: st.Step, Outputs: out, NodeRoots: roots,
		Root: commit.StepTraceRoot(st.Step, roots), Loss: loss,
		Next: &State{Step: st.Step + 1, Tensors: next},
	}, nil
}

// ElementTrace is the primitive program that computed one element of one
// node in a step trace, with its committed items and root.
type ElementTrace struct {
	Step    uint64
	Node    int
	Element int
	Entries []repops.Entry
	Items   []commit.Hash
	Root    commit.Hash // commit.ElementTraceRoot(node, element, Items)
}

// ElementTrace returns the element trace of element elem of operator node
// `node` in the step trace. Its last entry's result is the element's bits.
func (t *Trainer) ElementTrace(tr *StepTrace, node, elem int) (*ElementTrace, error) {
	if node < 0 || node >= len(t.graph.Nodes) {
		return nil, fmt.Errorf("trainer: node %d out of range [0,%d)", node, len(t.graph.Nodes))
	}
	if n := len(tr.Outputs[node].Data); elem < 0 || elem >= n {
		return nil, fmt.Errorf("trainer: element %d out of range [0,%d) of node %d", elem, n, node)
	}
	entries, err := t.graph.ElementTrace(tr.Outputs, node, elem)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("trainer: node %d element %d has an empty trace", node, elem)
	}
	if last, want := entries[len(entries)-1].Result, math.Float32bits(tr.Outputs[node].Data[elem]); last != want {
		return nil, fmt.Errorf("trainer: node %d element %d: trace gives %#08x, executor gave %#08x", node, elem, last, want)
	}
	items := make([]commit.Hash, len(entries))
	for i, e := range entries {
		if items[i], err = EntryItem(e); err != nil {
			return nil, fmt.Errorf("trainer: node %d element %d entry %d: %w", node, elem, i, err)
		}
	}
	return &ElementTrace{
		Step: tr.Step, Node: node, Element: elem, Entries: entries, Items: items,
		Root: commit.ElementTraceRoot(uint32(node), uint32(elem), items),
	}, nil
}

// EntryItem maps a RepOps entry to its commitment item (commit.EntryItem):
// input and constant operands keep their slot; Ref is the element index for
// inputs, the entry index for entry and addressed-input operands, the word
// for immediates, and 0 for constants and unused slots.
func EntryItem(e repops.Entry) (commit.Hash, error) {
	var args [3]commit.EntryOperand
	for i, a := range e.Args {
		if a.Slot < 0 || a.Slot > 255 || a.Index < 0 || uint64(a.Index) > math.MaxUint32 {
			return commit.Hash{}, fmt.Errorf("operand %d: slot %d or index %d out of range", i, a.Slot, a.Index)
		}
		op := commit.EntryOperand{Kind: uint8(a.Kind)}
		switch a.Kind {
		case repops.ArgNone:
		case repops.ArgConst:
			op.Slot = uint8(a.Slot)
		case repops.ArgInput, repops.ArgInputAt:
			op.Slot, op.Ref = uint8(a.Slot), uint32(a.Index)
		case repops.ArgEntry:
			op.Ref = uint32(a.Index)
		case repops.ArgImm:
			op.Ref = a.Word
		default:
			return commit.Hash{}, fmt.Errorf("operand %d: unknown kind %d", i, a.Kind)
		}
		args[i] = op
	}
	return commit.EntryItem(uint8(e.Op), args, e.Result), nil
}

// NodeProof proves node j's output root in the step trace (a list proof
// against the tree under Root; N = len(NodeRoots)).
func (tr *StepTrace) NodeProof(j int) (commit.Proof, error) {
	return commit.ListProof(tr.NodeRoots, uint64(j))
}

// ElementProof proves element e of node j's output against NodeRoots[j].
func (tr *StepTrace) ElementProof(j, e int) (commit.ElementProof, error) {
	if j < 0 || j >= len(tr.Outputs) || e < 0 {
		return commit.ElementProof{}, fmt.Errorf("trainer: node %d element %d out of range", j, e)
	}
	return commit.ProveElement(tr.Outputs[j].Shape, tr.Outputs[j].Data, uint64(e))
}

// EntryProof proves entry k against the element-trace root's list.
func (et *ElementTrace) EntryProof(k int) (commit.Proof, error) {
	return commit.ListProof(et.Items, uint64(k))
}

// GraphNode returns node j's canonical encoding and its list proof under the
// graph root (commit.GraphRoot).
func (t *Trainer) GraphNode(j int) ([]byte, commit.Proof, error) {
	encs := t.graph.NodeEncodings()
	if j < 0 || j >= len(encs) {
		return nil, commit.Proof{}, fmt.Errorf("trainer: node %d out of range [0,%d)", j, len(encs))
	}
	items := make([]commit.Hash, len(encs))
	for i, e := range encs {
		items[i] = commit.GraphNodeItem(e)
	}
	p, err := commit.ListProof(items, uint64(j))
	return encs[j], p, err
}
