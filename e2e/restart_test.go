package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// running says whether pid is a live process (not exited, not a zombie).
func running(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i >= 0 && len(s) > i+2 && s[i+2] != 'Z'
}

// TestAnvilRestart runs the lifecycle of TestLifecycle with one worker, and
// stops anvil (SIGTERM, `gensyn devnet down`: it dumps its --state file)
// while the worker trains and commits checkpoints, then restarts it a few
// seconds later on the same port from that state (`gensyn devnet up
// --anvil-state FILE --resume`). The worker, the sequencer and the client's
// `job status --watch` keep running through the outage, and the job ends as
// an uninterrupted one: every checkpoint committed and on chain exactly
// once, the result submitted, finalized, the worker paid, the client
// refunded to the wei, and `job fetch` verifies the model.
func TestAnvilRestart(t *testing.T) {
	start := time.Now()
	anvilState := filepath.Join(t.TempDir(), "anvil-state.json")
	c := startSeqChain(t, "--block-time", "1s", "--anvil-state", anvilState)
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	startBlobstore(t, t.TempDir(), addr)
	seq := c.startSequencer(t, t.TempDir(), "--batch.max-delay", "1s", "--keeper.interval", "1s", "--job-cache-ttl", "500ms")
	l := &lifecycle{seqChain: c, blobURL: "http://" + addr, seq: seq}

	// A longer job than the example's (160 checkpoints), so that training
	// goes on through the outage and after it.
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "digits-mlp.json"))
	require.NoError(t, err)
	s := strings.Replace(string(raw), `"steps": 1000`, `"steps": 16000`, 1)
	require.NotEqual(t, string(raw), s)
	specPath := filepath.Join(t.TempDir(), "long.json")
	require.NoError(t, os.WriteFile(specPath, []byte(s), 0o644))
	want := localRoots(t, specPath)

	block0, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	before := map[int]*big.Int{}
	for _, a := range []int{clientAcct, cheapWorker} {
		before[a] = l.balance(t, l.addr(a))
	}

	w := l.startWorker(t, "worker", cheapWorker, t.TempDir(), "--bid.price", ethAmount(3, 10).String())
	require.Eventually(t, func() bool { return l.registered(t, cheapWorker) }, 60*time.Second, 200*time.Millisecond, "worker never registered")

	id := l.submitJob(t, specPath)
	watchOut := filepath.Join(t.TempDir(), "watch.jsonl")
	watchFile, err := os.Create(watchOut)
	require.NoError(t, err)
	watch := exec.Command(gensynBin(t), "job", "status", "--watch", "--json", "--interval", "200ms", strconv.FormatUint(id, 10))
	watch.Env = append(os.Environ(), l.jobArgs(clientAcct)...)
	watch.Stdout = watchFile
	watchErr := &strings.Builder{}
	watch.Stderr = watchErr
	require.NoError(t, watch.Start())
	t.Cleanup(func() {
		if watch.ProcessState == nil {
			_ = watch.Process.Kill()
			_ = watch.Wait()
		}
		watchFile.Close()
	})

	procs := map[string]int{"worker": w.cmd.Process.Pid, "sequencer": seq.cmd.Process.Pid, "job status --watch": watch.Process.Pid}
	requireAlive := func(when string) {
		t.Helper()
		for name, pid := range procs {
			require.True(t, running(pid), "%s (pid %d) is not running %s", name, pid, when)
		}
	}

	// Stop anvil once the worker is a few checkpoints into training.
	stoppedAt := 0
	require.Eventually(t, func() bool {
		m := checkpointLine.FindAllStringSubmatch(w.log(), -1)
		if len(m) == 0 {
			return false
		}
		stoppedAt, _ = strconv.Atoi(m[len(m)-1][1])
		return stoppedAt >= 3
	}, 120*time.Second, 20*time.Millisecond, "worker never reached checkpoint 3")
	r := gensyn(t, nil, "devnet", "down", "--state-dir", l.stateDir)
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	require.Less(t, stoppedAt, len(want), "the worker finished before anvil stopped; make the job longer")
	fi, err := os.Stat(anvilState)
	require.NoError(t, err, "anvil did not dump its state on SIGTERM")
	require.NotZero(t, fi.Size())
	t.Logf("stopped anvil after checkpoint %d of %d", stoppedAt, len(want))
	outage := time.Now()

	// The outage: nobody can reach the chain; every service keeps running.
	time.Sleep(6 * time.Second)
	requireAlive("during the outage")
	duringOutage := checkpointLine.FindAllStringSubmatch(w.log(), -1)
	require.Contains(t, w.log(), "connection refused", "the worker never noticed the outage")
	require.Contains(t, readFile(t, seq.logPath), "connection refused", "the sequencer never noticed the outage")

	u, err := url.Parse(l.d.RPCURL)
	require.NoError(t, err)
	deps := filepath.Dir(l.depsPath)
	// Bad input: resuming without a state file, or from one that is not there.
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", u.Port(), "--state-dir", l.stateDir, "--deployments-dir", deps, "--resume"),
		"--resume: needs --anvil-state FILE")
	requireOneLineError(t, gensyn(t, nil, "devnet", "up", "--port", u.Port(), "--state-dir", l.stateDir, "--deployments-dir", deps,
		"--anvil-state", anvilState+".missing", "--resume"), "no saved chain to resume")
	r = gensyn(t, nil, "devnet", "up", "--port", u.Port(), "--state-dir", l.stateDir, "--deployments-dir", deps,
		"--block-time", "1s", "--anvil-state", anvilState, "--resume")
	require.Equal(t, 0, r.code, "stdout=%s\nstderr=%s", r.stdout, r.stderr)
	require.Contains(t, r.stdout, "resumed the chain")
	t.Logf("devnet up --resume:\n%s", r.stdout)
	require.Contains(t, r.stdout, "devnet ready at "+l.d.RPCURL)
	t.Logf("anvil down for %.1fs; the worker logged %d checkpoints meanwhile", time.Since(outage).Seconds(), len(duringOutage))
	requireProtocolState(t, l, block0)
	requireAlive("after the restart")

	// Training, commitments, result, finalization, withdrawal.
	require.Eventually(t, func() bool {
		j := l.job(id)
		if j.Status != 4 {
			return false
		}
		m := bindings.NewJobMarket()
		bal := call(t, m.Instance(l.client, l.d.Contracts.JobMarket), m.PackBalanceOf(l.addr(cheapWorker)), m.UnpackBalanceOf)
		return bal.Sign() == 0 && strings.Contains(w.log(), "Payment withdrawn")
	}, 240*time.Second, 250*time.Millisecond, "job never finalized and paid after the restart")
	delete(procs, "job status --watch") // it exits once the job is finalized
	requireAlive("after the job")

	job := l.job(id)
	require.Equal(t, l.addr(cheapWorker), job.Worker)
	require.Equal(t, ethAmount(3, 10), job.Price)
	require.Equal(t, common.Hash(want[len(want)-1]), common.Hash(job.FinalModelRoot), "final model root")
	require.Equal(t, common.Hash(commit.CheckpointsRoot(want)), common.Hash(job.CheckpointsRoot), "checkpoints root")

	// The client's live progress survived the outage and ended on the
	// finalized job with every checkpoint.
	require.NoError(t, watch.Wait(), "job status --watch: %s", watchErr.String())
	require.Contains(t, watchErr.String(), "retrying", "the watch never noticed the outage")
	lines := strings.Split(strings.TrimSpace(readFile(t, watchOut)), "\n")
	var lastLine statusJSON
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &lastLine))
	require.Equal(t, "finalized", lastLine.Status)
	require.Equal(t, len(want), lastLine.Committed)

	st := l.jobStatus(t, id)
	require.Equal(t, "finalized", st.Status)
	require.Equal(t, len(want), st.Checkpoints)
	require.Equal(t, len(want), st.Committed, "every checkpoint committed")
	require.Equal(t, len(want), st.Posted, "every checkpoint posted on chain")

	// Exactly once: the worker trained, published and saw on chain each
	// checkpoint once, and the inbox's batches and force-inclusions hold
	// as many commitments as the job has checkpoints (it is the only job).
	log := w.log()
	for k := 1; k <= len(want); k++ {
		for _, msg := range []string{`msg=Checkpoint `, `msg="Checkpoint published" `, `msg="Commitment on chain" `} {
			re := regexp.MustCompile(regexp.QuoteMeta(msg) + `.*job=` + strconv.FormatUint(id, 10) + ` checkpoint=` + strconv.Itoa(k) + ` `)
			require.Len(t, re.FindAllString(log, -1), 1, "%s checkpoint %d", msg, k)
		}
	}
	require.Equal(t, 1, strings.Count(log, "Result submitted"))
	require.Equal(t, 1, strings.Count(log, "Payment withdrawn"))
	block1, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	in := bindings.NewCommitmentInbox()
	logs, err := l.client.FilterLogs(context.Background(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(block0 + 1), ToBlock: new(big.Int).SetUint64(block1),
		Addresses: []common.Address{l.d.Contracts.CommitmentInbox},
	})
	require.NoError(t, err)
	onChain, forced := 0, 0
	for _, lg := range logs {
		if ev, err := in.UnpackBatchPostedEvent(&lg); err == nil {
			onChain += int(ev.Size.Int64())
		} else if _, err := in.UnpackForceIncludedEvent(&lg); err == nil {
			onChain++
			forced++
		}
	}
	require.Equal(t, len(want), onChain, "commitments on chain (%d force-included)", forced)
	require.NotContains(t, log, strings.TrimPrefix(l.hexKeys[cheapWorker], "0x"), "keys are never logged")

	// The client claims its refund and fetches the model.
	r = gensyn(t, l.jobArgs(clientAcct), "job", "refund", strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	out := filepath.Join(t.TempDir(), "model.gck")
	r = gensyn(t, l.jobArgs(clientAcct), "job", "fetch", "--out", out, strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	require.Contains(t, r.stdout, "matches the on-chain final model root")
	ck, err := trainer.ReadCheckpoint(out)
	require.NoError(t, err)
	require.Equal(t, common.Hash(job.FinalModelRoot), common.Hash(ck.StateRoot))

	// Balances to the wei, gas included: blocks from before the outage are
	// still on the restarted chain.
	block2, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	gas := l.gasPaid(t, block0, block2)
	expect := func(a int, delta *big.Int) {
		t.Helper()
		want := new(big.Int).Add(before[a], delta)
		if g := gas[l.addr(a)]; g != nil {
			want.Sub(want, g)
		}
		require.Equal(t, want.String(), l.balance(t, l.addr(a)).String(), "account %d", a)
	}
	expect(cheapWorker, new(big.Int).Sub(ethAmount(3, 10), ethAmount(2, 1)))
	expect(clientAcct, new(big.Int).Neg(ethAmount(3, 10)))
	require.Zero(t, l.balance(t, l.d.Contracts.JobMarket).Sign(), "once everyone is paid the market holds nothing")

	t.Logf("anvil restart: %d checkpoints (%d force-included); whole test %.1fs", len(want), forced, time.Since(start).Seconds())
}

// requireProtocolState checks that the restarted chain kept its history:
// the blocks before the outage are there and the contracts answer.
func requireProtocolState(t *testing.T, l *lifecycle, block0 uint64) {
	t.Helper()
	n, err := l.client.BlockNumber(context.Background())
	require.NoError(t, err)
	require.Greater(t, n, block0, "the restarted chain lost its blocks")
	h, err := l.client.HeaderByNumber(context.Background(), new(big.Int).SetUint64(block0))
	require.NoError(t, err)
	require.NotNil(t, h)
	m := bindings.NewJobMarket()
	require.NotZero(t, call(t, m.Instance(l.client, l.d.Contracts.JobMarket), m.PackJobCount(), m.UnpackJobCount).Sign())
}
