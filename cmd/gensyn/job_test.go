package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "1000": "1000", "1eth": "1000000000000000000", "0.3eth": "300000000000000000",
		" 2.5 eth": "2500000000000000000", "0.000000000000000001eth": "1",
	} {
		got, err := parseAmount(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got.String(), in)
	}
	for _, in := range []string{"", "-1", "1.5", "abc", "0.0000000000000000001eth", "-1eth", "1wei"} {
		_, err := parseAmount(in)
		require.Error(t, err, in)
	}
}

func TestJobCommandsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"gensyn", "job", "status"},
		{"gensyn", "job", "status", "abc"},
		{"gensyn", "job", "fetch", "--out", "x"},
		{"gensyn", "job", "submit", "--spec", "/nonexistent.json", "--max-price", "1eth"},
	} {
		err := run(t.Context(), args, nil, nil)
		require.Error(t, err, args)
	}
}
