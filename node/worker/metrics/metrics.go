// Package metrics holds the worker's metrics: a Metricer interface, a
// Prometheus implementation through op-service/metrics and a no-op.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/internal/monitor"
)

// Namespace of every metric.
const Namespace = "gensyn_worker"

// Reasons of jobs_skipped_total: a fixed set (the detail, such as the
// dispute game lost, goes to the log and the job's record, never to a label).
const (
	SkipClosed   = "closed"   // finalized or cancelled (when first seen, or for another worker)
	SkipBadBlob  = "bad_blob" // the spec or dataset blob is missing or unusable
	SkipMismatch = "mismatch" // the spec or dataset does not give the job's posted roots
	SkipBarred   = "barred"   // barred from the job (a lost dispute game, a slash or a timeout)
	SkipPrice    = "price"    // the price policy gives no bid under the job's max price
	SkipOther    = "other"    // any other value passed to RecordJobSkipped
)

// SkipReasons are every value of the reason label.
var SkipReasons = []string{SkipClosed, SkipBadBlob, SkipMismatch, SkipBarred, SkipPrice, SkipOther}

// Outcomes of dispute_games_resolved_total, and the commitment paths of
// commitments_included_total: fixed sets as well.
var (
	GameOutcomes    = []string{"won", "lost", "moot"}
	CommitmentPaths = []string{"sequencer", "forced"}
)

// oneOf keeps a label value inside its fixed set (monitor.OneOf).
func oneOf(v string, set []string) string { return monitor.OneOf(v, set) }

// Metricer records what the worker does.
type Metricer interface {
	RecordInfo(version string)
	RecordUp()
	// RecordBid counts a bid sent.
	RecordBid()
	// RecordJobSkipped counts a job the worker would not bid on, by reason
	// (one of SkipReasons; anything else counts as SkipOther).
	RecordJobSkipped(reason string)
	// RecordCheckpoint records a checkpoint reached (steps done).
	RecordCheckpoint(step uint64)
	// RecordTraining sets the live training gauges of the job in training:
	// steps done, of total, at stepsPerSecond, with the last loss.
	RecordTraining(step, total uint64, stepsPerSecond, loss float64)
	// RecordTrainingDone resets the training gauges when a job's training
	// ends (finished, stopped or lost), so that they never show the previous
	// job's values.
	RecordTrainingDone()
	// RecordCommitment counts a checkpoint commitment by how it reached the
	// chain ("sequencer", "forced").
	RecordCommitment(how string)
	// RecordResult counts a result submitted.
	RecordResult()
	// RecordGameStarted counts a dispute game opened against the worker.
	RecordGameStarted()
	// RecordDisputeMove counts a dispute move sent, by name
	// ("revealStepRoots", "answer", "timeout", ...).
	RecordDisputeMove(move string)
	// RecordGameOver counts a game resolved, by outcome ("won", "lost",
	// "moot").
	RecordGameOver(outcome string)

	txmetrics.TxMetricer
	opmetrics.RegistryMetricer
}

// Metrics is the Prometheus implementation.
type Metrics struct {
	registry *prometheus.Registry
	factory  opmetrics.Factory
	txmetrics.TxMetrics

	info           *prometheus.GaugeVec
	up             prometheus.Gauge
	bids           prometheus.Counter
	skipped        *prometheus.CounterVec
	step           prometheus.Gauge
	stepsTotal     prometheus.Gauge
	stepsPerSecond prometheus.Gauge
	loss           prometheus.Gauge
	checkpoints    prometheus.Counter
	commitments    *prometheus.CounterVec
	results        prometheus.Counter
	games          prometheus.Counter
	moves          *prometheus.CounterVec
	gamesOver      *prometheus.CounterVec
}

var _ Metricer = (*Metrics)(nil)

