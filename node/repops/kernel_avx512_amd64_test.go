//go:build !purego

package repops

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"
)

// envRequireAVX512 makes TestAVX512KernelDispatch fail on a CPU without
// AVX-512 (make test-avx512 sets it in the emulated guest, so that a run
// that silently lost AVX-512 cannot pass).
const envRequireAVX512 = "GENSYN_TEST_REQUIRE_AVX512"

// TestAVX512KernelDispatch: where the CPU and operating system run
// AVX-512F, the avx512 kernel is the one auto-dispatch picks and the
// bit-identity tests loop over it; elsewhere GENSYN_REPOPS_KERNEL=avx512 is
// the "not supported by this CPU" error and auto-dispatch never picks it.
func TestAVX512KernelDispatch(t *testing.T) {
	t.Logf("cpu: avx2=%v avx512f=%v; kernels %v; auto-dispatch picks %s",
		cpu.X86.HasAVX2, cpu.X86.HasAVX512F, Kernels(), bestKernel().name)
	if archKernels[0] != avx512Kernel {
		t.Fatalf("the avx512 kernel must come first in archKernels")
	}
	if !cpu.X86.HasAVX512F {
		if os.Getenv(envRequireAVX512) != "" {
			t.Fatalf("%s is set but this CPU (or its operating system) has no AVX-512F", envRequireAVX512)
		}
		if bestKernel() == avx512Kernel {
			t.Fatal("auto-dispatch picked avx512 on a CPU without AVX-512F")
		}
		resetConf(t)
		t.Setenv(EnvKernel, "avx512")
		err := CheckEnv()
		if err == nil || !strings.Contains(err.Error(), `GENSYN_REPOPS_KERNEL=avx512: kernel "avx512" is not supported by this CPU`) {
			t.Fatalf("GENSYN_REPOPS_KERNEL=avx512 without AVX-512: %v", err)
		}
		return
	}
	if bestKernel() != avx512Kernel {
		t.Fatalf("auto-dispatch picked %s on a CPU with AVX-512F", bestKernel().name)
	}
	if ks := runnableKernels(t); ks[0] != avx512Kernel {
		t.Fatalf("runnable kernels %v, want avx512 first", Kernels())
	}
	resetConf(t)
	t.Setenv(EnvKernel, "")
	if err := CheckEnv(); err != nil || Kernel() != "avx512" {
		t.Fatalf("default kernel %q (%v), want avx512", Kernel(), err)
	}
}

// TestAVX512KernelLongK: the avx512 kernel against the Go kernel over
// longer sums than TestKernelsMatchGo (k up to 600, cancellation and
// rounding at every step), ordinary values, both load modes and a row
// stride wider than the tile; NaN payloads aside, the bits agree.
func TestAVX512KernelLongK(t *testing.T) {
	if !avx512Kernel.supported() {
		t.Skip("no AVX-512F on this CPU (make test-avx512 runs it on an emulated one)")
	}
	r := rand.New(rand.NewPCG(51, 2))
	const mr, nr = 12, 32
	for iter := 0; iter < 12; iter++ {
		k := 1 + r.IntN(600)
		ldc := nr + 1 + r.IntN(9)
		ap, bp := matOperand(r, mr*k, iter%3 == 0), matOperand(r, nr*k, iter%3 == 0)
		c := matOperand(r, mr*ldc, true)
		checkKernelTile(t, avx512Kernel, k, ap, bp, c, ldc, iter%2 == 0)
	}
}
