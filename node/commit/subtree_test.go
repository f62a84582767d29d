package commit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// TestFrontierMatchesReference: the roots of 1..130 subtrees of height 0
// to 2, folded in order on a frontier, against the naive padded tree over
// their leaves.
func TestFrontierMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for height := 0; height <= 2; height++ {
		for n := 1; n <= 130; n++ {
			leaves := randHashes(rng, n<<height)
			var f frontier
			for i := 0; i < n; i++ {
				f.push(refRoot(leaves[i<<height : (i+1)<<height]))
			}
			if got, want := f.root(height), refRoot(leaves); got != want {
				t.Fatalf("height %d, %d subtrees: frontier %v, reference %v", height, n, got, want)
			}
		}
	}
}

// chunkedSizes are tensor sizes around the boundaries of leaves (8
// elements), blocks and jobs of small heights, and random odd counts up to
// a few thousand elements.
func chunkedSizes(rng *rand.Rand) []int {
	sizes := []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 127, 129, 255, 256, 257, 1023, 1025, 2047, 2049}
	for len(sizes) < 40 {
		sizes = append(sizes, 1+2*rng.IntN(2500))
	}
	return sizes
}

// TestChunkedTensorRootsMatchReference runs tensorRoots with jobs of 2^0
// to 2^13 leaves and blocks of 2^0 to 2^10 leaves, on 1 to 3 goroutines and
// every keccak path, over tensors of chunkedSizes (many jobs and blocks,
// partial last ones, partial last leaves), against refTensorRoot: the
// naive tree padded with zero leaves. Every split must give the one tree.
// -short (the emulated AVX-512 CPU) tries fewer heights.
func TestChunkedTensorRootsMatchReference(t *testing.T) {
	chs, bhs, maxWorkers := []int{0, 1, 2, 3, 5, chunkHeight}, []int{0, 1, 2, 4, blockHeight}, 3
	if testing.Short() {
		chs, bhs, maxWorkers = []int{0, 3, chunkHeight}, []int{1, blockHeight}, 2
	}
	rng := rand.New(rand.NewPCG(13, 14))
	var ts []Tensor
	for _, n := range chunkedSizes(rng) {
		ts = append(ts, Tensor{Shape: []int{n}, Data: randFloats(rng, n)})
	}
	ts = append(ts, Tensor{Shape: []int{3, 7, 5}, Data: randFloats(rng, 105)}, Tensor{Shape: []int{}, Data: randFloats(rng, 1)})
	want := make([]Hash, len(ts))
	for i, tt := range ts {
		want[i] = refTensorRoot(tt.Shape, tt.Data)
	}
	paths(t, func(t *testing.T) {
		for _, ch := range chs {
			for _, bh := range bhs {
				for workers := 1; workers <= maxWorkers; workers++ {
					got := tensorRootsBy(ts, workers, ch, bh)
					for i := range ts {
						if got[i] != want[i] {
							t.Fatalf("jobs of 2^%d leaves, blocks of 2^%d, %d workers: tensor %d (%d elements): %v, reference %v",
								ch, bh, workers, i, len(ts[i].Data), got[i], want[i])
						}
					}
				}
			}
		}
		h := NewHasher()
		for i, tt := range ts {
			if got, _ := h.TensorRoot(tt.Shape, tt.Data); got != want[i] {
				t.Fatalf("Hasher.TensorRoot of %d elements: %v, reference %v", len(tt.Data), got, want[i])
			}
		}
	})
}

// FuzzChunkedTensorRoot: a tensor of up to 5,000 elements and a small one,
// hashed with jobs of 2^ch and blocks of 2^bh leaves on 1 to 4 goroutines,
// against refTensorRoot.
func FuzzChunkedTensorRoot(f *testing.F) {
	f.Add(uint16(4097), uint8(2), uint8(1), uint8(2), uint64(1))
	f.Add(uint16(1), uint8(0), uint8(0), uint8(1), uint64(2))
	f.Add(uint16(4999), uint8(13), uint8(10), uint8(3), uint64(3))
	f.Fuzz(func(t *testing.T, n uint16, ch, bh, workers uint8, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 15))
		ts := []Tensor{
			{Shape: []int{int(n) % 5001}, Data: randFloats(rng, int(n)%5001)},
			{Shape: []int{int(seed % 97)}, Data: randFloats(rng, int(seed%97))},
		}
		c, b := int(ch)%(chunkHeight+1), int(bh)%(blockHeight+1)
		got := tensorRootsBy(ts, 1+int(workers)%4, c, b)
		for i, tt := range ts {
			if want := refTensorRoot(tt.Shape, tt.Data); got[i] != want {
				t.Fatalf("%d elements, jobs of 2^%d, blocks of 2^%d: %v, reference %v", len(tt.Data), c, b, got[i], want)
			}
		}
	})
}

// memState is a state of a few MB whose tensors have no power-of-two size:
// one split into many jobs with a partial last job and leaf, several of one
// job, tiny ones.
func memState() []Tensor {
	rng := rand.New(rand.NewPCG(16, 17))
	var ts []Tensor
	for _, n := range []int{1<<19 + 13, 3<<16 + 1, 300 * 701, 8193, 1000, 7, 1} {
		ts = append(ts, Tensor{Shape: []int{n}, Data: randFloats(rng, n)})
	}
	return ts
}

