package main

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/internal/cliflags"
	"github.com/gensyn-stack/gensyn/node/blobstore"
)

// TestEveryFlagHasItsEnvVar walks the whole command tree: every flag of
// every command has exactly one environment variable, the one envVars names
// (GENSYN_<COMMAND>_<FLAG>), and no two flags of one command share one.
func TestEveryFlagHasItsEnvVar(t *testing.T) {
	var bad []string
	var walk func(top string, path string, c *cli.Command)
	walk = func(top, path string, c *cli.Command) {
		seen := map[string]string{}
		for _, f := range c.Flags {
			name := f.Names()[0]
			want := envVar(top, name)
			got := cliflags.EnvVars(f)
			if len(got) != 1 || got[0] != want {
				bad = append(bad, fmt.Sprintf("gensyn %s --%s: env %v, want [%s]", path, name, got, want))
			}
			for _, e := range got {
				if other, ok := seen[e]; ok {
					bad = append(bad, fmt.Sprintf("gensyn %s: --%s and --%s share %s", path, other, name, e))
				}
				seen[e] = name
			}
		}
		for _, sub := range c.Subcommands {
			walk(top, path+" "+sub.Name, sub)
		}
	}
	n := 0
	for _, c := range commands() {
		walk(c.Name, c.Name, c)
		n++
	}
	require.Greater(t, n, 5)
	require.Empty(t, bad, "flags without the environment variable of the rule:\n%s", strings.Join(bad, "\n"))
}

func TestEnvVarRule(t *testing.T) {
	require.Equal(t, "GENSYN_JOB_MAX_PRICE", envVar("job", "max-price"))
	require.Equal(t, "GENSYN_WORKER_BID_PRICE", envVar("worker", "bid.price"))
	require.Equal(t, "GENSYN_DEVNET_BLOCK_TIME", envVar("devnet", "block-time"))
}

