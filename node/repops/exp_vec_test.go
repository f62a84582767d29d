package repops

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"testing"
)

// EnvExpExhaustive, set to 1, makes TestExpVecExhaustive compare the
// vector exp with the scalar exp program on all 2^32 inputs (make
// test-exp-exhaustive; minutes of CPU).
const EnvExpExhaustive = "GENSYN_REPOPS_EXP_EXHAUSTIVE"

// withKernels runs f once with every kernel this build has and this CPU
// runs selected (the vector exp follows the kernel), then restores the
// kernel selected before (GENSYN_REPOPS_KERNEL's, in test-repro's forced
// runs).
func withKernels(t *testing.T, f func(t *testing.T, kernel string)) {
	t.Helper()
	old := Kernel()
	defer func() {
		if err := SetKernel(old); err != nil {
			t.Fatal(err)
		}
	}()
	for _, k := range Kernels() {
		if err := SetKernel(k); err != nil {
			t.Fatal(err)
		}
		t.Run(k, func(t *testing.T) { f(t, k) })
	}
}

// expSpecials are inputs at every edge of the exp program: NaNs with
// payloads of both signs, infinities, zeros, subnormals, the clamps, the
// overflow threshold (88.7228...), the last normal and last subnormal
// results (near -87.34 and -103.28), the round-to-integer ties of n, and
// their neighbours.
func expSpecials() []float32 {
	words := []uint32{
		0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FBFFFFF, 0xFFFFFFFF, 0x7FC12345, 0xFFA00001,
		0x7F800000, 0xFF800000, 0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x80800000,
		0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000, 0xBF800000, 0x33800000, 0xB3800000,
	}
	var xs []float32
	for _, w := range words {
		xs = append(xs, math.Float32frombits(w))
	}
	for _, v := range []float64{-104, 89, 88.72283935546875, 88.7228, 88.72284, -87.33654, -87.33655, -103.278929,
		-103.972, -103.2789, -88, 88, -126 * math.Ln2, -149 * math.Ln2, -150 * math.Ln2, 0.5 * math.Ln2, -0.5 * math.Ln2} {
		x := float32(v)
		w := math.Float32bits(x)
		for d := uint32(0); d < 64; d++ {
			xs = append(xs, math.Float32frombits(w+d), math.Float32frombits(w-d))
		}
	}
	// n = RNE(x*log2e): inputs whose product lands on or next to a tie k+1/2.
	for k := -151; k <= 129; k++ {
		x := float32((float64(k) + 0.5) / math.Log2E)
		w := math.Float32bits(x)
		for d := uint32(0); d < 4; d++ {
			xs = append(xs, math.Float32frombits(w+d), math.Float32frombits(w-d))
		}
	}
	return xs
}

// checkExpSub compares expSub over xs (at every offset mod 8 and with
// lengths that leave a tail) with the interpreter's program.
func checkExpSub(t *testing.T, xs []float32, sub float32, neg bool, interp bool) {
	t.Helper()
	o := make([]float32, len(xs)+8)
	for off := 0; off < 8; off += 3 {
		in := xs[off:]
		out := o[off : off+len(in)]
		expSub(out, in, sub, neg)
		for i, x := range in {
			a := x
			if neg {
				a = Neg(a)
			}
			a = Sub(a, sub)
			var want float32
			if interp {
				want = Exp(a)
			} else {
				want = exp32(a)
			}
			if math.Float32bits(out[i]) != math.Float32bits(want) {
				t.Fatalf("exp(%#08x neg=%v sub=%#08x) = %#08x, want %#08x (off %d)",
					math.Float32bits(x), neg, math.Float32bits(sub), math.Float32bits(out[i]), math.Float32bits(want), off)
			}
		}
	}
}

func TestExpVecSpecials(t *testing.T) {
	xs := expSpecials()
	withKernels(t, func(t *testing.T, kernel string) {
		for _, sub := range []float32{0, 1.5, -3, float32(math.Inf(1)), float32(math.NaN()), -0.0} {
			for _, neg := range []bool{false, true} {
				checkExpSub(t, xs, sub, neg, true)
			}
		}
	})
}

