package e2e

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/commit"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// seqChain is a devnet started with `gensyn devnet up`, with the dev keys.
type seqChain struct {
	t        *testing.T
	d        *deployments.Deployment
	depsPath string
	stateDir string // the devnet's --state-dir
	client   *ethclient.Client
	rpc      *gethrpc.Client
	keys     []*ecdsa.PrivateKey
	hexKeys  []string
	chainID  *big.Int
}

func startSeqChain(t *testing.T, devnetArgs ...string) *seqChain {
	t.Helper()
	requireToolchain(t)
	port := strconv.Itoa(freePort(t))
	dir := t.TempDir()
	state, deps := filepath.Join(dir, "state"), filepath.Join(dir, "deployments")
	r := gensyn(t, nil, append([]string{"devnet", "up", "--port", port, "--state-dir", state, "--deployments-dir", deps}, devnetArgs...)...)
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	t.Cleanup(func() { gensyn(t, nil, "devnet", "down", "--state-dir", state) })
	c := &seqChain{t: t, depsPath: filepath.Join(deps, "31337.json"), stateDir: state}
	var err error
	c.d, err = deployments.Read(c.depsPath)
	require.NoError(t, err)
	c.client, err = ethclient.Dial(c.d.RPCURL)
	require.NoError(t, err)
	t.Cleanup(c.client.Close)
	c.rpc = c.client.Client()
	raw, err := os.ReadFile(c.d.AccountKeysFile)
	require.NoError(t, err)
	var accts anvilAccounts
	require.NoError(t, json.Unmarshal(raw, &accts))
	for _, h := range accts.PrivateKeys {
		k, err := crypto.HexToECDSA(strings.TrimPrefix(h, "0x"))
		require.NoError(t, err)
		c.keys = append(c.keys, k)
		c.hexKeys = append(c.hexKeys, h)
	}
	c.chainID = new(big.Int).SetUint64(c.d.ChainID)
	require.Equal(t, c.d.Sequencer, c.addr(1), "the devnet's sequencer is dev account 1")
	return c
}

func (c *seqChain) addr(i int) common.Address { return crypto.PubkeyToAddress(c.keys[i].PublicKey) }

func (c *seqChain) send(from int, contract *bind.BoundContract, value *big.Int, data []byte) *types.Receipt {
	c.t.Helper()
	opts := bind.NewKeyedTransactor(c.keys[from], c.chainID)
	opts.Value = value
	tx, err := bind.Transact(contract, opts, data)
	require.NoError(c.t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := bind.WaitMined(ctx, c.client, tx.Hash())
	require.NoError(c.t, err)
	require.Equal(c.t, types.ReceiptStatusSuccessful, r.Status, "tx reverted")
	return r
}

// warp moves the chain's clock forward and mines a block.
func (c *seqChain) warp(seconds int) {
	c.t.Helper()
	require.NoError(c.t, c.rpc.Call(nil, "evm_increaseTime", seconds))
	require.NoError(c.t, c.rpc.Call(nil, "evm_mine"))
}

func (c *seqChain) job(id uint64) bindings.IJobMarketJob {
	m := bindings.NewJobMarket()
	return call(c.t, m.Instance(c.client, c.d.Contracts.JobMarket), m.PackGetJob(new(big.Int).SetUint64(id)), m.UnpackGetJob)
}

// openJob registers and stakes worker, posts a job of `checkpoints`
// checkpoints from client, and has worker bid on it; it returns the job id.
func (c *seqChain) openJob(worker, client int, checkpoints uint64) uint64 {
	c.t.Helper()
	reg, sm, m := bindings.NewNodeRegistry(), bindings.NewStakeManager(), bindings.NewJobMarket()
	c.send(worker, reg.Instance(c.client, c.d.Contracts.NodeRegistry), nil, reg.PackRegister([]byte("peer"), "cpu:2"))
	c.send(worker, sm.Instance(c.client, c.d.Contracts.StakeManager), new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(2)), sm.PackDeposit())
	id := c.postJob(client, checkpoints)
	c.send(worker, m.Instance(c.client, c.d.Contracts.JobMarket), nil, m.PackBid(new(big.Int).SetUint64(id), big.NewInt(params.Ether/2)))
	return id
}

