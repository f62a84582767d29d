package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/export"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "export a checkpoint as a safetensors file with PyTorch's tensor names",
		Description: "Reads a checkpoint file (written by `gensyn train --out DIR` or a worker, or the verified\n" +
			"final model `gensyn job fetch --out FILE` downloads), checks it against the job spec (spec\n" +
			"hash, tensor names and shapes, step), and writes its parameters as safetensors, named as\n" +
			"the PyTorch module nn.Sequential(Linear, ReLU, ..., Linear) names them: 0.weight [out, in],\n" +
			"0.bias, 2.weight, ... (RepOps' [in, out] weights are transposed); a transformer GPT-style:\n" +
			"transformer.wte.weight, transformer.h.0.attn.q_proj.weight, ..., lm_head.weight (absent when\n" +
			"tied), with its hyperparameters in the metadata. With --optimizer-state,\n" +
			"the optimizer's state too (optimizer.0.weight.exp_avg, ...). --checkpoint may be a\n" +
			"directory: its checkpoint of the highest step is exported. docs/export.md has the details.",
		Flags: []cli.Flag{
			specFlag("export"),
			&cli.StringFlag{Name: "checkpoint", Usage: "checkpoint `FILE`, or a checkpoint DIR (its latest checkpoint)", Required: true, EnvVars: envVars("export", "checkpoint")},
			&cli.StringFlag{Name: "out", Usage: "safetensors `FILE` to write (replaced atomically)", Required: true, EnvVars: envVars("export", "out")},
			&cli.BoolFlag{Name: "optimizer-state", Usage: "also export the optimizer's state (Adam moments and beta powers, SGD momentum)", EnvVars: envVars("export", "optimizer-state")},
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of text", EnvVars: envVars("export", "json")},
		},
		Action: runExport,
	}
}

// readCheckpointArg reads the checkpoint a --checkpoint flag names: a file,
// or a directory's latest. It returns the file's path too.
func readCheckpointArg(path string) (string, *trainer.Checkpoint, error) {
	if fi, err := os.Stat(path); err != nil {
		return "", nil, err
	} else if fi.IsDir() {
		if path, err = latestCheckpoint(path); err != nil {
			return "", nil, err
		}
	}
	ck, err := trainer.ReadCheckpoint(path)
	return path, ck, err
}

// latestCheckpoint returns the checkpoint file of the highest step in dir.
func latestCheckpoint(dir string) (string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "checkpoint-*.gck"))
	if err != nil {
		return "", err
	}
	if len(names) == 0 {
		return "", fmt.Errorf("%s: no checkpoint-*.gck file", dir)
	}
	sort.Strings(names) // the step is zero-padded: name order is step order
	return names[len(names)-1], nil
}

type exportTensor struct {
	Name  string `json:"name"`
	DType string `json:"dtype"`
	Shape []int  `json:"shape"`
}

type exportResult struct {
	Out        string         `json:"out"`
	Bytes      int64          `json:"bytes"`
	Checkpoint string         `json:"checkpoint"`
	Step       uint64         `json:"step"`
	SpecHash   string         `json:"spec_hash"`
	StateRoot  string         `json:"state_root"`
	Module     string         `json:"module"`
	Keccak256  string         `json:"keccak256"` // the file's: a fine-tuning job's init.weights
	Tensors    []exportTensor `json:"tensors"`
}

func runExport(c *cli.Context) error {
	s, err := spec.Load(c.String("spec"))
	if err != nil {
		return err
	}
	path, ck, err := readCheckpointArg(c.String("checkpoint"))
	if err != nil {
		return err
	}
	opts := export.Options{OptimizerState: c.Bool("optimizer-state")}
	ts, meta, err := export.Tensors(s, ck, opts)
	if err != nil {
		return fmt.Errorf("%s with %s: %w", path, c.String("spec"), err)
	}
	out := c.String("out")
	size, err := safetensors.WriteFile(out, ts, meta)
	if err != nil {
		return err
	}
	written, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	res := exportResult{Out: out, Bytes: size, Checkpoint: path, Step: ck.Step,
		SpecHash: ck.SpecHash.String(), StateRoot: ck.StateRoot.String(), Module: export.Module(s),
		Keccak256: commit.Keccak256(written).String()}
	params := 0
	for _, t := range ts {
		res.Tensors = append(res.Tensors, exportTensor{Name: t.Name, DType: t.DType, Shape: t.Shape})
		if !strings.HasPrefix(t.Name, "optimizer.") {
			params += len(t.Data) / 4
		}
	}
	w := c.App.Writer
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(res)
	}
	fmt.Fprintf(w, "exported %s (step %d, spec %s, state root %s)\n", path, ck.Step, res.SpecHash, res.StateRoot)
	fmt.Fprintf(w, "to %s: %d tensors, %d parameters, %d bytes; PyTorch module %s\n", out, len(ts), params, size, res.Module)
	fmt.Fprintf(w, "keccak256 %s (init.weights of a job that starts from this model)\n", res.Keccak256)
	width := 32
	for _, t := range res.Tensors {
		width = max(width, len(t.Name)+1)
	}
	for _, t := range res.Tensors {
		fmt.Fprintf(w, "  %-*s %s %v\n", width, t.Name, t.DType, t.Shape)
	}
	return nil
}
