package inbox

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
)

type vectorCommitment struct {
	JobID      string         `json:"jobId"`
	Round      uint32         `json:"round"`
	Checkpoint uint32         `json:"checkpoint"`
	StateRoot  common.Hash    `json:"stateRoot"`
	Worker     common.Address `json:"worker"`
	Entry      hexutil.Bytes  `json:"entry"`
	Leaf       common.Hash    `json:"leaf"`
}

type vectors struct {
	ChainID            uint64             `json:"chainId"`
	VerifyingContract  common.Address     `json:"verifyingContract"`
	DomainName         string             `json:"domainName"`
	DomainVersion      string             `json:"domainVersion"`
	DomainSeparator    common.Hash        `json:"domainSeparator"`
	CommitmentType     string             `json:"commitmentType"`
	CommitmentTypehash common.Hash        `json:"commitmentTypehash"`
	Commitments        []vectorCommitment `json:"commitments"`
	Batch              hexutil.Bytes      `json:"batch"`
	Root               common.Hash        `json:"root"`
	PrefixRoots        []common.Hash      `json:"prefixRoots"`
	Proofs             []struct {
		Index int           `json:"index"`
		Proof []common.Hash `json:"proof"`
	} `json:"proofs"`
	Signed struct {
		Index      int            `json:"index"`
		PrivateKey hexutil.Bytes  `json:"privateKey"`
		Signer     common.Address `json:"signer"`
		StructHash common.Hash    `json:"structHash"`
		Digest     common.Hash    `json:"digest"`
		Signature  hexutil.Bytes  `json:"signature"`
	} `json:"signed"`
}

// TestVectors checks every encoding against contracts/test/vectors/inbox.json,
// which the contracts' generator computes independently (js-sha3, cast).
func TestVectors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "contracts", "test", "vectors", "inbox.json"))
	require.NoError(t, err, "the shared vectors are written by contracts/test/vectors/gen_inbox.js")
	var v vectors
	require.NoError(t, json.Unmarshal(raw, &v))
	require.Equal(t, DomainName, v.DomainName)
	require.Equal(t, DomainVersion, v.DomainVersion)
	require.Equal(t, CommitmentType, v.CommitmentType)
	require.Equal(t, v.CommitmentTypehash, CommitmentTypehash)
	d := NewDomain(v.ChainID, v.VerifyingContract)
	require.Equal(t, v.DomainSeparator, d.Separator())

	require.NotEmpty(t, v.Commitments)
	var cs []Commitment
	for i, vc := range v.Commitments {
		id, ok := new(big.Int).SetString(vc.JobID, 10)
		require.True(t, ok)
		c := Commitment{JobID: id.Uint64(), Round: vc.Round, Checkpoint: vc.Checkpoint, StateRoot: vc.StateRoot, Worker: vc.Worker}
		e := c.Entry()
		require.Len(t, vc.Entry, EntrySize, "entry %d", i)
		require.Equal(t, []byte(vc.Entry), e[:], "entry %d", i)
		require.Equal(t, vc.Leaf, c.Leaf(), "leaf %d", i)
		back, err := DecodeEntry(vc.Entry)
		require.NoError(t, err)
		require.Equal(t, c, back)
		cs = append(cs, c)
	}
	require.Equal(t, []byte(v.Batch), EncodeBatch(cs))
	root, err := BatchRoot(v.Batch)
	require.NoError(t, err)
	require.Equal(t, v.Root, root)
	for n := 1; n <= len(cs); n++ {
		tr, err := TreeOf(cs[:n])
		require.NoError(t, err)
		require.Equal(t, v.PrefixRoots[n-1], tr.Root(), "prefix %d", n)
	}
	tr, err := TreeOf(cs)
	require.NoError(t, err)
	require.Len(t, v.Proofs, len(cs))
	for _, p := range v.Proofs {
		got, err := tr.Proof(p.Index)
		require.NoError(t, err)
		require.Equal(t, p.Proof, got, "proof %d", p.Index)
		require.True(t, Verify(cs[p.Index].Leaf(), uint64(p.Index), uint64(len(cs)), got, v.Root))
	}

	s := v.Signed
	c := cs[s.Index]
	require.Equal(t, s.StructHash, StructHash(c))
	require.Equal(t, s.Digest, d.Digest(c))
	key, err := crypto.ToECDSA(s.PrivateKey)
	require.NoError(t, err)
	require.Equal(t, s.Signer, crypto.PubkeyToAddress(key.PublicKey))
	sig, err := d.Sign(c, key)
	require.NoError(t, err)
	require.Equal(t, []byte(s.Signature), sig, "RFC 6979 signatures are deterministic")
	signer, err := d.Recover(c, s.Signature)
	require.NoError(t, err)
	require.Equal(t, s.Signer, signer)
}

