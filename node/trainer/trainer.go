// Package trainer runs a job's training with RepOps: from a spec and its
// dataset it builds the canonical step graph, initializes the state, runs
// steps, commits the state at every checkpoint and writes checkpoint files
// (docs/checkpoints.md). The worker trains with Run; a verifier replays one
// checkpoint interval with ReplayInterval; the dispute game's step and
// element traces come from StepTrace and ElementTrace.
package trainer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// Options tunes a Trainer; the zero value is valid.
type Options struct {
	// Executor computes the operators (default repops.CPU{}).
	Executor repops.Executor
	// CheckpointDir, if set, receives a checkpoint file at every checkpoint
	// Run reaches.
	CheckpointDir string
	// SkipEval disables the held-out evaluation at checkpoints (Progress
	// then reports an accuracy and loss of 0).
	SkipEval bool
	// OnStep, if set, is called by Run after every step with the steps done
	// and that step's mean batch loss (live progress: see Meter). It must
	// be quick; it cannot stop the run (cancel the context for that).
	OnStep func(step uint64, loss float32)
	// InitialWeights is the state at step 0 of a spec with init.weights
	// (docs/jobspec.md §2.3), in state order, as export.LoadInitialState
	// reads it from the blob the spec names: the client's parameters and a
	// fresh optimizer (moments +0, b1t = b2t = 1, step counter 0). New
	// requires it exactly when the spec has init.weights, checks its shapes,
	// that its parameters are finite and that its optimizer state is fresh,
	// and keeps a copy; the caller checks the blob's hash (LoadInitialState
	// does). Without init.weights the state at step 0 is the seeded one.
	InitialWeights []repops.Tensor
}

// Trainer trains one job. It is not safe for concurrent use.
type Trainer struct {
	spec      *spec.Spec
	specHash  commit.Hash
	cfg       repops.MLPConfig
	graph     *repops.Graph
	graphRoot commit.Hash
	names     []string
	shapes    [][]int
	train     repops.Dataset // a transformer: X is the training token stream, Y unused
	holdout   repops.Dataset
	opts      Options
	lm        *lmJob          // a transformer job (nil: an MLP)
	init      []repops.Tensor // the state at step 0 from init.weights (nil: seeded)

	// runner executes steps with buffers reused from step to step (built
	// on the first step); runMu guards it.
	runMu  sync.Mutex
	runner *repops.Runner
}

// State is the training state after Step steps: the state tensors in the
// graph's state order.
type State struct {
	Step    uint64
	Tensors []repops.Tensor
}

// Progress is reported at every checkpoint.
type Progress struct {
	Step      uint64      // steps done
	Loss      float32     // mean batch loss of the last step
	Accuracy  float64     // held-out accuracy
	EvalLoss  float32     // held-out mean loss
	StateRoot commit.Hash // commit.StateRoot of the state after Step steps
	Path      string      // checkpoint file written, if any

	// EvalBitsPerByte is a transformer's held-out loss in bits per byte
	// (EvalLoss / ln 2; 0 for an MLP).
	EvalBitsPerByte float64
}

// Config maps a validated spec to the RepOps model configuration.
func Config(s *spec.Spec) repops.MLPConfig {
	return repops.MLPConfig{
		Layers:    append([]int(nil), s.Model.Layers...),
		Optimizer: s.Optimizer.Name,
		LR:        s.Optimizer.LR,
		Momentum:  s.Optimizer.Momentum,
		Beta1:     s.Optimizer.Beta1,
		Beta2:     s.Optimizer.Beta2,
		Eps:       s.Optimizer.Eps,
		BatchSize: s.BatchSize,
		Seed:      s.Seed,
	}
}

func toRepops(d *dataset.Dataset) repops.Dataset {
	y := make([]float32, len(d.Y))
	for i, v := range d.Y {
		y[i] = float32(v) // labels < 2^16: exact
	}
	return repops.Dataset{
		X: repops.Tensor{Shape: []int{d.Rows, d.Features}, Data: d.X},
		Y: repops.Tensor{Shape: []int{d.Rows}, Data: y},
	}
}