// postJob posts a job of `checkpoints` checkpoints of 10 steps from client
// (1 ETH escrow; its 10 h execution window is far above the devnet's
// minimum) and returns its id.
func (c *seqChain) postJob(client int, checkpoints uint64) uint64 {
	c.t.Helper()
	m := bindings.NewJobMarket()
	jp := bindings.IJobMarketJobParams{
		SpecHash: crypto.Keccak256Hash([]byte("spec")), DatasetHash: crypto.Keccak256Hash([]byte("data")),
		DatasetUri: crypto.Keccak256Hash([]byte("uri")), InitialStateRoot: crypto.Keccak256Hash([]byte("s0")),
		GraphRoot: crypto.Keccak256Hash([]byte("graph")), DataRoot: crypto.Keccak256Hash([]byte("data")), Steps: 10 * checkpoints, CheckpointInterval: 10,
		MaxPrice: big.NewInt(params.Ether), RequiredCollateral: big.NewInt(params.Ether),
		BidWindow: 600, ExecutionWindow: 36000, ChallengeWindow: 1800,
	}
	r := c.send(client, m.Instance(c.client, c.d.Contracts.JobMarket), big.NewInt(params.Ether), m.PackPostJob(jp))
	ev, err := m.UnpackJobPostedEvent(r.Logs[0])
	require.NoError(c.t, err)
	return ev.JobId.Uint64()
}

func (c *seqChain) closeAuction(from int, id uint64) {
	m := bindings.NewJobMarket()
	c.send(from, m.Instance(c.client, c.d.Contracts.JobMarket), nil, m.PackCloseAuction(new(big.Int).SetUint64(id)))
}

// seqProc is a running `gensyn sequencer`.
type seqProc struct {
	cmd     *exec.Cmd
	url     string
	logPath string
	rpc     *gethrpc.Client
}

// startSequencer runs the real binary and waits until its API answers.
func (c *seqChain) startSequencer(t *testing.T, dataDir string, extra ...string) *seqProc {
	t.Helper()
	port := freePort(t)
	logPath := filepath.Join(t.TempDir(), "sequencer.log")
	logf, err := os.Create(logPath)
	require.NoError(t, err)
	args := append([]string{"sequencer",
		"--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", dataDir,
		"--rpc.port", strconv.Itoa(port), "--log.level", "debug",
	}, extra...)
	cmd := exec.Command(gensynBin(t), args...)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "GENSYN_SEQUENCER_PRIVATE_KEY="+c.hexKeys[1])
	cmd.Stdout, cmd.Stderr = logf, logf
	require.NoError(t, cmd.Start())
	p := &seqProc{cmd: cmd, url: "http://127.0.0.1:" + strconv.Itoa(port), logPath: logPath}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("sequencer log %s:\n%s", logPath, tail(string(b), 6000))
		}
	})
	p.rpc, err = gethrpc.Dial(p.url)
	require.NoError(t, err)
	t.Cleanup(p.rpc.Close)
	require.Eventually(t, func() bool {
		var st seqrpc.Status
		return p.rpc.Call(&st, "gensyn_status") == nil
	}, 90*time.Second, 100*time.Millisecond, "the sequencer's API never answered; log in %s", logPath)
	b, _ := os.ReadFile(logPath)
	require.NotContains(t, string(b), strings.TrimPrefix(c.hexKeys[1], "0x"), "keys are never logged")
	return p
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// kill9 kills the process with SIGKILL: no shutdown code runs.
func (p *seqProc) kill9(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	_ = p.cmd.Wait()
	p.rpc.Close()
}

// stop sends SIGTERM and expects a clean exit.
func (p *seqProc) stop(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, p.cmd.Wait())
	p.rpc.Close()
}

func (p *seqProc) status(t *testing.T) seqrpc.Status {
	t.Helper()
	var st seqrpc.Status
	require.NoError(t, p.rpc.Call(&st, "gensyn_status"))
	return st
}

// stateRoot is the state root the tests' workers commit for checkpoint ck of job.
func stateRoot(job uint64, ck uint32) common.Hash {
	return crypto.Keccak256Hash([]byte(fmt.Sprintf("state %d/%d", job, ck)))
}

// submit signs a commitment of the worker, in the job's current assignment
// round, and submits it.
func (c *seqChain) submit(p *seqProc, worker int, job uint64, ck uint32) (seqrpc.SubmitResult, inbox.Commitment, error) {
	return c.submitRound(p, worker, job, c.job(job).Round, ck)
}

