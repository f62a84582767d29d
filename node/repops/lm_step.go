package repops

import (
	"fmt"
	"math"
)

// LMConfig describes a decoder-only transformer language model (pre-norm
// GPT: learned token and positional embeddings, RMSNorm, causal multi-head
// attention, a SiLU MLP, optional tied embeddings) and its training step
// (mean softmax cross-entropy of the next token, gradient clipping by global
// norm, AdamW with a linear warm-up and linear decay of the learning rate).
// docs/transformer.md describes the model, its graph, state and init.
type LMConfig struct {
	Vocab, Context, Width, Heads, Layers, MLPWidth int
	NormEps                                        float32 // RMSNorm epsilon
	Tied                                           bool    // logits = h E^T (no separate output matrix)

	LR, Beta1, Beta2, Eps, WeightDecay float32
	GradClip                           float32 // max global gradient norm; 0: no clipping
	Warmup, Steps                      int     // LR schedule: warm-up steps, total steps

	BatchSize int    // windows per step
	Seed      uint64 // parameter init and window sampling
}

// Limits of LMConfig.
const (
	LMMaxVocab   = 1 << 16
	LMMaxContext = 1 << 12
	LMMaxWidth   = 1 << 13
	LMMaxLayers  = 64
	LMMaxSteps   = 1 << 24 // the schedule's integers are exact float32 values
)

// StreamLMInit is the first PRNG stream of the transformer's parameter init:
// parameter tensor i (in state order) uses stream StreamLMInit + i, counter
// 0, index = element. It is far above the MLP's streams (StreamBatch = 1,
// StreamInit + l - 1 for MLP layer l), so no stream is shared.
const StreamLMInit = 0x4C4D0000 // "LM\0\0"

// Validate checks the configuration.
func (c LMConfig) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: transformer: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
	switch {
	case c.Vocab < 2 || c.Vocab > LMMaxVocab:
		return bad("vocab %d not in [2, %d]", c.Vocab, LMMaxVocab)
	case c.Context < 1 || c.Context > LMMaxContext:
		return bad("context %d not in [1, %d]", c.Context, LMMaxContext)
	case c.Width < 1 || c.Width > LMMaxWidth:
		return bad("width %d not in [1, %d]", c.Width, LMMaxWidth)
	case c.Heads < 1 || c.Width%c.Heads != 0:
		return bad("heads %d must divide width %d", c.Heads, c.Width)
	case c.Layers < 1 || c.Layers > LMMaxLayers:
		return bad("layers %d not in [1, %d]", c.Layers, LMMaxLayers)
	case c.MLPWidth < 1 || c.MLPWidth > 4*LMMaxWidth:
		return bad("mlp width %d not in [1, %d]", c.MLPWidth, 4*LMMaxWidth)
	case c.BatchSize < 1 || c.BatchSize*c.Context > 1<<20:
		return bad("batch size %d (batch x context must be in [1, 2^20])", c.BatchSize)
	case c.Steps < 1 || c.Steps > LMMaxSteps:
		return bad("steps %d not in [1, %d]", c.Steps, LMMaxSteps)
	case c.Warmup < 0 || c.Warmup >= c.Steps:
		return bad("warmup %d not in [0, steps)", c.Warmup)
	}
	for _, p := range []struct {
		n string
		v float32
	}{{"norm eps", c.NormEps}, {"lr", c.LR}, {"beta1", c.Beta1}, {"beta2", c.Beta2}, {"eps", c.Eps},
		{"weight decay", c.WeightDecay}, {"grad clip", c.GradClip}} {
		if p.v != p.v || math.IsInf(float64(p.v), 0) || p.v < 0 {
			return bad("%s %v is not a finite non-negative number", p.n, p.v)
		}
	}
	if c.NormEps == 0 {
		return bad("norm eps must be positive")
	}
	return nil
}

// lmLayout numbers the parameter tensors: E, P, then per layer l = 1..L
// norm1, Wq, Wk, Wv, Wo, norm2, W1, W2, then the final norm and, untied,
// the output matrix.
type lmLayout struct{ L int }

