package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Numeric sanity of the transformer operators: each against the float64
// mathematics it stands for, and the gradient operators against finite
// differences of their forward operators (in float64).

func f64s(t Tensor) []float64 {
	out := make([]float64, len(t.Data))
	for i, v := range t.Data {
		out[i] = float64(v)
	}
	return out
}

// ref64 computes operator op in float64 (the masked AttnScores entries are
// -inf).
func ref64(op OpKind, attrs []uint32, ins []Tensor) []float64 {
	x := make([][]float64, len(ins))
	for i, t := range ins {
		x[i] = f64s(t)
	}
	sh := func(s, i int) int { return ins[s].Shape[i] }
	af := func(i int) float64 { return float64(f32(attrs[i])) }
	var o []float64
	switch op {
	case OpWindowIndex:
		C := int(attrs[0])
		for b, s := range x[0] {
			for p := 0; p < C; p++ {
				o = append(o, s+float64(p+int(attrs[1])))
				_ = b
			}
		}
	case OpAdd:
		for i := range x[0] {
			o = append(o, x[0][i]+x[1][i])
		}
	case OpPosAdd:
		n, R := sh(0, 1), sh(1, 0)
		for e := range x[0] {
			o = append(o, x[0][e]+x[1][(e/n%R)*n+e%n])
		}
	case OpRowGroupSum:
		m, n, R := sh(0, 0), sh(0, 1), int(attrs[0])
		o = make([]float64, R*n)
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				o[(i%R)*n+j] += x[0][i*n+j]
			}
		}
	case OpAttnScores:
		a := attnDimsOf(op, attrs, shapesOf(ins))
		for g := 0; g < a.B*a.H; g++ {
			b, h := g/a.H, g%a.H
			for i := 0; i < a.C; i++ {
				for j := 0; j < a.C; j++ {
					if attrs[3] == 1 && j > i {
						o = append(o, math.Inf(-1))
						continue
					}
					s := 0.0
					for t := 0; t < a.dh; t++ {
						s += x[0][(b*a.C+i)*a.d+h*a.dh+t] * x[1][(b*a.C+j)*a.d+h*a.dh+t]
					}
					o = append(o, s*af(2))
				}
			}
		}
	case OpAttnApply, OpAttnApplyT:
		a := attnDimsOf(op, attrs, shapesOf(ins))
		o = make([]float64, a.M*a.d)
		for g := 0; g < a.B*a.H; g++ {
			b, h := g/a.H, g%a.H
			for i := 0; i < a.C; i++ {
				for j := 0; j < a.C; j++ {
					p := x[0][(g*a.C+i)*a.C+j]
					for c := h * a.dh; c < (h+1)*a.dh; c++ {
						if op == OpAttnApply {
							o[(b*a.C+i)*a.d+c] += p * x[1][(b*a.C+j)*a.d+c]
						} else {
							o[(b*a.C+j)*a.d+c] += p * x[1][(b*a.C+i)*a.d+c]
						}
					}
				}
			}
		}
	case OpSoftmaxRow:
		n := sh(0, 1)
		for e, s := range x[0] {
			o = append(o, math.Exp(s-x[1][e/n]))
		}
	case OpRowDot, OpRMSNormRowDot:
		m, n := sh(0, 0), sh(0, 1)
		for i := 0; i < m; i++ {
			s := 0.0
			for j := 0; j < n; j++ {
				w := 1.0
				if op == OpRMSNormRowDot {
					w = x[2][j]
				}
				s += x[0][i*n+j] * x[1][i*n+j] * w
			}
			o = append(o, s)
		}
	case OpSoftmaxGrad:
		n := sh(0, 1)
		for e := range x[0] {
			o = append(o, x[0][e]*(x[1][e]-x[2][e/n])*af(0))
		}
	case OpRMSInv:
		m, n := sh(0, 0), sh(0, 1)
		for i := 0; i < m; i++ {
			s := 0.0
			for j := 0; j < n; j++ {
				s += x[0][i*n+j] * x[0][i*n+j]
			}
			o = append(o, 1/math.Sqrt(s/float64(n)+af(0)))
		}
	case OpRMSNorm:
		n := sh(0, 1)
		for e := range x[0] {
			o = append(o, x[0][e]*x[1][e/n]*x[2][e%n])
		}
	case OpRMSNormGradX:
		n := sh(0, 1)
		for e := range x[0] {
			i, j := e/n, e%n
			r := x[2][i]
			o = append(o, r*x[0][e]*x[3][j]-x[1][e]*x[4][i]*r*r*r/float64(n))
		}
	case OpRMSNormGradG:
		m, n := sh(0, 0), sh(0, 1)
		o = make([]float64, n)
		for e := range x[0] {
			o[e%n] += x[0][e] * x[1][e] * x[2][e/n]
		}
		_ = m
	case OpSiLU:
		for _, v := range x[0] {
			o = append(o, v/(1+math.Exp(-v)))
		}
	case OpSiLUGrad:
		for e, v := range x[1] {
			s := 1 / (1 + math.Exp(-v))
			o = append(o, x[0][e]*s*(1+v*(1-s)))
		}
	case OpEmbedGrad:
		d := sh(0, 1)
		o = make([]float64, int(attrs[0])*d)
		for p, tk := range x[1] {
			if v := int(tk); float64(v) == tk && v >= 0 && v < int(attrs[0]) {
				for j := 0; j < d; j++ {
					o[v*d+j] += x[0][p*d+j]
				}
			}
		}
	case OpAdamWParam:
		lr, wd := x[5][0], x[7][0]
		for e, p := range x[0] {
			mh, vh := x[1][e]/(1-x[3][0]), x[2][e]/(1-x[4][0])
			o = append(o, p-lr*wd*p-lr*mh/(math.Sqrt(vh)+x[6][0]))
		}
	case OpLRSchedule:
		t := float64(math.Float32bits(ins[0].Data[0]))
		w := math.Inf(1)
		if af(1) != 0 {
			w = (t + 1) / af(1)
		}
		o = append(o, math.Max(math.Min(w, (af(2)-t)/af(3)), 0)*af(0))
	case OpSumSq:
		s := 0.0
		for _, v := range x[0] {
			s += v * v
		}
		o = append(o, s)
	case OpClipScale:
		o = append(o, math.Min(af(0)/(math.Sqrt(x[0][0])+1e-6), 1))
	case OpScaleBy:
		for _, v := range x[0] {
			o = append(o, v*x[1][0])
		}
	}
	return o
}