// New checks the dataset against the spec, splits it, and builds the step
// graph over the training rows.
func New(s *spec.Spec, d *dataset.Dataset, opts Options) (*Trainer, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := d.CheckSpec(s.Dataset); err != nil {
		return nil, err
	}
	switch {
	case s.Init == nil && opts.InitialWeights != nil:
		return nil, errors.New("trainer: initial weights given, but the spec has no init.weights")
	case s.Init != nil && opts.InitialWeights == nil:
		return nil, fmt.Errorf("trainer: init.weights: the spec starts from the weights %s, none were given", s.Init.Weights)
	}
	t, err := newTrainer(s, d, opts)
	if err != nil {
		return nil, err
	}
	if err := t.setInitialWeights(opts.InitialWeights); err != nil {
		return nil, err
	}
	t.opts.InitialWeights = nil // t.init holds the copy
	return t, nil
}

// newTrainer builds the trainer of a validated spec and its checked dataset.
func newTrainer(s *spec.Spec, d *dataset.Dataset, opts Options) (*Trainer, error) {
	h, err := s.Hash()
	if err != nil {
		return nil, err
	}
	if opts.Executor == nil {
		opts.Executor = repops.CPU{}
	}
	if s.Model.IsTransformer() {
		lm, g, tok, err := newLM(s, d)
		if err != nil {
			return nil, err
		}
		names, shapes, err := repops.LMStateShapes(lm.cfg)
		if err != nil {
			return nil, err
		}
		return &Trainer{
			spec: s, specHash: h, graph: g, graphRoot: commit.GraphRoot(g.NodeEncodings()),
			names: names, shapes: shapes, train: repops.Dataset{X: tok}, opts: opts, lm: lm,
		}, nil
	}
	train, holdout := d.Split(s.Dataset.Holdout)
	cfg := Config(s)
	g, err := repops.BuildStep(cfg, train.Rows)
	if err != nil {
		return nil, fmt.Errorf("trainer: build step graph: %w", err)
	}
	names, shapes, err := repops.StateShapes(cfg)
	if err != nil {
		return nil, err
	}
	if opts.Executor == nil {
		opts.Executor = repops.CPU{}
	}
	return &Trainer{
		spec: s, specHash: h, cfg: cfg, graph: g,
		graphRoot: commit.GraphRoot(g.NodeEncodings()),
		names:     names, shapes: shapes,
		train: toRepops(train), holdout: toRepops(holdout), opts: opts,
	}, nil
}

// Spec returns the job spec.
func (t *Trainer) Spec() *spec.Spec { return t.spec }

// SpecHash returns the spec's content address.
func (t *Trainer) SpecHash() commit.Hash { return t.specHash }

// Graph returns the step graph (shared; do not modify).
func (t *Trainer) Graph() *repops.Graph { return t.graph }

// GraphRoot returns commit.GraphRoot over the graph's node encodings, the
// root a client posts with the job.
func (t *Trainer) GraphRoot() commit.Hash { return t.graphRoot }

// DataRoot returns commit.DataRoot over the tensor roots of the graph's data
// nodes (the training split's X [rows, features] and Y [rows]; a
// transformer: the training token stream), the values every step trace's
// data nodes must have.
func (t *Trainer) DataRoot() (commit.Hash, error) {
	data := []commit.Tensor{commit.Tensor(t.train.X), commit.Tensor(t.train.Y)}
	if t.lm != nil {
		data = data[:1] // the transformer's one data node: the training token stream
	}
	roots, err := commit.TensorRoots(data)
	if err != nil {
		return commit.Hash{}, err
	}
	return commit.DataRoot(roots), nil
}

// StateNames returns the names of the state tensors, in state order.
func (t *Trainer) StateNames() []string { return append([]string(nil), t.names...) }

// setInitialWeights checks and keeps a spec's initial weights
// (Options.InitialWeights).
func (t *Trainer) setInitialWeights(w []repops.Tensor) error {
	if w == nil {
		return nil // New checked that the spec has no init.weights
	}
	if len(w) != len(t.names) {
		return fmt.Errorf("trainer: init.weights: %d state tensors, the spec's state has %d", len(w), len(t.names))
	}
	np := t.numParams()
	st := &State{Step: 0, Tensors: make([]repops.Tensor, len(w))}
	for i, x := range w {
		if !sameShape(x.Shape, t.shapes[i]) || len(x.Data) != numel(t.shapes[i]) {
			return fmt.Errorf("trainer: init.weights: tensor %s has shape %v, the spec gives %v", t.names[i], x.Shape, t.shapes[i])
		}
		for e, v := range x.Data {
			bits := math.Float32bits(v)
			switch name := t.names[i]; {
			case i < np:
				if v != v || math.IsInf(float64(v), 0) {
					return fmt.Errorf("trainer: init.weights: tensor %s element %d is %v (initial weights must be finite)", name, e, v)
				}
			case name == "b1t" || name == "b2t":
				if bits != math.Float32bits(1) {
					return fmt.Errorf("trainer: init.weights: %s is %v, a fresh optimizer's is 1", name, v)
				}
			case bits != 0: // the moments, velocities and the step counter
				return fmt.Errorf("trainer: init.weights: tensor %s element %d is %v, a fresh optimizer's state is +0", name, e, v)
			}
		}
		st.Tensors[i] = x.Clone()
	}
	t.init = st.Tensors
	return nil
}

