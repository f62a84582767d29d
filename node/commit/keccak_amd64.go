//go:build amd64 && !purego

package commit

import (
	"encoding/binary"
	"os"

	"golang.org/x/sys/cpu"
)

// keccakF1600x4 permutes four Keccak-f[1600] states at once with AVX2: lane
// i of state j is s[4i+j] (s[0:100]); s[100:200] is scratch. Written by
// gen_keccak.go into keccak_amd64.s.
//
//go:noescape
func keccakF1600x4(s *[200]uint64)

// useX4 is whether leaves and nodes are hashed four at a time: the CPU has
// AVX2 and the environment variable GENSYN_COMMIT_KECCAK is not "scalar"
// (which forces the one-at-a-time path, for measurements).
var useX4 = chooseX4(cpu.X86.HasAVX2, os.Getenv("GENSYN_COMMIT_KECCAK"))

func chooseX4(avx2 bool, env string) bool { return avx2 && env != "scalar" }

// x4 is the scratch of the four-way path: four interleaved states and the
// permutation's scratch half.
type x4 [200]uint64

// digests4 writes the four digests of s into dst[0..3].
func (s *x4) digests4(dst []Hash) {
	dst = dst[:4:4]
	for j := range dst {
		binary.LittleEndian.PutUint64(dst[j][0:], s[j])
		binary.LittleEndian.PutUint64(dst[j][8:], s[4+j])
		binary.LittleEndian.PutUint64(dst[j][16:], s[8+j])
		binary.LittleEndian.PutUint64(dst[j][24:], s[12+j])
	}
}

// hashNodes sets dst[i] = node(src[2i], src[2i+1]) (len(src) >= 2 len(dst));
// dst may alias the start of src.
func (s *x4) hashNodes(dst, src []Hash) {
	if !useX4 {
		hashNodesScalar(dst, src)
		return
	}
	n := len(dst) &^ 3
	src = src[:2*len(dst)]
	for g := 0; g < n; g += 4 {
		keccakNodes4(&dst[g], &src[2*g], (*[200]uint64)(s))
	}
	hashNodesScalar(dst[n:], src[2*n:])
}

// hashTensorLeaves sets dst[i] to the hash of tensor leaf i of data.
func (s *x4) hashTensorLeaves(dst []Hash, data []float32) {
	if !useX4 {
		hashTensorLeavesScalar(dst, data)
		return
	}
	n := len(dst) &^ 3
	if full := len(data) / (4 * ElemsPerLeaf) * 4; n > full {
		n = full
	}
	for g := 0; g < n; g += 4 {
		keccakLeaves4(&dst[g], &data[g*ElemsPerLeaf], (*[200]uint64)(s))
	}
	hashTensorLeavesScalar(dst[n:], data[n*ElemsPerLeaf:])
}

// hashItems sets dst[i] = keccak(0x00 || items[i]).
func (s *x4) hashItems(dst, items []Hash) {
	if !useX4 {
		hashItemsScalar(dst, items)
		return
	}
	n := len(dst) &^ 3
	for g := 0; g < n; g += 4 {
		clear(s[20:100])
		for j := 0; j < 4; j++ {
			s[j], s[4+j], s[8+j], s[12+j], s[16+j] = leafLanes(itemWords((*[32]byte)(&items[g+j])))
		}
		s[64], s[65], s[66], s[67] = padLast, padLast, padLast, padLast
		keccakF1600x4((*[200]uint64)(s))
		s.digests4(dst[g:])
	}
	hashItemsScalar(dst[n:], items[n:])
}

// setX4 switches the four-way path on or off (tests).
func setX4(on bool) { useX4 = on }

// keccakNodes4 sets dst[j] = keccak(0x01 || src[2j] || src[2j+1]) for
// j = 0..3 (dst may alias src); keccakLeaves4 sets dst[j] to the hash of
// the tensor leaf of data[8j:8j+8]. s is the permutation's scratch.
//
//go:noescape
func keccakNodes4(dst, src *Hash, s *[200]uint64)

//go:noescape
func keccakLeaves4(dst *Hash, data *float32, s *[200]uint64)
