package commit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// Depth returns the height of the Merkle tree over n leaves: the smallest d
// with 2^d >= n (0 for n <= 1).
func Depth(n uint64) int {
	if n <= 1 {
		return 0
	}
	return bits.Len64(n - 1)
}

// MerkleRootOfLeaves returns the root of the tree whose leaf hashes are
// given, padded on the right to a power of two with ZeroHash leaves. The root
// of one leaf is that leaf; the root of none is ZeroHash. leaves is not
// modified.
func (h *Hasher) MerkleRootOfLeaves(leaves []Hash) Hash {
	switch len(leaves) {
	case 0:
		return ZeroHash
	case 1:
		return leaves[0]
	}
	if cap(h.lvl) < (len(leaves)+1)/2 {
		h.lvl = make([]Hash, (len(leaves)+1)/2)
	}
	next := h.lvl[:(len(leaves)+1)/2]
	h.reduce(leaves, next, 0)
	return h.reduceInPlace(next, 1)
}

// reduce writes the parents of level (of tree height `height`) into next.
func (h *Hasher) reduce(level, next []Hash, height int) {
	m := len(level)
	h.ks.hashNodes(next[:m/2], level)
	if m%2 == 1 {
		next[m/2] = nodeHash(&level[m-1], &emptySubtree[height])
	}
}

// reduceInPlace hashes level (at tree height `height`) up to the root,
// overwriting it.
func (h *Hasher) reduceInPlace(level []Hash, height int) Hash {
	for len(level) > 1 {
		h.reduce(level, level, height)
		level = level[:(len(level)+1)/2]
		height++
	}
	return level[0]
}

// ListRoot returns the Merkle root over 32-byte items, each hashed as a leaf
// keccak(0x00 || item). It is the tree used for lists of roots (state
// tensors, step-trace nodes, graph nodes, checkpoints).
func (h *Hasher) ListRoot(items []Hash) Hash {
	switch len(items) {
	case 0:
		return ZeroHash
	case 1:
		return leafHash((*[32]byte)(&items[0]))
	}
	if cap(h.lvl) < len(items) {
		h.lvl = make([]Hash, len(items))
	}
	leaves := h.lvl[:len(items)]
	h.ks.hashItems(leaves, items)
	return h.reduceInPlace(leaves, 0)
}

// Proof is a positional Merkle proof: the leaf index and the siblings from
// the leaf level up to just below the root. len(Siblings) is the tree depth.
type Proof struct {
	Index    uint64
	Siblings []Hash
}

// MerkleProof returns the proof of leaves[index] in the tree built by
// MerkleRootOfLeaves.
func MerkleProof(leaves []Hash, index uint64) (Proof, error) {
	n := uint64(len(leaves))
	if index >= n {
		return Proof{}, fmt.Errorf("commit: proof index %d out of range [0,%d)", index, n)
	}
	h := NewHasher()
	p := Proof{Index: index, Siblings: make([]Hash, 0, Depth(n))}
	level := append([]Hash(nil), leaves...)
	idx := index
	for height := 0; len(level) > 1; height++ {
		sib := idx ^ 1
		if sib < uint64(len(level)) {
			p.Siblings = append(p.Siblings, level[sib])
		} else {
			p.Siblings = append(p.Siblings, emptySubtree[height])
		}
		h.reduce(level, level, height)
		level = level[:(len(level)+1)/2]
		idx /= 2
	}
	return p, nil
}

// ListProof returns the proof of items[index] in the tree built by ListRoot.
func ListProof(items []Hash, index uint64) (Proof, error) {
	leaves := make([]Hash, len(items))
	NewHasher().ks.hashItems(leaves, items)
	return MerkleProof(leaves, index)
}

// Root recomputes the root from a leaf hash and the proof. It fails only if
// the proof is malformed (more than 64 siblings, or an index that does not
// fit the depth); whether the root matches is the caller's comparison.
func (p Proof) Root(leaf Hash) (Hash, error) {
	d := len(p.Siblings)
	if d > maxTreeDepth {
		return ZeroHash, fmt.Errorf("commit: proof has %d siblings, at most %d", d, maxTreeDepth)
	}
	if d < 64 && p.Index>>uint(d) != 0 {
		return ZeroHash, fmt.Errorf("commit: proof index %d does not fit depth %d", p.Index, d)
	}
	h := NewHasher()
	cur := leaf
	idx := p.Index
	for i := range p.Siblings {
		if idx&1 == 0 {
			cur = h.Node(&cur, &p.Siblings[i])
		} else {
			cur = h.Node(&p.Siblings[i], &cur)
		}
		idx >>= 1
	}
	return cur, nil
}

