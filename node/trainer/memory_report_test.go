package trainer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/internal/memreport"
)

// memTrainer is an MLP job of the given widths on random f32 data, with
// Adam, for memory measurements.
func memTrainer(t testing.TB, layers []int, batch, interval int, opts Options) *Trainer {
	t.Helper()
	s, d := memreport.Job("memory report", layers, 257, batch, 1<<20, interval)
	tr, err := New(s, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// memScenarios are what the worker and the verifier do with a job's
// states, one per process: training over intervals with checkpoints written
// (the worker), an audit's replay from a checkpoint file (the verifier), a
// game's replay of an interval with every step's root, stepped in place as
// the dispute package now does it or with a new state per step as it did,
// and one step's trace (either side of a game).
var memScenarios = map[string]func(t *testing.T, tr *Trainer, dir string){
	"train": func(t *testing.T, tr *Trainer, dir string) {
		if _, err := tr.Run(context.Background(), nil, 2*uint64(tr.Spec().CheckpointInterval), nil); err != nil {
			t.Fatal(err)
		}
	},
	"audit": func(t *testing.T, tr *Trainer, dir string) {
		st, err := tr.LoadCheckpoint(CheckpointFile(dir, 0))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := tr.ReplayEnd(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	},
	// A game's replay of an interval with every step's root, a new state
	// per step (trainer.Step) ...
	"game-replay-stepwise": func(t *testing.T, tr *Trainer, dir string) {
		st, err := tr.InitialState()
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < tr.Spec().CheckpointInterval; i++ {
			if _, err := tr.StateRoot(st); err != nil {
				t.Fatal(err)
			}
			if st, _, err = tr.Step(st); err != nil {
				t.Fatal(err)
			}
		}
	},
	// ... and stepped in place (ReplayInterval).
	"game-replay": func(t *testing.T, tr *Trainer, dir string) {
		st, err := tr.InitialState()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := tr.ReplayInterval(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	},
	"steptrace": func(t *testing.T, tr *Trainer, dir string) {
		st, err := tr.InitialState()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tr.StepTrace(st); err != nil {
			t.Fatal(err)
		}
	},
}

// TestMemoryReport measures, in units of the job's state (parameters and
// Adam's moments), the peak resident size of each scenario above, each in a
// process of its own. It is a measurement, not a check: it runs only with
// GENSYN_MEMREPORT set to the MLP's widths, e.g.
//
//	GENSYN_MEMREPORT=64,4096,4096,10 go test ./node/trainer -run TestMemoryReport -v
//
// (GENSYN_MEMREPORT_LIMIT=<fraction of a state> also sets a soft memory
// limit of that many states above the baseline.)
func TestMemoryReport(t *testing.T) {
	layers := memreport.Widths(t)
	interval := 4
	if name := os.Getenv("GENSYN_MEMREPORT_SCENARIO"); name != "" {
		tr := memTrainer(t, layers, 32, interval, Options{SkipEval: true, CheckpointDir: os.Getenv("GENSYN_MEMREPORT_DIR")})
		stateBytes := tr.CheckpointSize()
		runtime.GC()
		base := memreport.Status("VmRSS")
		if f := os.Getenv("GENSYN_MEMREPORT_LIMIT"); f != "" {
			x, _ := strconv.ParseFloat(f, 64)
			debug.SetMemoryLimit(int64(base) + int64(x*float64(stateBytes)))
		}
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		run, ok := memScenarios[name]
		if !ok {
			t.Fatalf("no scenario %q", name)
		}
		run(t, tr, os.Getenv("GENSYN_MEMREPORT_DIR"))
		runtime.ReadMemStats(&m1)
		s := float64(stateBytes)
		fmt.Printf("MEM %s state=%d peakRSS-base=%.2f allocated=%.2f heapSys=%.2f\n", name, stateBytes,
			float64(memreport.Status("VmHWM")-base)/s, float64(m1.TotalAlloc-m0.TotalAlloc)/s, float64(m1.HeapSys-m1.HeapReleased)/s)
		return
	}
	dir := t.TempDir()
	tr := memTrainer(t, layers, 32, interval, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	ck, err := tr.Checkpoint(st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteCheckpoint(dir, ck); err != nil {
		t.Fatal(err)
	}
	params := 0
	for i := range tr.numParams() {
		params += numel(tr.shapes[i])
	}
	t.Logf("MLP %v, batch 32, interval %d: %d parameters, state %.1f MB", layers, interval, params, float64(tr.CheckpointSize())/1e6)
	for _, name := range []string{"train", "audit", "game-replay", "game-replay-stepwise", "steptrace"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryReport$")
		cmd.Env = append(os.Environ(), "GENSYN_MEMREPORT_SCENARIO="+name, "GENSYN_MEMREPORT_DIR="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "MEM ") {
				t.Log(l)
			}
		}
	}
}
