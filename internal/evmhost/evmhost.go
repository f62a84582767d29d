// Package evmhost runs one contract's runtime bytecode in go-ethereum's
// in-process EVM, under the hard fork the contracts are compiled for
// (Prague, as foundry.toml's evm_version). The differential tests of the
// Solidity float library and of the one-step executor use it to compare the
// contracts with the Go engine without a chain.
package evmhost

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/state"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	evmruntime "github.com/ethereum/go-ethereum/core/vm/runtime"
	"github.com/ethereum/go-ethereum/params"
)

// Reverted is a call that reverted; Data is the revert payload.
type Reverted struct{ Data []byte }

func (e *Reverted) Error() string { return fmt.Sprintf("execution reverted: 0x%x", e.Data) }

// Host holds one contract in a fresh in-memory state. It is not safe for
// concurrent use; create one per goroutine.
type Host struct {
	cfg  *evmruntime.Config
	addr common.Address
}

// New installs runtime bytecode code at addr.
func New(code []byte, addr common.Address) (*Host, error) {
	if len(code) == 0 {
		return nil, errors.New("evmhost: empty runtime bytecode")
	}
	st, err := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	if err != nil {
		return nil, err
	}
	st.SetCode(addr, code, tracing.CodeChangeUnspecified)
	cc := *params.AllDevChainProtocolChanges // Prague rules, as foundry.toml
	cc.OsakaTime = nil
	return &Host{cfg: &evmruntime.Config{ChainConfig: &cc, State: st, GasLimit: 1 << 40}, addr: addr}, nil
}

// Deploy runs creation bytecode (a constructor, which may deploy further
// contracts) in a fresh in-memory state; the Host calls the created contract.
func Deploy(initcode []byte) (*Host, error) {
	if len(initcode) == 0 {
		return nil, errors.New("evmhost: empty creation bytecode")
	}
	st, err := state.New(types.EmptyRootHash, state.NewDatabaseForTesting())
	if err != nil {
		return nil, err
	}
	cc := *params.AllDevChainProtocolChanges // Prague rules, as foundry.toml
	cc.OsakaTime = nil
	h := &Host{cfg: &evmruntime.Config{ChainConfig: &cc, State: st, GasLimit: 1 << 40}}
	_, addr, _, err := evmruntime.Create(initcode, h.cfg)
	if err != nil {
		return nil, fmt.Errorf("evmhost: deploy: %w", err)
	}
	h.addr = addr
	return h, nil
}

// Address is the address of the contract Call calls.
func (h *Host) Address() common.Address { return h.addr }

// Call calls the contract with input and returns its output and the gas the
// call's execution used. A revert is a *Reverted.
func (h *Host) Call(input []byte) ([]byte, uint64, error) {
	return h.CallAt(h.addr, input)
}

// CallAt is Call of the contract at addr (one a constructor deployed).
func (h *Host) CallAt(addr common.Address, input []byte) ([]byte, uint64, error) {
	ret, left, err := evmruntime.Call(addr, input, h.cfg)
	if errors.Is(err, vm.ErrExecutionReverted) {
		return nil, 0, &Reverted{Data: common.CopyBytes(ret)}
	}
	if err != nil {
		return nil, 0, err
	}
	return ret, h.cfg.GasLimit - left, nil
}
