//go:build !purego

package repops

// fma512Kernel is kern12x32AVX512 with fused multiply-adds. Like
// fmaKernel it is in no kernel table and MatMul never runs it: it exists
// for the FMA decision's benchmarks on CPUs with AVX-512 (docs/repops.md,
// section 10).
var fma512Kernel = &microKernel{name: "fma512", mr: 12, nr: 32, run: kern12x32FMA512Go, supported: hasAVX512}

//go:noescape
func kern12x32FMA512(k int, ap, bp, c *float32, ldc int, load int)

func kern12x32FMA512Go(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[12*k-1]
	_ = bp[32*k-1]
	_ = c[11*ldc+31]
	l := 0
	if load {
		l = 1
	}
	kern12x32FMA512(k, &ap[0], &bp[0], &c[0], ldc, l)
}

// peakMulAdd512 runs n iterations of 12 independent 512-bit VMULPS then
// VADDPS (384 flops each); peakFMA512 n iterations of 12 independent
// 512-bit VFMADD231PS (384 flops each). They measure the per-core
// ceilings on CPUs with AVX-512 (BenchmarkPeak; docs/repops.md §10).
func peakMulAdd512(n int)
func peakFMA512(n int)
