// Package indexer follows the protocol's contracts (JobMarket, StakeManager,
// NodeRegistry, CommitmentInbox and the VerdeArbitration dispute game) from a
// start block, a confirmation depth behind the head, and keeps what it reads
// in a Pebble store: jobs with their funders, bids, assignment rounds and
// checkpoint timelines (the inbox's batches are decoded from their calldata),
// dispute games move by move, participants with their stake history, and the
// market's totals. Each block is written in one atomic batch together with an
// undo record, so that a restart resumes after the last indexed block and a
// reorg (a parent-hash mismatch) rolls the orphaned blocks back before the
// new branch is indexed. docs/indexer.md describes what is kept and how.
//
// This file is the read API that the explorer and the job client use.
package indexer

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// ErrNotFound is matched (errors.Is) by every *NotFoundError.
var ErrNotFound = errors.New("indexer: not found")

// NotFoundError says which record a read did not find.
type NotFoundError struct {
	Kind string // "job", "game", "participant", "head"
	ID   string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("indexer: %s %s not found", e.Kind, e.ID) }

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// ErrCorrupt is returned (wrapped) when a stored record does not decode.
var ErrCorrupt = errors.New("indexer: corrupt record")

// Head is the last indexed block.
type Head struct {
	Number     uint64      `json:"number"`
	Hash       common.Hash `json:"hash"`
	ParentHash common.Hash `json:"parentHash"`
	Time       uint64      `json:"time"` // unix seconds
	// StartBlock is the first block this store indexed.
	StartBlock uint64 `json:"startBlock"`
}

// TxRef locates an event: the block, the transaction and the log.
type TxRef struct {
	Block     uint64         `json:"block"`
	BlockHash common.Hash    `json:"blockHash"`
	Time      uint64         `json:"time"` // the block's unix time
	Tx        common.Hash    `json:"tx"`
	LogIndex  uint           `json:"logIndex"`
	From      common.Address `json:"from,omitempty"` // the transaction's sender, when read
}

// JobStatus is IJobMarket.JobStatus.
type JobStatus uint8

// IJobMarket.JobStatus values.
const (
	StatusNone JobStatus = iota
	StatusOpen
	StatusAssigned
	StatusSubmitted
	StatusFinalized
	StatusCancelled
)

func (s JobStatus) String() string {
	switch s {
	case StatusOpen:
		return "open"
	case StatusAssigned:
		return "assigned"
	case StatusSubmitted:
		return "submitted"
	case StatusFinalized:
		return "finalized"
	case StatusCancelled:
		return "cancelled"
	}
	return "none"
}

// PriceStats summarises a set of prices in wei (nil fields when Count is 0).
type PriceStats struct {
	Count  int      `json:"count"`
	Min    *big.Int `json:"min,omitempty"`
	Median *big.Int `json:"median,omitempty"`
	Max    *big.Int `json:"max,omitempty"`
}

// Market is the market as of Head.
type Market struct {
	Head Head `json:"head"`
	// Jobs counts every job, ByStatus per JobStatus (index = status).
	Jobs     uint64    `json:"jobs"`
	ByStatus [6]uint64 `json:"byStatus"`
	// OpenMaxPrice is over the open jobs' maximum prices; OpenBestBid over
	// the best bids of the open jobs that have one; Assigned over the prices
	// of the jobs assigned, submitted or finalized.
	OpenMaxPrice PriceStats `json:"openMaxPrice"`
	OpenBestBid  PriceStats `json:"openBestBid"`
	Assigned     PriceStats `json:"assigned"`
	// ActiveWorkers: distinct workers of assigned or submitted jobs.
	// ActiveVerifiers: distinct challengers of live games. Verifiers:
	// distinct challengers of any game. Nodes: NodeRegistry registrations.
	ActiveWorkers   uint64 `json:"activeWorkers"`
	ActiveVerifiers uint64 `json:"activeVerifiers"`
	Verifiers       uint64 `json:"verifiers"`
	Nodes           uint64 `json:"nodes"`
	// TotalStake is the bonded stake of all stakers (StakeManager), Locked
	// the part locked as job collateral, Escrow the escrow of the jobs not
	// finalized or cancelled, Slashed/Burned the sums of StakeManager's
	// Slashed events (amount and burned part).
	TotalStake *big.Int `json:"totalStake"`
	Locked     *big.Int `json:"locked"`
	Escrow     *big.Int `json:"escrow"`
	Slashed    *big.Int `json:"slashed"`
	Burned     *big.Int `json:"burned"`
	// Paid is the price paid to workers of finalized jobs, Refunded the
	// refunds of finalized and cancelled jobs.
	Paid     *big.Int `json:"paid"`
	Refunded *big.Int `json:"refunded"`
	// Batches posted by the sequencer, Commitments in them (plus the
	// force-included ones), Games started, LiveGames not yet resolved.
	Batches     uint64 `json:"batches"`
	Commitments uint64 `json:"commitments"`
	Forced      uint64 `json:"forced"`
	Games       uint64 `json:"games"`
	LiveGames   uint64 `json:"liveGames"`
}

