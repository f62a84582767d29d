package repops

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Environment variables that pick the matrix-product kernel and the number
// of threads of one product (read once, at first use; SetKernel and
// SetThreads replace them).
const (
	EnvKernel  = "GENSYN_REPOPS_KERNEL"
	EnvThreads = "GENSYN_REPOPS_THREADS"
)

// MaxThreads bounds the number of threads of one matrix product.
const MaxThreads = 256

// microKernel is one matrix-product micro-kernel. run computes an mr x nr
// tile of C: c[r*ldc+s] = (load ? c[r*ldc+s] : -0) + sum over t < k of
// ap[t*mr+r]*bp[t*nr+s], each step a rounded product followed by a rounded
// sum, in increasing t; the result is exactly kernelGo's (NaN payloads
// aside: MatMul canonicalizes them). Every kernel gives the same bits, so
// which one runs is a matter of speed only.
type microKernel struct {
	name      string
	mr, nr    int
	run       func(k int, ap, bp, c []float32, ldc int, load bool)
	supported func() bool // this CPU and operating system can run it
}

// allKernelNames are the kernels of every architecture, for error messages.
var allKernelNames = []string{"avx512", "avx2", "sse", "neon", "go"}

// kernelTable lists this build's kernels, fastest first: the architecture's
// assembly kernels (archKernels, one table per architecture; adding a kernel
// is one file plus one entry there) and the portable Go kernel last.
var kernelTable = append(append([]*microKernel{}, archKernels...), goKernel)

func always() bool { return true }

// bestKernel is the first supported kernel of the table (the Go kernel runs
// everywhere).
func bestKernel() *microKernel {
	for _, k := range kernelTable {
		if k.supported() {
			return k
		}
	}
	return goKernel
}

// lookupKernel returns the kernel called name, or an error that says why
// it cannot run here. "" and "auto" give bestKernel.
func lookupKernel(name string) (*microKernel, error) {
	if name == "" || name == "auto" {
		return bestKernel(), nil
	}
	for _, k := range kernelTable {
		if k.name != name {
			continue
		}
		if !k.supported() {
			return nil, fmt.Errorf("kernel %q is not supported by this CPU (it can run: %s)", name, strings.Join(Kernels(), ", "))
		}
		return k, nil
	}
	for _, n := range allKernelNames {
		if n == name {
			return nil, fmt.Errorf("kernel %q is not available on %s (this build has: %s)", name, runtime.GOARCH, strings.Join(Kernels(), ", "))
		}
	}
	return nil, fmt.Errorf("unknown kernel %q (known: %s, auto)", name, strings.Join(allKernelNames, ", "))
}

// The configuration: the kernel and thread count MatMul uses, and the error
// of an invalid environment variable (MatMul refuses to run with one, rather
// than fall back silently).
var conf struct {
	once       sync.Once
	mu         sync.Mutex
	kernel     atomic.Pointer[microKernel] // nil while kernelErr != nil
	threads    atomic.Int32                // 0: GOMAXPROCS
	kernelErr  error
	threadsErr error
	ok         atomic.Bool // kernelErr == nil && threadsErr == nil
}

func loadEnv() {
	conf.once.Do(func() {
		k, err := lookupKernel(os.Getenv(EnvKernel))
		if err != nil {
			conf.kernelErr = fmt.Errorf("repops: %s=%s: %w", EnvKernel, os.Getenv(EnvKernel), err)
		} else {
			conf.kernel.Store(k)
		}
		if s := os.Getenv(EnvThreads); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > MaxThreads {
				conf.threadsErr = fmt.Errorf("repops: %s=%s: want a whole number of threads from 1 to %d", EnvThreads, s, MaxThreads)
			} else {
				conf.threads.Store(int32(n))
			}
		}
		conf.ok.Store(conf.kernelErr == nil && conf.threadsErr == nil)
	})
}

// CheckEnv reports an invalid GENSYN_REPOPS_KERNEL (an unknown kernel, or
// one this CPU cannot run) or GENSYN_REPOPS_THREADS. Programs call it at
// start-up; while it fails, MatMul panics and the CPU executor returns the
// error. SetKernel and SetThreads clear the respective error.
func CheckEnv() error {
	loadEnv()
	if conf.ok.Load() {
		return nil
	}
	conf.mu.Lock()
	defer conf.mu.Unlock()
	if conf.kernelErr != nil {
		return conf.kernelErr
	}
	return conf.threadsErr
}

// SetKernel selects the matrix-product kernel by name ("avx512", "avx2",
// "sse", "neon", "go", or "auto" for the fastest this CPU runs). A kernel this
// build does not have, or this CPU cannot run, is an error and leaves the
// choice unchanged. Results do not depend on the kernel.
func SetKernel(name string) error {
	loadEnv()
	k, err := lookupKernel(name)
	if err != nil {
		return fmt.Errorf("repops: %w", err)
	}
	conf.mu.Lock()
	conf.kernel.Store(k)
	conf.kernelErr = nil
	conf.ok.Store(conf.threadsErr == nil)
	conf.mu.Unlock()
	return nil
}

// Kernel is the name of the kernel MatMul uses ("" while
// GENSYN_REPOPS_KERNEL is invalid; see CheckEnv).
func Kernel() string {
	loadEnv()
	if k := conf.kernel.Load(); k != nil {
		return k.name
	}
	return ""
}

// Kernels lists the kernels this build has and this CPU can run, fastest
// first.
func Kernels() []string {
	var names []string
	for _, k := range kernelTable {
		if k.supported() {
			names = append(names, k.name)
		}
	}
	return names
}

// SetThreads sets how many threads one matrix product may use: 1 to
// MaxThreads, or 0 for GOMAXPROCS (the default). Results do not depend on
// it.
func SetThreads(n int) error {
	loadEnv()
	if n < 0 || n > MaxThreads {
		return fmt.Errorf("repops: %d threads: want 0 (GOMAXPROCS) to %d", n, MaxThreads)
	}
	conf.mu.Lock()
	conf.threads.Store(int32(n))
	conf.threadsErr = nil
	conf.ok.Store(conf.kernelErr == nil)
	conf.mu.Unlock()
	return nil
}

// Threads is the number of threads a large matrix product uses now.
// Products below a size threshold run on one.
func Threads() int {
	loadEnv()
	if n := int(conf.threads.Load()); n > 0 {
		return n
	}
	return min(runtime.GOMAXPROCS(0), MaxThreads)
}

// current returns the kernel and thread count for one MatMul call.
func current() (*microKernel, int) {
	loadEnv()
	if !conf.ok.Load() {
		if err := CheckEnv(); err != nil {
			panic(err)
		}
	}
	return conf.kernel.Load(), Threads()
}
