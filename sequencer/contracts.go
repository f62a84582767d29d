package sequencer

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// L1Client is what the sequencer reads from the chain (an *ethclient.Client
// or a simulated backend's client).
type L1Client interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
}

// TxSender sends transactions; txmgr.TxManager implements it.
type TxSender interface {
	Send(ctx context.Context, candidate txmgr.TxCandidate) (*types.Receipt, error)
	From() common.Address
}

var _ TxSender = (txmgr.TxManager)(nil)

// Inbox is a typed wrapper of the CommitmentInbox: it builds tx candidates
// and reads what the batcher needs.
type Inbox struct {
	Addr   common.Address
	abi    *bindings.CommitmentInbox
	client L1Client
}

// NewInbox wraps the inbox at addr.
func NewInbox(client L1Client, addr common.Address) *Inbox {
	return &Inbox{Addr: addr, abi: bindings.NewCommitmentInbox(), client: client}
}

// PostBatchCandidate is the postBatch(entries) transaction.
func (i *Inbox) PostBatchCandidate(entries []byte) txmgr.TxCandidate {
	to := i.Addr
	return txmgr.TxCandidate{TxData: i.abi.PackPostBatch(entries), To: &to}
}

// ForceIncludeCandidate is the forceInclude(commitment) transaction.
func (i *Inbox) ForceIncludeCandidate(c bindings.ICommitmentInboxCommitment) txmgr.TxCandidate {
	to := i.Addr
	return txmgr.TxCandidate{TxData: i.abi.PackForceInclude(c), To: &to}
}

// batchPostedTopic is the topic of BatchPosted(uint256 indexed batchIndex, bytes32 root, uint256 size).
var batchPostedTopic = crypto.Keccak256Hash([]byte("BatchPosted(uint256,bytes32,uint256)"))

// PostedBatch is a BatchPosted event.
type PostedBatch struct {
	Index  uint64
	Root   common.Hash
	Size   uint64
	TxHash common.Hash
	Block  uint64
}

// ErrNoBatchPosted: the receipt holds no BatchPosted event of this inbox.
var ErrNoBatchPosted = errors.New("no BatchPosted event")

func (i *Inbox) parse(l *types.Log) (*PostedBatch, bool) {
	if l.Address != i.Addr || len(l.Topics) == 0 || l.Topics[0] != batchPostedTopic {
		return nil, false
	}
	ev, err := i.abi.UnpackBatchPostedEvent(l)
	if err != nil || !ev.BatchIndex.IsUint64() || !ev.Size.IsUint64() {
		return nil, false
	}
	return &PostedBatch{Index: ev.BatchIndex.Uint64(), Root: ev.Root, Size: ev.Size.Uint64(), TxHash: l.TxHash, Block: l.BlockNumber}, true
}

// BatchPostedIn returns the BatchPosted event of a postBatch receipt.
func (i *Inbox) BatchPostedIn(r *types.Receipt) (*PostedBatch, error) {
	for _, l := range r.Logs {
		if pb, ok := i.parse(l); ok {
			return pb, nil
		}
	}
	return nil, fmt.Errorf("%w in tx %s", ErrNoBatchPosted, r.TxHash.Hex())
}

// FindBatch looks for a BatchPosted event with root and size from block
// fromBlock on; nil when there is none.
func (i *Inbox) FindBatch(ctx context.Context, fromBlock uint64, root common.Hash, size uint64) (*PostedBatch, error) {
	logs, err := i.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(fromBlock),
		Addresses: []common.Address{i.Addr},
		Topics:    [][]common.Hash{{batchPostedTopic}},
	})
	if err != nil {
		return nil, fmt.Errorf("filter BatchPosted logs: %w", err)
	}
	for k := range logs {
		if pb, ok := i.parse(&logs[k]); ok && pb.Root == root && pb.Size == size && !logs[k].Removed {
			return pb, nil
		}
	}
	return nil, nil
}

// Sequencer is the address allowed to post batches.
func (i *Inbox) Sequencer(ctx context.Context) (common.Address, error) {
	out, err := i.client.CallContract(ctx, ethereum.CallMsg{To: &i.Addr, Data: i.abi.PackSequencer()}, nil)
	if err != nil {
		return common.Address{}, reverts.Decode(err)
	}
	return i.abi.UnpackSequencer(out)
}

