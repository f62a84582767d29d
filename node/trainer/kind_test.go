package trainer

import (
	"os"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// TestNewRefusesWhatItCannotBuild: the trainer refuses a spec with initial
// weights (transformer or MLP) when the weights are not given
// (Options.InitialWeights), with an error naming the field, instead of
// building a seeded state or panicking. TestInitialWeights covers the
// weights given.
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
	s.Init = &spec.Init{Weights: commit.Keccak256([]byte("weights"))}
	if _, err := New(s, d, Options{}); err == nil || err.Error() != "trainer: init.weights: the spec starts from the weights "+s.Init.Weights.String()+", none were given" {
		t.Errorf("transformer init: %v", err)
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
	if _, err := New(s, rows, Options{}); err == nil || err.Error() != "trainer: init.weights: the spec starts from the weights "+s.Init.Weights.String()+", none were given" {
		t.Errorf("init: %v", err)
	}
}
