package onestepevm

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// shapeArgs packs a shape as OneStep's (ndims, dims) arguments.
func shapeArgs(shape []int) (uint8, *big.Int) {
	dims := new(big.Int)
	for i, d := range shape {
		dims.Or(dims, new(big.Int).Lsh(big.NewInt(int64(d)), uint(32*i)))
	}
	return uint8(len(shape)), dims
}

func hashes32(hs []commit.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

// leafRoot calls OneStep.leafRoot (OneStepMerkle's canonical tensor-leaf check).
func leafRoot(e *EVM, shape []int, leafIndex uint64, leaf [32]byte, path []commit.Hash) ([32]byte, error) {
	nd, dims := shapeArgs(shape)
	in, err := ABI.Pack("leafRoot", nd, dims, bigU(leafIndex), leaf, hashes32(path))
	if err != nil {
		return [32]byte{}, err
	}
	ret, _, err := e.call(e.host.Address(), in)
	if err != nil {
		return [32]byte{}, err
	}
	out, err := ABI.Unpack("leafRoot", ret)
	if err != nil {
		return [32]byte{}, err
	}
	return out[0].([32]byte), nil
}

// elementRoot calls OneStep.elementRoot.
func elementRoot(e *EVM, shape []int, index uint64, leaf [32]byte, path []commit.Hash) ([32]byte, error) {
	nd, dims := shapeArgs(shape)
	in, err := ABI.Pack("elementRoot", nd, dims, bigU(index), leaf, hashes32(path))
	if err != nil {
		return [32]byte{}, err
	}
	ret, _, err := e.call(e.host.Address(), in)
	if err != nil {
		return [32]byte{}, err
	}
	out, err := ABI.Unpack("elementRoot", ret)
	if err != nil {
		return [32]byte{}, err
	}
	return out[0].([32]byte), nil
}

// TestRejectedProofVectors replays testdata/vectors/commitments.json's
// rejectedProofs through the contract: each reverts with the named error
// (and height), as commit rejects them. A list item proof of count n is
// replayed as tensor leaf n-1 of a [8n] tensor (same tree, no padding words).
func TestRejectedProofVectors(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/vectors/commitments.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		RejectedProofs []struct {
			Name      string        `json:"name"`
			Kind      string        `json:"kind"`
			Error     string        `json:"error"`
			Height    *int          `json:"height"`
			Count     uint64        `json:"count"`
			Index     *uint64       `json:"index"`
			Item      *commit.Hash  `json:"item"`
			Shape     []int         `json:"shape"`
			Element   *uint64       `json:"element"`
			LeafIndex *uint64       `json:"leafIndex"`
			Leaf      string        `json:"leaf"`
			Siblings  []commit.Hash `json:"siblings"`
		} `json:"rejectedProofs"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.RejectedProofs) == 0 {
		t.Fatal("no rejected proofs in the vectors")
	}
	evm := newEVM(t)
	for _, r := range v.RejectedProofs {
		var errs []error
		switch r.Kind {
		case "list":
			_, err := leafRoot(evm, []int{8 * int(r.Count)}, *r.Index, *r.Item, r.Siblings)
			errs = append(errs, err)
		case "tensorElement":
			b, _ := hex.DecodeString(r.Leaf[2:])
			leaf := [32]byte(b)
			_, err := elementRoot(evm, r.Shape, *r.Element, leaf, r.Siblings)
			errs = append(errs, err)
			_, err = leafRoot(evm, r.Shape, *r.LeafIndex, leaf, r.Siblings)
			errs = append(errs, err)
		default:
			t.Fatalf("%s: unknown kind %q", r.Name, r.Kind)
		}
		for _, err := range errs {
			var rev *Reverted
			if !errors.As(err, &rev) || rev.Name != r.Error {
				t.Fatalf("%s: want revert %s, got %v", r.Name, r.Error, err)
			}
			if r.Height != nil && (len(rev.Data) != 36 || new(big.Int).SetBytes(rev.Data[4:]).Int64() != int64(*r.Height)) {
				t.Fatalf("%s: revert data %x, want height %d", r.Name, rev.Data, *r.Height)
			}
		}
	}
}

// TestCanonicalLeafRootsMatchGo: for tensors with padding leaves and padding
// words, every leaf's genuine proof gives Go's tensor root on chain.
func TestCanonicalLeafRootsMatchGo(t *testing.T) {
	evm := newEVM(t)
	for _, n := range []int{1, 7, 9, 17, 33, 41, 100} {
		data := make([]float32, n)
		for i := range data {
			data[i] = float32(i) - 3.5
		}
		shape := []int{n}
		root, err := commit.TensorRoot(shape, data)
		if err != nil {
			t.Fatal(err)
		}
		for e := 0; e < n; e += 8 {
			p, err := commit.ProveElement(shape, data, uint64(e))
			if err != nil {
				t.Fatal(err)
			}
			got, err := leafRoot(evm, shape, p.Path.Index, p.Leaf, p.Path.Siblings)
			if err != nil || commit.Hash(got) != root {
				t.Fatalf("n=%d leaf %d: %v, root %x want %x", n, p.Path.Index, err, got, root)
			}
		}
	}
}
