package toolchain

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFindRoot(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "foundry.toml"), nil, 0o644))
	deep := filepath.Join(root, "a", "b")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	got, err := FindRoot(deep)
	require.NoError(t, err)
	require.Equal(t, root, got)

	_, err = FindRoot(t.TempDir())
	require.ErrorIs(t, err, ErrNoRepository)
}

func TestLocate(t *testing.T) {
	root := t.TempDir()
	t.Setenv("PATH", t.TempDir()) // nothing on PATH
	_, err := Locate(root)
	require.ErrorContains(t, err, "anvil not found")
	require.ErrorContains(t, err, "npm ci")

	bin := filepath.Join(root, "node_modules", ".bin")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	for _, n := range []string{"anvil", "forge"} {
		require.NoError(t, os.WriteFile(filepath.Join(bin, n), []byte("#!/bin/sh\n"), 0o755))
	}
	tc, err := Locate(root)
	require.NoError(t, err)
	require.Equal(t, filepath.Join(bin, "anvil"), tc.Anvil)
	require.Equal(t, filepath.Join(bin, "forge"), tc.Forge)

	t.Setenv("GENSYN_FORGE", filepath.Join(root, "nope"))
	_, err = Locate(root)
	require.ErrorContains(t, err, "GENSYN_FORGE=")
}