// JobParams is IJobMarket.JobParams.
type JobParams struct {
	SpecHash           common.Hash `json:"specHash"`
	DatasetHash        common.Hash `json:"datasetHash"`
	DatasetURI         common.Hash `json:"datasetUri"`
	InitialStateRoot   common.Hash `json:"initialStateRoot"`
	GraphRoot          common.Hash `json:"graphRoot"`
	DataRoot           common.Hash `json:"dataRoot"`
	Steps              uint64      `json:"steps"`
	CheckpointInterval uint64      `json:"checkpointInterval"`
	MaxPrice           *big.Int    `json:"maxPrice"`
	RequiredCollateral *big.Int    `json:"requiredCollateral"`
	BidWindow          uint64      `json:"bidWindow"`
	ExecutionWindow    uint64      `json:"executionWindow"`
	ChallengeWindow    uint64      `json:"challengeWindow"`
}

// Checkpoints is the job's checkpoint count K = Steps / CheckpointInterval.
func (p JobParams) Checkpoints() uint32 {
	if p.CheckpointInterval == 0 {
		return 0
	}
	return uint32(p.Steps / p.CheckpointInterval)
}

// JobSummary is one row of the job list.
type JobSummary struct {
	ID       uint64         `json:"id"`
	Poster   common.Address `json:"poster"`
	Status   JobStatus      `json:"status"`
	SpecHash common.Hash    `json:"specHash"`
	MaxPrice *big.Int       `json:"maxPrice"`
	Escrow   *big.Int       `json:"escrow"`
	// Price is the best bid while open, the assigned worker's price after.
	Price *big.Int `json:"price"`
	// Worker is the best bidder while open, the assigned worker after.
	Worker      common.Address `json:"worker"`
	Round       uint32         `json:"round"`    // assignments so far
	Auctions    uint8          `json:"auctions"` // auctions since posting or the last reopening
	Checkpoints uint32         `json:"checkpoints"`
	// Committed counts the checkpoints of the current round, in order from
	// 1, that are on chain (in a posted batch or force-included), or all of
	// them once the result is accepted (finalized).
	Committed     uint32 `json:"committed"`
	Games         uint32 `json:"games"`
	BiddingEndsAt uint64 `json:"biddingEndsAt"`
	Posted        TxRef  `json:"posted"`
	Updated       TxRef  `json:"updated"` // the job's last event
}

// JobFilter selects jobs for Jobs. Zero fields select everything.
type JobFilter struct {
	// Status, when not StatusNone, keeps jobs in that status.
	Status JobStatus
	// Address, when set, keeps jobs where it is the poster, a funder, a
	// bidder or an assigned worker.
	Address common.Address
	// Before, when not 0, keeps jobs with ID < Before (paging, newest first).
	Before uint64
	// Limit bounds the result (0: 100).
	Limit int
}

// Funding is one JobFunded event (the poster's JobPosted escrow is the first).
type Funding struct {
	Funder common.Address `json:"funder"`
	Amount *big.Int       `json:"amount"`
	Escrow *big.Int       `json:"escrow"` // the job's escrow after it
	Ref    TxRef          `json:"ref"`
}

// Bid is one BidPlaced event.
type Bid struct {
	Bidder  common.Address `json:"bidder"`
	Price   *big.Int       `json:"price"`
	Auction uint8          `json:"auction"` // the job's auction number when placed
	Ref     TxRef          `json:"ref"`
}

