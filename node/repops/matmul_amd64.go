//go:build !purego

package repops

// tileHasNaN reports whether the rows x cols block at c (row stride ldc)
// holds a NaN. With AVX2 it tests 8 lanes at a time (cols a multiple of 8),
// which keeps the check after a product's last pass cheap next to the
// micro-kernel.
func tileHasNaN(c []float32, ldc, rows, cols int) bool {
	if cols%8 == 0 && useAVX2 {
		_ = c[(rows-1)*ldc+cols-1]
		return hasNaNAVX2(&c[0], ldc, rows, cols/8)
	}
	return tileHasNaNGo(c, ldc, rows, cols)
}

// useAVX2 enables the AVX2 helpers of the driver.
var useAVX2 = hasAVX2()

// hasNaNAVX2 is tileHasNaN on rows of blocks8 x 8 lanes (matmul_amd64.s).
//
//go:noescape
func hasNaNAVX2(c *float32, ldc, rows, blocks8 int) bool

// packTArch is packT with SSE 4x4 transposes (and, for 6-row A panels, a
// 4x4 transpose plus an interleave of the last two rows), the rows and
// columns left over by packTGo.
func packTArch(dst, src []float32, lds, rows, cols, ld int) bool {
	q := cols / 4
	if q == 0 || rows < 4 {
		return false
	}
	_ = dst[(4*q-1)*ld+rows-1]
	if rows == 6 && ld == 6 {
		_ = src[5*lds+4*q-1]
		packA6SSE(&dst[0], &src[0], lds, q)
	} else {
		g := rows / 4
		_ = src[(4*g-1)*lds+4*q-1]
		packT4SSE(&dst[0], &src[0], lds, ld, g, q)
		if r := 4 * g; r < rows {
			packTGo(dst[r:], src[r*lds:], lds, rows-r, 4*q, ld)
		}
	}
	if t := 4 * q; t < cols {
		packTGo(dst[t*ld:], src[t:], lds, rows, cols-t, ld)
	}
	return true
}

// packBRowsArch packs full 16-column panels of B stored [k,n] with AVX2:
// bp[g*16*kk + t*16 + s] = b[t*n + g*16 + s] for g < panels (b starts at
// the block's first element); it reports false when it cannot.
func packBRowsArch(bp, b []float32, n, kk, panels, nr int) bool {
	if nr != 16 || !useAVX2 || panels == 0 {
		return false
	}
	_ = b[(kk-1)*n+16*panels-1]
	_ = bp[16*kk*panels-1]
	packB16AVX2(&bp[0], &b[0], kk, n, panels)
	return true
}

//go:noescape
func packA6SSE(dst, src *float32, lda, quads int)

//go:noescape
func packT4SSE(dst, src *float32, lds, ld, groups, quads int)

//go:noescape
func packB16AVX2(dst, src *float32, kk, ldb, panels int)