// ErrPadding is returned (wrapped) when a proof's padding is not the
// canonical zero padding: a sibling whose subtree lies wholly past the last
// leaf is not the zero-subtree hash of its height, or a padding word of a
// last partial tensor leaf is not zero.
var ErrPadding = errors.New("commit: non-canonical padding")

// CheckPadding checks that every sibling whose subtree lies wholly past the
// last of `leaves` leaves (its first leaf ((Index>>h)^1)<<h is at or past
// leaves) is EmptySubtree(h), as the contracts' OneStepMerkle.rootOf does. A
// root verified through such a proof is canonical: a function of the real
// leaves alone, so a tree with junk in its padding cannot be opened at any
// leaf whose path crosses the junk (the last leaf's path crosses all of it).
func (p Proof) CheckPadding(leaves uint64) error {
	for h := range p.Siblings {
		if h >= maxTreeDepth {
			return fmt.Errorf("commit: proof has %d siblings, at most %d", len(p.Siblings), maxTreeDepth)
		}
		if ((p.Index>>uint(h))^1)<<uint(h) >= leaves && p.Siblings[h] != emptySubtree[h] {
			return fmt.Errorf("%w: sibling at height %d covers only padding and is not the zero-subtree hash", ErrPadding, h)
		}
	}
	return nil
}

// Verify reports whether leaf sits at p.Index under root, in a tree of
// exactly `leaves` leaves (the depth must be Depth(leaves) and the index
// below leaves), with canonical padding (CheckPadding).
func (p Proof) Verify(root, leaf Hash, leaves uint64) bool {
	if p.Index >= leaves || len(p.Siblings) != Depth(leaves) || p.CheckPadding(leaves) != nil {
		return false
	}
	got, err := p.Root(leaf)
	return err == nil && got == root
}

// VerifyItem is Verify for a list item (hashed as keccak(0x00 || item)).
func (p Proof) VerifyItem(root, item Hash, items uint64) bool {
	return p.Verify(root, NewHasher().Leaf((*[32]byte)(&item)), items)
}

// ErrProofEncoding is returned (wrapped) for any malformed encoded proof.
var ErrProofEncoding = errors.New("commit: malformed proof encoding")

// MarshalBinary encodes the proof: index (uint64 big-endian), the sibling
// count (one byte, at most 64), then the siblings (32 bytes each).
func (p Proof) MarshalBinary() ([]byte, error) {
	if len(p.Siblings) > maxTreeDepth {
		return nil, fmt.Errorf("%w: %d siblings, at most %d", ErrProofEncoding, len(p.Siblings), maxTreeDepth)
	}
	out := make([]byte, 9+32*len(p.Siblings))
	binary.BigEndian.PutUint64(out, p.Index)
	out[8] = byte(len(p.Siblings))
	for i := range p.Siblings {
		copy(out[9+32*i:], p.Siblings[i][:])
	}
	return out, nil
}

// UnmarshalBinary decodes MarshalBinary's encoding; the input must be
// exactly one proof, with an index that fits its depth.
func (p *Proof) UnmarshalBinary(b []byte) error {
	if len(b) < 9 {
		return fmt.Errorf("%w: %d bytes, need at least 9", ErrProofEncoding, len(b))
	}
	n := int(b[8])
	if n > maxTreeDepth {
		return fmt.Errorf("%w: %d siblings, at most %d", ErrProofEncoding, n, maxTreeDepth)
	}
	if len(b) != 9+32*n {
		return fmt.Errorf("%w: %d bytes for %d siblings, want %d", ErrProofEncoding, len(b), n, 9+32*n)
	}
	idx := binary.BigEndian.Uint64(b)
	if n < 64 && idx>>uint(n) != 0 {
		return fmt.Errorf("%w: index %d does not fit depth %d", ErrProofEncoding, idx, n)
	}
	sib := make([]Hash, n)
	for i := range sib {
		copy(sib[i][:], b[9+32*i:])
	}
	p.Index, p.Siblings = idx, sib
	return nil
}
