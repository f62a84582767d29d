// Package keys loads an account's private key from a flag value, an
// environment variable or an encrypted keystore file. Keys are never logged:
// errors name the source, never the value.
package keys

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

// Typed errors.
var (
	ErrNoKey       = errors.New("no private key given")
	ErrBadKey      = errors.New("invalid private key")
	ErrBadKeystore = errors.New("cannot decrypt keystore")
	ErrTwoSources  = errors.New("give either a private key or a keystore, not both")
)

// Source says where to read a key from.
type Source struct {
	PrivateKey   string // hex, with or without 0x
	Keystore     string // path to a go-ethereum keystore (v3) JSON file
	PasswordFile string // file holding the keystore's password
}

// Load returns the key the source designates.
func (s Source) Load() (*ecdsa.PrivateKey, error) {
	switch {
	case s.PrivateKey != "" && s.Keystore != "":
		return nil, ErrTwoSources
	case s.PrivateKey != "":
		k, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(s.PrivateKey), "0x"))
		if err != nil {
			return nil, fmt.Errorf("%w: expected 32 bytes of hex", ErrBadKey)
		}
		return k, nil
	case s.Keystore != "":
		blob, err := os.ReadFile(s.Keystore)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadKeystore, err)
		}
		pass := ""
		if s.PasswordFile != "" {
			p, err := os.ReadFile(s.PasswordFile)
			if err != nil {
				return nil, fmt.Errorf("%w: password file: %v", ErrBadKeystore, err)
			}
			pass = strings.TrimRight(string(p), "\r\n")
		}
		k, err := keystore.DecryptKey(blob, pass)
		if errors.Is(err, keystore.ErrDecrypt) {
			return nil, fmt.Errorf("%w %s: wrong password (--password-file)", ErrBadKeystore, s.Keystore)
		}
		if err != nil {
			return nil, fmt.Errorf("%w %s: %v", ErrBadKeystore, s.Keystore, err)
		}
		return k.PrivateKey, nil
	default:
		return nil, ErrNoKey
	}
}
