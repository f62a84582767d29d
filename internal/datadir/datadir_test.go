package datadir

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble"
	"github.com/stretchr/testify/require"
)

// TestInUse: a second open of a held database, in this process and in
// another one, is an InUseError with the one-line message.
func TestInUse(t *testing.T) {
	if dir := os.Getenv("DATADIR_TEST_HOLD"); dir != "" {
		// The child: open and hold until killed.
		db, err := OpenPebble(dir, &pebble.Options{})
		if err != nil {
			os.Exit(3)
		}
		defer db.Close()
		os.Stdout.WriteString("held\n")
		select {}
	}
	dir := filepath.Join(t.TempDir(), "db")

	// Another process holds it.
	cmd := exec.Command(os.Args[0], "-test.run", "^TestInUse$")
	cmd.Env = append(os.Environ(), "DATADIR_TEST_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	buf := make([]byte, 5)
	_, err = out.Read(buf)
	require.NoError(t, err)
	require.Equal(t, "held\n", string(buf))

	_, err = OpenPebble(dir, &pebble.Options{})
	require.Error(t, err)
	require.True(t, errors.Is(err, ErrInUse), err)
	var iu *InUseError
	require.True(t, errors.As(err, &iu))
	require.Equal(t, "data dir "+dir+" is in use by another process (lock held)", err.Error())
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()

	// Free again: it opens; a second open in this process is refused too.
	db, err := OpenPebble(dir, &pebble.Options{})
	require.NoError(t, err)
	defer db.Close()
	_, err = OpenPebble(dir, &pebble.Options{})
	require.ErrorIs(t, err, ErrInUse, err)
	require.False(t, strings.Contains(err.Error(), "\n"))
}

// TestOtherErrorsPass: errors other than the lock are not InUseErrors.
func TestOtherErrorsPass(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, []byte("x"), 0o600))
	_, err := OpenPebble(filepath.Join(f, "db"), &pebble.Options{})
	require.Error(t, err)
	require.False(t, errors.Is(err, ErrInUse), err)
}