const lmPerLayer = 8

func (lmLayout) E() int             { return 0 }
func (lmLayout) P() int             { return 1 }
func (lmLayout) layer(l, k int) int { return 2 + lmPerLayer*(l-1) + k }
func (y lmLayout) G1(l int) int     { return y.layer(l, 0) }
func (y lmLayout) Wq(l int) int     { return y.layer(l, 1) }
func (y lmLayout) Wk(l int) int     { return y.layer(l, 2) }
func (y lmLayout) Wv(l int) int     { return y.layer(l, 3) }
func (y lmLayout) Wo(l int) int     { return y.layer(l, 4) }
func (y lmLayout) G2(l int) int     { return y.layer(l, 5) }
func (y lmLayout) W1(l int) int     { return y.layer(l, 6) }
func (y lmLayout) W2(l int) int     { return y.layer(l, 7) }
func (y lmLayout) Gf() int          { return 2 + lmPerLayer*y.L }
func (y lmLayout) Wout() int        { return 3 + lmPerLayer*y.L }
func lmNumParams(c LMConfig) int {
	n := 3 + lmPerLayer*c.Layers
	if !c.Tied {
		n++
	}
	return n
}

// lmParamInit is how one parameter tensor starts: gains are 1 (isGain),
// the others uniform in [-a, a] with a from lmInitRange.
type lmParamInit struct {
	name   string
	shape  []int
	isGain bool
	fanIn  int  // matrices: the input width
	out    bool // attention-output and MLP-output matrices (scaled by 1/sqrt(2L))
	embed  bool // embeddings: a = sqrt(3)*0.02
}

func lmParams(c LMConfig) []lmParamInit {
	d, f := c.Width, c.MLPWidth
	ps := []lmParamInit{
		{name: "tok_emb", shape: []int{c.Vocab, d}, embed: true},
		{name: "pos_emb", shape: []int{c.Context, d}, embed: true},
	}
	for l := 1; l <= c.Layers; l++ {
		p := func(s string) string { return fmt.Sprintf("l%d.%s", l, s) }
		ps = append(ps,
			lmParamInit{name: p("norm1"), shape: []int{d}, isGain: true},
			lmParamInit{name: p("wq"), shape: []int{d, d}, fanIn: d},
			lmParamInit{name: p("wk"), shape: []int{d, d}, fanIn: d},
			lmParamInit{name: p("wv"), shape: []int{d, d}, fanIn: d},
			lmParamInit{name: p("wo"), shape: []int{d, d}, fanIn: d, out: true},
			lmParamInit{name: p("norm2"), shape: []int{d}, isGain: true},
			lmParamInit{name: p("w1"), shape: []int{d, f}, fanIn: d},
			lmParamInit{name: p("w2"), shape: []int{f, d}, fanIn: f, out: true},
		)
	}
	ps = append(ps, lmParamInit{name: "norm_f", shape: []int{d}, isGain: true})
	if !c.Tied {
		ps = append(ps, lmParamInit{name: "lm_head", shape: []int{d, c.Vocab}, fanIn: d})
	}
	return ps
}

// lmInitRange returns a of the uniform [-a, a] init of a non-gain
// parameter: embeddings MUL(SQRT(3), 0.02) (standard deviation 0.02);
// matrices SQRT(DIV(3, fan_in)) (standard deviation 1/sqrt(fan_in)), and
// SQRT(DIV(3, fan_in*2L)) for the attention-output and MLP-output matrices
// (the residual branches' outputs, scaled by 1/sqrt(2L)). All RepOps
// primitives, so a is the same word everywhere.
func lmInitRange(c LMConfig, p lmParamInit) float32 {
	switch {
	case p.embed:
		return Mul(Sqrt(3), 0.02)
	case p.out:
		return Sqrt(Div(3, float32(p.fanIn*2*c.Layers)))
	default:
		return Sqrt(Div(3, float32(p.fanIn)))
	}
}

