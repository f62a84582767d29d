// Package dataset loads the training data a job spec names, in one of the
// formats of docs/jobspec.md: "digits-csv" (the UCI handwritten digits as
// CSV, optionally gzip-compressed) and "f32-matrix" (a big-endian float32
// matrix whose last column is the label), the row formats of an MLP; and
// "bytes" (a token stream, each byte of the blob one token), the format of
// a transformer. A dataset's content address is keccak256 of the blob's
// bytes exactly as stored.
package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/spec"
)

// Limits on decoded data.
const (
	MaxRows         = spec.MaxRows
	MaxCols         = 1 << 16
	MaxDecompressed = 64 << 20 // bytes of CSV after gunzip
	MaxLabel        = spec.MaxClasses - 1
	MaxTokens       = spec.MaxTokens
)

// DigitsFeatures and DigitsClasses are the shape of the digits-csv format.
const (
	DigitsFeatures = 64
	DigitsClasses  = 10
	DigitsMaxPixel = 16
)

// ErrFormat is wrapped by every decoding error.
var ErrFormat = errors.New("dataset: bad format")

// Dataset is decoded training data. A row dataset (digits-csv,
// f32-matrix) has X, row-major [Rows, Features], and Y, the class of each
// row. A token stream (bytes) has Tokens, each below Vocab, and no rows.
// Hash is keccak256 of the blob it was decoded from.
type Dataset struct {
	Rows     int
	Features int
	Classes  int // 1 + the largest label present
	X        []float32
	Y        []uint32
	Tokens   []uint32 // token stream: the token ids in order (nil for a row dataset)
	Vocab    int      // token stream: the vocabulary size (bytes: 256)
	Hash     commit.Hash
}

// IsTokens reports whether d is a token stream.
func (d *Dataset) IsTokens() bool { return d.Tokens != nil }

// Len is the number of rows, or of tokens for a token stream.
func (d *Dataset) Len() int {
	if d.IsTokens() {
		return len(d.Tokens)
	}
	return d.Rows
}

