package commit

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of the hashing speed, each against the old x/crypto-based
// implementation (ref_test.go) in the same run; docs/commitments.md
// ("Hashing speed") quotes them.

// BenchmarkNode is one inner node, keccak(0x01 || l || r).
func BenchmarkNode(b *testing.B) {
	var l, r Hash
	b.Run("old", func(b *testing.B) {
		h := newRefHasher()
		for i := 0; i < b.N; i++ {
			l = h.node(&l, &r)
		}
	})
	b.Run("new", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			l = nodeHash(&l, &r)
		}
	})
	for _, w := range []struct{ name, path string }{{"new-x4", "avx2"}, {"new-x8", "avx512"}} {
		b.Run(w.name, func(b *testing.B) { // per node, four or eight at a time
			saved := KeccakPath()
			defer SetKeccakPath(saved)
			if err := SetKeccakPath(w.path); err != nil {
				b.Skip(err)
			}
			var s kscratch
			src := make([]Hash, 16)
			n := curPath.width
			for i := 0; i < b.N; i += n {
				s.hashNodes(src[:n], src)
			}
		})
	}
}

// BenchmarkTensorRoot1M is the root of a [1024,1024] tensor (131,072
// leaves): the old implementation (one goroutine per tensor, so one core),
// the new one on 1 and 2 goroutines, and the new one without AVX2 on 1.
func BenchmarkTensorRoot1M(b *testing.B) {
	ts := []Tensor{{Shape: []int{1024, 1024}, Data: randFloats(rand.New(rand.NewPCG(1, 1)), 1<<20)}}
	b.Run("old", func(b *testing.B) {
		b.SetBytes(4 << 20)
		h := newRefHasher()
		for i := 0; i < b.N; i++ {
			h.tensorRoot(ts[0].Shape, ts[0].Data)
		}
	})
	for _, c := range []struct {
		name    string
		workers int
		path    string
	}{{"new-1core", 1, "auto"}, {"new-2cores", 2, "auto"}, {"x8-1core", 1, "avx512"}, {"x8-2cores", 2, "avx512"}, {"scalar-1core", 1, "scalar"}} {
		b.Run(c.name, func(b *testing.B) {
			saved := KeccakPath()
			defer SetKeccakPath(saved)
			if err := SetKeccakPath(c.path); err != nil {
				b.Skip(err)
			}
			b.SetBytes(4 << 20)
			for i := 0; i < b.N; i++ {
				tensorRoots(ts, c.workers)
			}
		})
	}
}

// mlpState is the state of the [784,1024,1024,10] MLP trained with Adam:
// the parameters, the two moments of each, and the step counter (5,590,113
// elements).
func mlpState() []Tensor {
	rng := rand.New(rand.NewPCG(2, 2))
	var params []Tensor
	widths := []int{784, 1024, 1024, 10}
	for l := 0; l+1 < len(widths); l++ {
		params = append(params,
			Tensor{Shape: []int{widths[l], widths[l+1]}, Data: randFloats(rng, widths[l]*widths[l+1])},
			Tensor{Shape: []int{widths[l+1]}, Data: randFloats(rng, widths[l+1])})
	}
	var ts []Tensor
	for k := 0; k < 3; k++ {
		ts = append(ts, params...)
	}
	return append(ts, Tensor{Shape: []int{1}, Data: []float32{1}})
}

// BenchmarkStateRootMLP is the state root of mlpState: old, and new on 1
// and 2 goroutines (the old one already spread tensors over both cores).
func BenchmarkStateRootMLP(b *testing.B) {
	ts := mlpState()
	elems := 0
	for _, t := range ts {
		elems += len(t.Data)
	}
	b.Run("old", func(b *testing.B) {
		b.SetBytes(int64(4 * elems))
		for i := 0; i < b.N; i++ {
			refStateRootOf(uint64(i), ts)
		}
	})
	for _, w := range []int{1, 2} {
		b.Run([]string{"", "new-1core", "new-2cores"}[w], func(b *testing.B) {
			b.SetBytes(int64(4 * elems))
			for i := 0; i < b.N; i++ {
				StateRoot(uint64(i), tensorRoots(ts, w))
			}
		})
	}
}
