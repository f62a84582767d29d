package repops

import "math"

// MatForm selects the operand layout of a matrix product.
type MatForm uint8

// Matrix product forms; m, k, n are the dimensions of C = op(A) * op(B).
const (
	FormNN MatForm = iota // A [m,k], B [k,n]
	FormTN                // A [k,m] (used transposed), B [k,n]
	FormNT                // A [m,k], B [n,k] (used transposed)
)

// MatMul computes c[m,n] = op(A)*op(B). Each element is the sequential sum
// over t = 0..k-1 of the rounded products a_it*b_tj: acc = a_i0*b_0j, then
// acc = acc + a_it*b_tj (MUL then ADD, never fused), NaN canonicalized at
// the end. The kernel packs 4-row and 4-column panels and keeps a 4x4 block
// of accumulators in registers; blocking never changes the per-element order.
func MatMul(form MatForm, c, a, b []float32, m, k, n int) {
	if m == 0 || n == 0 {
		return
	}
	ap := make([]float32, 4*k)
	bp := make([]float32, 4*k)
	for j0 := 0; j0 < n; j0 += 4 {
		nj := min(4, n-j0)
		packB(form, bp, b, k, n, j0, nj)
		for i0 := 0; i0 < m; i0 += 4 {
			ni := min(4, m-i0)
			packA(form, ap, a, m, k, i0, ni)
			var blk [16]float32
			kernel4x4(&blk, ap, bp, k)
			for r := 0; r < ni; r++ {
				for s := 0; s < nj; s++ {
					v := blk[r*4+s]
					if v != v {
						v = math.Float32frombits(CanonicalNaN)
					}
					c[(i0+r)*n+j0+s] = v
				}
			}
		}
	}
}

// packA writes ap[t*4+r] = A(i0+r, t) (zero for r >= ni).
func packA(form MatForm, ap, a []float32, m, k, i0, ni int) {
	for r := ni; r < 4; r++ {
		for t := 0; t < k; t++ {
			ap[t*4+r] = 0
		}
	}
	if form == FormTN { // A stored [k,m]
		for t := 0; t < k; t++ {
			row := a[t*m+i0 : t*m+i0+ni]
			for r, v := range row {
				ap[t*4+r] = v
			}
		}
		return
	}
	for r := 0; r < ni; r++ {
		row := a[(i0+r)*k : (i0+r)*k+k]
		for t, v := range row {
			ap[t*4+r] = v
		}
	}
}

// packB writes bp[t*4+s] = B(t, j0+s) (zero for s >= nj).
func packB(form MatForm, bp, b []float32, k, n, j0, nj int) {
	for s := nj; s < 4; s++ {
		for t := 0; t < k; t++ {
			bp[t*4+s] = 0
		}
	}
	if form == FormNT { // B stored [n,k]
		for s := 0; s < nj; s++ {
			row := b[(j0+s)*k : (j0+s)*k+k]
			for t, v := range row {
				bp[t*4+s] = v
			}
		}
		return
	}
	for t := 0; t < k; t++ {
		row := b[t*n+j0 : t*n+j0+nj]
		for s, v := range row {
			bp[t*4+s] = v
		}
	}
}

// kernel4x4Go: the portable micro-kernel. The explicit float32 conversion of
// every product forbids FMA contraction (arm64).
func kernel4x4Go(blk *[16]float32, ap, bp []float32, k int) {
	ap = ap[:4*k]
	bp = bp[:4*k]
	a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
	b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
	c00, c01, c02, c03 := float32(a0*b0), float32(a0*b1), float32(a0*b2), float32(a0*b3)
	c10, c11, c12, c13 := float32(a1*b0), float32(a1*b1), float32(a1*b2), float32(a1*b3)
	c20, c21, c22, c23 := float32(a2*b0), float32(a2*b1), float32(a2*b2), float32(a2*b3)
	c30, c31, c32, c33 := float32(a3*b0), float32(a3*b1), float32(a3*b2), float32(a3*b3)
	for t := 4; t < 4*k; t += 4 {
		a := ap[t : t+4 : t+4]
		b := bp[t : t+4 : t+4]
		a0, a1, a2, a3 = a[0], a[1], a[2], a[3]
		b0, b1, b2, b3 = b[0], b[1], b[2], b[3]
		c00 += float32(a0 * b0)
		c01 += float32(a0 * b1)
		c02 += float32(a0 * b2)
		c03 += float32(a0 * b3)
		c10 += float32(a1 * b0)
		c11 += float32(a1 * b1)
		c12 += float32(a1 * b2)
		c13 += float32(a1 * b3)
		c20 += float32(a2 * b0)
		c21 += float32(a2 * b1)
		c22 += float32(a2 * b2)
		c23 += float32(a2 * b3)
		c30 += float32(a3 * b0)
		c31 += float32(a3 * b1)
		c32 += float32(a3 * b2)
		c33 += float32(a3 * b3)
	}
	*blk = [16]float32{c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33}
}
