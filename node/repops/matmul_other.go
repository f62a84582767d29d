//go:build !amd64 || purego

package repops

// tileHasNaN reports whether the rows x cols block at c (row stride ldc)
// holds a NaN.
func tileHasNaN(c []float32, ldc, rows, cols int) bool { return tileHasNaNGo(c, ldc, rows, cols) }

func packTArch(dst, src []float32, lds, rows, cols, ld int) bool { return false }

func packBRowsArch(bp, b []float32, n, kk, panels, nr int) bool { return false }
