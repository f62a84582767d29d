package repops

import "fmt"

// Operators of the decoder-only transformer language model (docs/repops.md
// section 5; issue #13). Input slots and attributes are listed per
// operator.
const (
	OpWindowIndex   OpKind = 0x14 // starts[B]; attrs C, offset -> starts[b] + (p + offset) [B*C]
	OpAdd           OpKind = 0x15 // X, Y (same shape) -> X + Y
	OpPosAdd        OpKind = 0x16 // X[m,n], P[R,n] -> X + P[i mod R] (row i)
	OpRowGroupSum   OpKind = 0x17 // X[m,n]; attr R -> [R,n], row r = sum over b of X[b*R + r]
	OpAttnScores    OpKind = 0x18 // Q[M,d], K[M,d]; attrs H, C, scale, causal -> [B*H*C, C]
	OpAttnApply     OpKind = 0x19 // P[B*H*C, C], V[M,d]; attr H -> [M,d]
	OpAttnApplyT    OpKind = 0x1A // P[B*H*C, C], X[M,d]; attr H -> [M,d] (P transposed per head)
	OpSoftmaxRow    OpKind = 0x1B // S[m,n], lse[m] -> exp(S - lse)
	OpRowDot        OpKind = 0x1C // X[m,n], Y[m,n] -> row dot products [m]
	OpSoftmaxGrad   OpKind = 0x1D // P, dP [m,n], r[m]; attr scale -> P*(dP - r)*scale
	OpRMSInv        OpKind = 0x1E // X[m,n]; attr eps -> 1/sqrt(mean(X^2) + eps) [m]
	OpRMSNorm       OpKind = 0x1F // X[m,n], r[m], g[n] -> X*r*g
	OpRMSNormRowDot OpKind = 0x20 // dY[m,n], X[m,n], g[n] -> sum_j dY*g*X [m]
	OpRMSNormGradX  OpKind = 0x21 // dY, X [m,n], r[m], g[n], c[m] -> dX
	OpRMSNormGradG  OpKind = 0x22 // dY, X [m,n], r[m] -> dg [n]
	OpSiLU          OpKind = 0x23 // X -> X*sigmoid(X)
	OpSiLUGrad      OpKind = 0x24 // dY, X -> dY * SiLU'(X)
	OpEmbedGrad     OpKind = 0x25 // dH[M,d], tok[M]; attr V -> [V,d] (scatter-add as ordered sums)
	OpAdamWParam    OpKind = 0x26 // p, m', v', b1t'[1], b2t'[1], lr[1], eps, wd (const) -> AdamW update
	OpLRSchedule    OpKind = 0x27 // step[1] (integer word); attrs lr, warm, total, span -> lr_t [1]
	OpSumSq         OpKind = 0x28 // X -> sum of squares [1]
	OpClipScale     OpKind = 0x29 // ss[1]; attr maxNorm -> min(maxNorm/(sqrt(ss)+1e-6), 1) [1]
	OpScaleBy       OpKind = 0x2A // X, s[1] -> X*s
)

var lmOpNames = map[OpKind]string{
	OpWindowIndex: "WindowIndex", OpAdd: "Add", OpPosAdd: "PosAdd", OpRowGroupSum: "RowGroupSum",
	OpAttnScores: "AttnScores", OpAttnApply: "AttnApply", OpAttnApplyT: "AttnApplyT",
	OpSoftmaxRow: "SoftmaxRow", OpRowDot: "RowDot", OpSoftmaxGrad: "SoftmaxGrad",
	OpRMSInv: "RMSInv", OpRMSNorm: "RMSNorm", OpRMSNormRowDot: "RMSNormRowDot",
	OpRMSNormGradX: "RMSNormGradX", OpRMSNormGradG: "RMSNormGradG", OpSiLU: "SiLU",
	OpSiLUGrad: "SiLUGrad", OpEmbedGrad: "EmbedGrad", OpAdamWParam: "AdamWParam",
	OpLRSchedule: "LRSchedule", OpSumSq: "SumSq", OpClipScale: "ClipScale", OpScaleBy: "ScaleBy",
}

func init() {
	for k, v := range lmOpNames {
		opNames[k] = v
	}
}

// isLMOp reports whether op is one of the transformer operators.
func isLMOp(op OpKind) bool { return op >= OpWindowIndex && op <= OpScaleBy }

