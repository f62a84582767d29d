// Package safetensors reads and writes the safetensors file format
// (docs/export.md): an 8-byte little-endian header length N, N bytes of a
// JSON header (an object mapping each tensor name to its dtype, shape and
// byte range in the data section, plus an optional "__metadata__" object of
// strings), then the data section, tensors little-endian and row-major.
//
// The writer emits F32 tensors with the header's keys sorted and the header
// padded with spaces to a multiple of 8 bytes. The reader accepts every
// dtype of the format and validates the whole file strictly (header length
// bounds, one JSON object without duplicate or unknown keys, known dtypes,
// shape times dtype size equal to each byte range, byte ranges contiguous,
// without overlap, covering the data section exactly); Tensor.F32 converts
// an F32 tensor's bytes to float32 values. Stream reads a file one tensor
// at a time without holding the tensors' bytes (the same checks, the same
// errors), for a caller that decodes a tensor straight into its own memory.
package safetensors

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	// MetadataKey is the header key of the free-form string metadata.
	MetadataKey = "__metadata__"
	// MaxHeaderLen bounds the JSON header a reader accepts (the bound of
	// the format's reference implementation).
	MaxHeaderLen = 100_000_000
	// MaxDims bounds the rank of a tensor a reader accepts.
	MaxDims = 64
	// F32 is the dtype of IEEE-754 binary32 values, the only one Write
	// emits and Tensor.F32 converts.
	F32 = "F32"
)

// ErrFormat is wrapped by every error of Read for a malformed file.
var ErrFormat = errors.New("safetensors: bad file")

// dtypeSizes are the dtypes of the format and their element sizes in bytes.
var dtypeSizes = map[string]uint64{
	"BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
	"I16": 2, "U16": 2, "F16": 2, "BF16": 2,
	"I32": 4, "U32": 4, "F32": 4,
	"I64": 8, "U64": 8, "F64": 8,
}

// DTypeSize returns the element size of a dtype, and false for a dtype the
// format does not define.
func DTypeSize(dtype string) (int, bool) {
	n, ok := dtypeSizes[dtype]
	return int(n), ok
}

// Tensor is one named tensor. Data holds its bytes exactly as in the file
// (little-endian, row-major).
type Tensor struct {
	Name  string
	DType string
	Shape []int
	Data  []byte
}

// F32 returns the values of an F32 tensor.
func (t *Tensor) F32() ([]float32, error) {
	if t.DType != F32 {
		return nil, fmt.Errorf("safetensors: tensor %q: dtype %s, want %s", t.Name, t.DType, F32)
	}
	if len(t.Data)%4 != 0 {
		return nil, fmt.Errorf("safetensors: tensor %q: %d bytes is not a whole number of F32 values", t.Name, len(t.Data))
	}
	v := make([]float32, len(t.Data)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(t.Data[4*i:]))
	}
	return v, nil
}

