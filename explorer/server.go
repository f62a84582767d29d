// Package explorer is the market explorer: a web server whose pages show the
// market (open jobs, prices, workers and verifiers, stake, escrow, slashed
// and burned), a job (spec, funders, bids, rounds, the checkpoint timeline,
// the loss curve, the final model, payments), a dispute game (every move,
// the bisection level by level, the one-step, clocks, bonds, the slash) and
// a participant (identity, stake history, jobs, games, earnings).
//
// Pages are rendered on the server and complete without JavaScript; the
// script only enhances them: it draws the charts (uPlot, served from the
// binary like every other asset) and, on each server-sent event of the
// page's topic, fetches the page again and swaps its content in place.
package explorer

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server serves the explorer's pages.
type Server struct {
	src    Source
	log    *slog.Logger
	pages  map[string]*template.Template
	broker *Broker
	mux    *http.ServeMux

	done     chan struct{}
	doneOnce sync.Once

	mu   sync.Mutex
	head uint64 // the latest head Changes reported
}

// New returns a server over src. Call Run to follow src's changes (the
// pages' live updates); the pages work without it.
func New(src Source, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{src: src, log: log, broker: NewBroker(), pages: map[string]*template.Template{}, done: make(chan struct{})}
	for _, p := range []string{"market", "job", "game", "participant", "error"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("explorer: template %s: %w", p, err)
		}
		s.pages[p] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	m := http.NewServeMux()
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	m.HandleFunc("GET /{$}", s.market)
	m.HandleFunc("GET /jobs/{id}", s.job)
	m.HandleFunc("GET /jobs/{id}/model", s.model)
	m.HandleFunc("GET /games/{id}", s.game)
	m.HandleFunc("GET /participants/{addr}", s.participant)
	m.HandleFunc("GET /events", s.events)
	m.HandleFunc("GET /search", s.search)
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, "{\"status\":\"ok\",\"head\":%d}\n", s.Head())
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.renderError(w, r, &pageError{Status: http.StatusMethodNotAllowed, Title: "Method not allowed", Detail: "The explorer only answers GET."})
			return
		}
		s.renderError(w, r, notFound("Page not found", "There is no page at "+r.URL.Path+"."))
	})
	s.mux = m
	return s, nil
}

// ServeHTTP serves the pages; a panic in a handler becomes a 500 page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("Explorer handler panicked", "path", r.URL.Path, "panic", fmt.Sprint(v))
			s.renderError(w, r, &pageError{Status: http.StatusInternalServerError, Title: "Internal error", Detail: "The explorer could not build this page. The error is in its log."})
		}
	}()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// Broker is the server's event broker (tests publish on it directly).
func (s *Server) Broker() *Broker { return s.broker }

// Head is the latest indexed block the server has heard of.
func (s *Server) Head() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.head
}

// Run follows the source's changes and publishes them to the pages'
// streams until ctx ends; then it closes every stream.
func (s *Server) Run(ctx context.Context) error {
	defer s.Close()
	err := s.src.Changes(ctx, func(head uint64, topics []string) {
		s.mu.Lock()
		s.head = head
		s.mu.Unlock()
		s.broker.Publish(head, topics...)
	})
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// Close ends every open event stream (an http.Server's Shutdown waits for
// its handlers, and a stream's handler otherwise never returns).
func (s *Server) Close() { s.doneOnce.Do(func() { close(s.done) }) }

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// page is what every template gets.
type page struct {
	Title string
	Topic string // the event stream's topic; "" for none
	Head  Head
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, p page) {
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("Explorer template failed", "page", name, "err", err)
		if name != "error" {
			s.renderError(w, r, &pageError{Status: http.StatusInternalServerError, Title: "Internal error", Detail: "The explorer could not build this page. The error is in its log."})
		} else {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, e *pageError) {
	if e.Status >= 500 {
		s.log.Warn("Explorer page failed", "path", r.URL.Path, "status", e.Status, "title", e.Title)
	}
	if e.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	s.render(w, r, "error", e.Status, page{Title: e.Title, Data: e})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error, what string) {
	pe := classify(err, what)
	if pe.Status == http.StatusInternalServerError {
		s.log.Error("Explorer source failed", "path", r.URL.Path, "err", err)
	} else if pe.Status == http.StatusServiceUnavailable {
		s.log.Warn("Explorer source unavailable", "path", r.URL.Path, "err", err)
	}
	s.renderError(w, r, pe)
}

// parseID reads a decimal job or game id.
func parseID(s, what string) (uint64, *pageError) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || (len(s) > 1 && s[0] == '0') {
		return 0, badRequest("Malformed "+what+" id", fmt.Sprintf("%q is not a %s id: an id is a decimal number such as 7.", truncate(s, 80), what))
	}
	return id, nil
}

// parseAddress reads a 0x-prefixed 20-byte hex address.
func parseAddress(s string) (common.Address, *pageError) {
	if !strings.HasPrefix(s, "0x") || !common.IsHexAddress(s) {
		return common.Address{}, badRequest("Malformed address", fmt.Sprintf("%q is not an address: an address is 0x followed by 40 hex digits.", truncate(s, 80)))
	}
	return common.HexToAddress(s), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func (s *Server) market(w http.ResponseWriter, r *http.Request) {
	m, err := s.src.Market(r.Context())
	if err != nil {
		s.fail(w, r, err, "market")
		return
	}
	s.render(w, r, "market", http.StatusOK, page{Title: "Market", Topic: "market", Head: m.Head, Data: m})
}

func (s *Server) job(w http.ResponseWriter, r *http.Request) {
	id, pe := parseID(r.PathValue("id"), "job")
	if pe != nil {
		s.renderError(w, r, pe)
		return
	}
	j, err := s.src.Job(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "job")
		return
	}
	s.render(w, r, "job", http.StatusOK, page{Title: fmt.Sprintf("Job %d", id), Topic: fmt.Sprintf("job/%d", id), Head: j.Head, Data: j})
}

// model serves a job's final model, only once checked against the on-chain
// final model root.
func (s *Server) model(w http.ResponseWriter, r *http.Request) {
	id, pe := parseID(r.PathValue("id"), "job")
	if pe != nil {
		s.renderError(w, r, pe)
		return
	}
	f, err := s.src.Model(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "final model")
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"job-%d-model.ckpt\"", id))
	// Content-Length, ranges and HEAD; the file streams from disk.
	http.ServeContent(w, r, "", time.Time{}, f)
}

