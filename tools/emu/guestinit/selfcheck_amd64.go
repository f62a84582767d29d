package main

var (
	scA = [16]int32{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	scB = [16]int32{3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33}
	scF = [16]float32{0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5}
	scG = [16]float32{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}
)

// avx512Lanes adds a and b (VPADDD zmm) and multiplies f and gv (VMULPS
// zmm, then VCVTTPS2DQ zmm): AVX-512F instructions only.
//
//go:noescape
func avx512Lanes(a, b *[16]int32, f, gv *[16]float32, sum, prod *[16]int32)

func selfCheck() uint64 {
	var sum, prod [16]int32
	avx512Lanes(&scA, &scB, &scF, &scG, &sum, &prod)
	var s uint64
	for i := 0; i < 16; i++ {
		s = s*31 + uint64(uint32(sum[i]))
		s = s*31 + uint64(uint32(prod[i]))
	}
	return s
}
