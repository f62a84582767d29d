package commit

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Tensor is a shaped float32 tensor, row-major.
type Tensor struct {
	Shape []int
	Data  []float32
}

// boundList returns keccak(tag || prefix || uint32be len(items) || ListRoot(items)).
func (h *Hasher) boundList(tag byte, prefix []byte, items []Hash) Hash {
	r := h.ListRoot(items)
	b := h.big[:]
	b[0] = tag
	o := 1 + copy(b[1:17], prefix)
	binary.BigEndian.PutUint32(b[o:], uint32(len(items)))
	copy(b[o+4:], r[:])
	return h.sum(b[:o+4+32])
}

// StateRoot binds the state tensors' roots (in the graph's canonical state
// order) and the step number:
// keccak(0x03 || uint64be step || uint32be n || ListRoot(tensorRoots)).
func StateRoot(step uint64, tensorRoots []Hash) Hash {
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], step)
	return NewHasher().boundList(TagState, s[:], tensorRoots)
}

// parallelMinElems is the state size above which TensorRoots hashes on
// several goroutines.
const parallelMinElems = 1 << 12

// chunkHeight is the height of the subtrees TensorRoots hashes as one job:
// a tensor of more than 2^chunkHeight leaves (65,536 elements) is split into
// aligned subtrees of 2^chunkHeight leaves (the last one padded up to that
// height with zero subtrees), whose roots are then combined as the upper
// levels of the same tree. The result is the root of the one tree that
// docs/commitments.md defines, whatever the number of goroutines.
const chunkHeight = 13

// TensorRoots returns the root of each tensor. A state of parallelMinElems
// elements or more is hashed on up to GOMAXPROCS goroutines, each taking
// subtrees of at most 2^chunkHeight leaves (large tensors are split, small
// ones are one job each). Its temporary memory does not grow with the
// tensors: one block of leaf hashes per goroutine (Hasher.TensorMerkleRoot)
// and 48 bytes per job, both reused from one call to the next.
func TensorRoots(tensors []Tensor) ([]Hash, error) {
	for i, t := range tensors {
		n, err := NumElements(t.Shape)
		if err != nil {
			return nil, fmt.Errorf("tensor %d: %w", i, err)
		}
		if n != len(t.Data) {
			return nil, fmt.Errorf("tensor %d: %w: shape %v has %d elements, data has %d", i, ErrShape, t.Shape, n, len(t.Data))
		}
	}
	return tensorRoots(tensors, runtime.GOMAXPROCS(0)), nil
}

// tensorJob is one subtree of a tensor: chunk c of tensor t.
type tensorJob struct{ t, c int }

// rootsScratch is the scratch of one tensorRoots call: a Hasher per
// goroutine (each with its block of leaf hashes), the jobs, the subtree
// roots (tensor i's at sub[off[i]:off[i+1]]) and the order of the tensors.
// It is reused through rootsPool (taken and put back by the calling
// goroutine only, so that its Hashers stay together).
type rootsScratch struct {
	hs    []*Hasher
	jobs  []tensorJob
	sub   []Hash
	off   []int
	order []int
}

var rootsPool = sync.Pool{New: func() any { return new(rootsScratch) }}

// ensureHashers makes sure there are at least n Hashers.
func (sc *rootsScratch) ensureHashers(n int) {
	for len(sc.hs) < n {
		sc.hs = append(sc.hs, NewHasher())
	}
}

// numChunks is the number of subtrees of 2^ch leaves a tensor of n
// elements is hashed in (1 for a tensor of at most that many leaves).
func numChunks(n, ch int) int { return max(1, (NumLeaves(n)+1<<ch-1)>>ch) }

// tensorRoots computes TensorRoots of valid tensors on at most `workers`
// goroutines.
func tensorRoots(tensors []Tensor, workers int) []Hash {
	return tensorRootsBy(tensors, workers, chunkHeight, blockHeight)
}

// tensorRootsBy is tensorRoots with jobs of 2^ch leaves and blocks of 2^bh
// leaves (bh <= blockHeight; the tests use small heights, to cross many
// job and block boundaries).
func tensorRootsBy(tensors []Tensor, workers, ch, bh int) []Hash {
	sc := rootsPool.Get().(*rootsScratch)
	defer rootsPool.Put(sc)
	sc.off = grow(sc.off, len(tensors)+1)
	off := sc.off
	total, k := 0, 0
	for i, t := range tensors {
		off[i] = k
		k += numChunks(len(t.Data), ch)
		total += len(t.Data)
	}
	off[len(tensors)] = k
	sc.sub = grow(sc.sub, k)
	sub := sc.sub
	sc.order = orderBySize(grow(sc.order, len(tensors)), tensors)
	jobs := sc.jobs[:0]
	for _, i := range sc.order {
		for c := 0; c < off[i+1]-off[i]; c++ {
			jobs = append(jobs, tensorJob{i, c})
		}
	}
	sc.jobs = jobs
	run := func(h *Hasher, j tensorJob) {
		data := tensors[j.t].Data
		if off[j.t+1]-off[j.t] == 1 {
			sub[off[j.t]] = h.merkleRootByBlocks(data, h.block()[:1<<bh])
			return
		}
		lo := j.c << ch * ElemsPerLeaf
		hi := min(len(data), lo+ElemsPerLeaf<<ch)
		r := h.merkleRootByBlocks(data[lo:hi], h.block()[:1<<bh])
		sub[off[j.t]+j.c] = lift(r, Depth(uint64(NumLeaves(hi-lo))), ch)
	}
	if total < parallelMinElems {
		workers = 1
	}
	workers = min(workers, len(jobs))
	sc.ensureHashers(max(1, workers))
	h := sc.hs[0]
	if workers <= 1 {
		for _, j := range jobs {
			run(h, j)
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			h := sc.hs[w]
			go func() {
				defer wg.Done()
				for {
					k := int(next.Add(1)) - 1
					if k >= len(jobs) {
						return
					}
					run(h, jobs[k])
				}
			}()
		}
		wg.Wait()
	}
	roots := make([]Hash, len(tensors))
	for i, t := range tensors {
		m := sub[off[i]]
		if off[i+1]-off[i] > 1 {
			m = h.reduceInPlace(sub[off[i]:off[i+1]], ch)
		}
		roots[i] = h.bindShape(t.Shape, &m)
	}
	return roots
}

