package repops

import (
	"math"
	"sync"
	"sync/atomic"
)

// CPU kernels of the transformer operators (issue #13). Like fast.go, each
// computes exactly the bits of its element program (the interpreter is the
// reference; fast_lm_test.go compares the two): every product is written
// float32(x*y) so that it is never fused into an FMA, every sequential sum
// adds its terms in the program's order starting from -0 (ADD(-0, x) = x,
// so the first term is stored as it is), and NaNs are canonicalized where
// a value is stored (in a chain of ADD, SUB, MUL, DIV and SQRT a NaN operand
// always gives a NaN result, and comparisons ignore the payload).

// cpuKernelLM computes a transformer operator (shapes checked).
func cpuKernelLM(op OpKind, attrs []uint32, in []Tensor, out Tensor) error {
	o := out.Data
	switch op {
	case OpWindowIndex:
		C, off := int(attrs[0]), int(attrs[1])
		for b, s := range in[0].Data {
			row := o[b*C : b*C+C]
			for p := range row {
				row[p] = canonStore(float32(s + float32(p+off)))
			}
		}
	case OpAdd:
		x, y := in[0].Data, in[1].Data
		o = o[:len(x)]
		y = y[:len(x)]
		for i, xi := range x {
			o[i] = canonStore(float32(xi + y[i]))
		}
	case OpPosAdd:
		m, n, R := in[0].Shape[0], in[0].Shape[1], in[1].Shape[0]
		x, pos := in[0].Data, in[1].Data
		for i := 0; i < m; i++ {
			xr, pr, or := x[i*n:i*n+n], pos[(i%R)*n:(i%R)*n+n], o[i*n:i*n+n]
			for j, v := range xr {
				or[j] = canonStore(float32(v + pr[j]))
			}
		}
	case OpRowGroupSum:
		m, n, R := in[0].Shape[0], in[0].Shape[1], int(attrs[0])
		x, w := in[0].Data, R*n
		o = o[:w]
		copy(o, x[:w])
		for b := 1; b < m/R; b++ {
			blk := x[b*w : b*w+w]
			for k, v := range blk {
				o[k] += v
			}
		}
		canonSlice(o)
	case OpAttnScores, OpAttnApply, OpAttnApplyT:
		return attention(op, attrs, in, o)
	case OpSoftmaxRow, OpSiLU, OpSiLUGrad:
		expElementwise(op, in, o)
	case OpRowDot:
		n := in[0].Shape[1]
		x, y := in[0].Data, in[1].Data
		for i := range o {
			xr, yr := x[i*n:i*n+n], y[i*n:i*n+n]
			acc := math.Float32frombits(negZero)
			for t, v := range xr {
				acc += float32(v * yr[t])
			}
			o[i] = canonStore(acc)
		}
	case OpSoftmaxGrad:
		n := in[0].Shape[1]
		p, dp, r, scale := in[0].Data, in[1].Data, in[2].Data, f32(attrs[0])
		for i, ri := range r {
			pr, dr, or := p[i*n:i*n+n], dp[i*n:i*n+n], o[i*n:i*n+n]
			for j, v := range dr {
				or[j] = canonStore(float32(float32(pr[j]*float32(v-ri)) * scale))
			}
		}
	case OpRMSInv:
		n := in[0].Shape[1]
		x, fn, eps := in[0].Data, float32(n), f32(attrs[0])
		for i := range o {
			acc := math.Float32frombits(negZero)
			for _, v := range x[i*n : i*n+n] {
				acc += float32(v * v)
			}
			s := float32(float32(acc/fn) + eps)
			s = float32(math.Sqrt(float64(s)))
			o[i] = canonStore(float32(1 / s))
		}
	case OpRMSNorm:
		n := in[0].Shape[1]
		x, r, g := in[0].Data, in[1].Data, in[2].Data
		g = g[:n]
		for i, ri := range r {
			xr, or := x[i*n:i*n+n], o[i*n:i*n+n]
			for j, v := range xr {
				or[j] = canonStore(float32(float32(v*ri) * g[j]))
			}
		}
	case OpRMSNormRowDot:
		n := in[0].Shape[1]
		dy, x, g := in[0].Data, in[1].Data, in[2].Data
		g = g[:n]
		for i := range o {
			dr, xr := dy[i*n:i*n+n], x[i*n:i*n+n]
			acc := math.Float32frombits(negZero)
			for t, v := range dr {
				acc += float32(float32(v*g[t]) * xr[t])
			}
			o[i] = canonStore(acc)
		}
	case OpRMSNormGradX:
		n := in[0].Shape[1]
		dy, x, r, g, c := in[0].Data, in[1].Data, in[2].Data, in[3].Data, in[4].Data
		g, fn := g[:n], float32(n)
		for i, ri := range r {
			r3 := float32(float32(ri*ri) * ri)
			k := float32(float32(c[i]*r3) / fn)
			dr, xr, or := dy[i*n:i*n+n], x[i*n:i*n+n], o[i*n:i*n+n]
			for j, v := range dr {
				or[j] = canonStore(float32(float32(float32(v*g[j])*ri) - float32(xr[j]*k)))
			}
		}
	case OpRMSNormGradG:
		m, n := in[0].Shape[0], in[0].Shape[1]
		dy, x, r := in[0].Data, in[1].Data, in[2].Data
		o = o[:n]
		for i := 0; i < m; i++ {
			dr, xr, ri := dy[i*n:i*n+n], x[i*n:i*n+n], r[i]
			if i == 0 {
				for j, v := range dr {
					o[j] = float32(float32(v*xr[j]) * ri)
				}
				continue
			}
			for j, v := range dr {
				o[j] += float32(float32(v*xr[j]) * ri)
			}
		}
		canonSlice(o)
	case OpEmbedGrad:
		embedGrad(o, in[0].Data, in[1].Data, int(attrs[0]), in[0].Shape[1])
	case OpAdamWParam:
		p, m, v := in[0].Data, in[1].Data, in[2].Data
		c1, c2 := Sub(1, in[3].Data[0]), Sub(1, in[4].Data[0])
		lr, eps := in[5].Data[0], in[6].Data[0]
		lw := Mul(lr, in[7].Data[0])
		o, m, v = o[:len(p)], m[:len(p)], v[:len(p)]
		for e, pe := range p {
			mh := float32(m[e] / c1)
			s := float32(float32(math.Sqrt(float64(float32(v[e]/c2)))) + eps)
			u := float32(float32(lr*mh) / s)
			o[e] = canonStore(float32(float32(pe-float32(lw*pe)) - u))
		}
	case OpLRSchedule:
		t := Exec(U2F, math.Float32bits(in[0].Data[0]), 0, 0)
		w := Exec(DIV, Exec(ADD, t, f32One, 0), attrs[1], 0)
		d := Exec(DIV, Exec(SUB, attrs[2], t, 0), attrs[3], 0)
		x := Exec(MAX, Exec(MIN, w, d, 0), 0, 0)
		o[0] = f32(Exec(MUL, x, attrs[0], 0))
	case OpSumSq:
		acc := math.Float32frombits(negZero)
		for _, v := range in[0].Data {
			acc += float32(v * v)
		}
		o[0] = canonStore(acc)
	case OpClipScale:
		s := Exec(SQRT, math.Float32bits(in[0].Data[0]), 0, 0)
		s = Exec(ADD, s, clipEps, 0)
		s = Exec(DIV, attrs[0], s, 0)
		o[0] = f32(Exec(MIN, s, f32One, 0))
	case OpScaleBy:
		x, s := in[0].Data, in[1].Data[0]
		o = o[:len(x)]
		for i, v := range x {
			o[i] = canonStore(float32(v * s))
		}
	default:
		return Interp{}.Run(op, attrs, in, out)
	}
	return nil
}

