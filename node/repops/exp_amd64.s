//go:build !purego

#include "textflag.h"

// The constants of expProg, each repeated in 8 lanes (see transcend.go).
#define K8(name, w) \
	DATA name<>+0(SB)/4, w; DATA name<>+4(SB)/4, w; DATA name<>+8(SB)/4, w; DATA name<>+12(SB)/4, w; \
	DATA name<>+16(SB)/4, w; DATA name<>+20(SB)/4, w; DATA name<>+24(SB)/4, w; DATA name<>+28(SB)/4, w; \
	GLOBL name<>(SB), RODATA|NOPTR, $32

K8(expv_lo, $0xC2D00000)
K8(expv_hi, $0x42B20000)
K8(expv_log2e, $0x3FB8AA3B)
K8(expv_round, $0x4B400000)
K8(expv_nln2hi, $0xBF317218)
K8(expv_nln2lo, $0x3102E308)
K8(expv_c0, $0x39500D01)
K8(expv_c1, $0x3AB60B61)
K8(expv_c2, $0x3C088889)
K8(expv_c3, $0x3D2AAAAB)
K8(expv_c4, $0x3E2AAAAB)
K8(expv_c5, $0x3F000000)
K8(expv_one, $0x3F800000)
K8(expv_i256, $256)
K8(expv_i255, $255)
K8(expv_i1, $1)
K8(expv_nan, $0x7FC00000)

// EXP8(X, T1, T2, T3, T4) replaces the 8 lanes of X with expProg of them,
// entry by entry: MAX, MIN, MUL, ADD, SUB, FMA x 9 (VFMADD, one rounding:
// the program's FMA), F2I, IADD, SHR, ISUB, SHL, IADD, ISUB, SHL, MUL, MUL;
// a NaN lane gives the canonical NaN (the clamps would keep it; the
// program's MAX canonicalizes it and every later float entry keeps it).
// T1..T4 are clobbered.
#define EXP8(X, T1, T2, T3, T4) \
	VCMPPS $3, X, X, T4; \
	VMAXPS expv_lo<>(SB), X, X; \
	VMINPS expv_hi<>(SB), X, X; \
	VMULPS expv_log2e<>(SB), X, T1; \
	VADDPS expv_round<>(SB), T1, T1; \
	VSUBPS expv_round<>(SB), T1, T1; \
	VFMADD231PS expv_nln2hi<>(SB), T1, X; \
	VFMADD231PS expv_nln2lo<>(SB), T1, X; \
	VMOVUPS expv_c0<>(SB), T2; \
	VFMADD213PS expv_c1<>(SB), X, T2; \
	VFMADD213PS expv_c2<>(SB), X, T2; \
	VFMADD213PS expv_c3<>(SB), X, T2; \
	VFMADD213PS expv_c4<>(SB), X, T2; \
	VFMADD213PS expv_c5<>(SB), X, T2; \
	VFMADD213PS expv_one<>(SB), X, T2; \
	VFMADD213PS expv_one<>(SB), X, T2; \
	VCVTTPS2DQ T1, T1; \
	VPADDD expv_i256<>(SB), T1, T3; \
	VPSRLD $1, T3, T3; \
	VPADDD expv_i255<>(SB), T1, T1; \
	VPSUBD T3, T1, T1; \
	VPSLLD $23, T1, T1; \
	VPSUBD expv_i1<>(SB), T3, T3; \
	VPSLLD $23, T3, T3; \
	VMULPS T3, T2, T2; \
	VMULPS T1, T2, T2; \
	VBLENDVPS T4, expv_nan<>(SB), T2, X

// func expSubAVX2(o, x *float32, n int, sub, flip uint32)
// o[i] = expProg(SUB(x[i] XOR flip, sub)) for i < n, n a multiple of 8.
// flip is 0 or the sign bit (NEG; NEG's NaN canonicalization does not
// matter: exp gives the canonical NaN for any NaN). Two groups of 8 per
// iteration where possible, so that their dependency chains overlap.
TEXT ·expSubAVX2(SB), NOSPLIT, $0-32
	MOVQ o+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS sub+24(FP), Y14
	VBROADCASTSS flip+28(FP), Y15
	CMPQ CX, $16
	JLT  one
two:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y5
	VXORPS  Y15, Y0, Y0
	VXORPS  Y15, Y5, Y5
	VSUBPS  Y14, Y0, Y0
	VSUBPS  Y14, Y5, Y5
	EXP8(Y0, Y1, Y2, Y3, Y4)
	EXP8(Y5, Y6, Y7, Y8, Y9)
	VMOVUPS Y0, (DI)
	VMOVUPS Y5, 32(DI)
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $16, CX
	CMPQ CX, $16
	JGE  two
one:
	CMPQ CX, $8
	JLT  done
	VMOVUPS (SI), Y0
	VXORPS  Y15, Y0, Y0
	VSUBPS  Y14, Y0, Y0
	EXP8(Y0, Y1, Y2, Y3, Y4)
	VMOVUPS Y0, (DI)
done:
	VZEROUPPER
	RET
