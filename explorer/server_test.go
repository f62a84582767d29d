package explorer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/indexer"
)

// fakeIndex is an in-memory Index.
type fakeIndex struct {
	mu      sync.Mutex
	head    *indexer.Head
	err     error // returned by every read when set
	market  indexer.Market
	jobs    map[uint64]indexer.Job
	games   map[uint64]indexer.Game
	parts   map[common.Address]indexer.Participant
	updates chan indexer.Update
	panicOn uint64 // Job(panicOn) panics
	lists   int    // Jobs calls
}

func (f *fakeIndex) Head() (indexer.Head, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return indexer.Head{}, f.err
	}
	if f.head == nil {
		return indexer.Head{}, &indexer.NotFoundError{Kind: "head"}
	}
	return *f.head, nil
}

func (f *fakeIndex) Market() (indexer.Market, error) { return f.market, f.err }

func (f *fakeIndex) Jobs(flt indexer.JobFilter) ([]indexer.JobSummary, error) {
	f.lists++
	var out []indexer.JobSummary
	for id := uint64(len(f.jobs) + 10); id > 0; id-- {
		j, ok := f.jobs[id]
		if !ok || (flt.Status != 0 && j.Status != flt.Status) {
			continue
		}
		if flt.Address != (common.Address{}) && j.Poster != flt.Address && j.Worker != flt.Address {
			continue
		}
		out = append(out, j.JobSummary)
	}
	return out, f.err
}

func (f *fakeIndex) Job(id uint64) (indexer.Job, error) {
	if f.panicOn != 0 && id == f.panicOn {
		panic("boom")
	}
	if f.err != nil {
		return indexer.Job{}, f.err
	}
	j, ok := f.jobs[id]
	if !ok {
		return j, &indexer.NotFoundError{Kind: "job"}
	}
	return j, nil
}

func (f *fakeIndex) Game(id uint64) (indexer.Game, error) {
	g, ok := f.games[id]
	if !ok {
		return g, &indexer.NotFoundError{Kind: "game"}
	}
	return g, f.err
}

func (f *fakeIndex) Games(before uint64, limit int) ([]indexer.Game, error) {
	var out []indexer.Game
	for id := uint64(len(f.games) + 10); id > 0 && len(out) < limit; id-- {
		if g, ok := f.games[id-1]; ok && (before == 0 || g.ID < before) {
			out = append(out, g)
		}
	}
	return out, f.err
}

func (f *fakeIndex) Participant(a common.Address) (indexer.Participant, error) {
	p, ok := f.parts[a]
	if !ok {
		return p, &indexer.NotFoundError{Kind: "participant"}
	}
	return p, f.err
}

func (f *fakeIndex) Subscribe() (<-chan indexer.Update, func()) { return f.updates, func() {} }

var (
	poster     = common.HexToAddress("0x00000000000000000000000000000000000000a1")
	worker     = common.HexToAddress("0x00000000000000000000000000000000000000b2")
	challenger = common.HexToAddress("0x00000000000000000000000000000000000000c3")
	specBytes  = []byte(`{"name":"digits <script>alert(1)</script>","steps":200}`)
	specHash   = crypto.Keccak256Hash(specBytes)
)

func eth(milli int64) *big.Int { return new(big.Int).Mul(big.NewInt(milli), big.NewInt(1e15)) }

func ref(block uint64) indexer.TxRef {
	return indexer.TxRef{Block: block, Time: 1_700_000_000 + block, Tx: common.BigToHash(new(big.Int).SetUint64(block * 7))}
}