// clipEps is the immediate 1e-6 of ClipScale (binary32 nearest).
const clipEps = 0x358637BD

// lmNumInputs is the number of input slots of each transformer operator.
var lmNumInputs = map[OpKind]int{
	OpWindowIndex: 1, OpAdd: 2, OpPosAdd: 2, OpRowGroupSum: 1, OpAttnScores: 2, OpAttnApply: 2,
	OpAttnApplyT: 2, OpSoftmaxRow: 2, OpRowDot: 2, OpSoftmaxGrad: 3, OpRMSInv: 1, OpRMSNorm: 3,
	OpRMSNormRowDot: 3, OpRMSNormGradX: 5, OpRMSNormGradG: 3, OpSiLU: 1, OpSiLUGrad: 2,
	OpEmbedGrad: 2, OpAdamWParam: 8, OpLRSchedule: 1, OpSumSq: 1, OpClipScale: 1, OpScaleBy: 2,
}

// lmAttrs is the number of attribute words of each transformer operator.
var lmAttrs = map[OpKind]int{
	OpWindowIndex: 2, OpRowGroupSum: 1, OpAttnScores: 4, OpAttnApply: 1, OpAttnApplyT: 1,
	OpSoftmaxGrad: 1, OpRMSInv: 1, OpEmbedGrad: 1, OpLRSchedule: 4, OpClipScale: 1,
}

// maxExactInt bounds the integers an operator turns into binary32 words
// (#f(.)): below 2^24 every one is exact.
const maxExactInt = 1 << 24

// attnDims are the dimensions of an attention operator: M token rows
// (B windows of C tokens), model width d, H heads of dh = d/H columns.
type attnDims struct{ B, C, M, d, H, dh int }

// attnDimsOf reads the dimensions of AttnScores (Q[M,d]; attrs H, C) or of
// AttnApply/AttnApplyT (P[B*H*C, C], V[M,d]; attr H) from checked shapes.
func attnDimsOf(op OpKind, attrs []uint32, in [][]int) attnDims {
	return attnDimsOf2(op, attrs, in[0], in[1])
}

// attnDimsOf2 is attnDimsOf of input shapes s0 and s1.
func attnDimsOf2(op OpKind, attrs []uint32, s0, s1 []int) attnDims {
	var a attnDims
	if op == OpAttnScores {
		a.M, a.d, a.H, a.C = s0[0], s0[1], int(attrs[0]), int(attrs[1])
	} else {
		a.M, a.d, a.H, a.C = s1[0], s1[1], int(attrs[0]), s0[1]
	}
	a.B, a.dh = a.M/a.C, a.d/a.H
	return a
}

