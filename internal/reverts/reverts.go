// Package reverts decodes the revert data of any protocol contract into the
// error's name and arguments, in one place, from the ABIs of the generated
// bindings (every contract in bindings/), the errors of the libraries they
// use (bindings.LibraryErrorsABI) and Solidity's built-in Error(string) and
// Panic(uint256). The CLI, the services' logs and the sequencer's RPC
// errors all go through Decode, so an operator reads
//
//	execution reverted: InvalidParams(field: "maxPrice")
//
// and never `custom error 0xa8c278dd`.
package reverts

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/gensyn-stack/gensyn/bindings"
)

// Sources are the contracts whose errors are decoded, by name: every binding
// in bindings/. A contract added there is added here.
var Sources = map[string]*bind.MetaData{
	"JobMarket":        &bindings.JobMarketMetaData,
	"StakeManager":     &bindings.StakeManagerMetaData,
	"NodeRegistry":     &bindings.NodeRegistryMetaData,
	"CommitmentInbox":  &bindings.CommitmentInboxMetaData,
	"VerdeArbitration": &bindings.VerdeArbitrationMetaData,
	"OneStep":          &bindings.OneStepMetaData,
}

// RevertError is a decoded revert.
type RevertError struct {
	// Name is the error's name ("InvalidParams", "Error" for a revert
	// string, "Panic" for a failed assert, overflow or the like).
	Name string
	// Contracts are the contracts (of Sources) that declare the error,
	// sorted; empty for Error, Panic and the libraries' errors.
	Contracts []string
	// Selector is the first four bytes of the data.
	Selector [4]byte
	// ArgNames and Args are the error's arguments, in order, as abi.Unpack
	// returns them (*big.Int, string, common.Address, [32]byte, ...).
	ArgNames []string
	Args     []any
	// Data is the raw revert data.
	Data []byte
	// Err is the error the data came with (nil for DecodeData).
	Err error
}

// Signature is the decoded error as Name(arg: value, ...), e.g.
// InvalidParams(field: "maxPrice"), WrongStatus(jobId: 3, status: 4 (finalized)),
// Panic(code: 0x11 (arithmetic overflow or underflow)).
func (e *RevertError) Signature() string {
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		v := formatArg(a)
		if why := explain(e.Name, e.ArgNames[i], a); why != "" {
			v += " (" + why + ")"
		}
		if e.ArgNames[i] != "" {
			v = e.ArgNames[i] + ": " + v
		}
		parts[i] = v
	}
	return e.Name + "(" + strings.Join(parts, ", ") + ")"
}

func (e *RevertError) Error() string { return "execution reverted: " + e.Signature() }

// Unwrap returns the error the revert came with.
func (e *RevertError) Unwrap() error { return e.Err }

// Arg returns the named argument.
func (e *RevertError) Arg(name string) (any, bool) {
	for i, n := range e.ArgNames {
		if n == name {
			return e.Args[i], true
		}
	}
	return nil, false
}

type entry struct {
	err       abi.Error
	contracts []string
}

var (
	once     sync.Once
	registry map[[4]byte]*entry
	initErr  error
)

// builtins are Solidity's own errors.
const builtins = `[
 {"type":"error","name":"Error","inputs":[{"name":"message","type":"string"}]},
 {"type":"error","name":"Panic","inputs":[{"name":"code","type":"uint256"}]}
]`

func load() {
	registry = map[[4]byte]*entry{}
	add := func(contract string, a *abi.ABI) {
		for _, e := range a.Errors {
			var sel [4]byte
			copy(sel[:], e.ID[:4])
			if have, ok := registry[sel]; ok {
				if have.err.Sig != e.Sig {
					initErr = fmt.Errorf("reverts: selector %x of both %s and %s", sel, have.err.Sig, e.Sig)
				}
				if contract != "" {
					have.contracts = append(have.contracts, contract)
					sort.Strings(have.contracts)
				}
				continue
			}
			en := &entry{err: e}
			if contract != "" {
				en.contracts = []string{contract}
			}
			registry[sel] = en
		}
	}
	b, err := abi.JSON(strings.NewReader(builtins))
	if err != nil {
		initErr = err
		return
	}
	add("", &b)
	lib, err := abi.JSON(strings.NewReader(bindings.LibraryErrorsABI))
	if err != nil {
		initErr = fmt.Errorf("reverts: library errors: %w", err)
		return
	}
	add("", &lib)
	for name, md := range Sources {
		a, err := md.ParseABI()
		if err != nil {
			initErr = fmt.Errorf("reverts: ABI of %s: %w", name, err)
			return
		}
		add(name, a)
	}
}

// Errors returns every decodable error, by selector (for tests and docs).
func Errors() (map[[4]byte]abi.Error, error) {
	once.Do(load)
	out := make(map[[4]byte]abi.Error, len(registry))
	for k, v := range registry {
		out[k] = v.err
	}
	return out, initErr
}

