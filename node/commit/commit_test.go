package commit

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"testing"
)

func TestKeccakKnownAnswer(t *testing.T) {
	// keccak256("") and keccak256("abc") as used by Ethereum.
	cases := map[string]string{
		"":    "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
		"abc": "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
	}
	for in, want := range cases {
		got := Keccak256([]byte(in))
		if hex.EncodeToString(got[:]) != want {
			t.Errorf("keccak256(%q) = %x, want %s", in, got, want)
		}
	}
}

// refRoot is a deliberately naive reference: pad to a power of two with
// ZeroHash leaves and hash recursively.
func refRoot(leaves []Hash) Hash {
	if len(leaves) == 0 {
		return ZeroHash
	}
	n := 1
	for n < len(leaves) {
		n *= 2
	}
	padded := make([]Hash, n)
	copy(padded, leaves)
	var rec func([]Hash) Hash
	rec = func(l []Hash) Hash {
		if len(l) == 1 {
			return l[0]
		}
		a, b := rec(l[:len(l)/2]), rec(l[len(l)/2:])
		return Keccak256([]byte{TagNode}, a[:], b[:])
	}
	return rec(padded)
}

func testLeaves(n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		out[i] = Keccak256([]byte{byte(i), byte(i >> 8), 7})
	}
	return out
}

func TestMerkleRootMatchesReference(t *testing.T) {
	paths(t, checkMerkleRootMatchesReference)
}

func checkMerkleRootMatchesReference(t *testing.T) {
	h := NewHasher()
	for n := 0; n <= 70; n++ {
		leaves := testLeaves(n)
		orig := append([]Hash(nil), leaves...)
		got := h.MerkleRootOfLeaves(leaves)
		if want := refRoot(leaves); got != want {
			t.Fatalf("n=%d: root %s, reference %s", n, got, want)
		}
		for i := range leaves {
			if leaves[i] != orig[i] {
				t.Fatalf("n=%d: MerkleRootOfLeaves modified its input", n)
			}
		}
	}
}

func TestMerkleProofs(t *testing.T) {
	h := NewHasher()
	for n := 1; n <= 40; n++ {
		leaves := testLeaves(n)
		root := h.MerkleRootOfLeaves(leaves)
		for i := 0; i < n; i++ {
			p, err := MerkleProof(leaves, uint64(i))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Siblings) != Depth(uint64(n)) {
				t.Fatalf("n=%d i=%d: %d siblings, depth %d", n, i, len(p.Siblings), Depth(uint64(n)))
			}
			if !p.Verify(root, leaves[i], uint64(n)) {
				t.Fatalf("n=%d i=%d: proof does not verify", n, i)
			}
			if p.Verify(root, leaves[(i+1)%n], uint64(n)) && n > 1 {
				t.Fatalf("n=%d i=%d: proof verifies a wrong leaf", n, i)
			}
			if n > 1 {
				q := Proof{Index: p.Index ^ 1, Siblings: p.Siblings}
				if q.Index < uint64(n) && q.Verify(root, leaves[i], uint64(n)) {
					t.Fatalf("n=%d i=%d: proof verifies at the wrong position", n, i)
				}
				bad := Proof{Index: p.Index, Siblings: append([]Hash(nil), p.Siblings...)}
				bad.Siblings[0][3] ^= 1
				if bad.Verify(root, leaves[i], uint64(n)) {
					t.Fatalf("n=%d i=%d: tampered sibling verifies", n, i)
				}
			}
			enc, err := p.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var d Proof
			if err := d.UnmarshalBinary(enc); err != nil {
				t.Fatal(err)
			}
			if !d.Verify(root, leaves[i], uint64(n)) {
				t.Fatalf("n=%d i=%d: decoded proof does not verify", n, i)
			}
		}
		if _, err := MerkleProof(leaves, uint64(n)); err == nil {
			t.Fatalf("n=%d: proof of index n accepted", n)
		}
	}
}

