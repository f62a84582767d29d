package worker

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/reverts"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dispute"
)

// Job statuses of IJobMarket.JobStatus.
const (
	JobNone uint8 = iota
	JobOpen
	JobAssigned
	JobSubmitted
	JobFinalized
	JobCancelled
)

// L1Client is what the worker reads from the chain (an *ethclient.Client or
// a simulated backend's client).
type L1Client interface {
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
}

// TxSender sends transactions; txmgr.TxManager implements it.
type TxSender interface {
	Send(ctx context.Context, candidate txmgr.TxCandidate) (*types.Receipt, error)
	From() common.Address
}

var _ TxSender = (txmgr.TxManager)(nil)

// Contracts are typed wrappers of the protocol's contracts: reads, and tx
// candidates for the writes.
type Contracts struct {
	client L1Client
	addrs  deployments.Contracts

	market *bindings.JobMarket
	stake  *bindings.StakeManager
	reg    *bindings.NodeRegistry
	inbox  *bindings.CommitmentInbox
	verde  *bindings.VerdeArbitration
}

// NewContracts wraps the deployment's contracts.
func NewContracts(client L1Client, addrs deployments.Contracts) *Contracts {
	return &Contracts{client: client, addrs: addrs, market: bindings.NewJobMarket(), stake: bindings.NewStakeManager(),
		reg: bindings.NewNodeRegistry(), inbox: bindings.NewCommitmentInbox(),
		verde: bindings.NewVerdeArbitration()}
}

func read[T any](ctx context.Context, c *Contracts, to common.Address, data []byte, unpack func([]byte) (T, error)) (T, error) {
	out, err := c.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		var zero T
		return zero, reverts.Decode(err)
	}
	return unpack(out)
}

func candidate(to common.Address, data []byte, value *big.Int) txmgr.TxCandidate {
	return txmgr.TxCandidate{TxData: data, To: &to, Value: value}
}

// JobCount is the number of jobs posted (the last id).
func (c *Contracts) JobCount(ctx context.Context) (uint64, error) {
	n, err := read(ctx, c, c.addrs.JobMarket, c.market.PackJobCount(), c.market.UnpackJobCount)
	if err != nil {
		return 0, err
	}
	if !n.IsUint64() {
		return 0, fmt.Errorf("job count %s does not fit 64 bits", n)
	}
	return n.Uint64(), nil
}

// Job reads a job.
func (c *Contracts) Job(ctx context.Context, id uint64) (bindings.IJobMarketJob, error) {
	return read(ctx, c, c.addrs.JobMarket, c.market.PackGetJob(new(big.Int).SetUint64(id)), c.market.UnpackGetJob)
}

// BalanceOf is the market's withdrawable balance of a.
func (c *Contracts) BalanceOf(ctx context.Context, a common.Address) (*big.Int, error) {
	return read(ctx, c, c.addrs.JobMarket, c.market.PackBalanceOf(a), c.market.UnpackBalanceOf)
}

// IsRegistered reads NodeRegistry.isRegistered.
func (c *Contracts) IsRegistered(ctx context.Context, a common.Address) (bool, error) {
	return read(ctx, c, c.addrs.NodeRegistry, c.reg.PackIsRegistered(a), c.reg.UnpackIsRegistered)
}

// StakeOf reads StakeManager.stakeOf.
func (c *Contracts) StakeOf(ctx context.Context, a common.Address) (bindings.IStakeManagerStakeInfo, error) {
	return read(ctx, c, c.addrs.StakeManager, c.stake.PackStakeOf(a), c.stake.UnpackStakeOf)
}

// FreeStake reads StakeManager.freeStake.
func (c *Contracts) FreeStake(ctx context.Context, a common.Address) (*big.Int, error) {
	return read(ctx, c, c.addrs.StakeManager, c.stake.PackFreeStake(a), c.stake.UnpackFreeStake)
}

// ForcedAt reads CommitmentInbox.forcedAt(leaf) (0: not force-included).
func (c *Contracts) ForcedAt(ctx context.Context, leaf common.Hash) (*big.Int, error) {
	return read(ctx, c, c.addrs.CommitmentInbox, c.inbox.PackForcedAt(leaf), c.inbox.UnpackForcedAt)
}

// RegisterCandidate is NodeRegistry.register(peerId, hardware).
func (c *Contracts) RegisterCandidate(peerID []byte, hardware string) txmgr.TxCandidate {
	return candidate(c.addrs.NodeRegistry, c.reg.PackRegister(peerID, hardware), nil)
}

