// Command gen copies the runtime bytecode of the Float32Harness contract from
// the forge artifact into testdata/Float32Harness.runtime.hex, which the
// float32evm package embeds. Run it after `forge build` from the repo root:
//
//	go generate ./node/float32evm
//
// (go generate runs it in node/float32evm). TestEmbeddedBytecodeFresh fails
// when the committed file differs from a present artifact.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	artifact := "../../contracts/out/Float32Harness.sol/Float32Harness.json"
	out := "testdata/Float32Harness.runtime.hex"
	if len(os.Args) > 2 {
		artifact, out = os.Args[1], os.Args[2]
	}
	raw, err := os.ReadFile(artifact)
	if err != nil {
		fail(err)
	}
	var art struct {
		DeployedBytecode struct {
			Object string `json:"object"`
		} `json:"deployedBytecode"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		fail(err)
	}
	code := strings.TrimSpace(art.DeployedBytecode.Object)
	if !strings.HasPrefix(code, "0x") || len(code) < 4 {
		fail(fmt.Errorf("%s: no deployed bytecode", artifact))
	}
	if err := os.WriteFile(out, []byte(code+"\n"), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("gen: wrote %d bytes of runtime code from %s to %s\n", (len(code)-2)/2, artifact, out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
