package inbox_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

func call[T any](t *testing.T, c *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(c, nil, data, unpack)
	require.NoError(t, err)
	return v
}

func toBinding(c inbox.Commitment) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: c.JobID, Round: c.Round, Checkpoint: c.Checkpoint, StateRoot: c.StateRoot, Worker: c.Worker}
}

func hashes(hs []common.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

// TestDifferentialContract compares the Go encodings with the deployed
// CommitmentInbox on a simulated chain: entry, leaf, digest and domain for
// random commitments, and for random batches of 1..33 entries the root that
// computeRoot and postBatch compute, and every Go proof through isIncluded
// (plus a wrong index and a tampered proof, which must fail).
func TestDifferentialContract(t *testing.T) {
	seqKey, err := crypto.GenerateKey()
	require.NoError(t, err)
	seq := crypto.PubkeyToAddress(seqKey.PublicKey)
	sim := testchain.NewSimulated(types.GenesisAlloc{seq: {Balance: new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(100))}})
	t.Cleanup(func() { _ = sim.Close() })
	client := sim.Client()
	chainID, err := client.ChainID(context.Background())
	require.NoError(t, err)
	opts := bind.NewKeyedTransactor(seqKey, chainID)

	ib := bindings.NewCommitmentInbox()
	// Any non-zero address serves as the market: these checks never reach it.
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.CommitmentInboxMetaData.Bin), client, ib.PackConstructor(seq, common.Address{0xaa}))
	require.NoError(t, err)
	sim.Commit()
	_, err = bind.WaitDeployed(context.Background(), client, tx.Hash())
	require.NoError(t, err)
	inst := ib.Instance(client, addr)

	d := inbox.NewDomain(chainID.Uint64(), addr)
	require.Equal(t, d.Separator(), common.Hash(call(t, inst, ib.PackDomainSeparator(), ib.UnpackDomainSeparator)))
	require.Equal(t, inbox.CommitmentTypehash, common.Hash(call(t, inst, ib.PackCOMMITMENTTYPEHASH(), ib.UnpackCOMMITMENTTYPEHASH)))

	r := newRand(42)
	for i := 0; i < 16; i++ {
		c := r.commitment()
		e := c.Entry()
		require.Equal(t, e[:], call(t, inst, ib.PackEncodeEntry(toBinding(c)), ib.UnpackEncodeEntry))
		require.Equal(t, c.Leaf(), common.Hash(call(t, inst, ib.PackLeafOf(toBinding(c)), ib.UnpackLeafOf)))
		require.Equal(t, d.Digest(c), common.Hash(call(t, inst, ib.PackCommitmentDigest(toBinding(c)), ib.UnpackCommitmentDigest)))
	}

	for n := 1; n <= 33; n++ {
		cs := make([]inbox.Commitment, n)
		for i := range cs {
			cs[i] = r.commitment()
		}
		entries := inbox.EncodeBatch(cs)
		tr, err := inbox.TreeOf(cs)
		require.NoError(t, err)
		require.Equal(t, tr.Root(), common.Hash(call(t, inst, ib.PackComputeRoot(entries), ib.UnpackComputeRoot)), "computeRoot n=%d", n)

		ptx, err := bind.Transact(inst, opts, ib.PackPostBatch(entries))
		require.NoError(t, err)
		sim.Commit()
		rc, err := bind.WaitMined(context.Background(), client, ptx.Hash())
		require.NoError(t, err)
		require.Equal(t, types.ReceiptStatusSuccessful, rc.Status)
		ev, err := ib.UnpackBatchPostedEvent(rc.Logs[0])
		require.NoError(t, err)
		require.Equal(t, tr.Root(), common.Hash(ev.Root))
		require.Equal(t, int64(n), ev.Size.Int64())
		batch := ev.BatchIndex

		for i, c := range cs {
			p, err := tr.Proof(i)
			require.NoError(t, err)
			require.True(t, call(t, inst, ib.PackIsIncluded(toBinding(c), batch, big.NewInt(int64(i)), hashes(p)), ib.UnpackIsIncluded), "n=%d i=%d", n, i)
			if n > 1 {
				wrong := big.NewInt(int64((i + 1) % n))
				require.False(t, call(t, inst, ib.PackIsIncluded(toBinding(c), batch, wrong, hashes(p)), ib.UnpackIsIncluded))
				bad := append([]common.Hash(nil), p...)
				bad[0][0] ^= 1
				require.False(t, call(t, inst, ib.PackIsIncluded(toBinding(c), batch, big.NewInt(int64(i)), hashes(bad)), ib.UnpackIsIncluded))
			}
		}
	}
}

type rnd struct{ s uint64 }

func newRand(seed uint64) *rnd { return &rnd{s: seed} }

func (r *rnd) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rnd) commitment() inbox.Commitment {
	var c inbox.Commitment
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
