package metrics

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/monitor"
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
	seen, err := monitor.CheckLabels(m.Registry(), Namespace, sets)
	require.NoError(t, err)
	require.Equal(t, len(SkipReasons)+len(GameOutcomes)+1+len(CommitmentPaths)+1+2, seen)
}