// newFake is a market with an open job (2), a finalized job (1) with two
// verified checkpoints, and a game (0) that the worker of job 3 lost.
func newFake() *fakeIndex {
	f := &fakeIndex{head: &indexer.Head{Number: 120, Time: 1_700_000_120}, updates: make(chan indexer.Update, 4),
		jobs: map[uint64]indexer.Job{}, games: map[uint64]indexer.Game{}, parts: map[common.Address]indexer.Participant{}}
	f.market = indexer.Market{Jobs: 3, ByStatus: [6]uint64{0, 2, 0, 0, 1, 0}, ActiveWorkers: 1, ActiveVerifiers: 1, Verifiers: 1, Nodes: 2, TotalStake: eth(2000), Escrow: eth(30),
		Slashed: eth(1000), Burned: eth(500), Paid: eth(10), Refunded: eth(0), Games: 1}
	params := indexer.JobParams{SpecHash: specHash, Steps: 200, CheckpointInterval: 100, MaxPrice: eth(20), RequiredCollateral: eth(1000),
		BidWindow: 4, ExecutionWindow: 3600, ChallengeWindow: 40}
	f.jobs[1] = indexer.Job{
		JobSummary: indexer.JobSummary{ID: 1, Poster: poster, Status: indexer.StatusFinalized, MaxPrice: eth(20), Escrow: eth(0), Price: eth(10), Worker: worker, Posted: ref(10)},
		Params:     params,
		Funders:    []indexer.Funding{{Funder: poster, Amount: eth(20), Escrow: eth(20), Ref: ref(10)}},
		Bids:       []indexer.Bid{{Bidder: worker, Price: eth(10), Auction: 1, Ref: ref(11)}},
		Rounds: []indexer.Round{{Round: 1, Worker: worker, Price: eth(10), Assigned: ref(15), End: "finalized", Checkpoints: []indexer.Checkpoint{
			{Index: 1, StateRoot: common.HexToHash("0x11"), Posted: &indexer.Inclusion{Batch: 3, Ref: ref(20)}, Loss: &indexer.Loss{Value: 2.25, Verified: true}},
			{Index: 2, StateRoot: common.HexToHash("0x12"), Forced: ptrRef(ref(25)), Loss: &indexer.Loss{Value: 1.5}},
		}}},
		Payments:       []indexer.Payment{{Kind: "price", To: worker, Amount: eth(10), Ref: ref(60)}, {Kind: "refund", Amount: eth(10), Ref: ref(60)}},
		FinalModelRoot: common.HexToHash("0x12"),
	}
	f.jobs[2] = indexer.Job{JobSummary: indexer.JobSummary{ID: 2, Poster: poster, Status: indexer.StatusOpen, MaxPrice: eth(30), Escrow: eth(30), Posted: ref(100)}, Params: params}
	f.jobs[3] = indexer.Job{JobSummary: indexer.JobSummary{ID: 3, Poster: poster, Status: indexer.StatusOpen, MaxPrice: eth(15), Escrow: eth(15), Posted: ref(70)},
		Params: params, Games: []uint64{0}}
	f.games[0] = indexer.Game{ID: 0, JobID: 3, Round: 1, Checkpoint: 1, Worker: worker, Challenger: challenger, Bond: eth(11), WorkerClock: 100, ChallengerClock: 90,
		Phase: 12, Outcome: indexer.OutcomeChallengerWon, Reason: 6, Paid: challenger, Resolved: ptrRef(ref(90)),
		Moves: []indexer.Move{
			{Name: "GameStarted", By: challenger, Ref: ref(80), Phase: 1, WorkerClock: 120, ChallengerClock: 120},
			{Name: "StepPicked", By: challenger, Ref: ref(82), Args: []indexer.Arg{{Name: "step", Value: "37"}}, Phase: 4},
			{Name: "OneStepProved", By: worker, Ref: ref(88), Phase: 12},
		},
		Bisection: indexer.Bisection{
			Checkpoint: &indexer.CheckpointLevel{Checkpoint: 1, FromStep: 0, ToStep: 100},
			Step:       &indexer.StepLevel{Step: 37, NumNodes: 12},
			Node:       &indexer.NodeLevel{Node: 5},
			Element:    &indexer.ElementLevel{Element: 9, TraceLength: 64},
			Primitive: &indexer.PrimitiveLevel{Entry: 17, OneStep: &indexer.OneStep{Ref: ref(88), Result: "step wrong",
				Operands: []indexer.Arg{{Name: "a", Value: "0x3f800000"}, {Name: "b", Value: "0x40000000"}, {Name: "claimed", Value: "0x40400001"}}}},
		},
		Slash: &indexer.SlashRecord{Staker: worker, JobID: 3, Amount: eth(1000), Reward: eth(500), Burned: eth(500), Ref: ref(90)},
	}
	f.parts[worker] = indexer.Participant{Address: worker, Registered: true, Hardware: "cpu", Staked: eth(0), Locked: eth(0), Slashed: eth(1000), Earnings: eth(10),
		Stake: []indexer.StakeChange{{Kind: "deposit", Amount: eth(1000), Staked: eth(1000), Ref: ref(5)}, {Kind: "slash", Amount: eth(1000), JobID: 3, Staked: eth(0), Ref: ref(90)}},
		Jobs:  []indexer.ParticipantJob{{JobID: 1, Roles: []string{"bidder", "worker"}}}, Games: []uint64{0}, GamesLost: []uint64{0}}
	return f
}