func randCommitment(r *rng) Commitment {
	var c Commitment
	c.JobID = r.u64()
	c.Round = uint32(r.u64())
	c.Checkpoint = uint32(r.u64())
	for i := range c.StateRoot {
		c.StateRoot[i] = byte(r.u64())
	}
	for i := range c.Worker {
		c.Worker[i] = byte(r.u64())
	}
	return c
}

// rng is a tiny deterministic generator (splitmix64) for reproducible tests.
type rng struct{ s uint64 }

func (r *rng) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func TestTreeProofs(t *testing.T) {
	r := &rng{s: 1}
	for n := 1; n <= 70; n++ {
		cs := make([]Commitment, n)
		for i := range cs {
			cs[i] = randCommitment(r)
		}
		tr, err := TreeOf(cs)
		require.NoError(t, err)
		root, err := BatchRoot(EncodeBatch(cs))
		require.NoError(t, err)
		require.Equal(t, root, tr.Root())
		if n == 1 {
			require.Equal(t, cs[0].Leaf(), root, "the root of one entry is its leaf")
		}
		for i := range cs {
			p, err := tr.Proof(i)
			require.NoError(t, err)
			require.True(t, Verify(cs[i].Leaf(), uint64(i), uint64(n), p, root), "n=%d i=%d", n, i)
			require.False(t, Verify(cs[i].Leaf(), uint64(i), uint64(n+1), p, root) && n > 1 && i == n-1 && n%2 == 0)
			if n > 1 {
				require.False(t, Verify(cs[(i+1)%n].Leaf(), uint64(i), uint64(n), p, root), "another leaf at i")
				require.False(t, Verify(cs[i].Leaf(), uint64(i), uint64(n), append(p, root), root), "proof too long")
				require.False(t, Verify(cs[i].Leaf(), uint64(i), uint64(n), p[:len(p)-1], root), "proof too short")
			}
			require.False(t, Verify(cs[i].Leaf(), uint64(n), uint64(n), p, root), "index out of range")
		}
		_, err = tr.Proof(n)
		require.ErrorIs(t, err, ErrLeafIndex)
		_, err = tr.Proof(-1)
		require.ErrorIs(t, err, ErrLeafIndex)
	}
	_, err := NewTree(nil)
	require.ErrorIs(t, err, ErrEmptyTree)
	_, err = BatchRoot(nil)
	require.ErrorIs(t, err, ErrBatchLength)
	_, err = BatchRoot(make([]byte, 65))
	require.ErrorIs(t, err, ErrBatchLength)
	_, err = BatchRoot(make([]byte, 64)) // one entry of the old, round-less encoding
	require.ErrorIs(t, err, ErrBatchLength)
}

// TestRoundBinding: the same checkpoint claim of two assignment rounds has two
// entries, two leaves and two digests, and the round sits right after the job
// id in the entry.
func TestRoundBinding(t *testing.T) {
	c1 := randCommitment(&rng{s: 3})
	c1.Round = 1
	c2 := c1
	c2.Round = 2
	e1, e2 := c1.Entry(), c2.Entry()
	require.NotEqual(t, e1, e2)
	require.Equal(t, []byte{0, 0, 0, 1}, e1[8:12])
	require.Equal(t, []byte{0, 0, 0, 2}, e2[8:12])
	require.Equal(t, e1[:8], e2[:8])
	require.Equal(t, e1[12:], e2[12:])
	require.NotEqual(t, c1.Leaf(), c2.Leaf())
	require.NotEqual(t, StructHash(c1), StructHash(c2))
	d := NewDomain(31337, common.Address{1})
	require.NotEqual(t, d.Digest(c1), d.Digest(c2))
	back, err := DecodeBatch(EncodeBatch([]Commitment{c1, c2}))
	require.NoError(t, err)
	require.Equal(t, []Commitment{c1, c2}, back)
	_, err = DecodeEntry(e1[:64])
	require.ErrorIs(t, err, ErrEntryLength)
}

