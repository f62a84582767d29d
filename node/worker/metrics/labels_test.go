package metrics

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLabelValuesBounded: the skip reason is a fixed enum, never the
// detail ("barred: lost dispute game 0" once made a series per game).
func TestLabelValuesBounded(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	for _, r := range append(SkipReasons, "barred: lost dispute game 0", "spec blob: 0x12ab not found") {
		m.RecordJobSkipped(r)
	}
	for _, o := range append(GameOutcomes, "game 3 won") {
		m.RecordGameOver(o)
	}
	for _, h := range append(CommitmentPaths, "tx 0xabc") {
		m.RecordCommitment(h)
	}
	m.RecordDisputeMove("answer")
	sets := map[string][]string{
		"reason": SkipReasons, "outcome": append(GameOutcomes, SkipOther), "how": append(CommitmentPaths, SkipOther),
		"move": {"answer"}, "version": {"v1"},
	}
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
	require.Equal(t, len(SkipReasons)+len(GameOutcomes)+1+len(CommitmentPaths)+1+2, seen)
}
