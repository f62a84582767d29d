package keys

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"

	hdwallet "github.com/ethereum-optimism/go-ethereum-hdwallet"
	opservice "github.com/ethereum-optimism/optimism/op-service"
	"github.com/ethereum-optimism/optimism/op-service/txmgr"
)

// Flag names of the keystore; the other key flags are the tx manager's
// (--private-key, --mnemonic, --hd-path, --signer.*).
const (
	KeystoreFlagName     = "keystore"
	PasswordFileFlagName = "password-file"
	signerEndpointFlag   = "signer.endpoint"
)

// More typed errors.
var (
	ErrMnemonic      = errors.New("invalid mnemonic")
	ErrNoPassword    = errors.New("--keystore needs --password-file")
	ErrRemoteSigner  = errors.New("this command signs with its own key: a remote signer cannot serve")
	ErrSeveralSource = errors.New("give one key source")
)

// CLIFlags are --keystore and --password-file, with environment variables
// under envPrefix (op-service's PrefixEnvVar: GENSYN_WORKER_KEYSTORE).
func CLIFlags(envPrefix string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:    KeystoreFlagName,
			Usage:   "encrypted keystore (v3 JSON) of the signing account; with --password-file (instead of --private-key or --mnemonic)",
			EnvVars: opservice.PrefixEnvVar(envPrefix, "KEYSTORE"),
		},
		&cli.StringFlag{
			Name:    PasswordFileFlagName,
			Usage:   "file holding the --keystore's password",
			EnvVars: opservice.PrefixEnvVar(envPrefix, "PASSWORD_FILE"),
		},
	}
}

// WithoutRemoteSigner drops the tx manager's --signer.* flags, for a
// command that needs the key itself (the worker signs its commitments).
func WithoutRemoteSigner(flags []cli.Flag) []cli.Flag {
	var out []cli.Flag
	for _, f := range flags {
		if !strings.HasPrefix(f.Names()[0], "signer.") {
			out = append(out, f)
		}
	}
	return out
}

// has says whether the command defines the flag.
func has(ctx *cli.Context, name string) bool {
	for _, c := range ctx.Lineage() {
		if c.Command == nil {
			continue
		}
		for _, f := range c.Command.Flags {
			for _, n := range f.Names() {
				if n == name {
					return true
				}
			}
		}
	}
	return false
}

// ResolveCLI checks the key flags of a command that signs through the tx
// manager and turns a keystore (and, with rawKey, a mnemonic) into the
// --private-key value the tx manager and the service read. It returns one
// error line naming the flags and their environment variables when no key,
// or more than one, is given. rawKey: the command needs the key itself, so
// a remote signer cannot serve. Keys are never part of an error.
func ResolveCLI(ctx *cli.Context, envPrefix string, rawKey bool) error {
	env := func(name string) string { return opservice.PrefixEnvVar(envPrefix, name)[0] }
	pk := ctx.String(txmgr.PrivateKeyFlagName)
	mn := ctx.String(txmgr.MnemonicFlagName)
	ks := ctx.String(KeystoreFlagName)
	remote := has(ctx, signerEndpointFlag) && ctx.String(signerEndpointFlag) != ""
	var given []string
	for _, g := range []struct {
		set  bool
		name string
	}{{pk != "", "--private-key"}, {mn != "", "--mnemonic"}, {ks != "", "--keystore"}, {remote, "--signer.endpoint"}} {
		if g.set {
			given = append(given, g.name)
		}
	}
	if len(given) > 1 {
		return fmt.Errorf("%w, not %s", ErrSeveralSource, strings.Join(given, " and "))
	}
	if len(given) == 0 {
		msg := fmt.Sprintf("no key: give --private-key, --mnemonic with --hd-path, or --keystore with --password-file (%s, %s + %s, %s + %s)",
			env("PRIVATE_KEY"), env("MNEMONIC"), env("HD_PATH"), env("KEYSTORE"), env("PASSWORD_FILE"))
		if !rawKey && has(ctx, signerEndpointFlag) {
			msg += "; or --signer.endpoint with --signer.address"
		}
		return &keyError{ErrNoKey, msg}
	}
	switch {
	case pk != "":
		if _, err := (Source{PrivateKey: pk}).Load(); err != nil {
			return fmt.Errorf("--private-key (%s): %w", env("PRIVATE_KEY"), err)
		}
	case ks != "":
		pw := ctx.String(PasswordFileFlagName)
		if pw == "" {
			return fmt.Errorf("%w (%s)", ErrNoPassword, env("PASSWORD_FILE"))
		}
		k, err := Source{Keystore: ks, PasswordFile: pw}.Load()
		if err != nil {
			return err
		}
		if err := ctx.Set(txmgr.PrivateKeyFlagName, fmt.Sprintf("%x", crypto.FromECDSA(k))); err != nil {
			return err
		}
	case mn != "":
		hd := ctx.String(txmgr.HDPathFlagName)
		if hd == "" {
			return fmt.Errorf("--mnemonic needs --hd-path (%s), e.g. \"m/44'/60'/0'/0/0\"", env("HD_PATH"))
		}
		w, err := hdwallet.NewFromMnemonic(mn)
		if err != nil {
			return fmt.Errorf("%w (--mnemonic, %s): not a BIP-39 mnemonic", ErrMnemonic, env("MNEMONIC"))
		}
		path, err := accounts.ParseDerivationPath(hd)
		if err != nil {
			return fmt.Errorf("--hd-path %q: %v", hd, err)
		}
		if rawKey {
			k, err := w.PrivateKey(accounts.Account{URL: accounts.URL{Path: path.String()}})
			if err != nil {
				return fmt.Errorf("%w: %v", ErrMnemonic, err)
			}
			if err := ctx.Set(txmgr.PrivateKeyFlagName, fmt.Sprintf("%x", crypto.FromECDSA(k))); err != nil {
				return err
			}
			return ctx.Set(txmgr.MnemonicFlagName, "")
		}
	case remote && rawKey:
		return ErrRemoteSigner
	}
	return nil
}

type keyError struct {
	kind error
	msg  string
}

func (e *keyError) Error() string { return e.msg }
func (e *keyError) Unwrap() error { return e.kind }
