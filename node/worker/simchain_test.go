package worker

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
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// simChain is internal/testchain's simulated chain with two differences:
// blocks are sealed one at a time (see simBackend), and the miner rebuilds a pending payload every 50 ms instead of every 2 s. The
// simulated beacon seals a block by waiting, without checking first, for
// the payload builder's signal (miner.Payload.WaitFull); when the first
// build signals before the beacon waits, only a rebuild wakes it, and with
// the default 2 s recommit the builder's own 2 s deadline often comes first:
// the chain then hangs for good (about one block in a few thousand, enough
// to hang these tests' ~200 transactions now and then).
type simChain struct {
	t       testing.TB
	Sim     *simulated.Backend
	Backend simBackend
	ChainID *big.Int
	Keys    map[string]*ecdsa.PrivateKey
}

// simBackend mines a block after every transaction it sends. Blocks are
// sealed one at a time (mu): two concurrent seals make the simulated
// beacon's txpool.Sync calls overwrite each other's waiter, and one of them
// then waits forever (the worker's txmgr and the test's challenger send
// concurrently).
type simBackend struct {
	simulated.Client
	sim *simulated.Backend
	mu  *sync.Mutex
}

func (b simBackend) BlobBaseFee(context.Context) (*big.Int, error) { return big.NewInt(1), nil }
func (b simBackend) Close()                                        {}
func (b simBackend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := b.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	b.sim.Commit()
	return nil
}

func newSimChain(t testing.TB, actors ...string) *simChain {
	c := &simChain{t: t, Keys: map[string]*ecdsa.PrivateKey{}}
	alloc := types.GenesisAlloc{}
	for _, name := range actors {
		k, err := crypto.GenerateKey()
		require.NoError(t, err)
		c.Keys[name] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Set(testchain.FundEach)}
	}
	c.Sim = simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000),
		func(_ *node.Config, ec *ethconfig.Config) { ec.Miner.Recommit = 50 * time.Millisecond })
	t.Cleanup(func() { _ = c.Sim.Close() })
	c.Backend = simBackend{Client: c.Sim.Client(), sim: c.Sim, mu: new(sync.Mutex)}
	id, err := c.Backend.ChainID(context.Background())
	require.NoError(t, err)
	c.ChainID = id
	return c
}

func (c *simChain) Addr(name string) common.Address {
	return crypto.PubkeyToAddress(c.Keys[name].PublicKey)
}

func (c *simChain) Opts(name string, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(c.Keys[name], c.ChainID)
	o.Value = value
	return o
}

func (c *simChain) mined(tx *types.Transaction) *types.Receipt {
	r, err := bind.WaitMined(context.Background(), c.Backend, tx.Hash())
	require.NoError(c.t, err)
	require.Equal(c.t, types.ReceiptStatusSuccessful, r.Status, "tx reverted")
	return r
}

func (c *simChain) Deploy(from, bin string, input []byte) common.Address {
	addr, tx, err := bind.DeployContract(c.Opts(from, nil), common.FromHex(bin), c.Backend, input)
	require.NoError(c.t, err)
	c.mined(tx)
	return addr
}

func (c *simChain) Send(from string, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	tx, err := bind.Transact(contract, c.Opts(from, value), data)
	require.NoError(c.t, err)
	return c.mined(tx)
}

// Balance is an address's balance at the latest block.
func (c *simChain) Balance(a common.Address) *big.Int {
	b, err := c.Backend.BalanceAt(context.Background(), a, nil)
	require.NoError(c.t, err)
	return b
}

// DeployProtocol is testchain's DeployProtocol: the contracts with an
// arbiter account.
func (c *simChain) DeployProtocol(deployer, arbiter, sequencer string) deployments.Contracts {
	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	var d deployments.Contracts
	d.StakeManager = c.Deploy(deployer, bindings.StakeManagerMetaData.Bin, sm.PackConstructor(c.Addr(arbiter), big.NewInt(7*24*3600), big.NewInt(5000)))
	d.NodeRegistry = c.Deploy(deployer, bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(c.Addr(arbiter)))
	d.JobMarket = c.Deploy(deployer, bindings.JobMarketMetaData.Bin, market.PackConstructor(d.StakeManager, d.NodeRegistry, c.Addr(arbiter)))
	d.CommitmentInbox = c.Deploy(deployer, bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(c.Addr(sequencer), d.JobMarket))
	c.Send(deployer, sm.Instance(c.Backend, d.StakeManager), nil, sm.PackSetMarket(d.JobMarket))
	c.Send(deployer, reg.Instance(c.Backend, d.NodeRegistry), nil, reg.PackSetMarket(d.JobMarket))
	return d
}

// Advance moves the chain's clock forward by d and mines a block (retrying
// while the pool still lists transactions just mined).
func (c *simChain) Advance(d time.Duration) {
	c.Backend.mu.Lock()
	defer c.Backend.mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		err := c.Sim.AdjustTime(d)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			require.NoError(c.t, err)
		}
	}
	c.Sim.Commit()
}

// txManager is a txmgr sending from an actor of a simChain.
func txManager(t *testing.T, c *simChain, name string) *txmgr.SimpleTxManager {
	t.Helper()
	cfg := &txmgr.Config{
		Backend: c.Backend, ChainID: c.ChainID, NumConfirmations: 1,
		NetworkTimeout: 5 * time.Second, ReceiptQueryInterval: 10 * time.Millisecond,
		TxNotInMempoolTimeout: 10 * time.Second, TxSendTimeout: 30 * time.Second, SafeAbortNonceTooLowCount: 3,
		Signer: opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(c.Keys[name], c.ChainID)),
		From:   c.Addr(name),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig(name, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, cfg)
	require.NoError(t, err)
	t.Cleanup(tm.Close)
	return tm
}
