package repops

import "testing"

// TestRunnerSteadyStateAllocs: after the first step, a Runner step
// allocates nothing (CPU executor, state updated in place).
func TestRunnerSteadyStateAllocs(t *testing.T) {
	for _, cfg := range testConfigs() {
		data := synthData(60, cfg.Layers[0], cfg.Layers[len(cfg.Layers)-1], 10)
		g, _ := BuildStep(cfg, 60)
		r, err := NewRunner(g, nil)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := InitState(cfg)
		if _, err := r.Step(st, data, st); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := r.Step(st, data, st); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Fatalf("%s: %v allocations per step", cfg.Optimizer, allocs)
		}
	}
}
