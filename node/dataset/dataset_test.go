package dataset

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/gensyn-stack/gensyn/node/spec"
)

const digitsPath = "../../data/digits.csv.gz"

// digitsHash pins the checked-in data file; examples/digits-mlp.json names it.
const digitsHash = "0x324393162079904ee60cfd1910c446f7b73f25320f4d2666017eccba8f553ed0"

func TestDigitsFile(t *testing.T) {
	d, err := Load(digitsPath, spec.FormatDigitsCSV)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 1797 || d.Features != 64 || d.Classes != 10 || len(d.X) != 1797*64 || len(d.Y) != 1797 {
		t.Fatalf("shape %d x %d, %d classes", d.Rows, d.Features, d.Classes)
	}
	if d.Hash.String() != digitsHash {
		t.Fatalf("hash %s, want %s", d.Hash, digitsHash)
	}
	// First row: 0,0,5,13,9,1,... label 0.
	if d.X[2] != 5.0/16 || d.X[3] != 13.0/16 || d.Y[0] != 0 || d.Y[1] != 1 {
		t.Fatalf("first rows decoded as %v... label %d, %d", d.X[:4], d.Y[0], d.Y[1])
	}
	counts := make([]int, 10)
	for _, y := range d.Y {
		counts[y]++
	}
	for c, n := range counts {
		if n < 170 || n > 185 {
			t.Fatalf("class %d has %d rows", c, n)
		}
	}
	// The plain CSV decodes to the same data, with its own hash.
	zb, _ := os.ReadFile(digitsPath)
	zr, _ := gzip.NewReader(bytes.NewReader(zb))
	plain, _ := io.ReadAll(zr)
	p, err := Decode(plain, spec.FormatDigitsCSV)
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows != d.Rows || p.Hash == d.Hash {
		t.Fatal("plain CSV differs or shares the gzip blob's hash")
	}
	for i := range p.X {
		if math.Float32bits(p.X[i]) != math.Float32bits(d.X[i]) {
			t.Fatal("plain CSV decodes differently")
		}
	}
	// CRLF is accepted.
	crlf := bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n"))
	if c, err := Decode(crlf, spec.FormatDigitsCSV); err != nil || c.Rows != 1797 {
		t.Fatalf("CRLF: %v", err)
	}
	train, hold := d.Split(spec.Holdout{Rule: spec.HoldoutLast, Count: 297})
	if train.Rows != 1500 || hold.Rows != 297 || hold.Y[0] != d.Y[1500] || hold.X[0] != d.X[1500*64] {
		t.Fatal("split")
	}
}

func TestDigitsErrors(t *testing.T) {
	row := strings.Repeat("1,", 64) + "3"
	cases := map[string]string{
		"":                                     "no rows",
		row + "\n\n" + row:                     "line 2: empty line",
		strings.Repeat("1,", 63) + "3":         "line 1: 64 fields, want 65",
		row + ",1":                             "line 1: more than 65 fields",
		strings.Repeat("1,", 64) + "10":        `line 1 field 65: "10" is not an integer in [0, 9]`,
		"17," + strings.Repeat("1,", 63) + "3": `line 1 field 1: "17" is not an integer in [0, 16]`,
		"-1," + strings.Repeat("1,", 63) + "3": `line 1 field 1: "-1" is not an integer`,
		" 1," + strings.Repeat("1,", 63) + "3": `line 1 field 1: " 1" is not an integer`,
		"\x1f\x8bnot gzip":                     "gzip",
	}
	for in, want := range cases {
		_, err := DecodeDigitsCSV([]byte(in))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Errorf("%.20q: error %v, want %q", in, err, want)
		}
	}
	if d, err := DecodeDigitsCSV([]byte(row + "\n" + row + "\n")); err != nil || d.Rows != 2 || d.Y[1] != 3 {
		t.Fatalf("two rows: %v", err)
	}
}

func TestF32Matrix(t *testing.T) {
	x := []float32{1.5, -2, float32(math.Copysign(0, -1)), 3e-40, 7, 8}
	y := []uint32{4, 0, 65535}
	b, err := EncodeF32Matrix(3, 2, x, y)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(b, spec.FormatF32Matrix)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 3 || d.Features != 2 || d.Classes != 65536 || d.Y[0] != 4 || d.Y[2] != 65535 {
		t.Fatalf("decoded %+v", d)
	}
	for i := range x {
		if math.Float32bits(d.X[i]) != math.Float32bits(x[i]) {
			t.Fatalf("x[%d] %v, want %v", i, d.X[i], x[i])
		}
	}
	bad := func(mut func([]byte) []byte, want string) {
		t.Helper()
		c := mut(append([]byte(nil), b...))
		_, err := DecodeF32Matrix(c)
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
	bad(func(c []byte) []byte { return c[:len(c)-1] }, "header says 3 rows x 3 columns")
	bad(func(c []byte) []byte { return append(c, 0) }, "header says")
	bad(func(c []byte) []byte { c[0] = 'X'; return c }, "bad magic")
	bad(func(c []byte) []byte { c[11] = 2; return c }, "version 2")
	bad(func(c []byte) []byte { return c[:10] }, "shorter than")
	bad(func(c []byte) []byte { copy(c[20:], []byte{0x7f, 0xc0, 0, 0}); return c }, "not finite")
	bad(func(c []byte) []byte { copy(c[28:], []byte{0x3f, 0xc0, 0, 0}); return c }, "label 1.5")
	bad(func(c []byte) []byte { copy(c[28:], []byte{0xbf, 0x80, 0, 0}); return c }, "label -1")
	bad(func(c []byte) []byte { copy(c[28:], []byte{0x80, 0, 0, 0}); return c }, "label -0")
	bad(func(c []byte) []byte { c[19] = 1; return c }, "1 columns")
	if _, err := Decode(b, "csv"); !errors.Is(err, ErrFormat) {
		t.Error("unknown format accepted")
	}
}

func FuzzDigitsCSV(f *testing.F) {
	f.Add([]byte(strings.Repeat("1,", 64) + "3\n"))
	f.Add([]byte("0,0\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeDigitsCSV(b)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if len(d.X) != d.Rows*64 || len(d.Y) != d.Rows {
			t.Fatal("inconsistent dataset")
		}
	})
}

func FuzzF32Matrix(f *testing.F) {
	b, _ := EncodeF32Matrix(2, 1, []float32{1, 2}, []uint32{0, 1})
	f.Add(b)
	f.Add([]byte(F32MatrixMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeF32Matrix(b)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		re, err := EncodeF32Matrix(d.Rows, d.Features, d.X, d.Y)
		if err != nil || !bytes.Equal(re, b) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}
