//go:build amd64 && !purego

package commit

import (
	"encoding/binary"

	"golang.org/x/sys/cpu"
)

// x8Auto is whether auto-dispatch picks the eight-way AVX-512 path where
// the CPU has it (otherwise it runs only when forced with
// GENSYN_COMMIT_KECCAK=avx512 or SetKeccakPath). It was switched on once
// the package's tests, forced to avx512, had passed on an emulated AVX-512
// CPU (tools/emu; docs/commitments.md, section 9).
const x8Auto = true

// archPaths: eight at a time with AVX-512 (F for the permutation, BW for
// the byte shuffle of tensor leaves; x/sys/cpu reports them only where the
// operating system saves the ZMM state), four at a time with AVX2.
var archPaths = []*keccakPath{
	{name: "avx512", width: 8, supported: func() bool { return cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW }, auto: x8Auto},
	{name: "avx2", width: 4, supported: func() bool { return cpu.X86.HasAVX2 }, auto: true},
}

// keccakF1600x4 permutes four Keccak-f[1600] states at once with AVX2: lane
// i of state j is s[4i+j] (s[0:100]); s[100:200] is scratch. Written by
// gen_keccak.go into keccak_amd64.s.
//
//go:noescape
func keccakF1600x4(s *[200]uint64)

// keccakF1600x8 permutes eight states at once with AVX-512: lane i of state
// j is s[8i+j]. Written by gen_keccak.go into keccak_avx512_amd64.s.
//
//go:noescape
func keccakF1600x8(s *[200]uint64)

// kscratch is the scratch of the multi-way paths: four interleaved states
// and the four-way permutation's scratch half, or eight interleaved states.
type kscratch [200]uint64

// hashNodes sets dst[i] = node(src[2i], src[2i+1]) (len(src) >= 2 len(dst));
// dst may alias the start of src (each group is read before it is written,
// and a group's outputs lie below the inputs of the groups after it).
func (s *kscratch) hashNodes(dst, src []Hash) {
	src = src[:2*len(dst)]
	g := 0
	switch curPath.width {
	case 8:
		for ; g+8 <= len(dst); g += 8 {
			keccakNodes8(&dst[g], &src[2*g])
		}
		fallthrough
	case 4:
		for ; g+4 <= len(dst); g += 4 {
			keccakNodes4(&dst[g], &src[2*g], (*[200]uint64)(s))
		}
	}
	hashNodesScalar(dst[g:], src[2*g:])
}

// hashTensorLeaves sets dst[i] to the hash of tensor leaf i of data.
func (s *kscratch) hashTensorLeaves(dst []Hash, data []float32) {
	full := min(len(dst), len(data)/ElemsPerLeaf) // leaves with all their elements
	g := 0
	switch curPath.width {
	case 8:
		for ; g+8 <= full; g += 8 {
			keccakLeaves8(&dst[g], &data[g*ElemsPerLeaf])
		}
		fallthrough
	case 4:
		for ; g+4 <= full; g += 4 {
			keccakLeaves4(&dst[g], &data[g*ElemsPerLeaf], (*[200]uint64)(s))
		}
	}
	hashTensorLeavesScalar(dst[g:], data[g*ElemsPerLeaf:])
}

// hashItems sets dst[i] = keccak(0x00 || items[i]).
func (s *kscratch) hashItems(dst, items []Hash) {
	g := 0
	switch curPath.width {
	case 8:
		for ; g+8 <= len(dst); g += 8 {
			s.itemLanes(items[g:g+8], 8)
			keccakF1600x8((*[200]uint64)(s))
			s.digests(dst[g:g+8], 8)
		}
		fallthrough
	case 4:
		for ; g+4 <= len(dst); g += 4 {
			s.itemLanes(items[g:g+4], 4)
			keccakF1600x4((*[200]uint64)(s))
			s.digests(dst[g:g+4], 4)
		}
	}
	hashItemsScalar(dst[g:], items[g:])
}

// itemLanes writes the blocks of keccak(0x00 || items[j]), j < w, as w
// interleaved states (lane i of state j at s[w*i+j]).
func (s *kscratch) itemLanes(items []Hash, w int) {
	clear(s[5*w : 25*w])
	for j := range items[:w] {
		s[j], s[w+j], s[2*w+j], s[3*w+j], s[4*w+j] = leafLanes(itemWords((*[32]byte)(&items[j])))
		s[16*w+j] = padLast
	}
}

// digests writes the w digests of the interleaved states of s into dst.
func (s *kscratch) digests(dst []Hash, w int) {
	for j := range dst[:w] {
		binary.LittleEndian.PutUint64(dst[j][0:], s[j])
		binary.LittleEndian.PutUint64(dst[j][8:], s[w+j])
		binary.LittleEndian.PutUint64(dst[j][16:], s[2*w+j])
		binary.LittleEndian.PutUint64(dst[j][24:], s[3*w+j])
	}
}

// keccakNodes4 sets dst[j] = keccak(0x01 || src[2j] || src[2j+1]) for
// j = 0..3 (dst may alias src); keccakLeaves4 sets dst[j] to the hash of
// the tensor leaf of data[8j:8j+8]. s is the permutation's scratch.
//
//go:noescape
func keccakNodes4(dst, src *Hash, s *[200]uint64)

//go:noescape
func keccakLeaves4(dst *Hash, data *float32, s *[200]uint64)

// keccakNodes8 and keccakLeaves8 do the same for eight nodes or leaves
// with AVX-512, the states in registers only.
//
//go:noescape
func keccakNodes8(dst, src *Hash)

//go:noescape
func keccakLeaves8(dst *Hash, data *float32)
