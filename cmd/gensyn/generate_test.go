package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/lm"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

const lmExampleSpec = "../../examples/austen-transformer.json"

// tinyLMJob writes the example transformer made tiny (context 8, width 16,
// 2 heads, 2 layers, MLP 32; tied or untied) to a spec file and a
// checkpoint after `steps` steps of repops.BuildLMStep on a pseudo-random
// token stream into a directory; it returns both paths.
func tinyLMJob(t *testing.T, tied bool, steps int) (string, string) {
	t.Helper()
	b, err := os.ReadFile(lmExampleSpec)
	require.NoError(t, err)
	js := string(b)
	for _, r := range [][2]string{
		{`"context": 64`, `"context": 8`}, {`"width": 128`, `"width": 16`}, {`"heads": 4`, `"heads": 2`},
		{`"layers": 5`, `"layers": 2`}, {`"mlp_width": 512`, `"mlp_width": 32`},
		{`"tied_embeddings": true`, fmt.Sprintf(`"tied_embeddings": %v`, tied)},
	} {
		js = strings.Replace(js, r[0], r[1], 1)
	}
	dir := t.TempDir()
	specPath := filepath.Join(dir, "tiny.json")
	require.NoError(t, os.WriteFile(specPath, []byte(js), 0o644))
	s, err := spec.Load(specPath)
	require.NoError(t, err)
	cfg, err := lm.Config(s)
	require.NoError(t, err)
	names, _, err := repops.LMStateShapes(cfg)
	require.NoError(t, err)
	st, err := repops.InitLMState(cfg)
	require.NoError(t, err)
	tok := repops.NewTensor(300)
	for i := range tok.Data {
		tok.Data[i] = float32(" abcde"[repops.RandomWord(5, 9, 0, uint32(i))%6])
	}
	g, err := repops.BuildLMStep(cfg, 300)
	require.NoError(t, err)
	r, err := repops.NewLMRunner(g, nil)
	require.NoError(t, err)
	for i := 0; i < steps; i++ {
		_, err := r.Step(st, []repops.Tensor{tok}, st)
		require.NoError(t, err)
	}
	h, err := s.Hash()
	require.NoError(t, err)
	ts := make([]commit.Tensor, len(st))
	for i, x := range st {
		ts[i] = commit.Tensor(x)
	}
	root, err := commit.StateRootOf(uint64(steps), ts)
	require.NoError(t, err)
	ckDir := filepath.Join(dir, "run")
	_, err = trainer.WriteCheckpoint(ckDir, &trainer.Checkpoint{SpecHash: h, Step: uint64(steps), StateRoot: root, Names: names, State: st})
	require.NoError(t, err)
	return specPath, ckDir
}

// TestGenerateCommand: the prompt and its continuation of --tokens bytes;
// the same seed gives the same text (in-process and as the binary, flags
// from GENSYN_GENERATE_*), another seed another; --json carries the exact
// tokens, which are lm.Generate's on the checkpoint's parameters.
func TestGenerateCommand(t *testing.T) {
	specPath, dir := tinyLMJob(t, false, 3)
	args := []string{"generate", "--spec", specPath, "--checkpoint", dir, "--prompt", "ab c", "--tokens", "40", "--seed", "3"}
	a, err := runCLI(t, args...)
	require.NoError(t, err)
	require.Len(t, a, 4+40+1)
	require.True(t, strings.HasPrefix(a, "ab c"))
	require.True(t, strings.HasSuffix(a, "\n"))
	b, err := runCLI(t, args...)
	require.NoError(t, err)
	require.Equal(t, a, b)
	other, err := runCLI(t, append(args, "--seed", "4")...)
	require.NoError(t, err)
	require.NotEqual(t, a, other)

	stdout, stderr, code := gensynBinary(t, []string{"GENSYN_GENERATE_SPEC=" + specPath, "GENSYN_GENERATE_CHECKPOINT=" + dir,
		"GENSYN_GENERATE_PROMPT=ab c", "GENSYN_GENERATE_TOKENS=40", "GENSYN_GENERATE_SEED=3"}, "generate")
	require.Equal(t, 0, code, stderr)
	require.Equal(t, a, stdout)

	js, err := runCLI(t, append(args, "--json", "--temperature", "0.5")...)
	require.NoError(t, err)
	var res generateResult
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	require.Len(t, res.Tokens, 40)
	require.Equal(t, uint64(3), res.Step)
	require.Equal(t, float32(0.5), res.Temperature)
	ck, err := trainer.ReadCheckpoint(trainer.CheckpointFile(dir, 3))
	require.NoError(t, err)
	require.Equal(t, ck.StateRoot.String(), res.StateRoot)
	s, err := spec.Load(specPath)
	require.NoError(t, err)
	cfg, err := lm.Config(s)
	require.NoError(t, err)
	m, err := lm.NewModel(cfg, ck.State)
	require.NoError(t, err)
	want, err := m.Generate([]int{'a', 'b', ' ', 'c'}, 40, 0.5, 3, nil)
	require.NoError(t, err)
	require.Equal(t, want, res.Tokens)

	// Greedy: the seed does not matter.
	g1, err := runCLI(t, append(args, "--temperature", "0")...)
	require.NoError(t, err)
	g2, err := runCLI(t, append(args, "--temperature", "0", "--seed", "99")...)
	require.NoError(t, err)
	require.Equal(t, g1, g2)
	// --tokens 0: the prompt alone.
	z, err := runCLI(t, append(args, "--tokens", "0")...)
	require.NoError(t, err)
	require.Equal(t, "ab c\n", z)
}

