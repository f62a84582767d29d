// Package loadgen makes a big chain for the indexer's and the explorer's
// benchmarks: on an anvil node (it uses anvil_setBalance, evm_increaseTime
// and evm_mine) it deploys the protocol with the dispute game and drives
// many jobs through it, sending transactions in JSON-RPC batches without
// waiting for each: jobs posted and funded, bid on, assigned, their
// checkpoints committed in sequencer batches, results submitted and
// finalized, and a share of them challenged and lost by their worker on
// time (a game with a slash).
package loadgen

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/commit"
)

// Config sizes the load.
type Config struct {
	// Jobs posted (default 1000), each of Checkpoints checkpoints (default
	// 10), committed in sequencer batches of BatchSize entries (default 100).
	Jobs        int
	Checkpoints int
	BatchSize   int
	// Workers bidding (default 4), Funders adding to escrows (default 4).
	Workers int
	Funders int
	// DisputeEvery: every DisputeEvery-th job's result is challenged and
	// its worker loses the game on time (0: none; default 50).
	DisputeEvery int
	// SendBatch is how many transactions go in one JSON-RPC batch (default 200).
	SendBatch int
}

func (c *Config) defaults() {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.Jobs, 1000)
	def(&c.Checkpoints, 10)
	def(&c.BatchSize, 100)
	def(&c.Workers, 4)
	def(&c.Funders, 4)
	def(&c.DisputeEvery, 50)
	def(&c.SendBatch, 200)
}

// Result is what was made.
type Result struct {
	Deployment  deployments.Deployment
	Jobs        int
	Commitments int
	Batches     int
	Games       int
	Txs         int
	// FirstBlock is the deployment's first block, Head the last block.
	FirstBlock, Head uint64
}

// Game parameters of the deployed dispute game.
const (
	gameClock  = 3600
	gameAnswer = 60
)

var (
	eth        = big.NewInt(params.Ether)
	collateral = big.NewInt(params.Ether / 1000)
	price      = big.NewInt(params.Ether / 2000)
	// Gas limits: a creation, any other call (a batch of 100 entries uses
	// well under it).
	createGas = uint64(12_000_000)
	callGas   = uint64(3_000_000)
)

type actor struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce uint64
}

type gen struct {
	cfg     Config
	rc      *rpc.Client
	chainID *big.Int
	signer  types.Signer
	gasTip  *big.Int
	gasFee  *big.Int
	pending []*types.Transaction
	txs     int
}

func (g *gen) newActor(ctx context.Context) (*actor, error) {
	k, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	a := &actor{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}
	bal := new(big.Int).Mul(eth, big.NewInt(1_000_000))
	return a, g.rc.CallContext(ctx, nil, "anvil_setBalance", a.addr, (*hexutil.Big)(bal))
}

// queue signs a transaction from a to `to` (nil: a creation).
func (g *gen) queue(a *actor, to *common.Address, value *big.Int, data []byte) (common.Address, error) {
	created, gas := common.Address{}, callGas
	if to == nil {
		created, gas = crypto.CreateAddress(a.addr, a.nonce), createGas
	}
	tx, err := types.SignNewTx(a.key, g.signer, &types.DynamicFeeTx{
		ChainID: g.chainID, Nonce: a.nonce, GasTipCap: g.gasTip, GasFeeCap: g.gasFee, Gas: gas, To: to, Value: value, Data: data,
	})
	if err != nil {
		return created, err
	}
	a.nonce++
	g.pending = append(g.pending, tx)
	return created, nil
}

