package metrics

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLabelValuesBounded: whatever the callers pass, every label value is
// from a fixed set (a job id or an address would make a series per job).
func TestLabelValuesBounded(t *testing.T) {
	m := NewMetrics("")
	m.RecordInfo("v1")
	for _, v := range append(slices.Clone(SubmissionResults), "job 17: wrong round 3", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266") {
		m.RecordSubmission(v)
	}
	m.RecordKeeperCall("closeAuction", "ok")
	m.RecordKeeperCall("finalize(17)", "reverted at 0xabc")
	sets := map[string][]string{"result": append(SubmissionResults, KeeperResults...), "method": KeeperMethods, "version": {"v1"}}
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
	require.Greater(t, seen, len(SubmissionResults))
}
