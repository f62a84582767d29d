package amount

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	e18, _ := new(big.Int).SetString("1000000000000000000", 10)
	cases := []struct {
		in   string
		want string // wei; "" means an error
	}{
		{"0", "0"},
		{"1000", "1000"},
		{" 1000 ", "1000"},
		{"1000wei", "1000"},
		{"20gwei", "20000000000"},
		{"20GWEI", "20000000000"},
		{"1.5gwei", "1500000000"},
		{"0.3eth", "300000000000000000"},
		{"0.3 eth", "300000000000000000"},
		{"1ether", e18.String()},
		{"1eth", e18.String()},
		{".5eth", "500000000000000000"},
		{"5.eth", "5000000000000000000"},
		{"0.000000000000000001eth", "1"},
		{"0.0000000000000000001eth", ""}, // less than a wei
		{"0.5gwei", "500000000"},
		{"0.5", ""},    // wei has no fractions
		{"1.5wei", ""}, // nor here
		{"-1", ""},
		{"-1eth", ""},
		{"+1", ""},
		{"1e18", ""},
		{"1/2eth", ""},
		{"eth", ""},
		{"", ""},
		{"0x10", ""},
		{"1,000", ""},
		{"1 000", ""},
		{"10 btc", ""},
		{"1..2eth", ""},
		{strings.Repeat("9", 78), ""}, // > 2^256
		{"115792089237316195423570985008687907853269984665640564039457584007913129639935", "115792089237316195423570985008687907853269984665640564039457584007913129639935"},
	}
	for _, c := range cases {
		v, err := Parse(c.in)
		if c.want == "" {
			require.Error(t, err, c.in)
			require.True(t, errors.Is(err, ErrInvalid), c.in)
			require.NotContains(t, err.Error(), "\n")
			continue
		}
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, v.String(), c.in)
	}
}

func TestParseErrorSaysTheSyntax(t *testing.T) {
	_, err := Parse("lots")
	require.EqualError(t, err, `invalid amount "lots" (wei, or a number with a unit: e.g. 1000, 20gwei, 0.3eth)`)
}

func TestFormatRoundTrips(t *testing.T) {
	for _, s := range []string{"0", "1", "999", "1gwei", "20gwei", "1eth", "300000000000000000", "1000000001gwei"} {
		v, err := Parse(s)
		require.NoError(t, err)
		back, err := Parse(Format(v))
		require.NoError(t, err)
		require.Equal(t, v, back, s)
	}
	require.Equal(t, "3eth", Format(big.NewInt(3e18)))
	require.Equal(t, "20gwei", Format(big.NewInt(20e9)))
	require.Equal(t, "7", Format(big.NewInt(7)))
}

// FuzzParse: Parse never panics, and whatever it accepts is a non-negative
// uint256 that Format writes back to the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1000", "0.3eth", "20gwei", "1.5 ether", "-1", "1e18", ".eth", "0.0000000000000000001eth"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalid)
			return
		}
		require.GreaterOrEqual(t, v.Sign(), 0)
		require.LessOrEqual(t, v.BitLen(), 256)
		back, err := Parse(Format(v))
		require.NoError(t, err)
		require.Equal(t, 0, v.Cmp(back))
	})
}
