package devnet

import (
	"context"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// envMap is an environment as the process gets it (the last value of a
// duplicated name wins, as os/exec does).
func envMap(t *testing.T, env []string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		require.True(t, ok, kv)
		_, dup := m[k]
		require.False(t, dup, "%s is set twice", k)
		m[k] = v
	}
	return m
}

// TestScriptEnv: the deploy script's variables that the options control
// never leak from the caller's environment; set options reach it exactly.
func TestScriptEnv(t *testing.T) {
	caller := []string{
		"PATH=/usr/bin", "UNBONDING_DELAY=9", "SLASH_REWARD_BPS=100",
		"DEPLOYER_PRIVATE_KEY=0xdead", "SEQUENCER=0x01", "DEPLOYMENTS_OUT=/tmp/x", "ARBITER=0x02",
		"DISPUTE_CLOCK=1", "DISPUTE_ANSWER_TIME=2", "DISPUTE_BOND=3", "MIN_EXECUTION_WINDOW=4", "MIN_STEP_MICROS=5",
		"DISPUTE_CLOCKWORK=kept",
	}
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	seq := common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")

	// Nothing set: the script's defaults apply (the variables are absent).
	env := envMap(t, scriptEnv(caller, DeployOptions{Key: key, Sequencer: seq}, "/out.json"))
	for _, name := range []string{"ARBITER", "DISPUTE_CLOCK", "DISPUTE_ANSWER_TIME", "DISPUTE_BOND", "MIN_EXECUTION_WINDOW", "MIN_STEP_MICROS"} {
		_, ok := env[name]
		require.False(t, ok, "%s leaked from the caller's environment", name)
	}
	require.Equal(t, "/usr/bin", env["PATH"])
	require.Equal(t, "9", env["UNBONDING_DELAY"], "variables no option sets pass through")
	require.Equal(t, "100", env["SLASH_REWARD_BPS"])
	require.Equal(t, "kept", env["DISPUTE_CLOCKWORK"], "only exact names are dropped")
	require.Equal(t, seq.Hex(), env["SEQUENCER"])
	require.Equal(t, "/out.json", env["DEPLOYMENTS_OUT"])
	require.Equal(t, "0x"+hex.EncodeToString(crypto.FromECDSA(key)), env["DEPLOYER_PRIVATE_KEY"])

	// Everything set, a zero step floor included.
	zero := uint64(0)
	env = envMap(t, scriptEnv(caller, DeployOptions{
		Key: key, Sequencer: seq, Arbiter: common.Address{0xaa}, DisputeClock: 300, DisputeAnswerTime: 30,
		DisputeBondWei: big.NewInt(params.Ether), MinExecutionWindow: 60, MinStepMicros: &zero,
	}, "/out.json"))
	require.Equal(t, common.Address{0xaa}.Hex(), env["ARBITER"])
	require.Equal(t, "300", env["DISPUTE_CLOCK"])
	require.Equal(t, "30", env["DISPUTE_ANSWER_TIME"])
	require.Equal(t, "1000000000000000000", env["DISPUTE_BOND"])
	require.Equal(t, "60", env["MIN_EXECUTION_WINDOW"])
	require.Equal(t, "0", env["MIN_STEP_MICROS"])
}

// TestDefaultConfig: a devnet deploys with an answer time of 30 s and the
// execution-window rule of internal/testchain.
func TestDefaultConfig(t *testing.T) {
	cfg := DefaultConfig("/repo")
	require.Equal(t, uint64(300), cfg.DisputeClock)
	require.Equal(t, uint64(30), cfg.DisputeAnswerTime)
	require.Equal(t, uint64(testchain.MinExecutionWindow), cfg.MinExecutionWindow)
	require.NotNil(t, cfg.MinStepMicros)
	require.Equal(t, uint64(testchain.MinStepMicros), *cfg.MinStepMicros)
}

// TestReadSettings reads the parameters back from contracts deployed on a
// simulated chain.
func TestReadSettings(t *testing.T) {
	c := testchain.New(t, "deployer", "sequencer")
	bond := big.NewInt(params.Ether / 10)
	d := c.DeployProtocolWithGame("deployer", "sequencer", bond, 300, 30)
	s, err := ReadSettings(context.Background(), c.Backend, d)
	require.NoError(t, err)
	require.Equal(t, &deployments.Settings{
		DisputeBondWei: bond, DisputeClock: 300, DisputeAnswerTime: 30,
		MinExecutionWindow: testchain.MinExecutionWindow, MinStepMicros: testchain.MinStepMicros,
	}, s)

	// No contract at the game's address: a one-line error naming the call.
	d.VerdeArbitration = common.Address{0x01}
	_, err = ReadSettings(context.Background(), c.Backend, d)
	require.ErrorContains(t, err, "VerdeArbitration.bond")
}
