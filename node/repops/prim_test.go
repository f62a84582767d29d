package repops

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"
)

// edgeWords covers the IEEE classes: signed zeros, subnormals, the normal
// limits, infinities, NaN payloads, and values around 1 and the integers.
var edgeWords = []uint32{
	0x00000000, 0x80000000, // +-0
	0x00000001, 0x80000001, // smallest subnormal
	0x00000002, 0x00000003, 0x007FFFFF, 0x807FFFFF, // subnormals, largest subnormal
	0x00400000, 0x80400000,
	0x00800000, 0x80800000, // smallest normal
	0x00800001, 0x01000000, 0x0C000000,
	0x7F7FFFFF, 0xFF7FFFFF, // largest normal
	0x7F7FFFFE, 0x7F000000, 0x5F000000, 0xDF000000, // 2^63 etc
	0x4F000000, 0xCF000000, 0x4F7FFFFF, 0xCF000001, // around +-2^31
	0x7F800000, 0xFF800000, // +-inf
	0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FFFFFFF, 0x7FA00000, // NaNs
	0x3F800000, 0xBF800000, 0x3F800001, 0x3F7FFFFF, // 1, -1, 1+ulp, 1-ulp
	0x40000000, 0x40400000, 0x3F000000, 0x3EAAAAAB, // 2, 3, 0.5, 1/3
	0x33800000, 0x33800001, 0x34000000, // 2^-24 (half ulp of 1), 2^-23
	0x4B800000, 0x4B800001, 0x4B7FFFFF, // 2^24 neighbourhood
	0x3F3504F3, 0x3FB504F3, // sqrt(1/2), sqrt(2)
	0x00000007, 0x7FFFFFFE, 0xFFFFFFFF, 0x80000001, 0x12345678,
}

func checkPrim(t testing.TB, op Prim, a, b, c uint32) {
	got := Exec(op, a, b, c)
	want := refPrim(op, a, b, c)
	if got != want {
		t.Fatalf("%v(%#08x, %#08x, %#08x) = %#08x, reference %#08x", op, a, b, c, got, want)
	}
}

func allPrims() []Prim {
	var ps []Prim
	for p := ADD; p < NumPrims; p++ {
		ps = append(ps, p)
	}
	return ps
}

func TestPrimNames(t *testing.T) {
	for _, p := range allPrims() {
		q, ok := PrimByName(p.String())
		if !ok || q != p {
			t.Fatalf("name round trip failed for %#x", uint8(p))
		}
	}
	if Prim(0).Valid() || Prim(NumPrims).Valid() {
		t.Fatal("invalid codes reported valid")
	}
	if FMA.String() != "FMA" || ULT != 0x1B || SELECT != 0x0D {
		t.Fatal("table changed")
	}
}

func TestPrimEdgeClasses(t *testing.T) {
	for _, op := range allPrims() {
		n := op.Arity()
		for _, a := range edgeWords {
			if n == 1 {
				checkPrim(t, op, a, 0, 0)
				continue
			}
			for _, b := range edgeWords {
				if n == 2 {
					checkPrim(t, op, a, b, 0)
					continue
				}
				for i, c := range edgeWords {
					if op == FMA && i%3 != 0 && a != b { // keep the triple loop small
						continue
					}
					checkPrim(t, op, a, b, c)
				}
			}
		}
	}
}

// TestPrimHalfway checks exact ties, which must round to even.
func TestPrimHalfway(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		a := randNormal(r)
		e := (a >> 23) & 0xFF
		if e < 26 {
			continue
		}
		half := (e - 24) << 23 // half an ulp of a, same sign
		half |= a & 0x80000000
		checkPrim(t, ADD, a, half, 0)
		checkPrim(t, SUB, a, half^0x80000000, 0)
		checkPrim(t, ADD, a, half|1<<22, 0) // 3/4 ulp
		checkPrim(t, FMA, a, 0x3F800000, half)
	}
	// Integer ties for the conversions: 2^24+1 and 2^24+3 are halfway.
	for _, v := range []uint32{1<<24 + 1, 1<<24 + 3, 1<<25 + 2, 1<<25 + 6, 0xFFFFFFFF, 0x80000000, 0x7FFFFFC0, 0x7FFFFFBF} {
		checkPrim(t, I2F, v, 0, 0)
		checkPrim(t, I2F, -v, 0, 0)
		checkPrim(t, U2F, v, 0, 0)
	}
	// Subnormal results of MUL and DIV at a tie: 3*2^-150 rounds to 2*2^-149.
	checkPrim(t, MUL, 0x00000003, 0x3F000000, 0)
	checkPrim(t, MUL, 0x00000001, 0x3F000000, 0)
	checkPrim(t, DIV, 0x00000005, 0x40000000, 0)
}

