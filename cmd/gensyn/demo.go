package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	workerflags "github.com/gensyn-stack/gensyn/node/worker/flags"
)

// Dev accounts of the demo (1 is the devnet's sequencer).
const (
	demoClient   = 3
	demoCheap    = 4
	demoDear     = 5
	demoVerifier = 6
	demoCheater  = 7
)

func demoCommand() *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "run a whole job on a fresh devnet, then catch a cheating worker: blob store, sequencer, workers, a verifier, a client; print the timeline",
		Description: "Starts anvil (a block a second), deploys the contracts, starts `gensyn blobstore`, `gensyn sequencer`,\n" +
			"`gensyn verifier` and two `gensyn worker`s (0.3 ETH fixed and 80% of the max price), posts\n" +
			"examples/digits-mlp.json with `job submit` logic, follows every event with its transaction hash, claims\n" +
			"the refund, fetches and verifies the model and prints the balances. Then a third worker that cheats\n" +
			"(--unsafe.fault perturb-weight: it flips one bit of one weight at one step) underbids and wins a second\n" +
			"job; the verifier replays the checkpoint interval, disputes it and plays the Verde game down to one\n" +
			"float32 operation executed on chain; the cheater is slashed, the job reopened, and the slash reward is\n" +
			"split among the round's live games (here the verifier's one game, so the verifier gets all of it).\n" +
			"With --explorer HOST:PORT, `gensyn explorer` runs from the start (its pages show both jobs and the game\n" +
			"live); with --keep the devnet, services and explorer stay up after the demo until Ctrl-C (make demo\n" +
			"passes both). Otherwise everything is stopped at the end. Logs are kept in --dir.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dir", Usage: "directory for the devnet state, data directories and logs (default: a new temporary directory)", EnvVars: envVars("demo", "dir")},
			&cli.StringFlag{Name: "spec", Value: "examples/digits-mlp.json", Usage: "job spec `FILE`", EnvVars: envVars("demo", "spec")},
			&cli.StringFlag{Name: "data", Usage: "dataset `FILE` (default: found under ./data by the spec's dataset.hash)", EnvVars: envVars("demo", "data")},
			&cli.DurationFlag{Name: "timeout", Value: 5 * time.Minute, Usage: "give up after this long", EnvVars: envVars("demo", "timeout")},
			&cli.StringFlag{Name: "explorer", Usage: "also run gensyn explorer on this HOST:PORT from the start and print its address (empty: none)", EnvVars: envVars("demo", "explorer")},
			&cli.BoolFlag{Name: "keep", Usage: "after the demo, keep the devnet, the services and the explorer running until interrupted (Ctrl-C)", EnvVars: envVars("demo", "keep")},
		},
		Action: runDemo,
	}
}

type demo struct {
	w     io.Writer
	start time.Time
	dir   string
	self  string
	procs []*exec.Cmd
	d     *deployments.Deployment
	ec    *ethclient.Client
	keys  []string
	names map[common.Address]string
	// share is the slash reward share credited to each challenger
	// (VerdeArbitration RewardShared events of the second act).
	share map[common.Address]*big.Int
}