// Result is one ResultSubmitted event.
type Result struct {
	FinalModelRoot  common.Hash `json:"finalModelRoot"`
	CheckpointsRoot common.Hash `json:"checkpointsRoot"`
	CheckpointsList common.Hash `json:"checkpointsList"`
	ChallengeEndsAt uint64      `json:"challengeEndsAt"`
	Ref             TxRef       `json:"ref"`
}

// Inclusion places a commitment in a posted batch.
type Inclusion struct {
	Batch uint64 `json:"batch"` // CommitmentInbox batch index
	Leaf  uint32 `json:"leaf"`  // position in the batch
	Ref   TxRef  `json:"ref"`   // the BatchPosted event
}

// Loss is a checkpoint's reported training loss, Verified when a verifier's
// replay reached the same state root. Neither is on chain (the worker
// reports its loss in its log and metrics; the checkpoint file holds none),
// so the indexer leaves Checkpoint.Loss nil; a reader that has the losses
// from elsewhere fills it in.
type Loss struct {
	Value    float32 `json:"value"`
	Verified bool    `json:"verified"`
}

// Checkpoint is the timeline of one checkpoint commitment of a round.
// A worker may commit a checkpoint more than once (a resend); the first
// root on chain is shown, Conflicts counts other roots seen.
type Checkpoint struct {
	Index     uint32      `json:"index"` // 1..K
	StateRoot common.Hash `json:"stateRoot"`
	// Posted: in a sequencer batch on chain. Forced: force-included.
	Posted *Inclusion `json:"posted,omitempty"`
	Forced *TxRef     `json:"forced,omitempty"`
	// Audited lists the games opened over this checkpoint's transition.
	Audited   []uint64 `json:"audited,omitempty"`
	Loss      *Loss    `json:"loss,omitempty"`
	Conflicts int      `json:"conflicts,omitempty"`
}

// Round is one assignment of a job (JobAssigned's round).
type Round struct {
	Round          uint32         `json:"round"`
	Worker         common.Address `json:"worker"`
	Price          *big.Int       `json:"price"`
	ResultDeadline uint64         `json:"resultDeadline"`
	Assigned       TxRef          `json:"assigned"`
	Result         *Result        `json:"result,omitempty"`
	Checkpoints    []Checkpoint   `json:"checkpoints"` // in index order, only those seen
	Games          []uint64       `json:"games,omitempty"`
	// End says how the round ended: "" while it runs, "finalized",
	// "timed-out" or "lost-dispute". Slashed is the worker's collateral
	// slashed or burned.
	End     string   `json:"end,omitempty"`
	Slashed *big.Int `json:"slashed,omitempty"`
	EndRef  *TxRef   `json:"endRef,omitempty"`
}

// Payment is money leaving a job: the worker's price at finalization, a
// refund credited at finalization or cancellation (To is zero: shared among
// the funders), or a refund claimed by a funder.
type Payment struct {
	Kind   string         `json:"kind"` // "price", "refund", "refund-claimed"
	To     common.Address `json:"to"`
	Amount *big.Int       `json:"amount"`
	Ref    TxRef          `json:"ref"`
}

// Event is one line of a job's or game's history, in chain order.
type Event struct {
	Name string `json:"name"` // the contract event, e.g. "JobAssigned"
	Ref  TxRef  `json:"ref"`
	// Args are the event's fields, formatted, in declaration order.
	Args []Arg `json:"args,omitempty"`
}

// Arg is a named, formatted value.
type Arg struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Job is everything indexed about one job.
type Job struct {
	JobSummary
	Params   JobParams `json:"params"`
	Funders  []Funding `json:"funders"`
	Bids     []Bid     `json:"bids"`
	Rounds   []Round   `json:"rounds"`
	Payments []Payment `json:"payments"`
	// FinalModelRoot is the accepted result's model root (finalized jobs).
	FinalModelRoot common.Hash `json:"finalModelRoot"`
	Games          []uint64    `json:"games"`
	Events         []Event     `json:"events"`
}

// Outcome is IVerdeArbitration.Outcome.
type Outcome uint8

// IVerdeArbitration.Outcome values.
const (
	OutcomeNone Outcome = iota
	OutcomeWorkerWon
	OutcomeChallengerWon
	OutcomeMoot
	OutcomeShared
)

