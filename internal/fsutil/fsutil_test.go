package fsutil

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.json")
	require.NoError(t, WriteFileAtomic(p, []byte("one"), 0o600))
	require.NoError(t, WriteFileAtomic(p, []byte("two"), 0o644))
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, "two", string(b))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")

	require.Error(t, WriteFileAtomic(filepath.Join(dir, "missing", "f"), nil, 0o644))
}

func TestWriteAtomicFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "model.gck")
	bad := errors.New("hash mismatch")
	err := WriteAtomic(p, 0o644, func(w io.Writer) error {
		_, _ = w.Write([]byte("half of a blob"))
		return bad
	})
	require.ErrorIs(t, err, bad)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Empty(t, entries, "no file at the path and no temporary file")

	// An existing file is kept when the new content fails.
	require.NoError(t, WriteFileAtomic(p, []byte("old"), 0o644))
	require.ErrorIs(t, WriteAtomic(p, 0o644, func(io.Writer) error { return bad }), bad)
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, "old", string(b))
}
