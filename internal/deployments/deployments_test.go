package deployments

import (
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
)

func sample() *Deployment {
	return &Deployment{
		ChainID:     31337,
		RPCURL:      "http://127.0.0.1:8545",
		BlockNumber: 7,
		Deployer:    common.HexToAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
		Contracts: Contracts{
			StakeManager:     common.HexToAddress("0x01"),
			JobMarket:        common.HexToAddress("0x02"),
			CommitmentInbox:  common.HexToAddress("0x03"),
			NodeRegistry:     common.HexToAddress("0x04"),
			VerdeArbitration: common.HexToAddress("0x05"),
			OneStep:          common.HexToAddress("0x06"),
		},
		Accounts: []Account{{Address: common.HexToAddress("0x05"), BalanceWei: big.NewInt(1e18)}},
	}
}

func TestWriteRead_roundTrip(t *testing.T) {
	dir := t.TempDir()
	path := Path(filepath.Join(dir, "deployments"), 31337)
	require.Equal(t, filepath.Join(dir, "deployments", "31337.json"), path)
	require.NoError(t, Write(path, sample()))
	got, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, sample(), got)

	// With the deployed settings: they round-trip too.
	withSettings := sample()
	withSettings.Settings = &Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 300, DisputeAnswerTime: 30, MinExecutionWindow: 60, MinStepMicros: 1000}
	require.NoError(t, Write(path, withSettings))
	got, err = Read(path)
	require.NoError(t, err)
	require.Equal(t, withSettings, got)
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"disputeAnswerTime": 30`)
	require.Contains(t, string(raw), `"minExecutionWindow": 60`)
	require.Contains(t, string(raw), `"minStepMicros": 1000`)
	// No temporary file is left behind.
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	require.Len(t, entries, 1)
}

func TestWrite_rejectsIncomplete(t *testing.T) {
	d := sample()
	d.Contracts.JobMarket = common.Address{}
	path := filepath.Join(t.TempDir(), "1.json")
	require.ErrorContains(t, Write(path, d), "contracts.jobMarket is missing")
	_, err := os.Stat(path)
	require.True(t, os.IsNotExist(err), "nothing written for an invalid deployment")
}

func TestRead_errors(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(filepath.Join(dir, "missing.json"))
	require.ErrorContains(t, err, "read deployment")

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"chainId": "x"}`), 0o644))
	_, err = Read(bad)
	require.ErrorContains(t, err, "bad.json")

	empty := filepath.Join(dir, "empty.json")
	require.NoError(t, os.WriteFile(empty, []byte(`{}`), 0o644))
	_, err = Read(empty)
	require.ErrorContains(t, err, "chainId is missing")
}

func FuzzRead(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := Write(good, sample()); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	f.Add(b)
	f.Add([]byte(`{"chainId":1,"contracts":{}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "d.json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Read(p)
		if err != nil {
			return
		}
		// Anything Read accepts is valid and survives a round trip.
		require.NoError(t, d.Validate())
		require.NoError(t, Write(p, d))
		again, err := Read(p)
		require.NoError(t, err)
		require.Equal(t, d.Contracts, again.Contracts)
	})
}
