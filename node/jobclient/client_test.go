package jobclient

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/dataset"
	"github.com/gensyn-stack/gensyn/node/spec"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

func example(t *testing.T) (specBytes, data []byte) {
	t.Helper()
	root := filepath.Join("..", "..")
	specBytes, err := os.ReadFile(filepath.Join(root, "examples", "digits-mlp.json"))
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join(root, "data", "digits.csv.gz"))
	require.NoError(t, err)
	return specBytes, data
}

func TestPrepare(t *testing.T) {
	specBytes, data := example(t)
	terms := Terms{MaxPrice: big.NewInt(100), RequiredCollateral: big.NewInt(10), BidWindow: 60, ExecutionWindow: 3600, ChallengeWindow: 600}
	p, err := Prepare(specBytes, data, terms)
	require.NoError(t, err)

	// The spec blob is the canonical JSON: its keccak is the spec hash that
	// checkpoints carry.
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	h, err := s.Hash()
	require.NoError(t, err)
	require.Equal(t, common.Hash(h), p.SpecHash)
	require.Equal(t, common.Hash(commit.Keccak256(p.SpecBytes)), p.SpecHash)
	require.Equal(t, common.Hash(commit.Keccak256(data)), p.DataHash)

	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	init, err := tr.InitialStateRoot()
	require.NoError(t, err)
	dr, err := tr.DataRoot()
	require.NoError(t, err)
	require.Equal(t, bindings.IJobMarketJobParams{
		SpecHash: p.SpecHash, DatasetHash: p.DataHash, DatasetUri: p.DataHash,
		InitialStateRoot: init, GraphRoot: tr.GraphRoot(), DataRoot: dr,
		Steps: 1000, CheckpointInterval: 100, MaxPrice: big.NewInt(100), RequiredCollateral: big.NewInt(10),
		BidWindow: 60, ExecutionWindow: 3600, ChallengeWindow: 600,
	}, p.Params)
	require.Equal(t, 10, p.Checkpoint)

	// The wrong dataset, a malformed spec.
	_, err = Prepare(specBytes, append([]byte{}, data[:len(data)-1]...), terms)
	require.ErrorIs(t, err, ErrSpecDataset)
	_, err = Prepare([]byte(`{"version": 1}`), data, terms)
	require.Error(t, err)
}

func TestVerifyModel(t *testing.T) {
	specBytes, data := example(t)
	s, err := spec.Parse(specBytes)
	require.NoError(t, err)
	s.Steps = 200
	ds, err := dataset.Decode(data, s.Dataset.Format)
	require.NoError(t, err)
	tr, err := trainer.New(s, ds, trainer.Options{SkipEval: true})
	require.NoError(t, err)
	st, err := tr.Run(context.Background(), nil, 0, nil)
	require.NoError(t, err)
	ck, err := tr.Checkpoint(st)
	require.NoError(t, err)
	b, err := ck.Encode()
	require.NoError(t, err)

	job := bindings.IJobMarketJob{FinalModelRoot: ck.StateRoot}
	job.Params.SpecHash = tr.SpecHash()
	job.Params.Steps = 200
	got, err := VerifyModel(b, job)
	require.NoError(t, err)
	require.Equal(t, ck.StateRoot, got.StateRoot)

	wrongRoot := job
	wrongRoot.FinalModelRoot = [32]byte{1}
	_, err = VerifyModel(b, wrongRoot)
	require.ErrorIs(t, err, errBadCheckpoint)
	wrongSpec := job
	wrongSpec.Params.SpecHash = [32]byte{2}
	_, err = VerifyModel(b, wrongSpec)
	require.ErrorIs(t, err, errBadCheckpoint)
	wrongStep := job
	wrongStep.Params.Steps = 300
	_, err = VerifyModel(b, wrongStep)
	require.ErrorIs(t, err, errBadCheckpoint)
	corrupt := append([]byte{}, b...)
	corrupt[100] ^= 1
	_, err = VerifyModel(corrupt, job)
	require.ErrorIs(t, err, trainer.ErrCheckpoint)
}
