package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// specFlag and dataFlag are the --spec and --data flags of train and trace.
func specFlag(command string) *cli.StringFlag {
	return &cli.StringFlag{Name: "spec", Usage: "job spec `FILE` (JSON, docs/jobspec.md)", Required: true, EnvVars: envVars(command, "spec")}
}

func dataFlag(command string) *cli.StringFlag {
	return &cli.StringFlag{Name: "data", Usage: "dataset `FILE` (default: the file under ./data, <spec dir>/data or <spec dir>/../data whose keccak256 is the spec's dataset.hash)", EnvVars: envVars(command, "data")}
}

// initFlag is the --init flag of train, trace and job submit.
func initFlag(command string) *cli.StringFlag {
	return &cli.StringFlag{Name: "init", Usage: "initial weights `FILE` of a spec with init.weights (a safetensors file, e.g. gensyn export of another job's model; default: the file under ./data, <spec dir>/data or <spec dir>/../data whose keccak256 is the spec's init.weights)", EnvVars: envVars(command, "init")}
}

// initialWeightsPath is the initial-weights file of a spec with
// init.weights: --init, or the file found by its hash; "" for a spec
// without init.weights (then --init is an error).
func initialWeightsPath(c *cli.Context, s *spec.Spec) (string, error) {
	path := c.String("init")
	if s.Init == nil {
		if path != "" {
			return "", fmt.Errorf("--init %s: %s has no init.weights", path, c.String("spec"))
		}
		return "", nil
	}
	if path == "" {
		var err error
		if path, err = findByHash(c.String("spec"), s.Init.Weights, "init.weights", "--init"); err != nil {
			return "", err
		}
	}
	return path, nil
}

// withInitialWeights returns opts with the state at step 0 streamed from
// the initial-weights file of a spec with init.weights (checked against the
// spec and its hash as it is read; the file's bytes are never held); opts
// as they are for a spec without init.weights.
func withInitialWeights(c *cli.Context, s *spec.Spec, opts trainer.Options) (trainer.Options, error) {
	path, err := initialWeightsPath(c, s)
	if err != nil || path == "" {
		return opts, err
	}
	f, err := os.Open(path)
	if err != nil {
		return opts, err
	}
	defer f.Close()
	if opts, err = jobclient.WithInitialWeightsFrom(s, f, opts); err != nil {
		return opts, fmt.Errorf("%s: %w", path, err)
	}
	return opts, nil
}

func trainCommand() *cli.Command {
	return &cli.Command{
		Name:  "train",
		Usage: "train a job spec locally with RepOps, without a chain; print every checkpoint's state root",
		Description: "At every checkpoint (each checkpoint_interval steps) prints the step, the last batch loss,\n" +
			"the held-out accuracy and the state root; with --out, also writes the checkpoint file\n" +
			"(docs/checkpoints.md). With --json, prints one JSON object per line: {\"event\":\"start\",...},\n" +
			"then {\"event\":\"checkpoint\",...} per checkpoint, then {\"event\":\"done\",...}.",
		Flags: []cli.Flag{
			specFlag("train"),
			dataFlag("train"),
			initFlag("train"),
			&cli.Uint64Flag{Name: "steps", Usage: "stop after `N` steps (default: the spec's steps)", EnvVars: envVars("train", "steps")},
			&cli.StringFlag{Name: "out", Usage: "write checkpoint files into `DIR`", EnvVars: envVars("train", "out")},
			&cli.BoolFlag{Name: "json", Usage: "print JSON lines instead of text", EnvVars: envVars("train", "json")},
			&cli.DurationFlag{Name: "progress-interval", Value: 2 * time.Second, Usage: "between checkpoints, print a progress line (step, steps/s, ETA, loss) this often when stderr is not a terminal (on a terminal: a progress bar on stderr); 0: none", EnvVars: envVars("train", "progress-interval")},
		},
		Action: runTrain,
	}
}

// loadJob reads the spec and its dataset and builds the trainer.
func loadJob(c *cli.Context, opts trainer.Options) (*trainer.Trainer, error) {
	s, err := spec.Load(c.String("spec"))
	if err != nil {
		return nil, err
	}
	dataPath := c.String("data")
	if dataPath == "" {
		if dataPath, err = findDataset(c.String("spec"), s.Dataset.Hash); err != nil {
			return nil, err
		}
	}
	d, err := dataset.Load(dataPath, s.Dataset.Format)
	if err != nil {
		return nil, err
	}
	if opts, err = withInitialWeights(c, s, opts); err != nil {
		return nil, err
	}
	tr, err := trainer.New(s, d, opts)
	if err != nil {
		return nil, fmt.Errorf("%s with %s: %w", c.String("spec"), dataPath, err)
	}
	return tr, nil
}

// findDataset looks for the file whose keccak256 is want in ./data,
// <spec dir>/data and <spec dir>/../data.
func findDataset(specPath string, want commit.Hash) (string, error) {
	return findByHash(specPath, want, "dataset.hash", "--data")
}

