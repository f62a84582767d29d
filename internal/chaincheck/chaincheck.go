// Package chaincheck is the start-up check of every service and client that
// talks to the protocol: the chain answers with the deployments file's chain
// id, and every contract the caller uses has code there. It fails in one line
// that says what is wrong and what to do, instead of a retry loop on
// `abi: attempting to unmarshal an empty string`. It also tells whether a
// contract's code is the code this binary was built for (bindings.Deployed),
// for `gensyn status` and `gensyn version`.
package chaincheck

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
)

// Chain is what the check reads.
type Chain interface {
	ChainID(ctx context.Context) (*big.Int, error)
	CodeAt(ctx context.Context, account common.Address, blockNumber *big.Int) ([]byte, error)
}

// ChainIDError is a chain whose id is not the deployments file's.
type ChainIDError struct {
	Got  *big.Int
	Want uint64
}

func (e *ChainIDError) Error() string {
	return fmt.Sprintf("the RPC serves chain %s, the deployments file is for chain %d: wrong RPC URL or --deployments file?", e.Got, e.Want)
}

// NoCodeError is a contract address with no code on the chain.
type NoCodeError struct {
	Contract string
	Address  common.Address
	ChainID  uint64
}

func (e *NoCodeError) Error() string {
	return fmt.Sprintf("%s at %s has no code on chain %d: wrong --deployments file or a restarted devnet?", e.Contract, e.Address, e.ChainID)
}

// Contract names, as in bindings.Deployed.
const (
	StakeManager     = "StakeManager"
	JobMarket        = "JobMarket"
	CommitmentInbox  = "CommitmentInbox"
	NodeRegistry     = "NodeRegistry"
	VerdeArbitration = "VerdeArbitration"
	OneStep          = "OneStep"
	// ElementDecoder is the contract OneStep deploys in its constructor
	// (OneStep.decoder()); it is in no deployments file, so not in All.
	ElementDecoder = "ElementDecoder"
)

// All is every contract of a deployment.
var All = []string{StakeManager, JobMarket, CommitmentInbox, NodeRegistry, VerdeArbitration, OneStep}

// Address returns the named contract's address in a deployment.
func Address(c deployments.Contracts, name string) (common.Address, error) {
	switch name {
	case StakeManager:
		return c.StakeManager, nil
	case JobMarket:
		return c.JobMarket, nil
	case CommitmentInbox:
		return c.CommitmentInbox, nil
	case NodeRegistry:
		return c.NodeRegistry, nil
	case VerdeArbitration:
		return c.VerdeArbitration, nil
	case OneStep:
		return c.OneStep, nil
	}
	return common.Address{}, fmt.Errorf("no contract %q", name)
}

// CheckChainID fails unless the chain's id is the deployment's.
func CheckChainID(ctx context.Context, chain Chain, d *deployments.Deployment) error {
	id, err := chain.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("read the chain id: %w", err)
	}
	if !id.IsUint64() || id.Uint64() != d.ChainID {
		return &ChainIDError{Got: id, Want: d.ChainID}
	}
	return nil
}

// CheckCode fails unless the named contract has code on the chain.
func CheckCode(ctx context.Context, chain Chain, d *deployments.Deployment, name string) ([]byte, error) {
	addr, err := Address(d.Contracts, name)
	if err != nil {
		return nil, err
	}
	code, err := chain.CodeAt(ctx, addr, nil)
	if err != nil {
		return nil, fmt.Errorf("read the code of %s at %s: %w", name, addr, err)
	}
	if len(code) == 0 {
		return nil, &NoCodeError{Contract: name, Address: addr, ChainID: d.ChainID}
	}
	return code, nil
}

// Check is the start-up check: the chain id is the deployment's and every
// named contract (all of them when none is named) has code.
func Check(ctx context.Context, chain Chain, d *deployments.Deployment, names ...string) error {
	if err := CheckChainID(ctx, chain, d); err != nil {
		return err
	}
	if len(names) == 0 {
		names = All
	}
	for _, n := range names {
		if _, err := CheckCode(ctx, chain, d, n); err != nil {
			return err
		}
	}
	return nil
}

// MaskedHash is the keccak256 of code with the given ranges zeroed; false if
// a range lies outside the code.
func MaskedHash(code []byte, immutables []bindings.CodeRange) (common.Hash, bool) {
	c := common.CopyBytes(code)
	for _, r := range immutables {
		if r.Start < 0 || r.Start+r.Length > len(c) {
			return common.Hash{}, false
		}
		clear(c[r.Start : r.Start+r.Length])
	}
	return crypto.Keccak256Hash(c), true
}

// Matches tells whether code is the named contract's runtime code as this
// binary was built for it (immutables aside).
func Matches(name string, code []byte) bool {
	want, ok := bindings.Deployed[name]
	if !ok || len(code) != want.Size {
		return false
	}
	h, ok := MaskedHash(code, want.Immutables)
	return ok && h == want.Hash
}
