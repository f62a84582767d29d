// Package memreport holds what the memory reports and benchmarks of several
// packages' tests share: an MLP job on random data, the process's memory
// figures from /proc, and the MLP widths a report is asked for. Only tests
// import it.
package memreport

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// Job is an MLP job of the given widths with Adam over rows rows of random
// f32 data (the last one held out), at the given batch size, steps and
// checkpoint interval. The dataset's hash is made up from name: the trainer
// only compares it with the spec's.
func Job(name string, layers []int, rows, batch, steps, interval int) (*spec.Spec, *dataset.Dataset) {
	features, classes := layers[0], layers[len(layers)-1]
	h := commit.Keccak256([]byte(name))
	s := &spec.Spec{
		Version: spec.Version,
		Model:   spec.Model{Layers: layers, Activation: spec.ActivationReLU},
		Dataset: spec.Dataset{Hash: h, Format: spec.FormatF32Matrix, Rows: rows, Features: features, Classes: classes,
			Holdout: spec.Holdout{Rule: spec.HoldoutLast, Count: 1}},
		Loss:      spec.LossSoftmaxXent,
		Optimizer: spec.Optimizer{Name: spec.OptimizerAdam, LR: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7},
		BatchSize: batch, Seed: 7, Steps: steps, CheckpointInterval: interval,
	}
	r := rand.New(rand.NewPCG(1, 2))
	d := &dataset.Dataset{Rows: rows, Features: features, Classes: classes, Hash: h,
		X: make([]float32, rows*features), Y: make([]uint32, rows)}
	for i := range d.X {
		d.X[i] = float32(r.IntN(256)) / 256
	}
	for i := range d.Y {
		d.Y[i] = uint32(r.IntN(classes))
	}
	return s, d
}

// Status returns a field of /proc/self/status in bytes (VmRSS, VmHWM; 0 if
// there is none).
func Status(field string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == field+":" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// Widths returns the MLP widths of GENSYN_MEMREPORT (e.g.
// 64,4096,4096,10), and skips the test when it is not set: a memory report
// is a measurement, run by hand.
func Widths(t testing.TB) []int {
	t.Helper()
	widths := os.Getenv("GENSYN_MEMREPORT")
	if widths == "" {
		t.Skip("set GENSYN_MEMREPORT to the MLP's widths, e.g. 64,4096,4096,10")
	}
	var layers []int
	for _, w := range strings.Split(widths, ",") {
		n, err := strconv.Atoi(w)
		if err != nil || n <= 0 {
			t.Fatalf("GENSYN_MEMREPORT: %q is not a width", w)
		}
		layers = append(layers, n)
	}
	if len(layers) < 2 {
		t.Fatalf("GENSYN_MEMREPORT: %q: at least two widths (features, classes)", widths)
	}
	return layers
}
