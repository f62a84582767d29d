package indexer

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
)

// roundTrip decodes b as a T; when it decodes, its encoding decodes to the
// same value and encodes to the same bytes.
func roundTrip[T any](t *testing.T, b []byte) {
	var v T
	if decode(b, &v) != nil {
		return
	}
	enc := encode(&v)
	var w T
	require.NoError(t, decode(enc, &w))
	require.Equal(t, enc, encode(&w))
}

func seedRecords(f *testing.F) {
	ref := TxRef{Block: 7, Tx: common.HexToHash("0x1"), Time: 9}
	j := Job{JobSummary: JobSummary{ID: 1, Status: StatusAssigned, MaxPrice: big.NewInt(5), Escrow: big.NewInt(5), Price: big.NewInt(1)},
		Rounds: []Round{{Round: 1, Price: big.NewInt(1), Checkpoints: []Checkpoint{{Index: 1, Posted: &Inclusion{Batch: 2, Ref: ref}, Audited: []uint64{3}}}}},
		Events: []Event{{Name: "JobPosted", Ref: ref, Args: []Arg{{Name: "jobId", Value: "1"}}}}}
	g := Game{ID: 3, Bond: big.NewInt(2), Moves: []Move{{Name: "GameStarted", Ref: ref}}, Bisection: Bisection{Step: &StepLevel{Step: 4}}}
	p := Participant{Address: common.HexToAddress("0xaa"), Staked: big.NewInt(1), Stake: []StakeChange{{Kind: "deposit", Amount: big.NewInt(1), Staked: big.NewInt(1)}}}
	for _, v := range []any{&j, &j.JobSummary, &g, &p, newTotals(), &Head{Number: 3},
		&blockRecord{Number: 4, Undo: true}, &undoRecord{Block: 4, Entries: []undoEntry{{Key: []byte("job/"), Had: true, Old: []byte{1, '{', '}'}}}},
		&batchRecord{Index: 1, Size: 2}, &storedConfig{ChainID: 1}, &p.Stake[0], []string{"poster", "funder"}} {
		f.Add(encode(v))
	}
	f.Add([]byte{})
	f.Add([]byte{recordVersion})
	f.Add([]byte{2, '{', '}'})
	f.Add([]byte{recordVersion, '{', '}', '{', '}'})
}

// FuzzDecodeRecords: no stored record decoder panics on any bytes, and what
// decodes re-encodes stably.
func FuzzDecodeRecords(f *testing.F) {
	seedRecords(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		roundTrip[Job](t, b)
		roundTrip[JobSummary](t, b)
		roundTrip[Game](t, b)
		roundTrip[Participant](t, b)
		roundTrip[totals](t, b)
		roundTrip[Head](t, b)
		roundTrip[blockRecord](t, b)
		roundTrip[undoRecord](t, b)
		roundTrip[batchRecord](t, b)
		roundTrip[storedConfig](t, b)
		roundTrip[StakeChange](t, b)
		roundTrip[[]string](t, b)
	})
}

// FuzzDecodeBatch: a batch's calldata decodes only when its entries give the
// posted root, and then to exactly the entries.
func FuzzDecodeBatch(f *testing.F) {
	cs := []inbox.Commitment{{JobID: 1, Round: 1, Checkpoint: 1, StateRoot: common.HexToHash("0x11"), Worker: common.HexToAddress("0x22")},
		{JobID: 2, Round: 3, Checkpoint: 4, StateRoot: common.HexToHash("0x33"), Worker: common.HexToAddress("0x44")}}
	enc := inbox.EncodeBatch(cs)
	root, err := inbox.BatchRoot(enc)
	require.NoError(f, err)
	f.Add(enc, root[:])
	f.Add(enc[:68], root[:])
	f.Add(enc[:67], root[:])
	f.Add([]byte{}, make([]byte, 32))
	f.Fuzz(func(t *testing.T, entries, rootBytes []byte) {
		var r common.Hash
		copy(r[:], rootBytes)
		got := decodeBatch(entries, r)
		if got == nil {
			return
		}
		want, err := inbox.BatchRoot(entries)
		require.NoError(t, err)
		require.Equal(t, want, r)
		require.True(t, bytes.Equal(inbox.EncodeBatch(got), entries))
	})
}

func TestDecodeRejects(t *testing.T) {
	var j Job
	for _, b := range [][]byte{nil, {0}, {2, '{', '}'}, {recordVersion, '['}, {recordVersion, '{', '"', 'x', '"', ':', '1', '}'}, {recordVersion, '{', '}', '{', '}'}} {
		require.ErrorIs(t, decode(b, &j), ErrCorrupt, "%q", b)
	}
	require.NoError(t, decode(encode(&Job{}), &j))
}