func refTensorRoot(shape []int, data []float32) Hash {
	var words []byte
	for _, f := range data {
		words = binary.BigEndian.AppendUint32(words, math.Float32bits(f))
	}
	for len(words)%32 != 0 {
		words = append(words, 0)
	}
	var leaves []Hash
	for i := 0; i < len(words); i += 32 {
		leaves = append(leaves, Keccak256([]byte{TagLeaf}, words[i:i+32]))
	}
	m := refRoot(leaves)
	hdr := []byte{TagTensor, byte(len(shape))}
	for _, d := range shape {
		hdr = binary.BigEndian.AppendUint32(hdr, uint32(d))
	}
	return Keccak256(hdr, m[:])
}

func seqData(n int) []float32 {
	d := make([]float32, n)
	for i := range d {
		d[i] = float32(i)*0.5 - 3
	}
	return d
}

func TestTensorRootMatchesReference(t *testing.T) {
	paths(t, checkTensorRootMatchesReference)
}

func checkTensorRootMatchesReference(t *testing.T) {
	h := NewHasher()
	shapes := [][]int{{}, {0}, {1}, {7}, {8}, {9}, {3, 5}, {16}, {17}, {2, 3, 4}, {64, 32}, {33, 10}, {1000}}
	for _, s := range shapes {
		n, _ := NumElements(s)
		d := seqData(n)
		got, err := h.TensorRoot(s, d)
		if err != nil {
			t.Fatal(err)
		}
		if want := refTensorRoot(s, d); got != want {
			t.Errorf("shape %v: root %s, reference %s", s, got, want)
		}
	}
	// Shape is bound: same data, different shape.
	a, _ := TensorRoot([]int{2, 3}, seqData(6))
	b, _ := TensorRoot([]int{3, 2}, seqData(6))
	c, _ := TensorRoot([]int{6}, seqData(6))
	if a == b || a == c || b == c {
		t.Error("tensor root does not bind the shape")
	}
	// -0 and +0 differ; a NaN payload is committed as its bits.
	z1, _ := TensorRoot([]int{1}, []float32{0})
	z2, _ := TensorRoot([]int{1}, []float32{float32(math.Copysign(0, -1))})
	if z1 == z2 {
		t.Error("+0 and -0 have the same root")
	}
	if _, err := TensorRoot([]int{2, 2}, seqData(3)); !errors.Is(err, ErrShape) {
		t.Errorf("mismatched shape: err %v, want ErrShape", err)
	}
	if _, err := TensorRoot([]int{-1}, nil); !errors.Is(err, ErrShape) {
		t.Errorf("negative dim: err %v, want ErrShape", err)
	}
	if _, err := TensorRoot(make([]int, 9), nil); !errors.Is(err, ErrShape) {
		t.Errorf("9 dims: err %v, want ErrShape", err)
	}
}

// TestJunkPaddingRejected: in a tree with junk at one padding slot, a
// proof verifies against the junk root exactly when no sibling that covers
// only padding holds the junk; the last leaf's path covers every padding
// subtree, so its proof never verifies.
func TestJunkPaddingRejected(t *testing.T) {
	junk := Keccak256([]byte("junk"))
	for n := 2; n <= 40; n++ {
		leaves := testLeaves(n)
		d := Depth(uint64(n))
		for s := uint64(n); s < 1<<d; s++ {
			for i := uint64(0); i < uint64(n); i++ {
				root, p := junkTree(t, leaves, map[uint64]Hash{s: junk}, i)
				crosses := false
				for h := 0; h < d; h++ {
					if ((i>>h)^1)<<h >= uint64(n) && s>>h == (i>>h)^1 {
						crosses = true
					}
				}
				if got := p.Verify(root, leaves[i], uint64(n)); got == crosses {
					t.Fatalf("n=%d junk at %d, leaf %d: verify=%v, path crosses the junk: %v", n, s, i, got, crosses)
				}
				if i == uint64(n-1) && !crosses {
					t.Fatalf("n=%d junk at %d: the last leaf's path misses it", n, s)
				}
				if crosses && !errors.Is(p.CheckPadding(uint64(n)), ErrPadding) {
					t.Fatalf("n=%d junk at %d, leaf %d: CheckPadding passes", n, s, i)
				}
			}
		}
	}
}

