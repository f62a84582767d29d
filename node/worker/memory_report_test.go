package worker

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/sha3"

	"github.com/gensyn-stack/gensyn/internal/memreport"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// memJob is an MLP job of the given widths on random f32 data, Adam, batch
// 32, two checkpoints of interval steps: the shape of the worker's memory
// at a size a test machine holds.
func memJob(t testing.TB, layers []int, interval int) (*spec.Spec, *dataset.Dataset) {
	t.Helper()
	return memreport.Job("worker memory report", layers, 257, 32, 2*interval, interval)
}

// memPhases reports, after each phase, the peak resident size above the
// baseline (VmHWM), the resident size now, and the heap live at the last
// collection and mapped, all in states.
type memPhases struct {
	base    uint64
	state   float64
	collect bool // collect the garbage before each report (the live heap)
}

func (m *memPhases) report(phase string) {
	if m.collect {
		runtime.GC() // what is live at the end of the phase, no garbage
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := m.state
	fmt.Printf("MEM %-22s peakRSS=%.2f RSS=%.2f heap=%.2f heapMapped=%.2f allocated=%.2f GCs=%d\n", phase,
		float64(memreport.Status("VmHWM")-m.base)/s, float64(memreport.Status("VmRSS")-m.base)/s,
		float64(ms.HeapAlloc)/s, float64(ms.HeapSys-ms.HeapReleased)/s, float64(ms.TotalAlloc)/s, ms.NumGC)
}

// memTop prints the heap profile's largest allocation sites, in use (at
// the last collection) and allocated since the start, in states.
func memTop(state float64, n int) {
	runtime.GC() // the in-use figures are those of the last collection
	var recs []runtime.MemProfileRecord
	for {
		k, ok := runtime.MemProfile(recs, true)
		if ok {
			recs = recs[:k]
			break
		}
		recs = make([]runtime.MemProfileRecord, k+50)
	}
	site := func(r runtime.MemProfileRecord) string {
		var names []string
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.Contains(f.Function, "gensyn") {
				names = append(names, f.Function[strings.LastIndex(f.Function, "/")+1:])
			}
			if !more || len(names) == 3 {
				break
			}
		}
		return strings.Join(names, " < ")
	}
	inuse, alloc := map[string]int64{}, map[string]int64{}
	for _, r := range recs {
		k := site(r)
		inuse[k] += r.InUseBytes()
		alloc[k] += r.AllocBytes
	}
	for _, c := range []struct {
		what string
		m    map[string]int64
	}{{"inuse", inuse}, {"alloc", alloc}} {
		keys := make([]string, 0, len(c.m))
		for k := range c.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return c.m[keys[i]] > c.m[keys[j]] })
		for _, k := range keys[:min(n, len(keys))] {
			fmt.Printf("TOP %s %.2f %s\n", c.what, float64(c.m[k])/state, k)
		}
	}
}

// workerGame is the worker's side of a game on checkpoint k: the roots of
// its interval, the step trace of the step in its middle (its blob streamed
// into a hash, as publishBlob streams it into an upload), an element trace
// of the first matrix product's output and its one-step proof.
func workerGame(t *testing.T, tr *trainer.Trainer, dir string, k uint64, m *memPhases) {
	ctx := context.Background()
	src := &claimedStates{tr: tr, dir: dir}
	def := dispute.NewDefender(tr, src, nil)
	def.InlineBlobLimit = 1 // streamed, as at the maximum size
	interval := uint64(tr.Spec().CheckpointInterval)
	first := (k - 1) * interval
	mv, err := def.Move(ctx, &dispute.Game{Phase: uint8(dispute.PhaseStepRoots), Step: first, Interval: uint32(interval)})
	if err != nil {
		t.Fatal(err)
	}
	var rd dispute.StepRootsData
	if err := rd.UnmarshalBinary(mv.Blob); err != nil {
		t.Fatal(err)
	}
	m.report("game: step roots")
	step := first + interval/2
	g := &dispute.Game{Phase: uint8(dispute.PhaseStepTrace), Step: step, Interval: uint32(interval),
		StartRoot: rd.Roots[step-first], EndRoot: rd.Roots[step+1-first]}
	if mv, err = def.Move(ctx, g); err != nil {
		t.Fatal(err)
	}
	m.report("game: step trace")
	if mv.BlobTo == nil {
		t.Fatal("the step trace's blob is not streamed")
	}
	if _, err := mv.BlobTo.WriteTo(sha3.NewLegacyKeccak256()); err != nil {
		t.Fatal(err)
	}
	m.report("game: trace streamed")
	node := -1
	for j, n := range tr.Graph().Nodes {
		if n.Kind == repops.KindOp {
			node = j
			break
		}
	}
	g.Phase, g.Node, g.Element = uint8(dispute.PhaseElementTrace), uint32(node), 0
	traceData := mv.BlobTo.(*dispute.StepTraceData)
	g.OutRoot = traceData.NodeRoots[node]
	if mv, err = def.Move(ctx, g); err != nil {
		t.Fatal(err)
	}
	m.report("game: element trace")
	g.Phase, g.Entry = uint8(dispute.PhaseOneStep), 0
	if _, err = def.Move(ctx, g); err != nil {
		t.Fatal(err)
	}
	m.report("game: one-step proof")
	memTop(m.state, 8)
	runtime.KeepAlive(def)
}

