package metrics

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMetrics(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	m.RecordUp()
	m.RecordAudit()
	m.RecordAudit()
	m.RecordMismatch()
	m.RecordGameOpened()
	m.RecordGameResolved("won")
	m.RecordMove("pick-step")
	m.RecordMove("query")
	m.RecordMove("query")
	m.RecordGameResolved("shared")
	m.RecordWithdrawn(big.NewInt(1000))
	m.RecordRewardShare("won", big.NewInt(250))
	m.RecordRewardShare("shared", big.NewInt(125))
	m.RecordRewardShare("shared", big.NewInt(0))

	families, err := m.Registry().Gather()
	require.NoError(t, err)
	got := map[string]float64{}
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			name := f.GetName()
			for _, l := range mt.GetLabel() {
				name += "{" + l.GetName() + "=" + l.GetValue() + "}"
			}
			switch {
			case mt.Counter != nil:
				got[name] = mt.Counter.GetValue()
			case mt.Gauge != nil:
				got[name] = mt.Gauge.GetValue()
			}
		}
	}
	for name, want := range map[string]float64{
		"gensyn_verifier_info{version=v1}":                        1,
		"gensyn_verifier_up":                                      1,
		"gensyn_verifier_audits_total":                            2,
		"gensyn_verifier_mismatches_total":                        1,
		"gensyn_verifier_games_opened_total":                      1,
		"gensyn_verifier_games_resolved_total{outcome=won}":       1,
		"gensyn_verifier_moves_total{kind=pick-step}":             1,
		"gensyn_verifier_moves_total{kind=query}":                 2,
		"gensyn_verifier_games_resolved_total{outcome=shared}":    1,
		"gensyn_verifier_withdrawn_wei_total":                     1000,
		"gensyn_verifier_reward_shares_wei_total{outcome=won}":    250,
		"gensyn_verifier_reward_shares_wei_total{outcome=shared}": 125,
	} {
		require.Equal(t, want, got[name], name)
	}
	require.NotEmpty(t, m.Document())
	NoopMetrics.RecordAudit()
	NoopMetrics.RecordWithdrawn(big.NewInt(1))
	NoopMetrics.RecordRewardShare("won", big.NewInt(1))
}
