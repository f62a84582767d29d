package keys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

const devKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"

func TestLoad_privateKey(t *testing.T) {
	for _, s := range []string{devKey, "0x" + devKey, " 0x" + devKey + "\n"} {
		k, err := Source{PrivateKey: s}.Load()
		require.NoError(t, err)
		require.Equal(t, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", crypto.PubkeyToAddress(k.PublicKey).Hex())
	}
}

func TestLoad_errorsNeverEchoTheKey(t *testing.T) {
	_, err := Source{}.Load()
	require.ErrorIs(t, err, ErrNoKey)
	_, err = Source{PrivateKey: devKey, Keystore: "x"}.Load()
	require.ErrorIs(t, err, ErrTwoSources)
	bad := devKey[:60] + "zz"
	_, err = Source{PrivateKey: bad}.Load()
	require.ErrorIs(t, err, ErrBadKey)
	require.False(t, strings.Contains(err.Error(), bad[:20]), "error must not contain the key")
}

func TestLoad_keystore(t *testing.T) {
	dir := t.TempDir()
	k, err := crypto.HexToECDSA(devKey)
	require.NoError(t, err)
	id, err := uuid.NewRandom()
	require.NoError(t, err)
	blob, err := keystore.EncryptKey(&keystore.Key{Id: id, Address: crypto.PubkeyToAddress(k.PublicKey), PrivateKey: k}, "hunter2", keystore.LightScryptN, keystore.LightScryptP)
	require.NoError(t, err)
	ks := filepath.Join(dir, "key.json")
	require.NoError(t, os.WriteFile(ks, blob, 0o600))
	pw := filepath.Join(dir, "pw")
	require.NoError(t, os.WriteFile(pw, []byte("hunter2\n"), 0o600))

	got, err := Source{Keystore: ks, PasswordFile: pw}.Load()
	require.NoError(t, err)
	require.Equal(t, k.D, got.D)

	wrong := filepath.Join(dir, "wrong")
	require.NoError(t, os.WriteFile(wrong, []byte("nope"), 0o600))
	_, err = Source{Keystore: ks, PasswordFile: wrong}.Load()
	require.ErrorIs(t, err, ErrBadKeystore)
	_, err = Source{Keystore: filepath.Join(dir, "missing.json")}.Load()
	require.ErrorIs(t, err, ErrBadKeystore)
	_, err = Source{Keystore: ks, PasswordFile: filepath.Join(dir, "missing")}.Load()
	require.ErrorIs(t, err, ErrBadKeystore)
}