func TestSignRecover(t *testing.T) {
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	d := NewDomain(31337, common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"))
	c := randCommitment(&rng{s: 7})
	sig, err := d.Sign(c, key)
	require.NoError(t, err)
	require.Len(t, sig, SignatureSize)
	require.Contains(t, []byte{27, 28}, sig[64])
	got, err := d.Recover(c, sig)
	require.NoError(t, err)
	require.Equal(t, crypto.PubkeyToAddress(key.PublicKey), got)

	// Another commitment, another domain: another signer.
	c2 := c
	c2.Checkpoint++
	got, err = d.Recover(c2, sig)
	require.NoError(t, err)
	require.NotEqual(t, crypto.PubkeyToAddress(key.PublicKey), got)
	// The same checkpoint of another assignment round is another message.
	c3 := c
	c3.Round++
	got, err = d.Recover(c3, sig)
	require.NoError(t, err)
	require.NotEqual(t, crypto.PubkeyToAddress(key.PublicKey), got)
	got, err = NewDomain(1, d.VerifyingContract).Recover(c, sig)
	require.NoError(t, err)
	require.NotEqual(t, crypto.PubkeyToAddress(key.PublicKey), got)

	_, err = d.Recover(c, sig[:64])
	require.ErrorIs(t, err, ErrSignatureLength)
	bad := append([]byte(nil), sig...)
	bad[64] -= 27
	_, err = d.Recover(c, bad)
	require.ErrorIs(t, err, ErrSignatureV)
	// The malleable twin (n - s, flipped v) is rejected like OpenZeppelin does.
	high := append([]byte(nil), sig...)
	s := new(big.Int).SetBytes(sig[32:64])
	new(big.Int).Sub(crypto.S256().Params().N, s).FillBytes(high[32:64])
	high[64] = 55 - sig[64]
	_, err = d.Recover(c, high)
	require.ErrorIs(t, err, ErrSignatureS)
	zero := make([]byte, 65)
	zero[64] = 27
	_, err = d.Recover(c, zero)
	require.ErrorIs(t, err, ErrSignature)
}

func FuzzDecodeEntry(f *testing.F) {
	f.Add(make([]byte, 68))
	f.Add(make([]byte, 64))
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := DecodeEntry(b)
		if len(b) != EntrySize {
			require.ErrorIs(t, err, ErrEntryLength)
			return
		}
		require.NoError(t, err)
		e := c.Entry()
		require.Equal(t, b, e[:])
	})
}

func FuzzDecodeBatch(f *testing.F) {
	f.Add(make([]byte, 136))
	f.Add(make([]byte, 128))
	f.Add(make([]byte, 67))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		cs, err := DecodeBatch(b)
		if len(b) == 0 || len(b)%EntrySize != 0 {
			require.ErrorIs(t, err, ErrBatchLength)
			return
		}
		require.NoError(t, err)
		require.Equal(t, b, EncodeBatch(cs))
		root, err := BatchRoot(b)
		require.NoError(t, err)
		tr, err := TreeOf(cs)
		require.NoError(t, err)
		require.Equal(t, root, tr.Root())
	})
}

func FuzzRecover(f *testing.F) {
	f.Add(make([]byte, 65), uint64(1), uint32(1), uint32(2))
	f.Fuzz(func(t *testing.T, sig []byte, job uint64, round, ck uint32) {
		d := NewDomain(31337, common.Address{1})
		_, _ = d.Recover(Commitment{JobID: job, Round: round, Checkpoint: ck}, sig) // must not panic
	})
}

func FuzzVerify(f *testing.F) {
	f.Add(uint64(0), uint64(1), []byte{})
	f.Fuzz(func(t *testing.T, index, size uint64, proof []byte) {
		var p []common.Hash
		for len(proof) >= 32 && len(p) < 70 {
			p = append(p, common.BytesToHash(proof[:32]))
			proof = proof[32:]
		}
		_ = Verify(common.Hash{1}, index, size, p, common.Hash{2}) // must not panic or loop forever
	})
}
