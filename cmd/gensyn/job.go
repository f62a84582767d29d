package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/urfave/cli/v2"

	opservice "github.com/ethereum-optimism/optimism/op-service"
	oplog "github.com/ethereum-optimism/optimism/op-service/log"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/indexer"
	"github.com/gensyn-stack/gensyn/internal/amount"
	"github.com/gensyn-stack/gensyn/internal/chaincheck"
	"github.com/gensyn-stack/gensyn/internal/cliflags"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/keys"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/jobclient"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
	workerflags "github.com/gensyn-stack/gensyn/node/worker/flags"
)

const jobEnvPrefix = "GENSYN_JOB"

func jobEnv(name string) []string { return opservice.PrefixEnvVar(jobEnvPrefix, name) }

var (
	jobRPCFlag         = &cli.StringFlag{Name: txmgr.L1RPCFlagName, Usage: "HTTP provider URL of the chain", Value: "http://127.0.0.1:8545", EnvVars: jobEnv("L1_ETH_RPC")}
	jobDeploymentsFlag = &cli.StringFlag{Name: "deployments", Usage: "path to deployments/<chain-id>.json", Value: "deployments/31337.json", EnvVars: jobEnv("DEPLOYMENTS")}
	jobBlobstoreFlag   = &cli.StringFlag{Name: "blobstore", Usage: "URL of the blob store", Value: "http://127.0.0.1:7070", EnvVars: jobEnv("BLOBSTORE")}
	jobSequencerFlag   = &cli.StringFlag{Name: "sequencer", Usage: "URL of the sequencer's JSON-RPC API", Value: "http://127.0.0.1:8560", EnvVars: jobEnv("SEQUENCER")}
	jobJSONFlag        = &cli.BoolFlag{Name: "json", Usage: "print JSON", EnvVars: jobEnv("JSON")}
	jobIndexerDirFlag  = &cli.StringFlag{Name: "indexer.dir", Usage: "`DIR` of an indexer store (docs/indexer.md): brought up to the chain's head and read instead of scanning the chain's logs; the first use indexes from the deployment's block", EnvVars: jobEnv("INDEXER_DIR")}
)

// jobTxFlags are the tx manager's flags (signer, fees) and the keystore's,
// env GENSYN_JOB_*.
var jobTxFlags = append(cliflags.ByRule(jobEnvPrefix, txmgr.CLIFlagsWithDefaults(jobEnvPrefix, workerflags.TxMgrDefaults)), keys.CLIFlags(jobEnvPrefix)...)

