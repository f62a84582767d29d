package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/chaincheck"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

func statusCommand() *cli.Command {
	env := func(flag string) []string { return envVars("status", flag) }
	return &cli.Command{
		Name:    "status",
		Aliases: []string{"doctor"},
		Usage:   "check a setup end to end: chain, contracts and their version, blob store, sequencer, an account",
		UsageText: "gensyn status [--l1-eth-rpc URL] [--deployments FILE] [--blobstore URL] [--sequencer URL] [--address ADDRESS [--staked]]\n\n" +
			"Prints one line per check, ok or FAIL with what is wrong and what to do, and exits 1 if any check fails.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "l1-eth-rpc", Usage: "HTTP provider URL of the chain", Value: "http://127.0.0.1:8545", EnvVars: env("l1-eth-rpc")},
			&cli.StringFlag{Name: "deployments", Usage: "path to deployments/<chain-id>.json", Value: "deployments/31337.json", EnvVars: env("deployments")},
			&cli.StringFlag{Name: "blobstore", Usage: "URL of the blob store (empty: not checked)", Value: "http://127.0.0.1:7070", EnvVars: env("blobstore")},
			&cli.StringFlag{Name: "sequencer", Usage: "URL of the sequencer's JSON-RPC API (empty: not checked)", Value: "http://127.0.0.1:8560", EnvVars: env("sequencer")},
			&cli.StringFlag{Name: "address", Usage: "an account to check: funded (and with --staked: staked and registered, as a worker must be)", EnvVars: env("address")},
			&cli.BoolFlag{Name: "staked", Usage: "the --address account must also have free stake and be a registered node", EnvVars: env("staked")},
			&cli.DurationFlag{Name: "timeout", Usage: "time each check may take", Value: 5 * time.Second, EnvVars: env("timeout")},
			&cli.DurationFlag{Name: "wait", Usage: "run the checks again every second until they all pass or this much time has passed (0: once); for scripts that start services and wait for them", EnvVars: env("wait")},
		},
		Action: runStatus,
	}
}

// statusReport prints the checks' lines and counts the failures.
type statusReport struct {
	w      io.Writer
	failed int
	total  int
}

func (r *statusReport) ok(what, detail string) {
	r.total++
	fmt.Fprintf(r.w, "ok    %-18s %s\n", what, detail)
}

func (r *statusReport) fail(what, problem, todo string) {
	r.total++
	r.failed++
	fmt.Fprintf(r.w, "FAIL  %-18s %s: %s\n", what, strings.Join(strings.Fields(problem), " "), todo)
}

func runStatus(c *cli.Context) error {
	timeout := c.Duration("timeout")
	if timeout <= 0 {
		return fmt.Errorf("--timeout %s: must be positive", timeout)
	}
	wait := c.Duration("wait")
	if wait < 0 {
		return fmt.Errorf("--wait %s: must not be negative", wait)
	}
	deadline := time.Now().Add(wait)
	for {
		// Each round's report is buffered: a waiting run prints only the
		// last one, so its output is the same as one run's once all pass.
		var buf bytes.Buffer
		r := &statusReport{w: &buf}
		err := checkSetup(c, r, timeout)
		if err != nil {
			return err // bad flags: nothing to wait for
		}
		if r.failed == 0 || !time.Now().Before(deadline) {
			_, _ = c.App.Writer.Write(buf.Bytes())
			if r.failed > 0 {
				if wait > 0 {
					return fmt.Errorf("%d of %d checks still failing after waiting %s", r.failed, r.total, wait)
				}
				return fmt.Errorf("%d of %d checks failed", r.failed, r.total)
			}
			return nil
		}
		select {
		case <-c.Context.Done():
			_, _ = c.App.Writer.Write(buf.Bytes())
			return fmt.Errorf("interrupted with %d of %d checks failing", r.failed, r.total)
		case <-time.After(time.Second):
		}
	}
}

