// Package dispute computes both sides' moves of the Verde dispute game
// (contracts/src/VerdeArbitration.sol, docs/dispute.md) from RepOps
// training: the worker's Defender answers every move from its own (claimed)
// states, and the verifier's Challenger picks, level by level, the first
// place where the worker's commitments differ from its own replay, falling
// back to on-chain queries (bisection over the worker's Merkle trees) when
// the worker withholds the data behind a commitment.
//
// The package does no I/O with the chain or the blob store: callers (the
// worker service and `gensyn verifier`) read the game with getGame, fetch
// published blobs, collect QueryAnswered events, and send the moves this
// package returns.
package dispute

import (
	"io"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
)

// Phase mirrors IVerdeArbitration.Phase.
type Phase uint8

const (
	PhaseNone Phase = iota
	PhasePickCheckpoint
	PhaseStepRoots
	PhasePickStep
	PhaseStepTrace
	PhasePickNode
	PhaseDefend
	PhasePickElement
	PhaseElementTrace
	PhasePickEntry
	PhaseOneStep
	PhaseAnswer
	PhaseResolved
)

// WorkerToMove reports whether the worker moves in phase p.
func (p Phase) WorkerToMove() bool {
	switch p {
	case PhaseStepRoots, PhaseStepTrace, PhaseDefend, PhaseElementTrace, PhaseOneStep, PhaseAnswer:
		return true
	}
	return false
}

func (p Phase) String() string {
	names := [...]string{"none", "pick-checkpoint", "step-roots", "pick-step", "step-trace", "pick-node", "defend", "pick-element",
		"element-trace", "pick-entry", "one-step", "answer", "resolved"}
	if int(p) < len(names) {
		return names[p]
	}
	return "unknown"
}

// List mirrors IVerdeArbitration.List (what a query opens).
type List uint8

const (
	ListStepRoots List = iota
	ListStepTrace
	ListNextState
	ListOutTensor
	ListElementTrace
	ListCheckpoints
)

// Claim mirrors IVerdeArbitration.Claim.
type Claim uint8

const (
	ClaimNodeOutput Claim = iota
	ClaimStateOutput
)

// Outcome mirrors IVerdeArbitration.Outcome.
type Outcome uint8

const (
	OutcomeNone Outcome = iota
	OutcomeWorkerWon
	OutcomeChallengerWon
	OutcomeMoot
	// OutcomeShared: the worker lost another game of the round while this one
	// was live; the challenger gets its bond back and a share of the reward.
	OutcomeShared
)

// NoElement is VerdeArbitration.NO_ELEMENT: pickNode without an element.
const NoElement = ^uint32(0)

// Game is the contract's view of a game (getGame).
type Game = bindings.IVerdeArbitrationGame

// WorkerMove is the worker's next move: exactly one field is set. Blob, when
// set, is the data behind the move's commitment, to publish to the blob
// store (an honest worker publishes it; its keccak is the move's dataHash).
type WorkerMove struct {
	StepRoots    *StepRootsMove
	StepTrace    *StepTraceMove
	Defence      *DefenceMove
	ElementTrace *ElementTraceMove
	OneStep      *bindings.OneStepLibStepProof
	Answer       *AnswerMove
	Blob         []byte
	// BlobTo is set instead of Blob when the data is larger than the
	// Defender's InlineBlobLimit (a large model's step trace): it writes
	// the blob, BlobSize bytes, as a stream, so the data is not held twice.
	BlobTo   io.WriterTo
	BlobSize int64
}

// StepRootsMove is revealStepRoots' arguments.
type StepRootsMove struct {
	ListRoot   commit.Hash
	FirstProof []commit.Hash
	LastProof  []commit.Hash
	DataHash   commit.Hash
}

// StepTraceMove is revealStepTrace's arguments (IVerdeArbitration.StepTraceReveal):
// with the proofs of the last item of the trace list and of the next-state
// list, whose padding checks make both roots canonical.
type StepTraceMove struct {
	NumNodes      uint32
	GraphList     commit.Hash
	TraceList     commit.Hash
	NumState      uint32
	StartList     commit.Hash
	NextList      commit.Hash
	LastOutRoot   commit.Hash
	LastOutProof  []commit.Hash
	LastNextRoot  commit.Hash
	LastNextProof []commit.Hash
	DataHash      commit.Hash
}

