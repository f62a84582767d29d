// Package flags defines the command-line flags of `gensyn verifier`; every
// flag has an environment variable with the GENSYN_VERIFIER_ prefix.
package flags

import (
	"time"

	"github.com/urfave/cli/v2"

	opservice "github.com/ethereum-optimism/optimism/op-service"
	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	opmetrics "github.com/ethereum-optimism/optimism/op-service/metrics"
	"github.com/ethereum-optimism/optimism/op-service/oppprof"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/internal/cliflags"
	"github.com/gensyn-stack/gensyn/internal/keys"
	"github.com/gensyn-stack/gensyn/internal/txdefaults"
)

// EnvVarPrefix is the prefix of every environment variable.
const EnvVarPrefix = "GENSYN_VERIFIER"

func prefixEnvVars(name string) []string {
	return opservice.PrefixEnvVar(EnvVarPrefix, name)
}

// TxMgrDefaults are the tx manager's defaults for the verifier (shared by
// every role: internal/txdefaults).
var TxMgrDefaults = txdefaults.Values

// Required flags.
var (
	L1EthRpcFlag = &cli.StringFlag{
		Name:    txmgr.L1RPCFlagName,
		Usage:   "HTTP provider URL of the chain the protocol's contracts live on",
		EnvVars: prefixEnvVars("L1_ETH_RPC"),
	}
	DeploymentsFlag = &cli.StringFlag{
		Name:    "deployments",
		Usage:   "path to deployments/<chain-id>.json (contract addresses)",
		EnvVars: prefixEnvVars("DEPLOYMENTS"),
	}
	DataDirFlag = &cli.StringFlag{
		Name:    "data-dir",
		Usage:   "directory of the audit and game records (Pebble), job specs and datasets, and game start states",
		EnvVars: prefixEnvVars("DATA_DIR"),
	}
	BlobstoreFlag = &cli.StringFlag{
		Name:    "blobstore",
		Usage:   "URL of the blob store (specs, datasets, checkpoints, dispute traces), e.g. http://127.0.0.1:7070",
		EnvVars: prefixEnvVars("BLOBSTORE"),
	}
)

