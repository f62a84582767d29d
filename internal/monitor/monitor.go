// Package monitor is the operators' side of every gensyn service, in one
// place: the metrics server (/metrics and /healthz, nothing else), the
// health check behind /healthz, and the pprof server of the OP Stack's
// --pprof.* flags (op-service/oppprof).
package monitor

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/ethereum-optimism/optimism/op-service/httputil"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
)

// Paths served.
const (
	MetricsPath = "/metrics"
	HealthPath  = "/healthz"
)

// CheckTimeout bounds one health check.
const CheckTimeout = 3 * time.Second

// Check is one health check: nil when what it checks is usable.
type Check func(ctx context.Context) error

// Health answers /healthz: 200 with {"status":"ok","version":...} when every
// check passes, 503 with {"status":"unhealthy",...,"failed":{name: error}}
// when one fails. The checks run on each request, at most CheckTimeout each.
type Health struct {
	version string

	mu     sync.Mutex
	names  []string
	checks map[string]Check
}

// NewHealth returns a health handler with no checks (always healthy).
func NewHealth(version string) *Health {
	return &Health{version: version, checks: map[string]Check{}}
}

// Add adds the check name (e.g. "l1", "sequencer").
func (h *Health) Add(name string, c Check) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.checks[name]; !ok {
		h.names = append(h.names, name)
		sort.Strings(h.names)
	}
	h.checks[name] = c
}

// Report is the body of a /healthz answer.
type Report struct {
	Status  string            `json:"status"`
	Version string            `json:"version"`
	Checks  []string          `json:"checks,omitempty"`
	Failed  map[string]string `json:"failed,omitempty"`
}

// Run runs every check and reports.
func (h *Health) Run(ctx context.Context) Report {
	h.mu.Lock()
	names := append([]string(nil), h.names...)
	checks := make([]Check, len(names))
	for i, n := range names {
		checks[i] = h.checks[n]
	}
	h.mu.Unlock()
	rep := Report{Status: "ok", Version: h.version, Checks: names}
	for i, c := range checks {
		cctx, cancel := context.WithTimeout(ctx, CheckTimeout)
		err := c(cctx)
		cancel()
		if err != nil {
			if rep.Failed == nil {
				rep.Failed = map[string]string{}
			}
			rep.Failed[names[i]] = err.Error()
			rep.Status = "unhealthy"
		}
	}
	return rep
}

func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rep := h.Run(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if rep.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_ = json.NewEncoder(w).Encode(rep)
}

// Handler serves exactly /metrics (the registry, when not nil) and
// /healthz (health, when not nil); every other path is 404.
func Handler(reg *prometheus.Registry, health http.Handler) http.Handler {
	mux := http.NewServeMux()
	if reg != nil {
		mux.Handle("GET "+MetricsPath, promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{})))
	}
	if health != nil {
		mux.Handle("GET "+HealthPath, health)
	}
	return mux
}

// StartServer starts the metrics server of the --metrics.* flags on
// addr:port with Handler(reg, health).
func StartServer(reg *prometheus.Registry, health http.Handler, addr string, port int) (*httputil.HTTPServer, error) {
	hp := net.JoinHostPort(addr, strconv.Itoa(port))
	srv, err := httputil.StartHTTPServer(hp, Handler(reg, health))
	if err != nil {
		return nil, fmt.Errorf("start metrics server on %s: %w", hp, err)
	}
	return srv, nil
}

// StartPprof starts the pprof server and profiling of the --pprof.* flags;
// nil when neither is asked for. (oppprof logs "started pprof server" with
// its address.)
func StartPprof(cfg oppprof.CLIConfig, l log.Logger) (*oppprof.Service, error) {
	if !cfg.ListenEnabled && cfg.ProfileType == "" {
		return nil, nil
	}
	svc := oppprof.New(cfg.ListenEnabled, cfg.ListenAddr, cfg.ListenPort, cfg.ProfileType, cfg.ProfileDir, cfg.ProfileFilename)
	if err := svc.Start(); err != nil {
		return nil, fmt.Errorf("start pprof server on %s: %w", net.JoinHostPort(cfg.ListenAddr, strconv.Itoa(cfg.ListenPort)), err)
	}
	l.Debug("pprof", "server", cfg.ListenEnabled, "addr", net.JoinHostPort(cfg.ListenAddr, strconv.Itoa(cfg.ListenPort)),
		"profile", string(cfg.ProfileType))
	return svc, nil
}
