package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/oppprof"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestMetricsServerServesOnlyMetricsAndHealth(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "gensyn_test_total", Help: "a test counter"})
	reg.MustRegister(c)
	c.Inc()
	var rpcDown error
	h := NewHealth("v1.2.3")
	h.Add("l1", func(context.Context) error { return rpcDown })
	srv, err := StartServer(reg, h, "127.0.0.1", 0)
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })
	base := "http://" + srv.Addr().String()

	code, body := get(t, base+"/metrics")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "gensyn_test_total 1")

	code, body = get(t, base+"/healthz")
	require.Equal(t, http.StatusOK, code)
	var rep Report
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	require.Equal(t, Report{Status: "ok", Version: "v1.2.3", Checks: []string{"l1"}}, rep)

	rpcDown = errors.New("l1 rpc unreachable: connection refused")
	code, body = get(t, base+"/healthz")
	require.Equal(t, http.StatusServiceUnavailable, code)
	rep = Report{}
	require.NoError(t, json.Unmarshal([]byte(body), &rep))
	require.Equal(t, "unhealthy", rep.Status)
	require.Equal(t, map[string]string{"l1": "l1 rpc unreachable: connection refused"}, rep.Failed)

	// The metrics page is not served under every path (it once answered
	// /debug/pprof/ too).
	for _, p := range []string{"/debug/pprof/", "/", "/metricsx"} {
		code, body = get(t, base+p)
		require.Equal(t, http.StatusNotFound, code, p)
		require.NotContains(t, body, "gensyn_test_total", p)
	}
}

func TestPprofServer(t *testing.T) {
	cfg := oppprof.DefaultCLIConfig()
	svc, err := StartPprof(cfg, log.Root())
	require.NoError(t, err)
	require.Nil(t, svc, "no pprof server unless asked for")

	cfg.ListenEnabled, cfg.ListenAddr, cfg.ListenPort = true, "127.0.0.1", freePort(t)
	svc, err = StartPprof(cfg, log.Root())
	require.NoError(t, err)
	t.Cleanup(func() { _ = svc.Stop(context.Background()) })
	code, body := get(t, "http://127.0.0.1:"+strconv.Itoa(cfg.ListenPort)+"/debug/pprof/")
	require.Equal(t, http.StatusOK, code)
	require.True(t, strings.Contains(body, "goroutine") && strings.Contains(body, "heap"), body)
}
