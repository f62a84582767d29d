package float32evm

import (
	"os"
	"testing"
	"time"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// TestSqrtExhaustiveSignificands checks SQRT on every significand of the
// binades [1,2) and [2,4) and on every positive subnormal: 3 * 2^23 inputs.
// For normal inputs the library's integer computation depends only on the
// significand and the parity of the exponent (the exponent itself is just
// shifted through), so these two binades cover every normal input's integer
// square root; subnormals take the unnormalized path. Opt-in (about ten
// minutes): GENSYN_F32_EXHAUSTIVE=1.
func TestSqrtExhaustiveSignificands(t *testing.T) {
	if os.Getenv("GENSYN_F32_EXHAUSTIVE") == "" {
		t.Skip("set GENSYN_F32_EXHAUSTIVE=1 to run (3*2^23 SQRT cases)")
	}
	exhaustive(t, repops.SQRT, []uint32{0x00000000, 0x3F800000, 0x40000000})
}

// TestI2FExhaustiveHighRange checks I2F and U2F on every word whose value
// needs rounding with the widest dropped field under an exponent: all 2^23
// words of [2^31, 2^31+2^23) and of the int32 range near INT32_MIN and
// INT32_MAX. Opt-in with GENSYN_F32_EXHAUSTIVE=1.
func TestI2FExhaustiveHighRange(t *testing.T) {
	if os.Getenv("GENSYN_F32_EXHAUSTIVE") == "" {
		t.Skip("set GENSYN_F32_EXHAUSTIVE=1 to run")
	}
	exhaustive(t, repops.U2F, []uint32{0x80000000, 0xFF800000})
	exhaustive(t, repops.I2F, []uint32{0x80000000, 0x7F800000})
}

// exhaustive runs p on every word base+i, i < 2^23, for each base.
func exhaustive(t *testing.T, p repops.Prim, bases []uint32) {
	e := newEVM(t)
	t0 := time.Now()
	const chunk = 1 << 16
	for _, base := range bases {
		for lo := uint32(0); lo < 1<<23; lo += chunk {
			cs := make([]Case, chunk)
			for i := range cs {
				cs[i] = Case{Op: uint8(p), A: base + lo + uint32(i)}
			}
			compare(t, e, cs)
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("%s: %d inputs, 0 mismatches, %v", p, len(bases)<<23, time.Since(t0).Round(time.Second))
}
