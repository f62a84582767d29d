//go:build amd64.v3 && !purego

package repops

const (
	mr = 6
	nr = 16
)

// kern6x16AVX2 is the AVX2 micro-kernel (kernel_avx2_amd64.s): separate
// VMULPS and VADDPS (no FMA instruction), 12 accumulator registers of 8
// lanes. Only built for GOAMD64=v3 and above, which guarantees AVX2.
//
//go:noescape
func kern6x16AVX2(k int, ap, bp, c *float32, load int)

func kernel(k int, ap, bp, c []float32, load bool) {
	_ = ap[6*k-1]
	_ = bp[16*k-1]
	_ = c[95]
	l := 0
	if load {
		l = 1
	}
	kern6x16AVX2(k, &ap[0], &bp[0], &c[0], l)
}