func jobCommand() *cli.Command {
	base := []cli.Flag{jobRPCFlag, jobDeploymentsFlag}
	writes := append(append([]cli.Flag{}, base...), jobTxFlags...)
	return &cli.Command{
		Name:  "job",
		Usage: "post, fund, follow, cancel training jobs and fetch their verified models",
		Subcommands: []*cli.Command{
			{
				Name:      "submit",
				Usage:     "upload a spec and its dataset, compute the job's roots and post it with escrow",
				UsageText: "gensyn job submit --spec FILE [--data FILE] --max-price AMOUNT [--escrow AMOUNT] [--collateral AMOUNT] (--private-key HEX | --keystore FILE --password-file FILE)",
				Flags: append(append([]cli.Flag{}, writes...), jobBlobstoreFlag, jobJSONFlag,
					&cli.StringFlag{Name: "spec", Usage: "job spec `FILE` (docs/jobspec.md)", Required: true, EnvVars: envVars("job", "spec")},
					&cli.StringFlag{Name: "data", Usage: "dataset `FILE` (default: the file under ./data whose keccak256 is the spec's dataset.hash)", EnvVars: envVars("job", "data")},
					initFlag("job"),
					&cli.StringFlag{Name: "max-price", Usage: "highest price the job pays: 1000 (wei), 20gwei, 0.5eth", Required: true, EnvVars: envVars("job", "max-price")},
					&cli.StringFlag{Name: "escrow", Usage: "escrow sent with the job (default: max price)", EnvVars: envVars("job", "escrow")},
					&cli.StringFlag{Name: "collateral", Usage: "stake the winning worker locks", Value: "1eth", EnvVars: envVars("job", "collateral")},
					&cli.DurationFlag{Name: "bid-window", Usage: "how long the auction is open", Value: time.Minute, EnvVars: envVars("job", "bid-window")},
					&cli.DurationFlag{Name: "execution-window", Usage: "time the worker has from assignment to result", Value: time.Hour, EnvVars: envVars("job", "execution-window")},
					&cli.DurationFlag{Name: "challenge-window", Usage: "time verifiers have to dispute a result", Value: 10 * time.Minute, EnvVars: envVars("job", "challenge-window")},
				),
				Action: jobSubmit,
			},
			{
				Name:      "status",
				Usage:     "a job's state and progress (checkpoints committed of total)",
				UsageText: "gensyn job status [--watch] JOB_ID",
				Flags: append(append([]cli.Flag{}, base...), jobSequencerFlag, jobJSONFlag, jobIndexerDirFlag,
					&cli.BoolFlag{Name: "watch", Usage: "print a live progress line until the job is finalized or cancelled", EnvVars: envVars("job", "watch")},
					&cli.DurationFlag{Name: "interval", Usage: "refresh interval of --watch", Value: time.Second, EnvVars: envVars("job", "interval")}),
				Action: jobStatus,
			},
			{
				Name:   "list",
				Usage:  "every job with its status",
				Flags:  append(append([]cli.Flag{}, base...), jobJSONFlag, jobIndexerDirFlag),
				Action: jobList,
			},
			{
				Name:      "fund",
				Usage:     "add to a job's escrow",
				UsageText: "gensyn job fund --amount AMOUNT JOB_ID",
				Flags:     append(append([]cli.Flag{}, writes...), &cli.StringFlag{Name: "amount", Usage: "amount added: 1000 (wei), 20gwei, 0.5eth", Required: true, EnvVars: envVars("job", "amount")}),
				Action:    jobFund,
			},
			{
				Name:      "cancel",
				Usage:     "cancel an open job (its poster only); funders claim refunds with `job refund`",
				UsageText: "gensyn job cancel JOB_ID",
				Flags:     writes,
				Action: func(c *cli.Context) error {
					return jobWrite(c, "cancel", func(ctx context.Context, jc *jobclient.Client, id uint64) (common.Hash, error) {
						r, err := jc.Cancel(ctx, id)
						if err != nil {
							return common.Hash{}, err
						}
						return r.TxHash, nil
					})
				},
			},
			{
				Name:      "refund",
				Usage:     "claim the sender's refund of a finalized or cancelled job",
				UsageText: "gensyn job refund JOB_ID",
				Flags:     writes,
				Action: func(c *cli.Context) error {
					return jobWrite(c, "refund", func(ctx context.Context, jc *jobclient.Client, id uint64) (common.Hash, error) {
						r, err := jc.ClaimRefund(ctx, id)
						if err != nil {
							return common.Hash{}, err
						}
						return r.TxHash, nil
					})
				},
			},
			{
				Name:      "fetch",
				Usage:     "download a job's final model and verify it against the on-chain final model root",
				UsageText: "gensyn job fetch --out FILE JOB_ID",
				Flags: append(append([]cli.Flag{}, base...), jobBlobstoreFlag,
					&cli.StringFlag{Name: "out", Usage: "where to write the checkpoint `FILE`", Required: true, EnvVars: envVars("job", "out")}),
				Action: jobFetch,
			},
		},
	}
}

func jobID(c *cli.Context) (uint64, error) {
	if c.NArg() != 1 {
		return 0, errors.New("give one JOB_ID")
	}
	var id uint64
	if _, err := fmt.Sscan(c.Args().First(), &id); err != nil || id == 0 {
		return 0, fmt.Errorf("bad job id %q", c.Args().First())
	}
	return id, nil
}

