package repops

import "math"

// A float64 reference of the transformer of BuildLMStep: the same model,
// loss, backward pass, clipping and AdamW step, written independently with
// plain float64 loops (no RepOps operator, no shared code with the graph
// builder beyond the parameter layout).

func lmrMatMul(a, b []float64, m, k, n int) []float64 {
	o := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for t := 0; t < k; t++ {
			for j := 0; j < n; j++ {
				o[i*n+j] += a[i*k+t] * b[t*n+j]
			}
		}
	}
	return o
}

// lmrMatMulTN returns a^T b for a [k,m], b [k,n].
func lmrMatMulTN(a, b []float64, k, m, n int) []float64 {
	o := make([]float64, m*n)
	for t := 0; t < k; t++ {
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				o[i*n+j] += a[t*m+i] * b[t*n+j]
			}
		}
	}
	return o
}

// lmrMatMulNT returns a b^T for a [m,k], b [n,k].
func lmrMatMulNT(a, b []float64, m, k, n int) []float64 {
	o := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for t := 0; t < k; t++ {
				s += a[i*k+t] * b[j*k+t]
			}
			o[i*n+j] = s
		}
	}
	return o
}

func lmrAdd(a, b []float64) []float64 {
	o := make([]float64, len(a))
	for i := range a {
		o[i] = a[i] + b[i]
	}
	return o
}

func lmrRMS(x, g []float64, n int, eps float64) (y, r []float64) {
	m := len(x) / n
	y, r = make([]float64, len(x)), make([]float64, m)
	for i := 0; i < m; i++ {
		s := 0.0
		for j := 0; j < n; j++ {
			s += x[i*n+j] * x[i*n+j]
		}
		r[i] = 1 / math.Sqrt(s/float64(n)+eps)
		for j := 0; j < n; j++ {
			y[i*n+j] = x[i*n+j] * r[i] * g[j]
		}
	}
	return y, r
}

func lmrRMSBack(dy, x, r, g []float64, n int) (dx, dg []float64) {
	m := len(x) / n
	dx, dg = make([]float64, len(x)), make([]float64, n)
	for i := 0; i < m; i++ {
		c := 0.0
		for j := 0; j < n; j++ {
			c += dy[i*n+j] * g[j] * x[i*n+j]
			dg[j] += dy[i*n+j] * x[i*n+j] * r[i]
		}
		for j := 0; j < n; j++ {
			dx[i*n+j] = r[i]*dy[i*n+j]*g[j] - x[i*n+j]*c*r[i]*r[i]*r[i]/float64(n)
		}
	}
	return dx, dg
}

type lmrDims struct{ B, C, H, d, dh int }

// lmrAttn returns the causal attention output o [M,d] and the
// probabilities p [B,H,C,C].
func lmrAttn(q, k, v []float64, D lmrDims, scale float64) (o, p []float64) {
	d, dh, C := D.d, D.dh, D.C
	o, p = make([]float64, len(q)), make([]float64, D.B*D.H*C*C)
	for b := 0; b < D.B; b++ {
		for h := 0; h < D.H; h++ {
			for i := 0; i < C; i++ {
				row := p[((b*D.H+h)*C+i)*C:][:C]
				mx := math.Inf(-1)
				for j := 0; j <= i; j++ {
					s := 0.0
					for t := 0; t < dh; t++ {
						s += q[(b*C+i)*d+h*dh+t] * k[(b*C+j)*d+h*dh+t]
					}
					row[j] = s * scale
					mx = math.Max(mx, row[j])
				}
				z := 0.0
				for j := 0; j <= i; j++ {
					row[j] = math.Exp(row[j] - mx)
					z += row[j]
				}
				for j := 0; j <= i; j++ {
					row[j] /= z
					for t := 0; t < dh; t++ {
						o[(b*C+i)*d+h*dh+t] += row[j] * v[(b*C+j)*d+h*dh+t]
					}
				}
			}
		}
	}
	return o, p
}

