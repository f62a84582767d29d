package commit

import (
	"encoding/binary"
	"fmt"
	"runtime"
	"sync"
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

// parallelMinElems is the state size above which StateRootOf hashes tensors
// on several goroutines.
const parallelMinElems = 1 << 12

// TensorRoots returns the root of each tensor, hashing large sets on up to
// GOMAXPROCS goroutines (each with its own Hasher).
func TensorRoots(tensors []Tensor) ([]Hash, error) {
	roots := make([]Hash, len(tensors))
	total := 0
	for i, t := range tensors {
		n, err := NumElements(t.Shape)
		if err != nil {
			return nil, fmt.Errorf("tensor %d: %w", i, err)
		}
		if n != len(t.Data) {
			return nil, fmt.Errorf("tensor %d: %w: shape %v has %d elements, data has %d", i, ErrShape, t.Shape, n, len(t.Data))
		}
		total += n
	}
	workers := runtime.GOMAXPROCS(0)
	if workers > len(tensors) {
		workers = len(tensors)
	}
	if total < parallelMinElems || workers <= 1 {
		h := NewHasher()
		for i, t := range tensors {
			roots[i], _ = h.TensorRoot(t.Shape, t.Data)
		}
		return roots, nil
	}
	// Largest tensors first, handed out through a channel.
	next := make(chan int, len(tensors))
	for _, i := range orderBySize(tensors) {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := NewHasher()
			for i := range next {
				roots[i], _ = h.TensorRoot(tensors[i].Shape, tensors[i].Data)
			}
		}()
	}
	wg.Wait()
	return roots, nil
}

func orderBySize(ts []Tensor) []int {
	idx := make([]int, len(ts))
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