// TestLMAgainstFloat64: every transformer operator on ordinary inputs is
// within a few float32 roundings of its float64 mathematics.
func TestLMAgainstFloat64(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	for iter := 0; iter < 10; iter++ {
		cases := lmOpCases(r)
		// The causal and plain attention scores of realistic widths, and
		// probabilities from SoftmaxRow.
		q, k := randTensor(r, 1, 16, 32), randTensor(r, 1, 16, 32)
		cases = append(cases, opCase{OpAttnScores, []uint32{4, 8, math.Float32bits(0.25), 1}, []Tensor{q, k}, nil})
		for _, c := range cases {
			if c.op == OpAdamWParam { // v' >= 0
				c.ins = append([]Tensor(nil), c.ins...)
				c.ins[2] = c.ins[2].Clone()
				for i, v := range c.ins[2].Data {
					c.ins[2].Data[i] = float32(math.Abs(float64(v)))
				}
			}
			got := runOp(t, CPU{}, c)
			want := ref64(c.op, c.attrs, c.ins)
			if len(want) != len(got.Data) {
				t.Fatalf("%v: %d elements, reference %d", c.op, len(got.Data), len(want))
			}
			for e, w := range want {
				g := float64(got.Data[e])
				if math.IsInf(w, 0) && g == w {
					continue
				}
				if d := math.Abs(g - w); !(d <= 2e-6*math.Max(1, math.Abs(w))) {
					t.Fatalf("iter %d %v element %d: %v, float64 %v", iter, c.op, e, g, w)
				}
			}
		}
	}
}

