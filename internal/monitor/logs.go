package monitor

import (
	"context"
	"log/slog"

	"github.com/ethereum/go-ethereum/log"
)

// Log keys shared by every service (docs/operations.md, "Log keys"):
//
//	role     the component that wrote the line (worker, verifier, batcher,
//	         keeper, rpc; the tx manager's lines carry the service's name)
//	job      a job id
//	round    a job's assignment round
//	game     a dispute game id; games: a list of them
//	checkpoint, step
//	amount   a sum of wei moved (also bond, share, price, free, required:
//	         every amount in a log line is in wei, a decimal integer)
//	err      the error
const RoleKey = "role"

// RoleKeys wraps h so that the "service" key that op-service's tx manager
// adds to its logger is written as RoleKey, like every other component's.
func RoleKeys(h slog.Handler) slog.Handler { return roleHandler{h} }

// ServiceLogger is l with RoleKeys.
func ServiceLogger(l log.Logger) log.Logger { return log.NewLogger(RoleKeys(l.Handler())) }

type roleHandler struct{ slog.Handler }

func rename(a slog.Attr) slog.Attr {
	if a.Key == "service" {
		a.Key = RoleKey
	}
	return a
}

func (h roleHandler) WithAttrs(as []slog.Attr) slog.Handler {
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = rename(a)
	}
	return roleHandler{h.Handler.WithAttrs(out)}
}

func (h roleHandler) WithGroup(name string) slog.Handler {
	return roleHandler{h.Handler.WithGroup(name)}
}

func (h roleHandler) Handle(ctx context.Context, r slog.Record) error {
	renamed := false
	r.Attrs(func(a slog.Attr) bool {
		renamed = renamed || a.Key == "service"
		return !renamed
	})
	if !renamed {
		return h.Handler.Handle(ctx, r)
	}
	nr := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		nr.AddAttrs(rename(a))
		return true
	})
	return h.Handler.Handle(ctx, nr)
}

// Demote wraps h so that records for which match is true are written at
// DEBUG (and dropped when h does not log DEBUG): routine answers that a
// library logs as warnings.
func Demote(h slog.Handler, match func(slog.Record) bool) slog.Handler {
	return demoteHandler{h, match}
}

type demoteHandler struct {
	slog.Handler
	match func(slog.Record) bool
}

func (h demoteHandler) Enabled(ctx context.Context, l slog.Level) bool {
	// A demoted record is decided in Handle, where the record is known.
	return h.Handler.Enabled(ctx, l)
}

func (h demoteHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level > slog.LevelDebug && h.match(r) {
		if !h.Handler.Enabled(ctx, slog.LevelDebug) {
			return nil
		}
		r.Level = slog.LevelDebug
	}
	return h.Handler.Handle(ctx, r)
}

func (h demoteHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return demoteHandler{h.Handler.WithAttrs(as), h.match}
}

func (h demoteHandler) WithGroup(name string) slog.Handler {
	return demoteHandler{h.Handler.WithGroup(name), h.match}
}
