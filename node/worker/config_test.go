package worker

import (
	"math"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"

	"github.com/gensyn-stack/gensyn/node/worker/flags"
)

// freshFlags copies every flag struct: urfave/cli v2 writes environment
// values into the flag definitions, so each test parses with its own copies.
func freshFlags() []cli.Flag {
	out := cliapp.ProtectFlags(flags.Flags)
	for i, f := range out {
		v := reflect.ValueOf(f)
		if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			cp := reflect.New(v.Elem().Type())
			cp.Elem().Set(v.Elem())
			out[i] = cp.Interface().(cli.Flag)
		}
	}
	return out
}

// A throwaway key (not a dev account's).
const testKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

var required = []string{"--l1-eth-rpc", "http://127.0.0.1:8545", "--deployments", "deployments/31337.json",
	"--data-dir", "/tmp/worker", "--blobstore", "http://127.0.0.1:7070", "--sequencer", "http://127.0.0.1:8560",
	"--private-key", testKey, "--bid.fraction", "0.5"}

func configFromArgs(t *testing.T, env map[string]string, args ...string) (*CLIConfig, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var cfg *CLIConfig
	app := cli.NewApp()
	app.Flags = freshFlags()
	app.Action = func(ctx *cli.Context) error {
		if err := flags.CheckRequired(ctx); err != nil {
			return err
		}
		cfg = NewConfig(ctx)
		return nil
	}
	err := app.Run(append([]string{"worker"}, args...))
	return cfg, err
}

func TestDefaultConfigIsValid(t *testing.T) {
	cfg, err := configFromArgs(t, nil, required...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, time.Second, cfg.PollInterval)
	require.Equal(t, time.Minute, cfg.ForceIncludeAfter)
	require.Equal(t, "0", cfg.StakeTarget)
	require.Equal(t, uint64(500_000), cfg.PricePolicy().PPM)
	require.Equal(t, uint64(1), cfg.TxMgrConfig.NumConfirmations)
	require.Equal(t, DefaultBidTimeMargin, cfg.BidTimeMargin)
	require.Equal(t, DefaultBidTimeOverhead, cfg.BidTimeOverhead)
}

func TestRequiredFlags(t *testing.T) {
	for i := 0; i < 10; i += 2 {
		args := append(append([]string{}, required[:i]...), required[i+2:]...)
		_, err := configFromArgs(t, nil, args...)
		require.ErrorContains(t, err, "missing required flag "+required[i]+" (or "+flags.EnvVarPrefix+"_")
	}
}

func TestEnvVars(t *testing.T) {
	cfg, err := configFromArgs(t, map[string]string{
		"GENSYN_WORKER_L1_ETH_RPC":          "http://env:8545",
		"GENSYN_WORKER_DEPLOYMENTS":         "env.json",
		"GENSYN_WORKER_DATA_DIR":            "/env",
		"GENSYN_WORKER_BLOBSTORE":           "http://env:7070",
		"GENSYN_WORKER_SEQUENCER":           "http://env:8560",
		"GENSYN_WORKER_PRIVATE_KEY":         testKey,
		"GENSYN_WORKER_BID_PRICE":           "12345",
		"GENSYN_WORKER_STAKE_TARGET":        "2000000000000000000",
		"GENSYN_WORKER_PEER_ID":             "peer-1",
		"GENSYN_WORKER_HARDWARE":            "cpu:16",
		"GENSYN_WORKER_POLL_INTERVAL":       "250ms",
		"GENSYN_WORKER_FORCE_INCLUDE_AFTER": "30s",
		"GENSYN_WORKER_MAX_BLOB_SIZE":       "1024",
		"GENSYN_WORKER_BID_TIME_MARGIN":     "3.5",
		"GENSYN_WORKER_BID_TIME_OVERHEAD":   "2m",
	})
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, "http://env:8545", cfg.L1EthRpc)
	require.Equal(t, "env.json", cfg.Deployments)
	require.Equal(t, "/env", cfg.DataDir)
	require.Equal(t, "http://env:7070", cfg.Blobstore)
	require.Equal(t, "http://env:8560", cfg.Sequencer)
	require.Equal(t, big.NewInt(12345), cfg.PricePolicy().Fixed)
	require.Equal(t, "2000000000000000000", cfg.StakeTargetWei().String())
	require.Equal(t, "peer-1", cfg.PeerID)
	require.Equal(t, "cpu:16", cfg.Hardware)
	require.Equal(t, 250*time.Millisecond, cfg.PollInterval)
	require.Equal(t, 30*time.Second, cfg.ForceIncludeAfter)
	require.Equal(t, int64(1024), cfg.MaxBlobSize)
	require.Equal(t, 3.5, cfg.BidTimeMargin)
	require.Equal(t, 2*time.Minute, cfg.BidTimeOverhead)
}

