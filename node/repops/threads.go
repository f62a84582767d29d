package repops

import "sync"

// The worker pool of the matrix products: goroutines started on demand (as
// many as the largest thread count minus one seen so far) that run phases
// of matCtx. They stay parked on the channel between products, so a product
// starts no goroutine and allocates nothing.
var workers struct {
	sync.Mutex
	started int
	ch      chan *matCtx
}

// runParallel runs x.work on t threads: the caller and t-1 pool workers.
// Items are claimed dynamically, so a worker that starts late (the pool is
// busy with another product, or the machine with other work) finds little
// or nothing left; that changes who computes a tile, never its value.
func runParallel(x *matCtx, t int) {
	workers.Lock()
	if workers.ch == nil {
		workers.ch = make(chan *matCtx, 4*MaxThreads)
	}
	for workers.started < t-1 {
		go worker(workers.ch)
		workers.started++
	}
	ch := workers.ch
	workers.Unlock()
	x.wg.Add(t - 1)
	for i := 0; i < t-1; i++ {
		ch <- x
	}
	x.work()
	x.wg.Wait()
}

func worker(ch <-chan *matCtx) {
	for x := range ch {
		x.work()
		x.wg.Done()
	}
}
