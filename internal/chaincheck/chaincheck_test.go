package chaincheck

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/deployments"
	"github.com/gensyn-stack/gensyn/internal/testchain"
)

// TestCheck: a deployment as the deploy script makes it passes, and every
// contract's code is the code this binary was built for (bindings.Deployed,
// generated from the same artifacts as the bindings); a wrong chain id, an
// address with no code, and changed code are each caught.
func TestCheck(t *testing.T) {
	c := testchain.New(t, "deployer", "sequencer")
	ctx := context.Background()
	d := &deployments.Deployment{ChainID: c.ChainID.Uint64(), Contracts: c.DeployProtocolWithGame("deployer", "sequencer", big.NewInt(1e17), 600, 60)}
	require.NoError(t, Check(ctx, c.Backend, d))
	for _, name := range All {
		code, err := CheckCode(ctx, c.Backend, d, name)
		require.NoError(t, err)
		require.True(t, Matches(name, code), name)
		changed := common.CopyBytes(code)
		changed[len(changed)/2] ^= 1
		if h, _ := MaskedHash(changed, bindings.Deployed[name].Immutables); h != bindings.Deployed[name].Hash {
			require.False(t, Matches(name, changed), name)
		}
		require.False(t, Matches(name, code[1:]), name)
	}
	// The ElementDecoder OneStep deployed (in no deployments file) is in
	// bindings.Deployed too.
	require.Len(t, bindings.Deployed, len(All)+1)
	b := bindings.NewOneStep()
	dec := testchain.Call(t, b.Instance(c.Backend, d.Contracts.OneStep), b.PackDecoder(), b.UnpackDecoder)
	code, err := c.Backend.CodeAt(ctx, dec, nil)
	require.NoError(t, err)
	require.True(t, Matches(ElementDecoder, code))
	require.False(t, Matches(OneStep, code))

	wrong := *d
	wrong.ChainID = 31337
	err = Check(ctx, c.Backend, &wrong)
	var ce *ChainIDError
	require.ErrorAs(t, err, &ce)
	require.EqualError(t, err, "the RPC serves chain 1337, the deployments file is for chain 31337: wrong RPC URL or --deployments file?")

	noCode := *d
	noCode.Contracts.JobMarket = common.HexToAddress("0x00000000000000000000000000000000000000a7")
	err = Check(ctx, c.Backend, &noCode, JobMarket, CommitmentInbox)
	var ne *NoCodeError
	require.ErrorAs(t, err, &ne)
	require.EqualError(t, err, "JobMarket at 0x00000000000000000000000000000000000000A7 has no code on chain 1337: wrong --deployments file or a restarted devnet?")
	// A contract the caller does not use is not checked.
	require.NoError(t, Check(ctx, c.Backend, &noCode, StakeManager))
}

// BenchmarkCheckAnvil is the start-up check's added time for a service on a
// local anvil (one eth_chainId and six eth_getCode round trips):
//
//	go test ./internal/chaincheck -run '^$' -bench CheckAnvil -benchtime 200x
func BenchmarkCheckAnvil(b *testing.B) {
	c := testchain.NewAnvil(b, "deployer", "sequencer")
	d := &deployments.Deployment{ChainID: c.ChainID.Uint64(), Contracts: c.DeployProtocolWithGame("deployer", "sequencer", big.NewInt(1e17), 600, 60)}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Check(ctx, c.Backend, d); err != nil {
			b.Fatal(err)
		}
	}
}
