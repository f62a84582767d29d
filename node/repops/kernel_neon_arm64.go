//go:build !purego

package repops

// neonKernel is the 8x8 Advanced SIMD kernel, the default on arm64.
var neonKernel = &microKernel{name: "neon", mr: 8, nr: 8, run: kern8x8NEONGo, supported: always}

// kern8x8NEON is the arm64 Advanced SIMD micro-kernel
// (kernel_neon_arm64.s): separate FMUL and FADD (never FMLA), 16 accumulator
// registers of 4 lanes. AArch64 Advanced SIMD arithmetic is IEEE-754 with
// round-to-nearest-even under the default FPCR (no flush-to-zero), the
// state Go programs run in, so it is bit-identical to the scalar primitives.
// ldc is the row stride of c in elements.
//
//go:noescape
func kern8x8NEON(k int, ap, bp, c *float32, ldc int, load int)

func kern8x8NEONGo(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[8*k-1]
	_ = bp[8*k-1]
	_ = c[7*ldc+7]
	l := 0
	if load {
		l = 1
	}
	kern8x8NEON(k, &ap[0], &bp[0], &c[0], ldc, l)
}