// submitRound signs a commitment of the worker in round and submits it.
func (c *seqChain) submitRound(p *seqProc, worker int, job uint64, round, ck uint32) (seqrpc.SubmitResult, inbox.Commitment, error) {
	cm := inbox.Commitment{JobID: job, Round: round, Checkpoint: ck, StateRoot: stateRoot(job, ck), Worker: c.addr(worker)}
	sig, err := inbox.NewDomain(c.d.ChainID, c.d.Contracts.CommitmentInbox).Sign(cm, c.keys[worker])
	require.NoError(c.t, err)
	var res seqrpc.SubmitResult
	err = p.rpc.Call(&res, "gensyn_submitCommitment", seqrpc.ArgsOf(cm), hexutil.Bytes(sig))
	return res, cm, err
}

// requireIncludedOnChain checks the served proof of every (job, checkpoint)
// with CommitmentInbox.isIncluded and verifyCommitment on the real chain.
func (c *seqChain) requireIncludedOnChain(p *seqProc, job uint64, cks uint32) {
	t := c.t
	ib := bindings.NewCommitmentInbox()
	inst := ib.Instance(c.client, c.d.Contracts.CommitmentInbox)
	for ck := uint32(1); ck <= cks; ck++ {
		var inc seqrpc.Inclusion
		require.NoError(t, p.rpc.Call(&inc, "gensyn_getInclusion", job, ck))
		require.Equal(t, seqrpc.StatusPosted, inc.Status, "job %d checkpoint %d", job, ck)
		proof := make([][32]byte, len(inc.Proof))
		for i := range inc.Proof {
			proof[i] = inc.Proof[i]
		}
		bc := bindings.ICommitmentInboxCommitment{JobId: inc.Commitment.JobID, Round: inc.Commitment.Round, Checkpoint: inc.Commitment.Checkpoint, StateRoot: inc.Commitment.StateRoot, Worker: inc.Commitment.Worker}
		bi, li := new(big.Int).SetUint64(*inc.BatchIndex), new(big.Int).SetUint64(*inc.LeafIndex)
		require.True(t, call(t, inst, ib.PackIsIncluded(bc, bi, li, proof), ib.UnpackIsIncluded), "isIncluded job %d checkpoint %d", job, ck)
		leaf := call(t, inst, ib.PackVerifyCommitment(bc, inc.Signature, bi, li, proof), ib.UnpackVerifyCommitment)
		require.Equal(t, inc.Leaf, common.Hash(leaf))
		r, err := c.client.TransactionReceipt(context.Background(), *inc.TxHash)
		require.NoError(t, err)
		require.Equal(t, *inc.BlockNumber, r.BlockNumber.Uint64())
	}
}

// postedEntries decodes the entries of every batch posted to the inbox, from
// the BatchPosted events and their transactions' calldata.
func (c *seqChain) postedEntries() (batches int, entries []inbox.Commitment) {
	t := c.t
	ib := bindings.NewCommitmentInbox()
	logs, err := c.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: big.NewInt(0), Addresses: []common.Address{c.d.Contracts.CommitmentInbox},
		Topics: [][]common.Hash{{crypto.Keccak256Hash([]byte("BatchPosted(uint256,bytes32,uint256)"))}},
	})
	require.NoError(t, err)
	abi, err := bindings.CommitmentInboxMetaData.ParseABI()
	require.NoError(t, err)
	for i := range logs {
		ev, err := ib.UnpackBatchPostedEvent(&logs[i])
		require.NoError(t, err)
		require.Equal(t, int64(batches), ev.BatchIndex.Int64())
		tx, _, err := c.client.TransactionByHash(context.Background(), logs[i].TxHash)
		require.NoError(t, err)
		args, err := abi.Methods["postBatch"].Inputs.Unpack(tx.Data()[4:])
		require.NoError(t, err)
		cs, err := inbox.DecodeBatch(args[0].([]byte))
		require.NoError(t, err)
		require.Equal(t, ev.Size.Int64(), int64(len(cs)))
		root, err := inbox.BatchRoot(args[0].([]byte))
		require.NoError(t, err)
		require.Equal(t, common.Hash(ev.Root), root)
		entries = append(entries, cs...)
		batches++
	}
	return batches, entries
}

