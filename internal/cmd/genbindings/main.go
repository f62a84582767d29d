// Command genbindings generates the Go bindings in bindings/ from the Foundry
// artifacts in contracts/out, with go-ethereum's abigen (v2 bindings) at the
// version pinned in go.mod. With -check it regenerates in memory and fails if
// any committed binding differs, so CI catches stale bindings. It also writes
// bindings/deployedcode.go: per contract (and per CodeOnly contract), the keccak256 of its runtime code
// with the immutables' bytes zeroed, and where the immutables are, so that
// `gensyn status` can tell whether the code on chain is the code this binary
// was built for.
//
//	go run ./internal/cmd/genbindings [-check] [-out contracts/out] [-dir bindings]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// Contracts with bindings: the deployable contracts the node software calls.
// Contracts that share ABI struct types are bound together in one file
// (named after the first), so that the shared types are declared once.
var Contracts = [][]string{
	{"StakeManager"},
	{"JobMarket"},
	{"CommitmentInbox"},
	{"NodeRegistry"},
	{"VerdeArbitration", "OneStep"},
}

// CodeOnly are contracts without bindings whose runtime code is still in
// bindings.Deployed, so that `gensyn status` can check it: the ElementDecoder
// that OneStep deploys in its constructor (OneStep.decoder()).
var CodeOnly = []string{"ElementDecoder"}

type artifact struct {
	ABI      json.RawMessage `json:"abi"`
	Bytecode struct {
		Object string `json:"object"`
	} `json:"bytecode"`
	DeployedBytecode struct {
		Object              string `json:"object"`
		ImmutableReferences map[string][]struct {
			Start  int `json:"start"`
			Length int `json:"length"`
		} `json:"immutableReferences"`
	} `json:"deployedBytecode"`
}

func main() {
	check := flag.Bool("check", false, "fail if the committed bindings differ from freshly generated ones")
	out := flag.String("out", "contracts/out", "Foundry artifacts directory")
	dir := flag.String("dir", "bindings", "bindings package directory")
	flag.Parse()
	if err := run(*out, *dir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "genbindings: "+err.Error())
		os.Exit(1)
	}
}

func run(out, dir string, check bool) error {
	var stale []string
	files := map[string]func() ([]byte, error){}
	for _, names := range Contracts {
		files[strings.ToLower(names[0])+".go"] = func() ([]byte, error) { return generate(out, names) }
	}
	files[DeployedCodeFile] = func() ([]byte, error) { return generateDeployedCode(out) }
	files[LibraryErrorsFile] = func() ([]byte, error) { return generateLibraryErrors(out) }
	order := make([]string, 0, len(files))
	for f := range files {
		order = append(order, f)
	}
	sort.Strings(order)
	for _, f := range order {
		code, err := files[f]()
		if err != nil {
			return err
		}
		path := filepath.Join(dir, f)
		if check {
			have, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(have, code) {
				stale = append(stale, path)
			}
			continue
		}
		if err := os.WriteFile(path, code, 0o644); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("stale bindings (run `make bindings` and commit): %s", strings.Join(stale, ", "))
	}
	return nil
}

func generate(out string, names []string) ([]byte, error) {
	var abis, bins []string
	for _, name := range names {
		path, a, err := readArtifact(out, name)
		if err != nil {
			return nil, err
		}
		if a.Bytecode.Object == "" || a.Bytecode.Object == "0x" {
			return nil, fmt.Errorf("artifact %s has no bytecode (abstract contract or interface?)", path)
		}
		abis = append(abis, string(a.ABI))
		bins = append(bins, a.Bytecode.Object)
	}
	src, err := abigen.BindV2(names, abis, bins, "bindings", nil, nil)
	if err != nil {
		return nil, fmt.Errorf("abigen %s: %v", strings.Join(names, ", "), err)
	}
	return []byte(src), nil
}

// readArtifact reads and decodes the Foundry artifact of contract name.
func readArtifact(out, name string) (string, artifact, error) {
	path := filepath.Join(out, name+".sol", name+".json")
	var a artifact
	raw, err := os.ReadFile(path)
	if err != nil {
		return path, a, fmt.Errorf("artifact of %s: %v (run `forge build` first)", name, err)
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		return path, a, fmt.Errorf("artifact %s: %v", path, err)
	}
	return path, a, nil
}
