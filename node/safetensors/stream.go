package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Info is a tensor's header entry: its name, dtype, shape and byte range in
// the data section.
type Info struct {
	Name  string
	DType string
	Shape []int
	// Begin and End are the tensor's byte range in the data section.
	Begin, End int64
}

// Size is the tensor's size in bytes.
func (i *Info) Size() int64 { return i.End - i.Begin }

// Stream reads a safetensors file from a stream one tensor at a time,
// holding no tensor's bytes: NewStream reads and validates the header (as
// Read does), Next returns each tensor in data-section order with a reader
// of exactly its bytes, and the last Next checks that the data section
// ends where the header says (no truncation, no trailing bytes). A file
// Stream reads to the end is one Read accepts, with the same tensors, and
// a file Read refuses as malformed gives Stream the same error (wrapping
// ErrFormat) by the time Next has returned io.EOF or an error.
type Stream struct {
	r     io.Reader
	infos []Info
	meta  map[string]string
	end   int64 // the data section's length

	next int   // index of the tensor Next returns next
	off  int64 // data bytes read so far
	cur  *tensorReader
	err  error // sticky: a format or I/O error
}

// NewStream reads and validates the header of a safetensors file from r:
// the header length, the JSON header and the tensors' byte ranges
// (contiguous, without gap or overlap). Memory use follows the header's
// bytes actually read, not its claimed length.
func NewStream(r io.Reader) (*Stream, error) {
	var lenb [8]byte
	if _, err := io.ReadFull(r, lenb[:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, formatErr("truncated: no 8-byte header length")
		}
		return nil, err
	}
	n := binary.LittleEndian.Uint64(lenb[:])
	if n < 2 || n > MaxHeaderLen {
		return nil, formatErr("header length %d, must be in 2..%d", n, MaxHeaderLen)
	}
	var hb bytes.Buffer
	if got, err := io.CopyN(&hb, r, int64(n)); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, formatErr("truncated header: %d of %d bytes", got, n)
		}
		return nil, err
	}
	entries, meta, err := parseHeader(hb.Bytes())
	if err != nil {
		return nil, formatErr("header: %v", err)
	}
	end, err := orderEntries(entries)
	if err != nil {
		return nil, err
	}
	s := &Stream{r: r, meta: meta, end: int64(end), infos: make([]Info, len(entries))}
	for i, e := range entries {
		s.infos[i] = Info{Name: e.name, DType: e.DType, Shape: e.Shape, Begin: int64(e.DataOffsets[0]), End: int64(e.DataOffsets[1])}
	}
	return s, nil
}

// formatErr is an error for a malformed file.
func formatErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(format, a...))
}

// orderEntries sorts the entries by byte range and checks that the ranges
// start at 0, follow each other without gap or overlap, and returns where
// the last ends (the data section's length).
func orderEntries(entries []entry) (uint64, error) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i].DataOffsets, entries[j].DataOffsets
		return a[0] < b[0] || (a[0] == b[0] && a[1] < b[1])
	})
	var end uint64
	for _, e := range entries {
		b, en := e.DataOffsets[0], e.DataOffsets[1]
		switch {
		case b < end:
			return 0, formatErr("tensor %q: data_offsets [%d, %d] overlap the previous tensor (ending at %d)", e.name, b, en, end)
		case b > end:
			return 0, formatErr("tensor %q: data_offsets [%d, %d] leave a gap after byte %d", e.name, b, en, end)
		}
		end = en
	}
	return end, nil
}

// Tensors returns every tensor's header entry in data-section order (the
// order Next returns them in). The caller must not modify them.
func (s *Stream) Tensors() []Info { return s.infos }

// Metadata returns the header's metadata (nil when it has none).
func (s *Stream) Metadata() map[string]string { return s.meta }

// DataSize is the data section's length the header gives.
func (s *Stream) DataSize() int64 { return s.end }

// Next skips what is left unread of the previous tensor and returns the
// next tensor's entry and a reader of exactly its bytes; a reader that ends
// early says "truncated data" (wrapping ErrFormat). After the last tensor
// it reads one byte past the data section and returns io.EOF when the file
// ends there, a "trailing bytes" error (wrapping ErrFormat) otherwise.
// Errors are sticky; an I/O error of the underlying reader is returned as
// it is.
func (s *Stream) Next() (*Info, io.Reader, error) {
	if s.err != nil {
		return nil, nil, s.err
	}
	if s.cur != nil {
		if _, err := io.Copy(io.Discard, s.cur); err != nil {
			s.err = err
			return nil, nil, err
		}
		s.cur = nil
	}
	if s.next == len(s.infos) {
		var one [1]byte
		k, err := io.ReadFull(s.r, one[:])
		switch {
		case k > 0:
			s.err = formatErr("trailing bytes after the %d bytes of data", s.end)
		case errors.Is(err, io.EOF):
			s.err = io.EOF
		default:
			s.err = err
		}
		return nil, nil, s.err
	}
	info := &s.infos[s.next]
	s.next++
	s.cur = &tensorReader{s: s, left: info.Size()}
	return info, s.cur, nil
}

// tensorReader reads one tensor's bytes from its stream.
type tensorReader struct {
	s    *Stream
	left int64
}

func (t *tensorReader) Read(p []byte) (int, error) {
	s := t.s
	if s.err != nil {
		return 0, s.err
	}
	if t.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > t.left {
		p = p[:t.left]
	}
	n, err := s.r.Read(p)
	t.left -= int64(n)
	s.off += int64(n)
	switch {
	case err == nil || (err == io.EOF && t.left == 0):
		return n, nil
	case err == io.EOF:
		s.err = formatErr("truncated data: %d of %d bytes", s.off, s.end)
	default:
		s.err = err
	}
	if n > 0 {
		return n, nil // the error comes with the next call
	}
	return 0, s.err
}
