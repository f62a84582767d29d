package dispute

import (
	"errors"
	"math/big"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
)

var game = bindings.NewVerdeArbitration()

// PackWorkerMove returns the calldata of the worker's move in game gameID.
func PackWorkerMove(gameID *big.Int, m *WorkerMove) ([]byte, error) {
	switch {
	case m.StepRoots != nil:
		x := m.StepRoots
		return game.TryPackRevealStepRoots(gameID, x.ListRoot, hashes32(x.FirstProof), hashes32(x.LastProof), x.DataHash)
	case m.StepTrace != nil:
		x := m.StepTrace
		return game.TryPackRevealStepTrace(gameID, bindings.IVerdeArbitrationStepTraceReveal{
			NumNodes: x.NumNodes, GraphList: x.GraphList, TraceList: x.TraceList, NumState: x.NumState,
			StartList: x.StartList, NextList: x.NextList, LastOutRoot: x.LastOutRoot,
			LastOutProof: hashes32(x.LastOutProof), LastNextRoot: x.LastNextRoot,
			LastNextProof: hashes32(x.LastNextProof), DataHash: x.DataHash,
		})
	case m.Defence != nil:
		x := m.Defence
		return game.TryPackDefend(gameID, hashes32(x.Proof), x.DataList, x.DataCount)
	case m.ElementTrace != nil:
		x := m.ElementTrace
		return game.TryPackRevealElementTrace(gameID, x.TraceLength, x.ListRoot, x.LastItem, hashes32(x.LastProof), x.Leaf, hashes32(x.LeafPath), x.DataHash)
	case m.OneStep != nil:
		return game.TryPackProveStep(gameID, *m.OneStep)
	case m.Answer != nil:
		return game.TryPackAnswer(gameID, m.Answer.Item, hashes32(m.Answer.Proof))
	}
	return nil, errors.New("dispute: empty worker move")
}

// PackChallengerMove returns the calldata of the challenger's move in game
// gameID.
func PackChallengerMove(gameID *big.Int, m *ChallengerMove) ([]byte, error) {
	switch {
	case m.PickCheckpoint != nil:
		x := m.PickCheckpoint
		return game.TryPackPickCheckpoint(gameID, x.Checkpoint, x.PrevRoot, hashes32(x.PrevProof), x.CurRoot, hashes32(x.CurProof))
	case m.PickStep != nil:
		x := m.PickStep
		return game.TryPackPickStep(gameID, x.Index, x.StartRoot, hashes32(x.StartProof), x.EndRoot, hashes32(x.EndProof))
	case m.PickNode != nil:
		return game.TryPackPickNode(gameID, *m.PickNode)
	case m.PickElement != nil:
		return game.TryPackPickElement(gameID, *m.PickElement)
	case m.PickEntry != nil:
		return game.TryPackPickEntry(gameID, *m.PickEntry)
	case m.Query != nil:
		return game.TryPackQuery(gameID, uint8(m.Query.List), m.Query.Index)
	}
	return nil, errors.New("dispute: empty challenger move")
}

// String names the move (for logs and metrics).
func (m *WorkerMove) String() string {
	switch {
	case m.StepRoots != nil:
		return "revealStepRoots"
	case m.StepTrace != nil:
		return "revealStepTrace"
	case m.Defence != nil:
		return "defend"
	case m.ElementTrace != nil:
		return "revealElementTrace"
	case m.OneStep != nil:
		return "proveStep"
	case m.Answer != nil:
		return "answer"
	}
	return "none"
}

// String names the move (for logs and metrics).
func (m *ChallengerMove) String() string {
	switch {
	case m.PickCheckpoint != nil:
		return "pickCheckpoint"
	case m.PickStep != nil:
		return "pickStep"
	case m.PickNode != nil:
		return "pickNode"
	case m.PickElement != nil:
		return "pickElement"
	case m.PickEntry != nil:
		return "pickEntry"
	case m.Query != nil:
		return "query"
	}
	return "none"
}

// ResultCheckpointProof builds the proof of checkpoint k (1-based) of a
// result whose checkpoints root covers roots (the worker's K checkpoint
// roots, in order).
func ResultCheckpointProof(roots []commit.Hash, k int) (bindings.IVerdeArbitrationCheckpointProof, error) {
	if k < 1 || k > len(roots) {
		return bindings.IVerdeArbitrationCheckpointProof{}, errors.New("dispute: checkpoint out of range")
	}
	p, err := commit.ListProof(roots, uint64(k-1))
	if err != nil {
		return bindings.IVerdeArbitrationCheckpointProof{}, err
	}
	return bindings.IVerdeArbitrationCheckpointProof{StateRoot: roots[k-1], Proof: hashes32(p.Siblings),
		BatchIndex: new(big.Int), LeafIndex: new(big.Int)}, nil
}