// LMStateShapes returns the names and shapes of the transformer's state
// tensors in state order: the parameters (tok_emb [V,d], pos_emb [C,d]; per
// layer l: l{l}.norm1 [d], l{l}.wq, .wk, .wv, .wo [d,d], l{l}.norm2 [d],
// l{l}.w1 [d,f], l{l}.w2 [f,d]; norm_f [d]; lm_head [d,V] unless tied),
// then AdamW's first moments ("m." + name) and second moments ("v." +
// name) in the same order, b1t and b2t ([1]: beta1^t, beta2^t) and last
// the step counter "step" ([1], an integer word; see StepCounter).
// Matrices are stored [in, out] as the MLP's.
func LMStateShapes(c LMConfig) (names []string, shapes [][]int, err error) {
	if err := c.Validate(); err != nil {
		return nil, nil, err
	}
	ps := lmParams(c)
	for _, prefix := range []string{"", "m.", "v."} {
		for _, p := range ps {
			names = append(names, prefix+p.name)
			shapes = append(shapes, clone(p.shape))
		}
	}
	names = append(names, "b1t", "b2t", "step")
	shapes = append(shapes, []int{1}, []int{1}, []int{1})
	return names, shapes, nil
}

// LMParamCount returns the number of model parameters (not counting the
// optimizer state).
func LMParamCount(c LMConfig) int {
	n := 0
	for _, p := range lmParams(c) {
		n += numElems(p.shape)
	}
	return n
}

// InitLMState returns the state at step 0. Element e of non-gain parameter
// tensor i (state order) is MUL(SUB(MUL(u, 2), 1), a) with u =
// Uniform01(RandomWord(Seed, StreamLMInit+i, 0, e)) and a from the
// tensor's kind (lmInitRange: embeddings sqrt(3)*0.02, matrices
// sqrt(3/fan_in), residual-output matrices sqrt(3/(fan_in*2L))). Gains are
// 1, the moments +0, b1t and b2t 1, the step counter 0.
func InitLMState(c LMConfig) ([]Tensor, error) {
	_, shapes, err := LMStateShapes(c)
	if err != nil {
		return nil, err
	}
	st := make([]Tensor, len(shapes))
	for i := range st {
		st[i] = NewTensor(shapes[i]...)
	}
	for i, p := range lmParams(c) {
		w := st[i].Data
		if p.isGain {
			for e := range w {
				w[e] = 1
			}
			continue
		}
		a := lmInitRange(c, p)
		for e := range w {
			u := Uniform01(RandomWord(c.Seed, StreamLMInit+uint32(i), 0, uint32(e)))
			w[e] = Mul(Sub(Mul(u, 2), 1), a)
		}
	}
	np := lmNumParams(c)
	st[3*np].Data[0] = 1
	st[3*np+1].Data[0] = 1
	return st, nil
}

// LMAttnScale is the attention scale 1/sqrt(dh) as the word DIV(1,
// SQRT(dh)) (exact when dh is a power of 4).
func LMAttnScale(c LMConfig) float32 {
	return Div(1, Sqrt(float32(c.Width/c.Heads)))
}

// lmForward holds the nodes of the forward pass that the backward pass
// reads.
type lmForward struct {
	x, y       int   // input and target tokens [M]
	h          []int // residual stream entering layer l (h[0] = embeddings + positions), h[L] the last
	r1, a      []int // per layer: RMSInv, RMSNorm before attention
	q, k, v    []int
	p, o       []int // attention probabilities, attention output (before Wo)
	h1         []int // residual after attention
	r2, b      []int // RMSInv, RMSNorm before the MLP
	u, z       []int // MLP pre-activation, SiLU
	rf, hf     int   // final RMSInv and RMSNorm
	logits     int
	lse, lrows int
	loss       int
}

