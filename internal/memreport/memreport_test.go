package memreport

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestJob: the job is a valid spec over its dataset, and the same widths
// and name give the same data.
func TestJob(t *testing.T) {
	s, d := Job("test", []int{6, 5, 3}, 17, 4, 8, 4)
	require.NoError(t, s.Validate())
	require.Equal(t, s.Dataset.Hash, d.Hash)
	require.Len(t, d.X, 17*6)
	require.Len(t, d.Y, 17)
	for _, y := range d.Y {
		require.Less(t, y, uint32(3))
	}
	_, d2 := Job("test", []int{6, 5, 3}, 17, 4, 8, 4)
	require.Equal(t, d.X, d2.X)
	s3, _ := Job("other", []int{6, 5, 3}, 17, 4, 8, 4)
	require.NotEqual(t, s.Dataset.Hash, s3.Dataset.Hash)
}

// TestStatus: the resident size is read, and an unknown field is 0.
func TestStatus(t *testing.T) {
	require.Positive(t, Status("VmRSS"))
	require.GreaterOrEqual(t, Status("VmHWM"), Status("VmRSS")/2)
	require.Zero(t, Status("NoSuchField"))
}

// TestWidths: GENSYN_MEMREPORT's widths.
func TestWidths(t *testing.T) {
	t.Setenv("GENSYN_MEMREPORT", "64,4096,10")
	require.Equal(t, []int{64, 4096, 10}, Widths(t))
}
