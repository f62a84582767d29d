package repops

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

var benchSizes = []int{256, 512, 1024}

func benchMats(n int) (a, b, c []float32) {
	r := rand.New(rand.NewPCG(uint64(n), 1))
	a, b, c = make([]float32, n*n), make([]float32, n*n), make([]float32, n*n)
	for i := range a {
		a[i] = float32(r.NormFloat64())
		b[i] = float32(r.NormFloat64())
	}
	return
}

// benchClock is started with ResetTimer; report adds GFLOP/s (per
// wall-clock second) and GFLOP/cpu-s (per CPU-second of the process, all
// threads together: on one thread, what the core computes while the
// benchmark has it).
type benchClock struct {
	b   *testing.B
	cpu float64
}

func startClock(b *testing.B) benchClock {
	b.ResetTimer()
	return benchClock{b, cpuSeconds()}
}

func (c benchClock) report(flopsPerOp float64) {
	total := flopsPerOp * float64(c.b.N)
	c.b.ReportMetric(total/c.b.Elapsed().Seconds()/1e9, "GFLOP/s")
	if cpu := cpuSeconds() - c.cpu; cpu > 0 {
		c.b.ReportMetric(total/cpu/1e9, "GFLOP/cpu-s")
	}
}

func cube(n int) float64 { return 2 * float64(n) * float64(n) * float64(n) }

func benchOurs(b *testing.B, n int, form MatForm) {
	a, bb, c := benchMats(n)
	clk := startClock(b)
	for i := 0; i < b.N; i++ {
		MatMul(form, c, a, bb, n, n, n)
	}
	clk.report(cube(n))
}

func benchGonum(b *testing.B, n int) {
	a, bb, c := benchMats(n)
	var impl gonum.Implementation
	clk := startClock(b)
	for i := 0; i < b.N; i++ {
		impl.Sgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, bb, n, 0, c, n)
	}
	clk.report(cube(n))
}

// Run with -cpu 1 for a one-core comparison: MatMul and gonum's Sgemm both
// use GOMAXPROCS threads by default.
func BenchmarkMatMul256(b *testing.B)  { benchOurs(b, 256, FormNN) }
func BenchmarkMatMul512(b *testing.B)  { benchOurs(b, 512, FormNN) }
func BenchmarkMatMul1024(b *testing.B) { benchOurs(b, 1024, FormNN) }

func BenchmarkGonumSgemm256(b *testing.B)  { benchGonum(b, 256) }
func BenchmarkGonumSgemm512(b *testing.B)  { benchGonum(b, 512) }
func BenchmarkGonumSgemm1024(b *testing.B) { benchGonum(b, 1024) }

func BenchmarkMatMulForms512(b *testing.B) {
	for _, f := range []MatForm{FormNN, FormTN, FormNT} {
		b.Run(fmt.Sprint([]string{"NN", "TN", "NT"}[f]), func(b *testing.B) { benchOurs(b, 512, f) })
	}
}

// BenchmarkKernel1024 runs the 1024^3 product (FormNN) with each kernel
// this CPU runs, on one thread and on GOMAXPROCS threads, plus (amd64) the
// benchmark-only FMA kernels this CPU runs on one thread, all through the
// same driver.
func BenchmarkKernel1024(b *testing.B) {
	const n = 1024
	ks := append([]*microKernel{}, kernelTable...)
	ks = append(ks, benchOnlyKernels...)
	for _, kern := range ks {
		if !kern.supported() {
			continue
		}
		threads := []int{1}
		if p := runtime.GOMAXPROCS(0); p > 1 && !slices.Contains(benchOnlyKernels, kern) {
			threads = append(threads, p)
		}
		for _, threads := range threads {
			b.Run(fmt.Sprintf("%s/threads=%d", kern.name, threads), func(b *testing.B) {
				a, bb, c := benchMats(n)
				clk := startClock(b)
				for i := 0; i < b.N; i++ {
					matMul(kern, threads, FormNN, c, a, bb, n, n, n)
				}
				clk.report(cube(n))
			})
		}
	}
}

// BenchmarkMicroKernel runs each kernel on one tile with cache-resident
// panels (k = kc): the micro-kernel's own speed, without packing, the
// memory traffic of C or threads.
func BenchmarkMicroKernel(b *testing.B) {
	ks := append(append([]*microKernel{}, kernelTable...), benchOnlyKernels...)
	for _, kern := range ks {
		if !kern.supported() {
			continue
		}
		b.Run(kern.name, func(b *testing.B) {
			ap, bp, c := make([]float32, kern.mr*kc), make([]float32, kern.nr*kc), make([]float32, kern.mr*kern.nr)
			clk := startClock(b)
			for i := 0; i < b.N; i++ {
				kern.run(kc, ap, bp, c, kern.nr, true)
			}
			clk.report(float64(2 * kc * kern.mr * kern.nr))
		})
	}
}
