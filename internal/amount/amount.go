// Package amount parses the one amount syntax every gensyn command accepts:
// a whole number of wei ("1000"), or a decimal number followed by a unit
// ("20gwei", "0.3eth", "1.5 ether", "7wei"). Units are case-insensitive.
package amount

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// ErrInvalid is returned (wrapped) for any amount that does not parse.
var ErrInvalid = errors.New("invalid amount")

// Syntax is the accepted syntax, for help texts and errors.
const Syntax = "wei, or a number with a unit: e.g. 1000, 20gwei, 0.3eth"

// maxBits bounds amounts to a uint256.
const maxBits = 256

var units = []struct {
	suffix string
	exp    int64
}{
	// Longest suffixes first: "gwei" before "wei", "ether" before "eth".
	{"ether", 18}, {"gwei", 9}, {"eth", 18}, {"wei", 0},
}

// Parse returns the amount s designates, in wei. It never returns a negative
// value or one wider than 256 bits.
func Parse(s string) (*big.Int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	num, exp := t, int64(0)
	unit := false
	for _, u := range units {
		if v, ok := strings.CutSuffix(t, u.suffix); ok {
			num, exp, unit = strings.TrimSpace(v), u.exp, true
			break
		}
	}
	if num == "" || !validNumber(num, unit) {
		return nil, fmt.Errorf("%w %q (%s)", ErrInvalid, s, Syntax)
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok || r.Sign() < 0 {
		return nil, fmt.Errorf("%w %q (%s)", ErrInvalid, s, Syntax)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(exp), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("%w %q: not a whole number of wei", ErrInvalid, s)
	}
	v := new(big.Int).Set(r.Num())
	if v.BitLen() > maxBits {
		return nil, fmt.Errorf("%w %q: more than 2^256 wei", ErrInvalid, s)
	}
	return v, nil
}

// validNumber accepts digits with at most one decimal point (a decimal point
// only with a unit: a bare number is wei, which has no fractions); no signs,
// exponents or fractions like 1/2 that big.Rat would also take.
func validNumber(s string, unit bool) bool {
	if len(s) > 100 {
		return false
	}
	dot, digits := false, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' && !dot && unit:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// Format writes wei the way Parse reads it back: whole ether as "Neth",
// whole gwei as "Ngwei", anything else as plain wei.
func Format(wei *big.Int) string {
	e18 := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	e9 := big.NewInt(1e9)
	switch {
	case wei.Sign() == 0:
		return "0"
	case new(big.Int).Mod(wei, e18).Sign() == 0:
		return new(big.Int).Div(wei, e18).String() + "eth"
	case new(big.Int).Mod(wei, e9).Sign() == 0:
		return new(big.Int).Div(wei, e9).String() + "gwei"
	default:
		return wei.String()
	}
}
