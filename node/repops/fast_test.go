package repops

import (
	"flag"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

var fastSweep = flag.Bool("fastsweep", false, "compare exp32 and log32 with the exp and log programs on every binary32 word")

func bitsOf(f float32) uint32 { return math.Float32bits(f) }

// TestFmaFastMatchesFMA: the FMA shortcut equals the exact FMA (fma32, which
// prim_test.go checks against big.Rat) on edge words, random words, products
// on and near binary32 midpoints, and results in the subnormal range.
func TestFmaFastMatchesFMA(t *testing.T) {
	check := func(a, b, c uint32) {
		t.Helper()
		got, want := canon(fmaFast(f32(a), f32(b), f32(c))), Exec(FMA, a, b, c)
		if got != want {
			t.Fatalf("fmaFast(%#08x, %#08x, %#08x) = %#08x, FMA %#08x", a, b, c, got, want)
		}
	}
	for _, a := range edgeWords {
		for _, b := range edgeWords {
			for _, c := range edgeWords {
				check(a, b, c)
			}
		}
	}
	r := rand.New(rand.NewPCG(41, 42))
	n := 2000000
	if testing.Short() {
		n = 200000
	}
	slow := 0
	for i := 0; i < n; i++ {
		var a, b, c uint32
		switch i % 4 {
		case 0:
			a, b, c = randWord(r), randWord(r), randWord(r)
		case 1: // cancellation: c near -a*b
			a, b = randNormal(r), randNormal(r)
			p := float32(f32(a) * f32(b))
			c = randNear(r, bitsOf(-p))
		case 2: // midpoint products nudged by a tiny c (TestFMADoubleRounding)
			a = 0x3F800000 | uint32(r.IntN(1<<11))<<12 | uint32(r.IntN(2))<<11
			b = 0x3F800000 | uint32(r.IntN(1<<11))<<12 | uint32(r.IntN(2))<<11
			nudge := math.Ldexp(1, -(40 + r.IntN(60)))
			if r.IntN(2) == 0 {
				nudge = -nudge
			}
			c = bitsOf(float32(nudge))
			e := int32(r.IntN(200)) - 100 // move the product around the exponent range
			a = uint32(int32(a) + e<<23)
			c = uint32(int32(c) + e<<23)
		case 3: // results near and below 2^-126
			a = r.Uint32()&0x807FFFFF | uint32(40+r.IntN(40))<<23
			b = r.Uint32()&0x807FFFFF | uint32(40+r.IntN(40))<<23
			c = r.Uint32() & 0x80FFFFFF
		}
		if fmaRisky(float64(float64(f32(a))*float64(f32(b))) + float64(f32(c))) {
			slow++
		}
		check(a, b, c)
	}
	if slow == 0 {
		t.Fatal("no case took fma32's path")
	}
	t.Logf("%d of %d cases fell back to fma32", slow, n)
}

// TestExpLogFastMatchPrograms: exp32, exp2 and log32 equal the exp and log
// programs bit for bit on edge words, on random words of every class, and on
// every 4099th word (every word with -fastsweep, which takes hours).
func TestExpLogFastMatchPrograms(t *testing.T) {
	check := func(w uint32) bool {
		x, x2 := f32(w), f32(w*0x01000193+0x9E3779B9) // exp2 takes a second, unrelated input
		e0, e1 := exp2(x, x2)
		return bitsOf(exp32(x)) == bitsOf(Exp(x)) && bitsOf(log32(x)) == bitsOf(Log(x)) &&
			bitsOf(e0) == bitsOf(Exp(x)) && bitsOf(e1) == bitsOf(Exp(x2))
	}
	for _, w := range edgeWords {
		if !check(w) {
			t.Fatalf("word %#08x: exp32 %#08x / exp %#08x, log32 %#08x / log %#08x", w,
				bitsOf(exp32(f32(w))), bitsOf(Exp(f32(w))), bitsOf(log32(f32(w))), bitsOf(Log(f32(w))))
		}
	}
	stride := uint64(4099)
	if *fastSweep {
		stride = 1
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	bad := make([]uint64, workers)
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			bad[k] = 1 << 32
			for w := uint64(k) * stride; w < 1<<32; w += uint64(workers) * stride {
				if !check(uint32(w)) {
					bad[k] = w
					return
				}
			}
		}(k)
	}
	wg.Wait()
	for _, w := range bad {
		if w < 1<<32 {
			t.Fatalf("word %#08x: exp32 %#08x / exp %#08x, log32 %#08x / log %#08x", w,
				bitsOf(exp32(f32(uint32(w)))), bitsOf(Exp(f32(uint32(w)))), bitsOf(log32(f32(uint32(w)))), bitsOf(Log(f32(uint32(w)))))
		}
	}
	r := rand.New(rand.NewPCG(43, 44))
	gaveUp := 0
	for i := 0; i < 200000; i++ {
		w := randWord(r)
		if i%2 == 0 { // the exp range that matters: [-104, 89]
			w = bitsOf(float32(int32(r.Uint32())) * (1.0 / (1 << 31)) * 110)
		}
		if !check(w) {
			t.Fatalf("word %#08x: exp32 %#08x / exp %#08x, log32 %#08x / log %#08x", w,
				bitsOf(exp32(f32(w))), bitsOf(Exp(f32(w))), bitsOf(log32(f32(w))), bitsOf(Log(f32(w))))
		}
		if _, ok := expFast(f32(w)); !ok {
			gaveUp++
		}
	}
	if _, ok := expFast(0); !ok {
		t.Fatal("expFast gives up on exp(0)")
	}
	t.Logf("expFast gave up on %d of 200000 random inputs", gaveUp)
}