// flush sends the queued transactions in batches and checks every receipt.
func (g *gen) flush(ctx context.Context) error {
	for len(g.pending) > 0 {
		n := min(len(g.pending), g.cfg.SendBatch)
		part := g.pending[:n]
		g.pending = g.pending[n:]
		elems := make([]rpc.BatchElem, len(part))
		for i, tx := range part {
			raw, err := tx.MarshalBinary()
			if err != nil {
				return err
			}
			elems[i] = rpc.BatchElem{Method: "eth_sendRawTransaction", Args: []any{hexutil.Bytes(raw)}, Result: new(common.Hash)}
		}
		if err := g.rc.BatchCallContext(ctx, elems); err != nil {
			return err
		}
		for _, e := range elems {
			if e.Error != nil {
				return fmt.Errorf("loadgen: send: %w", e.Error)
			}
		}
		receipts := make([]*types.Receipt, len(part))
		for deadline := time.Now().Add(time.Minute); ; {
			elems = elems[:0]
			for i, tx := range part {
				if receipts[i] == nil {
					receipts[i] = new(types.Receipt)
					elems = append(elems, rpc.BatchElem{Method: "eth_getTransactionReceipt", Args: []any{tx.Hash()}, Result: &receipts[i]})
				}
			}
			if err := g.rc.BatchCallContext(ctx, elems); err != nil {
				return err
			}
			missing := 0
			for i := range receipts {
				if receipts[i] == nil {
					missing++
				} else if receipts[i].Status != types.ReceiptStatusSuccessful {
					return g.reverted(ctx, part[i], receipts[i])
				}
			}
			if missing == 0 {
				break
			}
			if time.Now().After(deadline) {
				for i := range receipts {
					if receipts[i] == nil {
						from, _ := types.Sender(g.signer, part[i])
						var n hexutil.Uint64
						_ = g.rc.CallContext(ctx, &n, "eth_getTransactionCount", from, "latest")
						return fmt.Errorf("loadgen: %d transactions not mined in a minute, the first %s from %s nonce %d (account's nonce %d)", missing, part[i].Hash(), from, part[i].Nonce(), n)
					}
				}
			}
			// anvil mines when a transaction arrives; what did not fit in
			// the block waits for the next: mine it.
			if err := g.rc.CallContext(ctx, nil, "evm_mine"); err != nil {
				return err
			}
		}
		g.txs += len(part)
	}
	return nil
}

// reverted replays a reverted transaction on the state before its block
// for the revert's data.
func (g *gen) reverted(ctx context.Context, tx *types.Transaction, r *types.Receipt) error {
	from, _ := types.Sender(g.signer, tx)
	call := map[string]any{"from": from, "to": tx.To(), "data": hexutil.Bytes(tx.Data()), "value": (*hexutil.Big)(tx.Value()), "gas": hexutil.Uint64(tx.Gas())}
	var out hexutil.Bytes
	err := g.rc.CallContext(ctx, &out, "eth_call", call, hexutil.Uint64(r.BlockNumber.Uint64()-1))
	return fmt.Errorf("loadgen: transaction %s to %s (call %x) reverted in block %d: %v", tx.Hash(), tx.To(), tx.Data()[:min(4, len(tx.Data()))], r.BlockNumber, err)
}

func (g *gen) advance(ctx context.Context, d time.Duration) error {
	if err := g.rc.CallContext(ctx, nil, "evm_increaseTime", int64(d/time.Second)); err != nil {
		return err
	}
	return g.rc.CallContext(ctx, nil, "evm_mine")
}

