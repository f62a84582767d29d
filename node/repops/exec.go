package repops

import (
	"fmt"
	"math"
)

// Executor is the kernel set that computes operator outputs. An
// implementation may tile, block and vectorize across output elements but
// must produce, for every element, exactly the bits of the element program
// (ElementTrace). CPU is the reference implementation; a GPU backend would
// implement the same interface.
type Executor interface {
	// Run computes operator op on inputs into out, whose Shape is set and
	// whose Data has the right length (its prior contents are ignored).
	Run(op OpKind, attrs []uint32, inputs []Tensor, out Tensor) error
}

// CPU is the pure-Go executor: a hand-written kernel for every operator
// (the matrix products in matmul.go, the others in fast.go), each computing
// its element program's bits with plain float32 operations in the order of
// the program.
type CPU struct{}

// Interp is the slowest executor: it evaluates every element through its
// element program. It exists to cross-check other executors.
type Interp struct{}

// CheckRun validates an Executor call: input data lengths match their
// shapes, OutShape accepts the inputs and attributes, and out has that shape.
// Executors call it before computing.
func CheckRun(op OpKind, attrs []uint32, inputs []Tensor, out Tensor) error {
	shapes := make([][]int, len(inputs))
	for i, t := range inputs {
		if len(t.Data) != numElems(t.Shape) {
			return fmt.Errorf("repops: %v: input %d has %d elements for shape %v", op, i, len(t.Data), t.Shape)
		}
		shapes[i] = t.Shape
	}
	batch := 0
	if len(out.Shape) > 0 {
		batch = out.Shape[0]
	}
	want, err := OutShape(op, attrs, shapes, batch)
	if err != nil {
		return err
	}
	if !sameShape(want, out.Shape) || len(out.Data) != numElems(want) {
		return fmt.Errorf("repops: %v: output shape %v (%d elements), want %v", op, out.Shape, len(out.Data), want)
	}
	return nil
}

// Run implements Executor.
func (Interp) Run(op OpKind, attrs []uint32, inputs []Tensor, out Tensor) (err error) {
	if err := CheckRun(op, attrs, inputs, out); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("repops: %v: %v", op, r)
		}
	}()
	for e := range out.Data {
		out.Data[e] = evalElement(op, attrs, inputs, e)
	}
	return nil
}

// Run implements Executor.
func (CPU) Run(op OpKind, attrs []uint32, in []Tensor, out Tensor) error {
	if err := CheckRun(op, attrs, in, out); err != nil {
		return err
	}
	return cpuKernel(op, attrs, in, out)
}

// cpuKernel computes op without checking shapes (CPU.Run checks them
// first; a Runner checks them once when it is built). Every case computes
// the element program's bits (fast.go).
func cpuKernel(op OpKind, attrs []uint32, in []Tensor, out Tensor) error {
	switch op {
	case OpMatMul, OpMatMulTN, OpMatMulNT:
		if err := CheckEnv(); err != nil { // a bad GENSYN_REPOPS_KERNEL or _THREADS
			return err
		}
		m, k, n := matDims(op, in[0].Shape, in[1].Shape)
		var form MatForm
		switch op {
		case OpMatMulTN:
			form = FormTN
		case OpMatMulNT:
			form = FormNT
		}
		MatMul(form, out.Data, in[0].Data, in[1].Data, m, k, n)
		return nil
	case OpBiasAdd:
		biasAdd(out.Data, in[0].Data, in[1].Data)
		return nil
	case OpReLU:
		relu(out.Data, in[0].Data)
		return nil
	case OpReLUGrad:
		// SELECT(dY, +0, LT(+0, X)): dY's word passes unchanged.
		dy, x := in[0].Data, in[1].Data
		o := out.Data[:len(x)]
		for i, xi := range x {
			if xi > 0 {
				o[i] = dy[i]
			} else {
				o[i] = 0
			}
		}
		return nil
	case OpColSum:
		m, n := in[0].Shape[0], in[0].Shape[1]
		x, o := in[0].Data, out.Data
		copy(o, x[:n])
		for t := 1; t < m; t++ {
			row := x[t*n : t*n+n]
			for j, v := range row {
				o[j] += v
			}
		}
		canonSlice(o)
		return nil
	case OpBatchIndex:
		batchIndex(out.Data, attrs, math.Float32bits(in[0].Data[0]))
		return nil
	case OpGather:
		f := 1
		if len(in[0].Shape) == 2 {
			f = in[0].Shape[1]
		}
		tab := in[0].Data
		for r, v := range in[1].Data {
			i := int(f2i(v))
			if i < 0 || (i+1)*f > len(tab) {
				return errGatherRange
			}
			copy(out.Data[r*f:r*f+f], tab[i*f:i*f+f])
		}
		return nil
	case OpLogSumExp:
		logSumExpRows(out.Data, in[0].Data, in[0].Shape[1])
		return nil
	case OpSoftmaxXentLoss:
		softmaxXentLossRows(out.Data, in[0].Data, in[1].Data, in[2].Data, in[0].Shape[1])
		return nil
	case OpMean:
		out.Data[0] = meanVec(in[0].Data)
		return nil
	case OpSoftmaxXentGrad:
		softmaxXentGradRows(out.Data, in[0].Data, in[1].Data, in[2].Data, in[0].Shape[0], in[0].Shape[1])
		return nil
	case OpSGDVelocity:
		v, g, mu, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data[:len(in[1].Data)]
		for e, ge := range g {
			o[e] = canonStore(float32(float32(mu*v[e]) + ge))
		}
		return nil
	case OpSGDParam:
		p, v, lr, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data[:len(in[1].Data)]
		for e, ve := range v {
			o[e] = canonStore(float32(p[e] - float32(lr*ve)))
		}
		return nil
	case OpAdamMoment:
		m, g, beta, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data[:len(in[1].Data)]
		omb := Sub(1, beta)
		if attrs[0] == 2 {
			for e, ge := range g {
				o[e] = canonStore(float32(float32(beta*m[e]) + float32(float32(omb*ge)*ge)))
			}
			return nil
		}
		for e, ge := range g {
			o[e] = canonStore(float32(float32(beta*m[e]) + float32(omb*ge)))
		}
		return nil
	case OpScalarMul:
		out.Data[0] = Mul(in[0].Data[0], in[1].Data[0])
		return nil
	case OpAdamParam:
		p, m, v, o := in[0].Data, in[1].Data, in[2].Data, out.Data[:len(in[0].Data)]
		c1, c2 := Sub(1, in[3].Data[0]), Sub(1, in[4].Data[0])
		lr, eps := in[5].Data[0], in[6].Data[0]
		for e, pe := range p {
			mh := float32(m[e] / c1)
			s := float32(float32(math.Sqrt(float64(float32(v[e]/c2)))) + eps)
			o[e] = canonStore(float32(pe - float32(float32(lr*mh)/s)))
		}
		return nil
	case OpIncrement:
		out.Data[0] = math.Float32frombits(math.Float32bits(in[0].Data[0]) + 1)
		return nil
	}
	if isLMOp(op) {
		return cpuKernelLM(op, attrs, in, out)
	}
	return Interp{}.Run(op, attrs, in, out)
}

func canonSlice(s []float32) {
	for i, v := range s {
		if v != v {
			s[i] = math.Float32frombits(CanonicalNaN)
		}
	}
}