// TestGenerateBadInput: one line naming what is wrong, nothing printed.
func TestGenerateBadInput(t *testing.T) {
	specPath, dir := tinyLMJob(t, true, 1)
	otherSpec, otherDir := tinyLMJob(t, false, 1)
	tmp := t.TempDir()
	good := trainer.CheckpointFile(dir, 1)
	b, err := os.ReadFile(good)
	require.NoError(t, err)
	b[300] ^= 1
	corrupt := filepath.Join(tmp, "corrupt.gck")
	require.NoError(t, os.WriteFile(corrupt, b, 0o644))
	ck, err := trainer.ReadCheckpoint(good)
	require.NoError(t, err)
	base := func(extra ...string) []string {
		return append([]string{"--spec", specPath, "--checkpoint", good, "--prompt", "hi"}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--spec", specPath, "--checkpoint", good}, "missing required flag --prompt (or GENSYN_GENERATE_PROMPT)"},
		{base("--checkpoint", filepath.Join(tmp, "none.gck")), "none.gck: no such file or directory"},
		{base("--checkpoint", tmp), tmp + ": no checkpoint-*.gck file"},
		{base("--checkpoint", corrupt), "corrupt.gck: trainer: bad checkpoint: checksum mismatch (file truncated or corrupt)"},
		{base("--spec", otherSpec), "checkpoint-0000000001.gck with " + otherSpec + ": export: checkpoint is for spec " + ck.SpecHash.String() + ", the spec given hashes to 0x"},
		{base("--checkpoint", otherDir), "export: checkpoint is for spec "},
		{base("--spec", exampleSpec), exampleSpec + `: generate needs a transformer spec (model.kind "transformer"), this one has model.kind "mlp"`},
		{base("--tokens", "-1"), "--tokens -1: must be in [0, 1048576]"},
		{base("--temperature", "-0.5"), `--temperature "-0.5": must be a float32 number >= 0`},
		{base("--temperature", "-0"), `--temperature "-0": must be a float32 number >= 0`},
		{base("--temperature", "hot"), `--temperature "hot": must be a float32 number >= 0`},
		{base("--temperature", "NaN"), `--temperature "NaN": must be a float32 number >= 0`},
		{base("--temperature", "1e39"), `--temperature "1e39": must be a float32 number >= 0`},
		{base("--prompt", ""), "--prompt is empty: the model continues at least one token"},
		{base("--tokens", "x"), "--tokens"},
	} {
		out, err := runCLI(t, append([]string{"generate"}, c.args...)...)
		require.Error(t, err, c.args)
		require.Contains(t, oneLine(err), c.want, c.args)
		require.Empty(t, out, c.args)
	}
	stdout, stderr, code := gensynBinary(t, nil, "generate", "--spec", exampleSpec, "--checkpoint", good, "--prompt", "hi")
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Equal(t, "gensyn: "+exampleSpec+`: generate needs a transformer spec (model.kind "transformer"), this one has model.kind "mlp"`+"\n", stderr)
}

// TestExportTransformerCommand: `gensyn export` of a transformer checkpoint
// names its tensors GPT-style, one aligned column.
func TestExportTransformerCommand(t *testing.T) {
	specPath, dir := tinyLMJob(t, false, 2)
	out := filepath.Join(t.TempDir(), "m.safetensors")
	txt, err := runCLI(t, "export", "--spec", specPath, "--checkpoint", dir, "--out", out)
	require.NoError(t, err)
	require.Contains(t, txt, ": 20 tensors, 12496 parameters, 52544 bytes; ")
	require.Contains(t, txt, "PyTorch module GPT(vocab=256, context=8, width=16, heads=2, layers=2, mlp_width=32, norm=rmsnorm, norm_eps=1e-05, activation=silu, tied_embeddings=false)")
	require.Contains(t, txt, "\n  transformer.wte.weight                F32 [256 16]\n")
	require.Contains(t, txt, "\n  transformer.h.1.attn.out_proj.weight  F32 [16 16]\n")
	require.Contains(t, txt, "\n  lm_head.weight                        F32 [256 16]\n")
}

// TestGenerateTrainedTransformer: the client's path with a transformer,
// through the real commands: `gensyn train` a tiny transformer on a small
// corpus, `gensyn generate` from its checkpoint (same seed, same text),
// `gensyn export` it, a fine-tuning spec naming the export as init.weights
// trains from it (its initial state is export.LoadInitialState's), and
// `gensyn generate` samples the fine-tuned model.
func TestGenerateTrainedTransformer(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "data"), 0o755))
	corpus := []byte(strings.Repeat("the cat sat on the mat. a dog ate the hat. ", 100))[:4096]
	require.NoError(t, os.WriteFile(filepath.Join(dir, "data", "corpus.txt"), corpus, 0o644))
	b, err := os.ReadFile(lmExampleSpec)
	require.NoError(t, err)
	js := string(b)
	for _, r := range [][2]string{
		{`"context": 64`, `"context": 16`}, {`"width": 128`, `"width": 16`}, {`"heads": 4`, `"heads": 2`},
		{`"layers": 5`, `"layers": 1`}, {`"mlp_width": 512`, `"mlp_width": 32`},
		{`"hash": "0x82e573021a02f5954cb92a8e2711f0141dc91a31d984751256be0dff35b73a1b"`, `"hash": "` + commit.Keccak256(corpus).String() + `"`},
		{`"tokens": 1358459`, `"tokens": 4096`}, {`"count": 65536`, `"count": 512`},
		{`"warmup_steps": 100`, `"warmup_steps": 2`}, {`"batch_size": 16`, `"batch_size": 4`},
		{`"steps": 1000`, `"steps": 20`}, {`"checkpoint_interval": 100`, `"checkpoint_interval": 10`},
	} {
		require.Contains(t, js, r[0])
		js = strings.Replace(js, r[0], r[1], 1)
	}
	specA := filepath.Join(dir, "a.json")
	require.NoError(t, os.WriteFile(specA, []byte(js), 0o644))
	runA := filepath.Join(dir, "run-a")
	_, err = runCLI(t, "train", "--spec", specA, "--out", runA, "--progress-interval", "0")
	require.NoError(t, err)
	gen := []string{"generate", "--spec", specA, "--checkpoint", runA, "--prompt", "the ", "--tokens", "30", "--seed", "2"}
	g1, err := runCLI(t, gen...)
	require.NoError(t, err)
	g2, err := runCLI(t, gen...)
	require.NoError(t, err)
	require.Equal(t, g1, g2)
	require.Len(t, g1, 4+30+1)

	model := filepath.Join(dir, "data", "model.safetensors")
	_, err = runCLI(t, "export", "--spec", specA, "--checkpoint", runA, "--out", model)
	require.NoError(t, err)
	mb, err := os.ReadFile(model)
	require.NoError(t, err)
	specB := filepath.Join(dir, "b.json")
	require.NoError(t, os.WriteFile(specB, []byte(strings.Replace(js, `"steps": 20`, `"steps": 20, "init": {"weights": "`+commit.Keccak256(mb).String()+`"}`, 1)), 0o644))
	runB := filepath.Join(dir, "run-b")
	trainB, err := runCLI(t, "train", "--spec", specB, "--steps", "10", "--out", runB, "--progress-interval", "0")
	require.NoError(t, err)
	s, err := spec.Load(specB)
	require.NoError(t, err)
	st, err := export.LoadInitialStateFile(s, model)
	require.NoError(t, err)
	a, err := trainer.ReadCheckpoint(trainer.CheckpointFile(runA, 20))
	require.NoError(t, err)
	cfg, err := lm.Config(s)
	require.NoError(t, err)
	for i := 0; i < lm.NumParams(cfg); i++ {
		require.Equal(t, a.State[i].Data, st[i].Data, a.Names[i])
	}
	ts := make([]commit.Tensor, len(st))
	for i, x := range st {
		ts[i] = commit.Tensor(x)
	}
	root, err := commit.StateRootOf(0, ts)
	require.NoError(t, err)
	require.Contains(t, trainB, "initial state root "+root.String())
	g3, err := runCLI(t, "generate", "--spec", specB, "--checkpoint", runB, "--prompt", "the ", "--tokens", "30", "--seed", "2")
	require.NoError(t, err)
	require.Len(t, g3, 4+30+1)
}
