package repops

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// runnableKernels are the kernels of this build that this CPU can run (the
// Go kernel always among them).
func runnableKernels(t testing.TB) []*microKernel {
	var ks []*microKernel
	for _, k := range kernelTable {
		if k.supported() {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 || ks[len(ks)-1] != goKernel {
		t.Fatalf("the Go kernel must be runnable and last, got %v", Kernels())
	}
	return ks
}

// forceParallel makes every product, however small, split across threads
// for the rest of the test.
func forceParallel(t testing.TB) {
	old := parallelMin.Load()
	parallelMin.Store(0)
	t.Cleanup(func() { parallelMin.Store(old) })
}

// refMatMul is the definition: element (i, j) is the sequential sum from -0
// of float32(A(i,t)*B(t,j)), NaN canonicalized.
func refMatMul(form MatForm, a, b []float32, m, k, n int) []float32 {
	c := make([]float32, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			acc := math.Float32frombits(negZero)
			for t := 0; t < k; t++ {
				var x, y float32
				if form == FormTN {
					x = a[t*m+i]
				} else {
					x = a[i*k+t]
				}
				if form == FormNT {
					y = b[j*k+t]
				} else {
					y = b[t*n+j]
				}
				acc += float32(x * y)
			}
			if acc != acc {
				acc = math.Float32frombits(CanonicalNaN)
			}
			c[i*n+j] = acc
		}
	}
	return c
}

// matOperand returns n values: mostly moderate normals (so that sums stay
// finite and cancellation is exercised), with a share of specials (signed
// zeros, subnormals, infinities, NaNs with payloads) when special is set.
func matOperand(r *rand.Rand, n int, special bool) []float32 {
	x := make([]float32, n)
	for i := range x {
		if special && r.IntN(8) == 0 {
			x[i] = f32(randWord(r))
			continue
		}
		x[i] = float32(r.NormFloat64())
	}
	return x
}

// matShapes are awkward (m, k, n) for a kernel: one row or column, one less
// and one more than a panel, a depth of kc+1 (two passes, the second of one
// step), more than one row block (mcRows), a depth of several passes, and
// more than one B packing group.
func matShapes(kern *microKernel) [][3]int {
	mr, nr := kern.mr, kern.nr
	return [][3]int{
		{1, 1, 1},
		{1, 7, 1},
		{mr - 1, 3, nr - 1},
		{mr, 5, nr},
		{mr + 1, 9, nr + 1},
		{2*mr + 1, kc + 1, 2*nr + 3},
		{mr, kc, nr},
		{3, 2*kc + 5, 2},
		{mcRows + mr + 1, 17, nr + 2},
		{2*mr - 1, 40, 5*nr - 1},
		{mr + 1, 9, (packGroup+1)*nr + 5}, // two B packing groups, the last panel partial
	}
}

// TestMatMulKernelsThreads: for every kernel this CPU runs, 1, 2 and 3
// threads (every product split, however small), all three forms and awkward
// shapes, MatMul's output equals the definition bit for bit, with and
// without NaN, infinity, signed-zero and subnormal operands.
func TestMatMulKernelsThreads(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(12, 1))
	for _, kern := range runnableKernels(t) {
		for _, sh := range matShapes(kern) {
			m, k, n := sh[0], sh[1], sh[2]
			for _, form := range []MatForm{FormNN, FormTN, FormNT} {
				special := r.IntN(2) == 0
				a, b := matOperand(r, m*k, special), matOperand(r, k*n, special)
				want := refMatMul(form, a, b, m, k, n)
				for _, threads := range []int{1, 2, 3} {
					c := matOperand(r, m*n, true) // prior contents are ignored
					matMul(kern, threads, form, c, a, b, m, k, n)
					for e := range c {
						if math.Float32bits(c[e]) != math.Float32bits(want[e]) {
							t.Fatalf("kernel %s, %d threads, form %d, %dx%dx%d (specials %v): element %d = %#x, want %#x",
								kern.name, threads, form, m, k, n, special, e, math.Float32bits(c[e]), math.Float32bits(want[e]))
						}
					}
				}
			}
		}
	}
}

