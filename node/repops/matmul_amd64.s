//go:build !purego

#include "textflag.h"

// func hasNaNAVX2(c *float32, ldc, rows, blocks8 int) bool
// Ors the unordered-compare masks of every 8-lane block of each row (a
// lane compares unordered with itself only when it is a NaN).
TEXT ·hasNaNAVX2(SB), NOSPLIT, $0-33
	MOVQ c+0(FP), SI
	MOVQ ldc+8(FP), R8
	SHLQ $2, R8
	MOVQ rows+16(FP), CX
	MOVQ blocks8+24(FP), R9
	VXORPS Y0, Y0, Y0
row:
	MOVQ SI, DI
	MOVQ R9, DX
block:
	VMOVUPS (DI), Y1
	VCMPPS $3, Y1, Y1, Y1
	VORPS Y1, Y0, Y0
	ADDQ $32, DI
	DECQ DX
	JNZ block
	ADDQ R8, SI
	DECQ CX
	JNZ row
	VMOVMSKPS Y0, AX
	TESTL AX, AX
	SETNE ret+32(FP)
	VZEROUPPER
	RET

// func packB16AVX2(dst, src *float32, kk, ldb, panels int)
// dst[g*16*kk + t*16 + s] = src[t*ldb + g*16 + s] for t < kk, g < panels,
// s < 16: B stored [k,n] packed into 16-column panels, each row of B read
// once from left to right.
TEXT ·packB16AVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ kk+16(FP), CX
	MOVQ ldb+24(FP), R8
	SHLQ $2, R8
	MOVQ panels+32(FP), R9
	MOVQ CX, R10
	SHLQ $6, R10 // bytes of one panel: 64*kk
rowb:
	MOVQ SI, AX
	MOVQ DI, BX
	MOVQ R9, DX
panelb:
	VMOVUPS (AX), Y0
	VMOVUPS 32(AX), Y1
	VMOVUPS Y0, (BX)
	VMOVUPS Y1, 32(BX)
	ADDQ $64, AX
	ADDQ R10, BX
	DECQ DX
	JNZ panelb
	ADDQ R8, SI
	ADDQ $64, DI
	DECQ CX
	JNZ rowb
	VZEROUPPER
	RET

// func packA6SSE(dst, src *float32, lda, quads int)
// dst[t*6 + r] = src[r*lda + t] for r < 6 and t < 4*quads: six rows of A
// stored [m,k] packed into one 6-row panel, four columns at a time (a 4x4
// transpose of rows 0-3 and an interleave of rows 4-5).
TEXT ·packA6SSE(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lda+16(FP), R8
	SHLQ $2, R8
	MOVQ quads+24(FP), CX
	LEAQ (SI)(R8*2), R9 // row 2
	LEAQ (R9)(R8*2), R10 // row 4
quad:
	MOVUPS (SI), X0        // r0: a0 a1 a2 a3
	MOVUPS (SI)(R8*1), X1  // r1
	MOVUPS (R9), X2        // r2
	MOVUPS (R9)(R8*1), X3  // r3
	MOVUPS (R10), X4       // r4
	MOVUPS (R10)(R8*1), X5 // r5
	MOVAPS X0, X6
	UNPCKLPS X1, X6 // r0t0 r1t0 r0t1 r1t1
	UNPCKHPS X1, X0 // r0t2 r1t2 r0t3 r1t3
	MOVAPS X2, X7
	UNPCKLPS X3, X7 // r2t0 r3t0 r2t1 r3t1
	UNPCKHPS X3, X2 // r2t2 r3t2 r2t3 r3t3
	MOVAPS X4, X8
	UNPCKLPS X5, X8 // r4t0 r5t0 r4t1 r5t1
	UNPCKHPS X5, X4 // r4t2 r5t2 r4t3 r5t3
	MOVAPS X6, X1
	MOVLHPS X7, X1 // t0: r0 r1 r2 r3
	MOVHLPS X6, X7 // t1: r0 r1 r2 r3
	MOVAPS X0, X3
	MOVLHPS X2, X3 // t2
	MOVHLPS X0, X2 // t3
	MOVUPS X1, 0(DI)
	MOVLPS X8, 16(DI)
	MOVUPS X7, 24(DI)
	MOVHPS X8, 40(DI)
	MOVUPS X3, 48(DI)
	MOVLPS X4, 64(DI)
	MOVUPS X2, 72(DI)
	MOVHPS X4, 88(DI)
	ADDQ $16, SI
	ADDQ $16, R9
	ADDQ $16, R10
	ADDQ $96, DI
	DECQ CX
	JNZ quad
	RET

// func packT4SSE(dst, src *float32, lds, ld, groups, quads int)
// dst[t*ld + r] = src[r*lds + t] for r < 4*groups and t < 4*quads: a
// transposing pack, four rows and four columns at a time (4x4 transposes).
TEXT ·packT4SSE(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ lds+16(FP), R8
	SHLQ $2, R8
	MOVQ ld+24(FP), R11
	SHLQ $2, R11 // bytes between dst rows (t)
	MOVQ groups+32(FP), R12
	MOVQ quads+40(FP), R13
	LEAQ (R11)(R11*2), R14 // 3 dst rows
group:
	MOVQ SI, AX
	LEAQ (SI)(R8*2), R9 // rows 2, 3
	MOVQ DI, BX
	MOVQ R13, CX
quad4:
	MOVUPS (AX), X0       // r0: t0 t1 t2 t3
	MOVUPS (AX)(R8*1), X1 // r1
	MOVUPS (R9), X2       // r2
	MOVUPS (R9)(R8*1), X3 // r3
	MOVAPS X0, X4
	UNPCKLPS X1, X4 // r0t0 r1t0 r0t1 r1t1
	UNPCKHPS X1, X0 // r0t2 r1t2 r0t3 r1t3
	MOVAPS X2, X5
	UNPCKLPS X3, X5 // r2t0 r3t0 r2t1 r3t1
	UNPCKHPS X3, X2 // r2t2 r3t2 r2t3 r3t3
	MOVAPS X4, X1
	MOVLHPS X5, X1 // t0
	MOVHLPS X4, X5 // t1
	MOVAPS X0, X3
	MOVLHPS X2, X3 // t2
	MOVHLPS X0, X2 // t3
	MOVUPS X1, (BX)
	MOVUPS X5, (BX)(R11*1)
	MOVUPS X3, (BX)(R11*2)
	MOVUPS X2, (BX)(R14*1)
	ADDQ $16, AX
	ADDQ $16, R9
	LEAQ (BX)(R11*4), BX
	DECQ CX
	JNZ quad4
	LEAQ (SI)(R8*4), SI
	ADDQ $16, DI
	DECQ R12
	JNZ group
	RET
