package spec

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

const validAdam = `{
  "version": 1,
  "model": {"layers": [64, 32, 10], "activation": "relu"},
  "dataset": {
    "hash": "0x00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff",
    "format": "digits-csv", "rows": 1797, "features": 64, "classes": 10,
    "holdout": {"rule": "last", "count": 297}
  },
  "loss": "softmax_cross_entropy",
  "optimizer": {"name": "adam", "lr": 0.0010, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
  "batch_size": 32,
  "seed": 18446744073709551615,
  "steps": 600,
  "checkpoint_interval": 100
}`

const canonicalAdam = `{"batch_size":32,"checkpoint_interval":100,"dataset":{"classes":10,"features":64,"format":"digits-csv","hash":"0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff","holdout":{"count":297,"rule":"last"},"rows":1797},"loss":"softmax_cross_entropy","model":{"activation":"relu","layers":[64,32,10]},"optimizer":{"beta1":0.9,"beta2":0.999,"eps":1e-08,"lr":0.001,"name":"adam"},"seed":18446744073709551615,"steps":600,"version":1}`

func TestParseValidAndCanonical(t *testing.T) {
	s, err := Parse([]byte(validAdam))
	if err != nil {
		t.Fatal(err)
	}
	if s.Seed != math.MaxUint64 || s.Optimizer.LR != float32(0.001) || s.Optimizer.Eps != float32(1e-8) {
		t.Fatalf("parsed %+v", s)
	}
	c, err := s.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	if string(c) != canonicalAdam {
		t.Fatalf("canonical:\n%s\nwant\n%s", c, canonicalAdam)
	}
	s2, err := Parse(c)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := s2.Canonical()
	if !bytes.Equal(c, c2) {
		t.Fatal("canonical form is not a fixed point")
	}
	h1, _ := s.Hash()
	h2, _ := s2.Hash()
	if h1 != h2 {
		t.Fatal("hash differs between equivalent specs")
	}
	s2.Seed--
	if h3, _ := s2.Hash(); h3 == h1 {
		t.Fatal("hash does not change with the seed")
	}
}

func TestParseSGDEvery(t *testing.T) {
	in := strings.Replace(validAdam, `{"name": "adam", "lr": 0.0010, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}`, `{"name":"sgd","lr":0.1,"momentum":0.9}`, 1)
	in = strings.Replace(in, `{"rule": "last", "count": 297}`, `{"rule":"every","k":6}`, 1)
	s, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Canonical()
	if !strings.Contains(string(c), `"optimizer":{"lr":0.1,"momentum":0.9,"name":"sgd"}`) || !strings.Contains(string(c), `"holdout":{"k":6,"rule":"every"}`) {
		t.Fatalf("canonical %s", c)
	}
	train, hold := s.Dataset.Holdout.Split(s.Dataset.Rows)
	if len(hold) != 1797/6 || len(train)+len(hold) != 1797 || hold[0] != 5 {
		t.Fatalf("split: %d train, %d held out, first %d", len(train), len(hold), hold[0])
	}
}

func TestFloat32Rounding(t *testing.T) {
	// 0.1 is not a float32; it rounds to nearest even: 0x3dcccccd.
	for lit, bits := range map[string]uint32{
		"0.1":        0x3dcccccd,
		"1e-8":       0x322bcc77,
		"0.999":      0x3f7fbe77,
		"16777217":   0x4b800000, // tie between 2^24 and 2^24+2 goes to even
		"1.00000006": 0x3f800001,
		"1e-46":      0x00000000, // underflow to +0
	} {
		f, err := ParseFloat32(lit)
		if err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		if math.Float32bits(f) != bits {
			t.Errorf("%s -> %#08x, want %#08x", lit, math.Float32bits(f), bits)
		}
	}
	if _, err := ParseFloat32("1e39"); err == nil {
		t.Error("overflow accepted")
	}
}

