//go:build !purego

package repops

// expSubNEON sets o[i] = expProg(SUB(x[i] XOR flip, sub)) for i < n, n a
// multiple of 4 (exp_arm64.s): the exp program's 24 entries on 4 lanes,
// each float entry one rounded instruction (FMUL, FADD, FSUB alone, the
// program's FMA entries as FMLA, rounded once), so that every lane is
// exactly the program's bits.
//
//go:noescape
func expSubNEON(o, x *float32, n int, sub, flip uint32)

// expVec reports whether the vector exp runs: with the neon kernel (the
// default; GENSYN_REPOPS_KERNEL=go, or SetKernel, turn it off).
func expVec() bool {
	loadEnv()
	return conf.kernel.Load() == neonKernel
}

// expVecSupported reports whether this CPU runs the vector exp (with the
// neon kernel selected): every AArch64 CPU.
func expVecSupported() bool { return true }

// expSubVec computes the elements of whole groups of 4 with NEON and
// returns how many it did.
func expSubVec(o, x []float32, sub float32, neg bool) int {
	q := len(x) &^ 3
	if q == 0 || !expVec() {
		return 0
	}
	_ = o[q-1]
	expSubNEON(&o[0], &x[0], q, f32bits(sub), flipWord(neg))
	return q
}