// softmaxRange computes elements [lo, hi) of OpSoftmaxRow: exp(s - lse[row]).
func softmaxRange(o, s, lse []float32, n, lo, hi int) {
	for lo < hi {
		i := lo / n
		end := min(hi, i*n+n)
		expSub(o[lo:end], s[lo:end], lse[i], false)
		lo = end
	}
}

// expJob is SoftmaxRow, SiLU or SiLUGrad over chunks of elements (each
// element is computed alone, so any split gives the same bits).
type expJob struct {
	op  OpKind
	in  []Tensor
	o   []float32
	par parTask
}

func (j *expJob) runChunk(lo, hi int) {
	switch j.op {
	case OpSoftmaxRow:
		softmaxRange(j.o, j.in[0].Data, j.in[1].Data, j.in[0].Shape[1], lo, hi)
	case OpSiLU:
		silu(j.o[lo:hi], j.in[0].Data[lo:hi])
	case OpSiLUGrad:
		siluGrad(j.o[lo:hi], j.in[0].Data[lo:hi], j.in[1].Data[lo:hi])
	}
}

var expFree struct {
	sync.Mutex
	list []*expJob
}

// expElementwise runs an exp-based element-wise operator, split across
// Threads() threads of the pool when it has at least two chunks of
// parGrain elements (parallelFor).
func expElementwise(op OpKind, in []Tensor, o []float32) {
	n := len(in[0].Data)
	if n < 2*parGrain {
		(&expJob{op: op, in: in, o: o}).runChunk(0, n)
		return
	}
	expFree.Lock()
	var j *expJob
	if k := len(expFree.list); k > 0 {
		j = expFree.list[k-1]
		expFree.list = expFree.list[:k-1]
	} else {
		j = new(expJob)
	}
	expFree.Unlock()
	j.op, j.in, j.o = op, in, o
	parallelFor(&j.par, j, n, Threads())
	j.in, j.o = nil, nil
	expFree.Lock()
	expFree.list = append(expFree.list, j)
	expFree.Unlock()
}

