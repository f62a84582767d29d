package sequencer

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"

	"github.com/gensyn-stack/gensyn/sequencer/flags"
)

// freshFlags copies every flag struct: urfave/cli v2 writes environment
// values into the flag definitions (Value, HasBeenSet), so each test parses
// with its own copies (the binary parses once).
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

var required = []string{"--l1-eth-rpc", "http://127.0.0.1:8545", "--deployments", "deployments/31337.json", "--data-dir", "/tmp/seq"}

// configFromArgs parses args with the sequencer's flags, as `gensyn sequencer` does.
func configFromArgs(t *testing.T, env map[string]string, args ...string) *CLIConfig {
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
	require.NoError(t, app.Run(append([]string{"sequencer"}, args...)))
	return cfg
}

func TestDefaultConfigIsValid(t *testing.T) {
	cfg := configFromArgs(t, nil, required...)
	require.NoError(t, cfg.Check())
	require.Equal(t, "127.0.0.1", cfg.RPCAddr)
	require.Equal(t, 8560, cfg.RPCPort)
	require.Equal(t, 256, cfg.BatchMaxEntries)
	require.Equal(t, 10*time.Second, cfg.BatchMaxDelay)
	require.True(t, cfg.KeeperEnabled)
	require.Equal(t, uint64(1), cfg.TxMgrConfig.NumConfirmations)
	require.Equal(t, "http://127.0.0.1:8545", cfg.TxMgrConfig.L1RPCURL, "the tx manager uses the same rpc")
}

func TestFlagMapping(t *testing.T) {
	cfg := configFromArgs(t, nil,
		"--l1-eth-rpc", "http://rpc:1", "--deployments", "d.json", "--data-dir", "dd",
		"--rpc.addr", "0.0.0.0", "--rpc.port", "9999",
		"--batch.max-entries", "64", "--batch.max-delay", "3s", "--batch.poll-interval", "7ms",
		"--keeper.enabled=false", "--keeper.interval", "9s", "--job-cache-ttl", "11s",
		"--private-key", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
		"--num-confirmations", "4", "--txmgr.receipt-query-interval", "250ms",
		"--log.level", "debug", "--metrics.enabled", "--metrics.port", "7301",
	)
	require.Equal(t, "http://rpc:1", cfg.L1EthRpc)
	require.Equal(t, "d.json", cfg.Deployments)
	require.Equal(t, "dd", cfg.DataDir)
	require.Equal(t, "0.0.0.0", cfg.RPCAddr)
	require.Equal(t, 9999, cfg.RPCPort)
	require.Equal(t, 64, cfg.BatchMaxEntries)
	require.Equal(t, 3*time.Second, cfg.BatchMaxDelay)
	require.Equal(t, 7*time.Millisecond, cfg.BatchPollInterval)
	require.False(t, cfg.KeeperEnabled)
	require.Equal(t, 9*time.Second, cfg.KeeperInterval)
	require.Equal(t, 11*time.Second, cfg.JobCacheTTL)
	require.Equal(t, "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", cfg.TxMgrConfig.PrivateKey)
	require.Equal(t, uint64(4), cfg.TxMgrConfig.NumConfirmations)
	require.Equal(t, 250*time.Millisecond, cfg.TxMgrConfig.ReceiptQueryInterval)
	require.Equal(t, "http://rpc:1", cfg.TxMgrConfig.L1RPCURL)
	require.True(t, cfg.MetricsConfig.Enabled)
	require.Equal(t, 7301, cfg.MetricsConfig.ListenPort)
	require.Equal(t, "DEBUG", strings.ToUpper(cfg.LogConfig.Level.String()))
	require.NoError(t, cfg.Check())
}