func TestParseErrors(t *testing.T) {
	rep := func(old, new string) string {
		if !strings.Contains(validAdam, old) {
			t.Fatalf("test bug: %q not in spec", old)
		}
		return strings.Replace(validAdam, old, new, 1)
	}
	cases := []struct{ in, want string }{
		{rep(`"lr": 0.0010`, `"lr": 0`), "spec: optimizer.lr: must be > 0"},
		{rep(`"lr": 0.0010`, `"lr": -1`), "spec: optimizer.lr: must not be negative"},
		{rep(`"lr": 0.0010`, `"lr": 1e40`), "spec: optimizer.lr: is not a float32 number: 1e40"},
		{rep(`"lr": 0.0010`, `"lr": "0.1"`), "spec: optimizer.lr: must be a number, got a string"},
		{rep(`"beta1": 0.9`, `"beta1": 1`), "spec: optimizer.beta1: must be in [0, 1)"},
		{rep(`"beta1": 0.9, `, ``), "spec: optimizer.beta1: is required"},
		{rep(`"eps": 1e-8`, `"eps": 1e-8, "momentum": 0.9`), "spec: optimizer.momentum: not allowed here"},
		{rep(`"version": 1`, `"version": 2`), "spec: version: must be in [1, 1], got 2"},
		{rep(`"steps": 600`, `"steps": 650`), "spec: checkpoint_interval: must divide steps (650)"},
		{rep(`"steps": 600`, `"steps": 6e2`), "spec: steps: must be a non-negative integer without fraction or exponent, got 6e2"},
		{rep(`"steps": 600`, `"steps": 600, "extra": 1`), "spec: extra: unknown field"},
		{rep(`"steps": 600`, `"steps": 600, "steps": 601`), "spec: steps: duplicate key"},
		{rep(`"activation": "relu"`, `"activation": "tanh"`), `spec: model.activation: must be "relu", got "tanh"`},
		{rep(`[64, 32, 10]`, `[64, 32, 11]`), "spec: model.layers[2]: must equal dataset.classes (10)"},
		{rep(`[64, 32, 10]`, `[64, 0, 10]`), "spec: model.layers[1]: must be in [1, 4096], got 0"},
		{rep(`"hash": "0x00`, `"hash": "0x0`), "spec: dataset.hash: hash must have 64 hex digits, got 63"},
		{rep(`"count": 297`, `"count": 297, "k": 3`), "spec: dataset.holdout.k: not allowed here"},
		{rep(`"batch_size": 32`, `"batch_size": 1501`), "spec: batch_size: must be in [1, 1500] (the training rows)"},
		{rep(`"loss": "softmax_cross_entropy"`, `"loss": "mse"`), `spec: loss: must be "softmax_cross_entropy", got "mse"`},
		{validAdam + " {}", "spec: trailing data after the JSON object"},
		{validAdam[:40], "spec: model.layers: unexpected end of JSON"},
		{"[]", "spec: must be an object, got an array"},
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
			t.Errorf("error %q, want %q", err.Error(), c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(validAdam))
	f.Add([]byte(canonicalAdam))
	f.Add([]byte(validLM))
	f.Add([]byte(canonicalLM))
	f.Add([]byte(strings.Replace(canonicalLM, `,"loss"`, `,"init":{"weights":"0x0000000000000000000000000000000000000000000000000000000000000001"},"loss"`, 1)))
	f.Add([]byte(strings.Replace(canonicalLM, `"tied_embeddings":true`, `"tied_embeddings":false`, 1)))
	f.Add([]byte(`{"a":[1,2,{"b":null}]}`))
	f.Add([]byte(`{"version":1e999}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Parse(b)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		c, err := s.Canonical()
		if err != nil {
			t.Fatalf("valid spec has no canonical form: %v", err)
		}
		s2, err := Parse(c)
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, c)
		}
		c2, _ := s2.Canonical()
		if !bytes.Equal(c, c2) {
			t.Fatalf("canonical form is not a fixed point:\n%s\n%s", c, c2)
		}
	})
}