func lmrAttnBack(do, q, k, v, p []float64, D lmrDims, scale float64) (dq, dk, dv []float64) {
	d, dh, C := D.d, D.dh, D.C
	dq, dk, dv = make([]float64, len(q)), make([]float64, len(q)), make([]float64, len(q))
	for b := 0; b < D.B; b++ {
		for h := 0; h < D.H; h++ {
			for i := 0; i < C; i++ {
				row := p[((b*D.H+h)*C+i)*C:][:C]
				dp := make([]float64, C)
				rdot := 0.0
				for j := 0; j <= i; j++ {
					for t := 0; t < dh; t++ {
						dp[j] += do[(b*C+i)*d+h*dh+t] * v[(b*C+j)*d+h*dh+t]
						dv[(b*C+j)*d+h*dh+t] += row[j] * do[(b*C+i)*d+h*dh+t]
					}
					rdot += row[j] * dp[j]
				}
				for j := 0; j <= i; j++ {
					ds := row[j] * (dp[j] - rdot) * scale
					for t := 0; t < dh; t++ {
						dq[(b*C+i)*d+h*dh+t] += ds * k[(b*C+j)*d+h*dh+t]
						dk[(b*C+j)*d+h*dh+t] += ds * q[(b*C+i)*d+h*dh+t]
					}
				}
			}
		}
	}
	return dq, dk, dv
}

func lmrSigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// lmrLM computes the mean next-token loss of the model with parameters
// params (state order) on input tokens x and targets y (B windows of C)
// and, if grad, the gradient of every parameter tensor.
func lmrLM(c LMConfig, params [][]float64, x, y []int, grad bool) (float64, [][]float64) {
	ly := lmLayout{c.Layers}
	L, d, f, V, C := c.Layers, c.Width, c.MLPWidth, c.Vocab, c.Context
	M := len(x)
	D := lmrDims{B: M / C, C: C, H: c.Heads, d: d, dh: d / c.Heads}
	scale := 1 / math.Sqrt(float64(D.dh))
	eps := float64(c.NormEps)
	h := make([][]float64, L+1)
	h[0] = make([]float64, M*d)
	for i := 0; i < M; i++ {
		for j := 0; j < d; j++ {
			h[0][i*d+j] = params[ly.E()][x[i]*d+j] + params[ly.P()][(i%C)*d+j]
		}
	}
	r1, a, q, k, v, p, o := make([][]float64, L+1), make([][]float64, L+1), make([][]float64, L+1),
		make([][]float64, L+1), make([][]float64, L+1), make([][]float64, L+1), make([][]float64, L+1)
	h1, r2, bn, u, z := make([][]float64, L+1), make([][]float64, L+1), make([][]float64, L+1),
		make([][]float64, L+1), make([][]float64, L+1)
	for l := 1; l <= L; l++ {
		a[l], r1[l] = lmrRMS(h[l-1], params[ly.G1(l)], d, eps)
		q[l] = lmrMatMul(a[l], params[ly.Wq(l)], M, d, d)
		k[l] = lmrMatMul(a[l], params[ly.Wk(l)], M, d, d)
		v[l] = lmrMatMul(a[l], params[ly.Wv(l)], M, d, d)
		o[l], p[l] = lmrAttn(q[l], k[l], v[l], D, scale)
		h1[l] = lmrAdd(h[l-1], lmrMatMul(o[l], params[ly.Wo(l)], M, d, d))
		bn[l], r2[l] = lmrRMS(h1[l], params[ly.G2(l)], d, eps)
		u[l] = lmrMatMul(bn[l], params[ly.W1(l)], M, d, f)
		z[l] = make([]float64, len(u[l]))
		for i, ui := range u[l] {
			z[l][i] = ui * lmrSigmoid(ui)
		}
		h[l] = lmrAdd(h1[l], lmrMatMul(z[l], params[ly.W2(l)], M, f, d))
	}
	hf, rf := lmrRMS(h[L], params[ly.Gf()], d, eps)
	var logits []float64
	if c.Tied {
		logits = lmrMatMulNT(hf, params[ly.E()], M, d, V)
	} else {
		logits = lmrMatMul(hf, params[ly.Wout()], M, d, V)
	}
	loss := 0.0
	dlogits := make([]float64, M*V)
	for i := 0; i < M; i++ {
		row := logits[i*V : i*V+V]
		mx := math.Inf(-1)
		for _, l := range row {
			mx = math.Max(mx, l)
		}
		s := 0.0
		for _, l := range row {
			s += math.Exp(l - mx)
		}
		lse := mx + math.Log(s)
		loss += lse - row[y[i]]
		for j, l := range row {
			dlogits[i*V+j] = math.Exp(l-lse) / float64(M)
		}
		dlogits[i*V+y[i]] -= 1 / float64(M)
	}
	loss /= float64(M)
	if !grad {
		return loss, nil
	}
	grads := make([][]float64, lmNumParams(c))
	var dhf []float64
	if c.Tied {
		dhf = lmrMatMul(dlogits, params[ly.E()], M, V, d)
	} else {
		grads[ly.Wout()] = lmrMatMulTN(hf, dlogits, M, d, V)
		dhf = lmrMatMulNT(dlogits, params[ly.Wout()], M, V, d)
	}
	dh, dgf := lmrRMSBack(dhf, h[L], rf, params[ly.Gf()], d)
	grads[ly.Gf()] = dgf
	for l := L; l >= 1; l-- {
		grads[ly.W2(l)] = lmrMatMulTN(z[l], dh, M, f, d)
		dz := lmrMatMulNT(dh, params[ly.W2(l)], M, d, f)
		du := make([]float64, len(dz))
		for i, ui := range u[l] {
			s := lmrSigmoid(ui)
			du[i] = dz[i] * s * (1 + ui*(1-s))
		}
		grads[ly.W1(l)] = lmrMatMulTN(bn[l], du, M, d, f)
		dbn := lmrMatMulNT(du, params[ly.W1(l)], M, f, d)
		dx2, dg2 := lmrRMSBack(dbn, h1[l], r2[l], params[ly.G2(l)], d)
		grads[ly.G2(l)] = dg2
		dh1 := lmrAdd(dh, dx2)
		grads[ly.Wo(l)] = lmrMatMulTN(o[l], dh1, M, d, d)
		do := lmrMatMulNT(dh1, params[ly.Wo(l)], M, d, d)
		dq, dk, dv := lmrAttnBack(do, q[l], k[l], v[l], p[l], D, scale)
		grads[ly.Wq(l)] = lmrMatMulTN(a[l], dq, M, d, d)
		grads[ly.Wk(l)] = lmrMatMulTN(a[l], dk, M, d, d)
		grads[ly.Wv(l)] = lmrMatMulTN(a[l], dv, M, d, d)
		da := lmrAdd(lmrAdd(lmrMatMulNT(dq, params[ly.Wq(l)], M, d, d), lmrMatMulNT(dk, params[ly.Wk(l)], M, d, d)),
			lmrMatMulNT(dv, params[ly.Wv(l)], M, d, d))
		dx1, dg1 := lmrRMSBack(da, h[l-1], r1[l], params[ly.G1(l)], d)
		grads[ly.G1(l)] = dg1
		dh = lmrAdd(dh1, dx1)
	}
	dP := make([]float64, C*d)
	dE := make([]float64, V*d)
	if c.Tied {
		dE = lmrMatMulTN(dlogits, hf, M, V, d)
	}
	for i := 0; i < M; i++ {
		for j := 0; j < d; j++ {
			dP[(i%C)*d+j] += dh[i*d+j]
			dE[x[i]*d+j] += dh[i*d+j]
		}
	}
	grads[ly.P()], grads[ly.E()] = dP, dE
	return loss, grads
}

