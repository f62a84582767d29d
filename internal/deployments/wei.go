package deployments

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Amounts of wei (and any other number that may not fit a float64) are
// written as JSON strings, so that tools which read JSON numbers as doubles
// (jq, JavaScript) cannot round them. Reading accepts the string form, a
// plain JSON number (files written before amounts were strings) and a
// number in exponent form such as jq writes (1e+22), as long as it is an
// exact non-negative integer of at most 256 bits.

// ErrNotWei is returned for a JSON value that is not a whole number of wei.
var ErrNotWei = errors.New("not a whole non-negative number of wei")

// maxWeiBits bounds an amount: every amount on the chain is a uint256.
const maxWeiBits = 256

// maxExponent bounds the exponent of a number in exponent form before it is
// expanded (a uint256 has at most 78 decimal digits).
const maxExponent = 100

// weiJSON writes v as a JSON string (null for nil).
func weiJSON(v *big.Int) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(strconv.Quote(v.String()))
}

// ParseWeiJSON reads an amount written as a JSON string of decimal digits,
// a JSON integer, or a JSON number in exponent form whose value is an exact
// integer (1e+22, 1.5e3). null gives nil.
func ParseWeiJSON(raw []byte) (*big.Int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: empty value", ErrNotWei)
	}
	if string(raw) == "null" {
		return nil, nil
	}
	var s string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%w: %s", ErrNotWei, raw)
		}
		s = strings.TrimSpace(s)
	} else {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("%w: %s", ErrNotWei, short(raw))
		}
		s = n.String()
	}
	v, err := parseDecimal(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %q %v", ErrNotWei, short([]byte(s)), err)
	}
	return v, nil
}

// parseDecimal parses [digits][.digits][e[+-]digits] exactly.
func parseDecimal(s string) (*big.Int, error) {
	if s == "" {
		return nil, errors.New("(empty)")
	}
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 32)
		if err != nil || s[i+1:] == "" {
			return nil, errors.New("has a malformed exponent")
		}
		if e > maxExponent || e < -maxExponent {
			return nil, errors.New("is out of range")
		}
		exp = e
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
		if frac == "" {
			return nil, errors.New("is malformed")
		}
	}
	if intPart == "" || !digitsOnly(intPart) || !digitsOnly(frac) {
		if strings.HasPrefix(mant, "-") {
			return nil, errors.New("is negative")
		}
		return nil, errors.New("is not a decimal number")
	}
	// value = (intPart frac) * 10^(exp - len(frac))
	digits := strings.TrimLeft(intPart+frac, "0")
	shift := exp - int64(len(frac))
	if digits == "" {
		return new(big.Int), nil
	}
	if shift < 0 {
		// The dropped digits must all be zero.
		drop := int(-shift)
		if drop > len(digits) || strings.Trim(digits[len(digits)-drop:], "0") != "" {
			return nil, errors.New("is not a whole number")
		}
		digits, shift = digits[:len(digits)-drop], 0
	}
	if int64(len(digits))+shift > 78 {
		return nil, fmt.Errorf("does not fit in %d bits", maxWeiBits)
	}
	v, ok := new(big.Int).SetString(digits+strings.Repeat("0", int(shift)), 10)
	if !ok {
		return nil, errors.New("is not a decimal number")
	}
	if v.BitLen() > maxWeiBits {
		return nil, fmt.Errorf("does not fit in %d bits", maxWeiBits)
	}
	return v, nil
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func short(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// MarshalJSON writes balanceWei as a string.
func (a Account) MarshalJSON() ([]byte, error) {
	type plain Account
	return json.Marshal(struct {
		plain
		BalanceWei json.RawMessage `json:"balanceWei"`
	}{plain(a), weiJSON(a.BalanceWei)})
}

// UnmarshalJSON reads balanceWei in any form ParseWeiJSON accepts.
func (a *Account) UnmarshalJSON(b []byte) error {
	type plain Account
	var v struct {
		plain
		BalanceWei json.RawMessage `json:"balanceWei"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*a = Account(v.plain)
	if v.BalanceWei == nil {
		return nil
	}
	w, err := ParseWeiJSON(v.BalanceWei)
	if err != nil {
		return fmt.Errorf("balanceWei: %w", err)
	}
	a.BalanceWei = w
	return nil
}

// MarshalJSON writes disputeBondWei as a string.
func (s Settings) MarshalJSON() ([]byte, error) {
	type plain Settings
	return json.Marshal(struct {
		plain
		DisputeBondWei json.RawMessage `json:"disputeBondWei"`
	}{plain(s), weiJSON(s.DisputeBondWei)})
}

// UnmarshalJSON reads disputeBondWei in any form ParseWeiJSON accepts.
func (s *Settings) UnmarshalJSON(b []byte) error {
	type plain Settings
	var v struct {
		plain
		DisputeBondWei json.RawMessage `json:"disputeBondWei"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Settings(v.plain)
	if v.DisputeBondWei == nil {
		return nil
	}
	w, err := ParseWeiJSON(v.DisputeBondWei)
	if err != nil {
		return fmt.Errorf("disputeBondWei: %w", err)
	}
	s.DisputeBondWei = w
	return nil
}