// TestLMSoftmaxAndRMS: SoftmaxRow rows (with LogSumExp's lse, causal
// masks included) sum to 1; RMSNorm with unit gains has unit RMS.
func TestLMSoftmaxAndRMS(t *testing.T) {
	r := rand.New(rand.NewPCG(83, 84))
	const B, C, H, d = 2, 16, 4, 32
	q, k := randTensor(r, 2, B*C, d), randTensor(r, 2, B*C, d)
	s := runOp(t, CPU{}, opCase{OpAttnScores, []uint32{H, C, math.Float32bits(float32(1 / math.Sqrt(d/H))), 1}, []Tensor{q, k}, nil})
	lse := runOp(t, CPU{}, opCase{OpLogSumExp, nil, []Tensor{s}, nil})
	p := runOp(t, CPU{}, opCase{OpSoftmaxRow, nil, []Tensor{s, lse}, nil})
	for i := 0; i < B*H*C; i++ {
		sum := 0.0
		for j := 0; j < C; j++ {
			v := p.Data[i*C+j]
			if j > i%C && v != 0 {
				t.Fatalf("row %d: masked probability %v", i, v)
			}
			sum += float64(v)
		}
		if math.Abs(sum-1) > 1e-5 {
			t.Fatalf("row %d sums to %v", i, sum)
		}
	}
	x := randTensor(r, 3, 8, 64)
	ri := runOp(t, CPU{}, opCase{OpRMSInv, []uint32{math.Float32bits(1e-6)}, []Tensor{x}, nil})
	g := NewTensor(64)
	for i := range g.Data {
		g.Data[i] = 1
	}
	y := runOp(t, CPU{}, opCase{OpRMSNorm, nil, []Tensor{x, ri, g}, nil})
	for i := 0; i < 8; i++ {
		ss := 0.0
		for j := 0; j < 64; j++ {
			ss += float64(y.Data[i*64+j]) * float64(y.Data[i*64+j])
		}
		if rms := math.Sqrt(ss / 64); math.Abs(rms-1) > 1e-5 {
			t.Fatalf("row %d: RMS %v", i, rms)
		}
	}
}

