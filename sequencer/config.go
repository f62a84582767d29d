// Package sequencer is the gensyn sequencer service: it orders signed
// checkpoint commitments into a durable log (sequencer/store), answers
// workers and verifiers over JSON-RPC (sequencer/rpc), posts batches to the
// CommitmentInbox (driver.go) and drives the JobMarket's time-based
// transitions (keeper.go). Every chain write goes through op-service's txmgr.
package sequencer

import (
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/sequencer/flags"
)

// Configuration errors.
var (
	ErrMissingL1EthRPC        = errors.New("missing l1 eth rpc url (--l1-eth-rpc)")
	ErrMissingDeployments     = errors.New("missing deployments file (--deployments)")
	ErrMissingDataDir         = errors.New("missing data directory (--data-dir)")
	ErrInvalidRPCPort         = errors.New("rpc port must be in 0..65535 (--rpc.port)")
	ErrInvalidBatchMaxEntries = fmt.Errorf("batch size must be in 1..%d (--batch.max-entries)", inbox.MaxBatchEntries)
	ErrInvalidBatchMaxDelay   = errors.New("batch max delay must be positive (--batch.max-delay)")
	ErrInvalidPollInterval    = errors.New("batch poll interval must be positive (--batch.poll-interval)")
	ErrInvalidKeeperInterval  = errors.New("keeper interval must be positive when the keeper is enabled (--keeper.interval)")
	ErrInvalidKeeperInFlight  = errors.New("--keeper.max-in-flight must be in 1..1024")
	ErrInvalidJobCacheTTL     = errors.New("job cache ttl must not be negative (--job-cache-ttl)")
)

// CLIConfig is the sequencer's configuration, read from flags.
type CLIConfig struct {
	L1EthRpc    string
	Deployments string
	DataDir     string

	RPCAddr string
	RPCPort int

	BatchMaxEntries   int
	BatchMaxDelay     time.Duration
	BatchPollInterval time.Duration

	KeeperEnabled  bool
	KeeperInterval time.Duration
	// KeeperMaxInFlight bounds the transitions the keeper sends at once.
	KeeperMaxInFlight int

	JobCacheTTL time.Duration

	TxMgrConfig   txmgr.CLIConfig
	LogConfig     oplog.CLIConfig
	MetricsConfig opmetrics.CLIConfig
	PprofConfig   oppprof.CLIConfig
}

// Check validates the configuration.
func (c *CLIConfig) Check() error {
	if c.L1EthRpc == "" {
		return ErrMissingL1EthRPC
	}
	if c.Deployments == "" {
		return ErrMissingDeployments
	}
	if c.DataDir == "" {
		return ErrMissingDataDir
	}
	if c.RPCPort < 0 || c.RPCPort > 65535 {
		return ErrInvalidRPCPort
	}
	if c.BatchMaxEntries < 1 || c.BatchMaxEntries > inbox.MaxBatchEntries {
		return ErrInvalidBatchMaxEntries
	}
	if c.BatchMaxDelay <= 0 {
		return ErrInvalidBatchMaxDelay
	}
	if c.BatchPollInterval <= 0 {
		return ErrInvalidPollInterval
	}
	if c.KeeperEnabled && c.KeeperInterval <= 0 {
		return ErrInvalidKeeperInterval
	}
	if c.KeeperEnabled && (c.KeeperMaxInFlight < 1 || c.KeeperMaxInFlight > 1024) {
		return ErrInvalidKeeperInFlight
	}
	if c.JobCacheTTL < 0 {
		return ErrInvalidJobCacheTTL
	}
	if err := c.TxMgrConfig.Check(); err != nil {
		return fmt.Errorf("txmgr: %w", err)
	}
	if err := c.MetricsConfig.Check(); err != nil {
		return fmt.Errorf("metrics: %w", err)
	}
	if err := c.PprofConfig.Check(); err != nil {
		return fmt.Errorf("pprof: %w", err)
	}
	return nil
}

// NewConfig reads the configuration from the command line.
func NewConfig(ctx *cli.Context) *CLIConfig {
	return &CLIConfig{
		L1EthRpc:          ctx.String(flags.L1EthRpcFlag.Name),
		Deployments:       ctx.String(flags.DeploymentsFlag.Name),
		DataDir:           ctx.String(flags.DataDirFlag.Name),
		RPCAddr:           ctx.String(flags.RPCAddrFlag.Name),
		RPCPort:           ctx.Int(flags.RPCPortFlag.Name),
		BatchMaxEntries:   ctx.Int(flags.BatchMaxEntriesFlag.Name),
		BatchMaxDelay:     ctx.Duration(flags.BatchMaxDelayFlag.Name),
		BatchPollInterval: ctx.Duration(flags.BatchPollIntervalFlag.Name),
		KeeperEnabled:     ctx.Bool(flags.KeeperEnabledFlag.Name),
		KeeperInterval:    ctx.Duration(flags.KeeperIntervalFlag.Name),
		KeeperMaxInFlight: ctx.Int(flags.KeeperMaxInFlightFlag.Name),
		JobCacheTTL:       ctx.Duration(flags.JobCacheTTLFlag.Name),
		TxMgrConfig:       txmgr.ReadCLIConfig(ctx),
		LogConfig:         oplog.ReadCLIConfig(ctx),
		MetricsConfig:     opmetrics.ReadCLIConfig(ctx),
		PprofConfig:       oppprof.ReadCLIConfig(ctx),
	}
}
