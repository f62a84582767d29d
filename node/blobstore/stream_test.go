package blobstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testChunk = 1000

// chunkedServer is a Local store behind the HTTP server, reached through
// mw (nil: directly), and a client with a small chunk size.
func chunkedServer(t *testing.T, maxSize int64, mw func(http.Handler) http.Handler) (*Client, *Local) {
	t.Helper()
	store, err := NewLocal(t.TempDir())
	require.NoError(t, err)
	s := NewServer(store, maxSize, nil)
	s.SetUploadDir(t.TempDir())
	var h http.Handler = s
	if mw != nil {
		h = mw(s)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := NewClient(srv.URL, srv.Client())
	c.ChunkSize = testChunk
	return c, store
}

func randomBlob(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// TestChunkedRoundTrip: a blob of several chunks uploads in chunks (one
// request each), lands whole in the local store, and streams back through
// Open and GetFile.
func TestChunkedRoundTrip(t *testing.T) {
	ctx := context.Background()
	var chunks atomic.Int32
	c, store := chunkedServer(t, 0, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v1/uploads/") {
				chunks.Add(1)
			}
			next.ServeHTTP(w, r)
		})
	})
	data := randomBlob(10*testChunk + 500)
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	require.Equal(t, Sum(data), h)
	require.Equal(t, int32(11), chunks.Load())

	rc, info, err := store.Get(ctx, h)
	require.NoError(t, err)
	stored, err := io.ReadAll(rc)
	rc.Close()
	require.NoError(t, err)
	require.Equal(t, data, stored)
	require.Equal(t, int64(len(data)), info.Size)

	r, size, err := c.Open(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), size)
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	require.NoError(t, r.Close())
	require.Equal(t, data, got)

	path := filepath.Join(t.TempDir(), "blob")
	n, err := c.GetFile(ctx, h, path, 0)
	require.NoError(t, err)
	require.Equal(t, int64(len(data)), n)
	onDisk, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, data, onDisk)

	// From a file, and an exact multiple of the chunk size.
	src := filepath.Join(t.TempDir(), "src")
	exact := randomBlob(3 * testChunk)
	require.NoError(t, os.WriteFile(src, exact, 0o644))
	h2, err := c.PutFile(ctx, src)
	require.NoError(t, err)
	require.Equal(t, Sum(exact), h2)
	got, err = c.Get(ctx, h2, int64(len(exact)))
	require.NoError(t, err)
	require.Equal(t, exact, got)
	_, err = c.Get(ctx, h2, int64(len(exact))-1)
	require.ErrorIs(t, err, ErrTooLarge)

	// The upload limit holds across chunks.
	small, _ := chunkedServer(t, 2500, nil)
	_, err = small.Put(ctx, data)
	require.ErrorIs(t, err, ErrTooLarge)
}

