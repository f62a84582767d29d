package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/lm"
	"github.com/gensyn-stack/gensyn/node/spec"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:  "generate",
		Usage: "sample text from a transformer checkpoint (deterministic for a given seed)",
		Description: "Reads a checkpoint of a transformer job (written by `gensyn train --out DIR` or a worker,\n" +
			"or the verified final model `gensyn job fetch --out FILE` downloads), checks it against the\n" +
			"job spec, and continues --prompt by --tokens bytes. Each token's logits are computed with\n" +
			"RepOps over the last model.context tokens, and the token is drawn from their softmax at\n" +
			"--temperature with the RepOps PRNG keyed by --seed (0: greedy), so the same inputs give the\n" +
			"same text on every machine. Prints the prompt and its continuation. docs/generate.md.",
		Flags: []cli.Flag{
			specFlag("generate"),
			&cli.StringFlag{Name: "checkpoint", Usage: "checkpoint `FILE`, or a checkpoint DIR (its latest checkpoint)", Required: true, EnvVars: envVars("generate", "checkpoint")},
			&cli.StringFlag{Name: "prompt", Usage: "the `TEXT` to continue (its bytes are the first tokens)", Required: true, EnvVars: envVars("generate", "prompt")},
			&cli.IntFlag{Name: "tokens", Value: 200, Usage: "how many tokens (bytes) to draw", EnvVars: envVars("generate", "tokens")},
			&cli.StringFlag{Name: "temperature", Value: "1", Usage: "softmax temperature `T` >= 0, a float32 (0: the most likely token every time)", EnvVars: envVars("generate", "temperature")},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "PRNG seed of the sampling", EnvVars: envVars("generate", "seed")},
			&cli.BoolFlag{Name: "json", Usage: "print one JSON object instead of the text", EnvVars: envVars("generate", "json")},
		},
		Action: runGenerate,
	}
}

type generateResult struct {
	Checkpoint  string  `json:"checkpoint"`
	Step        uint64  `json:"step"`
	SpecHash    string  `json:"spec_hash"`
	StateRoot   string  `json:"state_root"`
	Seed        uint64  `json:"seed"`
	Temperature float32 `json:"temperature"`
	Prompt      string  `json:"prompt"`
	Text        string  `json:"text"`   // the continuation (bytes that are not UTF-8 become U+FFFD here)
	Tokens      []int   `json:"tokens"` // the continuation's tokens, exactly
}

func runGenerate(c *cli.Context) error {
	specPath := c.String("spec")
	s, err := spec.Load(specPath)
	if err != nil {
		return err
	}
	cfg, err := lm.Config(s)
	if err != nil {
		return fmt.Errorf("%s: generate needs a transformer spec (model.kind %q), this one has model.kind %q", specPath, spec.ModelTransformer, s.Model.Kind)
	}
	n := c.Int("tokens")
	if n < 0 || n > lm.MaxTokens {
		return fmt.Errorf("--tokens %d: must be in [0, %d]", n, lm.MaxTokens)
	}
	temp64, err := strconv.ParseFloat(c.String("temperature"), 32)
	temp := float32(temp64)
	if err != nil || temp != temp || temp < 0 || math.IsInf(temp64, 0) || math.Signbit(temp64) {
		return fmt.Errorf("--temperature %q: must be a float32 number >= 0", c.String("temperature"))
	}
	prompt := []byte(c.String("prompt"))
	if len(prompt) == 0 {
		return fmt.Errorf("--prompt is empty: the model continues at least one token")
	}
	toks := make([]int, len(prompt))
	for i, b := range prompt {
		if int(b) >= cfg.Vocab {
			return fmt.Errorf("--prompt: byte %d (0x%02x) is not a token of model.vocab %d", i, b, cfg.Vocab)
		}
		toks[i] = int(b)
	}
	path, ck, err := readCheckpointArg(c.String("checkpoint"))
	if err != nil {
		return err
	}
	if err := export.Check(s, ck); err != nil {
		return fmt.Errorf("%s with %s: %w", path, specPath, err)
	}
	m, err := lm.NewModel(cfg, ck.State)
	if err != nil {
		return err
	}
	w := c.App.Writer
	asJSON := c.Bool("json")
	var emit func(int) error
	if !asJSON {
		if _, err := w.Write(prompt); err != nil {
			return err
		}
		emit = func(t int) error { _, err := w.Write([]byte{byte(t)}); return err }
	}
	out, err := m.Generate(toks, n, temp, c.Uint64("seed"), emit)
	if err != nil {
		return err
	}
	if !asJSON {
		_, err := fmt.Fprintln(w)
		return err
	}
	text := make([]byte, len(out))
	for i, t := range out {
		text[i] = byte(t)
	}
	return json.NewEncoder(w).Encode(generateResult{
		Checkpoint: path, Step: ck.Step, SpecHash: ck.SpecHash.String(), StateRoot: ck.StateRoot.String(),
		Seed: c.Uint64("seed"), Temperature: temp, Prompt: string(prompt), Text: string(text), Tokens: out,
	})
}