// TestSequencer runs the real `gensyn sequencer` against a real anvil: the
// keeper closes the auction, and restarts the auction of a job nobody bid
// on; a worker's signed commitments are acknowledged over JSON-RPC and
// posted in batches, every served proof verifies on chain (isIncluded,
// verifyCommitment), bad submissions (a commitment of another round among
// them) get typed errors, the keeper finalizes the job once its result (the
// last checkpoint, proven under the checkpoints root) is in, and SIGTERM
// stops the service cleanly.
func TestSequencer(t *testing.T) {
	c := startSeqChain(t, "--block-time", "0") // a block per transaction: the test moves the clock itself
	const worker, client, other = 3, 4, 5
	job := c.openJob(worker, client, 20)
	idle := c.postJob(client, 20) // nobody bids on it

	// Bad configurations: one line on stderr, exit 1, no key printed.
	requireOneLineError(t, gensyn(t, nil, "sequencer"), "missing required flags --l1-eth-rpc (or GENSYN_SEQUENCER_L1_ETH_RPC)")
	base := []string{"sequencer", "--l1-eth-rpc", c.d.RPCURL, "--deployments", c.depsPath, "--data-dir", filepath.Join(t.TempDir(), "bad"), "--rpc.port", "0"}
	r := gensyn(t, []string{"GENSYN_SEQUENCER_PRIVATE_KEY=" + c.hexKeys[other]}, base...)
	requireOneLineError(t, r, "the signing key is not the inbox's sequencer")
	require.NotContains(t, r.stdout+r.stderr, strings.TrimPrefix(c.hexKeys[other], "0x"))
	requireOneLineError(t, gensyn(t, []string{"GENSYN_SEQUENCER_PRIVATE_KEY=" + c.hexKeys[1]}, append(base, "--batch.max-entries", "0")...), "batch size must be in 1..65536")
	bad := append([]string{}, base...)
	bad[4] = filepath.Join(t.TempDir(), "missing.json")
	requireOneLineError(t, gensyn(t, []string{"GENSYN_SEQUENCER_PRIVATE_KEY=" + c.hexKeys[1]}, bad...), "read deployment")

	p := c.startSequencer(t, filepath.Join(t.TempDir(), "seq"),
		"--batch.max-entries", "8", "--batch.max-delay", "500ms", "--keeper.interval", "200ms")

	// The keeper closes the auction once the bid window is over.
	require.Equal(t, uint8(seqrpc.JobOpen), c.job(job).Status)
	c.warp(601)
	require.Eventually(t, func() bool { return c.job(job).Status == seqrpc.JobAssigned }, 30*time.Second, 100*time.Millisecond, "the keeper did not close the auction")
	require.Equal(t, c.addr(worker), c.job(job).Worker)
	require.Eventually(t, func() bool { return c.job(idle).Auctions == 2 }, 30*time.Second, 100*time.Millisecond, "the keeper did not restart the bid-less auction")
	require.Equal(t, uint8(seqrpc.JobOpen), c.job(idle).Status)

	// 20 checkpoints: 2 batches of 8 by size, the last 4 after max-delay.
	for ck := uint32(1); ck <= 20; ck++ {
		res, cm, err := c.submit(p, worker, job, ck)
		require.NoError(t, err)
		require.Equal(t, uint64(ck-1), res.Seq)
		require.Equal(t, cm.Leaf(), res.Leaf)
	}
	res, _, err := c.submit(p, worker, job, 20)
	require.NoError(t, err)
	require.True(t, res.Duplicate)

	// Bad submissions over the wire: typed errors, one clear message.
	_, _, err = c.submit(p, worker, job, 22)
	requireRPCError(t, err, seqrpc.CodeCheckpointRange, "out of range 1..20")
	_, _, err = c.submit(p, other, job, 1)
	requireRPCError(t, err, seqrpc.CodeNotAssigned, "is not the assigned worker")
	_, _, err = c.submitRound(p, worker, job, 2, 1)
	requireRPCError(t, err, seqrpc.CodeWrongRound, fmt.Sprintf("round 2 is not the current assignment round 1 of job %d", job))
	cm := inbox.Commitment{JobID: job, Round: 1, Checkpoint: 1, StateRoot: common.Hash{1}, Worker: c.addr(worker)}
	badSig, err := inbox.NewDomain(c.d.ChainID, c.d.Contracts.CommitmentInbox).Sign(cm, c.keys[other])
	require.NoError(t, err)
	err = p.rpc.Call(nil, "gensyn_submitCommitment", seqrpc.ArgsOf(cm), hexutil.Bytes(badSig))
	requireRPCError(t, err, seqrpc.CodeInvalidSignature, "not by the commitment's worker")
	goodSig, err := inbox.NewDomain(c.d.ChainID, c.d.Contracts.CommitmentInbox).Sign(cm, c.keys[worker])
	require.NoError(t, err)
	err = p.rpc.Call(nil, "gensyn_submitCommitment", seqrpc.ArgsOf(cm), hexutil.Bytes(goodSig))
	requireRPCError(t, err, seqrpc.CodeConflict, "already acknowledged")

	require.Eventually(t, func() bool {
		st := p.status(t)
		return st.PostedEntries == 20 && st.Pending == 0
	}, 60*time.Second, 100*time.Millisecond)
	st := p.status(t)
	require.Equal(t, 3, st.PostedBatches)
	t.Logf("gensyn_status: %+v", st)
	c.requireIncludedOnChain(p, job, 20)
	batches, entries := c.postedEntries()
	require.Equal(t, 3, batches)
	require.Len(t, entries, 20)

	var inc json.RawMessage
	require.NoError(t, p.rpc.Call(&inc, "gensyn_getInclusion", job, 5))
	t.Logf("gensyn_getInclusion(%d, 5): %s", job, inc)

	// The worker submits its result (the final model is checkpoint 20, proven
	// under the root of the 20 committed state roots); the keeper finalizes
	// after the window.
	roots := make([]commit.Hash, 20)
	for i := range roots {
		roots[i] = commit.Hash(stateRoot(job, uint32(i+1)))
	}
	proof, err := commit.CheckpointProof(roots, len(roots))
	require.NoError(t, err)
	last := make([][32]byte, len(proof))
	for i := range proof {
		last[i] = proof[i]
	}
	m := bindings.NewJobMarket()
	c.send(worker, m.Instance(c.client, c.d.Contracts.JobMarket), nil, m.PackSubmitResult(new(big.Int).SetUint64(job), roots[19], commit.CheckpointsRoot(roots), last))
	c.warp(1801)
	require.Eventually(t, func() bool { return c.job(job).Status == seqrpc.JobFinalized }, 30*time.Second, 100*time.Millisecond, "the keeper did not finalize")

	p.stop(t)
	b, err := os.ReadFile(p.logPath)
	require.NoError(t, err)
	require.Contains(t, string(b), "Posted batch")
	require.Contains(t, string(b), "Keeper transition")
	require.Regexp(t, `msg="Keeper transition" role=keeper job=2 method=closeAuction outcome=restarted`, string(b))
	require.Contains(t, string(b), "Sequencer stopped")
	for _, line := range strings.Split(string(b), "\n") {
		for _, k := range []string{"JSON-RPC API listening", "Sequencer starting", "Recorded batch intent", "Posted batch", "Keeper transition", "Sequencer stopped"} {
			if strings.Contains(line, k) {
				t.Log(line)
			}
		}
	}
}

