//go:build amd64 && !purego

package commit

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"
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
		if os.Getenv(envRequireAVX512) != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	checkPermutation(t, 8, keccakF1600x8)
}

// envRequireAVX512 makes the AVX-512 tests fail, rather than skip, on a
// CPU without AVX-512 (make test-avx512 sets it in the emulated guest, so
// that a run that silently lost AVX-512 cannot pass).
const envRequireAVX512 = "GENSYN_TEST_REQUIRE_AVX512"

// TestAVX512PathDispatch: where the CPU and operating system run AVX512F
// and AVX512BW, the avx512 path is the one auto-dispatch picks and the
// differential tests loop over it; elsewhere GENSYN_COMMIT_KECCAK=avx512 is
// the "not supported by this CPU" error and auto-dispatch never picks it.
func TestAVX512PathDispatch(t *testing.T) {
	t.Logf("cpu: avx2=%v avx512f=%v avx512bw=%v; paths %v; auto-dispatch picks %s",
		cpu.X86.HasAVX2, cpu.X86.HasAVX512F, cpu.X86.HasAVX512BW, KeccakPaths(), bestPath().name)
	if archPaths[0].name != "avx512" || archPaths[0].width != 8 {
		t.Fatal("the avx512 path must come first in archPaths")
	}
	if !cpu.X86.HasAVX512F || !cpu.X86.HasAVX512BW {
		if os.Getenv(envRequireAVX512) != "" {
			t.Fatalf("%s is set but this CPU (or its operating system) has no AVX512F and AVX512BW", envRequireAVX512)
		}
		if bestPath().name == "avx512" {
			t.Fatal("auto-dispatch picked avx512 on a CPU without AVX-512")
		}
		if _, err := lookupPath("avx512"); err == nil || !strings.Contains(err.Error(), `keccak path "avx512" is not supported by this CPU`) {
			t.Fatalf("avx512 without AVX-512: %v", err)
		}
		return
	}
	if bestPath().name != "avx512" {
		t.Fatalf("auto-dispatch picked %s on a CPU with AVX-512", bestPath().name)
	}
	if ps := KeccakPaths(); ps[0] != "avx512" {
		t.Fatalf("paths %v, want avx512 first", ps)
	}
}