// DecodeData decodes revert data; false if it is not the data of a known
// error (too short, unknown selector, malformed arguments).
func DecodeData(data []byte) (*RevertError, bool) {
	once.Do(load)
	if len(data) < 4 {
		return nil, false
	}
	var sel [4]byte
	copy(sel[:], data[:4])
	en, ok := registry[sel]
	if !ok {
		return nil, false
	}
	vals, err := en.err.Inputs.Unpack(data[4:])
	if err != nil {
		return nil, false
	}
	re := &RevertError{Name: en.err.Name, Contracts: en.contracts, Selector: sel, Data: common.CopyBytes(data)}
	for i, in := range en.err.Inputs {
		re.ArgNames = append(re.ArgNames, in.Name)
		re.Args = append(re.Args, vals[i])
	}
	return re, true
}

// hexData finds revert data written into an error message: op-service's
// "reason: 0x...", or geth's and anvil's "revert data: 0x...".
var hexData = regexp.MustCompile(`(?:reason|data): (0x[0-9a-fA-F]{8,})`)

// Data extracts the revert data an error carries: the data of a JSON-RPC
// error (rpc.DataError, as returned by eth_call and eth_estimateGas and kept
// through txmgr's wrapping), else hex data or raw bytes written into the
// message. False if it carries none.
func Data(err error) ([]byte, bool) {
	if err == nil {
		return nil, false
	}
	var de gethrpc.DataError
	if errors.As(err, &de) {
		switch v := de.ErrorData().(type) {
		case string:
			if b, derr := hexutil.Decode(v); derr == nil && len(b) >= 4 {
				return b, true
			}
		case []byte:
			if len(v) >= 4 {
				return v, true
			}
		}
	}
	msg := err.Error()
	if m := hexData.FindStringSubmatch(msg); m != nil {
		if b, derr := hexutil.Decode(m[1]); derr == nil {
			return b, true
		}
	}
	// A node that writes the raw data as the reason string
	// ("execution reverted: \x1f* \x05" is ZeroAmount()).
	if _, raw, ok := strings.Cut(msg, "execution reverted: "); ok && len(raw) >= 4 {
		if _, known := DecodeData([]byte(raw)); known {
			return []byte(raw), true
		}
	}
	return nil, false
}

// Decode returns err with its revert decoded: a *RevertError (wrapping err)
// if err carries the data of a known error, err itself otherwise (nil stays
// nil). Use it on every error of a contract call or transaction before it is
// printed, logged or returned.
func Decode(err error) error {
	if err == nil {
		return nil
	}
	var re *RevertError
	if errors.As(err, &re) {
		return err
	}
	data, ok := Data(err)
	if !ok {
		return err
	}
	re, ok = DecodeData(data)
	if !ok {
		return err
	}
	re.Err = err
	return re
}

// Message is err's text with its revert decoded (for log lines).
func Message(err error) string {
	if err == nil {
		return ""
	}
	return Decode(err).Error()
}

func formatArg(a any) string {
	switch v := a.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case *big.Int:
		return v.String()
	case common.Address:
		return v.Hex()
	case []byte:
		return hexutil.Encode(v)
	case [32]byte:
		return common.Hash(v).Hex()
	case bool:
		return fmt.Sprint(v)
	}
	rv := reflect.ValueOf(a)
	if rv.Kind() == reflect.Array && rv.Type().Elem().Kind() == reflect.Uint8 {
		b := make([]byte, rv.Len())
		reflect.Copy(reflect.ValueOf(b), rv)
		return "0x" + hex.EncodeToString(b)
	}
	return fmt.Sprint(a)
}

// jobStatuses names IJobMarket.JobStatus.
var jobStatuses = []string{"none", "open", "assigned", "submitted", "finalized", "cancelled"}

// panicCodes are Solidity's panic codes.
var panicCodes = map[uint64]string{
	0x00: "generic compiler panic",
	0x01: "assert failed",
	0x11: "arithmetic overflow or underflow",
	0x12: "division or modulo by zero",
	0x21: "invalid enum value",
	0x22: "bad storage byte array encoding",
	0x31: "pop on an empty array",
	0x32: "array index out of bounds",
	0x41: "out of memory",
	0x51: "call to an uninitialised function",
}

// explain adds a word on arguments whose raw value says little.
func explain(name, arg string, v any) string {
	switch {
	case name == "Panic" && arg == "code":
		if c, ok := v.(*big.Int); ok && c.IsUint64() {
			return panicCodes[c.Uint64()]
		}
	case arg == "status":
		if s, ok := v.(uint8); ok && int(s) < len(jobStatuses) {
			return jobStatuses[s]
		}
	}
	return ""
}
