package dataset

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/spec"
)

const (
	austenPath     = "../../examples/data/austen.txt"
	austenSpecPath = "../../examples/austen-transformer.json"
	// austenHash pins the checked-in corpus; examples/austen-transformer.json
	// names it.
	austenHash   = "0x82e573021a02f5954cb92a8e2711f0141dc91a31d984751256be0dff35b73a1b"
	austenTokens = 1358459
)

// TestAustenExample: the example transformer spec validates, names the
// checked-in corpus by its hash and length, and splits it into a training
// stream and the last count tokens.
func TestAustenExample(t *testing.T) {
	s, err := spec.Load(austenSpecPath)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Model.IsTransformer() || s.Dataset.Format != spec.FormatBytes {
		t.Fatalf("example is not a transformer on bytes: %+v", s.Model)
	}
	b, err := os.ReadFile(austenPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 1<<20 || len(b) != austenTokens {
		t.Fatalf("corpus has %d bytes", len(b))
	}
	d, err := Open(b, s.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	if d.Hash.String() != austenHash || !d.IsTokens() || d.Len() != austenTokens || d.Vocab != 256 {
		t.Fatalf("corpus: hash %s, %d tokens, vocab %d", d.Hash, d.Len(), d.Vocab)
	}
	// English text: ASCII letters, punctuation and newlines; no CR.
	for i, c := range b {
		if c >= 0x80 || c == '\r' || (c < 0x20 && c != '\n') {
			t.Fatalf("byte %d is %#02x", i, c)
		}
	}
	if !bytes.HasPrefix(b, []byte("PRIDE AND PREJUDICE\n")) || !bytes.Contains(b, []byte("\nSENSE AND SENSIBILITY\n")) {
		t.Fatal("corpus is not the two novels")
	}
	train, hold := d.Split(s.Dataset.Holdout)
	n := s.Dataset.Holdout.Count
	if train.Len() != austenTokens-n || hold.Len() != n || train.Vocab != 256 || hold.Hash != d.Hash {
		t.Fatalf("split %d + %d", train.Len(), hold.Len())
	}
	if train.Tokens[0] != 'P' || hold.Tokens[0] != uint32(b[austenTokens-n]) || hold.Tokens[n-1] != '\n' {
		t.Fatal("split is not the first tokens and the last count")
	}
	m := s.Model.Transformer
	if m.Context != 64 || m.Width != 128 || m.Heads != 4 || m.MLPWidth != 512 || s.BatchSize != 16 {
		t.Fatalf("example model %+v, batch %d", m, s.BatchSize)
	}
	// Parameters without biases: embeddings (tied), positions, per layer
	// four attention projections, the MLP's two and two norm gains, and
	// the final norm: at least 1M.
	p := m.Vocab*m.Width + m.Context*m.Width + m.Layers*(4*m.Width*m.Width+2*m.Width*m.MLPWidth+2*m.Width) + m.Width
	if !m.TiedEmbeddings {
		p += m.Width * m.Vocab
	}
	if p < 1_000_000 {
		t.Fatalf("example model has %d parameters", p)
	}
}

func TestBytes(t *testing.T) {
	blob := []byte("hello, world\n\x00\xff")
	d, err := Decode(blob, spec.FormatBytes)
	if err != nil {
		t.Fatal(err)
	}
	if !d.IsTokens() || d.Len() != len(blob) || d.Rows != 0 || d.X != nil || d.Vocab != ByteVocab || d.Hash != commit.Keccak256(blob) {
		t.Fatalf("decoded %+v", d)
	}
	for i, c := range blob {
		if d.Tokens[i] != uint32(c) || d.TokenFloats()[i] != float32(c) {
			t.Fatalf("token %d is %d, want %d", i, d.Tokens[i], c)
		}
	}
	sd := spec.Dataset{Hash: commit.Keccak256(blob), Format: spec.FormatBytes, Tokens: len(blob),
		Holdout: spec.Holdout{Rule: spec.HoldoutLast, Count: 3}}
	if err := d.CheckSpec(sd); err != nil {
		t.Fatal(err)
	}
	train, hold := d.Split(sd.Holdout)
	if train.Len() != len(blob)-3 || hold.Len() != 3 || hold.Tokens[0] != '\n' || hold.Tokens[2] != 0xff || train.Tokens[0] != 'h' {
		t.Fatalf("split %v | %v", train.Tokens, hold.Tokens)
	}
	// The splits are copies: writing one does not change the stream.
	train.Tokens[0] = 7
	if d.Tokens[0] != 'h' {
		t.Fatal("split aliases the stream")
	}
	// Rule every (not a transformer's, but Split is total) picks tokens.
	tr, ho := d.Split(spec.Holdout{Rule: spec.HoldoutEvery, K: 5})
	if ho.Len() != 3 || ho.Tokens[0] != 'o' || tr.Len() != len(blob)-3 {
		t.Fatalf("every: %v", ho.Tokens)
	}
	// Holding everything out leaves an empty, non-nil training stream.
	if tr, _ := d.Split(spec.Holdout{Rule: spec.HoldoutLast, Count: len(blob)}); !tr.IsTokens() || tr.Len() != 0 {
		t.Fatal("empty split is not a token stream")
	}

	cases := []struct {
		b    []byte
		s    func(*spec.Dataset)
		want string
	}{
		{blob[:len(blob)-1], nil, "dataset: 14 bytes, the spec's dataset.tokens is 15"},
		{append(append([]byte(nil), blob...), 'x'), nil, "dataset: 16 bytes, the spec's dataset.tokens is 15"},
		{[]byte("hello, World\n\x00\xff"), nil, "dataset: hash " + commit.Keccak256([]byte("hello, World\n\x00\xff")).String() + ", the spec's dataset.hash is " + sd.Hash.String()},
		{[]byte("x"), func(s *spec.Dataset) { s.Tokens = 1 }, "dataset: bad format: 1 bytes, a token stream has at least 2"},
		{blob, func(s *spec.Dataset) { s.Format = spec.FormatF32Matrix }, "dataset: bad format: 15 bytes, shorter than the 20-byte header"},
	}
	for _, c := range cases {
		s := sd
		if c.s != nil {
			c.s(&s)
		}
		_, err := Open(c.b, s)
		if err == nil || err.Error() != c.want {
			t.Errorf("error %v\n     want %s", err, c.want)
		}
	}
	// CheckSpec refuses a row dataset for a token spec and the reverse.
	rows, _ := EncodeF32Matrix(2, 1, []float32{1, 2}, []uint32{0, 1})
	r, err := Decode(rows, spec.FormatF32Matrix)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.CheckSpec(sd); err == nil || err.Error() != `dataset: 2 rows, the spec's dataset.format "bytes" is a token stream` {
		t.Errorf("rows for tokens: %v", err)
	}
	if err := d.CheckSpec(spec.Dataset{Hash: d.Hash, Format: spec.FormatF32Matrix, Rows: 15, Features: 1, Classes: 2}); err == nil || err.Error() != `dataset: a token stream, the spec's dataset.format "f32-matrix" has rows` {
		t.Errorf("tokens for rows: %v", err)
	}
	if _, err := DecodeBytes(make([]byte, MaxTokens+1)); err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "more than 16777216 tokens") {
		t.Errorf("oversized: %v", err)
	}
}

// FuzzBytes checks the loader against a spec built from the fuzzer's
// numbers: Open accepts exactly the blob whose length and keccak256 are
// the spec's, and the split is the stream cut at len-count.
func FuzzBytes(f *testing.F) {
	f.Add([]byte("It is a truth universally acknowledged"), uint32(38), uint32(5), false)
	f.Add([]byte("ab"), uint32(2), uint32(1), true)
	f.Add([]byte{}, uint32(0), uint32(0), false)
	f.Add([]byte("\x00\xff\x80"), uint32(4), uint32(1), false)
	f.Fuzz(func(t *testing.T, b []byte, tokens, count uint32, wrongHash bool) {
		h := commit.Keccak256(b)
		if wrongHash {
			h[0] ^= 1
		}
		s := spec.Dataset{Hash: h, Format: spec.FormatBytes, Tokens: int(tokens),
			Holdout: spec.Holdout{Rule: spec.HoldoutLast, Count: int(count)}}
		d, err := Open(b, s)
		ok := len(b) >= 2 && len(b) == int(tokens) && !wrongHash
		if (err == nil) != ok {
			t.Fatalf("%d bytes, tokens %d, wrong hash %v: error %v", len(b), tokens, wrongHash, err)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "dataset: ") {
				t.Fatalf("error %q does not say where it comes from", err)
			}
			return
		}
		if d.Len() != len(b) || d.Hash != commit.Keccak256(b) {
			t.Fatal("decoded stream differs from the blob")
		}
		if int(count) > len(b) {
			return
		}
		train, hold := d.Split(s.Holdout)
		cut := len(b) - int(count)
		if train.Len() != cut || hold.Len() != int(count) {
			t.Fatalf("split %d + %d of %d", train.Len(), hold.Len(), len(b))
		}
		for i, c := range b {
			tok := hold.Tokens
			j := i - cut
			if i < cut {
				tok, j = train.Tokens, i
			}
			if tok[j] != uint32(c) {
				t.Fatalf("token %d is %d, byte %d", i, tok[j], c)
			}
		}
	})
}
