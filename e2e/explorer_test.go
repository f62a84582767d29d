package e2e

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// screenshotsEnv names the directory the explorer test writes its
// screenshots to (default: a temporary one). docs/explorer/ holds the
// current ones: EXPLORER_SCREENSHOTS=docs/explorer go test ./e2e -run TestExplorer
const screenshotsEnv = "EXPLORER_SCREENSHOTS"

// browser starts a headless chromium and returns its context.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("%s not found: the explorer's end-to-end test drives Debian's chromium; install it with `apt-get install -y chromium` (.ci/run does)", chromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900), chromedp.Flag("hide-scrollbars", true))
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); acancel() })
	require.NoError(t, chromedp.Do(ctx), "start chromium")
	return ctx
}

// do runs browser steps.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

// eval evaluates a JavaScript expression on the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// text is the rendered text of the element matched by a CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(function () { var e = document.querySelector(%q); return e ? e.innerText : ""; })()`, css))
}

// open navigates to url and waits for the element with id.
func open(t *testing.T, ctx context.Context, url, id string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID(id)))
}

// explorerNet is a dispute devnet with `gensyn explorer` running on it.
type explorerNet struct {
	*disputeNet
	url   string
	proc  *proc
	shots string
	args  []string
}

func startExplorer(t *testing.T, n *disputeNet, extra ...string) *explorerNet {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	args := append([]string{"explorer",
		"--l1-eth-rpc", n.d.RPCURL, "--deployments", n.depsPath, "--data-dir", t.TempDir(),
		"--addr", addr, "--blobstore", n.blobURL, "--poll-interval", "250ms", "--log.level", "debug"}, extra...)
	e := &explorerNet{disputeNet: n, url: "http://" + addr, proc: startProc(t, "explorer", nil, args...), shots: os.Getenv(screenshotsEnv), args: args}
	if e.shots == "" {
		e.shots = t.TempDir()
	} else if !filepath.IsAbs(e.shots) {
		e.shots = filepath.Join(repoRoot(t), e.shots)
	}
	require.NoError(t, os.MkdirAll(e.shots, 0o755))
	e.waitUp(t)
	return e
}

func (e *explorerNet) waitUp(t *testing.T) {
	t.Helper()
	require.Eventually(t, func() bool {
		code, _ := httpGet(e.url + "/")
		return code == http.StatusOK
	}, 60*time.Second, 250*time.Millisecond, "the explorer never served its market page")
}

// restart kills the explorer (SIGKILL) and starts it again on the same
// index and address.
func (e *explorerNet) restart(t *testing.T) {
	t.Helper()
	e.proc.kill9(t)
	e.proc = startProc(t, "explorer-restarted", nil, e.args...)
	e.waitUp(t)
}

// page fetches path without a browser (no JavaScript).
func (e *explorerNet) page(path string) (int, string) { return httpGet(e.url + path) }

