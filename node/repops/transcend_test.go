package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Known-answer vectors of Philox4x32-10 from the Random123 distribution.
func TestPhiloxKAT(t *testing.T) {
	cases := []struct {
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{[4]uint32{0, 0, 0, 0}, [2]uint32{0, 0}, [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff}, [4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0}, [4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	}
	for _, c := range cases {
		if got := Philox4x32(c.ctr, c.key); got != c.want {
			t.Errorf("Philox4x32(%x, %x) = %x, want %x", c.ctr, c.key, got, c.want)
		}
		b := builder{rec: true}
		var ctr [4]Operand
		for i := range ctr {
			ctr[i] = imm(c.ctr[i])
		}
		out := philoxProg(&b, ctr, [2]Operand{imm(c.key[0]), imm(c.key[1])})
		for i := range out {
			if out[i].Word != c.want[i] {
				t.Errorf("philoxProg word %d = %x, want %x", i, out[i].Word, c.want[i])
			}
		}
		if len(b.entries) != 98 {
			t.Errorf("philox program has %d entries, want 98", len(b.entries))
		}
		if _, err := Replay(b.entries); err != nil {
			t.Error(err)
		}
	}
}

func TestUniform01(t *testing.T) {
	if Uniform01(0) != 0 || Uniform01(0xFFFFFFFF) != float32(1-math.Ldexp(1, -24)) || Uniform01(0x80000000) != 0.5 {
		t.Fatal("Uniform01 endpoints")
	}
}

func ulpDiff(a, b float32) int64 {
	ia, ib := int64(int32(math.Float32bits(a))), int64(int32(math.Float32bits(b)))
	if ia < 0 {
		ia = math.MinInt32 - ia
	}
	if ib < 0 {
		ib = math.MinInt32 - ib
	}
	d := ia - ib
	if d < 0 {
		d = -d
	}
	return d
}

// TestExpAccuracy measures the error of the exp program against float64
// math.Exp rounded to float32 (accuracy only; bit-exactness is pinned by the
// trace vectors).
func TestExpAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var maxNormal, maxSub int64
	for i := 0; i < 200000; i++ {
		x := float32(r.Float64()*(88.7+103.9) - 103.9)
		if i%4 == 0 {
			x = float32(r.NormFloat64() * 2)
		}
		got := Exp(x)
		want := float32(math.Exp(float64(x)))
		d := ulpDiff(got, want)
		if want < math.SmallestNonzeroFloat32*(1<<23) {
			maxSub = max(maxSub, d)
		} else {
			maxNormal = max(maxNormal, d)
		}
	}
	t.Logf("exp: max error %d ulp (normal results), %d ulp (subnormal results)", maxNormal, maxSub)
	if maxNormal > 2 || maxSub > 2 {
		t.Fatalf("exp error too large: %d / %d ulp", maxNormal, maxSub)
	}
	specials := map[float32]float32{
		0: 1, float32(math.Inf(1)): float32(math.Inf(1)), float32(math.Inf(-1)): 0,
		100: float32(math.Inf(1)), -200: 0, 88.8: float32(math.Inf(1)),
	}
	for x, want := range specials {
		if got := Exp(x); got != want {
			t.Errorf("Exp(%v) = %v, want %v", x, got, want)
		}
	}
	if w := math.Float32bits(Exp(f32(CanonicalNaN))); w != CanonicalNaN {
		t.Errorf("Exp(NaN) = %#x", w)
	}
}

func TestLogAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var maxd int64
	for i := 0; i < 200000; i++ {
		w := r.Uint32() & 0x7FFFFFFF
		if w >= 0x7F800000 || w == 0 {
			continue
		}
		if i%3 == 0 {
			w = 0x3F000000 + r.Uint32()%0x01000000 // [0.5, 2)
		}
		x := f32(w)
		got := Log(x)
		want := float32(math.Log(float64(x)))
		maxd = max(maxd, ulpDiff(got, want))
	}
	t.Logf("log: max error %d ulp", maxd)
	if maxd > 2 {
		t.Fatalf("log error too large: %d ulp", maxd)
	}
	inf := float32(math.Inf(1))
	specials := []struct{ x, want float32 }{
		{1, 0}, {0, -inf}, {f32(0x80000000), -inf}, {inf, inf},
	}
	for _, s := range specials {
		if got := Log(s.x); got != s.want || math.Signbit(float64(got)) != math.Signbit(float64(s.want)) {
			t.Errorf("Log(%v) = %v, want %v", s.x, got, s.want)
		}
	}
	for _, x := range []float32{-1, -inf, f32(CanonicalNaN), f32(0xFFC00001)} {
		if w := math.Float32bits(Log(x)); w != CanonicalNaN {
			t.Errorf("Log(%v) = %#x, want NaN", x, w)
		}
	}
}

func TestTranscendentalTraces(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for i := 0; i < 2000; i++ {
		x := f32(randWord(r))
		te, tl := TraceExp(x), TraceLog(x)
		if len(te) != 24 || len(tl) != 40 {
			t.Fatalf("trace lengths %d, %d", len(te), len(tl))
		}
		if got, err := Replay(te); err != nil || got != math.Float32bits(Exp(x)) {
			t.Fatalf("exp replay %v: %#x vs %#x", err, got, math.Float32bits(Exp(x)))
		}
		if got, err := Replay(tl); err != nil || got != math.Float32bits(Log(x)) {
			t.Fatalf("log replay %v: %#x vs %#x", err, got, math.Float32bits(Log(x)))
		}
	}
}
