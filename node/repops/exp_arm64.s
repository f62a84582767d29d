//go:build !purego

#include "textflag.h"

// func expSubNEON(o, x *float32, n int, sub, flip uint32)
// o[i] = expProg(SUB(x[i] XOR flip, sub)) for i < n, n a multiple of 4:
// the exp program's 24 entries (transcend.go) on 4 lanes, one instruction
// per entry: FMAX, FMIN, FMUL, FADD, FSUB each rounded alone, the program's
// FMA entries as FMLA (fused, one rounding), F2I as FCVTZS (n is an
// integer), the integer entries as ADD, USHR, SUB, SHL; a NaN lane gives
// the canonical NaN (FCMEQ, BIF). Go runs with FPCR's default (round to
// nearest, no flush-to-zero), so subnormals are exact IEEE. The FP
// instructions are WORDs (the Go assembler has none of them), each
// commented with its instruction. Constants: V16..V31 and V13, V14 = sub,
// V15 = flip.
TEXT ·expSubNEON(SB), NOSPLIT, $0-32
	MOVD o+0(FP), R0
	MOVD x+8(FP), R1
	MOVD n+16(FP), R2
	MOVWU sub+24(FP), R6
	VDUP R6, V14.S4
	MOVWU flip+28(FP), R6
	VDUP R6, V15.S4
	MOVW $0xC2D00000, R6 // -104
	VDUP R6, V16.S4
	MOVW $0x42B20000, R6 // 89
	VDUP R6, V17.S4
	MOVW $0x3FB8AA3B, R6 // log2e
	VDUP R6, V18.S4
	MOVW $0x4B400000, R6 // 1.5*2^23
	VDUP R6, V19.S4
	MOVW $0xBF317218, R6 // -ln2hi
	VDUP R6, V20.S4
	MOVW $0x3102E308, R6 // ln2lo'
	VDUP R6, V21.S4
	MOVW $0x39500D01, R6 // 1/5040
	VDUP R6, V22.S4
	MOVW $0x3AB60B61, R6 // 1/720
	VDUP R6, V23.S4
	MOVW $0x3C088889, R6 // 1/120
	VDUP R6, V24.S4
	MOVW $0x3D2AAAAB, R6 // 1/24
	VDUP R6, V25.S4
	MOVW $0x3E2AAAAB, R6 // 1/6
	VDUP R6, V26.S4
	MOVW $0x3F000000, R6 // 1/2
	VDUP R6, V27.S4
	MOVW $0x3F800000, R6 // 1
	VDUP R6, V28.S4
	MOVW $256, R6 // int 256
	VDUP R6, V29.S4
	MOVW $255, R6 // int 255
	VDUP R6, V30.S4
	MOVW $0x7FC00000, R6 // canonical NaN
	VDUP R6, V31.S4
	MOVW $1, R6 // int 1
	VDUP R6, V13.S4
	CBZ R2, done

loop:
	VLD1.P 16(R1), [V0.S4]
	WORD $0x6e2f1c00 // EOR V0.16B, V0.16B, V15.16B
	WORD $0x4eaed400 // FSUB V0.4S, V0.4S, V14.4S
	WORD $0x4e20e405 // FCMEQ V5.4S, V0.4S, V0.4S
	WORD $0x4e30f400 // FMAX V0.4S, V0.4S, V16.4S
	WORD $0x4eb1f400 // FMIN V0.4S, V0.4S, V17.4S
	WORD $0x6e32dc01 // FMUL V1.4S, V0.4S, V18.4S
	WORD $0x4e33d421 // FADD V1.4S, V1.4S, V19.4S
	WORD $0x4eb3d421 // FSUB V1.4S, V1.4S, V19.4S
	WORD $0x4e34cc20 // FMLA V0.4S, V1.4S, V20.4S
	WORD $0x4e35cc20 // FMLA V0.4S, V1.4S, V21.4S
	WORD $0x4eb71ee3 // MOV V3.16B, V23.16B
	WORD $0x4e20cec3 // FMLA V3.4S, V22.4S, V0.4S
	WORD $0x4eb81f02 // MOV V2.16B, V24.16B
	WORD $0x4e20cc62 // FMLA V2.4S, V3.4S, V0.4S
	WORD $0x4eb91f23 // MOV V3.16B, V25.16B
	WORD $0x4e20cc43 // FMLA V3.4S, V2.4S, V0.4S
	WORD $0x4eba1f42 // MOV V2.16B, V26.16B
	WORD $0x4e20cc62 // FMLA V2.4S, V3.4S, V0.4S
	WORD $0x4ebb1f63 // MOV V3.16B, V27.16B
	WORD $0x4e20cc43 // FMLA V3.4S, V2.4S, V0.4S
	WORD $0x4ebc1f82 // MOV V2.16B, V28.16B
	WORD $0x4e20cc62 // FMLA V2.4S, V3.4S, V0.4S
	WORD $0x4ebc1f83 // MOV V3.16B, V28.16B
	WORD $0x4e20cc43 // FMLA V3.4S, V2.4S, V0.4S
	WORD $0x4ea1b821 // FCVTZS V1.4S, V1.4S
	WORD $0x4ebd8424 // ADD V4.4S, V1.4S, V29.4S
	WORD $0x6f3f0484 // USHR V4.4S, V4.4S, #1
	WORD $0x4ebe8426 // ADD V6.4S, V1.4S, V30.4S
	WORD $0x6ea484c6 // SUB V6.4S, V6.4S, V4.4S
	WORD $0x4f3754c6 // SHL V6.4S, V6.4S, #23
	WORD $0x6ead8484 // SUB V4.4S, V4.4S, V13.4S
	WORD $0x4f375484 // SHL V4.4S, V4.4S, #23
	WORD $0x6e24dc63 // FMUL V3.4S, V3.4S, V4.4S
	WORD $0x6e26dc63 // FMUL V3.4S, V3.4S, V6.4S
	WORD $0x6ee51fe3 // BIF V3.16B, V31.16B, V5.16B
	VST1.P [V3.S4], 16(R0)
	SUBS $4, R2, R2
	BNE loop

done:
	RET
