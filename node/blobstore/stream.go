package blobstore

import (
	"crypto/rand"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/sha3"
)

// Chunked, verified transfers (docs/worker.md, "Large blobs"):
//
//	POST   /v1/uploads                   open an upload; 201 {"id"}
//	PUT    /v1/uploads/{id}?offset=N     append a chunk at offset N; the
//	                                     X-Chunk-Keccak256 header is the chunk's
//	                                     keccak256: a chunk that does not match
//	                                     it is refused (400) and not appended
//	POST   /v1/uploads/{id}/commit?hash=H  store the upload if its keccak256 is H
//	DELETE /v1/uploads/{id}              drop an upload
//
// and GET /v1/blobs/{hash} with "Range: bytes=N-" resumes a download at
// byte N. A client never holds a blob whole: uploads are read and sent one
// chunk at a time, downloads hashed while they stream, and a download is
// accepted (returned to the caller, or renamed into place as a file) only
// when its length and keccak256 are the blob's.

// DefaultChunkSize is the client's upload chunk (and download resume unit).
const DefaultChunkSize = 16 << 20

// ChunkHashHeader carries an upload chunk's keccak256.
const ChunkHashHeader = "X-Chunk-Keccak256"

// ErrTruncated says a download ended before the blob's length.
var ErrTruncated = errors.New("blob stream truncated")

// uploadIdle is how long an upload may stay without a chunk before the
// server drops it.
const uploadIdle = time.Hour

// upload is one chunked upload in progress: its staged bytes and their
// running keccak256.
type upload struct {
	mu   sync.Mutex
	f    *os.File
	d    hash.Hash
	size int64
	seen time.Time
}

type uploads struct {
	mu  sync.Mutex
	dir string
	m   map[string]*upload
}

func (s *Server) registerUploads() {
	s.handle("POST /v1/uploads", "upload", s.uploadOpen)
	s.handle("PUT /v1/uploads/{id}", "upload", s.uploadChunk)
	s.handle("POST /v1/uploads/{id}/commit", "upload", s.uploadCommit)
	s.handle("DELETE /v1/uploads/{id}", "upload", s.uploadDrop)
}

// stager is a Store with a directory of its own for partial data: uploads
// are staged there unless SetUploadDir says otherwise.
type stager interface {
	StagingDir() string
}

// StagingDir implements stager: the store's own tmp directory, on the same
// disk as its blobs.
func (l *Local) StagingDir() string { return filepath.Join(l.dir, "tmp") }

// StagingDir implements stager: the directory S3Config.TempDir names ("" is
// the system's temporary directory).
func (s *S3) StagingDir() string { return s.tmpDir }

// SetUploadDir sets the directory where chunked uploads are staged until
// committed (default: the store's own staging directory, else a new
// directory under the system's temporary one).
func (s *Server) SetUploadDir(dir string) {
	s.up.mu.Lock()
	s.up.dir = dir
	s.up.mu.Unlock()
}

func (s *Server) uploadOpen(w http.ResponseWriter, r *http.Request) {
	s.up.mu.Lock()
	defer s.up.mu.Unlock()
	if s.up.m == nil {
		s.up.m = map[string]*upload{}
	}
	now := time.Now()
	for id, u := range s.up.m {
		if u.mu.TryLock() {
			if now.Sub(u.seen) > uploadIdle {
				u.f.Close()
				os.Remove(u.f.Name())
				delete(s.up.m, id)
			}
			u.mu.Unlock()
		}
	}
	if s.up.dir == "" {
		if st, ok := s.store.(stager); ok && st.StagingDir() != "" {
			s.up.dir = filepath.Join(st.StagingDir(), "uploads")
		}
	}
	if s.up.dir == "" {
		dir, err := os.MkdirTemp("", "gensyn-blob-uploads-")
		if err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		s.up.dir = dir
	}
	if err := os.MkdirAll(s.up.dir, 0o755); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	s.sweepOrphans(now)
	var b [16]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	f, err := os.Create(filepath.Join(s.up.dir, "upload-"+id))
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	s.up.m[id] = &upload{f: f, d: sha3.NewLegacyKeccak256(), seen: now}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"id": id})
}

// lockUpload returns the upload id, locked, or writes a 404.
func (s *Server) lockUpload(w http.ResponseWriter, r *http.Request) *upload {
	s.up.mu.Lock()
	u := s.up.m[r.PathValue("id")]
	s.up.mu.Unlock()
	if u == nil {
		writeError(w, http.StatusNotFound, fmt.Errorf("%w: no upload %q", ErrNotFound, r.PathValue("id")))
		return nil
	}
	u.mu.Lock()
	if u.f == nil { // committed or dropped meanwhile
		u.mu.Unlock()
		writeError(w, http.StatusNotFound, fmt.Errorf("%w: no upload %q", ErrNotFound, r.PathValue("id")))
		return nil
	}
	u.seen = time.Now()
	return u
}

