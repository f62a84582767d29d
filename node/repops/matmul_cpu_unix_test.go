//go:build unix

package repops

import "syscall"

// cpuSeconds is the CPU time this process has used (user and system, all
// threads). The benchmarks report a rate per CPU-second beside the rate per
// wall-clock second: on a shared machine a benchmark can wait for a core,
// and the CPU-time figure is what one core computes while it has it.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
