package blobstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/crypto/sha3"
)

// maxResumes bounds how many times one download resumes after its stream
// broke off.
const maxResumes = 3

func (c *Client) chunkSize() int64 {
	if c.ChunkSize > 0 {
		return c.ChunkSize
	}
	return DefaultChunkSize
}

// PutReader uploads r's bytes in chunks of the client's chunk size, each
// sent with its keccak256 (the server refuses a chunk that does not match),
// then commits the upload as the blob whose keccak256 it computed while
// reading: the server stores it only if it received exactly those bytes. It
// holds one chunk in memory at a time and returns the blob's address and
// size.
func (c *Client) PutReader(ctx context.Context, r io.Reader) (Hash, int64, error) {
	buf := make([]byte, c.chunkSize())
	n, rerr := io.ReadFull(r, buf)
	switch {
	case rerr == io.EOF || rerr == io.ErrUnexpectedEOF:
		// One chunk or less: one request.
		h, err := c.putOne(ctx, buf[:n])
		return h, int64(n), err
	case rerr != nil:
		return Hash{}, 0, fmt.Errorf("blobstore: put: read: %w", rerr)
	}
	id, err := c.openUpload(ctx)
	if err != nil {
		return Hash{}, 0, err
	}
	committed := false
	defer func() {
		if !committed {
			c.dropUpload(id)
		}
	}()
	d := sha3.NewLegacyKeccak256()
	var off int64
	for first := true; ; first = false {
		if !first {
			n, rerr = io.ReadFull(r, buf)
		}
		if rerr != nil && rerr != io.EOF && rerr != io.ErrUnexpectedEOF {
			return Hash{}, 0, fmt.Errorf("blobstore: put: read: %w", rerr)
		}
		if n > 0 {
			d.Write(buf[:n])
			if err := c.putChunk(ctx, id, off, buf[:n]); err != nil {
				return Hash{}, 0, err
			}
			off += int64(n)
		}
		if rerr != nil {
			break
		}
	}
	var want Hash
	d.Sum(want[:0])
	resp, err := c.do(ctx, http.MethodPost, "/v1/uploads/"+id+"/commit?hash="+want.String(), nil, nil)
	if err != nil {
		return Hash{}, 0, fmt.Errorf("blobstore: put: %w", err)
	}
	defer resp.Body.Close()
	committed = true // the server drops the upload whatever the outcome
	if resp.StatusCode != http.StatusCreated {
		return Hash{}, 0, responseError("put (commit)", resp)
	}
	var info infoJSON
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&info); err != nil {
		return Hash{}, 0, fmt.Errorf("blobstore: put: bad response: %w", err)
	}
	got, err := ParseHash(info.Hash)
	if err != nil || got != want || info.Size != off {
		return Hash{}, 0, fmt.Errorf("%w: server stored %s (%d bytes), sent %s (%d bytes)", ErrHashMismatch, info.Hash, info.Size, want, off)
	}
	return want, off, nil
}

// PutFile uploads a file in chunks (PutReader).
func (c *Client) PutFile(ctx context.Context, path string) (Hash, error) {
	f, err := os.Open(path)
	if err != nil {
		return Hash{}, fmt.Errorf("blobstore: %w", err)
	}
	defer f.Close()
	h, _, err := c.PutReader(ctx, f)
	return h, err
}

func (c *Client) do(ctx context.Context, method, path string, body io.Reader, hdr http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	return c.http.Do(req)
}

func (c *Client) openUpload(ctx context.Context) (string, error) {
	resp, err := c.do(ctx, http.MethodPost, "/v1/uploads", nil, nil)
	if err != nil {
		return "", fmt.Errorf("blobstore: put: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return "", responseError("put (open upload)", resp)
	}
	var v struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&v); err != nil || v.ID == "" {
		return "", fmt.Errorf("blobstore: put: bad upload response: %v", err)
	}
	return v.ID, nil
}

func (c *Client) putChunk(ctx context.Context, id string, off int64, chunk []byte) error {
	hdr := http.Header{}
	hdr.Set(ChunkHashHeader, Sum(chunk).String())
	hdr.Set("Content-Type", "application/octet-stream")
	resp, err := c.do(ctx, http.MethodPut, "/v1/uploads/"+id+"?offset="+strconv.FormatInt(off, 10), bytes.NewReader(chunk), hdr)
	if err != nil {
		return fmt.Errorf("blobstore: put chunk at %d: %w", off, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		if resp.StatusCode == http.StatusBadRequest {
			var e errorJSON
			_ = json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&e)
			return fmt.Errorf("blobstore: put chunk at %d: %w (%s)", off, ErrHashMismatch, e.Error)
		}
		return responseError(fmt.Sprintf("put chunk at %d", off), resp)
	}
	return nil
}

func (c *Client) dropUpload(id string) {
	resp, err := c.do(context.Background(), http.MethodDelete, "/v1/uploads/"+id, nil, nil)
	if err == nil {
		resp.Body.Close()
	}
}

