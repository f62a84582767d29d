package trainer

import (
	"fmt"
	"time"
)

// Report is live training progress between checkpoints: what `gensyn
// train` shows on a terminal or in its periodic lines, and what the worker
// logs and puts in its gauges.
type Report struct {
	Step           uint64        // steps done
	Total          uint64        // steps of the run
	StepsPerSecond float64       // since the meter started
	ETA            time.Duration // to Total at that speed (0 when unknown)
	Elapsed        time.Duration
	Loss           float32 // mean batch loss of the last step
}

// Fraction is Step/Total in [0, 1].
func (r Report) Fraction() float64 {
	if r.Total == 0 {
		return 0
	}
	f := float64(r.Step) / float64(r.Total)
	if f > 1 {
		return 1
	}
	return f
}

// String is one line: "step 120/1000 (12.0%)  35.2 steps/s  ETA 25s  loss 0.4123".
func (r Report) String() string {
	return fmt.Sprintf("step %d/%d (%.1f%%)  %.1f steps/s  ETA %s  loss %.4f",
		r.Step, r.Total, 100*r.Fraction(), r.StepsPerSecond, FormatETA(r.ETA, r.StepsPerSecond > 0), r.Loss)
}

// FormatETA writes d rounded to the second ("?" when unknown).
func FormatETA(d time.Duration, known bool) string {
	if !known {
		return "?"
	}
	return d.Round(time.Second).String()
}

// Meter turns the steps of a run into Reports, at most one every Every.
type Meter struct {
	Every time.Duration
	now   func() time.Time

	total     uint64
	fromStep  uint64
	start     time.Time
	lastShown time.Time
	last      Report
}

// NewMeter starts a meter for a run from step fromStep to total, reporting
// at most every `every` (0: at every step); now is the clock (nil:
// time.Now).
func NewMeter(fromStep, total uint64, every time.Duration, now func() time.Time) *Meter {
	if now == nil {
		now = time.Now
	}
	t := now()
	return &Meter{Every: every, now: now, total: total, fromStep: fromStep, start: t, lastShown: t}
}

// Observe records that step is done with loss; it returns the report and
// true when one is due (every Every, and at the last step).
func (m *Meter) Observe(step uint64, loss float32) (Report, bool) {
	t := m.now()
	r := Report{Step: step, Total: m.total, Elapsed: t.Sub(m.start), Loss: loss}
	if secs := r.Elapsed.Seconds(); secs > 0 && step > m.fromStep {
		r.StepsPerSecond = float64(step-m.fromStep) / secs
		if step < m.total {
			r.ETA = time.Duration(float64(m.total-step) / r.StepsPerSecond * float64(time.Second))
		}
	}
	m.last = r
	if t.Sub(m.lastShown) < m.Every && step < m.total {
		return r, false
	}
	m.lastShown = t
	return r, true
}

// Last is the latest report, due or not.
func (m *Meter) Last() Report { return m.last }
