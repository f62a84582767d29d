//go:build !(amd64 || arm64) || purego

package repops

// expVec reports whether a vector exp runs: not in this build (the Go
// path, expSubGo, computes every element).
func expVec() bool { return false }

// expSubVec does no element in this build.
func expSubVec(o, x []float32, sub float32, neg bool) int { return 0 }

// expVecSupported: no vector exp in this build.
func expVecSupported() bool { return false }