// DefenceMove is defend's arguments.
type DefenceMove struct {
	Proof     []commit.Hash
	DataList  commit.Hash
	DataCount uint32
}

// ElementTraceMove is revealElementTrace's arguments.
type ElementTraceMove struct {
	TraceLength uint32
	ListRoot    commit.Hash
	LastItem    commit.Hash
	LastProof   []commit.Hash
	Leaf        commit.Hash
	LeafPath    []commit.Hash
	DataHash    commit.Hash
}

// AnswerMove is answer's arguments.
type AnswerMove struct {
	Item  commit.Hash
	Proof []commit.Hash
}

// ChallengerMove is the challenger's next move: exactly one field is set.
type ChallengerMove struct {
	PickCheckpoint *PickCheckpointMove
	PickStep       *PickStepMove
	PickNode       *bindings.IVerdeArbitrationNodePick
	PickElement    *uint32
	PickEntry      *uint32
	Query          *QueryMove
}

// PickCheckpointMove is pickCheckpoint's arguments (a game opened with
// challengeResult): checkpoint k and the roots of checkpoints k-1 and k with
// their proofs under the result's checkpoints list (PrevRoot and PrevProof
// are ignored for k = 1).
type PickCheckpointMove struct {
	Checkpoint uint32
	PrevRoot   commit.Hash
	PrevProof  []commit.Hash
	CurRoot    commit.Hash
	CurProof   []commit.Hash
}

// PickStepMove is pickStep's arguments.
type PickStepMove struct {
	Index      uint32
	StartRoot  commit.Hash
	StartProof []commit.Hash
	EndRoot    commit.Hash
	EndProof   []commit.Hash
}

// QueryMove is query's arguments.
type QueryMove struct {
	List  List
	Index uint32
}

// Answer is one QueryAnswered event of a game.
type Answer struct {
	List  List
	Index uint32
	Item  commit.Hash
	Proof []commit.Hash
}

// Evidence is what the worker revealed in a game beyond the contract's
// state: the published blobs (nil when the worker withheld one or it could
// not be fetched; the challenger checks each against the on-chain root and
// ignores one that does not match) and every query answer so far.
//
// A caller that decodes the blobs itself, from streams (a large step trace
// is never held whole), sets the decoded fields instead; they take
// precedence over the byte fields.
type Evidence struct {
	StepRoots    []byte // the blob of StepRootsRevealed's dataHash
	StepTrace    []byte // the blob of StepTraceRevealed's dataHash
	ElementTrace []byte // the blob of ElementTraceRevealed's dataHash
	Answers      []Answer

	StepRootsData    *StepRootsData    // StepRoots decoded (Decode)
	StepTraceData    *StepTraceData    // StepTrace decoded
	ElementTraceData *ElementTraceData // ElementTrace decoded

	// StepTraceFile is StepTrace read from a file (OpenStepTrace): its
	// elements are read when a node's output is needed, never held whole.
	// It takes precedence over StepTraceData.
	StepTraceFile *StepTraceFile
}

// stepRoots returns the published step roots, decoded; nil when missing or
// malformed.
func (ev *Evidence) stepRoots() *StepRootsData {
	if ev.StepRootsData != nil {
		return ev.StepRootsData
	}
	if ev.StepRoots == nil {
		return nil
	}
	var d StepRootsData
	if d.UnmarshalBinary(ev.StepRoots) != nil {
		return nil
	}
	return &d
}

// stepTrace returns the published step trace, decoded (its elements read on
// demand from a file); nil when missing or malformed.
func (ev *Evidence) stepTrace() PublishedStepTrace {
	if ev.StepTraceFile != nil {
		return ev.StepTraceFile
	}
	if ev.StepTraceData != nil {
		return ev.StepTraceData
	}
	if ev.StepTrace == nil {
		return nil
	}
	var d StepTraceData
	if d.UnmarshalBinary(ev.StepTrace) != nil {
		return nil
	}
	return &d
}

// elementTrace returns the published element trace, decoded; nil when
// missing or malformed.
func (ev *Evidence) elementTrace() *ElementTraceData {
	if ev.ElementTraceData != nil {
		return ev.ElementTraceData
	}
	if ev.ElementTrace == nil {
		return nil
	}
	var d ElementTraceData
	if d.UnmarshalBinary(ev.ElementTrace) != nil {
		return nil
	}
	return &d
}