// TestExpVecStride compares the exp paths with the program on every
// 4093rd input word (about a million, every IEEE class and exponent),
// against the interpreter on every 64th of them and the scalar fast path
// (itself tested against the interpreter) on the rest.
func TestExpVecStride(t *testing.T) {
	const stride = 4093
	var xs, ys []float32
	for w := uint64(0); w < 1<<32; w += stride {
		if len(xs)%64 == 0 {
			ys = append(ys, math.Float32frombits(uint32(w)))
		}
		xs = append(xs, math.Float32frombits(uint32(w)))
	}
	withKernels(t, func(t *testing.T, kernel string) {
		checkExpSub(t, xs, 0, false, false)
		checkExpSub(t, ys, 0, false, true)
		checkExpSub(t, ys, 0, true, true)
	})
}

// expVecKernel is the matrix-product kernel that turns the vector exp on.
func expVecKernel() string {
	if runtime.GOARCH == "arm64" {
		return "neon"
	}
	return "avx2"
}

// TestExpVecPicksKernel: the vector exp runs exactly with the avx512 or
// avx2 kernel on a CPU with FMA, or the neon kernel on arm64 (and never
// where the kernel is forced to another).
func TestExpVecPicksKernel(t *testing.T) {
	withKernels(t, func(t *testing.T, kernel string) {
		want := (kernel == expVecKernel() || kernel == "avx512") && expVecSupported()
		if got := expVec(); got != want {
			t.Fatalf("expVec() = %v with kernel %s, want %v", got, kernel, want)
		}
	})
}

// TestExpVecKeepsKernel: withKernels leaves the kernel it found selected.
func TestExpVecKeepsKernel(t *testing.T) {
	before := Kernel()
	withKernels(t, func(t *testing.T, kernel string) {})
	if Kernel() != before {
		t.Fatalf("kernel %q after withKernels, want %q", Kernel(), before)
	}
}

// TestExpVecExhaustive compares the vector exp with the scalar exp
// program (exp32: the interpreter wherever its binary64 shortcut could
// round twice) on every one of the 2^32 input words, when
// GENSYN_REPOPS_EXP_EXHAUSTIVE=1.
func TestExpVecExhaustive(t *testing.T) {
	if os.Getenv(EnvExpExhaustive) != "1" {
		t.Skipf("set %s=1 for the sweep over all 2^32 inputs (make test-exp-exhaustive)", EnvExpExhaustive)
	}
	if !expVecSupported() {
		t.Skip("no vector exp on this CPU or architecture")
	}
	old := Kernel()
	if err := SetKernel(expVecKernel()); err != nil {
		t.Fatal(err)
	}
	defer SetKernel(old)
	const block = 1 << 16
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		bad  []string
		next = make(chan uint64, 64)
	)
	for g := 0; g < runtime.GOMAXPROCS(0); g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x, y := make([]float32, block), make([]float32, block)
			for base := range next {
				for i := range x {
					x[i] = math.Float32frombits(uint32(base) + uint32(i))
				}
				expSub(y, x, 0, false)
				for i, v := range x {
					if want := exp32(v); math.Float32bits(y[i]) != math.Float32bits(want) {
						mu.Lock()
						bad = append(bad, fmt.Sprintf("exp(%#08x) = %#08x, want %#08x", math.Float32bits(v), math.Float32bits(y[i]), math.Float32bits(want)))
						mu.Unlock()
					}
				}
			}
		}()
	}
	for base := uint64(0); base < 1<<32; base += block {
		next <- base
	}
	close(next)
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("%d mismatches, first: %v", len(bad), bad[:min(len(bad), 10)])
	}
}

// BenchmarkExp times exp over a buffer of 4096 inputs in [-20, 20] with
// each path: the vector exp (where there is one) and the scalar fast path.
func BenchmarkExp(b *testing.B) {
	x := make([]float32, 4096)
	for i := range x {
		x[i] = float32(i)/float32(len(x))*40 - 20
	}
	o := make([]float32, len(x))
	run := func(b *testing.B, f func()) {
		b.SetBytes(int64(4 * len(x)))
		for i := 0; i < b.N; i++ {
			f()
		}
		b.ReportMetric(float64(b.N)*float64(len(x))/b.Elapsed().Seconds()/1e6, "Mexp/s")
	}
	if expVecSupported() {
		b.Run("vec", func(b *testing.B) {
			old := Kernel()
			if err := SetKernel(expVecKernel()); err != nil {
				b.Fatal(err)
			}
			defer SetKernel(old)
			run(b, func() { expSub(o, x, 0, false) })
		})
	}
	b.Run("scalar", func(b *testing.B) { run(b, func() { expSubGo(o, x, 0, false) }) })
}
