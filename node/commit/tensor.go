package commit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
)

// ElemsPerLeaf is the number of float32 elements packed into one 32-byte
// tensor leaf (big-endian uint32 words, row-major order).
const ElemsPerLeaf = 8

// MaxDims is the largest tensor rank a shape may have.
const MaxDims = 8

// ErrShape is returned (wrapped) for a shape that cannot be committed.
var ErrShape = errors.New("commit: bad tensor shape")

// NumElements returns the product of the dims of shape after checking that
// the shape is committable: at most MaxDims dims, each in [0, 2^32), product
// below 2^32.
func NumElements(shape []int) (int, error) {
	if len(shape) > MaxDims {
		return 0, fmt.Errorf("%w: %d dims, at most %d", ErrShape, len(shape), MaxDims)
	}
	n := uint64(1)
	for i, d := range shape {
		if d < 0 || uint64(d) > math.MaxUint32 {
			return 0, fmt.Errorf("%w: dim %d is %d", ErrShape, i, d)
		}
		n *= uint64(d)
		if n > math.MaxUint32 {
			return 0, fmt.Errorf("%w: more than 2^32-1 elements", ErrShape)
		}
	}
	return int(n), nil
}

// NumLeaves returns the number of 32-byte leaves of a tensor of n elements.
func NumLeaves(n int) int { return (n + ElemsPerLeaf - 1) / ElemsPerLeaf }

// TensorLeafItem returns the 32 bytes of leaf i of data: elements 8i..8i+7 as
// big-endian IEEE-754 binary32 words, zero-padded past the end.
func TensorLeafItem(data []float32, i int) [32]byte {
	var item [32]byte
	putLeaf(&item, data, i)
	return item
}

func putLeaf(item *[32]byte, data []float32, i int) {
	base := i * ElemsPerLeaf
	end := base + ElemsPerLeaf
	if end <= len(data) {
		w := data[base:end:end]
		binary.BigEndian.PutUint32(item[0:], math.Float32bits(w[0]))
		binary.BigEndian.PutUint32(item[4:], math.Float32bits(w[1]))
		binary.BigEndian.PutUint32(item[8:], math.Float32bits(w[2]))
		binary.BigEndian.PutUint32(item[12:], math.Float32bits(w[3]))
		binary.BigEndian.PutUint32(item[16:], math.Float32bits(w[4]))
		binary.BigEndian.PutUint32(item[20:], math.Float32bits(w[5]))
		binary.BigEndian.PutUint32(item[24:], math.Float32bits(w[6]))
		binary.BigEndian.PutUint32(item[28:], math.Float32bits(w[7]))
		return
	}
	*item = [32]byte{}
	for k := 0; base+k < len(data); k++ {
		binary.BigEndian.PutUint32(item[4*k:], math.Float32bits(data[base+k]))
	}
}

// tensorLeaves hashes every leaf of data into dst (len NumLeaves).
func (h *Hasher) tensorLeaves(dst []Hash, data []float32) {
	h.ks.hashTensorLeaves(dst, data)
}

// TensorMerkleRoot returns the Merkle root over data's leaves (not bound to
// a shape). Its scratch is one block of 2^10 leaf hashes (32 KiB, kept by
// the Hasher), whatever the size of data.
func (h *Hasher) TensorMerkleRoot(data []float32) Hash { return h.tensorMerkleRoot(data) }

// TensorRoot returns the root of a tensor:
// keccak(0x02 || uint8 ndim || uint32be dim_0 .. dim_{ndim-1} || merkleRoot).
func (h *Hasher) TensorRoot(shape []int, data []float32) (Hash, error) {
	n, err := NumElements(shape)
	if err != nil {
		return ZeroHash, err
	}
	if n != len(data) {
		return ZeroHash, fmt.Errorf("%w: shape %v has %d elements, data has %d", ErrShape, shape, n, len(data))
	}
	m := h.TensorMerkleRoot(data)
	return h.bindShape(shape, &m), nil
}

func (h *Hasher) bindShape(shape []int, merkle *Hash) Hash {
	b := h.big[:]
	b[0] = TagTensor
	b[1] = byte(len(shape))
	o := 2
	for _, d := range shape {
		binary.BigEndian.PutUint32(b[o:], uint32(d))
		o += 4
	}
	copy(b[o:], merkle[:])
	return h.sum(b[:o+32])
}

// TensorRoot is Hasher.TensorRoot, hashing a large tensor on up to
// GOMAXPROCS goroutines (TensorRoots).
func TensorRoot(shape []int, data []float32) (Hash, error) {
	n, err := NumElements(shape)
	if err != nil {
		return ZeroHash, err
	}
	if n != len(data) {
		return ZeroHash, fmt.Errorf("%w: shape %v has %d elements, data has %d", ErrShape, shape, n, len(data))
	}
	return tensorRoots([]Tensor{{Shape: shape, Data: data}}, runtime.GOMAXPROCS(0))[0], nil
}

// ElementProof proves one element of a committed tensor: the tensor's shape,
// the element's flat (row-major) index, the 32-byte leaf holding it and the
// leaf's Merkle path.
type ElementProof struct {
	Shape []int
	Index uint64   // flat element index
	Leaf  [32]byte // the leaf item (8 big-endian words)
	Path  Proof    // Path.Index = Index / 8
}

// Value returns the element's float32 bits from the leaf.
func (p ElementProof) Value() uint32 {
	k := p.Index % ElemsPerLeaf
	return binary.BigEndian.Uint32(p.Leaf[4*k:])
}

