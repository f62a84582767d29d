package commit

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// EnvKeccak picks the keccak path of leaves and nodes (read once, at
// start-up; SetKeccakPath replaces it): "avx512" (eight at a time), "avx2"
// (four at a time), "scalar" (the Go permutation, one at a time), or ""
// and "auto" for the fastest path this CPU runs. Every path gives the same
// hashes; the choice is a matter of speed only.
const EnvKeccak = "GENSYN_COMMIT_KECCAK"

// keccakPath is one way of hashing leaves and nodes: width at a time by an
// assembly permutation, then the remainder one at a time.
type keccakPath struct {
	name      string
	width     int         // 8, 4 or 1 states per permutation call
	supported func() bool // this CPU and operating system can run it
	auto      bool        // auto-dispatch may pick it
}

// allPathNames are the paths of every architecture, for error messages.
var allPathNames = []string{"avx512", "avx2", "sha3", "scalar"}

var scalarPath = &keccakPath{name: "scalar", width: 1, supported: func() bool { return true }, auto: true}

// pathTable lists this build's paths, widest first (archPaths, one table
// per architecture), the Go permutation last.
var pathTable = append(append([]*keccakPath{}, archPaths...), scalarPath)

// bestPath is the first path of the table that auto-dispatch may pick and
// the CPU runs.
func bestPath() *keccakPath {
	for _, p := range pathTable {
		if p.auto && p.supported() {
			return p
		}
	}
	return scalarPath
}

// lookupPath returns the path called name, or an error that says why it
// cannot run here. "" and "auto" give bestPath.
func lookupPath(name string) (*keccakPath, error) {
	if name == "" || name == "auto" {
		return bestPath(), nil
	}
	for _, p := range pathTable {
		if p.name != name {
			continue
		}
		if !p.supported() {
			return nil, fmt.Errorf("keccak path %q is not supported by this CPU (it can run: %s)", name, strings.Join(KeccakPaths(), ", "))
		}
		return p, nil
	}
	for _, n := range allPathNames {
		if n == name {
			return nil, fmt.Errorf("keccak path %q is not available on %s (this build has: %s)", name, runtime.GOARCH, strings.Join(KeccakPaths(), ", "))
		}
	}
	return nil, fmt.Errorf("unknown keccak path %q (known: %s, auto)", name, strings.Join(allPathNames, ", "))
}

// curPath is the path in use; envErr the error of an invalid EnvKeccak
// (hashing then uses bestPath: the hashes do not depend on the path, and
// CheckEnv reports the setting).
var curPath, envErr = loadEnv()

func loadEnv() (*keccakPath, error) {
	v := os.Getenv(EnvKeccak)
	p, err := lookupPath(v)
	if err != nil {
		return bestPath(), fmt.Errorf("commit: %s=%s: %w", EnvKeccak, v, err)
	}
	return p, nil
}

// CheckEnv reports an invalid GENSYN_COMMIT_KECCAK (an unknown path, or one
// this CPU cannot run). Programs call it at start-up.
func CheckEnv() error { return envErr }

// SetKeccakPath selects the keccak path by name ("avx512", "avx2",
// "scalar", or "auto"). A path this build does not have, or this CPU
// cannot run, is an error and leaves the choice unchanged. It must not be
// called while another goroutine hashes.
func SetKeccakPath(name string) error {
	p, err := lookupPath(name)
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	curPath, envErr = p, nil
	return nil
}

// KeccakPath is the name of the path in use.
func KeccakPath() string { return curPath.name }

// KeccakPaths lists the paths this build has and this CPU can run, widest
// first.
func KeccakPaths() []string {
	var names []string
	for _, p := range pathTable {
		if p.supported() {
			names = append(names, p.name)
		}
	}
	return names
}
