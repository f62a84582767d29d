package explorer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/jobclient"
)

// Config is `gensyn explorer`'s configuration.
type Config struct {
	RPCURL     string
	Deployment *deployments.Deployment
	DataDir    string // the indexer's store
	Addr       string // listen address
	// BlobstoreURL, when set, is where specs and final models are read.
	BlobstoreURL string
	// StartBlock is where a new store starts (default: the deployment's
	// block); Confirmations and PollInterval are the indexer's.
	StartBlock    uint64
	Confirmations uint64
	PollInterval  time.Duration
	Log           *slog.Logger
}

// Check validates the configuration.
func (c *Config) Check() error {
	switch {
	case c.RPCURL == "":
		return errors.New("no chain RPC URL")
	case c.Deployment == nil:
		return errors.New("no deployment")
	case c.DataDir == "":
		return errors.New("no data directory")
	case c.Addr == "":
		return errors.New("no listen address")
	case c.PollInterval < 0:
		return errors.New("negative poll interval")
	}
	return nil
}

// Service is the explorer with its indexer: it follows the chain into the
// store in DataDir and serves the pages on Addr.
type Service struct {
	cfg    Config
	log    *slog.Logger
	store  *indexer.Store
	ix     *indexer.Indexer
	ec     *ethclient.Client
	srv    *Server
	http   *http.Server
	ln     net.Listener
	health *chainHealth
	losses *Losses
}

// NewService opens the store, dials the chain and listens on cfg.Addr.
func NewService(ctx context.Context, cfg Config) (*Service, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ec, err := ethclient.DialContext(ctx, cfg.RPCURL)
	if err != nil {
		return nil, fmt.Errorf("chain %s: %w", cfg.RPCURL, err)
	}
	store, err := indexer.Open(cfg.DataDir)
	if err != nil {
		ec.Close()
		return nil, fmt.Errorf("index in %s: %w", cfg.DataDir, err)
	}
	start := cfg.StartBlock
	if start == 0 {
		start = cfg.Deployment.BlockNumber
	}
	ix, err := indexer.New(indexer.Config{Contracts: cfg.Deployment.Contracts, StartBlock: start, Confirmations: cfg.Confirmations,
		PollInterval: cfg.PollInterval, Log: log.With("component", "indexer")}, store, ec)
	if err != nil {
		_ = store.Close()
		ec.Close()
		return nil, err
	}
	health := &chainHealth{ec: ec}
	icfg := IndexConfig{Chain: health.Err}
	var srv *Server
	if cfg.BlobstoreURL != "" {
		blobs := blobstore.NewClient(cfg.BlobstoreURL, nil)
		jc := jobclient.New(ec, cfg.Deployment.Contracts, nil, blobs, nil)
		icfg.Blob = func(ctx context.Context, h common.Hash) ([]byte, error) {
			return blobs.Get(ctx, blobstore.Hash(h), maxSpec)
		}
		models, err := newModelFiles(filepath.Join(cfg.DataDir, modelDownloadsDir), func(ctx context.Context, id uint64, path string) error {
			_, _, err := jc.FetchModelFile(ctx, id, path)
			return err
		})
		if err != nil {
			_ = store.Close()
			ec.Close()
			return nil, err
		}
		icfg.Model = models.open
		// a new point of a loss curve refreshes the job's open pages
		icfg.Losses = NewLosses(blobs, log.With("component", "losses"), func(job uint64) {
			srv.Broker().Publish(srv.Head(), "job/"+strconv.FormatUint(job, 10))
		})
	}
	srv, err = New(NewIndexSource(store, icfg), log)
	if err != nil {
		_ = store.Close()
		ec.Close()
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		_ = store.Close()
		ec.Close()
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	return &Service{cfg: cfg, log: log, store: store, ix: ix, ec: ec, srv: srv, ln: ln, health: health, losses: icfg.Losses,
		http: &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}}, nil
}

// URL is where the pages are served.
func (s *Service) URL() string { return "http://" + s.ln.Addr().String() }

