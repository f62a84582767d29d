package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	seqrpc "github.com/gensyn-stack/gensyn/sequencer/rpc"
)

// sendValue sends data with value from anvil's account 0 and requires success.
func (a *anvilChain) sendValue(t *testing.T, to common.Address, value *big.Int, data []byte) {
	t.Helper()
	opts := a.opts(t)
	opts.Value = value
	tx, err := bind.Transact(bind.NewBoundContract(to, abi.ABI{}, a.ec, a.ec, a.ec), opts, data)
	require.NoError(t, err)
	r, err := bind.WaitMined(context.Background(), a.ec, tx.Hash())
	require.NoError(t, err)
	require.Equal(t, types.ReceiptStatusSuccessful, r.Status)
}

// fakeSequencer answers gensyn_getInclusion for the first n checkpoints of
// every job (acknowledged, by worker, round 1).
type fakeSequencer struct {
	n      uint32
	worker common.Address
}

type notFound struct{}

func (notFound) Error() string  { return "no acknowledged commitment" }
func (notFound) ErrorCode() int { return seqrpc.CodeNotFound }

func (f *fakeSequencer) GetInclusion(id uint64, k uint32, round uint32) (*seqrpc.Inclusion, error) {
	if k > f.n {
		return nil, notFound{}
	}
	return &seqrpc.Inclusion{Status: "acknowledged", Round: round,
		Commitment: inbox.Commitment{JobID: id, Round: round, Checkpoint: k, Worker: f.worker}}, nil
}

func startFakeSequencer(t *testing.T, f *fakeSequencer) *httptest.Server {
	srv := gethrpc.NewServer()
	require.NoError(t, srv.RegisterName("gensyn", f))
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs
}

