// Package worker is the gensyn worker service: it registers in the
// NodeRegistry and stakes, watches the JobMarket for open jobs, checks each
// job's commitments against its spec and dataset from the blob store, bids by
// a price policy on the jobs it is not barred from and can finish in their
// execution window at its measured speed, trains the jobs it wins with RepOps
// (node/trainer; training stops within a step when a job is no longer its
// own), signs a checkpoint commitment for the assignment round at every
// checkpoint and sends it to the sequencer
// (force-including it on chain when the sequencer does not post it in time),
// publishes its checkpoint files to the blob store, submits the result and
// withdraws its payment once the job is finalized. It defends the
// VerdeArbitration dispute games opened against it (node/dispute computes
// the moves) and withdraws the bonds it wins. Job and game metadata live in
// Pebble in the data directory, so a worker killed mid-training or
// mid-game resumes. Every chain write goes through op-service's txmgr.
// Fault injection (--unsafe.fault) makes it cheat, for tests and demos.
package worker

import (
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/internal/amount"
	"github.com/gensyn-stack/gensyn/node/worker/flags"
)

// Configuration errors.
var (
	ErrMissingL1EthRPC       = errors.New("missing l1 eth rpc url (--l1-eth-rpc)")
	ErrMissingDeployments    = errors.New("missing deployments file (--deployments)")
	ErrMissingDataDir        = errors.New("missing data directory (--data-dir)")
	ErrMissingBlobstore      = errors.New("missing blob store url (--blobstore)")
	ErrMissingSequencer      = errors.New("missing sequencer url (--sequencer)")
	ErrNoPricePolicy         = errors.New("give a price policy: --bid.price WEI or --bid.fraction F")
	ErrTwoPricePolicies      = errors.New("give either --bid.price or --bid.fraction, not both")
	ErrInvalidBidPrice       = errors.New("--bid.price: must be a positive amount (" + amount.Syntax + ")")
	ErrInvalidBidFraction    = errors.New("--bid.fraction: must be a fraction of the job's max price in (0, 1], e.g. 0.5")
	ErrInvalidBidTimeMargin  = errors.New("bid time margin must be at least 1 (--bid.time-margin)")
	ErrInvalidBidOverhead    = errors.New("bid time overhead must not be negative (--bid.time-overhead)")
	ErrInvalidStakeTarget    = errors.New("--stake.target: must be an amount (" + amount.Syntax + ")")
	ErrInvalidPollInterval   = errors.New("poll interval must be positive (--poll-interval)")
	ErrInvalidForceInclusion = errors.New("force-include bound must be positive (--force-include-after)")
	ErrInvalidMaxBlobSize    = errors.New("max blob size must be positive (--max-blob-size)")
	ErrNeedPrivateKey        = errors.New("the worker signs commitments with its key: give --private-key (remote signers and mnemonics are not supported)")
	ErrFaultNeedsTestModes   = errors.New("--unsafe.fault (and --unsafe.fault-step) need --unsafe.test-modes")
)

// CLIConfig is the worker's configuration, read from flags.
type CLIConfig struct {
	L1EthRpc    string
	Deployments string
	DataDir     string
	Blobstore   string
	Sequencer   string

	BidPrice    string
	BidFraction float64
	// The bid's time rule: steps x measured step time x BidTimeMargin +
	// BidTimeOverhead must fit in the job's execution window.
	BidTimeMargin   float64
	BidTimeOverhead time.Duration
	StakeTarget     string
	PeerID          string
	Hardware        string

	PollInterval      time.Duration
	ForceIncludeAfter time.Duration
	MaxBlobSize       int64

	// Fault injection (tests and demos only): a fault kind, its step when
	// FaultStepSet, and whether test modes are allowed.
	TestModes    bool
	Fault        string
	FaultStep    uint64
	FaultStepSet bool

	TxMgrConfig   txmgr.CLIConfig
	LogConfig     oplog.CLIConfig
	MetricsConfig opmetrics.CLIConfig
	PprofConfig   oppprof.CLIConfig
}

func parseWei(s string) (*big.Int, bool) {
	v, err := amount.Parse(s)
	if err != nil || v.BitLen() > 128 {
		return nil, false
	}
	return v, true
}

