package e2e

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// readmeSubmit is the README's first job, as written there.
const readmeSubmit = `$ gensyn job submit --spec examples/digits-mlp.json --max-price 1eth --collateral 1eth \
    --bid-window 10s --execution-window 2m --challenge-window 30s`

// walkthrough returns the shell block of docs/operations.md between the
// walkthrough markers, without its fences.
func walkthrough(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "operations.md"))
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(doc), "<!-- walkthrough: begin -->\n")
	require.True(t, ok, "docs/operations.md has no walkthrough")
	block, _, ok := strings.Cut(rest, "<!-- walkthrough: end -->")
	require.True(t, ok, "docs/operations.md: the walkthrough has no end marker")
	block = strings.TrimSpace(block)
	require.True(t, strings.HasPrefix(block, "```sh\n") && strings.HasSuffix(block, "\n```"), "the walkthrough is one ```sh block")
	return strings.TrimSuffix(strings.TrimPrefix(block, "```sh\n"), "```")
}

// TestOperatorWalkthrough runs exactly the commands of docs/operations.md's
// "Running every service by hand" as a script: a default devnet, the blob
// store, the sequencer, a worker and a verifier as background processes,
// `gensyn status --wait`, then the README's first job posted, watched to
// its finalization and its model fetched and verified, then everything
// stopped. It runs in a scratch directory (examples/ and data/ linked from
// the checkout); the devnet's state and deployments directories point there
// through their environment variables, so the commands keep their default
// paths and ports (8545, 7070, 8560 must be free).
func TestOperatorWalkthrough(t *testing.T) {
	requireToolchain(t)
	script := walkthrough(t)
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	require.NoError(t, err)
	require.Contains(t, string(readme), readmeSubmit, "the README's first job")
	require.Contains(t, script, strings.TrimPrefix(readmeSubmit, "$ "), "the walkthrough posts the README's first job")
	for _, port := range []string{"8545", "7070", "8560"} {
		l, err := net.Listen("tcp", "127.0.0.1:"+port)
		require.NoError(t, err, "the walkthrough uses the default ports: 127.0.0.1:%s must be free", port)
		l.Close()
	}

	root := repoRoot(t)
	dir := t.TempDir()
	for _, d := range []string{"examples", "data"} {
		require.NoError(t, os.Symlink(filepath.Join(root, d), filepath.Join(dir, d)))
	}
	scriptPath := filepath.Join(dir, "walkthrough.sh")
	require.NoError(t, os.WriteFile(scriptPath, []byte(script), 0o644))
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GENSYN_") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"PATH="+filepath.Dir(gensynBin(t))+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GENSYN_DEVNET_REPO="+root,
		"GENSYN_DEVNET_STATE_DIR="+filepath.Join(dir, ".devnet"),
		"GENSYN_DEVNET_DEPLOYMENTS_DIR="+filepath.Join(dir, "deployments"),
	)
	t.Cleanup(func() {
		// Whatever the script reached, anvil (in its own session) goes.
		down := exec.Command(gensynBin(t), "devnet", "down")
		down.Dir, down.Env = dir, env
		_ = down.Run()
	})

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", scriptPath)
	cmd.Dir, cmd.Env = dir, env
	// Its own process group: a failed run's background services are killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if err != nil {
		for _, name := range []string{"blobstore", "sequencer", "worker", "verifier"} {
			if f, ferr := os.Open(filepath.Join(dir, ".gensyn", name+".log")); ferr == nil {
				b, _ := io.ReadAll(f)
				f.Close()
				t.Logf("%s log:\n%s", name, tail(string(b), 4000))
			}
		}
	}
	require.NoError(t, err, "the walkthrough failed:\n%s", out.String())
	o := out.String()
	t.Logf("the walkthrough ran in %s:\n%s", took.Round(100*time.Millisecond), o)
	for _, want := range []string{
		"devnet ready at http://127.0.0.1:8545",
		"ok    sequencer          http://127.0.0.1:8560",
		"ok    blob store         http://127.0.0.1:7070: healthy",
		"ok    registered         0x90F79bf6EB2c4f870365E785982E1f101E93b906: registered node",
		"job 1 posted in tx",
		"job 1 finalized",
		"matches the on-chain final model root",
		"stopped anvil",
	} {
		require.Contains(t, o, want)
	}
	require.NotContains(t, o, "FAIL")
	_, err = os.Stat(filepath.Join(dir, ".gensyn", "model.gck"))
	require.NoError(t, err, "the fetched model")
}