// TestLMGradients: the backward operators are the gradients of the forward
// ones (central differences of the float64 forward, relative 1e-4):
// SiLUGrad of SiLU; RMSNormGradX (with c = RMSNormRowDot) and RMSNormGradG
// of RMSNorm(X, RMSInv(X), g) with eps = 0; SoftmaxGrad (with r = RowDot(P,
// dP)) of the scaled softmax; AttnApplyT (P^T dO) of AttnApply in V; and
// AttnApply with dO against the scores' probabilities P (dP = dO V^T per
// head) through AttnScores' Q and K: dQ = AttnApply(dS, K), dK =
// AttnApplyT(dS, Q).
func TestLMGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(85, 86))
	near := func(what string, got float32, want float64) {
		t.Helper()
		if math.Abs(float64(got)-want) > 1e-3*math.Max(1e-2, math.Abs(want)) {
			t.Fatalf("%s: %v, finite differences %v", what, got, want)
		}
	}
	// loss(Y) = sum(W .* Y) for a fixed random W: dL/dY = W.
	dot := func(w []float32, y []float64) float64 {
		s := 0.0
		for i, v := range y {
			s += float64(w[i]) * v
		}
		return s
	}
	grad := func(x Tensor, f func(Tensor) []float64, w []float32, i int) float64 {
		h := 1e-3 * math.Max(1, math.Abs(float64(x.Data[i])))
		return fdiff(x, f, w, i, h, dot)
	}
	// SiLU.
	x := randTensor(r, 3, 4, 5)
	dy := randTensor(r, 1, 4, 5)
	gs := runOp(t, CPU{}, opCase{OpSiLUGrad, nil, []Tensor{dy, x}, nil})
	for i := range x.Data {
		near("SiLUGrad", gs.Data[i], grad(x, func(x Tensor) []float64 { return ref64(OpSiLU, nil, []Tensor{x}) }, dy.Data, i))
	}
	// RMSNorm.
	m, n := 3, 6
	x = randTensor(r, 1, m, n)
	g := randTensor(r, 1, n)
	dy = randTensor(r, 1, m, n)
	eps := []uint32{0}
	fwd := func(x, g Tensor) []float64 {
		ri := ref64(OpRMSInv, eps, []Tensor{x})
		o := make([]float64, m*n)
		for e := range o {
			o[e] = float64(x.Data[e]) * ri[e/n] * float64(g.Data[e%n])
		}
		return o
	}
	ri := runOp(t, CPU{}, opCase{OpRMSInv, eps, []Tensor{x}, nil})
	c := runOp(t, CPU{}, opCase{OpRMSNormRowDot, nil, []Tensor{dy, x, g}, nil})
	dx := runOp(t, CPU{}, opCase{OpRMSNormGradX, nil, []Tensor{dy, x, ri, g, c}, nil})
	dg := runOp(t, CPU{}, opCase{OpRMSNormGradG, nil, []Tensor{dy, x, ri}, nil})
	for i := range x.Data {
		near("RMSNormGradX", dx.Data[i], grad(x, func(x Tensor) []float64 { return fwd(x, g) }, dy.Data, i))
	}
	for j := range g.Data {
		near("RMSNormGradG", dg.Data[j], grad(g, func(g Tensor) []float64 { return fwd(x, g) }, dy.Data, j))
	}
	// Scaled softmax over rows: P = softmax(scale * S).
	const scale = 0.35
	s := randTensor(r, 2, m, n)
	sm := func(s Tensor) []float64 {
		o := make([]float64, m*n)
		for i := 0; i < m; i++ {
			z := 0.0
			for j := 0; j < n; j++ {
				z += math.Exp(scale * float64(s.Data[i*n+j]))
			}
			for j := 0; j < n; j++ {
				o[i*n+j] = math.Exp(scale*float64(s.Data[i*n+j])) / z
			}
		}
		return o
	}
	p := NewTensor(m, n)
	for i, v := range sm(s) {
		p.Data[i] = float32(v)
	}
	dp := randTensor(r, 1, m, n)
	rd := runOp(t, CPU{}, opCase{OpRowDot, nil, []Tensor{p, dp}, nil})
	ds := runOp(t, CPU{}, opCase{OpSoftmaxGrad, []uint32{math.Float32bits(scale)}, []Tensor{p, dp, rd}, nil})
	for i := range s.Data {
		near("SoftmaxGrad", ds.Data[i], grad(s, sm, dp.Data, i))
	}
	// Attention: O = AttnApply(P, V); dV = AttnApplyT(P, dO). Scores
	// S = AttnScores(Q, K) (scale 1): dQ = AttnApply(dS, K), dK = AttnApplyT(dS, Q).
	const B, C, H, d = 2, 3, 2, 4
	P := randTensor(r, 0.5, B*H*C, C)
	V := randTensor(r, 1, B*C, d)
	dO := randTensor(r, 1, B*C, d)
	dV := runOp(t, CPU{}, opCase{OpAttnApplyT, []uint32{H}, []Tensor{P, dO}, nil})
	for i := range V.Data {
		near("AttnApplyT", dV.Data[i], grad(V, func(V Tensor) []float64 { return ref64(OpAttnApply, []uint32{H}, []Tensor{P, V}) }, dO.Data, i))
	}
	Q, K := randTensor(r, 1, B*C, d), randTensor(r, 1, B*C, d)
	dS := randTensor(r, 1, B*H*C, C)
	one := []uint32{H, C, math.Float32bits(1), 0}
	dQ := runOp(t, CPU{}, opCase{OpAttnApply, []uint32{H}, []Tensor{dS, K}, nil})
	dK := runOp(t, CPU{}, opCase{OpAttnApplyT, []uint32{H}, []Tensor{dS, Q}, nil})
	for i := range Q.Data {
		near("dQ", dQ.Data[i], grad(Q, func(Q Tensor) []float64 { return ref64(OpAttnScores, one, []Tensor{Q, K}) }, dS.Data, i))
		near("dK", dK.Data[i], grad(K, func(K Tensor) []float64 { return ref64(OpAttnScores, one, []Tensor{Q, K}) }, dS.Data, i))
	}
	// Embedding: the gradient of a row gather is EmbedGrad.
	const Vn = 5
	tab := randTensor(r, 1, Vn, d)
	tok := labels(r, B*C, Vn)
	dH := randTensor(r, 1, B*C, d)
	dT := runOp(t, CPU{}, opCase{OpEmbedGrad, []uint32{Vn}, []Tensor{dH, tok}, nil})
	for i := range tab.Data {
		near("EmbedGrad", dT.Data[i], grad(tab, func(tab Tensor) []float64 {
			o := make([]float64, B*C*d)
			for p, v := range tok.Data {
				for j := 0; j < d; j++ {
					o[p*d+j] = float64(tab.Data[int(v)*d+j])
				}
			}
			return o
		}, dH.Data, i))
	}
}