// TestElementProofJunkPadding: an element proof under a tensor root whose
// tree has junk in a padding leaf, or whose last leaf has a junk padding
// word, fails with ErrPadding.
func TestElementProofJunkPadding(t *testing.T) {
	h := NewHasher()
	junk := Keccak256([]byte("junk"))
	for _, n := range []int{9, 17, 33, 41} {
		shape := []int{n}
		d := seqData(n)
		nl := NumLeaves(n)
		leaves := make([]Hash, nl)
		for i := range leaves {
			it := TensorLeafItem(d, i)
			leaves[i] = h.Leaf(&it)
		}
		for s := uint64(nl); s < 1<<Depth(uint64(nl)); s++ {
			m, p := junkTree(t, leaves, map[uint64]Hash{s: junk}, uint64(nl-1))
			ep := ElementProof{Shape: shape, Index: uint64(n - 1), Leaf: TensorLeafItem(d, nl-1), Path: p}
			if _, err := ep.Verify(h.bindShape(shape, &m)); !errors.Is(err, ErrPadding) {
				t.Fatalf("n=%d junk leaf %d: %v", n, s, err)
			}
		}
		if n%8 != 0 {
			// junk in the last leaf's padding word
			leaf := TensorLeafItem(d, nl-1)
			leaf[31] = 1
			ls := append([]Hash(nil), leaves...)
			ls[nl-1] = h.Leaf(&leaf)
			m, p := junkTree(t, ls, nil, uint64(nl-1))
			ep := ElementProof{Shape: shape, Index: uint64(n - 1), Leaf: leaf, Path: p}
			if _, err := ep.Verify(h.bindShape(shape, &m)); !errors.Is(err, ErrPadding) {
				t.Fatalf("n=%d junk padding word: %v", n, err)
			}
		}
	}
}

func TestElementProofs(t *testing.T) {
	for _, s := range [][]int{{1}, {5}, {8}, {9}, {3, 7}, {4, 16}, {100}} {
		n, _ := NumElements(s)
		d := seqData(n)
		root, _ := TensorRoot(s, d)
		for e := 0; e < n; e++ {
			p, err := ProveElement(s, d, uint64(e))
			if err != nil {
				t.Fatal(err)
			}
			v, err := p.Verify(root)
			if err != nil {
				t.Fatalf("shape %v element %d: %v", s, e, err)
			}
			if v != math.Float32bits(d[e]) {
				t.Fatalf("shape %v element %d: value %#x, want %#x", s, e, v, math.Float32bits(d[e]))
			}
			enc, err := p.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var q ElementProof
			if err := q.UnmarshalBinary(enc); err != nil {
				t.Fatal(err)
			}
			if v2, err := q.Verify(root); err != nil || v2 != v {
				t.Fatalf("decoded proof: %v %#x", err, v2)
			}
			// Tampering with the element's word must fail.
			bad := p
			bad.Leaf[4*(e%8)] ^= 0x40
			if _, err := bad.Verify(root); err == nil {
				t.Fatalf("shape %v element %d: tampered leaf verifies", s, e)
			}
			// Claiming another element of the same leaf must fail.
			other := p
			other.Index = uint64(e ^ 1)
			if other.Index < uint64(n) && other.Index/8 == p.Index/8 {
				if v3, err := other.Verify(root); err == nil && v3 != math.Float32bits(d[other.Index]) {
					t.Fatalf("wrong value for a sibling element")
				}
			}
		}
		if _, err := ProveElement(s, d, uint64(n)); err == nil {
			t.Fatalf("shape %v: out-of-range element proved", s)
		}
	}
	// A proof against another shape of the same data fails.
	d := seqData(12)
	root, _ := TensorRoot([]int{3, 4}, d)
	p, _ := ProveElement([]int{4, 3}, d, 5)
	if _, err := p.Verify(root); err == nil {
		t.Fatal("proof for shape 4x3 verifies against a 3x4 root")
	}
}

