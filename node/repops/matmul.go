package repops

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"unsafe"
)

// MatForm selects the operand layout of a matrix product.
type MatForm uint8

// Matrix product forms; m, k, n are the dimensions of C = op(A) * op(B).
const (
	FormNN MatForm = iota // A [m,k], B [k,n]
	FormTN                // A [k,m] (used transposed), B [k,n]
	FormNT                // A [m,k], B [n,k] (used transposed)
)

// kc is the depth of one pass over k; the accumulators of a pass are stored
// in C as float32 and reloaded by the next, which keeps each element's
// sequential order (storing a float32 is exact). Products with k <= kc (all
// of the trainer's) never reload C.
const kc = 512

// mcRows is the number of rows of A whose packed panels are swept against
// a B panel before moving on (cache blocking: 144 KiB of packed A at kc
// for 6-row panels, kept in L2 next to a chunk of B).
const mcRows = 72

// bChunkBytes bounds the packed B panels of one column chunk, which every
// row block of a pass reuses from L2 (half of a 512 KiB L2).
const bChunkBytes = 256 << 10

// parallelMin is the size m*n*k from which a product is split across
// threads; smaller ones run on the calling goroutine.
var parallelMin atomic.Int64

func init() { parallelMin.Store(1 << 18) }

// MatMul computes c[m,n] = op(A)*op(B) for k >= 1. Each element is the
// sequential sum over t = 0..k-1 of the rounded products a_it*b_tj, starting
// from -0: acc = -0 + a_i0*b_0j (= a_i0*b_0j), acc = acc + a_it*b_tj (MUL
// then ADD, never fused); a NaN result is canonicalized. c must not overlap
// a or b.
//
// The kernels pack mr-row panels of A and nr-column panels of B and keep an
// mr x nr block of accumulators in registers; the kernel is chosen at run
// time (SetKernel, GENSYN_REPOPS_KERNEL: AVX2 or SSE on amd64, NEON on
// arm64, pure Go elsewhere) and large products are split across threads
// (SetThreads, GENSYN_REPOPS_THREADS). Blocking, kernels and threads never
// change the per-element order, only which elements are computed together
// and where, so the result is the same bits in every configuration.
func MatMul(form MatForm, c, a, b []float32, m, k, n int) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	kern, threads := current()
	matMul(kern, threads, form, c, a, b, m, k, n)
}

// matMul is MatMul with an explicit kernel and thread count.
func matMul(kern *microKernel, threads int, form MatForm, c, a, b []float32, m, k, n int) {
	if m <= 0 || n <= 0 || k <= 0 {
		return
	}
	if len(c) < m*n || len(a) < m*k || len(b) < k*n {
		panic(fmt.Sprintf("repops: MatMul %dx%dx%d: operands of %d, %d, %d elements", m, k, n, len(a), len(b), len(c)))
	}
	c = c[:m*n]
	if overlaps(c, a[:m*k]) || overlaps(c, b[:k*n]) {
		panic("repops: MatMul: the output overlaps an operand")
	}
	x := getMatCtx()
	t := x.setup(kern, threads, form, c, a, b, m, k, n)
	for p0 := 0; p0 < k; p0 += kc {
		x.p0, x.kk = p0, min(kc, k-p0)
		x.runPhase(phasePack, t)
		x.runPhase(phaseCompute, t)
	}
	putMatCtx(x)
}

// overlaps reports whether two non-empty slices share memory.
func overlaps(x, y []float32) bool {
	px, py := uintptr(unsafe.Pointer(unsafe.SliceData(x))), uintptr(unsafe.Pointer(unsafe.SliceData(y)))
	return px < py+uintptr(len(y))*4 && py < px+uintptr(len(x))*4
}

// packGroup is the number of B panels one packing item covers: for B
// stored [k,n], 2 KiB of each row of B for 16-column panels, read in one
// sweep.
const packGroup = 32

const (
	phasePack    = iota // pack the A and B panels of one k pass
	phaseCompute        // run the micro-kernel over every tile for that pass
)

// matCtx is the state and scratch of one MatMul call. Contexts are pooled,
// so a product allocates nothing once its sizes have been seen.
type matCtx struct {
	kern    *microKernel
	mr, nr  int
	form    MatForm
	c, a, b []float32
	m, k, n int
	mp, np  int // A and B panels
	p0, kk  int // the current k pass

	ap, bp []float32 // packed panels of the pass: A panel ip at ip*mr*kk, B panel jp at jp*nr*kk
	tiles  []float32 // one mr x nr edge tile per thread

	// Tiles are computed in items of mb A panels x nbJ B panels.
	mb, nbJ, rowBlocks, colChunks int

	phase int
	items int          // work items of the phase
	next  atomic.Int64 // next unclaimed item
	slot  atomic.Int32 // next thread slot (edge tile) of the phase
	wg    sync.WaitGroup
}