// fdiff is the central difference of dot(w, f(x)) in x[i], with x[i]
// moved by +-h in float32 (h is chosen so that both steps are exact enough
// for the 1e-3 tolerance).
func fdiff(x Tensor, f func(Tensor) []float64, w []float32, i int, h float64, dot func([]float32, []float64) float64) float64 {
	xp, xm := x.Clone(), x.Clone()
	xp.Data[i] = float32(float64(x.Data[i]) + h)
	xm.Data[i] = float32(float64(x.Data[i]) - h)
	return (dot(w, f(xp)) - dot(w, f(xm))) / (float64(xp.Data[i]) - float64(xm.Data[i]))
}

// TestLMScheduleAndClip pins LRSchedule's warm-up and decay and ClipScale.
func TestLMScheduleAndClip(t *testing.T) {
	f := math.Float32bits
	lr := float32(3e-4)
	sched := func(W, S, step int) float32 {
		span := S - W
		warm := uint32(0)
		if W > 0 {
			warm = f(float32(W))
		}
		o := runOp(t, CPU{}, opCase{OpLRSchedule, []uint32{f(lr), warm, f(float32(S)), f(float32(span))}, []Tensor{StepTensor(uint32(step))}, nil})
		return o.Data[0]
	}
	for _, c := range []struct {
		W, S, step int
		want       float64
	}{
		{10, 100, 0, 0.1}, {10, 100, 4, 0.5}, {10, 100, 9, 1}, {10, 100, 10, 1}, {10, 100, 55, 0.5},
		{10, 100, 99, 1.0 / 90}, {10, 100, 100, 0}, {10, 100, 1000, 0},
		{0, 100, 0, 1}, {0, 100, 50, 0.5}, {0, 100, 100, 0},
	} {
		got := sched(c.W, c.S, c.step)
		if math.Abs(float64(got)-c.want*float64(lr)) > 1e-6*float64(lr) || math.Signbit(float64(got)) {
			t.Errorf("W %d S %d step %d: %v, want %v", c.W, c.S, c.step, got, c.want*float64(lr))
		}
	}
	for _, c := range []struct{ ss, max, want float64 }{{16, 1, 0.25}, {0.25, 1, 1}, {0, 1, 1}, {4, 0.5, 0.25}, {1e10, 1, 1e-5}} {
		o := runOp(t, CPU{}, opCase{OpClipScale, []uint32{f(float32(c.max))}, []Tensor{scalar(float32(c.ss))}, nil})
		if math.Abs(float64(o.Data[0])-c.want) > 1e-5*c.want {
			t.Errorf("ClipScale(%v, max %v) = %v, want %v", c.ss, c.max, o.Data[0], c.want)
		}
	}
}