func requireRPCError(t *testing.T, err error, code int, contains string) {
	t.Helper()
	require.Error(t, err)
	var re gethrpc.Error
	require.True(t, errors.As(err, &re), "%T: %v", err, err)
	require.Equal(t, code, re.ErrorCode(), err.Error())
	require.Contains(t, err.Error(), contains)
}

// TestSequencerCrash SIGKILLs the real sequencer three times: (1) after it
// acknowledged entries and before any batch; (2) after it sent a batch
// transaction that is still in anvil's mempool (mined while it is down); (3)
// after it sent a batch transaction that is then dropped from the mempool.
// After each restart it reconciles; in the end every acknowledged entry is
// on chain exactly once (counted over every BatchPosted batch's calldata).
func TestSequencerCrash(t *testing.T) {
	c := startSeqChain(t, "--block-time", "0") // a block per transaction: the test moves the clock itself
	const worker, client = 3, 4
	job := c.openJob(worker, client, 100)
	c.warp(601)
	c.closeAuction(client, job)
	dataDir := filepath.Join(t.TempDir(), "seq")
	noKeeper := "--keeper.enabled=false"
	acked := map[uint32]common.Hash{}
	submitRange := func(p *seqProc, from, to uint32) {
		for ck := from; ck <= to; ck++ {
			res, cm, err := c.submit(p, worker, job, ck)
			require.NoError(t, err)
			require.Equal(t, cm.Leaf(), res.Leaf)
			acked[ck] = res.Leaf
		}
	}
	seqPending := func() bool {
		pending, err := c.client.PendingNonceAt(context.Background(), c.addr(1))
		require.NoError(t, err)
		latest, err := c.client.NonceAt(context.Background(), c.addr(1), nil)
		require.NoError(t, err)
		return pending > latest
	}

	// (1) Acknowledged, never batched: killed with a long max-delay.
	p := c.startSequencer(t, dataDir, noKeeper, "--batch.max-delay", "1h", "--batch.max-entries", "1000")
	submitRange(p, 1, 30)
	require.Equal(t, 30, p.status(t).Pending)
	p.kill9(t)
	batches, _ := c.postedEntries()
	require.Zero(t, batches)

	// (2) Restart with automine off: the batch tx waits in the mempool; kill;
	// mine it while the sequencer is down.
	require.NoError(t, c.rpc.Call(nil, "evm_setAutomine", false))
	p = c.startSequencer(t, dataDir, noKeeper, "--batch.max-delay", "200ms", "--batch.max-entries", "1000")
	require.Equal(t, uint64(30), p.status(t).Entries, "no acknowledged entry lost")
	require.Eventually(t, seqPending, 60*time.Second, 50*time.Millisecond, "the batch was never sent")
	p.kill9(t)
	require.NoError(t, c.rpc.Call(nil, "evm_mine"))
	batches, entries := c.postedEntries()
	require.Equal(t, 1, batches)
	require.Len(t, entries, 30)

	// (3) Restart: the intent is found on chain, not posted again. Then new
	// entries, a batch tx sent, the process killed, the tx dropped.
	p = c.startSequencer(t, dataDir, noKeeper, "--batch.max-delay", "200ms", "--batch.max-entries", "1000")
	require.Eventually(t, func() bool { return p.status(t).PostedEntries == 30 }, 60*time.Second, 50*time.Millisecond)
	submitRange(p, 31, 50)
	require.Eventually(t, seqPending, 60*time.Second, 50*time.Millisecond, "the second batch was never sent")
	p.kill9(t)
	require.NoError(t, c.rpc.Call(nil, "anvil_dropAllTransactions"))
	require.False(t, seqPending())
	require.NoError(t, c.rpc.Call(nil, "evm_setAutomine", true))
	batches, _ = c.postedEntries()
	require.Equal(t, 1, batches, "the dropped batch is not on chain")

	// (4) Restart: the dropped batch is posted again.
	p = c.startSequencer(t, dataDir, noKeeper, "--batch.max-delay", "200ms", "--batch.max-entries", "1000")
	require.Eventually(t, func() bool {
		st := p.status(t)
		return st.PostedEntries == 50 && st.Pending == 0
	}, 60*time.Second, 100*time.Millisecond)
	submitRange(p, 51, 55) // and it goes on
	require.Eventually(t, func() bool { return p.status(t).PostedEntries == 55 }, 60*time.Second, 100*time.Millisecond)

	batches, entries = c.postedEntries()
	require.Equal(t, 3, batches)
	require.Len(t, entries, len(acked))
	seen := map[uint32]bool{}
	for _, e := range entries {
		require.Equal(t, job, e.JobID)
		require.False(t, seen[e.Checkpoint], "checkpoint %d posted twice", e.Checkpoint)
		seen[e.Checkpoint] = true
		require.Equal(t, acked[e.Checkpoint], e.Leaf(), "checkpoint %d", e.Checkpoint)
	}
	c.requireIncludedOnChain(p, job, 55)
	b, err := os.ReadFile(p.logPath)
	require.NoError(t, err)
	require.Contains(t, string(b), "Batch intent not on chain; posting it")
	t.Logf("crash test: %d acknowledged entries, %d batches on chain, each entry exactly once", len(acked), batches)
}