// jobClient dials the chain (and the blob store and sequencer when their
// flags exist) and, with write, builds a tx manager from the signer flags.
func jobClient(c *cli.Context, write bool) (*jobclient.Client, *deployments.Deployment, func(), error) {
	d, err := deployments.Read(c.String(jobDeploymentsFlag.Name))
	if err != nil {
		return nil, nil, nil, err
	}
	ec, err := ethclient.DialContext(c.Context, c.String(jobRPCFlag.Name))
	if err != nil {
		return nil, nil, nil, err
	}
	// The chain is the deployments file's and the client's contracts are
	// there: one line now rather than a puzzling revert or empty answer later.
	if err := chaincheck.Check(c.Context, ec, d, chaincheck.JobMarket, chaincheck.CommitmentInbox); err != nil {
		ec.Close()
		return nil, nil, nil, err
	}
	closers := []func(){ec.Close}
	done := func() {
		for _, f := range closers {
			f()
		}
	}
	var tm txmgr.TxManager
	if write {
		if err := keys.ResolveCLI(c, jobEnvPrefix, false); err != nil {
			done()
			return nil, nil, nil, err
		}
		cfg := txmgr.ReadCLIConfig(c)
		if err := cfg.Check(); err != nil {
			done()
			return nil, nil, nil, fmt.Errorf("txmgr: %w", err)
		}
		l := oplog.NewLogger(io.Discard, oplog.DefaultCLIConfig())
		if tm, err = txmgr.NewSimpleTxManager("client", l, new(txmetrics.NoopTxMetrics), cfg); err != nil {
			done()
			return nil, nil, nil, fmt.Errorf("tx manager: %w", err)
		}
		closers = append(closers, tm.Close)
	}
	var blobs *blobstore.Client
	if hasFlag(c, jobBlobstoreFlag.Name) {
		blobs = blobstore.NewClient(c.String(jobBlobstoreFlag.Name), nil)
	}
	var seq *gethrpc.Client
	if hasFlag(c, jobSequencerFlag.Name) {
		if seq, err = gethrpc.DialContext(c.Context, c.String(jobSequencerFlag.Name)); err != nil {
			done()
			return nil, nil, nil, err
		}
		closers = append(closers, seq.Close)
	}
	jc := jobclient.New(ec, d.Contracts, tm, blobs, seq)
	jc.FromBlock = d.BlockNumber
	if hasFlag(c, jobIndexerDirFlag.Name) && c.String(jobIndexerDirFlag.Name) != "" {
		store, err := indexer.Open(c.String(jobIndexerDirFlag.Name))
		if err != nil {
			done()
			return nil, nil, nil, err
		}
		closers = append(closers, func() { _ = store.Close() })
		ix, err := indexer.New(indexer.Config{Contracts: d.Contracts, StartBlock: d.BlockNumber}, store, ec)
		if err != nil {
			done()
			return nil, nil, nil, err
		}
		jc.Index, jc.IndexSync = store, func(ctx context.Context) error {
			_, err := ix.Sync(ctx)
			return err
		}
		if err := jc.IndexSync(c.Context); err != nil {
			done()
			return nil, nil, nil, fmt.Errorf("indexer: %w", err)
		}
	}
	return jc, d, done, nil
}

