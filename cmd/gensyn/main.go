// Command gensyn is the single entry point of the gensyn node software: the
// local devnet, contract deployment, training with RepOps, and (as they land)
// the worker, sequencer, verifier and job client services.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"reflect"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/internal/cliflags"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// Version is the software version, set at build time with
// -ldflags "-X main.Version=...".
var Version = "v0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensyn: "+oneLine(err))
		os.Exit(exitCode(err))
	}
}

// run builds the application and executes it; it is split from main so that
// tests can drive every subcommand in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return newApp(stdout, stderr).RunContext(ctx, args)
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := cli.NewApp()
	app.Name = "gensyn"
	app.Usage = "trustless ML training marketplace: devnet, contracts, RepOps training and node services"
	app.Version = Version
	app.Writer = stdout
	app.ErrWriter = stderr
	app.EnableBashCompletion = true
	app.HideHelpCommand = true
	// Errors are printed once, on one line, by main; never by the cli library.
	app.ExitErrHandler = func(*cli.Context, error) {}
	app.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return cliflags.UsageError(app.Flags, err) }
	app.Commands = commands()
	for _, c := range app.Commands {
		setUsageErrors(c)
		if computes[c.Name] {
			checkKernelFirst(c)
		}
	}
	app.Action = unknownCommand("gensyn", app.Commands)
	return app
}

// unknownCommand is the action of a command that only groups subcommands:
// without arguments it shows the help; with an unknown subcommand it says
// so in one line, with the nearest name.
func unknownCommand(path string, subs []*cli.Command) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.ShowAppHelp(c)
		}
		var names []string
		for _, s := range subs {
			names = append(names, s.Names()...)
		}
		name := c.Args().First()
		if s := cliflags.Suggest(name, names); s != "" {
			return fmt.Errorf("unknown command %q: did you mean '%s %s'?", name, path, s)
		}
		return fmt.Errorf("unknown command %q (see '%s --help')", name, path)
	}
}

// envVars is the one rule that names every flag's environment variable:
// GENSYN_<COMMAND>_<FLAG>, where COMMAND is the top-level command (job for
// every `job` subcommand) and FLAG the flag's name, upper-cased, with '-' and
// '.' turned into '_': `gensyn job submit --max-price` reads
// GENSYN_JOB_MAX_PRICE, `gensyn worker --bid.price` GENSYN_WORKER_BID_PRICE.
// It is op-service's PrefixEnvVar with the prefix GENSYN_<COMMAND>, which the
// services' flag packages use; TestEveryFlagHasItsEnvVar walks the command
// tree and holds every flag to it.
func envVars(command, flag string) []string {
	return []string{envVar(command, flag)}
}

func envVar(command, flag string) string {
	return cliflags.EnvVar("GENSYN_"+strings.ToUpper(command), flag)
}

// commands lists every subcommand; each lives in its own file.
func commands() []*cli.Command {
	return []*cli.Command{
		devnetCommand(),
		deployCommand(),
		blobstoreCommand(),
		trainCommand(),
		traceCommand(),
		exportCommand(),
		generateCommand(),
		sequencerCommand(),
		workerCommand(),
		verifierCommand(),
		explorerCommand(),
		jobCommand(),
		demoCommand(),
		statusCommand(),
		versionCommand(),
	}
}

// computes names the commands that run RepOps: they check the kernel and
// thread settings (GENSYN_REPOPS_KERNEL, GENSYN_REPOPS_THREADS) before doing
// anything, so a bad value is one line at start-up rather than an error at
// the first matrix product of a service that has already started.
var computes = map[string]bool{"train": true, "trace": true, "generate": true, "worker": true, "verifier": true, "demo": true}

// checkKernelFirst runs repops.CheckEnv before the command (and each of its
// subcommands) does anything else.
func checkKernelFirst(c *cli.Command) {
	before := c.Before
	c.Before = func(ctx *cli.Context) error {
		if err := repops.CheckEnv(); err != nil {
			return err
		}
		if err := commit.CheckEnv(); err != nil { // a bad GENSYN_COMMIT_KECCAK
			return err
		}
		if before != nil {
			return before(ctx)
		}
		return nil
	}
}

// setUsageErrors makes every command's flag errors one line that says what
// is wrong (cliflags.UsageError), and replaces the cli library's check of
// required flags, which prints the whole help first, with one that names
// each missing flag and its environment variable.
func setUsageErrors(c *cli.Command) {
	// Each app gets its own copy of every flag: the cli library writes a
	// value read from the environment into the flag itself, which would
	// otherwise outlive this run (tests run many in one process).
	for i, f := range c.Flags {
		c.Flags[i] = cloneFlag(f)
	}
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return cliflags.UsageError(c.Flags, err) }
	if req := cliflags.TakeRequired(c.Flags); len(req) > 0 {
		before := c.Before
		c.Before = func(ctx *cli.Context) error {
			if err := cliflags.CheckRequired(ctx, req); err != nil {
				return err
			}
			if before != nil {
				return before(ctx)
			}
			return nil
		}
	}
	if len(c.Subcommands) > 0 && c.Action == nil {
		action := unknownCommand("gensyn "+c.Name, c.Subcommands)
		c.Action = func(ctx *cli.Context) error {
			if ctx.NArg() == 0 {
				return cli.ShowSubcommandHelp(ctx)
			}
			return action(ctx)
		}
	}
	for _, sub := range c.Subcommands {
		setUsageErrors(sub)
	}
}

// exitCode is the process's exit status for err: the code of a cli.Exit
// error (e.g. 3 from `job status` when progress is unknown), else 1.
func exitCode(err error) int {
	var exit cli.ExitCoder
	if errors.As(err, &exit) && exit.ExitCode() != 0 {
		return exit.ExitCode()
	}
	return 1
}

// oneLine flattens an error into a single line for the terminal.
func oneLine(err error) string {
	var exit cli.ExitCoder
	if errors.As(err, &exit) && exit.Error() == "" {
		return "failed"
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

// cloneFlag returns a shallow copy of a flag (op-service's ProtectFlags has
// already copied the generic values that need a deep one).
func cloneFlag(f cli.Flag) cli.Flag {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return f
	}
	n := reflect.New(v.Elem().Type())
	n.Elem().Set(v.Elem())
	return n.Interface().(cli.Flag)
}