// TestMatMulSpecialsOnly: operands drawn entirely from the IEEE classes
// (most sums are NaN or infinite): every kernel and thread count still
// gives the definition's bits, NaNs canonical.
func TestMatMulSpecialsOnly(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(12, 2))
	for _, kern := range runnableKernels(t) {
		m, k, n := kern.mr+2, 11, kern.nr+3
		a, b := make([]float32, m*k), make([]float32, k*n)
		for i := range a {
			a[i] = f32(edgeWords[r.IntN(len(edgeWords))])
		}
		for i := range b {
			b[i] = f32(edgeWords[r.IntN(len(edgeWords))])
		}
		want := refMatMul(FormNN, a, b, m, k, n)
		for _, threads := range []int{1, 2, 3} {
			c := make([]float32, m*n)
			matMul(kern, threads, FormNN, c, a, b, m, k, n)
			for e := range c {
				if math.Float32bits(c[e]) != math.Float32bits(want[e]) {
					t.Fatalf("kernel %s, %d threads: element %d = %#x, want %#x", kern.name, threads, e, math.Float32bits(c[e]), math.Float32bits(want[e]))
				}
			}
		}
	}
}

// TestKernelsMatchGo checks every micro-kernel against the portable Go
// kernel on special values, with and without accumulator reload, writing
// into a C with a row stride larger than the tile: the lanes between rows
// must stay untouched. NaN lanes are compared as "both NaN" (MatMul
// canonicalizes the payloads afterwards).
func TestKernelsMatchGo(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 30))
	for _, kern := range runnableKernels(t) {
		mr, nr := kern.mr, kern.nr
		for iter := 0; iter < 200; iter++ {
			k := 1 + r.IntN(40)
			ldc := nr + iter%3*5
			ap, bp := make([]float32, mr*k), make([]float32, nr*k)
			for i := range ap {
				ap[i] = f32(randWord(r))
			}
			for i := range bp {
				bp[i] = f32(randWord(r))
			}
			c := make([]float32, mr*ldc)
			for i := range c {
				c[i] = f32(randWord(r))
			}
			checkKernelTile(t, kern, k, ap, bp, c, ldc, iter%2 == 1)
		}
	}
}

// checkKernelTile runs kern on one tile (c with row stride ldc) and compares
// it with the portable Go kernel bit for bit (NaN lanes as "both NaN":
// MatMul canonicalizes the payloads afterwards); the lanes between rows
// must stay untouched.
func checkKernelTile(t *testing.T, kern *microKernel, k int, ap, bp, c []float32, ldc int, load bool) {
	t.Helper()
	mr, nr := kern.mr, kern.nr
	orig := append([]float32(nil), c...)
	ref := make([]float32, mr*nr)
	for i := 0; i < mr; i++ {
		copy(ref[i*nr:i*nr+nr], c[i*ldc:i*ldc+nr])
	}
	kern.run(k, ap, bp, c, ldc, load)
	kernelGo(k, ap, bp, ref, load, mr, nr)
	for i := 0; i < mr; i++ {
		for s := 0; s < ldc; s++ {
			x := math.Float32bits(c[i*ldc+s])
			if s >= nr {
				if x != math.Float32bits(orig[i*ldc+s]) {
					t.Fatalf("%s: k=%d ldc=%d: lane (%d, %d) outside the tile written", kern.name, k, ldc, i, s)
				}
				continue
			}
			y := math.Float32bits(ref[i*nr+s])
			if x != y && !(isNaNWord(x) && isNaNWord(y)) {
				t.Fatalf("%s: k=%d load=%v lane (%d, %d): kernel %#x, Go %#x", kern.name, k, load, i, s, x, y)
			}
		}
	}
}

