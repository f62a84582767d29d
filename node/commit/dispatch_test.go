package commit

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

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
	for _, name := range allPathNames {
		inTable := false
		for _, p := range pathTable {
			inTable = inTable || p.name == name
		}
		if _, err := lookupPath(name); !inTable && (err == nil || !strings.Contains(err.Error(), "is not available on "+runtime.GOARCH)) {
			t.Errorf("lookupPath(%s), not in this build: %v", name, err)
		}
	}
	if _, err := lookupPath("x4"); err == nil || !strings.Contains(err.Error(), `unknown keccak path "x4" (known: avx512, avx2, sha3, scalar, auto)`) {
		t.Errorf("lookupPath(x4): %v", err)
	}
	t.Setenv(EnvKeccak, "bogus")
	if p, err := loadEnv(); p != bestPath() || err == nil || err.Error() != `commit: GENSYN_COMMIT_KECCAK=bogus: unknown keccak path "bogus" (known: avx512, avx2, sha3, scalar, auto)` {
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
	t.Logf("%s=%q: keccak path %s (this CPU runs: %s)", EnvKeccak, v, KeccakPath(), strings.Join(KeccakPaths(), ", "))
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
