package onestepevm

import (
	"fmt"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

func siblings(p commit.Proof) [][32]byte {
	out := make([][32]byte, len(p.Siblings))
	for i, s := range p.Siblings {
		out[i] = s
	}
	return out
}

// GraphSource is what a proof needs of a job's graph (*trainer.Trainer
// implements it).
type GraphSource interface {
	Graph() *repops.Graph
	GraphRoot() commit.Hash
	GraphNode(j int) ([]byte, commit.Proof, error)
}

// graphNode returns node j's encoding and its proof under the graph root.
func graphNode(tr GraphSource, j int) (GraphNode, error) {
	enc, p, err := tr.GraphNode(j)
	if err != nil {
		return GraphNode{}, err
	}
	return GraphNode{Enc: enc, Proof: siblings(p)}, nil
}

// ShapesNeeded returns the input slots (bit s for slot s) whose shapes the
// decoding of an operator's entries reads (ElementProgram.shapesNeeded).
func ShapesNeeded(op repops.OpKind) uint64 {
	switch op {
	case repops.OpMatMul, repops.OpMatMulTN, repops.OpMatMulNT:
		return 3
	case repops.OpBiasAdd:
		return 2
	case repops.OpColSum, repops.OpGather, repops.OpLogSumExp, repops.OpSoftmaxXentLoss, repops.OpMean, repops.OpSoftmaxXentGrad:
		return 1
	// the transformer operators (docs/onestep.md)
	case repops.OpPosAdd, repops.OpAttnApply, repops.OpAttnApplyT, repops.OpEmbedGrad:
		return 3
	case repops.OpRowGroupSum, repops.OpAttnScores, repops.OpSoftmaxRow, repops.OpRowDot, repops.OpSoftmaxGrad,
		repops.OpRMSInv, repops.OpRMSNorm, repops.OpRMSNormRowDot, repops.OpRMSNormGradX, repops.OpRMSNormGradG,
		repops.OpSumSq:
		return 1
	}
	return 0 // element-wise and scalar operators (WindowIndex, Add, SiLU, SiLUGrad, AdamWParam, LRSchedule, ClipScale, ScaleBy)
}

// BuildProof assembles the one-step claim and proof of entry k of the
// element trace et, taken from the step trace st of trainer tr: the
// operator node and the input nodes the entry needs (those whose shape the
// operator reads and those its operands reference) with graph proofs, the
// entry with its proof against et.Root, and every operand's value proof.
func BuildProof(tr *trainer.Trainer, st *trainer.StepTrace, et *trainer.ElementTrace, k int) (Claim, StepProof, error) {
	return buildProof(tr, st, et, k, false)
}

// BuildProofFrom is BuildProof over any graph source (a trainer, or a
// graph built by hand in tests).
func BuildProofFrom(g GraphSource, st *trainer.StepTrace, et *trainer.ElementTrace, k int) (Claim, StepProof, error) {
	return buildProof(g, st, et, k, false)
}

// BuildFullProof is BuildProof with every input node's graph proof.
func BuildFullProof(tr *trainer.Trainer, st *trainer.StepTrace, et *trainer.ElementTrace, k int) (Claim, StepProof, error) {
	return buildProof(tr, st, et, k, true)
}

func buildProof(tr GraphSource, st *trainer.StepTrace, et *trainer.ElementTrace, k int, all bool) (Claim, StepProof, error) {
	g := tr.Graph()
	if k < 0 || k >= len(et.Entries) {
		return Claim{}, StepProof{}, fmt.Errorf("onestepevm: entry %d out of range", k)
	}
	c := Claim{
		GraphRoot: tr.GraphRoot(), StepTraceRoot: st.Root, Step: st.Step,
		ElementTraceRoot: et.Root, Node: uint32(et.Node), Element: uint32(et.Element), Entry: uint32(k),
	}
	p := StepProof{NumNodes: uint32(len(g.Nodes)), TraceLength: uint32(len(et.Entries)), EntryItem: et.Items[k]}
	var err error
	if p.Node, err = graphNode(tr, et.Node); err != nil {
		return c, p, err
	}
	node := g.Nodes[et.Node]
	need := ShapesNeeded(node.Op)
	for _, a := range et.Entries[k].Args {
		switch a.Kind {
		case repops.ArgInput, repops.ArgConst, repops.ArgInputAt:
			need |= 1 << a.Slot
		}
	}
	p.Inputs = make([]GraphNode, len(node.Inputs))
	for s, x := range node.Inputs {
		if !all && need&(1<<s) == 0 {
			continue // omitted: an empty encoding
		}
		if p.Inputs[s], err = graphNode(tr, x); err != nil {
			return c, p, err
		}
	}
	ep, err := et.EntryProof(k)
	if err != nil {
		return c, p, err
	}
	p.EntryProof = siblings(ep)
	for i, a := range et.Entries[k].Args {
		op := &p.Operands[i]
		elem := a.Index
		switch a.Kind {
		case repops.ArgEntry, repops.ArgInputAt:
			pr, err := et.EntryProof(a.Index)
			if err != nil {
				return c, p, err
			}
			op.EntryItem, op.EntryProof = et.Items[a.Index], siblings(pr)
			elem = int(et.Entries[a.Index].Result)
		}
		switch a.Kind {
		case repops.ArgInput, repops.ArgInputAt:
			x := node.Inputs[a.Slot]
			np, err := st.NodeProof(x)
			if err != nil {
				return c, p, err
			}
			el, err := st.ElementProof(x, elem)
			if err != nil {
				return c, p, err
			}
			op.OutRoot, op.OutRootProof = st.NodeRoots[x], siblings(np)
			op.Leaf, op.LeafPath = el.Leaf, siblings(el.Path)
		}
	}
	return c, p, nil
}