// expChunk is the number of exp values computed into a stack buffer at a
// time by the operators that cannot write them into their output (it may
// be one of their inputs).
const expChunk = 256

// silu computes OpSiLU: x / (1 + exp(-x)). (NEG gives the canonical NaN
// for a NaN, and exp the canonical NaN for any NaN: the same.)
func silu(o, x []float32) {
	n := len(x)
	o = o[:n]
	var buf [expChunk]float32
	for t := 0; t < n; t += expChunk {
		e := buf[:min(expChunk, n-t)]
		xs, os := x[t:t+len(e)], o[t:t+len(e)]
		expSub(e, xs, 0, true)
		for j, v := range xs {
			os[j] = canonStore(float32(v / float32(1+e[j])))
		}
	}
}

// siluGrad computes OpSiLUGrad: dy * (s * (1 + x*(1 - s))), s = 1/(1 + exp(-x)).
func siluGrad(o, dy, x []float32) {
	n := len(x)
	o, dy = o[:n], dy[:n]
	var buf [expChunk]float32
	for t := 0; t < n; t += expChunk {
		e := buf[:min(expChunk, n-t)]
		xs, ds, os := x[t:t+len(e)], dy[t:t+len(e)], o[t:t+len(e)]
		expSub(e, xs, 0, true)
		for j, xt := range xs {
			s := float32(1 / float32(1+e[j]))
			w := float32(s * float32(1+float32(xt*float32(1-s))))
			os[j] = canonStore(float32(ds[j] * w))
		}
	}
}

// embedGrad computes OpEmbedGrad: row v of o [V,d] is, per column j, the
// sequential sum over positions p of (tok[p] == v ? dh[p,j] : +0), as a
// scatter-add in position order. Adding +0 leaves every accumulator
// unchanged except -0, which becomes +0; an accumulator is -0 only while
// every term added so far was -0, so only the row of tok[0] can hold -0 and
// only until the first position of another token, where it is fixed up.
// Every other row starts at +0 (ADD(-0, +0) at position 0).
func embedGrad(o, dh, tok []float32, V, d int) {
	for i := range o {
		o[i] = 0
	}
	M := len(tok)
	fv := float32(V)
	row := func(t float32) int {
		// EQ(t, f(v)) for the one v it can hold (an integer in [0, V); -0 is 0).
		if t >= 0 && t < fv && t == float32(int32(t)) {
			return int(t)
		}
		return -1
	}
	p := 1
	if v0 := row(tok[0]); v0 >= 0 {
		or := o[v0*d : v0*d+d]
		copy(or, dh[:d])
		for ; p < M && row(tok[p]) == v0; p++ {
			for j, x := range dh[p*d : p*d+d] {
				or[j] += x
			}
		}
		if p < M { // position p adds +0 to row v0
			for j, x := range or {
				or[j] = float32(x + 0)
			}
		}
	}
	for ; p < M; p++ {
		if v := row(tok[p]); v >= 0 {
			or := o[v*d : v*d+d]
			for j, x := range dh[p*d : p*d+d] {
				or[j] += x
			}
		}
	}
	canonSlice(o)
}