// Generate drives cfg's load on the anvil node behind rc.
func Generate(ctx context.Context, rc *rpc.Client, cfg Config) (Result, error) {
	cfg.defaults()
	g := &gen{cfg: cfg, rc: rc, gasTip: big.NewInt(params.GWei), gasFee: big.NewInt(100 * params.GWei)}
	var id hexutil.Big
	if err := rc.CallContext(ctx, &id, "eth_chainId"); err != nil {
		return Result{}, err
	}
	g.chainID = (*big.Int)(&id)
	g.signer = types.LatestSignerForChainID(g.chainID)
	var first hexutil.Uint64
	if err := rc.CallContext(ctx, &first, "eth_blockNumber"); err != nil {
		return Result{}, err
	}
	res := Result{FirstBlock: uint64(first) + 1}

	deployer, err := g.newActor(ctx)
	if err != nil {
		return res, err
	}
	sequencer, err := g.newActor(ctx)
	if err != nil {
		return res, err
	}
	client, err := g.newActor(ctx)
	if err != nil {
		return res, err
	}
	challenger, err := g.newActor(ctx)
	if err != nil {
		return res, err
	}
	var workers, funders []*actor
	for i := 0; i < cfg.Workers+cfg.Funders; i++ {
		a, err := g.newActor(ctx)
		if err != nil {
			return res, err
		}
		if i < cfg.Workers {
			workers = append(workers, a)
		} else {
			funders = append(funders, a)
		}
	}

	// The protocol, as testchain.DeployProtocolWithGame deploys it.
	sm, reg, market, ib, arb := bindings.NewStakeManager(), bindings.NewNodeRegistry(), bindings.NewJobMarket(), bindings.NewCommitmentInbox(), bindings.NewVerdeArbitration()
	var d deployments.Contracts
	deploy := func(bin string, input []byte) common.Address {
		addr, e := g.queue(deployer, nil, nil, append(common.FromHex(bin), input...))
		err = errors.Join(err, e)
		return addr
	}
	d.OneStep = deploy(bindings.OneStepMetaData.Bin, nil)
	d.VerdeArbitration = deploy(bindings.VerdeArbitrationMetaData.Bin, arb.PackConstructor(new(big.Int).Div(eth, big.NewInt(100)), gameClock, gameAnswer))
	d.StakeManager = deploy(bindings.StakeManagerMetaData.Bin, sm.PackConstructor(d.VerdeArbitration, big.NewInt(7*24*3600), big.NewInt(5000)))
	d.NodeRegistry = deploy(bindings.NodeRegistryMetaData.Bin, reg.PackConstructor(d.VerdeArbitration))
	d.JobMarket = deploy(bindings.JobMarketMetaData.Bin, market.PackConstructor(d.StakeManager, d.NodeRegistry, d.VerdeArbitration, 60, 1000))
	d.CommitmentInbox = deploy(bindings.CommitmentInboxMetaData.Bin, ib.PackConstructor(sequencer.addr, d.JobMarket))
	if err != nil {
		return res, err
	}
	send := func(a *actor, to common.Address, value *big.Int, data []byte) {
		_, e := g.queue(a, &to, value, data)
		err = errors.Join(err, e)
	}
	send(deployer, d.StakeManager, nil, sm.PackSetMarket(d.JobMarket))
	send(deployer, d.NodeRegistry, nil, reg.PackSetMarket(d.JobMarket))
	send(deployer, d.VerdeArbitration, nil, arb.PackWire(d.JobMarket, d.CommitmentInbox, d.OneStep))
	if err != nil {
		return res, err
	}
	// Transactions of different senders in one flush may be mined in any
	// order (a call to an address without code yet succeeds and does
	// nothing): every step waits for the one it needs.
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	for i, w := range workers {
		send(w, d.NodeRegistry, nil, reg.PackRegister([]byte(fmt.Sprintf("peer-%d", i)), "cpu"))
		send(w, d.StakeManager, new(big.Int).Mul(collateral, big.NewInt(int64(cfg.Jobs+1))), sm.PackDeposit())
	}
	if err != nil {
		return res, err
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	res.Deployment = deployments.Deployment{ChainID: g.chainID.Uint64(), BlockNumber: res.FirstBlock, Deployer: deployer.addr,
		Arbiter: d.VerdeArbitration, Sequencer: sequencer.addr, Contracts: d}

	// Jobs: posted, funded, bid on.
	steps := uint64(cfg.Checkpoints) * 100
	jobParams := func(i int) bindings.IJobMarketJobParams {
		h := func(s string) [32]byte { return crypto.Keccak256Hash([]byte(fmt.Sprintf("%s-%d", s, i))) }
		return bindings.IJobMarketJobParams{SpecHash: h("spec"), DatasetHash: h("data"), DatasetUri: h("uri"), InitialStateRoot: h("s0"),
			GraphRoot: h("graph"), DataRoot: h("dataroot"), Steps: steps, CheckpointInterval: 100, MaxPrice: new(big.Int).Mul(price, big.NewInt(2)),
			RequiredCollateral: collateral, BidWindow: 60, ExecutionWindow: 36000, ChallengeWindow: 600}
	}
	workerOf := func(i int) *actor { return workers[i%len(workers)] }
	// A job is posted before anyone funds or bids on it.
	for i := 1; i <= cfg.Jobs; i++ {
		send(client, d.JobMarket, price, market.PackPostJob(jobParams(i)))
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	for i := 1; i <= cfg.Jobs; i++ {
		send(funders[i%len(funders)], d.JobMarket, price, market.PackFund(big.NewInt(int64(i))))
		send(workerOf(i), d.JobMarket, nil, market.PackBid(big.NewInt(int64(i)), price))
	}
	if err != nil {
		return res, err
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	if err := g.advance(ctx, 61*time.Second); err != nil {
		return res, err
	}
	for i := 1; i <= cfg.Jobs; i++ {
		send(client, d.JobMarket, nil, market.PackCloseAuction(big.NewInt(int64(i))))
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}

	// Checkpoints: committed by the sequencer in batches, checkpoint by
	// checkpoint across the jobs (as training proceeds in parallel).
	root := func(i, k int) common.Hash { return crypto.Keccak256Hash([]byte(fmt.Sprintf("root-%d-%d", i, k))) }
	var entries []inbox.Commitment
	postBatch := func() {
		send(sequencer, d.CommitmentInbox, nil, ib.PackPostBatch(inbox.EncodeBatch(entries)))
		res.Batches++
		res.Commitments += len(entries)
		entries = entries[:0]
	}
	for k := 1; k <= cfg.Checkpoints; k++ {
		for i := 1; i <= cfg.Jobs; i++ {
			entries = append(entries, inbox.Commitment{JobID: uint64(i), Round: 1, Checkpoint: uint32(k), StateRoot: root(i, k), Worker: workerOf(i).addr})
			if len(entries) == cfg.BatchSize {
				postBatch()
			}
		}
	}
	if len(entries) > 0 {
		postBatch()
	}
	// Results, then the challenges of every DisputeEvery-th job.
	for i := 1; i <= cfg.Jobs; i++ {
		hs := make([]commit.Hash, cfg.Checkpoints)
		for k := range hs {
			hs[k] = commit.Hash(root(i, k+1))
		}
		proof, e := commit.CheckpointProof(hs, len(hs))
		err = errors.Join(err, e)
		p := make([][32]byte, len(proof))
		for j := range proof {
			p[j] = proof[j]
		}
		send(workerOf(i), d.JobMarket, nil, market.PackSubmitResult(big.NewInt(int64(i)), hs[len(hs)-1], commit.CheckpointsRoot(hs), p))
	}
	if err != nil {
		return res, err
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	disputed := map[int]bool{}
	if cfg.DisputeEvery > 0 {
		var out hexutil.Bytes
		if err := rc.CallContext(ctx, &out, "eth_call", map[string]any{"to": d.VerdeArbitration, "data": hexutil.Bytes(arb.PackRequiredBond())}, "latest"); err != nil {
			return res, err
		}
		bond, err := arb.UnpackRequiredBond(out)
		if err != nil {
			return res, err
		}
		for i := cfg.DisputeEvery; i <= cfg.Jobs; i += cfg.DisputeEvery {
			send(challenger, d.VerdeArbitration, bond, arb.PackChallengeResult(big.NewInt(int64(i))))
			send(challenger, d.VerdeArbitration, nil, arb.PackQuery(big.NewInt(int64(res.Games)), 5, 0)) // List.Checkpoints
			disputed[i] = true
			res.Games++
		}
		if err := g.flush(ctx); err != nil {
			return res, err
		}
	}
	if err := g.advance(ctx, (gameClock+gameAnswer+10)*time.Second); err != nil {
		return res, err
	}
	for gid := 0; gid < res.Games; gid++ {
		send(challenger, d.VerdeArbitration, nil, arb.PackTimeout(big.NewInt(int64(gid))))
	}
	for i := 1; i <= cfg.Jobs; i++ {
		if !disputed[i] {
			send(client, d.JobMarket, nil, market.PackFinalize(big.NewInt(int64(i))))
		}
	}
	if err := g.flush(ctx); err != nil {
		return res, err
	}
	var head hexutil.Uint64
	if err := rc.CallContext(ctx, &head, "eth_blockNumber"); err != nil {
		return res, err
	}
	res.Jobs, res.Txs, res.Head = cfg.Jobs, g.txs, uint64(head)
	return res, nil
}
