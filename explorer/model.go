package explorer

import (
	"context"
	"io"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Source is what the pages are built from: the indexer's store behind an
// adapter (NewIndexSource), or a fake in tests. Each method returns
// ErrNotFound for an unknown id and an error wrapping ErrUnavailable when
// its backend cannot be read.
type Source interface {
	Market(ctx context.Context) (*Market, error)
	Job(ctx context.Context, id uint64) (*Job, error)
	Game(ctx context.Context, id uint64) (*Game, error)
	Participant(ctx context.Context, addr common.Address) (*Participant, error)
	// Model returns the job's final model, checked against the on-chain
	// final model root (the bytes decode to a checkpoint whose state root
	// is that root, of the job's spec and last step) before it is
	// returned, as a file to read (the caller closes it).
	Model(ctx context.Context, id uint64) (io.ReadSeekCloser, error)
	// Changes calls f with the indexed head and the topics that changed
	// ("market", "job/7", "game/3", "participant/0x...") after each block
	// the indexer takes in, until ctx ends.
	Changes(ctx context.Context, f func(head uint64, topics []string)) error
}

// Head is the indexed block the page was built at.
type Head struct {
	Number uint64
	Hash   common.Hash
	Time   time.Time
}

// Market is the front page.
type Market struct {
	Head       Head
	OpenJobs   []JobRow // the latest open jobs (at most 50)
	OpenCount  uint64   // every open job
	RecentJobs []JobRow // the latest jobs of any status, newest first
	Workers    uint64   // workers of assigned or submitted jobs
	Verifiers  uint64   // challengers of live games
	// AllVerifiers: challengers of any game; Nodes: NodeRegistry nodes.
	AllVerifiers uint64
	Nodes        uint64
	Jobs         uint64
	GameCount    uint64
	LiveGames    uint64
	Batches      uint64
	Commitments  uint64
	Forced       uint64
	Paid         *big.Int
	Refunded     *big.Int
	// OpenMaxPrice and Assigned are the median prices of the open jobs'
	// maximum and of the assigned jobs' accepted prices (nil: none).
	OpenMaxPrice   *big.Int
	AssignedMedian *big.Int
	TotalStake     *big.Int
	Escrow         *big.Int // held by the market for jobs not yet paid or refunded
	Slashed        *big.Int
	Burned         *big.Int
	Prices         []PricePoint // accepted prices over time, for the chart
	Games          []GameRow    // the latest dispute games
}

// PricePoint is one job's accepted price.
type PricePoint struct {
	Job   uint64
	Time  time.Time
	Price *big.Int
}

// JobRow is a job in a list.
type JobRow struct {
	ID       uint64
	Status   string
	Poster   common.Address
	Worker   common.Address // zero before assignment
	MaxPrice *big.Int
	Price    *big.Int // the accepted bid; nil before assignment
	// Committed of Checkpoints: the current round's checkpoints on chain.
	Committed, Checkpoints uint32
	Posted                 time.Time
}

// Job is a job's page.
type Job struct {
	Head   Head
	ID     uint64
	Status string
	Poster common.Address
	Worker common.Address

	SpecHash common.Hash
	DataHash common.Hash
	// Spec is the spec's canonical JSON from the blob store, shown only
	// when its keccak256 is SpecHash; SpecNote says why it is not shown.
	Spec     string
	SpecNote string

	Steps              uint64
	CheckpointInterval uint64
	MaxPrice           *big.Int
	Price              *big.Int
	Collateral         *big.Int
	Escrow             *big.Int
	BidWindow          time.Duration
	ExecutionWindow    time.Duration
	ChallengeWindow    time.Duration
	Posted             Tx

	Funders     []Funding
	Bids        []Bid
	Rounds      []Round
	Checkpoints []Checkpoint
	Loss        []LossPoint

	FinalModelRoot common.Hash // zero until a result is submitted
	Finalized      bool        // the model can be downloaded
	Payments       []Payment
	Games          []GameRow
}

// Tx is where something happened on chain.
type Tx struct {
	Hash  common.Hash
	Block uint64
	Time  time.Time
}

// Funding is one deposit into a job's escrow.
type Funding struct {
	From   common.Address
	Amount *big.Int
	Tx     Tx
}

// Bid is a worker's bid in an auction.
type Bid struct {
	Auction uint64
	Worker  common.Address
	Price   *big.Int
	Won     bool
	Tx      Tx
}

// Round is one assignment of the job to a worker.
type Round struct {
	N       uint64
	Worker  common.Address
	Price   *big.Int
	Started Tx
	Outcome string // "running", "paid", "slashed", "timed out", "reopened"
}

// Checkpoint is one checkpoint's timeline.
type Checkpoint struct {
	Index         uint64
	Step          uint64
	Round         uint64
	Root          common.Hash
	Loss          float64
	HasLoss       bool
	Batch         uint64 // the inbox batch that holds it, when Posted
	Posted        *Tx    // the sequencer's batch holding it landed in the inbox
	ForceIncluded *Tx    // the worker forced it into the inbox
	Verified      bool   // a verifier's replay reached the same root
	Games         []uint64
	Conflicts     int // other roots the worker committed for it
}

// LossPoint is the worker's reported loss at a step, marked verified where
// a verifier's replay of that checkpoint matched.
type LossPoint struct {
	Step     uint64
	Loss     float64
	Verified bool
}

// Payment is money leaving the job: the worker's payment, a refund, a
// slash reward.
type Payment struct {
	Kind   string // "payment", "refund", "reward"
	To     common.Address
	Amount *big.Int
	Tx     Tx
}

// GameRow is a dispute game in a list.
type GameRow struct {
	ID         uint64
	JobID      uint64
	Round      uint64
	Worker     common.Address
	Challenger common.Address
	Phase      string
	Outcome    string // "" while running
	Started    time.Time
}

// Game is a dispute game's page.
type Game struct {
	Head Head
	GameRow
	Checkpoint      uint64
	Reason          string
	Bond            *big.Int
	WorkerClock     time.Duration // time left (or used, once resolved)
	ChallengerClock time.Duration
	ClockNote       string
	Moves           []Move
	Levels          []Level
	OneStep         *OneStep
	Slash           *Slash
	Reward          *big.Int // the challenger's share of the slash reward
	Paid            common.Address
}

// Move is one transaction of the game.
type Move struct {
	N      int
	By     string // "worker", "challenger", "keeper"
	From   common.Address
	Name   string // the contract call: challenge, revealStepRoots, pickStep, ...
	Detail string
	Tx     Tx
	// Clocks after the move (time left) and the phase it led to.
	WorkerClock     time.Duration
	ChallengerClock time.Duration
	Phase           string
}

// Level is one level of the bisection: the interval the two sides agreed
// on (Lo) and disagreed on (Hi) at a level, and the index picked.
type Level struct {
	Name   string // "checkpoint", "step", "graph node", "element", "primitive"
	Detail string
	// The bar: the level's whole range [0, Size), the range it narrowed
	// [Lo, Hi) and the index picked in it. HasBar is false when the size
	// is not known.
	Lo, Hi, Size, Picked uint64
	HasBar               bool
}

// OneStep is the primitive that was executed on chain.
type OneStep struct {
	Entry    uint64
	Operands []Arg
	Result   string // "step correct" or "step wrong"
	Tx       Tx
}

// Arg is a named, formatted value.
type Arg struct {
	Name, Value string
}

// Slash is the penalty the game's loser paid.
type Slash struct {
	Who    common.Address
	Amount *big.Int
	Reward *big.Int
	Burned *big.Int
	Tx     Tx
}

// Participant is an account's page.
type Participant struct {
	Head       Head
	Address    common.Address
	Registered bool
	Identity   string // the NodeRegistry's metadata
	Roles      []string
	Stake      *big.Int
	Locked     *big.Int
	History    []StakeChange
	Jobs       []JobRow
	GamesWon   []GameRow
	GamesLost  []GameRow
	Earnings   *big.Int
	Slashed    *big.Int
	Unbonding  *big.Int
	Withdrawn  *big.Int
	JobsDone   uint64
}

// StakeChange is one change of an account's stake.
type StakeChange struct {
	Kind    string // "deposit", "unbond", "withdraw", "lock", "unlock", "slash"
	JobID   uint64
	Amount  *big.Int
	Balance *big.Int // staked after the change
	Tx      Tx
}
