// The 12x32 AVX-512 micro-kernels' shared frame (kernel_avx512_amd64.s,
// the protocol's kern12x32AVX512, and kernel_fma512_amd64.s, the
// benchmark-only kern12x32FMA512): the same arguments, registers, C
// prefetch, loads and stores; only the depth loop differs. Registers:
// CX = k, SI = ap, DI = bp, R8 = 4*ldc bytes, R9 to R12 the rows of c
// (rows 0-2, 3-5, 6-8, 9-11; R8 apart within each), AX = load; Z0-Z23
// the accumulators (row r in Z(2r), Z(2r+1)).

// K12X32_ARGS loads the arguments and prefetches the first line of each
// row of the tile below (the next call's, in MatMul's sweep down a column
// of tiles); prefetches never fault.
#define K12X32_ARGS \
	MOVQ k+0(FP), CX; \
	MOVQ ap+8(FP), SI; \
	MOVQ bp+16(FP), DI; \
	MOVQ c+24(FP), R9; \
	MOVQ ldc+32(FP), R8; \
	SHLQ $2, R8; \
	LEAQ (R8)(R8*2), BX; \
	LEAQ (R9)(BX*1), R10; \
	LEAQ (R10)(BX*1), R11; \
	LEAQ (R11)(BX*1), R12; \
	MOVQ load+40(FP), AX; \
	LEAQ (R12)(BX*1), R13; \
	PREFETCHT0 (R13); \
	PREFETCHT0 (R13)(R8*1); \
	PREFETCHT0 (R13)(R8*2); \
	ADDQ BX, R13; \
	PREFETCHT0 (R13); \
	PREFETCHT0 (R13)(R8*1); \
	PREFETCHT0 (R13)(R8*2); \
	ADDQ BX, R13; \
	PREFETCHT0 (R13); \
	PREFETCHT0 (R13)(R8*1); \
	PREFETCHT0 (R13)(R8*2); \
	ADDQ BX, R13; \
	PREFETCHT0 (R13); \
	PREFETCHT0 (R13)(R8*1); \
	PREFETCHT0 (R13)(R8*2);

// negzero12x32 is -0 (0x80000000), the accumulators' start without C; a
// file-local symbol of each file that includes this one.
DATA negzero12x32<>+0(SB)/4, $0x80000000
GLOBL negzero12x32<>(SB), RODATA|NOPTR, $4

// K12X32_ZERO sets every accumulator to -0.
#define K12X32_ZERO \
	VBROADCASTSS negzero12x32<>(SB), Z0; \
	VMOVAPS Z0, Z1; \
	VMOVAPS Z0, Z2; \
	VMOVAPS Z0, Z3; \
	VMOVAPS Z0, Z4; \
	VMOVAPS Z0, Z5; \
	VMOVAPS Z0, Z6; \
	VMOVAPS Z0, Z7; \
	VMOVAPS Z0, Z8; \
	VMOVAPS Z0, Z9; \
	VMOVAPS Z0, Z10; \
	VMOVAPS Z0, Z11; \
	VMOVAPS Z0, Z12; \
	VMOVAPS Z0, Z13; \
	VMOVAPS Z0, Z14; \
	VMOVAPS Z0, Z15; \
	VMOVAPS Z0, Z16; \
	VMOVAPS Z0, Z17; \
	VMOVAPS Z0, Z18; \
	VMOVAPS Z0, Z19; \
	VMOVAPS Z0, Z20; \
	VMOVAPS Z0, Z21; \
	VMOVAPS Z0, Z22; \
	VMOVAPS Z0, Z23;

// K12X32_LOADC loads the accumulators from c.
#define K12X32_LOADC \
	VMOVUPS (R9), Z0; \
	VMOVUPS 64(R9), Z1; \
	VMOVUPS (R9)(R8*1), Z2; \
	VMOVUPS 64(R9)(R8*1), Z3; \
	VMOVUPS (R9)(R8*2), Z4; \
	VMOVUPS 64(R9)(R8*2), Z5; \
	VMOVUPS (R10), Z6; \
	VMOVUPS 64(R10), Z7; \
	VMOVUPS (R10)(R8*1), Z8; \
	VMOVUPS 64(R10)(R8*1), Z9; \
	VMOVUPS (R10)(R8*2), Z10; \
	VMOVUPS 64(R10)(R8*2), Z11; \
	VMOVUPS (R11), Z12; \
	VMOVUPS 64(R11), Z13; \
	VMOVUPS (R11)(R8*1), Z14; \
	VMOVUPS 64(R11)(R8*1), Z15; \
	VMOVUPS (R11)(R8*2), Z16; \
	VMOVUPS 64(R11)(R8*2), Z17; \
	VMOVUPS (R12), Z18; \
	VMOVUPS 64(R12), Z19; \
	VMOVUPS (R12)(R8*1), Z20; \
	VMOVUPS 64(R12)(R8*1), Z21; \
	VMOVUPS (R12)(R8*2), Z22; \
	VMOVUPS 64(R12)(R8*2), Z23;

// K12X32_STOREC stores the accumulators to c.
#define K12X32_STOREC \
	VMOVUPS Z0, (R9); \
	VMOVUPS Z1, 64(R9); \
	VMOVUPS Z2, (R9)(R8*1); \
	VMOVUPS Z3, 64(R9)(R8*1); \
	VMOVUPS Z4, (R9)(R8*2); \
	VMOVUPS Z5, 64(R9)(R8*2); \
	VMOVUPS Z6, (R10); \
	VMOVUPS Z7, 64(R10); \
	VMOVUPS Z8, (R10)(R8*1); \
	VMOVUPS Z9, 64(R10)(R8*1); \
	VMOVUPS Z10, (R10)(R8*2); \
	VMOVUPS Z11, 64(R10)(R8*2); \
	VMOVUPS Z12, (R11); \
	VMOVUPS Z13, 64(R11); \
	VMOVUPS Z14, (R11)(R8*1); \
	VMOVUPS Z15, 64(R11)(R8*1); \
	VMOVUPS Z16, (R11)(R8*2); \
	VMOVUPS Z17, 64(R11)(R8*2); \
	VMOVUPS Z18, (R12); \
	VMOVUPS Z19, 64(R12); \
	VMOVUPS Z20, (R12)(R8*1); \
	VMOVUPS Z21, 64(R12)(R8*1); \
	VMOVUPS Z22, (R12)(R8*2); \
	VMOVUPS Z23, 64(R12)(R8*2);
