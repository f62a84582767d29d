package rpc

import (
	"log/slog"
	"testing"

	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/testlog"
)

// TestGetInclusionPollsAreNotWarnings: go-ethereum's rpc server logs every
// error answer at WARN on the global logger; with QuietPolls the "not yet"
// answer of a poll loop is DEBUG, while a real error answer still warns.
func TestGetInclusionPollsAreNotWarnings(t *testing.T) {
	e := newEnv(t)
	_, capture := testlog.CaptureLogger(t, log.LevelDebug)
	old := log.Root()
	log.SetDefault(log.NewLogger(QuietPolls(capture)))
	t.Cleanup(func() { log.SetDefault(old) })

	for i := 0; i < 30; i++ { // a client polling a checkpoint not sent yet
		var inc Inclusion
		require.Error(t, e.client.Call(&inc, Namespace+"_getInclusion", 1, 2))
	}
	var inc Inclusion
	require.Error(t, e.client.Call(&inc, Namespace+"_getInclusion", 1)) // bad params: a real error

	served := testlog.NewMessageFilter("Served " + Namespace + "_getInclusion")
	warns := capture.FindLogs(served, testlog.NewLevelFilter(slog.LevelWarn))
	require.Len(t, warns, 1, "only the bad call warns")
	require.Contains(t, warns[0].AttrValue("err"), "usage:")
	require.Len(t, capture.FindLogs(served, testlog.NewLevelFilter(slog.LevelDebug)), 30)
}
