// Package float32evm runs the Solidity binary32 library (contracts/src/float,
// through the Float32Harness test contract) in an in-process EVM, so that Go
// tests can compare it bit for bit with the RepOps primitives (node/repops).
//
// The harness's runtime bytecode is embedded from
// testdata/Float32Harness.runtime.hex, generated from the forge artifact by
// `go generate ./node/float32evm` after `forge build`.
package float32evm

//go:generate go run ./gen

import (
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/gensyn-stack/gensyn/internal/evmhost"
)

//go:embed testdata/Float32Harness.runtime.hex
var embeddedHex string

// EmbeddedRuntimeHex is the committed runtime bytecode ("0x..." hex).
func EmbeddedRuntimeHex() string { return strings.TrimSpace(embeddedHex) }

// Case is one primitive application.
type Case struct {
	Op      uint8
	A, B, C uint32
}

var (
	selExec      = crypto.Keccak256([]byte("exec(uint8,uint256,uint256,uint256)"))[:4]
	selExecBatch = crypto.Keccak256([]byte("execBatch(bytes)"))[:4]
	selExecGas   = crypto.Keccak256([]byte("execGas(uint8,uint256,uint256,uint256)"))[:4]

	// SelOperandTooWide and SelUnknownOp are the library's revert selectors.
	SelOperandTooWide = crypto.Keccak256([]byte("Float32OperandTooWide()"))[:4]
	SelUnknownOp      = crypto.Keccak256([]byte("Float32UnknownOp(uint8)"))[:4]
)

// ErrReverted is a revert; Data holds the revert payload.
type ErrReverted = evmhost.Reverted

// EVM is an in-process EVM holding one deployed Float32Harness. It is not safe
// for concurrent use; create one per goroutine.
type EVM struct {
	host *evmhost.Host
}

// New deploys the embedded harness bytecode into a fresh in-memory state.
func New() (*EVM, error) { return NewWithCode(common.FromHex(EmbeddedRuntimeHex())) }

// NewWithCode deploys the given runtime bytecode.
func NewWithCode(code []byte) (*EVM, error) {
	h, err := evmhost.New(code, common.HexToAddress("0x00000000000000000000000000000000f10a7320"))
	if err != nil {
		return nil, fmt.Errorf("float32evm: %w", err)
	}
	return &EVM{host: h}, nil
}

func word(v uint64) []byte {
	var w [32]byte
	binary.BigEndian.PutUint64(w[24:], v)
	return w[:]
}

func (e *EVM) call(input []byte) ([]byte, uint64, error) { return e.host.Call(input) }

// ExecWords calls exec(op, a, b, c) with full 256-bit operand words and
// returns the 256-bit result word.
func (e *EVM) ExecWords(op uint8, a, b, c *big.Int) (*big.Int, error) {
	in := append([]byte{}, selExec...)
	in = append(in, word(uint64(op))...)
	for _, x := range []*big.Int{a, b, c} {
		in = append(in, common.LeftPadBytes(x.Bytes(), 32)...)
	}
	ret, _, err := e.call(in)
	if err != nil {
		return nil, err
	}
	if len(ret) != 32 {
		return nil, fmt.Errorf("float32evm: exec returned %d bytes", len(ret))
	}
	return new(big.Int).SetBytes(ret), nil
}

// Exec calls exec(op, a, b, c) once.
func (e *EVM) Exec(op uint8, a, b, c uint32) (uint32, error) {
	r, err := e.ExecWords(op, new(big.Int).SetUint64(uint64(a)), new(big.Int).SetUint64(uint64(b)), new(big.Int).SetUint64(uint64(c)))
	if err != nil {
		return 0, err
	}
	if r.BitLen() > 32 {
		return 0, fmt.Errorf("float32evm: result 0x%x wider than 32 bits", r)
	}
	return uint32(r.Uint64()), nil
}

// ExecGas returns exec's result and the gas the library call used inside the
// harness frame (no call, calldata or ABI overhead).
func (e *EVM) ExecGas(op uint8, a, b, c uint32) (uint32, uint64, error) {
	in := append([]byte{}, selExecGas...)
	in = append(in, word(uint64(op))...)
	in = append(in, word(uint64(a))...)
	in = append(in, word(uint64(b))...)
	in = append(in, word(uint64(c))...)
	ret, _, err := e.call(in)
	if err != nil {
		return 0, 0, err
	}
	if len(ret) != 64 {
		return 0, 0, fmt.Errorf("float32evm: execGas returned %d bytes", len(ret))
	}
	return uint32(new(big.Int).SetBytes(ret[:32]).Uint64()), new(big.Int).SetBytes(ret[32:]).Uint64(), nil
}

// ExecBatch runs all cases through execBatch, 4096 per EVM call.
func (e *EVM) ExecBatch(cases []Case) ([]uint32, error) {
	const chunk = 4096
	out := make([]uint32, 0, len(cases))
	for lo := 0; lo < len(cases); lo += chunk {
		hi := min(lo+chunk, len(cases))
		n := hi - lo
		packed := make([]byte, 0, 13*n)
		for _, c := range cases[lo:hi] {
			packed = append(packed, c.Op)
			packed = binary.BigEndian.AppendUint32(packed, c.A)
			packed = binary.BigEndian.AppendUint32(packed, c.B)
			packed = binary.BigEndian.AppendUint32(packed, c.C)
		}
		in := append([]byte{}, selExecBatch...)
		in = append(in, word(32)...)
		in = append(in, word(uint64(len(packed)))...)
		in = append(in, common.RightPadBytes(packed, (len(packed)+31)/32*32)...)
		ret, _, err := e.call(in)
		if err != nil {
			return nil, err
		}
		if len(ret) < 64 || new(big.Int).SetBytes(ret[32:64]).Uint64() != uint64(4*n) || len(ret) < 64+4*n {
			return nil, fmt.Errorf("float32evm: malformed execBatch return (%d bytes for %d cases)", len(ret), n)
		}
		for i := 0; i < n; i++ {
			out = append(out, binary.BigEndian.Uint32(ret[64+4*i:]))
		}
	}
	return out, nil
}

// packageDir is this source file's directory.
func packageDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// DefaultArtifactPath is where forge writes the harness artifact.
func DefaultArtifactPath() string {
	return filepath.Join(packageDir(), "..", "..", "contracts", "out", "Float32Harness.sol", "Float32Harness.json")
}

// EmbeddedHexPath is the committed bytecode file.
func EmbeddedHexPath() string {
	return filepath.Join(packageDir(), "testdata", "Float32Harness.runtime.hex")
}

// RuntimeHexFromArtifact reads deployedBytecode.object from a forge artifact.
func RuntimeHexFromArtifact(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var art struct {
		DeployedBytecode struct {
			Object string `json:"object"`
		} `json:"deployedBytecode"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	obj := strings.TrimSpace(art.DeployedBytecode.Object)
	if !strings.HasPrefix(obj, "0x") || len(obj) < 4 {
		return "", fmt.Errorf("%s: no deployed bytecode", path)
	}
	return obj, nil
}