// specialTensor fills a tensor with words of every IEEE class, mixed with
// ordinary values of the given scale.
func specialTensor(r *rand.Rand, scale float32, shape ...int) Tensor {
	t := randTensor(r, scale, shape...)
	for i := range t.Data {
		if r.IntN(3) == 0 {
			t.Data[i] = f32(randWord(r))
		}
	}
	return t
}

// TestFastKernelsMatchPrograms runs every operator's CPU kernel and the
// element-program interpreter on larger inputs than the other operator
// tests, with IEEE specials mixed into ordinary values, labels that are
// out of range, negative, fractional or NaN, and rows that are all -inf
// or hold +inf, and compares every element's bits.
func TestFastKernelsMatchPrograms(t *testing.T) {
	r := rand.New(rand.NewPCG(45, 46))
	for iter := 0; iter < 20; iter++ {
		m, n := 1+r.IntN(40), 1+r.IntN(24)
		logits := specialTensor(r, 20, m, n)
		if iter%2 == 0 {
			logits = randTensor(r, 20, m, n)
		}
		switch r.IntN(3) {
		case 0:
			for j := 0; j < n; j++ {
				logits.Data[j] = f32(f32NegInf)
			}
		case 1:
			logits.Data[r.IntN(len(logits.Data))] = f32(f32Inf)
		}
		lse := NewTensor(m)
		if err := (Interp{}).Run(OpLogSumExp, nil, []Tensor{logits}, lse); err != nil {
			t.Fatal(err)
		}
		if iter%3 == 1 {
			lse = specialTensor(r, 20, m)
		}
		y := labels(r, m, n)
		for i := range y.Data {
			switch r.IntN(8) {
			case 0:
				y.Data[i] = float32(n + r.IntN(3))
			case 1:
				y.Data[i] = -1
			case 2:
				y.Data[i] = 0.5
			case 3:
				y.Data[i] = f32(CanonicalNaN)
			}
		}
		w := specialTensor(r, 0.1, m, n)
		g := specialTensor(r, 0.1, m, n)
		mo, vo := specialTensor(r, 0.1, m, n), specialTensor(r, 0.01, m, n)
		vpos := randTensor(r, 0.01, m, n)
		for i := range vpos.Data {
			vpos.Data[i] = float32(math.Abs(float64(vpos.Data[i])))
		}
		sc := func() Tensor { return scalar(f32(randWord(r))) }
		c := []bool{false, false, true}
		cases := []opCase{
			{OpBiasAdd, nil, []Tensor{specialTensor(r, 1, m, n), specialTensor(r, 1, n)}, nil},
			{OpReLU, nil, []Tensor{specialTensor(r, 1, m, n)}, nil},
			{OpReLUGrad, nil, []Tensor{specialTensor(r, 1, m, n), specialTensor(r, 1, m, n)}, nil},
			{OpColSum, nil, []Tensor{specialTensor(r, 1, m, n)}, nil},
			{OpBatchIndex, []uint32{r.Uint32(), r.Uint32(), 1 + uint32(r.IntN(1<<24))}, []Tensor{StepTensor(r.Uint32())}, nil},
			{OpLogSumExp, nil, []Tensor{logits}, nil},
			{OpSoftmaxXentLoss, nil, []Tensor{logits, lse, y}, nil},
			{OpMean, nil, []Tensor{specialTensor(r, 1, m*n)}, nil},
			{OpSoftmaxXentGrad, nil, []Tensor{logits, lse, y}, nil},
			{OpSGDVelocity, nil, []Tensor{w, g, scalar(0.9)}, c},
			{OpSGDVelocity, nil, []Tensor{w, g, sc()}, c},
			{OpSGDParam, nil, []Tensor{w, g, sc()}, c},
			{OpAdamMoment, []uint32{1}, []Tensor{mo, g, scalar(0.9)}, c},
			{OpAdamMoment, []uint32{2}, []Tensor{vo, g, scalar(0.999)}, c},
			{OpAdamMoment, []uint32{2}, []Tensor{vo, g, sc()}, c},
			{OpScalarMul, nil, []Tensor{sc(), sc()}, []bool{false, true}},
			{OpAdamParam, nil, []Tensor{w, mo, vpos, scalar(0.9), scalar(0.999), scalar(0.001), scalar(1e-7)},
				[]bool{false, false, false, false, false, true, true}},
			{OpAdamParam, nil, []Tensor{w, mo, vo, sc(), sc(), sc(), sc()},
				[]bool{false, false, false, false, false, true, true}},
			{OpIncrement, nil, []Tensor{StepTensor(r.Uint32())}, nil},
		}
		for _, c := range cases {
			out, ref := runOp(t, CPU{}, c), runOp(t, Interp{}, c)
			for e := range out.Data {
				if bitsOf(out.Data[e]) != bitsOf(ref.Data[e]) {
					t.Fatalf("iter %d %v [%d x %d] element %d: kernel %#08x, program %#08x", iter, c.op, m, n, e, bitsOf(out.Data[e]), bitsOf(ref.Data[e]))
				}
			}
		}
		// The fused optimizer passes equal the operators one by one, also
		// when they write over their state inputs.
		b1, b2, lr, eps := f32(randWord(r)), float32(0.999), float32(0.001), float32(1e-7)
		if iter%2 == 0 {
			b1 = 0.9
		}
		b1t, b2t := scalar(Mul(0.9, 0.9)), scalar(Mul(0.999, 0.999))
		wantM := runOp(t, Interp{}, opCase{OpAdamMoment, []uint32{1}, []Tensor{mo, g, scalar(b1)}, c})
		wantV := runOp(t, Interp{}, opCase{OpAdamMoment, []uint32{2}, []Tensor{vo, g, scalar(b2)}, c})
		wantP := runOp(t, Interp{}, opCase{OpAdamParam, nil, []Tensor{w, wantM, wantV, b1t, b2t, scalar(lr), scalar(eps)},
			[]bool{false, false, false, false, false, true, true}})
		p2, m2, v2 := w.Clone(), mo.Clone(), vo.Clone()
		adamFused(p2.Data, m2.Data, v2.Data, p2.Data, m2.Data, v2.Data, g.Data, b1, b2, b1t.Data[0], b2t.Data[0], lr, eps)
		if !tensorsEqual([]Tensor{p2, m2, v2}, []Tensor{wantP, wantM, wantV}) {
			t.Fatalf("iter %d: fused Adam differs from the operators", iter)
		}
		mu := f32(randWord(r))
		wantVel := runOp(t, Interp{}, opCase{OpSGDVelocity, nil, []Tensor{vo, g, scalar(mu)}, c})
		wantPar := runOp(t, Interp{}, opCase{OpSGDParam, nil, []Tensor{w, wantVel, scalar(lr)}, c})
		p2, v2 = w.Clone(), vo.Clone()
		sgdFused(p2.Data, v2.Data, p2.Data, v2.Data, g.Data, mu, lr)
		if !tensorsEqual([]Tensor{p2, v2}, []Tensor{wantPar, wantVel}) {
			t.Fatalf("iter %d: fused SGD differs from the operators", iter)
		}
	}
}