// TestFlagErrors: each bad command line is one line that says what is
// wrong, with no help printed.
func TestFlagErrors(t *testing.T) {
	unsetGensynEnv(t)
	dir := t.TempDir()
	seq := []string{"sequencer", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", "d.json", "--data-dir", dir}
	worker := []string{"worker", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", "d.json", "--data-dir", dir,
		"--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1"}
	verifier := []string{"verifier", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", "d.json", "--data-dir", dir,
		"--blobstore", "http://127.0.0.1:1"}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"job", "submit"}, "missing required flags --spec (or GENSYN_JOB_SPEC), --max-price (or GENSYN_JOB_MAX_PRICE)"},
		{[]string{"job", "submit", "--spec", "s.json"}, "missing required flag --max-price (or GENSYN_JOB_MAX_PRICE)"},
		{[]string{"job", "fund", "1"}, "missing required flag --amount (or GENSYN_JOB_AMOUNT)"},
		{[]string{"trace", "--spec", "s", "--checkpoint", "c"}, "missing required flag --step (or GENSYN_TRACE_STEP)"},
		{[]string{"sequencer"}, "missing required flags --l1-eth-rpc (or GENSYN_SEQUENCER_L1_ETH_RPC), --deployments (or GENSYN_SEQUENCER_DEPLOYMENTS), --data-dir (or GENSYN_SEQUENCER_DATA_DIR)"},
		{[]string{"job", "submit", "--spec", "s", "--max-price", "1eth", "--bid-window", "10"}, "--bid-window 10: use a unit, e.g. 10s"},
		{[]string{"job", "status", "--interval", "0.5", "1"}, "--interval 0.5: use a unit, e.g. 0.5s"},
		{[]string{"job", "submit", "--bid-window", "soon"}, `--bid-window "soon": not a duration (e.g. 10s, 5m, 1h30m)`},
		{[]string{"devnet", "up", "--port", "x"}, `--port "x": not an integer`},
		{[]string{"job", "submit", "--max-prise", "1eth"}, "unknown flag --max-prise: did you mean --max-price?"},
		{[]string{"worker", "--bid-price", "1"}, "unknown flag --bid-price: did you mean --bid.price?"},
		{[]string{"devnet", "up", "--blocktime", "1s"}, "unknown flag --blocktime: did you mean --block-time?"},
		{[]string{"devnet", "up", "--bogus"}, "unknown flag --bogus (see --help)"},
		{[]string{"--verison"}, "unknown flag --verison: did you mean --version?"},
		{seq, "no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (GENSYN_SEQUENCER_PRIVATE_KEY, GENSYN_SEQUENCER_MNEMONIC + GENSYN_SEQUENCER_HD_PATH, GENSYN_SEQUENCER_KEYSTORE + GENSYN_SEQUENCER_PASSWORD_FILE); or --signer.endpoint with --signer.address"},
		{verifier, "no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (GENSYN_VERIFIER_PRIVATE_KEY,"},
		{append(worker, "--bid.fraction", "0.5"), "no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (GENSYN_WORKER_PRIVATE_KEY, GENSYN_WORKER_MNEMONIC + GENSYN_WORKER_HD_PATH, GENSYN_WORKER_KEYSTORE + GENSYN_WORKER_PASSWORD_FILE)"},
		{append(seq, "--private-key", anvilKey0, "--keystore", "k.json"), "give one key source, not --private-key and --keystore"},
		{append(seq, "--keystore", "k.json"), "--keystore needs --password-file (GENSYN_SEQUENCER_PASSWORD_FILE)"},
		{append(seq, "--mnemonic", "test test test test test test test test test test test junk"), `--mnemonic needs --hd-path (GENSYN_SEQUENCER_HD_PATH), e.g. "m/44'/60'/0'/0/0"`},
		{append(worker, "--mnemonic", "not a mnemonic", "--hd-path", "m/44'/60'/0'/0/0"), "invalid mnemonic (--mnemonic, GENSYN_WORKER_MNEMONIC): not a BIP-39 mnemonic"},
		{append(worker, "--private-key", "0x12"), "--private-key (GENSYN_WORKER_PRIVATE_KEY): invalid private key: expected 32 bytes of hex"},
		{append(worker, "--signer.endpoint", "http://127.0.0.1:1"), "unknown flag --signer.endpoint"},
		{append(worker, "--private-key", anvilKey0, "--bid.price", "0.3btc"), "--bid.price: must be a positive amount (wei, or a number with a unit: e.g. 1000, 20gwei, 0.3eth)"},
		{append(worker, "--private-key", anvilKey0, "--bid.fraction", "500000"), "--bid.fraction: must be a fraction of the job's max price in (0, 1], e.g. 0.5 (got 500000)"},
		{append(worker, "--private-key", anvilKey0, "--bid.fraction", "0.5", "--stake.target", "5 btc"), "--stake.target: must be an amount"},
	}
	for _, c := range cases {
		out, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.Equal(t, err.Error(), oneLine(err), "one line: %v", c.args)
		require.Empty(t, out, "no help printed: %v", c.args)
	}
}

// TestAmountsAcceptedByTheWorker: the worker takes the client's amount
// syntax for --bid.price and --stake.target (it gets past the flags to the
// deployments file).
func TestAmountsAcceptedByTheWorker(t *testing.T) {
	dir := t.TempDir()
	for _, extra := range [][]string{
		{"--bid.price", "0.3eth", "--stake.target", "5eth"},
		{"--bid.price", "20gwei", "--stake.target", "1000"},
		{"--bid.fraction", "0.5", "--stake.target", "2.5eth"},
	} {
		args := append([]string{"worker", "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", filepath.Join(dir, "none.json"),
			"--data-dir", dir, "--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1", "--private-key", anvilKey0}, extra...)
		_, err := runCLI(t, args...)
		require.Error(t, err)
		require.Contains(t, oneLine(err), "none.json", extra)
	}
}

