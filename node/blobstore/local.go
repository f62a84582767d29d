package blobstore

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/crypto/sha3"
)

// Local stores blobs as files under a directory: <dir>/<h[0:2]>/<h>, written
// to a temporary file, fsynced and renamed into place, so a crash never
// leaves a partial blob under its address.
type Local struct {
	dir string
}

var _ Store = (*Local)(nil)

// NewLocal opens (creating if needed) a local store in dir.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		return nil, fmt.Errorf("blobstore: %w", err)
	}
	return &Local{dir: dir}, nil
}

func (l *Local) path(h Hash) string {
	x := hex.EncodeToString(h[:])
	return filepath.Join(l.dir, x[:2], x)
}

// Put implements Store.
func (l *Local) Put(ctx context.Context, r io.Reader, limit int64) (Info, error) {
	tmp, err := os.CreateTemp(filepath.Join(l.dir, "tmp"), "put-*")
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after a successful rename
	d := sha3.NewLegacyKeccak256()
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	n, err := io.Copy(io.MultiWriter(tmp, d), &ctxReader{ctx: ctx, r: src})
	if err != nil {
		tmp.Close()
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	if limit > 0 && n > limit {
		tmp.Close()
		return Info{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	var h Hash
	d.Sum(h[:0])
	info := Info{Hash: h, Size: n}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	dst := l.path(h)
	if _, err := os.Stat(dst); err == nil {
		return info, nil // already stored: content addressing makes Put idempotent
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	if dir, err := os.Open(filepath.Dir(dst)); err == nil {
		_ = dir.Sync()
		dir.Close()
	}
	return info, nil
}

// Get implements Store. The returned reader verifies the content at EOF, so
// a blob corrupted on disk is reported, never served as good.
func (l *Local) Get(_ context.Context, h Hash) (io.ReadCloser, Info, error) {
	f, err := os.Open(l.path(h))
	if errors.Is(err, os.ErrNotExist) {
		return nil, Info{}, fmt.Errorf("%w: %s", ErrNotFound, h)
	}
	if err != nil {
		return nil, Info{}, fmt.Errorf("blobstore: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, Info{}, fmt.Errorf("blobstore: %w", err)
	}
	return readCloser{Reader: NewVerifyingReader(f, h), Closer: f}, Info{Hash: h, Size: fi.Size()}, nil
}

// Stat implements Store.
func (l *Local) Stat(_ context.Context, h Hash) (Info, error) {
	fi, err := os.Stat(l.path(h))
	if errors.Is(err, os.ErrNotExist) {
		return Info{}, fmt.Errorf("%w: %s", ErrNotFound, h)
	}
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	return Info{Hash: h, Size: fi.Size()}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// ctxReader stops a long copy when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Ping implements Pinger: the store's directory must exist and be a
// directory.
func (l *Local) Ping(context.Context) error {
	fi, err := os.Stat(filepath.Join(l.dir, "tmp"))
	if err != nil {
		return fmt.Errorf("blobstore: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("blobstore: %s is not a directory", filepath.Join(l.dir, "tmp"))
	}
	return nil
}
