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
//
// A transformer is exported with GPT-style names (transformer.wte.weight,
// transformer.h.0.attn.q_proj.weight, ..., lm_head.weight unless the
// embeddings are tied; docs/export.md §2.2), its Linear weights transposed
// the same way, and its hyperparameters in the metadata. LoadInitialState
// reads such a file back as a job's initial state (fine-tuning).
package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gensyn-stack/gensyn/node/lm"
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

// Module returns the PyTorch expression of the spec's model: an MLP's
// nn.Sequential, or a transformer's GPT(...) with its hyperparameters
// (docs/export.md §2.2 gives the module that the names fit).
func Module(s *spec.Spec) string {
	if t := s.Model.Transformer; s.Model.IsTransformer() && t != nil {
		return fmt.Sprintf("GPT(vocab=%d, context=%d, width=%d, heads=%d, layers=%d, mlp_width=%d, norm=%s, norm_eps=%s, activation=%s, tied_embeddings=%v)",
			t.Vocab, t.Context, t.Width, t.Heads, t.Layers, t.MLPWidth, t.Norm, formatF32(t.NormEps), t.Activation, t.TiedEmbeddings)
	}
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

func formatF32(f float32) string { return strconv.FormatFloat(float64(f), 'g', -1, 32) }

// paramName is the PyTorch name of the RepOps parameter W<l> or b<l>.
func paramName(kind byte, l int) string {
	if kind == 'W' {
		return fmt.Sprintf("%d.weight", 2*(l-1))
	}
	return fmt.Sprintf("%d.bias", 2*(l-1))
}

// Param is one parameter tensor of an export: its index in the state, its
// RepOps and PyTorch names, and whether the export transposes it ([in,
// out] to [out, in]).
type Param struct {
	State     int
	RepOps    string
	Torch     string
	Transpose bool
}

// Params returns the spec's parameter tensors in state order (which is
// the export's order) with their PyTorch names.
func Params(s *spec.Spec) ([]Param, error) {
	names, _, err := StateLayout(s)
	if err != nil {
		return nil, err
	}
	var ps []Param
	if s.Model.IsTransformer() {
		c, _ := lm.Config(s) // StateLayout checked it
		for i := 0; i < lm.NumParams(c); i++ {
			torch, tr := lmTorchName(names[i])
			ps = append(ps, Param{State: i, RepOps: names[i], Torch: torch, Transpose: tr})
		}
		return ps, nil
	}
	for i := 0; i < 2*(len(s.Model.Layers)-1); i++ {
		kind := names[i][0] // 'W' or 'b', then the layer number
		l, _ := strconv.Atoi(names[i][1:])
		ps = append(ps, Param{State: i, RepOps: names[i], Torch: paramName(kind, l), Transpose: kind == 'W'})
	}
	return ps, nil
}

// lmTorchName maps a transformer parameter (repops.LMStateShapes' names) to
// its GPT-style PyTorch name (GPT-2's module tree with GPT-J's Linear
// projections; docs/export.md §2.2), and says whether it is transposed:
// every Linear weight is, the embeddings ([num_embeddings, width] in both)
// and the norm gains are not.
func lmTorchName(name string) (string, bool) {
	switch name {
	case "tok_emb":
		return "transformer.wte.weight", false
	case "pos_emb":
		return "transformer.wpe.weight", false
	case "norm_f":
		return "transformer.ln_f.weight", false
	case "lm_head":
		return "lm_head.weight", true
	}
	var l int
	var p string
	if n, _ := fmt.Sscanf(name, "l%d.%s", &l, &p); n != 2 {
		panic("export: unknown transformer parameter " + name)
	}
	h := fmt.Sprintf("transformer.h.%d.", l-1)
	switch p {
	case "norm1":
		return h + "ln_1.weight", false
	case "norm2":
		return h + "ln_2.weight", false
	case "wq":
		return h + "attn.q_proj.weight", true
	case "wk":
		return h + "attn.k_proj.weight", true
	case "wv":
		return h + "attn.v_proj.weight", true
	case "wo":
		return h + "attn.out_proj.weight", true
	case "w1":
		return h + "mlp.fc_in.weight", true
	case "w2":
		return h + "mlp.fc_out.weight", true
	}
	panic("export: unknown transformer parameter " + name)
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
	names, shapes, err := StateLayout(s)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(c.State) != len(names) || len(c.Names) != len(names) {
		return fmt.Errorf("export: checkpoint has %d tensors, %s has %d", len(c.State), modelFields(s), len(names))
	}
	for i, n := range names {
		if c.Names[i] != n {
			return fmt.Errorf("export: checkpoint tensor %d is %q, the spec's state has %q", i, c.Names[i], n)
		}
		if !slices.Equal(c.State[i].Shape, shapes[i]) {
			return fmt.Errorf("export: checkpoint tensor %q has shape %v, %s gives %v", n, c.State[i].Shape, shapeField(s, n), shapes[i])
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

// StateLayout returns the names and shapes of the spec's state tensors in
// state order (repops.StateShapes of an MLP, repops.LMStateShapes of a
// transformer).
func StateLayout(s *spec.Spec) ([]string, [][]int, error) {
	if s.Model.IsTransformer() {
		c, err := lm.Config(s)
		if err != nil {
			return nil, nil, err
		}
		return repops.LMStateShapes(c)
	}
	return repops.StateShapes(trainer.Config(s))
}

// modelFields names the spec fields that set the state's tensor count.
func modelFields(s *spec.Spec) string {
	if t := s.Model.Transformer; s.Model.IsTransformer() && t != nil {
		return fmt.Sprintf("model.layers %d with model.tied_embeddings %v", t.Layers, t.TiedEmbeddings)
	}
	return fmt.Sprintf("model.layers %v with optimizer.name %q", s.Model.Layers, s.Optimizer.Name)
}

// shapeField names the spec field that sets a state tensor's shape.
func shapeField(s *spec.Spec, name string) string {
	switch name {
	case "b1t", "b2t", "step":
		return "the optimizer state"
	}
	if !s.Model.IsTransformer() {
		return "model.layers"
	}
	name = strings.TrimPrefix(strings.TrimPrefix(name, "m."), "v.")
	if i := strings.IndexByte(name, '.'); i >= 0 && name[0] == 'l' {
		name = name[i+1:]
	}
	switch name {
	case "tok_emb":
		return "model.vocab x model.width"
	case "pos_emb":
		return "model.context x model.width"
	case "lm_head":
		return "model.width x model.vocab"
	case "w1":
		return "model.width x model.mlp_width"
	case "w2":
		return "model.mlp_width x model.width"
	}
	return "model.width"
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
	ps, err := Params(s)
	if err != nil {
		return nil, nil, fmt.Errorf("export: %w", err)
	}
	var out []safetensors.Tensor
	add := func(name string, t repops.Tensor, tr bool) {
		if tr {
			shape, data := transpose(t)
			out = append(out, safetensors.FromF32(name, shape, data))
		} else {
			out = append(out, safetensors.FromF32(name, t.Shape, t.Data))
		}
	}
	np := len(ps)
	for _, p := range ps {
		add(p.Torch, c.State[p.State], p.Transpose)
	}
	meta := map[string]string{
		MetaFormat:    "pt",
		MetaSpecHash:  c.SpecHash.String(),
		MetaStateRoot: c.StateRoot.String(),
		MetaStep:      strconv.FormatUint(c.Step, 10),
		MetaModule:    Module(s),
		MetaLayout:    "Linear weights [out_features, in_features] (RepOps [in, out], transposed)",
	}
	if t := s.Model.Transformer; s.Model.IsTransformer() && t != nil {
		meta[MetaLayout] = "Linear weights [out_features, in_features] (RepOps [in, out], transposed); embeddings [num_embeddings, width] and norm gains as stored"
		for k, v := range map[string]string{
			"kind": spec.ModelTransformer, "vocab": strconv.Itoa(t.Vocab), "context": strconv.Itoa(t.Context),
			"width": strconv.Itoa(t.Width), "heads": strconv.Itoa(t.Heads), "layers": strconv.Itoa(t.Layers),
			"mlp_width": strconv.Itoa(t.MLPWidth), "norm": t.Norm, "norm_eps": formatF32(t.NormEps),
			"activation": t.Activation, "tied_embeddings": strconv.FormatBool(t.TiedEmbeddings),
		} {
			meta[k] = v
		}
	}
	if opts.OptimizerState {
		meta[MetaOptimizer] = s.Optimizer.Name
		switch s.Optimizer.Name {
		case spec.OptimizerAdam, spec.OptimizerAdamW:
			for _, p := range ps {
				add("optimizer."+p.Torch+".exp_avg", c.State[np+p.State], p.Transpose)
			}
			for _, p := range ps {
				add("optimizer."+p.Torch+".exp_avg_sq", c.State[2*np+p.State], p.Transpose)
			}
			out = append(out,
				safetensors.FromF32("optimizer.beta1_power", []int{1}, c.State[3*np].Data),
				safetensors.FromF32("optimizer.beta2_power", []int{1}, c.State[3*np+1].Data))
		case spec.OptimizerSGD:
			for _, p := range ps {
				add("optimizer."+p.Torch+".momentum_buffer", c.State[np+p.State], p.Transpose)
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