// TestWorkerMemoryReport measures, in units of the job's state (parameters
// and Adam's moments), the worker process's resident size through what it
// does with one job: the auction's step-time measurement (measureStep),
// training with checkpoints written (the driver's trainer), and the defence
// of a game on checkpoint 1 with a trainer of its own and claimed states
// from the checkpoint files (as defenceOf builds them). Each case runs in a
// process of its own; it prints the peak resident size above the baseline
// after each phase, then the heap profile's largest sites at the end of the
// game. It is a measurement, not a check: it runs only with
// GENSYN_MEMREPORT set to the MLP's widths, e.g.
//
//	GENSYN_MEMREPORT=64,4096,4096,10 go test ./node/worker -run TestWorkerMemoryReport -v
//
// (each case runs three times: with GOGC=100, with GOGC=25, and with the
// garbage collected before each report: what shrinks with GOGC is garbage,
// what does not is live. GENSYN_MEMREPORT_CASES=worker runs one case.)
func TestWorkerMemoryReport(t *testing.T) {
	layers := memreport.Widths(t)
	const interval = 4
	checkpoint := uint64(1)
	if v, err := strconv.Atoi(os.Getenv("GENSYN_MEMREPORT_CHECKPOINT")); err == nil {
		checkpoint = uint64(v)
	}
	s, ds := memJob(t, layers, interval)
	if name := os.Getenv("GENSYN_MEMREPORT_CASE"); name != "" {
		dir := os.Getenv("GENSYN_MEMREPORT_DIR")
		train, err := trainer.New(s, ds, trainer.Options{SkipEval: true, CheckpointDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		m := &memPhases{base: memreport.Status("VmRSS"), state: float64(train.CheckpointSize()),
			collect: os.Getenv("GENSYN_MEMREPORT_GC") != ""}
		ctx := context.Background()
		if name == "worker" {
			if _, err := (&Driver{now: time.Now}).measureStep(ctx, train); err != nil {
				t.Fatal(err)
			}
			m.report("measureStep")
			if _, err := train.Run(ctx, nil, 0, nil); err != nil {
				t.Fatal(err)
			}
			train.ReleaseBuffers() // as work does once training is over
			m.report("training")
		}
		def, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
		if err != nil {
			t.Fatal(err)
		}
		workerGame(t, def, dir, checkpoint, m)
		runtime.KeepAlive(train)
		return
	}
	dir := t.TempDir()
	trained := filepath.Join(dir, "trained")
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, CheckpointDir: trained})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Run(context.Background(), nil, 0, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("MLP %v, batch 32, two checkpoints of %d steps, game on checkpoint %d: state %.1f MB", layers, interval,
		checkpoint, float64(tr.CheckpointSize())/1e6)
	cases := []string{"worker", "defence"}
	if c := os.Getenv("GENSYN_MEMREPORT_CASES"); c != "" {
		cases = strings.Split(c, ",")
	}
	for _, name := range cases {
		for _, gogc := range []string{"100", "25", "live"} {
			env := []string{"GENSYN_MEMREPORT_CASE=" + name, "GOGC=" + gogc}
			if gogc == "live" {
				env = []string{"GENSYN_MEMREPORT_CASE=" + name, "GENSYN_MEMREPORT_GC=1"}
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerMemoryReport$")
			cmd.Env = append(append(os.Environ(), env...), "GENSYN_MEMREPORT_DIR="+filepath.Join(dir, name+gogc))
			if name == "defence" { // the checkpoints trained above; the worker case trains its own
				if err := os.CopyFS(filepath.Join(dir, name+gogc), os.DirFS(trained)); err != nil {
					t.Fatal(err)
				}
			}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, out)
			}
			label := "GOGC=" + gogc
			if gogc == "live" {
				label = "GOGC=100, garbage collected before each report"
			}
			t.Logf("case %s, %s:", name, label)
			for _, l := range strings.Split(string(out), "\n") {
				if strings.HasPrefix(l, "MEM ") || strings.HasPrefix(l, "TOP ") {
					t.Log(l)
				}
			}
		}
	}
}