func ptrRef(r indexer.TxRef) *indexer.TxRef { return &r }

type testEnv struct {
	ix     *fakeIndex
	srv    *Server
	chain  error
	models map[uint64][]byte
}

// model serves e.models[id] as a checked model file.
func (e *testEnv) model(_ context.Context, id uint64) (io.ReadSeekCloser, error) {
	return nopCloser{bytes.NewReader(e.models[id])}, nil
}

type nopCloser struct{ io.ReadSeeker }

func (nopCloser) Close() error { return nil }

func newEnv(t *testing.T) *testEnv {
	e := &testEnv{ix: newFake(), models: map[uint64][]byte{1: []byte("model-bytes")}}
	src := NewIndexSource(e.ix, IndexConfig{
		Chain: func() error { return e.chain },
		Blob: func(_ context.Context, h common.Hash) ([]byte, error) {
			if h == specHash {
				return specBytes, nil
			}
			return nil, errors.New("not found")
		},
		Model: e.model,
	})
	srv, err := New(src, nil)
	require.NoError(t, err)
	e.srv = srv
	return e
}

func (e *testEnv) get(t *testing.T, path string) (int, http.Header, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Header(), rec.Body.String()
}

// requirePage checks what every HTML page has: a language, a viewport, a
// title, one h1 and no Go internals.
func requirePage(t *testing.T, body, title string) {
	t.Helper()
	require.Contains(t, body, `<html lang="en">`)
	require.Contains(t, body, `<meta name="viewport" content="width=device-width, initial-scale=1">`)
	require.Contains(t, body, "<title>"+title+" · gensyn explorer</title>")
	require.Equal(t, 1, strings.Count(body, "<h1"), "one h1")
	require.Contains(t, body, `<main id="main"`)
	for _, s := range []string{"goroutine", ".go:", "panic", "runtime."} {
		require.NotContains(t, body, s)
	}
	// every table has a caption, every input a label
	require.Equal(t, strings.Count(body, "<table"), strings.Count(body, "<caption>"), "a caption per table")
	require.Equal(t, strings.Count(body, "<input"), strings.Count(body, "<label"), "a label per input")
}

func TestMarketPage(t *testing.T) {
	e := newEnv(t)
	code, h, body := e.get(t, "/")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
	requirePage(t, body, "Market")
	for _, want := range []string{
		`<dd id="open-jobs">2</dd>`, `<dd id="workers">1</dd>`, `<dd id="verifiers">1</dd>`,
		`<dd id="total-stake">2 ETH</dd>`, `<dd id="escrow">0.03 ETH</dd>`, `<dd id="slashed">1 ETH</dd>`, `<dd id="burned">0.5 ETH</dd>`,
		`<a href="/jobs/2">Job 2</a>`, `<a href="/games/0">Game 0</a>`, `challenger won`,
		`data-topic="market"`, `data-chart="prices"`, `data-series="[[1],[0.01]]"`,
	} {
		require.Contains(t, body, want)
	}
	require.Equal(t, 1, e.ix.lists, "the open jobs are among the latest: one list read")
	// at the same head the page is not built again
	_, _, again := e.get(t, "/")
	require.Equal(t, body, again)
	require.Equal(t, 1, e.ix.lists, "built once per head")
	// an open job older than the latest: the open jobs are listed by status
	e.ix.market.ByStatus[indexer.StatusOpen] = 3
	e.ix.lists = 0
	e.ix.head.Number++ // a new block
	code, _, body = e.get(t, "/")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, 2, e.ix.lists)
	require.Contains(t, body, `<dd id="open-jobs">3</dd>`)
	// a job cancelled without a worker shows no worker and no price
	j := e.ix.jobs[2]
	j.Status, j.Price, j.Checkpoints = indexer.StatusCancelled, eth(0), 2
	e.ix.jobs[2] = j
	e.ix.head.Hash = common.HexToHash("0x0f") // a reorg to the same height
	_, _, body = e.get(t, "/")
	row := regexp.MustCompile(`(?s)<a href="/jobs/2">Job 2</a>.*?</tr>`).FindString(body)
	require.Contains(t, row, "cancelled")
	require.Contains(t, row, `<td>—</td>`)
	require.Contains(t, row, `<td class="num">—</td>`)
	require.NotContains(t, row, "0 ETH")
	require.Contains(t, row, `<td class="num">0 of 2</td>`)
}