// TestNoBackticksInFlagUsage: the cli library reads `text` in a flag's usage
// as the value's placeholder, so a backtick there must be one ("`FILE`").
func TestNoBackticksInFlagUsage(t *testing.T) {
	var walk func(path string, c *cli.Command)
	walk = func(path string, c *cli.Command) {
		for _, f := range c.Flags {
			d, ok := f.(cli.DocGenerationFlag)
			if !ok {
				continue
			}
			u := d.GetUsage()
			if strings.Count(u, "`") == 0 {
				continue
			}
			i := strings.Index(u, "`")
			j := strings.Index(u[i+1:], "`")
			require.Equal(t, 2, strings.Count(u, "`"), "%s --%s: %q", path, f.Names()[0], u)
			ph := u[i+1 : i+1+j]
			require.NotContains(t, ph, " ", "%s --%s: placeholder %q", path, f.Names()[0], ph)
		}
		for _, s := range c.Subcommands {
			walk(path+" "+s.Name, s)
		}
	}
	for _, c := range commands() {
		walk(c.Name, c)
	}
	out, err := runCLI(t, "devnet", "up", "--help")
	require.NoError(t, err)
	require.NotContains(t, out, "--anvil-state devnet down")
	require.Contains(t, out, "--anvil-state value")
}

// unsetGensynEnv removes every GENSYN_* variable for the test (an empty
// variable still counts as set), and puts them back after.
func unsetGensynEnv(t *testing.T) {
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GENSYN_") {
			t.Setenv(k, v) // restores it after the test
			require.NoError(t, os.Unsetenv(k))
		}
	}
}

// writeKeystore encrypts key into a keystore file (light scrypt) and writes
// the password file.
func writeKeystore(t *testing.T, hexKey, password string) (ks, pw string) {
	t.Helper()
	k, err := crypto.HexToECDSA(hexKey)
	require.NoError(t, err)
	blob, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(k.PublicKey), PrivateKey: k},
		password, keystore.LightScryptN, keystore.LightScryptP)
	require.NoError(t, err)
	dir := t.TempDir()
	ks, pw = filepath.Join(dir, "key.json"), filepath.Join(dir, "password")
	require.NoError(t, os.WriteFile(ks, blob, 0o600))
	require.NoError(t, os.WriteFile(pw, []byte(password+"\n"), 0o600))
	return ks, pw
}

// TestJobSubmitFromEnvWithKeystore: `gensyn job submit` with every flag,
// the required ones included, given only through GENSYN_JOB_* and the key
// from a keystore, posts a job on a real anvil; `job fund` takes the same
// keystore and a gwei amount; a wrong password is one line.
func TestJobSubmitFromEnvWithKeystore(t *testing.T) {
	a := startAnvil(t)
	local, err := blobstore.NewLocal(t.TempDir())
	require.NoError(t, err)
	hs := httptest.NewServer(blobstore.NewServer(local, 1<<24, nil))
	defer hs.Close()
	ks, pw := writeKeystore(t, anvilKey0, "correct horse")
	unsetGensynEnv(t)
	for k, v := range map[string]string{
		"GENSYN_JOB_SPEC":             filepath.Join("..", "..", "examples", "digits-mlp.json"),
		"GENSYN_JOB_DATA":             filepath.Join("..", "..", "data", "digits.csv.gz"),
		"GENSYN_JOB_MAX_PRICE":        "0.3eth",
		"GENSYN_JOB_COLLATERAL":       "20gwei",
		"GENSYN_JOB_EXECUTION_WINDOW": "2m",
		"GENSYN_JOB_BLOBSTORE":        hs.URL,
		"GENSYN_JOB_L1_ETH_RPC":       a.url,
		"GENSYN_JOB_DEPLOYMENTS":      a.deployments,
		"GENSYN_JOB_KEYSTORE":         ks,
		"GENSYN_JOB_PASSWORD_FILE":    pw,
	} {
		t.Setenv(k, v)
	}
	out, err := runCLI(t, "job", "submit")
	require.NoError(t, err)
	require.Contains(t, out, "job 1 posted")

	out, err = runCLI(t, "job", "fund", "--amount", "20gwei", "1")
	require.NoError(t, err, out)

	// The same account from anvil's mnemonic (the tx manager derives it).
	require.NoError(t, os.Unsetenv("GENSYN_JOB_KEYSTORE"))
	out, err = runCLI(t, "job", "fund", "--amount", "1gwei", "--mnemonic", "test test test test test test test test test test test junk",
		"--hd-path", "m/44'/60'/0'/0/0", "1")
	require.NoError(t, err, out)
	t.Setenv("GENSYN_JOB_KEYSTORE", ks)

	_, badPw := writeKeystore(t, anvilKey0, "other")
	t.Setenv("GENSYN_JOB_PASSWORD_FILE", badPw)
	_, err = runCLI(t, "job", "fund", "--amount", "1", "1")
	require.Error(t, err)
	require.Equal(t, "cannot decrypt keystore "+ks+": wrong password (--password-file)", oneLine(err))
}

