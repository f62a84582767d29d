// Package blobstore is content-addressed storage for everything a job moves
// around off chain: specs, datasets, checkpoints and traces. A blob's address
// is the keccak256 hash of its bytes, so any reader can check what it got
// against the hash it asked for (and the hash a contract holds).
//
// Store is the backend interface; Local keeps blobs in a directory. Server
// puts any Store behind an HTTP API and Client talks to it, verifying every
// blob it downloads.
package blobstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"

	"golang.org/x/crypto/sha3"
)

// Hash is the keccak256 of a blob's bytes.
type Hash [32]byte

// String renders the hash as 0x-prefixed hex.
func (h Hash) String() string { return "0x" + hex.EncodeToString(h[:]) }

// ParseHash reads a 0x-prefixed (or bare) 64-digit hex hash.
func ParseHash(s string) (Hash, error) {
	var h Hash
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != len(h) {
		return h, fmt.Errorf("%w: %q is not 32 bytes of hex", ErrBadHash, s)
	}
	copy(h[:], b)
	return h, nil
}

// Sum returns the address of data.
func Sum(data []byte) Hash {
	d := sha3.NewLegacyKeccak256()
	d.Write(data)
	var h Hash
	d.Sum(h[:0])
	return h
}

// Typed errors of every backend and of the HTTP client.
var (
	ErrNotFound     = errors.New("blob not found")
	ErrBadHash      = errors.New("bad blob hash")
	ErrHashMismatch = errors.New("blob content does not match its hash")
	ErrTooLarge     = errors.New("blob too large")
)

// Unusable reports whether a Get failed because of the blob itself (missing,
// not what its hash says, or too large) rather than the store being
// unreachable: a job that names such a blob is skipped, not retried.
func Unusable(err error) bool {
	return errors.Is(err, ErrNotFound) || errors.Is(err, ErrHashMismatch) || errors.Is(err, ErrTooLarge)
}

// Info describes a stored blob.
type Info struct {
	Hash Hash  `json:"hash"`
	Size int64 `json:"size"`
}

// Store is a content-addressed blob backend. Implementations must be safe for
// concurrent use; Put of content that is already stored is a no-op.
type Store interface {
	// Put stores the reader's bytes (at most limit bytes if limit > 0) and
	// returns their address.
	Put(ctx context.Context, r io.Reader, limit int64) (Info, error)
	// Get opens a stored blob; it returns ErrNotFound if there is none.
	Get(ctx context.Context, h Hash) (io.ReadCloser, Info, error)
	// Stat reports a stored blob's size, or ErrNotFound.
	Stat(ctx context.Context, h Hash) (Info, error)
}

// verifyingReader hashes what passes through and, at EOF, fails with
// ErrHashMismatch if the bytes were not the expected blob.
type verifyingReader struct {
	r    io.Reader
	d    hash.Hash
	want Hash
}

// NewVerifyingReader wraps r so that reading it to EOF checks its keccak256.
func NewVerifyingReader(r io.Reader, want Hash) io.Reader {
	return &verifyingReader{r: r, d: sha3.NewLegacyKeccak256(), want: want}
}

func (v *verifyingReader) Read(p []byte) (int, error) {
	n, err := v.r.Read(p)
	v.d.Write(p[:n])
	if err == io.EOF {
		var got Hash
		v.d.Sum(got[:0])
		if got != v.want {
			return n, fmt.Errorf("%w: want %s, got %s", ErrHashMismatch, v.want, got)
		}
	}
	return n, err
}
