// Package export writes a job's checkpoint as a safetensors file whose
// tensor names are those of the equivalent PyTorch module (docs/export.md).
//
// An MLP with layers [d0, d1, ..., dL] is the PyTorch module
//
//	nn.Sequential(nn.Linear(d0, d1), nn.ReLU(), ..., nn.Linear(d(L-1), dL))
//
// so its parameters are "0.weight", "0.bias", "2.weight", "2.bias", ...: the
// Linear layer l (1-based) is module 2(l-1). RepOps stores the weight W_l as
// [in, out] (the forward pass is x·W + b); PyTorch's Linear stores
// [out_features, in_features] (x·Wᵀ + b), so every weight, and every
// optimizer moment of a weight, is transposed on export. Biases are copied.
// Values are copied bit for bit: no rounding, NaN payloads and -0 kept.
package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// Options chooses what goes into an export.
type Options struct {
	// OptimizerState adds the optimizer's state: per parameter
	// "optimizer.<param>.exp_avg" and ".exp_avg_sq" (Adam) or
	// ".momentum_buffer" (SGD), and for Adam "optimizer.beta1_power" and
	// "optimizer.beta2_power" ([1], beta^t).
	OptimizerState bool
}

// Metadata keys of an export (besides "format", which is "pt").
const (
	MetaFormat    = "format"
	MetaSpecHash  = "spec_hash"
	MetaStateRoot = "state_root"
	MetaStep      = "step"
	MetaModule    = "module"
	MetaLayout    = "layout"
	MetaOptimizer = "optimizer"
)

// Module returns the PyTorch expression of the spec's model.
func Module(s *spec.Spec) string {
	var parts []string
	L := s.Model.Layers
	for l := 1; l < len(L); l++ {
		if l > 1 {
			parts = append(parts, "ReLU()")
		}
		parts = append(parts, fmt.Sprintf("Linear(%d, %d)", L[l-1], L[l]))
	}
	return "Sequential(" + strings.Join(parts, ", ") + ")"
}

// paramName is the PyTorch name of the RepOps parameter W<l> or b<l>.
func paramName(kind byte, l int) string {
	if kind == 'W' {
		return fmt.Sprintf("%d.weight", 2*(l-1))
	}
	return fmt.Sprintf("%d.bias", 2*(l-1))
}

// Check checks a checkpoint against a spec: the spec hash, the state
// tensors' names and shapes (each error names the spec field that sets the
// shape), the step and the step counter. The checkpoint's own structure,
// checksum and state root are checked by trainer.DecodeCheckpoint.
func Check(s *spec.Spec, c *trainer.Checkpoint) error {
	h, err := s.Hash()
	if err != nil {
		return err
	}
	if c.SpecHash != h {
		return fmt.Errorf("export: checkpoint is for spec %s, the spec given hashes to %s", c.SpecHash, h)
	}
	if s.Model.IsTransformer() {
		return fmt.Errorf("export: model.kind %q has no export yet", s.Model.Kind)
	}
	names, shapes, err := repops.StateShapes(trainer.Config(s))
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(c.State) != len(names) || len(c.Names) != len(names) {
		return fmt.Errorf("export: checkpoint has %d tensors, model.layers %v with optimizer.name %q has %d", len(c.State), s.Model.Layers, s.Optimizer.Name, len(names))
	}
	for i, n := range names {
		if c.Names[i] != n {
			return fmt.Errorf("export: checkpoint tensor %d is %q, the spec's state has %q", i, c.Names[i], n)
		}
		if !slices.Equal(c.State[i].Shape, shapes[i]) {
			return fmt.Errorf("export: checkpoint tensor %q has shape %v, %s gives %v", n, c.State[i].Shape, shapeField(n), shapes[i])
		}
	}
	if c.Step > uint64(s.Steps) {
		return fmt.Errorf("export: checkpoint step %d is past the spec's steps (%d)", c.Step, s.Steps)
	}
	if got := repops.StepCounter(c.State[len(c.State)-1]); uint64(got) != c.Step {
		return fmt.Errorf("export: checkpoint step %d, its step counter holds %d", c.Step, got)
	}
	return nil
}

