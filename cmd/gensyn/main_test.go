package main

import (
	"bytes"
	"context"
	"errors"
	"os"
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
	t.Setenv("GENSYN_PRIVATE_KEY", "")
	t.Setenv("GENSYN_RPC", "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"nope"}, "No help topic for 'nope'"},
		{[]string{"deploy"}, "--rpc is required"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1"}, "no private key given"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "0x1234"}, "invalid private key"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "--arbiter", "0xabc"}, "--arbiter \"0xabc\": not a 20-byte hex address"},
		{[]string{"deploy", "--rpc", "http://127.0.0.1:1", "--private-key", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"}, "rpc unreachable"},
		{[]string{"devnet", "up", "--port", "70000"}, "--port 70000: must be in 1..65535"},
		{[]string{"devnet", "up", "--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"devnet", "up", "--repo", os.TempDir()}, "not inside a gensyn checkout"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.NotContains(t, oneLine(err), "\n")
	}
}

func TestOneLine(t *testing.T) {
	require.Equal(t, "a b c", oneLine(errors.New("a\n  b\tc\n")))
}
