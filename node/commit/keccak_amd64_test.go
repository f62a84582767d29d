//go:build amd64 && !purego

package commit

import (
	"os"
	"strings"
	"testing"
)

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

// TestLookupPath checks the names and the errors of the path selection.
func TestLookupPath(t *testing.T) {
	for _, name := range []string{"", "auto"} {
		if p, err := lookupPath(name); err != nil || p != bestPath() {
			t.Errorf("lookupPath(%q) = %v, %v; want the best path", name, p, err)
		}
	}
	if p := bestPath(); !p.supported() || !p.auto {
		t.Errorf("bestPath %s: supported %v, auto %v", p.name, p.supported(), p.auto)
	}
	if p, err := lookupPath("scalar"); err != nil || p.width != 1 {
		t.Errorf("lookupPath(scalar) = %v, %v", p, err)
	}
	for _, p := range archPaths {
		got, err := lookupPath(p.name)
		if p.supported() {
			if err != nil || got != p {
				t.Errorf("lookupPath(%s) = %v, %v on a CPU that runs it", p.name, got, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), "not supported by this CPU") {
			t.Errorf("lookupPath(%s) on a CPU without it: %v", p.name, err)
		}
	}
	if _, err := lookupPath("x4"); err == nil || !strings.Contains(err.Error(), `unknown keccak path "x4" (known: avx512, avx2, scalar, auto)`) {
		t.Errorf("lookupPath(x4): %v", err)
	}
	t.Setenv(EnvKeccak, "bogus")
	if p, err := loadEnv(); p != bestPath() || err == nil || err.Error() != `commit: GENSYN_COMMIT_KECCAK=bogus: unknown keccak path "bogus" (known: avx512, avx2, scalar, auto)` {
		t.Errorf("loadEnv with %s=bogus: %v, %v", EnvKeccak, p, err)
	}
	saved := KeccakPath()
	defer SetKeccakPath(saved)
	if err := SetKeccakPath("nope"); err == nil || KeccakPath() != saved {
		t.Errorf("SetKeccakPath(nope): %v, path now %s", err, KeccakPath())
	}
}

// TestKeccakEnv checks GENSYN_COMMIT_KECCAK as the process was started
// with it: a forced path must be valid on this CPU and in use (so a run
// with GENSYN_COMMIT_KECCAK=avx512 fails, rather than skips, where the CPU
// has no AVX-512).
func TestKeccakEnv(t *testing.T) {
	v := os.Getenv(EnvKeccak)
	if v == "" || v == "auto" {
		if err := CheckEnv(); err != nil {
			t.Fatal(err)
		}
		if KeccakPath() != bestPath().name {
			t.Fatalf("path %s, want the best, %s", KeccakPath(), bestPath().name)
		}
		return
	}
	if err := CheckEnv(); err != nil {
		t.Fatal(err)
	}
	if KeccakPath() != v {
		t.Fatalf("%s=%s: path in use %s", EnvKeccak, v, KeccakPath())
	}
	if p, err := loadEnv(); err != nil || p.name != v {
		t.Fatalf("loadEnv: %v, %v", p, err)
	}
}
