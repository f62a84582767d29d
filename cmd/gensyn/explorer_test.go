package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExplorerBadInput: `gensyn explorer`'s bad flags and files are one
// line each, before anything is started.
func TestExplorerBadInput(t *testing.T) {
	unsetGensynEnv(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{"), 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"explorer", "--poll-interval", "0s"}, "--poll-interval: must be positive"},
		{[]string{"explorer", "--deployments", filepath.Join(t.TempDir(), "none.json")}, "none.json"},
		{[]string{"explorer", "--deployments", bad}, "bad.json"},
		{[]string{"explorer", "--start-block", "x"}, "--start-block"},
		{[]string{"explorer", "--bogus"}, "unknown flag --bogus"},
	} {
		_, err := runCLI(t, tc.args...)
		require.Error(t, err, tc.args)
		msg := oneLine(err)
		require.Contains(t, msg, tc.want, tc.args)
		require.NotContains(t, msg, "\n")
		require.False(t, strings.Contains(msg, "panic"), msg)
	}
}