// waitJS waits until the page's expression is true.
func waitJS(t *testing.T, ctx context.Context, expr string, within time.Duration, what string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("main") ? document.getElementById("main").innerText : ""`))
			t.Fatalf("%s: not seen within %s (err %v); the page shows:\n%s", what, within, err, tail(body, 3000))
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func (e *explorerNet) screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	path := filepath.Join(e.shots, name+".png")
	require.NoError(t, os.WriteFile(path, buf, 0o644))
	t.Logf("screenshot %s (%d bytes)", path, len(buf))
}

// gameTxs are the distinct transactions of game id's events, in order.
func (n *disputeNet) gameTxs(t *testing.T, id uint64) []common.Hash {
	t.Helper()
	logs, err := n.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: big.NewInt(0), Addresses: []common.Address{n.d.Contracts.VerdeArbitration},
		Topics: [][]common.Hash{nil, {common.BigToHash(new(big.Int).SetUint64(id))}},
	})
	require.NoError(t, err)
	pooled := n.vaABI.Events["RewardPooled"].ID
	seen := map[common.Hash]bool{}
	var out []common.Hash
	for _, lg := range logs {
		if lg.Topics[0] == pooled || seen[lg.TxHash] {
			continue
		}
		seen[lg.TxHash] = true
		out = append(out, lg.TxHash)
	}
	return out
}

// TestExplorer runs the explorer on a dispute devnet and drives it with a
// headless chromium: an honest job seen on its page from post to payment,
// changing without a reload (server-sent events); a cheater's dispute game
// page showing every move's transaction, the bisection, the one-step and
// the slash; the participant and market pages; the pages at phone width;
// and screenshots of each.
func TestExplorer(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	e := startExplorer(t, n)
	ctx := browser(t)
	t.Logf("devnet, explorer and chromium up in %.1fs", time.Since(start).Seconds())

	const verifierAcct, honestAcct, cheaterAcct = 6, 10, 11
	v := n.startVerifier(t, "verifier", verifierAcct, t.TempDir())
	honestPrice, cheaterPrice := ethAmount(1, 100), ethAmount(2, 100)
	honest := n.startWorker(t, "worker-honest", honestAcct, honestPrice, "")

	// An honest job, watched live from the moment it is posted.
	posted := time.Now()
	id := n.submitJob(t, n.specPath, "--max-price", honestPrice.String(), "--bid-window", "4s", "--challenge-window", "40s")
	jobPath := "/jobs/" + strconv.FormatUint(id, 10)
	require.Eventually(t, func() bool { code, _ := e.page(jobPath); return code == http.StatusOK }, 30*time.Second, 250*time.Millisecond,
		"the explorer never indexed job %d", id)
	open(t, ctx, e.url+jobPath, "job-status")
	waitJS(t, ctx, `typeof window.explorerLoadedAt === "number"`, 10*time.Second, "the page's script")
	loadedAt := eval[float64](t, ctx, `window.explorerLoadedAt`)
	first := text(t, ctx, "#job-status")
	t.Logf("job %d first seen %q", id, first)
	require.Contains(t, []string{"open", "assigned"}, first, "seen before it is trained")

	// The cheater takes a second job while the honest worker's collateral
	// is locked in the first (a worker with one collateral bids on one job).
	cheater := n.startWorker(t, "worker-cheater", cheaterAcct, cheaterPrice, "perturb-weight")
	cheatJob := n.postJob(t, cheaterPrice, cheaterAcct, "40s")

	waitJS(t, ctx, `document.getElementById("job-status").textContent === "finalized" && document.getElementById("payments").textContent.includes("payment")`,
		3*time.Minute, "the honest job finalized and paid, on the open page")
	loadedAfter := eval[float64](t, ctx, `window.explorerLoadedAt`)
	updates := eval[string](t, ctx, `document.body.getAttribute("data-updates") || "0"`)
	require.Equal(t, loadedAt, loadedAfter, "the page was not reloaded: it changed in place")
	nUpdates, _ := strconv.Atoi(updates)
	require.Positive(t, nUpdates, "the page took server-sent updates")
	t.Logf("job %d: %s → finalized and paid on its open page after %d live updates, %.1fs after posting", id, first, nUpdates, time.Since(posted).Seconds())
	// the loss curve: computed from the published checkpoints, both
	// verified (the result was accepted), drawn by uPlot
	waitJS(t, ctx, `document.querySelectorAll("#checkpoints .badge.good").length === 2 && !!document.querySelector('.chart[data-chart="loss"] .uplot')`,
		60*time.Second, "the loss curve with both checkpoints verified")
	// the content is there without JavaScript too
	code, body := e.page(jobPath)
	require.Equal(t, http.StatusOK, code)
	for _, want := range []string{`id="job-status">finalized<`, n.addr(honestAcct).Hex(), "<td>payment</td>", `download>Download the final model</a>`} {
		require.Contains(t, body, want)
	}
	// the final model is served, verified against the on-chain root
	resp, err := http.Get(e.url + jobPath + "/model")
	require.NoError(t, err)
	model, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", tail(string(model), 500))
	require.NotEmpty(t, model)
	e.screenshot(t, ctx, "job")

	// Killed and restarted on its index, the explorer resumes: the job's
	// rows are neither lost nor doubled.
	before := body
	e.restart(t)
	code, body = e.page(jobPath)
	require.Equal(t, http.StatusOK, code)
	for _, row := range []string{"<td>payment</td>", "<td>refund</td>", n.addr(honestAcct).Hex()} {
		require.Equal(t, strings.Count(before, row), strings.Count(body, row), "%q rows after the restart", row)
	}

	// The cheater's dispute game, from challenge to slash.
	gid := n.waitOneGame(t, cheatJob, 2*time.Minute)
	n.requireCheaterLost(t, gid, cheatJob, cheaterAcct, verifierAcct, v)
	txs := n.gameTxs(t, gid)
	gamePath := "/games/" + strconv.FormatUint(gid, 10)
	open(t, ctx, e.url+gamePath, "outcome")
	// the indexer may be a block or two behind the chain
	waitJS(t, ctx, `document.getElementById("outcome").textContent === "challenger won" && !!document.getElementById("slash")`,
		30*time.Second, "the game resolved with the slash, on its page")
	shown := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#moves code.tx")).map(function (c) { return c.title.replace("transaction ", ""); })`)
	for _, h := range txs {
		require.Contains(t, shown, h.Hex(), "game %d's transaction %s is on its page", gid, h)
	}
	slash, oneStep, levels := text(t, ctx, "#slash"), text(t, ctx, "#onestep"), text(t, ctx, ".levels")
	require.Contains(t, slash, formatEth(collateral), "the whole collateral slashed")
	require.Contains(t, slash, shortHex(n.addr(cheaterAcct)))
	require.Contains(t, oneStep, "step wrong")
	for _, lvl := range []string{"checkpoint", "step", "graph node", "element", "primitive"} {
		require.Contains(t, levels, lvl, "the bisection's %s level is drawn", lvl)
	}
	t.Logf("game %d: %d transactions, all on its page; slash: %s", gid, len(txs), strings.Join(strings.Fields(slash), " "))
	e.screenshot(t, ctx, "dispute")

	// The cheater's page: the game lost and the slash in its stake history.
	open(t, ctx, e.url+"/participants/"+n.addr(cheaterAcct).Hex(), "stake")
	pmain := text(t, ctx, "#main")
	require.Contains(t, pmain, "0 won, 1 lost")
	require.Contains(t, pmain, "slash")
	e.screenshot(t, ctx, "participant")

	// The market.
	open(t, ctx, e.url+"/", "total-stake")
	slashed := text(t, ctx, "#slashed")
	require.NotEqual(t, "0 ETH", slashed)
	waitJS(t, ctx, `!!document.querySelector(".chart .uplot")`, 10*time.Second, "the price chart drawn by uPlot")
	e.screenshot(t, ctx, "market")

	// At phone width the job page fits: nothing wider than the screen but
	// the tables, which scroll in their own boxes.
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	open(t, ctx, e.url+jobPath, "job-status")
	waitJS(t, ctx, `document.documentElement.scrollWidth <= window.innerWidth + 1`, 10*time.Second, "no horizontal overflow at 390 px")
	e.screenshot(t, ctx, "phone-job")

	// Bad input gets its page and status.
	for path, want := range map[string]int{"/jobs/999999": 404, "/jobs/abc": 400, "/participants/0x12": 400, "/games/424242": 404} {
		code, body := e.page(path)
		require.Equal(t, want, code, path)
		require.Contains(t, body, "<h1", path)
	}
	if st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", e.proc.cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(st), "\n") {
			if strings.HasPrefix(l, "VmRSS:") || strings.HasPrefix(l, "VmHWM:") {
				t.Logf("explorer %s", strings.Join(strings.Fields(l), " "))
			}
		}
	}
	logWarnings(t, "explorer", e.proc)
	logWarnings(t, "worker-honest", honest)
	_ = cheater
	t.Logf("TestExplorer took %.1fs", time.Since(start).Seconds())
}