func TestEnvMapping(t *testing.T) {
	cfg := configFromArgs(t, map[string]string{
		"GENSYN_SEQUENCER_L1_ETH_RPC":           "http://env:1",
		"GENSYN_SEQUENCER_DEPLOYMENTS":          "env.json",
		"GENSYN_SEQUENCER_DATA_DIR":             "envdir",
		"GENSYN_SEQUENCER_RPC_PORT":             "1234",
		"GENSYN_SEQUENCER_BATCH_MAX_ENTRIES":    "1024",
		"GENSYN_SEQUENCER_BATCH_MAX_DELAY":      "1m",
		"GENSYN_SEQUENCER_KEEPER_INTERVAL":      "2s",
		"GENSYN_SEQUENCER_KEEPER_MAX_IN_FLIGHT": "8",
		"GENSYN_SEQUENCER_KEEPER_ENABLED":       "false",
		"GENSYN_SEQUENCER_PRIVATE_KEY":          "0x01",
		"GENSYN_SEQUENCER_JOB_CACHE_TTL":        "0s",
		"GENSYN_SEQUENCER_BATCH_POLL_INTERVAL":  "1s",
	})
	require.Equal(t, "http://env:1", cfg.L1EthRpc)
	require.Equal(t, "env.json", cfg.Deployments)
	require.Equal(t, "envdir", cfg.DataDir)
	require.Equal(t, 1234, cfg.RPCPort)
	require.Equal(t, 1024, cfg.BatchMaxEntries)
	require.Equal(t, time.Minute, cfg.BatchMaxDelay)
	require.Equal(t, 2*time.Second, cfg.KeeperInterval)
	require.Equal(t, 8, cfg.KeeperMaxInFlight)
	require.False(t, cfg.KeeperEnabled)
	require.Equal(t, "0x01", cfg.TxMgrConfig.PrivateKey)
	require.Equal(t, time.Second, cfg.BatchPollInterval)
	require.Zero(t, cfg.JobCacheTTL)
}

// TestEveryFlagHasEnvVar: one prefix for every environment variable.
func TestEveryFlagHasEnvVar(t *testing.T) {
	for _, f := range flags.Flags {
		ev, ok := f.(interface{ GetEnvVars() []string })
		require.True(t, ok, f.Names()[0])
		envs := ev.GetEnvVars()
		require.NotEmpty(t, envs, f.Names()[0])
		for _, e := range envs {
			require.True(t, strings.HasPrefix(e, flags.EnvVarPrefix+"_"), "%s: %s", f.Names()[0], e)
		}
	}
}

func TestRequiredFlags(t *testing.T) {
	for i := 0; i < len(required); i += 2 {
		args := append(append([]string{}, required[:i]...), required[i+2:]...)
		app := cli.NewApp()
		app.Flags = freshFlags()
		app.Action = func(ctx *cli.Context) error { return flags.CheckRequired(ctx) }
		err := app.Run(append([]string{"sequencer"}, args...))
		require.ErrorContains(t, err, "missing required flag "+required[i]+" (or "+flags.EnvVarPrefix+"_")
	}
}

func TestCheckErrors(t *testing.T) {
	valid := func() *CLIConfig { return configFromArgs(t, nil, required...) }
	for _, tc := range []struct {
		name   string
		mutate func(*CLIConfig)
		err    error
	}{
		{"no rpc", func(c *CLIConfig) { c.L1EthRpc = "" }, ErrMissingL1EthRPC},
		{"no deployments", func(c *CLIConfig) { c.Deployments = "" }, ErrMissingDeployments},
		{"no data dir", func(c *CLIConfig) { c.DataDir = "" }, ErrMissingDataDir},
		{"port", func(c *CLIConfig) { c.RPCPort = 70000 }, ErrInvalidRPCPort},
		{"batch zero", func(c *CLIConfig) { c.BatchMaxEntries = 0 }, ErrInvalidBatchMaxEntries},
		{"batch huge", func(c *CLIConfig) { c.BatchMaxEntries = 1 << 20 }, ErrInvalidBatchMaxEntries},
		{"delay", func(c *CLIConfig) { c.BatchMaxDelay = 0 }, ErrInvalidBatchMaxDelay},
		{"poll", func(c *CLIConfig) { c.BatchPollInterval = -1 }, ErrInvalidPollInterval},
		{"keeper", func(c *CLIConfig) { c.KeeperInterval = 0 }, ErrInvalidKeeperInterval},
		{"keeper in flight 0", func(c *CLIConfig) { c.KeeperMaxInFlight = 0 }, ErrInvalidKeeperInFlight},
		{"keeper in flight 1025", func(c *CLIConfig) { c.KeeperMaxInFlight = 1025 }, ErrInvalidKeeperInFlight},
		{"ttl", func(c *CLIConfig) { c.JobCacheTTL = -time.Second }, ErrInvalidJobCacheTTL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := valid()
			tc.mutate(c)
			require.ErrorIs(t, c.Check(), tc.err)
		})
	}
	c := valid()
	c.KeeperEnabled, c.KeeperInterval = false, 0
	require.NoError(t, c.Check(), "the interval does not matter without the keeper")
	c = valid()
	c.TxMgrConfig.PrivateKey, c.TxMgrConfig.Mnemonic = "0x01", "test test"
	require.ErrorContains(t, c.Check(), "txmgr")
}