// ProveElement returns the proof of element index of the tensor.
func ProveElement(shape []int, data []float32, index uint64) (ElementProof, error) {
	n, err := NumElements(shape)
	if err != nil {
		return ElementProof{}, err
	}
	if n != len(data) {
		return ElementProof{}, fmt.Errorf("%w: shape %v has %d elements, data has %d", ErrShape, shape, n, len(data))
	}
	if index >= uint64(n) {
		return ElementProof{}, fmt.Errorf("commit: element %d out of range [0,%d)", index, n)
	}
	return ElementProof{
		Shape: append([]int(nil), shape...),
		Index: index,
		Leaf:  TensorLeafItem(data, int(index/ElemsPerLeaf)),
		Path:  NewHasher().tensorPath(data, index/ElemsPerLeaf),
	}, nil
}

// tensorPath returns the Merkle proof of leaf `leaf` of data's tree (the
// proof MerkleProof gives over all of data's leaf hashes). Each sibling is
// the root of its own range of leaves, hashed block by block
// (tensorMerkleRoot) and lifted to its height, or the zero subtree of its
// height where the range lies wholly past the last leaf: the siblings
// cover every other leaf once, so the tensor is hashed once, in a Hasher's
// block of scratch instead of a level of every leaf.
func (h *Hasher) tensorPath(data []float32, leaf uint64) Proof {
	n := uint64(NumLeaves(len(data)))
	p := Proof{Index: leaf, Siblings: make([]Hash, Depth(n))}
	for i := range p.Siblings {
		lo := (leaf>>uint(i) ^ 1) << uint(i) // the sibling's first leaf
		if lo >= n {
			p.Siblings[i] = emptySubtree[i]
			continue
		}
		hi := min(n, lo+1<<uint(i))
		r := h.tensorMerkleRoot(data[lo*ElemsPerLeaf : min(uint64(len(data)), hi*ElemsPerLeaf)])
		p.Siblings[i] = lift(r, Depth(hi-lo), i)
	}
	return p
}

// Verify checks the proof against a tensor root and returns the element's
// bits. It checks the shape, that the index is in range, that the leaf sits
// at index/8 in a tree of exactly NumLeaves(numel) leaves, that the padding
// words of a last partial leaf are zero and that every padding sibling is
// the zero-subtree hash of its height (Proof.CheckPadding), like the
// contracts' OneStepMerkle.elementRoot: only a canonical tensor root
// verifies.
func (p ElementProof) Verify(root Hash) (uint32, error) {
	n, err := NumElements(p.Shape)
	if err != nil {
		return 0, err
	}
	if p.Index >= uint64(n) {
		return 0, fmt.Errorf("commit: element %d out of range [0,%d)", p.Index, n)
	}
	if p.Path.Index != p.Index/ElemsPerLeaf {
		return 0, fmt.Errorf("commit: leaf index %d does not hold element %d", p.Path.Index, p.Index)
	}
	leaves := uint64(NumLeaves(n))
	if len(p.Path.Siblings) != Depth(leaves) {
		return 0, fmt.Errorf("commit: path has %d siblings, tree depth is %d", len(p.Path.Siblings), Depth(leaves))
	}
	if last := uint64(n) - p.Path.Index*ElemsPerLeaf; last < ElemsPerLeaf {
		for k := last; k < ElemsPerLeaf; k++ {
			if binary.BigEndian.Uint32(p.Leaf[4*k:]) != 0 {
				return 0, fmt.Errorf("%w: padding word %d of the last leaf is not zero", ErrPadding, k)
			}
		}
	}
	if err := p.Path.CheckPadding(leaves); err != nil {
		return 0, err
	}
	h := NewHasher()
	leaf := h.Leaf(&p.Leaf)
	m, err := p.Path.Root(leaf)
	if err != nil {
		return 0, err
	}
	if h.bindShape(p.Shape, &m) != root {
		return 0, errors.New("commit: element proof does not match the tensor root")
	}
	return p.Value(), nil
}

// MarshalBinary encodes the proof: uint8 ndim, ndim uint32be dims, uint64be
// element index, the 32-byte leaf, then the path (Proof.MarshalBinary).
func (p ElementProof) MarshalBinary() ([]byte, error) {
	if _, err := NumElements(p.Shape); err != nil {
		return nil, err
	}
	path, err := p.Path.MarshalBinary()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, 1+4*len(p.Shape)+8+32+len(path))
	out = append(out, byte(len(p.Shape)))
	for _, d := range p.Shape {
		out = binary.BigEndian.AppendUint32(out, uint32(d))
	}
	out = binary.BigEndian.AppendUint64(out, p.Index)
	out = append(out, p.Leaf[:]...)
	return append(out, path...), nil
}

// UnmarshalBinary decodes MarshalBinary's encoding (exactly one proof).
func (p *ElementProof) UnmarshalBinary(b []byte) error {
	if len(b) < 1 {
		return fmt.Errorf("%w: empty element proof", ErrProofEncoding)
	}
	nd := int(b[0])
	if nd > MaxDims {
		return fmt.Errorf("%w: %d dims, at most %d", ErrProofEncoding, nd, MaxDims)
	}
	need := 1 + 4*nd + 8 + 32
	if len(b) < need {
		return fmt.Errorf("%w: %d bytes, need at least %d", ErrProofEncoding, len(b), need)
	}
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = int(binary.BigEndian.Uint32(b[1+4*i:]))
	}
	if _, err := NumElements(shape); err != nil {
		return fmt.Errorf("%w: %v", ErrProofEncoding, err)
	}
	o := 1 + 4*nd
	var q ElementProof
	q.Shape = shape
	q.Index = binary.BigEndian.Uint64(b[o:])
	copy(q.Leaf[:], b[o+8:o+40])
	if err := q.Path.UnmarshalBinary(b[o+40:]); err != nil {
		return err
	}
	*p = q
	return nil
}
