// Command genbindings generates the Go bindings in bindings/ from the Foundry
// artifacts in contracts/out, with go-ethereum's abigen (v2 bindings) at the
// version pinned in go.mod. With -check it regenerates in memory and fails if
// any committed binding differs, so CI catches stale bindings.
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
var Contracts = []string{
	"StakeManager",
	"JobMarket",
	"CommitmentInbox",
	"NodeRegistry",
}

type artifact struct {
	ABI      json.RawMessage `json:"abi"`
	Bytecode struct {
		Object string `json:"object"`
	} `json:"bytecode"`
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
	for _, name := range Contracts {
		code, err := generate(out, name)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, strings.ToLower(name)+".go")
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

func generate(out, name string) ([]byte, error) {
	path := filepath.Join(out, name+".sol", name+".json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("artifact of %s: %v (run `forge build` first)", name, err)
	}
	var a artifact
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("artifact %s: %v", path, err)
	}
	if a.Bytecode.Object == "" || a.Bytecode.Object == "0x" {
		return nil, fmt.Errorf("artifact %s has no bytecode (abstract contract or interface?)", path)
	}
	src, err := abigen.BindV2([]string{name}, []string{string(a.ABI)}, []string{a.Bytecode.Object}, "bindings", nil, nil)
	if err != nil {
		return nil, fmt.Errorf("abigen %s: %v", name, err)
	}
	return []byte(src), nil
}
