// Package testchain is an in-process simulated chain with the protocol's
// contracts deployed, for unit tests of code that talks to the contracts.
// End-to-end tests use a real anvil instead (see e2e/).
package testchain

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
)

// Backend is the simulated chain's client. It mines a block after every
// transaction it sends, like anvil's automine, and satisfies both
// bind.ContractBackend and op-service txmgr's ETHBackend.
//
// Blocks are sealed one at a time (mu): two concurrent seals make the
// simulated beacon's txpool.Sync calls overwrite each other's waiter, and
// one of them then waits forever (a service's txmgr and a test often send
// at once). See also New's miner recommit.
type Backend struct {
	simulated.Client
	sim *simulated.Backend
	mu  *sync.Mutex
}

// BlobBaseFee implements txmgr.ETHBackend.
func (b Backend) BlobBaseFee(context.Context) (*big.Int, error) { return big.NewInt(1), nil }

// Close implements txmgr.ETHBackend; the chain is closed by the test cleanup.
func (b Backend) Close() {}

// SendTransaction sends tx and mines it.
func (b Backend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if b.sim == nil {
		return b.Client.SendTransaction(ctx, tx)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	b.sim.Commit()
	return nil
}

// Chain is a simulated chain with named, funded actors.
type Chain struct {
	T       testing.TB
	Sim     *simulated.Backend
	Backend Backend
	ChainID *big.Int
	Keys    map[string]*ecdsa.PrivateKey
	// Contracts are set by DeployProtocol.
	Contracts deployments.Contracts

	// URL is NewAnvil's JSON-RPC endpoint.
	URL string

	fees map[common.Address]*big.Int
	rpc  *rpc.Client // NewAnvil's chain
}

// FundEach is every actor's starting balance (1,000 ETH).
var FundEach = new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(1000))

// New starts a chain where each named actor holds FundEach.
func New(t testing.TB, actors ...string) *Chain {
	t.Helper()
	c := &Chain{T: t, Keys: map[string]*ecdsa.PrivateKey{}, fees: map[common.Address]*big.Int{}}
	alloc := types.GenesisAlloc{}
	for _, name := range actors {
		k, err := crypto.GenerateKey()
		require.NoError(t, err)
		c.Keys[name] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Set(FundEach)}
	}
	c.Sim = NewSimulated(alloc)
	t.Cleanup(func() { _ = c.Sim.Close() })
	c.Backend = Backend{Client: c.Sim.Client(), sim: c.Sim, mu: new(sync.Mutex)}
	id, err := c.Backend.ChainID(context.Background())
	require.NoError(t, err)
	c.ChainID = id
	return c
}

// NewSimulated is go-ethereum's simulated backend as every test here must
// build it. The simulated beacon seals a block by waiting, without checking
// first, for the payload builder's signal (miner.Payload.WaitFull); when the
// first build signals before the beacon waits, only a rebuild wakes it, and
// with the default 2 s recommit the builder's own 2 s deadline often comes
// first and the chain hangs for good. Rebuilding every 50 ms makes the
// wake-up come in time. (Blocks must also be sealed one at a time: see
// Backend.)
func NewSimulated(alloc types.GenesisAlloc) *simulated.Backend {
	return simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000),
		func(_ *node.Config, ec *ethconfig.Config) { ec.Miner.Recommit = 50 * time.Millisecond })
}

// Addr is the address of an actor.
func (c *Chain) Addr(name string) common.Address {
	k, ok := c.Keys[name]
	require.True(c.T, ok, "unknown actor %q", name)
	return crypto.PubkeyToAddress(k.PublicKey)
}

// Opts are transaction options signed by an actor, sending value wei.
func (c *Chain) Opts(name string, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(c.Keys[name], c.ChainID)
	o.Value = value
	return o
}

// Deploy deploys a contract from an actor and returns its address.
func (c *Chain) Deploy(from, bin string, input []byte) common.Address {
	c.T.Helper()
	addr, tx, err := bind.DeployContract(c.Opts(from, nil), common.FromHex(bin), c.Backend, input)
	require.NoError(c.T, err)
	c.mined(from, tx)
	return addr
}

// MinExecutionWindow and MinStepMicros are the JobMarket execution-window
// rule of the chains deployed here (as `gensyn devnet up`): a job of S steps
// needs an execution window of at least MinExecutionWindow + S*MinStepMicros/1e6
// seconds.
const (
	MinExecutionWindow = 60
	MinStepMicros      = 1000
)

// DeployProtocol deploys and wires StakeManager, NodeRegistry, JobMarket and
// CommitmentInbox as the deploy script does (unbonding delay 7 days, slash
// reward 50%).
func (c *Chain) DeployProtocol(deployer, arbiter, sequencer string) deployments.Contracts {
	c.T.Helper()
	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	var d deployments.Contracts
	d.StakeManager = c.Deploy(deployer, bindings.StakeManagerMetaData.Bin, sm.PackConstructor(c.Addr(arbiter), big.NewInt(7*24*3600), big.NewInt(5000)))
	d.NodeRegistry = c.Deploy(deployer, bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(c.Addr(arbiter)))
	d.JobMarket = c.Deploy(deployer, bindings.JobMarketMetaData.Bin, market.PackConstructor(d.StakeManager, d.NodeRegistry, c.Addr(arbiter), MinExecutionWindow, MinStepMicros))
	d.CommitmentInbox = c.Deploy(deployer, bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(c.Addr(sequencer), d.JobMarket))
	c.Send(deployer, sm.Instance(c.Backend, d.StakeManager), nil, sm.PackSetMarket(d.JobMarket))
	c.Send(deployer, reg.Instance(c.Backend, d.NodeRegistry), nil, reg.PackSetMarket(d.JobMarket))
	c.Contracts = d
	return d
}

