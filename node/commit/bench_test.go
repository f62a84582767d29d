package commit

import "testing"

func BenchmarkKeccakNode(b *testing.B) {
	h := NewHasher()
	var l, r Hash
	for i := 0; i < b.N; i++ {
		l = h.Node(&l, &r)
	}
}

// BenchmarkTensorRoot2048 hashes a [64,32] tensor (256 leaves).
func BenchmarkTensorRoot2048(b *testing.B) {
	h := NewHasher()
	d := seqData(2048)
	b.SetBytes(4 * 2048)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := h.TensorRoot([]int{64, 32}, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStateRootOf is a state of 12 tensors of mixed sizes (the MLP
// 64-32-10 with Adam moments): hashed on GOMAXPROCS goroutines.
func BenchmarkStateRootOf(b *testing.B) {
	var ts []Tensor
	for r := 0; r < 3; r++ {
		ts = append(ts, Tensor{[]int{64, 32}, seqData(2048)}, Tensor{[]int{32}, seqData(32)},
			Tensor{[]int{32, 10}, seqData(320)}, Tensor{[]int{10}, seqData(10)})
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := StateRootOf(uint64(i), ts); err != nil {
			b.Fatal(err)
		}
	}
}