// forward appends the forward pass: token embeddings of x, positions, the
// layers, the final norm, logits, LogSumExp, per-token loss, Mean. param(i)
// is the node of parameter tensor i.
func (gb *graphBuilder) lmForward(c LMConfig, param func(int) int, x, y int) *lmForward {
	ly := lmLayout{c.Layers}
	L := c.Layers
	f := &lmForward{x: x, y: y}
	mk := func() []int { return make([]int, L+1) }
	f.h, f.r1, f.a, f.q, f.k, f.v, f.p, f.o = mk(), mk(), mk(), mk(), mk(), mk(), mk(), mk()
	f.h1, f.r2, f.b, f.u, f.z = mk(), mk(), mk(), mk(), mk()
	eps := []uint32{math.Float32bits(c.NormEps)}
	scale := math.Float32bits(LMAttnScale(c))
	H, C := uint32(c.Heads), uint32(c.Context)
	e := gb.op("emb", OpGather, nil, param(ly.E()), x)
	f.h[0] = gb.op("h0", OpPosAdd, nil, e, param(ly.P()))
	for l := 1; l <= L; l++ {
		n := func(s string) string { return fmt.Sprintf("l%d.%s", l, s) }
		h := f.h[l-1]
		f.r1[l] = gb.op(n("rms1"), OpRMSInv, eps, h)
		f.a[l] = gb.op(n("norm1"), OpRMSNorm, nil, h, f.r1[l], param(ly.G1(l)))
		f.q[l] = gb.op(n("q"), OpMatMul, nil, f.a[l], param(ly.Wq(l)))
		f.k[l] = gb.op(n("k"), OpMatMul, nil, f.a[l], param(ly.Wk(l)))
		f.v[l] = gb.op(n("v"), OpMatMul, nil, f.a[l], param(ly.Wv(l)))
		s := gb.op(n("scores"), OpAttnScores, []uint32{H, C, scale, 1}, f.q[l], f.k[l])
		slse := gb.op(n("scores_lse"), OpLogSumExp, nil, s)
		f.p[l] = gb.op(n("probs"), OpSoftmaxRow, nil, s, slse)
		f.o[l] = gb.op(n("attn"), OpAttnApply, []uint32{H}, f.p[l], f.v[l])
		ao := gb.op(n("attn_out"), OpMatMul, nil, f.o[l], param(ly.Wo(l)))
		f.h1[l] = gb.op(n("h_attn"), OpAdd, nil, h, ao)
		f.r2[l] = gb.op(n("rms2"), OpRMSInv, eps, f.h1[l])
		f.b[l] = gb.op(n("norm2"), OpRMSNorm, nil, f.h1[l], f.r2[l], param(ly.G2(l)))
		f.u[l] = gb.op(n("mlp_in"), OpMatMul, nil, f.b[l], param(ly.W1(l)))
		f.z[l] = gb.op(n("silu"), OpSiLU, nil, f.u[l])
		mo := gb.op(n("mlp_out"), OpMatMul, nil, f.z[l], param(ly.W2(l)))
		f.h[l] = gb.op(n("h"), OpAdd, nil, f.h1[l], mo)
	}
	f.rf = gb.op("rms_f", OpRMSInv, eps, f.h[L])
	f.hf = gb.op("norm_f", OpRMSNorm, nil, f.h[L], f.rf, param(ly.Gf()))
	if c.Tied {
		f.logits = gb.op("logits", OpMatMulNT, nil, f.hf, param(ly.E()))
	} else {
		f.logits = gb.op("logits", OpMatMul, nil, f.hf, param(ly.Wout()))
	}
	f.lse = gb.op("lse", OpLogSumExp, nil, f.logits)
	f.lrows = gb.op("loss_rows", OpSoftmaxXentLoss, nil, f.logits, f.lse, y)
	f.loss = gb.op("loss", OpMean, nil, f.lrows)
	return f
}

