package worker

// The executor faults of transformer jobs (docs/worker.md, "Fault
// injection"): perturb-attention, perturb-norm and nonrepops-softmax change the worker's
// arithmetic for some steps, so that training, the committed roots and the
// dispute defence (whose step trace is computed with the same executor) all
// carry the fault.

import (
	"math"
	"sync/atomic"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// lmFaultExecutor is the executor of a perturb-attention, perturb-norm or
// nonrepops-softmax worker: Base's (repops.CPU{} when nil) for every
// operator but the step's first AttnScores (perturb-attention: one score
// raised by 1.0 at step N), RMSInv (perturb-norm: without
// its eps at step N) or SoftmaxRow (nonrepops-softmax: float64 exp from
// step N on).
//
// An Executor is not told which step it computes: it learns it from the
// step graph's first operator, BatchIndex, whose input is the step counter,
// and applies the fault to the operators that follow. One executor
// therefore computes one step at a time: the worker gives each trainer its
// own (Driver.executor), and a trainer's steps run one after another.
type lmFaultExecutor struct {
	Base repops.Executor
	Kind FaultKind
	N    uint64 // the fault step

	step   atomic.Int64 // the step being computed; -1 before the first BatchIndex
	scores atomic.Int64 // AttnScores run so far in this step
}

var _ repops.Executor = (*lmFaultExecutor)(nil)

func newLMFaultExecutor(base repops.Executor, kind FaultKind, n uint64) *lmFaultExecutor {
	e := &lmFaultExecutor{Base: base, Kind: kind, N: n}
	e.step.Store(-1)
	return e
}

func (e *lmFaultExecutor) base() repops.Executor {
	if e.Base == nil {
		return repops.CPU{}
	}
	return e.Base
}

// active reports whether the fault acts on the step being computed.
func (e *lmFaultExecutor) active() bool {
	s := e.step.Load()
	if s < 0 {
		return false
	}
	switch e.Kind {
	case FaultPerturbAttention, FaultPerturbNorm:
		return uint64(s) == e.N
	case FaultNonRepOpsSoftmax:
		return uint64(s) >= e.N
	}
	return false
}

// Run implements repops.Executor.
func (e *lmFaultExecutor) Run(op repops.OpKind, attrs []uint32, in []repops.Tensor, out repops.Tensor) error {
	switch {
	case op == repops.OpBatchIndex && len(in) > 0 && len(in[0].Data) == 1:
		e.step.Store(int64(math.Float32bits(in[0].Data[0])))
		e.scores.Store(0)
	case op == repops.OpAttnScores && e.Kind == FaultPerturbAttention && e.active():
		if e.scores.Add(1) != 1 { // only layer 1's forward scores
			break
		}
		if err := e.base().Run(op, attrs, in, out); err != nil {
			return err
		}
		i := attentionScoreIndex(out)
		out.Data[i] = repops.Add(out.Data[i], 1)
		return nil
	case op == repops.OpRMSInv && e.Kind == FaultPerturbNorm && e.active():
		if err := repops.CheckRun(op, attrs, in, out); err != nil {
			return err
		}
		return e.base().Run(op, []uint32{0}, in, out) // eps left out
	case op == repops.OpSoftmaxRow && e.Kind == FaultNonRepOpsSoftmax && e.active():
		if err := repops.CheckRun(op, attrs, in, out); err != nil {
			return err
		}
		softmaxRowFloat64(in[0], in[1], out)
		return nil
	}
	return e.base().Run(op, attrs, in, out)
}

// attentionScoreIndex is the score perturb-attention changes: row 1 of the
// first window's first head, column 0 (query 1's weight for key 0, not
// masked, and one of two in its row, so the softmax passes the change on);
// element 0 when the context is a single token.
func attentionScoreIndex(scores repops.Tensor) int {
	if c := scores.Shape[1]; c > 1 {
		return c
	}
	return 0
}

// softmaxRowFloat64 is SoftmaxRow as a non-RepOps kernel computes it:
// float32(exp(float64(s - lse))) with Go's math.Exp (S[m,n], lse[m]).
func softmaxRowFloat64(s, lse, out repops.Tensor) {
	n := s.Shape[1]
	for i, x := range s.Data {
		v := float32(math.Exp(float64(x - lse.Data[i/n])))
		if v != v {
			v = math.Float32frombits(repops.CanonicalNaN)
		}
		out.Data[i] = v
	}
}
