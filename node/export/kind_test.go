package export

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestCheckRefusesTransformer: a transformer spec gets an error, not the
// MLP's tensor layout (or a panic on its absent model.layers).
func TestCheckRefusesTransformer(t *testing.T) {
	s, err := spec.Load("../../examples/austen-transformer.json")
	require.NoError(t, err)
	h, err := s.Hash()
	require.NoError(t, err)
	err = Check(s, &trainer.Checkpoint{SpecHash: h})
	require.EqualError(t, err, `export: model.kind "transformer" has no export yet`)
	_, _, err = Tensors(s, &trainer.Checkpoint{SpecHash: h}, Options{})
	require.Error(t, err)
}
