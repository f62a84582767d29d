package bindings_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
)

var ether = big.NewInt(params.Ether)

func eth(num, den int64) *big.Int {
	v := new(big.Int).Mul(ether, big.NewInt(num))
	return v.Div(v, big.NewInt(den))
}

// chain is an in-process simulated chain with funded actors.
type chain struct {
	t       *testing.T
	sim     *simulated.Backend
	client  simulated.Client
	chainID *big.Int
	keys    map[string]*ecdsa.PrivateKey
	gasPaid map[common.Address]*big.Int
}

func newChain(t *testing.T, actors ...string) *chain {
	t.Helper()
	c := &chain{t: t, keys: map[string]*ecdsa.PrivateKey{}, gasPaid: map[common.Address]*big.Int{}}
	alloc := types.GenesisAlloc{}
	for _, name := range actors {
		k, err := crypto.GenerateKey()
		require.NoError(t, err)
		c.keys[name] = k
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(ether, big.NewInt(100))}
	}
	c.sim = simulated.NewBackend(alloc)
	t.Cleanup(func() { _ = c.sim.Close() })
	c.client = c.sim.Client()
	id, err := c.client.ChainID(context.Background())
	require.NoError(t, err)
	c.chainID = id
	return c
}

func (c *chain) addr(name string) common.Address {
	return crypto.PubkeyToAddress(c.keys[name].PublicKey)
}

func (c *chain) opts(name string, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(c.keys[name], c.chainID)
	o.Value = value
	return o
}

// mined waits for tx, requires success, and books its fee against the sender.
func (c *chain) mined(from string, tx *types.Transaction) *types.Receipt {
	c.t.Helper()
	c.sim.Commit()
	r, err := bind.WaitMined(context.Background(), c.client, tx.Hash())
	require.NoError(c.t, err)
	require.Equal(c.t, types.ReceiptStatusSuccessful, r.Status, "tx reverted")
	fee := new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
	a := c.addr(from)
	if c.gasPaid[a] == nil {
		c.gasPaid[a] = new(big.Int)
	}
	c.gasPaid[a].Add(c.gasPaid[a], fee)
	return r
}

func (c *chain) deploy(from string, bin string, input []byte) common.Address {
	c.t.Helper()
	addr, tx, err := bind.DeployContract(c.opts(from, nil), common.FromHex(bin), c.client, input)
	require.NoError(c.t, err)
	c.mined(from, tx)
	return addr
}

func (c *chain) send(from string, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	c.t.Helper()
	tx, err := bind.Transact(contract, c.opts(from, value), data)
	require.NoError(c.t, err)
	return c.mined(from, tx)
}

func (c *chain) balance(a common.Address) *big.Int {
	b, err := c.client.BalanceAt(context.Background(), a, nil)
	require.NoError(c.t, err)
	return b
}

