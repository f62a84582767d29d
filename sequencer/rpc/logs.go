package rpc

import (
	"log/slog"
	"strings"

	"github.com/gensyn-stack/gensyn/internal/monitor"
)

// notYetPrefix starts the message of a gensyn_getInclusion answer for a
// commitment the sequencer has not acknowledged (yet): CodeNotFound.
const notYetPrefix = "no acknowledged commitment"

// QuietPolls wraps the handler of go-ethereum's global logger (which its
// rpc server logs every error answer to, at WARN) so that the normal "not
// yet" answer to a gensyn_getInclusion poll is written at DEBUG; any other
// error answer stays a warning.
func QuietPolls(h slog.Handler) slog.Handler {
	return monitor.Demote(h, func(r slog.Record) bool {
		if r.Message != "Served "+Namespace+"_getInclusion" {
			return false
		}
		notYet := false
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "err" {
				notYet = strings.HasPrefix(a.Value.String(), notYetPrefix)
				return false
			}
			return true
		})
		return notYet
	})
}
