// Package cliflags holds what every gensyn command does with its flags the
// same way: the one-line error for required flags that are missing (naming
// each flag's environment variable), and the rewriting of the flag parser's
// errors into lines that say what is wrong (a duration without a unit, an
// unknown flag with the nearest known one).
package cliflags

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// Typed errors.
var (
	ErrRequired    = errors.New("missing required flag")
	ErrUnknownFlag = errors.New("unknown flag")
	ErrBadValue    = errors.New("invalid flag value")
)

// EnvVars returns the environment variables a flag reads.
func EnvVars(f cli.Flag) []string {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.GetEnvVars()
	}
	return nil
}

// describe is "--name (or GENSYN_X_NAME)".
func describe(f cli.Flag) string {
	s := "--" + f.Names()[0]
	if env := EnvVars(f); len(env) > 0 {
		s += " (or " + strings.Join(env, ", ") + ")"
	}
	return s
}

// flagError is a typed error whose text is msg alone.
type flagError struct {
	kind error
	msg  string
}

func (e *flagError) Error() string { return e.msg }
func (e *flagError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	return &flagError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// CheckRequired returns one error naming every flag of flags that is neither
// given on the command line nor in its environment variable.
func CheckRequired(ctx *cli.Context, flags []cli.Flag) error {
	var missing []string
	for _, f := range flags {
		set := false
		for _, n := range f.Names() {
			set = set || ctx.IsSet(n)
		}
		if !set {
			missing = append(missing, describe(f))
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return errorf(ErrRequired, "missing required flag %s", missing[0])
	default:
		return errorf(ErrRequired, "missing required flags %s", strings.Join(missing, ", "))
	}
}

// TakeRequired turns off the cli library's own check of required flags (it
// prints the whole help before its error) and returns the flags that were
// required, for CheckRequired.
func TakeRequired(flags []cli.Flag) []cli.Flag {
	var req []cli.Flag
	for _, f := range flags {
		rf, ok := f.(cli.RequiredFlag)
		if !ok || !rf.IsRequired() {
			continue
		}
		req = append(req, f)
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Required = false
		case *cli.Uint64Flag:
			f.Required = false
		case *cli.IntFlag:
			f.Required = false
		case *cli.Int64Flag:
			f.Required = false
		case *cli.UintFlag:
			f.Required = false
		case *cli.DurationFlag:
			f.Required = false
		case *cli.BoolFlag:
			f.Required = false
		case *cli.Float64Flag:
			f.Required = false
		case *cli.StringSliceFlag:
			f.Required = false
		case *cli.PathFlag:
			f.Required = false
		default:
			panic(fmt.Sprintf("cliflags: required flag --%s of type %T not handled", f.Names()[0], f))
		}
	}
	return req
}

// EnvVar is the rule every gensyn flag's environment variable follows:
// prefix (GENSYN_<COMMAND>), '_', then the flag's name upper-cased with '-'
// and '.' turned into '_' (op-service's PrefixEnvVar of that name).
func EnvVar(prefix, flag string) string {
	r := strings.NewReplacer("-", "_", ".", "_")
	return prefix + "_" + r.Replace(strings.ToUpper(flag))
}

// ByRule sets the environment variable of each flag to the rule's, for
// flags defined elsewhere (op-service's tx manager names three of its own
// differently: --txmgr.send-timeout reads ..._TXMGR_TX_SEND_TIMEOUT there).
func ByRule(prefix string, flags []cli.Flag) []cli.Flag {
	for _, f := range flags {
		env := []string{EnvVar(prefix, f.Names()[0])}
		switch f := f.(type) {
		case *cli.StringFlag:
			f.EnvVars = env
		case *cli.BoolFlag:
			f.EnvVars = env
		case *cli.IntFlag:
			f.EnvVars = env
		case *cli.Int64Flag:
			f.EnvVars = env
		case *cli.UintFlag:
			f.EnvVars = env
		case *cli.Uint64Flag:
			f.EnvVars = env
		case *cli.Float64Flag:
			f.EnvVars = env
		case *cli.DurationFlag:
			f.EnvVars = env
		case *cli.StringSliceFlag:
			f.EnvVars = env
		case *cli.PathFlag:
			f.EnvVars = env
		case *cli.GenericFlag:
			f.EnvVars = env
		default:
			panic(fmt.Sprintf("cliflags: flag --%s of type %T not handled", f.Names()[0], f))
		}
	}
	return flags
}

var (
	reUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	reInvalid   = regexp.MustCompile(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)
	reEnv       = regexp.MustCompile(`^could not parse "(.*)" as (\w+) value from (?:environment variable )?"?(\w+)"? for flag ([^:]+): (.*)$`)
)

// UsageError rewrites an error of the flag parser of a command with the given
// flags into one line that says what is wrong; other errors pass unchanged.
func UsageError(flags []cli.Flag, err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		name := m[1]
		if i := strings.IndexByte(name, '='); i >= 0 {
			name = name[:i]
		}
		if s := Suggest(name, names(flags)); s != "" {
			return errorf(ErrUnknownFlag, "unknown flag --%s: did you mean --%s?", name, s)
		}
		return errorf(ErrUnknownFlag, "unknown flag --%s (see --help)", name)
	}
	if m := reInvalid.FindStringSubmatch(msg); m != nil {
		return badValue(find(flags, m[2]), m[2], m[1], "", m[3])
	}
	if m := reEnv.FindStringSubmatch(msg); m != nil {
		return badValue(find(flags, m[4]), m[4], m[1], m[3], m[5])
	}
	return err
}

func badValue(f cli.Flag, name, value, env, why string) error {
	where := "--" + name
	if env != "" {
		where = env + " (--" + name + ")"
	}
	switch f.(type) {
	case *cli.DurationFlag:
		if _, err := strconv.ParseFloat(value, 64); err == nil {
			return errorf(ErrBadValue, "%s %s: use a unit, e.g. %ss", where, value, value)
		}
		return errorf(ErrBadValue, "%s %q: not a duration (e.g. 10s, 5m, 1h30m)", where, value)
	case *cli.IntFlag, *cli.Int64Flag:
		return errorf(ErrBadValue, "%s %q: not an integer", where, value)
	case *cli.UintFlag, *cli.Uint64Flag:
		return errorf(ErrBadValue, "%s %q: not a non-negative integer", where, value)
	case *cli.Float64Flag:
		return errorf(ErrBadValue, "%s %q: not a number", where, value)
	case *cli.BoolFlag:
		return errorf(ErrBadValue, "%s %q: not true or false", where, value)
	}
	return errorf(ErrBadValue, "%s %q: %s", where, value, why)
}

func names(flags []cli.Flag) []string {
	var out []string
	for _, f := range flags {
		out = append(out, f.Names()...)
	}
	return out
}

func find(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// Suggest returns the candidate nearest to name by edit distance when it is
// near enough to be a typo (at most a third of the name's length, at least
// 1, at most 3 edits); "" otherwise.
func Suggest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	limit := min(max(len(name)/3, 1), 3)
	for _, c := range candidates {
		if d := levenshtein(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
