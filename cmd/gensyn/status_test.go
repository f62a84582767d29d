package main

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// statusSequencer answers gensyn_status like a sequencer of chainID and inbox.
type statusSequencer struct {
	chainID uint64
	inbox   common.Address
}

func (s *statusSequencer) Status() (*seqrpc.Status, error) {
	return &seqrpc.Status{ChainID: s.chainID, Inbox: s.inbox, Entries: 4, Pending: 1}, nil
}

// TestStatusCommand runs `gensyn status` on a real anvil with the protocol
// deployed as the deploy script does, a blob store and a sequencer: every
// check passes; then each broken part fails in its own line (contract code
// that is not this build's, no code, blob store and sequencer down, an
// unfunded, unstaked account) and the command exits non-zero.
func TestStatusCommand(t *testing.T) {
	c := testchain.NewAnvil(t, "deployer", "sequencer")
	d := &deployments.Deployment{ChainID: c.ChainID.Uint64(), Contracts: c.DeployProtocolWithGame("deployer", "sequencer", big.NewInt(1e17), 600, 60)}
	d.Deployer, d.Arbiter, d.Sequencer = c.Addr("deployer"), d.Contracts.VerdeArbitration, c.Addr("sequencer")
	depPath := filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, deployments.Write(depPath, d))

	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	bs := httptest.NewServer(blobstore.NewServer(local, 1<<20, nil))
	defer bs.Close()
	srv := gethrpc.NewServer()
	require.NoError(t, srv.RegisterName("gensyn", &statusSequencer{chainID: d.ChainID, inbox: d.Contracts.CommitmentInbox}))
	seq := httptest.NewServer(srv)
	defer seq.Close()

	args := []string{"status", "--l1-eth-rpc", c.URL, "--deployments", depPath, "--blobstore", bs.URL, "--sequencer", seq.URL}
	start := time.Now()
	out, err := runCLI(t, args...)
	took := time.Since(start)
	require.NoError(t, err, out)
	t.Logf("gensyn status (%s):\n%s", took, out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3+7+2)
	for _, l := range lines {
		require.True(t, strings.HasPrefix(l, "ok "), l)
	}
	require.Contains(t, out, "JobMarket")
	require.Regexp(t, regexp.MustCompile(`ok +OneStep +0x[0-9a-fA-F]{40}: code matches this build`), out)
	require.Regexp(t, regexp.MustCompile(`ok +ElementDecoder +0x[0-9a-fA-F]{40}: code matches this build`), out)
	_, err = runCLI(t, append([]string{"doctor"}, args[1:]...)...)
	require.NoError(t, err, "doctor is an alias")

	// --wait: a blob store that turns healthy later is waited for, and the
	// output is the one report of the passing round.
	var healthy atomic.Bool
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !healthy.Load() {
			http.Error(w, `{"status":"starting"}`, http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
	defer slow.Close()
	waitArgs := []string{"status", "--l1-eth-rpc", c.URL, "--deployments", depPath, "--blobstore", slow.URL, "--sequencer", seq.URL}
	_, err = runCLI(t, append(waitArgs, "--wait", "1s")...)
	require.EqualError(t, err, "1 of 12 checks still failing after waiting 1s")
	time.AfterFunc(1500*time.Millisecond, func() { healthy.Store(true) })
	out, err = runCLI(t, append(waitArgs, "--wait", "2m")...)
	require.NoError(t, err, out)
	require.Len(t, strings.Split(strings.TrimSpace(out), "\n"), 3+7+2, out)
	require.NotContains(t, out, "FAIL")
	_, err = runCLI(t, append(waitArgs, "--wait", "-1s")...)
	require.EqualError(t, err, "--wait -1s: must not be negative")

	// JobMarket's code changed (one byte outside the immutables), OneStep's
	// gone, the blob store and sequencer down, an unfunded account.
	rc, err := gethrpc.Dial(c.URL)
	require.NoError(t, err)
	defer rc.Close()
	var code hexutil.Bytes
	require.NoError(t, rc.Call(&code, "eth_getCode", d.Contracts.JobMarket, "latest"))
	code[len(code)-1] ^= 0xff // in the metadata
	require.NoError(t, rc.Call(nil, "anvil_setCode", d.Contracts.JobMarket, code))
	require.NoError(t, rc.Call(nil, "anvil_setCode", d.Contracts.OneStep, hexutil.Bytes{}))
	bs.Close()
	seq.Close()
	nobody := "0x00000000000000000000000000000000000000b7"
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"gensyn", "status", "--l1-eth-rpc", c.URL, "--deployments", depPath,
		"--blobstore", bs.URL, "--sequencer", seq.URL, "--address", nobody, "--staked"}, &stdout, &stderr)
	require.Error(t, err)
	out = stdout.String()
	t.Logf("gensyn status:\n%s", out)
	require.Equal(t, "8 of 15 checks failed", err.Error())
	for _, want := range []string{
		"FAIL  JobMarket          the code at " + d.Contracts.JobMarket.Hex() + " is not the code this gensyn was built for",
		"FAIL  OneStep            " + d.Contracts.OneStep.Hex() + " has no code on chain 31337: wrong --deployments file or a restarted devnet?",
		"FAIL  ElementDecoder     read OneStep.decoder() at " + d.Contracts.OneStep.Hex() + ": empty answer (no code, or not a OneStep): fix the OneStep check first",
		"FAIL  blob store         " + bs.URL + ": unreachable (",
		"FAIL  sequencer          " + seq.URL + " unreachable (",
		"FAIL  account            " + common.HexToAddress(nobody).Hex() + ": balance 0: fund it",
		"FAIL  stake              " + common.HexToAddress(nobody).Hex() + ": no free stake",
		"FAIL  registered         " + common.HexToAddress(nobody).Hex() + ": not a registered node",
		"ok    StakeManager",
	} {
		require.Contains(t, out, want)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		require.Regexp(t, `^(ok|FAIL)  `, l)
	}

	// The chain down: one line for it, and the rest that needs it is not tried.
	_, err = runCLI(t, "status", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", depPath, "--blobstore", "", "--sequencer", "")
	require.EqualError(t, err, "1 of 2 checks failed")
	require.Contains(t, bindings.Deployed, "JobMarket")
}

