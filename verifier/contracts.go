package verifier

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
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

// L1Client is what the verifier reads from the chain (an *ethclient.Client
// or a simulated backend's client).
type L1Client interface {
	CallContract(ctx context.Context, msg ethereum.CallMsg, blockNumber *big.Int) ([]byte, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	TransactionByHash(ctx context.Context, hash common.Hash) (*types.Transaction, bool, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
}

// TxSender sends transactions; txmgr.TxManager implements it.
type TxSender interface {
	Send(ctx context.Context, candidate txmgr.TxCandidate) (*types.Receipt, error)
	From() common.Address
}

var _ TxSender = (txmgr.TxManager)(nil)

// Contracts are typed wrappers of the contracts the verifier uses: reads,
// event queries, and tx candidates for the writes.
type Contracts struct {
	client L1Client
	addrs  deployments.Contracts

	market   *bindings.JobMarket
	stake    *bindings.StakeManager
	inbox    *bindings.CommitmentInbox
	arb      *bindings.VerdeArbitration
	inboxABI *abi.ABI
	arbABI   *abi.ABI
}

// NewContracts wraps the deployment's contracts.
func NewContracts(client L1Client, addrs deployments.Contracts) *Contracts {
	inboxABI, err := bindings.CommitmentInboxMetaData.ParseABI()
	if err != nil {
		panic(err)
	}
	arbABI, err := bindings.VerdeArbitrationMetaData.ParseABI()
	if err != nil {
		panic(err)
	}
	return &Contracts{client: client, addrs: addrs, market: bindings.NewJobMarket(), stake: bindings.NewStakeManager(),
		inbox: bindings.NewCommitmentInbox(), arb: bindings.NewVerdeArbitration(), inboxABI: inboxABI, arbABI: arbABI}
}

func read[T any](ctx context.Context, c *Contracts, to common.Address, data []byte, unpack func([]byte) (T, error)) (T, error) {
	out, err := c.client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		var zero T
		return zero, err
	}
	return unpack(out)
}

func candidate(to common.Address, data []byte, value *big.Int) txmgr.TxCandidate {
	return txmgr.TxCandidate{TxData: data, To: &to, Value: value}
}

func u256(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

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
	return read(ctx, c, c.addrs.JobMarket, c.market.PackGetJob(u256(id)), c.market.UnpackGetJob)
}

// Bond reads VerdeArbitration.bond().
func (c *Contracts) Bond(ctx context.Context) (*big.Int, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackBond(), c.arb.UnpackBond)
}

// GameCount reads VerdeArbitration.gameCount().
func (c *Contracts) GameCount(ctx context.Context) (uint64, error) {
	n, err := read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackGameCount(), c.arb.UnpackGameCount)
	if err != nil {
		return 0, err
	}
	return n.Uint64(), nil
}

// Game reads VerdeArbitration.getGame(id).
func (c *Contracts) Game(ctx context.Context, id uint64) (bindings.IVerdeArbitrationGame, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackGetGame(u256(id)), c.arb.UnpackGetGame)
}

// ToMove reads VerdeArbitration.toMove(id).
func (c *Contracts) ToMove(ctx context.Context, id uint64) (bindings.ToMoveOutput, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackToMove(u256(id)), c.arb.UnpackToMove)
}

// ArbBalanceOf reads VerdeArbitration.balanceOf(a).
func (c *Contracts) ArbBalanceOf(ctx context.Context, a common.Address) (*big.Int, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackBalanceOf(a), c.arb.UnpackBalanceOf)
}

// RewardOf reads StakeManager.rewardOf(a).
func (c *Contracts) RewardOf(ctx context.Context, a common.Address) (*big.Int, error) {
	return read(ctx, c, c.addrs.StakeManager, c.stake.PackRewardOf(a), c.stake.UnpackRewardOf)
}

// IsIncluded checks an inclusion proof against the inbox
// (CommitmentInbox.isIncluded).
func (c *Contracts) IsIncluded(ctx context.Context, cm inbox.Commitment, batchIndex, leafIndex *big.Int, proof []common.Hash) (bool, error) {
	return read(ctx, c, c.addrs.CommitmentInbox, c.inbox.PackIsIncluded(inboxCommitment(cm), batchIndex, leafIndex, hashes32(proof)),
		c.inbox.UnpackIsIncluded)
}

