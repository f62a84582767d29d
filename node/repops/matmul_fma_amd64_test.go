//go:build !purego

package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFMAKernel: each benchmark-only FMA kernel (fma: AVX2; fma512:
// AVX-512, where the CPU has it) computes what it claims,
// c = fma(a, b, c) per step with one rounding (the Fma primitive), so that
// the FMA figures in docs/repops.md measure a correct kernel; and it is in
// no kernel table, so MatMul can never run it.
func TestFMAKernel(t *testing.T) {
	for _, fk := range []*microKernel{fmaKernel, fma512Kernel} {
		t.Run(fk.name, func(t *testing.T) {
			if !fk.supported() {
				t.Skipf("this CPU does not run the %s kernel", fk.name)
			}
			testFMAKernel(t, fk)
		})
	}
}

func testFMAKernel(t *testing.T, fk *microKernel) {
	for _, k := range kernelTable {
		if k == fk || k.name == fk.name {
			t.Fatalf("the %s kernel is in the kernel table", fk.name)
		}
	}
	mr, nr := fk.mr, fk.nr
	r := rand.New(rand.NewPCG(12, 4))
	differs := false
	for iter := 0; iter < 100; iter++ {
		k := 1 + r.IntN(30)
		ap, bp := matOperand(r, mr*k, iter%4 == 0), matOperand(r, nr*k, iter%4 == 0)
		c := matOperand(r, mr*nr, false)
		ref := append([]float32(nil), c...)
		load := iter%2 == 1
		fk.run(k, ap, bp, c, nr, load)
		plain := append([]float32(nil), ref...)
		kernelGo(k, ap, bp, plain, load, mr, nr)
		for i := range ref {
			acc := math.Float32frombits(negZero)
			if load {
				acc = ref[i]
			}
			for s := 0; s < k; s++ {
				acc = fma32(ap[s*mr+i/nr], bp[s*nr+i%nr], acc)
			}
			x, y := math.Float32bits(c[i]), math.Float32bits(acc)
			if x != y && !(isNaNWord(x) && isNaNWord(y)) {
				t.Fatalf("k=%d lane %d: %s kernel %#x, fma reference %#x", k, i, fk.name, x, y)
			}
			if math.Float32bits(plain[i]) != y {
				differs = true
			}
		}
	}
	if !differs {
		t.Fatal("FMA and MUL-then-ADD agreed on every lane: the test does not tell them apart")
	}
}
