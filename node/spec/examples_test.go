package spec

import (
	"os"
	"strings"
	"testing"
)

// TestExampleSpecs: the examples parse, and docs/jobspec.md §1 shows each
// one as it is, with its canonical form and hash. The MLP example's hash is the one it had
// before the transformer kind existed.
func TestExampleSpecs(t *testing.T) {
	doc, err := os.ReadFile("../../docs/jobspec.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, kind, hash string
	}{
		{"../../examples/digits-mlp.json", ModelMLP, "0xea59d9ad39c61d8cd65793689f57efacd41a94da07c0f7a3e1d187d7732802e4"},
		{"../../examples/austen-transformer.json", ModelTransformer, ""},
	} {
		s, err := Load(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if file, _ := os.ReadFile(c.path); !strings.Contains(string(doc), "```json\n"+string(file)+"```\n") {
			t.Errorf("docs/jobspec.md does not show %s as it is", c.path)
		}
		if s.Model.Kind != c.kind {
			t.Fatalf("%s: kind %q", c.path, s.Model.Kind)
		}
		canon, _ := s.Canonical()
		h, _ := s.Hash()
		if c.hash != "" && h.String() != c.hash {
			t.Errorf("%s: hash %s, want %s", c.path, h, c.hash)
		}
		if !strings.Contains(string(doc), "    "+string(canon)+"\n    spec hash "+h.String()+"\n") {
			t.Errorf("docs/jobspec.md does not print %s's canonical form and hash:\n%s\nspec hash %s", c.path, canon, h)
		}
	}
}