// Check validates the configuration.
func (c *CLIConfig) Check() error {
	switch {
	case c.L1EthRpc == "":
		return ErrMissingL1EthRPC
	case c.Deployments == "":
		return ErrMissingDeployments
	case c.DataDir == "":
		return ErrMissingDataDir
	case c.Blobstore == "":
		return ErrMissingBlobstore
	case c.Sequencer == "":
		return ErrMissingSequencer
	case c.BidPrice == "" && c.BidFraction == 0:
		return ErrNoPricePolicy
	case c.BidPrice != "" && c.BidFraction != 0:
		return ErrTwoPricePolicies
	}
	if c.BidPrice != "" {
		if v, ok := parseWei(c.BidPrice); !ok || v.Sign() == 0 {
			return ErrInvalidBidPrice
		}
	} else if !(c.BidFraction > 0 && c.BidFraction <= 1) {
		return fmt.Errorf("%w (got %v)", ErrInvalidBidFraction, c.BidFraction)
	}
	if !(c.BidTimeMargin >= 1) {
		return ErrInvalidBidTimeMargin
	}
	if c.BidTimeOverhead < 0 {
		return ErrInvalidBidOverhead
	}
	if _, ok := parseWei(c.StakeTarget); !ok {
		return ErrInvalidStakeTarget
	}
	if c.PollInterval <= 0 {
		return ErrInvalidPollInterval
	}
	if c.ForceIncludeAfter <= 0 {
		return ErrInvalidForceInclusion
	}
	if c.MaxBlobSize <= 0 {
		return ErrInvalidMaxBlobSize
	}
	if (c.Fault != "" || c.FaultStepSet) && !c.TestModes {
		return ErrFaultNeedsTestModes
	}
	if _, err := ParseFault(c.Fault); err != nil {
		return err
	}
	if c.TxMgrConfig.PrivateKey == "" {
		return ErrNeedPrivateKey
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

// PricePolicy returns the bid policy of the configuration (call Check first).
func (c *CLIConfig) PricePolicy() PricePolicy {
	if c.BidPrice != "" {
		v, _ := parseWei(c.BidPrice)
		return PricePolicy{Fixed: v}
	}
	return PricePolicy{PPM: uint64(c.BidFraction*1e6 + 0.5)}
}

// FaultConfig is the injected fault (call Check first).
func (c *CLIConfig) FaultConfig() Fault {
	f, _ := ParseFault(c.Fault)
	f.Step, f.StepSet = c.FaultStep, c.FaultStepSet
	return f
}

// StakeTargetWei is the stake target (call Check first).
func (c *CLIConfig) StakeTargetWei() *big.Int {
	v, _ := parseWei(c.StakeTarget)
	return v
}

// NewConfig reads the configuration from the command line.
func NewConfig(ctx *cli.Context) *CLIConfig {
	return &CLIConfig{
		L1EthRpc:          ctx.String(flags.L1EthRpcFlag.Name),
		Deployments:       ctx.String(flags.DeploymentsFlag.Name),
		DataDir:           ctx.String(flags.DataDirFlag.Name),
		Blobstore:         ctx.String(flags.BlobstoreFlag.Name),
		Sequencer:         ctx.String(flags.SequencerFlag.Name),
		BidPrice:          ctx.String(flags.BidPriceFlag.Name),
		BidFraction:       ctx.Float64(flags.BidFractionFlag.Name),
		BidTimeMargin:     ctx.Float64(flags.BidTimeMarginFlag.Name),
		BidTimeOverhead:   ctx.Duration(flags.BidTimeOverheadFlag.Name),
		StakeTarget:       ctx.String(flags.StakeTargetFlag.Name),
		PeerID:            ctx.String(flags.PeerIDFlag.Name),
		Hardware:          ctx.String(flags.HardwareFlag.Name),
		PollInterval:      ctx.Duration(flags.PollIntervalFlag.Name),
		ForceIncludeAfter: ctx.Duration(flags.ForceIncludeAfterFlag.Name),
		MaxBlobSize:       ctx.Int64(flags.MaxBlobSizeFlag.Name),
		TestModes:         ctx.Bool(flags.TestModesFlag.Name),
		Fault:             ctx.String(flags.FaultFlag.Name),
		FaultStep:         ctx.Uint64(flags.FaultStepFlag.Name),
		FaultStepSet:      ctx.IsSet(flags.FaultStepFlag.Name),
		TxMgrConfig:       txmgr.ReadCLIConfig(ctx),
		LogConfig:         oplog.ReadCLIConfig(ctx),
		MetricsConfig:     opmetrics.ReadCLIConfig(ctx),
		PprofConfig:       oppprof.ReadCLIConfig(ctx),
	}
}

// PricePolicy decides a bid: a fixed price, or PPM millionths of the job's
// max price. A bid is never above the job's max price (nor its escrow, which
// the contract also caps it at).
type PricePolicy struct {
	Fixed *big.Int
	PPM   uint64
}

// Price is the bid for a job of maxPrice with escrow; zero means no bid.
func (p PricePolicy) Price(maxPrice, escrow *big.Int) *big.Int {
	limit := new(big.Int).Set(maxPrice)
	if escrow != nil && escrow.Cmp(limit) < 0 {
		limit.Set(escrow)
	}
	var v *big.Int
	if p.Fixed != nil {
		v = new(big.Int).Set(p.Fixed)
	} else {
		v = new(big.Int).Mul(maxPrice, new(big.Int).SetUint64(p.PPM))
		v.Quo(v, big.NewInt(1_000_000))
	}
	if v.Cmp(limit) > 0 {
		if p.Fixed != nil {
			return new(big.Int) // a fixed price above the limit: no bid
		}
		v = limit
	}
	return v
}