// outShapeLM is OutShape of the transformer operators (the number of inputs
// is checked).
func outShapeLM(op OpKind, attrs []uint32, in [][]int) ([]int, error) {
	bad := func(format string, args ...any) ([]int, error) {
		return nil, fmt.Errorf("repops: %v: %s", op, fmt.Sprintf(format, args...))
	}
	if na := lmAttrs[op]; len(attrs) != na {
		return bad("%d attributes, want %d", len(attrs), na)
	}
	for s, sh := range in {
		if len(sh) == 0 {
			return bad("input %d has no dimensions", s)
		}
		for _, d := range sh {
			if d < 1 || d >= maxExactInt {
				return bad("input %d has shape %v (dimensions must be in [1, 2^24))", s, sh)
			}
		}
		if uint64(numElems(sh)) >= 1<<31 {
			return bad("input %d has shape %v (too many elements)", s, sh)
		}
	}
	rank := func(i, r int) bool { return len(in[i]) == r }
	eq := func(x, y []int) bool { return sameShape(x, y) }
	scalar := func(i int) bool { return rank(i, 1) && in[i][0] == 1 }
	matrix := func(i int) bool { return rank(i, 2) }
	vec := func(i, n int) bool { return rank(i, 1) && in[i][0] == n }
	switch op {
	case OpWindowIndex:
		C, off := attrs[0], attrs[1]
		if !rank(0, 1) {
			return bad("starts must be a vector, got %v", in[0])
		}
		if C < 1 || C >= maxExactInt || off >= maxExactInt || uint64(C)-1+uint64(off) >= maxExactInt {
			return bad("attributes C = %d, offset = %d: need C >= 1 and C-1+offset < 2^24", C, off)
		}
		if uint64(in[0][0])*uint64(C) >= 1<<31 {
			return bad("output of %d x %d elements is too large", in[0][0], C)
		}
		return []int{in[0][0] * int(C)}, nil
	case OpAdd, OpSiLUGrad:
		if !eq(in[0], in[1]) {
			return bad("shapes %v and %v differ", in[0], in[1])
		}
		return clone(in[0]), nil
	case OpSiLU:
		return clone(in[0]), nil
	case OpPosAdd:
		if !matrix(0) || !matrix(1) || in[1][1] != in[0][1] || in[0][0]%in[1][0] != 0 {
			return bad("shapes %v and %v: need X[m,n] and P[R,n] with R dividing m", in[0], in[1])
		}
		return clone(in[0]), nil
	case OpRowGroupSum:
		R := int(attrs[0])
		if !matrix(0) || attrs[0] < 1 || attrs[0] >= maxExactInt || in[0][0]%R != 0 {
			return bad("shape %v, R = %d: need X[m,n] with R >= 1 dividing m", in[0], attrs[0])
		}
		return []int{R, in[0][1]}, nil
	case OpAttnScores:
		H, C, causal := attrs[0], attrs[1], attrs[3]
		if !matrix(0) || !eq(in[0], in[1]) {
			return bad("shapes %v and %v: need Q[M,d] and K[M,d]", in[0], in[1])
		}
		if H < 1 || H >= maxExactInt || in[0][1]%int(H) != 0 {
			return bad("H = %d does not divide d = %d", H, in[0][1])
		}
		if C < 1 || C >= maxExactInt || in[0][0]%int(C) != 0 {
			return bad("C = %d does not divide M = %d", C, in[0][0])
		}
		if causal > 1 {
			return bad("causal = %d, want 0 or 1", causal)
		}
		a := attnDimsOf(op, attrs, in)
		if uint64(a.B)*uint64(a.H)*uint64(a.C)*uint64(a.C) >= 1<<31 {
			return bad("output of %d x %d x %d x %d elements is too large", a.B, a.H, a.C, a.C)
		}
		return []int{a.B * a.H * a.C, a.C}, nil
	case OpAttnApply, OpAttnApplyT:
		H := attrs[0]
		if !matrix(0) || !matrix(1) {
			return bad("shapes %v and %v: need P[B*H*C, C] and V[M,d]", in[0], in[1])
		}
		if H < 1 || H >= maxExactInt || in[1][1]%int(H) != 0 {
			return bad("H = %d does not divide d = %d", H, in[1][1])
		}
		a := attnDimsOf(op, attrs, in)
		if a.M%a.C != 0 || uint64(a.B)*uint64(a.H)*uint64(a.C) != uint64(in[0][0]) {
			return bad("shapes %v and %v, H = %d: need P[B*H*C, C] and V[B*C, d]", in[0], in[1], H)
		}
		return clone(in[1]), nil
	case OpSoftmaxRow:
		if !matrix(0) || !vec(1, in[0][0]) {
			return bad("shapes %v and %v: need S[m,n] and lse[m]", in[0], in[1])
		}
		return clone(in[0]), nil
	case OpRowDot:
		if !matrix(0) || !eq(in[0], in[1]) {
			return bad("shapes %v and %v: need X[m,n] and Y[m,n]", in[0], in[1])
		}
		return []int{in[0][0]}, nil
	case OpSoftmaxGrad:
		if !matrix(0) || !eq(in[0], in[1]) || !vec(2, in[0][0]) {
			return bad("shapes %v, %v and %v: need P[m,n], dP[m,n] and r[m]", in[0], in[1], in[2])
		}
		return clone(in[0]), nil
	case OpRMSInv:
		if !matrix(0) {
			return bad("shape %v: need X[m,n]", in[0])
		}
		return []int{in[0][0]}, nil
	case OpRMSNorm:
		if !matrix(0) || !vec(1, in[0][0]) || !vec(2, in[0][1]) {
			return bad("shapes %v, %v and %v: need X[m,n], r[m] and g[n]", in[0], in[1], in[2])
		}
		return clone(in[0]), nil
	case OpRMSNormRowDot:
		if !matrix(0) || !eq(in[0], in[1]) || !vec(2, in[0][1]) {
			return bad("shapes %v, %v and %v: need dY[m,n], X[m,n] and g[n]", in[0], in[1], in[2])
		}
		return []int{in[0][0]}, nil
	case OpRMSNormGradX:
		if !matrix(0) || !eq(in[0], in[1]) || !vec(2, in[0][0]) || !vec(3, in[0][1]) || !vec(4, in[0][0]) {
			return bad("shapes %v: need dY[m,n], X[m,n], r[m], g[n] and c[m]", in)
		}
		return clone(in[0]), nil
	case OpRMSNormGradG:
		if !matrix(0) || !eq(in[0], in[1]) || !vec(2, in[0][0]) {
			return bad("shapes %v, %v and %v: need dY[m,n], X[m,n] and r[m]", in[0], in[1], in[2])
		}
		return []int{in[0][1]}, nil
	case OpEmbedGrad:
		V := attrs[0]
		if !matrix(0) || !vec(1, in[0][0]) {
			return bad("shapes %v and %v: need dH[M,d] and tok[M]", in[0], in[1])
		}
		if V < 1 || V >= maxExactInt || uint64(V)*uint64(in[0][1]) >= 1<<31 {
			return bad("V = %d: need 1 <= V < 2^24 and V*d < 2^31", V)
		}
		return []int{int(V), in[0][1]}, nil
	case OpAdamWParam:
		if !eq(in[0], in[1]) || !eq(in[0], in[2]) {
			return bad("shapes %v, %v and %v differ", in[0], in[1], in[2])
		}
		for i := 3; i < 8; i++ {
			if !scalar(i) {
				return bad("input %d must be a scalar, got %v", i, in[i])
			}
		}
		return clone(in[0]), nil
	case OpLRSchedule:
		if !scalar(0) {
			return bad("step must be a scalar, got %v", in[0])
		}
		for i, w := range attrs {
			if isNaNWord(w) {
				return bad("attribute %d is NaN", i)
			}
		}
		if span := f32(attrs[3]); !(span > 0) {
			return bad("span %v must be positive", span)
		}
		return []int{1}, nil
	case OpSumSq:
		return []int{1}, nil
	case OpClipScale:
		if !scalar(0) {
			return bad("ss must be a scalar, got %v", in[0])
		}
		return []int{1}, nil
	case OpScaleBy:
		if !scalar(1) {
			return bad("s must be a scalar, got %v", in[1])
		}
		return clone(in[0]), nil
	}
	return bad("unknown operator")
}

