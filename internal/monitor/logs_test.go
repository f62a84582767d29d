package monitor

import (
	"log/slog"
	"testing"

	"github.com/ethereum/go-ethereum/log"
	"github.com/stretchr/testify/require"

	"github.com/ethereum-optimism/optimism/op-service/testlog"
)

// TestRoleKeys: the tx manager's "service" key is written as "role", the
// key every other component uses.
func TestRoleKeys(t *testing.T) {
	_, capture := testlog.CaptureLogger(t, log.LevelInfo)
	l := ServiceLogger(log.NewLogger(capture))
	l.New("service", "sequencer").Info("Transaction confirmed", "job", 3)
	l.Info("direct", "service", "worker")
	l.New(RoleKey, "keeper").Info("Keeper transition")
	rs := capture.FindLogs()
	require.Len(t, rs, 3)
	require.Equal(t, "sequencer", rs[0].AttrValue(RoleKey))
	require.Nil(t, rs[0].AttrValue("service"))
	require.Equal(t, "worker", rs[1].AttrValue(RoleKey))
	require.Nil(t, rs[1].AttrValue("service"))
	require.Equal(t, "keeper", rs[2].AttrValue(RoleKey))
}

func TestDemote(t *testing.T) {
	_, capture := testlog.CaptureLogger(t, log.LevelDebug)
	l := log.NewLogger(Demote(capture, func(r slog.Record) bool { return r.Message == "routine" }))
	l.Warn("routine")
	l.Warn("real")
	require.Len(t, capture.FindLogs(testlog.NewLevelFilter(slog.LevelWarn)), 1)
	require.Len(t, capture.FindLogs(testlog.NewLevelFilter(slog.LevelDebug)), 1)

	// Below the handler's level a demoted record is dropped.
	_, infoOnly := testlog.CaptureLogger(t, log.LevelInfo)
	l = log.NewLogger(Demote(infoOnly, func(r slog.Record) bool { return r.Message == "routine" }))
	l.Warn("routine")
	require.Empty(t, infoOnly.FindLogs())
}