func (s *Server) dropUpload(id string, u *upload) {
	s.up.mu.Lock()
	delete(s.up.m, id)
	s.up.mu.Unlock()
	if u.f != nil {
		u.f.Close()
		os.Remove(u.f.Name())
		u.f = nil
	}
}

func (s *Server) uploadChunk(w http.ResponseWriter, r *http.Request) {
	want, err := ParseHash(r.Header.Get(ChunkHashHeader))
	if err != nil {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%s: %w", ChunkHashHeader, err))
		return
	}
	off, err := strconv.ParseInt(r.URL.Query().Get("offset"), 10, 64)
	if err != nil || off < 0 {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%w: offset %q", ErrBadHash, r.URL.Query().Get("offset")))
		return
	}
	u := s.lockUpload(w, r)
	if u == nil {
		return
	}
	defer u.mu.Unlock()
	if off != u.size {
		w.Header().Set("Upload-Offset", strconv.FormatInt(u.size, 10))
		writeError(w, http.StatusConflict, fmt.Errorf("chunk at offset %d, the upload has %d bytes", off, u.size))
		return
	}
	room := s.maxSize - u.size
	if r.ContentLength > room {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, s.maxSize))
		return
	}
	// The running hash is saved, fed with the chunk as it is written, and
	// restored when the chunk is refused.
	saved, err := u.d.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	cd := sha3.NewLegacyKeccak256()
	n, err := io.Copy(io.MultiWriter(u.f, cd, u.d), io.LimitReader(r.Body, room+1))
	var got Hash
	cd.Sum(got[:0])
	switch {
	case err == nil && n > room:
		err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, s.maxSize)
	case err == nil && got != want:
		err = fmt.Errorf("%w: chunk at offset %d is %s, its header says %s", ErrHashMismatch, off, got, want)
	}
	if err != nil {
		// The chunk is not appended: the upload stays at its last good byte.
		rerr := u.d.(encoding.BinaryUnmarshaler).UnmarshalBinary(saved)
		if rerr == nil {
			rerr = u.f.Truncate(u.size)
		}
		if rerr == nil {
			_, rerr = u.f.Seek(u.size, io.SeekStart)
		}
		if rerr != nil {
			s.dropUpload(r.PathValue("id"), u)
		}
		code := statusOf(err)
		if errors.Is(err, ErrHashMismatch) {
			code = http.StatusBadRequest
		}
		writeError(w, code, err)
		return
	}
	u.size += n
	w.Header().Set("Upload-Offset", strconv.FormatInt(u.size, 10))
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) uploadCommit(w http.ResponseWriter, r *http.Request) {
	want, err := ParseHash(r.URL.Query().Get("hash"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	id := r.PathValue("id")
	u := s.lockUpload(w, r)
	if u == nil {
		return
	}
	defer u.mu.Unlock()
	defer s.dropUpload(id, u)
	var got Hash
	u.d.Sum(got[:0])
	if got != want {
		writeError(w, http.StatusBadRequest, fmt.Errorf("%w: the upload is %s (%d bytes), not %s", ErrHashMismatch, got, u.size, want))
		return
	}
	if _, err := u.f.Seek(0, io.SeekStart); err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	info, err := s.store.Put(r.Context(), io.LimitReader(u.f, u.size), s.maxSize)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	if info.Hash != want {
		writeError(w, http.StatusInternalServerError, fmt.Errorf("%w: stored %s, committed %s", ErrHashMismatch, info.Hash, want))
		return
	}
	s.log.Debug("blob stored from chunks", "hash", info.Hash, "size", info.Size)
	w.Header().Set("Location", "/v1/blobs/"+info.Hash.String())
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(infoJSON{Hash: info.Hash.String(), Size: info.Size})
}

func (s *Server) uploadDrop(w http.ResponseWriter, r *http.Request) {
	u := s.lockUpload(w, r)
	if u == nil {
		return
	}
	defer u.mu.Unlock()
	s.dropUpload(r.PathValue("id"), u)
	w.WriteHeader(http.StatusNoContent)
}

// rangeStart parses "bytes=N-" (the only form the server serves): the
// offset to resume a download at.
func rangeStart(h string) (int64, bool) {
	rest, ok := strings.CutPrefix(h, "bytes=")
	if !ok {
		return 0, false
	}
	rest, ok = strings.CutSuffix(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n >= 0
}

// sweepOrphans removes staged files of no upload in progress (left by a
// server that stopped mid-upload) once they are idle for uploadIdle. The
// caller holds s.up.mu.
func (s *Server) sweepOrphans(now time.Time) {
	entries, err := os.ReadDir(s.up.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		id, ok := strings.CutPrefix(e.Name(), "upload-")
		if !ok || s.up.m[id] != nil {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > uploadIdle {
			os.Remove(filepath.Join(s.up.dir, e.Name()))
		}
	}
}
