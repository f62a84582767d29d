//go:build !purego

package repops

// sseKernel is the 4x8 SSE kernel, for amd64 CPUs without AVX2 (SSE is part
// of every amd64 CPU).
var sseKernel = &microKernel{name: "sse", mr: 4, nr: 8, run: kern4x8SSEGo, supported: always}

// kern4x8SSE is the SSE micro-kernel (kernel_sse_amd64.s): separate MULPS
// and ADDPS, 8 accumulator registers of 4 lanes. ldc is the row stride of c
// in elements.
//
//go:noescape
func kern4x8SSE(k int, ap, bp, c *float32, ldc int, load int)

func kern4x8SSEGo(k int, ap, bp, c []float32, ldc int, load bool) {
	_ = ap[4*k-1]
	_ = bp[8*k-1]
	_ = c[3*ldc+7]
	l := 0
	if load {
		l = 1
	}
	kern4x8SSE(k, &ap[0], &bp[0], &c[0], ldc, l)
}
