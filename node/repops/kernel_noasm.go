//go:build !(amd64 || arm64) || purego

package repops

// archKernels is empty without assembly kernels: the Go kernel runs.
var archKernels []*microKernel
