package repops

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"
)

func digestTensors(ts []Tensor) string {
	h := sha256.New()
	var b [4]byte
	for _, t := range ts {
		for _, d := range t.Shape {
			binary.BigEndian.PutUint32(b[:], uint32(d))
			h.Write(b[:])
		}
		for _, v := range t.Data {
			binary.BigEndian.PutUint32(b[:], math.Float32bits(v))
			h.Write(b[:])
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestGoldenTraining pins, by digest, the initial state, the full step trace
// of step 0 and the state after 40 steps of both optimizers. The file
// node/repops/testdata/golden_steps.txt is the same on every architecture
// and build (GOAMD64=v1, v3, arm64, purego); -update rewrites it.
func TestGoldenTraining(t *testing.T) {
	got := []byte(strings.Join(goldenTrainingLines(t), "\n") + "\n")
	if *update {
		writeFile(t, "testdata/golden_steps.txt", got)
		return
	}
	want := readFile(t, "testdata/golden_steps.txt")
	if string(want) != string(got) {
		t.Fatalf("training digests differ from testdata/golden_steps.txt:\n%s", got)
	}
}

// goldenTrainingLines computes the lines of testdata/golden_steps.txt.
func goldenTrainingLines(t *testing.T) []string {
	var lines []string
	for _, cfg := range testConfigs() {
		classes := cfg.Layers[len(cfg.Layers)-1]
		data := synthData(120, cfg.Layers[0], classes, 77)
		g, err := BuildStep(cfg, 120)
		if err != nil {
			t.Fatal(err)
		}
		st, err := InitState(cfg)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%s init %s", cfg.Optimizer, digestTensors(st)))
		gh := sha256.Sum256(g.Encode())
		lines = append(lines, fmt.Sprintf("%s graph %x", cfg.Optimizer, gh))
		var losses []string
		for step := 0; step < 40; step++ {
			trace, next, loss, err := g.Run(CPU{}, st, data)
			if err != nil {
				t.Fatal(err)
			}
			if step == 0 {
				lines = append(lines, fmt.Sprintf("%s trace0 %s", cfg.Optimizer, digestTensors(trace)))
			}
			losses = append(losses, fmt.Sprintf("%08x", math.Float32bits(loss)))
			st = next
		}
		lines = append(lines, fmt.Sprintf("%s state40 %s", cfg.Optimizer, digestTensors(st)))
		lines = append(lines, fmt.Sprintf("%s losses %s", cfg.Optimizer, strings.Join(losses, " ")))
	}
	return lines
}
