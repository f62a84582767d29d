//go:build !purego

package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFMAKernel: the benchmark-only FMA kernel computes what it claims,
// c = fma(a, b, c) per step with one rounding (the Fma primitive), so that
// the FMA figures in docs/repops.md measure a correct kernel; and it is in
// no kernel table, so MatMul can never run it.
func TestFMAKernel(t *testing.T) {
	if !fmaKernel.supported() {
		t.Skip("no AVX2+FMA on this CPU")
	}
	for _, k := range kernelTable {
		if k == fmaKernel || k.name == fmaKernel.name {
			t.Fatal("the FMA kernel is in the kernel table")
		}
	}
	r := rand.New(rand.NewPCG(12, 4))
	differs := false
	for iter := 0; iter < 100; iter++ {
		k := 1 + r.IntN(30)
		ap, bp := matOperand(r, 6*k, iter%4 == 0), matOperand(r, 16*k, iter%4 == 0)
		c := matOperand(r, 6*16, false)
		ref := append([]float32(nil), c...)
		load := iter%2 == 1
		fmaKernel.run(k, ap, bp, c, 16, load)
		plain := append([]float32(nil), ref...)
		kernelGo(k, ap, bp, plain, load, 6, 16)
		for i := range ref {
			acc := math.Float32frombits(negZero)
			if load {
				acc = ref[i]
			}
			for s := 0; s < k; s++ {
				acc = fma32(ap[s*6+i/16], bp[s*16+i%16], acc)
			}
			x, y := math.Float32bits(c[i]), math.Float32bits(acc)
			if x != y && !(isNaNWord(x) && isNaNWord(y)) {
				t.Fatalf("k=%d lane %d: FMA kernel %#x, fma reference %#x", k, i, x, y)
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
