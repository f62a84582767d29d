package blobstore

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
)

// MaxIndexEntries bounds the blobs listed under one index key.
const MaxIndexEntries = 64

// Indexer is an optional index next to a Store: a 32-byte key (e.g. a state
// root) lists the blobs somebody said hold it. The index is a hint, not a
// trust anchor: it only lists blobs the store holds, and a reader must check
// each listed blob against the key itself (for a checkpoint: decode it and
// compare its state root), so a wrong entry costs a download, never a wrong
// answer.
type Indexer interface {
	// Link adds blob h under key; h must be stored.
	Link(ctx context.Context, key, h Hash) error
	// Lookup lists the blobs under key (at most MaxIndexEntries, sorted).
	Lookup(ctx context.Context, key Hash) ([]Hash, error)
}

// ErrIndexFull: a key already lists MaxIndexEntries blobs.
var ErrIndexFull = errors.New("index key is full")

var _ Indexer = (*Local)(nil)

func (l *Local) indexDir(key Hash) string {
	return filepath.Join(l.dir, "index", hex.EncodeToString(key[:]))
}

// Link implements Indexer: an empty file index/<key>/<hash>.
func (l *Local) Link(ctx context.Context, key, h Hash) error {
	if _, err := l.Stat(ctx, h); err != nil {
		return err
	}
	dir := l.indexDir(key)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("blobstore: %w", err)
	}
	p := filepath.Join(dir, hex.EncodeToString(h[:]))
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("blobstore: %w", err)
	}
	if len(ents) >= MaxIndexEntries {
		return fmt.Errorf("%w: %s", ErrIndexFull, key)
	}
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("blobstore: %w", err)
	}
	return f.Close()
}

// Lookup implements Indexer.
func (l *Local) Lookup(_ context.Context, key Hash) ([]Hash, error) {
	ents, err := os.ReadDir(l.indexDir(key))
	if errors.Is(err, os.ErrNotExist) {
		return []Hash{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("blobstore: %w", err)
	}
	out := []Hash{}
	for _, e := range ents {
		h, err := ParseHash(e.Name())
		if err != nil {
			continue
		}
		out = append(out, h)
		if len(out) == MaxIndexEntries {
			break
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

type indexJSON struct {
	Key   string   `json:"key"`
	Blobs []string `json:"blobs"`
}

// The index routes, served when the store implements Indexer:
//
//	PUT /v1/index/{key}/{hash}  list stored blob hash under key; 204
//	GET /v1/index/{key}         {"key", "blobs": [...]}
func (s *Server) registerIndex() {
	ix, ok := s.store.(Indexer)
	if !ok {
		return
	}
	s.handle("PUT /v1/index/{key}/{hash}", "index_put", func(w http.ResponseWriter, r *http.Request) {
		key, err := ParseHash(r.PathValue("key"))
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		h, err := ParseHash(r.PathValue("hash"))
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		if err := ix.Link(r.Context(), key, h); err != nil {
			code := statusOf(err)
			if errors.Is(err, ErrIndexFull) {
				code = http.StatusConflict
			}
			writeError(w, code, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	s.handle("GET /v1/index/{key}", "index_get", func(w http.ResponseWriter, r *http.Request) {
		key, err := ParseHash(r.PathValue("key"))
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		hs, err := ix.Lookup(r.Context(), key)
		if err != nil {
			writeError(w, statusOf(err), err)
			return
		}
		out := indexJSON{Key: key.String(), Blobs: make([]string, len(hs))}
		for i, h := range hs {
			out.Blobs[i] = h.String()
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
}

// Link lists the stored blob h under key in the server's index.
func (c *Client) Link(ctx context.Context, key, h Hash) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.base+"/v1/index/"+key.String()+"/"+h.String(), nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("blobstore: link: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return responseError("link "+key.String(), resp)
	}
	return nil
}

// Lookup lists the blobs under key. The answer is a hint: check every blob
// against the key before using it.
func (c *Client) Lookup(ctx context.Context, key Hash) ([]Hash, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/index/"+key.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("blobstore: lookup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, responseError("lookup "+key.String(), resp)
	}
	var out indexJSON
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&out); err != nil {
		return nil, fmt.Errorf("blobstore: lookup: bad response: %w", err)
	}
	if len(out.Blobs) > MaxIndexEntries {
		out.Blobs = out.Blobs[:MaxIndexEntries]
	}
	hs := make([]Hash, 0, len(out.Blobs))
	for _, s := range out.Blobs {
		h, err := ParseHash(s)
		if err != nil {
			return nil, fmt.Errorf("blobstore: lookup: bad response: %w", err)
		}
		hs = append(hs, h)
	}
	return hs, nil
}