func hasFlag(c *cli.Context, name string) bool {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func jobSubmit(c *cli.Context) error {
	specBytes, err := os.ReadFile(c.String("spec"))
	if err != nil {
		return err
	}
	dataPath := c.String("data")
	if dataPath == "" {
		s, err := spec.Load(c.String("spec"))
		if err != nil {
			return err
		}
		if dataPath, err = findDataset(c.String("spec"), s.Dataset.Hash); err != nil {
			return err
		}
	}
	data, err := os.ReadFile(dataPath)
	if err != nil {
		return err
	}
	maxPrice, err := amount.Parse(c.String("max-price"))
	if err != nil {
		return fmt.Errorf("--max-price: %w", err)
	}
	escrow := maxPrice
	if c.IsSet("escrow") {
		if escrow, err = amount.Parse(c.String("escrow")); err != nil {
			return fmt.Errorf("--escrow: %w", err)
		}
	}
	coll, err := amount.Parse(c.String("collateral"))
	if err != nil {
		return fmt.Errorf("--collateral: %w", err)
	}
	secs := func(name string) uint64 { return uint64(c.Duration(name).Round(time.Second) / time.Second) }
	s, err := spec.Parse(specBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", c.String("spec"), err)
	}
	// Local inputs first: a dataset that is not the spec's is said before the
	// chain is asked anything.
	if err := jobclient.CheckDataset(s, data); err != nil {
		return fmt.Errorf("%s: %w", c.String("spec"), err)
	}
	// A fine-tuning job's initial weights, checked against the spec (hash,
	// tensor names and shapes); uploaded with the spec and the dataset.
	// The file streams (its bytes are never held), here and when uploaded.
	initPath, err := initialWeightsPath(c, s)
	if err != nil {
		return err
	}
	if _, err := withInitialWeights(c, s, trainer.Options{}); err != nil {
		return err
	}
	jc, _, done, err := jobClient(c, true)
	if err != nil {
		return err
	}
	defer done()
	// The market refuses a window its job cannot meet; say so before the
	// roots are computed and anything is uploaded or sent.
	if err := jc.CheckExecutionWindow(c.Context, bindings.IJobMarketJobParams{Steps: uint64(s.Steps), ExecutionWindow: secs("execution-window")}); err != nil {
		return executionWindowError(err)
	}
	p, err := jobclient.PrepareInitFile(specBytes, data, initPath, jobclient.Terms{MaxPrice: maxPrice, RequiredCollateral: coll,
		BidWindow: secs("bid-window"), ExecutionWindow: secs("execution-window"), ChallengeWindow: secs("challenge-window")})
	if err != nil {
		return fmt.Errorf("%s: %w", c.String("spec"), err)
	}
	posted, err := jc.Submit(c.Context, p, escrow)
	if err != nil {
		return executionWindowError(err)
	}
	out := map[string]any{
		"jobId": posted.JobID, "tx": posted.Tx, "block": posted.Block, "poster": jc.Tx.From(),
		"specHash": p.SpecHash, "datasetHash": p.DataHash, "initialStateRoot": p.InitRoot,
		"graphRoot": p.GraphRoot, "dataRoot": p.DataRoot, "steps": p.Spec.Steps,
		"checkpoints": p.Checkpoint, "maxPrice": maxPrice.String(), "escrow": escrow.String(),
	}
	if s.Init != nil {
		out["initWeights"] = s.Init.Weights
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, out)
	}
	w := c.App.Writer
	fmt.Fprintf(w, "job %d posted in tx %s (block %d)\n", posted.JobID, posted.Tx.Hex(), posted.Block)
	fmt.Fprintf(w, "  spec %s, dataset %s\n", p.SpecHash.Hex(), p.DataHash.Hex())
	if s.Init != nil {
		fmt.Fprintf(w, "  initial weights %s (%s)\n", s.Init.Weights, initPath)
	}
	fmt.Fprintf(w, "  initial state root %s\n  graph root %s\n  data root %s\n", p.InitRoot.Hex(), p.GraphRoot.Hex(), p.DataRoot.Hex())
	fmt.Fprintf(w, "  %d steps, %d checkpoints, max price %s wei, escrow %s wei\n", p.Spec.Steps, p.Checkpoint, maxPrice, escrow)
	return nil
}

// executionWindowError words a *jobclient.ExecutionWindowError after the
// flag that set the window; other errors pass unchanged.
func executionWindowError(err error) error {
	var ew *jobclient.ExecutionWindowError
	if errors.As(err, &ew) {
		return fmt.Errorf("--execution-window %s is shorter than this job needs: at least %s (JobMarket.minExecutionTime for %d steps)",
			jobclient.FormatSeconds(new(big.Int).SetUint64(ew.Window)), jobclient.FormatSeconds(ew.Min), ew.Steps)
	}
	return err
}