// DeployProtocolWithGame deploys the protocol as the deploy script does by
// default: the VerdeArbitration dispute game (with the given bond floor, clock
// per side and answer time per query) and its OneStep executor, with the game
// as the arbiter of StakeManager, NodeRegistry and JobMarket.
func (c *Chain) DeployProtocolWithGame(deployer, sequencer string, bond *big.Int, clock, answerTime uint64) deployments.Contracts {
	c.T.Helper()
	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	game := bindings.NewVerdeArbitration()
	var d deployments.Contracts
	d.OneStep = c.Deploy(deployer, bindings.OneStepMetaData.Bin, nil)
	d.VerdeArbitration = c.Deploy(deployer, bindings.VerdeArbitrationMetaData.Bin, game.PackConstructor(bond, clock, answerTime))
	d.StakeManager = c.Deploy(deployer, bindings.StakeManagerMetaData.Bin, sm.PackConstructor(d.VerdeArbitration, big.NewInt(7*24*3600), big.NewInt(5000)))
	d.NodeRegistry = c.Deploy(deployer, bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(d.VerdeArbitration))
	d.JobMarket = c.Deploy(deployer, bindings.JobMarketMetaData.Bin, market.PackConstructor(d.StakeManager, d.NodeRegistry, d.VerdeArbitration, MinExecutionWindow, MinStepMicros))
	d.CommitmentInbox = c.Deploy(deployer, bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(c.Addr(sequencer), d.JobMarket))
	c.Send(deployer, sm.Instance(c.Backend, d.StakeManager), nil, sm.PackSetMarket(d.JobMarket))
	c.Send(deployer, reg.Instance(c.Backend, d.NodeRegistry), nil, reg.PackSetMarket(d.JobMarket))
	c.Send(deployer, game.Instance(c.Backend, d.VerdeArbitration), nil, game.PackWire(d.JobMarket, d.CommitmentInbox, d.OneStep))
	c.Contracts = d
	return d
}

// Send sends a transaction from an actor, requires it to succeed, and books
// its fee against the actor (see Fees).
func (c *Chain) Send(from string, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	c.T.Helper()
	tx, err := bind.Transact(contract, c.Opts(from, value), data)
	require.NoError(c.T, err)
	return c.mined(from, tx)
}

func (c *Chain) mined(from string, tx *types.Transaction) *types.Receipt {
	c.T.Helper()
	r, err := WaitMined(context.Background(), c.Backend, tx.Hash())
	require.NoError(c.T, err)
	require.Equal(c.T, types.ReceiptStatusSuccessful, r.Status, "tx reverted")
	fee := new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
	a := c.Addr(from)
	if c.fees[a] == nil {
		c.fees[a] = new(big.Int)
	}
	c.fees[a].Add(c.fees[a], fee)
	return r
}

// WaitMined waits for a transaction's receipt, polling every 10 ms (bind's
// WaitMined polls once a second; both chains here mine at once).
func WaitMined(ctx context.Context, b Backend, hash common.Hash) (*types.Receipt, error) {
	for {
		r, err := b.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Fees is what an actor paid in transaction fees through Send and Deploy.
func (c *Chain) Fees(name string) *big.Int {
	if f := c.fees[c.Addr(name)]; f != nil {
		return new(big.Int).Set(f)
	}
	return new(big.Int)
}

// Balance is an address's balance at the latest block.
func (c *Chain) Balance(a common.Address) *big.Int {
	c.T.Helper()
	b, err := c.Backend.BalanceAt(context.Background(), a, nil)
	require.NoError(c.T, err)
	return b
}

// Advance moves the chain's clock forward by d and mines a block. The
// simulated beacon refuses while its transaction pool still lists
// transactions, and the pool drops the ones just mined asynchronously after a
// block, so it retries until the pool has caught up.
func (c *Chain) Advance(d time.Duration) {
	c.T.Helper()
	if c.rpc != nil {
		require.NoError(c.T, c.rpc.Call(nil, "evm_increaseTime", int64(d/time.Second)))
		require.NoError(c.T, c.rpc.Call(nil, "evm_mine"))
		return
	}
	// Sealed under the backend's lock, like every other block.
	c.Backend.mu.Lock()
	defer c.Backend.mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		err := c.Sim.AdjustTime(d)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			require.NoError(c.T, err)
		}
	}
	c.Sim.Commit()
}

// Call makes a read-only call and unpacks its result.
func Call[T any](t testing.TB, contract *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(contract, nil, data, unpack)
	require.NoError(t, err)
	return v
}