// DepositCandidate is StakeManager.deposit() with value.
func (c *Contracts) DepositCandidate(value *big.Int) txmgr.TxCandidate {
	return candidate(c.addrs.StakeManager, c.stake.PackDeposit(), value)
}

// BidCandidate is JobMarket.bid(jobId, price).
func (c *Contracts) BidCandidate(id uint64, price *big.Int) txmgr.TxCandidate {
	return candidate(c.addrs.JobMarket, c.market.PackBid(new(big.Int).SetUint64(id), price), nil)
}

// SubmitResultCandidate is JobMarket.submitResult(jobId, finalModelRoot,
// checkpointsRoot, lastCheckpointProof): the proof is the list proof of the
// final model root as the last item of the checkpoints list.
func (c *Contracts) SubmitResultCandidate(id uint64, finalRoot, checkpointsRoot common.Hash, lastProof []commit.Hash) txmgr.TxCandidate {
	return candidate(c.addrs.JobMarket, c.market.PackSubmitResult(new(big.Int).SetUint64(id), finalRoot, checkpointsRoot, hashes(lastProof)), nil)
}

// IsBarred reads JobMarket.isBarred(jobId, worker): a worker slashed in a
// dispute or timed out on the job may not bid on it again.
func (c *Contracts) IsBarred(ctx context.Context, id uint64, worker common.Address) (bool, error) {
	return read(ctx, c, c.addrs.JobMarket, c.market.PackIsBarred(new(big.Int).SetUint64(id), worker), c.market.UnpackIsBarred)
}

// MaxAuctions reads JobMarket.MAX_AUCTIONS: how many auctions in a row a job
// runs without a bid before it is cancelled.
func (c *Contracts) MaxAuctions(ctx context.Context) (uint8, error) {
	return read(ctx, c, c.addrs.JobMarket, c.market.PackMAXAUCTIONS(), c.market.UnpackMAXAUCTIONS)
}

// WithdrawCandidate is JobMarket.withdraw().
func (c *Contracts) WithdrawCandidate() txmgr.TxCandidate {
	return candidate(c.addrs.JobMarket, c.market.PackWithdraw(), nil)
}

// ForceIncludeCandidate is CommitmentInbox.forceInclude(commitment).
func (c *Contracts) ForceIncludeCandidate(cm inbox.Commitment) txmgr.TxCandidate {
	return candidate(c.addrs.CommitmentInbox, c.inbox.PackForceInclude(inboxCommitment(cm)), nil)
}

// WithGasMargin estimates a candidate's gas from `from` and sets its limit
// to half again as much: a dispute move's gas depends on the gas forwarded
// to the one-step executor, so a bare estimate can fall short.
func (c *Contracts) WithGasMargin(ctx context.Context, from common.Address, cand txmgr.TxCandidate) (txmgr.TxCandidate, error) {
	est, err := c.client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: cand.To, Data: cand.TxData, Value: cand.Value})
	if err != nil {
		return cand, reverts.Decode(err)
	}
	cand.GasLimit = est + est/2
	return cand, nil
}

// Simulate runs a candidate as an eth_call from `from`; an error means the
// transaction would revert.
func (c *Contracts) Simulate(ctx context.Context, from common.Address, cand txmgr.TxCandidate) error {
	_, err := c.client.CallContract(ctx, ethereum.CallMsg{From: from, To: cand.To, Data: cand.TxData, Value: cand.Value}, nil)
	return reverts.Decode(err)
}

func inboxCommitment(cm inbox.Commitment) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: cm.JobID, Round: cm.Round, Checkpoint: cm.Checkpoint, StateRoot: cm.StateRoot, Worker: cm.Worker}
}

// IsIncluded checks an inclusion proof against the inbox's stored batch root
// (CommitmentInbox.isIncluded).
func (c *Contracts) IsIncluded(ctx context.Context, cm inbox.Commitment, batchIndex, leafIndex uint64, proof []common.Hash) (bool, error) {
	p := make([][32]byte, len(proof))
	for i, h := range proof {
		p[i] = h
	}
	return read(ctx, c, c.addrs.CommitmentInbox, c.inbox.PackIsIncluded(inboxCommitment(cm),
		new(big.Int).SetUint64(batchIndex), new(big.Int).SetUint64(leafIndex), p), c.inbox.UnpackIsIncluded)
}

