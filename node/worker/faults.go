package worker

// Fault injection, for tests and demos only (docs/worker.md, "Fault
// injection"). A faulty worker trains, commits and defends its disputes
// consistently with its cheat: every fault except `withhold` and
// `stop-answering` is a change of the worker's step function, which is used
// for training (so the checkpoint files and committed roots are the cheated
// ones) and for the dispute defence (so the states the worker reveals are
// the ones it claimed).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// FaultKind names an injected fault ("" is an honest worker).
type FaultKind string

// The faults. Step N (--unsafe.fault-step) is the 0-based transition from
// the state after N steps to the state after N+1 (the dispute game's "step
// t"): states 0..N are the honest ones and state N+1 is the first that
// differs, so the dispute ends on step N.
const (
	FaultNone FaultKind = ""
	// FaultPerturbWeight: after step N, the lowest mantissa bit of element 0
	// of the first parameter tensor (W1) is flipped; later steps are
	// computed honestly from the perturbed state.
	FaultPerturbWeight FaultKind = "perturb-weight"
	// FaultSkipSteps: steps N..N+4 are not computed: the state is copied
	// forward, only the step counter advances.
	FaultSkipSteps FaultKind = "skip-steps"
	// FaultWrongBatch: step N is computed on the batch of another step (the
	// graph is run with the step counter of that step, then the counter is
	// set to N+1).
	FaultWrongBatch FaultKind = "wrong-batch"
	// FaultWrongLR: every step from N on uses twice the spec's learning
	// rate.
	FaultWrongLR FaultKind = "wrong-lr"
	// FaultInitialModel: never trains: every state is the initial one with
	// only the step counter advanced.
	FaultInitialModel FaultKind = "initial-model"
	// FaultCorruptFinal: trains and commits honestly, but the result's last
	// checkpoint root (and final model root) is the root of the final state
	// with one bit of its first parameter flipped.
	FaultCorruptFinal FaultKind = "corrupt-final"
	// FaultWrongFinalRoot: trains, commits and submits the checkpoints root
	// honestly, but the result's final model root is a corrupted one (not
	// its last checkpoint): it is paid for a model nobody can fetch unless
	// someone challenges the last checkpoint, which it loses at once.
	FaultWrongFinalRoot FaultKind = "wrong-final-root"
	// FaultWithhold: honest, but never publishes dispute blobs (it still
	// answers on-chain queries).
	FaultWithhold FaultKind = "withhold"
	// FaultStopAnswering: makes its first dispute move in a game, then no
	// more (it runs out of its clock).
	FaultStopAnswering FaultKind = "stop-answering"
	// FaultNeverTrain: never trains, signs no commitment and publishes
	// nothing; it submits at once a result whose checkpoints root covers K
	// made-up roots (with a valid proof of the last), and makes no dispute
	// move (it cannot open its made-up list to anything an honest verifier
	// computes, so it loses on time).
	FaultNeverTrain FaultKind = "never-train"
	// FaultJunkPadding: in its step-trace reveal it commits a trace list with
	// junk at a padding slot (and the proof of its last item through that
	// junk); the contract's padding check refuses it, so it cannot move.
	// Given with a state fault, it modifies that fault's defence.
	FaultJunkPadding FaultKind = "junk-padding"
	// FaultRebid: once slashed on a job, it bids on the reopened job at once,
	// skipping its own isBarred check (the market refuses: Barred). Given
	// with a state fault.
	FaultRebid FaultKind = "rebid"
	// FaultFloat64MatMul: computes with trainer.Float64MatMul (matrix
	// products accumulated in float64) instead of RepOps: an honest mistake,
	// not a cheat. It trains, commits and defends what that executor
	// computes, as an honest worker does; its defence recognises the
	// mistake (one loud error) and loses at the one-step.
	FaultFloat64MatMul FaultKind = "float64-matmul"
	// FaultPerturbAttention (transformer jobs only): cheats inside
	// attention at step N only: one attention score of layer 1 (the output
	// of the step's first AttnScores, row 1 of window 0, head 0, column 0:
	// the weight query 1 gives key 0 before the softmax) is raised by 1.0
	// (a change the softmax passes on; a one-ulp change would mostly be
	// rounded away), and the rest of the step is computed from it; the
	// other steps are honest. One weight, one step: the game ends on that
	// AttnScores element at step N.
	FaultPerturbAttention FaultKind = "perturb-attention"
	// FaultPerturbNorm (transformer jobs only): step N is computed with a
	// wrong normalisation: every RMSInv of the step leaves out its eps
	// (1/sqrt(mean(x^2)) instead of 1/sqrt(mean(x^2) + eps)); the other
	// steps are honest. The game ends on an RMSInv at step N.
	FaultPerturbNorm FaultKind = "perturb-norm"
	// FaultNonRepOpsSoftmax (transformer jobs only): from step N on, the
	// attention softmax (SoftmaxRow) is computed as float32(math.Exp(
	// float64(s - lse))) (the float32 difference, then float64's exp
	// rounded once) instead of RepOps' exp program: an honest mistake of a
	// worker running a non-RepOps kernel. Like float64-matmul it trains,
	// commits and defends what it computed, and loses at the one-step on a
	// SoftmaxRow element.
	FaultNonRepOpsSoftmax FaultKind = "nonrepops-softmax"
)

