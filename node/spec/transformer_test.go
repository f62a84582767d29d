package spec

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
)

const validLM = `{
  "version": 1,
  "model": {
    "kind": "transformer", "vocab": 256, "context": 64, "width": 128, "heads": 4,
    "layers": 4, "mlp_width": 512, "norm": "rmsnorm", "norm_eps": 1e-5,
    "activation": "silu", "tied_embeddings": true
  },
  "dataset": {
    "hash": "0x00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff",
    "format": "bytes", "tokens": 1000000,
    "holdout": {"rule": "last", "count": 50000}
  },
  "loss": "softmax_cross_entropy",
  "optimizer": {"name": "adamw", "lr": 3e-3, "beta1": 0.9, "beta2": 0.95, "eps": 1e-8,
    "weight_decay": 0.1, "warmup_steps": 100, "grad_clip": 1.0},
  "batch_size": 16,
  "seed": 7,
  "steps": 2000,
  "checkpoint_interval": 100
}`

const canonicalLM = `{"batch_size":16,"checkpoint_interval":100,"dataset":{"format":"bytes","hash":"0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff","holdout":{"count":50000,"rule":"last"},"tokens":1000000},"loss":"softmax_cross_entropy","model":{"activation":"silu","context":64,"heads":4,"kind":"transformer","layers":4,"mlp_width":512,"norm":"rmsnorm","norm_eps":1e-05,"tied_embeddings":true,"vocab":256,"width":128},"optimizer":{"beta1":0.9,"beta2":0.95,"eps":1e-08,"grad_clip":1,"lr":0.003,"name":"adamw","warmup_steps":100,"weight_decay":0.1},"seed":7,"steps":2000,"version":1}`

func TestParseTransformer(t *testing.T) {
	s, err := Parse([]byte(validLM))
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model.Transformer
	if s.Model.Kind != ModelTransformer || !s.Model.IsTransformer() || m == nil || s.Model.Layers != nil || s.Model.Activation != "" {
		t.Fatalf("model %+v", s.Model)
	}
	want := TransformerModel{Vocab: 256, Context: 64, Width: 128, Heads: 4, Layers: 4, MLPWidth: 512,
		Norm: NormRMSNorm, NormEps: 1e-5, Activation: ActivationSiLU, TiedEmbeddings: true}
	if *m != want || m.HeadWidth() != 32 || s.TrainWindows() != 1000000-50000-64 {
		t.Fatalf("transformer %+v", *m)
	}
	o := s.Optimizer
	if o.Name != OptimizerAdamW || o.LR != float32(3e-3) || o.Beta2 != float32(0.95) || o.WeightDecay != float32(0.1) || o.WarmupSteps != 100 || o.GradClip != 1 {
		t.Fatalf("optimizer %+v", o)
	}
	d := s.Dataset
	if d.Format != FormatBytes || d.Tokens != 1000000 || d.Len() != 1000000 || d.Rows != 0 || d.Holdout.Count != 50000 || s.Init != nil {
		t.Fatalf("dataset %+v", d)
	}
	c, err := s.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if string(c) != canonicalLM {
		t.Fatalf("canonical:\n%s\nwant\n%s", c, canonicalLM)
	}
	s2, err := Parse(c)
	if err != nil {
		t.Fatal(err)
	}
	if c2, _ := s2.Canonical(); !bytes.Equal(c, c2) {
		t.Fatal("canonical form is not a fixed point")
	}
	h, _ := s.Hash()
	if h != commit.Keccak256([]byte(canonicalLM)) {
		t.Fatal("hash is not keccak256 of the canonical form")
	}
	// Every field is part of the content address.
	for _, mut := range []func(*Spec){
		func(s *Spec) { s.Model.Transformer.TiedEmbeddings = false },
		func(s *Spec) { s.Model.Transformer.Heads = 8 },
		func(s *Spec) { s.Model.Transformer.NormEps = 1e-6 },
		func(s *Spec) { s.Optimizer.WarmupSteps = 0 },
		func(s *Spec) { s.Optimizer.WeightDecay = 0 },
		func(s *Spec) { s.Optimizer.GradClip = 0.5 },
		func(s *Spec) { s.Dataset.Holdout.Count = 50001 },
		func(s *Spec) { s.Init = &Init{Weights: commit.Keccak256([]byte("w"))} },
	} {
		s3, _ := Parse(c)
		mut(s3)
		h3, err := s3.Hash()
		if err != nil {
			t.Fatal(err)
		}
		if h3 == h {
			t.Fatalf("hash unchanged by a field change: %+v", s3)
		}
	}
	// An untied model and the minimum split.
	in := strings.Replace(validLM, `"tied_embeddings": true`, `"tied_embeddings": false`, 1)
	in = strings.Replace(in, `"count": 50000`, `"count": 65`, 1)
	if s, err := Parse([]byte(in)); err != nil || s.Model.Transformer.TiedEmbeddings || s.Dataset.Holdout.Count != 65 {
		t.Fatalf("untied: %v", err)
	}
}

