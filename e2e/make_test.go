package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMakeQemu: `make test`'s arm64 stage sets itself up through `make
// qemu`: nothing to do when the emulator is there; where it is missing and
// cannot be installed (no apt-get, not root, no password-less sudo) one
// line says what to install, and make fails.
func TestMakeQemu(t *testing.T) {
	mk, err := exec.LookPath("make")
	require.NoError(t, err, "make is part of the toolchain")
	run := func(path string, args ...string) (string, error) {
		cmd := exec.Command(mk, append([]string{"--no-print-directory", "qemu"}, args...)...)
		cmd.Dir = repoRoot(t)
		// A clean make, whether or not the tests run under one (make test):
		// no inherited level, flags or jobserver.
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "MAKE") && !strings.HasPrefix(kv, "MFLAGS=") && !strings.HasPrefix(kv, "PATH=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "PATH="+path)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// Present: nothing printed, nothing installed.
	out, err := run(os.Getenv("PATH"), "QEMU=true")
	require.NoError(t, err, out)
	require.Empty(t, strings.TrimSpace(out))

	// Missing, and no way to install it: only `id` on the PATH (no
	// apt-get, no sudo).
	bin := t.TempDir()
	id, err := exec.LookPath("id")
	require.NoError(t, err)
	require.NoError(t, os.Symlink(id, filepath.Join(bin, "id")))
	out, err = run(bin, "QEMU=qemu-gensyn-missing")
	require.Error(t, err, out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Contains(t, lines[0], "qemu-gensyn-missing not found: install qemu-user (Debian/Ubuntu: sudo apt-get install qemu-user)", out)
	for _, l := range lines[1:] {
		require.Regexp(t, `^make(\[\d+\])?: \*\*\*`, l, "one line, then make's own: %q", out)
	}
}
