package trainer

import (
	"fmt"
	"math"
	"sync"

	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// The transformer side of the trainer (docs/transformer.md): a job whose
// spec has model.kind "transformer" trains repops.BuildLMStep over the
// training split of its token stream and is evaluated on fixed windows of
// the held-out split.

// LMEvalWindows is the most held-out windows an evaluation reads (spread
// evenly over the held-out split, never overlapping).
const LMEvalWindows = 256

// lmEvalChunk is how many windows one evaluation graph runs at a time.
const lmEvalChunk = 16

// LMConfig maps a validated transformer spec to the RepOps model
// configuration.
func LMConfig(s *spec.Spec) repops.LMConfig {
	m := s.Model.Transformer
	o := s.Optimizer
	return repops.LMConfig{
		Vocab: m.Vocab, Context: m.Context, Width: m.Width, Heads: m.Heads, Layers: m.Layers, MLPWidth: m.MLPWidth,
		NormEps: m.NormEps, Tied: m.TiedEmbeddings,
		LR: o.LR, Beta1: o.Beta1, Beta2: o.Beta2, Eps: o.Eps, WeightDecay: o.WeightDecay, GradClip: o.GradClip,
		Warmup: o.WarmupSteps, Steps: s.Steps, BatchSize: s.BatchSize, Seed: s.Seed,
	}
}

// lmJob is what a transformer Trainer holds besides the common fields.
type lmJob struct {
	cfg    repops.LMConfig
	hold   []float32 // held-out tokens
	starts []int     // the evaluation windows' starts in hold

	runMu  sync.Mutex
	runner *repops.LMRunner

	evalMu  sync.Mutex
	evalRun map[int]*repops.LMRunner // by window count
}

func tokenTensor(toks []uint32) repops.Tensor {
	t := repops.NewTensor(len(toks))
	for i, v := range toks {
		t.Data[i] = float32(v) // < 2^16: exact
	}
	return t
}

// LMEvalStarts returns the starts of the evaluation windows in a held-out
// stream of n tokens with context c: K = min(floor((n-1)/c), LMEvalWindows)
// windows of c inputs and c targets, window k at k * floor((n-1-c)/(K-1))
// (0 for K = 1), so they never overlap and spread over the whole split.
func LMEvalStarts(n, c int) []int {
	k := (n - 1) / c
	if k > LMEvalWindows {
		k = LMEvalWindows
	}
	if k < 1 {
		return nil
	}
	stride := 0
	if k > 1 {
		stride = (n - 1 - c) / (k - 1)
	}
	s := make([]int, k)
	for i := range s {
		s[i] = i * stride
	}
	return s
}

func newLM(s *spec.Spec, d *dataset.Dataset) (*lmJob, *repops.Graph, repops.Tensor, error) {
	cfg := LMConfig(s)
	if d.Vocab > cfg.Vocab {
		return nil, nil, repops.Tensor{}, fmt.Errorf("trainer: the dataset's vocabulary of %d tokens is larger than model.vocab %d", d.Vocab, cfg.Vocab)
	}
	for i, v := range d.Tokens {
		if int(v) >= cfg.Vocab {
			return nil, nil, repops.Tensor{}, fmt.Errorf("trainer: token %d is %d, not below model.vocab %d", i, v, cfg.Vocab)
		}
	}
	train, holdout := d.Split(s.Dataset.Holdout)
	g, err := repops.BuildLMStep(cfg, len(train.Tokens))
	if err != nil {
		return nil, nil, repops.Tensor{}, fmt.Errorf("trainer: build step graph: %w", err)
	}
	hold := tokenTensor(holdout.Tokens).Data
	lm := &lmJob{cfg: cfg, hold: hold, starts: LMEvalStarts(len(hold), cfg.Context), evalRun: map[int]*repops.LMRunner{}}
	if len(lm.starts) == 0 {
		return nil, nil, repops.Tensor{}, fmt.Errorf("trainer: the held-out split of %d tokens holds no window of %d+1 tokens", len(hold), cfg.Context)
	}
	return lm, g, tokenTensor(train.Tokens), nil
}

// step runs one training step with the job's LMRunner, or with a fresh one
// when another goroutine holds it.
func (lm *lmJob) step(g *repops.Graph, ex repops.Executor, state []repops.Tensor, tok repops.Tensor, next []repops.Tensor) (float32, error) {
	data := []repops.Tensor{tok}
	if !lm.runMu.TryLock() {
		r, err := repops.NewLMRunner(g, ex)
		if err != nil {
			return 0, err
		}
		return r.Step(state, data, next)
	}
	defer lm.runMu.Unlock()
	if lm.runner == nil {
		r, err := repops.NewLMRunner(g, ex)
		if err != nil {
			return 0, err
		}
		lm.runner = r
	}
	return lm.runner.Step(state, data, next)
}

// LMEval is a transformer's held-out evaluation.
type LMEval struct {
	Windows     int     // evaluation windows
	Tokens      int     // predicted tokens (windows x context)
	Loss        float64 // mean next-token cross-entropy, nats
	BitsPerByte float64 // Loss / ln 2 (one token is one byte)
	Accuracy    float64 // fraction of tokens whose largest logit (the first on ties) is the target
}

// evaluate runs the forward-only evaluation graph (repops.BuildLMEval) on
// the evaluation windows, lmEvalChunk windows at a time, with the
// parameters of state. The per-token losses are RepOps values; their mean
// is taken in float64 (it is reported, never committed).
func (lm *lmJob) evaluate(ex repops.Executor, state []repops.Tensor) (LMEval, error) {
	lm.evalMu.Lock()
	defer lm.evalMu.Unlock()
	c := lm.cfg
	params := state[:len(state)-3]
	params = params[:len(params)/3]
	var sum float64
	correct := 0
	for k := 0; k < len(lm.starts); k += lmEvalChunk {
		w := min(lmEvalChunk, len(lm.starts)-k)
		r := lm.evalRun[w]
		if r == nil {
			g, err := repops.BuildLMEval(c, w)
			if err != nil {
				return LMEval{}, err
			}
			if r, err = repops.NewLMRunner(g, ex); err != nil {
				return LMEval{}, err
			}
			lm.evalRun[w] = r
		}
		x, y := repops.NewTensor(w*c.Context), repops.NewTensor(w*c.Context)
		for i, s := range lm.starts[k : k+w] {
			copy(x.Data[i*c.Context:], lm.hold[s:s+c.Context])
			copy(y.Data[i*c.Context:], lm.hold[s+1:s+1+c.Context])
		}
		if _, err := r.Step(params, []repops.Tensor{x, y}, nil); err != nil {
			return LMEval{}, err
		}
		g := r.Graph()
		for _, l := range r.Value(repops.LMEvalRows(g)).Data {
			sum += float64(l)
		}
		logits := r.Value(g.Logits).Data
		for i, target := range y.Data {
			row := logits[i*c.Vocab : (i+1)*c.Vocab]
			best := 0
			for j := range row {
				if row[j] > row[best] {
					best = j
				}
			}
			if float32(best) == target {
				correct++
			}
		}
	}
	n := len(lm.starts) * c.Context
	e := LMEval{Windows: len(lm.starts), Tokens: n, Loss: sum / float64(n), Accuracy: float64(correct) / float64(n)}
	e.BitsPerByte = e.Loss / math.Ln2
	return e, nil
}

// Bigram is a bigram model of a token stream: P(b | a) = (count(a, b) + 1)
// / (count(a) + V), the counts over consecutive pairs of the training
// split (add-one smoothing).
type Bigram struct {
	V      int
	counts []float64 // [V*V]
	rows   []float64 // [V]
}

// FitBigram counts the consecutive pairs of toks.
func FitBigram(toks []float32, vocab int) *Bigram {
	b := &Bigram{V: vocab, counts: make([]float64, vocab*vocab), rows: make([]float64, vocab)}
	for i := 0; i+1 < len(toks); i++ {
		a, n := int(toks[i]), int(toks[i+1])
		b.counts[a*vocab+n]++
		b.rows[a]++
	}
	return b
}

// Bits returns -log2 P(next | prev).
func (b *Bigram) Bits(prev, next int) float64 {
	return -math.Log2((b.counts[prev*b.V+next] + 1) / (b.rows[prev] + float64(b.V)))
}

// BigramBaseline fits a bigram model on the training split and returns its
// held-out bits per byte on the transformer's evaluation windows (the same
// predicted tokens as Evaluate). It is an error for an MLP job.
func (t *Trainer) BigramBaseline() (float64, error) {
	if t.lm == nil {
		return 0, fmt.Errorf("trainer: a bigram baseline needs a transformer job")
	}
	lm := t.lm
	b := FitBigram(t.train.X.Data, lm.cfg.Vocab)
	var bits float64
	for _, s := range lm.starts {
		for p := 0; p < lm.cfg.Context; p++ {
			bits += b.Bits(int(lm.hold[s+p]), int(lm.hold[s+p+1]))
		}
	}
	return bits / float64(len(lm.starts)*lm.cfg.Context), nil
}

// EvaluateLM returns the held-out evaluation of a transformer state.
func (t *Trainer) EvaluateLM(st *State) (LMEval, error) {
	if t.lm == nil {
		return LMEval{}, fmt.Errorf("trainer: not a transformer job")
	}
	if err := t.checkState(st); err != nil {
		return LMEval{}, err
	}
	return t.lm.evaluate(t.opts.Executor, st.Tensors)
}

// IsLM reports whether the job trains a transformer.
func (t *Trainer) IsLM() bool { return t.lm != nil }
