//go:build !amd64 || purego

package repops

var benchOnlyKernels []*microKernel
