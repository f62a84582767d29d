//go:build amd64 && !purego

package commit

import "testing"

// BenchmarkPermutation is one Keccak-f[1600] permutation per state: the Go
// one and the AVX2 one (four states per call; ns/op is per state).
func BenchmarkPermutation(b *testing.B) {
	b.Run("go", func(b *testing.B) {
		var a [25]uint64
		for i := 0; i < b.N; i++ {
			keccakF1600(&a)
		}
	})
	b.Run("avx2-x4", func(b *testing.B) {
		if !useX4 {
			b.Skip("no AVX2")
		}
		var s [200]uint64
		for i := 0; i < b.N; i += 4 {
			keccakF1600x4(&s)
		}
	})
}

// TestPermutationX4 checks each of the four states of keccakF1600x4
// against keccakF1600 from random states.
func TestPermutationX4(t *testing.T) {
	if !useX4 {
		t.Skip("no AVX2")
	}
	var s [200]uint64
	var a [4][25]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 100; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		s[i] = x
		a[i%4][i/4] = x
	}
	for round := 0; round < 3; round++ {
		keccakF1600x4(&s)
		for j := range a {
			keccakF1600(&a[j])
			for i := 0; i < 25; i++ {
				if s[4*i+j] != a[j][i] {
					t.Fatalf("pass %d state %d lane %d: x4 %#x, scalar %#x", round, j, i, s[4*i+j], a[j][i])
				}
			}
		}
	}
}

func TestChooseX4(t *testing.T) {
	for _, c := range []struct {
		avx2 bool
		env  string
		want bool
	}{{true, "", true}, {true, "scalar", false}, {true, "x4", true}, {false, "", false}, {false, "x4", false}} {
		if got := chooseX4(c.avx2, c.env); got != c.want {
			t.Errorf("chooseX4(%v, %q) = %v, want %v", c.avx2, c.env, got, c.want)
		}
	}
}
