package worker

import (
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/log"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/testlog"

	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

func gauges(t *testing.T, m *metrics.Metrics) map[string]float64 {
	t.Helper()
	fams, err := m.Registry().Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, f := range fams {
		if f.GetType() == dto.MetricType_GAUGE && strings.HasPrefix(f.GetName(), "gensyn_worker_training_") {
			out[f.GetName()] = f.GetMetric()[0].GetGauge().GetValue()
		}
	}
	return out
}

// TestTrainingGaugesResetWhenJobEnds: the training gauges follow the job in
// training step by step, progress is logged every ProgressLogEvery, and
// when the job's training ends every gauge is back to 0 (the next job never
// shows the previous one's step).
func TestTrainingGaugesResetWhenJobEnds(t *testing.T) {
	m := metrics.NewMetrics("")
	l, logs := testlog.CaptureLogger(t, log.LevelDebug)
	now := time.Unix(1_000, 0)
	d := &Driver{m: m, log: l, now: func() time.Time { return now }}

	d.startMeter(7, 0, 1000)
	step := d.onStep(7)
	for s := uint64(1); s <= 600; s++ {
		now = now.Add(50 * time.Millisecond) // 20 steps/s
		step(s, 0.5)
	}
	g := gauges(t, m)
	require.Equal(t, 600.0, g["gensyn_worker_training_step"])
	require.Equal(t, 1000.0, g["gensyn_worker_training_steps_total"])
	require.InDelta(t, 20, g["gensyn_worker_training_steps_per_second"], 1e-6)
	require.Equal(t, 0.5, g["gensyn_worker_training_loss"])
	// 30 s of training: a progress line every 10 s.
	lines := logs.FindLogs(testlog.NewMessageFilter("Training progress"))
	require.Len(t, lines, 3)
	require.Equal(t, uint64(7), lines[0].AttrValue("job"))
	require.Equal(t, "20s", lines[2].AttrValue("eta"), "400 steps left at 20 steps/s")

	d.stopMeter(7)
	for name, v := range gauges(t, m) {
		require.Zero(t, v, name)
	}
	// Steps outside a metered training (a defence's replay) change nothing.
	step(601, 0.4)
	require.Zero(t, gauges(t, m)["gensyn_worker_training_step"])
}

// TestSequencerUnreachableLogged: over a poll loop with the sequencer down
// for 95 s, the worker warns once when it goes down, again every 30 s
// while it stays down, and says once that it is back; answers that are
// errors (a checkpoint not known yet) are not outages.
func TestSequencerUnreachableLogged(t *testing.T) {
	l, logs := testlog.CaptureLogger(t, log.LevelDebug)
	var w seqWatch
	now := time.Unix(5_000, 0)
	down := errors.New("dial tcp 127.0.0.1:8560: connect: connection refused")
	notYet := &rpcError{code: -32016, msg: "no acknowledged commitment for job 1 checkpoint 2"}
	for i := 0; i < 20; i++ { // up: a poll every 500 ms
		w.observe(l, now, notYet)
		now = now.Add(500 * time.Millisecond)
	}
	require.Empty(t, logs.FindLogs(testlog.NewLevelFilter(slog.LevelWarn)))
	for i := 0; i < 190; i++ { // down for 95 s
		w.observe(l, now, down)
		now = now.Add(500 * time.Millisecond)
	}
	warns := logs.FindLogs(testlog.NewLevelFilter(slog.LevelWarn))
	require.Len(t, warns, 4, "at 0, 30, 60 and 90 s")
	require.Contains(t, warns[0].Message, "Sequencer unreachable")
	require.True(t, w.isDown())
	for i := 0; i < 10; i++ {
		w.observe(l, now, nil)
		now = now.Add(500 * time.Millisecond)
	}
	back := logs.FindLogs(testlog.NewMessageFilter("Sequencer reachable again"))
	require.Len(t, back, 1)
	require.Equal(t, 95*time.Second, back[0].AttrValue("down_for"))
	require.False(t, w.isDown())
}

type rpcError struct {
	code int
	msg  string
}

func (e *rpcError) Error() string  { return e.msg }
func (e *rpcError) ErrorCode() int { return e.code }

// TestStakeShortLoggedOncePerChange: "Not enough free stake to bid" is at
// INFO once per job and free stake value, at DEBUG on every other poll.
func TestStakeShortLoggedOncePerChange(t *testing.T) {
	l, logs := testlog.CaptureLogger(t, log.LevelDebug)
	d := &Driver{log: l, stakeShort: map[uint64]string{}}
	req := big.NewInt(5)
	for i := 0; i < 100; i++ {
		d.noteStakeShort(1, big.NewInt(2), req)
		d.noteStakeShort(2, big.NewInt(2), req)
	}
	d.noteStakeShort(1, big.NewInt(3), req)
	info := logs.FindLogs(testlog.NewMessageFilter("Not enough free stake to bid"), testlog.NewLevelFilter(slog.LevelInfo))
	require.Len(t, info, 3, "job 1 at 2 wei, job 2 at 2 wei, job 1 at 3 wei")
	all := logs.FindLogs(testlog.NewMessageFilter("Not enough free stake to bid"))
	require.Len(t, all, 201)
}
