package blobstore

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
)

// MetricsNamespace of the blob store's metrics.
const MetricsNamespace = "gensyn_blobstore"

// Routes are the values of the metrics' route label: one per API route, a
// fixed set (never a hash or a key).
var Routes = []string{"put", "get", "head", "upload", "index_put", "index_get", "healthz", "metrics"}

// ErrorKinds are the values of the errors_total kind label.
var ErrorKinds = []string{"not_found", "bad_request", "too_large", "internal"}

// Pinger is a Store that can say whether its backend is usable (the
// /healthz check).
type Pinger interface {
	Ping(ctx context.Context) error
}

// serverMetrics counts what the HTTP server does, by bounded labels only.
type serverMetrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	errors   *prometheus.CounterVec
	bytes    *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newServerMetrics() *serverMetrics {
	registry := opmetrics.NewRegistry()
	f := opmetrics.With(registry)
	ns := MetricsNamespace
	return &serverMetrics{
		registry: registry,
		requests: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "requests_total", Help: "HTTP requests by route and status code",
		}, []string{"route", "code"}),
		errors: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "errors_total", Help: "Failed requests by route and kind (not_found, bad_request, too_large, internal)",
		}, []string{"route", "kind"}),
		bytes: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "bytes_total", Help: "Request body bytes received (in) and response bytes sent (out)",
		}, []string{"direction"}),
		duration: f.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: ns, Name: "request_duration_seconds", Help: "HTTP request duration by route",
			Buckets: []float64{.001, .005, .025, .1, .5, 2.5, 10, 60},
		}, []string{"route"}),
	}
}

// Registry is the registry of the server's metrics (served on /metrics).
func (s *Server) Registry() *prometheus.Registry { return s.metrics.registry }

// handle registers h under pattern, counted as route.
func (s *Server) handle(pattern, route string, h http.HandlerFunc) {
	s.mux.Handle(pattern, s.instrument(route, h))
}

func (s *Server) instrument(route string, h http.Handler) http.Handler {
	m := s.metrics
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		cw := &countingWriter{ResponseWriter: w, code: http.StatusOK}
		if r.Body != nil {
			r.Body = &countingBody{ReadCloser: r.Body, n: &cw.in}
		}
		defer func() {
			m.requests.WithLabelValues(route, strconv.Itoa(cw.code)).Inc()
			if k := errorKind(cw.code); k != "" {
				m.errors.WithLabelValues(route, k).Inc()
			}
			if route != "metrics" {
				m.bytes.WithLabelValues("in").Add(float64(cw.in))
				m.bytes.WithLabelValues("out").Add(float64(cw.out))
			}
			m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
			s.log.Debug("request", "method", r.Method, "route", route, "code", cw.code,
				"bytes_in", cw.in, "bytes_out", cw.out, "duration", time.Since(start))
		}()
		h.ServeHTTP(cw, r)
	})
}

func errorKind(code int) string {
	switch {
	case code < 400:
		return ""
	case code == http.StatusNotFound:
		return "not_found"
	case code == http.StatusRequestEntityTooLarge:
		return "too_large"
	case code < 500:
		return "bad_request"
	default:
		return "internal"
	}
}

func (s *Server) registerMonitoring() {
	s.handle("GET /metrics", "metrics", promhttp.InstrumentMetricHandler(s.metrics.registry,
		promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})).ServeHTTP)
	s.handle("GET /healthz", "healthz", s.healthz)
}

type healthJSON struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// healthz answers 200 {"status":"ok"}, or 503 {"status":"unhealthy",
// "error":...} when the store's backend is not usable.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if p, ok := s.store.(Pinger); ok {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := p.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_ = json.NewEncoder(w).Encode(healthJSON{Status: "unhealthy", Error: err.Error()})
			return
		}
	}
	_ = json.NewEncoder(w).Encode(healthJSON{Status: "ok"})
}

type countingWriter struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
	in, out     int64
}

func (w *countingWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	n, err := w.ResponseWriter.Write(b)
	w.out += int64(n)
	return n, err
}

func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type countingBody struct {
	io.ReadCloser
	n *int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	*b.n += int64(n)
	return n, err
}
