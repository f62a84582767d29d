package main

import (
	"bufio"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestTrainProgressLines: with stderr not a terminal, text mode prints
// progress lines (steps/s, ETA, loss) between checkpoints; --json prints
// only its events.
func TestTrainProgressLines(t *testing.T) {
	out, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "300", "--progress-interval", "1ms")
	require.NoError(t, err)
	line := regexp.MustCompile(`(?m)^progress: step (\d+)/300 \(\d+\.\d%\)  \d+\.\d steps/s  ETA (\d+[hms0-9.]*|\?)  loss \d+\.\d{4}$`)
	ms := line.FindAllStringSubmatch(out, -1)
	require.NotEmpty(t, ms, out)
	var withETA int
	for _, m := range ms {
		require.NotEqual(t, "300", m[1], "the last step is reported by the done line")
		if m[2] != "?" {
			withETA++
		}
	}
	require.Positive(t, withETA, out)
	require.Contains(t, out, "stopped at step 300 of 1000")
	// Checkpoint lines are still there, in order.
	require.Less(t, strings.Index(out, "step    100  loss"), strings.Index(out, "step    200  loss"))

	js, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "200", "--progress-interval", "1ms", "--json")
	require.NoError(t, err)
	sc := bufio.NewScanner(strings.NewReader(js))
	n := 0
	for sc.Scan() {
		var e map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e), sc.Text())
		n++
	}
	require.Equal(t, 4, n, "start, two checkpoints, done")

	// 0 turns progress off.
	quiet, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "100", "--progress-interval", "0")
	require.NoError(t, err)
	require.NotContains(t, quiet, "progress:")

	_, err = runCLI(t, "train", "--spec", exampleSpec, "--progress-interval", "-1s")
	require.ErrorContains(t, err, "--progress-interval -1s: must not be negative")
}

// TestTrainProgressBar: on a terminal the bar is redrawn in place on
// stderr and erased before a checkpoint line.
func TestTrainProgressBar(t *testing.T) {
	var errw strings.Builder
	p := &trainProgress{bar: &errw, meter: trainer.NewMeter(0, 100, 0, nil)}
	p.step(25, 0.5)
	require.Regexp(t, `^\r\x1b\[K\[======                  \] step 25/100 \(25\.0%\)  \d+\.\d steps/s  ETA \S+  loss 0\.5000$`, errw.String())
	errw.Reset()
	p.clear()
	require.Equal(t, "\r\x1b[K", errw.String())
	errw.Reset()
	p.clear()
	require.Empty(t, errw.String(), "nothing to erase")
	p.step(100, 0.1)
	require.Empty(t, errw.String(), "the last step is left to the checkpoint and done lines")

	// Not a terminal, --json: nothing at all.
	require.Nil(t, newTrainProgress(&errw, &errw, true, 0, 100, time.Second))
	require.Nil(t, newTrainProgress(&errw, &errw, false, 0, 100, 0))
	require.NotNil(t, newTrainProgress(&errw, &errw, false, 0, 100, time.Second))
}