func (o Outcome) String() string {
	switch o {
	case OutcomeWorkerWon:
		return "worker won"
	case OutcomeChallengerWon:
		return "challenger won"
	case OutcomeMoot:
		return "moot"
	case OutcomeShared:
		return "shared"
	}
	return "live"
}

// Reason is IVerdeArbitration.Reason.
type Reason uint8

var reasonNames = []string{"", "timeout", "defended", "constant holds", "constant wrong", "step correct", "step wrong", "stale", "shared"}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason %d", r)
}

// Move is one move of a game: a GameStarted, pick, reveal, query, answer,
// one-step or resolution event with its transaction.
type Move struct {
	Name string         `json:"name"` // the event, e.g. "StepPicked"
	By   common.Address `json:"by"`   // the transaction's sender
	Ref  TxRef          `json:"ref"`
	Args []Arg          `json:"args,omitempty"`
	// Clocks after the move (seconds left), read from getGame at its block.
	WorkerClock     uint64 `json:"workerClock"`
	ChallengerClock uint64 `json:"challengerClock"`
	Phase           uint8  `json:"phase"` // IVerdeArbitration.Phase after the move
}

// Bisection is where a game narrowed the dispute, level by level; a level
// is nil until the game reached it.
type Bisection struct {
	// Checkpoint: the disputed transition checkpoint-1 -> checkpoint, with
	// the steps it spans [FromStep, ToStep).
	Checkpoint *CheckpointLevel `json:"checkpoint,omitempty"`
	// Step: the picked step t (state roots at t and t+1).
	Step *StepLevel `json:"step,omitempty"`
	// Node: the graph node picked in step t's trace.
	Node *NodeLevel `json:"node,omitempty"`
	// Element: the output element of that node.
	Element *ElementLevel `json:"element,omitempty"`
	// Primitive: the entry of the element's trace, checked by the one-step.
	Primitive *PrimitiveLevel `json:"primitive,omitempty"`
}

// CheckpointLevel is the disputed checkpoint transition.
type CheckpointLevel struct {
	Checkpoint uint32      `json:"checkpoint"`
	FromStep   uint64      `json:"fromStep"`
	ToStep     uint64      `json:"toStep"`
	StartRoot  common.Hash `json:"startRoot"`
	EndRoot    common.Hash `json:"endRoot"`
	StepRoots  common.Hash `json:"stepRoots,omitempty"` // StepRootsRevealed's list root
}

// StepLevel is the picked step.
type StepLevel struct {
	Step      uint64      `json:"step"`
	StartRoot common.Hash `json:"startRoot"`
	EndRoot   common.Hash `json:"endRoot"`
	NumNodes  uint32      `json:"numNodes,omitempty"` // from StepTraceRevealed
	NumState  uint32      `json:"numState,omitempty"`
	TraceList common.Hash `json:"traceList,omitempty"`
}

// NodeLevel is the picked graph node.
type NodeLevel struct {
	Node    uint32      `json:"node"`
	Claim   uint8       `json:"claim"` // IVerdeArbitration.Claim: 0 node output, 1 state output
	OutRoot common.Hash `json:"outRoot"`
	Element uint32      `json:"element"` // the element NodePicked named
}

// ElementLevel is the picked output element.
type ElementLevel struct {
	Element     uint32      `json:"element"`
	TraceLength uint32      `json:"traceLength,omitempty"` // from ElementTraceRevealed
	ListRoot    common.Hash `json:"listRoot,omitempty"`
}

// PrimitiveLevel is the picked trace entry and the one-step over it.
type PrimitiveLevel struct {
	Entry uint32 `json:"entry"`
	// OneStep is the proveStep call's decoded operands, when made.
	OneStep *OneStep `json:"oneStep,omitempty"`
}

// OneStep is a proveStep call: its decoded argument (operands) and what the
// executor decided (Result: "step correct" or "step wrong").
type OneStep struct {
	Ref      TxRef  `json:"ref"`
	Operands []Arg  `json:"operands"`
	Result   string `json:"result"`
}

// SlashRecord is a StakeManager Slashed event.
type SlashRecord struct {
	Staker    common.Address `json:"staker"`
	JobID     uint64         `json:"jobId"`
	Recipient common.Address `json:"recipient"`
	Amount    *big.Int       `json:"amount"`
	Reward    *big.Int       `json:"reward"`
	Burned    *big.Int       `json:"burned"`
	Ref       TxRef          `json:"ref"`
}

