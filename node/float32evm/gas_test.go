package float32evm

import (
	"slices"
	"testing"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// gasBudget is the per-primitive budget of the one-step execution.
const gasBudget = 5000

// TestGasBudget measures, for every primitive, the gas of one Float32.exec
// inside the harness frame (dispatch and validation included, no call or
// calldata overhead) over the edge classes and 2,000 structured random cases
// (GENSYN_F32_CASES/10 when set), logs median and max, and fails above the
// budget. The same figures are in docs/float32-solidity.md.
func TestGasBudget(t *testing.T) {
	e := newEVM(t)
	nrand := 2000
	if n := casesPerPrim(t); n/10 > nrand {
		nrand = n / 10
	}
	t.Logf("%-6s %7s %7s %7s %8s", "prim", "min", "median", "max", "cases")
	for _, p := range allPrims() {
		cs := edgeCases(p)
		if len(cs) > 3000 {
			// FMA edge triples: every 7th keeps all classes represented.
			var sub []Case
			for i := 0; i < len(cs); i += 7 {
				sub = append(sub, cs[i])
			}
			cs = sub
		}
		cs = append(cs, randomCases(p, nrand, 7)...)
		gas := make([]uint64, len(cs))
		for i, c := range cs {
			r, g, err := e.ExecGas(c.Op, c.A, c.B, c.C)
			if err != nil {
				t.Fatal(err)
			}
			if want := repops.Exec(p, c.A, c.B, c.C); r != want {
				t.Fatal(describe(c, r, want))
			}
			gas[i] = g
		}
		slices.Sort(gas)
		med, mx := gas[len(gas)/2], gas[len(gas)-1]
		t.Logf("%-6s %7d %7d %7d %8d", p, gas[0], med, mx, len(gas))
		if mx > gasBudget {
			t.Errorf("%s: max gas %d over the budget %d", p, mx, gasBudget)
		}
	}
}
