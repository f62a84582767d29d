package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// Dev accounts of the lifecycle tests (1 is the sequencer, 2 the arbiter).
const (
	clientAcct  = 3
	cheapWorker = 4
	dearWorker  = 5
)

func ethAmount(num, den int64) *big.Int {
	v := new(big.Int).Mul(big.NewInt(params.Ether), big.NewInt(num))
	return v.Div(v, big.NewInt(den))
}

// proc is a running service process with its log file.
type proc struct {
	cmd     *exec.Cmd
	logPath string
}

func startProc(t *testing.T, name string, env []string, args ...string) *proc {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	logf, err := os.Create(logPath)
	require.NoError(t, err)
	cmd := exec.Command(gensynBin(t), args...)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	require.NoError(t, cmd.Start())
	p := &proc{cmd: cmd, logPath: logPath}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logPath)
			t.Logf("%s log %s:\n%s", name, logPath, tail(string(b), 8000))
		}
	})
	return p
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func (p *proc) log() string {
	b, _ := os.ReadFile(p.logPath)
	return string(b)
}

func (p *proc) kill9(t *testing.T) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	_ = p.cmd.Wait()
}

// lifecycle is a devnet (a block a second, so that chain time moves) with a
// blob store and a sequencer (keeper on) running as real processes.
type lifecycle struct {
	*seqChain
	blobURL string
	seq     *seqProc
}

func startLifecycle(t *testing.T) *lifecycle {
	t.Helper()
	c := startSeqChain(t, "--block-time", "1s")
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	startBlobstore(t, t.TempDir(), addr)
	seq := c.startSequencer(t, t.TempDir(), "--batch.max-delay", "1s", "--keeper.interval", "1s", "--job-cache-ttl", "500ms")
	return &lifecycle{seqChain: c, blobURL: "http://" + addr, seq: seq}
}

func (l *lifecycle) startWorker(t *testing.T, name string, acct int, dataDir string, extra ...string) *proc {
	t.Helper()
	args := append([]string{"worker",
		"--l1-eth-rpc", l.d.RPCURL, "--deployments", l.depsPath, "--data-dir", dataDir,
		"--blobstore", l.blobURL, "--sequencer", l.seq.url, "--poll-interval", "500ms",
		"--stake.target", ethAmount(2, 1).String(), "--log.level", "debug",
	}, extra...)
	return startProc(t, name, []string{"GENSYN_WORKER_PRIVATE_KEY=" + l.hexKeys[acct]}, args...)
}

func (l *lifecycle) jobArgs(acct int) []string {
	return []string{"GENSYN_JOB_PRIVATE_KEY=" + l.hexKeys[acct], "GENSYN_JOB_L1_ETH_RPC=" + l.d.RPCURL,
		"GENSYN_JOB_DEPLOYMENTS=" + l.depsPath, "GENSYN_JOB_BLOBSTORE=" + l.blobURL, "GENSYN_JOB_SEQUENCER=" + l.seq.url}
}

func (l *lifecycle) registered(t *testing.T, acct int) bool {
	reg := bindings.NewNodeRegistry()
	return call(t, reg.Instance(l.client, l.d.Contracts.NodeRegistry), reg.PackIsRegistered(l.addr(acct)), reg.UnpackIsRegistered)
}

func (l *lifecycle) balance(t *testing.T, a common.Address) *big.Int {
	b, err := l.client.BalanceAt(context.Background(), a, nil)
	require.NoError(t, err)
	return b
}

// gasPaid sums the fees every transaction of `from` paid in blocks
// (from, to].
func (l *lifecycle) gasPaid(t *testing.T, from, to uint64) map[common.Address]*big.Int {
	t.Helper()
	ctx := context.Background()
	out := map[common.Address]*big.Int{}
	signer := types.LatestSignerForChainID(l.chainID)
	for n := from + 1; n <= to; n++ {
		b, err := l.client.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		require.NoError(t, err)
		for _, tx := range b.Transactions() {
			sender, err := types.Sender(signer, tx)
			require.NoError(t, err)
			r, err := l.client.TransactionReceipt(ctx, tx.Hash())
			require.NoError(t, err)
			fee := new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
			if out[sender] == nil {
				out[sender] = new(big.Int)
			}
			out[sender].Add(out[sender], fee)
		}
	}
	return out
}