// numParams is the number of parameter tensors, the first ones of the
// state (the rest is the optimizer's state and the step counter).
func (t *Trainer) numParams() int {
	if t.lm != nil {
		return (len(t.names) - 3) / 3 // parameters, m., v., b1t, b2t, step
	}
	return 2 * (len(t.spec.Model.Layers) - 1)
}

// InitialWeights returns a copy of the state at step 0 given by the spec's
// init.weights (Options.InitialWeights), or nil for a seeded job.
func (t *Trainer) InitialWeights() []repops.Tensor {
	if t.init == nil {
		return nil
	}
	return (&State{Tensors: t.init}).clone().Tensors
}

// InitialState returns the state at step 0: the spec's initial weights
// with a fresh optimizer (Options.InitialWeights) when it has init.weights,
// otherwise repops.InitState (an MLP) or repops.InitLMState (a transformer)
// of the spec.
func (t *Trainer) InitialState() (*State, error) {
	if t.init != nil {
		return &State{Step: 0, Tensors: t.InitialWeights()}, nil
	}
	if t.lm != nil {
		st, err := repops.InitLMState(t.lm.cfg)
		if err != nil {
			return nil, err
		}
		return &State{Step: 0, Tensors: st}, nil
	}
	st, err := repops.InitState(t.cfg)
	if err != nil {
		return nil, err
	}
	return &State{Step: 0, Tensors: st}, nil
}

// StateRoot returns commit.StateRoot of the state.
func (t *Trainer) StateRoot(st *State) (commit.Hash, error) {
	return stateRoot(st.Step, st.Tensors)
}

// InitialStateRoot returns the state root at step 0.
func (t *Trainer) InitialStateRoot() (commit.Hash, error) {
	st, err := t.InitialState()
	if err != nil {
		return commit.Hash{}, err
	}
	return t.StateRoot(st)
}

// Step runs one training step and returns the state at st.Step+1 and the
// mean batch loss. st is not modified; the new state's tensors are newly
// allocated. Training loops use Advance, which allocates nothing.
func (t *Trainer) Step(st *State) (*State, float32, error) {
	if err := t.checkStep(st); err != nil {
		return nil, 0, err
	}
	next := make([]repops.Tensor, len(st.Tensors))
	for i, x := range st.Tensors {
		next[i] = repops.NewTensor(x.Shape...)
	}
	loss, err := t.runStep(st.Tensors, next)
	if err != nil {
		return nil, 0, err
	}
	return &State{Step: st.Step + 1, Tensors: next}, loss, nil
}

// Advance runs one training step on st in place: its tensors are
// overwritten with the state at st.Step+1, and st.Step is incremented. It
// returns the step's mean batch loss. If it fails, st is unchanged. In the
// steady state (after the first step) it allocates nothing.
func (t *Trainer) Advance(st *State) (float32, error) {
	if err := t.checkStep(st); err != nil {
		return 0, err
	}
	loss, err := t.runStep(st.Tensors, st.Tensors)
	if err != nil {
		return 0, err
	}
	st.Step++
	return loss, nil
}

func (t *Trainer) checkStep(st *State) error {
	if err := t.checkState(st); err != nil {
		return err
	}
	if st.Step >= uint64(t.spec.Steps) {
		return fmt.Errorf("trainer: step %d is past the job's %d steps", st.Step, t.spec.Steps)
	}
	return nil
}

// runStep runs one step with the trainer's Runner, or with a fresh one when
// another goroutine holds it.
func (t *Trainer) runStep(state, next []repops.Tensor) (float32, error) {
	if t.lm != nil {
		return t.lm.step(t.graph, t.opts.Executor, state, t.train.X, next)
	}
	if !t.runMu.TryLock() {
		r, err := repops.NewRunner(t.graph, t.opts.Executor)
		if err != nil {
			return 0, err
		}
		return r.Step(state, t.train, next)
	}
	defer t.runMu.Unlock()
	if t.runner == nil {
		r, err := repops.NewRunner(t.graph, t.opts.Executor)
		if err != nil {
			return 0, err
		}
		t.runner = r
	}
	return t.runner.Step(state, t.train, next)
}

