package inbox

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// Tree is the positional Merkle tree of a batch: leaf i at position i; each
// level pairs positions (0,1), (2,3), ...; a level with an odd number of nodes
// promotes its last node unchanged; the root of one leaf is that leaf.
type Tree struct {
	levels [][]common.Hash // levels[0] are the leaves, the last level is the root
}

// NewTree builds the tree over leaves (at least one).
func NewTree(leaves []common.Hash) (*Tree, error) {
	if len(leaves) == 0 {
		return nil, ErrEmptyTree
	}
	cur := append([]common.Hash(nil), leaves...)
	levels := [][]common.Hash{cur}
	for len(cur) > 1 {
		next := make([]common.Hash, 0, (len(cur)+1)/2)
		for i := 0; i+1 < len(cur); i += 2 {
			next = append(next, Node(cur[i], cur[i+1]))
		}
		if len(cur)%2 == 1 {
			next = append(next, cur[len(cur)-1])
		}
		levels = append(levels, next)
		cur = next
	}
	return &Tree{levels: levels}, nil
}

// TreeOf builds the tree of a batch of commitments.
func TreeOf(cs []Commitment) (*Tree, error) {
	leaves := make([]common.Hash, len(cs))
	for i, c := range cs {
		leaves[i] = c.Leaf()
	}
	return NewTree(leaves)
}

// Size is the number of leaves.
func (t *Tree) Size() int { return len(t.levels[0]) }

// Root is the batch root.
func (t *Tree) Root() common.Hash { return t.levels[len(t.levels)-1][0] }

// Proof lists the siblings of leaf index from the bottom up, skipping the
// levels where the node is promoted (it has no sibling there).
func (t *Tree) Proof(index int) ([]common.Hash, error) {
	if index < 0 || index >= t.Size() {
		return nil, fmt.Errorf("%w: %d of %d", ErrLeafIndex, index, t.Size())
	}
	var proof []common.Hash
	i := index
	for _, level := range t.levels[:len(t.levels)-1] {
		if sib := i ^ 1; sib < len(level) {
			proof = append(proof, level[sib])
		}
		i >>= 1
	}
	return proof, nil
}

// Root is the Merkle root of leaves; ErrEmptyTree when there are none.
func Root(leaves []common.Hash) (common.Hash, error) {
	t, err := NewTree(leaves)
	if err != nil {
		return common.Hash{}, err
	}
	return t.Root(), nil
}

// BatchRoot is the root of an encoded batch, as CommitmentInbox.computeRoot.
func BatchRoot(entries []byte) (common.Hash, error) {
	if len(entries) == 0 || len(entries)%EntrySize != 0 {
		return common.Hash{}, fmt.Errorf("%w: got %d bytes", ErrBatchLength, len(entries))
	}
	leaves := make([]common.Hash, len(entries)/EntrySize)
	for i := range leaves {
		leaves[i] = LeafOfEntry(entries[i*EntrySize : (i+1)*EntrySize])
	}
	return Root(leaves)
}

// Verify reports whether leaf sits at index of a tree of size leaves with
// root, given proof (as BatchMerkle.verify: the proof must be used up exactly).
func Verify(leaf common.Hash, index, size uint64, proof []common.Hash, root common.Hash) bool {
	if index >= size {
		return false
	}
	h := leaf
	used := 0
	for size > 1 {
		if index^1 < size {
			if used == len(proof) {
				return false
			}
			sib := proof[used]
			used++
			if index&1 == 0 {
				h = Node(h, sib)
			} else {
				h = Node(sib, h)
			}
		}
		index >>= 1
		size = (size + 1) >> 1
	}
	return used == len(proof) && h == root
}
