package repops

import (
	"fmt"
	"strings"
	"testing"
)

// TestGoldenTrainingKernelsThreads: the training digests of
// testdata/golden_steps.txt (initial state, step-0 trace, state after 40
// steps, losses; SGD and Adam) come out the same under every kernel this
// CPU runs and 1, 2 and 3 threads, with every product split across the
// threads however small.
func TestGoldenTrainingKernelsThreads(t *testing.T) {
	want := string(readFile(t, "testdata/golden_steps.txt"))
	for _, kernel := range Kernels() {
		for _, threads := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d", kernel, threads), func(t *testing.T) {
				useMatMulConfig(t, kernel, threads)
				if got := strings.Join(goldenTrainingLines(t), "\n") + "\n"; got != want {
					t.Fatalf("training digests differ from testdata/golden_steps.txt:\n%s", got)
				}
			})
		}
	}
}
