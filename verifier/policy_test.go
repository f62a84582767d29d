package verifier

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAuditPolicyFraction(t *testing.T) {
	const jobs, ks = 200, 100
	for _, f := range []float64{0.01, 0.1, 0.25, 0.5, 0.9} {
		n := 0
		for j := uint64(1); j <= jobs; j++ {
			for k := uint32(1); k <= ks; k++ {
				if Audited(7, j, k, f) {
					n++
				}
			}
		}
		got := float64(n) / (jobs * ks)
		// 20,000 draws: 4 standard deviations of a binomial proportion.
		tol := 4 * math.Sqrt(f*(1-f)/(jobs*ks))
		require.InDelta(t, f, got, tol, "fraction %v", f)
	}
	// 1 audits everything; the choice is a function of (seed, job, k).
	for k := uint32(1); k <= 1000; k++ {
		require.True(t, Audited(3, 9, k, 1))
		require.Equal(t, Audited(3, 9, k, 0.3), Audited(3, 9, k, 0.3))
	}
	// Another seed gives another choice; a larger fraction a superset.
	same := 0
	for k := uint32(1); k <= 1000; k++ {
		if Audited(1, 5, k, 0.5) == Audited(2, 5, k, 0.5) {
			same++
		}
		if Audited(1, 5, k, 0.2) {
			require.True(t, Audited(1, 5, k, 0.6))
		}
	}
	require.Less(t, same, 600)
	require.Greater(t, same, 400)
}
