// Package spec defines the training job spec: its JSON form, validation, its
// canonical encoding and its content address (keccak256 of the canonical
// bytes). The format is documented in docs/jobspec.md.
package spec

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// Version is the only spec version this package accepts.
const Version = 1

// Names used in specs.
const (
	ActivationReLU       = "relu"
	LossSoftmaxXent      = "softmax_cross_entropy"
	OptimizerSGD         = "sgd"
	OptimizerAdam        = "adam"
	FormatDigitsCSV      = "digits-csv"
	FormatF32Matrix      = "f32-matrix"
	FormatBytes          = "bytes" // a token stream: each byte of the blob one token (transformer only)
	HoldoutLast          = "last"
	HoldoutEvery         = "every"
	MaxLayers            = 8
	MaxLayerWidth        = 4096
	MaxRows              = 1 << 24
	MaxClasses           = 1 << 16
	MaxSteps             = 1 << 30 // well inside the uint32 step counter of the state
	MaxSpecBytes         = 1 << 20
	MaxTokens            = 1 << 24 // tokens of a token-stream dataset (positions are exact float32 integers)
	maxBatchSize         = 1 << 16
	maxFeatures          = MaxLayerWidth
	maxCheckpointsPerJob = 1 << 20
)

// Error is the error type of this package: the dotted path of the field at
// fault ("" for the document as a whole) and what is wrong with it.
type Error struct {
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return "spec: " + e.Msg
	}
	return "spec: " + e.Field + ": " + e.Msg
}

// Spec is a training job spec.
type Spec struct {
	Version            int
	Model              Model
	Dataset            Dataset
	Init               *Init // optional: initial weights instead of seeded initialization
	Loss               string
	Optimizer          Optimizer
	BatchSize          int // MLP: rows per step; transformer: windows of context+1 tokens per step
	Seed               uint64
	Steps              int
	CheckpointInterval int
}

// Model is the network. Kind ModelMLP (also "" in a Spec built in code) is
// an MLP: Layers are the widths from input features to output classes and
// every hidden layer is followed by Activation. Kind ModelTransformer is a
// decoder-only transformer described by Transformer (Layers and Activation
// are then unset).
type Model struct {
	Kind        string
	Layers      []int
	Activation  string
	Transformer *TransformerModel
}

// IsTransformer reports whether the model is a transformer.
func (m *Model) IsTransformer() bool { return m.Kind == ModelTransformer }

// Init names initial weights: Weights is keccak256 of a safetensors blob
// whose tensor names and shapes are the spec's model parameters.
type Init struct {
	Weights commit.Hash
}

// Dataset names the content-addressed training data and its split.
type Dataset struct {
	Hash     commit.Hash // keccak256 of the blob's bytes
	Format   string      // FormatDigitsCSV, FormatF32Matrix or FormatBytes
	Rows     int         // row formats
	Features int         // row formats
	Classes  int         // row formats
	Tokens   int         // FormatBytes: the token count (the blob's length)
	Holdout  Holdout
}

// Len is the number of items the holdout rule splits: tokens for a token
// stream, rows otherwise.
func (d Dataset) Len() int {
	if d.Format == FormatBytes {
		return d.Tokens
	}
	return d.Rows
}

// Holdout is the rule that sets rows aside for evaluation. Rule "last": the
// last Count rows. Rule "every": row i (0-based) is held out iff
// i % K == K-1.
type Holdout struct {
	Rule  string
	Count int // rule "last"
	K     int // rule "every"
}

// IsHeldOut reports whether row (or token) i of a dataset of `rows` rows
// (tokens) is held out.
func (h Holdout) IsHeldOut(i, rows int) bool {
	switch h.Rule {
	case HoldoutLast:
		return i >= rows-h.Count
	case HoldoutEvery:
		return i%h.K == h.K-1
	}
	return false
}

// Split returns the training and held-out row indices, each ascending.
func (h Holdout) Split(rows int) (train, holdout []int) {
	for i := 0; i < rows; i++ {
		if h.IsHeldOut(i, rows) {
			holdout = append(holdout, i)
		} else {
			train = append(train, i)
		}
	}
	return train, holdout
}

