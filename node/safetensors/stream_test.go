package safetensors

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

// streamAll reads a whole file with Stream, each tensor's bytes with
// io.ReadAll (so from as many reads as r gives).
func streamAll(r io.Reader) (*File, error) {
	s, err := NewStream(r)
	if err != nil {
		return nil, err
	}
	f := &File{Metadata: s.Metadata()}
	for {
		info, tr, err := s.Next()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		if int64(len(b)) != info.Size() {
			return nil, errors.New("short tensor without an error")
		}
		f.Tensors = append(f.Tensors, Tensor{Name: info.Name, DType: info.DType, Shape: info.Shape, Data: b})
	}
}

// requireSameFile: Stream (whole and a byte at a time) gives what Decode
// gives: the same tensors and metadata, or the same error.
func requireSameFile(t testing.TB, in []byte) {
	t.Helper()
	want, werr := Decode(in)
	for _, r := range []io.Reader{bytes.NewReader(in), iotest.OneByteReader(bytes.NewReader(in)), iotest.DataErrReader(bytes.NewReader(in))} {
		got, err := streamAll(r)
		if werr != nil {
			require.EqualError(t, err, werr.Error())
			require.ErrorIs(t, err, ErrFormat)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, want.Metadata, got.Metadata)
		require.Len(t, got.Tensors, len(want.Tensors))
		for i := range want.Tensors {
			w, g := want.Tensors[i], got.Tensors[i]
			require.Equal(t, w.Name, g.Name)
			require.Equal(t, w.DType, g.DType)
			require.Equal(t, w.Shape, g.Shape)
			require.True(t, bytes.Equal(w.Data, g.Data), w.Name)
		}
	}
}

// TestStreamMatchesRead: on a valid file and on every malformed file of
// TestReadRejects (truncated header or data, trailing bytes, gaps and
// overlapping byte ranges...), Stream gives Read's result or error.
func TestStreamMatchesRead(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, sample(), map[string]string{"format": "pt"}))
	requireSameFile(t, b.Bytes())
	for _, in := range streamSeeds() {
		requireSameFile(t, in)
	}
	// A partly read tensor is skipped by Next; the stream still checks the
	// end of the data section.
	s, err := NewStream(bytes.NewReader(b.Bytes()))
	require.NoError(t, err)
	require.Len(t, s.Tensors(), 4)
	require.Equal(t, int64(9*4), s.DataSize())
	_, tr, err := s.Next()
	require.NoError(t, err)
	_, err = tr.Read(make([]byte, 3))
	require.NoError(t, err)
	for err == nil {
		_, _, err = s.Next()
	}
	require.Equal(t, io.EOF, err)
	_, _, err = s.Next()
	require.Equal(t, io.EOF, err)
	// Trailing bytes after skipped tensors.
	s, err = NewStream(bytes.NewReader(append(b.Bytes(), 0)))
	require.NoError(t, err)
	for err == nil {
		_, _, err = s.Next()
	}
	require.ErrorIs(t, err, ErrFormat)
	require.ErrorContains(t, err, "trailing bytes after the 36 bytes of data")
}

func TestStreamPassesIOErrors(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, sample(), nil))
	_, err := streamAll(&errReader{b.Bytes()[:b.Len()-3]})
	require.EqualError(t, err, "disk on fire")
	_, err = streamAll(&errReader{b.Bytes()[:5]})
	require.EqualError(t, err, "disk on fire")
}

// streamSeeds are malformed files, one per check.
func streamSeeds() [][]byte {
	d8 := make([]byte, 8)
	return [][]byte{
		{1, 2, 3},
		file("", nil),
		file(`{} x`, nil),
		file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8),
		file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8),
		file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, d8[:5]),
		file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, d8),
		file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, d8),
		file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, d8[:6]),
		file(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}`, nil),
	}
}

// FuzzStream: Stream, fed the whole input or one byte at a time, gives
// exactly what Decode gives (the same tensors, or the same error).
func FuzzStream(f *testing.F) {
	var b bytes.Buffer
	Write(&b, sample(), map[string]string{"format": "pt"})
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:b.Len()-1])
	f.Add(append(b.Bytes(), 1))
	for _, in := range streamSeeds() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) { requireSameFile(t, in) })
}