// GameStartedTopic is the topic 0 of VerdeArbitration's GameStarted event.
var GameStartedTopic = crypto.Keccak256Hash([]byte("GameStarted(uint256,uint256,address,address,uint32,uint32,bytes32,bytes32)"))

// HasArbitration reports whether the deployment names a VerdeArbitration.
func (c *Contracts) HasArbitration() bool { return c.addrs.VerdeArbitration != (common.Address{}) }

// GameCount reads VerdeArbitration.gameCount (game ids are 0..count-1).
func (c *Contracts) GameCount(ctx context.Context) (uint64, error) {
	n, err := read(ctx, c, c.addrs.VerdeArbitration, c.verde.PackGameCount(), c.verde.UnpackGameCount)
	if err != nil {
		return 0, err
	}
	if !n.IsUint64() {
		return 0, fmt.Errorf("game count %s does not fit 64 bits", n)
	}
	return n.Uint64(), nil
}

// Game reads VerdeArbitration.getGame.
func (c *Contracts) Game(ctx context.Context, id uint64) (bindings.IVerdeArbitrationGame, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.verde.PackGetGame(new(big.Int).SetUint64(id)), c.verde.UnpackGetGame)
}

// ArbitrationBalanceOf is VerdeArbitration's withdrawable balance of a
// (bonds won).
func (c *Contracts) ArbitrationBalanceOf(ctx context.Context, a common.Address) (*big.Int, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.verde.PackBalanceOf(a), c.verde.UnpackBalanceOf)
}

// ArbitrationWithdrawCandidate is VerdeArbitration.withdraw().
func (c *Contracts) ArbitrationWithdrawCandidate() txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.verde.PackWithdraw(), nil)
}

// TimeoutCandidate is VerdeArbitration.timeout(gameId).
func (c *Contracts) TimeoutCandidate(id uint64) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.verde.PackTimeout(new(big.Int).SetUint64(id)), nil)
}

// GamesStarted returns the GameStarted events of games against worker in
// blocks from..to (inclusive).
func (c *Contracts) GamesStarted(ctx context.Context, worker common.Address, from, to uint64) ([]*bindings.VerdeArbitrationGameStarted, error) {
	logs, err := c.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to),
		Addresses: []common.Address{c.addrs.VerdeArbitration},
		Topics:    [][]common.Hash{{GameStartedTopic}, nil, nil, {common.BytesToHash(worker.Bytes())}},
	})
	if err != nil {
		return nil, err
	}
	out := make([]*bindings.VerdeArbitrationGameStarted, 0, len(logs))
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		ev, err := c.verde.UnpackGameStartedEvent(&logs[i])
		if err != nil {
			return nil, fmt.Errorf("GameStarted log %s/%d: %w", logs[i].TxHash, logs[i].Index, err)
		}
		out = append(out, ev)
	}
	return out, nil
}

func hashes(hs []commit.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

// MoveCandidate is the transaction of a worker move in game id
// (revealStepRoots, revealStepTrace, defend, revealElementTrace, proveStep
// or answer, packed by node/dispute) and the move's name.
func (c *Contracts) MoveCandidate(id uint64, m *dispute.WorkerMove) (string, txmgr.TxCandidate, error) {
	data, err := dispute.PackWorkerMove(new(big.Int).SetUint64(id), m)
	if err != nil {
		return "", txmgr.TxCandidate{}, err
	}
	return m.String(), candidate(c.addrs.VerdeArbitration, data, nil), nil
}

// RevertReason names the custom error of a reverted call or transaction
// estimate (any bound contract's, Error or Panic; see internal/reverts), with
// its arguments, or the raw revert data when it is none of theirs; "" when
// err carries no revert data.
func RevertReason(err error) string {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return ""
	}
	var raw []byte
	switch v := de.ErrorData().(type) {
	case string:
		b, derr := hexutil.Decode(v)
		if derr != nil {
			return v
		}
		raw = b
	case []byte:
		raw = v
	default:
		return ""
	}
	if len(raw) < 4 {
		return fmt.Sprintf("0x%x", raw)
	}
	// Decoded in one place, from every contract's ABI (internal/reverts),
	// written as Name{Field:value ...}.
	if re, ok := reverts.DecodeData(raw); ok {
		parts := make([]string, len(re.Args))
		for i, a := range re.Args {
			parts[i] = abi.ToCamelCase(re.ArgNames[i]) + ":" + fmt.Sprint(a)
		}
		return re.Name + "{" + strings.Join(parts, " ") + "}"
	}
	return fmt.Sprintf("0x%x", raw)
}