// FromF32 returns an F32 tensor holding values with the given shape.
func FromF32(name string, shape []int, values []float32) Tensor {
	b := make([]byte, 4*len(values))
	for i, f := range values {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return Tensor{Name: name, DType: F32, Shape: append([]int(nil), shape...), Data: b}
}

// File is a decoded safetensors file: its tensors in data-section order and
// its metadata (nil when the header has none).
type File struct {
	Tensors  []Tensor
	Metadata map[string]string
}

// Tensor returns the tensor called name, or nil.
func (f *File) Tensor(name string) *Tensor {
	for i := range f.Tensors {
		if f.Tensors[i].Name == name {
			return &f.Tensors[i]
		}
	}
	return nil
}

// numel returns the element count of shape, or false if it overflows.
func numel(shape []int) (uint64, bool) {
	n := uint64(1)
	for _, d := range shape {
		if d < 0 {
			return 0, false
		}
		if d != 0 && n > math.MaxInt64/uint64(d) {
			return 0, false
		}
		n *= uint64(d)
	}
	return n, true
}

// headerEntry is a tensor's header entry; its fields are in key order, so
// that the header's keys are sorted at every level.
type headerEntry struct {
	DataOffsets [2]int64 `json:"data_offsets"`
	DType       string   `json:"dtype"`
	Shape       []int    `json:"shape"`
}

// Write writes the tensors, in the order given, and the metadata (omitted
// when empty) as a safetensors file. Names must be unique, non-empty and
// not MetadataKey; every tensor's bytes must match its dtype and shape.
func Write(w io.Writer, tensors []Tensor, metadata map[string]string) error {
	header := make(map[string]any, len(tensors)+1)
	if len(metadata) > 0 {
		header[MetadataKey] = metadata
	}
	var off int64
	for _, t := range tensors {
		if t.Name == "" || t.Name == MetadataKey {
			return fmt.Errorf("safetensors: invalid tensor name %q", t.Name)
		}
		if _, dup := header[t.Name]; dup {
			return fmt.Errorf("safetensors: duplicate tensor name %q", t.Name)
		}
		size, ok := dtypeSizes[t.DType]
		if !ok {
			return fmt.Errorf("safetensors: tensor %q: unknown dtype %q", t.Name, t.DType)
		}
		n, ok := numel(t.Shape)
		if !ok || n*size != uint64(len(t.Data)) {
			return fmt.Errorf("safetensors: tensor %q: shape %v of %s does not match %d bytes", t.Name, t.Shape, t.DType, len(t.Data))
		}
		shape := t.Shape
		if shape == nil {
			shape = []int{} // a scalar: "shape": []
		}
		header[t.Name] = headerEntry{DType: t.DType, Shape: shape, DataOffsets: [2]int64{off, off + int64(len(t.Data))}}
		off += int64(len(t.Data))
	}
	var hb bytes.Buffer
	enc := json.NewEncoder(&hb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(header); err != nil { // map keys come out sorted
		return fmt.Errorf("safetensors: header: %w", err)
	}
	h := bytes.TrimSuffix(hb.Bytes(), []byte("\n"))
	if pad := (8 - len(h)%8) % 8; pad > 0 {
		h = append(h, bytes.Repeat([]byte(" "), pad)...)
	}
	if len(h) > MaxHeaderLen {
		return fmt.Errorf("safetensors: header of %d bytes exceeds %d", len(h), MaxHeaderLen)
	}
	bw := bufio.NewWriter(w)
	var lenb [8]byte
	binary.LittleEndian.PutUint64(lenb[:], uint64(len(h)))
	bw.Write(lenb[:])
	bw.Write(h)
	for _, t := range tensors {
		bw.Write(t.Data)
	}
	return bw.Flush()
}

// WriteFile writes a safetensors file to path atomically: a temporary file
// in the same directory is written, fsynced and renamed over path, so that
// a failure leaves no partial file under path (and no temporary file). It
// returns the file's size.
func WriteFile(path string, tensors []Tensor, metadata map[string]string) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	fail := func(err error) (int64, error) {
		f.Close()
		os.Remove(tmp)
		return 0, err
	}
	if err := Write(f, tensors, metadata); err != nil {
		return fail(err)
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return 0, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return size, nil
}

// Read reads one safetensors file from r, to its end, and validates it.
// Every error for a malformed file wraps ErrFormat and says what is wrong;
// memory use follows the bytes actually read, not the sizes claimed.
func Read(r io.Reader) (*File, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, a...))
	}
	var lenb [8]byte
	if _, err := io.ReadFull(r, lenb[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, bad("truncated: no 8-byte header length")
		}
		return nil, err
	}
	n := binary.LittleEndian.Uint64(lenb[:])
	if n < 2 || n > MaxHeaderLen {
		return nil, bad("header length %d, must be in 2..%d", n, MaxHeaderLen)
	}
	var hb bytes.Buffer
	if got, err := io.CopyN(&hb, r, int64(n)); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, bad("truncated header: %d of %d bytes", got, n)
		}
		return nil, err
	}
	entries, meta, err := parseHeader(hb.Bytes())
	if err != nil {
		return nil, bad("header: %v", err)
	}
	// Byte ranges: sorted by start, the first starts at 0, each starts where
	// the previous one ends; the data section is exactly their union.
	end, err := orderEntries(entries)
	if err != nil {
		return nil, err
	}
	var data bytes.Buffer
	if end > 0 {
		got, err := io.CopyN(&data, r, int64(end))
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, bad("truncated data: %d of %d bytes", got, end)
			}
			return nil, err
		}
	}
	var one [1]byte
	if k, err := io.ReadFull(r, one[:]); k > 0 {
		return nil, bad("trailing bytes after the %d bytes of data", end)
	} else if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	f := &File{Metadata: meta, Tensors: make([]Tensor, len(entries))}
	d := data.Bytes()
	for i, e := range entries {
		f.Tensors[i] = Tensor{Name: e.name, DType: e.DType, Shape: e.Shape,
			Data: d[e.DataOffsets[0]:e.DataOffsets[1]:e.DataOffsets[1]]}
	}
	return f, nil
}

// Decode is Read over bytes.
func Decode(b []byte) (*File, error) { return Read(bytes.NewReader(b)) }

type entry struct {
	name        string
	DType       string
	Shape       []int
	DataOffsets [2]uint64
}

