//go:build !purego

#include "textflag.h"

// func kern4x8SSE(k int, ap, bp, c *float32, ldc int, load int)
// c[r*ldc+s] = (load ? c : -0) + sum_t ap[t*4+r]*bp[t*8+s], each step a
// rounded MULPS followed by a rounded ADDPS (never fused). The rows of c
// are at DX, DX+R8, DX+2*R8, DX+R9 (R8 = 4*ldc bytes, R9 = 3*R8).
TEXT ·kern4x8SSE(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ ap+8(FP), SI
	MOVQ bp+16(FP), DI
	MOVQ c+24(FP), DX
	MOVQ ldc+32(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	MOVQ load+40(FP), AX
	TESTQ AX, AX
	JNZ  loadc
	MOVL $0x80000000, AX
	MOVQ AX, X0
	SHUFPS $0x00, X0, X0
	MOVAPS X0, X1
	MOVAPS X0, X2
	MOVAPS X0, X3
	MOVAPS X0, X4
	MOVAPS X0, X5
	MOVAPS X0, X6
	MOVAPS X0, X7
	JMP  loop

loadc:
	MOVUPS (DX), X0
	MOVUPS 16(DX), X1
	MOVUPS (DX)(R8*1), X2
	MOVUPS 16(DX)(R8*1), X3
	MOVUPS (DX)(R8*2), X4
	MOVUPS 16(DX)(R8*2), X5
	MOVUPS (DX)(R9*1), X6
	MOVUPS 16(DX)(R9*1), X7

loop:
	MOVUPS 0(DI), X8
	MOVUPS 16(DI), X9

	MOVSS  0(SI), X10
	SHUFPS $0x00, X10, X10
	MOVAPS X10, X11
	MULPS  X8, X11
	ADDPS  X11, X0
	MULPS  X9, X10
	ADDPS  X10, X1

	MOVSS  4(SI), X10
	SHUFPS $0x00, X10, X10
	MOVAPS X10, X11
	MULPS  X8, X11
	ADDPS  X11, X2
	MULPS  X9, X10
	ADDPS  X10, X3

	MOVSS  8(SI), X10
	SHUFPS $0x00, X10, X10
	MOVAPS X10, X11
	MULPS  X8, X11
	ADDPS  X11, X4
	MULPS  X9, X10
	ADDPS  X10, X5

	MOVSS  12(SI), X10
	SHUFPS $0x00, X10, X10
	MOVAPS X10, X11
	MULPS  X8, X11
	ADDPS  X11, X6
	MULPS  X9, X10
	ADDPS  X10, X7

	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop

	MOVUPS X0, (DX)
	MOVUPS X1, 16(DX)
	MOVUPS X2, (DX)(R8*1)
	MOVUPS X3, 16(DX)(R8*1)
	MOVUPS X4, (DX)(R8*2)
	MOVUPS X5, 16(DX)(R8*2)
	MOVUPS X6, (DX)(R9*1)
	MOVUPS X7, 16(DX)(R9*1)
	RET
