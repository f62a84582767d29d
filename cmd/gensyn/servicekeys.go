package main

import (
	"github.com/urfave/cli/v2"

	"github.com/gensyn-stack/gensyn/internal/keys"
)

// serviceBefore checks a service's required flags, then its key flags
// (turning --keystore, and for the worker --mnemonic, into the key the tx
// manager reads): each failure is one line naming the flags and their
// environment variables, before any set-up.
func serviceBefore(checkRequired func(*cli.Context) error, envPrefix string, rawKey bool) cli.BeforeFunc {
	return func(ctx *cli.Context) error {
		if err := checkRequired(ctx); err != nil {
			return err
		}
		return keys.ResolveCLI(ctx, envPrefix, rawKey)
	}
}