// parseHeader parses the header: one JSON object, then only spaces.
func parseHeader(h []byte) ([]entry, map[string]string, error) {
	if h[0] != '{' {
		return nil, nil, errors.New("does not start with '{'")
	}
	if !json.Valid(bytes.TrimRight(h, " ")) {
		return nil, nil, errors.New("not one JSON object followed only by spaces")
	}
	dec := json.NewDecoder(bytes.NewReader(h))
	dec.UseNumber()
	var entries []entry
	var meta map[string]string
	seen := map[string]bool{}
	err := object(dec, func(key string) error {
		if seen[key] {
			return fmt.Errorf("duplicate key %q", key)
		}
		seen[key] = true
		if key == MetadataKey {
			m, err := metadata(dec)
			if err != nil {
				return fmt.Errorf("%s: %v", MetadataKey, err)
			}
			meta = m
			return nil
		}
		if key == "" {
			return errors.New("empty tensor name")
		}
		e, err := tensorEntry(dec)
		if err != nil {
			return fmt.Errorf("tensor %q: %v", key, err)
		}
		e.name = key
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return entries, meta, nil
}

// object reads one JSON object, calling field for each key with the decoder
// positioned at the key's value (which field must consume).
func object(dec *json.Decoder, field func(key string) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("want an object, got %v", tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(tok.(string)); err != nil {
			return err
		}
	}
	_, err = dec.Token() // '}'
	return err
}

func metadata(dec *json.Decoder) (map[string]string, error) {
	m := map[string]string{}
	err := object(dec, func(key string) error {
		if _, dup := m[key]; dup {
			return fmt.Errorf("duplicate key %q", key)
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		s, ok := tok.(string)
		if !ok {
			return fmt.Errorf("%q: value is not a string", key)
		}
		m[key] = s
		return nil
	})
	return m, err
}

// uintList reads a JSON array of integers in 0..max (plain decimal).
func uintList(dec *json.Decoder, max uint64, maxLen int) ([]uint64, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, fmt.Errorf("want an array, got %v", tok)
	}
	var out []uint64
	for dec.More() {
		if len(out) == maxLen {
			return nil, fmt.Errorf("more than %d entries", maxLen)
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		num, ok := tok.(json.Number)
		if !ok || strings.ContainsAny(string(num), ".eE-+") {
			return nil, fmt.Errorf("%v is not a non-negative integer", tok)
		}
		v, err := strconv.ParseUint(string(num), 10, 64)
		if err != nil || v > max {
			return nil, fmt.Errorf("%s is out of range 0..%d", num, max)
		}
		out = append(out, v)
	}
	_, err = dec.Token() // ']'
	return out, err
}

func tensorEntry(dec *json.Decoder) (entry, error) {
	var e entry
	var have [3]bool
	err := object(dec, func(key string) error {
		var idx int
		switch key {
		case "dtype":
			idx = 0
		case "shape":
			idx = 1
		case "data_offsets":
			idx = 2
		default:
			return fmt.Errorf("unknown key %q", key)
		}
		if have[idx] {
			return fmt.Errorf("duplicate key %q", key)
		}
		have[idx] = true
		switch idx {
		case 0:
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			s, ok := tok.(string)
			if !ok {
				return fmt.Errorf("dtype %v is not a string", tok)
			}
			if _, ok := dtypeSizes[s]; !ok {
				return fmt.Errorf("unknown dtype %q", s)
			}
			e.DType = s
		case 1:
			dims, err := uintList(dec, math.MaxInt32, MaxDims)
			if err != nil {
				return fmt.Errorf("shape: %v", err)
			}
			e.Shape = make([]int, len(dims))
			for i, d := range dims {
				e.Shape[i] = int(d)
			}
		case 2:
			offs, err := uintList(dec, math.MaxInt64, 2)
			if err != nil {
				return fmt.Errorf("data_offsets: %v", err)
			}
			if len(offs) != 2 {
				return fmt.Errorf("data_offsets: %d entries, want [begin, end]", len(offs))
			}
			if offs[0] > offs[1] {
				return fmt.Errorf("data_offsets: begin %d after end %d", offs[0], offs[1])
			}
			e.DataOffsets = [2]uint64{offs[0], offs[1]}
		}
		return nil
	})
	if err != nil {
		return e, err
	}
	for i, k := range []string{"dtype", "shape", "data_offsets"} {
		if !have[i] {
			return e, fmt.Errorf("missing %q", k)
		}
	}
	n, ok := numel(e.Shape)
	size := dtypeSizes[e.DType]
	if !ok || n > math.MaxInt64/size {
		return e, fmt.Errorf("shape %v is too large", e.Shape)
	}
	if got := e.DataOffsets[1] - e.DataOffsets[0]; got != n*size {
		return e, fmt.Errorf("shape %v of %s is %d bytes, data_offsets [%d, %d] hold %d", e.Shape, e.DType, n*size, e.DataOffsets[0], e.DataOffsets[1], got)
	}
	return e, nil
}