// attnTask is one attention operator split by (window, head) groups
// across the worker pool. Each group is one small matrix product computed
// by MatMul's kernels on one thread (matMul): the group's columns of Q, K,
// V or X are copied into contiguous scratch (the probabilities of a group
// already are a contiguous [C, C] block), and the product's element is the
// same sequential sum from -0 as the operator's program. A free list keeps
// the tasks and their scratch, so a call allocates nothing in the steady
// state.
type attnTask struct {
	op     OpKind
	a      attnDims
	kern   *microKernel
	x, y   []float32
	o      []float32
	scale  float32
	causal bool
	scr    [][]float32 // per thread: 2*C*dh + C*C words
	next   atomic.Int64
	slot   atomic.Int64
	wg     sync.WaitGroup
}

var attnFree struct {
	sync.Mutex
	list []*attnTask
}

func (t *attnTask) done() { t.wg.Done() }

func (t *attnTask) work() {
	scr := t.scr[int(t.slot.Add(1))-1]
	n := t.a.B * t.a.H
	for {
		g := int(t.next.Add(1)) - 1
		if g >= n {
			return
		}
		t.group(g, scr)
	}
}

// attention computes AttnScores, AttnApply or AttnApplyT into o, one
// (window, head) group at a time; groups write disjoint parts of o, and
// large operators split them across Threads() threads.
func attention(op OpKind, attrs []uint32, in []Tensor, o []float32) error {
	if err := CheckEnv(); err != nil { // a bad GENSYN_REPOPS_KERNEL or _THREADS
		return err
	}
	kern, threads := current()
	attnFree.Lock()
	var t *attnTask
	if n := len(attnFree.list); n > 0 {
		t = attnFree.list[n-1]
		attnFree.list = attnFree.list[:n-1]
	} else {
		t = new(attnTask)
	}
	attnFree.Unlock()
	t.op, t.a, t.kern = op, attnDimsOf2(op, attrs, in[0].Shape, in[1].Shape), kern
	t.x, t.y, t.o = in[0].Data, in[1].Data, o
	if op == OpAttnScores {
		t.scale, t.causal = f32(attrs[2]), attrs[3] == 1
	}
	groups := t.a.B * t.a.H
	work := int64(groups) * int64(t.a.C) * int64(t.a.C) * int64(t.a.dh)
	threads = min(threads, groups, MaxThreads)
	if work < parallelMin.Load() {
		threads = 1
	}
	for len(t.scr) < threads {
		t.scr = append(t.scr, nil)
	}
	need := 2*t.a.C*t.a.dh + t.a.C*t.a.C
	for i := 0; i < threads; i++ {
		t.scr[i] = grow(t.scr[i], need)
	}
	t.next.Store(0)
	t.slot.Store(0)
	if threads <= 1 {
		t.work()
	} else {
		runOnPool(t, &t.wg, threads)
	}
	t.x, t.y, t.o = nil, nil, nil
	attnFree.Lock()
	attnFree.list = append(attnFree.list, t)
	attnFree.Unlock()
	return nil
}

