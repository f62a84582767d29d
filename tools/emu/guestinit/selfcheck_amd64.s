#include "textflag.h"

// func avx512Lanes(a, b *[16]int32, f, gv *[16]float32, sum, prod *[16]int32)
TEXT ·avx512Lanes(SB), NOSPLIT, $0-48
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	MOVQ f+16(FP), CX
	MOVQ gv+24(FP), DX
	MOVQ sum+32(FP), SI
	MOVQ prod+40(FP), DI
	VMOVDQU32 (AX), Z0
	VPADDD (BX), Z0, Z1
	VMOVDQU32 Z1, (SI)
	VMOVUPS (CX), Z2
	VMULPS (DX), Z2, Z3
	VCVTTPS2DQ Z3, Z4
	VMOVDQU32 Z4, (DI)
	VZEROUPPER
	RET
