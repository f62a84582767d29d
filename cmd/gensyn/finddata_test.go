package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/spec"
)

// TestFindDatasetBesideSpec: without --data, a spec's dataset is found by
// its hash under <spec dir>/data (examples/data/austen.txt for
// examples/austen-transformer.json) as well as <spec dir>/../data.
func TestFindDatasetBesideSpec(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"../../examples/austen-transformer.json", "../../examples/data/austen.txt"},
		{"../../examples/digits-mlp.json", "../../data/digits.csv.gz"},
	} {
		s, err := spec.Load(c.spec)
		require.NoError(t, err)
		got, err := findDataset(c.spec, s.Dataset.Hash)
		require.NoError(t, err)
		require.Equal(t, filepath.Clean(c.want), filepath.Clean(got))
	}
	s, err := spec.Load("../../examples/digits-mlp.json")
	require.NoError(t, err)
	s.Dataset.Hash[0] ^= 1
	_, err = findDataset("../../examples/digits-mlp.json", s.Dataset.Hash)
	require.ErrorContains(t, err, "under ./data, ../../examples/data or ../../data; pass --data")
}