// modifiers are the kinds that modify the defence or the bidding of a state
// fault (or of an honest worker, given alone).
var modifiers = []FaultKind{FaultWithhold, FaultStopAnswering, FaultJunkPadding, FaultRebid}

// stateKinds are the kinds that change the worker's claimed states.
var stateKinds = []FaultKind{FaultPerturbWeight, FaultSkipSteps, FaultWrongBatch, FaultWrongLR, FaultInitialModel,
	FaultCorruptFinal}

// skipSteps is how many steps FaultSkipSteps leaves out.
const skipSteps = 5

// wrongBatchOffset is how far FaultWrongBatch's batch is from the step's.
const wrongBatchOffset = 1000

// wrongBatchStep is the step whose batch FaultWrongBatch uses for step n of
// a job of `steps` steps: n+1000, modulo the job's steps (the trainer refuses
// a step past the job's), and never n itself.
func wrongBatchStep(n, steps uint64) uint64 {
	other := (n + wrongBatchOffset) % steps
	if other == n {
		other = (n + 1) % steps
	}
	return other
}

// lmKinds are the faults that only a transformer job can take.
var lmKinds = []FaultKind{FaultPerturbAttention, FaultPerturbNorm, FaultNonRepOpsSoftmax}

// FaultKinds are the valid kinds, sorted.
func FaultKinds() []string {
	ks := []string{string(FaultWrongFinalRoot), string(FaultNeverTrain), string(FaultFloat64MatMul),
		string(FaultPerturbAttention), string(FaultPerturbNorm), string(FaultNonRepOpsSoftmax)}
	for _, k := range append(append([]FaultKind(nil), stateKinds...), modifiers...) {
		ks = append(ks, string(k))
	}
	sort.Strings(ks)
	return ks
}

// ErrUnknownFault is returned for a kind not in FaultKinds.
var ErrUnknownFault = errors.New("unknown fault kind (--unsafe.fault)")

// ParseFaultKind checks a kind ("" is valid: no fault).
func ParseFaultKind(s string) (FaultKind, error) {
	if s == "" {
		return FaultNone, nil
	}
	for _, k := range FaultKinds() {
		if s == k {
			return FaultKind(s), nil
		}
	}
	return FaultNone, fmt.Errorf("%w: %q (one of %s)", ErrUnknownFault, s, strings.Join(FaultKinds(), ", "))
}

// Fault is the configured fault of a worker: a kind and, when StepSet, the
// step N it starts at (otherwise DefaultFaultStep of each job). Withhold,
// StopAnswering, JunkPadding and Rebid add a modifier to a kind (from a
// comma-separated --unsafe.fault such as "perturb-weight,withhold"); alone,
// a modifier is the kind itself (an honest worker with that modifier).
type Fault struct {
	Kind          FaultKind
	Step          uint64
	StepSet       bool
	Withhold      bool
	StopAnswering bool
	JunkPadding   bool
	Rebid         bool
}