// Optional flags.
var (
	SequencerFlag = &cli.StringFlag{
		Name:    "sequencer",
		Usage:   "URL of the sequencer's JSON-RPC API (gensyn_getInclusion: commitments not yet posted, and the worker's signatures for challenges proven from the inbox)",
		EnvVars: prefixEnvVars("SEQUENCER"),
	}
	PollIntervalFlag = &cli.DurationFlag{
		Name:    "poll-interval",
		Usage:   "how often the verifier reads the JobMarket and its games",
		Value:   time.Second,
		EnvVars: prefixEnvVars("POLL_INTERVAL"),
	}
	AuditFractionFlag = &cli.Float64Flag{
		Name:    "audit.fraction",
		Usage:   "fraction (0 < f <= 1) of each job's checkpoints to audit, chosen per (job, checkpoint) by a seeded PRNG; 1 audits every interval",
		Value:   1,
		EnvVars: prefixEnvVars("AUDIT_FRACTION"),
	}
	AuditSeedFlag = &cli.Uint64Flag{
		Name:    "audit.seed",
		Usage:   "seed of the audit choice (keep it private: a worker that knows it knows which checkpoints go unaudited)",
		Value:   0,
		EnvVars: prefixEnvVars("AUDIT_SEED"),
	}
	AuditAssignedFlag = &cli.BoolFlag{
		Name:    "audit.assigned",
		Usage:   "also audit jobs still in training (Assigned), checkpoint by checkpoint as their commitments reach the inbox",
		EnvVars: prefixEnvVars("AUDIT_ASSIGNED"),
	}
	MaxBlobSizeFlag = &cli.Int64Flag{
		Name:    "max-blob-size",
		Usage:   "largest spec or dataset blob the verifier downloads, in bytes (checkpoints and dispute data are bounded by the sizes the job's spec and the game give them, and stream: no fixed cap)",
		Value:   256 << 20,
		EnvVars: prefixEnvVars("MAX_BLOB_SIZE"),
	}
	UnsafeTestModesFlag = &cli.BoolFlag{
		Name:    "unsafe.test-modes",
		Usage:   "TEST ONLY: allow the --unsafe.* flags (dishonest or silent challengers, for testing the protocol)",
		EnvVars: prefixEnvVars("UNSAFE_TEST_MODES"),
	}
	UnsafeStrategyFlag = &cli.StringFlag{
		Name:    "unsafe.strategy",
		Usage:   "TEST ONLY (needs --unsafe.test-modes): honest; random (a dishonest challenger making random valid moves); or grief (challenges audited checkpoints even when they match, asks every query the contract allows before each pick, then picks at random)",
		Value:   "honest",
		EnvVars: prefixEnvVars("UNSAFE_STRATEGY"),
	}
	UnsafeStopAfterFlag = &cli.IntFlag{
		Name:    "unsafe.stop-after",
		Usage:   "TEST ONLY (needs --unsafe.test-modes): stop moving in each game after this many moves (0: never stop)",
		Value:   0,
		EnvVars: prefixEnvVars("UNSAFE_STOP_AFTER"),
	}
	UnsafeChallengeAllFlag = &cli.BoolFlag{
		Name:    "unsafe.challenge-all",
		Usage:   "TEST ONLY (needs --unsafe.test-modes): challenge every audited checkpoint even when the replay matches",
		EnvVars: prefixEnvVars("UNSAFE_CHALLENGE_ALL"),
	}
	UnsafeChallengeCheckpointFlag = &cli.UintFlag{
		Name:    "unsafe.challenge-checkpoint",
		Usage:   "TEST ONLY (needs --unsafe.test-modes, and --unsafe.challenge-all or --unsafe.strategy grief): challenge only this checkpoint (1..K; 0: every audited one)",
		Value:   0,
		EnvVars: prefixEnvVars("UNSAFE_CHALLENGE_CHECKPOINT"),
	}
)

var requiredFlags = []cli.Flag{L1EthRpcFlag, DeploymentsFlag, DataDirFlag, BlobstoreFlag}

var optionalFlags = []cli.Flag{
	SequencerFlag, PollIntervalFlag, AuditFractionFlag, AuditSeedFlag, AuditAssignedFlag, MaxBlobSizeFlag,
	UnsafeTestModesFlag, UnsafeStrategyFlag, UnsafeStopAfterFlag, UnsafeChallengeAllFlag, UnsafeChallengeCheckpointFlag,
}

// Flags are every flag of the command: the verifier's own, then the tx
// manager's (signer, fees, confirmations), logging and metrics.
var Flags []cli.Flag

func init() {
	optionalFlags = append(optionalFlags, cliflags.ByRule(EnvVarPrefix, txmgr.CLIFlagsWithDefaults(EnvVarPrefix, TxMgrDefaults))...)
	optionalFlags = append(optionalFlags, keys.CLIFlags(EnvVarPrefix)...)
	optionalFlags = append(optionalFlags, oplog.CLIFlags(EnvVarPrefix)...)
	optionalFlags = append(optionalFlags, opmetrics.CLIFlags(EnvVarPrefix)...)
	optionalFlags = append(optionalFlags, oppprof.CLIFlags(EnvVarPrefix)...)
	Flags = append(requiredFlags, optionalFlags...)
}

// CheckRequired returns one error naming every required flag not set, with
// its environment variable.
func CheckRequired(ctx *cli.Context) error {
	return cliflags.CheckRequired(ctx, requiredFlags)
}

// UnsafeFlags are the test-only flags that --unsafe.test-modes unlocks.
var UnsafeFlags = []cli.Flag{UnsafeStrategyFlag, UnsafeStopAfterFlag, UnsafeChallengeAllFlag, UnsafeChallengeCheckpointFlag}
