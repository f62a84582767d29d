package metrics

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/monitor"
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
	seen, err := monitor.CheckLabels(m.Registry(), Namespace, sets)
	require.NoError(t, err)
	require.Greater(t, seen, len(Outcomes)+len(MoveKinds))
}