// grow returns s resliced to length n, reallocated if its capacity is
// smaller.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// orderBySize fills idx (len(ts)) with the indices of ts, largest tensor
// first, and returns it.
func orderBySize(idx []int, ts []Tensor) []int {
	for i := range idx {
		idx[i] = i
	}
	// insertion sort, descending by size (state sets are small)
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && len(ts[idx[j]].Data) > len(ts[idx[j-1]].Data); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

// StateRootOf computes the state root of the given state tensors.
func StateRootOf(step uint64, tensors []Tensor) (Hash, error) {
	roots, err := TensorRoots(tensors)
	if err != nil {
		return ZeroHash, err
	}
	return StateRoot(step, roots), nil
}

// GraphNodeItem returns the list item of one graph node:
// keccak(0x04 || the node's canonical encoding).
func GraphNodeItem(encoding []byte) Hash {
	return NewHasher().Keccak([]byte{TagGraphNode}, encoding)
}

// GraphRoot binds a step graph, given its nodes' canonical encodings in
// graph order: keccak(0x05 || uint32be n || ListRoot(GraphNodeItem(enc_i))).
// A single node is proven with ListProof over the items.
func GraphRoot(nodeEncodings [][]byte) Hash {
	items := make([]Hash, len(nodeEncodings))
	for i, e := range nodeEncodings {
		items[i] = GraphNodeItem(e)
	}
	return GraphRootOfItems(items)
}

// GraphRootOfItems is GraphRoot over precomputed node items.
func GraphRootOfItems(items []Hash) Hash {
	return NewHasher().boundList(TagGraph, nil, items)
}

// StepTraceRoot binds the output roots of every node of the step graph, in
// graph order, to the step t whose execution they record:
// keccak(0x06 || uint64be t || uint32be n || ListRoot(nodeRoots)).
func StepTraceRoot(step uint64, nodeRoots []Hash) Hash {
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], step)
	return NewHasher().boundList(TagStepTrace, s[:], nodeRoots)
}

// ElementTraceRoot binds the encoded entries of the element trace of element
// `element` of node `node`:
// keccak(0x07 || uint32be node || uint32be element || uint32be n || ListRoot(entries)).
func ElementTraceRoot(node, element uint32, entries []Hash) Hash {
	var s [8]byte
	binary.BigEndian.PutUint32(s[:], node)
	binary.BigEndian.PutUint32(s[4:], element)
	return NewHasher().boundList(TagElementTrace, s[:], entries)
}

// CheckpointsRoot is the checkpoint commitment root a worker submits with
// its result: stateRoots[k-1] is the state root of checkpoint k (after
// k*interval steps), k = 1..K.
// keccak(0x08 || uint32be K || ListRoot(stateRoots)).
func CheckpointsRoot(stateRoots []Hash) Hash {
	return NewHasher().boundList(TagCheckpoints, nil, stateRoots)
}

// CheckpointProof returns the list proof of checkpoint k (1-based: item k-1)
// under CheckpointsRoot(stateRoots). The proof of the last checkpoint (k = K)
// is what JobMarket.submitResult takes with the final model root: its
// zero-subtree padding siblings make the submitted root canonical.
func CheckpointProof(stateRoots []Hash, k int) ([]Hash, error) {
	if k < 1 || k > len(stateRoots) {
		return nil, fmt.Errorf("commit: checkpoint %d out of range [1,%d]", k, len(stateRoots))
	}
	p, err := ListProof(stateRoots, uint64(k-1))
	if err != nil {
		return nil, err
	}
	return p.Siblings, nil
}

// DataRoot binds the tensor roots of the step graph's data nodes (the
// training split's X, then Y), so that a contract can check a step trace's
// data nodes: keccak(0x09 || uint32be n || ListRoot(dataRoots)).
func DataRoot(dataRoots []Hash) Hash {
	return NewHasher().boundList(TagData, nil, dataRoots)
}
