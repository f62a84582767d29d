package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"gensyn"}, args...), &out, &errb)
	require.Empty(t, errb.String(), "the cli library must not print errors itself")
	return out.String(), err
}

func TestHelpListsSubcommands(t *testing.T) {
	out, err := runCLI(t, "--help")
	require.NoError(t, err)
	for _, c := range commands() {
		require.Contains(t, out, c.Name)
	}
}

func TestBadInput_oneLineErrors(t *testing.T) {
	t.Setenv("GENSYN_DEPLOY_PRIVATE_KEY", "")
	t.Setenv("GENSYN_DEPLOY_RPC", "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"nope"}, `unknown command "nope" (see 'gensyn --help')`},
		{[]string{"vesion"}, `unknown command "vesion": did you mean 'gensyn version'?`},
		{[]string{"job", "sumbit"}, `unknown command "sumbit": did you mean 'gensyn job submit'?`},
		{[]string{"devnet", "nope"}, `unknown command "nope" (see 'gensyn devnet --help')`},
		{[]string{"deploy"}, "--rpc is required"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1"}, "no private key given"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "0x1234"}, "invalid private key"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "--arbiter", "0xabc"}, "--arbiter \"0xabc\": not a 20-byte hex address"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"}, "rpc unreachable"},
		{[]string{"devnet", "up", "--port", "70000"}, "--port 70000: must be in 1..65535"},
		{[]string{"devnet", "up", "--block-time", "-1s"}, "--block-time -1s: must be positive, or 0 for a block per transaction"},
		{[]string{"devnet", "up", "--dispute-answer-time", "301"}, "--dispute-answer-time 301: must be in 10..300 seconds (at most --dispute-clock)"},
		{[]string{"devnet", "up", "--dispute-answer-time", "9"}, "--dispute-answer-time 9: must be in 10..300 seconds"},
		{[]string{"devnet", "up", "--dispute-clock", "5"}, "--dispute-clock 5: must be in 10..31536000 seconds"},
		{[]string{"devnet", "up", "--min-execution-window", "0"}, "--min-execution-window 0: must be in 1..315360000 seconds"},
		{[]string{"devnet", "up", "--min-step-micros", "1000000000001"}, "--min-step-micros 1000000000001: must be at most 1000000000000"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "--dispute-clock", "60"}, "--dispute-answer-time 300: must be in 10..60 seconds (at most --dispute-clock)"},
		{[]string{"devnet", "up", "--bogus"}, "unknown flag --bogus (see --help)"},
		// Not the temporary directory: a stray foundry.toml there would make it a checkout.
		{[]string{"devnet", "up", "--repo", "/proc"}, "not inside a gensyn checkout"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.NotContains(t, oneLine(err), "\n")
	}
}

// TestDeployDefaults: `gensyn deploy`'s defaults are the deploy script's.
func TestDeployDefaults(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "contracts", "script", "Deploy.s.sol"))
	require.NoError(t, err)
	units := map[string]uint64{"": 1, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
	constant := func(name string) uint64 {
		m := regexp.MustCompile(name + `\s*=\s*([0-9_]+)\s*(seconds|minutes|hours|days)?\s*;`).FindSubmatch(src)
		require.NotNil(t, m, "%s in Deploy.s.sol", name)
		n, err := strconv.ParseUint(strings.ReplaceAll(string(m[1]), "_", ""), 10, 64)
		require.NoError(t, err)
		return n * units[string(m[2])]
	}
	require.Equal(t, constant("DEFAULT_DISPUTE_CLOCK"), uint64(DeployDisputeClock))
	require.Equal(t, constant("DEFAULT_DISPUTE_ANSWER_TIME"), uint64(DeployDisputeAnswerTime))
	require.Equal(t, constant("DEFAULT_MIN_EXECUTION_WINDOW"), uint64(DeployMinExecutionWindow))
	require.Equal(t, constant("DEFAULT_MIN_STEP_MICROS"), uint64(DeployMinStepMicros))
	require.NotContains(t, string(src), "DISPUTE_MAX_QUERIES")
}

func TestOneLine(t *testing.T) {
	require.Equal(t, "a b c", oneLine(errors.New("a\n  b\tc\n")))
}