func inboxCommitment(cm inbox.Commitment) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: cm.JobID, Checkpoint: cm.Checkpoint, StateRoot: cm.StateRoot, Worker: cm.Worker}
}

func hashes32[H ~[32]byte](hs []H) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

// ChallengeCandidate is VerdeArbitration.challenge(jobId, k, prev, cur) with the bond.
func (c *Contracts) ChallengeCandidate(job uint64, k uint32, prev, cur bindings.IVerdeArbitrationCheckpointProof, bond *big.Int) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackChallenge(u256(job), k, prev, cur), bond)
}

// PickStepCandidate is VerdeArbitration.pickStep.
func (c *Contracts) PickStepCandidate(game uint64, index uint32, start common.Hash, startProof []common.Hash, end common.Hash,
	endProof []common.Hash) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackPickStep(u256(game), index, start, hashes32(startProof), end, hashes32(endProof)), nil)
}

// PickNodeCandidate is VerdeArbitration.pickNode.
func (c *Contracts) PickNodeCandidate(game uint64, p bindings.IVerdeArbitrationNodePick) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackPickNode(u256(game), p), nil)
}

// PickElementCandidate is VerdeArbitration.pickElement.
func (c *Contracts) PickElementCandidate(game uint64, element uint32) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackPickElement(u256(game), element), nil)
}

// PickEntryCandidate is VerdeArbitration.pickEntry.
func (c *Contracts) PickEntryCandidate(game uint64, entry uint32) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackPickEntry(u256(game), entry), nil)
}

// QueryCandidate is VerdeArbitration.query.
func (c *Contracts) QueryCandidate(game uint64, list uint8, index uint32) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackQuery(u256(game), list, index), nil)
}

// TimeoutCandidate is VerdeArbitration.timeout.
func (c *Contracts) TimeoutCandidate(game uint64) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackTimeout(u256(game)), nil)
}

// CloseStaleCandidate is VerdeArbitration.closeStale.
func (c *Contracts) CloseStaleCandidate(game uint64) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackCloseStale(u256(game)), nil)
}

// WithdrawCandidate is VerdeArbitration.withdraw().
func (c *Contracts) WithdrawCandidate() txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackWithdraw(), nil)
}

// ClaimRewardCandidate is StakeManager.claimReward().
func (c *Contracts) ClaimRewardCandidate() txmgr.TxCandidate {
	return candidate(c.addrs.StakeManager, c.stake.PackClaimReward(), nil)
}

// Simulate runs a candidate as an eth_call from `from`; an error means the
// transaction would revert.
func (c *Contracts) Simulate(ctx context.Context, from common.Address, cand txmgr.TxCandidate) error {
	_, err := c.client.CallContract(ctx, ethereum.CallMsg{From: from, To: cand.To, Data: cand.TxData, Value: cand.Value}, nil)
	return err
}

// gasMargin is added to a game move's gas estimate: a move charges the
// time since the last move to the mover's clock, and the estimate, taken
// at a block where no time has passed, writes the clock's old value back
// (a cheap SSTORE) where the mined move writes a new one.
const gasMargin = 50_000

// WithGas sets a candidate's gas limit: the estimate (which fails when the
// transaction would revert) with a margin of half of it plus gasMargin.
func (c *Contracts) WithGas(ctx context.Context, from common.Address, cand txmgr.TxCandidate) (txmgr.TxCandidate, error) {
	est, err := c.client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: cand.To, Data: cand.TxData, Value: cand.Value})
	if err != nil {
		return cand, err
	}
	cand.GasLimit = est + est/2 + gasMargin
	return cand, nil
}

// gameLogs returns the logs of VerdeArbitration's events named `events`
// whose first indexed argument is game, from block `from`.
func (c *Contracts) gameLogs(ctx context.Context, game uint64, from uint64, events ...string) ([]types.Log, error) {
	ids := make([]common.Hash, len(events))
	for i, e := range events {
		ids[i] = c.arbABI.Events[e].ID
	}
	return c.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: u256(from), Addresses: []common.Address{c.addrs.VerdeArbitration},
		Topics: [][]common.Hash{ids, {common.BigToHash(u256(game))}},
	})
}
