//go:build !(amd64 || arm64) || purego

package commit

// Other architectures, and the purego build, hash leaves and nodes one at
// a time with the Go permutation.

// archPaths is empty: this build has only the Go permutation.
var archPaths []*keccakPath

// kscratch is the multi-way paths' scratch; unused here.
type kscratch struct{}

func (*kscratch) hashNodes(dst, src []Hash)                   { hashNodesScalar(dst, src) }
func (*kscratch) hashTensorLeaves(dst []Hash, data []float32) { hashTensorLeavesScalar(dst, data) }
func (*kscratch) hashItems(dst, items []Hash)                 { hashItemsScalar(dst, items) }