// seqSum emits the sequential sum of n terms, term(t) emitting the t-th.
func (b *builder) seqSum(n int, term func(t int) Operand) Operand {
	var acc Operand
	for t := 0; t < n; t++ {
		b.sumStep(&acc, t == 0, term(t))
	}
	return acc
}

// elementProgLM emits the program of element e of a transformer operator
// (docs/repops.md section 5).
func elementProgLM(b *builder, op OpKind, attrs []uint32, e int) Operand {
	in := b.ins
	one := imm(f32One)
	switch op {
	case OpWindowIndex:
		C := int(attrs[0])
		return b.op2(ADD, b.in(0, e/C), immf(float32(e%C+int(attrs[1]))))
	case OpAdd:
		return b.op2(ADD, b.in(0, e), b.in(1, e))
	case OpPosAdd:
		n, R := in[0].Shape[1], in[1].Shape[0]
		i, j := e/n, e%n
		return b.op2(ADD, b.in(0, e), b.in(1, (i%R)*n+j))
	case OpRowGroupSum:
		m, n, R := in[0].Shape[0], in[0].Shape[1], int(attrs[0])
		r, j := e/n, e%n
		return b.seqSum(m/R, func(t int) Operand { return b.in(0, (t*R+r)*n+j) })
	case OpAttnScores:
		a := attnDimsOf(op, attrs, shapesOf(in))
		rho, j := e/a.C, e%a.C
		g, i := rho/a.C, rho%a.C
		bb, h := g/a.H, g%a.H
		qi, kj := (bb*a.C+i)*a.d+h*a.dh, (bb*a.C+j)*a.d+h*a.dh
		acc := b.seqSum(a.dh, func(t int) Operand { return b.op2(MUL, b.in(0, qi+t), b.in(1, kj+t)) })
		if attrs[3] == 1 && j > i {
			return b.op2(OR, imm(f32NegInf), imm(0))
		}
		return b.op2(MUL, acc, imm(attrs[2]))
	case OpAttnApply, OpAttnApplyT:
		a := attnDimsOf(op, attrs, shapesOf(in))
		r, c := e/a.d, e%a.d
		bb, x := r/a.C, r%a.C
		h := c / a.dh
		return b.seqSum(a.C, func(t int) Operand {
			if op == OpAttnApply { // x = i, t = j
				return b.op2(MUL, b.in(0, ((bb*a.H+h)*a.C+x)*a.C+t), b.in(1, (bb*a.C+t)*a.d+c))
			}
			// x = j, t = i
			return b.op2(MUL, b.in(0, ((bb*a.H+h)*a.C+t)*a.C+x), b.in(1, (bb*a.C+t)*a.d+c))
		})
	case OpSoftmaxRow:
		n := in[0].Shape[1]
		d := b.op2(SUB, b.in(0, e), b.in(1, e/n))
		return expProg(b, d)
	case OpRowDot:
		n := in[0].Shape[1]
		return b.seqSum(n, func(t int) Operand { return b.op2(MUL, b.in(0, e*n+t), b.in(1, e*n+t)) })
	case OpSoftmaxGrad:
		n := in[0].Shape[1]
		d := b.op2(SUB, b.in(1, e), b.in(2, e/n))
		p := b.op2(MUL, b.in(0, e), d)
		return b.op2(MUL, p, imm(attrs[0]))
	case OpRMSInv:
		n := in[0].Shape[1]
		acc := b.seqSum(n, func(t int) Operand { return b.op2(MUL, b.in(0, e*n+t), b.in(0, e*n+t)) })
		x := b.op2(DIV, acc, immf(float32(n)))
		x = b.op2(ADD, x, imm(attrs[0]))
		x = b.op1(SQRT, x)
		return b.op2(DIV, one, x)
	case OpRMSNorm:
		n := in[0].Shape[1]
		x := b.op2(MUL, b.in(0, e), b.in(1, e/n))
		return b.op2(MUL, x, b.in(2, e%n))
	case OpRMSNormRowDot:
		n := in[0].Shape[1]
		return b.seqSum(n, func(t int) Operand {
			x := b.op2(MUL, b.in(0, e*n+t), b.in(2, t))
			return b.op2(MUL, x, b.in(1, e*n+t))
		})
	case OpRMSNormGradX:
		n := in[0].Shape[1]
		i, j := e/n, e%n
		e0 := b.op2(MUL, b.in(0, e), b.in(3, j))
		e1 := b.op2(MUL, e0, b.in(2, i))
		e2 := b.op2(MUL, b.in(2, i), b.in(2, i))
		e3 := b.op2(MUL, e2, b.in(2, i))
		e4 := b.op2(MUL, b.in(4, i), e3)
		e5 := b.op2(DIV, e4, immf(float32(n)))
		e6 := b.op2(MUL, b.in(1, e), e5)
		return b.op2(SUB, e1, e6)
	case OpRMSNormGradG:
		m, n := in[0].Shape[0], in[0].Shape[1]
		return b.seqSum(m, func(i int) Operand {
			x := b.op2(MUL, b.in(0, i*n+e), b.in(1, i*n+e))
			return b.op2(MUL, x, b.in(2, i))
		})
	case OpSiLU:
		x := b.op1(NEG, b.in(0, e))
		x = expProg(b, x)
		x = b.op2(ADD, one, x)
		return b.op2(DIV, b.in(0, e), x)
	case OpSiLUGrad:
		x := b.op1(NEG, b.in(1, e))
		x = expProg(b, x)
		x = b.op2(ADD, one, x)
		s := b.op2(DIV, one, x)
		x = b.op2(SUB, one, s)
		x = b.op2(MUL, b.in(1, e), x)
		x = b.op2(ADD, one, x)
		x = b.op2(MUL, s, x)
		return b.op2(MUL, b.in(0, e), x)
	case OpEmbedGrad:
		M, d := in[0].Shape[0], in[0].Shape[1]
		v, j := e/d, e%d
		return b.seqSum(M, func(p int) Operand {
			c := b.op2(EQ, b.in(1, p), immf(float32(v)))
			return b.emit(SELECT, b.in(0, p*d+j), imm(0), c)
		})
	case OpAdamWParam:
		e0 := b.op2(SUB, one, b.in(3, 0))
		e1 := b.op2(DIV, b.in(1, e), e0)
		e2 := b.op2(SUB, one, b.in(4, 0))
		e3 := b.op2(DIV, b.in(2, e), e2)
		e4 := b.op1(SQRT, e3)
		e5 := b.op2(ADD, e4, b.in(6, 0))
		e6 := b.op2(MUL, b.in(5, 0), e1)
		e7 := b.op2(DIV, e6, e5)
		e8 := b.op2(MUL, b.in(5, 0), b.in(7, 0))
		e9 := b.op2(MUL, e8, b.in(0, e))
		e10 := b.op2(SUB, b.in(0, e), e9)
		return b.op2(SUB, e10, e7)
	case OpLRSchedule:
		e0 := b.op1(U2F, b.in(0, 0))
		e1 := b.op2(ADD, e0, one)
		e2 := b.op2(DIV, e1, imm(attrs[1]))
		e3 := b.op2(SUB, imm(attrs[2]), e0)
		e4 := b.op2(DIV, e3, imm(attrs[3]))
		e5 := b.op2(MIN, e2, e4)
		e6 := b.op2(MAX, e5, imm(0))
		return b.op2(MUL, e6, imm(attrs[0]))
	case OpSumSq:
		n := len(in[0].Data)
		return b.seqSum(n, func(t int) Operand { return b.op2(MUL, b.in(0, t), b.in(0, t)) })
	case OpClipScale:
		e0 := b.op1(SQRT, b.in(0, 0))
		e1 := b.op2(ADD, e0, imm(clipEps))
		e2 := b.op2(DIV, imm(attrs[0]), e1)
		return b.op2(MIN, e2, one)
	case OpScaleBy:
		return b.op2(MUL, b.in(0, e), b.in(1, 0))
	}
	panic(fmt.Sprintf("repops: unknown operator %v", op))
}

