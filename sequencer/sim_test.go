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
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// simChain is an in-process chain with the protocol deployed (see
// internal/testchain), plus the sequencer tests' shorthands.
type simChain struct {
	*testchain.Chain
	t       testing.TB
	backend testchain.Backend
	chainID *big.Int
	keys    map[string]*ecdsa.PrivateKey

	sm, reg, market, inbox common.Address
}

func newSimChain(t testing.TB) *simChain {
	t.Helper()
	tc := testchain.New(t, "deployer", "arbiter", "sequencer", "client", "worker", "worker2")
	d := tc.DeployProtocol("deployer", "arbiter", "sequencer")
	return &simChain{
		Chain: tc, t: t, backend: tc.Backend, chainID: tc.ChainID, keys: tc.Keys,
		sm: d.StakeManager, reg: d.NodeRegistry, market: d.JobMarket, inbox: d.CommitmentInbox,
	}
}

func (c *simChain) addr(name string) common.Address { return c.Addr(name) }

func (c *simChain) opts(name string, value *big.Int) *bind.TransactOpts { return c.Opts(name, value) }

func (c *simChain) send(from string, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	c.t.Helper()
	return c.Send(from, contract, value, data)
}

func (c *simChain) advance(d time.Duration) {
	c.t.Helper()
	c.Advance(d)
}

// txManager is a real op-service SimpleTxManager over the simulated chain.
func (c *simChain) txManager(name string) *txmgr.SimpleTxManager {
	c.t.Helper()
	return testchain.NewTxManager(c.t, c.backend, c.chainID, name, c.keys[name])
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
