//go:build !purego

package repops

import "golang.org/x/sys/cpu"

// fmaKernel is kern6x16AVX2 with fused multiply-adds. It is NOT in the
// kernel table and MatMul never runs it: its results are not the
// protocol's (each product is not rounded before the sum). It exists for
// the FMA decision's benchmarks (docs/repops.md, section 10).
var fmaKernel = &microKernel{name: "fma", mr: 6, nr: 16, run: kern6x16FMAGo, supported: hasFMA}

func hasFMA() bool { return cpu.X86.HasAVX2 && cpu.X86.HasFMA }

//go:noescape
func kern6x16FMA(k int, ap, bp, c *float32, ldc int, load int)

func kern6x16FMAGo(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[6*k-1]
	_ = bp[16*k-1]
	_ = c[5*ldc+15]
	l := 0
	if load {
		l = 1
	}
	kern6x16FMA(k, &ap[0], &bp[0], &c[0], ldc, l)
}

// peakMulAdd runs n iterations of 12 independent 256-bit VMULPS then
// VADDPS (192 flops each); peakFMA n iterations of 12 independent
// VFMADD231PS (192 flops each). They measure the per-core ceilings.
func peakMulAdd(n int)
func peakFMA(n int)
