package blobstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// DefaultMaxBlobSize bounds uploads to a server unless its operator sets
// another limit (64 GiB: a checkpoint or step trace of a model far past the
// spec's maximum size; blobs stream, so the limit is disk, not memory).
const DefaultMaxBlobSize = 64 << 30

// Server exposes a Store over HTTP:
//
//	PUT  /v1/blobs         store the request body; 201 with {"hash","size"}
//	GET  /v1/blobs/{hash}  the blob's bytes (404 if unknown)
//	HEAD /v1/blobs/{hash}  200 with Content-Length, or 404
//	GET  /healthz          200 {"status":"ok"}; 503 when the backend is unusable
//	GET  /metrics          Prometheus metrics (metrics.go)
//
// and, when the store implements Indexer, the index routes (index.go).
//
// Errors are JSON objects {"error": "..."} with a matching status code.
type Server struct {
	store   Store
	maxSize int64
	log     *slog.Logger
	mux     *http.ServeMux
	metrics *serverMetrics
	up      uploads
}

// NewServer puts store behind the HTTP API; maxSize <= 0 means DefaultMaxBlobSize.
func NewServer(store Store, maxSize int64, log *slog.Logger) *Server {
	if maxSize <= 0 {
		maxSize = DefaultMaxBlobSize
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{store: store, maxSize: maxSize, log: log, mux: http.NewServeMux(), metrics: newServerMetrics()}
	s.handle("PUT /v1/blobs", "put", s.put)
	s.handle("POST /v1/blobs", "put", s.put)
	s.handle("GET /v1/blobs/{hash}", "get", s.get)
	s.handle("HEAD /v1/blobs/{hash}", "head", s.head)
	s.registerUploads()
	s.registerIndex()
	s.registerMonitoring()
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.maxSize {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, r.ContentLength, s.maxSize))
		return
	}
	info, err := s.store.Put(r.Context(), r.Body, s.maxSize)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	s.log.Debug("blob stored", "hash", info.Hash, "size", info.Size)
	w.Header().Set("Location", "/v1/blobs/"+info.Hash.String())
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(infoJSON{Hash: info.Hash.String(), Size: info.Size})
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	h, err := ParseHash(r.PathValue("hash"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	rc, info, err := s.store.Get(r.Context(), h)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("ETag", `"`+h.String()+`"`)
	w.Header().Set("Accept-Ranges", "bytes")
	code, size := http.StatusOK, info.Size
	if from, ok := rangeStart(r.Header.Get("Range")); ok && from > 0 && from < info.Size {
		// A resumed download: the bytes before the range are read and
		// hashed too, so a corrupt blob is still cut short.
		if _, err := io.CopyN(io.Discard, rc, from); err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		code, size = http.StatusPartialContent, info.Size-from
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", from, info.Size-1, info.Size))
	}
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(code)
	if err := copyHoldingLast(w, rc); err != nil {
		// The blob is corrupt or the client left: cut the response short so
		// that no client mistakes it for a complete blob.
		s.log.Error("blob read failed", "hash", h, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// copyHoldingLast copies r to w but writes r's last byte only once r has
// ended cleanly. A store's reader gives its verdict (ErrHashMismatch) with
// its end, after its last bytes; and an aborted handler's buffered output
// is still flushed before its connection closes. Holding one byte back
// means a corrupt blob always reaches the client one byte short of its
// Content-Length: never a complete-looking response (which a client
// without a hash check would keep, and whose connection an HTTP client
// would put back in its pool, closed under it).
func copyHoldingLast(w io.Writer, r io.Reader) error {
	buf := make([]byte, 64<<10)
	held := 0 // 0 or 1: buf[0] is the byte held back
	for {
		n, err := r.Read(buf[held:])
		if n += held; n > 1 {
			if _, werr := w.Write(buf[:n-1]); werr != nil {
				return werr
			}
			buf[0], held = buf[n-1], 1
		} else {
			held = n
		}
		switch {
		case err == io.EOF:
			if held == 1 {
				_, err = w.Write(buf[:1])
				return err
			}
			return nil
		case err != nil:
			return err
		}
	}
}

func (s *Server) head(w http.ResponseWriter, r *http.Request) {
	h, err := ParseHash(r.PathValue("hash"))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	info, err := s.store.Stat(r.Context(), h)
	if err != nil {
		w.WriteHeader(statusOf(err))
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size, 10))
	w.WriteHeader(http.StatusOK)
}

type infoJSON struct {
	Hash string `json:"hash"`
	Size int64  `json:"size"`
}

type errorJSON struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(errorJSON{Error: err.Error()})
}

func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrBadHash):
		return http.StatusBadRequest
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	default:
		return http.StatusInternalServerError
	}
}