type jobStatusJSON struct {
	JobID           uint64 `json:"jobId"`
	Status          string `json:"status"`
	Poster          string `json:"poster"`
	Worker          string `json:"worker,omitempty"`
	Price           string `json:"price"`
	Escrow          string `json:"escrow"`
	Round           uint32 `json:"round"`
	Auctions        int    `json:"auctions"`
	MaxAuctions     int    `json:"maxAuctions,omitempty"`
	NoBidder        bool   `json:"noBidder,omitempty"`
	Committed       *int   `json:"committed"` // null: unknown (the sequencer could not be asked)
	Posted          *int   `json:"posted"`    // null: unknown
	Forced          int    `json:"forced"`
	Checkpoints     int    `json:"checkpoints"`
	FinalModelRoot  string `json:"finalModelRoot,omitempty"`
	CheckpointsRoot string `json:"checkpointsRoot,omitempty"`
	ProgressError   string `json:"progressError,omitempty"`

	seqErr error // the sequencer's failure, when progress is unknown because of it
}

func readStatus(ctx context.Context, jc *jobclient.Client, id uint64) (jobStatusJSON, error) {
	job, err := jc.Job(ctx, id)
	if err != nil {
		return jobStatusJSON{}, err
	}
	s := jobStatusJSON{JobID: id, Status: jobclient.StatusName(job.Status), Poster: job.Poster.Hex(),
		Price: job.Price.String(), Escrow: job.Escrow.String(), Round: job.Round, Auctions: int(job.Auctions)}
	if job.Worker != (common.Address{}) {
		s.Worker = job.Worker.Hex()
	}
	a, err := jc.Auctions(ctx, id, job)
	if err != nil {
		return jobStatusJSON{}, err
	}
	s.MaxAuctions, s.NoBidder = a.Max, a.NoBidder
	if job.FinalModelRoot != [32]byte{} {
		s.FinalModelRoot, s.CheckpointsRoot = common.Hash(job.FinalModelRoot).Hex(), common.Hash(job.CheckpointsRoot).Hex()
	}
	setProgress(ctx, &s, jc, id, job)
	return s, nil
}

// setProgress fills in a job's progress: committed and posted stay null when
// unknown (never a false 0).
func setProgress(ctx context.Context, s *jobStatusJSON, jc *jobclient.Client, id uint64, job bindings.IJobMarketJob) {
	p, err := jc.Progress(ctx, id, job)
	s.Forced, s.Checkpoints = p.Forced, p.Total
	if p.Known {
		s.Committed, s.Posted = &p.Committed, &p.Posted
	}
	if err != nil {
		s.ProgressError = err.Error()
		var se *jobclient.SequencerError
		if errors.As(err, &se) {
			s.seqErr = se.Err
		}
	}
}

// exitProgressUnknown is the exit status of `job status` when it printed the
// job's state but not its progress, because the sequencer could not be asked.
const exitProgressUnknown = 3

// sequencerProblem says in one line what is wrong with the sequencer at url.
func sequencerProblem(url string, err error) string {
	var re gethrpc.Error
	what := "unreachable"
	if errors.As(err, &re) {
		what = "error"
	}
	return fmt.Sprintf("sequencer %s: %s (%s); checkpoint progress unknown", url, what, strings.Join(strings.Fields(err.Error()), " "))
}

func progressBar(done, total, width int) string {
	if total == 0 {
		return ""
	}
	n := done * width / total
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "]"
}

