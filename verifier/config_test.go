package verifier

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"

	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/verifier/flags"
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
	"--data-dir", "/tmp/verifier", "--blobstore", "http://127.0.0.1:7070"}

func withKey(args ...string) []string {
	return append(append(append([]string{}, required...), "--private-key", testKey), args...)
}

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
	err := app.Run(append([]string{"verifier"}, args...))
	return cfg, err
}

func TestDefaultConfigIsValid(t *testing.T) {
	cfg, err := configFromArgs(t, nil, withKey()...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, time.Second, cfg.PollInterval)
	require.Equal(t, 1.0, cfg.AuditFraction)
	require.Equal(t, uint64(0), cfg.AuditSeed)
	require.Equal(t, "", cfg.Sequencer)
	require.Equal(t, "honest", cfg.Strategy)
	require.Equal(t, dispute.Honest, cfg.DisputeStrategy())
	require.False(t, cfg.UnsafeTestModes || cfg.UnsafeSet || cfg.ChallengeAll)
	require.Equal(t, uint64(1), cfg.TxMgrConfig.NumConfirmations)
}

func TestRequiredFlags(t *testing.T) {
	for i := 0; i < len(required); i += 2 {
		args := append(append([]string{}, required[:i]...), required[i+2:]...)
		_, err := configFromArgs(t, nil, args...)
		require.ErrorContains(t, err, "missing required flag "+required[i]+" (or "+flags.EnvVarPrefix+"_")
	}
}

func TestEnvVars(t *testing.T) {
	cfg, err := configFromArgs(t, map[string]string{
		"GENSYN_VERIFIER_L1_ETH_RPC":                  "http://env:8545",
		"GENSYN_VERIFIER_DEPLOYMENTS":                 "env.json",
		"GENSYN_VERIFIER_DATA_DIR":                    "/env",
		"GENSYN_VERIFIER_BLOBSTORE":                   "http://env:7070",
		"GENSYN_VERIFIER_SEQUENCER":                   "http://env:8560",
		"GENSYN_VERIFIER_PRIVATE_KEY":                 testKey,
		"GENSYN_VERIFIER_POLL_INTERVAL":               "250ms",
		"GENSYN_VERIFIER_AUDIT_FRACTION":              "0.25",
		"GENSYN_VERIFIER_AUDIT_SEED":                  "42",
		"GENSYN_VERIFIER_AUDIT_ASSIGNED":              "true",
		"GENSYN_VERIFIER_MAX_BLOB_SIZE":               "1024",
		"GENSYN_VERIFIER_UNSAFE_TEST_MODES":           "true",
		"GENSYN_VERIFIER_UNSAFE_STRATEGY":             "random",
		"GENSYN_VERIFIER_UNSAFE_STOP_AFTER":           "3",
		"GENSYN_VERIFIER_UNSAFE_CHALLENGE_ALL":        "true",
		"GENSYN_VERIFIER_UNSAFE_CHALLENGE_CHECKPOINT": "7",
	})
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.Equal(t, "http://env:8545", cfg.L1EthRpc)
	require.Equal(t, "env.json", cfg.Deployments)
	require.Equal(t, "/env", cfg.DataDir)
	require.Equal(t, "http://env:7070", cfg.Blobstore)
	require.Equal(t, "http://env:8560", cfg.Sequencer)
	require.Equal(t, 250*time.Millisecond, cfg.PollInterval)
	require.Equal(t, 0.25, cfg.AuditFraction)
	require.Equal(t, uint64(42), cfg.AuditSeed)
	require.True(t, cfg.AuditAssigned)
	require.Equal(t, int64(1024), cfg.MaxBlobSize)
	require.True(t, cfg.UnsafeTestModes && cfg.UnsafeSet && cfg.ChallengeAll)
	require.Equal(t, dispute.Random, cfg.DisputeStrategy())
	require.Equal(t, 3, cfg.StopAfter)
	require.Equal(t, uint32(7), cfg.ChallengeCheckpoint)
}

