// Package metrics holds the sequencer's metrics: a Metricer interface, a
// Prometheus implementation through op-service/metrics and a no-op.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/internal/monitor"
)

// Namespace of every metric.
const Namespace = "gensyn_sequencer"

// Metricer records what the sequencer does.
type Metricer interface {
	RecordInfo(version string)
	RecordUp()

	// RecordSubmission counts a gensyn_submitCommitment answer by result
	// ("accepted", "duplicate", or the error kind).
	RecordSubmission(result string)
	// RecordPending sets the number of acknowledged entries in no batch.
	RecordPending(n int)
	// RecordBatchPosted records a confirmed batch.
	RecordBatchPosted(entries int, gasUsed uint64)
	// RecordBatchRecovered counts an intent found already posted on chain at reconciliation.
	RecordBatchRecovered()
	// RecordKeeperCall counts a keeper transaction by method and result.
	RecordKeeperCall(method, result string)

	txmetrics.TxMetricer
	opmetrics.RegistryMetricer
}

// The values of every label are fixed sets (never a job id or an
// address); anything else is counted as "other".
var (
	SubmissionResults = []string{"accepted", "duplicate", "invalid_params", "invalid_signature", "not_assigned",
		"checkpoint_range", "out_of_order", "conflict", "unknown_job", "not_found", "wrong_round", "unavailable", "other"}
	KeeperMethods = []string{"closeAuction", "finalize", "timeout", "other"}
	KeeperResults = []string{"ok", "skipped", "error", "reverted", "other"}
)

// oneOf keeps a label value inside its fixed set (monitor.OneOf).
func oneOf(v string, set []string) string { return monitor.OneOf(v, set) }

// Metrics is the Prometheus implementation.
type Metrics struct {
	registry *prometheus.Registry
	factory  opmetrics.Factory
	txmetrics.TxMetrics

	info         *prometheus.GaugeVec
	up           prometheus.Gauge
	submissions  *prometheus.CounterVec
	pending      prometheus.Gauge
	batches      prometheus.Counter
	batchEntries prometheus.Counter
	batchGas     prometheus.Counter
	batchSize    prometheus.Histogram
	recovered    prometheus.Counter
	keeperCalls  *prometheus.CounterVec
}

var _ Metricer = (*Metrics)(nil)

// NewMetrics registers the sequencer's metrics (procName is a label-free
// sub-namespace; empty for the default).
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
			Namespace: ns, Name: "up", Help: "1 if the sequencer has finished starting up",
		}),
		submissions: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "submissions_total", Help: "Commitment submissions by result",
		}, []string{"result"}),
		pending: factory.NewGauge(prometheus.GaugeOpts{
			Namespace: ns, Name: "pending_entries", Help: "Acknowledged entries not yet in a batch",
		}),
		batches: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "batches_posted_total", Help: "Batches confirmed on chain",
		}),
		batchEntries: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "batch_entries_posted_total", Help: "Entries in confirmed batches",
		}),
		batchGas: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "batch_gas_used_total", Help: "Gas used by confirmed batch transactions",
		}),
		batchSize: factory.NewHistogram(prometheus.HistogramOpts{
			Namespace: ns, Name: "batch_size", Help: "Entries per posted batch",
			Buckets: []float64{1, 4, 16, 64, 128, 256, 512, 1024, 4096},
		}),
		recovered: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "batches_recovered_total", Help: "Batch intents found already posted when reconciling",
		}),
		keeperCalls: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "keeper_calls_total", Help: "Keeper transactions by method and result",
		}, []string{"method", "result"}),
	}
}

func (m *Metrics) Registry() *prometheus.Registry         { return m.registry }
func (m *Metrics) Document() []opmetrics.DocumentedMetric { return m.factory.Document() }

func (m *Metrics) RecordInfo(version string) { m.info.WithLabelValues(version).Set(1) }
func (m *Metrics) RecordUp()                 { m.up.Set(1) }
func (m *Metrics) RecordSubmission(result string) {
	m.submissions.WithLabelValues(oneOf(result, SubmissionResults)).Inc()
}
func (m *Metrics) RecordPending(n int)   { m.pending.Set(float64(n)) }
func (m *Metrics) RecordBatchRecovered() { m.recovered.Inc() }
func (m *Metrics) RecordKeeperCall(method, res string) {
	m.keeperCalls.WithLabelValues(oneOf(method, KeeperMethods), oneOf(res, KeeperResults)).Inc()
}
func (m *Metrics) RecordBatchPosted(entries int, gasUsed uint64) {
	m.batches.Inc()
	m.batchEntries.Add(float64(entries))
	m.batchGas.Add(float64(gasUsed))
	m.batchSize.Observe(float64(entries))
}

// noopMetrics records nothing.
type noopMetrics struct {
	txmetrics.NoopTxMetrics
}

func (*noopMetrics) Registry() *prometheus.Registry { return prometheus.NewRegistry() }

// NoopMetrics is a Metricer that records nothing (tests, disabled metrics).
var NoopMetrics Metricer = new(noopMetrics)

func (*noopMetrics) RecordInfo(string)               {}
func (*noopMetrics) RecordUp()                       {}
func (*noopMetrics) RecordSubmission(string)         {}
func (*noopMetrics) RecordPending(int)               {}
func (*noopMetrics) RecordBatchPosted(int, uint64)   {}
func (*noopMetrics) RecordBatchRecovered()           {}
func (*noopMetrics) RecordKeeperCall(string, string) {}