// TestServiceKeySources: the sequencer, verifier and worker take their key
// from a keystore (flags or environment), and the worker from a mnemonic
// too; each gets past its key to reading the deployments file. A wrong
// password is one line.
func TestServiceKeySources(t *testing.T) {
	unsetGensynEnv(t)
	ks, pw := writeKeystore(t, anvilKey0, "pw")
	_, badPw := writeKeystore(t, anvilKey0, "other")
	dir := t.TempDir()
	deps := filepath.Join(dir, "none.json")
	common := func(svc string) []string {
		args := []string{svc, "--l1-eth-rpc", "http://127.0.0.1:1", "--deployments", deps, "--data-dir", dir}
		switch svc {
		case "worker":
			args = append(args, "--blobstore", "http://127.0.0.1:1", "--sequencer", "http://127.0.0.1:1", "--bid.price", "0.3eth")
		case "verifier":
			args = append(args, "--blobstore", "http://127.0.0.1:1")
		}
		return args
	}
	for _, svc := range []string{"sequencer", "verifier", "worker"} {
		_, err := runCLI(t, append(common(svc), "--keystore", ks, "--password-file", pw)...)
		require.Error(t, err)
		require.Contains(t, oneLine(err), "none.json", svc)

		_, err = runCLI(t, append(common(svc), "--keystore", ks, "--password-file", badPw)...)
		require.Error(t, err)
		require.Equal(t, "cannot decrypt keystore "+ks+": wrong password (--password-file)", oneLine(err), svc)

		// The same through the environment alone.
		prefix := "GENSYN_" + strings.ToUpper(svc) + "_"
		t.Setenv(prefix+"KEYSTORE", ks)
		t.Setenv(prefix+"PASSWORD_FILE", pw)
		_, err = runCLI(t, common(svc)...)
		require.Error(t, err)
		require.Contains(t, oneLine(err), "none.json", svc)
		require.NoError(t, os.Unsetenv(prefix+"KEYSTORE"))
		require.NoError(t, os.Unsetenv(prefix+"PASSWORD_FILE"))
	}
	// The worker derives its key from a mnemonic (it signs commitments itself).
	_, err := runCLI(t, append(common("worker"), "--mnemonic", "test test test test test test test test test test test junk",
		"--hd-path", "m/44'/60'/0'/0/0")...)
	require.Error(t, err)
	require.Contains(t, oneLine(err), "none.json")
}

// TestRequiredFlagsFromEnv: a service whose required flags are all in the
// environment starts past them.
func TestRequiredFlagsFromEnv(t *testing.T) {
	unsetGensynEnv(t)
	dir := t.TempDir()
	t.Setenv("GENSYN_SEQUENCER_L1_ETH_RPC", "http://127.0.0.1:1")
	t.Setenv("GENSYN_SEQUENCER_DEPLOYMENTS", filepath.Join(dir, "none.json"))
	t.Setenv("GENSYN_SEQUENCER_DATA_DIR", dir)
	t.Setenv("GENSYN_SEQUENCER_PRIVATE_KEY", anvilKey0)
	_, err := runCLI(t, "sequencer")
	require.Error(t, err)
	require.Contains(t, oneLine(err), "none.json")
	t.Setenv("GENSYN_TRACE_SPEC", "/nonexistent/spec.json")
	t.Setenv("GENSYN_TRACE_CHECKPOINT", dir)
	t.Setenv("GENSYN_TRACE_STEP", "0")
	_, err = runCLI(t, "trace")
	require.Error(t, err)
	require.Contains(t, oneLine(err), "/nonexistent/spec.json")
}
