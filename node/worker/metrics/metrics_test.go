package metrics

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMetrics(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	m.RecordUp()
	m.RecordBid()
	m.RecordJobSkipped(SkipClosed)
	m.RecordCheckpoint(300)
	m.RecordCommitment("sequencer")
	m.RecordCommitment("forced")
	m.RecordCommitment("forced")
	m.RecordResult()
	m.RecordGameStarted()
	m.RecordDisputeMove("answer")
	m.RecordDisputeMove("answer")
	m.RecordGameOver("won")

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
		"gensyn_worker_info{version=v1}":                          1,
		"gensyn_worker_up":                                        1,
		"gensyn_worker_bids_total":                                1,
		"gensyn_worker_jobs_skipped_total{reason=closed}":         1,
		"gensyn_worker_training_step":                             300,
		"gensyn_worker_checkpoints_total":                         1,
		"gensyn_worker_commitments_included_total{how=sequencer}": 1,
		"gensyn_worker_commitments_included_total{how=forced}":    2,
		"gensyn_worker_results_submitted_total":                   1,
		"gensyn_worker_dispute_games_total":                       1,
		"gensyn_worker_dispute_moves_total{move=answer}":          2,
		"gensyn_worker_dispute_games_resolved_total{outcome=won}": 1,
	} {
		require.Equal(t, want, got[name], name)
	}
	require.NotEmpty(t, m.Document())

	// The no-op implementation accepts everything.
	NoopMetrics.RecordBid()
	NoopMetrics.RecordCheckpoint(1)
}
