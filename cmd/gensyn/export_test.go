package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// trainedCheckpoints trains the example job for 200 steps into a directory
// (checkpoints at steps 100 and 200).
func trainedCheckpoints(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "200", "--out", dir, "--progress-interval", "0")
	require.NoError(t, err)
	return dir
}

// TestExportCommand: a file or a directory (its latest checkpoint) is
// exported; the output names the tensors; the file holds the checkpoint's
// values under PyTorch's names.
func TestExportCommand(t *testing.T) {
	dir := trainedCheckpoints(t)
	out := filepath.Join(t.TempDir(), "model.safetensors")
	txt, err := runCLI(t, "export", "--spec", exampleSpec, "--checkpoint", dir, "--out", out)
	require.NoError(t, err)
	ck, err := trainer.ReadCheckpoint(trainer.CheckpointFile(dir, 200))
	require.NoError(t, err)
	require.Contains(t, txt, "checkpoint-0000000200.gck (step 200, spec "+ck.SpecHash.String()+", state root "+ck.StateRoot.String()+")")
	require.Contains(t, txt, ": 4 tensors, 2410 parameters, 10272 bytes; PyTorch module Sequential(Linear(64, 32), ReLU(), Linear(32, 10))")
	require.Regexp(t, `(?m)^  0\.weight +F32 \[32 64\]$`, txt)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Len(t, b, 10272)
	f, err := safetensors.Decode(b)
	require.NoError(t, err)
	require.Equal(t, "200", f.Metadata["step"])
	bias, err := f.Tensor("2.bias").F32()
	require.NoError(t, err)
	require.Equal(t, ck.State[3].Data, bias)

	// A checkpoint file, with the optimizer state, as JSON.
	js, err := runCLI(t, "export", "--spec", exampleSpec, "--checkpoint", trainer.CheckpointFile(dir, 100), "--out", out, "--optimizer-state", "--json")
	require.NoError(t, err)
	var res exportResult
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	require.Equal(t, uint64(100), res.Step)
	require.Len(t, res.Tensors, 14)
	require.Equal(t, exportTensor{Name: "optimizer.0.weight.exp_avg", DType: "F32", Shape: []int{32, 64}}, res.Tensors[4])
	fi, err := os.Stat(out)
	require.NoError(t, err)
	require.Equal(t, res.Bytes, fi.Size())
}

// TestExportBadInput: every bad input is one line naming what is wrong, and
// no output file (nor a temporary one) is left behind.
func TestExportBadInput(t *testing.T) {
	dir := trainedCheckpoints(t)
	tmp := t.TempDir()
	good := trainer.CheckpointFile(dir, 100)

	// The example with another seed: another spec hash.
	specB, err := os.ReadFile(exampleSpec)
	require.NoError(t, err)
	otherSpec := filepath.Join(tmp, "other.json")
	require.NoError(t, os.WriteFile(otherSpec, []byte(strings.Replace(string(specB), `"seed": 1`, `"seed": 2`, 1)), 0o644))
	badSpec := filepath.Join(tmp, "bad.json")
	require.NoError(t, os.WriteFile(badSpec, []byte(strings.Replace(string(specB), `"layers": [64, 32, 10]`, `"layers": [64, 32, 11]`, 1)), 0o644))

	// A corrupt checkpoint: one flipped bit.
	b, err := os.ReadFile(good)
	require.NoError(t, err)
	b[200] ^= 1
	corrupt := filepath.Join(tmp, "corrupt.gck")
	require.NoError(t, os.WriteFile(corrupt, b, 0o644))

	// A well-formed checkpoint carrying the spec's hash whose W2 has the
	// wrong shape (its state root and checksum are right).
	ck, err := trainer.ReadCheckpoint(good)
	require.NoError(t, err)
	ck.State[2] = repops.Tensor{Shape: []int{32, 9}, Data: make([]float32, 32*9)}
	ts := make([]commit.Tensor, len(ck.State))
	for i, s := range ck.State {
		ts[i] = commit.Tensor(s)
	}
	ck.StateRoot, err = commit.StateRootOf(ck.Step, ts)
	require.NoError(t, err)
	wrongShape := filepath.Join(tmp, "shape.gck")
	eb, err := ck.Encode()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(wrongShape, eb, 0o644))
	empty := filepath.Join(tmp, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))

	outDir := t.TempDir()
	out := filepath.Join(outDir, "model.safetensors")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--checkpoint", good, "--out", out}, "missing required flag --spec (or GENSYN_EXPORT_SPEC)"},
		{[]string{"--spec", exampleSpec, "--checkpoint", filepath.Join(tmp, "none.gck"), "--out", out}, "none.gck: no such file or directory"},
		{[]string{"--spec", filepath.Join(tmp, "none.json"), "--checkpoint", good, "--out", out}, "none.json: no such file or directory"},
		{[]string{"--spec", badSpec, "--checkpoint", good, "--out", out}, "bad.json: spec: model.layers[2]: must equal dataset.classes (10)"},
		{[]string{"--spec", otherSpec, "--checkpoint", good, "--out", out}, "checkpoint-0000000100.gck with " + otherSpec + ": export: checkpoint is for spec " + ck.SpecHash.String() + ", the spec given hashes to 0x"},
		{[]string{"--spec", exampleSpec, "--checkpoint", corrupt, "--out", out}, "corrupt.gck: trainer: bad checkpoint: checksum mismatch (file truncated or corrupt)"},
		{[]string{"--spec", exampleSpec, "--checkpoint", wrongShape, "--out", out}, `shape.gck with ` + exampleSpec + `: export: checkpoint tensor "W2" has shape [32 9], model.layers gives [32 10]`},
		{[]string{"--spec", exampleSpec, "--checkpoint", empty, "--out", out}, "empty: no checkpoint-*.gck file"},
		{[]string{"--spec", exampleSpec, "--checkpoint", good, "--out", filepath.Join(outDir, "no", "m.safetensors")}, "no such file or directory"},
	} {
		_, err := runCLI(t, append([]string{"export"}, c.args...)...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		ents, err := os.ReadDir(outDir)
		require.NoError(t, err)
		require.Empty(t, ents, c.args)
	}

	// The binary: one "gensyn: ..." line on stderr, exit 1, nothing on
	// stdout, no file; the flags also come from GENSYN_EXPORT_*.
	stdout, stderr, code := gensynBinary(t, []string{"GENSYN_EXPORT_SPEC=" + exampleSpec, "GENSYN_EXPORT_CHECKPOINT=" + corrupt, "GENSYN_EXPORT_OUT=" + out}, "export")
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Equal(t, "gensyn: "+corrupt+": trainer: bad checkpoint: checksum mismatch (file truncated or corrupt)\n", stderr)
	ents, err := os.ReadDir(outDir)
	require.NoError(t, err)
	require.Empty(t, ents)
	stdout, stderr, code = gensynBinary(t, []string{"GENSYN_EXPORT_SPEC=" + exampleSpec, "GENSYN_EXPORT_CHECKPOINT=" + good, "GENSYN_EXPORT_OUT=" + out}, "export")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stdout, "4 tensors, 2410 parameters")
	_, err = os.Stat(out)
	require.NoError(t, err)
}
