package jobclient

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// TestVerifyJob: a prepared job checks; every posted field the checks read,
// when wrong, is refused with a MismatchError naming it.
func TestVerifyJob(t *testing.T) {
	specBytes, data := example(t)
	p, err := Prepare(specBytes, data, Terms{MaxPrice: big.NewInt(1), RequiredCollateral: big.NewInt(1), BidWindow: 1, ExecutionWindow: 1, ChallengeWindow: 1})
	require.NoError(t, err)
	s, err := VerifySpec(p.Params, p.SpecBytes)
	require.NoError(t, err)
	tr, err := VerifyJob(p.Params, s, data, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	require.Equal(t, p.GraphRoot, common.Hash(tr.GraphRoot()))

	refused := func(err error, reason string) {
		t.Helper()
		var bad *MismatchError
		require.True(t, errors.As(err, &bad), "want a MismatchError, got %v", err)
		require.Contains(t, bad.Reason, reason)
	}
	for _, tc := range []struct {
		mutate func(*bindings.IJobMarketJobParams)
		reason string
	}{
		{func(q *bindings.IJobMarketJobParams) { q.SpecHash[0] ^= 1 }, "canonical JSON"},
		{func(q *bindings.IJobMarketJobParams) { q.DatasetHash[0] ^= 1 }, "dataset hash"},
		{func(q *bindings.IJobMarketJobParams) { q.Steps++ }, "steps or checkpoint interval"},
		{func(q *bindings.IJobMarketJobParams) { q.CheckpointInterval *= 2 }, "steps or checkpoint interval"},
	} {
		q := p.Params
		tc.mutate(&q)
		_, err := VerifySpec(q, p.SpecBytes)
		refused(err, tc.reason)
	}
	_, err = VerifySpec(p.Params, []byte("{"))
	refused(err, "malformed spec")
	for _, tc := range []struct {
		mutate func(*bindings.IJobMarketJobParams)
		reason string
	}{
		{func(q *bindings.IJobMarketJobParams) { q.InitialStateRoot[0] ^= 1 }, "initial state root"},
		{func(q *bindings.IJobMarketJobParams) { q.GraphRoot[0] ^= 1 }, "graph root"},
		{func(q *bindings.IJobMarketJobParams) { q.DataRoot[0] ^= 1 }, "data root"},
	} {
		q := p.Params
		tc.mutate(&q)
		_, err := VerifyJob(q, s, data, trainer.Options{SkipEval: true})
		refused(err, tc.reason)
	}
	_, err = VerifyJob(p.Params, s, []byte("not a dataset"), trainer.Options{SkipEval: true})
	refused(err, "malformed dataset")
}