// BuildLMStep builds the canonical graph of one training step of the
// transformer on a training token stream of `tokens` tokens (token ids as
// float32 values; a window of Context inputs and its Context targets, one
// token later, is sampled per batch row). docs/transformer.md lists the
// node order; in short: the state (LMStateShapes order), the data node Tok
// [tokens], the constants beta1, beta2, eps, wd, wd0 (+0), then
// BatchIndex(step) over tokens - Context window starts, WindowIndex offset
// 0 and 1, Gather of inputs and targets, the forward pass, SoftmaxXentGrad,
// the backward pass from the last layer to the embeddings, the clipping
// (SumSq per gradient in parameter order, an Add chain, ClipScale, ScaleBy
// per gradient; absent when GradClip is 0), the optimizer (ScalarMul b1t,
// ScalarMul b2t, LRSchedule, then per parameter AdamMoment(1),
// AdamMoment(2), AdamWParam) and Increment(step).
func BuildLMStep(c LMConfig, tokens int) (*Graph, error) {
	names, shapes, err := LMStateShapes(c)
	if err != nil {
		return nil, err
	}
	rows := tokens - c.Context
	if rows < 1 || tokens > 1<<24 {
		return nil, fmt.Errorf("%w: transformer: %d training tokens (need more than the context %d, at most 2^24)", ErrConfig, tokens, c.Context)
	}
	g := &Graph{Config: MLPConfig{BatchSize: c.BatchSize, Seed: c.Seed}, Rows: tokens}
	gb := &graphBuilder{g: g}
	for i := range names {
		gb.add(Node{Kind: KindState, Shape: shapes[i], Name: names[i]})
	}
	ns := len(names)
	np := lmNumParams(c)
	stepNode := ns - 1
	tok := gb.add(Node{Kind: KindData, Shape: []int{tokens}, Name: "Tok"})
	cst := func(name string, v float32) int {
		return gb.add(Node{Kind: KindConst, Shape: []int{1}, Attrs: []uint32{math.Float32bits(v)}, Name: name})
	}
	b1 := cst("beta1", c.Beta1)
	b2 := cst("beta2", c.Beta2)
	eps := cst("eps", c.Eps)
	wd := cst("wd", c.WeightDecay)
	wd0 := cst("wd0", 0)

	idx := gb.op("starts", OpBatchIndex, []uint32{uint32(c.Seed), uint32(c.Seed >> 32), uint32(rows)}, stepNode)
	C := uint32(c.Context)
	xi := gb.op("x_idx", OpWindowIndex, []uint32{C, 0}, idx)
	yi := gb.op("y_idx", OpWindowIndex, []uint32{C, 1}, idx)
	x := gb.op("x", OpGather, nil, tok, xi)
	y := gb.op("y", OpGather, nil, tok, yi)
	param := func(i int) int { return i }
	f := gb.lmForward(c, param, x, y)
	g.Logits, g.Loss = f.logits, f.loss

	grads := gb.lmBackward(c, param, f)

	if c.GradClip > 0 {
		total := 0
		for i := 0; i < np; i++ {
			ss := gb.op("sumsq."+names[i], OpSumSq, nil, grads[i])
			if i == 0 {
				total = ss
			} else {
				total = gb.op("sumsq_total", OpAdd, nil, total, ss)
			}
		}
		cs := gb.op("clip", OpClipScale, []uint32{math.Float32bits(c.GradClip)}, total)
		for i := 0; i < np; i++ {
			grads[i] = gb.op("clipped."+names[i], OpScaleBy, nil, grads[i], cs)
		}
	}

	g.Outputs = make([]int, ns)
	b1t := gb.op("b1t'", OpScalarMul, nil, 3*np, b1)
	b2t := gb.op("b2t'", OpScalarMul, nil, 3*np+1, b2)
	g.Outputs[3*np], g.Outputs[3*np+1] = b1t, b2t
	lr := gb.op("lr", OpLRSchedule, LMScheduleAttrs(c), stepNode)
	gains := map[int]bool{}
	for i, p := range lmParams(c) {
		gains[i] = p.isGain
	}
	for i := 0; i < np; i++ {
		m := gb.op("m'"+names[i], OpAdamMoment, []uint32{1}, np+i, grads[i], b1)
		v := gb.op("v'"+names[i], OpAdamMoment, []uint32{2}, 2*np+i, grads[i], b2)
		g.Outputs[np+i], g.Outputs[2*np+i] = m, v
		decay := wd
		if gains[i] {
			decay = wd0
		}
		g.Outputs[i] = gb.op(names[i]+"'", OpAdamWParam, nil, i, m, v, b1t, b2t, lr, eps, decay)
	}
	g.Outputs[stepNode] = gb.op("step'", OpIncrement, nil, stepNode)
	if gb.err != nil {
		return nil, gb.err
	}
	for i, o := range g.Outputs {
		g.Nodes[o].Output = i
	}
	return g, nil
}