// TestStatusElementDecoder: the ElementDecoder that OneStep deployed (its
// address is one of OneStep's immutables, which the OneStep check masks) is
// checked too: a decoder whose code is not this build's, or that has none,
// fails its own line while OneStep's passes.
func TestStatusElementDecoder(t *testing.T) {
	c := testchain.NewAnvil(t, "deployer", "sequencer")
	d := &deployments.Deployment{ChainID: c.ChainID.Uint64(), Contracts: c.DeployProtocolWithGame("deployer", "sequencer", big.NewInt(1e17), 600, 60)}
	d.Deployer, d.Arbiter, d.Sequencer = c.Addr("deployer"), d.Contracts.VerdeArbitration, c.Addr("sequencer")
	depPath := filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, deployments.Write(depPath, d))
	args := []string{"status", "--l1-eth-rpc", c.URL, "--deployments", depPath, "--blobstore", "", "--sequencer", ""}

	rc, err := gethrpc.Dial(c.URL)
	require.NoError(t, err)
	defer rc.Close()
	b := bindings.NewOneStep()
	var ret hexutil.Bytes
	require.NoError(t, rc.Call(&ret, "eth_call", map[string]any{"to": d.Contracts.OneStep, "input": hexutil.Bytes(b.PackDecoder())}, "latest"))
	dec, err := b.UnpackDecoder(ret)
	require.NoError(t, err)
	require.NotEqual(t, common.Address{}, dec)

	out, err := runCLI(t, args...)
	require.NoError(t, err, out)
	require.Contains(t, out, "ok    ElementDecoder     "+dec.Hex()+": code matches this build ("+bindings.Deployed["ElementDecoder"].Hash.Hex()[:18]+")")

	// One byte of the decoder's code changed: OneStep still matches (the
	// decoder's address is masked), the decoder does not.
	var code hexutil.Bytes
	require.NoError(t, rc.Call(&code, "eth_getCode", dec, "latest"))
	require.Len(t, code, bindings.Deployed["ElementDecoder"].Size)
	code[len(code)/2] ^= 0xff
	require.NoError(t, rc.Call(nil, "anvil_setCode", dec, code))
	out, err = runCLI(t, args...)
	require.EqualError(t, err, "1 of 10 checks failed", out)
	require.Regexp(t, regexp.MustCompile(`ok +OneStep +0x[0-9a-fA-F]{40}: code matches this build`), out)
	require.Contains(t, out, "FAIL  ElementDecoder     the code at "+dec.Hex()+" is not the code this gensyn was built for (hash 0x")

	// A decoder with OneStep's code instead (a different contract), then none.
	var one hexutil.Bytes
	require.NoError(t, rc.Call(&one, "eth_getCode", d.Contracts.OneStep, "latest"))
	require.NoError(t, rc.Call(nil, "anvil_setCode", dec, one))
	out, err = runCLI(t, args...)
	require.EqualError(t, err, "1 of 10 checks failed", out)
	require.Contains(t, out, fmt.Sprintf("FAIL  ElementDecoder     the code at %s is not the code this gensyn was built for (%d bytes, this build's %d)", dec.Hex(), len(one), bindings.Deployed["ElementDecoder"].Size))
	require.NoError(t, rc.Call(nil, "anvil_setCode", dec, hexutil.Bytes{}))
	out, err = runCLI(t, args...)
	require.EqualError(t, err, "1 of 10 checks failed", out)
	require.Contains(t, out, "FAIL  ElementDecoder     "+dec.Hex()+" has no code on chain 31337")
}

// TestVersionCommand: `gensyn version` and `gensyn --version` print the
// version, the commit and every contract's code hash.
func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, err := runCLI(t, args...)
		require.NoError(t, err)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		require.Equal(t, "gensyn "+Version, lines[0])
		require.Regexp(t, `^commit (unknown|[0-9a-f]{40}(\+modified)?)$`, lines[1])
		require.Regexp(t, `^repops kernel (avx512|avx2|sse|neon|go), [0-9]+ threads \(this CPU runs: [a-z0-9, ]+\)$`, lines[2])
		require.Regexp(t, `^commit keccak (avx512|avx2|sha3|scalar) \(this CPU runs: [a-z0-9, ]+\)$`, lines[3])
		require.Len(t, lines, 4+len(bindings.Deployed))
		require.Regexp(t, `\ncontract JobMarket +`+bindings.Deployed["JobMarket"].Hash.Hex()+`\n`, out)
	}
	// A commit set at build time (make build) wins over the recorded one.
	defer func(c string) { Commit = c }(Commit)
	Commit = "0123456789abcdef0123456789abcdef01234567+modified"
	out, err := runCLI(t, "version")
	require.NoError(t, err)
	require.Contains(t, out, "\ncommit 0123456789abcdef0123456789abcdef01234567+modified\n")
	_, err = runCLI(t, "version", "x")
	require.EqualError(t, err, "version takes no arguments")
}
