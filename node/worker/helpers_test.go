package worker

import (
	"bytes"
	"os"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/log"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// logBuf keeps what a test's worker logs (and echoes it to stderr when
// WORKER_TEST_LOG is set).
type logBuf struct {
	mu   sync.Mutex
	b    bytes.Buffer
	echo bool
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.echo {
		os.Stderr.Write(p)
	}
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// captureLogger is a logger writing every level to a logBuf.
func captureLogger() (log.Logger, *logBuf) {
	buf := &logBuf{echo: os.Getenv("WORKER_TEST_LOG") != ""}
	return log.NewLogger(log.NewTerminalHandler(buf, false)), buf
}

// gateExec is repops.CPU that counts its calls and, while paused, holds
// every call until released: a test can stop training in the middle of a
// step, change the chain, and let the step finish.
type gateExec struct {
	calls   atomic.Int64
	waiting atomic.Int32
	mu      sync.Mutex
	gate    chan struct{}
}

func (g *gateExec) Run(op repops.OpKind, attrs []uint32, in []repops.Tensor, out repops.Tensor) error {
	g.calls.Add(1)
	g.mu.Lock()
	ch := g.gate
	g.mu.Unlock()
	if ch != nil {
		g.waiting.Add(1)
		<-ch
		g.waiting.Add(-1)
	}
	return repops.CPU{}.Run(op, attrs, in, out)
}

// pause holds the calls from now on.
func (g *gateExec) pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gate == nil {
		g.gate = make(chan struct{})
	}
}

// release lets every held call and every later one through.
func (g *gateExec) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.gate != nil {
		close(g.gate)
		g.gate = nil
	}
}

// countExec is repops.CPU that counts its calls.
type countExec struct{ calls atomic.Int64 }

func (c *countExec) Run(op repops.OpKind, attrs []uint32, in []repops.Tensor, out repops.Tensor) error {
	c.calls.Add(1)
	return repops.CPU{}.Run(op, attrs, in, out)
}