// checkSetup runs every check once, writing one line each to r; it returns
// an error only for bad flags.
func checkSetup(c *cli.Context, r *statusReport, timeout time.Duration) error {
	var addr common.Address
	if a := c.String("address"); a != "" {
		if !common.IsHexAddress(a) {
			return fmt.Errorf("--address %q: not a 20-byte hex address", a)
		}
		addr = common.HexToAddress(a)
	} else if c.Bool("staked") {
		return fmt.Errorf("--staked needs --address")
	}
	ctx := c.Context
	step := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, timeout) }

	depPath := c.String("deployments")
	d, derr := deployments.Read(depPath)
	if derr != nil {
		r.fail("deployments", derr.Error(), "run `gensyn devnet up` (or `gensyn deploy`), or pass --deployments")
	} else {
		r.ok("deployments", fmt.Sprintf("%s: chain %d", depPath, d.ChainID))
	}

	rpcURL := c.String("l1-eth-rpc")
	var ec *ethclient.Client
	sctx, cancel := step()
	id, err := func() (*big.Int, error) {
		rc, err := gethrpc.DialContext(sctx, rpcURL)
		if err != nil {
			return nil, err
		}
		ec = ethclient.NewClient(rc)
		return ec.ChainID(sctx)
	}()
	var head uint64
	if err == nil {
		head, err = ec.BlockNumber(sctx)
	}
	cancel()
	if ec != nil {
		defer ec.Close()
	}
	switch {
	case err != nil:
		r.fail("rpc", fmt.Sprintf("%s unreachable (%v)", rpcURL, err), "start the chain (`gensyn devnet up`) or pass --l1-eth-rpc")
		ec = nil
	default:
		r.ok("rpc", fmt.Sprintf("%s: chain %s, block %d", rpcURL, id, head))
	}

	chainOK := false
	if ec != nil && d != nil {
		if !id.IsUint64() || id.Uint64() != d.ChainID {
			r.fail("chain id", (&chaincheck.ChainIDError{Got: id, Want: d.ChainID}).Error(), "pass the matching --l1-eth-rpc and --deployments")
		} else {
			r.ok("chain id", fmt.Sprintf("%d, as in %s", d.ChainID, depPath))
			chainOK = true
		}
	}
	if chainOK {
		for _, name := range chaincheck.All {
			a, _ := chaincheck.Address(d.Contracts, name)
			sctx, cancel := step()
			code, err := ec.CodeAt(sctx, a, nil)
			cancel()
			checkCode(r, name, a, code, err, d.ChainID)
		}
		// The ElementDecoder OneStep deployed in its constructor: its
		// address is an immutable of OneStep's code (masked above), so a
		// OneStep pointing at another decoder would otherwise pass.
		sctx, cancel := step()
		a, err := oneStepDecoder(sctx, ec, d.Contracts.OneStep)
		var code []byte
		if err == nil {
			code, err = ec.CodeAt(sctx, a, nil)
		}
		cancel()
		if err != nil && a == (common.Address{}) {
			r.fail(chaincheck.ElementDecoder, fmt.Sprintf("read OneStep.decoder() at %s: %v", d.Contracts.OneStep, err), "fix the OneStep check first")
		} else {
			checkCode(r, chaincheck.ElementDecoder, a, code, err, d.ChainID)
		}
	}

	if u := c.String("blobstore"); u != "" {
		sctx, cancel := step()
		err := checkBlobstore(sctx, u)
		cancel()
		if err != nil {
			r.fail("blob store", fmt.Sprintf("%s: %v", u, err), "start it (`gensyn blobstore`) or pass --blobstore")
		} else {
			r.ok("blob store", u+": healthy")
		}
	}

	if u := c.String("sequencer"); u != "" {
		sctx, cancel := step()
		st, err := sequencerStatus(sctx, u)
		cancel()
		switch {
		case err != nil:
			r.fail("sequencer", fmt.Sprintf("%s unreachable (%v)", u, err), "start it (`gensyn sequencer`) or pass --sequencer")
		case d != nil && (st.ChainID != d.ChainID || st.Inbox != d.Contracts.CommitmentInbox):
			r.fail("sequencer", fmt.Sprintf("%s sequences chain %d, inbox %s; the deployments file says chain %d, inbox %s", u, st.ChainID, st.Inbox, d.ChainID, d.Contracts.CommitmentInbox),
				"restart the sequencer with this --deployments file, or pass the right --sequencer")
		default:
			r.ok("sequencer", fmt.Sprintf("%s: chain %d, %d entries, %d pending", u, st.ChainID, st.Entries, st.Pending))
		}
	}

	if addr != (common.Address{}) {
		if ec == nil {
			r.fail("account", addr.Hex()+": not checked, the chain is unreachable", "fix the rpc first")
		} else {
			checkAccount(ctx, r, step, ec, d, chainOK, addr, c.Bool("staked"))
		}
	}

	return nil
}

