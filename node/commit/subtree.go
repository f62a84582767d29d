package commit

// A tensor's Merkle root is computed block by block, so that hashing a
// tensor of any size needs a fixed scratch: the leaves of one aligned block
// of 2^blockHeight leaves are hashed into the Hasher's block buffer and
// reduced there to the block's root (the last block lifted to blockHeight
// with the zero subtrees Z[h]), and the block roots are folded, in order,
// on a frontier of at most 64 pending subtree roots. The tree is the one
// docs/commitments.md defines: a tree over n > 2^blockHeight leaves is the
// tree over its ceil(n / 2^blockHeight) blocks, each a subtree of height
// blockHeight, padded on the right with zero subtrees, since
// Depth(n) = blockHeight + Depth(ceil(n / 2^blockHeight)).

// blockHeight is the height of the blocks a tensor's leaves are hashed in:
// 2^10 leaves (8,192 elements, 32 KiB of leaf hashes per Hasher).
const blockHeight = 10

// block returns the Hasher's block buffer (allocated on first use).
func (h *Hasher) block() []Hash {
	if h.blk == nil {
		h.blk = new([1 << blockHeight]Hash)
	}
	return h.blk[:]
}

// lift returns the root of a subtree of height `to` whose leftmost subtree
// of height `from` has root r and whose other leaves are all padding.
func lift(r Hash, from, to int) Hash {
	for ; from < to; from++ {
		r = nodeHash(&r, &emptySubtree[from])
	}
	return r
}

// frontier folds the roots of consecutive subtrees of one height, pushed in
// order, into the root of the tree over them: top[i] is the root of the
// 2^i subtrees pushed last but not yet folded higher, where bit i of n is
// set.
type frontier struct {
	n   uint64
	top [maxTreeDepth + 1]Hash
}

// push adds the root of the next subtree.
func (f *frontier) push(r Hash) {
	i := 0
	for ; f.n>>uint(i)&1 == 1; i++ {
		r = nodeHash(&f.top[i], &r)
	}
	f.top[i] = r
	f.n++
}

// root returns the root of the tree whose leaves are the pushed subtrees,
// each of height `height`, padded on the right with zero subtrees up to a
// power of two of them (Depth(n) levels above them). At least one subtree
// must have been pushed.
func (f *frontier) root(height int) Hash {
	d := Depth(f.n)
	if f.n == 1<<uint(d) {
		return f.top[d] // a full tree: folded by push
	}
	var r Hash // the root of the last f.n mod 2^i subtrees, lifted to height+i
	have := false
	for i := 0; i < d; i++ {
		switch {
		case f.n>>uint(i)&1 == 1 && have:
			r = nodeHash(&f.top[i], &r)
		case f.n>>uint(i)&1 == 1:
			r = nodeHash(&f.top[i], &emptySubtree[height+i])
			have = true
		case have:
			r = nodeHash(&r, &emptySubtree[height+i])
		}
	}
	return r
}

// tensorMerkleRoot returns the Merkle root over data's leaves, hashing them
// block by block in the Hasher's block buffer: O(2^blockHeight + 64) hashes
// of scratch whatever the size of data.
func (h *Hasher) tensorMerkleRoot(data []float32) Hash {
	return h.merkleRootByBlocks(data, h.block())
}

// merkleRootByBlocks is tensorMerkleRoot with blocks of len(blk) leaves (a
// power of two; the tests use small ones, to cross many block boundaries).
func (h *Hasher) merkleRootByBlocks(data []float32, blk []Hash) Hash {
	n := NumLeaves(len(data))
	if n == 0 {
		return ZeroHash
	}
	if n <= len(blk) {
		h.tensorLeaves(blk[:n], data)
		return h.reduceInPlace(blk[:n], 0)
	}
	height := Depth(uint64(len(blk)))
	blockElems := ElemsPerLeaf * len(blk)
	var f frontier
	for lo := 0; lo < len(data); lo += blockElems {
		part := data[lo:min(len(data), lo+blockElems)]
		m := NumLeaves(len(part))
		h.tensorLeaves(blk[:m], part)
		f.push(lift(h.reduceInPlace(blk[:m], 0), Depth(uint64(m)), height))
	}
	return f.root(height)
}
