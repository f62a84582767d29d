package float32evm

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// casesPerPrim is the number of random cases per primitive: 20,000 by
// default, GENSYN_F32_CASES=N for the long run (e.g. 1000000).
func casesPerPrim(t testing.TB) int {
	if s := os.Getenv("GENSYN_F32_CASES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			t.Fatalf("GENSYN_F32_CASES=%q: want a non-negative integer", s)
		}
		return n
	}
	if testing.Short() {
		return 2000
	}
	return 20000
}

func newEVM(t testing.TB) *EVM {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func allPrims() []repops.Prim {
	var ps []repops.Prim
	for p := repops.Prim(1); p < repops.NumPrims; p++ {
		ps = append(ps, p)
	}
	return ps
}

func isFloatPrim(p repops.Prim) bool {
	switch p {
	case repops.ADD, repops.SUB, repops.MUL, repops.DIV, repops.FMA, repops.SQRT,
		repops.MIN, repops.MAX, repops.NEG, repops.LT, repops.LE, repops.EQ, repops.F2I:
		return true
	}
	return false
}

// edgeFloats are the binary32 edge classes.
var edgeFloats = []uint32{
	0x00000000, 0x80000000, // +-0
	0x00000001, 0x80000001, // smallest subnormal
	0x00000002, 0x00000003, 0x80000003,
	0x007FFFFF, 0x807FFFFF, // largest subnormal
	0x00400000, 0x00400001, 0x80400000, // half of min normal
	0x00800000, 0x80800000, // smallest normal
	0x00800001, 0x00FFFFFF, 0x01000000,
	0x7F7FFFFF, 0xFF7FFFFF, // largest normal
	0x7F7FFFFE, 0x7F000000, 0x7F000001, 0xFF000000,
	0x7F800000, 0xFF800000, // +-inf
	0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FBFFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x7FC12345, // NaNs
	0x3F800000, 0xBF800000, // +-1
	0x3F7FFFFF, 0x3F800001, 0xBF800001, // neighbours of 1
	0x3FC00000, 0x40000000, 0x3F000000, 0x40400000, 0xC0400000, // 1.5 2 0.5 3 -3
	0x33800000, 0x33800001, 0x337FFFFF, 0x34000000, // 2^-24 and neighbours, 2^-23
	0x4B800000, 0x4B800001, 0x4B7FFFFF, 0xCB800000, // 2^24
	0x4EFFFFFF, 0x4F000000, 0xCF000000, 0xCF000001, 0xCEFFFFFF, 0x4F800000, // int32 bounds
	0x3EFFFFFF, 0x3F3FFFFF, 0xBF7FFFFF, // fractions below 1
	0x1F800000, 0x5F800000, 0x20000000, 0x1F000000, 0x5F000000, // 2^-64, 2^64 (product edges)
	0x3FB504F3, 0x3FB504F4, // ~sqrt 2
	0x40490FDB, 0xC0490FDB, // pi
	0x00000010, 0x0000FFFF, 0x3F800000 ^ 0x7FFFFF,
}

// edgeInts are the integer-word edge classes.
var edgeInts = []uint32{
	0, 1, 2, 3, 7, 30, 31, 32, 33, 63, 64, 255, 256, 0xFFFF, 0x10000,
	0x00FFFFFF, 0x01000000, 0x01000001, 0x01FFFFFF, 0x02000001, 0x02000003,
	0x7FFFFF80, 0x7FFFFFBF, 0x7FFFFFC0, 0x7FFFFFFF, 0x80000000, 0x80000001, 0x80000040, 0x80000080,
	0xFFFFFF7F, 0xFFFFFF80, 0xFFFFFFC0, 0xFFFFFFFE, 0xFFFFFFFF, 0xDEADBEEF, 0x12345678,
}

func edgesFor(p repops.Prim) []uint32 {
	switch p {
	case repops.I2F, repops.U2F, repops.IADD, repops.ISUB, repops.IMUL, repops.IMULHI, repops.XOR,
		repops.AND, repops.OR, repops.SHL, repops.SHR, repops.UREM, repops.ULT:
		return append(append([]uint32{}, edgeInts...), edgeFloats...)
	case repops.SELECT:
		return []uint32{0, 1, 0x80000000, 0x7FC00000, 0x7F800001, 0xFFFFFFFF, 0x3F800000}
	}
	return append(append([]uint32{}, edgeFloats...), edgeInts...)
}

// edgeCases is every combination of edge words for one primitive (triples
// from a subset for the three-operand primitives).
func edgeCases(p repops.Prim) []Case {
	e := edgesFor(p)
	var cs []Case
	switch p.Arity() {
	case 1:
		for _, a := range e {
			cs = append(cs, Case{uint8(p), a, 0, 0})
		}
	case 2:
		for _, a := range e {
			for _, b := range e {
				cs = append(cs, Case{uint8(p), a, b, 0})
			}
		}
	default:
		sub := e
		if p == repops.FMA {
			sub = edgeFloats
		}
		for _, a := range sub {
			for _, b := range sub {
				for _, c := range sub {
					cs = append(cs, Case{uint8(p), a, b, c})
				}
			}
		}
	}
	return cs
}

// gen draws structured random operands that hit rounding ties, cancellation,
// subnormals, overflow and the int32 range far more often than uniform bits.
type gen struct{ r *rand.Rand }

func (g gen) sign() uint32 { return g.r.Uint32() & 0x80000000 }

// fewBits returns a 23-bit fraction with only the top k bits random.
func (g gen) fewBits() uint32 {
	k := g.r.IntN(24)
	return (g.r.Uint32() & 0x7FFFFF) >> (23 - k) << (23 - k)
}

func (g gen) float() uint32 {
	switch g.r.IntN(12) {
	case 0, 1, 2:
		return g.r.Uint32()
	case 3:
		if g.r.IntN(2) == 0 {
			return g.sign() | uint32(g.r.IntN(64))
		}
		return g.sign() | g.r.Uint32()&0x7FFFFF
	case 4:
		exps := []uint32{0, 1, 2, 3, 24, 25, 26, 100, 127, 150, 151, 152, 230, 252, 253, 254}
		return g.sign() | exps[g.r.IntN(len(exps))]<<23 | g.r.Uint32()&0x7FFFFF
	case 5:
		return edgeFloats[g.r.IntN(len(edgeFloats))]
	case 6, 7:
		return g.sign() | uint32(100+g.r.IntN(60))<<23 | g.fewBits()
	default:
		return g.sign() | uint32(110+g.r.IntN(36))<<23 | g.r.Uint32()&0x7FFFFF
	}
}

// near returns a float whose exponent is within a few of x's (aligned or
// tie-producing gaps for add/sub, quotients near 1, etc.).
func (g gen) near(x uint32) uint32 {
	e := int(x>>23&0xFF) + g.r.IntN(55) - 27
	if g.r.IntN(2) == 0 {
		e = int(x>>23&0xFF) + g.r.IntN(5) - 2
	}
	e = max(0, min(254, e))
	frac := g.fewBits()
	if g.r.IntN(3) == 0 {
		frac = g.r.Uint32() & 0x7FFFFF
	}
	return g.sign() | uint32(e)<<23 | frac
}

func (g gen) int() uint32 {
	switch g.r.IntN(6) {
	case 0:
		return edgeInts[g.r.IntN(len(edgeInts))]
	case 1:
		// k random bits shifted up: exact conversions and RNE ties.
		k := 1 + g.r.IntN(32)
		v := g.r.Uint32() >> (32 - k)
		return v << g.r.IntN(33-k)
	case 2:
		return uint32(g.r.IntN(1 << 26))
	default:
		return g.r.Uint32()
	}
}

func f32(w uint32) float32  { return math.Float32frombits(w) }
func bits(f float32) uint32 { return math.Float32bits(f) }

func (g gen) caseFor(p repops.Prim) Case {
	c := Case{Op: uint8(p)}
	switch p {
	case repops.ADD, repops.SUB, repops.MUL, repops.DIV, repops.MIN, repops.MAX, repops.LT, repops.LE, repops.EQ:
		c.A = g.float()
		switch g.r.IntN(4) {
		case 0, 1:
			c.B = g.near(c.A)
		case 2:
			c.B = g.float()
		default:
			// equal magnitudes, +-1 ulp: cancellation and comparison ties.
			c.B = c.A&0x7FFFFFFF + uint32(g.r.IntN(3)) - 1 | g.sign()
		}
		if g.r.IntN(2) == 0 {
			c.A, c.B = c.B, c.A
		}
	case repops.FMA:
		c.A, c.B = g.float(), g.float()
		if g.r.IntN(2) == 0 {
			c.B = g.near(c.A ^ 0x3F800000&0x7F800000) // product near 1 in magnitude
		}
		switch g.r.IntN(4) {
		case 0:
			c.C = g.float()
		case 1:
			c.C = g.near(bits(f32(c.A) * f32(c.B)))
		default:
			// c = -(a*b) rounded, nudged by a few ulps: massive cancellation,
			// the result is the product's rounding error.
			p := bits(float32(float64(f32(c.A)) * float64(f32(c.B))))
			c.C = (p ^ 0x80000000) + uint32(g.r.IntN(5)) - 2
		}
	case repops.SQRT:
		switch g.r.IntN(3) {
		case 0:
			// perfect squares: s with a short significand, a = s*s exact.
			s := uint32(64+g.r.IntN(128))<<23 | g.r.Uint32()&0x7FF000
			c.A = bits(f32(s) * f32(s))
		case 1:
			c.A = g.float() &^ 0x80000000
		default:
			c.A = g.float()
		}
	case repops.NEG:
		c.A = g.float()
	case repops.F2I:
		if g.r.IntN(2) == 0 {
			c.A = g.sign() | uint32(120+g.r.IntN(40))<<23 | g.r.Uint32()&0x7FFFFF
		} else {
			c.A = g.float()
		}
	case repops.I2F, repops.U2F:
		c.A = g.int()
	case repops.SELECT:
		c.A, c.B = g.float(), g.float()
		if g.r.IntN(2) == 0 {
			c.C = g.int()
		}
	default: // integer ops
		c.A, c.B = g.int(), g.int()
	}
	return c
}

func randomCases(p repops.Prim, n int, seed uint64) []Case {
	g := gen{rand.New(rand.NewPCG(seed, uint64(p)))}
	cs := make([]Case, n)
	for i := range cs {
		cs[i] = g.caseFor(p)
	}
	return cs
}

func describe(c Case, got, want uint32) string {
	return fmt.Sprintf("%s(a=0x%08X, b=0x%08X, c=0x%08X): evm 0x%08X, repops 0x%08X",
		repops.Prim(c.Op), c.A, c.B, c.C, got, want)
}

// compare runs cases through the EVM and RepOps and fails on any difference.
func compare(t testing.TB, e *EVM, cases []Case) {
	t.Helper()
	got, err := e.ExecBatch(cases)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, c := range cases {
		want := repops.Exec(repops.Prim(c.Op), c.A, c.B, c.C)
		if got[i] != want {
			if bad < 20 {
				t.Error(describe(c, got[i], want))
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ", bad, len(cases))
	}
}

func TestEdgeClasses(t *testing.T) {
	e := newEVM(t)
	total := 0
	for _, p := range allPrims() {
		t.Run(p.String(), func(t *testing.T) {
			cs := edgeCases(p)
			total += len(cs)
			compare(t, e, cs)
		})
	}
	t.Logf("%d edge cases", total)
}

func TestRandom(t *testing.T) {
	n := casesPerPrim(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("GENSYN_F32_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 0, 64)
		if err != nil {
			t.Fatal(err)
		}
		seed = v
	}
	t.Logf("seed %d (GENSYN_F32_SEED to replay), %d cases per primitive", seed, n)
	// Two workers (one EVM each): the EVM is single-threaded.
	var mu sync.Mutex
	work := make(chan repops.Prim)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := New()
			if err != nil {
				t.Error(err)
				return
			}
			for p := range work {
				t0 := time.Now()
				const chunk = 1 << 16
				bad := 0
				for done := 0; done < n; done += chunk {
					cs := randomCases(p, min(chunk, n-done), seed+uint64(done))
					got, err := e.ExecBatch(cs)
					if err != nil {
						t.Error(err)
						return
					}
					for i, c := range cs {
						if want := repops.Exec(p, c.A, c.B, c.C); got[i] != want {
							if bad < 10 {
								t.Error(describe(c, got[i], want))
							}
							bad++
						}
					}
				}
				mu.Lock()
				if bad > 0 {
					t.Errorf("%s: %d of %d random cases differ", p, bad, n)
				}
				t.Logf("%-6s %d cases, %d mismatches, %v", p, n, bad, time.Since(t0).Round(time.Millisecond))
				mu.Unlock()
			}
		}()
	}
	for _, p := range allPrims() {
		work <- p
	}
	close(work)
	wg.Wait()
	t.Logf("total %v", time.Since(start).Round(time.Millisecond))
}

// TestWideOperandsAndUnknownOps checks the input-validation contract: any
// operand with bits above bit 31 reverts with Float32OperandTooWide, and a
// code outside the table reverts with Float32UnknownOp(op).
func TestWideOperandsAndUnknownOps(t *testing.T) {
	e := newEVM(t)
	one := big.NewInt(1)
	wide := []*big.Int{new(big.Int).Lsh(one, 32), new(big.Int).Lsh(one, 255), new(big.Int).SetUint64(0x1_3F800000)}
	for _, p := range allPrims() {
		for i, w := range wide {
			ops := []*big.Int{big.NewInt(0x3F800000), big.NewInt(0x3F800000), big.NewInt(1)}
			ops[i%3] = w
			_, err := e.ExecWords(uint8(p), ops[0], ops[1], ops[2])
			var rev *ErrReverted
			if !asRevert(err, &rev) || !strings.HasPrefix(common.Bytes2Hex(rev.Data), common.Bytes2Hex(SelOperandTooWide)) {
				t.Errorf("%s with operand %d = 0x%x: want Float32OperandTooWide revert, got %v", p, i%3, w, err)
			}
		}
	}
	for _, op := range []uint8{0x00, 0x1C, 0x1D, 0x7F, 0xFF} {
		_, err := e.Exec(op, 1, 2, 3)
		var rev *ErrReverted
		want := append(append([]byte{}, SelUnknownOp...), word(uint64(op))...)
		if !asRevert(err, &rev) || common.Bytes2Hex(rev.Data) != common.Bytes2Hex(want) {
			t.Errorf("op 0x%02X: want Float32UnknownOp revert, got %v", op, err)
		}
	}
}

func asRevert(err error, out **ErrReverted) bool {
	r, ok := err.(*ErrReverted)
	if ok {
		*out = r
	}
	return ok
}

// TestEmbeddedBytecodeFresh checks the committed bytecode against the forge
// artifact when one is present (CI runs forge build first).
func TestEmbeddedBytecodeFresh(t *testing.T) {
	path := DefaultArtifactPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("forge artifact %s missing (run `forge build`): cannot check freshness of the embedded bytecode", path)
	}
	code, err := RuntimeHexFromArtifact(path)
	if err != nil {
		t.Fatal(err)
	}
	if code != EmbeddedRuntimeHex() {
		t.Fatalf("testdata/Float32Harness.runtime.hex is stale: run `go generate ./node/float32evm` after `forge build`")
	}
}

var (
	fuzzOnce sync.Once
	fuzzEVM  *EVM
	fuzzMu   sync.Mutex
)

// FuzzExec compares one primitive application, EVM against RepOps:
//
//	go test ./node/float32evm -run '^$' -fuzz FuzzExec -fuzztime 60s
func FuzzExec(f *testing.F) {
	for _, p := range allPrims() {
		f.Add(uint8(p), uint32(0x3F800000), uint32(0x33800000), uint32(0x80000000))
		f.Add(uint8(p), uint32(0x00000001), uint32(0x7F7FFFFF), uint32(0x007FFFFF))
		f.Add(uint8(p), uint32(0x7FC00001), uint32(0xFF800000), uint32(0x00800000))
	}
	f.Fuzz(func(t *testing.T, op uint8, a, b, c uint32) {
		p := repops.Prim(op%uint8(repops.NumPrims-1) + 1)
		fuzzOnce.Do(func() {
			e, err := New()
			if err != nil {
				panic(err)
			}
			fuzzEVM = e
		})
		fuzzMu.Lock()
		got, err := fuzzEVM.Exec(uint8(p), a, b, c)
		fuzzMu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		cs := Case{uint8(p), a, b, c}
		if want := repops.Exec(p, a, b, c); got != want {
			t.Fatal(describe(cs, got, want))
		}
	})
}