// syncBuffer is a bytes.Buffer safe for a command writing while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestJobRevertsAndProgress drives the job commands against a real anvil:
// every revert prints its decoded name and arguments (ZeroAmount for `job
// fund --amount 0`, WrongStatus, NothingToClaim); the progress of an
// assigned job is unknown, never 0/N, while the sequencer is wrong or down:
// `job status` prints ?/N and exits 3 naming the sequencer, `--watch` says
// so once per change on stderr, `job list --json` reports null.
func TestJobRevertsAndProgress(t *testing.T) {
	a := startAnvil(t)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	bs := httptest.NewServer(blobstore.NewServer(local, 1<<24, nil))
	defer bs.Close()
	specPath := filepath.Join("..", "..", "examples", "digits-mlp.json")
	dataPath := filepath.Join("..", "..", "data", "digits.csv.gz")
	chainFlags := []string{"--l1-eth-rpc", a.url, "--deployments", a.deployments}
	cmd := func(args ...string) []string { return append(append([]string{}, args...), chainFlags...) }
	submit := func() {
		out, err := runCLI(t, cmd("job", "submit", "--spec", specPath, "--data", dataPath, "--max-price", "1eth",
			"--blobstore", bs.URL, "--private-key", anvilKey0, "--bid-window", "60s", "--execution-window", "1h")...)
		require.NoError(t, err)
		require.Contains(t, out, "posted")
	}
	submit() // job 1
	submit() // job 2

	// Reverts, decoded.
	_, err = runCLI(t, append(cmd("job", "fund", "--amount", "0", "--private-key", anvilKey0), "1")...)
	require.Error(t, err)
	require.Contains(t, oneLine(err), "execution reverted: ZeroAmount()")
	require.NotContains(t, oneLine(err), "\x1f")
	_, err = runCLI(t, append(cmd("job", "refund", "--private-key", anvilKey0), "1")...)
	require.Error(t, err)
	require.Contains(t, oneLine(err), "execution reverted: WrongStatus(jobId: 1, status: 1 (open))")
	_, err = runCLI(t, append(cmd("job", "cancel", "--private-key", anvilKey0), "2")...)
	require.NoError(t, err)
	_, err = runCLI(t, append(cmd("job", "refund", "--private-key", anvilKey0), "2")...)
	require.NoError(t, err)
	_, err = runCLI(t, append(cmd("job", "refund", "--private-key", anvilKey0), "2")...)
	require.Error(t, err)
	require.Equal(t, "refund job 2: would revert: execution reverted: NothingToClaim()", oneLine(err))

	// Account 0 stakes, registers, wins job 1's auction: job 1 is assigned.
	me := crypto.PubkeyToAddress(a.key.PublicKey)
	a.sendValue(t, a.d.StakeManager, big.NewInt(2e18), bindings.NewStakeManager().PackDeposit())
	a.send(t, a.d.NodeRegistry, bindings.NewNodeRegistry().PackRegister([]byte("peer"), "cpu"))
	m := bindings.NewJobMarket()
	a.send(t, a.d.JobMarket, m.PackBid(big.NewInt(1), big.NewInt(5e17)))
	a.advance(t, 61*time.Second)
	a.send(t, a.d.JobMarket, m.PackCloseAuction(big.NewInt(1)))

	// A wrong sequencer URL: progress unknown, exit status 3, one line.
	wrong := "http://127.0.0.1:1"
	var out, errb bytes.Buffer
	err = run(context.Background(), append([]string{"gensyn"}, append(cmd("job", "status", "--sequencer", wrong), "1")...), &out, &errb)
	var exit cli.ExitCoder
	require.ErrorAs(t, err, &exit, "%v", err)
	require.Equal(t, 3, exitCode(err), "%T %v", err, err)
	require.Contains(t, oneLine(err), "sequencer http://127.0.0.1:1: unreachable (")
	require.Contains(t, oneLine(err), "checkpoint progress unknown")
	require.Contains(t, out.String(), "job 1 assigned")
	require.Contains(t, out.String(), "?/10 checkpoints committed (progress unknown")
	require.NotContains(t, out.String(), "0/10")
	out.Reset()
	err = run(context.Background(), append([]string{"gensyn"}, append(cmd("job", "status", "--json", "--sequencer", wrong), "1")...), &out, &errb)
	require.Equal(t, 3, exitCode(err))
	var s map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &s))
	require.Nil(t, s["committed"])
	require.Nil(t, s["posted"])

	// A sequencer that answers: 3 of 10.
	seq := startFakeSequencer(t, &fakeSequencer{n: 3, worker: me})
	got, err := runCLI(t, append(cmd("job", "status", "--sequencer", seq.URL), "1")...)
	require.NoError(t, err)
	require.Contains(t, got, "3/10 checkpoints committed")

	// --watch while the sequencer dies: 3/10, then ?/10 and one line on stderr.
	ctx, cancel := context.WithCancel(context.Background())
	var wout, werr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"gensyn"}, append(cmd("job", "status", "--watch", "--interval", "100ms", "--sequencer", seq.URL), "1")...), &wout, &werr)
	}()
	require.Eventually(t, func() bool { return strings.Contains(wout.String(), "3/10") }, 10*time.Second, 50*time.Millisecond)
	seq.CloseClientConnections()
	seq.Close()
	require.Eventually(t, func() bool { return strings.Contains(wout.String(), "?/10") }, 10*time.Second, 50*time.Millisecond)
	time.Sleep(500 * time.Millisecond) // several more polls: still one line
	cancel()
	require.NoError(t, <-done)
	// Not a terminal: a line per change, never redrawn in place nor repeated.
	require.NotContains(t, wout.String(), "\r")
	outLines := strings.Split(strings.TrimSpace(wout.String()), "\n")
	require.GreaterOrEqual(t, len(outLines), 2, wout.String())
	for i := 1; i < len(outLines); i++ {
		require.NotEqual(t, outLines[i-1], outLines[i], "a repeated line:\n%s", wout.String())
	}
	lines := strings.Split(strings.TrimSpace(werr.String()), "\n")
	require.Len(t, lines, 1, werr.String())
	require.Contains(t, lines[0], fmt.Sprintf("gensyn: job 1: sequencer %s: unreachable (", seq.URL))
	require.Contains(t, lines[0], "checkpoint progress unknown")

	// job list --json: the assigned job's progress is null (unknown), the
	// cancelled one's 0 of 10.
	got, err = runCLI(t, cmd("job", "list", "--json")...)
	require.NoError(t, err)
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(got), &all))
	require.Len(t, all, 2)
	require.Equal(t, "assigned", all[0]["status"])
	require.Nil(t, all[0]["committed"])
	require.Equal(t, "cancelled", all[1]["status"])
	require.Equal(t, float64(0), all[1]["committed"])
	require.Equal(t, float64(10), all[1]["checkpoints"])
	require.False(t, errors.Is(err, context.Canceled))
}
