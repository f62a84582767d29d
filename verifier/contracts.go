package verifier

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/reverts"
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
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
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
	return &Contracts{client: client, addrs: addrs, market: bindings.NewJobMarket(),
		inbox: bindings.NewCommitmentInbox(), arb: bindings.NewVerdeArbitration(), inboxABI: inboxABI, arbABI: arbABI}
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

// RequiredBond reads VerdeArbitration.requiredBond(): the bond floor, or
// DEFENCE_GAS at the head's base fee if that is more.
func (c *Contracts) RequiredBond(ctx context.Context) (*big.Int, error) {
	return read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackRequiredBond(), c.arb.UnpackRequiredBond)
}

// LiveGameOf reads VerdeArbitration.liveGameOf(challenger, job, round, k):
// the id of the challenger's live game on (job, round, checkpoint k; 0: a
// result game before its pick), ok false when there is none.
func (c *Contracts) LiveGameOf(ctx context.Context, challenger common.Address, job uint64, round, k uint32) (uint64, bool, error) {
	n, err := read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackLiveGameOf(challenger, u256(job), round, k), c.arb.UnpackLiveGameOf)
	if err != nil || n.Sign() == 0 {
		return 0, false, err
	}
	if !n.IsUint64() {
		return 0, false, fmt.Errorf("live game id %s does not fit 64 bits", n)
	}
	return n.Uint64() - 1, true, nil
}

// QueryLimit reads VerdeArbitration.queryLimit(count): the most queries of
// one list of count items in one game.
func (c *Contracts) QueryLimit(ctx context.Context, count uint64) (uint64, error) {
	n, err := read(ctx, c, c.addrs.VerdeArbitration, c.arb.PackQueryLimit(u256(count)), c.arb.UnpackQueryLimit)
	if err != nil {
		return 0, err
	}
	return n.Uint64(), nil
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

// IsIncluded checks an inclusion proof against the inbox
// (CommitmentInbox.isIncluded).
func (c *Contracts) IsIncluded(ctx context.Context, cm inbox.Commitment, batchIndex, leafIndex *big.Int, proof []common.Hash) (bool, error) {
	return read(ctx, c, c.addrs.CommitmentInbox, c.inbox.PackIsIncluded(inboxCommitment(cm), batchIndex, leafIndex, hashes32(proof)),
		c.inbox.UnpackIsIncluded)
}

func inboxCommitment(cm inbox.Commitment) bindings.ICommitmentInboxCommitment {
	return bindings.ICommitmentInboxCommitment{JobId: cm.JobID, Round: cm.Round, Checkpoint: cm.Checkpoint, StateRoot: cm.StateRoot, Worker: cm.Worker}
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

// ChallengeResultCandidate is VerdeArbitration.challengeResult(jobId) with
// the bond: a game over the result's checkpoints list, whose roots the
// challenger does not know.
func (c *Contracts) ChallengeResultCandidate(job uint64, bond *big.Int) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackChallengeResult(u256(job)), bond)
}

// PickCheckpointCandidate is VerdeArbitration.pickCheckpoint.
func (c *Contracts) PickCheckpointCandidate(game uint64, k uint32, prev common.Hash, prevProof []common.Hash, cur common.Hash,
	curProof []common.Hash) txmgr.TxCandidate {
	return candidate(c.addrs.VerdeArbitration, c.arb.PackPickCheckpoint(u256(game), k, prev, hashes32(prevProof), cur, hashes32(curProof)), nil)
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

// Simulate runs a candidate as an eth_call from `from`; an error means the
// transaction would revert.
func (c *Contracts) Simulate(ctx context.Context, from common.Address, cand txmgr.TxCandidate) error {
	_, err := c.client.CallContract(ctx, ethereum.CallMsg{From: from, To: cand.To, Data: cand.TxData, Value: cand.Value}, nil)
	return reverts.Decode(err)
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
		return cand, reverts.Decode(err)
	}
	cand.GasLimit = est + est/2 + gasMargin
	return cand, nil
}

// Log queries are tried logRetries times, logRetryDelay apart: a node can
// answer a query that reaches the head with an error while it is still
// indexing the head's logs (geth's log index: "failed to retrieve log value
// pointer ... not found").
const (
	logRetries    = 3
	logRetryDelay = 100 * time.Millisecond
)

func (c *Contracts) filterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	for i := 1; ; i++ {
		logs, err := c.client.FilterLogs(ctx, q)
		if err == nil || i == logRetries || ctx.Err() != nil {
			return logs, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(logRetryDelay):
		}
	}
}

// gameLogs returns the logs of VerdeArbitration's events named `events`
// whose first indexed argument is game, from block `from`.
func (c *Contracts) gameLogs(ctx context.Context, game uint64, from uint64, events ...string) ([]types.Log, error) {
	ids := make([]common.Hash, len(events))
	for i, e := range events {
		ids[i] = c.arbABI.Events[e].ID
	}
	return c.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: u256(from), Addresses: []common.Address{c.addrs.VerdeArbitration},
		Topics: [][]common.Hash{ids, {common.BigToHash(u256(game))}},
	})
}

// OwnNonces returns the account's nonce at the head and its pending nonce
// (the head's plus its transactions in the node's pool).
func (c *Contracts) OwnNonces(ctx context.Context, a common.Address) (latest, pending uint64, err error) {
	if latest, err = c.client.NonceAt(ctx, a, nil); err != nil {
		return 0, 0, err
	}
	if pending, err = c.client.PendingNonceAt(ctx, a); err != nil {
		return 0, 0, err
	}
	return latest, pending, nil
}

// gameStartedLogs returns the GameStarted events of job from block from.
func (c *Contracts) gameStartedLogs(ctx context.Context, job uint64, from uint64) ([]*bindings.VerdeArbitrationGameStarted, error) {
	logs, err := c.filterLogs(ctx, ethereum.FilterQuery{
		FromBlock: u256(from), Addresses: []common.Address{c.addrs.VerdeArbitration},
		Topics: [][]common.Hash{{c.arbABI.Events["GameStarted"].ID}, nil, {common.BigToHash(u256(job))}},
	})
	if err != nil {
		return nil, err
	}
	var out []*bindings.VerdeArbitrationGameStarted
	for i := range logs {
		if logs[i].Removed {
			continue
		}
		ev, err := c.arb.UnpackGameStartedEvent(&logs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// revertData returns the revert data carried by an eth_call or
// eth_estimateGas error (JSON-RPC error data), nil when there is none.
func revertData(err error) []byte {
	var de gethrpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil
	}
	b, derr := hexutil.Decode(s)
	if derr != nil {
		return nil
	}
	return b
}

// gameExists says whether err is VerdeArbitration's GameExists(gameId)
// revert (this challenger already has a live game on the job, round and
// checkpoint) and returns that game's id.
func (c *Contracts) gameExists(err error) (uint64, bool) {
	data := revertData(err)
	id := c.arbABI.Errors["GameExists"].ID
	if len(data) < 4 || !bytes.Equal(data[:4], id[:4]) {
		return 0, false
	}
	e, uerr := c.arb.UnpackGameExistsError(data[4:])
	if uerr != nil || !e.GameId.IsUint64() {
		return 0, false
	}
	return e.GameId.Uint64(), true
}
