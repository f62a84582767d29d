package trainer

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMeter(t *testing.T) {
	now := time.Unix(1000, 0)
	clock := func() time.Time { return now }
	m := NewMeter(100, 1100, 2*time.Second, clock)

	now = now.Add(time.Second)
	r, due := m.Observe(150, 0.5)
	require.False(t, due, "not before the interval")
	require.InDelta(t, 50, r.StepsPerSecond, 1e-9)

	now = now.Add(time.Second)
	r, due = m.Observe(200, 0.25)
	require.True(t, due)
	require.Equal(t, uint64(200), r.Step)
	require.InDelta(t, 50, r.StepsPerSecond, 1e-9)
	require.Equal(t, 18*time.Second, r.ETA, "900 steps left at 50 steps/s")
	require.Equal(t, "step 200/1100 (18.2%)  50.0 steps/s  ETA 18s  loss 0.2500", r.String())

	now = now.Add(100 * time.Millisecond)
	_, due = m.Observe(205, 0.25)
	require.False(t, due)
	r, due = m.Observe(1100, 0.1)
	require.True(t, due, "the last step is always due")
	require.Zero(t, r.ETA)
	require.Equal(t, 1.0, r.Fraction())

	// No speed yet: the ETA is unknown.
	m = NewMeter(0, 10, 0, clock)
	r, _ = m.Observe(0, 0)
	require.Contains(t, r.String(), "ETA ?")
}