// LMScheduleAttrs returns LRSchedule's attributes: lr, f(Warmup) (+0 for
// no warm-up), f(Steps), f(Steps - Warmup). lr_t = lr * max(0,
// min((t+1)/Warmup, (Steps-t)/(Steps-Warmup))).
func LMScheduleAttrs(c LMConfig) []uint32 {
	return []uint32{math.Float32bits(c.LR), math.Float32bits(float32(c.Warmup)),
		math.Float32bits(float32(c.Steps)), math.Float32bits(float32(c.Steps - c.Warmup))}
}

// lmBackward appends the backward pass and returns the gradient node of
// every parameter tensor (parameter order).
func (gb *graphBuilder) lmBackward(c LMConfig, param func(int) int, f *lmForward) []int {
	ly := lmLayout{c.Layers}
	L := c.Layers
	grads := make([]int, lmNumParams(c))
	scale := math.Float32bits(LMAttnScale(c))
	H, C := uint32(c.Heads), uint32(c.Context)
	dlogits := gb.op("dlogits", OpSoftmaxXentGrad, nil, f.logits, f.lse, f.y)
	var dhf, dEout int
	if c.Tied {
		dEout = gb.op("d.tok_emb.out", OpMatMulTN, nil, dlogits, f.hf)
		dhf = gb.op("d.norm_f", OpMatMul, nil, dlogits, param(ly.E()))
	} else {
		grads[ly.Wout()] = gb.op("d.lm_head", OpMatMulTN, nil, f.hf, dlogits)
		dhf = gb.op("d.norm_f", OpMatMulNT, nil, dlogits, param(ly.Wout()))
	}
	// normBack: the gradient through RMSNorm(x, r, g) of dy: dx and dg.
	normBack := func(name string, dy, x, r, gain int) (dx, dg int) {
		cn := gb.op(name+".rowdot", OpRMSNormRowDot, nil, dy, x, param(gain))
		dx = gb.op(name+".dx", OpRMSNormGradX, nil, dy, x, r, param(gain), cn)
		dg = gb.op(name+".dg", OpRMSNormGradG, nil, dy, x, r)
		return dx, dg
	}
	var dh int
	dh, grads[ly.Gf()] = normBack("d.norm_f", dhf, f.h[L], f.rf, ly.Gf())
	for l := L; l >= 1; l-- {
		n := func(s string) string { return fmt.Sprintf("d.l%d.%s", l, s) }
		// MLP: h = h1 + W2(SiLU(W1 norm2(h1))).
		grads[ly.W2(l)] = gb.op(n("w2"), OpMatMulTN, nil, f.z[l], dh)
		dz := gb.op(n("silu"), OpMatMulNT, nil, dh, param(ly.W2(l)))
		du := gb.op(n("mlp_in"), OpSiLUGrad, nil, dz, f.u[l])
		grads[ly.W1(l)] = gb.op(n("w1"), OpMatMulTN, nil, f.b[l], du)
		db := gb.op(n("norm2"), OpMatMulNT, nil, du, param(ly.W1(l)))
		dx2, dg2 := normBack(n("norm2"), db, f.h1[l], f.r2[l], ly.G2(l))
		grads[ly.G2(l)] = dg2
		dh1 := gb.op(n("h_attn"), OpAdd, nil, dh, dx2)
		// Attention: h1 = h + Wo(attn(norm1(h))).
		grads[ly.Wo(l)] = gb.op(n("wo"), OpMatMulTN, nil, f.o[l], dh1)
		do := gb.op(n("attn"), OpMatMulNT, nil, dh1, param(ly.Wo(l)))
		dp := gb.op(n("probs"), OpAttnScores, []uint32{H, C, math.Float32bits(1), 0}, do, f.v[l])
		rr := gb.op(n("probs_rowdot"), OpRowDot, nil, f.p[l], dp)
		ds := gb.op(n("scores"), OpSoftmaxGrad, []uint32{scale}, f.p[l], dp, rr)
		dq := gb.op(n("q"), OpAttnApply, []uint32{H}, ds, f.k[l])
		dk := gb.op(n("k"), OpAttnApplyT, []uint32{H}, ds, f.q[l])
		dv := gb.op(n("v"), OpAttnApplyT, []uint32{H}, f.p[l], do)
		grads[ly.Wq(l)] = gb.op(n("wq"), OpMatMulTN, nil, f.a[l], dq)
		grads[ly.Wk(l)] = gb.op(n("wk"), OpMatMulTN, nil, f.a[l], dk)
		grads[ly.Wv(l)] = gb.op(n("wv"), OpMatMulTN, nil, f.a[l], dv)
		daq := gb.op(n("norm1.q"), OpMatMulNT, nil, dq, param(ly.Wq(l)))
		dak := gb.op(n("norm1.k"), OpMatMulNT, nil, dk, param(ly.Wk(l)))
		dav := gb.op(n("norm1.v"), OpMatMulNT, nil, dv, param(ly.Wv(l)))
		da := gb.op(n("norm1.qk"), OpAdd, nil, daq, dak)
		da = gb.op(n("norm1"), OpAdd, nil, da, dav)
		dx1, dg1 := normBack(n("norm1"), da, f.h[l-1], f.r1[l], ly.G1(l))
		grads[ly.G1(l)] = dg1
		dh = gb.op(n("h"), OpAdd, nil, dh1, dx1)
	}
	grads[ly.P()] = gb.op("d.pos_emb", OpRowGroupSum, []uint32{C}, dh)
	dE := gb.op("d.tok_emb.in", OpEmbedGrad, []uint32{uint32(c.Vocab)}, dh, f.x)
	if c.Tied {
		dE = gb.op("d.tok_emb", OpAdd, nil, dE, dEout)
	}
	grads[ly.E()] = dE
	return grads
}

