//go:build amd64 && !amd64.v3 && !purego

package repops

const (
	mr = 4
	nr = 8
)

// kern4x8SSE is the SSE micro-kernel (kernel_sse_amd64.s): separate MULPS
// and ADDPS, 8 accumulator registers of 4 lanes.
//
//go:noescape
func kern4x8SSE(k int, ap, bp, c *float32, load int)

func kernel(k int, ap, bp, c []float32, load bool) {
	_ = ap[4*k-1]
	_ = bp[8*k-1]
	_ = c[31]
	l := 0
	if load {
		l = 1
	}
	kern4x8SSE(k, &ap[0], &bp[0], &c[0], l)
}
