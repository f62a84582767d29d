package blobstore

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
)

// TestServerMetricsAndHealth drives every route and checks the counters,
// that every label value comes from the fixed sets (never a hash), and the
// health answer before and after the backend's directory goes away.
func TestServerMetricsAndHealth(t *testing.T) {
	dir := t.TempDir()
	local, err := NewLocal(dir)
	require.NoError(t, err)
	srv := NewServer(local, 1<<10, nil)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c := NewClient(hs.URL, nil)
	ctx := context.Background()

	data := []byte("a checkpoint of 29 bytes, say")
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	got, err := c.Get(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, data, got)
	_, err = c.Get(ctx, Sum([]byte("absent")), 0)
	require.ErrorIs(t, err, ErrNotFound)
	_, err = c.Put(ctx, bytes.Repeat([]byte{1}, 2<<10))
	require.ErrorIs(t, err, ErrTooLarge)
	ok, err := c.Has(ctx, h)
	require.NoError(t, err)
	require.True(t, ok)

	m := srv.metrics
	require.Equal(t, 1.0, value(t, m.requests.WithLabelValues("get", "200")))
	require.Equal(t, 1.0, value(t, m.errors.WithLabelValues("get", "not_found")))
	require.Equal(t, 1.0, value(t, m.errors.WithLabelValues("put", "too_large")))
	require.Equal(t, 1.0, value(t, m.requests.WithLabelValues("head", "200")))
	require.GreaterOrEqual(t, value(t, m.bytes.WithLabelValues("in")), float64(len(data)))
	require.GreaterOrEqual(t, value(t, m.bytes.WithLabelValues("out")), float64(len(data)))

	resp, err := http.Get(hs.URL + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.JSONEq(t, `{"status":"ok"}`, string(body))

	resp, err = http.Get(hs.URL + "/metrics")
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(body), `gensyn_blobstore_requests_total{code="200",route="get"} 1`)
	require.NotContains(t, string(body), h.String(), "no hash in any label")

	fams, err := srv.Registry().Gather()
	require.NoError(t, err)
	for _, f := range fams {
		if !strings.HasPrefix(f.GetName(), MetricsNamespace+"_") {
			continue // the Go runtime's and process's collectors
		}
		for _, mt := range f.GetMetric() {
			for _, lp := range mt.GetLabel() {
				switch lp.GetName() {
				case "route":
					require.True(t, slices.Contains(Routes, lp.GetValue()), "route %q", lp.GetValue())
				case "kind":
					require.True(t, slices.Contains(ErrorKinds, lp.GetValue()), "kind %q", lp.GetValue())
				case "direction":
					require.True(t, slices.Contains([]string{"in", "out"}, lp.GetValue()), "direction %q", lp.GetValue())
				case "code":
					require.Len(t, lp.GetValue(), 3, "code %q", lp.GetValue())
				default:
					t.Fatalf("unexpected label %s=%q on %s", lp.GetName(), lp.GetValue(), f.GetName())
				}
			}
		}
	}

	require.NoError(t, os.RemoveAll(filepath.Join(dir, "tmp")))
	resp, err = http.Get(hs.URL + "/healthz")
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.Contains(t, string(body), `"status":"unhealthy"`)
}

func value(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	require.NoError(t, c.Write(&m))
	return m.GetCounter().GetValue()
}
