// Package onestepevm runs the Solidity one-step executor (contracts/src/onestep:
// the OneStep contract over OneStepLib, ElementProgram and OneStepMerkle) in
// an in-process EVM, so that Go tests can compare it with RepOps' trace
// skeletons and verify real element-trace entries of a training step through
// it (docs/onestep.md).
//
// The contract's creation bytecode and ABI, and the ABI of the ElementDecoder
// its constructor deploys, are embedded from testdata/, copied from the forge
// artifacts by `go test ./node/onestepevm -run TestEmbeddedArtifactFresh
// -update` after `forge build`; that test fails when the committed copy
// differs from a present artifact.
package onestepevm

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/gensyn-stack/gensyn/internal/evmhost"
)

//go:embed testdata/OneStep.bin.hex
var embeddedHex string

//go:embed testdata/OneStep.abi.json
var embeddedABI string

//go:embed testdata/ElementDecoder.abi.json
var embeddedDecoderABI string

// ABI is the OneStep contract's ABI.
var ABI = mustABI(embeddedABI)

// DecoderABI is the ABI of the ElementDecoder contract (OneStep.decoder()).
var DecoderABI = mustABI(embeddedDecoderABI)

func mustABI(j string) abi.ABI {
	a, err := abi.JSON(strings.NewReader(j))
	if err != nil {
		panic(err)
	}
	return a
}

// Claim is OneStepLib.Claim.
type Claim struct {
	GraphRoot        [32]byte
	StepTraceRoot    [32]byte
	Step             uint64
	ElementTraceRoot [32]byte
	Node             uint32
	Element          uint32
	Entry            uint32
}

// GraphNode is OneStepLib.GraphNode: an encoding and its graph-root proof.
type GraphNode struct {
	Enc   []byte
	Proof [][32]byte
}

// OperandProof is OneStepLib.OperandProof.
type OperandProof struct {
	OutRoot      [32]byte
	OutRootProof [][32]byte
	Leaf         [32]byte
	LeafPath     [][32]byte
	EntryItem    [32]byte
	EntryProof   [][32]byte
}

// StepProof is OneStepLib.StepProof.
type StepProof struct {
	NumNodes    uint32
	TraceLength uint32
	Node        GraphNode
	Inputs      []GraphNode
	EntryItem   [32]byte
	EntryProof  [][32]byte
	Operands    [3]OperandProof
}

// Reverted is a revert of the contract; Name is the custom error's name
// when the selector is one of the ABI's errors.
type Reverted struct {
	Data []byte
	Name string
}

func (e *Reverted) Error() string {
	if e.Name != "" {
		return "execution reverted: " + e.Name
	}
	return fmt.Sprintf("execution reverted: 0x%x", e.Data)
}

// paddingSiblingID is the selector of OneStepMerkle's PaddingSibling(uint256),
// which rootOf raises from assembly (so it is not in the ABI).
var paddingSiblingID = crypto.Keccak256([]byte("PaddingSibling(uint256)"))[:4]

// EVM holds one deployed OneStep contract (and the ElementDecoder its
// constructor deployed) in an in-memory state. Not safe for concurrent use.
type EVM struct {
	host    *evmhost.Host
	decoder common.Address
}

// New deploys the embedded creation bytecode.
func New() (*EVM, error) {
	return NewWithCode(common.FromHex(strings.TrimSpace(embeddedHex)))
}

// NewWithCode deploys OneStep from the given creation bytecode.
func NewWithCode(initcode []byte) (*EVM, error) {
	h, err := evmhost.Deploy(initcode)
	if err != nil {
		return nil, fmt.Errorf("onestepevm: %w", err)
	}
	e := &EVM{host: h}
	in, err := ABI.Pack("decoder")
	if err != nil {
		return nil, err
	}
	ret, _, err := e.call(h.Address(), in)
	if err != nil {
		return nil, fmt.Errorf("onestepevm: decoder(): %w", err)
	}
	out, err := ABI.Unpack("decoder", ret)
	if err != nil {
		return nil, err
	}
	e.decoder = out[0].(common.Address)
	return e, nil
}