// TestMatMulNoAllocs: once a size has been seen, a product allocates
// nothing, on one thread and on several.
func TestMatMulNoAllocs(t *testing.T) {
	forceParallel(t)
	m, k, n := 37, kc+3, 45
	a, b, c := make([]float32, m*k), make([]float32, k*n), make([]float32, m*n)
	for _, kern := range runnableKernels(t) {
		for _, threads := range []int{1, 3} {
			allocs := testing.AllocsPerRun(20, func() { matMul(kern, threads, FormNN, c, a, b, m, k, n) })
			if allocs != 0 {
				t.Errorf("kernel %s, %d threads: %v allocations per product", kern.name, threads, allocs)
			}
		}
	}
	if allocs := testing.AllocsPerRun(20, func() { MatMul(FormTN, c, a, b, m, k, n) }); allocs != 0 {
		t.Errorf("MatMul: %v allocations per product", allocs)
	}
}

// TestMatMulConcurrent: products running at the same time on several
// goroutines (sharing the worker pool and the scratch pool) each give the
// definition's bits.
func TestMatMulConcurrent(t *testing.T) {
	forceParallel(t)
	r := rand.New(rand.NewPCG(12, 3))
	kern := runnableKernels(t)[0]
	const callers = 4
	errs := make(chan error, callers)
	for g := 0; g < callers; g++ {
		m, k, n := 20+g*7, 30+g*50, 17+g*9
		a, b := matOperand(r, m*k, true), matOperand(r, k*n, true)
		want := refMatMul(FormNN, a, b, m, k, n)
		go func() {
			c := make([]float32, m*n)
			for rep := 0; rep < 20; rep++ {
				matMul(kern, 1+rep%3, FormNN, c, a, b, m, k, n)
				for e := range c {
					if math.Float32bits(c[e]) != math.Float32bits(want[e]) {
						errs <- fmt.Errorf("caller %d rep %d: element %d differs", g, rep, e)
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < callers; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestMatMulRejectsOverlap(t *testing.T) {
	buf := make([]float32, 64)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "overlaps") {
			t.Fatalf("overlapping output: recovered %v", r)
		}
	}()
	MatMul(FormNN, buf[8:24], buf[:16], buf[32:48], 4, 4, 4)
}

// resetConf forgets the configuration, so that the next use reads the
// environment again; the cleanup does it again after the test's Setenv
// calls are undone.
func resetConf(t *testing.T) {
	reset := func() {
		conf.mu.Lock()
		conf.once = sync.Once{}
		conf.kernel.Store(nil)
		conf.threads.Store(0)
		conf.kernelErr, conf.threadsErr = nil, nil
		conf.ok.Store(false)
		conf.mu.Unlock()
	}
	reset()
	t.Cleanup(reset)
}

func TestKernelSelection(t *testing.T) {
	resetConf(t)
	t.Setenv(EnvKernel, "")
	t.Setenv(EnvThreads, "")
	if err := CheckEnv(); err != nil {
		t.Fatal(err)
	}
	names := Kernels()
	if Kernel() != names[0] {
		t.Fatalf("default kernel %q, want the fastest runnable %q", Kernel(), names[0])
	}
	want := map[string]string{"amd64": "sse,go", "arm64": "neon,go"}[runtime.GOARCH]
	if len(archKernels) == 0 {
		want = "go" // purego, or no assembly kernel for this architecture
	}
	if got := strings.Join(names, ","); !strings.HasSuffix(got, want) {
		t.Fatalf("%s kernels %v, want them to end with %s", runtime.GOARCH, names, want)
	}
	for _, name := range names {
		if err := SetKernel(name); err != nil {
			t.Fatal(err)
		}
		if Kernel() != name {
			t.Fatalf("SetKernel(%q): Kernel() = %q", name, Kernel())
		}
	}
	for _, bad := range []string{"bogus", "AVX2", "avx1024"} {
		err := SetKernel(bad)
		if err == nil || !strings.Contains(err.Error(), "unknown kernel") {
			t.Fatalf("SetKernel(%q): %v", bad, err)
		}
	}
	if err := SetKernel("auto"); err != nil || Kernel() != names[0] {
		t.Fatalf("SetKernel(auto): %v, %q", err, Kernel())
	}
	other := "neon"
	if runtime.GOARCH == "arm64" {
		other = "avx2"
	}
	if err := SetKernel(other); err == nil || !strings.Contains(err.Error(), "not available on "+runtime.GOARCH) {
		t.Fatalf("SetKernel(%q) on %s: %v", other, runtime.GOARCH, err)
	}
	if Kernel() != names[0] {
		t.Fatalf("a failed SetKernel changed the kernel to %q", Kernel())
	}

	// A kernel this CPU cannot run (a table entry whose check fails).
	fake := &microKernel{name: "sse", mr: 4, nr: 4, run: kern4x4Go, supported: func() bool { return false }}
	saved := kernelTable
	kernelTable = []*microKernel{fake, goKernel}
	err := SetKernel("sse")
	kernelTable = saved
	if err == nil || !strings.Contains(err.Error(), "not supported by this CPU") {
		t.Fatalf("unsupported kernel: %v", err)
	}

	if err := SetThreads(3); err != nil || Threads() != 3 {
		t.Fatalf("SetThreads(3): %v, %d", err, Threads())
	}
	for _, bad := range []int{-1, MaxThreads + 1} {
		if err := SetThreads(bad); err == nil {
			t.Fatalf("SetThreads(%d) accepted", bad)
		}
	}
	if err := SetThreads(0); err != nil || Threads() != min(runtime.GOMAXPROCS(0), MaxThreads) {
		t.Fatalf("SetThreads(0): %v, %d", err, Threads())
	}
}

// TestKernelEnv: the environment picks the kernel and the thread count; an
// unknown or unrunnable kernel, or a bad thread count, is an error from
// CheckEnv and the CPU executor, and MatMul refuses to run (no silent
// fallback) until SetKernel/SetThreads replace it.
func TestKernelEnv(t *testing.T) {
	names := Kernels()
	for _, name := range names {
		resetConf(t)
		t.Setenv(EnvKernel, name)
		t.Setenv(EnvThreads, "3")
		if err := CheckEnv(); err != nil {
			t.Fatal(err)
		}
		if Kernel() != name || Threads() != 3 {
			t.Fatalf("%s=%s %s=3: kernel %q, %d threads", EnvKernel, name, EnvThreads, Kernel(), Threads())
		}
	}
	for _, c := range []struct{ kernel, threads, want string }{
		{"bogus", "", `repops: GENSYN_REPOPS_KERNEL=bogus: unknown kernel "bogus" (known: avx512, avx2, sse, neon, go, auto)`},
		{"", "0", "repops: GENSYN_REPOPS_THREADS=0: want a whole number of threads from 1 to 256"},
		{"", "two", "GENSYN_REPOPS_THREADS=two"},
		{"", "257", "GENSYN_REPOPS_THREADS=257"},
	} {
		resetConf(t)
		t.Setenv(EnvKernel, c.kernel)
		t.Setenv(EnvThreads, c.threads)
		err := CheckEnv()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("kernel %q threads %q: CheckEnv %v, want %q", c.kernel, c.threads, err, c.want)
		}
		a, b := NewTensor(2, 2), NewTensor(2, 2)
		if err := (CPU{}).Run(OpMatMul, nil, []Tensor{a, b}, NewTensor(2, 2)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Fatalf("CPU executor with a bad environment: %v", err)
		}
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), c.want) {
					t.Fatalf("MatMul with a bad environment: recovered %v", r)
				}
			}()
			MatMul(FormNN, make([]float32, 4), make([]float32, 4), make([]float32, 4), 2, 2, 2)
		}()
	}
	// SetKernel and SetThreads replace a bad environment.
	if err := SetKernel("go"); err != nil {
		t.Fatal(err)
	}
	if err := SetThreads(2); err != nil {
		t.Fatal(err)
	}
	if err := CheckEnv(); err != nil {
		t.Fatalf("after SetKernel and SetThreads: %v", err)
	}
	MatMul(FormNN, make([]float32, 4), make([]float32, 4), make([]float32, 4), 2, 2, 2)
}
