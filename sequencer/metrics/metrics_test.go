package metrics

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMetrics(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	m.RecordUp()
	m.RecordSubmission("accepted")
	m.RecordSubmission("accepted")
	m.RecordSubmission("conflict")
	m.RecordPending(7)
	m.RecordBatchPosted(256, 600000)
	m.RecordBatchRecovered()
	m.RecordKeeperCall("finalize", "ok")
	fams, err := m.Registry().Gather()
	require.NoError(t, err)
	values := map[string]float64{}
	for _, f := range fams {
		for _, mm := range f.GetMetric() {
			key := f.GetName()
			for _, l := range mm.GetLabel() {
				key += "/" + l.GetValue()
			}
			values[key] = mm.GetCounter().GetValue() + mm.GetGauge().GetValue()
		}
	}
	require.Equal(t, 2.0, values["gensyn_sequencer_submissions_total/accepted"])
	require.Equal(t, 1.0, values["gensyn_sequencer_submissions_total/conflict"])
	require.Equal(t, 7.0, values["gensyn_sequencer_pending_entries"])
	require.Equal(t, 600000.0, values["gensyn_sequencer_batch_gas_used_total"])
	require.Equal(t, 256.0, values["gensyn_sequencer_batch_entries_posted_total"])
	require.Equal(t, 1.0, values["gensyn_sequencer_batches_posted_total"])
	require.Equal(t, 1.0, values["gensyn_sequencer_keeper_calls_total/finalize/ok"])
	require.Equal(t, 1.0, values["gensyn_sequencer_up"])
	names := map[string]bool{}
	for _, d := range m.Document() {
		names[d.Name] = true
		require.True(t, strings.HasPrefix(d.Name, Namespace+"_"), d.Name)
	}
	require.True(t, names["gensyn_sequencer_submissions_total"])

	// The no-op records nothing and never panics.
	NoopMetrics.RecordBatchPosted(1, 1)
	NoopMetrics.RecordSubmission("x")
	require.NotNil(t, NoopMetrics.Registry())
}
