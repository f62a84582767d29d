// Package flags defines the command-line flags of `gensyn sequencer`; every
// flag has an environment variable with the GENSYN_SEQUENCER_ prefix.
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
const EnvVarPrefix = "GENSYN_SEQUENCER"

func prefixEnvVars(name string) []string {
	return opservice.PrefixEnvVar(EnvVarPrefix, name)
}

// TxMgrDefaults are the tx manager's defaults for the sequencer (shared by
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
		Usage:   "directory of the durable log (Pebble)",
		EnvVars: prefixEnvVars("DATA_DIR"),
	}
)

// Optional flags.
var (
	RPCAddrFlag = &cli.StringFlag{
		Name:    "rpc.addr",
		Usage:   "address the JSON-RPC API listens on",
		Value:   "127.0.0.1",
		EnvVars: prefixEnvVars("RPC_ADDR"),
	}
	RPCPortFlag = &cli.IntFlag{
		Name:    "rpc.port",
		Usage:   "port the JSON-RPC API listens on (0: any free port)",
		Value:   8560,
		EnvVars: prefixEnvVars("RPC_PORT"),
	}
	BatchMaxEntriesFlag = &cli.IntFlag{
		Name:    "batch.max-entries",
		Usage:   "post a batch as soon as this many entries are pending; the most entries in one batch",
		Value:   256,
		EnvVars: prefixEnvVars("BATCH_MAX_ENTRIES"),
	}
	BatchMaxDelayFlag = &cli.DurationFlag{
		Name:    "batch.max-delay",
		Usage:   "post a batch once the oldest pending entry has waited this long",
		Value:   10 * time.Second,
		EnvVars: prefixEnvVars("BATCH_MAX_DELAY"),
	}
	BatchPollIntervalFlag = &cli.DurationFlag{
		Name:    "batch.poll-interval",
		Usage:   "how often the batcher looks at the log",
		Value:   100 * time.Millisecond,
		EnvVars: prefixEnvVars("BATCH_POLL_INTERVAL"),
	}
	KeeperEnabledFlag = &cli.BoolFlag{
		Name:    "keeper.enabled",
		Usage:   "close auctions, finalize and time out jobs when they are due",
		Value:   true,
		EnvVars: prefixEnvVars("KEEPER_ENABLED"),
	}
	KeeperIntervalFlag = &cli.DurationFlag{
		Name:    "keeper.interval",
		Usage:   "how often the keeper scans the jobs",
		Value:   5 * time.Second,
		EnvVars: prefixEnvVars("KEEPER_INTERVAL"),
	}
	KeeperMaxInFlightFlag = &cli.IntFlag{
		Name:    "keeper.max-in-flight",
		Usage:   "how many due transitions (closeAuction, finalize, timeout) the keeper has in flight at once; 1 sends them one after the other",
		Value:   64,
		EnvVars: prefixEnvVars("KEEPER_MAX_IN_FLIGHT"),
	}
	JobCacheTTLFlag = &cli.DurationFlag{
		Name:    "job-cache-ttl",
		Usage:   "how long a job read from the JobMarket is trusted when checking submissions",
		Value:   2 * time.Second,
		EnvVars: prefixEnvVars("JOB_CACHE_TTL"),
	}
)

var requiredFlags = []cli.Flag{L1EthRpcFlag, DeploymentsFlag, DataDirFlag}

var optionalFlags = []cli.Flag{
	RPCAddrFlag, RPCPortFlag, BatchMaxEntriesFlag, BatchMaxDelayFlag, BatchPollIntervalFlag,
	KeeperEnabledFlag, KeeperIntervalFlag, KeeperMaxInFlightFlag, JobCacheTTLFlag,
}

// Flags are every flag of the command: the sequencer's own, then the
// tx manager's (signer, fees, confirmations), logging and metrics.
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