var matCtxFree struct {
	sync.Mutex
	list []*matCtx
}

func getMatCtx() *matCtx {
	matCtxFree.Lock()
	defer matCtxFree.Unlock()
	if n := len(matCtxFree.list); n > 0 {
		x := matCtxFree.list[n-1]
		matCtxFree.list = matCtxFree.list[:n-1]
		return x
	}
	return new(matCtx)
}

func putMatCtx(x *matCtx) {
	x.c, x.a, x.b = nil, nil, nil
	matCtxFree.Lock()
	matCtxFree.list = append(matCtxFree.list, x)
	matCtxFree.Unlock()
}

// grow returns buf resliced to n elements, reallocated if too small.
func grow(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}

// setup prepares x for one product and returns the number of threads to
// use.
//
// Tiles are computed in items of mb A panels (a row block, at most mcRows
// rows, whose packed panels stay in L2) x nbJ B panels (a column chunk, at
// most bChunkBytes of packed B, also kept in L2). Items are taken column
// chunk by column chunk, so a chunk of B is read from memory once per pass
// and then reused by every row block, while each row block's A panels are
// reused across the chunk's B panels.
func (x *matCtx) setup(kern *microKernel, threads int, form MatForm, c, a, b []float32, m, k, n int) int {
	mr, nr := kern.mr, kern.nr
	*x = matCtx{kern: kern, mr: mr, nr: nr, form: form, c: c, a: a, b: b, m: m, k: k, n: n,
		ap: x.ap, bp: x.bp, tiles: x.tiles}
	x.mp, x.np = (m+mr-1)/mr, (n+nr-1)/nr
	kk := min(kc, k)
	x.ap = grow(x.ap, x.mp*mr*kk)
	x.bp = grow(x.bp, x.np*nr*kk)
	x.rowBlocks = (x.mp + max(1, mcRows/mr) - 1) / max(1, mcRows/mr)
	x.mb = (x.mp + x.rowBlocks - 1) / x.rowBlocks
	x.rowBlocks = (x.mp + x.mb - 1) / x.mb
	nbMax := max(1, bChunkBytes/(4*nr*kk))
	x.colChunks = (x.np + nbMax - 1) / nbMax
	t := max(1, threads)
	if int64(m)*int64(n)*int64(k) < parallelMin.Load() {
		t = 1
	}
	if t > 1 {
		// About four items per thread, so that a thread slowed by other
		// work on the machine is helped by the others: split the columns,
		// then the rows if there are too few B panels.
		target := 4 * t
		x.colChunks = max(x.colChunks, min(x.np, (target+x.rowBlocks-1)/x.rowBlocks))
		if x.rowBlocks*x.colChunks < target {
			x.rowBlocks = min(x.mp, (target+x.colChunks-1)/x.colChunks)
			x.mb = (x.mp + x.rowBlocks - 1) / x.rowBlocks
			x.rowBlocks = (x.mp + x.mb - 1) / x.mb
		}
	}
	x.nbJ = (x.np + x.colChunks - 1) / x.colChunks
	x.colChunks = (x.np + x.nbJ - 1) / x.nbJ
	t = min(t, x.rowBlocks*x.colChunks)
	x.tiles = grow(x.tiles, t*mr*nr)
	return t
}

// runPhase runs one phase on t threads (the caller is one of them).
func (x *matCtx) runPhase(phase, t int) {
	x.phase = phase
	if phase == phasePack {
		x.items = x.mp + (x.np+packGroup-1)/packGroup
	} else {
		x.items = x.rowBlocks * x.colChunks
	}
	x.next.Store(0)
	x.slot.Store(0)
	if t == 1 {
		x.work()
		return
	}
	runParallel(x, t)
}

// work claims and runs items of the current phase until none are left.
// Which thread runs an item does not matter: within a phase every item
// writes its own part of ap, bp or c, and each tile of c sees its k passes
// in order because the phases are separated.
func (x *matCtx) work() {
	mr, nr, kk := x.mr, x.nr, x.kk
	slot := int(x.slot.Add(1) - 1)
	for {
		i := int(x.next.Add(1) - 1)
		if i >= x.items {
			return
		}
		if x.phase == phasePack {
			if i < x.mp {
				packA(x.form, x.ap[i*mr*kk:(i+1)*mr*kk], x.a, x.m, x.k, i*mr, min(mr, x.m-i*mr), x.p0, kk, mr)
			} else {
				jp0 := (i - x.mp) * packGroup
				jp1 := min(jp0+packGroup, x.np)
				packBGroup(x.form, x.bp[jp0*nr*kk:jp1*nr*kk], x.b, x.k, x.n, jp0, jp1, x.p0, kk, nr)
			}
			continue
		}
		x.compute(i%x.rowBlocks, i/x.rowBlocks, x.tiles[slot*mr*nr:(slot+1)*mr*nr])
	}
}