func TestCheck(t *testing.T) {
	valid := func() *CLIConfig {
		cfg, err := configFromArgs(t, nil, required...)
		require.NoError(t, err)
		return cfg
	}
	for _, tc := range []struct {
		name string
		mut  func(*CLIConfig)
		want error
	}{
		{"no rpc", func(c *CLIConfig) { c.L1EthRpc = "" }, ErrMissingL1EthRPC},
		{"no deployments", func(c *CLIConfig) { c.Deployments = "" }, ErrMissingDeployments},
		{"no data dir", func(c *CLIConfig) { c.DataDir = "" }, ErrMissingDataDir},
		{"no blobstore", func(c *CLIConfig) { c.Blobstore = "" }, ErrMissingBlobstore},
		{"no sequencer", func(c *CLIConfig) { c.Sequencer = "" }, ErrMissingSequencer},
		{"no policy", func(c *CLIConfig) { c.BidFraction = 0 }, ErrNoPricePolicy},
		{"two policies", func(c *CLIConfig) { c.BidPrice = "1" }, ErrTwoPricePolicies},
		{"zero price", func(c *CLIConfig) { c.BidFraction, c.BidPrice = 0, "0" }, ErrInvalidBidPrice},
		{"bad price", func(c *CLIConfig) { c.BidFraction, c.BidPrice = 0, "0.3btc" }, ErrInvalidBidPrice},
		{"fraction above 1", func(c *CLIConfig) { c.BidFraction = 1.5 }, ErrInvalidBidFraction},
		{"negative fraction", func(c *CLIConfig) { c.BidFraction = -0.1 }, ErrInvalidBidFraction},
		{"time margin below 1", func(c *CLIConfig) { c.BidTimeMargin = 0.5 }, ErrInvalidBidTimeMargin},
		{"time margin NaN", func(c *CLIConfig) { c.BidTimeMargin = math.NaN() }, ErrInvalidBidTimeMargin},
		{"negative overhead", func(c *CLIConfig) { c.BidTimeOverhead = -time.Second }, ErrInvalidBidOverhead},
		{"bad stake", func(c *CLIConfig) { c.StakeTarget = "-1" }, ErrInvalidStakeTarget},
		{"poll", func(c *CLIConfig) { c.PollInterval = 0 }, ErrInvalidPollInterval},
		{"force bound", func(c *CLIConfig) { c.ForceIncludeAfter = 0 }, ErrInvalidForceInclusion},
		{"blob size", func(c *CLIConfig) { c.MaxBlobSize = 0 }, ErrInvalidMaxBlobSize},
		{"no key", func(c *CLIConfig) { c.TxMgrConfig.PrivateKey = "" }, ErrNeedPrivateKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid()
			tc.mut(cfg)
			require.ErrorIs(t, cfg.Check(), tc.want)
		})
	}
}

func TestPricePolicy(t *testing.T) {
	maxPrice := big.NewInt(1_000_000)
	escrow := big.NewInt(2_000_000)
	// A fraction of the max price, in millionths.
	require.Equal(t, big.NewInt(500_000), PricePolicy{PPM: 500_000}.Price(maxPrice, escrow))
	require.Equal(t, big.NewInt(1_000_000), PricePolicy{PPM: 1_000_000}.Price(maxPrice, escrow))
	// Never above the escrow (the contract's cap too).
	require.Equal(t, big.NewInt(700_000), PricePolicy{PPM: 1_000_000}.Price(maxPrice, big.NewInt(700_000)))
	// A fixed price under the limit is bid as is; above it, not at all.
	require.Equal(t, big.NewInt(42), PricePolicy{Fixed: big.NewInt(42)}.Price(maxPrice, escrow))
	require.Zero(t, PricePolicy{Fixed: big.NewInt(1_000_001)}.Price(maxPrice, escrow).Sign())
	require.Zero(t, PricePolicy{Fixed: big.NewInt(800_000)}.Price(maxPrice, big.NewInt(700_000)).Sign())
}

func TestFaultFlags(t *testing.T) {
	// No fault by default.
	cfg, err := configFromArgs(t, nil, required...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.False(t, cfg.FaultConfig().Active())

	// A fault, or a fault step, without --unsafe.test-modes is refused.
	cfg, err = configFromArgs(t, nil, append(required, "--unsafe.fault", "perturb-weight")...)
	require.NoError(t, err)
	require.ErrorIs(t, cfg.Check(), ErrFaultNeedsTestModes)
	cfg, err = configFromArgs(t, nil, append(required, "--unsafe.fault-step", "7")...)
	require.NoError(t, err)
	require.ErrorIs(t, cfg.Check(), ErrFaultNeedsTestModes)

	// With it: the fault and its step.
	cfg, err = configFromArgs(t, nil, append(required, "--unsafe.test-modes", "--unsafe.fault", "skip-steps", "--unsafe.fault-step", "0")...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, Fault{Kind: FaultSkipSteps, Step: 0, StepSet: true}, cfg.FaultConfig())
	cfg, err = configFromArgs(t, nil, append(required, "--unsafe.test-modes", "--unsafe.fault", "wrong-lr")...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, Fault{Kind: FaultWrongLR}, cfg.FaultConfig())

	// From the environment too; an unknown kind is refused.
	cfg, err = configFromArgs(t, map[string]string{"GENSYN_WORKER_UNSAFE_TEST_MODES": "true", "GENSYN_WORKER_UNSAFE_FAULT": "no-such"}, required...)
	require.NoError(t, err)
	require.ErrorIs(t, cfg.Check(), ErrUnknownFault)
}
