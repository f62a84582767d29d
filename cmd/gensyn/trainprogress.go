package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// barRedraw is how often the terminal progress bar is redrawn.
const barRedraw = 100 * time.Millisecond

// trainProgress shows `gensyn train`'s live progress between checkpoints:
// a bar redrawn in place on stderr when stderr is a terminal; otherwise,
// in text mode, a line on the output every interval (never in --json mode,
// whose output is only the documented events).
type trainProgress struct {
	bar   io.Writer // stderr when it is a terminal, else nil
	lines io.Writer // the output for periodic lines, else nil
	meter *trainer.Meter
	drawn bool
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newTrainProgress returns nil when there is nothing to show (interval 0,
// or --json without a terminal).
func newTrainProgress(out, errw io.Writer, asJSON bool, from, total uint64, interval time.Duration) *trainProgress {
	if interval <= 0 {
		return nil
	}
	p := &trainProgress{}
	switch {
	case isTerminal(errw):
		p.bar = errw
		p.meter = trainer.NewMeter(from, total, barRedraw, nil)
	case !asJSON:
		p.lines = out
		p.meter = trainer.NewMeter(from, total, interval, nil)
	default:
		return nil
	}
	return p
}

// step is the trainer's OnStep.
func (p *trainProgress) step(step uint64, loss float32) {
	r, due := p.meter.Observe(step, loss)
	if !due || r.Step >= r.Total {
		return // the last step is reported by the checkpoint and "done" lines
	}
	if p.bar != nil {
		fmt.Fprintf(p.bar, "\r\033[K%s %s", bar(r.Fraction(), 24), r)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.lines, "progress: %s\n", r)
}

// clear erases the bar before other output goes to the terminal.
func (p *trainProgress) clear() {
	if p != nil && p.drawn {
		fmt.Fprint(p.bar, "\r\033[K")
		p.drawn = false
	}
}

func bar(f float64, width int) string {
	n := int(f * float64(width))
	return "[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "]"
}
