package export

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// maxInitHeader bounds the header of an initial-weights file beyond the
// bytes of the spec's parameters (an export's header is a few KB).
const maxInitHeader = 16 << 20

// LoadInitialState reads initial weights (docs/jobspec.md §2.3): a
// safetensors file with exactly the spec's parameters under the names and
// in the layout `gensyn export` writes (an export without
// --optimizer-state, of any job with the same model shapes), and returns
// the job's state at step 0 in state order (StateLayout): the parameters,
// transposed back to RepOps' [in, out]; the optimizer starts fresh: its
// moments (Adam, AdamW) or velocities (SGD) +0, b1t = b2t = 1, the step
// counter 0.
//
// When the spec has init.weights, the file's keccak256 must be that hash.
// Every tensor must be a parameter of the spec's model, F32, with the
// export's shape, and finite; every parameter must be there. Errors start
// with "init.weights: " and name the tensor. The file's metadata is not
// read: the shapes are the contract (a different norm_eps or seed is the
// new job's choice). Reading stops after the largest file the spec's
// parameters can come in (their bytes plus 16 MiB of header).
func LoadInitialState(s *spec.Spec, r io.Reader) ([]repops.Tensor, error) {
	bad := func(format string, args ...any) ([]repops.Tensor, error) {
		return nil, fmt.Errorf("init.weights: "+format, args...)
	}
	names, shapes, err := StateLayout(s)
	if err != nil {
		return bad("%v", err)
	}
	ps, err := Params(s)
	if err != nil {
		return bad("%v", err)
	}
	limit, paramBytes := initLimit(ps, shapes)
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return bad("%v", err)
	}
	if int64(len(b)) > limit {
		return bad("the file is larger than %d bytes, the most the spec's %d parameters can take", limit, paramBytes/4)
	}
	if s.Init != nil {
		if h := commit.Keccak256(b); h != s.Init.Weights {
			return bad("the file hashes to %s, the spec names %s", h, s.Init.Weights)
		}
	}
	f, err := safetensors.Read(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("init.weights: %w", err)
	}
	byName := make(map[string]int, len(ps))
	for i, p := range ps {
		byName[p.Torch] = i
	}
	st := make([]repops.Tensor, len(names))
	for i := range st {
		st[i] = repops.NewTensor(shapes[i]...)
		if names[i] == "b1t" || names[i] == "b2t" {
			st[i].Data[0] = 1
		}
	}
	seen := make([]bool, len(ps))
	for ti := range f.Tensors {
		t := &f.Tensors[ti]
		i, ok := byName[t.Name]
		if !ok {
			hint := ""
			if strings.HasPrefix(t.Name, "optimizer.") {
				hint = " (optimizer state is not loaded: export without --optimizer-state)"
			}
			return bad("tensor %s: not a parameter of %s%s", t.Name, Module(s), hint)
		}
		p := ps[i]
		want := shapes[p.State]
		if p.Transpose {
			want = []int{want[1], want[0]}
		}
		if t.DType != "F32" {
			return bad("tensor %s: dtype %s, the spec needs F32", t.Name, t.DType)
		}
		if !slices.Equal(t.Shape, want) {
			return bad("tensor %s: shape %s, the spec needs %s", t.Name, shapeString(t.Shape), shapeString(want))
		}
		v, err := t.F32()
		if err != nil {
			return bad("tensor %s: %v", t.Name, err)
		}
		for e, x := range v {
			if x != x || math.IsInf(float64(x), 0) {
				return bad("tensor %s: element %d is %v (initial weights must be finite)", t.Name, e, x)
			}
		}
		dst := st[p.State]
		if p.Transpose { // v is [out, in]; the state [in, out]
			in, out := want[1], want[0]
			for o := 0; o < out; o++ {
				for k := 0; k < in; k++ {
					dst.Data[k*out+o] = v[o*in+k]
				}
			}
		} else {
			copy(dst.Data, v)
		}
		seen[i] = true
	}
	for i, p := range ps {
		if !seen[i] {
			return bad("tensor %s is missing (%s has %d parameter tensors, the file %d tensors)", p.Torch, Module(s), len(ps), len(f.Tensors))
		}
	}
	return st, nil
}

// MaxInitialWeightsSize returns the largest initial-weights file
// LoadInitialState reads for the spec's model: its parameters' bytes plus
// 16 MiB of header. A worker or verifier fetches the blob of init.weights
// with this cap.
func MaxInitialWeightsSize(s *spec.Spec) (int64, error) {
	_, shapes, err := StateLayout(s)
	if err != nil {
		return 0, err
	}
	ps, err := Params(s)
	if err != nil {
		return 0, err
	}
	limit, _ := initLimit(ps, shapes)
	return limit, nil
}

// initLimit returns the largest initial-weights file of the parameters ps
// (shapes: the state's) and their bytes.
func initLimit(ps []Param, shapes [][]int) (limit, paramBytes int64) {
	for _, p := range ps {
		paramBytes += 4 * int64(numel(shapes[p.State]))
	}
	return 8 + maxInitHeader + paramBytes, paramBytes
}

// LoadInitialStateFile is LoadInitialState of a file; errors name it.
func LoadInitialStateFile(s *spec.Spec, path string) ([]repops.Tensor, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := LoadInitialState(s, fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// shapeString writes a shape as [a,b] (the spec's JSON style).
func shapeString(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func numel(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}