// group computes the outputs of group g = b*H + h with scratch scr.
func (t *attnTask) group(g int, scr []float32) {
	a := t.a
	b, h := g/a.H, g%a.H
	C, d, dh := a.C, a.d, a.dh
	col := h * dh
	// gather copies the group's columns of rows b*C.. of x into dst [C, dh].
	gather := func(dst, x []float32) {
		for i := 0; i < C; i++ {
			copy(dst[i*dh:i*dh+dh], x[(b*C+i)*d+col:(b*C+i)*d+col+dh])
		}
	}
	u, v, w := scr[:C*dh], scr[C*dh:2*C*dh], scr[2*C*dh:2*C*dh+C*C]
	switch t.op {
	case OpAttnScores:
		// S[i, j] = (sum over t of Q[b*C+i, col+t] * K[b*C+j, col+t]) * scale.
		gather(u, t.x)
		gather(v, t.y)
		matMul(t.kern, 1, FormNT, w, u, v, C, dh, C)
		for i := 0; i < C; i++ {
			row, src := t.o[(g*C+i)*C:(g*C+i)*C+C], w[i*C:i*C+C]
			jn := C
			if t.causal {
				jn = i + 1
				for j := jn; j < C; j++ {
					row[j] = math.Float32frombits(f32NegInf)
				}
			}
			for j, s := range src[:jn] {
				row[j] = canonStore(float32(s * t.scale))
			}
		}
		return
	case OpAttnApply:
		// O[b*C+i, col+c] = sum over j of P[g*C+i, j] * V[b*C+j, col+c].
		gather(u, t.y)
		matMul(t.kern, 1, FormNN, v, t.x[g*C*C:g*C*C+C*C], u, C, C, dh)
	case OpAttnApplyT:
		// O[b*C+j, col+c] = sum over i of P[g*C+i, j] * X[b*C+i, col+c].
		gather(u, t.y)
		matMul(t.kern, 1, FormTN, v, t.x[g*C*C:g*C*C+C*C], u, C, C, dh)
	}
	for i := 0; i < C; i++ { // scatter the [C, dh] result
		copy(t.o[(b*C+i)*d+col:(b*C+i)*d+col+dh], v[i*dh:i*dh+dh])
	}
}

// adamWFused runs AdamMoment (power 1), AdamMoment (power 2) and
// AdamWParam on every element in one pass: mo = beta1*m + (1-beta1)*g,
// vo = beta2*v + ((1-beta2)*g)*g, po = (p - (lr*wd)*p) - (lr*(mo/c1)) /
// (SQRT(vo/c2) + eps) with c1 = 1-beta1^t, c2 = 1-beta2^t. Outputs may be
// their own state inputs: every element is read before it is written.
func adamWFused(po, mo, vo, p, m, v, g []float32, b1, b2, b1t, b2t, lr, eps, wd float32) {
	omb1, omb2 := Sub(1, b1), Sub(1, b2)
	c1, c2 := Sub(1, b1t), Sub(1, b2t)
	lw := Mul(lr, wd)
	n := len(g)
	po, mo, vo, p, m, v = po[:n], mo[:n], vo[:n], p[:n], m[:n], v[:n]
	for i, gi := range g {
		mm := float32(float32(b1*m[i]) + float32(omb1*gi))
		vv := float32(float32(b2*v[i]) + float32(float32(omb2*gi)*gi))
		mh := float32(mm / c1)
		s := float32(float32(math.Sqrt(float64(float32(vv/c2)))) + eps)
		u := float32(float32(lr*mh) / s)
		pi := p[i]
		pp := float32(float32(pi-float32(lw*pi)) - u)
		mo[i], vo[i], po[i] = canonStore(mm), canonStore(vv), canonStore(pp)
	}
}

// adamWJob is adamWFused over chunks.
type adamWJob struct {
	po, mo, vo, p, m, v, g        []float32
	b1, b2, b1t, b2t, lr, eps, wd float32
}

func (j *adamWJob) runChunk(lo, hi int) {
	adamWFused(j.po[lo:hi], j.mo[lo:hi], j.vo[lo:hi], j.p[lo:hi], j.m[lo:hi], j.v[lo:hi], j.g[lo:hi],
		j.b1, j.b2, j.b1t, j.b2t, j.lr, j.eps, j.wd)
}
