package deployments

import (
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseWeiJSON(t *testing.T) {
	e22, _ := new(big.Int).SetString("10000000000000000000000", 10)
	maxU256 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	ok := []struct {
		in   string
		want *big.Int
	}{
		{`"10000000000000000000000"`, e22},
		{`10000000000000000000000`, e22}, // a file written before amounts were strings
		{`1e+22`, e22},                   // jq's form of the same number
		{`1E22`, e22},
		{`1.0e22`, e22},
		{`1.5e3`, big.NewInt(1500)},
		{`100e-2`, big.NewInt(1)},
		{`0`, big.NewInt(0)},
		{`"0"`, big.NewInt(0)},
		{`0e5`, big.NewInt(0)},
		{`"` + maxU256.String() + `"`, maxU256},
		{`null`, nil},
	}
	for _, c := range ok {
		got, err := ParseWeiJSON([]byte(c.in))
		require.NoError(t, err, c.in)
		if c.want == nil {
			require.Nil(t, got, c.in)
			continue
		}
		require.Zero(t, c.want.Cmp(got), "%s: got %s", c.in, got)
	}
	bad := map[string]string{
		`1.5`:      "not a whole number",
		`1.5e0`:    "not a whole number",
		`1e-1`:     "not a whole number",
		`-1`:       "negative",
		`"-1"`:     "negative",
		`"1eth"`:   "malformed exponent",
		`"abc"`:    "not a decimal number",
		`"0x10"`:   "not a decimal number",
		`true`:     "not a whole non-negative number of wei",
		`1e100`:    "does not fit in 256 bits",
		`1e999999`: "out of range",
		`"` + new(big.Int).Lsh(big.NewInt(1), 256).String() + `"`: "does not fit in 256 bits",
		`""`: "(empty)",
	}
	for in, want := range bad {
		_, err := ParseWeiJSON([]byte(in))
		require.ErrorIs(t, err, ErrNotWei, in)
		require.ErrorContains(t, err, want, in)
	}
}

// TestWrite_weiAsStrings: amounts are written as JSON strings, so jq and
// JavaScript cannot round them.
func TestWrite_weiAsStrings(t *testing.T) {
	d := sample()
	d.Accounts[0].BalanceWei, _ = new(big.Int).SetString("10000000000000000000000", 10)
	d.Settings = &Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 300}
	path := filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, Write(path, d))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"balanceWei": "10000000000000000000000"`)
	require.Contains(t, string(raw), `"disputeBondWei": "100000000000000000"`)
	got, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, d, got)
}

// TestRead_jqEdited: a file whose amounts a jq edit turned into doubles
// (1e+22) or that was written with plain numbers still reads, exactly; a
// fraction is refused with a line naming the field and the file.
func TestRead_jqEdited(t *testing.T) {
	d := sample()
	d.Settings = &Settings{DisputeBondWei: big.NewInt(1e17), DisputeClock: 300}
	path := filepath.Join(t.TempDir(), "31337.json")
	require.NoError(t, Write(path, d))
	raw, err := os.ReadFile(path)
	require.NoError(t, err)

	edited := strings.Replace(string(raw), `"balanceWei": "1000000000000000000"`, `"balanceWei": 1e+22`, 1)
	edited = strings.Replace(edited, `"disputeBondWei": "100000000000000000"`, `"disputeBondWei": 100000000000000000`, 1)
	require.NotEqual(t, string(raw), edited)
	require.NoError(t, os.WriteFile(path, []byte(edited), 0o644))
	got, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, "10000000000000000000000", got.Accounts[0].BalanceWei.String())
	require.Equal(t, "100000000000000000", got.Settings.DisputeBondWei.String())

	fraction := strings.Replace(string(raw), `"balanceWei": "1000000000000000000"`, `"balanceWei": 1.5`, 1)
	require.NoError(t, os.WriteFile(path, []byte(fraction), 0o644))
	_, err = Read(path)
	require.ErrorIs(t, err, ErrNotWei)
	require.ErrorContains(t, err, "31337.json")
	require.ErrorContains(t, err, "balanceWei")
	require.ErrorContains(t, err, "not a whole number")
}

// FuzzParseWeiJSON: the decoder never panics; what it accepts is a
// non-negative integer of at most 256 bits that round-trips through the
// string form, and it agrees with big.Rat on every exact integer.
func FuzzParseWeiJSON(f *testing.F) {
	for _, s := range []string{`"10000000000000000000000"`, `1e+22`, `1.5e3`, `1.5`, `-1`, `null`, `"0x1"`, `1e999999999`, `0.000e-0`, `12345678901234567890123456789012345678901234567890123456789012345678901234567890`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseWeiJSON(data)
		if err != nil || v == nil {
			return
		}
		require.True(t, v.Sign() >= 0 && v.BitLen() <= maxWeiBits, "%s -> %s", data, v)
		again, err := ParseWeiJSON(weiJSON(v))
		require.NoError(t, err)
		require.Zero(t, v.Cmp(again))
		// Where the input is a JSON number, big.Rat reads the same value.
		var n json.Number
		if json.Unmarshal(data, &n) == nil && len(n.String()) < 200 {
			if r, ok := new(big.Rat).SetString(n.String()); ok {
				require.True(t, r.IsInt(), "%s", data)
				require.Zero(t, r.Num().Cmp(v), "%s", data)
			}
		}
	})
}