// NewMetrics registers the worker's metrics.
func NewMetrics(procName string) *Metrics {
	ns := Namespace
	if procName != "" {
		ns += "_" + procName
	}
	registry := opmetrics.NewRegistry()
	factory := opmetrics.With(registry)
	return &Metrics{
		registry:  registry,
		factory:   factory,
		TxMetrics: txmetrics.MakeTxMetrics(ns, factory),
		info: factory.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: ns, Name: "info", Help: "Pseudo-metric tracking version and config info",
		}, []string{"version"}),
		up: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "up", Help: "1 if the worker has finished starting up",
		}),
		bids: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "bids_total", Help: "Bids sent",
		}),
		skipped: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "jobs_skipped_total", Help: "Open jobs not bid on, by reason",
		}, []string{"reason"}),
		step: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "training_step", Help: "Steps done of the job in training (0 when none is)",
		}),
		stepsTotal: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "training_steps_total", Help: "Steps of the job in training (0 when none is)",
		}),
		stepsPerSecond: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "training_steps_per_second", Help: "Training speed of the job in training (0 when none is)",
		}),
		loss: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "training_loss", Help: "Last training loss of the job in training (0 when none is)",
		}),
		checkpoints: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "checkpoints_total", Help: "Checkpoints reached",
		}),
		commitments: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "commitments_included_total", Help: "Checkpoint commitments on chain, by path",
		}, []string{"how"}),
		results: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "results_submitted_total", Help: "Results submitted",
		}),
		games: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "dispute_games_total", Help: "Dispute games opened against the worker",
		}),
		moves: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "dispute_moves_total", Help: "Dispute moves sent, by move",
		}, []string{"move"}),
		gamesOver: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "dispute_games_resolved_total", Help: "Dispute games resolved, by outcome for the worker",
		}, []string{"outcome"}),
	}
}

func (m *Metrics) Registry() *prometheus.Registry         { return m.registry }
func (m *Metrics) Document() []opmetrics.DocumentedMetric { return m.factory.Document() }

func (m *Metrics) RecordInfo(version string) { m.info.WithLabelValues(version).Set(1) }
func (m *Metrics) RecordUp()                 { m.up.Set(1) }
func (m *Metrics) RecordBid()                { m.bids.Inc() }
func (m *Metrics) RecordJobSkipped(reason string) {
	m.skipped.WithLabelValues(oneOf(reason, SkipReasons)).Inc()
}
func (m *Metrics) RecordCheckpoint(step uint64) {
	m.step.Set(float64(step))
	m.checkpoints.Inc()
}
func (m *Metrics) RecordTraining(step, total uint64, stepsPerSecond, loss float64) {
	m.step.Set(float64(step))
	m.stepsTotal.Set(float64(total))
	m.stepsPerSecond.Set(stepsPerSecond)
	m.loss.Set(loss)
}
func (m *Metrics) RecordTrainingDone() {
	m.step.Set(0)
	m.stepsTotal.Set(0)
	m.stepsPerSecond.Set(0)
	m.loss.Set(0)
}
func (m *Metrics) RecordCommitment(how string) {
	m.commitments.WithLabelValues(oneOf(how, CommitmentPaths)).Inc()
}
func (m *Metrics) RecordResult()               { m.results.Inc() }
func (m *Metrics) RecordGameStarted()          { m.games.Inc() }
func (m *Metrics) RecordDisputeMove(mv string) { m.moves.WithLabelValues(mv).Inc() }
func (m *Metrics) RecordGameOver(o string)     { m.gamesOver.WithLabelValues(oneOf(o, GameOutcomes)).Inc() }

// noopMetrics records nothing.
type noopMetrics struct {
	txmetrics.NoopTxMetrics
}

func (*noopMetrics) Registry() *prometheus.Registry { return prometheus.NewRegistry() }

// NoopMetrics is a Metricer that records nothing (tests, disabled metrics).
var NoopMetrics Metricer = new(noopMetrics)

func (*noopMetrics) RecordInfo(string)                               {}
func (*noopMetrics) RecordUp()                                       {}
func (*noopMetrics) RecordBid()                                      {}
func (*noopMetrics) RecordJobSkipped(string)                         {}
func (*noopMetrics) RecordCheckpoint(uint64)                         {}
func (*noopMetrics) RecordTraining(uint64, uint64, float64, float64) {}
func (*noopMetrics) RecordTrainingDone()                             {}
func (*noopMetrics) RecordCommitment(string)                         {}
func (*noopMetrics) RecordResult()                                   {}
func (*noopMetrics) RecordGameStarted()                              {}
func (*noopMetrics) RecordDisputeMove(string)                        {}
func (*noopMetrics) RecordGameOver(string)                           {}