func statusLine(s jobStatusJSON) string {
	var line string
	if s.Committed == nil || s.Posted == nil {
		line = fmt.Sprintf("job %d %-9s [%s] ?/%d checkpoints committed (progress unknown", s.JobID, s.Status,
			strings.Repeat("?", 20), s.Checkpoints)
	} else {
		line = fmt.Sprintf("job %d %-9s %s %d/%d checkpoints committed (%d on chain", s.JobID, s.Status,
			progressBar(*s.Committed, s.Checkpoints, 20), *s.Committed, s.Checkpoints, *s.Posted)
	}
	if s.Forced > 0 {
		line += fmt.Sprintf(", %d force-included", s.Forced)
	}
	line += ")"
	if s.Status == "open" && s.MaxAuctions > 0 {
		line += fmt.Sprintf(", auction %d of at most %d", s.Auctions, s.MaxAuctions)
	}
	if s.Worker != "" {
		line += fmt.Sprintf(", worker %s at %s wei", s.Worker, s.Price)
	}
	return line
}

// noBidderLine explains a job cancelled because nobody bid.
func noBidderLine(s jobStatusJSON) string {
	return fmt.Sprintf("  cancelled: no worker bid in %d auctions; funders claim their escrow back with `gensyn job refund %d`", s.Auctions, s.JobID)
}

func jobStatus(c *cli.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	jc, _, done, err := jobClient(c, false)
	if err != nil {
		return err
	}
	defer done()
	w := c.App.Writer
	if !c.Bool("watch") {
		s, err := readStatus(c.Context, jc, id)
		if err != nil {
			return err
		}
		if c.Bool("json") {
			if err := printJSON(w, s); err != nil {
				return err
			}
			if s.seqErr != nil {
				return cli.Exit(sequencerProblem(c.String(jobSequencerFlag.Name), s.seqErr), exitProgressUnknown)
			}
			return nil
		}
		fmt.Fprintln(w, statusLine(s))
		if s.NoBidder {
			fmt.Fprintln(w, noBidderLine(s))
		}
		if s.FinalModelRoot != "" {
			fmt.Fprintf(w, "  final model root %s\n  checkpoints root %s\n", s.FinalModelRoot, s.CheckpointsRoot)
		}
		if s.seqErr != nil {
			return cli.Exit(sequencerProblem(c.String(jobSequencerFlag.Name), s.seqErr), exitProgressUnknown)
		}
		if s.ProgressError != "" {
			fmt.Fprintf(w, "  progress unknown: %s\n", s.ProgressError)
		}
		return nil
	}
	last, lastErr, lastSeq := "", "", ""
	tty := isTerminal(w) // a live line redrawn in place; otherwise a line per change
	for {
		if jc.IndexSync != nil && last != "" {
			// An outage shows in the status read below; a store that cannot
			// follow the chain any more ends the watch.
			err := jc.IndexSync(c.Context)
			if errors.Is(err, indexer.ErrReorgTooDeep) || errors.Is(err, indexer.ErrCorrupt) || errors.Is(err, indexer.ErrOtherDeployment) {
				return fmt.Errorf("indexer: %w", err)
			}
		}
		s, err := readStatus(c.Context, jc, id)
		if c.Context.Err() != nil { // interrupted: not an outage
			fmt.Fprintln(w)
			return nil
		}
		if err != nil && (last == "" || errors.Is(err, jobclient.ErrUnknownJob)) {
			return err
		}
		if err != nil {
			// The job was read before: the chain is only unreachable for
			// now (an RPC outage, a restarting node). Say so and retry.
			if err.Error() != lastErr {
				fmt.Fprintf(c.App.ErrWriter, "\ngensyn: job %d: %v (retrying every %s)\n", id, err, c.Duration("interval"))
				lastErr = err.Error()
			}
			select {
			case <-c.Context.Done():
				return nil
			case <-time.After(c.Duration("interval")):
			}
			continue
		}
		lastErr = ""
		// One line on stderr per change of the sequencer's state.
		seq := ""
		if s.seqErr != nil {
			seq = sequencerProblem(c.String(jobSequencerFlag.Name), s.seqErr)
		}
		if seq != lastSeq {
			if seq != "" {
				fmt.Fprintf(c.App.ErrWriter, "\ngensyn: job %d: %s\n", id, seq)
			} else if lastSeq != "" {
				fmt.Fprintf(c.App.ErrWriter, "\ngensyn: job %d: sequencer %s answers again\n", id, c.String(jobSequencerFlag.Name))
			}
			lastSeq = seq
		}
		line := statusLine(s)
		if c.Bool("json") {
			if line != last {
				b, _ := json.Marshal(s)
				fmt.Fprintln(w, string(b))
			}
		} else if tty {
			fmt.Fprintf(w, "\r%-120s", line)
		} else if line != last {
			// Not a terminal (a log, a pipe): one line per change.
			fmt.Fprintln(w, line)
		}
		last = line
		if s.Status == "finalized" || s.Status == "cancelled" {
			if !c.Bool("json") {
				if tty {
					fmt.Fprintln(w)
				}
				if s.NoBidder {
					fmt.Fprintln(w, noBidderLine(s))
				}
			}
			return nil
		}
		select {
		case <-c.Context.Done():
			fmt.Fprintln(w)
			return nil
		case <-time.After(c.Duration("interval")):
		}
	}
}

