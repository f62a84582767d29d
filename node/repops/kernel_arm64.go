//go:build !purego

package repops

// archKernels are the arm64 assembly kernels: Advanced SIMD is part of
// every AArch64 CPU that Go supports.
var archKernels = []*microKernel{neonKernel}
