package repops

import (
	"fmt"
	"math/rand/v2"
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

func reportGflops(b *testing.B, n int) {
	b.ReportMetric(2*float64(n)*float64(n)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func benchOurs(b *testing.B, n int, form MatForm) {
	a, bb, c := benchMats(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		MatMul(form, c, a, bb, n, n, n)
	}
	reportGflops(b, n)
}

func benchGonum(b *testing.B, n int) {
	a, bb, c := benchMats(n)
	var impl gonum.Implementation
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		impl.Sgemm(blas.NoTrans, blas.NoTrans, n, n, n, 1, a, n, bb, n, 0, c, n)
	}
	reportGflops(b, n)
}

// Run with -cpu 1 for a one-core comparison (gonum's Sgemm parallelizes
// over GOMAXPROCS; ours is single-threaded).
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
