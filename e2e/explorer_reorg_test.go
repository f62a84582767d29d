package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

// TestExplorerReorg runs `gensyn explorer --confirmations 0` on a devnet
// and reorgs the chain under it (evm_snapshot, a branch the explorer
// indexes and shows, evm_revert, a longer different branch): in the
// browser, the orphaned branch's job and funder are gone, the new
// branch's are shown exactly once, the indexed head is the new branch's,
// and the explorer keeps running.
func TestExplorerReorg(t *testing.T) {
	start := time.Now()
	n := startDisputeNet(t)
	e := startExplorer(t, n, "--confirmations", "0")
	ctx := browser(t)
	t.Logf("devnet, explorer and chromium up in %.1fs", time.Since(start).Seconds())

	const orphanFunder, newFunder = 12, 13
	orphanPrice, newPrice := ethAmount(3, 10), ethAmount(7, 10)
	orphanFund, newFund := ethAmount(25, 100), ethAmount(45, 100)
	// a bid window no keeper closes during the test
	post := func(price *big.Int) uint64 {
		return n.submitJob(t, n.specPath, "--max-price", price.String(), "--bid-window", "600s")
	}
	fund := func(acct int, amount *big.Int) common.Hash {
		return n.send(acct, n.mI(), amount, n.m.PackFund(big.NewInt(1))).TxHash
	}
	headJS := `(function () { var h = document.getElementById("head"); return h ? Number(h.getAttribute("data-head")) : 0; })()`
	// rows of the job page's funders table, and of the market's latest jobs
	fundersJS := `Array.from(document.querySelectorAll('section[aria-labelledby="funders-h"] tbody tr')).map(function (r) { return r.innerText; })`
	jobRowsJS := `Array.from(document.querySelectorAll('section[aria-labelledby="recent-h"] tbody tr')).map(function (r) { return r.innerText; })`

	var snap string
	require.NoError(t, n.rpc.Call(&snap, "evm_snapshot"))

	// The branch that will be orphaned: job 1 at one max price, and a
	// second funder.
	require.Equal(t, uint64(1), post(orphanPrice))
	orphanTx := fund(orphanFunder, orphanFund)
	open(t, ctx, e.url+"/jobs/1", "job-status")
	waitJS(t, ctx, fmt.Sprintf(`document.querySelector('section[aria-labelledby="funders-h"]').innerText.includes(%q)`, formatEth(orphanFund)),
		30*time.Second, "the orphaned branch's funder on the job page")
	require.Contains(t, text(t, ctx, "#main"), formatEth(orphanPrice))
	require.Contains(t, eval[string](t, ctx, `document.body.innerHTML`), orphanTx.Hex())
	orphanHead := n.head(t)
	open(t, ctx, e.url+"/", "total-stake")
	waitJS(t, ctx, fmt.Sprintf(`%s >= %d`, headJS, orphanHead), 30*time.Second, "the orphaned branch's head on the market page")
	rows := eval[[]string](t, ctx, jobRowsJS)
	require.Len(t, rows, 1, "%q", rows)
	require.Contains(t, rows[0], formatEth(orphanPrice))
	t.Logf("orphaned branch indexed and shown to block %d: job 1 at %s, funder %s", orphanHead, formatEth(orphanPrice), formatEth(orphanFund))

	// The job page stays open through the reorg.
	open(t, ctx, e.url+"/jobs/1", "job-status")
	waitJS(t, ctx, `typeof window.explorerLoadedAt === "number"`, 10*time.Second, "the page's script")
	loadedAt := eval[float64](t, ctx, `window.explorerLoadedAt`)

	var ok bool
	require.NoError(t, n.rpc.Call(&ok, "evm_revert", snap))
	require.True(t, ok)
	reverted := n.head(t)
	require.Less(t, reverted, orphanHead)
	// The new branch: job 1 again at another max price, another funder
	// with another amount, then blocks past the old height.
	require.Equal(t, uint64(1), post(newPrice))
	newTx := fund(newFunder, newFund)
	for n.head(t) <= orphanHead+2 {
		require.NoError(t, n.rpc.Call(nil, "evm_mine"))
	}
	newHead := n.head(t)
	t.Logf("reverted to block %d; new branch mined to block %d", reverted, newHead)

	// On the open job page (live, or after navigation): the new funder
	// once, the orphaned one gone.
	live := true
	deadline := time.Now().Add(30 * time.Second)
	for {
		f, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('section[aria-labelledby="funders-h"]').innerText`))
		if err == nil && strings.Contains(f, formatEth(newFund)) {
			break
		}
		if time.Now().After(deadline) {
			live = false
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	require.True(t, live, "the open job page never showed the new branch's funder")
	require.Equal(t, loadedAt, eval[float64](t, ctx, `window.explorerLoadedAt`), "the page was not reloaded: it changed in place")
	checkJob := func() {
		t.Helper()
		funders := eval[[]string](t, ctx, fundersJS)
		require.Len(t, funders, 2, "the poster and the new funder: %q", funders)
		require.Equal(t, 1, countContaining(funders, formatEth(newFund)), "%q", funders)
		require.Equal(t, 1, countContaining(funders, shortHex(n.addr(newFunder))), "%q", funders)
		require.Zero(t, countContaining(funders, shortHex(n.addr(orphanFunder))), "%q", funders)
		require.Zero(t, countContaining(funders, formatEth(orphanFund)), "%q", funders)
		html := eval[string](t, ctx, `document.body.innerHTML`)
		require.NotContains(t, html, orphanTx.Hex())
		require.Equal(t, 1, strings.Count(html, newTx.Hex()), "the new funding's transaction once")
		main := text(t, ctx, "#main")
		require.Contains(t, main, formatEth(newPrice))
		require.NotContains(t, main, formatEth(orphanPrice))
		require.Equal(t, "open", text(t, ctx, "#job-status"))
	}
	checkJob()

	// The market: one job, the new branch's, at the new head.
	open(t, ctx, e.url+"/", "total-stake")
	waitJS(t, ctx, fmt.Sprintf(`%s >= %d`, headJS, newHead), 30*time.Second, "the new branch's head on the market page")
	shownHead := eval[float64](t, ctx, headJS)
	require.Greater(t, uint64(shownHead), orphanHead, "the indexed head is past the orphaned branch's")
	rows = eval[[]string](t, ctx, jobRowsJS)
	require.Len(t, rows, 1, "job 1 once: %q", rows)
	require.Contains(t, rows[0], formatEth(newPrice))
	require.NotContains(t, rows[0], formatEth(orphanPrice))
	require.Equal(t, "1", text(t, ctx, "#jobs"))
	require.Equal(t, "1", text(t, ctx, "#open-jobs"))
	// the poster's 1 ETH escrow and the new funder's, not the orphaned one's
	require.Equal(t, formatEth(new(big.Int).Add(ethAmount(1, 1), newFund)), text(t, ctx, "#escrow"))
	e.screenshot(t, ctx, "reorg-market")

	// and loaded afresh, at the new branch's head (the live update
	// replaces <main>, not the footer's head line)
	open(t, ctx, e.url+"/jobs/1", "job-status")
	waitJS(t, ctx, fmt.Sprintf(`%s >= %d`, headJS, newHead), 30*time.Second, "the new branch's head on the job page")
	checkJob()

	// the explorer kept running and serves its head
	require.Nil(t, e.proc.cmd.ProcessState, "the explorer keeps running")
	code, body := e.page("/healthz")
	require.Equal(t, http.StatusOK, code)
	var hz struct{ Head uint64 }
	require.NoError(t, json.Unmarshal([]byte(body), &hz), body)
	require.GreaterOrEqual(t, hz.Head, newHead)
	logWarnings(t, "explorer", e.proc)
	t.Logf("TestExplorerReorg took %.1fs", time.Since(start).Seconds())
}

// countContaining is how many of rows contain s.
func countContaining(rows []string, s string) int {
	c := 0
	for _, r := range rows {
		if strings.Contains(r, s) {
			c++
		}
	}
	return c
}
