//go:build !amd64 || purego

package commit

// Without AVX2 (other architectures, or the purego build) leaves and nodes
// are hashed one at a time by the Go permutation.

// archPaths is empty: this build has only the Go permutation.
var archPaths []*keccakPath

// kscratch is the multi-way paths' scratch; unused here.
type kscratch struct{}

func (*kscratch) hashNodes(dst, src []Hash)                   { hashNodesScalar(dst, src) }
func (*kscratch) hashTensorLeaves(dst []Hash, data []float32) { hashTensorLeavesScalar(dst, data) }
func (*kscratch) hashItems(dst, items []Hash)                 { hashItemsScalar(dst, items) }