// compute runs the kernel over the tiles of A panels [rb*mb, rb*mb+mb) x B
// panels [cc*nbJ, cc*nbJ+nbJ) for the current pass. Full tiles are
// accumulated in c itself; edge tiles go through tile, of which only the
// lanes inside C are kept. After the last pass NaNs are canonicalized.
func (x *matCtx) compute(rb, cc int, tile []float32) {
	ip0, ip1 := rb*x.mb, min((rb+1)*x.mb, x.mp)
	jp0, jp1 := cc*x.nbJ, min((cc+1)*x.nbJ, x.np)
	for jp := jp0; jp < jp1; jp++ {
		for ip := ip0; ip < ip1; ip++ {
			x.runTile(ip, jp, tile)
		}
	}
}

// runTile runs the kernel on tile (ip, jp) for the current pass.
func (x *matCtx) runTile(ip, jp int, tile []float32) {
	mr, nr, kk, m, n, c := x.mr, x.nr, x.kk, x.m, x.n, x.c
	load, last := x.p0 > 0, x.p0+kk == x.k
	bpan := x.bp[jp*nr*kk : (jp+1)*nr*kk]
	j0 := jp * nr
	nj := min(nr, n-j0)
	apan := x.ap[ip*mr*kk : (ip+1)*mr*kk]
	i0 := ip * mr
	ni := min(mr, m-i0)
	if ni == mr && nj == nr {
		x.kern.run(kk, apan, bpan, c[i0*n+j0:], n, load)
		if last {
			canonTile(c[i0*n+j0:], n, ni, nj)
		}
		return
	}
	if load {
		for r := 0; r < ni; r++ {
			copy(tile[r*nr:r*nr+nj], c[(i0+r)*n+j0:(i0+r)*n+j0+nj])
		}
	}
	x.kern.run(kk, apan, bpan, tile, nr, load)
	for r := 0; r < ni; r++ {
		copy(c[(i0+r)*n+j0:(i0+r)*n+j0+nj], tile[r*nr:r*nr+nj])
	}
	if last {
		canonTile(c[i0*n+j0:], n, ni, nj)
	}
}

// canonTile replaces every NaN of the rows x cols block at c (row stride
// ldc) by the canonical NaN.
func canonTile(c []float32, ldc, rows, cols int) {
	if !tileHasNaN(c, ldc, rows, cols) {
		return
	}
	for r := 0; r < rows; r++ {
		row := c[r*ldc : r*ldc+cols]
		for s, v := range row {
			if v != v {
				row[s] = math.Float32frombits(CanonicalNaN)
			}
		}
	}
}

// tileHasNaNGo is the portable tileHasNaN: a NaN's bits, sign cleared,
// exceed those of +Inf; the rows are scanned without a branch per element.
func tileHasNaNGo(c []float32, ldc, rows, cols int) bool {
	var nan uint32
	for r := 0; r < rows; r++ {
		for _, v := range c[r*ldc : r*ldc+cols] {
			nan |= (0x7f800000 - math.Float32bits(v)&0x7fffffff) >> 31
		}
	}
	return nan != 0
}

// packA writes ap[t*mr+r] = A(i0+r, p0+t) for t < kk (zero for r >= ni).
func packA(form MatForm, ap, a []float32, m, k, i0, ni, p0, kk, mr int) {
	if ni < mr {
		clear(ap)
	}
	if form == FormTN { // A stored [k,m]
		packRows(ap, a[p0*m+i0:], m, kk, ni, mr)
		return
	}
	packT(ap, a[i0*k+p0:], k, ni, kk, mr)
}

// packRows copies a block: dst[t*ld+r] = src[t*lds+r] for t < rows and
// r < cols (an A panel of FormTN), with no call per row.
func packRows(dst, src []float32, lds, rows, cols, ld int) {
	if cols == 6 {
		for t := 0; t < rows; t++ {
			d := dst[t*ld:][:6:6]
			s := src[t*lds:][:6:6]
			d[0], d[1], d[2], d[3], d[4], d[5] = s[0], s[1], s[2], s[3], s[4], s[5]
		}
		return
	}
	for t := 0; t < rows; t++ {
		d := dst[t*ld:][:cols]
		for r, v := range src[t*lds:][:len(d)] {
			d[r] = v
		}
	}
}

