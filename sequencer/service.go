package sequencer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/ethereum-optimism/optimism/op-service/cliapp"
	"github.com/ethereum-optimism/optimism/op-service/httputil"
	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/internal/chaincheck"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/internal/monitor"
	"github.com/gensyn-stack/gensyn/sequencer/metrics"
	"github.com/gensyn-stack/gensyn/sequencer/rpc"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

// Errors of starting the service.
var (
	ErrWrongChain    = errors.New("the rpc serves another chain than the deployment's")
	ErrNotSequencer  = errors.New("the signing key is not the inbox's sequencer")
	ErrAlreadyClosed = errors.New("already stopped")
)

// Service is the running sequencer.
type Service struct {
	Log     log.Logger
	Metrics metrics.Metricer
	Version string

	Deployment *deployments.Deployment
	L1Client   *ethclient.Client
	TxManager  txmgr.TxManager
	Store      *store.Store
	Inbox      *Inbox
	Market     *Market
	Driver     *Driver
	Keeper     *Keeper
	API        *rpc.API

	rpcServer     *gethrpc.Server
	httpServer    *httputil.HTTPServer
	metricsServer *httputil.HTTPServer
	pprofService  *oppprof.Service
	// Health answers /healthz on the RPC and metrics servers.
	Health *monitor.Health

	cfg     *CLIConfig
	stopped atomic.Bool
}

var _ cliapp.Lifecycle = (*Service)(nil)

// NewService builds the service from its configuration; on error, whatever
// was opened is closed.
func NewService(ctx context.Context, version string, cfg *CLIConfig, l log.Logger) (*Service, error) {
	s := &Service{Log: l, Version: version, cfg: cfg}
	if err := s.initFromCLIConfig(ctx, cfg); err != nil {
		return nil, errors.Join(err, s.Stop(ctx))
	}
	return s, nil
}

func (s *Service) initFromCLIConfig(ctx context.Context, cfg *CLIConfig) error {
	if err := cfg.Check(); err != nil {
		return err
	}
	s.initMetrics(cfg)
	s.Health = monitor.NewHealth(s.Version)
	if err := s.initPprof(cfg); err != nil {
		return err
	}
	if err := s.initDeployment(cfg); err != nil {
		return err
	}
	if err := s.initL1Client(ctx, cfg); err != nil {
		return err
	}
	s.Health.Add("l1", func(ctx context.Context) error {
		if _, err := s.L1Client.BlockNumber(ctx); err != nil {
			return fmt.Errorf("l1 rpc unreachable: %w", err)
		}
		return nil
	})
	if err := s.initTxManager(cfg); err != nil {
		return err
	}
	if err := s.initContracts(ctx); err != nil {
		return err
	}
	if err := s.initStore(cfg); err != nil {
		return err
	}
	s.initDriver(cfg)
	s.initKeeper(cfg)
	if err := s.initRPCServer(cfg); err != nil {
		return err
	}
	if err := s.initMetricsServer(cfg); err != nil {
		return err
	}
	s.Metrics.RecordInfo(s.Version)
	s.Metrics.RecordUp()
	return nil
}

func (s *Service) initMetrics(cfg *CLIConfig) {
	if cfg.MetricsConfig.Enabled {
		s.Metrics = metrics.NewMetrics("")
	} else {
		s.Metrics = metrics.NoopMetrics
	}
}

func (s *Service) initDeployment(cfg *CLIConfig) error {
	d, err := deployments.Read(cfg.Deployments)
	if err != nil {
		return err
	}
	s.Deployment = d
	return nil
}

func (s *Service) initL1Client(ctx context.Context, cfg *CLIConfig) error {
	dctx, cancel := context.WithTimeout(ctx, cfg.TxMgrConfig.NetworkTimeout)
	defer cancel()
	c, err := ethclient.DialContext(dctx, cfg.L1EthRpc)
	if err != nil {
		return fmt.Errorf("dial l1 rpc: %w", err)
	}
	s.L1Client = c
	id, err := c.ChainID(dctx)
	if err != nil {
		return fmt.Errorf("l1 rpc unreachable: %w", err)
	}
	if id.Uint64() != s.Deployment.ChainID {
		return fmt.Errorf("%w: rpc chain %s, deployment chain %d", ErrWrongChain, id, s.Deployment.ChainID)
	}
	// Every contract has code: a wrong deployments file or a restarted
	// devnet fails here, in one line, not later in a retry loop.
	return chaincheck.Check(dctx, c, s.Deployment)
}

func (s *Service) initTxManager(cfg *CLIConfig) error {
	tm, err := txmgr.NewSimpleTxManager("sequencer", s.Log, s.Metrics, cfg.TxMgrConfig)
	if err != nil {
		return fmt.Errorf("tx manager: %w", err)
	}
	s.TxManager = tm
	return nil
}

func (s *Service) initContracts(ctx context.Context) error {
	s.Inbox = NewInbox(s.L1Client, s.Deployment.Contracts.CommitmentInbox)
	s.Market = NewMarket(s.L1Client, s.Deployment.Contracts.JobMarket)
	seq, err := s.Inbox.Sequencer(ctx)
	if err != nil {
		return fmt.Errorf("read the inbox's sequencer: %w", err)
	}
	if seq != s.TxManager.From() {
		return fmt.Errorf("%w: key of %s, inbox sequencer %s", ErrNotSequencer, s.TxManager.From(), seq)
	}
	return nil
}