// TestAdamFusedMatchesGo: adamFused (SSE on amd64) equals adamFusedGo bit
// for bit on inputs of every IEEE class, for every length up to 67 and at
// unaligned offsets, writing into fresh outputs and over its inputs.
func TestAdamFusedMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(49, 50))
	for iter := 0; iter < 400; iter++ {
		n, off := iter%68, r.IntN(4)
		mk := func(scale float32) []float32 { return specialTensor(r, scale, n+off).Data[off:] }
		p, m, v, g := mk(0.1), mk(0.1), mk(0.01), mk(0.1)
		if iter%3 == 0 {
			for i := range v {
				v[i] = float32(math.Abs(float64(v[i])))
			}
		}
		sc := []float32{0.9, 0.999, 0.81, 0.998001, 0.001, 1e-7}
		if iter%4 == 1 {
			for i := range sc {
				sc[i] = f32(randWord(r))
			}
		}
		wp, wm, wv := make([]float32, n), make([]float32, n), make([]float32, n)
		adamFusedGo(wp, wm, wv, p, m, v, g, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5])
		gp, gm, gv := make([]float32, n), make([]float32, n), make([]float32, n)
		adamFused(gp, gm, gv, p, m, v, g, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5])
		adamFused(p, m, v, p, m, v, g, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5]) // in place
		for i := 0; i < n; i++ {
			for _, c := range [][3]float32{{gp[i], gm[i], gv[i]}, {p[i], m[i], v[i]}} {
				if bitsOf(c[0]) != bitsOf(wp[i]) || bitsOf(c[1]) != bitsOf(wm[i]) || bitsOf(c[2]) != bitsOf(wv[i]) {
					t.Fatalf("n %d element %d: (p, m, v) = (%#08x, %#08x, %#08x), Go (%#08x, %#08x, %#08x)", n, i,
						bitsOf(c[0]), bitsOf(c[1]), bitsOf(c[2]), bitsOf(wp[i]), bitsOf(wm[i]), bitsOf(wv[i]))
				}
			}
		}
	}
}