func (dm *demo) say(format string, args ...any) {
	fmt.Fprintf(dm.w, "[%6.1fs] %s\n", time.Since(dm.start).Seconds(), fmt.Sprintf(format, args...))
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// spawn starts `gensyn args...` with its output in dir/name.log.
func (dm *demo) spawn(name string, env []string, args ...string) error {
	f, err := os.Create(filepath.Join(dm.dir, name+".log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(dm.self, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		return err
	}
	dm.procs = append(dm.procs, cmd)
	return nil
}

func (dm *demo) stopAll() {
	for i := len(dm.procs) - 1; i >= 0; i-- {
		p := dm.procs[i]
		_ = p.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = p.Process.Kill()
			<-done
		}
	}
}

func waitHTTP(ctx context.Context, url string, ok func(*http.Response) bool) error {
	for {
		resp, err := http.Get(url)
		if err == nil {
			good := ok(resp)
			resp.Body.Close()
			if good {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s never answered: %w", url, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func eth(v *big.Int) string {
	f, _ := new(big.Rat).SetFrac(v, big.NewInt(1e18)).Float64()
	return fmt.Sprintf("%.6f ETH", f)
}

func runDemo(c *cli.Context) error {
	ctx, cancel := context.WithTimeout(c.Context, c.Duration("timeout"))
	defer cancel()
	dm := &demo{w: c.App.Writer, start: time.Now(), names: map[common.Address]string{}, share: map[common.Address]*big.Int{}}
	var err error
	if dm.self, err = os.Executable(); err != nil {
		return err
	}
	dm.dir = c.String("dir")
	if dm.dir == "" {
		if dm.dir, err = os.MkdirTemp("", "gensyn-demo-"); err != nil {
			return err
		}
	} else if err := os.MkdirAll(dm.dir, 0o755); err != nil {
		return err
	}
	specBytes, err := os.ReadFile(c.String("spec"))
	if err != nil {
		return err
	}
	dataPath := c.String("data")
	if dataPath == "" {
		sp, err := spec.Load(c.String("spec"))
		if err != nil {
			return err
		}
		if dataPath, err = findDataset(c.String("spec"), sp.Dataset.Hash); err != nil {
			return err
		}
	}
	data, err := os.ReadFile(dataPath)
	if err != nil {
		return err
	}
	defer dm.stopAll()

	// 1. A fresh devnet.
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(addr)
	state, depsDir := filepath.Join(dm.dir, "devnet"), filepath.Join(dm.dir, "deployments")
	up := exec.CommandContext(ctx, dm.self, "devnet", "up", "--port", port, "--state-dir", state, "--deployments-dir", depsDir, "--block-time", "1s")
	if out, err := up.CombinedOutput(); err != nil {
		return fmt.Errorf("devnet up: %v: %s", err, out)
	}
	defer func() { _ = exec.Command(dm.self, "devnet", "down", "--state-dir", state).Run() }()
	depsPath := filepath.Join(depsDir, "31337.json")
	if dm.d, err = deployments.Read(depsPath); err != nil {
		return err
	}
	raw, err := os.ReadFile(dm.d.AccountKeysFile)
	if err != nil {
		return err
	}
	var accts struct {
		PrivateKeys []string `json:"private_keys"`
	}
	if err := json.Unmarshal(raw, &accts); err != nil {
		return err
	}
	dm.keys = accts.PrivateKeys
	if dm.ec, err = ethclient.DialContext(ctx, dm.d.RPCURL); err != nil {
		return err
	}
	defer dm.ec.Close()
	addrOf := func(i int) common.Address {
		k, _ := crypto.HexToECDSA(strings.TrimPrefix(dm.keys[i], "0x"))
		return crypto.PubkeyToAddress(k.PublicKey)
	}
	client, cheap, dear := addrOf(demoClient), addrOf(demoCheap), addrOf(demoDear)
	dm.names[client], dm.names[cheap], dm.names[dear] = "client", "worker A", "worker B"
	dm.names[addrOf(1)] = "sequencer"
	dm.say("devnet up at %s (chain %d); JobMarket %s, CommitmentInbox %s", dm.d.RPCURL, dm.d.ChainID, dm.d.Contracts.JobMarket, dm.d.Contracts.CommitmentInbox)

	// 2. Blob store, sequencer, two workers.
	blobAddr, err := freeAddr()
	if err != nil {
		return err
	}
	if err := dm.spawn("blobstore", nil, "blobstore", "--dir", filepath.Join(dm.dir, "blobs"), "--addr", blobAddr); err != nil {
		return err
	}
	blobURL := "http://" + blobAddr
	if err := waitHTTP(ctx, blobURL+"/healthz", func(r *http.Response) bool { return r.StatusCode == 200 }); err != nil {
		return err
	}
	explorerURL := ""
	if a := c.String("explorer"); a != "" {
		if err := dm.spawn("explorer", nil, "explorer", "--l1-eth-rpc", dm.d.RPCURL, "--deployments", depsPath,
			"--data-dir", filepath.Join(dm.dir, "explorer"), "--addr", a, "--blobstore", blobURL, "--poll-interval", "500ms"); err != nil {
			return err
		}
		explorerURL = "http://" + a
		if err := waitHTTP(ctx, explorerURL+"/healthz", func(r *http.Response) bool { return r.StatusCode == 200 }); err != nil {
			return fmt.Errorf("explorer: %w (see %s)", err, filepath.Join(dm.dir, "explorer.log"))
		}
		dm.say("explorer at %s: open it to watch the jobs and the dispute live", explorerURL)
	}
	seqAddr, err := freeAddr()
	if err != nil {
		return err
	}
	_, seqPort, _ := net.SplitHostPort(seqAddr)
	if err := dm.spawn("sequencer", []string{"GENSYN_SEQUENCER_PRIVATE_KEY=" + dm.keys[1]}, "sequencer",
		"--l1-eth-rpc", dm.d.RPCURL, "--deployments", depsPath, "--data-dir", filepath.Join(dm.dir, "sequencer"),
		"--rpc.port", seqPort, "--batch.max-delay", "1s", "--keeper.interval", "1s"); err != nil {
		return err
	}
	seqURL := "http://" + seqAddr
	seq, err := gethrpc.DialContext(ctx, seqURL)
	if err != nil {
		return err
	}
	defer seq.Close()
	for {
		var st json.RawMessage
		if err := seq.CallContext(ctx, &st, "gensyn_status"); err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the sequencer never answered (log: %s)", filepath.Join(dm.dir, "sequencer.log"))
		case <-time.After(100 * time.Millisecond):
		}
	}
	dm.say("blob store at %s, sequencer at %s (keeper on)", blobURL, seqURL)
	verifier := addrOf(demoVerifier)
	dm.names[verifier] = "verifier"
	if err := dm.spawn("verifier", []string{"GENSYN_VERIFIER_PRIVATE_KEY=" + dm.keys[demoVerifier]}, "verifier",
		"--l1-eth-rpc", dm.d.RPCURL, "--deployments", depsPath, "--data-dir", filepath.Join(dm.dir, "verifier"),
		"--blobstore", blobURL, "--sequencer", seqURL, "--poll-interval", "500ms", "--audit.fraction", "1"); err != nil {
		return err
	}
	dm.say("verifier %s audits every checkpoint interval of every submitted result", verifier)
	before := map[common.Address]*big.Int{}
	for _, a := range []common.Address{client, cheap, dear} {
		if before[a], err = dm.ec.BalanceAt(ctx, a, nil); err != nil {
			return err
		}
	}
	block0, err := dm.ec.BlockNumber(ctx)
	if err != nil {
		return err
	}
	// Worker B polls more often, so it usually bids first and A undercuts it.
	workerArgs := func(name, poll string) []string {
		return []string{"worker", "--l1-eth-rpc", dm.d.RPCURL, "--deployments", depsPath,
			"--data-dir", filepath.Join(dm.dir, name), "--blobstore", blobURL, "--sequencer", seqURL,
			"--poll-interval", poll, "--stake.target", "2000000000000000000"}
	}
	if err := dm.spawn("worker-a", []string{"GENSYN_WORKER_PRIVATE_KEY=" + dm.keys[demoCheap]},
		append(workerArgs("worker-a", "2s"), "--bid.price", "300000000000000000")...); err != nil {
		return err
	}
	if err := dm.spawn("worker-b", []string{"GENSYN_WORKER_PRIVATE_KEY=" + dm.keys[demoDear]},
		append(workerArgs("worker-b", "300ms"), "--bid.fraction", "0.8")...); err != nil {
		return err
	}
	dm.say("worker A %s bids a fixed 0.3 ETH; worker B %s bids 80%% of the max price; both stake 2 ETH", cheap, dear)

	// 3. The client posts the job.
	tcfg := txmgr.NewCLIConfig(dm.d.RPCURL, workerflags.TxMgrDefaults)
	tcfg.PrivateKey = dm.keys[demoClient]
	tm, err := txmgr.NewSimpleTxManager("client", oplog.NewLogger(io.Discard, oplog.DefaultCLIConfig()), new(txmetrics.NoopTxMetrics), tcfg)
	if err != nil {
		return err
	}
	defer tm.Close()
	jc := jobclient.New(dm.ec, dm.d.Contracts, tm, blobstore.NewClient(blobURL, nil), seq)
	oneEth := big.NewInt(1e18)
	p, err := jobclient.Prepare(specBytes, data, jobclient.Terms{MaxPrice: oneEth, RequiredCollateral: oneEth,
		BidWindow: 12, ExecutionWindow: 3600, ChallengeWindow: 5})
	if err != nil {
		return err
	}
	// Let both workers register and stake first.
	reg := bindings.NewNodeRegistry()
	for _, w := range []common.Address{cheap, dear} {
		for {
			to := dm.d.Contracts.NodeRegistry
			out, err := dm.ec.CallContract(ctx, ethereum.CallMsg{To: &to, Data: reg.PackIsRegistered(w)}, nil)
			if err == nil {
				if ok, _ := reg.UnpackIsRegistered(out); ok {
					break
				}
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("workers never registered (logs in %s)", dm.dir)
			case <-time.After(200 * time.Millisecond):
			}
		}
	}
	posted, err := jc.Submit(ctx, p, oneEth)
	if err != nil {
		return err
	}
	postedAt := time.Now()
	dm.say("client posted job %d (%d steps, %d checkpoints, max price 1 ETH, escrow 1 ETH): tx %s", posted.JobID, p.Spec.Steps, p.Checkpoint, posted.Tx.Hex())
	dm.say("  spec %s, initial state root %s", p.SpecHash.Hex(), p.InitRoot.Hex())

	// 4. Follow the chain's events until the worker has withdrawn.
	from := posted.Block
	withdrawn := false
	for !withdrawn {
		head, err := dm.ec.BlockNumber(ctx)
		if err != nil {
			return err
		}
		if head >= from {
			logs, err := dm.ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(head),
				Addresses: []common.Address{dm.d.Contracts.JobMarket, dm.d.Contracts.CommitmentInbox}})
			if err != nil {
				return err
			}
			for i := range logs {
				if dm.event(&logs[i]) {
					withdrawn = true
				}
			}
			from = head + 1
		}
		if withdrawn {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the job did not finish in time (logs in %s)", dm.dir)
		case <-time.After(300 * time.Millisecond):
		}
	}
	dm.say("post to payment: %.1fs", time.Since(postedAt).Seconds())

	// 5. Refund, fetch, balances.
	r, err := jc.ClaimRefund(ctx, posted.JobID)
	if err != nil {
		return err
	}
	dm.say("client claimed its refund: tx %s", r.TxHash.Hex())
	out := filepath.Join(dm.dir, "model.gck")
	ck, n, err := jc.FetchModelFile(ctx, posted.JobID, out)
	if err != nil {
		return err
	}
	dm.say("fetched the final model (%d bytes) to %s: state root %s matches the on-chain final model root", n, out, ck.StateRoot)
	block1, err := dm.ec.BlockNumber(ctx)
	if err != nil {
		return err
	}
	gas, err := gasBySender(ctx, dm.ec, block0, block1)
	if err != nil {
		return err
	}
	fmt.Fprintln(dm.w, "\nbalances (change since the workers started; stake stays deposited in the StakeManager):")
	for _, a := range []common.Address{client, cheap, dear} {
		now, err := dm.ec.BalanceAt(ctx, a, nil)
		if err != nil {
			return err
		}
		g := gas[a]
		if g == nil {
			g = new(big.Int)
		}
		fmt.Fprintf(dm.w, "  %-9s %s  %+s (gas %s)\n", dm.names[a], a.Hex(), eth(new(big.Int).Sub(now, before[a])), eth(g))
	}
	if err := dm.cheater(ctx, jc, p, depsPath, blobURL, seqURL, addrOf); err != nil {
		return err
	}
	if explorerURL != "" {
		// the explorer's index follows the chain a moment behind: wait
		// until its page of the game shows the slash
		game := explorerURL + "/games/0"
		err := waitHTTP(ctx, game, func(r *http.Response) bool {
			b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			return r.StatusCode == 200 && bytes.Contains(b, []byte(`id="outcome">challenger won<`)) && bytes.Contains(b, []byte(`id="slash"`))
		})
		if err != nil {
			return fmt.Errorf("explorer: the dispute game's page never showed the slash: %w (see %s)", err, filepath.Join(dm.dir, "explorer.log"))
		}
		fmt.Fprintf(dm.w, "\nexplorer: %s (the market), %s/jobs/1 (the honest job), %s (the dispute game and the slash)\n", explorerURL, explorerURL, game)
	}
	fmt.Fprintf(dm.w, "\nlogs and data in %s\n", dm.dir)
	if c.Bool("keep") {
		fmt.Fprintf(dm.w, "the devnet and the services keep running; Ctrl-C stops them\n")
		<-c.Context.Done()
	}
	return nil
}

// cheater runs the second act: a cheating worker wins a job, the verifier
// catches it in the dispute game, and the cheater is slashed.
func (dm *demo) cheater(ctx context.Context, jc *jobclient.Client, p *jobclient.Prepared, depsPath, blobURL, seqURL string, addrOf func(int) common.Address) error {
	cheat, verifier := addrOf(demoCheater), addrOf(demoVerifier)
	dm.names[cheat] = "worker C (cheater)"
	dm.names[dm.d.Contracts.VerdeArbitration] = "the dispute game"
	fmt.Fprintln(dm.w)
	if err := dm.spawn("worker-c", []string{"GENSYN_WORKER_PRIVATE_KEY=" + dm.keys[demoCheater]},
		"worker", "--l1-eth-rpc", dm.d.RPCURL, "--deployments", depsPath, "--data-dir", filepath.Join(dm.dir, "worker-c"),
		"--blobstore", blobURL, "--sequencer", seqURL, "--poll-interval", "300ms", "--stake.target", "2000000000000000000",
		"--bid.price", "100000000000000000", "--unsafe.test-modes", "--unsafe.fault", "perturb-weight", "--unsafe.fault-step", "250"); err != nil {
		return err
	}
	cheater := dm.procs[len(dm.procs)-1]
	dm.say("worker C %s bids a fixed 0.1 ETH and cheats: it flips the lowest bit of one weight after step 250", cheat)
	if err := dm.waitRegistered(ctx, cheat); err != nil {
		return err
	}
	twoEth := big.NewInt(2e18)
	var stakeBefore *big.Int
	for {
		var err error
		if stakeBefore, err = dm.stakeOf(ctx, cheat); err != nil {
			return err
		}
		if stakeBefore.Cmp(twoEth) >= 0 {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("worker C never staked (logs in %s)", dm.dir)
		case <-time.After(200 * time.Millisecond):
		}
	}
	block0, err := dm.ec.BlockNumber(ctx)
	if err != nil {
		return err
	}
	verifierBefore, err := dm.ec.BalanceAt(ctx, verifier, nil)
	if err != nil {
		return err
	}
	oneEth := big.NewInt(1e18)
	p.Params.ChallengeWindow = 30 // long enough for the verifier's audit
	posted, err := jc.Submit(ctx, p, oneEth)
	if err != nil {
		return err
	}
	postedAt := time.Now()
	dm.say("client posted job %d (the same spec; challenge window 30s): tx %s", posted.JobID, posted.Tx.Hex())
	from, moves, reopened := posted.Block, 0, false
	for !reopened {
		head, err := dm.ec.BlockNumber(ctx)
		if err != nil {
			return err
		}
		if head >= from {
			logs, err := dm.ec.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(head),
				Addresses: []common.Address{dm.d.Contracts.JobMarket, dm.d.Contracts.VerdeArbitration, dm.d.Contracts.StakeManager}})
			if err != nil {
				return err
			}
			for i := range logs {
				if dm.gameEvent(&logs[i], &moves) {
					reopened = true
				}
			}
			from = head + 1
		}
		if reopened {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the dispute did not finish in time (logs in %s)", dm.dir)
		case <-time.After(300 * time.Millisecond):
		}
	}
	dm.say("post to slash: %.1fs, %d game moves", time.Since(postedAt).Seconds(), moves)
	// The cheater's operator would stop it; so does the demo.
	_ = cheater.Process.Signal(syscall.SIGTERM)

	// The verifier withdraws its bond and its reward share from the game
	// contract (the StakeManager paid the slash reward to the game, the
	// arbiter, which split it among the round's live games).
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := dm.stakeOf(ctx, cheat)
		if err != nil {
			return err
		}
		out, err := dm.call(ctx, dm.d.Contracts.VerdeArbitration, bindings.NewVerdeArbitration().PackBalanceOf(verifier))
		if err != nil {
			return err
		}
		unclaimed, err := bindings.NewVerdeArbitration().UnpackBalanceOf(out)
		if err != nil {
			return err
		}
		if unclaimed.Sign() == 0 || time.Now().After(deadline) {
			block1, err := dm.ec.BlockNumber(ctx)
			if err != nil {
				return err
			}
			gas, err := gasBySender(ctx, dm.ec, block0, block1)
			if err != nil {
				return err
			}
			now, err := dm.ec.BalanceAt(ctx, verifier, nil)
			if err != nil {
				return err
			}
			g := gas[verifier]
			if g == nil {
				g = new(big.Int)
			}
			fmt.Fprintln(dm.w, "\nthe cheater and the verifier:")
			fmt.Fprintf(dm.w, "  worker C  stake %s -> %s in the StakeManager (slashed %s of its 1 ETH collateral)\n", eth(stakeBefore), eth(st), eth(new(big.Int).Sub(stakeBefore, st)))
			share := dm.share[verifier]
			if share == nil {
				share = new(big.Int)
			}
			fmt.Fprintf(dm.w, "  verifier  %+s (its bond back and its share %s of the slash reward, withdrawn from the dispute game; gas %s); unclaimed: %s\n",
				eth(new(big.Int).Sub(now, verifierBefore)), eth(share), eth(g), eth(unclaimed))
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func (dm *demo) call(ctx context.Context, to common.Address, data []byte) ([]byte, error) {
	return dm.ec.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
}

func (dm *demo) stakeOf(ctx context.Context, a common.Address) (*big.Int, error) {
	sm := bindings.NewStakeManager()
	out, err := dm.call(ctx, dm.d.Contracts.StakeManager, sm.PackStakeOf(a))
	if err != nil {
		return nil, err
	}
	st, err := sm.UnpackStakeOf(out)
	if err != nil {
		return nil, err
	}
	return st.Staked, nil
}

func (dm *demo) waitRegistered(ctx context.Context, w common.Address) error {
	reg := bindings.NewNodeRegistry()
	for {
		out, err := dm.call(ctx, dm.d.Contracts.NodeRegistry, reg.PackIsRegistered(w))
		if err == nil {
			if ok, _ := reg.UnpackIsRegistered(out); ok {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s never registered (logs in %s)", w, dm.dir)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// gameEvent prints one event of the second act; it reports whether the job
// was reopened after the cheater lost.
func (dm *demo) gameEvent(l *types.Log, moves *int) bool {
	m, g, sm := bindings.NewJobMarket(), bindings.NewVerdeArbitration(), bindings.NewStakeManager()
	who := func(a common.Address) string {
		if n, ok := dm.names[a]; ok {
			return n
		}
		return a.Hex()
	}
	tx := l.TxHash.Hex()
	short := func(h [32]byte) string { return fmt.Sprintf("%x…", h[:4]) }
	switch {
	case l.Address == dm.d.Contracts.JobMarket:
		if e, err := m.UnpackBidPlacedEvent(l); err == nil {
			dm.say("%s bid %s on job %s: tx %s", who(e.Bidder), eth(e.Price), e.JobId, tx)
		} else if e, err := m.UnpackJobAssignedEvent(l); err == nil {
			dm.say("job %s assigned to %s at %s (round %d): tx %s", e.JobId, who(e.Worker), eth(e.Price), e.Round, tx)
		} else if e, err := m.UnpackResultSubmittedEvent(l); err == nil {
			dm.say("%s submitted its result: final model root %s: tx %s", who(e.Worker), short(e.FinalModelRoot), tx)
		} else if e, err := m.UnpackDisputeResolvedEvent(l); err == nil {
			dm.say("JobMarket: dispute resolved, %s lost and was slashed %s: tx %s", who(e.Worker), eth(e.Slashed), tx)
		} else if e, err := m.UnpackJobReopenedEvent(l); err == nil {
			dm.say("job %s reopened for bidding (escrow intact): tx %s", e.JobId, tx)
			return true
		}
	case l.Address == dm.d.Contracts.StakeManager:
		if e, err := sm.UnpackSlashedEvent(l); err == nil {
			dm.say("StakeManager: %s slashed %s: %s to %s, %s burned", who(e.Staker), eth(e.Amount), eth(e.Reward), who(e.Recipient), eth(e.Burned))
		}
	default:
		*moves++
		if e, err := g.UnpackGameStartedEvent(l); err == nil {
			if e.Checkpoint == 0 {
				dm.say("%s challenged the result of %s, round %d, without its checkpoint roots (bond posted): game %s: tx %s", who(e.Challenger), who(e.Worker), e.Round, e.GameId, tx)
			} else {
				dm.say("%s challenged checkpoint %d of %s, round %d (bond posted): game %s: tx %s", who(e.Challenger), e.Checkpoint, who(e.Worker), e.Round, e.GameId, tx)
			}
		} else if e, err := g.UnpackCheckpointPickedEvent(l); err == nil {
			dm.say("  verifier picked checkpoint %d, proven under the result's checkpoints root", e.Checkpoint)
		} else if e, err := g.UnpackStepRootsRevealedEvent(l); err == nil {
			dm.say("  worker revealed the state roots of every step of the interval (root %s)", short(e.ListRoot))
		} else if e, err := g.UnpackStepPickedEvent(l); err == nil {
			dm.say("  verifier picked step %d: it agrees with its start, not with its end", e.Step)
		} else if e, err := g.UnpackStepTraceRevealedEvent(l); err == nil {
			dm.say("  worker revealed the step trace (%d nodes) bound to the graph root and both state roots", e.NumNodes)
		} else if e, err := g.UnpackNodePickedEvent(l); err == nil {
			dm.say("  verifier picked node %d, element %d (its output differs given the worker's own inputs)", e.Node, e.Element)
		} else if e, err := g.UnpackElementTraceRevealedEvent(l); err == nil {
			dm.say("  worker revealed the element trace (%d primitive operations)", e.TraceLength)
		} else if e, err := g.UnpackEntryPickedEvent(l); err == nil {
			dm.say("  verifier picked operation %d of that trace", e.Entry)
		} else if e, err := g.UnpackQueryAskedEvent(l); err == nil {
			dm.say("  verifier queried item %d of list %d", e.Index, e.List)
		} else if _, err := g.UnpackQueryAnsweredEvent(l); err == nil {
			dm.say("  worker answered the query")
		} else if e, err := g.UnpackGameResolvedEvent(l); err == nil {
			outcome := map[uint8]string{1: "the worker won", 2: "the verifier won", 3: "moot", 4: "shared"}[e.Outcome]
			reason := map[uint8]string{1: "timeout", 2: "defended", 3: "constant holds", 4: "constant wrong",
				5: "the one-step executor agreed", 6: "the one-step executor re-ran the float32 operation and disagreed", 7: "stale",
				8: "another game of the round proved the fault"}[e.Reason]
			if e.Reason != 2 && e.Reason != 5 && e.Reason != 6 {
				*moves-- // ended by timeout or staleness, not by a move
			}
			dm.say("game %s over: %s (%s); bond %s to %s: tx %s", e.GameId, outcome, reason, eth(e.Bond), who(e.Paid), tx)
		} else if e, err := g.UnpackRewardPooledEvent(l); err == nil {
			*moves--
			dm.say("dispute game: slash reward %s of job %s round %d split among the round's %d live game(s)", eth(e.Pot), e.JobId, e.Round, e.Shares)
		} else if e, err := g.UnpackRewardSharedEvent(l); err == nil {
			*moves--
			if dm.share[e.Challenger] == nil {
				dm.share[e.Challenger] = new(big.Int)
			}
			dm.share[e.Challenger].Add(dm.share[e.Challenger], e.Amount)
			dm.say("  game %s: %s's share %s", e.GameId, who(e.Challenger), eth(e.Amount))
		} else {
			*moves--
		}
	}
	return false
}

// event prints one contract event; it reports whether it is the winner's
// withdrawal.
func (dm *demo) event(l *types.Log) bool {
	m, in := bindings.NewJobMarket(), bindings.NewCommitmentInbox()
	who := func(a common.Address) string {
		if n, ok := dm.names[a]; ok {
			return n
		}
		return a.Hex()
	}
	tx := l.TxHash.Hex()
	if e, err := m.UnpackBidPlacedEvent(l); err == nil {
		dm.say("%s bid %s on job %s: tx %s", who(e.Bidder), eth(e.Price), e.JobId, tx)
	} else if e, err := m.UnpackJobAssignedEvent(l); err == nil {
		dm.say("keeper closed the auction: job %s assigned to %s at %s (round %d): tx %s", e.JobId, who(e.Worker), eth(e.Price), e.Round, tx)
	} else if e, err := in.UnpackBatchPostedEvent(l); err == nil {
		dm.say("sequencer posted batch %s with %s checkpoint commitments, root %x: tx %s", e.BatchIndex, e.Size, e.Root, tx)
	} else if e, err := in.UnpackForceIncludedEvent(l); err == nil {
		dm.say("%s force-included checkpoint %d of job %d (round %d): tx %s", who(e.Sender), e.Checkpoint, e.JobId, e.Round, tx)
	} else if e, err := m.UnpackResultSubmittedEvent(l); err == nil {
		dm.say("%s submitted the result: final model root %x, checkpoints root %x: tx %s", who(e.Worker), e.FinalModelRoot, e.CheckpointsRoot, tx)
	} else if e, err := m.UnpackJobFinalizedEvent(l); err == nil {
		dm.say("keeper finalized job %s after the challenge window: %s to %s, %s back to the funders: tx %s", e.JobId, eth(e.Price), who(e.Worker), eth(e.Refund), tx)
	} else if e, err := m.UnpackWithdrawnEvent(l); err == nil {
		dm.say("%s withdrew its payment of %s: tx %s", who(e.Account), eth(e.Amount), tx)
		return true
	}
	return false
}

func gasBySender(ctx context.Context, ec *ethclient.Client, from, to uint64) (map[common.Address]*big.Int, error) {
	id, err := ec.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	signer := types.LatestSignerForChainID(id)
	out := map[common.Address]*big.Int{}
	for n := from + 1; n <= to; n++ {
		b, err := ec.BlockByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			return nil, err
		}
		for _, tx := range b.Transactions() {
			s, err := types.Sender(signer, tx)
			if err != nil {
				return nil, err
			}
			r, err := ec.TransactionReceipt(ctx, tx.Hash())
			if err != nil {
				return nil, err
			}
			if out[s] == nil {
				out[s] = new(big.Int)
			}
			out[s].Add(out[s], new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
		}
	}
	return out, nil
}
