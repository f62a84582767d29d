package repops

import (
	"sync"
	"sync/atomic"
)

// Element-wise work split across threads (the optimizer passes of large
// tensors). Every element is computed by the same code whichever thread
// runs it and no element depends on another, so the split never changes a
// bit. Chunks are claimed dynamically: a thread that starts late (the
// machine is busy) finds little or nothing left.

// chunkJob computes elements [lo, hi) of some element-wise pass.
type chunkJob interface{ runChunk(lo, hi int) }

// parGrain is the number of elements of one chunk; passes shorter than two
// chunks run on the calling goroutine.
const parGrain = 1 << 15

// parTask is one parallel pass; a Runner owns one and reuses it, so a pass
// allocates nothing.
type parTask struct {
	job  chunkJob
	n    int
	next atomic.Int64
	wg   sync.WaitGroup
}

// parallelFor runs job on elements [0, n) with up to `threads` threads: the
// caller and threads-1 workers of the package's pool (runOnPool).
func parallelFor(t *parTask, job chunkJob, n, threads int) {
	threads = min(threads, (n+parGrain-1)/parGrain, MaxThreads)
	if threads <= 1 {
		job.runChunk(0, n)
		return
	}
	t.job, t.n = job, n
	t.next.Store(0)
	runOnPool(t, &t.wg, threads)
	t.job = nil
}

func (t *parTask) done() { t.wg.Done() }

func (t *parTask) work() {
	for {
		lo := int(t.next.Add(parGrain)) - parGrain
		if lo >= t.n {
			return
		}
		t.job.runChunk(lo, min(lo+parGrain, t.n))
	}
}

// adamJob is adamFused over chunks.
type adamJob struct {
	po, mo, vo, p, m, v, g    []float32
	b1, b2, b1t, b2t, lr, eps float32
}

func (j *adamJob) runChunk(lo, hi int) {
	adamFused(j.po[lo:hi], j.mo[lo:hi], j.vo[lo:hi], j.p[lo:hi], j.m[lo:hi], j.v[lo:hi], j.g[lo:hi],
		j.b1, j.b2, j.b1t, j.b2t, j.lr, j.eps)
}

// sgdJob is sgdFused over chunks.
type sgdJob struct {
	po, vo, p, v, g []float32
	mu, lr          float32
}

func (j *sgdJob) runChunk(lo, hi int) {
	sgdFused(j.po[lo:hi], j.vo[lo:hi], j.p[lo:hi], j.v[lo:hi], j.g[lo:hi], j.mu, j.lr)
}
