package repops

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPackers checks the packing of A and B panels (the assembly paths
// where this build has them) against the definitions, for full and edge
// panels, depths that are not a multiple of the vector width, and every
// form, with the operand's leading dimension wider than the block.
func TestPackers(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, mr := range []int{4, 6, 8} {
		for _, nr := range []int{4, 8, 16} {
			for _, sh := range [][3]int{{13, 9, 37}, {6, 4, 16}, {25, 70, 50}, {7, 1, 3}, {12, 33, 64}} {
				m, k, n := sh[0], sh[1], sh[2]
				a, b := make([]float32, m*k), make([]float32, k*n)
				for i := range a {
					a[i] = r.Float32()
				}
				for i := range b {
					b[i] = r.Float32()
				}
				for _, form := range []MatForm{FormNN, FormTN, FormNT} {
					at := func(i, p int) float32 {
						if form == FormTN {
							return a[p*m+i]
						}
						return a[i*k+p]
					}
					bt := func(p, j int) float32 {
						if form == FormNT {
							return b[j*k+p]
						}
						return b[p*n+j]
					}
					for _, p := range [][2]int{{0, k}, {k / 3, k - k/3}} {
						p0, kk := p[0], p[1]
						for i0 := 0; i0 < m; i0 += mr {
							ni := min(mr, m-i0)
							ap := make([]float32, mr*kk)
							for i := range ap {
								ap[i] = float32(math.NaN())
							}
							packA(form, ap, a, m, k, i0, ni, p0, kk, mr)
							for tt := 0; tt < kk; tt++ {
								for rr := 0; rr < mr; rr++ {
									want := float32(0)
									if rr < ni {
										want = at(i0+rr, p0+tt)
									}
									if got := ap[tt*mr+rr]; math.Float32bits(got) != math.Float32bits(want) {
										t.Fatalf("packA form %d mr %d %dx%d: (%d,%d) = %v, want %v", form, mr, m, k, rr, tt, got, want)
									}
								}
							}
						}
						np := (n + nr - 1) / nr
						for jp0 := 0; jp0 < np; jp0 += 3 {
							jp1 := min(jp0+3, np)
							bp := make([]float32, (jp1-jp0)*nr*kk)
							for i := range bp {
								bp[i] = float32(math.NaN())
							}
							packBGroup(form, bp, b, k, n, jp0, jp1, p0, kk, nr)
							for jp := jp0; jp < jp1; jp++ {
								for tt := 0; tt < kk; tt++ {
									for ss := 0; ss < nr; ss++ {
										want := float32(0)
										if j := jp*nr + ss; j < n {
											want = bt(p0+tt, j)
										}
										if got := bp[(jp-jp0)*nr*kk+tt*nr+ss]; math.Float32bits(got) != math.Float32bits(want) {
											t.Fatalf("packB form %d nr %d %dx%d: panel %d (%d,%d) = %v, want %v", form, nr, k, n, jp, tt, ss, got, want)
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

// TestTileHasNaN puts each kind of NaN (quiet, signalling, either sign,
// any payload) at every position of tiles of several shapes, next to
// infinities and the largest finite values, and checks tileHasNaN (AVX2
// where the CPU has it) and the portable check against a plain scan.
func TestTileHasNaN(t *testing.T) {
	const ldc = 37
	specials := []uint32{0x7f800000, 0xff800000, 0x7f7fffff, 0xff7fffff, 0x80000000, 0x00000001}
	nans := []uint32{0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001, 0x7fffffff, 0xffffffff, 0x7fa00000}
	for _, shape := range [][2]int{{1, 1}, {6, 16}, {4, 8}, {8, 8}, {3, 24}, {5, 13}, {2, 32}} {
		rows, cols := shape[0], shape[1]
		c := make([]float32, (rows-1)*ldc+cols)
		for i := range c {
			c[i] = math.Float32frombits(specials[i%len(specials)])
		}
		if tileHasNaN(c, ldc, rows, cols) || tileHasNaNGo(c, ldc, rows, cols) {
			t.Fatalf("%dx%d: a NaN reported in a tile without one", rows, cols)
		}
		for r := 0; r < rows; r++ {
			for s := 0; s < cols; s++ {
				for _, bits := range nans {
					old := c[r*ldc+s]
					c[r*ldc+s] = math.Float32frombits(bits)
					if !tileHasNaN(c, ldc, rows, cols) || !tileHasNaNGo(c, ldc, rows, cols) {
						t.Fatalf("%dx%d: NaN %#08x at (%d,%d) not found", rows, cols, bits, r, s)
					}
					c[r*ldc+s] = old
				}
			}
		}
		// A NaN outside the block (between rows) is not the block's.
		if rows > 1 && cols < ldc {
			c[cols] = math.Float32frombits(nans[0])
			if tileHasNaN(c, ldc, rows, cols) || tileHasNaNGo(c, ldc, rows, cols) {
				t.Fatalf("%dx%d: a NaN outside the block reported", rows, cols)
			}
			c[cols] = 0
		}
	}
}
