package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/sys/cpu"
)

// TestSelfCheckValue pins the self-check's expected word (the value the
// emulated guest printed, EMU-SELFCHECK avx512 ok 0x896cc167320a7668) and,
// where this CPU has AVX-512F, checks the assembly against it.
func TestSelfCheckValue(t *testing.T) {
	if got := selfCheckWant(); got != 0x896cc167320a7668 {
		t.Fatalf("selfCheckWant() = %#x", got)
	}
	if cpu.X86.HasAVX512F {
		if got := selfCheck(); got != selfCheckWant() {
			t.Fatalf("selfCheck() = %#x, want %#x", got, selfCheckWant())
		}
	}
}

func TestReadList(t *testing.T) {
	p := filepath.Join(t.TempDir(), "args")
	if got := readList(p); got != nil {
		t.Fatalf("absent file: %q", got)
	}
	if err := os.WriteFile(p, []byte("/bin/x\x00-test.run\x00A|B\x00\x00-v"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := readList(p), []string{"/bin/x", "-test.run", "A|B", "-v"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("readList = %q, want %q", got, want)
	}
}