// shapeField names the spec field that sets a state tensor's shape.
func shapeField(name string) string {
	switch name {
	case "b1t", "b2t", "step":
		return "the optimizer state"
	}
	return "model.layers"
}

// transpose returns the [n, m] transpose of the row-major [m, n] values.
func transpose(t repops.Tensor) ([]int, []float32) {
	m, n := t.Shape[0], t.Shape[1]
	out := make([]float32, len(t.Data))
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			out[j*m+i] = t.Data[i*n+j]
		}
	}
	return []int{n, m}, out
}

// Tensors checks the checkpoint against the spec (Check) and returns the
// export's tensors, in module order (then the optimizer state, if asked
// for), and its metadata.
func Tensors(s *spec.Spec, c *trainer.Checkpoint, opts Options) ([]safetensors.Tensor, map[string]string, error) {
	if err := Check(s, c); err != nil {
		return nil, nil, err
	}
	var out []safetensors.Tensor
	add := func(prefix, suffix string, t repops.Tensor, repopsName string) {
		kind := repopsName[0] // 'W' or 'b', then the layer number
		l, _ := strconv.Atoi(repopsName[1:])
		name := prefix + paramName(kind, l) + suffix
		if kind == 'W' {
			shape, data := transpose(t)
			out = append(out, safetensors.FromF32(name, shape, data))
		} else {
			out = append(out, safetensors.FromF32(name, t.Shape, t.Data))
		}
	}
	np := 2 * (len(s.Model.Layers) - 1)
	for i := 0; i < np; i++ {
		add("", "", c.State[i], c.Names[i])
	}
	meta := map[string]string{
		MetaFormat:    "pt",
		MetaSpecHash:  c.SpecHash.String(),
		MetaStateRoot: c.StateRoot.String(),
		MetaStep:      strconv.FormatUint(c.Step, 10),
		MetaModule:    Module(s),
		MetaLayout:    "Linear weights [out_features, in_features] (RepOps [in, out], transposed)",
	}
	if opts.OptimizerState {
		meta[MetaOptimizer] = s.Optimizer.Name
		switch s.Optimizer.Name {
		case spec.OptimizerAdam:
			for i := 0; i < np; i++ {
				add("optimizer.", ".exp_avg", c.State[np+i], c.Names[i])
			}
			for i := 0; i < np; i++ {
				add("optimizer.", ".exp_avg_sq", c.State[2*np+i], c.Names[i])
			}
			out = append(out,
				safetensors.FromF32("optimizer.beta1_power", []int{1}, c.State[3*np].Data),
				safetensors.FromF32("optimizer.beta2_power", []int{1}, c.State[3*np+1].Data))
		case spec.OptimizerSGD:
			for i := 0; i < np; i++ {
				add("optimizer.", ".momentum_buffer", c.State[np+i], c.Names[i])
			}
		default:
			return nil, nil, fmt.Errorf("export: optimizer.name %q has no export", s.Optimizer.Name)
		}
	}
	return out, meta, nil
}

// Write writes the export of a checkpoint to w.
func Write(w io.Writer, s *spec.Spec, c *trainer.Checkpoint, opts Options) error {
	ts, meta, err := Tensors(s, c, opts)
	if err != nil {
		return err
	}
	return safetensors.Write(w, ts, meta)
}

// WriteFile writes the export to path atomically (safetensors.WriteFile):
// a failure leaves no partial file under path. It returns the file's size.
func WriteFile(path string, s *spec.Spec, c *trainer.Checkpoint, opts Options) (int64, error) {
	ts, meta, err := Tensors(s, c, opts)
	if err != nil {
		return 0, err
	}
	return safetensors.WriteFile(path, ts, meta)
}