func shapesOf(ts []Tensor) [][]int {
	s := make([][]int, len(ts))
	for i, t := range ts {
		s[i] = t.Shape
	}
	return s
}

// TraceLen returns the number of entries of every element trace of operator
// op with the given attributes and input shapes (the same for every
// element; docs/repops.md section 5), or an error if OutShape rejects them.
func TraceLen(op OpKind, attrs []uint32, in [][]int) (int, error) {
	if _, err := OutShape(op, attrs, in, 1); err != nil {
		return 0, err
	}
	switch op {
	case OpMatMul, OpMatMulTN, OpMatMulNT:
		_, k, _ := matDims(op, in[0], in[1])
		return 2 * k, nil
	case OpBiasAdd, OpReLU, OpScalarMul, OpIncrement:
		return 1, nil
	case OpReLUGrad, OpSGDVelocity, OpSGDParam:
		return 2, nil
	case OpColSum:
		return in[0][0], nil
	case OpBatchIndex:
		return 100, nil
	case OpGather:
		return 4, nil
	case OpLogSumExp:
		return 27*in[0][1] + 41, nil
	case OpSoftmaxXentLoss:
		return 3*in[0][1] + 1, nil
	case OpMean:
		return in[0][0] + 1, nil
	case OpSoftmaxXentGrad:
		return 29, nil
	case OpAdamMoment:
		return 3 + int(attrs[0]), nil
	case OpAdamParam:
		return 9, nil
	case OpWindowIndex, OpAdd, OpPosAdd, OpScaleBy:
		return 1, nil
	case OpRowGroupSum:
		return in[0][0] / int(attrs[0]), nil
	case OpAttnScores:
		return 2*(in[0][1]/int(attrs[0])) + 1, nil
	case OpAttnApply, OpAttnApplyT:
		return 2 * in[0][1], nil
	case OpSoftmaxRow:
		return 25, nil
	case OpRowDot:
		return 2 * in[0][1], nil
	case OpSoftmaxGrad:
		return 3, nil
	case OpRMSInv:
		return 2*in[0][1] + 4, nil
	case OpRMSNorm:
		return 2, nil
	case OpRMSNormRowDot:
		return 3 * in[0][1], nil
	case OpRMSNormGradX:
		return 8, nil
	case OpRMSNormGradG:
		return 3 * in[0][0], nil
	case OpSiLU:
		return 27, nil
	case OpSiLUGrad:
		return 32, nil
	case OpEmbedGrad:
		return 3 * in[0][0], nil
	case OpAdamWParam:
		return 12, nil
	case OpLRSchedule:
		return 8, nil
	case OpSumSq:
		return 2 * numElems(in[0]), nil
	case OpClipScale:
		return 4, nil
	}
	return 0, fmt.Errorf("repops: %v: unknown operator", op)
}
