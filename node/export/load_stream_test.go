package export

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/safetensors"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// TestLoadInitialStateStreams: loading initial weights from a file
// allocates the state it returns and no copy of the file (the file's bytes
// stream through a small buffer into the state's tensors).
func TestLoadInitialStateStreams(t *testing.T) {
	s, c := trained(t, 0, func(s *spec.Spec) { s.Model.Layers = []int{64, 1024, 1024, 10} })
	b := exportBytes(t, s, c, Options{})
	ft := *s
	ft.Init = &spec.Init{Weights: commit.Keccak256(b)}
	path := filepath.Join(t.TempDir(), "init.safetensors")
	require.NoError(t, os.WriteFile(path, b, 0o644))

	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	st, err := LoadInitialStateFile(&ft, path)
	runtime.ReadMemStats(&ms1)
	require.NoError(t, err)
	requireFreshState(t, &ft, c, st)
	var state uint64
	for _, x := range st {
		state += 4 * uint64(len(x.Data))
	}
	alloc := ms1.TotalAlloc - ms0.TotalAlloc
	beyond := (float64(alloc) - float64(state)) / float64(len(b))
	t.Logf("file %d bytes, state %d bytes (%.2f files): loading allocated %d bytes, %.3f files beyond the state", len(b), state, float64(state)/float64(len(b)), alloc, beyond)
	require.Less(t, beyond, 0.3, "the state, and no copy of the file")
}

// header returns a safetensors file of the header text and data bytes.
func rawFile(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

// TestLoadInitialStateRefuses: a truncated file, one with trailing bytes, a
// gap or overlapping byte ranges is refused with the one-line errors of the
// whole-file reader, even when the spec names its hash; a file that is not
// the one the spec names is refused for its hash first, whatever else is
// wrong with it; a malformed file is said before a bad tensor that comes
// earlier in it; an error of the stream is passed on; nothing is returned
// with an error.
func TestLoadInitialStateRefuses(t *testing.T) {
	mlp, mc := trained(t, 1, nil)
	good := exportBytes(t, mlp, mc, Options{})
	named := func(b []byte) *spec.Spec {
		s := *mlp
		s.Init = &spec.Init{Weights: commit.Keccak256(b)}
		return &s
	}
	z := make([]byte, 4*(64*32+32))
	overlap := rawFile(`{"0.bias":{"dtype":"F32","shape":[32],"data_offsets":[8188,8316]},"0.weight":{"dtype":"F32","shape":[32,64],"data_offsets":[0,8192]}}`, z)
	gap := rawFile(`{"0.bias":{"dtype":"F32","shape":[32],"data_offsets":[8196,8324]},"0.weight":{"dtype":"F32","shape":[32,64],"data_offsets":[0,8192]}}`, z)
	// A NaN in the first tensor of a file cut short: the file is said.
	nan := rewrite(t, good, func(ts []safetensors.Tensor) []safetensors.Tensor {
		v, _ := ts[0].F32()
		v[0] = float32(0) / float32(len(v)-len(v))
		ts[0] = safetensors.FromF32(ts[0].Name, ts[0].Shape, v)
		return ts
	})
	_, err := LoadInitialState(mlp, bytes.NewReader(nan))
	require.ErrorContains(t, err, "element 0 is NaN")
	for _, c := range []struct {
		name string
		s    *spec.Spec
		b    []byte
		want string
	}{
		{"truncated", named(good[:len(good)-4]), good[:len(good)-4], "init.weights: safetensors: bad file: truncated data: 9636 of 9640 bytes"},
		{"trailing", named(append(good[:len(good):len(good)], 0)), append(good[:len(good):len(good)], 0), "init.weights: safetensors: bad file: trailing bytes after the 9640 bytes of data"},
		{"overlap", named(overlap), overlap, `init.weights: safetensors: bad file: tensor "0.bias": data_offsets [8188, 8316] overlap the previous tensor (ending at 8192)`},
		{"gap", named(gap), gap, `init.weights: safetensors: bad file: tensor "0.bias": data_offsets [8196, 8324] leave a gap after byte 8192`},
		{"truncated after a NaN", named(nan[:len(nan)-1]), nan[:len(nan)-1], "init.weights: safetensors: bad file: truncated data: 9639 of 9640 bytes"},
		{"wrong hash, truncated", named(good), good[:len(good)-4], "init.weights: the file hashes to " + commit.Keccak256(good[:len(good)-4]).String() + ", the spec names " + commit.Keccak256(good).String()},
		{"wrong hash, trailing", named(good), append(good[:len(good):len(good)], 0), "init.weights: the file hashes to " + commit.Keccak256(append(good[:len(good):len(good)], 0)).String()},
		{"wrong hash, overlap", named(good), overlap, "init.weights: the file hashes to " + commit.Keccak256(overlap).String()},
		{"wrong hash, NaN", named(good), nan, "init.weights: the file hashes to " + commit.Keccak256(nan).String()},
		{"too large and wrong", named(good), append(good[:len(good):len(good)], make([]byte, 17<<20)...), "init.weights: the file is larger than 16786864 bytes"},
	} {
		for _, r := range []io.Reader{bytes.NewReader(c.b), iotest.OneByteReader(bytes.NewReader(c.b))} {
			st, err := LoadInitialState(c.s, r)
			require.Nil(t, st, c.name)
			require.Error(t, err, c.name)
			require.True(t, strings.HasPrefix(err.Error(), c.want), "%s: %v", c.name, err)
			require.NotContains(t, err.Error(), "\n", c.name)
		}
	}

	// The file the spec names, a byte at a time: the same state.
	st, err := LoadInitialState(named(good), iotest.OneByteReader(bytes.NewReader(good)))
	require.NoError(t, err)
	requireFreshState(t, mlp, mc, st)

	// An error of the stream (a blob store's verdict) is passed on, even
	// after the whole file.
	fail := errors.New("blobstore: hash mismatch")
	for _, n := range []int{0, 100, len(good)} {
		st, err := LoadInitialState(named(good), io.MultiReader(bytes.NewReader(good[:n]), iotest.ErrReader(fail)))
		require.Nil(t, st)
		require.ErrorIs(t, err, fail, "after %d bytes", n)
		require.EqualError(t, err, "init.weights: blobstore: hash mismatch")
	}
}
