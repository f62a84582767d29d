// Package flags defines the command-line flags of `gensyn worker`; every
// flag has an environment variable with the GENSYN_WORKER_ prefix.
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
const EnvVarPrefix = "GENSYN_WORKER"

func prefixEnvVars(name string) []string {
	return opservice.PrefixEnvVar(EnvVarPrefix, name)
}

// TxMgrDefaults are the tx manager's defaults for the worker (shared by
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
		Usage:   "directory of checkpoint files and the job metadata (Pebble)",
		EnvVars: prefixEnvVars("DATA_DIR"),
	}
	BlobstoreFlag = &cli.StringFlag{
		Name:    "blobstore",
		Usage:   "URL of the blob store (specs, datasets, checkpoints), e.g. http://127.0.0.1:7070",
		EnvVars: prefixEnvVars("BLOBSTORE"),
	}
	SequencerFlag = &cli.StringFlag{
		Name:    "sequencer",
		Usage:   "URL of the sequencer's JSON-RPC API, e.g. http://127.0.0.1:8560",
		EnvVars: prefixEnvVars("SEQUENCER"),
	}
)

// Optional flags.
var (
	BidPriceFlag = &cli.StringFlag{
		Name:    "bid.price",
		Usage:   "bid this fixed price on every job, e.g. 0.3eth, 20gwei or 1000 (wei); capped at the job's max price; excludes --bid.fraction",
		EnvVars: prefixEnvVars("BID_PRICE"),
	}
	BidFractionFlag = &cli.Float64Flag{
		Name:    "bid.fraction",
		Usage:   "bid this fraction of the job's max price, 0 < f <= 1 (e.g. 0.5: half the max price; kept to millionths); excludes --bid.price",
		Value:   0,
		EnvVars: prefixEnvVars("BID_FRACTION"),
	}
	BidTimeMarginFlag = &cli.Float64Flag{
		Name: "bid.time-margin",
		Usage: "bid only on a job whose steps x this worker's measured step time x this margin + --bid.time-overhead " +
			"fits in the job's execution window (at least 1)",
		Value:   2,
		EnvVars: prefixEnvVars("BID_TIME_MARGIN"),
	}
	BidTimeOverheadFlag = &cli.DurationFlag{
		Name:    "bid.time-overhead",
		Usage:   "fixed time a job takes besides its steps (the last commitments on chain, the result's submission, a few blocks), in the bid's time rule",
		Value:   30 * time.Second,
		EnvVars: prefixEnvVars("BID_TIME_OVERHEAD"),
	}
	StakeTargetFlag = &cli.StringFlag{
		Name:    "stake.target",
		Usage:   "deposit into the StakeManager until the worker's stake is this amount, e.g. 5eth or 1000 (wei) (0: deposit nothing)",
		Value:   "0",
		EnvVars: prefixEnvVars("STAKE_TARGET"),
	}
	PeerIDFlag = &cli.StringFlag{
		Name:    "peer-id",
		Usage:   "peer id registered in the NodeRegistry (default: the worker's address)",
		EnvVars: prefixEnvVars("PEER_ID"),
	}
	HardwareFlag = &cli.StringFlag{
		Name:    "hardware",
		Usage:   "hardware declared in the NodeRegistry",
		Value:   "cpu",
		EnvVars: prefixEnvVars("HARDWARE"),
	}
	PollIntervalFlag = &cli.DurationFlag{
		Name:    "poll-interval",
		Usage:   "how often the worker reads the JobMarket",
		Value:   time.Second,
		EnvVars: prefixEnvVars("POLL_INTERVAL"),
	}
	ForceIncludeAfterFlag = &cli.DurationFlag{
		Name:    "force-include-after",
		Usage:   "force-include a checkpoint commitment on chain when the sequencer has not posted it this long after it was sent",
		Value:   time.Minute,
		EnvVars: prefixEnvVars("FORCE_INCLUDE_AFTER"),
	}
	MaxBlobSizeFlag = &cli.Int64Flag{
		Name:    "max-blob-size",
		Usage:   "largest spec or dataset blob the worker downloads, in bytes (checkpoints and dispute data are uploaded in chunks, of any size)",
		Value:   256 << 20,
		EnvVars: prefixEnvVars("MAX_BLOB_SIZE"),
	}
)

// Unsafe flags: fault injection, for tests and demos only (docs/worker.md).
var (
	TestModesFlag = &cli.BoolFlag{
		Name:    "unsafe.test-modes",
		Usage:   "UNSAFE: allow the test-only modes below (never on a real network)",
		EnvVars: prefixEnvVars("UNSAFE_TEST_MODES"),
	}
	FaultFlag = &cli.StringFlag{
		Name: "unsafe.fault",
		Usage: "UNSAFE, tests and demos only (needs --unsafe.test-modes): make this worker cheat, and lose its collateral: " +
			"perturb-weight, skip-steps, wrong-batch, wrong-lr, initial-model, corrupt-final, float64-matmul, wrong-final-root, never-train, " +
			"perturb-attention, perturb-norm, nonrepops-softmax (transformer jobs), " +
			"withhold, stop-answering, junk-padding or rebid; a fault may be followed by the modifiers ,withhold ,stop-answering ,junk-padding " +
			",rebid (e.g. perturb-weight,junk-padding)",
		EnvVars: prefixEnvVars("UNSAFE_FAULT"),
	}
	FaultStepFlag = &cli.Uint64Flag{
		Name:    "unsafe.fault-step",
		Usage:   "UNSAFE: the step N the fault starts at (default: the middle of the job's middle checkpoint interval)",
		EnvVars: prefixEnvVars("UNSAFE_FAULT_STEP"),
	}
)

var requiredFlags = []cli.Flag{L1EthRpcFlag, DeploymentsFlag, DataDirFlag, BlobstoreFlag, SequencerFlag}

var optionalFlags = []cli.Flag{
	BidPriceFlag, BidFractionFlag, BidTimeMarginFlag, BidTimeOverheadFlag, StakeTargetFlag, PeerIDFlag, HardwareFlag,
	PollIntervalFlag, ForceIncludeAfterFlag, MaxBlobSizeFlag,
	TestModesFlag, FaultFlag, FaultStepFlag,
}

// Flags are every flag of the command: the worker's own, then the tx
// manager's (signer, fees, confirmations), logging and metrics.
var Flags []cli.Flag

func init() {
	// No --signer.*: the worker signs its commitments with the key itself.
	optionalFlags = append(optionalFlags, keys.WithoutRemoteSigner(cliflags.ByRule(EnvVarPrefix, txmgr.CLIFlagsWithDefaults(EnvVarPrefix, TxMgrDefaults)))...)
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