func TestCheck(t *testing.T) {
	valid := func() *CLIConfig {
		cfg, err := configFromArgs(t, nil, withKey()...)
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
		{"poll", func(c *CLIConfig) { c.PollInterval = 0 }, ErrInvalidPollInterval},
		{"fraction 0", func(c *CLIConfig) { c.AuditFraction = 0 }, ErrInvalidAuditFraction},
		{"fraction above 1", func(c *CLIConfig) { c.AuditFraction = 1.01 }, ErrInvalidAuditFraction},
		{"negative fraction", func(c *CLIConfig) { c.AuditFraction = -0.5 }, ErrInvalidAuditFraction},
		{"blob size", func(c *CLIConfig) { c.MaxBlobSize = 0 }, ErrInvalidMaxBlobSize},
		{"random without test modes", func(c *CLIConfig) { c.Strategy = "random" }, ErrUnsafeWithoutTestMode},
		{"grief without test modes", func(c *CLIConfig) { c.Strategy = "grief" }, ErrUnsafeWithoutTestMode},
		{"stop-after without test modes", func(c *CLIConfig) { c.StopAfter = 2 }, ErrUnsafeWithoutTestMode},
		{"challenge-all without test modes", func(c *CLIConfig) { c.ChallengeAll = true }, ErrUnsafeWithoutTestMode},
		{"an unsafe flag set to its default", func(c *CLIConfig) { c.UnsafeSet = true }, ErrUnsafeWithoutTestMode},
		{"bad strategy", func(c *CLIConfig) { c.UnsafeTestModes, c.Strategy = true, "evil" }, ErrInvalidStrategy},
		{"negative stop-after", func(c *CLIConfig) { c.UnsafeTestModes, c.StopAfter = true, -1 }, ErrInvalidStopAfter},
		{"checkpoint without all", func(c *CLIConfig) { c.UnsafeTestModes, c.ChallengeCheckpoint = true, 2 }, ErrCheckpointWithoutAll},
		{"no signer", func(c *CLIConfig) { c.TxMgrConfig.PrivateKey = "" }, ErrNoSigner},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid()
			tc.mut(cfg)
			require.ErrorIs(t, cfg.Check(), tc.want)
		})
	}
}

// TestGriefStrategy: --unsafe.strategy grief plays random picks after its
// queries and challenges like --unsafe.challenge-all (so it takes
// --unsafe.challenge-checkpoint alone).
func TestGriefStrategy(t *testing.T) {
	cfg, err := configFromArgs(t, nil, withKey("--unsafe.test-modes", "--unsafe.strategy", "grief", "--unsafe.challenge-checkpoint", "2")...)
	require.NoError(t, err)
	require.NoError(t, cfg.Check())
	require.True(t, cfg.Grief())
	require.Equal(t, dispute.Random, cfg.DisputeStrategy())
	cfg.Strategy = "random"
	require.False(t, cfg.Grief())
	require.ErrorIs(t, cfg.Check(), ErrCheckpointWithoutAll)
}

func TestUnsafeFlagsNeedTestModes(t *testing.T) {
	for _, args := range [][]string{
		{"--unsafe.strategy", "random"},
		{"--unsafe.strategy", "honest"},
		{"--unsafe.stop-after", "2"},
		{"--unsafe.challenge-all"},
		{"--unsafe.challenge-all", "--unsafe.challenge-checkpoint", "3"},
		{"--unsafe.strategy", "grief"},
		{"--unsafe.strategy", "grief", "--unsafe.challenge-checkpoint", "2"},
	} {
		cfg, err := configFromArgs(t, nil, withKey(args...)...)
		require.NoError(t, err)
		require.ErrorIs(t, cfg.Check(), ErrUnsafeWithoutTestMode, args)
		cfg, err = configFromArgs(t, nil, withKey(append(args, "--unsafe.test-modes")...)...)
		require.NoError(t, err)
		require.NoError(t, cfg.Check(), args)
	}
}