func (s *Service) initStore(cfg *CLIConfig) error {
	st, err := store.Open(cfg.DataDir, store.Options{})
	if err != nil {
		return err
	}
	s.Store = st
	return nil
}

func (s *Service) initDriver(cfg *CLIConfig) {
	s.Driver = NewDriver(DriverConfig{MaxEntries: cfg.BatchMaxEntries, MaxDelay: cfg.BatchMaxDelay, PollInterval: cfg.BatchPollInterval},
		s.Log.New("role", "batcher"), s.Metrics, s.Store, s.Inbox, s.L1Client, s.TxManager)
}

func (s *Service) initKeeper(cfg *CLIConfig) {
	if cfg.KeeperEnabled {
		s.Keeper = NewKeeper(cfg.KeeperInterval, s.Log.New("role", "keeper"), s.Metrics, s.Market, s.L1Client, s.TxManager)
		s.Keeper.SetMaxInFlight(cfg.KeeperMaxInFlight)
	}
}

func (s *Service) initRPCServer(cfg *CLIConfig) error {
	s.API = rpc.NewAPI(rpc.Config{
		Domain:    inbox.NewDomain(s.Deployment.ChainID, s.Deployment.Contracts.CommitmentInbox),
		Sequencer: s.TxManager.From(),
		JobTTL:    cfg.JobCacheTTL,
	}, s.Store, s.Market, s.Metrics, s.Log.New("role", "rpc"))
	srv, err := rpc.NewServer(s.API)
	if err != nil {
		return err
	}
	s.rpcServer = srv
	addr := net.JoinHostPort(cfg.RPCAddr, strconv.Itoa(cfg.RPCPort))
	mux := http.NewServeMux()
	mux.Handle("GET "+monitor.HealthPath, s.Health)
	mux.Handle("/", srv)
	hs, err := httputil.StartHTTPServer(addr, mux)
	if err != nil {
		return fmt.Errorf("start rpc server on %s: %w", addr, err)
	}
	s.httpServer = hs
	s.Log.Info("JSON-RPC API listening", "url", "http://"+hs.Addr().String())
	return nil
}

func (s *Service) initMetricsServer(cfg *CLIConfig) error {
	if !cfg.MetricsConfig.Enabled {
		return nil
	}
	m, ok := s.Metrics.(opmetrics.RegistryMetricer)
	if !ok {
		return fmt.Errorf("metrics %T has no registry", s.Metrics)
	}
	srv, err := monitor.StartServer(m.Registry(), s.Health, cfg.MetricsConfig.ListenAddr, cfg.MetricsConfig.ListenPort)
	if err != nil {
		return err
	}
	s.metricsServer = srv
	s.Log.Info("Metrics server listening", "addr", srv.Addr().String())
	return nil
}

func (s *Service) initPprof(cfg *CLIConfig) error {
	svc, err := monitor.StartPprof(cfg.PprofConfig, s.Log)
	if err != nil {
		return err
	}
	s.pprofService = svc
	return nil
}

// MetricsEndpoint is the URL of the metrics server ("" when disabled).
func (s *Service) MetricsEndpoint() string {
	if s.metricsServer == nil {
		return ""
	}
	return "http://" + s.metricsServer.Addr().String()
}

// RPCEndpoint is the URL of the JSON-RPC API.
func (s *Service) RPCEndpoint() string {
	return "http://" + s.httpServer.Addr().String()
}

// Start starts the batcher (which first reconciles any batch intent left by
// an earlier run) and the keeper.
func (s *Service) Start(ctx context.Context) error {
	st := s.Store.Stats()
	s.Log.Info("Sequencer starting", "version", s.Version, "chain", s.Deployment.ChainID,
		"inbox", s.Deployment.Contracts.CommitmentInbox, "sequencer", s.TxManager.From(),
		"entries", st.Entries, "pending", st.Pending, "batches", st.Batches, "openIntents", len(s.Store.Intents()))
	s.Driver.Start()
	if s.Keeper != nil {
		s.Keeper.Start()
	}
	return nil
}

// Stop stops accepting submissions, then stops the batcher and keeper and
// closes the log. Every acknowledged entry is already durable.
func (s *Service) Stop(ctx context.Context) error {
	if s.stopped.Swap(true) {
		return ErrAlreadyClosed
	}
	var result error
	if s.httpServer != nil {
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if err := s.httpServer.Stop(sctx); err != nil {
			result = errors.Join(result, fmt.Errorf("stop rpc server: %w", err))
		}
		cancel()
	}
	if s.rpcServer != nil {
		s.rpcServer.Stop()
	}
	if s.Driver != nil {
		s.Driver.Stop()
	}
	if s.Keeper != nil {
		s.Keeper.Stop()
	}
	if s.TxManager != nil {
		s.TxManager.Close()
	}
	if s.Store != nil {
		if err := s.Store.Close(); err != nil {
			result = errors.Join(result, fmt.Errorf("close log: %w", err))
		}
	}
	if s.metricsServer != nil {
		if err := s.metricsServer.Stop(ctx); err != nil {
			result = errors.Join(result, fmt.Errorf("stop metrics server: %w", err))
		}
	}
	if s.pprofService != nil {
		if err := s.pprofService.Stop(ctx); err != nil {
			result = errors.Join(result, fmt.Errorf("stop pprof server: %w", err))
		}
	}
	if s.L1Client != nil {
		s.L1Client.Close()
	}
	s.Log.Info("Sequencer stopped")

	return result
}

// Stopped reports whether Stop was called.
func (s *Service) Stopped() bool { return s.stopped.Load() }
