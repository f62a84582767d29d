package worker

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const (
	lmSteps    = 12
	lmInterval = 4
	lmFault    = 5 // inside the second interval
)

// tinyLMJob is the example transformer job cut to a tiny model (context 8,
// width 16, 2 heads, 1 layer, MLP 32, batch 4) and 12 steps, a checkpoint
// every 4, on the example corpus.
func tinyLMJob(t *testing.T) (*spec.Spec, *dataset.Dataset) {
	t.Helper()
	root := filepath.Join("..", "..")
	s, err := spec.Load(filepath.Join(root, "examples", "austen-transformer.json"))
	require.NoError(t, err)
	m := s.Model.Transformer
	m.Context, m.Width, m.Heads, m.Layers, m.MLPWidth = 8, 16, 2, 1, 32
	s.Optimizer.WarmupSteps = 2
	s.BatchSize, s.Steps, s.CheckpointInterval = 4, lmSteps, lmInterval
	require.NoError(t, s.Validate())
	b, err := os.ReadFile(filepath.Join(root, "examples", "data", "austen.txt"))
	require.NoError(t, err)
	ds, err := dataset.Open(b, s.Dataset)
	require.NoError(t, err)
	return s, ds
}

// diffElems lists (tensor, element) of every bit difference between two
// states' tensors (the step counter included).
func diffElems(a, b *trainer.State) [][2]int {
	var out [][2]int
	for i := range a.Tensors {
		x, y := a.Tensors[i].Data, b.Tensors[i].Data
		for j := range x {
			if math.Float32bits(x[j]) != math.Float32bits(y[j]) {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// TestLMFaultStates: each transformer fault changes exactly what it says.
// perturb-attention: state N+1 differs from the honest step of state N in
// one bit of one element, element 0 of l1.wq, and every later step is the
// honest step of the perturbed state; perturb-norm: only step N is not the
// honest step (its next state differs), every other step is; the softmax
// fault: every step from N on differs from the honest step of the same
// state, the steps before N do not.
func TestLMFaultStates(t *testing.T) {
	s, ds := tinyLMJob(t)
	tr := tinyTrainer(t, s, ds)
	honestNext := func(st *trainer.State) *trainer.State {
		next, _, err := tr.Step(st)
		require.NoError(t, err)
		return next
	}
	honest := honestStates(t, tr)
	executorStates := func(t *testing.T, kind FaultKind) (*trainer.Trainer, []*trainer.State) {
		d := &Driver{cfg: DriverConfig{Fault: Fault{Kind: kind, Step: lmFault, StepSet: true}}}
		require.True(t, d.cfg.Fault.changesExecutor())
		require.False(t, d.cfg.Fault.changesStates(), "an executor fault, not a step function")
		ex := d.jobExecutor(s)
		require.IsType(t, &lmFaultExecutor{}, ex)
		ftr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: ex})
		require.NoError(t, err)
		return ftr, statesOf(t, ftr, func(st *trainer.State) (*trainer.State, error) {
			next, _, err := ftr.Step(st)
			return next, err
		})
	}

	t.Run("perturb-attention", func(t *testing.T) {
		ftr, states := executorStates(t, FaultPerturbAttention)
		for i := 0; i <= lmFault; i++ {
			require.Empty(t, diffElems(honest[i], states[i]), "state %d is honest", i)
		}
		for i := 0; i < lmSteps; i++ {
			d := diffElems(honestNext(states[i]), states[i+1])
			if i == lmFault {
				require.NotEmpty(t, d, "step %d carries the perturbed attention score", i)
			} else {
				require.Empty(t, d, "step %d is honest", i)
			}
		}
		requireFirstDiff(t, tr, ftr, states[lmFault], repops.OpAttnScores)
		// One weight: the first AttnScores node differs from the honest
		// one in exactly one element, raised by 1.
		ht, err := tr.StepTrace(states[lmFault])
		require.NoError(t, err)
		ft, err := ftr.StepTrace(states[lmFault])
		require.NoError(t, err)
		for j, nd := range tr.Graph().Nodes {
			if nd.Kind != repops.KindOp || nd.Op != repops.OpAttnScores {
				continue
			}
			var diff []int
			for e, h := range ht.Outputs[j].Data {
				if f := ft.Outputs[j].Data[e]; math.Float32bits(h) != math.Float32bits(f) {
					require.Equal(t, repops.Add(h, 1), f, "element %d", e)
					diff = append(diff, e)
				}
			}
			require.Equal(t, []int{attentionScoreIndex(ht.Outputs[j])}, diff, "node %s", nd.Name)
			break
		}
	})

	t.Run("perturb-norm", func(t *testing.T) {
		ftr, states := executorStates(t, FaultPerturbNorm)
		for i := 0; i <= lmFault; i++ {
			require.Empty(t, diffElems(honest[i], states[i]), "state %d is honest", i)
		}
		for i := 0; i < lmSteps; i++ {
			d := diffElems(honestNext(states[i]), states[i+1])
			if i == lmFault {
				require.NotEmpty(t, d, "step %d is computed without the norm's eps", i)
			} else {
				require.Empty(t, d, "step %d is honest", i)
			}
		}
		// In the faulty step trace, exactly the RMSInv nodes (and what
		// follows from them) differ from the RepOps ones: the first node
		// that differs is an RMSInv.
		requireFirstDiff(t, tr, ftr, states[lmFault], repops.OpRMSInv)
	})

	t.Run("nonrepops-softmax", func(t *testing.T) {
		ftr, states := executorStates(t, FaultNonRepOpsSoftmax)
		for i := 0; i <= lmFault; i++ {
			require.Empty(t, diffElems(honest[i], states[i]), "state %d is honest", i)
		}
		for i := 0; i < lmSteps; i++ {
			d := diffElems(honestNext(states[i]), states[i+1])
			if i >= lmFault {
				require.NotEmpty(t, d, "step %d uses the non-RepOps softmax", i)
			} else {
				require.Empty(t, d, "step %d is honest", i)
			}
		}
		requireFirstDiff(t, tr, ftr, states[lmFault], repops.OpSoftmaxRow)
		// Its values are a reasonable softmax: within a few ulps of RepOps'.
		ht, err := tr.StepTrace(states[lmFault])
		require.NoError(t, err)
		ft, err := ftr.StepTrace(states[lmFault])
		require.NoError(t, err)
		for j, nd := range tr.Graph().Nodes {
			if nd.Kind != repops.KindOp || nd.Op != repops.OpSoftmaxRow {
				continue
			}
			// the first softmax's inputs agree: compare it element by element
			for e, h := range ht.Outputs[j].Data {
				require.InDelta(t, h, ft.Outputs[j].Data[e], 1e-6)
			}
			break
		}
	})
}

// requireFirstDiff checks that the first node of step st's trace whose
// output differs between the honest trainer and the faulty one is an op
// node of kind op.
func requireFirstDiff(t *testing.T, honest, faulty *trainer.Trainer, st *trainer.State, op repops.OpKind) {
	t.Helper()
	ht, err := honest.StepTrace(st)
	require.NoError(t, err)
	ft, err := faulty.StepTrace(st)
	require.NoError(t, err)
	for j := range ht.Outputs {
		if ht.NodeRoots[j] != ft.NodeRoots[j] {
			nd := honest.Graph().Nodes[j]
			require.Equal(t, repops.KindOp, nd.Kind)
			require.Equal(t, op, nd.Op, "first differing node %d (%s)", j, nd.Name)
			return
		}
	}
	t.Fatal("the faulty step trace equals the honest one")
}

// TestLMFaultsNeedTransformer: the transformer-only faults parse, and an
// MLP job given one is refused with ErrFaultNeedsTransformer (the worker
// skips such a job instead of bidding); the other faults take both kinds.
func TestLMFaultsNeedTransformer(t *testing.T) {
	for _, k := range []FaultKind{FaultPerturbAttention, FaultPerturbNorm, FaultNonRepOpsSoftmax} {
		f, err := ParseFault(string(k))
		require.NoError(t, err)
		require.Equal(t, k, f.Kind)
		require.Contains(t, FaultKinds(), string(k))
		require.True(t, f.lmOnly())
	}
	mlp, mds := tinyJob(t)
	lm, _ := tinyLMJob(t)
	mtr := tinyTrainer(t, mlp, mds)
	for _, k := range []FaultKind{FaultPerturbAttention, FaultPerturbNorm, FaultNonRepOpsSoftmax} {
		f := Fault{Kind: k}
		err := f.checkJob(mlp)
		require.ErrorIs(t, err, ErrFaultNeedsTransformer)
		require.EqualError(t, err, "fault needs a transformer job (model.kind transformer): --unsafe.fault "+string(k)+", and the job is an MLP")
		require.NoError(t, f.checkJob(lm))
		d := &Driver{cfg: DriverConfig{Fault: f}}
		require.Nil(t, d.jobExecutor(mlp), "no fault executor for an MLP job")
	}
	_, err := newFaultStepper(Fault{Kind: FaultPerturbAttention}, mtr, nil)
	require.ErrorIs(t, err, ErrFaultNeedsTransformer)
	for _, k := range []FaultKind{FaultPerturbWeight, FaultFloat64MatMul, FaultNone} {
		require.NoError(t, Fault{Kind: k}.checkJob(mlp))
		require.NoError(t, Fault{Kind: k}.checkJob(lm))
	}
}

// TestLMFaultExecutorOps: the fault executor's two kernels. RMSInv at the
// fault step is the RepOps operator with eps 0 (bit for bit), and differs
// from it with the spec's eps; SoftmaxRow is float32(exp(float64(s-lse)))
// and maps -inf (a masked score) to 0. Before it has seen a BatchIndex, and
// at other steps, it is its base executor.
func TestLMFaultExecutorOps(t *testing.T) {
	x := repops.Tensor{Shape: []int{2, 3}, Data: []float32{0.5, -1.25, 2, 0.001, 0.002, -0.003}}
	eps := []uint32{math.Float32bits(1e-5)}
	run := func(ex repops.Executor, op repops.OpKind, attrs []uint32, in ...repops.Tensor) []float32 {
		out := repops.NewTensor(2)
		if op == repops.OpSoftmaxRow {
			out = repops.NewTensor(2, 3)
		}
		require.NoError(t, ex.Run(op, attrs, in, out))
		return out.Data
	}
	step := func(ex repops.Executor, s uint32) {
		out := repops.NewTensor(1)
		require.NoError(t, ex.Run(repops.OpBatchIndex, []uint32{1, 0, 100}, []repops.Tensor{repops.StepTensor(s)}, out))
	}
	honest := run(repops.Interp{}, repops.OpRMSInv, eps, x)
	noEps := run(repops.Interp{}, repops.OpRMSInv, []uint32{0}, x)
	require.NotEqual(t, honest, noEps)

	ex := newLMFaultExecutor(nil, FaultPerturbNorm, 3)
	require.Equal(t, honest, run(ex, repops.OpRMSInv, eps, x), "no step seen yet")
	step(ex, 2)
	require.Equal(t, honest, run(ex, repops.OpRMSInv, eps, x), "step 2")
	step(ex, 3)
	require.Equal(t, noEps, run(ex, repops.OpRMSInv, eps, x), "step 3: without eps")
	step(ex, 4)
	require.Equal(t, honest, run(ex, repops.OpRMSInv, eps, x), "step 4")

	s := repops.Tensor{Shape: []int{2, 3}, Data: []float32{0.1, -0.7, float32(math.Inf(-1)), 1, 2, 3}}
	lse := repops.Tensor{Shape: []int{2}, Data: []float32{0.6, 3.4}}
	rep := run(repops.Interp{}, repops.OpSoftmaxRow, nil, s, lse)
	sx := newLMFaultExecutor(nil, FaultNonRepOpsSoftmax, 3)
	step(sx, 2)
	require.Equal(t, rep, run(sx, repops.OpSoftmaxRow, nil, s, lse), "before step N: RepOps")
	for _, st := range []uint32{3, 7} {
		step(sx, st)
		got := run(sx, repops.OpSoftmaxRow, nil, s, lse)
		for i, v := range s.Data {
			want := float32(math.Exp(float64(v - lse.Data[i/3])))
			require.Equal(t, math.Float32bits(want), math.Float32bits(got[i]), "step %d element %d", st, i)
			require.InDelta(t, rep[i], got[i], 1e-6)
		}
		require.Zero(t, got[2], "a masked score")
	}
}