// TestTamperedChunkRefused: a chunk altered on its way (its bytes no longer
// its header's keccak256) is refused and not appended, and an upload whose
// bytes are not the committed hash is not stored.
func TestTamperedChunkRefused(t *testing.T) {
	ctx := context.Background()
	var puts atomic.Int32
	c, store := chunkedServer(t, 0, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v1/uploads/") && puts.Add(1) == 2 {
				b, _ := io.ReadAll(r.Body)
				b[7] ^= 1
				r.Body = io.NopCloser(bytes.NewReader(b))
			}
			next.ServeHTTP(w, r)
		})
	})
	data := randomBlob(4 * testChunk)
	_, err := c.Put(ctx, data)
	require.ErrorIs(t, err, ErrHashMismatch)
	_, err = store.Stat(ctx, Sum(data))
	require.ErrorIs(t, err, ErrNotFound)

	// By hand: a bad chunk leaves the upload at its last good byte, and a
	// commit under another hash stores nothing.
	id, err := c.openUpload(ctx)
	require.NoError(t, err)
	chunk := data[:testChunk]
	send := func(off int64, body []byte, sum Hash) int {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.base+"/v1/uploads/"+id+"?offset="+itoa(off), bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set(ChunkHashHeader, sum.String())
		resp, err := c.http.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Equal(t, http.StatusNoContent, send(0, chunk, Sum(chunk)))
	require.Equal(t, http.StatusBadRequest, send(testChunk, data[testChunk:2*testChunk], Sum(chunk)))
	require.Equal(t, http.StatusConflict, send(2*testChunk, chunk, Sum(chunk)), "the refused chunk was not appended")
	resp, err := c.do(ctx, http.MethodPost, "/v1/uploads/"+id+"/commit?hash="+Sum(data[:2*testChunk]).String(), nil, nil)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	_, err = store.Stat(ctx, Sum(data[:2*testChunk]))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = store.Stat(ctx, Sum(chunk))
	require.ErrorIs(t, err, ErrNotFound)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDownloadVerified: a tampered download is refused (ErrHashMismatch),
// one that always breaks off is ErrTruncated after its resumes, one that
// breaks off once resumes where it stopped; GetFile leaves no file behind
// a failed download.
func TestDownloadVerified(t *testing.T) {
	ctx := context.Background()
	data := randomBlob(5*testChunk + 17)
	var mode atomic.Int32 // 0: pass, 1: flip a byte, 2: cut every response, 3: cut the first response
	var gets atomic.Int32
	c, _ := chunkedServer(t, 0, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet || mode.Load() == 0 {
				next.ServeHTTP(w, r)
				return
			}
			n := gets.Add(1)
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			switch m := mode.Load(); {
			case m == 1:
				body = append([]byte(nil), body...)
				body[len(body)/2] ^= 0x80
			case m == 2 || (m == 3 && n == 1):
				// Content-Length promises more: the client sees the stream
				// end early.
				body = body[:len(body)/3]
			}
			_, _ = w.Write(body)
		})
	})
	h, err := c.Put(ctx, data)
	require.NoError(t, err)
	dir := t.TempDir()
	path := filepath.Join(dir, "blob")
	noFiles := func() {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, "no file, partial or whole, after a failed download")
	}

	mode.Store(1)
	_, err = c.Get(ctx, h, 0)
	require.ErrorIs(t, err, ErrHashMismatch)
	_, err = c.GetFile(ctx, h, path, 0)
	require.ErrorIs(t, err, ErrHashMismatch)
	noFiles()

	mode.Store(2)
	_, err = c.Get(ctx, h, 0)
	require.ErrorIs(t, err, ErrTruncated)
	_, err = c.GetFile(ctx, h, path, 0)
	require.ErrorIs(t, err, ErrTruncated)
	noFiles()

	mode.Store(3)
	gets.Store(0)
	got, err := c.Get(ctx, h, 0)
	require.NoError(t, err)
	require.Equal(t, data, got)
	require.Equal(t, int32(2), gets.Load(), "resumed once, with a range")
}

// TestOrphanUploadsSwept: a staged file no upload owns (a server stopped
// mid-upload) is removed once idle for an hour; a recent one is kept.
func TestOrphanUploadsSwept(t *testing.T) {
	store, err := NewLocal(t.TempDir())
	require.NoError(t, err)
	s := NewServer(store, 0, nil)
	dir := t.TempDir()
	s.SetUploadDir(dir)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	old, recent := filepath.Join(dir, "upload-old"), filepath.Join(dir, "upload-recent")
	require.NoError(t, os.WriteFile(old, []byte("partial"), 0o644))
	require.NoError(t, os.WriteFile(recent, []byte("partial"), 0o644))
	past := time.Now().Add(-2 * uploadIdle)
	require.NoError(t, os.Chtimes(old, past, past))
	c := NewClient(srv.URL, srv.Client())
	id, err := c.openUpload(context.Background())
	require.NoError(t, err)
	require.NoFileExists(t, old)
	require.FileExists(t, recent)
	require.FileExists(t, filepath.Join(dir, "upload-"+id))
}