func TestListRootsAndBindings(t *testing.T) {
	items := testLeaves(5)
	r := NewHasher().ListRoot(items)
	for i := range items {
		p, err := ListProof(items, uint64(i))
		if err != nil {
			t.Fatal(err)
		}
		if !p.VerifyItem(r, items[i], 5) {
			t.Fatalf("list proof %d does not verify", i)
		}
	}
	s1 := StateRoot(1, items)
	if s1 == StateRoot(2, items) {
		t.Error("state root does not bind the step")
	}
	if s1 == StateRoot(1, items[:4]) {
		t.Error("state root does not bind the tensors")
	}
	if StepTraceRoot(1, items) == s1 {
		t.Error("step trace and state roots are not domain-separated")
	}
	if CheckpointsRoot(items) == GraphRootOfItems(items) {
		t.Error("checkpoint and graph roots are not domain-separated")
	}
	if ElementTraceRoot(1, 2, items) == ElementTraceRoot(2, 1, items) {
		t.Error("element trace root does not bind node and element")
	}
}

func TestTensorRootsParallelMatchesSequential(t *testing.T) {
	paths(t, checkTensorRootsParallelMatchesSequential)
}

func checkTensorRootsParallelMatchesSequential(t *testing.T) {
	ts := []Tensor{
		{Shape: []int{64, 32}, Data: seqData(2048)},
		{Shape: []int{32}, Data: seqData(32)},
		{Shape: []int{300, 200}, Data: seqData(60000)},
		{Shape: []int{10}, Data: seqData(10)},
	}
	roots, err := TensorRoots(ts)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range ts {
		want, _ := TensorRoot(tt.Shape, tt.Data)
		if roots[i] != want {
			t.Fatalf("tensor %d: parallel root differs", i)
		}
	}
	if _, err := TensorRoots([]Tensor{{Shape: []int{3}, Data: seqData(2)}}); !errors.Is(err, ErrShape) {
		t.Fatalf("bad tensor accepted: %v", err)
	}
}

func TestParseHash(t *testing.T) {
	h := Keccak256([]byte("x"))
	got, err := ParseHash(h.String())
	if err != nil || got != h {
		t.Fatalf("round trip: %v", err)
	}
	for _, bad := range []string{"", "0x", h.String()[2:], h.String() + "0", "0x" + string(bytes.Repeat([]byte("g"), 64))} {
		if _, err := ParseHash(bad); err == nil {
			t.Errorf("ParseHash(%q) accepted", bad)
		}
	}
}

