//go:build !purego

package repops

import "golang.org/x/sys/cpu"

// archKernels are the amd64 assembly kernels, fastest first; the first one
// the CPU supports is the default. A new kernel is one file with its
// microKernel and assembly, plus an entry here.
var archKernels = []*microKernel{avx512Kernel, avx2Kernel, sseKernel}

// hasAVX2 reports AVX2 in the CPU and YMM state saved by the operating
// system (x/sys/cpu checks both).
func hasAVX2() bool { return cpu.X86.HasAVX2 }