func TestParseInit(t *testing.T) {
	const w = "0xabababababababababababababababababababababababababababababababab"
	for _, base := range []string{validLM, validAdam} {
		in := strings.Replace(base, `"loss":`, `"init": {"weights": "`+strings.ToUpper(w[2:4])+w[4:]+`"}, "loss":`, 1)
		in = strings.Replace(in, `"weights": "`, `"weights": "0x`, 1)
		s, err := Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if s.Init == nil || s.Init.Weights.String() != w {
			t.Fatalf("init %+v", s.Init)
		}
		c, _ := s.Canonical()
		if !strings.Contains(string(c), `,"init":{"weights":"`+w+`"},"loss":`) {
			t.Fatalf("canonical %s", c)
		}
		s2, err := Parse(c)
		if err != nil || *s2.Init != *s.Init {
			t.Fatalf("round trip: %v", err)
		}
	}
}

// TestMLPKind: "kind": "mlp" is the MLP of a spec without kind (same
// canonical bytes), and a Spec built in code may leave Kind empty.
func TestMLPKind(t *testing.T) {
	s, err := Parse([]byte(strings.Replace(validAdam, `"model": {`, `"model": {"kind": "mlp", `, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Model.Kind != ModelMLP || s.Model.IsTransformer() {
		t.Fatalf("kind %q", s.Model.Kind)
	}
	if c, _ := s.Canonical(); string(c) != canonicalAdam {
		t.Fatalf("canonical %s", c)
	}
	s.Model.Kind = ""
	if c, err := s.Canonical(); err != nil || string(c) != canonicalAdam {
		t.Fatalf("kind \"\": %v", err)
	}
	if s.TrainWindows() != 0 {
		t.Fatal("an MLP has windows")
	}
}

func TestParseTransformerErrors(t *testing.T) {
	rep := func(old, new string) string {
		if !strings.Contains(validLM, old) {
			t.Fatalf("test bug: %q not in spec", old)
		}
		return strings.Replace(validLM, old, new, 1)
	}
	mlp := func(old, new string) string {
		if !strings.Contains(validAdam, old) {
			t.Fatalf("test bug: %q not in spec", old)
		}
		return strings.Replace(validAdam, old, new, 1)
	}
	cases := []struct{ in, want string }{
		{rep(`"kind": "transformer"`, `"kind": "rnn"`), `spec: model.kind: must be "mlp" or "transformer", got "rnn"`},
		{rep(`"heads": 4`, `"heads": 3`), "spec: model.heads: must divide model.width (128)"},
		{rep(`"heads": 4`, `"heads": 0`), "spec: model.heads: must be in [1, 4096], got 0"},
		{rep(`"layers": 4`, `"layers": 65`), "spec: model.layers: must be in [1, 64], got 65"},
		{rep(`"layers": 4`, `"layers": [4]`), "spec: model.layers: must be a number, got an array"},
		{rep(`"vocab": 256`, `"vocab": 1`), "spec: model.vocab: must be in [2, 65536], got 1"},
		{rep(`"vocab": 256`, `"vocab": 512`), `spec: model.vocab: must be 256 with dataset.format "bytes"`},
		{rep(`"context": 64`, `"context": 4097`), "spec: model.context: must be in [1, 4096], got 4097"},
		{rep(`"width": 128`, `"width": 4097`), "spec: model.width: must be in [1, 4096], got 4097"},
		{rep(`"mlp_width": 512`, `"mlp_width": 0`), "spec: model.mlp_width: must be in [1, 16384], got 0"},
		{rep(`"norm": "rmsnorm"`, `"norm": "layernorm"`), `spec: model.norm: must be "rmsnorm", got "layernorm"`},
		{rep(`"norm_eps": 1e-5`, `"norm_eps": 0`), "spec: model.norm_eps: must be > 0"},
		{rep(`"activation": "silu"`, `"activation": "relu"`), `spec: model.activation: must be "silu", got "relu"`},
		{rep(`"tied_embeddings": true`, `"tied_embeddings": 1`), "spec: model.tied_embeddings: must be a boolean, got a number"},
		{rep(`, "tied_embeddings": true`, ``), "spec: model.tied_embeddings: is required"},
		{rep(`"format": "bytes"`, `"format": "digits-csv"`), `spec: dataset.format: must be "bytes", got "digits-csv"`},
		{rep(`"tokens": 1000000`, `"tokens": 1000000, "rows": 5`), "spec: dataset.rows: not allowed here"},
		{rep(`"tokens": 1000000`, `"tokens": 16777217`), "spec: dataset.tokens: must be in [2, 16777216], got 16777217"},
		{rep(`"tokens": 1000000`, `"tokens": 129`), "spec: dataset.holdout.count: must be in [1, 128], got 50000"},
		{rep(`"rule": "last", "count": 50000`, `"rule": "every", "k": 5`), `spec: dataset.holdout.rule: must be "last", got "every"`},
		{rep(`"count": 50000`, `"count": 64`), "spec: dataset.holdout.count: must be in [65, 999935] (each split holds model.context+1 tokens or more)"},
		{rep(`"count": 50000`, `"count": 999936`), "spec: dataset.holdout.count: must be in [65, 999935] (each split holds model.context+1 tokens or more)"},
		{strings.Replace(rep(`"tokens": 1000000`, `"tokens": 129`), `"count": 50000`, `"count": 65`, 1), "spec: dataset.tokens: must be at least 2 x (model.context+1) = 130 (one window in each split)"},
		{rep(`"name": "adamw"`, `"name": "adam"`), `spec: optimizer.name: must be "adamw", got "adam"`},
		{rep(`"weight_decay": 0.1`, `"weight_decay": 1`), "spec: optimizer.weight_decay: must be in [0, 1)"},
		{rep(`"weight_decay": 0.1`, `"weight_decay": -0`), "spec: optimizer.weight_decay: must not be negative"},
		{rep(`"grad_clip": 1.0`, `"grad_clip": 0`), "spec: optimizer.grad_clip: must be > 0"},
		{rep(`, "grad_clip": 1.0`, ``), "spec: optimizer.grad_clip: is required"},
		{rep(`"warmup_steps": 100`, `"warmup_steps": 2000`), "spec: optimizer.warmup_steps: must be in [0, 1999] (below steps)"},
		{rep(`"warmup_steps": 100`, `"warmup_steps": 1.5`), "spec: optimizer.warmup_steps: must be a non-negative integer without fraction or exponent, got 1.5"},
		{rep(`"eps": 1e-8`, `"eps": 1e-8, "momentum": 0.9`), "spec: optimizer.momentum: not allowed here"},
		{rep(`"batch_size": 16`, `"batch_size": 949937`), "spec: batch_size: must be in [1, 65536], got 949937"},
		{strings.NewReplacer(`"tokens": 1000000`, `"tokens": 1000`, `"count": 50000`, `"count": 500`, `"batch_size": 16`, `"batch_size": 437`).Replace(validLM), "spec: batch_size: must be in [1, 436] (the training windows)"},
		{rep(`"batch_size": 16`, `"batch_size": 16385`), "spec: batch_size: batch_size x model.context = 1048640 tokens per step, more than 1048576"},
		{rep(`"loss":`, `"init": {"weights": "0x00"}, "loss":`), "spec: init.weights: hash must have 64 hex digits, got 2"},
		{rep(`"loss":`, `"init": {"weights": "0x`+strings.Repeat("0", 64)+`"}, "loss":`), "spec: init.weights: must not be the zero hash"},
		{rep(`"loss":`, `"init": {}, "loss":`), "spec: init.weights: is required"},
		{rep(`"loss":`, `"init": {"weights": "0x`+strings.Repeat("1", 64)+`", "x": 1}, "loss":`), "spec: init.x: unknown field"},
		{rep(`"loss":`, `"init": null, "loss":`), "spec: init: must be an object, got null"},
		// MLP specs refuse the transformer's fields and formats.
		{mlp(`"activation": "relu"`, `"activation": "relu", "heads": 2`), "spec: model.heads: not allowed here"},
		{mlp(`"format": "digits-csv"`, `"format": "bytes"`), `spec: dataset.format: must be "digits-csv" or "f32-matrix", got "bytes"`},
		{mlp(`"classes": 10`, `"classes": 10, "tokens": 3`), "spec: dataset.tokens: not allowed here"},
		{mlp(`"name": "adam"`, `"name": "adamw"`), `spec: optimizer.name: must be "sgd" or "adam", got "adamw"`},
		{mlp(`"eps": 1e-8`, `"eps": 1e-8, "grad_clip": 1`), "spec: optimizer.grad_clip: not allowed here"},
		{mlp(`"model": {`, `"model": {"kind": "transformer", `), "spec: model.vocab: is required"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.in))
		if err == nil {
			t.Errorf("accepted; want %q", c.want)
			continue
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("error %v is not *spec.Error", err)
		}
		if err.Error() != c.want {
			t.Errorf("error %q\n         want %q", err.Error(), c.want)
		}
	}
}

// TestValidateTransformerInCode: a Spec built in code is held to the same
// rules, including the ones tying the model kind, the dataset format and
// the optimizer together.
func TestValidateTransformerInCode(t *testing.T) {
	cases := []struct {
		mut  func(*Spec)
		want string
	}{
		{func(s *Spec) { s.Model.Transformer = nil }, `spec: model: kind "transformer" needs its fields`},
		{func(s *Spec) { s.Model.Layers = []int{1, 2} }, `spec: model: MLP fields are not allowed with kind "transformer"`},
		{func(s *Spec) { s.Model.Kind = ModelMLP }, `spec: model: transformer fields are not allowed with kind "mlp"`},
		{func(s *Spec) { s.Model.Kind = "cnn" }, `spec: model.kind: must be "mlp" or "transformer"`},
		{func(s *Spec) { s.Dataset.Format = FormatF32Matrix }, `spec: dataset.format: must be "bytes" for a transformer`},
		{func(s *Spec) { s.Dataset.Rows = 3 }, `spec: dataset: rows, features and classes are not allowed with format "bytes"`},
		{func(s *Spec) { s.Dataset.Holdout = Holdout{Rule: HoldoutEvery, K: 2} }, `spec: dataset.holdout.rule: must be "last" for a token stream`},
		{func(s *Spec) {
			s.Optimizer.Name = OptimizerAdam
			s.Optimizer.GradClip = 0
			s.Optimizer.WeightDecay = 0
			s.Optimizer.WarmupSteps = 0
		}, `spec: optimizer.name: must be "adamw" for a transformer`},
		{func(s *Spec) { s.Optimizer.Name = OptimizerAdam }, `spec: optimizer: weight_decay, warmup_steps and grad_clip are only allowed with "adamw"`},
		{func(s *Spec) { s.Model.Transformer.NormEps = float32(math.Inf(-1)) }, `spec: model.norm_eps: must be finite`},
	}
	for _, c := range cases {
		s, err := Parse([]byte(validLM))
		if err != nil {
			t.Fatal(err)
		}
		c.mut(s)
		if err := s.Validate(); err == nil || err.Error() != c.want {
			t.Errorf("error %v, want %q", err, c.want)
		}
		if _, err := s.Canonical(); err == nil {
			t.Errorf("invalid spec has a canonical form (%s)", c.want)
		}
	}
	// An MLP built in code cannot use adamw or a bytes dataset.
	s, _ := Parse([]byte(validAdam))
	s.Optimizer.Name = OptimizerAdamW
	s.Optimizer.GradClip = 1
	if err := s.Validate(); err == nil || err.Error() != `spec: optimizer.name: "adamw" is for a transformer only` {
		t.Errorf("mlp with adamw: %v", err)
	}
	s, _ = Parse([]byte(validAdam))
	s.Dataset.Format = FormatBytes
	if err := s.Validate(); err == nil || err.Error() != `spec: dataset.format: must be "digits-csv" or "f32-matrix"` {
		t.Errorf("mlp with bytes: %v", err)
	}
}