// FuzzProofDecode decodes arbitrary proofs and checks that only the genuine
// proof of a leaf verifies, against the canonical root of 11 leaves and
// against the root of the same tree with junk at padding slot 11: there the
// genuine proofs verify except the last leaf's (10), whose sibling at height
// 0 is the junk.
func FuzzProofDecode(f *testing.F) {
	leaves := testLeaves(11)
	root := NewHasher().MerkleRootOfLeaves(leaves)
	var genuine, junkProofs [11][]byte
	var junkRoot Hash
	for i := range genuine {
		p, _ := MerkleProof(leaves, uint64(i))
		genuine[i], _ = p.MarshalBinary()
		var jp Proof
		junkRoot, jp = junkTree(f, leaves, map[uint64]Hash{11: Keccak256([]byte("junk"))}, uint64(i))
		junkProofs[i], _ = jp.MarshalBinary()
	}
	f.Add(genuine[6])
	f.Add(genuine[10])
	f.Add(junkProofs[10])
	f.Add(junkProofs[3])
	f.Add([]byte{})
	f.Add(make([]byte, 9))
	f.Fuzz(func(t *testing.T, b []byte) {
		var q Proof
		err := q.UnmarshalBinary(b)
		if err != nil {
			if !errors.Is(err, ErrProofEncoding) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		re, err := q.MarshalBinary()
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
		if q.Index >= 11 {
			if q.Verify(root, leaves[0], 11) || q.Verify(junkRoot, leaves[0], 11) {
				t.Fatal("a proof past the last leaf verifies")
			}
			return
		}
		i := q.Index
		if ok := q.Verify(root, leaves[i], 11); ok != bytes.Equal(b, genuine[i]) {
			t.Fatalf("verify=%v for an encoding that is %v the genuine proof of %d", ok, bytes.Equal(b, genuine[i]), i)
		}
		if ok := q.Verify(junkRoot, leaves[i], 11); ok != (bytes.Equal(b, junkProofs[i]) && i != 10) {
			t.Fatalf("junk root: verify=%v for leaf %d (the junk tree's proof: %v)", ok, i, bytes.Equal(b, junkProofs[i]))
		}
	})
}

func FuzzElementProofDecode(f *testing.F) {
	d := seqData(21)
	root, _ := TensorRoot([]int{3, 7}, d)
	p, _ := ProveElement([]int{3, 7}, d, 19)
	enc, _ := p.MarshalBinary()
	// The same tensor with junk in its last leaf's padding words (3 of 8
	// words of leaf 2 are padding) and in its padding leaf 3: no proof may
	// verify under these roots for an element of the last leaf.
	h := NewHasher()
	leaves := make([]Hash, 3)
	for i := range leaves {
		it := TensorLeafItem(d, i)
		leaves[i] = h.Leaf(&it)
	}
	junkLeaf, junkLeafProof := junkTree(f, leaves, map[uint64]Hash{3: Keccak256([]byte("junk"))}, 2)
	junkLeafRoot := h.bindShape([]int{3, 7}, &junkLeaf)
	word := TensorLeafItem(d, 2)
	word[31] = 1
	wordLeaves := []Hash{leaves[0], leaves[1], h.Leaf(&word)}
	wordM, wordProof := junkTree(f, wordLeaves, nil, 2)
	junkWordRoot := h.bindShape([]int{3, 7}, &wordM)
	for _, jp := range []ElementProof{{Shape: []int{3, 7}, Index: 20, Leaf: TensorLeafItem(d, 2), Path: junkLeafProof},
		{Shape: []int{3, 7}, Index: 17, Leaf: word, Path: wordProof}} {
		e, _ := jp.MarshalBinary()
		f.Add(e)
	}
	f.Add(enc)
	f.Add([]byte{0})
	f.Add([]byte{9, 1, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		var q ElementProof
		err := q.UnmarshalBinary(b)
		if err != nil {
			if !errors.Is(err, ErrProofEncoding) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		re, err := q.MarshalBinary()
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
		v, err := q.Verify(root)
		if err == nil {
			if q.Index >= 21 || v != math.Float32bits(d[q.Index]) {
				t.Fatalf("verified a wrong value %#x for element %d", v, q.Index)
			}
		}
		for _, jr := range []Hash{junkLeafRoot, junkWordRoot} {
			if _, err := q.Verify(jr); err == nil && q.Index >= 16 {
				t.Fatalf("element %d of the last leaf verifies under a junk-padded root", q.Index)
			}
		}
	})
}

func TestEntryItemBytes(t *testing.T) {
	item := EntryItem(0x05, [3]EntryOperand{{1, 2, 0x0a0b0c0d}, {4, 0, 0x3f800000}, {}}, 0xdeadbeef)
	want := "05" + "01020a0b0c0d" + "04003f800000" + "000000000000" + "deadbeef" + "000000000000000000"
	if hex.EncodeToString(item[:]) != want {
		t.Fatalf("item %x\nwant %s", item[:], want)
	}
	if DataRoot([]Hash{item}) == CheckpointsRoot([]Hash{item}) {
		t.Fatal("data and checkpoint roots are not domain-separated")
	}
}
