package worker

import (
	"context"
	"math/big"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// marketEnv is a chain whose market's arbiter is an actor (so a test can
// slash a worker directly), a blob store with the small job's spec and
// dataset, and a worker's driver (not started: the test steps it).
type marketEnv struct {
	t      *testing.T
	c      *testchain.Chain
	addrs  deployments.Contracts
	blobs  *blobstore.Client
	state  *State
	d      *Driver
	logs   *logBuf
	m      *bindings.JobMarket
	market *bind.BoundContract
	spec   []byte
	data   []byte
}

func newMarketEnv(t *testing.T, tweak func(*DriverConfig)) *marketEnv {
	e := &marketEnv{t: t, m: bindings.NewJobMarket()}
	e.c = testchain.New(t, "deployer", "arbiter", "sequencer", "client", "worker")
	e.addrs = e.c.DeployProtocol("deployer", "arbiter", "sequencer")
	e.market = e.m.Instance(e.c.Backend, e.addrs.JobMarket)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(blobstore.NewServer(local, 0, nil))
	t.Cleanup(srv.Close)
	e.blobs = blobstore.NewClient(srv.URL, nil)
	e.spec, e.data = smallJob(t)
	e.state, err = OpenState(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { e.state.Close() })
	l, buf := captureLogger()
	e.logs = buf
	eth := big.NewInt(params.Ether)
	cfg := DriverConfig{
		DataDir: t.TempDir(), PollInterval: 10 * time.Millisecond, ForceIncludeAfter: time.Nanosecond,
		MaxBlobSize: 1 << 26, Price: PricePolicy{PPM: 250_000}, StakeTarget: new(big.Int).Mul(eth, big.NewInt(3)),
		Hardware: "cpu",
	}
	if tweak != nil {
		tweak(&cfg)
	}
	e.d = NewDriver(cfg, l, metrics.NoopMetrics, NewContracts(e.c.Backend, e.addrs), e.c.TxManager("worker"),
		e.c.Keys["worker"], inbox.NewDomain(e.c.ChainID.Uint64(), e.addrs.CommitmentInbox), e.blobs, &deadSequencer{}, e.state)
	t.Cleanup(e.d.Stop)
	require.NoError(t, e.d.Setup(context.Background()))
	return e
}

// post posts the small job (200 steps, 2 checkpoints) with an execution
// window and a bid window, and returns its id.
func (e *marketEnv) post(executionWindow, bidWindow uint64) uint64 {
	ctx := context.Background()
	eth := big.NewInt(params.Ether)
	p, err := jobclient.Prepare(e.spec, e.data, jobclient.Terms{MaxPrice: eth, RequiredCollateral: eth,
		BidWindow: bidWindow, ExecutionWindow: executionWindow, ChallengeWindow: 600})
	require.NoError(e.t, err)
	_, err = e.blobs.Put(ctx, p.SpecBytes)
	require.NoError(e.t, err)
	_, err = e.blobs.Put(ctx, e.data)
	require.NoError(e.t, err)
	e.c.Send("client", e.market, eth, e.m.PackPostJob(p.Params))
	return testchain.Call(e.t, e.market, e.m.PackJobCount(), e.m.UnpackJobCount).Uint64()
}

func (e *marketEnv) job(id uint64) bindings.IJobMarketJob {
	return testchain.Call(e.t, e.market, e.m.PackGetJob(new(big.Int).SetUint64(id)), e.m.UnpackGetJob)
}

func (e *marketEnv) step() { require.NoError(e.t, e.d.Step(context.Background())) }

func (e *marketEnv) record(id uint64) *JobRecord {
	r, err := e.state.Job(id)
	require.NoError(e.t, err)
	return r
}

// assign closes job id's auction (its bid window passed).
func (e *marketEnv) assign(id uint64) {
	e.c.Advance(time.Duration(e.job(id).Params.BidWindow+1) * time.Second)
	e.c.Send("sequencer", e.market, nil, e.m.PackCloseAuction(new(big.Int).SetUint64(id)))
	require.Equal(e.t, JobAssigned, e.job(id).Status)
}

// slash has the arbiter open and resolve a dispute that the worker of job
// id loses: its collateral is slashed, the job reopened, the worker barred.
func (e *marketEnv) slash(id uint64) {
	j := e.job(id)
	e.c.Send("arbiter", e.market, nil, e.m.PackOpenDispute(new(big.Int).SetUint64(id)))
	e.c.Send("arbiter", e.market, nil, e.m.PackResolveDispute(new(big.Int).SetUint64(id), j.Round, true, e.c.Addr("arbiter")))
	require.Equal(e.t, JobOpen, e.job(id).Status)
}

func TestFitsWindow(t *testing.T) {
	for _, c := range []struct {
		steps    uint64
		stepTime time.Duration
		margin   float64
		overhead time.Duration
		window   uint64
		need     float64
		fits     bool
	}{
		{1000, time.Millisecond, 2, 30 * time.Second, 32, 32, true},  // exactly
		{1000, time.Millisecond, 2, 30 * time.Second, 31, 32, false}, // a second short
		{1000, time.Millisecond, 1, 0, 1, 1, true},
		{200, 100 * time.Millisecond, 2, 10 * time.Second, 61, 50, true},
		{200, time.Second, 2, 10 * time.Second, 61, 410, false},
		{1 << 30, time.Millisecond, 2, 30 * time.Second, 40, 2147513.648, false}, // issue 10's 2^30 steps in 40 s
		{0, time.Hour, 2, 5 * time.Second, 5, 5, true},                           // the overhead alone
	} {
		need, fits := fitsWindow(c.steps, c.stepTime, c.margin, c.overhead, c.window)
		require.InDelta(t, c.need, need, 1e-6, "%+v", c)
		require.Equal(t, c.fits, fits, "%+v", c)
	}
}

// TestMeasureStep: the step time is the driver's clock over the timed steps
// (after one untimed step), divided by their number.
func TestMeasureStep(t *testing.T) {
	s, ds := tinyJob(t)
	exec := &countExec{}
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: exec})
	require.NoError(t, err)
	var ticks atomic.Int64
	d := &Driver{now: func() time.Time {
		// every reading of the clock is 150 ms after the previous one
		return time.Unix(0, 0).Add(time.Duration(ticks.Add(1)) * 150 * time.Millisecond)
	}}
	got, err := d.measureStep(context.Background(), tr)
	require.NoError(t, err)
	require.Equal(t, 50*time.Millisecond, got, "150 ms over 3 steps")
	require.Equal(t, int64(2), ticks.Load(), "the clock read before and after")
	one := &countExec{}
	tr1, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: one})
	require.NoError(t, err)
	st, err := tr1.InitialState()
	require.NoError(t, err)
	_, _, err = tr1.Step(st)
	require.NoError(t, err)
	require.Equal(t, (1+speedSteps)*one.calls.Load(), exec.calls.Load(), "one untimed and three timed real steps")

	// The context stops the measurement.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = d.measureStep(ctx, tr)
	require.ErrorIs(t, err, context.Canceled)
}