// Run indexes and serves until ctx ends, then shuts the server down and
// closes the store.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 3)
	if s.losses != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.losses.Run(ctx)
		}()
	}
	wg.Add(3)
	go func() {
		defer wg.Done()
		if err := s.ix.Run(ctx); err != nil && ctx.Err() == nil {
			errc <- fmt.Errorf("indexer: %w", err)
		}
	}()
	go func() {
		defer wg.Done()
		if err := s.srv.Run(ctx); err != nil && ctx.Err() == nil {
			errc <- err
		}
	}()
	go func() {
		defer wg.Done()
		s.health.run(ctx)
	}()
	served := make(chan error, 1)
	go func() { served <- s.http.Serve(s.ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	case err = <-served:
	}
	cancel()
	s.srv.Close()
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = s.http.Shutdown(sctx)
	scancel()
	wg.Wait()
	s.ec.Close()
	if cerr := s.store.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return err
}

// modelDownloadsDir is the directory, in the data directory, where final
// models are downloaded and verified before they are served.
const modelDownloadsDir = "model-downloads"

// modelFiles fetches final models into temporary files, one per request,
// each verified before it is opened (the model's bytes are never held).
type modelFiles struct {
	dir string
	// fetch writes job id's final model to path only once it is verified
	// (jobclient's FetchModelFile, which checks every candidate blob
	// against the on-chain final model root, the spec hash and the last
	// step as it streams).
	fetch func(ctx context.Context, id uint64, path string) error
}

// newModelFiles empties dir (the downloads of a previous run that ended
// mid-fetch) and returns the fetcher of models into it.
func newModelFiles(dir string, fetch func(ctx context.Context, id uint64, path string) error) (*modelFiles, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("model downloads: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("model downloads: %w", err)
	}
	return &modelFiles{dir: dir, fetch: fetch}, nil
}

// open fetches job id's final model into a file of its own and returns it
// open for reading, already unlinked (closing it frees its space, and a
// crash leaves nothing behind); fetch's errors become pages.
func (m *modelFiles) open(ctx context.Context, id uint64) (io.ReadSeekCloser, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	tmp, err := os.CreateTemp(m.dir, fmt.Sprintf("job-%d-*.ckpt", id))
	if err != nil {
		return nil, &UnavailableError{What: "model download directory", Err: err}
	}
	path := tmp.Name()
	tmp.Close()
	defer os.Remove(path) // once open, the file stays readable
	err = m.fetch(ctx, id, path)
	switch {
	case err == nil:
		f, err := os.Open(path)
		if err != nil {
			return nil, &UnavailableError{What: "model download directory", Err: err}
		}
		return f, nil
	case errors.Is(err, jobclient.ErrUnknownJob):
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	case errors.Is(err, jobclient.ErrNotFinalized):
		return nil, notFound("No final model yet", fmt.Sprintf("Job %d has no final model on chain yet.", id))
	case errors.Is(err, jobclient.ErrNoModel):
		return nil, &pageError{Status: http.StatusBadGateway, Title: "Final model not available",
			Detail: fmt.Sprintf("No blob in the blob store is job %d's final model: none decodes to a checkpoint whose state root is the on-chain final model root, of the job's spec and last step. Nothing is served unchecked.", id)}
	}
	return nil, &UnavailableError{What: "chain or blob store", Err: err}
}

// chainHealth checks the chain's RPC every second; Err is the last check's
// error once two checks in a row failed (one slow answer is not an outage).
type chainHealth struct {
	ec *ethclient.Client

	mu    sync.Mutex
	fails int
	err   error
}

func (h *chainHealth) Err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fails >= 2 {
		return h.err
	}
	return nil
}

func (h *chainHealth) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		_, err := h.ec.BlockNumber(cctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		h.mu.Lock()
		if err != nil {
			h.fails++
			h.err = err
		} else {
			h.fails, h.err = 0, nil
		}
		h.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