func TestJobPage(t *testing.T) {
	e := newEnv(t)
	code, _, body := e.get(t, "/jobs/1")
	require.Equal(t, http.StatusOK, code)
	requirePage(t, body, "Job 1")
	for _, want := range []string{
		`id="job-status">finalized<`, specHash.Hex(), `batch 3:`, `<span class="badge good">verified</span>`,
		`data-series="[[100,200],[2.25,1.5],[2.25,1.5]]"`, `<a href="/jobs/1/model" download>`,
		`<td>payment</td>`, `<td>refund</td>`, `data-topic="job/1"`, "2.25", "paid",
	} {
		require.Contains(t, body, want)
	}
	// the spec is shown, escaped
	require.Contains(t, body, "digits &lt;script&gt;alert(1)&lt;/script&gt;")
	require.NotContains(t, body, "<script>alert(1)")

	// before the round's result is accepted only the index's verified
	// point is marked
	j1 := e.ix.jobs[1]
	j1.Rounds[0].End = ""
	e.ix.jobs[1] = j1
	_, _, body = e.get(t, "/jobs/1")
	require.Contains(t, body, `data-series="[[100,200],[2.25,1.5],[2.25,null]]"`)

	// a job whose spec the blob store does not have says so
	j := e.ix.jobs[2]
	j.Params.SpecHash = common.HexToHash("0x99")
	e.ix.jobs[2] = j
	code, _, body = e.get(t, "/jobs/2")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, "The blob store did not return the spec")
	require.Contains(t, body, "No result submitted yet.")
}

func TestGamePage(t *testing.T) {
	e := newEnv(t)
	code, _, body := e.get(t, "/games/0")
	require.Equal(t, http.StatusOK, code)
	requirePage(t, body, "Dispute game 0")
	for _, want := range []string{
		`id="outcome">challenger won<`, "step wrong", "GameStarted", "StepPicked", "OneStepProved", "step=37",
		"<h3>checkpoint</h3>", "<h3>step</h3>", "<h3>graph node</h3>", "<h3>element</h3>", "<h3>primitive</h3>",
		`<code>0x40400001</code>`, `id="onestep-result">step wrong<`, `<div><dt>Amount</dt><dd>1 ETH</dd></div>`,
		`aria-label="step 37 picked in [0, 100) of [0, 100)"`, `<rect class="pick" x="37.00"`,
	} {
		require.Contains(t, body, want)
	}
}

func TestParticipantPage(t *testing.T) {
	e := newEnv(t)
	code, _, body := e.get(t, "/participants/"+worker.Hex())
	require.Equal(t, http.StatusOK, code)
	requirePage(t, body, "Participant "+shortAddr(worker))
	for _, want := range []string{worker.Hex(), "hardware cpu", "bidder, worker", "deposit", "slash", `<a href="/jobs/3">Job 3</a>`, "0 won, 1 lost", `id="earnings">0.01 ETH<`} {
		require.Contains(t, body, want)
	}
	// lower-case addresses work too
	code, _, _ = e.get(t, "/participants/"+strings.ToLower(worker.Hex()))
	require.Equal(t, http.StatusOK, code)
}