// packT transposes a block: dst[t*ld+r] = src[r*lds+t] for r < rows and
// t < cols (an A panel of FormNN, a B panel of FormNT).
func packT(dst, src []float32, lds, rows, cols, ld int) {
	if !packTArch(dst, src, lds, rows, cols, ld) {
		packTGo(dst, src, lds, rows, cols, ld)
	}
}

// packTGo is packT in Go: rows are taken four, two and one at a time, so
// that each sweep of dst writes neighbouring elements.
func packTGo(dst, src []float32, lds, rows, cols, ld int) {
	r := 0
	for ; r+4 <= rows; r += 4 {
		s0 := src[r*lds : r*lds+cols]
		s1 := src[(r+1)*lds:][:len(s0)]
		s2 := src[(r+2)*lds:][:len(s0)]
		s3 := src[(r+3)*lds:][:len(s0)]
		d := dst[r:]
		for t := range s0 {
			e := d[t*ld : t*ld+4 : t*ld+4]
			e[0], e[1], e[2], e[3] = s0[t], s1[t], s2[t], s3[t]
		}
	}
	for ; r+2 <= rows; r += 2 {
		s0 := src[r*lds : r*lds+cols]
		s1 := src[(r+1)*lds:][:len(s0)]
		d := dst[r:]
		for t := range s0 {
			e := d[t*ld : t*ld+2 : t*ld+2]
			e[0], e[1] = s0[t], s1[t]
		}
	}
	for ; r < rows; r++ {
		s0 := src[r*lds : r*lds+cols]
		d := dst[r:]
		for t, v := range s0 {
			d[t*ld] = v
		}
	}
}

// packB writes bp[t*nr+s] = B(p0+t, j0+s) for t < kk (zero for s >= nj).
func packB(form MatForm, bp, b []float32, k, n, j0, nj, p0, kk, nr int) {
	if nj < nr {
		clear(bp)
	}
	if form == FormNT { // B stored [n,k]
		packT(bp, b[j0*k+p0:], k, nj, kk, nr)
		return
	}
	for t := 0; t < kk; t++ {
		copy(bp[t*nr:t*nr+nj], b[(p0+t)*n+j0:(p0+t)*n+j0+nj])
	}
}

// packBGroup packs B panels [jp0, jp1) (packB for each) into bp, panel jp
// at (jp-jp0)*nr*kk. For B stored [k,n] it walks each row of B once across
// the group's panels, which reads B sequentially.
func packBGroup(form MatForm, bp, b []float32, k, n, jp0, jp1, p0, kk, nr int) {
	if form == FormNT {
		for jp := jp0; jp < jp1; jp++ {
			o := (jp - jp0) * nr * kk
			packB(form, bp[o:o+nr*kk], b, k, n, jp*nr, min(nr, n-jp*nr), p0, kk, nr)
		}
		return
	}
	full := jp1
	if jp1*nr > n { // the last panel is partial
		full = jp1 - 1
		o := (full - jp0) * nr * kk
		packB(form, bp[o:o+nr*kk], b, k, n, full*nr, n-full*nr, p0, kk, nr)
	}
	if packBRowsArch(bp, b[p0*n+jp0*nr:], n, kk, full-jp0, nr) {
		return
	}
	for t := 0; t < kk; t++ {
		row := b[(p0+t)*n+jp0*nr : (p0+t)*n+full*nr]
		for g := 0; g < full-jp0; g++ {
			o := g*nr*kk + t*nr
			copy(bp[o:o+nr], row[g*nr:g*nr+nr])
		}
	}
}

// kernelGo is the portable micro-kernel for any mr x nr: c (row-major
// mr x nr) = (load ? c : -0) + sum over t of ap[t*mr+r]*bp[t*nr+s]. The
// explicit float32 conversion of every product forbids FMA contraction
// (arm64). It also serves as the reference for the assembly kernels.
func kernelGo(k int, ap, bp, c []float32, load bool, mr, nr int) {
	for r := 0; r < mr; r++ {
		for s := 0; s < nr; s++ {
			acc := math.Float32frombits(negZero)
			if load {
				acc = c[r*nr+s]
			}
			for t := 0; t < k; t++ {
				acc += float32(ap[t*mr+r] * bp[t*nr+s])
			}
			c[r*nr+s] = acc
		}
	}
}