// Load reads a blob and decodes it in the given format; errors name the
// file.
func Load(path, format string) (*Dataset, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	d, err := Decode(b, format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Decode decodes a blob in the given format (spec.FormatDigitsCSV or
// spec.FormatF32Matrix) and sets its Hash.
func Decode(b []byte, format string) (*Dataset, error) {
	var d *Dataset
	var err error
	switch format {
	case spec.FormatDigitsCSV:
		d, err = DecodeDigitsCSV(b)
	case spec.FormatF32Matrix:
		d, err = DecodeF32Matrix(b)
	case spec.FormatBytes:
		d, err = DecodeBytes(b)
	default:
		return nil, fmt.Errorf("%w: unknown format %q", ErrFormat, format)
	}
	if err != nil {
		return nil, err
	}
	d.Hash = commit.Keccak256(b)
	return d, nil
}

// CheckSpec checks that the dataset is the one the spec names: same hash,
// rows and features, every label below the spec's class count; for a token
// stream, the spec's token count and hash.
func (d *Dataset) CheckSpec(s spec.Dataset) error {
	if (s.Format == spec.FormatBytes) != d.IsTokens() {
		if d.IsTokens() {
			return fmt.Errorf("dataset: a token stream, the spec's dataset.format %q has rows", s.Format)
		}
		return fmt.Errorf("dataset: %d rows, the spec's dataset.format %q is a token stream", d.Rows, s.Format)
	}
	if d.IsTokens() {
		if len(d.Tokens) != s.Tokens {
			return fmt.Errorf("dataset: %d tokens, the spec's dataset.tokens is %d", len(d.Tokens), s.Tokens)
		}
		if d.Hash != s.Hash {
			return fmt.Errorf("dataset: hash %s, the spec's dataset.hash is %s", d.Hash, s.Hash)
		}
		return nil
	}
	if d.Hash != s.Hash {
		return fmt.Errorf("dataset: hash %s, spec says %s", d.Hash, s.Hash)
	}
	if d.Rows != s.Rows {
		return fmt.Errorf("dataset: %d rows, spec says %d", d.Rows, s.Rows)
	}
	if d.Features != s.Features {
		return fmt.Errorf("dataset: %d features, spec says %d", d.Features, s.Features)
	}
	if d.Classes > s.Classes {
		return fmt.Errorf("dataset: label %d present, spec says %d classes", d.Classes-1, s.Classes)
	}
	return nil
}

// Subset returns the rows (a token stream: the tokens) with the given
// indices, in that order.
func (d *Dataset) Subset(rows []int) *Dataset {
	if d.IsTokens() {
		t := make([]uint32, len(rows))
		for i, j := range rows {
			t[i] = d.Tokens[j]
		}
		return d.tokens(t)
	}
	out := &Dataset{Rows: len(rows), Features: d.Features, Classes: d.Classes, Hash: d.Hash,
		X: make([]float32, 0, len(rows)*d.Features), Y: make([]uint32, 0, len(rows))}
	for _, r := range rows {
		out.X = append(out.X, d.X[r*d.Features:(r+1)*d.Features]...)
		out.Y = append(out.Y, d.Y[r])
	}
	return out
}

// Split returns the training and held-out parts under the spec's rule. A
// token stream splits into two token streams, each in the original order
// (rule "last": the first len-count tokens and the last count).
func (d *Dataset) Split(h spec.Holdout) (train, holdout *Dataset) {
	if d.IsTokens() {
		n := len(d.Tokens)
		if h.Rule == spec.HoldoutLast && h.Count >= 0 && h.Count <= n {
			cut := n - h.Count
			return d.tokens(slices.Clone(d.Tokens[:cut])), d.tokens(slices.Clone(d.Tokens[cut:]))
		}
	}
	tr, ho := h.Split(d.Len())
	return d.Subset(tr), d.Subset(ho)
}

// TokenFloats returns the token stream as float32 values (token ids are
// below 2^16, exact), the form a step graph's data node holds.
func (d *Dataset) TokenFloats() []float32 {
	f := make([]float32, len(d.Tokens))
	for i, t := range d.Tokens {
		f[i] = float32(t)
	}
	return f
}

func (d *Dataset) tokens(t []uint32) *Dataset {
	if t == nil {
		t = []uint32{}
	}
	return &Dataset{Tokens: t, Vocab: d.Vocab, Hash: d.Hash}
}

// --- bytes ---

// ByteVocab is the vocabulary of the bytes format: one token per byte value.
const ByteVocab = spec.ByteVocab

// DecodeBytes decodes the bytes format: every byte of the blob is one
// token (its value, 0..255), in order. The blob holds 2 to MaxTokens bytes.
func DecodeBytes(b []byte) (*Dataset, error) {
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: %d bytes, a token stream has at least 2", ErrFormat, len(b))
	}
	if len(b) > MaxTokens {
		return nil, fmt.Errorf("%w: %d bytes, more than %d tokens", ErrFormat, len(b), MaxTokens)
	}
	t := make([]uint32, len(b))
	for i, c := range b {
		t[i] = uint32(c)
	}
	return &Dataset{Tokens: t, Vocab: ByteVocab}, nil
}

// Open decodes a blob in the spec's format and checks it against the spec
// (CheckSpec): the one call a job's consumer needs before Split.
func Open(b []byte, s spec.Dataset) (*Dataset, error) {
	if s.Format == spec.FormatBytes && len(b) != s.Tokens {
		// Cheaper than hashing, and the clearer error.
		return nil, fmt.Errorf("dataset: %d bytes, the spec's dataset.tokens is %d", len(b), s.Tokens)
	}
	d, err := Decode(b, s.Format)
	if err != nil {
		return nil, err
	}
	if err := d.CheckSpec(s); err != nil {
		return nil, err
	}
	return d, nil
}

// --- digits-csv ---

// DecodeDigitsCSV decodes the digits CSV (gzip-compressed if it starts with
// the gzip magic 1f 8b): one row per line ("\n" or "\r\n", the last line's
// terminator optional, no header, no blank lines), 65 comma-separated
// decimal integers without sign or spaces: 64 pixels in 0..16, then the
// label in 0..9. Feature j of a row is float32(pixel_j) * 0.0625 (= /16,
// exact in float32).
func DecodeDigitsCSV(b []byte) (*Dataset, error) {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrFormat, err)
		}
		plain, err := io.ReadAll(io.LimitReader(zr, MaxDecompressed+1))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrFormat, err)
		}
		if len(plain) > MaxDecompressed {
			return nil, fmt.Errorf("%w: more than %d bytes after decompression", ErrFormat, MaxDecompressed)
		}
		b = plain
	}
	d := &Dataset{Features: DigitsFeatures, Classes: DigitsClasses}
	line := 0
	for len(b) > 0 {
		line++
		end := bytes.IndexByte(b, '\n')
		var row []byte
		if end < 0 {
			row, b = b, nil
		} else {
			row, b = b[:end], b[end+1:]
		}
		row = bytes.TrimSuffix(row, []byte{'\r'})
		if len(row) == 0 {
			return nil, fmt.Errorf("%w: line %d: empty line", ErrFormat, line)
		}
		if d.Rows >= MaxRows {
			return nil, fmt.Errorf("%w: more than %d rows", ErrFormat, MaxRows)
		}
		field := 0
		for f := range bytes.SplitSeq(row, []byte{','}) {
			if field > DigitsFeatures {
				return nil, fmt.Errorf("%w: line %d: more than %d fields", ErrFormat, line, DigitsFeatures+1)
			}
			v, err := smallUint(f)
			max := DigitsMaxPixel
			if field == DigitsFeatures {
				max = DigitsClasses - 1
			}
			if err != nil || v > max {
				return nil, fmt.Errorf("%w: line %d field %d: %q is not an integer in [0, %d]", ErrFormat, line, field+1, f, max)
			}
			if field == DigitsFeatures {
				d.Y = append(d.Y, uint32(v))
			} else {
				d.X = append(d.X, float32(v)*0.0625)
			}
			field++
		}
		if field != DigitsFeatures+1 {
			return nil, fmt.Errorf("%w: line %d: %d fields, want %d", ErrFormat, line, field, DigitsFeatures+1)
		}
		d.Rows++
	}
	if d.Rows == 0 {
		return nil, fmt.Errorf("%w: no rows", ErrFormat)
	}
	return d, nil
}

