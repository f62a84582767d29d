// Package commit computes the protocol's commitments: tensor roots, state
// roots, graph roots, step-trace and element-trace roots, the checkpoint
// commitment root of a job, and the Merkle proofs the dispute game checks on
// chain. Every encoding is specified byte for byte in docs/commitments.md and
// pinned by testdata/vectors/commitments.json; the Solidity verifier must
// reproduce them exactly.
//
// The package depends only on the standard library and golang.org/x/sys/cpu;
// its keccak256 (Ethereum's) is its own (keccak.go: one block at a time in
// Go, four at a time in AVX2 on amd64), so that it cross-compiles without
// cgo. Tests compare it with golang.org/x/crypto/sha3.
package commit

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Hash is a keccak256 digest.
type Hash [32]byte

// ZeroHash is the all-zero hash; it is the value of a padding leaf in every
// Merkle tree of this package.
var ZeroHash Hash

// String returns the hash as 0x-prefixed lower-case hex.
func (h Hash) String() string { return "0x" + hex.EncodeToString(h[:]) }

// MarshalText encodes the hash as 0x-prefixed lower-case hex.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText decodes 0x-prefixed hex of exactly 32 bytes.
func (h *Hash) UnmarshalText(b []byte) error {
	v, err := ParseHash(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// ParseHash parses a 0x-prefixed, 64-digit hex string (either case).
func ParseHash(s string) (Hash, error) {
	var h Hash
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return h, errors.New("hash must start with 0x")
	}
	if len(s) != 66 {
		return h, fmt.Errorf("hash must have 64 hex digits, got %d", len(s)-2)
	}
	if _, err := hex.Decode(h[:], []byte(s[2:])); err != nil {
		return h, fmt.Errorf("hash is not hex: %w", err)
	}
	return h, nil
}

// Domain-separation tags: the first byte of every keccak input hashed by this
// package. See docs/commitments.md.
const (
	TagLeaf         byte = 0x00 // Merkle leaf: keccak(0x00 || 32-byte item)
	TagNode         byte = 0x01 // Merkle inner node: keccak(0x01 || left || right)
	TagTensor       byte = 0x02 // tensor root
	TagState        byte = 0x03 // state root
	TagGraphNode    byte = 0x04 // one graph node's encoding
	TagGraph        byte = 0x05 // graph root
	TagStepTrace    byte = 0x06 // step-trace root
	TagElementTrace byte = 0x07 // element-trace root
	TagCheckpoints  byte = 0x08 // checkpoint commitment root of a job
	TagData         byte = 0x09 // training-data root (the step graph's data nodes)
	maxTreeDepth         = 64
)

// Hasher hashes with reused scratch buffers, so that the hot paths (tensor
// leaves, inner nodes, tree levels) do not allocate. A Hasher is not safe
// for concurrent use; use one per goroutine.
type Hasher struct {
	ks  kscratch // multi-way keccak scratch (amd64 with AVX2 or AVX-512)
	cat []byte
	big [2 + 4*MaxDims + 32 + 1 + 16 + 4 + 32]byte // scratch for bound roots
	lvl []Hash                                     // scratch for the levels of item lists
	blk *[1 << blockHeight]Hash                    // scratch for a block of tensor leaves (subtree.go)
}

// NewHasher returns a Hasher.
func NewHasher() *Hasher { return new(Hasher) }

// Keccak returns keccak256 of the concatenation of parts.
func (h *Hasher) Keccak(parts ...[]byte) Hash {
	if len(parts) == 1 {
		return keccak256(parts[0])
	}
	h.cat = h.cat[:0]
	for _, p := range parts {
		h.cat = append(h.cat, p...)
	}
	return keccak256(h.cat)
}

// sum hashes in.
func (h *Hasher) sum(in []byte) Hash { return keccak256(in) }

// Leaf returns keccak(0x00 || item).
func (h *Hasher) Leaf(item *[32]byte) Hash { return leafHash(item) }

// Node returns keccak(0x01 || left || right).
func (h *Hasher) Node(left, right *Hash) Hash { return nodeHash(left, right) }

// Keccak256 returns keccak256 of the concatenation of parts.
func Keccak256(parts ...[]byte) Hash { return NewHasher().Keccak(parts...) }

// emptySubtree[h] is the root of a subtree of height h whose leaves are all
// padding: emptySubtree[0] = ZeroHash, emptySubtree[h+1] = Node(e[h], e[h]).
var emptySubtree [maxTreeDepth + 1]Hash

func init() {
	h := NewHasher()
	for i := 1; i <= maxTreeDepth; i++ {
		emptySubtree[i] = h.Node(&emptySubtree[i-1], &emptySubtree[i-1])
	}
}

// EmptySubtree returns the root of a padding-only subtree of the given
// height (0 <= height <= 64).
func EmptySubtree(height int) Hash { return emptySubtree[height] }
