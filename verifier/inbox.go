package verifier

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/log"

	"github.com/gensyn-stack/gensyn/internal/inbox"
)

// Forced is CommitmentInbox.FORCED: the batch index of a force-included
// entry in a checkpoint proof.
var Forced = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// ErrNotPostBatch is returned for calldata that is not a postBatch call.
var ErrNotPostBatch = errors.New("not a postBatch call")

// DecodePostBatch decodes the calldata of CommitmentInbox.postBatch(bytes
// entries) into its commitments (68-byte entries: jobId u64 | round u32 |
// checkpoint u32 | stateRoot | worker, docs/commitments.md).
func DecodePostBatch(inboxABI *abi.ABI, calldata []byte) ([]inbox.Commitment, error) {
	m, ok := inboxABI.Methods["postBatch"]
	if !ok {
		return nil, errors.New("inbox ABI has no postBatch")
	}
	if len(calldata) < 4 || !bytes.Equal(calldata[:4], m.ID) {
		return nil, ErrNotPostBatch
	}
	args, err := m.Inputs.Unpack(calldata[4:])
	if err != nil {
		return nil, fmt.Errorf("postBatch calldata: %w", err)
	}
	entries, ok := args[0].([]byte)
	if !ok || len(args) != 1 {
		return nil, errors.New("postBatch calldata: unexpected arguments")
	}
	return inbox.DecodeBatch(entries)
}

// InboxEntry is one commitment on chain, with what proves it: its batch
// index, leaf index and batch proof, or Forced with no proof.
type InboxEntry struct {
	Commitment inbox.Commitment
	BatchIndex *big.Int
	LeafIndex  uint64
	Proof      []common.Hash
	Block      uint64
}

// inboxIndex reads the CommitmentInbox's batches (the postBatch calldata of
// every BatchPosted transaction, checked against the event's root) and
// ForceIncluded events, incrementally, and keeps every entry by job.
type inboxIndex struct {
	c     *Contracts
	log   log.Logger
	next  uint64
	byJob map[uint64][]InboxEntry
}

func newInboxIndex(c *Contracts, l log.Logger) *inboxIndex {
	return &inboxIndex{c: c, log: l, byJob: map[uint64][]InboxEntry{}}
}

// update reads the inbox's events up to the head.
func (x *inboxIndex) update(ctx context.Context) error {
	head, err := x.c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	to := head.Number.Uint64()
	if x.next > to {
		return nil
	}
	posted, forced := x.c.inboxABI.Events["BatchPosted"].ID, x.c.inboxABI.Events["ForceIncluded"].ID
	logs, err := x.c.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: u256(x.next), ToBlock: u256(to), Addresses: []common.Address{x.c.addrs.CommitmentInbox},
		Topics: [][]common.Hash{{posted, forced}},
	})
	if err != nil {
		return fmt.Errorf("read inbox events: %w", err)
	}
	for i := range logs {
		lg := &logs[i]
		if lg.Removed || len(lg.Topics) == 0 {
			continue
		}
		switch lg.Topics[0] {
		case posted:
			ev, err := x.c.inbox.UnpackBatchPostedEvent(lg)
			if err != nil {
				return err
			}
			tx, _, err := x.c.client.TransactionByHash(ctx, lg.TxHash)
			if err != nil {
				return fmt.Errorf("batch %s: read transaction %s: %w", ev.BatchIndex, lg.TxHash, err)
			}
			cs, err := DecodePostBatch(x.c.inboxABI, tx.Data())
			if err != nil {
				// Posted through another contract: the sequencer's
				// gensyn_getInclusion still gives these entries.
				x.log.Warn("Batch calldata not decoded", "batch", ev.BatchIndex, "tx", lg.TxHash, "err", err)
				continue
			}
			tree, err := inbox.TreeOf(cs)
			if err != nil || tree.Root() != common.Hash(ev.Root) || uint64(len(cs)) != ev.Size.Uint64() {
				x.log.Warn("Batch calldata does not give the posted root", "batch", ev.BatchIndex, "tx", lg.TxHash)
				continue
			}
			for j, cm := range cs {
				p, err := tree.Proof(j)
				if err != nil {
					return err
				}
				x.byJob[cm.JobID] = append(x.byJob[cm.JobID], InboxEntry{Commitment: cm, BatchIndex: new(big.Int).Set(ev.BatchIndex),
					LeafIndex: uint64(j), Proof: p, Block: lg.BlockNumber})
			}
		case forced:
			ev, err := x.c.inbox.UnpackForceIncludedEvent(lg)
			if err != nil {
				return err
			}
			cm := inbox.Commitment{JobID: ev.JobId, Round: ev.Round, Checkpoint: ev.Checkpoint, StateRoot: ev.StateRoot, Worker: ev.Worker}
			x.byJob[cm.JobID] = append(x.byJob[cm.JobID], InboxEntry{Commitment: cm, BatchIndex: Forced, Block: lg.BlockNumber})
		}
	}
	x.next = to + 1
	return nil
}

// roots returns the latest committed state root of each checkpoint 1..k of
// a job round by its worker (zero where none): a commitment of another
// round is never the worker's claim in this one.
func (x *inboxIndex) roots(job uint64, round uint32, worker common.Address, k int) []common.Hash {
	out := make([]common.Hash, k)
	for _, e := range x.byJob[job] {
		c := e.Commitment
		if c.Worker == worker && c.Round == round && c.Checkpoint >= 1 && int(c.Checkpoint) <= k {
			out[c.Checkpoint-1] = c.StateRoot
		}
	}
	return out
}

// find returns the on-chain entry of a commitment, if any.
func (x *inboxIndex) find(cm inbox.Commitment) (InboxEntry, bool) {
	for i := len(x.byJob[cm.JobID]) - 1; i >= 0; i-- {
		if e := x.byJob[cm.JobID][i]; e.Commitment == cm {
			return e, true
		}
	}
	return InboxEntry{}, false
}