// TestErrorPages: bad input and a chain or index that cannot be read get a
// page that says so, with the right status code and no Go internals.
func TestErrorPages(t *testing.T) {
	for _, tc := range []struct {
		path  string
		code  int
		title string
		setup func(e *testEnv)
	}{
		{"/jobs/99", 404, "job not found", nil},
		{"/jobs/abc", 400, "Malformed job id", nil},
		{"/jobs/-1", 400, "Malformed job id", nil},
		{"/jobs/007", 400, "Malformed job id", nil},
		{"/jobs/99999999999999999999999", 400, "Malformed job id", nil},
		{"/jobs/2/model", 404, "No final model yet", nil},
		{"/jobs/x/model", 400, "Malformed job id", nil},
		{"/games/5", 404, "dispute game not found", nil},
		{"/games/1e3", 400, "Malformed dispute game id", nil},
		{"/participants/0x1234", 400, "Malformed address", nil},
		{"/participants/" + strings.TrimPrefix(challenger.Hex(), "0x"), 400, "Malformed address", nil},
		{"/participants/0x00000000000000000000000000000000000000ff", 404, "participant not found", nil},
		{"/nope", 404, "Page not found", nil},
		{"/search?q=0xzz", 400, "Malformed address", nil},
		{"/events?topic=job/x", 400, "Malformed topic", nil},
		{"/", 503, "Service unavailable", func(e *testEnv) { e.chain = errors.New("dial tcp 127.0.0.1:8545: connection refused") }},
		{"/jobs/1", 503, "Service unavailable", func(e *testEnv) { e.chain = errors.New("connection refused") }},
		{"/jobs/1", 503, "Service unavailable", func(e *testEnv) { e.ix.head = nil }},
		{"/games/0", 503, "Service unavailable", func(e *testEnv) { e.ix.err = errors.New("pebble: closed") }},
		{"/jobs/4", 500, "Internal error", func(e *testEnv) { e.ix.panicOn = 4 }},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			e := newEnv(t)
			if tc.setup != nil {
				tc.setup(e)
			}
			code, h, body := e.get(t, tc.path)
			require.Equal(t, tc.code, code)
			requirePage(t, body, tc.title)
			require.Contains(t, body, "<h1 id=\"title\">"+tc.title+"</h1>")
			require.NotContains(t, body, "connection refused", "backend errors go to the log, not the page")
			require.NotContains(t, body, "pebble")
			if code == 503 {
				require.Equal(t, "5", h.Get("Retry-After"))
			}
		})
	}
	t.Run("POST", func(t *testing.T) {
		e := newEnv(t)
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/jobs/1", strings.NewReader("x")))
		require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	})
	t.Run("503 says which backend", func(t *testing.T) {
		e := newEnv(t)
		e.chain = errors.New("refused")
		_, _, body := e.get(t, "/")
		require.Contains(t, body, "cannot read the chain (RPC) right now")
	})
}

func TestModelDownload(t *testing.T) {
	e := newEnv(t)
	code, h, body := e.get(t, "/jobs/1/model")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "model-bytes", body)
	require.Equal(t, `attachment; filename="job-1-model.ckpt"`, h.Get("Content-Disposition"))
	// a fetch whose check fails is not served
	e2 := newEnv(t)
	src := NewIndexSource(e2.ix, IndexConfig{Model: func(context.Context, uint64) (io.ReadSeekCloser, error) {
		return nil, &pageError{Status: http.StatusBadGateway, Title: "Model not verified", Detail: "no blob matched the root"}
	}})
	srv, err := New(src, nil)
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/jobs/1/model", nil))
	require.Equal(t, http.StatusBadGateway, rec.Code)
	require.Contains(t, rec.Body.String(), "Model not verified")
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	for q, want := range map[string]string{"7": "/jobs/7", "job 7": "/jobs/7", "game 3": "/games/3", worker.Hex(): "/participants/" + worker.Hex(), "": "/"} {
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/search?q="+strings.ReplaceAll(q, " ", "+"), nil))
		require.Equal(t, http.StatusSeeOther, rec.Code, q)
		require.Equal(t, want, rec.Header().Get("Location"), q)
	}
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t)
	for path, ctype := range map[string]string{"/static/uplot.min.js": "text/javascript", "/static/explorer.js": "text/javascript",
		"/static/style.css": "text/css", "/static/uplot.min.css": "text/css", "/static/uplot.LICENSE": ""} {
		code, h, body := e.get(t, path)
		require.Equal(t, http.StatusOK, code, path)
		require.NotEmpty(t, body)
		if ctype != "" {
			require.True(t, strings.HasPrefix(h.Get("Content-Type"), ctype), "%s: %s", path, h.Get("Content-Type"))
		}
	}
	_, _, js := e.get(t, "/static/uplot.min.js")
	require.True(t, strings.HasPrefix(js, "/*! https://github.com/leeoniya/uPlot (v1.6.32) */"))
	code, _, _ := e.get(t, "/static/nope.js")
	require.Equal(t, http.StatusNotFound, code)
	// every page links only the binary's own assets
	_, _, body := e.get(t, "/")
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		require.True(t, strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "#"), "asset or link %q is not the explorer's own", m[1])
	}
}

