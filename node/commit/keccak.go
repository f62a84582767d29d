package commit

//go:generate go run gen_keccak.go

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// The package's own keccak256 (Ethereum's Keccak-256: rate 136 bytes,
// padding 0x01 ... 0x80). Leaves (33 bytes) and inner nodes (65 bytes) fit
// one block, so each costs one Keccak-f[1600] permutation: their lanes are
// written directly from the item or the two child hashes, with the padding
// bits in place, and the digest is read from the first four lanes. Where
// the CPU has AVX2 (amd64), leaves and nodes are hashed four at a time by
// keccakF1600x4; elsewhere, or for a group of fewer than four, one at a
// time by keccakF1600 (gen_keccak.go writes both). Tests compare every path
// with golang.org/x/crypto/sha3's legacy Keccak-256.

const (
	keccakRate = 136 // bytes absorbed per permutation
	// The padding of a one-block input: 0x01 after the last byte, 0x80 in
	// the last byte of the block (byte 135: the top byte of lane 16).
	padLast = uint64(0x80) << 56
)

// keccak256 hashes in (any length) with the scalar permutation.
func keccak256(in []byte) Hash {
	var a [25]uint64
	for len(in) >= keccakRate {
		for i := 0; i < keccakRate/8; i++ {
			a[i] ^= binary.LittleEndian.Uint64(in[8*i:])
		}
		keccakF1600(&a)
		in = in[keccakRate:]
	}
	var last [keccakRate]byte
	copy(last[:], in)
	last[len(in)] ^= 0x01
	last[keccakRate-1] ^= 0x80
	for i := 0; i < keccakRate/8; i++ {
		a[i] ^= binary.LittleEndian.Uint64(last[8*i:])
	}
	keccakF1600(&a)
	return digest(&a)
}

func digest(a *[25]uint64) (h Hash) {
	binary.LittleEndian.PutUint64(h[0:], a[0])
	binary.LittleEndian.PutUint64(h[8:], a[1])
	binary.LittleEndian.PutUint64(h[16:], a[2])
	binary.LittleEndian.PutUint64(h[24:], a[3])
	return h
}

// A 32-byte item or hash is handled as its four little-endian 64-bit words
// q0..q3 (bytes 0-7, 8-15, ...). Prefixed by one tag byte, byte k of the
// input sits at byte k+1 of the block, so each lane is a word shifted up by
// one byte with the top byte of the previous word below it.

// leafLanes is the block of keccak(0x00 || item) for an item of words q.
func leafLanes(q0, q1, q2, q3 uint64) (l0, l1, l2, l3, l4 uint64) {
	return q0 << 8, q0>>56 | q1<<8, q1>>56 | q2<<8, q2>>56 | q3<<8, q3>>56 | 0x01<<8
}

// itemWords returns the four little-endian words of a 32-byte value.
func itemWords(b *[32]byte) (q0, q1, q2, q3 uint64) {
	return binary.LittleEndian.Uint64(b[0:]), binary.LittleEndian.Uint64(b[8:]),
		binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:])
}

// floatWords returns the words of the tensor leaf item of the eight
// elements w (big-endian float32 bit patterns, see putLeaf): word k holds
// elements 2k and 2k+1.
func floatWords(w []float32) (q0, q1, q2, q3 uint64) {
	w = w[:8:8]
	pair := func(a, b float32) uint64 {
		return bits.ReverseBytes64(uint64(math.Float32bits(a))<<32 | uint64(math.Float32bits(b)))
	}
	return pair(w[0], w[1]), pair(w[2], w[3]), pair(w[4], w[5]), pair(w[6], w[7])
}

// leafHashWords returns keccak(0x00 || item) for an item of words q.
func leafHashWords(q0, q1, q2, q3 uint64) Hash {
	var a [25]uint64
	a[0], a[1], a[2], a[3], a[4] = leafLanes(q0, q1, q2, q3)
	a[16] = padLast
	keccakF1600(&a)
	return digest(&a)
}

// leafHash returns keccak(0x00 || item).
func leafHash(item *[32]byte) Hash { return leafHashWords(itemWords(item)) }

// nodeHash returns keccak(0x01 || l || r).
func nodeHash(l, r *Hash) Hash {
	var a [25]uint64
	nodeLanes(&a, l, r)
	keccakF1600(&a)
	return digest(&a)
}

// nodeLanes writes the nonzero lanes 0..8 of the block of keccak(0x01 || l
// || r) and its padding lane 16 into a.
func nodeLanes(a *[25]uint64, l, r *Hash) {
	l0, l1, l2, l3 := itemWords((*[32]byte)(l))
	r0, r1, r2, r3 := itemWords((*[32]byte)(r))
	a[0] = 0x01 | l0<<8
	a[1] = l0>>56 | l1<<8
	a[2] = l1>>56 | l2<<8
	a[3] = l2>>56 | l3<<8
	a[4] = l3>>56 | r0<<8
	a[5] = r0>>56 | r1<<8
	a[6] = r1>>56 | r2<<8
	a[7] = r2>>56 | r3<<8
	a[8] = r3>>56 | 0x01<<8
	a[16] = padLast
}

// hashNodesScalar sets dst[i] = node(src[2i], src[2i+1]) one at a time.
// dst may alias the start of src (dst[i] is written after src[2i+1] is read).
func hashNodesScalar(dst, src []Hash) {
	src = src[:2*len(dst)]
	for i := range dst {
		dst[i] = nodeHash(&src[2*i], &src[2*i+1])
	}
}

// hashTensorLeavesScalar sets dst[i] to the hash of tensor leaf i of data,
// one at a time (see putLeaf for the item).
func hashTensorLeavesScalar(dst []Hash, data []float32) {
	for i := range dst {
		base := i * ElemsPerLeaf
		if base+ElemsPerLeaf <= len(data) {
			dst[i] = leafHashWords(floatWords(data[base : base+ElemsPerLeaf]))
			continue
		}
		var item [32]byte
		putLeaf(&item, data, i)
		dst[i] = leafHash(&item)
	}
}

// hashItemsScalar sets dst[i] = keccak(0x00 || items[i]).
func hashItemsScalar(dst, items []Hash) {
	for i := range dst {
		dst[i] = leafHash((*[32]byte)(&items[i]))
	}
}
