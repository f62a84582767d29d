//go:build arm64 && !purego

package commit

import (
	"os"
	"testing"
)

// TestPermutationX2 checks both states of keccakF1600x2 against keccakF1600
// from random states, three permutations in a row.
func TestPermutationX2(t *testing.T) {
	if _, err := lookupPath("sha3"); err != nil {
		if os.Getenv(EnvKeccak) == "sha3" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	var s [50]uint64
	var a [2][25]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = x*6364136223846793005 + 1442695040888963407
		s[i] = x
		a[i%2][i/2] = x
	}
	for round := 0; round < 3; round++ {
		keccakF1600x2(&s)
		for j := range a {
			keccakF1600(&a[j])
			for i := 0; i < 25; i++ {
				if s[2*i+j] != a[j][i] {
					t.Fatalf("pass %d state %d lane %d: x2 %#x, scalar %#x", round, j, i, s[2*i+j], a[j][i])
				}
			}
		}
	}
}