// smallUint parses 1 to 3 decimal digits.
func smallUint(f []byte) (int, error) {
	if len(f) == 0 || len(f) > 3 {
		return 0, ErrFormat
	}
	v := 0
	for _, c := range f {
		if c < '0' || c > '9' {
			return 0, ErrFormat
		}
		v = v*10 + int(c-'0')
	}
	return v, nil
}

// --- f32-matrix ---

// F32MatrixMagic starts every f32-matrix blob.
const F32MatrixMagic = "GSNF32MX"

// F32MatrixVersion is the only version accepted.
const F32MatrixVersion = 1

const f32HeaderLen = 8 + 4 + 4 + 4

// DecodeF32Matrix decodes the float32 matrix format: the 8-byte magic
// "GSNF32MX", uint32 version (1), uint32 rows (>= 1), uint32 cols (>= 2),
// then rows*cols IEEE-754 binary32 values, all big-endian, row-major, and
// nothing after. Columns 0..cols-2 are the features (finite values, used
// as they are); the last column is the label, a non-negative integer value
// below 65536.
func DecodeF32Matrix(b []byte) (*Dataset, error) {
	if len(b) < f32HeaderLen {
		return nil, fmt.Errorf("%w: %d bytes, shorter than the %d-byte header", ErrFormat, len(b), f32HeaderLen)
	}
	if string(b[:8]) != F32MatrixMagic {
		return nil, fmt.Errorf("%w: bad magic %q, want %q", ErrFormat, b[:8], F32MatrixMagic)
	}
	if v := binary.BigEndian.Uint32(b[8:]); v != F32MatrixVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, F32MatrixVersion)
	}
	rows := binary.BigEndian.Uint32(b[12:])
	cols := binary.BigEndian.Uint32(b[16:])
	if rows < 1 || rows > MaxRows {
		return nil, fmt.Errorf("%w: %d rows, want 1..%d", ErrFormat, rows, MaxRows)
	}
	if cols < 2 || cols > MaxCols {
		return nil, fmt.Errorf("%w: %d columns, want 2..%d", ErrFormat, cols, MaxCols)
	}
	want := uint64(f32HeaderLen) + 4*uint64(rows)*uint64(cols)
	if uint64(len(b)) != want {
		return nil, fmt.Errorf("%w: %d bytes, header says %d rows x %d columns = %d bytes", ErrFormat, len(b), rows, cols, want)
	}
	r, c := int(rows), int(cols)
	d := &Dataset{Rows: r, Features: c - 1, X: make([]float32, 0, r*(c-1)), Y: make([]uint32, r)}
	p := b[f32HeaderLen:]
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			w := binary.BigEndian.Uint32(p)
			p = p[4:]
			f := math.Float32frombits(w)
			if j < c-1 {
				if f != f || math.IsInf(float64(f), 0) {
					return nil, fmt.Errorf("%w: row %d column %d: feature is not finite (%#08x)", ErrFormat, i, j, w)
				}
				d.X = append(d.X, f)
				continue
			}
			if !(f >= 0 && f <= MaxLabel) || f != float32(uint32(f)) || w == 0x80000000 {
				return nil, fmt.Errorf("%w: row %d: label %v (%#08x) is not an integer in [0, %d]", ErrFormat, i, f, w, MaxLabel)
			}
			d.Y[i] = uint32(f)
			if int(d.Y[i]) >= d.Classes {
				d.Classes = int(d.Y[i]) + 1
			}
		}
	}
	return d, nil
}

// EncodeF32Matrix encodes features x ([rows, features], row-major) and
// labels y as an f32-matrix blob.
func EncodeF32Matrix(rows, features int, x []float32, y []uint32) ([]byte, error) {
	if rows < 1 || features < 1 || len(x) != rows*features || len(y) != rows {
		return nil, fmt.Errorf("dataset: encode: %d rows x %d features does not match %d values and %d labels", rows, features, len(x), len(y))
	}
	b := make([]byte, 0, f32HeaderLen+4*rows*(features+1))
	b = append(b, F32MatrixMagic...)
	b = binary.BigEndian.AppendUint32(b, F32MatrixVersion)
	b = binary.BigEndian.AppendUint32(b, uint32(rows))
	b = binary.BigEndian.AppendUint32(b, uint32(features+1))
	for i := 0; i < rows; i++ {
		for _, f := range x[i*features : (i+1)*features] {
			b = binary.BigEndian.AppendUint32(b, math.Float32bits(f))
		}
		b = binary.BigEndian.AppendUint32(b, math.Float32bits(float32(y[i])))
	}
	return b, nil
}
