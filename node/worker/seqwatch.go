package worker

import (
	"errors"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
)

// SequencerWarnEvery is how often, at most, the worker warns again while
// the sequencer stays unreachable.
const SequencerWarnEvery = 30 * time.Second

// seqWatch turns the outcome of every call to the sequencer into log
// lines an operator can act on: a WARN when the sequencer becomes
// unreachable, again at most every SequencerWarnEvery while it stays so,
// and one INFO when it answers again. An answer that is a JSON-RPC error
// (such as "no acknowledged commitment" for a checkpoint not yet sent)
// means the sequencer is up.
type seqWatch struct {
	mu       sync.Mutex
	down     bool
	since    time.Time // when it went down
	lastWarn time.Time
	failures int // failed calls since the last warning
}

// unreachable reports whether err says that the sequencer could not be
// reached (a transport error or a timeout), as opposed to an error answer.
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	var rpcErr gethrpc.Error
	return !errors.As(err, &rpcErr)
}

// observe records the outcome of one call made at now.
func (w *seqWatch) observe(l log.Logger, now time.Time, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !unreachable(err) {
		if w.down {
			l.Info("Sequencer reachable again", "down_for", now.Sub(w.since).Round(time.Millisecond), "failed_calls", w.failures)
			w.down, w.failures = false, 0
		}
		return
	}
	w.failures++
	switch {
	case !w.down:
		w.down, w.since, w.lastWarn, w.failures = true, now, now, 0
		l.Warn("Sequencer unreachable: commitments wait (they are force-included on chain if it stays down past --force-include-after)",
			"err", err)
	case now.Sub(w.lastWarn) >= SequencerWarnEvery:
		l.Warn("Sequencer still unreachable", "down_for", now.Sub(w.since).Round(time.Second), "failed_calls", w.failures, "err", err)
		w.lastWarn, w.failures = now, 0
	}
}

// isDown reports whether the last call found the sequencer unreachable.
func (w *seqWatch) isDown() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.down
}
