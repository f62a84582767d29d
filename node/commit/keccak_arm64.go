//go:build arm64 && !purego

package commit

import (
	"encoding/binary"
	"runtime"

	"golang.org/x/sys/cpu"
)

// archPaths: two at a time with the ARMv8.2 SHA3 instructions (EOR3, RAX1,
// XAR, BCAX) where x/sys/cpu reports them. Auto-dispatch picks it on macOS
// only (Apple's cores, where the standard library's one-state SHA3 code is
// known to pay); elsewhere it runs when forced (GENSYN_COMMIT_KECCAK=sha3):
// its speed has not been measured on any arm64 hardware.
var archPaths = []*keccakPath{
	{name: "sha3", width: 2, supported: func() bool { return cpu.ARM64.HasSHA3 }, auto: runtime.GOOS == "darwin"},
}

// keccakF1600x2 permutes two Keccak-f[1600] states at once: lane i of state
// j is s[2i+j]. Written by gen_keccak.go into keccak_arm64.s.
//
//go:noescape
func keccakF1600x2(s *[50]uint64)

// kscratch is the two-way path's scratch: two interleaved states.
type kscratch [50]uint64

// hashNodes sets dst[i] = node(src[2i], src[2i+1]) (len(src) >= 2 len(dst));
// dst may alias the start of src.
func (s *kscratch) hashNodes(dst, src []Hash) {
	src = src[:2*len(dst)]
	g := 0
	if curPath.width == 2 {
		for ; g+2 <= len(dst); g += 2 {
			var a [25]uint64
			for j := 0; j < 2; j++ {
				nodeLanes(&a, &src[2*(g+j)], &src[2*(g+j)+1])
				s.put(j, &a)
			}
			keccakF1600x2((*[50]uint64)(s))
			s.digests(dst[g : g+2])
		}
	}
	hashNodesScalar(dst[g:], src[2*g:])
}

// hashTensorLeaves sets dst[i] to the hash of tensor leaf i of data.
func (s *kscratch) hashTensorLeaves(dst []Hash, data []float32) {
	full := min(len(dst), len(data)/ElemsPerLeaf)
	g := 0
	if curPath.width == 2 {
		for ; g+2 <= full; g += 2 {
			var a [25]uint64
			for j := 0; j < 2; j++ {
				b := (g + j) * ElemsPerLeaf
				a[0], a[1], a[2], a[3], a[4] = leafLanes(floatWords(data[b : b+ElemsPerLeaf]))
				a[16] = padLast
				s.put(j, &a)
			}
			keccakF1600x2((*[50]uint64)(s))
			s.digests(dst[g : g+2])
		}
	}
	hashTensorLeavesScalar(dst[g:], data[g*ElemsPerLeaf:])
}

// hashItems sets dst[i] = keccak(0x00 || items[i]).
func (s *kscratch) hashItems(dst, items []Hash) {
	g := 0
	if curPath.width == 2 {
		for ; g+2 <= len(dst); g += 2 {
			var a [25]uint64
			for j := 0; j < 2; j++ {
				a[0], a[1], a[2], a[3], a[4] = leafLanes(itemWords((*[32]byte)(&items[g+j])))
				a[16] = padLast
				s.put(j, &a)
			}
			keccakF1600x2((*[50]uint64)(s))
			s.digests(dst[g : g+2])
		}
	}
	hashItemsScalar(dst[g:], items[g:])
}

// put writes the block a (lanes 0..8 and 16 set, the others zero) as state
// j of s.
func (s *kscratch) put(j int, a *[25]uint64) {
	for i := range a {
		s[2*i+j] = a[i]
	}
}

// digests writes the two digests of s into dst.
func (s *kscratch) digests(dst []Hash) {
	for j := range dst[:2] {
		binary.LittleEndian.PutUint64(dst[j][0:], s[j])
		binary.LittleEndian.PutUint64(dst[j][8:], s[2+j])
		binary.LittleEndian.PutUint64(dst[j][16:], s[4+j])
		binary.LittleEndian.PutUint64(dst[j][24:], s[6+j])
	}
}