// ParseFault parses --unsafe.fault: one kind, or a kind and modifiers
// (withhold, stop-answering, junk-padding, rebid), separated by commas.
func ParseFault(s string) (Fault, error) {
	var f Fault
	if s == "" {
		return f, nil
	}
	var first FaultKind
	for _, part := range strings.Split(s, ",") {
		k, err := ParseFaultKind(strings.TrimSpace(part))
		if err != nil {
			return Fault{}, err
		}
		switch k {
		case FaultWithhold:
			f.Withhold = true
		case FaultStopAnswering:
			f.StopAnswering = true
		case FaultJunkPadding:
			f.JunkPadding = true
		case FaultRebid:
			f.Rebid = true
		case FaultNone:
			return Fault{}, fmt.Errorf("%w: empty kind in %q", ErrUnknownFault, s)
		default:
			if f.Kind != FaultNone && f.Kind != k {
				return Fault{}, fmt.Errorf("%w: %q names two state faults", ErrUnknownFault, s)
			}
			f.Kind = k
		}
		if first == FaultNone {
			first = k
		}
	}
	if f.Kind == FaultNone {
		// modifiers alone: an honest worker with them; the first names it
		f.Kind = first
	}
	return f, nil
}

// withholds reports whether the worker keeps its dispute data unpublished.
func (f Fault) withholds() bool { return f.Kind == FaultWithhold || f.Withhold }

// stopsAnswering reports whether the worker goes silent after its first move.
func (f Fault) stopsAnswering() bool { return f.Kind == FaultStopAnswering || f.StopAnswering }

// junkPads reports whether the worker's step-trace reveal carries junk in
// the trace list's padding.
func (f Fault) junkPads() bool { return f.Kind == FaultJunkPadding || f.JunkPadding }

// rebids reports whether the worker bids on jobs it is barred from.
func (f Fault) rebids() bool { return f.Kind == FaultRebid || f.Rebid }

// neverTrains reports whether the worker submits a made-up result without
// training.
func (f Fault) neverTrains() bool { return f.Kind == FaultNeverTrain }

