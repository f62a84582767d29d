//go:build !purego

package repops

import "testing"

var benchOnlyKernels = []*microKernel{fmaKernel, fma512Kernel}

// BenchmarkPeak measures one core's ceilings: 256-bit MUL then ADD (the
// protocol's operations) and 256-bit FMA, 12 independent chains each, and
// where the CPU has AVX-512 the same on 512-bit vectors.
func BenchmarkPeak(b *testing.B) {
	const iters = 1 << 20
	type peak struct {
		name  string
		run   func(int)
		flops float64
	}
	peaks := []peak{{"muladd", peakMulAdd, 192}, {"fma", peakFMA, 192}}
	if hasAVX512() {
		peaks = append(peaks, peak{"muladd512", peakMulAdd512, 384}, peak{"fma512", peakFMA512, 384})
	}
	for _, c := range peaks {
		b.Run(c.name, func(b *testing.B) {
			clk := startClock(b)
			for i := 0; i < b.N; i++ {
				c.run(iters)
			}
			clk.report(c.flops * iters)
		})
	}
}
