//go:build !purego

package repops

import "testing"

var benchOnlyKernels = []*microKernel{fmaKernel}

// BenchmarkPeak measures one core's ceilings: 256-bit MUL then ADD (the
// protocol's operations) and 256-bit FMA, 12 independent chains each.
func BenchmarkPeak(b *testing.B) {
	const iters = 1 << 20
	for _, c := range []struct {
		name string
		run  func(int)
	}{{"muladd", peakMulAdd}, {"fma", peakFMA}} {
		b.Run(c.name, func(b *testing.B) {
			clk := startClock(b)
			for i := 0; i < b.N; i++ {
				c.run(iters)
			}
			clk.report(192 * iters)
		})
	}
}
