// Package metrics holds the verifier's metrics: a Metricer interface, a
// Prometheus implementation through op-service/metrics and a no-op.
package metrics

import (
	"math/big"

	"github.com/prometheus/client_golang/prometheus"

	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/internal/monitor"
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
	// outcome ("won", "lost", "moot", "shared").
	RecordGameResolved(outcome string)
	// RecordMove counts a move sent, by kind ("pick-checkpoint",
	// "pick-step", "pick-node", "pick-element", "pick-entry", "query",
	// "timeout", "close-stale").
	RecordMove(kind string)
	// RecordRewardShare adds the wei of slash reward a game credited to
	// this verifier, by the game's outcome ("won" or "shared").
	RecordRewardShare(outcome string, wei *big.Int)
	// RecordWithdrawn adds wei withdrawn from VerdeArbitration (bonds back
	// and reward shares).
	RecordWithdrawn(wei *big.Int)

	txmetrics.TxMetricer
	opmetrics.RegistryMetricer
}

// The values of every label are fixed sets (never an id or an address);
// anything else is counted as "other".
var (
	Outcomes  = []string{"won", "lost", "moot", "shared", "other"}
	MoveKinds = []string{"pick-checkpoint", "pick-step", "pick-node", "pick-element", "pick-entry", "query",
		"timeout", "close-stale", "other"}
)

// oneOf keeps a label value inside its fixed set (monitor.OneOf).
func oneOf(v string, set []string) string { return monitor.OneOf(v, set) }

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
	shares     *prometheus.CounterVec
	withdrawn  prometheus.Counter
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
			Namespace: ns, Name: "games_resolved_total", Help: "Games of this verifier that ended, by outcome (won, lost, moot, shared)",
		}, []string{"outcome"}),
		moves: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "moves_total", Help: "Game moves sent, by kind",
		}, []string{"kind"}),
		shares: factory.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "reward_shares_wei_total", Help: "Wei of slash reward credited by games to this verifier, by outcome (won, shared)",
		}, []string{"outcome"}),
		withdrawn: factory.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "withdrawn_wei_total", Help: "Wei withdrawn from VerdeArbitration (bonds back and reward shares)",
		}),
	}
}

func (m *Metrics) Registry() *prometheus.Registry         { return m.registry }
func (m *Metrics) Document() []opmetrics.DocumentedMetric { return m.factory.Document() }

func (m *Metrics) RecordInfo(version string) { m.info.WithLabelValues(version).Set(1) }
func (m *Metrics) RecordUp()                 { m.up.Set(1) }
func (m *Metrics) RecordAudit()              { m.audits.Inc() }
func (m *Metrics) RecordMismatch()           { m.mismatches.Inc() }
func (m *Metrics) RecordGameOpened()         { m.opened.Inc() }
func (m *Metrics) RecordGameResolved(outcome string) {
	m.resolved.WithLabelValues(oneOf(outcome, Outcomes)).Inc()
}
func (m *Metrics) RecordMove(kind string)       { m.moves.WithLabelValues(oneOf(kind, MoveKinds)).Inc() }
func (m *Metrics) RecordWithdrawn(wei *big.Int) { m.withdrawn.Add(weiFloat(wei)) }
func (m *Metrics) RecordRewardShare(outcome string, wei *big.Int) {
	if wei != nil && wei.Sign() > 0 {
		m.shares.WithLabelValues(oneOf(outcome, Outcomes)).Add(weiFloat(wei))
	}
}

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

func (*noopMetrics) RecordInfo(string)                  {}
func (*noopMetrics) RecordUp()                          {}
func (*noopMetrics) RecordAudit()                       {}
func (*noopMetrics) RecordMismatch()                    {}
func (*noopMetrics) RecordGameOpened()                  {}
func (*noopMetrics) RecordGameResolved(string)          {}
func (*noopMetrics) RecordMove(string)                  {}
func (*noopMetrics) RecordWithdrawn(*big.Int)           {}
func (*noopMetrics) RecordRewardShare(string, *big.Int) {}