// TestBidTimeRule: with a measured step time of 100 ms, the worker does not
// bid on a 200-step job whose 61 s execution window is shorter than 200 x
// 0.1 s x 2 + 30 s (logged once, with the numbers), and bids on the same
// job with an hour; the step time is measured once for the spec.
func TestBidTimeRule(t *testing.T) {
	var measured atomic.Int32
	e := newMarketEnv(t, func(c *DriverConfig) { c.BidTimeOverhead = 30 * time.Second })
	e.d.measure = func(context.Context, *trainer.Trainer) (time.Duration, error) {
		measured.Add(1)
		return 100 * time.Millisecond, nil
	}
	short := e.post(61, 600)
	e.step()
	e.step()
	require.Equal(t, common.Address{}, e.job(short).Worker, "no bid: 70 s needed, 61 s given")
	require.Empty(t, e.record(short).Skipped, "not skipped: looked at again")
	logs := e.logs.String()
	require.Equal(t, 1, strings.Count(logs, "Not bidding: this worker cannot finish the job"), "logged once per job")
	require.Regexp(t, `Not bidding: this worker cannot finish the job.*job=1 steps=200 stepTime=100ms margin=2(\.0+)? overhead=30s needSeconds=70(\.0+)? executionWindowSeconds=61`, logs)

	long := e.post(3600, 600)
	e.step()
	require.Equal(t, e.c.Addr("worker"), e.job(long).Worker, "bid: 70 s needed, an hour given")
	require.Equal(t, common.Address{}, e.job(short).Worker)
	require.Equal(t, int32(1), measured.Load(), "one measurement per spec hash")
}

