package commit

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/crypto/sha3"
)

// xcrypto is the reference keccak256: golang.org/x/crypto/sha3's legacy
// Keccak-256.
func xcrypto(parts ...[]byte) (h Hash) {
	st := sha3.NewLegacyKeccak256()
	for _, p := range parts {
		st.Write(p)
	}
	st.Sum(h[:0])
	return h
}

// paths runs f once on every keccak path this CPU runs (avx512, avx2 and
// scalar on amd64, whichever the CPU has), forced with SetKeccakPath.
func paths(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	saved := KeccakPath()
	defer SetKeccakPath(saved)
	for _, name := range KeccakPaths() {
		if err := SetKeccakPath(name); err != nil {
			t.Fatal(err)
		}
		t.Run(name, f)
	}
}

func TestKeccakAllLengths(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 3*keccakRate+1)
	for n := 0; n <= len(buf); n++ {
		for rep := 0; rep < 4; rep++ {
			in := buf[:n]
			for i := range in {
				in[i] = byte(rng.Uint32())
			}
			if got, want := keccak256(in), xcrypto(in); got != want {
				t.Fatalf("len %d: keccak256 %x, x/crypto %x", n, got, want)
			}
			// Split in two parts through Hasher.Keccak.
			k := rng.IntN(n + 1)
			if got, want := NewHasher().Keccak(in[:k], in[k:]), xcrypto(in); got != want {
				t.Fatalf("len %d split %d: Keccak %x, x/crypto %x", n, k, got, want)
			}
		}
	}
}

func randHashes(rng *rand.Rand, n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		for k := 0; k < 4; k++ {
			binary.LittleEndian.PutUint64(out[i][8*k:], rng.Uint64())
		}
	}
	return out
}

// randFloats mixes random bit patterns (NaNs, infinities, subnormals, -0
// included) so that every byte of a leaf varies.
func randFloats(rng *rand.Rand, n int) []float32 {
	d := make([]float32, n)
	for i := range d {
		d[i] = math.Float32frombits(rng.Uint32())
	}
	return d
}

func TestLeavesAndNodesMatchXCrypto(t *testing.T) {
	paths(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		var s kscratch
		for n := 0; n <= 29; n++ { // up to 3 groups of 8, one of 4, a remainder
			src := randHashes(rng, 2*n+1)
			// Nodes, out of place and in place (dst aliasing src).
			dst := make([]Hash, n)
			s.hashNodes(dst, src)
			inPlace := append([]Hash(nil), src...)
			s.hashNodes(inPlace[:n], inPlace)
			for i := 0; i < n; i++ {
				want := xcrypto([]byte{TagNode}, src[2*i][:], src[2*i+1][:])
				if dst[i] != want || inPlace[i] != want || nodeHash(&src[2*i], &src[2*i+1]) != want {
					t.Fatalf("n=%d node %d differs from x/crypto", n, i)
				}
			}
			// List items.
			items := src[:n]
			s.hashItems(dst, items)
			for i := 0; i < n; i++ {
				if want := xcrypto([]byte{TagLeaf}, items[i][:]); dst[i] != want || leafHash((*[32]byte)(&items[i])) != want {
					t.Fatalf("n=%d item %d differs from x/crypto", n, i)
				}
			}
		}
		// Tensor leaves, every length up to 29 leaves (partial last leaf).
		for e := 0; e <= 29*ElemsPerLeaf; e++ {
			data := randFloats(rng, e)
			dst := make([]Hash, NumLeaves(e))
			s.hashTensorLeaves(dst, data)
			for i := range dst {
				item := TensorLeafItem(data, i)
				if want := xcrypto([]byte{TagLeaf}, item[:]); dst[i] != want {
					t.Fatalf("%d elements: leaf %d differs from x/crypto", e, i)
				}
			}
		}
	})
}

