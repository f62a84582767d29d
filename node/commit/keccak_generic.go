//go:build !amd64 || purego

package commit

// Without AVX2 (other architectures, or the purego build) leaves and nodes
// are hashed one at a time by the Go permutation.

// useX4 is false: there is no four-way permutation on this build.
const useX4 = false

// x4 is the four-way path's scratch; unused here.
type x4 struct{}

func (*x4) hashNodes(dst, src []Hash)                   { hashNodesScalar(dst, src) }
func (*x4) hashTensorLeaves(dst []Hash, data []float32) { hashTensorLeavesScalar(dst, data) }
func (*x4) hashItems(dst, items []Hash)                 { hashItemsScalar(dst, items) }

// setX4 is a no-op: this build has only the one-at-a-time path.
func setX4(bool) {}
