package blobstore

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIndex(t *testing.T) {
	local, err := NewLocal(t.TempDir())
	require.NoError(t, err)
	srv := httptest.NewServer(NewServer(local, 0, nil))
	defer srv.Close()
	c := NewClient(srv.URL, nil)
	ctx := context.Background()

	key := Sum([]byte("a state root"))
	hs, err := c.Lookup(ctx, key)
	require.NoError(t, err)
	require.Empty(t, hs)

	// Only stored blobs can be listed.
	require.ErrorIs(t, c.Link(ctx, key, Sum([]byte("not stored"))), ErrNotFound)

	a, err := c.Put(ctx, []byte("checkpoint a"))
	require.NoError(t, err)
	b, err := c.Put(ctx, []byte("checkpoint b"))
	require.NoError(t, err)
	require.NoError(t, c.Link(ctx, key, b))
	require.NoError(t, c.Link(ctx, key, a))
	require.NoError(t, c.Link(ctx, key, a)) // idempotent
	hs, err = c.Lookup(ctx, key)
	require.NoError(t, err)
	want := []Hash{a, b}
	if a.String() > b.String() {
		want = []Hash{b, a}
	}
	require.Equal(t, want, hs)

	// A key lists at most MaxIndexEntries blobs.
	full := Sum([]byte("full"))
	for i := 0; i < MaxIndexEntries; i++ {
		h, err := c.Put(ctx, []byte{byte(i), byte(i >> 8), 1})
		require.NoError(t, err)
		require.NoError(t, c.Link(ctx, full, h))
	}
	h, err := c.Put(ctx, []byte("one more"))
	require.NoError(t, err)
	require.ErrorContains(t, c.Link(ctx, full, h), "full")
	hs, err = c.Lookup(ctx, full)
	require.NoError(t, err)
	require.Len(t, hs, MaxIndexEntries)
}