// Client talks to a Server. It trusts nothing it receives: every downloaded
// blob is checked against the hash it asked for, and every upload's reported
// hash against the one computed locally.
type Client struct {
	base string
	http *http.Client

	// ChunkSize is the size of an upload's chunks (0: DefaultChunkSize).
	// A blob larger than one chunk is uploaded in chunks (PutReader).
	ChunkSize int64
}

// NewClient returns a client of the server at base (e.g. http://127.0.0.1:7070).
func NewClient(base string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(base, "/"), http: hc}
}

// Put uploads data and returns its address: in one request, or in chunks
// when data is larger than the client's chunk size.
func (c *Client) Put(ctx context.Context, data []byte) (Hash, error) {
	if int64(len(data)) > c.chunkSize() {
		h, _, err := c.PutReader(ctx, bytes.NewReader(data))
		return h, err
	}
	return c.putOne(ctx, data)
}

// putOne uploads data in one request.
func (c *Client) putOne(ctx context.Context, data []byte) (Hash, error) {
	want := Sum(data)
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.base+"/v1/blobs", bytes.NewReader(data))
	if err != nil {
		return Hash{}, err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	// Storing a content-addressed blob twice is harmless: the key lets the
	// HTTP client resend it on a pooled connection the server had closed.
	req.Header.Set("Idempotency-Key", want.String())
	resp, err := c.http.Do(req)
	if err != nil {
		return Hash{}, fmt.Errorf("blobstore: put: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return Hash{}, responseError("put", resp)
	}
	var info infoJSON
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&info); err != nil {
		return Hash{}, fmt.Errorf("blobstore: put: bad response: %w", err)
	}
	got, err := ParseHash(info.Hash)
	if err != nil {
		return Hash{}, fmt.Errorf("blobstore: put: bad response: %w", err)
	}
	if got != want || info.Size != int64(len(data)) {
		return Hash{}, fmt.Errorf("%w: server stored %s (%d bytes), sent %s (%d bytes)", ErrHashMismatch, got, info.Size, want, len(data))
	}
	return want, nil
}

// Get downloads the blob h, at most maxSize bytes (<= 0: DefaultMaxBlobSize),
// and verifies it. It holds the blob whole: a blob that may be large is
// read with Open (a stream) or GetFile instead.
func (c *Client) Get(ctx context.Context, h Hash, maxSize int64) ([]byte, error) {
	rc, _, err := c.Open(ctx, h, maxSize)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// Has reports whether the server stores h.
func (c *Client) Has(ctx context.Context, h Hash) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, c.base+"/v1/blobs/"+h.String(), nil)
	if err != nil {
		return false, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return false, fmt.Errorf("blobstore: head %s: %w", h, err)
	}
	resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusNotFound:
		return false, nil
	default:
		return false, fmt.Errorf("blobstore: head %s: %s", h, resp.Status)
	}
}

func responseError(op string, resp *http.Response) error {
	var e errorJSON
	_ = json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&e)
	msg := e.Error
	if msg == "" {
		msg = resp.Status
	}
	var kind error
	switch resp.StatusCode {
	case http.StatusNotFound:
		kind = ErrNotFound
	case http.StatusRequestEntityTooLarge:
		kind = ErrTooLarge
	case http.StatusBadRequest:
		kind = ErrBadHash
	}
	if kind != nil {
		return fmt.Errorf("blobstore: %s: %w (%s)", op, kind, msg)
	}
	return fmt.Errorf("blobstore: %s: %s", op, msg)
}
