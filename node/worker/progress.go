package worker

import (
	"time"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// ProgressLogEvery is how often the worker logs a training job's progress
// (steps/s, ETA, loss) between checkpoints.
const ProgressLogEvery = 10 * time.Second

// startMeter starts metering the training of job id from step `from` to
// `total` (work calls it before the run; stopMeter after).
func (d *Driver) startMeter(id, from, total uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.meters == nil {
		d.meters = map[uint64]*trainer.Meter{}
	}
	d.meters[id] = trainer.NewMeter(from, total, ProgressLogEvery, d.now)
}

// stopMeter ends job id's metering; when no job trains any more, the
// training gauges go back to 0 (they never show a finished job's values).
func (d *Driver) stopMeter(id uint64) {
	d.mu.Lock()
	delete(d.meters, id)
	idle := len(d.meters) == 0
	d.mu.Unlock()
	if idle {
		d.m.RecordTrainingDone()
	}
}

// onStep is job id's trainer.Options.OnStep: it sets the training gauges
// and logs the progress every ProgressLogEvery while work meters the job
// (steps run for other reasons, such as a defence's replay, are ignored).
func (d *Driver) onStep(id uint64) func(step uint64, loss float32) {
	return func(step uint64, loss float32) {
		d.mu.Lock()
		m := d.meters[id]
		d.mu.Unlock()
		if m == nil {
			return
		}
		r, due := m.Observe(step, loss)
		d.m.RecordTraining(r.Step, r.Total, r.StepsPerSecond, float64(r.Loss))
		if due && r.Step < r.Total {
			d.log.Info("Training progress", "job", id, "step", r.Step, "of", r.Total,
				"steps_per_second", float32(r.StepsPerSecond), "eta", trainer.FormatETA(r.ETA, r.StepsPerSecond > 0), "loss", r.Loss)
		}
	}
}