// lmrAdamW applies one clipped AdamW step at step t (0-based) to the
// parameters with gradients grads, from zero moments and beta powers 1.
// It returns the new parameters, moments and the clip scale.
func lmrAdamW(c LMConfig, params, grads [][]float64, t int) (np, m, v [][]float64, clip float64) {
	clip = 1
	if c.GradClip > 0 {
		ss := 0.0
		for _, g := range grads {
			for _, x := range g {
				ss += x * x
			}
		}
		clip = math.Min(float64(c.GradClip)/(math.Sqrt(ss)+1e-6), 1)
	}
	b1, b2 := float64(c.Beta1), float64(c.Beta2)
	b1t, b2t := math.Pow(b1, float64(t+1)), math.Pow(b2, float64(t+1))
	lr := float64(c.LR) * math.Max(0, math.Min(float64(t+1)/float64(c.Warmup), float64(c.Steps-t)/float64(c.Steps-c.Warmup)))
	gains := lmParams(c)
	for i, p := range params {
		wd := float64(c.WeightDecay)
		if gains[i].isGain {
			wd = 0
		}
		pi, mi, vi := make([]float64, len(p)), make([]float64, len(p)), make([]float64, len(p))
		for e, x := range p {
			g := grads[i][e] * clip
			mi[e] = (1 - b1) * g
			vi[e] = (1 - b2) * g * g
			pi[e] = x - lr*wd*x - lr*(mi[e]/(1-b1t))/(math.Sqrt(vi[e]/(1-b2t))+float64(c.Eps))
		}
		np, m, v = append(np, pi), append(m, mi), append(v, vi)
	}
	return np, m, v, clip
}
