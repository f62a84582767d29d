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
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"
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
	app.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return err }
	app.Commands = commands()
	for _, c := range app.Commands {
		setUsageErrors(c)
	}
	return app
}

// commands lists every subcommand; each lives in its own file.
func commands() []*cli.Command {
	return []*cli.Command{
		devnetCommand(),
		deployCommand(),
		blobstoreCommand(),
		trainCommand(),
		traceCommand(),
		sequencerCommand(),
		workerCommand(),
		verifierCommand(),
		jobCommand(),
		demoCommand(),
	}
}

func setUsageErrors(c *cli.Command) {
	c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return err }
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
