//go:build !purego

package repops

// avx2Kernel is the 6x16 AVX2 kernel, the default where the CPU has AVX2.
var avx2Kernel = &microKernel{name: "avx2", mr: 6, nr: 16, run: kern6x16AVX2Go, supported: hasAVX2}

// kern6x16AVX2 is the AVX2 micro-kernel (kernel_avx2_amd64.s): separate
// VMULPS and VADDPS (no FMA instruction), 12 accumulator registers of 8
// lanes. ldc is the row stride of c in elements.
//
//go:noescape
func kern6x16AVX2(k int, ap, bp, c *float32, ldc int, load int)

func kern6x16AVX2Go(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[6*k-1]
	_ = bp[16*k-1]
	_ = c[5*ldc+15]
	l := 0
	if load {
		l = 1
	}
	kern6x16AVX2(k, &ap[0], &bp[0], &c[0], ldc, l)
}