// Market is a typed wrapper of the JobMarket.
type Market struct {
	Addr   common.Address
	abi    *bindings.JobMarket
	client L1Client
}

// NewMarket wraps the market at addr.
func NewMarket(client L1Client, addr common.Address) *Market {
	return &Market{Addr: addr, abi: bindings.NewJobMarket(), client: client}
}

// GetJob reads a job (the zero job, status None, when it does not exist).
func (m *Market) GetJob(ctx context.Context, id uint64) (bindings.IJobMarketJob, error) {
	out, err := m.client.CallContract(ctx, ethereum.CallMsg{To: &m.Addr, Data: m.abi.PackGetJob(new(big.Int).SetUint64(id))}, nil)
	if err != nil {
		return bindings.IJobMarketJob{}, reverts.Decode(err)
	}
	return m.abi.UnpackGetJob(out)
}

// Job implements rpc.Jobs.
func (m *Market) Job(ctx context.Context, id uint64) (rpc.Job, error) {
	j, err := m.GetJob(ctx, id)
	if err != nil {
		return rpc.Job{}, err
	}
	return rpc.Job{Status: j.Status, Round: j.Round, Worker: j.Worker, Steps: j.Params.Steps, Interval: j.Params.CheckpointInterval}, nil
}

// JobCount is the number of jobs posted (the last id).
func (m *Market) JobCount(ctx context.Context) (uint64, error) {
	out, err := m.client.CallContract(ctx, ethereum.CallMsg{To: &m.Addr, Data: m.abi.PackJobCount()}, nil)
	if err != nil {
		return 0, err
	}
	n, err := m.abi.UnpackJobCount(out)
	if err != nil {
		return 0, err
	}
	if !n.IsUint64() {
		return 0, fmt.Errorf("job count %s does not fit 64 bits", n)
	}
	return n.Uint64(), nil
}

func (m *Market) candidate(data []byte) txmgr.TxCandidate {
	to := m.Addr
	return txmgr.TxCandidate{TxData: data, To: &to}
}

// CloseAuctionCandidate is closeAuction(jobId).
func (m *Market) CloseAuctionCandidate(id uint64) txmgr.TxCandidate {
	return m.candidate(m.abi.PackCloseAuction(new(big.Int).SetUint64(id)))
}

// FinalizeCandidate is finalize(jobId).
func (m *Market) FinalizeCandidate(id uint64) txmgr.TxCandidate {
	return m.candidate(m.abi.PackFinalize(new(big.Int).SetUint64(id)))
}

// TimeoutCandidate is timeout(jobId).
func (m *Market) TimeoutCandidate(id uint64) txmgr.TxCandidate {
	return m.candidate(m.abi.PackTimeout(new(big.Int).SetUint64(id)))
}

// marketOutcomes name the JobMarket events of a keeper transition.
var marketOutcomes = map[common.Hash]string{
	crypto.Keccak256Hash([]byte("JobAssigned(uint256,address,uint256,uint32,uint256)")): "assigned",
	crypto.Keccak256Hash([]byte("AuctionRestarted(uint256,uint8,uint256)")):             "restarted",
	crypto.Keccak256Hash([]byte("JobCancelled(uint256,uint256)")):                       "cancelled",
	crypto.Keccak256Hash([]byte("JobFinalized(uint256,address,uint256,uint256)")):       "finalized",
	crypto.Keccak256Hash([]byte("JobReopened(uint256,uint256)")):                        "reopened",
}

// Outcome names what a closeAuction, finalize or timeout receipt did to job
// id (see KeeperAction.Outcome); "" when none of those events is in it.
func (m *Market) Outcome(r *types.Receipt, id uint64) string {
	topic := common.BigToHash(new(big.Int).SetUint64(id))
	for _, l := range r.Logs {
		if l.Address != m.Addr || len(l.Topics) < 2 || l.Topics[1] != topic {
			continue
		}
		if o, ok := marketOutcomes[l.Topics[0]]; ok {
			return o
		}
	}
	return ""
}

// Simulate runs a candidate as an eth_call from `from` on the latest block;
// an error means the transaction would revert.
func Simulate(ctx context.Context, client L1Client, from common.Address, c txmgr.TxCandidate) error {
	_, err := client.CallContract(ctx, ethereum.CallMsg{From: from, To: c.To, Data: c.TxData, Value: c.Value}, nil)
	return reverts.Decode(err)
}
