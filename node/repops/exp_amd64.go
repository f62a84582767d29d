//go:build !purego

package repops

// expSubAVX2 sets o[i] = expProg(SUB(x[i] XOR flip, sub)) for i < n, n a
// multiple of 8 (exp_amd64.s): the exp program's 24 entries on 8 lanes,
// each float entry one rounded VEX instruction (MUL, ADD and SUB alone,
// the program's FMA entries as VFMADD, rounded once), so that every lane
// is exactly the program's bits.
//
//go:noescape
func expSubAVX2(o, x *float32, n int, sub, flip uint32)

// expVec reports whether the vector exp runs: with the avx512 or avx2
// kernel (the default where the CPU has it; GENSYN_REPOPS_KERNEL=sse or go,
// or SetKernel, turn it off) on a CPU with AVX2 and FMA (every AVX-512 CPU
// has both).
func expVec() bool {
	loadEnv()
	k := conf.kernel.Load()
	return (k == avx2Kernel || k == avx512Kernel) && hasFMA()
}

// expSubVec computes the elements of whole groups of 8 with AVX2 and
// returns how many it did.
func expSubVec(o, x []float32, sub float32, neg bool) int {
	q := len(x) &^ 7
	if q == 0 || !expVec() {
		return 0
	}
	_ = o[q-1]
	expSubAVX2(&o[0], &x[0], q, f32bits(sub), flipWord(neg))
	return q
}

// expVecSupported reports whether this CPU runs the vector exp (with the
// avx2 kernel selected).
func expVecSupported() bool { return avx2Kernel.supported() && hasFMA() }
