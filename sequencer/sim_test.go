package sequencer

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
)

// simBackend adapts the simulated backend to txmgr.ETHBackend and mines a
// block after every transaction (like anvil's automine).
type simBackend struct {
	simulated.Client
	sim *simulated.Backend
}

func (b simBackend) BlobBaseFee(context.Context) (*big.Int, error) { return big.NewInt(1), nil }
func (b simBackend) Close()                                        {}
func (b simBackend) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := b.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	b.sim.Commit()
	return nil
}

// simChain is an in-process chain with the protocol deployed.
type simChain struct {
	t       testing.TB
	sim     *simulated.Backend
	backend simBackend
	chainID *big.Int
	keys    map[string]*ecdsa.PrivateKey

	sm, reg, market, inbox     common.Address
	smB, regB, marketB, inboxB *bindings.StakeManager
}

func newSimChain(t testing.TB) *simChain {
	t.Helper()
	c := &simChain{t: t, keys: map[string]*ecdsa.PrivateKey{}}
	alloc := types.GenesisAlloc{}
	for _, name := range []string{"deployer", "arbiter", "sequencer", "client", "worker", "worker2"} {
		k, err := crypto.GenerateKey()
		require.NoError(t, err)
		c.keys[name] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(1000))}
	}
	c.sim = simulated.NewBackend(alloc, simulated.WithBlockGasLimit(60_000_000))
	t.Cleanup(func() { _ = c.sim.Close() })
	c.backend = simBackend{Client: c.sim.Client(), sim: c.sim}
	id, err := c.backend.ChainID(context.Background())
	require.NoError(t, err)
	c.chainID = id

	sm, reg, market, ib := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	c.sm = c.deploy(bindings.StakeManagerMetaData.Bin, sm.PackConstructor(c.addr("arbiter"), big.NewInt(7*24*3600), big.NewInt(5000)))
	c.reg = c.deploy(bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(c.addr("arbiter")))
	c.market = c.deploy(bindings.JobMarketMetaData.Bin, market.PackConstructor(c.sm, c.reg, c.addr("arbiter")))
	c.inbox = c.deploy(bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(c.addr("sequencer"), c.market))
	c.send("deployer", sm.Instance(c.backend, c.sm), nil, sm.PackSetMarket(c.market))
	c.send("deployer", reg.Instance(c.backend, c.reg), nil, reg.PackSetMarket(c.market))
	return c
}

func (c *simChain) addr(name string) common.Address {
	return crypto.PubkeyToAddress(c.keys[name].PublicKey)
}

func (c *simChain) opts(name string, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(c.keys[name], c.chainID)
	o.Value = value
	return o
}

func (c *simChain) deploy(bin string, input []byte) common.Address {
	c.t.Helper()
	addr, tx, err := bind.DeployContract(c.opts("deployer", nil), common.FromHex(bin), c.backend, input)
	require.NoError(c.t, err)
	_, err = bind.WaitDeployed(context.Background(), c.backend, tx.Hash())
	require.NoError(c.t, err)
	return addr
}

func (c *simChain) send(from string, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	c.t.Helper()
	tx, err := bind.Transact(contract, c.opts(from, value), data)
	require.NoError(c.t, err)
	r, err := bind.WaitMined(context.Background(), c.backend, tx.Hash())
	require.NoError(c.t, err)
	require.Equal(c.t, types.ReceiptStatusSuccessful, r.Status, "tx reverted")
	return r
}

// advance moves the chain's clock forward by d. The simulated beacon refuses
// while its transaction pool still lists transactions, and the pool drops the
// ones just mined asynchronously after a Commit, so retry until it has caught up.
func (c *simChain) advance(d time.Duration) {
	c.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		err := c.sim.AdjustTime(d)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			require.NoError(c.t, err)
		}
	}
	c.sim.Commit()
}

// txManager is a real op-service SimpleTxManager over the simulated chain.
func (c *simChain) txManager(name string) *txmgr.SimpleTxManager {
	c.t.Helper()
	cfg := &txmgr.Config{
		Backend:                   c.backend,
		ChainID:                   c.chainID,
		NumConfirmations:          1,
		NetworkTimeout:            5 * time.Second,
		ReceiptQueryInterval:      10 * time.Millisecond,
		TxNotInMempoolTimeout:     10 * time.Second,
		TxSendTimeout:             30 * time.Second,
		SafeAbortNonceTooLowCount: 3,
		Signer:                    opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(c.keys[name], c.chainID)),
		From:                      c.addr(name),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig(name, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, cfg)
	require.NoError(c.t, err)
	return tm
}

func (c *simChain) call(to common.Address, data []byte) []byte {
	c.t.Helper()
	out, err := c.backend.CallContract(context.Background(), ethereum.CallMsg{To: &to, Data: data}, nil)
	require.NoError(c.t, err)
	return out
}

// jobParams is a small job: 4 checkpoints of 100 steps.
func jobParams() bindings.IJobMarketJobParams {
	return bindings.IJobMarketJobParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), DatasetHash: crypto.Keccak256Hash([]byte("data")),
		DatasetUri: crypto.Keccak256Hash([]byte("uri")), InitialStateRoot: crypto.Keccak256Hash([]byte("s0")),
		GraphRoot: crypto.Keccak256Hash([]byte("graph")), DataRoot: crypto.Keccak256Hash([]byte("data")), Steps: 400, CheckpointInterval: 100,
		MaxPrice: big.NewInt(params.Ether), RequiredCollateral: big.NewInt(params.Ether),
		BidWindow: 600, ExecutionWindow: 3600, ChallengeWindow: 1800,
	}
}

// postJob posts a job (escrow 1 ETH) and returns its id.
func (c *simChain) postJob() uint64 {
	c.t.Helper()
	m := bindings.NewJobMarket()
	r := c.send("client", m.Instance(c.backend, c.market), big.NewInt(params.Ether), m.PackPostJob(jobParams()))
	ev, err := m.UnpackJobPostedEvent(r.Logs[0])
	require.NoError(c.t, err)
	return ev.JobId.Uint64()
}

// register registers and stakes a worker.
func (c *simChain) register(worker string) {
	reg, sm := bindings.NewNodeRegistry(), bindings.NewStakeManager()
	c.send(worker, reg.Instance(c.backend, c.reg), nil, reg.PackRegister([]byte("peer-"+worker), "cpu"))
	c.send(worker, sm.Instance(c.backend, c.sm), new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(5)), sm.PackDeposit())
}

func (c *simChain) bid(worker string, job uint64) {
	m := bindings.NewJobMarket()
	c.send(worker, m.Instance(c.backend, c.market), nil, m.PackBid(new(big.Int).SetUint64(job), big.NewInt(params.Ether/2)))
}

func hexBytes(b []byte) hexutil.Bytes { return hexutil.Bytes(b) }