// localRoots trains a spec locally and returns its checkpoint roots.
func localRoots(t *testing.T, specPath string) []commit.Hash {
	t.Helper()
	s, err := spec.Load(specPath)
	require.NoError(t, err)
	d, err := dataset.Load(filepath.Join(repoRoot(t), "data", "digits.csv.gz"), s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, d, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	var roots []commit.Hash
	_, err = tr.Run(context.Background(), nil, 0, func(p trainer.Progress) error {
		roots = append(roots, p.StateRoot)
		return nil
	})
	require.NoError(t, err)
	return roots
}

type statusJSON struct {
	Status          string `json:"status"`
	Worker          string `json:"worker"`
	Committed       int    `json:"committed"`
	Posted          int    `json:"posted"`
	Forced          int    `json:"forced"`
	Checkpoints     int    `json:"checkpoints"`
	FinalModelRoot  string `json:"finalModelRoot"`
	CheckpointsRoot string `json:"checkpointsRoot"`
}

func (l *lifecycle) jobStatus(t *testing.T, id uint64) statusJSON {
	t.Helper()
	r := gensyn(t, l.jobArgs(clientAcct), "job", "status", "--json", strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	var s statusJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s), r.stdout)
	return s
}

// submitJob posts spec with `gensyn job submit` and returns its id.
func (l *lifecycle) submitJob(t *testing.T, specPath string, extra ...string) uint64 {
	t.Helper()
	args := append([]string{"job", "submit", "--json", "--spec", specPath,
		"--data", filepath.Join(repoRoot(t), "data", "digits.csv.gz"),
		"--max-price", "1eth", "--escrow", "1eth", "--collateral", "1eth",
		"--bid-window", "12s", "--execution-window", "1h", "--challenge-window", "3s"}, extra...)
	r := gensyn(t, l.jobArgs(clientAcct), args...)
	require.Equal(t, 0, r.code, "stdout=%s stderr=%s", r.stdout, r.stderr)
	var out struct {
		JobID uint64 `json:"jobId"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	require.NotZero(t, out.JobID)
	return out.JobID
}

// TestLifecycle runs a job from post to payment with real processes on a
// real anvil: blob store, sequencer (batcher and keeper), two workers with
// different prices and the client CLI. The cheaper worker wins, trains,
// commits every checkpoint through the sequencer, publishes its
// checkpoints, submits, the keeper finalizes, the worker withdraws; a
// second job nobody can take (a wrong initial state root) runs its
// MAX_AUCTIONS auctions and is cancelled by the keeper, and its poster is
// refunded; every balance is checked to the wei and `job fetch` verifies
// the model.
func TestLifecycle(t *testing.T) {
	start := time.Now()
	l := startLifecycle(t)
	specPath := filepath.Join(repoRoot(t), "examples", "digits-mlp.json")
	want := localRoots(t, specPath)

	block0, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	before := map[int]*big.Int{}
	for _, a := range []int{clientAcct, cheapWorker, dearWorker} {
		before[a] = l.balance(t, l.addr(a))
	}

	cheap := l.startWorker(t, "worker-cheap", cheapWorker, t.TempDir(), "--bid.price", ethAmount(3, 10).String())
	dear := l.startWorker(t, "worker-dear", dearWorker, t.TempDir(), "--bid.fraction", "0.8")
	require.Eventually(t, func() bool { return l.registered(t, cheapWorker) && l.registered(t, dearWorker) },
		60*time.Second, 200*time.Millisecond, "workers never registered")

	posted := time.Now()
	id := l.submitJob(t, specPath)
	watchOut := filepath.Join(t.TempDir(), "watch.jsonl")
	watchFile, err := os.Create(watchOut)
	require.NoError(t, err)
	watch := exec.Command(gensynBin(t), "job", "status", "--watch", "--json", "--interval", "200ms", strconv.FormatUint(id, 10))
	watch.Env = append(os.Environ(), l.jobArgs(clientAcct)...)
	watch.Stdout = watchFile
	require.NoError(t, watch.Start())
	t.Cleanup(func() {
		if watch.ProcessState == nil {
			_ = watch.Process.Kill()
			_ = watch.Wait()
		}
		watchFile.Close()
	})

	// Another client posts a job whose initial state root is not the one the
	// spec gives: no worker bids on it; the keeper closes each of its
	// bid-less auctions, which restarts it, and cancels it after the last
	// (MAX_AUCTIONS); its poster claims back the whole escrow. (A short bid
	// window, so that its six auctions end within the test.)
	const badPoster = 6
	before[badPoster] = l.balance(t, l.addr(badPoster))
	bad := l.job(id).Params
	bad.InitialStateRoot = [32]byte{0xba, 0xd}
	bad.BidWindow = 3
	m := bindings.NewJobMarket()
	rc := l.send(badPoster, m.Instance(l.client, l.d.Contracts.JobMarket), ethAmount(1, 1), m.PackPostJob(bad))
	ev, err := m.UnpackJobPostedEvent(rc.Logs[0])
	require.NoError(t, err)
	badID := ev.JobId.Uint64()

	// The auction: the cheaper worker ends up assigned.
	require.Eventually(t, func() bool { return l.job(id).Status >= 2 }, 90*time.Second, 250*time.Millisecond, "job never assigned")
	job := l.job(id)
	require.Equal(t, l.addr(cheapWorker), job.Worker)
	require.Equal(t, ethAmount(3, 10), job.Price)

	// Training, commitments, result, finalization, withdrawal.
	require.Eventually(t, func() bool {
		j := l.job(id)
		if j.Status != 4 {
			return false
		}
		m := bindings.NewJobMarket()
		bal := call(t, m.Instance(l.client, l.d.Contracts.JobMarket), m.PackBalanceOf(l.addr(cheapWorker)), m.UnpackBalanceOf)
		return bal.Sign() == 0 && strings.Contains(cheap.log(), "Payment withdrawn")
	}, 180*time.Second, 250*time.Millisecond, "job never finalized and paid")
	paid := time.Since(posted)

	job = l.job(id)
	require.Equal(t, common.Hash(want[len(want)-1]), common.Hash(job.FinalModelRoot), "final model root")
	require.Equal(t, common.Hash(commit.CheckpointsRoot(want)), common.Hash(job.CheckpointsRoot), "checkpoints root")

	// The bad job: skipped by the idle worker on its roots, never bid on
	// through any of its auctions, and cancelled after the last one.
	skipped := regexp.MustCompile(`msg="Skipping job" .*job=` + strconv.FormatUint(badID, 10) + ` reason="initial state root`)
	require.Eventually(t, func() bool { return skipped.MatchString(dear.log()) }, 60*time.Second, 250*time.Millisecond,
		"the idle worker did not skip the bad job for its initial state root")
	require.Eventually(t, func() bool { return l.job(badID).Status == jobCancelled }, 2*time.Minute, 250*time.Millisecond,
		"the bid-less job was never cancelled")
	maxAuctions := call(t, m.Instance(l.client, l.d.Contracts.JobMarket), m.PackMAXAUCTIONS(), m.UnpackMAXAUCTIONS)
	badJob := l.job(badID)
	require.Equal(t, maxAuctions, badJob.Auctions, "cancelled after its last auction")
	require.Equal(t, common.Address{}, badJob.Worker)
	restarts, cancelled := 0, 0
	badLogs, err := l.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(block0 + 1), Addresses: []common.Address{l.d.Contracts.JobMarket}})
	require.NoError(t, err)
	for i := range badLogs {
		if ev, err := m.UnpackAuctionRestartedEvent(&badLogs[i]); err == nil && ev.JobId.Uint64() == badID {
			restarts++
			require.Equal(t, uint8(restarts+1), ev.Auctions)
		}
		if ev, err := m.UnpackJobCancelledEvent(&badLogs[i]); err == nil && ev.JobId.Uint64() == badID {
			cancelled++
			require.Equal(t, ethAmount(1, 1).String(), ev.Refund.String(), "the whole escrow to refund")
		}
		if ev, err := m.UnpackBidPlacedEvent(&badLogs[i]); err == nil {
			require.NotEqual(t, badID, ev.JobId.Uint64(), "a bid on the bad job")
		}
	}
	require.Equal(t, int(maxAuctions)-1, restarts, "each bid-less auction but the last restarts the job")
	require.Equal(t, 1, cancelled)

	// The live progress ended on the finalized job with every checkpoint.
	require.NoError(t, watch.Wait())
	lines := strings.Split(strings.TrimSpace(readFile(t, watchOut)), "\n")
	var lastLine statusJSON
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &lastLine))
	require.Equal(t, "finalized", lastLine.Status)
	require.Equal(t, len(want), lastLine.Committed)
	require.Greater(t, len(lines), 2, "the watch printed the job's progress as it went")

	r0 := gensyn(t, l.jobArgs(clientAcct), "job", "list")
	require.Equal(t, 0, r0.code, "stderr=%s", r0.stderr)
	require.Regexp(t, `(?m)^\s+`+strconv.FormatUint(id, 10)+`\s+finalized`, r0.stdout)
	require.Regexp(t, `(?m)^\s+`+strconv.FormatUint(badID, 10)+`\s+cancelled\s+escrow \d+ wei\s+poster \S+\s+worker -`, r0.stdout)

	st := l.jobStatus(t, id)
	require.Equal(t, "finalized", st.Status)
	require.Equal(t, len(want), st.Checkpoints)
	require.Equal(t, len(want), st.Committed, "every checkpoint committed through the sequencer")
	require.Equal(t, len(want), st.Posted, "every checkpoint posted on chain")
	require.Contains(t, cheap.log(), "Result submitted")
	require.Contains(t, cheap.log(), "Payment withdrawn")
	require.NotContains(t, cheap.log(), strings.TrimPrefix(l.hexKeys[cheapWorker], "0x"), "keys are never logged")
	require.NotContains(t, dear.log(), strings.TrimPrefix(l.hexKeys[dearWorker], "0x"), "keys are never logged")

	// The client claims its refund: escrow 1 ETH, price 0.3 ETH; the bad
	// job's poster its whole escrow.
	r := gensyn(t, l.jobArgs(clientAcct), "job", "refund", strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	r = gensyn(t, l.jobArgs(badPoster), "job", "refund", strconv.FormatUint(badID, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)

	// Fetch the model and verify it against the on-chain root.
	out := filepath.Join(t.TempDir(), "model.gck")
	r = gensyn(t, l.jobArgs(clientAcct), "job", "fetch", "--out", out, strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	require.Contains(t, r.stdout, "matches the on-chain final model root")
	ck, err := trainer.ReadCheckpoint(out)
	require.NoError(t, err)
	require.Equal(t, common.Hash(job.FinalModelRoot), common.Hash(ck.StateRoot))

	// Balances to the wei: stakes stay deposited, the winner gets its price,
	// the client its escrow less the price; everyone pays its own gas.
	block1, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	gas := l.gasPaid(t, block0, block1)
	fee := func(a int) *big.Int {
		if g := gas[l.addr(a)]; g != nil {
			return g
		}
		return new(big.Int)
	}
	expect := func(a int, delta *big.Int) {
		t.Helper()
		want := new(big.Int).Add(before[a], delta)
		want.Sub(want, fee(a))
		require.Equal(t, want.String(), l.balance(t, l.addr(a)).String(), "account %d", a)
	}
	expect(cheapWorker, new(big.Int).Sub(ethAmount(3, 10), ethAmount(2, 1)))
	expect(dearWorker, new(big.Int).Neg(ethAmount(2, 1)))
	expect(clientAcct, new(big.Int).Neg(ethAmount(3, 10)))
	expect(badPoster, new(big.Int))
	require.Zero(t, l.balance(t, l.d.Contracts.JobMarket).Sign(), "once everyone is paid and refunded the market holds nothing")

	t.Logf("lifecycle: %d checkpoints; post to payment %.1fs; whole test %.1fs", len(want), paid.Seconds(), time.Since(start).Seconds())
	t.Logf("gas: client %s wei, cheap worker %s wei, dear worker %s wei", fee(clientAcct), fee(cheapWorker), fee(dearWorker))
}

var checkpointLine = regexp.MustCompile(`msg=Checkpoint .*checkpoint=(\d+)`)

// TestWorkerCrash kills a training worker with SIGKILL and restarts it on
// the same data directory: it resumes from its last checkpoint and the job
// ends with the roots of an uninterrupted run.
func TestWorkerCrash(t *testing.T) {
	l := startLifecycle(t)
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "digits-mlp.json"))
	require.NoError(t, err)
	s := strings.Replace(string(raw), `"steps": 1000`, `"steps": 6000`, 1)
	s = strings.Replace(s, `"checkpoint_interval": 100`, `"checkpoint_interval": 20`, 1)
	require.NotEqual(t, string(raw), s)
	specPath := filepath.Join(t.TempDir(), "long.json")
	require.NoError(t, os.WriteFile(specPath, []byte(s), 0o644))
	want := localRoots(t, specPath)

	dataDir := t.TempDir()
	w := l.startWorker(t, "worker", cheapWorker, dataDir, "--bid.fraction", "0.5")
	require.Eventually(t, func() bool { return l.registered(t, cheapWorker) }, 60*time.Second, 200*time.Millisecond)
	id := l.submitJob(t, specPath)

	// Kill it once a few checkpoints are done.
	killedAt := 0
	require.Eventually(t, func() bool {
		m := checkpointLine.FindAllStringSubmatch(w.log(), -1)
		if len(m) == 0 {
			return false
		}
		killedAt, _ = strconv.Atoi(m[len(m)-1][1])
		return killedAt >= 5
	}, 120*time.Second, 20*time.Millisecond, "worker never reached checkpoint 5")
	w.kill9(t)
	require.Less(t, killedAt, len(want), "the worker finished before it was killed; make the job longer")
	t.Logf("killed the worker after checkpoint %d of %d", killedAt, len(want))

	w2 := l.startWorker(t, "worker-restarted", cheapWorker, dataDir, "--bid.fraction", "0.5")
	require.Eventually(t, func() bool { return l.job(id).Status == 4 }, 240*time.Second, 250*time.Millisecond, "job never finalized")
	m := regexp.MustCompile(`msg="Resuming training" .*checkpoint=(\d+)`).FindStringSubmatch(w2.log())
	require.NotNil(t, m, "the restarted worker did not resume")
	resumed, _ := strconv.Atoi(m[1])
	require.GreaterOrEqual(t, resumed, killedAt, "resumed before the last checkpoint it had logged")
	require.NotContains(t, w2.log(), "msg=Training ", "the restarted worker trained from step 0")
	job := l.job(id)
	require.Equal(t, common.Hash(want[len(want)-1]), common.Hash(job.FinalModelRoot))
	require.Equal(t, common.Hash(commit.CheckpointsRoot(want)), common.Hash(job.CheckpointsRoot))
	st := l.jobStatus(t, id)
	require.Equal(t, len(want), st.Committed)
}