// BuildLMEval builds the forward-only graph that evaluates the transformer
// on `windows` fixed windows: state nodes are the parameters only
// (LMStateShapes' first tensors), the data nodes X and Y [windows*Context]
// the input and target tokens; Loss is the mean loss and the node
// LMEvalRows the per-token losses. It has no Outputs.
func BuildLMEval(c LMConfig, windows int) (*Graph, error) {
	names, shapes, err := LMStateShapes(c)
	if err != nil {
		return nil, err
	}
	if windows < 1 || windows*c.Context > 1<<24 {
		return nil, fmt.Errorf("%w: transformer: %d evaluation windows", ErrConfig, windows)
	}
	M := windows * c.Context
	g := &Graph{Config: MLPConfig{BatchSize: windows}, Rows: M}
	gb := &graphBuilder{g: g}
	np := lmNumParams(c)
	for i := 0; i < np; i++ {
		gb.add(Node{Kind: KindState, Shape: shapes[i], Name: names[i]})
	}
	x := gb.add(Node{Kind: KindData, Shape: []int{M}, Name: "X"})
	y := gb.add(Node{Kind: KindData, Shape: []int{M}, Name: "Y"})
	f := gb.lmForward(c, func(i int) int { return i }, x, y)
	if gb.err != nil {
		return nil, gb.err
	}
	g.Logits, g.Loss = f.logits, f.loss
	return g, nil
}

// LMEvalRows returns the node of an evaluation graph (BuildLMEval) that
// holds the per-token losses [windows*Context].
func LMEvalRows(g *Graph) int { return g.Loss - 1 }
