package explorer

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Broker fans the indexer's changes out to the pages' server-sent event
// streams. A page subscribes to one topic ("market", "job/7", "game/3",
// "participant/0xabc...") and gets an "update" event carrying the indexed
// head whenever something it shows may have changed; the page's script then
// fetches the page again and swaps its content in place (no reload). A slow
// reader never blocks the indexer: each subscriber holds at most one
// pending update, the latest.
type Broker struct {
	mu   sync.Mutex
	subs map[*subscriber]struct{}
}

type subscriber struct {
	topic string
	ch    chan uint64 // capacity 1: the latest head not yet sent
}

// NewBroker returns a broker with no subscribers.
func NewBroker() *Broker { return &Broker{subs: map[*subscriber]struct{}{}} }

// Publish tells every subscriber of one of topics (and of "*") that the
// indexer has reached head. A topic "" reaches every subscriber.
func (b *Broker) Publish(head uint64, topics ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		if !matches(s.topic, topics) {
			continue
		}
		select {
		case s.ch <- head:
		default:
			// replace the pending head with this newer one
			select {
			case <-s.ch:
			default:
			}
			s.ch <- head
		}
	}
}

func matches(topic string, topics []string) bool {
	if topic == "*" {
		return true
	}
	for _, t := range topics {
		if t == "" || t == topic {
			return true
		}
	}
	return false
}

// Subscribers is the number of open streams.
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

func (b *Broker) subscribe(topic string) *subscriber {
	s := &subscriber{topic: topic, ch: make(chan uint64, 1)}
	b.mu.Lock()
	b.subs[s] = struct{}{}
	b.mu.Unlock()
	return s
}

func (b *Broker) unsubscribe(s *subscriber) {
	b.mu.Lock()
	delete(b.subs, s)
	b.mu.Unlock()
}

// heartbeat is how often an idle stream gets a comment line, so that
// proxies keep it open and a closed client is noticed.
const heartbeat = 15 * time.Second

// serveEvents streams topic's updates as text/event-stream until the client
// goes away or the server shuts down (done closes).
func (b *Broker) serveEvents(w http.ResponseWriter, r *http.Request, topic string, head uint64, done <-chan struct{}) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	s := b.subscribe(topic)
	defer b.unsubscribe(s)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// retry: how long the browser waits before reconnecting; the first
	// event tells the page the head it was rendered at may be stale.
	fmt.Fprintf(w, "retry: 2000\nevent: hello\ndata: %d\n\n", head)
	fl.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-done:
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		case head := <-s.ch:
			if _, err := fmt.Fprintf(w, "event: update\nid: %s\ndata: %d\n\n", strconv.FormatUint(head, 10), head); err != nil {
				return
			}
		}
		fl.Flush()
	}
}
