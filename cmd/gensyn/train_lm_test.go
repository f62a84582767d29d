package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestPrintProgressTransformer: a transformer's checkpoint line carries its
// held-out bits per byte; an MLP's line stays as it was.
func TestPrintProgressTransformer(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, printProgress(&b, trainer.Progress{Step: 100, Loss: 2.5, Accuracy: 0.25, EvalBitsPerByte: 3.125}))
	require.Contains(t, b.String(), "step    100  loss 2.5000  held-out 3.125 bits/byte  accuracy  25.00%  state root 0x")
	b.Reset()
	require.NoError(t, printProgress(&b, trainer.Progress{Step: 100, Loss: 2.5, Accuracy: 0.25}))
	require.Contains(t, b.String(), "step    100  loss 2.5000  accuracy  25.00%  state root 0x")
	require.NotContains(t, b.String(), "bits/byte")
}
