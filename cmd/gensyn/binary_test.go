package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this test binary as the gensyn binary itself:
// with GENSYN_TEST_AS_MAIN=1 it runs main() on its arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("GENSYN_TEST_AS_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"gensyn"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// gensynBinary runs main() in a child process with exactly env (plus PATH)
// and returns its stdout, stderr and exit status.
func gensynBinary(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run", "^$", "--"}, args...)...)
	cmd.Env = append([]string{"GENSYN_TEST_AS_MAIN=1", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return out.String(), errb.String(), code
}

// TestBinaryOneLineErrors: the binary prints exactly one "gensyn: ..." line
// on stderr, nothing on stdout (no help), and exits 1; required flags come
// from the environment alone.
func TestBinaryOneLineErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, []string{"job", "submit"}, "gensyn: missing required flags --spec (or GENSYN_JOB_SPEC), --max-price (or GENSYN_JOB_MAX_PRICE)\n"},
		// The example: both required flags from the environment get past the check.
		{[]string{"GENSYN_JOB_SPEC=" + dir + "/none.json", "GENSYN_JOB_MAX_PRICE=1eth"}, []string{"job", "submit"}, "gensyn: open " + dir + "/none.json: no such file or directory\n"},
		{nil, []string{"job", "submit", "--spec", "s", "--max-price", "1eth", "--bid-window", "10"}, "gensyn: --bid-window 10: use a unit, e.g. 10s\n"},
		{nil, []string{"job", "submit", "--max-prise", "1eth"}, "gensyn: unknown flag --max-prise: did you mean --max-price?\n"},
		{nil, []string{"sequencer", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", "d.json", "--data-dir", dir},
			"gensyn: no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (GENSYN_SEQUENCER_PRIVATE_KEY, GENSYN_SEQUENCER_MNEMONIC + GENSYN_SEQUENCER_HD_PATH, GENSYN_SEQUENCER_KEYSTORE + GENSYN_SEQUENCER_PASSWORD_FILE); or --signer.endpoint with --signer.address\n"},
		{nil, []string{"vesion"}, "gensyn: unknown command \"vesion\": did you mean 'gensyn version'?\n"},
	} {
		stdout, stderr, code := gensynBinary(t, c.env, c.args...)
		require.Equal(t, 1, code, c.args)
		require.Empty(t, stdout, c.args)
		require.Equal(t, c.want, stderr, c.args)
		require.Equal(t, 1, strings.Count(stderr, "\n"))
	}
}

// TestBinaryBadKernelSettings: a command that runs RepOps refuses a bad
// GENSYN_REPOPS_KERNEL or GENSYN_REPOPS_THREADS in one line before anything
// else (before its own flags are checked), and a command that does not
// compute is not held up by them.
func TestBinaryBadKernelSettings(t *testing.T) {
	for _, c := range []struct {
		env  string
		args []string
		want string
	}{
		{"GENSYN_REPOPS_KERNEL=bogus", []string{"train"}, "gensyn: repops: GENSYN_REPOPS_KERNEL=bogus: "},
		{"GENSYN_REPOPS_KERNEL=bogus", []string{"worker"}, "gensyn: repops: GENSYN_REPOPS_KERNEL=bogus: "},
		{"GENSYN_REPOPS_THREADS=0", []string{"verifier"}, "gensyn: repops: GENSYN_REPOPS_THREADS=0: want a whole number of threads"},
		{"GENSYN_REPOPS_THREADS=x", []string{"trace"}, "gensyn: repops: GENSYN_REPOPS_THREADS=x: want a whole number of threads"},
		{"GENSYN_COMMIT_KECCAK=bogus", []string{"train"}, `gensyn: commit: GENSYN_COMMIT_KECCAK=bogus: unknown keccak path "bogus"`},
	} {
		stdout, stderr, code := gensynBinary(t, []string{c.env}, c.args...)
		require.Equal(t, 1, code, c.args)
		require.Empty(t, stdout, c.args)
		require.True(t, strings.HasPrefix(stderr, c.want), "%v: %q", c.args, stderr)
		require.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	}
	// job submit does not compute: its own missing flags are the error.
	_, stderr, code := gensynBinary(t, []string{"GENSYN_REPOPS_KERNEL=bogus"}, "job", "submit")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "missing required flags --spec")
}
