package repops

import "sync"

// The one worker pool of the package: goroutines started on demand (as many
// as the largest thread count minus one seen so far) that run the phases of
// matrix products (matCtx) and the element-wise passes (parTask). They stay
// parked on the channel between tasks, so a task starts no goroutine and
// allocates nothing.
var workers struct {
	sync.Mutex
	started int
	ch      chan poolTask
}

// poolTask is work shared by a caller and pool workers: work claims items
// until none is left, and done tells the caller that one worker has
// finished.
type poolTask interface {
	work()
	done()
}

// runOnPool runs x on t threads: the caller and t-1 pool workers; wg must be
// the WaitGroup x.done marks. Items are claimed dynamically, so a worker
// that starts late (the pool is busy with another task, or the machine with
// other work) finds little or nothing left; that changes who computes an
// item, never its value.
func runOnPool(x poolTask, wg *sync.WaitGroup, t int) {
	workers.Lock()
	if workers.ch == nil {
		workers.ch = make(chan poolTask, 4*MaxThreads)
	}
	for workers.started < t-1 {
		go worker(workers.ch)
		workers.started++
	}
	ch := workers.ch
	workers.Unlock()
	wg.Add(t - 1)
	for i := 0; i < t-1; i++ {
		ch <- x
	}
	x.work()
	wg.Wait()
}

// runParallel runs the matrix product x on t threads.
func runParallel(x *matCtx, t int) { runOnPool(x, &x.wg, t) }

func (x *matCtx) done() { x.wg.Done() }

func worker(ch <-chan poolTask) {
	for x := range ch {
		x.work()
		x.done()
	}
}
