package worker

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
)

// revertErr is an RPC error carrying revert data, as eth_call and
// eth_estimateGas return it.
type revertErr struct{ data any }

func (e revertErr) Error() string  { return "execution reverted" }
func (e revertErr) ErrorData() any { return e.data }

func TestRevertReason(t *testing.T) {
	worker := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	m, err := bindings.JobMarketMetaData.ParseABI()
	require.NoError(t, err)
	barred, err := m.Errors["Barred"].Inputs.Pack(big.NewInt(7), worker)
	require.NoError(t, err)
	barred = append(m.Errors["Barred"].ID.Bytes()[:4], barred...)
	wrapped := fmt.Errorf("bid would revert: %w", revertErr{hexutil.Encode(barred)})
	require.Equal(t, "Barred{JobId:7 Worker:"+worker.Hex()+"}", RevertReason(wrapped), "decoded through the wrapping")
	require.Equal(t, "BadCheckpointsRoot{}", RevertReason(revertErr{m.Errors["BadCheckpointsRoot"].ID.Bytes()[:4]}), "raw bytes too")

	padding := append(crypto.Keccak256([]byte("PaddingSibling(uint256)"))[:4], common.LeftPadBytes([]byte{3}, 32)...)
	require.Equal(t, "PaddingSibling{Height:3}", RevertReason(revertErr{hexutil.Encode(padding)}), "a library error")

	require.Equal(t, "0xdeadbeef01", RevertReason(revertErr{"0xdeadbeef01"}), "unknown: the raw data")
	require.Equal(t, "0x01", RevertReason(revertErr{"0x01"}), "too short for a selector")
	require.Equal(t, "", RevertReason(errors.New("connection refused")), "no revert data")
	require.Equal(t, "", RevertReason(revertErr{42}))
}
