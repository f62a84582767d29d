package repops

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