// TestWorkerForceInclude runs a worker whose sequencer never answers (its
// URL points at a closed port): after --force-include-after it puts every
// checkpoint commitment on chain itself with CommitmentInbox.forceInclude,
// then submits; the real sequencer's keeper still assigns and finalizes.
func TestWorkerForceInclude(t *testing.T) {
	l := startLifecycle(t)
	specPath := filepath.Join(repoRoot(t), "examples", "digits-mlp.json")
	want := localRoots(t, specPath)
	deadSeq := "http://127.0.0.1:" + strconv.Itoa(freePort(t))
	args := []string{"worker",
		"--l1-eth-rpc", l.d.RPCURL, "--deployments", l.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", l.blobURL, "--sequencer", deadSeq, "--poll-interval", "500ms",
		"--stake.target", ethAmount(2, 1).String(), "--bid.price", "1000", "--force-include-after", "1s",
	}
	w := startProc(t, "worker", []string{"GENSYN_WORKER_PRIVATE_KEY=" + l.hexKeys[cheapWorker]}, args...)
	require.Eventually(t, func() bool { return l.registered(t, cheapWorker) }, 60*time.Second, 200*time.Millisecond)
	id := l.submitJob(t, specPath)

	// A job whose spec names a dataset blob the store does not have: the
	// worker skips it, saying so.
	sp, err := spec.Load(specPath)
	require.NoError(t, err)
	sp.Dataset.Hash = commit.Keccak256([]byte("a dataset nobody uploaded"))
	canon, err := sp.Canonical()
	require.NoError(t, err)
	_, err = blobstore.NewClient(l.blobURL, nil).Put(context.Background(), canon)
	require.NoError(t, err)
	params := l.job(id).Params
	params.SpecHash, params.DatasetHash = commit.Keccak256(canon), sp.Dataset.Hash
	m := bindings.NewJobMarket()
	rc := l.send(6, m.Instance(l.client, l.d.Contracts.JobMarket), ethAmount(1, 1), m.PackPostJob(params))
	ev, err := m.UnpackJobPostedEvent(rc.Logs[0])
	require.NoError(t, err)
	missing := regexp.MustCompile(`msg="Skipping job" .*job=` + ev.JobId.String() + ` reason="dataset blob: .*blob not found`)
	require.Eventually(t, func() bool { return missing.MatchString(w.log()) }, 120*time.Second, 250*time.Millisecond,
		"the worker did not skip the job with a missing dataset blob")

	require.Eventually(t, func() bool { return l.job(id).Status == 4 }, 180*time.Second, 250*time.Millisecond, "job never finalized")
	job := l.job(id)
	require.Equal(t, common.Hash(want[len(want)-1]), common.Hash(job.FinalModelRoot))
	require.Equal(t, len(want), strings.Count(w.log(), "via=forced"), "every commitment force-included")
	st := l.jobStatus(t, id)
	require.Equal(t, len(want), st.Committed, "job status counts force-included checkpoints from the inbox's events")
	require.Equal(t, len(want), st.Posted)
	require.Equal(t, len(want), st.Forced)

	// Every commitment is on chain: CommitmentInbox.forcedAt(leaf) != 0 for
	// the leaf of the commitment bound to the job's round.
	require.Equal(t, uint32(1), job.Round)
	in := bindings.NewCommitmentInbox()
	for k, root := range want {
		leaf := call(t, in.Instance(l.client, l.d.Contracts.CommitmentInbox), in.PackLeafOf(bindings.ICommitmentInboxCommitment{
			JobId: id, Round: job.Round, Checkpoint: uint32(k + 1), StateRoot: root, Worker: l.addr(cheapWorker)}), in.UnpackLeafOf)
		at := call(t, in.Instance(l.client, l.d.Contracts.CommitmentInbox), in.PackForcedAt(leaf), in.UnpackForcedAt)
		require.NotZero(t, at.Sign(), "checkpoint %d not force-included", k+1)
	}
}