func jobList(c *cli.Context) error {
	jc, _, done, err := jobClient(c, false)
	if err != nil {
		return err
	}
	defer done()
	n, err := jc.JobCount(c.Context)
	if err != nil {
		return err
	}
	var all []jobStatusJSON
	for id := uint64(1); id <= n; id++ {
		job, err := jc.Job(c.Context, id)
		if err != nil {
			return err
		}
		s := jobStatusJSON{JobID: id, Status: jobclient.StatusName(job.Status), Poster: job.Poster.Hex(),
			Price: job.Price.String(), Escrow: job.Escrow.String(), Round: job.Round, Auctions: int(job.Auctions)}
		if job.Worker != (common.Address{}) {
			s.Worker = job.Worker.Hex()
		}
		// From the chain alone (list asks no sequencer): an assigned or
		// submitted job's progress is null, unknown.
		setProgress(c.Context, &s, jc, id, job)
		s.ProgressError = ""
		all = append(all, s)
	}
	if c.Bool("json") {
		if all == nil {
			all = []jobStatusJSON{}
		}
		return printJSON(c.App.Writer, all)
	}
	if len(all) == 0 {
		fmt.Fprintln(c.App.Writer, "no jobs")
	}
	for _, s := range all {
		fmt.Fprintf(c.App.Writer, "%4d  %-9s  escrow %s wei  poster %s  worker %s  price %s wei\n",
			s.JobID, s.Status, s.Escrow, s.Poster, orDash(s.Worker), s.Price)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func jobFund(c *cli.Context) error {
	amt, err := amount.Parse(c.String("amount"))
	if err != nil {
		return fmt.Errorf("--amount: %w", err)
	}
	return jobWrite(c, "fund", func(ctx context.Context, jc *jobclient.Client, id uint64) (common.Hash, error) {
		r, err := jc.Fund(ctx, id, amt)
		if err != nil {
			return common.Hash{}, err
		}
		return r.TxHash, nil
	})
}

func jobWrite(c *cli.Context, what string, f func(context.Context, *jobclient.Client, uint64) (common.Hash, error)) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	jc, _, done, err := jobClient(c, true)
	if err != nil {
		return err
	}
	defer done()
	tx, err := f(c.Context, jc, id)
	if err != nil {
		return fmt.Errorf("%s job %d: %w", what, id, err)
	}
	fmt.Fprintf(c.App.Writer, "job %d: %s in tx %s\n", id, what, tx.Hex())
	return nil
}

func jobFetch(c *cli.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	jc, _, done, err := jobClient(c, false)
	if err != nil {
		return err
	}
	defer done()
	// Streamed into a temporary file beside --out while hashed and checked;
	// only the verified model is renamed to --out.
	ck, n, err := jc.FetchModelFile(c.Context, id, c.String("out"))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "job %d: final model (step %d, %d tensors, %d bytes) written to %s; state root %s matches the on-chain final model root\n",
		id, ck.Step, len(ck.State), n, c.String("out"), ck.StateRoot)
	return nil
}