// Game is everything indexed about one dispute game.
type Game struct {
	ID         uint64         `json:"id"`
	JobID      uint64         `json:"jobId"`
	Round      uint32         `json:"round"`
	Checkpoint uint32         `json:"checkpoint"`
	Worker     common.Address `json:"worker"`
	Challenger common.Address `json:"challenger"`
	StartRoot  common.Hash    `json:"startRoot"`
	EndRoot    common.Hash    `json:"endRoot"`
	// Bond is the challenger's bond (from getGame at the start).
	Bond *big.Int `json:"bond"`
	// Clocks (seconds left) and the last move's time after the last move.
	WorkerClock     uint64    `json:"workerClock"`
	ChallengerClock uint64    `json:"challengerClock"`
	LastMoveAt      uint64    `json:"lastMoveAt"`
	Phase           uint8     `json:"phase"`
	Moves           []Move    `json:"moves"`
	Bisection       Bisection `json:"bisection"`
	// Outcome and Reason are GameResolved's; Paid who got the bond.
	Outcome  Outcome        `json:"outcome"`
	Reason   Reason         `json:"reason"`
	Paid     common.Address `json:"paid"`
	Resolved *TxRef         `json:"resolved,omitempty"`
	// Slash is the worker's slash when this game ended the round; Reward is
	// the challenger's share of the round's slash reward (RewardShared).
	Slash  *SlashRecord `json:"slash,omitempty"`
	Reward *big.Int     `json:"reward,omitempty"`
}

// Live reports whether the game is not resolved.
func (g *Game) Live() bool { return g.Outcome == OutcomeNone }

// StakeChange is one StakeManager event of a staker.
type StakeChange struct {
	Kind   string   `json:"kind"` // "deposit", "unbond", "withdraw", "lock", "unlock", "slash"
	Amount *big.Int `json:"amount"`
	JobID  uint64   `json:"jobId,omitempty"`
	// Staked is the bonded stake after the change.
	Staked *big.Int `json:"staked"`
	Ref    TxRef    `json:"ref"`
}

// ParticipantJob is a job a participant took part in, with its roles
// ("poster", "funder", "bidder", "worker").
type ParticipantJob struct {
	JobID uint64   `json:"jobId"`
	Roles []string `json:"roles"`
}

// Participant is everything indexed about one address.
type Participant struct {
	Address common.Address `json:"address"`
	// NodeRegistry identity (Registered false when never registered).
	Registered bool   `json:"registered"`
	PeerID     []byte `json:"peerId,omitempty"`
	Hardware   string `json:"hardware,omitempty"`
	// NodeRegistry counters.
	JobsDone     uint64 `json:"jobsDone"`
	DisputesWon  uint64 `json:"disputesWon"`
	DisputesLost uint64 `json:"disputesLost"`
	// StakeManager balances.
	Staked    *big.Int         `json:"staked"`
	Unbonding *big.Int         `json:"unbonding"`
	Locked    *big.Int         `json:"locked"`
	Slashed   *big.Int         `json:"slashed"`
	Stake     []StakeChange    `json:"stake"`
	Jobs      []ParticipantJob `json:"jobs"` // by job id
	// Games as worker or challenger, won and lost (from GameResolved).
	Games     []uint64 `json:"games"`
	GamesWon  []uint64 `json:"gamesWon"`
	GamesLost []uint64 `json:"gamesLost"`
	// Earnings: prices of finalized jobs as worker, slash rewards (StakeManager
	// Slashed reward to it, RewardShared), bonds won back or taken.
	Earnings *big.Int `json:"earnings"`
	// Withdrawn from JobMarket, VerdeArbitration and StakeManager.
	Withdrawn *big.Int `json:"withdrawn"`
}

// Update is sent to subscribers after each indexed block, and after a
// rollback (Reorg true, Head the new head).
type Update struct {
	Head         Head             `json:"head"`
	Reorg        bool             `json:"reorg,omitempty"`
	Jobs         []uint64         `json:"jobs,omitempty"`
	Games        []uint64         `json:"games,omitempty"`
	Participants []common.Address `json:"participants,omitempty"`
}
