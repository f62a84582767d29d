//go:build arm64 && !purego

package repops

const (
	mr = 8
	nr = 8
)

// kern8x8NEON is the arm64 Advanced SIMD micro-kernel
// (kernel_neon_arm64.s): separate FMUL and FADD (never FMLA), 16 accumulator
// registers of 4 lanes. AArch64 Advanced SIMD arithmetic is IEEE-754 with
// round-to-nearest-even under the default FPCR (no flush-to-zero), the
// state Go programs run in, so it is bit-identical to the scalar primitives.
//
//go:noescape
func kern8x8NEON(k int, ap, bp, c *float32, load int)

func kernel(k int, ap, bp, c []float32, load bool) {
	_ = ap[8*k-1]
	_ = bp[8*k-1]
	_ = c[63]
	l := 0
	if load {
		l = 1
	}
	kern8x8NEON(k, &ap[0], &bp[0], &c[0], l)
}
