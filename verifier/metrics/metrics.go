// Package metrics holds the verifier's metrics: a Metricer interface, a
// Prometheus implementation through op-service/metrics and a no-op.
package metrics

import (
	"math/big"

	"github.com/prometheus/client_golang/prometheus"

	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"
)

// Namespace of every metric.
const Namespace = "gensyn_verifier"

// Metricer records what the verifier does.
type Metricer interface {
	RecordInfo(version string)
	RecordUp()
	// RecordAudit counts one checkpoint interval replayed.
	RecordAudit()
	// RecordMismatch counts an audited checkpoint whose replayed root is not
	// the worker's.
	RecordMismatch()
	// RecordGameOpened counts a challenge sent.
	RecordGameOpened()
	// RecordGameResolved counts a game of this verifier's that ended, by
	// outcome ("won", "lost", "moot").
	RecordGameResolved(outcome string)
	// RecordMove counts a move sent, by kind ("pick-step", "pick-node",
	// "pick-element", "pick-entry", "query", "timeout", "close-stale").
	RecordMove(kind string)
	// RecordBondWithdrawn adds wei withdrawn from VerdeArbitration.
	RecordBondWithdrawn(wei *big.Int)
	// RecordRewardClaimed adds wei of slash rewards claimed from the
	// StakeManager.
	RecordRewardClaimed(wei *big.Int)

	txmetrics.TxMetricer
	opmetrics.RegistryMetricer
}

// Metrics is the Prometheus implementation.
type Metrics struct {
	registry *prometheus.Registry
	factory  opmetrics.Factory
	txmetrics.TxMetrics

	info       *prometheus.GaugeVec
	up         prometheus.Gauge
	audits     prometheus.Counter
	mismatches prometheus.Counter
	opened     prometheus.Counter
	resolved   *prometheus.CounterVec
	moves      *prometheus.CounterVec
	bonds      prometheus.Counter
	rewards    prometheus.Counter
}

var _ Metricer = (*Metrics)(nil)

// NewMetrics registers the verifier's metrics.
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
			Namespace: ns, Name: "up", Help: "1 if the verifier has finished starting up",
		}),
		audits: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "audits_total", Help: "Checkpoint intervals replayed",
		}),
		mismatches: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "mismatches_total", Help: "Audited checkpoints whose replayed state root is not the worker's",
		}),
		opened: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "games_opened_total", Help: "Disputes opened (challenges sent with a bond)",
		}),
		resolved: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "games_resolved_total", Help: "Games of this verifier that ended, by outcome (won, lost, moot)",
		}, []string{"outcome"}),
		moves: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "moves_total", Help: "Game moves sent, by kind",
		}, []string{"kind"}),
		bonds: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "bonds_withdrawn_wei_total", Help: "Wei withdrawn from VerdeArbitration (bonds won or returned)",
		}),
		rewards: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "rewards_claimed_wei_total", Help: "Wei of slash rewards claimed from the StakeManager",
		}),
	}
}

func (m *Metrics) Registry() *prometheus.Registry         { return m.registry }
func (m *Metrics) Document() []opmetrics.DocumentedMetric { return m.factory.Document() }

func (m *Metrics) RecordInfo(version string)         { m.info.WithLabelValues(version).Set(1) }
func (m *Metrics) RecordUp()                         { m.up.Set(1) }
func (m *Metrics) RecordAudit()                      { m.audits.Inc() }
func (m *Metrics) RecordMismatch()                   { m.mismatches.Inc() }
func (m *Metrics) RecordGameOpened()                 { m.opened.Inc() }
func (m *Metrics) RecordGameResolved(outcome string) { m.resolved.WithLabelValues(outcome).Inc() }
func (m *Metrics) RecordMove(kind string)            { m.moves.WithLabelValues(kind).Inc() }
func (m *Metrics) RecordBondWithdrawn(wei *big.Int)  { m.bonds.Add(weiFloat(wei)) }
func (m *Metrics) RecordRewardClaimed(wei *big.Int)  { m.rewards.Add(weiFloat(wei)) }

func weiFloat(v *big.Int) float64 {
	if v == nil || v.Sign() <= 0 {
		return 0
	}
	f, _ := new(big.Float).SetInt(v).Float64()
	return f
}

// noopMetrics records nothing.
type noopMetrics struct {
	txmetrics.NoopTxMetrics
}

func (*noopMetrics) Registry() *prometheus.Registry { return prometheus.NewRegistry() }

// NoopMetrics is a Metricer that records nothing (tests, disabled metrics).
var NoopMetrics Metricer = new(noopMetrics)

func (*noopMetrics) RecordInfo(string)            {}
func (*noopMetrics) RecordUp()                    {}
func (*noopMetrics) RecordAudit()                 {}
func (*noopMetrics) RecordMismatch()              {}
func (*noopMetrics) RecordGameOpened()            {}
func (*noopMetrics) RecordGameResolved(string)    {}
func (*noopMetrics) RecordMove(string)            {}
func (*noopMetrics) RecordBondWithdrawn(*big.Int) {}
func (*noopMetrics) RecordRewardClaimed(*big.Int) {}
