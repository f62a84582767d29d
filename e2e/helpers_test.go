// Package e2e runs the real gensyn binary against a real anvil chain started
// from the project's pinned toolchain.
package e2e

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/toolchain"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// repoRoot is the checkout under test.
func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, err := toolchain.FindRoot(wd)
	require.NoError(t, err)
	return root
}

// gensynBin builds cmd/gensyn once per test binary.
func gensynBin(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gensyn-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "gensyn")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/gensyn")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	require.NoError(t, buildErr, binPath)
	return binPath
}

// requireToolchain fails (never skips) when the pinned toolchain is missing:
// the end-to-end tests are part of the suite, and `make test` installs it.
func requireToolchain(t *testing.T) *toolchain.Toolchain {
	t.Helper()
	tc, err := toolchain.Locate(repoRoot(t))
	require.NoError(t, err, "the end-to-end tests need the pinned toolchain: run `npm ci` or `make deps`")
	return tc
}

type result struct {
	stdout, stderr string
	code           int
}

// gensyn runs the binary in the repository root with extra environment.
func gensyn(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(gensynBin(t), args...)
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// requireOneLineError checks the CLI convention for bad input: exit 1, a
// single line on stderr that names the problem, no stack trace.
func requireOneLineError(t *testing.T, r result, contains string) {
	t.Helper()
	require.Equal(t, 1, r.code, "stdout=%q stderr=%q", r.stdout, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	require.Len(t, lines, 1, "stderr=%q", r.stderr)
	require.True(t, strings.HasPrefix(lines[0], "gensyn: "), lines[0])
	require.Contains(t, lines[0], contains)
	require.NotContains(t, r.stderr, "goroutine")
	require.NotContains(t, r.stderr, "panic")
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
