package commit

import (
	"encoding/binary"
	"hash"
	"runtime"
	"sync"

	"golang.org/x/crypto/sha3"
)

// The package's hashing before its own keccak (issue 12): every leaf and
// node through golang.org/x/crypto/sha3's legacy Keccak-256, tensors of a
// state on up to GOMAXPROCS goroutines, one tensor per goroutine. Kept as
// the reference the differential tests and the benchmarks compare with.

type refKeccakState interface {
	hash.Hash
	Read([]byte) (int, error)
}

type refHasher struct {
	st  refKeccakState
	buf [1 + 64]byte
	big [2 + 4*MaxDims + 32]byte
	out Hash
	lvl []Hash
}

func newRefHasher() *refHasher {
	return &refHasher{st: sha3.NewLegacyKeccak256().(refKeccakState)}
}

func (h *refHasher) sum(in []byte) Hash {
	h.st.Reset()
	h.st.Write(in)
	h.st.Read(h.out[:])
	return h.out
}

func (h *refHasher) leaf(item *[32]byte) Hash {
	h.buf[0] = TagLeaf
	copy(h.buf[1:33], item[:])
	return h.sum(h.buf[:33])
}

func (h *refHasher) node(l, r *Hash) Hash {
	h.buf[0] = TagNode
	copy(h.buf[1:33], l[:])
	copy(h.buf[33:65], r[:])
	return h.sum(h.buf[:65])
}

func (h *refHasher) tensorRoot(shape []int, data []float32) Hash {
	n := NumLeaves(len(data))
	m := ZeroHash
	if n > 0 {
		if cap(h.lvl) < n {
			h.lvl = make([]Hash, n)
		}
		level := h.lvl[:n]
		for i := range level {
			item := TensorLeafItem(data, i)
			level[i] = h.leaf(&item)
		}
		for height := 0; len(level) > 1; height++ {
			k := len(level)
			for i := 0; i+1 < k; i += 2 {
				level[i/2] = h.node(&level[i], &level[i+1])
			}
			if k%2 == 1 {
				level[k/2] = h.node(&level[k-1], &emptySubtree[height])
			}
			level = level[:(k+1)/2]
		}
		m = level[0]
	}
	b := h.big[:0]
	b = append(b, TagTensor, byte(len(shape)))
	for _, d := range shape {
		b = binary.BigEndian.AppendUint32(b, uint32(d))
	}
	b = append(b, m[:]...)
	return h.sum(b)
}

// refTensorRoots is the old TensorRoots: one tensor per goroutine.
func refTensorRoots(ts []Tensor) []Hash {
	roots := make([]Hash, len(ts))
	workers := min(runtime.GOMAXPROCS(0), len(ts))
	next := make(chan int, len(ts))
	for _, i := range orderBySize(make([]int, len(ts)), ts) {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := newRefHasher()
			for i := range next {
				roots[i] = h.tensorRoot(ts[i].Shape, ts[i].Data)
			}
		}()
	}
	wg.Wait()
	return roots
}

func refStateRootOf(step uint64, ts []Tensor) Hash {
	roots := refTensorRoots(ts)
	h := newRefHasher()
	leaves := make([]Hash, len(roots))
	for i := range roots {
		leaves[i] = h.leaf((*[32]byte)(&roots[i]))
	}
	m := refRoot(leaves)
	var b []byte
	b = append(b, TagState)
	b = binary.BigEndian.AppendUint64(b, step)
	b = binary.BigEndian.AppendUint32(b, uint32(len(roots)))
	b = append(b, m[:]...)
	return h.sum(b)
}