// TestBidRestartsAuction: a job whose bid window passed without a bid is
// bid on (the bid restarts its auction); one whose last auction
// (MAX_AUCTIONS) ended is not, and is cancelled when it closes.
func TestBidRestartsAuction(t *testing.T) {
	e := newMarketEnv(t, nil)
	id := e.post(3600, 60)
	e.c.Advance(61 * time.Second)
	before := e.job(id)
	require.Equal(t, uint8(1), before.Auctions)
	e.step()
	job := e.job(id)
	require.Equal(t, e.c.Addr("worker"), job.Worker, "bid after the window: the auction restarts")
	require.Equal(t, uint8(2), job.Auctions)
	require.Greater(t, job.BiddingEndsAt, before.BiddingEndsAt)

	last := e.post(3600, 60)
	for i := 1; i < 6; i++ {
		e.c.Advance(61 * time.Second)
		e.c.Send("sequencer", e.market, nil, e.m.PackCloseAuction(new(big.Int).SetUint64(last)))
	}
	require.Equal(t, uint8(6), e.job(last).Auctions)
	e.c.Advance(61 * time.Second)
	e.step()
	require.Equal(t, common.Address{}, e.job(last).Worker, "the last auction ended: no bid")
	require.NotRegexp(t, `bid \d+ wei on job 2 would revert`, e.logs.String(), "not even tried")
	e.c.Send("sequencer", e.market, nil, e.m.PackCloseAuction(new(big.Int).SetUint64(last)))
	require.Equal(t, JobCancelled, e.job(last).Status)
	e.step()
	require.Equal(t, "cancelled", e.record(last).Skipped)
}

// TestBarred: a worker slashed on a job (the market's arbiter resolves a
// dispute against it) is barred from it: it does not bid on the reopened
// job and records why. With the rebid fault it bids at once, skipping its
// own check, and the market refuses (Barred); the refusal is logged.
func TestBarred(t *testing.T) {
	t.Run("honest", func(t *testing.T) {
		e := newMarketEnv(t, nil)
		id := e.post(3600, 600)
		e.step()
		e.assign(id)
		e.slash(id)
		e.step()
		require.Equal(t, "barred: slashed or timed out on the job", e.record(id).Skipped)
		require.Equal(t, common.Address{}, e.job(id).Worker)
		require.NotContains(t, e.logs.String(), "would revert")
	})
	t.Run("rebid", func(t *testing.T) {
		e := newMarketEnv(t, func(c *DriverConfig) { c.Fault = Fault{Kind: FaultPerturbWeight, Rebid: true} })
		id := e.post(3600, 600)
		e.step()
		e.assign(id)
		e.slash(id)
		e.step()
		require.Equal(t, "barred: the market refused the bid (rebid)", e.record(id).Skipped)
		require.Equal(t, common.Address{}, e.job(id).Worker)
		require.Regexp(t, `UNSAFE fault rebid: the market refused this worker's bid on a job it is barred from.*job=1 revert="?Barred\{JobId:1 Worker:`+
			regexp.QuoteMeta(e.c.Addr("worker").Hex())+`\}`, e.logs.String())
	})
}

