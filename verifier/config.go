// Package verifier is the gensyn watchtower (`gensyn verifier`): it audits
// the jobs workers submit by replaying checkpoint intervals chosen by a
// seeded audit policy (the state before an interval comes from the worker's
// published checkpoint in the blob store), compares the last state root
// with the worker's committed checkpoint (from the CommitmentInbox or the
// sequencer's gensyn_getInclusion), and on a mismatch opens a dispute in
// VerdeArbitration and plays the game to its end with node/dispute's
// Challenger: every move, a timeout when the worker's clock runs out, then
// the bond and the reward share the game credits are withdrawn. A result
// whose checkpoint roots it cannot learn is compared whole with a replay of
// the whole job and, when it differs, disputed with challengeResult.
// Audits, games and challenges in flight live in Pebble in the data
// directory, so a verifier killed mid-game resumes every open game without
// challenging again (it first waits for its own pending transactions).
// Every chain write goes through op-service's txmgr.
package verifier

import (
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/node/dispute"
	"github.com/gensyn-stack/gensyn/verifier/flags"
)

// Configuration errors.
var (
	ErrMissingL1EthRPC       = errors.New("missing l1 eth rpc url (--l1-eth-rpc)")
	ErrMissingDeployments    = errors.New("missing deployments file (--deployments)")
	ErrMissingDataDir        = errors.New("missing data directory (--data-dir)")
	ErrMissingBlobstore      = errors.New("missing blob store url (--blobstore)")
	ErrInvalidPollInterval   = errors.New("poll interval must be positive (--poll-interval)")
	ErrInvalidAuditFraction  = errors.New("audit fraction must be in (0, 1] (--audit.fraction)")
	ErrInvalidMaxBlobSize    = errors.New("max blob size must be positive (--max-blob-size)")
	ErrUnsafeWithoutTestMode = errors.New("--unsafe.* flags are for tests only: add --unsafe.test-modes to use them")
	ErrInvalidStrategy       = errors.New("--unsafe.strategy must be honest, random or grief")
	ErrInvalidStopAfter      = errors.New("--unsafe.stop-after must be 0 (never stop) or a positive number of moves")
	ErrCheckpointWithoutAll  = errors.New("--unsafe.challenge-checkpoint needs --unsafe.challenge-all or --unsafe.strategy grief")
	ErrNoSigner              = errors.New("the verifier sends transactions: give --private-key, --mnemonic with --hd-path, or --signer.endpoint")
)

// CLIConfig is the verifier's configuration, read from flags.
type CLIConfig struct {
	L1EthRpc    string
	Deployments string
	DataDir     string
	Blobstore   string
	Sequencer   string

	PollInterval  time.Duration
	AuditFraction float64
	AuditSeed     uint64
	AuditAssigned bool
	MaxBlobSize   int64

	// Test-only modes (--unsafe.*), refused without UnsafeTestModes.
	UnsafeTestModes     bool
	Strategy            string
	StopAfter           int
	ChallengeAll        bool
	ChallengeCheckpoint uint32
	// UnsafeSet is whether any --unsafe.* flag other than
	// --unsafe.test-modes was given.
	UnsafeSet bool

	TxMgrConfig   txmgr.CLIConfig
	LogConfig     oplog.CLIConfig
	MetricsConfig opmetrics.CLIConfig
	PprofConfig   oppprof.CLIConfig
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
	case c.PollInterval <= 0:
		return ErrInvalidPollInterval
	case !(c.AuditFraction > 0 && c.AuditFraction <= 1):
		return ErrInvalidAuditFraction
	case c.MaxBlobSize <= 0:
		return ErrInvalidMaxBlobSize
	}
	unsafe := c.UnsafeSet || c.Strategy != "honest" || c.StopAfter != 0 || c.ChallengeAll || c.ChallengeCheckpoint != 0
	if unsafe && !c.UnsafeTestModes {
		return ErrUnsafeWithoutTestMode
	}
	if c.Strategy != "honest" && c.Strategy != "random" && c.Strategy != "grief" {
		return ErrInvalidStrategy
	}
	if c.StopAfter < 0 {
		return ErrInvalidStopAfter
	}
	if c.ChallengeCheckpoint != 0 && !c.ChallengeAll && !c.Grief() {
		return ErrCheckpointWithoutAll
	}
	if c.TxMgrConfig.PrivateKey == "" && c.TxMgrConfig.Mnemonic == "" && !c.TxMgrConfig.SignerCLIConfig.Enabled() {
		return ErrNoSigner
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

// DisputeStrategy is the challenger's strategy (call Check first): grief
// plays random picks once its queries are spent.
func (c *CLIConfig) DisputeStrategy() dispute.Strategy {
	if c.Strategy == "random" || c.Grief() {
		return dispute.Random
	}
	return dispute.Honest
}

// Grief is whether the challenger griefs (--unsafe.strategy grief): it
// challenges audited checkpoints of honest workers as with
// --unsafe.challenge-all and asks every query the contract allows before
// each pick.
func (c *CLIConfig) Grief() bool { return c.Strategy == "grief" }

// NewConfig reads the configuration from the command line.
func NewConfig(ctx *cli.Context) *CLIConfig {
	unsafeSet := false
	for _, f := range flags.UnsafeFlags {
		if ctx.IsSet(f.Names()[0]) {
			unsafeSet = true
		}
	}
	return &CLIConfig{
		L1EthRpc:            ctx.String(flags.L1EthRpcFlag.Name),
		Deployments:         ctx.String(flags.DeploymentsFlag.Name),
		DataDir:             ctx.String(flags.DataDirFlag.Name),
		Blobstore:           ctx.String(flags.BlobstoreFlag.Name),
		Sequencer:           ctx.String(flags.SequencerFlag.Name),
		PollInterval:        ctx.Duration(flags.PollIntervalFlag.Name),
		AuditFraction:       ctx.Float64(flags.AuditFractionFlag.Name),
		AuditSeed:           ctx.Uint64(flags.AuditSeedFlag.Name),
		AuditAssigned:       ctx.Bool(flags.AuditAssignedFlag.Name),
		MaxBlobSize:         ctx.Int64(flags.MaxBlobSizeFlag.Name),
		UnsafeTestModes:     ctx.Bool(flags.UnsafeTestModesFlag.Name),
		Strategy:            ctx.String(flags.UnsafeStrategyFlag.Name),
		StopAfter:           ctx.Int(flags.UnsafeStopAfterFlag.Name),
		ChallengeAll:        ctx.Bool(flags.UnsafeChallengeAllFlag.Name),
		ChallengeCheckpoint: uint32(ctx.Uint(flags.UnsafeChallengeCheckpointFlag.Name)),
		UnsafeSet:           unsafeSet,
		TxMgrConfig:         txmgr.ReadCLIConfig(ctx),
		LogConfig:           oplog.ReadCLIConfig(ctx),
		MetricsConfig:       opmetrics.ReadCLIConfig(ctx),
		PprofConfig:         oppprof.ReadCLIConfig(ctx),
	}
}
