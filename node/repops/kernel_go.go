package repops

import "math"

// goKernel is the portable 4x4 micro-kernel, in every build: the only one
// on architectures without an assembly kernel and under the purego tag,
// and selectable everywhere (GENSYN_REPOPS_KERNEL=go) for tests.
var goKernel = &microKernel{name: "go", mr: 4, nr: 4, run: kern4x4Go, supported: always}

// kern4x4Go is the pure-Go 4x4 register-blocked micro-kernel (see
// kernelGo). Every product is written float32(a*b), which forbids fusing it
// with the sum (the Go compiler fuses x*y + z on arm64 and GOAMD64=v3).
func kern4x4Go(k int, ap, bp, c []float32, ldc int, load bool) {
	ap = ap[:4*k]
	bp = bp[:4*k]
	c0, c1, c2, c3 := c[:4], c[ldc:ldc+4], c[2*ldc:2*ldc+4], c[3*ldc:3*ldc+4]
	nz := math.Float32frombits(negZero)
	c00, c01, c02, c03 := nz, nz, nz, nz
	c10, c11, c12, c13 := nz, nz, nz, nz
	c20, c21, c22, c23 := nz, nz, nz, nz
	c30, c31, c32, c33 := nz, nz, nz, nz
	if load {
		c00, c01, c02, c03 = c0[0], c0[1], c0[2], c0[3]
		c10, c11, c12, c13 = c1[0], c1[1], c1[2], c1[3]
		c20, c21, c22, c23 = c2[0], c2[1], c2[2], c2[3]
		c30, c31, c32, c33 = c3[0], c3[1], c3[2], c3[3]
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
	c0[0], c0[1], c0[2], c0[3] = c00, c01, c02, c03
	c1[0], c1[1], c1[2], c1[3] = c10, c11, c12, c13
	c2[0], c2[1], c2[2], c2[3] = c20, c21, c22, c23
	c3[0], c3[1], c3[2], c3[3] = c30, c31, c32, c33
}
