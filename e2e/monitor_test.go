package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// httpGet returns the status and body of url (0 when it does not answer).
func httpGet(url string) (int, string) {
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// monitorArgs are the metrics and pprof flags of a service on free ports.
func monitorArgs(t *testing.T) (args []string, metricsURL, pprofURL string) {
	mp, pp := freePort(t), freePort(t)
	return []string{"--metrics.enabled", "--metrics.addr", "127.0.0.1", "--metrics.port", strconv.Itoa(mp),
			"--pprof.enabled", "--pprof.addr", "127.0.0.1", "--pprof.port", strconv.Itoa(pp)},
		fmt.Sprintf("http://127.0.0.1:%d", mp), fmt.Sprintf("http://127.0.0.1:%d", pp)
}

// requireEndpoints checks a running service's monitoring endpoints:
// /healthz is 200 {"status":"ok"}, /metrics has want (the up gauge),
// the metrics server does not answer /debug/pprof/ (it once served the
// metrics page there) and the pprof server does.
func requireEndpoints(t *testing.T, name, base, pprofURL, upMetric string) {
	t.Helper()
	require.Eventually(t, func() bool {
		code, _ := httpGet(base + "/healthz")
		return code == http.StatusOK
	}, 90*time.Second, 200*time.Millisecond, "%s: /healthz never answered 200", name)
	code, body := httpGet(base + "/healthz")
	require.Equal(t, http.StatusOK, code, name)
	var h struct {
		Status  string `json:"status"`
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &h), "%s: %s", name, body)
	require.Equal(t, "ok", h.Status, name)

	code, body = httpGet(base + "/metrics")
	require.Equal(t, http.StatusOK, code, name)
	require.Contains(t, body, upMetric, name)

	if pprofURL != "" {
		code, body = httpGet(base + "/debug/pprof/")
		require.Equal(t, http.StatusNotFound, code, "%s: the metrics server must not answer /debug/pprof/", name)
		require.NotContains(t, body, upMetric, name)
		code, body = httpGet(pprofURL + "/debug/pprof/")
		require.Equal(t, http.StatusOK, code, name)
		require.True(t, strings.Contains(body, "goroutine") && strings.Contains(body, "heap"), "%s: %s", name, body)
	}
}

// TestMonitoringEndpoints runs the blob store, sequencer, worker and
// verifier as real processes with their metrics and pprof servers on, and
// checks every service's /healthz, /metrics and /debug/pprof/; with the
// sequencer killed, the worker's /healthz answers 503 naming it.
func TestMonitoringEndpoints(t *testing.T) {
	c := startSeqChain(t, "--block-time", "1s")

	blobAddr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	bpp := freePort(t)
	startProc(t, "blobstore", nil, "blobstore", "--dir", t.TempDir(), "--addr", blobAddr, "--log.level", "debug",
		"--pprof.enabled", "--pprof.addr", "127.0.0.1", "--pprof.port", strconv.Itoa(bpp))
	requireEndpoints(t, "blobstore", "http://"+blobAddr, fmt.Sprintf("http://127.0.0.1:%d", bpp), `gensyn_blobstore_requests_total{code="200",route="healthz"}`)

	margs, seqMetrics, seqPprof := monitorArgs(t)
	seq := c.startSequencer(t, t.TempDir(), margs...)
	requireEndpoints(t, "sequencer", seqMetrics, seqPprof, "gensyn_sequencer_up 1")
	code, body := httpGet(seq.url + "/healthz") // the OP Stack's place: the RPC server
	require.Equal(t, http.StatusOK, code, body)
	require.Contains(t, body, `"status":"ok"`)

	margs, wMetrics, wPprof := monitorArgs(t)
	w := startProc(t, "worker", []string{"GENSYN_WORKER_PRIVATE_KEY=" + c.hexKeys[cheapWorker]}, append([]string{"worker",
		"--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", "http://" + blobAddr, "--sequencer", seq.url, "--poll-interval", "500ms", "--log.level", "debug",
		"--bid.price", "1000",
	}, margs...)...)
	requireEndpoints(t, "worker", wMetrics, wPprof, "gensyn_worker_up 1")

	margs, vMetrics, vPprof := monitorArgs(t)
	startProc(t, "verifier", []string{"GENSYN_VERIFIER_PRIVATE_KEY=" + c.hexKeys[dearWorker]}, append([]string{"verifier",
		"--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", "http://" + blobAddr, "--sequencer", seq.url, "--poll-interval", "500ms", "--log.level", "debug",
	}, margs...)...)
	requireEndpoints(t, "verifier", vMetrics, vPprof, "gensyn_verifier_up 1")

	// The sequencer goes away: the worker reports itself unhealthy, naming it.
	seq.kill9(t)
	require.Eventually(t, func() bool {
		code, body = httpGet(wMetrics + "/healthz")
		return code == http.StatusServiceUnavailable
	}, 30*time.Second, 200*time.Millisecond, "the worker's /healthz stayed 200 with its sequencer down")
	require.Contains(t, body, `"status":"unhealthy"`)
	require.Contains(t, body, `"sequencer":"sequencer unreachable`)
	require.NotContains(t, w.log(), "service=", "one log key set: role=")
}