// Optimizer holds the optimizer and its hyperparameters, each an exact
// float32. SGD uses LR and Momentum; Adam uses LR, Beta1, Beta2 and Eps;
// AdamW (transformer only) uses LR, Beta1, Beta2, Eps, WeightDecay,
// WarmupSteps and GradClip.
type Optimizer struct {
	Name        string
	LR          float32
	Momentum    float32
	Beta1       float32
	Beta2       float32
	Eps         float32
	WeightDecay float32 // adamw: decoupled weight decay, in [0, 1)
	WarmupSteps int     // adamw: linear warm-up steps, 0 .. steps-1
	GradClip    float32 // adamw: max global gradient norm, > 0
}

// Load reads and parses a spec file; errors name the file.
func Load(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Parse decodes and validates a spec. Unknown and duplicate keys are
// rejected; every error is an *Error.
func Parse(b []byte) (*Spec, error) {
	if len(b) > MaxSpecBytes {
		return nil, &Error{Msg: fmt.Sprintf("larger than %d bytes", MaxSpecBytes)}
	}
	tree, err := parseTree(b)
	if err != nil {
		return nil, err
	}
	root, err := object(tree, "", "version", "model", "dataset", "init", "loss", "optimizer", "batch_size", "seed", "steps", "checkpoint_interval")
	if err != nil {
		return nil, err
	}
	s := &Spec{}
	if s.Version, err = root.int("version", Version, Version); err != nil {
		return nil, err
	}
	// model
	m, err := root.object("model", append([]string{"kind", "layers", "activation"}, transformerKeys...)...)
	if err != nil {
		return nil, err
	}
	s.Model.Kind = ModelMLP
	if _, ok := m.m["kind"]; ok {
		if s.Model.Kind, err = m.enum("kind", ModelMLP, ModelTransformer); err != nil {
			return nil, err
		}
	}
	if s.Model.IsTransformer() {
		if s.Model.Transformer, err = parseTransformer(m); err != nil {
			return nil, err
		}
	} else {
		if err := m.forbid(transformerKeys...); err != nil {
			return nil, err
		}
		if s.Model.Layers, err = m.ints("layers", 2, MaxLayers, 1, MaxLayerWidth); err != nil {
			return nil, err
		}
		if s.Model.Activation, err = m.enum("activation", ActivationReLU); err != nil {
			return nil, err
		}
	}
	// dataset
	d, err := root.object("dataset", "hash", "format", "rows", "features", "classes", "tokens", "holdout")
	if err != nil {
		return nil, err
	}
	if s.Dataset.Hash, err = d.hash("hash"); err != nil {
		return nil, err
	}
	if s.Model.IsTransformer() {
		if s.Dataset.Format, err = d.enum("format", FormatBytes); err != nil {
			return nil, err
		}
		if err := d.forbid("rows", "features", "classes"); err != nil {
			return nil, err
		}
		if s.Dataset.Tokens, err = d.int("tokens", 2, MaxTokens); err != nil {
			return nil, err
		}
	} else {
		if s.Dataset.Format, err = d.enum("format", FormatDigitsCSV, FormatF32Matrix); err != nil {
			return nil, err
		}
		if err := d.forbid("tokens"); err != nil {
			return nil, err
		}
		if s.Dataset.Rows, err = d.int("rows", 2, MaxRows); err != nil {
			return nil, err
		}
		if s.Dataset.Features, err = d.int("features", 1, maxFeatures); err != nil {
			return nil, err
		}
		if s.Dataset.Classes, err = d.int("classes", 2, MaxClasses); err != nil {
			return nil, err
		}
	}
	ho, err := d.object("holdout", "rule", "count", "k")
	if err != nil {
		return nil, err
	}
	rules := []string{HoldoutLast, HoldoutEvery}
	if s.Model.IsTransformer() {
		rules = rules[:1] // a token stream is split once: the last tokens
	}
	if s.Dataset.Holdout.Rule, err = ho.enum("rule", rules...); err != nil {
		return nil, err
	}
	n := s.Dataset.Len()
	switch s.Dataset.Holdout.Rule {
	case HoldoutLast:
		if err := ho.forbid("k"); err != nil {
			return nil, err
		}
		if s.Dataset.Holdout.Count, err = ho.int("count", 1, n-1); err != nil {
			return nil, err
		}
	case HoldoutEvery:
		if err := ho.forbid("count"); err != nil {
			return nil, err
		}
		if s.Dataset.Holdout.K, err = ho.int("k", 2, n); err != nil {
			return nil, err
		}
	}
	// init (optional)
	if _, ok := root.m["init"]; ok {
		in, err := root.object("init", "weights")
		if err != nil {
			return nil, err
		}
		s.Init = &Init{}
		if s.Init.Weights, err = in.hash("weights"); err != nil {
			return nil, err
		}
	}
	// loss
	if s.Loss, err = root.enum("loss", LossSoftmaxXent); err != nil {
		return nil, err
	}
	// optimizer
	o, err := root.object("optimizer", "name", "lr", "momentum", "beta1", "beta2", "eps", "weight_decay", "warmup_steps", "grad_clip")
	if err != nil {
		return nil, err
	}
	if s.Model.IsTransformer() {
		s.Optimizer.Name, err = o.enum("name", OptimizerAdamW)
	} else {
		s.Optimizer.Name, err = o.enum("name", OptimizerSGD, OptimizerAdam)
	}
	if err != nil {
		return nil, err
	}
	if s.Optimizer.LR, err = o.f32("lr", false); err != nil {
		return nil, err
	}
	switch s.Optimizer.Name {
	case OptimizerSGD:
		if err := o.forbid("beta1", "beta2", "eps", "weight_decay", "warmup_steps", "grad_clip"); err != nil {
			return nil, err
		}
		if s.Optimizer.Momentum, err = o.f32("momentum", true); err != nil {
			return nil, err
		}
	case OptimizerAdam, OptimizerAdamW:
		if err := o.forbid("momentum"); err != nil {
			return nil, err
		}
		if s.Optimizer.Name == OptimizerAdam {
			if err := o.forbid("weight_decay", "warmup_steps", "grad_clip"); err != nil {
				return nil, err
			}
		}
		if s.Optimizer.Beta1, err = o.f32("beta1", true); err != nil {
			return nil, err
		}
		if s.Optimizer.Beta2, err = o.f32("beta2", true); err != nil {
			return nil, err
		}
		if s.Optimizer.Eps, err = o.f32("eps", false); err != nil {
			return nil, err
		}
		if s.Optimizer.Name == OptimizerAdamW {
			if s.Optimizer.WeightDecay, err = o.f32("weight_decay", true); err != nil {
				return nil, err
			}
			if s.Optimizer.WarmupSteps, err = o.int("warmup_steps", 0, MaxSteps-1); err != nil {
				return nil, err
			}
			if s.Optimizer.GradClip, err = o.f32("grad_clip", false); err != nil {
				return nil, err
			}
		}
	}
	if s.BatchSize, err = root.int("batch_size", 1, maxBatchSize); err != nil {
		return nil, err
	}
	if s.Seed, err = root.uint64("seed"); err != nil {
		return nil, err
	}
	if s.Steps, err = root.int("steps", 1, MaxSteps); err != nil {
		return nil, err
	}
	if s.CheckpointInterval, err = root.int("checkpoint_interval", 1, MaxSteps); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Validate checks the constraints between fields (and repeats the per-field
// ranges, so that a Spec built in code is held to the same rules).
func (s *Spec) Validate() error {
	e := func(f, format string, a ...any) error { return &Error{Field: f, Msg: fmt.Sprintf(format, a...)} }
	if s.Version != Version {
		return e("version", "must be %d", Version)
	}
	d := s.Dataset
	switch s.Model.Kind {
	case "", ModelMLP:
		if err := s.validateMLP(); err != nil {
			return err
		}
	case ModelTransformer:
		if err := s.validateTransformer(); err != nil {
			return err
		}
	default:
		return e("model.kind", "must be %q or %q", ModelMLP, ModelTransformer)
	}
	n := d.Len()
	switch d.Holdout.Rule {
	case HoldoutLast:
		if d.Holdout.K != 0 {
			return e("dataset.holdout.k", "not allowed with rule %q", HoldoutLast)
		}
		if d.Holdout.Count < 1 || d.Holdout.Count > n-1 {
			return e("dataset.holdout.count", "must be in [1, %d]", n-1)
		}
	case HoldoutEvery:
		if d.Holdout.Count != 0 {
			return e("dataset.holdout.count", "not allowed with rule %q", HoldoutEvery)
		}
		if d.Holdout.K < 2 || d.Holdout.K > n {
			return e("dataset.holdout.k", "must be in [2, %d]", n)
		}
	default:
		return e("dataset.holdout.rule", "must be %q or %q", HoldoutLast, HoldoutEvery)
	}
	if s.Init != nil && s.Init.Weights == (commit.Hash{}) {
		return e("init.weights", "must not be the zero hash")
	}
	if s.Loss != LossSoftmaxXent {
		return e("loss", "must be %q", LossSoftmaxXent)
	}
	o := s.Optimizer
	if err := checkF32("optimizer.lr", o.LR, false); err != nil {
		return err
	}
	if o.Name != OptimizerAdamW && (o.WeightDecay != 0 || o.WarmupSteps != 0 || o.GradClip != 0) {
		return e("optimizer", "weight_decay, warmup_steps and grad_clip are only allowed with %q", OptimizerAdamW)
	}
	switch o.Name {
	case OptimizerSGD:
		if o.Beta1 != 0 || o.Beta2 != 0 || o.Eps != 0 {
			return e("optimizer", "beta1, beta2 and eps are not allowed with %q", OptimizerSGD)
		}
		if err := checkF32("optimizer.momentum", o.Momentum, true); err != nil {
			return err
		}
	case OptimizerAdam, OptimizerAdamW:
		if o.Momentum != 0 {
			return e("optimizer.momentum", "not allowed with %q", o.Name)
		}
		if err := checkF32("optimizer.beta1", o.Beta1, true); err != nil {
			return err
		}
		if err := checkF32("optimizer.beta2", o.Beta2, true); err != nil {
			return err
		}
		if err := checkF32("optimizer.eps", o.Eps, false); err != nil {
			return err
		}
		if o.Name == OptimizerAdamW {
			if err := checkF32("optimizer.weight_decay", o.WeightDecay, true); err != nil {
				return err
			}
			if err := checkF32("optimizer.grad_clip", o.GradClip, false); err != nil {
				return err
			}
			if o.WarmupSteps < 0 || o.WarmupSteps >= s.Steps {
				return e("optimizer.warmup_steps", "must be in [0, %d] (below steps)", max(s.Steps-1, 0))
			}
		}
	default:
		return e("optimizer.name", "must be %q, %q or %q", OptimizerSGD, OptimizerAdam, OptimizerAdamW)
	}
	if s.Model.IsTransformer() != (o.Name == OptimizerAdamW) {
		if s.Model.IsTransformer() {
			return e("optimizer.name", "must be %q for a transformer", OptimizerAdamW)
		}
		return e("optimizer.name", "%q is for a transformer only", OptimizerAdamW)
	}
	if s.Model.IsTransformer() {
		// A window is context+1 consecutive training tokens (inputs and
		// their next-token targets); there are train-context of them.
		t := s.Model.Transformer
		windows := s.TrainWindows()
		if s.BatchSize < 1 || s.BatchSize > maxBatchSize || s.BatchSize > windows {
			return e("batch_size", "must be in [1, %d] (the training windows)", min(max(windows, 1), maxBatchSize))
		}
		if s.BatchSize*t.Context > MaxTokensPerStep {
			return e("batch_size", "batch_size x model.context = %d tokens per step, more than %d", s.BatchSize*t.Context, MaxTokensPerStep)
		}
	} else {
		train := d.Rows - d.Holdout.Count
		if d.Holdout.Rule == HoldoutEvery {
			train = d.Rows - d.Rows/d.Holdout.K
		}
		if s.BatchSize < 1 || s.BatchSize > maxBatchSize || s.BatchSize > train {
			return e("batch_size", "must be in [1, %d] (the training rows)", min(train, maxBatchSize))
		}
	}
	if s.Steps < 1 || s.Steps > MaxSteps {
		return e("steps", "must be in [1, %d]", MaxSteps)
	}
	if s.CheckpointInterval < 1 || s.CheckpointInterval > s.Steps {
		return e("checkpoint_interval", "must be in [1, steps]")
	}
	if s.Steps%s.CheckpointInterval != 0 {
		return e("checkpoint_interval", "must divide steps (%d)", s.Steps)
	}
	if s.Steps/s.CheckpointInterval > maxCheckpointsPerJob {
		return e("checkpoint_interval", "more than %d checkpoints", maxCheckpointsPerJob)
	}
	return nil
}

// validateMLP checks an MLP's model and its row dataset.
func (s *Spec) validateMLP() error {
	e := func(f, format string, a ...any) error { return &Error{Field: f, Msg: fmt.Sprintf(format, a...)} }
	if s.Model.Transformer != nil {
		return e("model", "transformer fields are not allowed with kind %q", ModelMLP)
	}
	if n := len(s.Model.Layers); n < 2 || n > MaxLayers {
		return e("model.layers", "must have 2 to %d entries", MaxLayers)
	}
	for i, w := range s.Model.Layers {
		if w < 1 || w > MaxLayerWidth {
			return e(index("model.layers", i), "must be in [1, %d]", MaxLayerWidth)
		}
	}
	if s.Model.Activation != ActivationReLU {
		return e("model.activation", "must be %q", ActivationReLU)
	}
	d := s.Dataset
	if d.Format != FormatDigitsCSV && d.Format != FormatF32Matrix {
		return e("dataset.format", "must be %q or %q", FormatDigitsCSV, FormatF32Matrix)
	}
	if d.Tokens != 0 {
		return e("dataset.tokens", "not allowed with format %q", d.Format)
	}
	if d.Rows < 2 || d.Rows > MaxRows {
		return e("dataset.rows", "must be in [2, %d]", MaxRows)
	}
	if d.Classes < 2 || d.Classes > MaxClasses {
		return e("dataset.classes", "must be in [2, %d]", MaxClasses)
	}
	if d.Features < 1 || d.Features > maxFeatures {
		return e("dataset.features", "must be in [1, %d]", maxFeatures)
	}
	if d.Format == FormatDigitsCSV && (d.Features != 64 || d.Classes != 10) {
		return e("dataset.features", "format %q has 64 features and 10 classes", FormatDigitsCSV)
	}
	if s.Model.Layers[0] != d.Features {
		return e("model.layers[0]", "must equal dataset.features (%d)", d.Features)
	}
	if last := len(s.Model.Layers) - 1; s.Model.Layers[last] != d.Classes {
		return e(index("model.layers", last), "must equal dataset.classes (%d)", d.Classes)
	}
	return nil
}

// Checkpoints returns the number of checkpoints of the job
// (steps / checkpoint_interval).
func (s *Spec) Checkpoints() int { return s.Steps / s.CheckpointInterval }

// checkF32 requires a finite value; unit: in [0, 1), else: > 0.
func checkF32(field string, v float32, unit bool) error {
	f := float64(v)
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return &Error{Field: field, Msg: "must be finite"}
	case math.Signbit(f):
		return &Error{Field: field, Msg: "must not be negative"}
	case unit && f >= 1:
		return &Error{Field: field, Msg: "must be in [0, 1)"}
	case !unit && f == 0:
		return &Error{Field: field, Msg: "must be > 0"}
	}
	return nil
}

// --- field readers ---

type objectReader struct {
	field string
	m     map[string]*value
}

// object checks that v is an object whose keys are all allowed.
func object(v *value, field string, allowed ...string) (*objectReader, error) {
	if v.kind != kObject {
		return nil, &Error{Field: field, Msg: "must be an object, got " + v.kind.String()}
	}
	ok := map[string]bool{}
	for _, k := range allowed {
		ok[k] = true
	}
	var unknown []string
	for k := range v.obj {
		if !ok[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, &Error{Field: join(field, unknown[0]), Msg: "unknown field"}
	}
	return &objectReader{field: field, m: v.obj}, nil
}

func (o *objectReader) get(key string, want kind) (*value, string, error) {
	f := join(o.field, key)
	v, ok := o.m[key]
	if !ok {
		return nil, f, &Error{Field: f, Msg: "is required"}
	}
	if v.kind != want {
		return nil, f, &Error{Field: f, Msg: "must be " + want.String() + ", got " + v.kind.String()}
	}
	return v, f, nil
}

func (o *objectReader) forbid(keys ...string) error {
	for _, k := range keys {
		if _, ok := o.m[k]; ok {
			return &Error{Field: join(o.field, k), Msg: "not allowed here"}
		}
	}
	return nil
}

func (o *objectReader) object(key string, allowed ...string) (*objectReader, error) {
	v, f, err := o.get(key, kObject)
	if err != nil {
		return nil, err
	}
	return object(v, f, allowed...)
}

func (o *objectReader) enum(key string, options ...string) (string, error) {
	v, f, err := o.get(key, kString)
	if err != nil {
		return "", err
	}
	for _, opt := range options {
		if v.str == opt {
			return opt, nil
		}
	}
	msg := "must be " + strconv.Quote(options[0])
	for i, opt := range options[1:] {
		if i == len(options)-2 {
			msg += " or " + strconv.Quote(opt)
		} else {
			msg += ", " + strconv.Quote(opt)
		}
	}
	return "", &Error{Field: f, Msg: msg + ", got " + strconv.Quote(v.str)}
}

func (o *objectReader) bool(key string) (bool, error) {
	v, _, err := o.get(key, kBool)
	if err != nil {
		return false, err
	}
	return v.b, nil
}

func (o *objectReader) hash(key string) (commit.Hash, error) {
	v, f, err := o.get(key, kString)
	if err != nil {
		return commit.Hash{}, err
	}
	h, err := commit.ParseHash(v.str)
	if err != nil {
		return h, &Error{Field: f, Msg: err.Error()}
	}
	return h, nil
}

// isInteger reports whether a JSON number literal is a plain non-negative
// integer: no sign, fraction or exponent.
func isInteger(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (o *objectReader) uint64(key string) (uint64, error) {
	v, f, err := o.get(key, kNumber)
	if err != nil {
		return 0, err
	}
	return parseUint(f, v.num, math.MaxUint64)
}

func parseUint(f, s string, max uint64) (uint64, error) {
	if !isInteger(s) {
		return 0, &Error{Field: f, Msg: "must be a non-negative integer without fraction or exponent, got " + s}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > max {
		return 0, &Error{Field: f, Msg: "must be at most " + strconv.FormatUint(max, 10)}
	}
	return n, nil
}

func intIn(f, s string, lo, hi int) (int, error) {
	n, err := parseUint(f, s, math.MaxUint32)
	if err != nil {
		return 0, err
	}
	if int(n) < lo || int(n) > hi {
		return 0, &Error{Field: f, Msg: fmt.Sprintf("must be in [%d, %d], got %d", lo, hi, n)}
	}
	return int(n), nil
}

func (o *objectReader) int(key string, lo, hi int) (int, error) {
	v, f, err := o.get(key, kNumber)
	if err != nil {
		return 0, err
	}
	return intIn(f, v.num, lo, hi)
}

func (o *objectReader) ints(key string, minLen, maxLen, lo, hi int) ([]int, error) {
	v, f, err := o.get(key, kArray)
	if err != nil {
		return nil, err
	}
	if len(v.arr) < minLen || len(v.arr) > maxLen {
		return nil, &Error{Field: f, Msg: fmt.Sprintf("must have %d to %d entries, got %d", minLen, maxLen, len(v.arr))}
	}
	out := make([]int, len(v.arr))
	for i, e := range v.arr {
		fi := index(f, i)
		if e.kind != kNumber {
			return nil, &Error{Field: fi, Msg: "must be a number, got " + e.kind.String()}
		}
		if out[i], err = intIn(fi, e.num, lo, hi); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ParseFloat32 converts a JSON number literal to the nearest float32
// (round to nearest, ties to even), as strconv.ParseFloat(s, 32) does. It
// fails on overflow; an underflow gives a signed zero.
func ParseFloat32(s string) (float32, error) {
	f, err := strconv.ParseFloat(s, 32)
	if err != nil {
		return 0, err
	}
	return float32(f), nil
}

func (o *objectReader) f32(key string, unit bool) (float32, error) {
	v, f, err := o.get(key, kNumber)
	if err != nil {
		return 0, err
	}
	x, err := ParseFloat32(v.num)
	if err != nil {
		return 0, &Error{Field: f, Msg: "is not a float32 number: " + v.num}
	}
	if err := checkF32(f, x, unit); err != nil {
		return 0, err
	}
	return x, nil
}