// allocated returns the bytes allocated on the heap by f.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestStateRootTemporaryMemory: a state root allocates, in all, a small
// fraction of the state's size S. The first root after the pools are
// emptied allocates one block of leaf hashes per goroutine plus the jobs'
// bookkeeping (under workers x 36 KiB + S/1000 + 16 KiB); later roots reuse
// them and allocate under S/1000. Before the block-by-block hashing a root
// allocated a 2^13-leaf level per goroutine and a level as large as each
// small tensor's leaves.
func TestStateRootTemporaryMemory(t *testing.T) {
	ts := memState()
	s := 0
	for _, tt := range ts {
		s += 4 * len(tt.Data)
	}
	want := StateRoot(5, tensorRoots(ts, 1))
	for _, workers := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			runtime.GC()
			runtime.GC() // the pools are empty after two collections
			var got Hash
			cold := allocated(func() { got = StateRoot(5, tensorRoots(ts, workers)) })
			if got != want {
				t.Fatalf("%d workers: state root %v, want %v", workers, got, want)
			}
			// The pool is per P: a call on another P than the last may
			// find it empty, so take the least of a few calls.
			warm := cold
			for i := 0; i < 6; i++ {
				warm = min(warm, allocated(func() { StateRoot(5, tensorRoots(ts, workers)) }))
			}
			t.Logf("S = %d bytes, %d workers: first root allocates %d bytes (%.4f S), later ones %d (%.5f S)",
				s, workers, cold, float64(cold)/float64(s), warm, float64(warm)/float64(s))
			if limit := uint64(workers*36<<10 + s/1000 + 16<<10); cold > limit {
				t.Errorf("first root allocates %d bytes (%.3f S), want at most %d", cold, float64(cold)/float64(s), limit)
			}
			if limit := uint64(s / 1000); warm > limit {
				t.Errorf("a root allocates %d bytes (%.4f S), want at most S/1000 = %d", warm, float64(warm)/float64(s), limit)
			}
		})
	}
}

// TestElementPathMatchesMerkleProof: ProveElement's path, hashed sibling by
// sibling, against MerkleProof over every leaf hash of the tensor, for
// tensors of chunkedSizes and a few of more than one block, at every leaf
// of the small ones and at the first, last and random leaves of the others,
// on every keccak path.
func TestElementPathMatchesMerkleProof(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 19))
	sizes, random := append(chunkedSizes(rng), 8192, 8193, 3*8192+17, 70001), 20
	if testing.Short() { // the emulated AVX-512 CPU
		sizes, random = append(chunkedSizes(rng)[:25], 8193, 3*8192+17), 4
	}
	paths(t, func(t *testing.T) {
		for _, n := range sizes {
			if n == 0 {
				continue
			}
			data := randFloats(rng, n)
			leaves := make([]Hash, NumLeaves(n))
			for i := range leaves {
				item := TensorLeafItem(data, i)
				leaves[i] = Keccak256([]byte{TagLeaf}, item[:])
			}
			idx := []uint64{0, uint64(n - 1)}
			for k := 0; k < random; k++ {
				idx = append(idx, rng.Uint64N(uint64(n)))
			}
			if n <= 300 && !testing.Short() {
				idx = idx[:0]
				for e := 0; e < n; e++ {
					idx = append(idx, uint64(e))
				}
			}
			for _, e := range idx {
				got, err := ProveElement([]int{n}, data, e)
				if err != nil {
					t.Fatal(err)
				}
				want, err := MerkleProof(leaves, e/ElemsPerLeaf)
				if err != nil {
					t.Fatal(err)
				}
				if got.Path.Index != want.Index || len(got.Path.Siblings) != len(want.Siblings) {
					t.Fatalf("%d elements, element %d: path index %d depth %d, want %d %d", n, e,
						got.Path.Index, len(got.Path.Siblings), want.Index, len(want.Siblings))
				}
				for i := range want.Siblings {
					if got.Path.Siblings[i] != want.Siblings[i] {
						t.Fatalf("%d elements, element %d: sibling %d differs", n, e, i)
					}
				}
			}
		}
	})
}

// TestElementProofTemporaryMemory: proving an element of a 4 MB tensor
// allocates one block of leaf hashes and the proof, not a level of every
// leaf (8 MB before: the leaf hashes and MerkleProof's copy of them).
func TestElementProofTemporaryMemory(t *testing.T) {
	const n = 1<<20 + 5
	data := randFloats(rand.New(rand.NewPCG(20, 21)), n)
	root, _ := TensorRoot([]int{n}, data)
	for _, e := range []uint64{0, n / 3, n - 1} {
		var p ElementProof
		var err error
		b := allocated(func() { p, err = ProveElement([]int{n}, data, e) })
		if err != nil {
			t.Fatal(err)
		}
		if v, err := p.Verify(root); err != nil || v != math.Float32bits(data[e]) {
			t.Fatalf("element %d: %v, value %#x", e, err, v)
		}
		if b > 40<<10 {
			t.Errorf("proving element %d of %d allocates %d bytes, want at most 40 KiB", e, n, b)
		}
	}
}

// TestTensorRootsConcurrent: calls on several goroutines at once (each
// takes its own scratch from the pool) give the roots of one call alone.
func TestTensorRootsConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 23))
	states := make([][]Tensor, 3)
	want := make([][]Hash, len(states))
	for s := range states {
		for _, n := range []int{70001 + s, 9000 * (s + 1), 777, s} {
			states[s] = append(states[s], Tensor{Shape: []int{n}, Data: randFloats(rng, n)})
		}
		want[s] = tensorRoots(states[s], 1)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 12)
	for g := 0; g < 12; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := g % len(states)
			for i := 0; i < 3; i++ {
				got, err := TensorRoots(states[s])
				if err != nil {
					errs <- err.Error()
					return
				}
				for k := range got {
					if got[k] != want[s][k] {
						errs <- fmt.Sprintf("goroutine %d, state %d: tensor %d root %v, want %v", g, s, k, got[k], want[s][k])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
