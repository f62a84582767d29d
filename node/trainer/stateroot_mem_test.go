package trainer

import (
	"runtime"
	"testing"
)

// allocatedBy returns the bytes allocated on the heap while f runs.
func allocatedBy(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestStateRootTemporaryMemory: the state root of the [784,1024,1024,10]
// MLP with its Adam moments (S = 22 MB) allocates under GOMAXPROCS x 36 KiB
// + S/1000 + 64 KiB the first time (one block of leaf hashes per
// goroutine; node/commit's TestStateRootTemporaryMemory covers other
// goroutine counts and tensor sizes) and under S/1000 once its scratch is
// pooled, and is the same root each time.
func TestStateRootTemporaryMemory(t *testing.T) {
	tr := stateRootMLPTrainer(t)
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	s := 0
	for _, x := range st.Tensors {
		s += 4 * len(x.Data)
	}
	want, err := tr.StateRoot(st)
	if err != nil {
		t.Fatal(err)
	}
	root := func() {
		if got, err := tr.StateRoot(st); err != nil || got != want {
			t.Fatalf("state root %v (%v), first %v", got, err, want)
		}
	}
	runtime.GC()
	runtime.GC() // empties the pools
	cold := allocatedBy(root)
	warm := cold
	for i := 0; i < 3; i++ {
		warm = min(warm, allocatedBy(root))
	}
	t.Logf("S = %d bytes, GOMAXPROCS %d: first root allocates %d bytes (%.4f S), later ones %d (%.5f S)",
		s, runtime.GOMAXPROCS(0), cold, float64(cold)/float64(s), warm, float64(warm)/float64(s))
	if limit := uint64(runtime.GOMAXPROCS(0)*36<<10 + s/1000 + 64<<10); cold > limit {
		t.Errorf("first root allocates %d bytes (%.4f S), want at most %d", cold, float64(cold)/float64(s), limit)
	}
	if limit := uint64(s / 1000); warm > limit {
		t.Errorf("a root allocates %d bytes (%.5f S), want at most S/1000 = %d", warm, float64(warm)/float64(s), limit)
	}
}