func (s *Server) game(w http.ResponseWriter, r *http.Request) {
	id, pe := parseID(r.PathValue("id"), "dispute game")
	if pe != nil {
		s.renderError(w, r, pe)
		return
	}
	g, err := s.src.Game(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "dispute game")
		return
	}
	s.render(w, r, "game", http.StatusOK, page{Title: fmt.Sprintf("Dispute game %d", id), Topic: fmt.Sprintf("game/%d", id), Head: g.Head, Data: g})
}

func (s *Server) participant(w http.ResponseWriter, r *http.Request) {
	a, pe := parseAddress(r.PathValue("addr"))
	if pe != nil {
		s.renderError(w, r, pe)
		return
	}
	p, err := s.src.Participant(r.Context(), a)
	if err != nil {
		s.fail(w, r, err, "participant")
		return
	}
	s.render(w, r, "participant", http.StatusOK, page{Title: "Participant " + shortAddr(a), Topic: ParticipantTopic(a), Head: p.Head, Data: p})
}

// ParticipantTopic is the event topic of an account's page.
func ParticipantTopic(a common.Address) string { return "participant/" + strings.ToLower(a.Hex()) }

// search sends the market page's search box to the page it names: a job
// id, "game N" or an address.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	switch {
	case q == "":
		http.Redirect(w, r, "/", http.StatusSeeOther)
	case strings.HasPrefix(q, "0x"):
		a, pe := parseAddress(q)
		if pe != nil {
			s.renderError(w, r, pe)
			return
		}
		http.Redirect(w, r, "/participants/"+a.Hex(), http.StatusSeeOther)
	case strings.HasPrefix(strings.ToLower(q), "game"):
		id, pe := parseID(strings.TrimSpace(q[4:]), "dispute game")
		if pe != nil {
			s.renderError(w, r, pe)
			return
		}
		http.Redirect(w, r, "/games/"+strconv.FormatUint(id, 10), http.StatusSeeOther)
	default:
		id, pe := parseID(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(q), "job"), " "), "job")
		if pe != nil {
			s.renderError(w, r, pe)
			return
		}
		http.Redirect(w, r, "/jobs/"+strconv.FormatUint(id, 10), http.StatusSeeOther)
	}
}

// events streams a topic's updates: /events?topic=job/7.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	topic := r.URL.Query().Get("topic")
	if !validTopic(topic) {
		s.renderError(w, r, badRequest("Malformed topic", fmt.Sprintf("%q is not an event topic: one of market, job/N, game/N, participant/0x...", truncate(topic, 80))))
		return
	}
	s.broker.serveEvents(w, r, topic, s.Head(), s.done)
}

func validTopic(t string) bool {
	kind, arg, ok := strings.Cut(t, "/")
	switch {
	case t == "market" || t == "*":
		return true
	case !ok:
		return false
	case kind == "job" || kind == "game":
		_, pe := parseID(arg, kind)
		return pe == nil
	case kind == "participant":
		_, pe := parseAddress(arg)
		return pe == nil
	}
	return false
}