// findByHash looks for the file whose keccak256 is want (the spec's field)
// in ./data, <spec dir>/data and <spec dir>/../data.
func findByHash(specPath string, want commit.Hash, field, flag string) (string, error) {
	dirs := []string{"data", filepath.Join(filepath.Dir(specPath), "data"), filepath.Join(filepath.Dir(specPath), "..", "data")}
	seen := map[string]bool{}
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil || seen[abs] {
			continue
		}
		seen[abs] = true
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if !e.Type().IsRegular() {
				continue
			}
			p := filepath.Join(dir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			if commit.Keccak256(b) == want {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%s: no file with %s %s under ./data, %s or %s; pass %s", specPath, field, want, dirs[1], dirs[2], flag)
}

type trainEvent struct {
	Event            string   `json:"event"`
	Spec             string   `json:"spec,omitempty"`
	SpecHash         string   `json:"specHash,omitempty"`
	GraphRoot        string   `json:"graphRoot,omitempty"`
	InitialStateRoot string   `json:"initialStateRoot,omitempty"`
	DataRoot         string   `json:"dataRoot,omitempty"`
	Step             *uint64  `json:"step,omitempty"`
	Loss             *float32 `json:"loss,omitempty"`
	LossBits         string   `json:"lossBits,omitempty"`
	Accuracy         *float64 `json:"accuracy,omitempty"`
	EvalLoss         *float32 `json:"evalLoss,omitempty"`
	BitsPerByte      *float64 `json:"bitsPerByte,omitempty"` // a transformer's held-out loss in bits per byte
	StateRoot        string   `json:"stateRoot,omitempty"`
	Checkpoint       string   `json:"checkpoint,omitempty"`
	CheckpointsRoot  string   `json:"checkpointsRoot,omitempty"`
	Seconds          *float64 `json:"seconds,omitempty"`
	StepsPerSecond   *float64 `json:"stepsPerSecond,omitempty"`
}

func runTrain(c *cli.Context) error {
	if c.Duration("progress-interval") < 0 {
		return fmt.Errorf("--progress-interval %s: must not be negative", c.Duration("progress-interval"))
	}
	// The progress display is built once the run's length is known; the
	// trainer calls it after every step.
	var prog *trainProgress
	tr, err := loadJob(c, trainer.Options{CheckpointDir: c.String("out"), OnStep: func(step uint64, loss float32) {
		if prog != nil {
			prog.step(step, loss)
		}
	}})
	if err != nil {
		return err
	}
	s := tr.Spec()
	to := c.Uint64("steps")
	if c.IsSet("steps") && (to == 0 || to > uint64(s.Steps)) {
		return fmt.Errorf("--steps %d: must be in 1..%d (the spec's steps)", to, s.Steps)
	}
	if to == 0 {
		to = uint64(s.Steps)
	}
	prog = newTrainProgress(c.App.Writer, c.App.ErrWriter, c.Bool("json"), 0, to, c.Duration("progress-interval"))
	init, err := tr.InitialStateRoot()
	if err != nil {
		return err
	}
	dataRoot, err := tr.DataRoot()
	if err != nil {
		return err
	}
	w := c.App.Writer
	asJSON := c.Bool("json")
	emit := func(e trainEvent) error {
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	if asJSON {
		err = emit(trainEvent{Event: "start", Spec: c.String("spec"), SpecHash: tr.SpecHash().String(),
			GraphRoot: tr.GraphRoot().String(), InitialStateRoot: init.String(), DataRoot: dataRoot.String()})
	} else {
		_, err = fmt.Fprintf(w, "spec %s\n  spec hash          %s\n  graph root         %s (%d nodes)\n  data root          %s\n  initial state root %s\n",
			c.String("spec"), tr.SpecHash(), tr.GraphRoot(), len(tr.Graph().Nodes), dataRoot, init)
	}
	if err != nil {
		return err
	}
	var roots []commit.Hash
	start := time.Now()
	final, err := tr.Run(c.Context, nil, to, func(p trainer.Progress) error {
		prog.clear()
		roots = append(roots, p.StateRoot)
		if asJSON {
			step, loss, acc, el := p.Step, p.Loss, p.Accuracy, p.EvalLoss
			ev := trainEvent{Event: "checkpoint", Step: &step, Loss: &loss,
				LossBits: fmt.Sprintf("0x%08x", math.Float32bits(loss)), Accuracy: &acc, EvalLoss: &el,
				StateRoot: p.StateRoot.String(), Checkpoint: p.Path}
			if bpb := p.EvalBitsPerByte; bpb > 0 {
				ev.BitsPerByte = &bpb
			}
			return emit(ev)
		}
		return printProgress(w, p)
	})
	prog.clear()
	if err != nil {
		if errors.Is(err, c.Context.Err()) && final != nil {
			return fmt.Errorf("interrupted at step %d: %w", final.Step, err)
		}
		return err
	}
	secs := time.Since(start).Seconds()
	sps := float64(final.Step) / secs
	var cpRoot string
	if len(roots) == s.Checkpoints() {
		cpRoot = commit.CheckpointsRoot(roots).String()
	}
	if asJSON {
		step := final.Step
		return emit(trainEvent{Event: "done", Step: &step, CheckpointsRoot: cpRoot, Seconds: &secs, StepsPerSecond: &sps})
	}
	if cpRoot != "" {
		_, err = fmt.Fprintf(w, "done: %d steps in %.2fs (%.0f steps/s), checkpoints root %s\n", final.Step, secs, sps, cpRoot)
	} else {
		_, err = fmt.Fprintf(w, "stopped at step %d of %d after %.2fs (%.0f steps/s); no checkpoints root before the last step\n", final.Step, s.Steps, secs, sps)
	}
	return err
}

func printProgress(w io.Writer, p trainer.Progress) error {
	var err error
	if p.EvalBitsPerByte > 0 { // a transformer: held-out bits per byte and next-byte accuracy
		_, err = fmt.Fprintf(w, "step %6d  loss %.4f  held-out %.3f bits/byte  accuracy %6.2f%%  state root %s\n", p.Step, p.Loss, p.EvalBitsPerByte, 100*p.Accuracy, p.StateRoot)
	} else {
		_, err = fmt.Fprintf(w, "step %6d  loss %.4f  accuracy %6.2f%%  state root %s\n", p.Step, p.Loss, 100*p.Accuracy, p.StateRoot)
	}
	if err == nil && p.Path != "" {
		_, err = fmt.Fprintf(w, "             checkpoint %s\n", p.Path)
	}
	return err
}
