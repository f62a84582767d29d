package worker

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
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
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// blobTimeout bounds one blob store request (a dataset download included).
const blobTimeout = 10 * time.Minute

// Errors of starting the service.
var (
	ErrWrongChain    = errors.New("the rpc serves another chain than the deployment's")
	ErrBadKey        = errors.New("invalid --private-key")
	ErrAlreadyClosed = errors.New("already stopped")
)

// Service is the running worker.
type Service struct {
	Log     log.Logger
	Metrics metrics.Metricer
	Version string

	Deployment *deployments.Deployment
	L1Client   *ethclient.Client
	TxManager  txmgr.TxManager
	Contracts  *Contracts
	State      *State
	Blobs      *blobstore.Client
	Sequencer  *gethrpc.Client
	Driver     *Driver

	key           *ecdsa.PrivateKey
	metricsServer *httputil.HTTPServer
	pprofService  *oppprof.Service
	// Health answers /healthz on the metrics server.
	Health  *monitor.Health
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
	if cfg.MetricsConfig.Enabled {
		s.Metrics = metrics.NewMetrics("")
	} else {
		s.Metrics = metrics.NoopMetrics
	}
	s.Health = monitor.NewHealth(s.Version)
	pp, err := monitor.StartPprof(cfg.PprofConfig, s.Log)
	if err != nil {
		return err
	}
	s.pprofService = pp
	d, err := deployments.Read(cfg.Deployments)
	if err != nil {
		return err
	}
	s.Deployment = d
	if err := s.initL1Client(ctx, cfg); err != nil {
		return err
	}
	s.Health.Add("l1", func(ctx context.Context) error {
		if _, err := s.L1Client.BlockNumber(ctx); err != nil {
			return fmt.Errorf("l1 rpc unreachable: %w", err)
		}
		return nil
	})
	k, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(cfg.TxMgrConfig.PrivateKey), "0x"))
	if err != nil {
		return ErrBadKey // never echo the key
	}
	s.key = k
	tm, err := txmgr.NewSimpleTxManager("worker", s.Log, s.Metrics, cfg.TxMgrConfig)
	if err != nil {
		return fmt.Errorf("tx manager: %w", err)
	}
	s.TxManager = tm
	s.Contracts = NewContracts(s.L1Client, d.Contracts)
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	if s.State, err = OpenState(filepath.Join(cfg.DataDir, "state")); err != nil {
		return err
	}
	// A hung blob store must not stall the worker forever.
	s.Blobs = blobstore.NewClient(cfg.Blobstore, &http.Client{Timeout: blobTimeout})
	if s.Sequencer, err = gethrpc.DialContext(ctx, cfg.Sequencer); err != nil {
		return fmt.Errorf("sequencer %s: %w", cfg.Sequencer, err)
	}
	s.Health.Add("sequencer", func(ctx context.Context) error {
		var st json.RawMessage
		if err := s.Sequencer.CallContext(ctx, &st, "gensyn_status"); err != nil {
			return fmt.Errorf("sequencer unreachable: %w", err)
		}
		return nil
	})
	var peer []byte
	if cfg.PeerID != "" {
		peer = []byte(cfg.PeerID)
	}
	s.Driver = NewDriver(DriverConfig{
		DataDir: cfg.DataDir, PollInterval: cfg.PollInterval, ForceIncludeAfter: cfg.ForceIncludeAfter,
		MaxBlobSize: cfg.MaxBlobSize, Price: cfg.PricePolicy(), StakeTarget: cfg.StakeTargetWei(),
		BidTimeMargin: cfg.BidTimeMargin, BidTimeOverhead: cfg.BidTimeOverhead,
		PeerID: peer, Hardware: cfg.Hardware, Fault: cfg.FaultConfig(),
	}, s.Log.New("role", "worker"), s.Metrics, s.Contracts, s.TxManager, s.key,
		inbox.NewDomain(d.ChainID, d.Contracts.CommitmentInbox), s.Blobs, s.Sequencer, s.State)
	if err := s.initMetricsServer(cfg); err != nil {
		return err
	}
	s.Metrics.RecordInfo(s.Version)
	s.Metrics.RecordUp()
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

// MetricsEndpoint is the URL of the metrics server ("" when disabled).
func (s *Service) MetricsEndpoint() string {
	if s.metricsServer == nil {
		return ""
	}
	return "http://" + s.metricsServer.Addr().String()
}

// Start starts the driver loop.
func (s *Service) Start(ctx context.Context) error {
	if f := s.cfg.FaultConfig(); f.Active() {
		s.Log.Warn("!!! UNSAFE TEST MODE: this worker injects a fault and cheats on purpose; it will lose its disputes "+
			"and its collateral. For tests and demos only, never on a real network !!!", "fault", f.String())
	}
	s.Log.Info("Worker starting", "version", s.Version, "chain", s.Deployment.ChainID, "worker", s.TxManager.From(),
		"market", s.Deployment.Contracts.JobMarket, "blobstore", s.cfg.Blobstore, "sequencer", s.cfg.Sequencer, "dataDir", s.cfg.DataDir)
	s.Driver.Start()
	return nil
}

// Stop stops the driver (training stops at the next step; the last
// checkpoint is on disk and in the state), then closes everything.
func (s *Service) Stop(ctx context.Context) error {
	if s.stopped.Swap(true) {
		return ErrAlreadyClosed
	}
	var result error
	if s.Driver != nil {
		s.Driver.Stop()
	}
	if s.TxManager != nil {
		s.TxManager.Close()
	}
	if s.State != nil {
		if err := s.State.Close(); err != nil {
			result = errors.Join(result, fmt.Errorf("close state: %w", err))
		}
	}
	if s.Sequencer != nil {
		s.Sequencer.Close()
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
	s.Log.Info("Worker stopped")
	return result
}

// Stopped reports whether Stop was called.
func (s *Service) Stopped() bool { return s.stopped.Load() }