// checkCode reports whether code, read at a (err: the read failed), is the
// named contract's code as this build has it.
func checkCode(r *statusReport, name string, a common.Address, code []byte, err error, chainID uint64) {
	switch {
	case err != nil:
		r.fail(name, fmt.Sprintf("read the code at %s: %v", a, err), "check the RPC")
	case len(code) == 0:
		r.fail(name, fmt.Sprintf("%s has no code on chain %d", a, chainID),
			"wrong --deployments file or a restarted devnet? pass this chain's deployments file, or redeploy (`gensyn devnet up`)")
	case !chaincheck.Matches(name, code):
		want := bindings.Deployed[name]
		got := fmt.Sprintf("%d bytes, this build's %d", len(code), want.Size)
		if h, ok := chaincheck.MaskedHash(code, want.Immutables); ok && len(code) == want.Size {
			got = fmt.Sprintf("hash %s, this build's %s", h.Hex()[:18], want.Hash.Hex()[:18])
		}
		r.fail(name, fmt.Sprintf("the code at %s is not the code this gensyn was built for (%s)", a, got),
			"run the gensyn built from the deployed contracts' sources, or redeploy them with this one (`gensyn deploy`)")
	default:
		r.ok(name, fmt.Sprintf("%s: code matches this build (%s)", a, bindings.Deployed[name].Hash.Hex()[:18]))
	}
}

// oneStepDecoder reads OneStep.decoder(), the ElementDecoder's address.
func oneStepDecoder(ctx context.Context, ec *ethclient.Client, oneStep common.Address) (common.Address, error) {
	b := bindings.NewOneStep()
	out, err := ec.CallContract(ctx, ethereum.CallMsg{To: &oneStep, Data: b.PackDecoder()}, nil)
	if err != nil {
		return common.Address{}, err
	}
	if len(out) == 0 {
		return common.Address{}, fmt.Errorf("empty answer (no code, or not a OneStep)")
	}
	return b.UnpackDecoder(out)
}

// checkBlobstore asks the blob store's health endpoint.
func checkBlobstore(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(url, "/")+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("unreachable (%v)", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("unhealthy: HTTP %d %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return nil
}

func sequencerStatus(ctx context.Context, url string) (*seqrpc.Status, error) {
	rc, err := gethrpc.DialContext(ctx, url)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var st seqrpc.Status
	if err := rc.CallContext(ctx, &st, "gensyn_status"); err != nil {
		return nil, err
	}
	return &st, nil
}

func checkAccount(ctx context.Context, r *statusReport, step func() (context.Context, context.CancelFunc), ec *ethclient.Client, d *deployments.Deployment, chainOK bool, addr common.Address, staked bool) {
	sctx, cancel := step()
	bal, err := ec.BalanceAt(sctx, addr, nil)
	cancel()
	switch {
	case err != nil:
		r.fail("account", fmt.Sprintf("%s: read the balance: %v", addr, err), "check the RPC")
	case bal.Sign() == 0:
		r.fail("account", addr.Hex()+": balance 0", "fund it (on a devnet: `cast send --value 10ether "+addr.Hex()+"` from a funded account)")
	default:
		r.ok("account", fmt.Sprintf("%s: balance %s wei", addr, bal))
	}
	if !staked {
		return
	}
	if !chainOK {
		r.fail("stake", addr.Hex()+": not checked, the contracts are not reachable", "fix the checks above first")
		return
	}
	call := func(to common.Address, data []byte) ([]byte, error) {
		sctx, cancel := step()
		defer cancel()
		return ec.CallContract(sctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	}
	sm := bindings.NewStakeManager()
	out, err := call(d.Contracts.StakeManager, sm.PackFreeStake(addr))
	var free *big.Int
	if err == nil {
		free, err = sm.UnpackFreeStake(out)
	}
	switch {
	case err != nil:
		r.fail("stake", fmt.Sprintf("%s: read StakeManager.freeStake: %v", addr, err), "check the deployments file")
	case free.Sign() == 0:
		r.fail("stake", addr.Hex()+": no free stake", "deposit stake (StakeManager.deposit, as `gensyn worker` does with --stake.target)")
	default:
		r.ok("stake", fmt.Sprintf("%s: %s wei free", addr, free))
	}
	reg := bindings.NewNodeRegistry()
	out, err = call(d.Contracts.NodeRegistry, reg.PackIsRegistered(addr))
	var ok bool
	if err == nil {
		ok, err = reg.UnpackIsRegistered(out)
	}
	switch {
	case err != nil:
		r.fail("registered", fmt.Sprintf("%s: read NodeRegistry.isRegistered: %v", addr, err), "check the deployments file")
	case !ok:
		r.fail("registered", addr.Hex()+": not a registered node", "start `gensyn worker`, which registers its account")
	default:
		r.ok("registered", addr.Hex()+": registered node")
	}
}