// syncBuffer is a buffer a process writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// demoKept runs `gensyn demo --explorer ADDR --keep` (what make demo runs),
// waits until it says it keeps running, checks the explorer still serves
// the dispute game's page, interrupts it (Ctrl-C) and returns its output.
func demoKept(t *testing.T, explorerAddr string, args ...string) result {
	t.Helper()
	cmd := exec.Command(gensynBin(t), append([]string{"demo", "--explorer", explorerAddr, "--keep"}, args...)...)
	cmd.Dir = repoRoot(t)
	var out, errb syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	deadline := time.After(6 * time.Minute)
	for !strings.Contains(out.String(), "Ctrl-C stops them") {
		select {
		case err := <-exited:
			t.Fatalf("the demo exited before it was interrupted (%v): stdout=%s\nstderr=%s", err, out.String(), errb.String())
		case <-deadline:
			t.Fatalf("the demo never said it keeps running: stdout=%s\nstderr=%s", out.String(), errb.String())
		case <-time.After(250 * time.Millisecond):
		}
	}
	code, body := httpGet("http://" + explorerAddr + "/games/0")
	require.Equal(t, 200, code, "the explorer keeps running after the demo")
	require.Contains(t, body, `id="outcome">challenger won<`)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	select {
	case err := <-exited:
		c := 0
		if ee, ok := err.(*exec.ExitError); ok {
			c = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return result{stdout: out.String(), stderr: errb.String(), code: c}
	case <-time.After(60 * time.Second):
		t.Fatalf("the demo did not stop on Ctrl-C: stdout=%s", out.String())
	}
	return result{}
}

// TestDemo runs `gensyn demo` (the README's first command) on its own fresh
// devnet and checks its timeline: the honest job reaches the verified model,
// then the cheating worker is caught by the verifier in the dispute game,
// slashed, and its job reopened; the game credits the verifier its bond and
// the whole slash reward (the only live game), and it withdraws both.
func TestDemo(t *testing.T) {
	requireToolchain(t)
	dir := t.TempDir()
	// make demo's flags: the explorer from the start (the demo waits until
	// its page of the dispute game shows the slash before it prints the
	// links), and everything kept running after the demo until Ctrl-C
	explorerAddr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	r := demoKept(t, explorerAddr, "--dir", dir)
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	require.Regexp(t, `explorer at http://127\.0\.0\.1:\d+: open it`, r.stdout)
	require.Regexp(t, `explorer: http://127\.0\.0\.1:\d+ \(the market\), .*/jobs/1 \(the honest job\), .*/games/0 \(the dispute game and the slash\)`, r.stdout)
	for _, want := range []string{"client posted job 1", "worker A bid 0.300000 ETH", "assigned to worker A",
		"checkpoint commitments", "worker A submitted the result", "keeper finalized job 1",
		"worker A withdrew its payment of 0.300000 ETH", "matches the on-chain final model root",
		"assigned to worker C (cheater)", "verifier challenged checkpoint 3 of worker C (cheater)",
		"verifier picked step 250", "the verifier won (the one-step executor re-ran the float32 operation and disagreed)",
		// the bond sent is requiredBond() plus 12.5%
		"bond 0.112500 ETH to verifier",
		// the slash reward goes to the game (the arbiter), which credits it to the round's live games
		"worker C (cheater) slashed 1.000000 ETH: 0.500000 ETH to the dispute game, 0.500000 ETH burned",
		"job 2 reopened for bidding", "split among the round's 1 live game(s)", "game 0: verifier's share 0.500000 ETH",
		"stake 2.000000 ETH -> 1.000000 ETH", "its share 0.500000 ETH of the slash reward", "unclaimed: 0.000000 ETH"} {
		require.Contains(t, r.stdout, want)
	}
	t.Logf("demo output:\n%s", r.stdout)
}
