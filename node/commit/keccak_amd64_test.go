//go:build amd64 && !purego

package commit

import "testing"

// BenchmarkPermutation is one Keccak-f[1600] permutation per state: the Go
// one, the AVX2 one (four states per call) and the AVX-512 one (eight per
// call); ns/op is per state.
func BenchmarkPermutation(b *testing.B) {
	b.Run("go", func(b *testing.B) {
		var a [25]uint64
		for i := 0; i < b.N; i++ {
			keccakF1600(&a)
		}
	})
	b.Run("avx2-x4", func(b *testing.B) {
		if _, err := lookupPath("avx2"); err != nil {
			b.Skip(err)
		}
		var s [200]uint64
		for i := 0; i < b.N; i += 4 {
			keccakF1600x4(&s)
		}
	})
	b.Run("avx512-x8", func(b *testing.B) {
		if _, err := lookupPath("avx512"); err != nil {
			b.Skip(err)
		}
		var s [200]uint64
		for i := 0; i < b.N; i += 8 {
			keccakF1600x8(&s)
		}
	})
}

// checkPermutation checks each of the w interleaved states of perm (lane i
// of state j at s[w*i+j]) against keccakF1600, from random states, three
// permutations in a row.
func checkPermutation(t *testing.T, w int, perm func(*[200]uint64)) {
	var s [200]uint64
	a := make([][25]uint64, w)
	x := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 25*w; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		s[i] = x
		a[i%w][i/w] = x
	}
	for round := 0; round < 3; round++ {
		perm(&s)
		for j := range a {
			keccakF1600(&a[j])
			for i := 0; i < 25; i++ {
				if s[w*i+j] != a[j][i] {
					t.Fatalf("pass %d state %d lane %d: x%d %#x, scalar %#x", round, j, i, w, s[w*i+j], a[j][i])
				}
			}
		}
	}
}

// TestPermutationX4 checks each of the four states of keccakF1600x4
// against keccakF1600 from random states.
func TestPermutationX4(t *testing.T) {
	if _, err := lookupPath("avx2"); err != nil {
		t.Skip(err)
	}
	checkPermutation(t, 4, keccakF1600x4)
}

// TestPermutationX8 checks each of the eight states of keccakF1600x8
// against keccakF1600 from random states.
func TestPermutationX8(t *testing.T) {
	if _, err := lookupPath("avx512"); err != nil {
		t.Skip(err)
	}
	checkPermutation(t, 8, keccakF1600x8)
}
