package cliflags

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/urfave/cli/v2"
)

func TestSuggest(t *testing.T) {
	names := []string{"max-price", "bid-window", "bid.price", "bid.fraction", "block-time", "version", "l1-eth-rpc"}
	for in, want := range map[string]string{
		"max-prise":    "max-price",
		"maxprice":     "max-price",
		"bid-price":    "bid.price",
		"bid_fraction": "bid.fraction",
		"blocktime":    "block-time",
		"verison":      "version",
		"l1-rpc":       "",
		"x":            "",
		"completely":   "",
		"BID-WINDOW":   "bid-window",
	} {
		require.Equal(t, want, Suggest(in, names), in)
	}
}

func TestEnvVar(t *testing.T) {
	require.Equal(t, "GENSYN_JOB_MAX_PRICE", EnvVar("GENSYN_JOB", "max-price"))
	require.Equal(t, "GENSYN_WORKER_TXMGR_SEND_TIMEOUT", EnvVar("GENSYN_WORKER", "txmgr.send-timeout"))
}

func TestUsageError(t *testing.T) {
	flags := []cli.Flag{
		&cli.DurationFlag{Name: "bid-window", EnvVars: []string{"GENSYN_JOB_BID_WINDOW"}},
		&cli.IntFlag{Name: "port"},
		&cli.StringFlag{Name: "max-price"},
	}
	for _, c := range []struct {
		in   string
		want string
		kind error
	}{
		{"flag provided but not defined: -max-prise", "unknown flag --max-prise: did you mean --max-price?", ErrUnknownFlag},
		{"flag provided but not defined: -zzz", "unknown flag --zzz (see --help)", ErrUnknownFlag},
		{`invalid value "10" for flag -bid-window: parse error`, "--bid-window 10: use a unit, e.g. 10s", ErrBadValue},
		{`invalid value "1.5" for flag -bid-window: parse error`, "--bid-window 1.5: use a unit, e.g. 1.5s", ErrBadValue},
		{`invalid value "x" for flag -bid-window: parse error`, `--bid-window "x": not a duration (e.g. 10s, 5m, 1h30m)`, ErrBadValue},
		{`invalid value "x" for flag -port: parse error`, `--port "x": not an integer`, ErrBadValue},
		{`could not parse "10" as duration value from environment variable "GENSYN_JOB_BID_WINDOW" for flag bid-window: time: missing unit in duration "10"`,
			"GENSYN_JOB_BID_WINDOW (--bid-window) 10: use a unit, e.g. 10s", ErrBadValue},
	} {
		err := UsageError(flags, errors.New(c.in))
		require.EqualError(t, err, c.want, c.in)
		require.ErrorIs(t, err, c.kind, c.in)
	}
	other := errors.New("something else")
	require.Equal(t, other, UsageError(flags, other))
	require.NoError(t, UsageError(flags, nil))
}

// TestTakeRequired: required flags are handed over (the library's own check
// is off) and CheckRequired names each missing one with its variable.
func TestTakeRequired(t *testing.T) {
	spec := &cli.StringFlag{Name: "spec", Required: true, EnvVars: []string{"GENSYN_JOB_SPEC"}}
	step := &cli.Uint64Flag{Name: "step", Required: true}
	flags := []cli.Flag{spec, &cli.StringFlag{Name: "data"}, step}
	req := TakeRequired(flags)
	require.Len(t, req, 2)
	require.False(t, spec.Required)
	require.False(t, step.Required)

	var got error
	app := &cli.App{Flags: flags, Action: func(c *cli.Context) error { got = CheckRequired(c, req); return nil }}
	require.NoError(t, app.Run([]string{"x"}))
	require.EqualError(t, got, "missing required flags --spec (or GENSYN_JOB_SPEC), --step")
	require.ErrorIs(t, got, ErrRequired)
	require.NoError(t, app.Run([]string{"x", "--step", "1"}))
	require.EqualError(t, got, "missing required flag --spec (or GENSYN_JOB_SPEC)")
	t.Setenv("GENSYN_JOB_SPEC", "s.json")
	require.NoError(t, app.Run([]string{"x", "--step", "1"}))
	require.NoError(t, got)
}
