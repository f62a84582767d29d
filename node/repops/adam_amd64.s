//go:build !purego

#include "textflag.h"

// CANON canonicalizes the NaN lanes of R (X6 is scratch, X7 holds the
// canonical NaN in every lane): R = ordered ? R : 0x7FC00000.
#define CANON(R) \
	MOVAPS R, X6; \
	CMPPS  R, X6, $7; \
	ANDPS  X6, R; \
	ANDNPS X7, X6; \
	ORPS   X6, R

// func adamSSE(po, mo, vo, p, m, v, gr *float32, n int, k *[8]float32)
//
// Four elements per iteration (n is a multiple of 4), each computed by the
// primitives of adamFusedGo in the same order, one rounding per
// instruction (MULPS, ADDPS, SUBPS, DIVPS, SQRTPS are IEEE-754 RNE; Go
// leaves MXCSR at its default, no flush-to-zero). k holds beta1, 1-beta1,
// beta2, 1-beta2, 1-beta1^t, 1-beta2^t, lr, eps. All inputs of a group are
// loaded before its outputs are stored, so outputs may be their inputs.
TEXT ·adamSSE(SB), NOSPLIT, $0-72
	MOVQ po+0(FP), DI
	MOVQ mo+8(FP), R8
	MOVQ vo+16(FP), R9
	MOVQ p+24(FP), SI
	MOVQ m+32(FP), R10
	MOVQ v+40(FP), R11
	MOVQ gr+48(FP), R12
	MOVQ n+56(FP), CX
	MOVQ k+64(FP), AX

	MOVSS  0(AX), X8
	SHUFPS $0, X8, X8   // beta1
	MOVSS  4(AX), X9
	SHUFPS $0, X9, X9   // 1-beta1
	MOVSS  8(AX), X10
	SHUFPS $0, X10, X10 // beta2
	MOVSS  12(AX), X11
	SHUFPS $0, X11, X11 // 1-beta2
	MOVSS  16(AX), X12
	SHUFPS $0, X12, X12 // c1 = 1-beta1^t
	MOVSS  20(AX), X13
	SHUFPS $0, X13, X13 // c2 = 1-beta2^t
	MOVSS  24(AX), X14
	SHUFPS $0, X14, X14 // lr
	MOVSS  28(AX), X15
	SHUFPS $0, X15, X15 // eps
	MOVQ   $0x7FC00000, AX
	MOVQ   AX, X7
	SHUFPS $0, X7, X7   // canonical NaN

	XORQ BX, BX

loop:
	CMPQ BX, CX
	JGE  done
	MOVUPS (R12)(BX*4), X0 // g
	MOVUPS (R10)(BX*4), X1 // m
	MOVUPS (R11)(BX*4), X3 // v
	MOVUPS (SI)(BX*4), X5  // p

	MULPS  X8, X1          // MUL(beta1, m)
	MOVAPS X0, X2
	MULPS  X9, X2          // MUL(1-beta1, g)
	ADDPS  X2, X1          // m' = ADD(.., ..)

	MULPS  X10, X3         // MUL(beta2, v)
	MOVAPS X0, X4
	MULPS  X11, X4         // MUL(1-beta2, g)
	MULPS  X0, X4          // MUL(.., g)
	ADDPS  X4, X3          // v' = ADD(.., ..)

	MOVAPS X1, X2
	DIVPS  X12, X2         // mhat = DIV(m', c1)
	MULPS  X14, X2         // MUL(lr, mhat)
	MOVAPS X3, X4
	DIVPS  X13, X4         // vhat = DIV(v', c2)
	SQRTPS X4, X4          // SQRT(vhat)
	ADDPS  X15, X4         // ADD(.., eps)
	DIVPS  X4, X2          // DIV(lr*mhat, ..)
	SUBPS  X2, X5          // p' = SUB(p, ..)

	CANON(X1)
	CANON(X3)
	CANON(X5)
	MOVUPS X1, (R8)(BX*4)
	MOVUPS X3, (R9)(BX*4)
	MOVUPS X5, (DI)(BX*4)
	ADDQ   $4, BX
	JMP    loop

done:
	RET
