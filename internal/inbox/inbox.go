// Package inbox is the Go side of the CommitmentInbox encodings: the 68-byte
// entry of a checkpoint commitment, its Merkle leaf, the positional batch tree
// with odd-node promotion and its proofs, and the EIP-712 typed-data digest and
// signature a worker gives for a commitment. It is shared by the sequencer,
// the worker and the verifier, and it matches contracts/src/CommitmentInbox.sol
// and contracts/src/libraries/BatchMerkle.sol bit for bit (pinned by
// contracts/test/vectors/inbox.json and by a differential test against the
// deployed contract).
package inbox

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// EntrySize is the size of one encoded entry: jobId (8) || round (4) ||
// checkpoint (4) || stateRoot (32) || worker (20).
const EntrySize = 68

// MaxBatchEntries bounds the size of a batch the sequencer builds; the
// contract accepts up to 2^32-1, the block gas limit much fewer.
const MaxBatchEntries = 1 << 16

// Errors of decoding and proving.
var (
	ErrEntryLength = errors.New("inbox: entry is not 68 bytes")
	ErrBatchLength = errors.New("inbox: batch is empty or not a multiple of 68 bytes")
	ErrEmptyTree   = errors.New("inbox: tree has no leaves")
	ErrLeafIndex   = errors.New("inbox: leaf index out of range")
)

// Commitment is a checkpoint commitment: Worker claims that the state root of
// job JobID after Checkpoint*checkpointInterval steps is StateRoot, in the
// job's assignment round Round (JobMarket.assignmentOf; the first assignment
// is round 1). The contract accepts a commitment only for the job's current
// round, so a commitment of an earlier round can never be used against the
// worker of a later one.
type Commitment struct {
	JobID      uint64         `json:"jobId"`
	Round      uint32         `json:"round"`
	Checkpoint uint32         `json:"checkpoint"`
	StateRoot  common.Hash    `json:"stateRoot"`
	Worker     common.Address `json:"worker"`
}

// Entry is the 68-byte encoding, abi.encodePacked(uint64 jobId, uint32 round,
// uint32 checkpoint, bytes32 stateRoot, address worker).
func (c Commitment) Entry() [EntrySize]byte {
	var e [EntrySize]byte
	binary.BigEndian.PutUint64(e[0:8], c.JobID)
	binary.BigEndian.PutUint32(e[8:12], c.Round)
	binary.BigEndian.PutUint32(e[12:16], c.Checkpoint)
	copy(e[16:48], c.StateRoot[:])
	copy(e[48:68], c.Worker[:])
	return e
}

// Leaf is keccak256(0x00 || entry).
func (c Commitment) Leaf() common.Hash {
	e := c.Entry()
	return LeafOfEntry(e[:])
}

// String is a short human form for logs.
func (c Commitment) String() string {
	return fmt.Sprintf("job %d round %d checkpoint %d root %s worker %s", c.JobID, c.Round, c.Checkpoint, c.StateRoot.Hex(), c.Worker.Hex())
}

// DecodeEntry parses one 68-byte entry.
func DecodeEntry(b []byte) (Commitment, error) {
	if len(b) != EntrySize {
		return Commitment{}, fmt.Errorf("%w: got %d", ErrEntryLength, len(b))
	}
	var c Commitment
	c.JobID = binary.BigEndian.Uint64(b[0:8])
	c.Round = binary.BigEndian.Uint32(b[8:12])
	c.Checkpoint = binary.BigEndian.Uint32(b[12:16])
	copy(c.StateRoot[:], b[16:48])
	copy(c.Worker[:], b[48:68])
	return c, nil
}

// EncodeBatch concatenates the entries of commitments (postBatch's calldata).
func EncodeBatch(cs []Commitment) []byte {
	out := make([]byte, 0, len(cs)*EntrySize)
	for _, c := range cs {
		e := c.Entry()
		out = append(out, e[:]...)
	}
	return out
}

// DecodeBatch parses a concatenation of 68-byte entries.
func DecodeBatch(b []byte) ([]Commitment, error) {
	if len(b) == 0 || len(b)%EntrySize != 0 {
		return nil, fmt.Errorf("%w: got %d bytes", ErrBatchLength, len(b))
	}
	out := make([]Commitment, len(b)/EntrySize)
	for i := range out {
		c, err := DecodeEntry(b[i*EntrySize : (i+1)*EntrySize])
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// LeafOfEntry is keccak256(0x00 || entry) for an encoded entry.
func LeafOfEntry(entry []byte) common.Hash {
	var buf [1 + EntrySize]byte
	copy(buf[1:], entry)
	return crypto.Keccak256Hash(buf[:1+len(entry)])
}

// Node is keccak256(0x01 || left || right).
func Node(left, right common.Hash) common.Hash {
	var buf [65]byte
	buf[0] = 0x01
	copy(buf[1:33], left[:])
	copy(buf[33:65], right[:])
	return crypto.Keccak256Hash(buf[:])
}
