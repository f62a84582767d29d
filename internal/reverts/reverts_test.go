package reverts

import (
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/stretchr/testify/require"
)

// sample builds a value of Go type t with every leaf set (so a wrong decode
// shows), as abi.Arguments.Pack accepts it.
func sample(t reflect.Type) reflect.Value {
	switch {
	case t == reflect.TypeOf((*big.Int)(nil)):
		return reflect.ValueOf(big.NewInt(7))
	case t == reflect.TypeOf(common.Address{}):
		return reflect.ValueOf(common.HexToAddress("0x00000000000000000000000000000000000000a7"))
	}
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString("maxPrice")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(3)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(-3)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).Set(sample(t.Elem()))
		}
	case reflect.Slice:
		v = reflect.MakeSlice(t, 2, 2)
		for i := 0; i < 2; i++ {
			v.Index(i).Set(sample(t.Elem()))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			v.Field(i).Set(sample(t.Field(i).Type))
		}
	default:
		panic(fmt.Sprintf("no sample for %v", t))
	}
	return v
}

// TestEveryErrorRoundTrips walks every error of every binding's ABI (and
// Error, Panic): packed with its inputs, its data decodes to its name and the
// same arguments. A contract error added later is covered without a change here.
func TestEveryErrorRoundTrips(t *testing.T) {
	all, err := Errors()
	require.NoError(t, err)
	require.Greater(t, len(all), 40, "the bindings' ABIs declare the protocol's errors")
	for _, name := range []string{"InvalidParams", "WrongStatus", "NothingToClaim", "ZeroAmount", "Error", "Panic",
		"PaddingSibling", "ECDSAInvalidSignature", "SafeCastOverflowedUintDowncast"} {
		found := false
		for _, e := range all {
			found = found || e.Name == name
		}
		require.True(t, found, name)
	}
	for sel, e := range all {
		t.Run(e.Name, func(t *testing.T) {
			var args []any
			for _, in := range e.Inputs {
				args = append(args, sample(in.Type.GetType()).Interface())
			}
			packed, err := e.Inputs.Pack(args...)
			require.NoError(t, err, e.Sig)
			data := append(append([]byte{}, sel[:]...), packed...)
			re, ok := DecodeData(data)
			require.True(t, ok, e.Sig)
			require.Equal(t, e.Name, re.Name)
			require.Len(t, re.Args, len(e.Inputs))
			for i := range args {
				require.Equal(t, fmt.Sprint(args[i]), fmt.Sprint(re.Args[i]), "%s arg %d", e.Sig, i)
			}
			// And through an RPC error, as eth_call and eth_estimateGas return it.
			got := Decode(fmt.Errorf("failed to estimate gas: %w", dataErr{hexutil.Encode(data)}))
			require.ErrorAs(t, got, &re)
			require.Equal(t, e.Name, re.Name)
			require.ErrorIs(t, got, errData)
		})
	}
}

var errData = errors.New("execution reverted")

type dataErr struct{ data string }

func (e dataErr) Error() string          { return "execution reverted" }
func (e dataErr) ErrorCode() int         { return 3 }
func (e dataErr) ErrorData() interface{} { return e.data }
func (e dataErr) Is(target error) bool   { return target == errData }

// TestIssueExamples: the reverts the issue saw raw.
func TestIssueExamples(t *testing.T) {
	abiOf := func(sig string) abi.Error {
		all, err := Errors()
		require.NoError(t, err)
		for _, e := range all {
			if e.Sig == sig {
				return e
			}
		}
		t.Fatalf("no error %s", sig)
		return abi.Error{}
	}
	pack := func(sig string, args ...any) []byte {
		e := abiOf(sig)
		b, err := e.Inputs.Pack(args...)
		require.NoError(t, err)
		return append(append([]byte{}, e.ID[:4]...), b...)
	}
	for _, tc := range []struct {
		data []byte
		want string
	}{
		{pack("InvalidParams(string)", "maxPrice"), `execution reverted: InvalidParams(field: "maxPrice")`},
		{pack("WrongStatus(uint256,uint8)", big.NewInt(3), uint8(4)), `execution reverted: WrongStatus(jobId: 3, status: 4 (finalized))`},
		{pack("NothingToClaim()"), `execution reverted: NothingToClaim()`},
		{pack("Error(string)", "no"), `execution reverted: Error(message: "no")`},
		{pack("Panic(uint256)", big.NewInt(0x11)), `execution reverted: Panic(code: 17 (arithmetic overflow or underflow))`},
	} {
		re, ok := DecodeData(tc.data)
		require.True(t, ok, tc.want)
		require.Equal(t, tc.want, re.Error())
	}
	// `job fund --amount 0`: the node wrote the raw data of ZeroAmount() as
	// the reason string, with no data field.
	zero := pack("ZeroAmount()")
	require.Equal(t, "\x1f* \x05", string(zero))
	err := Decode(errors.New("execution reverted: " + string(zero)))
	require.EqualError(t, err, "execution reverted: ZeroAmount()")
	// op-service's txmgr writes the data into the message as "reason: 0x...".
	err = Decode(errors.New("failed to call: execution reverted, reason: " + hexutil.Encode(pack("NothingToClaim()"))))
	require.EqualError(t, err, "execution reverted: NothingToClaim()")
	// Not a revert, an unknown selector, too short: unchanged.
	for _, e := range []error{errors.New("connection refused"), dataErr{"0xdeadbeef"}, dataErr{"0x12"}} {
		require.Equal(t, e, Decode(e))
	}
	require.NoError(t, Decode(nil))
}
