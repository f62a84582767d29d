package trainer

import (
	"os"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// TestNewRefusesWhatItCannotBuild: the MLP trainer refuses a transformer
// spec and a spec with initial weights with an error naming the field,
// instead of building a wrong graph or panicking. (The transformer trainer
// and the initial-weights loader replace these refusals.)
func TestNewRefusesWhatItCannotBuild(t *testing.T) {
	s, err := spec.Load("../../examples/austen-transformer.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../examples/data/austen.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Open(b, s.Dataset)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(s, d, Options{}); err == nil || err.Error() != `trainer: model.kind "transformer": this trainer builds MLPs only` {
		t.Errorf("transformer: %v", err)
	}
	s, err = spec.Load(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	s.Init = &spec.Init{Weights: commit.Keccak256([]byte("weights"))}
	rows, err := dataset.Load(digitsPath, s.Dataset.Format)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(s, rows, Options{}); err == nil || err.Error() != "trainer: init.weights: initial weights are not supported yet" {
		t.Errorf("init: %v", err)
	}
}