// call runs input on the contract at addr and names a revert by the
// contracts' custom errors.
func (e *EVM) call(addr common.Address, input []byte) ([]byte, uint64, error) {
	ret, gas, err := e.host.CallAt(addr, input)
	var rev *evmhost.Reverted
	if errors.As(err, &rev) {
		r := &Reverted{Data: rev.Data}
		if len(rev.Data) >= 4 {
			for _, a := range []abi.ABI{DecoderABI, ABI} {
				for name, er := range a.Errors {
					if string(er.ID[:4]) == string(rev.Data[:4]) {
						r.Name = name
					}
				}
			}
			if string(rev.Data[:4]) == string(paddingSiblingID) {
				r.Name = "PaddingSibling"
			}
		}
		return nil, 0, r
	}
	return ret, gas, err
}

// Verify calls verify(claim, proof): whether the committed entry is right
// and the correct result word, and the gas used by the call's execution.
func (e *EVM) Verify(c Claim, p StepProof) (ok bool, result uint32, gas uint64, err error) {
	in, err := ABI.Pack("verify", c, p)
	if err != nil {
		return false, 0, 0, err
	}
	ret, gas, err := e.call(e.host.Address(), in)
	if err != nil {
		return false, 0, 0, err
	}
	out, err := ABI.Unpack("verify", ret)
	if err != nil {
		return false, 0, 0, err
	}
	return out[0].(bool), out[1].(uint32), gas, nil
}

// Decode calls the decoder's decode(op, attrs, shapes, constMask, e, k): the
// 19 leading bytes of entry k's commitment item (the rest zero) and the
// trace length.
func (e *EVM) Decode(op uint8, attrs []uint32, shapes [][]uint32, constMask uint64, elem, k int) ([32]byte, uint64, error) {
	if attrs == nil {
		attrs = []uint32{}
	}
	in, err := DecoderABI.Pack("decode", op, attrs, shapes, bigU(constMask), bigU(uint64(elem)), bigU(uint64(k)))
	if err != nil {
		return [32]byte{}, 0, err
	}
	ret, _, err := e.call(e.decoder, in)
	if err != nil {
		return [32]byte{}, 0, err
	}
	out, err := DecoderABI.Unpack("decode", ret)
	if err != nil {
		return [32]byte{}, 0, err
	}
	return out[0].([32]byte), bigToU64(out[1]), nil
}

// EncodeVerifyArgs returns abi.encode(claim, proof), the arguments of verify.
func EncodeVerifyArgs(c Claim, p StepProof) ([]byte, error) {
	return ABI.Methods["verify"].Inputs.Pack(c, p)
}

func packageDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// ArtifactPath is where forge writes the OneStep artifact.
func ArtifactPath() string { return artifactPath("OneStep.sol", "OneStep.json") }

// DecoderArtifactPath is where forge writes the ElementDecoder artifact.
func DecoderArtifactPath() string { return artifactPath("ElementDecoder.sol", "ElementDecoder.json") }

func artifactPath(file, name string) string {
	return filepath.Join(packageDir(), "..", "..", "contracts", "out", file, name)
}

// readArtifact returns the creation bytecode hex and the ABI JSON of a forge artifact.
func readArtifact(path string) (code string, abiJSON []byte, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	var art struct {
		ABI      json.RawMessage `json:"abi"`
		Bytecode struct {
			Object string `json:"object"`
		} `json:"bytecode"`
	}
	if err := json.Unmarshal(raw, &art); err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	code = strings.TrimSpace(art.Bytecode.Object)
	if !strings.HasPrefix(code, "0x") || len(code) < 4 {
		return "", nil, fmt.Errorf("%s: no bytecode", path)
	}
	var v any
	if err := json.Unmarshal(art.ABI, &v); err != nil {
		return "", nil, err
	}
	abiJSON, err = json.MarshalIndent(v, "", " ")
	return code, append(abiJSON, '\n'), err
}

func bigU(v uint64) *big.Int { return new(big.Int).SetUint64(v) }

func bigToU64(v any) uint64 {
	if b, ok := v.(*big.Int); ok && b.IsUint64() {
		return b.Uint64()
	}
	return ^uint64(0)
}