// TestTensorRootsMatchOld compares TensorRoots on 1, 2 and 3 goroutines,
// both keccak paths, with the old x/crypto implementation, on tensors that
// are split into subtrees (more than 2^chunkHeight leaves, with a partial
// last subtree and a partial last leaf) and small ones.
func TestTensorRootsMatchOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ts := []Tensor{
		{Shape: []int{3, 1 << 16}, Data: randFloats(rng, 3<<16)},         // 3 full subtrees
		{Shape: []int{1<<17 + 8*5 + 3}, Data: randFloats(rng, 1<<17+43)}, // 2 full + 1 tiny subtree
		{Shape: []int{1<<16 + 1}, Data: randFloats(rng, 1<<16+1)},        // a lone element in the last subtree
		{Shape: []int{1 << 16}, Data: randFloats(rng, 1<<16)},            // exactly one subtree
		{Shape: []int{7, 9}, Data: randFloats(rng, 63)},
		{Shape: []int{0}, Data: nil},
		{Shape: []int{}, Data: randFloats(rng, 1)},
	}
	want := make([]Hash, len(ts))
	ref := newRefHasher()
	for i, tt := range ts {
		want[i] = ref.tensorRoot(tt.Shape, tt.Data)
	}
	paths(t, func(t *testing.T) {
		for workers := 1; workers <= 3; workers++ {
			got := tensorRoots(ts, workers)
			for i := range ts {
				if got[i] != want[i] {
					t.Fatalf("%d workers: tensor %d %v: root %v, old %v", workers, i, ts[i].Shape, got[i], want[i])
				}
			}
		}
		for i, tt := range ts {
			if r, err := TensorRoot(tt.Shape, tt.Data); err != nil || r != want[i] {
				t.Fatalf("TensorRoot of tensor %d: %v %v, old %v", i, r, err, want[i])
			}
			if r, err := NewHasher().TensorRoot(tt.Shape, tt.Data); err != nil || r != want[i] {
				t.Fatalf("Hasher.TensorRoot of tensor %d: %v %v, old %v", i, r, err, want[i])
			}
		}
		if got, err := StateRootOf(9, ts); err != nil || got != refStateRootOf(9, ts) {
			t.Fatalf("StateRootOf: %v %v, old %v", got, err, refStateRootOf(9, ts))
		}
	})
}

func TestListRootMatchesOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	paths(t, func(t *testing.T) {
		for n := 0; n <= 40; n++ {
			items := randHashes(rng, n)
			ref := newRefHasher()
			leaves := make([]Hash, n)
			for i := range items {
				leaves[i] = ref.leaf((*[32]byte)(&items[i]))
			}
			if got, want := NewHasher().ListRoot(items), refRoot(leaves); got != want {
				t.Fatalf("n=%d: ListRoot %v, reference %v", n, got, want)
			}
		}
	})
}

// FuzzKeccak compares the package's keccak256 (every entry point) with
// x/crypto's on arbitrary input.
func FuzzKeccak(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add(make([]byte, 33), uint8(1))
	f.Add(make([]byte, 65), uint8(2))
	f.Add(make([]byte, keccakRate), uint8(3))
	f.Add(make([]byte, keccakRate+1), uint8(4))
	f.Fuzz(func(t *testing.T, in []byte, split uint8) {
		want := xcrypto(in)
		if got := keccak256(in); got != want {
			t.Fatalf("keccak256(%x) = %v, x/crypto %v", in, got, want)
		}
		k := int(split) % (len(in) + 1)
		if got := Keccak256(in[:k], in[k:]); got != want {
			t.Fatalf("Keccak256 split %d of %x = %v, x/crypto %v", k, in, got, want)
		}
		// Read the input as 32-byte items / hashes / floats, too.
		n := len(in) / 32
		hs := make([]Hash, n)
		for i := range hs {
			copy(hs[i][:], in[32*i:])
		}
		var s kscratch
		dst := make([]Hash, n)
		s.hashItems(dst, hs)
		for i := range hs {
			if w := xcrypto([]byte{TagLeaf}, hs[i][:]); dst[i] != w {
				t.Fatalf("item %d of %x: %v, x/crypto %v", i, in, dst[i], w)
			}
		}
		s.hashNodes(dst[:n/2], hs)
		for i := 0; i < n/2; i++ {
			if w := xcrypto([]byte{TagNode}, hs[2*i][:], hs[2*i+1][:]); dst[i] != w {
				t.Fatalf("node %d of %x: %v, x/crypto %v", i, in, dst[i], w)
			}
		}
		data := make([]float32, len(in)/4)
		for i := range data {
			data[i] = math.Float32frombits(binary.LittleEndian.Uint32(in[4*i:]))
		}
		leaves := make([]Hash, NumLeaves(len(data)))
		s.hashTensorLeaves(leaves, data)
		for i := range leaves {
			item := TensorLeafItem(data, i)
			if w := xcrypto([]byte{TagLeaf}, item[:]); leaves[i] != w {
				t.Fatalf("tensor leaf %d of %x: %v, x/crypto %v", i, in, leaves[i], w)
			}
		}
	})
}