// TestFMADoubleRounding pins the cases where float32(math.FMA(...)) is wrong.
func TestFMADoubleRounding(t *testing.T) {
	a := math.Float32bits(1 + 1.0/4096) // (1+2^-12)^2 = 1 + 2^-11 + 2^-24
	c := math.Float32bits(float32(math.Ldexp(1, -80)))
	got := Exec(FMA, a, a, c)
	want := math.Float32bits(1 + 1.0/2048 + 1.0/(1<<23))
	if got != want || refFMA(a, a, c) != want {
		t.Fatalf("FMA double rounding case: got %#08x want %#08x", got, want)
	}
	naive := math.Float32bits(float32(math.FMA(float64(f32(a)), float64(f32(a)), float64(f32(c)))))
	if naive == want {
		t.Fatal("expected the naive double-rounding FMA to differ on this case")
	}
	// Products that are exact binary32 midpoints, nudged by a tiny c: the
	// binary64 sum rounds back onto the midpoint and the naive
	// float32(math.FMA(...)) then rounds it a second time.
	r := rand.New(rand.NewPCG(3, 4))
	diffs := 0
	for i := 0; i < 20000; i++ {
		x := 0x3F800000 | uint32(r.IntN(1<<11))<<12 | uint32(r.IntN(2))<<11
		y := 0x3F800000 | uint32(r.IntN(1<<11))<<12 | uint32(r.IntN(2))<<11
		nudge := math.Ldexp(1, -(54 + r.IntN(40)))
		if r.IntN(2) == 0 {
			nudge = -nudge
		}
		cw := math.Float32bits(float32(nudge))
		checkPrim(t, FMA, x, y, cw)
		if math.Float32bits(float32(math.FMA(float64(f32(x)), float64(f32(y)), float64(f32(cw))))) != Exec(FMA, x, y, cw) {
			diffs++
		}
	}
	if diffs == 0 {
		t.Fatal("the midpoint construction found no double-rounding case")
	}
	t.Logf("naive double-rounded FMA differed in %d of 20000 near-midpoint cases", diffs)
}

func randNormal(r *rand.Rand) uint32 {
	e := uint32(1 + r.IntN(254))
	return r.Uint32()&0x807FFFFF | e<<23
}

// randWord draws words biased toward interesting classes.
func randWord(r *rand.Rand) uint32 {
	switch r.IntN(10) {
	case 0:
		return edgeWords[r.IntN(len(edgeWords))]
	case 1:
		return r.Uint32() & 0x807FFFFF // subnormal or zero
	case 2, 3:
		e := uint32(110 + r.IntN(35)) // around 1
		return r.Uint32()&0x807FFFFF | e<<23
	case 4:
		return r.Uint32() & 0x80FFFFFF // tiny normals and subnormals
	default:
		return r.Uint32()
	}
}

// randNear returns a word with an exponent close to a's (cancellation cases).
func randNear(r *rand.Rand, a uint32) uint32 {
	if r.IntN(4) == 0 {
		return randWord(r)
	}
	e := int((a>>23)&0xFF) + r.IntN(7) - 3
	if e < 0 || e > 254 {
		e = 127
	}
	return r.Uint32()&0x807FFFFF | uint32(e)<<23
}

func TestPrimRandom(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, op := range allPrims() {
		for i := 0; i < n; i++ {
			a := randWord(r)
			b := randNear(r, a)
			c := randNear(r, a)
			if op == FMA && r.IntN(2) == 0 {
				// make c cancel the product roughly
				p := f32(a) * f32(b)
				c = math.Float32bits(-p) ^ r.Uint32()&0xFFF
			}
			if op == SELECT && r.IntN(2) == 0 {
				c = 0
			}
			if (op == SHL || op == SHR) && r.IntN(2) == 0 {
				b &= 63
			}
			checkPrim(t, op, a, b, c)
		}
	}
}

