//go:build !(amd64 || arm64) || purego

package repops

import "math"

const (
	mr = 4
	nr = 4
)

// kernel is the pure-Go 4x4 register-blocked micro-kernel (see kernelGo).
func kernel(k int, ap, bp, c []float32, load bool) {
	ap = ap[:4*k]
	bp = bp[:4*k]
	c = c[:16]
	nz := math.Float32frombits(negZero)
	c00, c01, c02, c03 := nz, nz, nz, nz
	c10, c11, c12, c13 := nz, nz, nz, nz
	c20, c21, c22, c23 := nz, nz, nz, nz
	c30, c31, c32, c33 := nz, nz, nz, nz
	if load {
		c00, c01, c02, c03 = c[0], c[1], c[2], c[3]
		c10, c11, c12, c13 = c[4], c[5], c[6], c[7]
		c20, c21, c22, c23 = c[8], c[9], c[10], c[11]
		c30, c31, c32, c33 = c[12], c[13], c[14], c[15]
	}
	for len(ap) >= 4 && len(bp) >= 4 {
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		ap, bp = ap[4:], bp[4:]
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
	c[0], c[1], c[2], c[3] = c00, c01, c02, c03
	c[4], c[5], c[6], c[7] = c10, c11, c12, c13
	c[8], c[9], c[10], c[11] = c20, c21, c22, c23
	c[12], c[13], c[14], c[15] = c30, c31, c32, c33
}
