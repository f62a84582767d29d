package repops

import "testing"

// UseMatMulConfig runs the rest of the test with the given kernel and
// thread count, every product split however small, and restores the
// previous configuration afterwards (for the external tests).
func UseMatMulConfig(t testing.TB, kernel string, threads int) {
	useMatMulConfig(t, kernel, threads)
}

func useMatMulConfig(t testing.TB, kernel string, threads int) {
	t.Helper()
	oldKernel, oldThreads := Kernel(), int(conf.threads.Load())
	if err := SetKernel(kernel); err != nil {
		t.Fatal(err)
	}
	if err := SetThreads(threads); err != nil {
		t.Fatal(err)
	}
	forceParallel(t)
	t.Cleanup(func() {
		if oldKernel != "" {
			_ = SetKernel(oldKernel)
		}
		_ = SetThreads(oldThreads)
	})
}
