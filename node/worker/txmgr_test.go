package worker

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/log"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	opcrypto "github.com/ethereum-optimism/optimism/op-service/crypto"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"

	"github.com/gensyn-stack/gensyn/internal/testchain"
	"github.com/gensyn-stack/gensyn/node/worker/metrics"
)

// txManager is a txmgr sending from an actor of a test chain.
func txManager(t *testing.T, c *testchain.Chain, name string) *txmgr.SimpleTxManager {
	t.Helper()
	cfg := &txmgr.Config{
		Backend: c.Backend, ChainID: c.ChainID, NumConfirmations: 1,
		NetworkTimeout: 5 * time.Second, ReceiptQueryInterval: 10 * time.Millisecond,
		TxNotInMempoolTimeout: 10 * time.Second, TxSendTimeout: 30 * time.Second, SafeAbortNonceTooLowCount: 3,
		Signer: opcrypto.SignerFnFromBind(opcrypto.PrivateKeySignerFn(c.Keys[name], c.ChainID)),
		From:   c.Addr(name),
	}
	cfg.FeeLimitMultiplier.Store(5)
	cfg.ResubmissionTimeout.Store(int64(10 * time.Second))
	cfg.FeeLimitThreshold.Store(big.NewInt(params.GWei * 100))
	cfg.MinTipCap.Store(big.NewInt(params.GWei))
	cfg.MinBaseFee.Store(big.NewInt(params.GWei))
	tm, err := txmgr.NewSimpleTxManagerFromConfig(name, log.NewLogger(log.DiscardHandler()), metrics.NoopMetrics, cfg)
	require.NoError(t, err)
	t.Cleanup(tm.Close)
	return tm
}
