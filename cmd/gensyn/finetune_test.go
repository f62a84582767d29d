package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// fineTuneSpecFile writes the example spec with init.weights = weights (and
// model.layers = layers when set) as dir/name, 20 steps in 2 checkpoints.
func fineTuneSpecFile(t *testing.T, dir, name string, weights commit.Hash, layers string) string {
	t.Helper()
	b, err := os.ReadFile(exampleSpec)
	require.NoError(t, err)
	js := string(b)
	for _, r := range [][2]string{
		{`"steps": 1000`, `"steps": 20, "init": {"weights": "` + weights.String() + `"}`},
		{`"checkpoint_interval": 100`, `"checkpoint_interval": 10`},
		{`"layers": [64, 32, 10]`, layers},
	} {
		if r[1] == "" {
			continue
		}
		require.Contains(t, js, r[0])
		js = strings.Replace(js, r[0], r[1], 1)
	}
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(js), 0o644))
	return p
}

// TestTrainInit: the client's path to a fine-tuning spec, locally. `gensyn
// export` of a trained checkpoint prints the file's keccak256, a spec names
// it as init.weights, and `gensyn train` starts from those weights (found
// under <spec dir>/data by their hash, or given with --init): its initial
// state root is that of the export's parameters with a fresh optimizer, not
// the seeded one. Bad input is one line naming the file and the tensor.
func TestTrainInit(t *testing.T) {
	dir := t.TempDir()
	ckDir := filepath.Join(dir, "a")
	_, err := runCLI(t, "train", "--spec", exampleSpec, "--steps", "100", "--out", ckDir)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "data"), 0o755))
	model := filepath.Join(dir, "data", "model.safetensors")
	out, err := runCLI(t, "export", "--spec", exampleSpec, "--checkpoint", ckDir, "--out", model, "--json")
	require.NoError(t, err)
	var res exportResult
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	b, err := os.ReadFile(model)
	require.NoError(t, err)
	hash := commit.Keccak256(b)
	require.Equal(t, hash.String(), res.Keccak256)
	txt, err := runCLI(t, "export", "--spec", exampleSpec, "--checkpoint", ckDir, "--out", filepath.Join(dir, "again.safetensors"))
	require.NoError(t, err)
	require.Contains(t, txt, "\nkeccak256 "+hash.String()+" (init.weights of a job that starts from this model)\n")

	// The expected initial state root: the export's parameters, a fresh optimizer.
	ftSpec := fineTuneSpecFile(t, dir, "finetune.json", hash, "")
	s, err := spec.Load(ftSpec)
	require.NoError(t, err)
	w, err := export.LoadInitialStateFile(s, model)
	require.NoError(t, err)
	d, err := dataset.Load("../../data/digits.csv.gz", s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, d, trainer.Options{InitialWeights: w})
	require.NoError(t, err)
	want, err := tr.InitialStateRoot()
	require.NoError(t, err)
	seeded := *s
	seeded.Init = nil
	trS, err := trainer.New(&seeded, d, trainer.Options{})
	require.NoError(t, err)
	seededRoot, err := trS.InitialStateRoot()
	require.NoError(t, err)
	require.NotEqual(t, seededRoot, want)

	data := "../../data/digits.csv.gz"
	for _, args := range [][]string{
		{"train", "--spec", ftSpec, "--data", data, "--json"},                  // found under <spec dir>/data
		{"train", "--spec", ftSpec, "--data", data, "--init", model, "--json"}, // given
	} {
		out, err := runCLI(t, args...)
		require.NoError(t, err, args)
		sc := bufio.NewScanner(strings.NewReader(out))
		require.True(t, sc.Scan())
		var start trainEvent
		require.NoError(t, json.Unmarshal(sc.Bytes(), &start))
		require.Equal(t, want.String(), start.InitialStateRoot, args)
		n := 0
		for sc.Scan() {
			n++
		}
		require.Equal(t, 3, n, "two checkpoints and done")
	}
	txt, err = runCLI(t, "train", "--spec", ftSpec, "--data", data, "--steps", "10")
	require.NoError(t, err)
	require.Contains(t, txt, "initial state root "+want.String())

	// Bad input.
	other := filepath.Join(dir, "other.safetensors")
	_, err = runCLI(t, "export", "--spec", exampleSpec, "--checkpoint", trainer.CheckpointFile(ckDir, 100), "--out", other, "--optimizer-state")
	require.NoError(t, err)
	ob, err := os.ReadFile(other)
	require.NoError(t, err)
	junk := filepath.Join(dir, "junk.safetensors")
	require.NoError(t, os.WriteFile(junk, []byte("not a safetensors file"), 0o644))
	narrow := fineTuneSpecFile(t, dir, "narrow.json", hash, `"layers": [64, 16, 10]`)
	optState := fineTuneSpecFile(t, dir, "optstate.json", commit.Keccak256(ob), "")
	junkSpec := fineTuneSpecFile(t, dir, "junk.json", commit.Keccak256([]byte("not a safetensors file")), "")
	missing := fineTuneSpecFile(t, t.TempDir(), "missing.json", hash, "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"train", "--spec", exampleSpec, "--init", model}, "--init " + model + ": " + exampleSpec + " has no init.weights"},
		{[]string{"train", "--spec", missing, "--data", data}, "missing.json: no file with init.weights " + hash.String() + " under ./data"},
		{[]string{"train", "--spec", ftSpec, "--data", data, "--init", other}, other + ": init.weights: the file hashes to " + commit.Keccak256(ob).String() + ", the spec names " + hash.String()},
		{[]string{"train", "--spec", narrow, "--data", data, "--init", model}, model + ": init.weights: tensor 0.weight: shape [32,64], the spec needs [16,64]"},
		{[]string{"train", "--spec", optState, "--data", data, "--init", other}, "init.weights: tensor optimizer.0.weight.exp_avg: not a parameter of Sequential(Linear(64, 32), ReLU(), Linear(32, 10)) (optimizer state is not loaded: export without --optimizer-state)"},
		{[]string{"train", "--spec", junkSpec, "--data", data, "--init", junk}, junk + ": init.weights: safetensors:"},
		{[]string{"train", "--spec", ftSpec, "--data", data, "--init", filepath.Join(dir, "none")}, "none: no such file"},
		{[]string{"trace", "--spec", narrow, "--data", data, "--init", model, "--checkpoint", dir, "--step", "1"}, "init.weights: tensor 0.weight: shape [32,64], the spec needs [16,64]"},
		// job submit checks the weights before it asks the chain anything.
		{[]string{"job", "submit", "--spec", narrow, "--data", data, "--init", model, "--max-price", "1", "--l1-eth-rpc", "http://127.0.0.1:1"}, model + ": init.weights: tensor 0.weight: shape [32,64], the spec needs [16,64]"},
		{[]string{"job", "submit", "--spec", exampleSpec, "--data", data, "--init", model, "--max-price", "1", "--l1-eth-rpc", "http://127.0.0.1:1"}, "has no init.weights"},
	}
	for _, c := range cases {
		_, err := runCLI(t, c.args...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
	}

	// The binary: one "gensyn: ..." line, exit 1.
	stdout, stderr, code := gensynBinary(t, nil, "train", "--spec", narrow, "--data", data, "--init", model)
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Equal(t, "gensyn: "+model+": init.weights: tensor 0.weight: shape [32,64], the spec needs [16,64]\n", stderr)
}