// Open streams the blob h, at most maxSize bytes (<= 0: DefaultMaxBlobSize).
// The reader hashes what it returns and resumes (with a Range request) where
// a broken stream stopped; it ends with io.EOF only after exactly the
// blob's bytes whose keccak256 is h, otherwise with ErrHashMismatch or
// ErrTruncated. A caller must read it to EOF before trusting what it read.
// It returns the blob's size.
func (c *Client) Open(ctx context.Context, h Hash, maxSize int64) (io.ReadCloser, int64, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxBlobSize
	}
	br := &blobReader{c: c, ctx: ctx, h: h, d: sha3.NewLegacyKeccak256()}
	resp, err := br.get(0)
	if err != nil {
		return nil, 0, err
	}
	if resp.ContentLength < 0 {
		resp.Body.Close()
		return nil, 0, fmt.Errorf("blobstore: get %s: no Content-Length", h)
	}
	if resp.ContentLength > maxSize {
		resp.Body.Close()
		return nil, 0, fmt.Errorf("%w: %s is %d bytes, limit %d", ErrTooLarge, h, resp.ContentLength, maxSize)
	}
	br.size, br.body = resp.ContentLength, resp.Body
	return br, br.size, nil
}

type blobReader struct {
	c       *Client
	ctx     context.Context
	h       Hash
	d       hash.Hash
	size    int64
	off     int64
	body    io.ReadCloser
	resumes int
	err     error
}

func (b *blobReader) get(from int64) (*http.Response, error) {
	hdr := http.Header{}
	if from > 0 {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-", from))
	}
	resp, err := b.c.do(b.ctx, http.MethodGet, "/v1/blobs/"+b.h.String(), nil, hdr)
	if err != nil {
		return nil, fmt.Errorf("blobstore: get %s: %w", b.h, err)
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
		defer resp.Body.Close()
		return nil, responseError("get "+b.h.String(), resp)
	}
	return resp, nil
}

// resume reopens the stream at b.off.
func (b *blobReader) resume() error {
	b.body.Close()
	b.body = nil
	if b.resumes >= maxResumes || b.ctx.Err() != nil {
		return fmt.Errorf("%w: %s after %d of %d bytes", ErrTruncated, b.h, b.off, b.size)
	}
	b.resumes++
	resp, err := b.get(b.off)
	if err != nil {
		return fmt.Errorf("%w: %s after %d of %d bytes: %v", ErrTruncated, b.h, b.off, b.size, err)
	}
	if resp.StatusCode == http.StatusOK && b.off > 0 {
		// No range served: skip what was already read.
		if _, err := io.CopyN(io.Discard, resp.Body, b.off); err != nil {
			resp.Body.Close()
			return fmt.Errorf("%w: %s after %d of %d bytes: %v", ErrTruncated, b.h, b.off, b.size, err)
		}
	} else if resp.StatusCode == http.StatusPartialContent && resp.ContentLength != b.size-b.off {
		resp.Body.Close()
		return fmt.Errorf("%w: %s: resumed at %d with %d bytes, the blob has %d", ErrHashMismatch, b.h, b.off, resp.ContentLength, b.size)
	}
	b.body = resp.Body
	return nil
}

func (b *blobReader) Read(p []byte) (int, error) {
	for {
		if b.err != nil {
			return 0, b.err
		}
		if rem := b.size - b.off + 1; int64(len(p)) > rem {
			p = p[:rem] // one byte past the end shows a longer stream
		}
		n, err := b.body.Read(p)
		b.d.Write(p[:n])
		b.off += int64(n)
		if b.off > b.size {
			b.err = fmt.Errorf("%w: %s is longer than its %d bytes", ErrHashMismatch, b.h, b.size)
			return 0, b.err
		}
		if b.off == b.size && (err == nil || err == io.EOF) {
			// The verdict comes with the last bytes: a reader that stops at
			// the blob's length (a decoder) sees it too.
			if verr := b.verify(); verr != nil {
				b.err = verr
				return 0, verr
			}
			if err == io.EOF {
				b.err = io.EOF
			}
			return n, err
		}
		if err == nil {
			return n, nil
		}
		// Cut short (io.ErrUnexpectedEOF, a reset connection): resume.
		if rerr := b.resume(); rerr != nil {
			b.err = rerr
			return 0, rerr
		}
		if n > 0 {
			return n, nil
		}
	}
}

func (b *blobReader) verify() error {
	var got Hash
	b.d.Sum(got[:0])
	if got != b.h {
		return fmt.Errorf("%w: asked for %s, received %s", ErrHashMismatch, b.h, got)
	}
	return nil
}

func (b *blobReader) Close() error {
	if b.body != nil {
		return b.body.Close()
	}
	return nil
}

// GetFile downloads the blob h (at most maxSize bytes) to path: it streams
// into a temporary file next to it and renames it into place only once its
// keccak256 is h, so a corrupt or truncated download never leaves a file at
// path. It returns the blob's size.
func (c *Client) GetFile(ctx context.Context, h Hash, path string, maxSize int64) (int64, error) {
	rc, _, err := c.Open(ctx, h, maxSize)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".part-*")
	if err != nil {
		return 0, fmt.Errorf("blobstore: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	n, err := io.Copy(tmp, rc)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if !errors.Is(err, ErrHashMismatch) && !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrTooLarge) {
			err = fmt.Errorf("blobstore: get %s: %w", h, err)
		}
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("blobstore: %w", err)
	}
	return n, nil
}