// FuzzFmaFast: the FMA shortcut against the exact FMA on fuzzed words
// (`go test -run XXX -fuzz FuzzFmaFast ./node/repops`).
func FuzzFmaFast(f *testing.F) {
	f.Add(uint32(0x3F801000), uint32(0x3F801000), uint32(0x1F800000)) // (1+2^-12)^2 + 2^-80
	f.Add(uint32(0x00800000), uint32(0x3F000000), uint32(0x80000001))
	f.Fuzz(func(t *testing.T, a, b, c uint32) {
		if got, want := canon(fmaFast(f32(a), f32(b), f32(c))), Exec(FMA, a, b, c); got != want {
			t.Fatalf("fmaFast(%#08x, %#08x, %#08x) = %#08x, FMA %#08x", a, b, c, got, want)
		}
	})
}

// FuzzExpLogFast: exp32, exp2 and log32 against the programs on fuzzed
// words (`go test -run XXX -fuzz FuzzExpLogFast ./node/repops`).
func FuzzExpLogFast(f *testing.F) {
	f.Add(uint32(0), uint32(0x80000000))
	f.Add(uint32(0x42B17218), uint32(0xC2CFF1B5))
	f.Fuzz(func(t *testing.T, a, b uint32) {
		x, y := f32(a), f32(b)
		e0, e1 := exp2(x, y)
		if bitsOf(exp32(x)) != bitsOf(Exp(x)) || bitsOf(e0) != bitsOf(Exp(x)) || bitsOf(e1) != bitsOf(Exp(y)) ||
			bitsOf(log32(x)) != bitsOf(Log(x)) {
			t.Fatalf("words %#08x, %#08x: exp32 %#08x, exp2 (%#08x, %#08x), programs (%#08x, %#08x); log32 %#08x, program %#08x",
				a, b, bitsOf(exp32(x)), bitsOf(e0), bitsOf(e1), bitsOf(Exp(x)), bitsOf(Exp(y)), bitsOf(log32(x)), bitsOf(Log(x)))
		}
	})
}
