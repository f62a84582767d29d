package trainer

import (
	"fmt"
	"math"

	"github.com/gensyn-stack/gensyn/node/repops"
)

// Float64MatMul is an Executor that is NOT RepOps, for fault injection and
// tests only (the worker's `--unsafe.fault float64-matmul`): it computes the
// matrix products (MatMul, MatMulTN, MatMulNT) by accumulating the products
// in float64 and rounding the sum to float32 once, where RepOps adds the
// rounded float32 products one at a time in float32. Every other operator
// comes from Base (repops.CPU{} when nil). Its outputs differ from the RepOps
// element programs in the last bits of many matrix-product elements: a
// worker training with it is wrong by honest mistake, and loses its disputes
// at the one-step.
type Float64MatMul struct {
	Base repops.Executor
}

// Run implements repops.Executor.
func (f Float64MatMul) Run(op repops.OpKind, attrs []uint32, in []repops.Tensor, out repops.Tensor) error {
	switch op {
	case repops.OpMatMul, repops.OpMatMulTN, repops.OpMatMulNT:
	default:
		base := f.Base
		if base == nil {
			base = repops.CPU{}
		}
		return base.Run(op, attrs, in, out)
	}
	if err := repops.CheckRun(op, attrs, in, out); err != nil {
		return err
	}
	a, b := in[0], in[1]
	// A[m,k] B[k,n]; TN: A[k,m]; NT: B[n,k]
	var m, k, n int
	switch op {
	case repops.OpMatMul:
		m, k, n = a.Shape[0], a.Shape[1], b.Shape[1]
	case repops.OpMatMulTN:
		m, k, n = a.Shape[1], a.Shape[0], b.Shape[1]
	default:
		m, k, n = a.Shape[0], a.Shape[1], b.Shape[0]
	}
	if len(out.Data) != m*n {
		return fmt.Errorf("trainer: float64 %v: output has %d elements, want %d", op, len(out.Data), m*n)
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			var s float64
			for t := 0; t < k; t++ {
				var x, y float32
				switch op {
				case repops.OpMatMul:
					x, y = a.Data[i*k+t], b.Data[t*n+j]
				case repops.OpMatMulTN:
					x, y = a.Data[t*m+i], b.Data[t*n+j]
				default:
					x, y = a.Data[i*k+t], b.Data[j*k+t]
				}
				s += float64(x) * float64(y)
			}
			v := float32(s)
			if v != v {
				v = math.Float32frombits(repops.CanonicalNaN)
			}
			out.Data[i*n+j] = v
		}
	}
	return nil
}