// formatEth writes wei as the explorer does ("1 ETH").
func formatEth(v *big.Int) string {
	f := new(big.Float).Quo(new(big.Float).SetInt(v), big.NewFloat(1e18))
	return strings.TrimRight(strings.TrimRight(f.Text('f', 6), "0"), ".") + " ETH"
}

func shortHex(a common.Address) string {
	h := a.Hex()
	return fmt.Sprintf("%s…%s", h[:6], h[len(h)-4:])
}

// TestExplorerRPCDown: with its chain's RPC unreachable, `gensyn explorer`
// keeps running and answers its pages with a 503 page that says so (bad
// input still gets its 400), never a stack trace.
func TestExplorerRPCDown(t *testing.T) {
	deps := filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, os.WriteFile(deps, []byte(`{"chainId":31337,"blockNumber":1,"contracts":{
		"stakeManager":"0x0000000000000000000000000000000000000001","jobMarket":"0x0000000000000000000000000000000000000002",
		"commitmentInbox":"0x0000000000000000000000000000000000000003","nodeRegistry":"0x0000000000000000000000000000000000000004",
		"verdeArbitration":"0x0000000000000000000000000000000000000005","oneStep":"0x0000000000000000000000000000000000000006"}}`), 0o644))
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	dead := "http://127.0.0.1:" + strconv.Itoa(freePort(t)) // nothing listens there
	p := startProc(t, "explorer", nil, "explorer", "--l1-eth-rpc", dead, "--deployments", deps, "--data-dir", t.TempDir(),
		"--addr", addr, "--blobstore", "", "--poll-interval", "250ms")
	var resp *http.Response
	require.Eventually(t, func() bool {
		r, err := http.Get("http://" + addr + "/")
		if err != nil {
			return false
		}
		r.Body.Close()
		resp = r
		return r.StatusCode == http.StatusServiceUnavailable
	}, 30*time.Second, 250*time.Millisecond, "the market page never answered 503")
	require.Equal(t, "5", resp.Header.Get("Retry-After"))
	code, body := httpGet("http://" + addr + "/jobs/1")
	require.Equal(t, http.StatusServiceUnavailable, code)
	require.Contains(t, body, "<h1 id=\"title\">Service unavailable</h1>")
	require.Contains(t, body, "cannot read the")
	for _, s := range []string{"goroutine", ".go:", "connection refused", "dial tcp"} {
		require.NotContains(t, body, s)
	}
	code, _ = httpGet("http://" + addr + "/jobs/abc")
	require.Equal(t, http.StatusBadRequest, code)
	code, _ = httpGet("http://" + addr + "/healthz")
	require.Equal(t, http.StatusOK, code)
	require.Nil(t, p.cmd.ProcessState, "the explorer keeps running")
}
