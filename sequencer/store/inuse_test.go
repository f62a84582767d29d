package store

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/datadir"
)

// TestOpenInUse: a second sequencer on the same data dir gets the one-line
// typed error, not the storage engine's "resource temporarily unavailable".
func TestOpenInUse(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{NoSync: true})
	require.NoError(t, err)
	defer s.Close()
	_, err = Open(dir, Options{NoSync: true})
	require.ErrorIs(t, err, datadir.ErrInUse)
	require.EqualError(t, err, "data dir "+dir+" is in use by another process (lock held)")
}
