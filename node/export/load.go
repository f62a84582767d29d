package export

import (
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/crypto/sha3"

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
//
// The file streams: its header is read (safetensors.Stream), then its
// tensors in file order straight into the state's tensors while every byte
// is hashed; the file's bytes are never held. The state is returned only
// once the whole file was read, without trailing or missing bytes, and
// hashes to init.weights. What is wrong is said in this order, as if the
// file had been read whole first: a file too large, then its hash, then a
// malformed file (even one whose first tensors were fine), then the first
// tensor in file order that is not the spec's, then a missing parameter.
// An error of r (a blob store's stream that failed its hash) is returned
// wrapped.
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
	src := &hashingReader{r: io.LimitReader(r, limit+1), d: sha3.NewLegacyKeccak256()}
	st, ferr := readInitialState(s, ps, names, shapes, src)
	if ferr != nil && src.err == nil {
		// The file's size and hash are said first: read the rest.
		_, _ = io.Copy(io.Discard, src)
	}
	if src.err != nil {
		return nil, fmt.Errorf("init.weights: %w", src.err)
	}
	if src.n > limit {
		return bad("the file is larger than %d bytes, the most the spec's %d parameters can take", limit, paramBytes/4)
	}
	if s.Init != nil {
		if h := src.sum(); h != s.Init.Weights {
			return bad("the file hashes to %s, the spec names %s", h, s.Init.Weights)
		}
	}
	if ferr != nil {
		return nil, ferr
	}
	return st, nil
}

// readInitialState reads the initial state from a safetensors stream (see
// LoadInitialState, which checks the stream's size and hash).
func readInitialState(s *spec.Spec, ps []Param, names []string, shapes [][]int, r io.Reader) ([]repops.Tensor, error) {
	f, err := safetensors.NewStream(r)
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
	buf := make([]byte, 64<<10)
	// first is the first tensor that is not the spec's; the stream is read
	// to its end before it is said, so that a malformed file is said first.
	var first error
	for {
		t, tr, err := f.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("init.weights: %w", err)
		}
		if first == nil {
			first = readParam(s, ps, shapes, byName, st, seen, buf, t, tr)
		}
	}
	if first != nil {
		return nil, first
	}
	for i, p := range ps {
		if !seen[i] {
			return nil, fmt.Errorf("init.weights: tensor %s is missing (%s has %d parameter tensors, the file %d tensors)", p.Torch, Module(s), len(ps), len(f.Tensors()))
		}
	}
	return st, nil
}

// readParam checks the tensor t is a parameter of the spec (name, dtype,
// shape, finite values) and reads its bytes from tr into its state tensor
// (transposed back to [in, out] where the export transposed it). A read
// error is left to the stream's next Next, which returns it again.
func readParam(s *spec.Spec, ps []Param, shapes [][]int, byName map[string]int, st []repops.Tensor, seen []bool, buf []byte, t *safetensors.Info, tr io.Reader) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("init.weights: "+format, args...)
	}
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
	if t.DType != safetensors.F32 {
		return bad("tensor %s: dtype %s, the spec needs F32", t.Name, t.DType)
	}
	if !slices.Equal(t.Shape, want) {
		return bad("tensor %s: shape %s, the spec needs %s", t.Name, shapeString(t.Shape), shapeString(want))
	}
	dst := st[p.State].Data
	var in, out int // transposed: the file's [out, in], the state's [in, out]
	if p.Transpose {
		in, out = want[1], want[0]
	}
	n := len(dst)
	for e := 0; e < n; {
		chunk := buf[:min(len(buf), 4*(n-e))]
		if _, err := io.ReadFull(tr, chunk); err != nil {
			return nil // the stream's error, said by its next Next
		}
		for k := 0; k < len(chunk); k, e = k+4, e+1 {
			x := math.Float32frombits(binary.LittleEndian.Uint32(chunk[k:]))
			if x != x || math.IsInf(float64(x), 0) {
				return bad("tensor %s: element %d is %v (initial weights must be finite)", t.Name, e, x)
			}
			if p.Transpose {
				dst[(e%in)*out+e/in] = x
			} else {
				dst[e] = x
			}
		}
	}
	seen[i] = true
	return nil
}

// hashingReader counts and hashes what it reads and keeps r's first error
// other than io.EOF.
type hashingReader struct {
	r   io.Reader
	d   hash.Hash
	n   int64
	err error
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.d.Write(p[:n])
	h.n += int64(n)
	if err != nil && err != io.EOF && h.err == nil {
		h.err = err
	}
	return n, err
}

func (h *hashingReader) sum() (out commit.Hash) {
	h.d.Sum(out[:0])
	return out
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
