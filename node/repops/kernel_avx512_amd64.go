//go:build !purego

package repops

import "golang.org/x/sys/cpu"

// avx512Kernel is the 12x32 AVX-512 kernel, the default where the CPU has
// AVX-512F and the operating system saves the zmm and opmask state.
var avx512Kernel = &microKernel{name: "avx512", mr: 12, nr: 32, run: kern12x32AVX512Go, supported: hasAVX512}

// hasAVX512 reports AVX-512F in the CPU and the ZMM state saved by the
// operating system (x/sys/cpu checks XCR0 for the opmask, ZMM_Hi256 and
// Hi16_ZMM state as well as the AVX state).
func hasAVX512() bool { return cpu.X86.HasAVX512F }

// kern12x32AVX512 is the AVX-512 micro-kernel (kernel_avx512_amd64.s):
// separate VMULPS and VADDPS (no FMA instruction), 24 accumulator registers
// of 16 lanes. ldc is the row stride of c in elements.
//
//go:noescape
func kern12x32AVX512(k int, ap, bp, c *float32, ldc int, load int)

func kern12x32AVX512Go(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[12*k-1]
	_ = bp[32*k-1]
	_ = c[11*ldc+31]
	l := 0
	if load {
		l = 1
	}
	kern12x32AVX512(k, &ap[0], &bp[0], &c[0], ldc, l)
}