// lmOnly reports whether the fault needs a transformer job.
func (f Fault) lmOnly() bool {
	for _, k := range lmKinds {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// ErrFaultNeedsTransformer is the error of a transformer-only fault given
// an MLP job.
var ErrFaultNeedsTransformer = errors.New("fault needs a transformer job (model.kind transformer)")

// checkJob refuses a transformer-only fault for an MLP job (the worker skips
// such a job rather than bid on it).
func (f Fault) checkJob(s *spec.Spec) error {
	if f.lmOnly() && !s.Model.IsTransformer() {
		return fmt.Errorf("%w: --unsafe.fault %s, and the job is an MLP", ErrFaultNeedsTransformer, f.Kind)
	}
	return nil
}

// changesExecutor reports whether the fault is a change of the worker's
// executor (its arithmetic), not of its step function.
func (f Fault) changesExecutor() bool {
	return f.Kind == FaultFloat64MatMul || f.Kind == FaultPerturbAttention || f.Kind == FaultPerturbNorm ||
		f.Kind == FaultNonRepOpsSoftmax
}

// Active reports whether a fault is injected.
func (f Fault) Active() bool { return f.Kind != FaultNone }

// changesStates reports whether the fault changes the worker's step
// function, so its claimed states (the state kinds: not the modifiers,
// wrong-final-root, never-train, which claims no states, or float64-matmul,
// which changes the executor, not the step function).
func (f Fault) changesStates() bool {
	for _, k := range stateKinds {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// changesTraining reports whether the fault changes training (the states
// computed, checkpointed and committed): corrupt-final only changes the
// result.
func (f Fault) changesTraining() bool { return f.changesStates() && f.Kind != FaultCorruptFinal }

// String is the kind and step, for logs.
func (f Fault) String() string {
	if !f.Active() {
		return "none"
	}
	kind := string(f.Kind)
	for _, m := range []struct {
		on   bool
		kind FaultKind
	}{{f.Withhold, FaultWithhold}, {f.StopAnswering, FaultStopAnswering}, {f.JunkPadding, FaultJunkPadding}, {f.Rebid, FaultRebid}} {
		if m.on && f.Kind != m.kind {
			kind += "+" + string(m.kind)
		}
	}
	if f.StepSet {
		return fmt.Sprintf("%s at step %d", kind, f.Step)
	}
	return fmt.Sprintf("%s at the default step", kind)
}

// DefaultFaultStep is a step inside the middle of a job: the middle of its
// middle checkpoint interval.
func DefaultFaultStep(steps, interval uint64) uint64 {
	if interval == 0 || steps < interval {
		return steps / 2
	}
	k := (steps/interval + 1) / 2 // 1-based middle checkpoint
	return (k-1)*interval + interval/2
}

// faultStep is the step the fault starts at in a job of `steps` steps.
func (f Fault) faultStep(steps, interval uint64) uint64 {
	if f.StepSet {
		return f.Step
	}
	return DefaultFaultStep(steps, interval)
}

// setCounter moves st to step `step` in place: its step and its counter
// tensor (the last state tensor).
func setCounter(st *trainer.State, step uint64) {
	st.Step = step
	st.Tensors[len(st.Tensors)-1] = repops.StepTensor(uint32(step))
}

// flipLowBit flips, in place, the lowest mantissa bit of element 0 of st's
// first tensor (the first parameter, W1).
func flipLowBit(st *trainer.State) {
	w := st.Tensors[0].Data
	w[0] = math.Float32frombits(math.Float32bits(w[0]) ^ 1)
}

// faultStepper is a job's step function under a fault.
type faultStepper struct {
	kind  FaultKind
	n     uint64 // the fault step
	steps uint64 // the job's steps
	tr    *trainer.Trainer
	alt   *trainer.Trainer // wrong-lr: the trainer of the spec with twice the learning rate
	init  *trainer.State   // initial-model: the initial state
}

// newFaultStepper returns the step function of fault f for a job trained by
// tr; for wrong-lr alt is a trainer of the spec with twice the learning
// rate (altTrainer), nil otherwise.
func newFaultStepper(f Fault, tr, alt *trainer.Trainer) (*faultStepper, error) {
	s := tr.Spec()
	fs := &faultStepper{kind: f.Kind, steps: uint64(s.Steps), tr: tr, alt: alt,
		n: f.faultStep(uint64(s.Steps), uint64(s.CheckpointInterval))}
	if err := f.checkJob(s); err != nil {
		return nil, err
	}
	switch f.Kind {
	case FaultWrongLR:
		if alt == nil {
			return nil, errors.New("wrong-lr needs the trainer of the modified spec")
		}
	case FaultInitialModel:
		init, err := tr.InitialState()
		if err != nil {
			return nil, err
		}
		fs.init = init
	}
	return fs, nil
}

// altTrainer builds the trainer of a copy of tr's spec with twice the
// learning rate, on the same dataset (FaultWrongLR).
func altTrainer(tr *trainer.Trainer, ds *dataset.Dataset) (*trainer.Trainer, error) {
	s := *tr.Spec()
	s.Model.Layers = append([]int(nil), s.Model.Layers...)
	s.Optimizer.LR *= 2
	return trainer.New(&s, ds, trainer.Options{SkipEval: true, InitialWeights: tr.InitialWeights()})
}

// Train is the step the worker trains with (corrupt-final trains honestly):
// it advances st in place, as trainer.Advance does, and returns the step's
// loss (0 for a step not computed).
func (fs *faultStepper) Train(st *trainer.State) (float32, error) {
	switch fs.kind {
	case FaultPerturbWeight:
		n := st.Step
		loss, err := fs.tr.Advance(st)
		if err == nil && n == fs.n {
			flipLowBit(st)
		}
		return loss, err
	case FaultSkipSteps:
		if st.Step >= fs.n && st.Step < fs.n+skipSteps {
			if st.Step >= fs.steps {
				return 0, fmt.Errorf("trainer: step %d is past the job's %d steps", st.Step, fs.steps)
			}
			setCounter(st, st.Step+1)
			return 0, nil
		}
	case FaultWrongBatch:
		if st.Step == fs.n {
			setCounter(st, wrongBatchStep(fs.n, fs.steps))
			loss, err := fs.tr.Advance(st)
			if err != nil {
				setCounter(st, fs.n) // as it was
				return 0, err
			}
			setCounter(st, fs.n+1)
			return loss, nil
		}
	case FaultWrongLR:
		if st.Step >= fs.n {
			return fs.alt.Advance(st)
		}
	case FaultInitialModel:
		if st.Step >= fs.steps {
			return 0, fmt.Errorf("trainer: step %d is past the job's %d steps", st.Step, fs.steps)
		}
		for i, t := range fs.init.Tensors[:len(st.Tensors)-1] {
			copy(st.Tensors[i].Data, t.Data)
		}
		setCounter(st, st.Step+1)
		return 0, nil
	}
	return fs.tr.Advance(st)
}

// Claim is the worker's claimed step, in place (a dispute.StepFunc): Train,
// and for corrupt-final the final state corrupted.
func (fs *faultStepper) Claim(st *trainer.State) error {
	if _, err := fs.Train(st); err != nil {
		return err
	}
	if fs.kind == FaultCorruptFinal && st.Step == fs.steps {
		flipLowBit(st)
	}
	return nil
}

// runWith is trainer.Run with another step function, which advances a state
// in place as trainer.Advance does: it trains from `from` (nil: the initial
// state; from itself is not modified) to the job's last step, writes a
// checkpoint file at every checkpoint to dir and calls onCheckpoint, as Run
// does (without evaluation, which the worker skips). It holds one state.
func runWith(ctx context.Context, tr *trainer.Trainer, dir string, from *trainer.State,
	step func(*trainer.State) (float32, error), onCheckpoint func(trainer.Progress) error) (*trainer.State, error) {
	var st *trainer.State
	if from == nil {
		var err error
		if st, err = tr.InitialState(); err != nil {
			return nil, err
		}
	} else {
		st = from.Clone()
	}
	steps, interval := uint64(tr.Spec().Steps), uint64(tr.Spec().CheckpointInterval)
	for st.Step < steps {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		loss, err := step(st)
		if err != nil {
			return st, err
		}
		if st.Step%interval != 0 {
			continue
		}
		c, err := tr.Checkpoint(st)
		if err != nil {
			return st, err
		}
		p := trainer.Progress{Step: st.Step, Loss: loss, StateRoot: c.StateRoot}
		if dir != "" {
			if p.Path, err = trainer.WriteCheckpoint(dir, c); err != nil {
				return st, fmt.Errorf("trainer: write checkpoint: %w", err)
			}
		}
		if onCheckpoint != nil {
			if err := onCheckpoint(p); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// claimedStates is the dispute.StateSource of a worker: its own claimed
// state after any step, from the nearest checkpoint file at or below it in
// the job's checkpoint directory (or the initial state) replayed with the
// worker's step function. The last state it computed is kept, so the states
// of one interval asked in order cost one replay.
type claimedStates struct {
	tr    *trainer.Trainer
	dir   string
	step  dispute.StepFunc // nil: honest
	final bool             // corrupt-final: the final checkpoint file is not the claimed state

	mu   sync.Mutex
	last *trainer.State
}

var _ dispute.StateSource = (*claimedStates)(nil)

// State implements dispute.StateSource. The state returned is shared: the
// caller must not modify it.
func (c *claimedStates) State(ctx context.Context, step uint64) (*trainer.State, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	steps, interval := uint64(c.tr.Spec().Steps), uint64(c.tr.Spec().CheckpointInterval)
	if step > steps {
		return nil, fmt.Errorf("step %d is past the job's %d steps", step, steps)
	}
	base := step - step%interval
	if c.final && base == steps && base > 0 {
		base -= interval
	}
	st := c.last
	owned := false // st is this call's own: no caller holds it yet
	if st == nil || st.Step > step || st.Step < base {
		owned = true
		var err error
		if base == 0 {
			st, err = c.tr.InitialState()
		} else {
			st, err = c.tr.LoadCheckpoint(trainer.CheckpointFile(c.dir, base))
		}
		if err != nil {
			return nil, err
		}
	}
	for st.Step < step {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// One state stepped in place (a copy of a state already handed
		// out), none per step for the collector.
		if !owned {
			st, owned = st.Clone(), true
		}
		if c.step == nil {
			if _, err := c.tr.Advance(st); err != nil {
				return nil, err
			}
		} else if err := c.step(st); err != nil {
			return nil, err
		}
	}
	c.last = st
	return st, nil
}