// ReleaseBuffers drops the buffers of the trainer's step runner (every
// operator's output of a step: its activations and gradients); the next
// step builds them again. It is for a trainer kept while it does not step,
// such as the worker's after its step-time measurement and after training.
// It waits for a step in progress on the trainer's runner.
func (t *Trainer) ReleaseBuffers() {
	t.runMu.Lock()
	t.runner = nil
	t.runMu.Unlock()
	if t.lm != nil {
		t.lm.runMu.Lock()
		t.lm.runner = nil
		t.lm.runMu.Unlock()
	}
}

// Clone returns a deep copy of st: a loop that steps a state in place
// (Advance) clones its start once instead of allocating a state per step.
func (st *State) Clone() *State { return st.clone() }

// clone returns a deep copy of st.
func (st *State) clone() *State {
	c := &State{Step: st.Step, Tensors: make([]repops.Tensor, len(st.Tensors))}
	for i, x := range st.Tensors {
		c.Tensors[i] = x.Clone()
	}
	return c
}

func (t *Trainer) checkState(st *State) error {
	if len(st.Tensors) != len(t.names) {
		return fmt.Errorf("trainer: state has %d tensors, the graph has %d", len(st.Tensors), len(t.names))
	}
	for i, ts := range st.Tensors {
		if !sameShape(ts.Shape, t.shapes[i]) || len(ts.Data) != numel(t.shapes[i]) {
			return fmt.Errorf("trainer: state tensor %s has shape %v, want %v", t.names[i], ts.Shape, t.shapes[i])
		}
	}
	// The step counter (last state tensor) must agree with the step.
	if c := repops.StepCounter(st.Tensors[len(st.Tensors)-1]); uint64(c) != st.Step {
		return fmt.Errorf("trainer: state step counter is %d, state claims step %d", c, st.Step)
	}
	return nil
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

func numel(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// Checkpoint returns the checkpoint of a state.
func (t *Trainer) Checkpoint(st *State) (*Checkpoint, error) {
	root, err := t.StateRoot(st)
	if err != nil {
		return nil, err
	}
	return &Checkpoint{SpecHash: t.specHash, Step: st.Step, StateRoot: root,
		Names: t.StateNames(), State: st.Tensors}, nil
}

// FromCheckpoint checks a decoded checkpoint against this job (spec hash,
// tensor names and shapes, a step that is a checkpoint of the job) and
// returns its state.
func (t *Trainer) FromCheckpoint(c *Checkpoint) (*State, error) {
	if c.SpecHash != t.specHash {
		return nil, fmt.Errorf("trainer: checkpoint is for spec %s, this job's spec is %s", c.SpecHash, t.specHash)
	}
	if len(c.Names) != len(t.names) {
		return nil, fmt.Errorf("trainer: checkpoint has %d tensors, the job has %d", len(c.Names), len(t.names))
	}
	for i, n := range c.Names {
		if n != t.names[i] {
			return nil, fmt.Errorf("trainer: checkpoint tensor %d is %q, want %q", i, n, t.names[i])
		}
	}
	if c.Step > uint64(t.spec.Steps) || c.Step%uint64(t.spec.CheckpointInterval) != 0 {
		return nil, fmt.Errorf("trainer: checkpoint step %d is not a checkpoint of this job (interval %d, %d steps)", c.Step, t.spec.CheckpointInterval, t.spec.Steps)
	}
	st := &State{Step: c.Step, Tensors: c.State}
	if err := t.checkState(st); err != nil {
		return nil, err
	}
	return st, nil
}

// LoadCheckpoint reads a checkpoint file and checks it against this job.
func (t *Trainer) LoadCheckpoint(path string) (*State, error) {
	c, err := ReadCheckpoint(path)
	if err != nil {
		return nil, err
	}
	st, err := t.FromCheckpoint(c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// Evaluate returns the held-out accuracy and mean loss of a state (a
// transformer: next-token accuracy and loss in nats on the evaluation
// windows, EvaluateLM).
func (t *Trainer) Evaluate(st *State) (float64, float32, error) {
	if t.lm != nil {
		e, err := t.EvaluateLM(st)
		return e.Accuracy, float32(e.Loss), err
	}
	return repops.Evaluate(t.cfg, t.opts.Executor, st.Tensors, t.holdout)
}

// Run trains from `from` (nil: the initial state) up to step toStep (0: the
// job's steps). At every checkpoint step (a multiple of the interval) it
// computes the state root, writes the checkpoint if Options.CheckpointDir
// is set, evaluates on the held-out rows and calls onCheckpoint (which may
// be nil; an error from it stops the run). It returns the final state. The
// context is checked between steps.
func (t *Trainer) Run(ctx context.Context, from *State, toStep uint64, onCheckpoint func(Progress) error) (*State, error) {
	if toStep == 0 {
		toStep = uint64(t.spec.Steps)
	}
	if toStep > uint64(t.spec.Steps) {
		return nil, fmt.Errorf("trainer: step %d is past the job's %d steps", toStep, t.spec.Steps)
	}
	var st *State
	if from == nil {
		var err error
		if st, err = t.InitialState(); err != nil {
			return nil, err
		}
	} else {
		st = from.clone() // the steps update st in place; from stays as it was
	}
	if st.Step > toStep {
		return nil, fmt.Errorf("trainer: start step %d is after the target step %d", st.Step, toStep)
	}
	interval := uint64(t.spec.CheckpointInterval)
	for st.Step < toStep {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		loss, err := t.Advance(st)
		if err != nil {
			return st, err
		}
		if t.opts.OnStep != nil {
			t.opts.OnStep(st.Step, loss)
		}
		if st.Step%interval != 0 {
			continue
		}
		p, err := t.checkpoint(st, loss)
		if err != nil {
			return st, err
		}
		if onCheckpoint != nil {
			if err := onCheckpoint(p); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

func (t *Trainer) checkpoint(st *State, loss float32) (Progress, error) {
	c, err := t.Checkpoint(st)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Step: st.Step, Loss: loss, StateRoot: c.StateRoot}
	if t.opts.CheckpointDir != "" {
		if p.Path, err = WriteCheckpoint(t.opts.CheckpointDir, c); err != nil {
			return p, fmt.Errorf("trainer: write checkpoint: %w", err)
		}
	}
	if !t.opts.SkipEval && t.lm != nil {
		e, err := t.EvaluateLM(st)
		if err != nil {
			return p, err
		}
		p.Accuracy, p.EvalLoss, p.EvalBitsPerByte = e.Accuracy, float32(e.Loss), e.BitsPerByte
	} else if !t.opts.SkipEval {
		if p.Accuracy, p.EvalLoss, err = t.Evaluate(st); err != nil {
			return p, err
		}
	}
	return p, nil
}

// ErrNotCheckpoint is returned when an interval does not start at a
// checkpoint.
var ErrNotCheckpoint = errors.New("trainer: not a checkpoint step")

// ReplayInterval replays the checkpoint interval that starts at `from` (a
// checkpoint state) and returns the state roots of every step of it:
// roots[0] is from's root and roots[interval] the next checkpoint's. This is
// what a verifier recomputes to audit one checkpoint, and what a worker
// reveals in the dispute game's second move.
func (t *Trainer) ReplayInterval(ctx context.Context, from *State) ([]commit.Hash, *State, error) {
	interval := uint64(t.spec.CheckpointInterval)
	if from.Step%interval != 0 || from.Step >= uint64(t.spec.Steps) {
		return nil, nil, fmt.Errorf("%w: %d (interval %d, %d steps)", ErrNotCheckpoint, from.Step, interval, t.spec.Steps)
	}
	roots := make([]commit.Hash, 0, interval+1)
	st := from.clone() // stepped in place
	for {
		r, err := t.StateRoot(st)
		if err != nil {
			return nil, nil, err
		}
		roots = append(roots, r)
		if st.Step == from.Step+interval {
			return roots, st, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if _, err := t.Advance(st); err != nil {
			return nil, nil, err
		}
	}
}

// StateAt returns the state at step `step`, replaying from the checkpoint
// at or before it found in dir (or from the initial state when
// step < interval or dir is "").
func (t *Trainer) StateAt(ctx context.Context, dir string, step uint64) (*State, error) {
	if step > uint64(t.spec.Steps) {
		return nil, fmt.Errorf("trainer: step %d is past the job's %d steps", step, t.spec.Steps)
	}
	base := step - step%uint64(t.spec.CheckpointInterval)
	var st *State
	var err error
	if base == 0 || dir == "" {
		st, err = t.InitialState()
	} else {
		st, err = t.LoadCheckpoint(CheckpointFile(dir, base))
	}
	if err != nil {
		return nil, err
	}
	for st.Step < step {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if _, err := t.Advance(st); err != nil {
			return nil, err
		}
	}
	return st, nil
}
