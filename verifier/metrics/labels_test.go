package metrics

import (
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLabelValuesBounded: whatever the callers pass, every label value is
// from a fixed set (a game id or an address would make a series per game).
func TestLabelValuesBounded(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	for _, o := range append(Outcomes, "lost dispute game 0") {
		m.RecordGameResolved(o)
		m.RecordRewardShare(o, big.NewInt(1))
	}
	for _, k := range append(MoveKinds, "query game 12 list 3") {
		m.RecordMove(k)
	}
	sets := map[string][]string{"outcome": Outcomes, "kind": MoveKinds, "version": {"v1"}}
	fams, err := m.Registry().Gather()
	require.NoError(t, err)
	seen := 0
	for _, f := range fams {
		if !strings.HasPrefix(f.GetName(), Namespace+"_") {
			continue // the Go runtime's and the process's collectors
		}
		for _, mt := range f.GetMetric() {
			for _, lp := range mt.GetLabel() {
				set, ok := sets[lp.GetName()]
				require.True(t, ok, "label %s on %s has no fixed set", lp.GetName(), f.GetName())
				require.Contains(t, set, lp.GetValue(), "%s on %s", lp.GetName(), f.GetName())
				seen++
			}
		}
	}
	require.Greater(t, seen, len(Outcomes)+len(MoveKinds))
}
