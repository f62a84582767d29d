//go:build !purego

#include "textflag.h"

DATA negzero<>+0(SB)/4, $0x80000000
GLOBL negzero<>(SB), RODATA|NOPTR, $4

// STEP is one depth step t of the tile: B's 16 columns at b(DI) and
// b+32(DI), A's 6 rows broadcast from a(SI)..a+20(SI); each product is
// rounded (VMULPS) and then added (VADDPS) to its accumulator.
#define STEP(b, a) \
	VMOVUPS b(DI), Y12 \
	VMOVUPS b+32(DI), Y13 \
	VBROADCASTSS a(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y0, Y0 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y1, Y1 \
	VBROADCASTSS a+4(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y2, Y2 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y3, Y3 \
	VBROADCASTSS a+8(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y4, Y4 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y5, Y5 \
	VBROADCASTSS a+12(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y6, Y6 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y7, Y7 \
	VBROADCASTSS a+16(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y8, Y8 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y9, Y9 \
	VBROADCASTSS a+20(SI), Y14 \
	VMULPS Y12, Y14, Y15 \
	VADDPS Y15, Y10, Y10 \
	VMULPS Y13, Y14, Y15 \
	VADDPS Y15, Y11, Y11

// func kern6x16AVX2(k int, ap, bp, c *float32, ldc int, load int)
// c[r*ldc+s] = (load ? c : -0) + sum_t ap[t*6+r]*bp[t*16+s], each step a
// rounded VMULPS followed by a rounded VADDPS (never fused). The rows of c
// are at DX, DX+R8, DX+2*R8 and R11, R11+R8, R11+2*R8 (R8 = 4*ldc bytes,
// R11 = DX+3*R8).
TEXT ·kern6x16AVX2(SB), NOSPLIT, $0-48
	MOVQ k+0(FP), CX
	MOVQ ap+8(FP), SI
	MOVQ bp+16(FP), DI
	MOVQ c+24(FP), DX
	MOVQ ldc+32(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R11
	ADDQ DX, R11
	MOVQ load+40(FP), AX
	// Prefetch the rows of the tile below (the next call's, in MatMul's
	// sweep down a column of tiles); prefetches never fault.
	LEAQ (R11)(R8*2), R12
	ADDQ R8, R12
	LEAQ (R12)(R8*2), R13
	ADDQ R8, R13
	PREFETCHT0 (R12)
	PREFETCHT0 60(R12)
	PREFETCHT0 (R12)(R8*1)
	PREFETCHT0 60(R12)(R8*1)
	PREFETCHT0 (R12)(R8*2)
	PREFETCHT0 60(R12)(R8*2)
	PREFETCHT0 (R13)
	PREFETCHT0 60(R13)
	PREFETCHT0 (R13)(R8*1)
	PREFETCHT0 60(R13)(R8*1)
	PREFETCHT0 (R13)(R8*2)
	PREFETCHT0 60(R13)(R8*2)
	TESTQ AX, AX
	JNZ loadc
	VBROADCASTSS negzero<>(SB), Y0
	VMOVAPS Y0, Y1
	VMOVAPS Y0, Y2
	VMOVAPS Y0, Y3
	VMOVAPS Y0, Y4
	VMOVAPS Y0, Y5
	VMOVAPS Y0, Y6
	VMOVAPS Y0, Y7
	VMOVAPS Y0, Y8
	VMOVAPS Y0, Y9
	VMOVAPS Y0, Y10
	VMOVAPS Y0, Y11
	JMP loop

loadc:
	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1
	VMOVUPS (DX)(R8*1), Y2
	VMOVUPS 32(DX)(R8*1), Y3
	VMOVUPS (DX)(R8*2), Y4
	VMOVUPS 32(DX)(R8*2), Y5
	VMOVUPS (R11), Y6
	VMOVUPS 32(R11), Y7
	VMOVUPS (R11)(R8*1), Y8
	VMOVUPS 32(R11)(R8*1), Y9
	VMOVUPS (R11)(R8*2), Y10
	VMOVUPS 32(R11)(R8*2), Y11

loop:
	// Four depth steps per iteration (fewer loop instructions for the
	// front end), the loop aligned to 64 bytes: on Zen 3 its placement
	// alone moved the 1024^3 product by 10% to 17% (docs/repops.md,
	// section 10).
	CMPQ CX, $4
	JLT tail
	PCALIGN $64

loop4:
	STEP(0, 0)
	STEP(64, 24)
	STEP(128, 48)
	STEP(192, 72)
	ADDQ $96, SI
	ADDQ $256, DI
	SUBQ $4, CX
	CMPQ CX, $4
	JGE loop4

tail:
	TESTQ CX, CX
	JZ store

loop1:
	STEP(0, 0)
	ADDQ $24, SI
	ADDQ $64, DI
	DECQ CX
	JNZ loop1

store:
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, (DX)(R8*1)
	VMOVUPS Y3, 32(DX)(R8*1)
	VMOVUPS Y4, (DX)(R8*2)
	VMOVUPS Y5, 32(DX)(R8*2)
	VMOVUPS Y6, (R11)
	VMOVUPS Y7, 32(R11)
	VMOVUPS Y8, (R11)(R8*1)
	VMOVUPS Y9, 32(R11)(R8*1)
	VMOVUPS Y10, (R11)(R8*2)
	VMOVUPS Y11, 32(R11)(R8*2)
	VZEROUPPER
	RET
