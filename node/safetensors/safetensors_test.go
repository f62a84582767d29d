package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func sample() []Tensor {
	return []Tensor{
		FromF32("0.weight", []int{2, 3}, []float32{1, -2, 3.5, float32(math.Inf(1)), math.Float32frombits(0x80000000), math.Float32frombits(0x7fc00001)}),
		FromF32("0.bias", []int{2}, []float32{0.25, -1}),
		FromF32("scalar", nil, []float32{7}),
		FromF32("empty", []int{0, 4}, nil),
	}
}

// TestWriteLayout: the header length is little-endian, the header is the
// sorted-key JSON padded with spaces to a multiple of 8, and the data
// follows in the order given.
func TestWriteLayout(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, sample()[1:2], map[string]string{"format": "pt"}))
	raw := b.Bytes()
	n := binary.LittleEndian.Uint64(raw)
	require.Zero(t, n%8)
	h := string(raw[8 : 8+n])
	require.Equal(t, `{"0.bias":{"data_offsets":[0,8],"dtype":"F32","shape":[2]},"__metadata__":{"format":"pt"}}`, strings.TrimRight(h, " "))
	require.Equal(t, []byte{0, 0, 0x80, 0x3e, 0, 0, 0x80, 0xbf}, raw[8+n:])
}

func TestRoundTrip(t *testing.T) {
	var b bytes.Buffer
	meta := map[string]string{"format": "pt", "a": "b"}
	require.NoError(t, Write(&b, sample(), meta))
	f, err := Decode(b.Bytes())
	require.NoError(t, err)
	require.Equal(t, meta, f.Metadata)
	require.Len(t, f.Tensors, 4)
	for _, want := range sample() {
		got := f.Tensor(want.Name)
		require.NotNil(t, got, want.Name)
		require.Equal(t, want.DType, got.DType)
		require.Equal(t, len(want.Shape), len(got.Shape))
		require.Equal(t, want.Data, append([]byte{}, got.Data...), want.Name)
	}
	v, err := f.Tensor("0.weight").F32()
	require.NoError(t, err)
	require.Equal(t, uint32(0x7fc00001), math.Float32bits(v[5]))
	require.Equal(t, uint32(0x80000000), math.Float32bits(v[4]))
	require.Nil(t, f.Tensor("nope"))
}

func TestWriteRejects(t *testing.T) {
	for name, ts := range map[string][]Tensor{
		"empty name":   {FromF32("", []int{1}, []float32{1})},
		"metadata key": {FromF32(MetadataKey, []int{1}, []float32{1})},
		"duplicate":    {FromF32("a", []int{1}, []float32{1}), FromF32("a", []int{1}, []float32{1})},
		"shape":        {FromF32("a", []int{2}, []float32{1})},
		"dtype":        {{Name: "a", DType: "F33", Shape: []int{1}, Data: make([]byte, 4)}},
	} {
		require.Error(t, Write(&bytes.Buffer{}, ts, nil), name)
	}
}

// file builds a file from a header text and data bytes.
func file(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

func TestReadRejects(t *testing.T) {
	d8 := make([]byte, 8)
	for _, c := range []struct {
		name string
		in   []byte
		msg  string
	}{
		{"short", []byte{1, 2, 3}, "no 8-byte header length"},
		{"zero header", file("", nil), "header length 0"},
		{"huge header", binary.LittleEndian.AppendUint64(nil, MaxHeaderLen+1), "header length"},
		{"truncated header", binary.LittleEndian.AppendUint64(nil, 100), "truncated header: 0 of 100"},
		{"not object", file(`[1,2]`, nil), "does not start with '{'"},
		{"bad json", file(`{"a":`, nil), "not one JSON object"},
		{"trailing junk", file(`{} x`, nil), "not one JSON object"},
		{"dup tensor", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8), `duplicate key "a"`},
		{"dup field", file(`{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, d8[:4]), `duplicate key "dtype"`},
		{"unknown field", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}}`, d8[:4]), `unknown key "x"`},
		{"missing field", file(`{"a":{"dtype":"F32","shape":[1]}}`, nil), `missing "data_offsets"`},
		{"dtype", file(`{"a":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}}`, d8[:4]), `unknown dtype "F31"`},
		{"negative dim", file(`{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, d8[:4]), "not a non-negative integer"},
		{"fraction dim", file(`{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}`, d8[:4]), "not a non-negative integer"},
		{"size", file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, d8[:4]), "is 8 bytes, data_offsets [0, 4] hold 4"},
		{"reversed", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}`, d8[:4]), "begin 4 after end 0"},
		{"overflow", file(`{"a":{"dtype":"F64","shape":[4294967295,4294967295],"data_offsets":[0,8]}}`, d8), "out of range"},
		{"gap", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8), "leave a gap"},
		{"overlap", file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, d8), "overlap"},
		{"truncated data", file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, d8[:5]), "truncated data: 5 of 8"},
		{"trailing data", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, d8), "trailing bytes"},
		{"metadata not strings", file(`{"__metadata__":{"a":1}}`, nil), "value is not a string"},
		{"metadata not object", file(`{"__metadata__":"x"}`, nil), "want an object"},
	} {
		_, err := Decode(c.in)
		require.ErrorIs(t, err, ErrFormat, c.name)
		require.ErrorContains(t, err, c.msg, c.name)
	}
}

func TestReadAcceptsPaddingAndOtherDtypes(t *testing.T) {
	f, err := Decode(file(`{"a":{"dtype":"BF16","shape":[3],"data_offsets":[0,6]},"__metadata__":{}}      `, make([]byte, 6)))
	require.NoError(t, err)
	require.Equal(t, "BF16", f.Tensors[0].DType)
	_, err = f.Tensors[0].F32()
	require.ErrorContains(t, err, "dtype BF16, want F32")
	f, err = Decode(file(`{}`, nil))
	require.NoError(t, err)
	require.Empty(t, f.Tensors)
}

// errReader fails after its bytes.
type errReader struct{ b []byte }

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

func TestReadPassesIOErrors(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Write(&b, sample(), nil))
	_, err := Read(&errReader{b.Bytes()[:b.Len()-3]})
	require.EqualError(t, err, "disk on fire")
}

// FuzzRead: Read never panics, rejects with ErrFormat, and whatever it
// accepts is consistent (sizes match shapes) and, for F32 files, writes
// back to a file that reads the same.
func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	Write(&b, sample(), map[string]string{"format": "pt"})
	f.Add(b.Bytes())
	f.Add(file(`{"a":{"dtype":"BF16","shape":[3],"data_offsets":[0,6]}}`, make([]byte, 6)))
	f.Add(file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, make([]byte, 8)))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := Decode(in)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, ts := range got.Tensors {
			n, ok := numel(ts.Shape)
			size, _ := DTypeSize(ts.DType)
			if !ok || n*uint64(size) != uint64(len(ts.Data)) {
				t.Fatalf("tensor %q: shape %v, %d bytes", ts.Name, ts.Shape, len(ts.Data))
			}
		}
		var out bytes.Buffer
		if err := Write(&out, got.Tensors, got.Metadata); err != nil {
			t.Fatalf("rewrite: %v", err)
		}
		again, err := Decode(out.Bytes())
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if len(again.Tensors) != len(got.Tensors) {
			t.Fatalf("%d tensors, then %d", len(got.Tensors), len(again.Tensors))
		}
		for i := range got.Tensors {
			if !bytes.Equal(again.Tensors[i].Data, got.Tensors[i].Data) || again.Tensors[i].Name != got.Tensors[i].Name {
				t.Fatalf("tensor %d differs after rewrite", i)
			}
		}
	})
}