// TestStopWork: training stops within the step in progress once the job is
// no longer the worker's (timed out) or its result deadline has passed; it
// is not started again, and a timed-out worker is barred from the job.
func TestStopWork(t *testing.T) {
	for _, timedOut := range []bool{true, false} {
		name := "deadline"
		if timedOut {
			name = "timed-out"
		}
		t.Run(name, func(t *testing.T) {
			gate := &gateExec{}
			e := newMarketEnv(t, func(c *DriverConfig) { c.Executor = gate })
			t.Cleanup(gate.release) // before the driver's Stop (cleanups run last first)
			e.d.measure = func(context.Context, *trainer.Trainer) (time.Duration, error) { return time.Microsecond, nil }
			id := e.post(61, 600) // the shortest window the market takes for 200 steps
			e.step()
			e.assign(id)
			gate.pause()
			e.step() // starts training: its first operator waits at the gate
			require.Eventually(t, func() bool { return gate.waiting.Load() == 1 }, 30*time.Second, time.Millisecond)
			require.Equal(t, int64(1), gate.calls.Load())

			e.c.Advance(62 * time.Second) // past the result deadline
			if timedOut {
				e.c.Send("client", e.market, nil, e.m.PackTimeout(new(big.Int).SetUint64(id)))
				require.Equal(t, JobOpen, e.job(id).Status)
			}
			e.step() // sees it: the training context is cancelled
			gate.release()
			require.Eventually(t, func() bool {
				e.d.mu.Lock()
				defer e.d.mu.Unlock()
				return e.d.working[id] == nil
			}, 30*time.Second, time.Millisecond, "the work goroutine ends")

			// Exactly the step in progress was finished, no other.
			one := &countExec{}
			s, ds := e.loadSmall()
			tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true, Executor: one})
			require.NoError(t, err)
			st, err := tr.InitialState()
			require.NoError(t, err)
			_, _, err = tr.Step(st)
			require.NoError(t, err)
			require.Equal(t, one.calls.Load(), gate.calls.Load(), "one step computed, then training stopped")
			require.Empty(t, e.record(id).Roots)
			if timedOut {
				require.Contains(t, e.logs.String(), "Stopped working on the job: it is no longer assigned to this worker in this round")
			} else {
				require.Contains(t, e.logs.String(), "Stopped working on the job: its result deadline passed")
			}

			// Not started again.
			e.step()
			e.step()
			require.Equal(t, one.calls.Load(), gate.calls.Load())
			if timedOut {
				require.Equal(t, "barred: slashed or timed out on the job", e.record(id).Skipped)
			} else {
				require.Equal(t, 1, strings.Count(e.logs.String(), "result deadline passed without a result; not working on it"))
				require.Equal(t, JobAssigned, e.job(id).Status)
			}
		})
	}
}

// loadSmall is the small job's spec and dataset, as the worker keeps them.
func (e *marketEnv) loadSmall() (*spec.Spec, *dataset.Dataset) {
	s, ds, err := e.d.loadJob(1)
	require.NoError(e.t, err)
	return s, ds
}

// TestWrongFinalRootRefused: the market takes a result only with the proof
// that its final model root is the last checkpoint; a wrong-final-root
// worker's result is refused (BadCheckpointsRoot), logged once, and the job
// stays Assigned to it (it will be timed out).
func TestWrongFinalRootRefused(t *testing.T) {
	e := newMarketEnv(t, func(c *DriverConfig) { c.Fault = Fault{Kind: FaultWrongFinalRoot} })
	id := e.post(3600, 600)
	e.step()
	e.assign(id)
	require.Eventually(t, func() bool {
		e.step()
		return strings.Contains(e.logs.String(), "the market refused a final model root that is not the last checkpoint")
	}, 60*time.Second, 10*time.Millisecond)
	for i := 0; i < 5; i++ {
		e.step()
		time.Sleep(20 * time.Millisecond)
	}
	logs := e.logs.String()
	require.Equal(t, 1, strings.Count(logs, "the market refused a final model root that is not the last checkpoint"), "logged once")
	require.Regexp(t, `the market refused a final model root that is not the last checkpoint.*revert=BadCheckpointsRoot\{\}`, logs)
	require.Equal(t, JobAssigned, e.job(id).Status)
	r := e.record(id)
	require.Len(t, r.Roots, 2)
	require.Nil(t, r.ResultTx)
}
