package testchain

import (
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"
	txmetrics "github.com/ethereum-optimism/optimism/op-service/txmgr/metrics"
)

// NewTxManager returns a real op-service SimpleTxManager sending with key
// over backend, tuned for test chains that mine at once (one confirmation,
// receipts polled every 10 ms, a 1 gwei floor for tips and base fees). It is
// closed when the test ends.
func NewTxManager(t testing.TB, backend txmgr.ETHBackend, chainID *big.Int, name string, key *ecdsa.PrivateKey) *txmgr.SimpleTxManager {
	t.Helper()
	cfg := &txmgr.Config{
		Backend: backend, ChainID: chainID, NumConfirmations: 1,
		NetworkTimeout: 5 * time.Second, ReceiptQueryInterval: 10 * time.Millisecond,
		TxNotInMempoolTimeout: 10 * time.Second, TxSendTimeout: 30 * time.Second, SafeAbortNonceTooLowCount: 3,
		Signer: opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(key, chainID)),
		From:   crypto.PubkeyToAddress(key.PublicKey),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig(name, log.NewLogger(log.DiscardHandler()), &txmetrics.NoopTxMetrics{}, cfg)
	require.NoError(t, err)
	t.Cleanup(tm.Close)
	return tm
}

// TxManager is NewTxManager sending from actor name of the chain.
func (c *Chain) TxManager(name string) *txmgr.SimpleTxManager {
	c.T.Helper()
	return NewTxManager(c.T, c.Backend, c.ChainID, name, c.Keys[name])
}