// TestEvents: a page's stream gets an update when the index reports a
// change to its topic, and nothing for other topics.
func TestEvents(t *testing.T) {
	e := newEnv(t)
	ts := httptest.NewServer(e.srv)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = e.srv.Run(ctx) }()

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/events?topic=job/1", nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func() string {
		select {
		case l := <-lines:
			return l
		case <-time.After(5 * time.Second):
			t.Fatal("no event")
		}
		return ""
	}
	require.Equal(t, "retry: 2000", next())
	require.Equal(t, "event: hello", next())
	next()
	next()
	require.Eventually(t, func() bool { return e.srv.Broker().Subscribers() == 1 }, 5*time.Second, 10*time.Millisecond)
	e.ix.updates <- indexer.Update{Head: indexer.Head{Number: 121}, Jobs: []uint64{2}} // not this page
	e.ix.updates <- indexer.Update{Head: indexer.Head{Number: 122}, Jobs: []uint64{1}}
	require.Equal(t, "event: update", next())
	require.Equal(t, "id: 122", next())
	require.Equal(t, "data: 122", next())
	next()
	e.ix.updates <- indexer.Update{Head: indexer.Head{Number: 123}, Reorg: true}
	require.Equal(t, "event: update", next())
	require.Equal(t, "id: 123", next())
	require.Eventually(t, func() bool { return e.srv.Head() == 123 }, 5*time.Second, 10*time.Millisecond)

	// Close ends the stream (a server's Shutdown would otherwise wait on it)
	e.srv.Close()
	done := make(chan struct{})
	go func() {
		for range lines {
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end on Close")
	}
}

// TestBrokerKeepsLatest: a subscriber that does not read holds only the
// latest head, and Publish never blocks.
func TestBrokerKeepsLatest(t *testing.T) {
	b := NewBroker()
	s := b.subscribe("market")
	for h := uint64(1); h <= 100; h++ {
		b.Publish(h, "market")
	}
	b.Publish(500, "job/1")
	require.Equal(t, uint64(100), <-s.ch)
	select {
	case <-s.ch:
		t.Fatal("more than one pending update")
	default:
	}
	b.Publish(101, "")
	require.Equal(t, uint64(101), <-s.ch)
	b.unsubscribe(s)
	require.Zero(t, b.Subscribers())
}

func TestFormatETH(t *testing.T) {
	for v, want := range map[string]string{"0": "0 ETH", "1000000000000000000": "1 ETH", "10000000000000000": "0.01 ETH",
		"1234567890000000000": "1.234567 ETH", "5": "5 wei", "-500000000000000000": "-0.5 ETH"} {
		n, _ := new(big.Int).SetString(v, 10)
		require.Equal(t, want, formatETH(n), v)
	}
	require.Equal(t, "—", formatETH(nil))
}

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	code, _, body := e.get(t, "/healthz")
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, `"status":"ok"`)
	_ = io.Discard
}

// FuzzRequests: any path and query gets a page with a known status and no
// Go internals, never a panic (the handlers' panics would be recovered into
// a 500, which this test also refuses).
func FuzzRequests(f *testing.F) {
	for _, s := range []string{"/", "/jobs/1", "/jobs/abc", "/games/0", "/participants/0x00000000000000000000000000000000000000b2",
		"/search?q=game+3", "/search?q=0xzz", "/events?topic=job/x", "/jobs/1/model", "/static/style.css", "/jobs/%00", "/games/18446744073709551616"} {
		f.Add(s)
	}
	e := &testEnv{ix: newFake(), models: map[uint64][]byte{1: []byte("m")}}
	srv, err := New(NewIndexSource(e.ix, IndexConfig{Model: e.model}), nil)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, path string) {
		if strings.HasPrefix(path, "/events?topic=") && validTopic(strings.TrimPrefix(path, "/events?topic=")) {
			return // a valid stream never ends by itself
		}
		req, err := http.NewRequest(http.MethodGet, "http://explorer"+path, nil)
		if err != nil || !strings.HasPrefix(req.URL.Path, "/") || strings.HasPrefix(req.URL.Path, "/events") {
			return
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case 200, 301, 303, 304, 307, 308, 400, 404, 405, 503:
		default:
			t.Fatalf("%q: status %d", path, rec.Code)
		}
		body := rec.Body.String()
		for _, s := range []string{"goroutine ", ".go:", "runtime error"} {
			if strings.Contains(body, s) {
				t.Fatalf("%q: the page shows %q", path, s)
			}
		}
	})
}
