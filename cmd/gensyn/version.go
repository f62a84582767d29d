package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
)

func init() {
	// `gensyn --version` prints what `gensyn version` does.
	cli.VersionPrinter = func(c *cli.Context) { printVersion(c.App.Writer) }
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:      "version",
		Usage:     "print the software version, its git commit and the code hashes of the contracts it was built for",
		UsageText: "gensyn version",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("version takes no arguments")
			}
			printVersion(c.App.Writer)
			return nil
		},
	}
}

// Commit is the git commit the binary was built from when the build sets it
// (`make build`: -ldflags "-X main.Commit=..."); otherwise the commit Go
// recorded in the binary (-buildvcs) is used.
var Commit = ""

// buildCommit is the git commit the binary was built from, "+modified" when
// the work tree had changes, "unknown" when the build recorded none (go run,
// a build outside a checkout, GOFLAGS=-buildvcs=false).
func buildCommit() string {
	if Commit != "" {
		return Commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "unknown"
	}
	if modified == "true" {
		rev += "+modified"
	}
	return rev
}

// printVersion prints the version, the commit, the RepOps matrix-product
// kernel and thread count in use, the keccak path of node/commit, and, per contract, the
// keccak256 of its runtime code with the immutables masked (what `gensyn
// status` compares the chain's code with), one per line.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "gensyn %s\n", Version)
	fmt.Fprintf(w, "commit %s\n", buildCommit())
	if err := repops.CheckEnv(); err != nil {
		fmt.Fprintf(w, "%s\n", err)
	} else {
		fmt.Fprintf(w, "repops kernel %s, %d threads (this CPU runs: %s)\n", repops.Kernel(), repops.Threads(), strings.Join(repops.Kernels(), ", "))
	}
	if err := commit.CheckEnv(); err != nil {
		fmt.Fprintf(w, "%s\n", err)
	} else {
		fmt.Fprintf(w, "commit keccak %s (this CPU runs: %s)\n", commit.KeccakPath(), strings.Join(commit.KeccakPaths(), ", "))
	}
	names := make([]string, 0, len(bindings.Deployed))
	for n := range bindings.Deployed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "contract %-17s %s\n", n, bindings.Deployed[n].Hash.Hex())
	}
}