// advance moves the chain's clock forward by d. The simulated beacon refuses
// while its transaction pool still lists transactions, and the pool drops the
// ones just mined asynchronously after a Commit, so retry until it has caught up.
func (c *chain) advance(d time.Duration) {
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

func call[T any](t *testing.T, contract *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(contract, nil, data, unpack)
	require.NoError(t, err)
	return v
}

// TestMarketLifecycle drives post, fund, bid, close auction (assign), submit
// result and finalize through the generated bindings, and checks every
// balance to the wei: the cheaper worker wins and is paid its price, the rest
// of the escrow goes back to the two funders pro rata, and the contracts end
// holding exactly the stakes.
func TestMarketLifecycle(t *testing.T) {
	c := newChain(t, "deployer", "arbiter", "sequencer", "client", "funder", "worker1", "worker2")

	sm, reg, market, inbox := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	const unbonding, slashBps = 7 * 24 * 3600, 5000
	smAddr := c.deploy("deployer", bindings.StakeManagerMetaData.Bin, sm.PackConstructor(c.addr("arbiter"), big.NewInt(unbonding), big.NewInt(slashBps)))
	regAddr := c.deploy("deployer", bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(c.addr("arbiter")))
	marketAddr := c.deploy("deployer", bindings.JobMarketMetaData.Bin, market.PackConstructor(smAddr, regAddr, c.addr("arbiter")))
	inboxAddr := c.deploy("deployer", bindings.CommitmentInboxMetaData.Bin, inbox.PackConstructor(c.addr("sequencer"), marketAddr))
	smI, regI, marketI, inboxI := sm.Instance(c.client, smAddr), reg.Instance(c.client, regAddr), market.Instance(c.client, marketAddr), inbox.Instance(c.client, inboxAddr)
	c.send("deployer", smI, nil, sm.PackSetMarket(marketAddr))
	c.send("deployer", regI, nil, reg.PackSetMarket(marketAddr))
	require.Equal(t, marketAddr, call(t, inboxI, inbox.PackJobMarket(), inbox.UnpackJobMarket))

	start := map[string]*big.Int{}
	for name := range c.keys {
		start[name] = c.balance(c.addr(name))
	}

	// Workers register and stake 2 ETH each.
	for _, w := range []string{"worker1", "worker2"} {
		c.send(w, regI, nil, reg.PackRegister([]byte("peer-"+w), "cpu:2 cores"))
		c.send(w, smI, eth(2, 1), sm.PackDeposit())
	}

	// The client posts a job escrowing 1 ETH; a second funder adds 0.5 ETH.
	params := bindings.IJobMarketJobParams{
		SpecHash:           crypto.Keccak256Hash([]byte("spec")),
		DatasetHash:        crypto.Keccak256Hash([]byte("dataset")),
		DatasetUri:         crypto.Keccak256Hash([]byte("uri")),
		InitialStateRoot:   crypto.Keccak256Hash([]byte("state0")),
		GraphRoot:          crypto.Keccak256Hash([]byte("graph")),
		DataRoot:           crypto.Keccak256Hash([]byte("data")),
		Steps:              400,
		CheckpointInterval: 100,
		MaxPrice:           eth(9, 10),
		RequiredCollateral: eth(1, 1),
		BidWindow:          600,
		ExecutionWindow:    3600,
		ChallengeWindow:    1800,
	}
	posted := c.send("client", marketI, eth(1, 1), market.PackPostJob(params))
	require.Len(t, posted.Logs, 1)
	ev, err := market.UnpackJobPostedEvent(posted.Logs[0])
	require.NoError(t, err)
	jobID := ev.JobId
	require.Equal(t, jobID, call(t, marketI, market.PackJobCount(), market.UnpackJobCount))
	job := call(t, marketI, market.PackGetJob(jobID), market.UnpackGetJob)
	require.Equal(t, c.addr("client"), job.Poster)
	c.send("funder", marketI, eth(1, 2), market.PackFund(jobID))

	// Reverse auction: worker1 bids 0.8, worker2 undercuts at 0.6 ETH.
	c.send("worker1", marketI, nil, market.PackBid(jobID, eth(8, 10)))
	c.send("worker2", marketI, nil, market.PackBid(jobID, eth(6, 10)))
	c.advance(time.Duration(params.BidWindow+1) * time.Second)
	c.send("sequencer", marketI, nil, market.PackCloseAuction(jobID))
	require.Equal(t, c.addr("worker2"), call(t, marketI, market.PackWorkerOf(jobID), market.UnpackWorkerOf))
	require.Equal(t, eth(1, 1), call(t, smI, sm.PackLockedFor(c.addr("worker2"), jobID), sm.UnpackLockedFor))
	require.Zero(t, call(t, smI, sm.PackLockedFor(c.addr("worker1"), jobID), sm.UnpackLockedFor).Sign())

	// The winner submits its result; after the challenge window anyone finalizes.
	c.send("worker2", marketI, nil, market.PackSubmitResult(jobID, crypto.Keccak256Hash([]byte("final")), crypto.Keccak256Hash([]byte("ckpts"))))
	c.advance(time.Duration(params.ChallengeWindow+1) * time.Second)
	c.send("sequencer", marketI, nil, market.PackFinalize(jobID))
	require.Zero(t, call(t, smI, sm.PackLockedFor(c.addr("worker2"), jobID), sm.UnpackLockedFor).Sign())

	// Pull payments: the worker withdraws its price, funders claim refunds of
	// (1.5 - 0.6) ETH pro rata to their 1.0 and 0.5 contributions.
	require.Equal(t, eth(6, 10), call(t, marketI, market.PackBalanceOf(c.addr("worker2")), market.UnpackBalanceOf))
	c.send("worker2", marketI, nil, market.PackWithdraw())
	c.send("client", marketI, nil, market.PackClaimRefund(jobID))
	c.send("funder", marketI, nil, market.PackClaimRefund(jobID))

	// Balances to the wei: start - stake - gas (+ payment or - escrow + refund).
	expect := func(name string, delta *big.Int) {
		t.Helper()
		want := new(big.Int).Add(start[name], delta)
		if g := c.gasPaid[c.addr(name)]; g != nil {
			want.Sub(want, g)
		}
		require.Equal(t, want, c.balance(c.addr(name)), name)
	}
	expect("worker2", new(big.Int).Sub(eth(6, 10), eth(2, 1)))
	expect("worker1", new(big.Int).Neg(eth(2, 1)))
	expect("client", new(big.Int).Neg(eth(4, 10))) // paid 1.0, refunded 0.6
	expect("funder", new(big.Int).Neg(eth(2, 10))) // paid 0.5, refunded 0.3
	expect("sequencer", new(big.Int))              // only gas
	require.Zero(t, c.balance(marketAddr).Sign(), "market holds nothing once everyone is paid")
	require.Equal(t, eth(4, 1), c.balance(smAddr), "stake manager holds exactly the two stakes")
	require.Equal(t, eth(4, 1), call(t, smI, sm.PackTotalAccounted(), sm.UnpackTotalAccounted))
	require.Zero(t, call(t, marketI, market.PackTotalAccounted(), market.UnpackTotalAccounted).Sign())

	// No job is paid twice.
	_, err = bind.Transact(marketI, c.opts("sequencer", nil), market.PackFinalize(jobID))
	require.Error(t, err)
}
