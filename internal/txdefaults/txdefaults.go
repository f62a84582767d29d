// Package txdefaults holds the op-service tx manager defaults that every
// gensyn role that writes to the chain shares (sequencer, worker, job client,
// demo), so that they behave alike and are tuned in one place.
package txdefaults

import (
	"time"

	"github.com/ethereum-optimism/optimism/op-service/txmgr"
)

// Values: one confirmation (the protocol's chain is an L2 or app chain; raise
// it with --num-confirmations on an L1), receipts polled every 500 ms, and a
// send timeout so that a dropped transaction fails, is reconciled, and is sent
// again instead of blocking forever.
var Values = txmgr.DefaultFlagValues{
	NumConfirmations:          1,
	SafeAbortNonceTooLowCount: 3,
	FeeLimitMultiplier:        5,
	FeeLimitThresholdGwei:     100.0,
	MinTipCapGwei:             1.0,
	MinBaseFeeGwei:            1.0,
	RebroadcastInterval:       12 * time.Second,
	ResubmissionTimeout:       24 * time.Second,
	NetworkTimeout:            10 * time.Second,
	RetryInterval:             1 * time.Second,
	MaxRetries:                10,
	TxSendTimeout:             5 * time.Minute,
	TxNotInMempoolTimeout:     1 * time.Minute,
	ReceiptQueryInterval:      500 * time.Millisecond,
	CellProofTime:             ^uint64(0),
}
