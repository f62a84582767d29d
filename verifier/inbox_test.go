package verifier

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/commit"
)

func TestDecodePostBatch(t *testing.T) {
	a, err := bindings.CommitmentInboxMetaData.ParseABI()
	require.NoError(t, err)
	worker := common.HexToAddress("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")
	var cs []inbox.Commitment
	for k := uint32(1); k <= 5; k++ {
		cs = append(cs, inbox.Commitment{JobID: 7, Round: 2, Checkpoint: k, StateRoot: common.Hash{byte(k), 0xab}, Worker: worker})
	}
	cs = append(cs, inbox.Commitment{JobID: 1 << 40, Round: 1<<32 - 1, Checkpoint: 1<<32 - 1, StateRoot: common.Hash{0xff}, Worker: common.Address{9}})
	calldata := bindings.NewCommitmentInbox().PackPostBatch(inbox.EncodeBatch(cs))
	got, err := DecodePostBatch(a, calldata)
	require.NoError(t, err)
	require.Equal(t, cs, got)

	// The entry layout (docs/commitments.md): jobId u64 | round u32 | checkpoint u32 | stateRoot | worker.
	e := cs[0].Entry()
	require.Len(t, e, 68)
	require.Equal(t, []byte{0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 2, 0, 0, 0, 1}, e[:16])
	require.Equal(t, cs[0].StateRoot[:], e[16:48])
	require.Equal(t, worker[:], e[48:68])

	// Other calls and malformed entries are refused.
	_, err = DecodePostBatch(a, bindings.NewCommitmentInbox().PackForceInclude(inboxCommitment(cs[0])))
	require.ErrorIs(t, err, ErrNotPostBatch)
	_, err = DecodePostBatch(a, calldata[:3])
	require.ErrorIs(t, err, ErrNotPostBatch)
	_, err = DecodePostBatch(a, bindings.NewCommitmentInbox().PackPostBatch(make([]byte, 64)))
	require.Error(t, err, "a 64-byte entry (the layout before rounds) is refused")

	// The index keeps the latest root per checkpoint of the job's worker in
	// the asked round; another worker's entry and another round's are not
	// the worker's claims.
	x := &inboxIndex{byJob: map[uint64][]InboxEntry{}}
	for i, c := range cs {
		x.byJob[c.JobID] = append(x.byJob[c.JobID], InboxEntry{Commitment: c, LeafIndex: uint64(i)})
	}
	redo := inbox.Commitment{JobID: 7, Round: 2, Checkpoint: 2, StateRoot: common.Hash{0x22}, Worker: worker}
	x.byJob[7] = append(x.byJob[7], InboxEntry{Commitment: redo, BatchIndex: Forced})
	x.byJob[7] = append(x.byJob[7], InboxEntry{Commitment: inbox.Commitment{JobID: 7, Round: 2, Checkpoint: 3, StateRoot: common.Hash{0x33}, Worker: common.Address{1}}})
	x.byJob[7] = append(x.byJob[7], InboxEntry{Commitment: inbox.Commitment{JobID: 7, Round: 1, Checkpoint: 4, StateRoot: common.Hash{0x44}, Worker: worker}})
	roots := x.roots(7, 2, worker, 6)
	require.Equal(t, []common.Hash{cs[0].StateRoot, redo.StateRoot, cs[2].StateRoot, cs[3].StateRoot, cs[4].StateRoot, {}}, roots)
	require.Equal(t, []common.Hash{{}, {}, {}, {0x44}, {}, {}}, x.roots(7, 1, worker, 6))
	e2, ok := x.find(redo)
	require.True(t, ok)
	require.Equal(t, Forced, e2.BatchIndex)
	_, ok = x.find(inbox.Commitment{JobID: 7, Checkpoint: 9, Worker: worker})
	require.False(t, ok)
}

func TestResultRoots(t *testing.T) {
	roots := []common.Hash{{1}, {2}, {3}}
	hs := []commit.Hash{{1}, {2}, {3}}
	job := bindings.IJobMarketJob{Status: JobSubmitted, CheckpointsRoot: commit.CheckpointsRoot(hs), FinalModelRoot: [32]byte{3}}
	require.Equal(t, roots, resultRoots(roots, job))
	// The last commitment missing or different: the final model root stands in.
	require.Equal(t, roots, resultRoots([]common.Hash{{1}, {2}, {}}, job))
	require.Equal(t, roots, resultRoots([]common.Hash{{1}, {2}, {9}}, job))
	// Anything else is not the result's.
	require.Nil(t, resultRoots([]common.Hash{{1}, {8}, {3}}, job))
	job.Status = JobAssigned
	require.Nil(t, resultRoots(roots, job))
}