func TestTypedHelpers(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	w := math.Float32bits
	for i := 0; i < 5000; i++ {
		a, b, c := randWord(r), randWord(r), randWord(r)
		fa, fb, fc := f32(a), f32(b), f32(c)
		pairs := [][2]uint32{
			{w(Add(fa, fb)), Exec(ADD, a, b, 0)},
			{w(Sub(fa, fb)), Exec(SUB, a, b, 0)},
			{w(Mul(fa, fb)), Exec(MUL, a, b, 0)},
			{w(Div(fa, fb)), Exec(DIV, a, b, 0)},
			{w(Fma(fa, fb, fc)), Exec(FMA, a, b, c)},
			{w(Sqrt(fa)), Exec(SQRT, a, 0, 0)},
			{w(Min(fa, fb)), Exec(MIN, a, b, 0)},
			{w(Max(fa, fb)), Exec(MAX, a, b, 0)},
			{w(Neg(fa)), Exec(NEG, a, 0, 0)},
			{b2w(Lt(fa, fb)), Exec(LT, a, b, 0)},
			{w(Select(c, fa, fb)), Exec(SELECT, a, b, c)},
		}
		for k, p := range pairs {
			if p[0] != p[1] {
				t.Fatalf("helper %d (%#x,%#x,%#x): %#x vs Exec %#x", k, a, b, c, p[0], p[1])
			}
		}
	}
}

// Fuzz targets: one per primitive, each against the exact reference.
// Run e.g. `go test -run XXX -fuzz FuzzFMA ./node/repops`.
func fuzzPrim(f *testing.F, op Prim) {
	for i, a := range edgeWords {
		f.Add(a, edgeWords[(i*7+3)%len(edgeWords)], edgeWords[(i*11+5)%len(edgeWords)])
	}
	f.Fuzz(func(t *testing.T, a, b, c uint32) { checkPrim(t, op, a, b, c) })
}

func FuzzADD(f *testing.F)    { fuzzPrim(f, ADD) }
func FuzzSUB(f *testing.F)    { fuzzPrim(f, SUB) }
func FuzzMUL(f *testing.F)    { fuzzPrim(f, MUL) }
func FuzzDIV(f *testing.F)    { fuzzPrim(f, DIV) }
func FuzzFMA(f *testing.F)    { fuzzPrim(f, FMA) }
func FuzzSQRT(f *testing.F)   { fuzzPrim(f, SQRT) }
func FuzzMIN(f *testing.F)    { fuzzPrim(f, MIN) }
func FuzzMAX(f *testing.F)    { fuzzPrim(f, MAX) }
func FuzzNEG(f *testing.F)    { fuzzPrim(f, NEG) }
func FuzzLT(f *testing.F)     { fuzzPrim(f, LT) }
func FuzzLE(f *testing.F)     { fuzzPrim(f, LE) }
func FuzzEQ(f *testing.F)     { fuzzPrim(f, EQ) }
func FuzzSELECT(f *testing.F) { fuzzPrim(f, SELECT) }
func FuzzI2F(f *testing.F)    { fuzzPrim(f, I2F) }
func FuzzF2I(f *testing.F)    { fuzzPrim(f, F2I) }
func FuzzU2F(f *testing.F)    { fuzzPrim(f, U2F) }
func FuzzIADD(f *testing.F)   { fuzzPrim(f, IADD) }
func FuzzISUB(f *testing.F)   { fuzzPrim(f, ISUB) }
func FuzzIMUL(f *testing.F)   { fuzzPrim(f, IMUL) }
func FuzzIMULHI(f *testing.F) { fuzzPrim(f, IMULHI) }
func FuzzXOR(f *testing.F)    { fuzzPrim(f, XOR) }
func FuzzAND(f *testing.F)    { fuzzPrim(f, AND) }
func FuzzOR(f *testing.F)     { fuzzPrim(f, OR) }
func FuzzSHL(f *testing.F)    { fuzzPrim(f, SHL) }
func FuzzSHR(f *testing.F)    { fuzzPrim(f, SHR) }
func FuzzUREM(f *testing.F)   { fuzzPrim(f, UREM) }
func FuzzULT(f *testing.F)    { fuzzPrim(f, ULT) }

var exhaustive = flag.Bool("exhaustive", false, "check SQRT on every positive binary32 input")

// TestSqrtMidpoints checks SQRT's correct rounding by exact midpoint tests:
// for r = SQRT(x) the midpoints m between r and its neighbours have at most
// 25 significant bits, so m*m is exact in float64 and must bracket x
// strictly. A stride covers every exponent; -exhaustive checks all 2^31 - 2^23
// finite positive inputs.
func TestSqrtMidpoints(t *testing.T) {
	stride := uint32(4099)
	if *exhaustive {
		stride = 1
	}
	for w := uint32(1); w < 0x7F800000; w += stride {
		r := Exec(SQRT, w, 0, 0)
		x := float64(f32(w))
		rv := float64(f32(r))
		lo := (float64(f32(r-1)) + rv) / 2
		hi := (float64(f32(r+1)) + rv) / 2
		if !(float64(lo*lo) < x && x < float64(hi*hi)) {
			t.Fatalf("SQRT(%#08x) = %#08x is not correctly rounded", w, r)
		}
	}
}
