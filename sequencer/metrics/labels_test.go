package metrics

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/monitor"
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
	seen, err := monitor.CheckLabels(m.Registry(), Namespace, sets)
	require.NoError(t, err)
	require.Greater(t, seen, len(SubmissionResults))
}
