// Package lm samples text from a trained transformer (docs/generate.md).
//
// The logits of the next token are computed with RepOps (the forward-only
// graph repops.BuildLMEval, one window of the last min(n, context) tokens,
// read at its last position), and the token is drawn from them with the
// RepOps PRNG by inverse CDF over a softmax computed with RepOps primitives
// in a fixed order. Every step is a RepOps value, so the same model, prompt
// and seed give the same tokens on every machine.
package lm

import (
	"errors"
	"fmt"
	"math"

	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// StreamSample is the RepOps PRNG stream of sampling: the k-th token a
// generation draws (k = 0, 1, ...) uses the word RandomWord(seed,
// StreamSample, k, 0). It is far from the training streams (StreamBatch 1,
// the MLP's StreamInit + l, the transformer's StreamLMInit + i).
const StreamSample = 0x47454E00 // "GEN\0"

// MaxTokens bounds the tokens one Generate call draws.
const MaxTokens = 1 << 20

// ErrNotTransformer is returned by Config for a spec of another model kind.
var ErrNotTransformer = errors.New("lm: not a transformer spec")

// Config maps a validated transformer spec to the RepOps model
// configuration: trainer.LMConfig (the trainer's, so LMStateShapes of it is
// the training state's layout), refusing another model kind and checking
// the result.
func Config(s *spec.Spec) (repops.LMConfig, error) {
	if !s.Model.IsTransformer() || s.Model.Transformer == nil {
		return repops.LMConfig{}, fmt.Errorf("%w: model.kind is %q", ErrNotTransformer, s.Model.Kind)
	}
	c := trainer.LMConfig(s)
	return c, c.Validate()
}

// NumParams returns the number of parameter tensors of the model (the
// leading tensors of its state).
func NumParams(c repops.LMConfig) int {
	n := 3 + 8*c.Layers
	if !c.Tied {
		n++
	}
	return n
}

// Model computes next-token logits of a transformer with RepOps. It is not
// safe for concurrent use.
type Model struct {
	cfg    repops.LMConfig
	params []repops.Tensor

	// The runner of the last window length (the graph depends on it).
	runLen int
	runner *repops.LMRunner
	state  []repops.Tensor
	x, y   repops.Tensor
	logits []float32
}

// NewModel checks the parameters (the first NumParams(c) tensors of the
// state, in state order) against the configuration's shapes.
func NewModel(c repops.LMConfig, params []repops.Tensor) (*Model, error) {
	names, shapes, err := repops.LMStateShapes(c)
	if err != nil {
		return nil, err
	}
	np := NumParams(c)
	if len(params) < np {
		return nil, fmt.Errorf("lm: %d parameter tensors, the model has %d", len(params), np)
	}
	for i := 0; i < np; i++ {
		if !equalShape(params[i].Shape, shapes[i]) || len(params[i].Data) != numel(shapes[i]) {
			return nil, fmt.Errorf("lm: parameter %q has shape %v, the model needs %v", names[i], params[i].Shape, shapes[i])
		}
	}
	return &Model{cfg: c, params: params[:np], logits: make([]float32, c.Vocab)}, nil
}

// Config returns the model's configuration.
func (m *Model) Config() repops.LMConfig { return m.cfg }

// Logits returns the logits of the token after tokens: the forward pass of
// repops.BuildLMEval over one window of the last n = min(len(tokens),
// context) tokens at positions 0..n-1 (pos_emb's first n rows), read at
// position n-1. The returned slice is overwritten by the next call.
func (m *Model) Logits(tokens []int) ([]float32, error) {
	if len(tokens) == 0 {
		return nil, errors.New("lm: no tokens to continue")
	}
	n := min(len(tokens), m.cfg.Context)
	win := tokens[len(tokens)-n:]
	if err := m.prepare(n); err != nil {
		return nil, err
	}
	for i, t := range win {
		if t < 0 || t >= m.cfg.Vocab {
			return nil, fmt.Errorf("lm: token %d is not below the vocabulary of %d", t, m.cfg.Vocab)
		}
		m.x.Data[i] = float32(t) // < 2^16: exact
	}
	if _, err := m.runner.Step(m.state, []repops.Tensor{m.x, m.y}, nil); err != nil {
		return nil, err
	}
	lg := m.runner.Value(m.runner.Graph().Logits)
	V := m.cfg.Vocab
	copy(m.logits, lg.Data[(n-1)*V:n*V])
	return m.logits, nil
}

// prepare builds the evaluation graph and runner of windows of n tokens.
func (m *Model) prepare(n int) error {
	if m.runner != nil && m.runLen == n {
		return nil
	}
	c := m.cfg
	c.Context = n
	g, err := repops.BuildLMEval(c, 1)
	if err != nil {
		return err
	}
	r, err := repops.NewLMRunner(g, nil)
	if err != nil {
		return err
	}
	st := append([]repops.Tensor(nil), m.params...)
	d := c.Width
	st[1] = repops.Tensor{Shape: []int{n, d}, Data: m.params[1].Data[:n*d]} // pos_emb's first n rows
	m.runLen, m.runner, m.state = n, r, st
	m.x, m.y = repops.NewTensor(n), repops.NewTensor(n) // targets: token 0 (the loss is not read)
	return nil
}

// Sample draws the k-th token of a generation from logits at temperature
// temp with the RepOps PRNG word u = Uniform01(RandomWord(seed,
// StreamSample, k, 0)):
//
//   - temp = 0: the index of the largest logit (the lowest on ties);
//   - temp > 0: with m the largest logit, e_i = EXP(DIV(SUB(l_i, m), temp)),
//     c_i = ADD(c_{i-1}, e_i) from c_{-1} = +0 in index order, S = c_{V-1};
//     the token is the first i with c_i > MUL(u, S).
//
// Every operation is a RepOps primitive (EXP is its element program), so
// the draw is the same on every machine. A NaN or infinite logit, or a
// temperature that is negative or not finite, is an error.
func Sample(logits []float32, temp float32, seed uint64, k uint32) (int, error) {
	if len(logits) == 0 {
		return 0, errors.New("lm: no logits")
	}
	if temp != temp || temp < 0 || math.IsInf(float64(temp), 0) {
		return 0, fmt.Errorf("lm: temperature %v is not a finite number >= 0", temp)
	}
	best := 0
	for i, l := range logits {
		if l != l || math.IsInf(float64(l), 0) {
			return 0, fmt.Errorf("lm: logit %d is %v: the model's output is not finite", i, l)
		}
		if l > logits[best] {
			best = i
		}
	}
	if temp == 0 {
		return best, nil
	}
	mx := logits[best]
	var c float32 // +0
	last := best
	cum := make([]float32, len(logits))
	for i, l := range logits {
		e := repops.Exp(repops.Div(repops.Sub(l, mx), temp))
		if e > 0 {
			last = i
		}
		c = repops.Add(c, e)
		cum[i] = c
	}
	target := repops.Mul(repops.Uniform01(repops.RandomWord(seed, StreamSample, k, 0)), c)
	for i, ci := range cum {
		if target < ci {
			return i, nil
		}
	}
	return last, nil // unreachable: u < 1 makes MUL(u, S) < S (docs/generate.md)
}

// Generate draws n tokens after prompt: token k (0-based) is
// Sample(Logits(prompt + the k tokens drawn before it), temp, seed, k).
// emit, if not nil, is called with each token as it is drawn; an error
// from it stops the generation. It returns the drawn tokens.
func (m *Model) Generate(prompt []int, n int, temp float32, seed uint64, emit func(tok int) error) ([]int, error) {
	if n < 0 || n > MaxTokens {
		return nil, fmt.Errorf("lm: %d tokens to draw, not in [0, %d]", n, MaxTokens)
	}
	if len(prompt) == 0 {
		return nil, errors.New("lm: the prompt is empty (the model continues at least one token)")
	}
	toks := append(make([]int, 0, len(prompt)+n), prompt...)
	for k := 0; k < n; k++ {
		lg, err := m.Logits(toks)
		if err != nil {
			return nil, err
		}
		t, err := Sample(lg, temp, seed, uint32(k))
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if emit != nil {
			if err := emit(t); err != nil {
				return nil, err
			}
		}
	}
	return toks[len(prompt):], nil
}

func equalShape(a, b []int) bool {
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
