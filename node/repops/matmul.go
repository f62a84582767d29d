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

// kc is the depth of one pass over k; the accumulators of a pass are stored
// in float32 and reloaded by the next, which keeps each element's sequential
// order (storing a float32 is exact).
const kc = 256

// mcRows is the number of rows of A whose packed panels are swept against
// every B panel before moving on (cache blocking).
const mcRows = 128

// MatMul computes c[m,n] = op(A)*op(B) for k >= 1. Each element is the
// sequential sum over t = 0..k-1 of the rounded products a_it*b_tj, starting
// from -0: acc = -0 + a_i0*b_0j (= a_i0*b_0j), acc = acc + a_it*b_tj (MUL
// then ADD, never fused); a NaN result is canonicalized. The kernels pack
// mr-row panels of A and nr-column panels of B and keep an mr x nr block of
// accumulators in registers (SSE on GOAMD64=v1/v2, AVX2 on v3+, pure Go
// elsewhere); blocking never changes the per-element order, only which
// elements are computed together.
func MatMul(form MatForm, c, a, b []float32, m, k, n int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	mp := (m + mr - 1) / mr // A panels
	np := (n + nr - 1) / nr // B panels
	// Padded accumulator buffer: tile (ip, jp) at ((jp*mp)+ip)*mr*nr.
	acc := make([]float32, mp*np*mr*nr)
	ap := make([]float32, mp*mr*kc)
	bp := make([]float32, np*nr*kc)
	mb := max(1, mcRows/mr) // A panels per cache block (about 128 KiB of A)
	for p0 := 0; p0 < k; p0 += kc {
		kk := min(kc, k-p0)
		for ip := 0; ip < mp; ip++ {
			packA(form, ap[ip*mr*kk:(ip+1)*mr*kk], a, m, k, ip*mr, min(mr, m-ip*mr), p0, kk)
		}
		for jp := 0; jp < np; jp++ {
			packB(form, bp[jp*nr*kk:(jp+1)*nr*kk], b, k, n, jp*nr, min(nr, n-jp*nr), p0, kk)
		}
		for i0 := 0; i0 < mp; i0 += mb {
			for jp := 0; jp < np; jp++ {
				bpan := bp[jp*nr*kk : (jp+1)*nr*kk]
				for ip := i0; ip < min(i0+mb, mp); ip++ {
					t := (jp*mp + ip) * mr * nr
					kernel(kk, ap[ip*mr*kk:(ip+1)*mr*kk], bpan, acc[t:t+mr*nr], p0 > 0)
				}
			}
		}
	}
	for jp := 0; jp < np; jp++ {
		for ip := 0; ip < mp; ip++ {
			t := acc[(jp*mp+ip)*mr*nr:]
			for r := 0; r < min(mr, m-ip*mr); r++ {
				row := c[(ip*mr+r)*n+jp*nr : (ip*mr+r)*n+jp*nr+min(nr, n-jp*nr)]
				for s := range row {
					v := t[r*nr+s]
					if v != v {
						v = math.Float32frombits(CanonicalNaN)
					}
					row[s] = v
				}
			}
		}
	}
}

// packA writes ap[t*mr+r] = A(i0+r, p0+t) for t < kk (zero for r >= ni).
func packA(form MatForm, ap, a []float32, m, k, i0, ni, p0, kk int) {
	if ni < mr {
		clear(ap)
	}
	if form == FormTN { // A stored [k,m]
		for t := 0; t < kk; t++ {
			row := a[(p0+t)*m+i0 : (p0+t)*m+i0+ni]
			for r, v := range row {
				ap[t*mr+r] = v
			}
		}
		return
	}
	for r := 0; r < ni; r++ {
		row := a[(i0+r)*k+p0 : (i0+r)*k+p0+kk]
		for t, v := range row {
			ap[t*mr+r] = v
		}
	}
}

// packB writes bp[t*nr+s] = B(p0+t, j0+s) for t < kk (zero for s >= nj).
func packB(form MatForm, bp, b []float32, k, n, j0, nj, p0, kk int) {
	if nj < nr {
		clear(bp)
	}
	if form == FormNT { // B stored [n,k]
		for s := 0; s < nj; s++ {
			row := b[(j0+s)*k+p0 : (j0+s)*k+p0+kk]
			for t, v := range row {
				bp[t*nr+s] = v
			}
		}
		return
	}
	for t := 0; t < kk; t++ {
		copy(bp[t*nr:t*nr+nj], b[(p0+t)*n+j0:(p0+t)*n+j0+nj])
	}
}

// kernelGo is the portable micro-kernel for any mr x nr: c (row-major
// mr x nr) = (load ? c : -0) + sum over t of ap[t*mr+r]*bp[t*nr+s]. The
// explicit float32 conversion of every product forbids FMA contraction
// (arm64). It also serves as the reference for the assembly kernels.
func kernelGo(k int, ap, bp, c []float32, load bool, mr, nr int) {
	for r := 0; r < mr; r++ {
		for s := 0; s < nr; s++ {
			acc := math.Float32frombits(negZero)
			if load {
				acc = c[r*nr+s]
			}
			for t := 0; t < k; t++ {
				acc += float32(ap[t*mr+r] * bp[t*nr+s])
			}
			c[r*nr+s] = acc
		}
	}
}
