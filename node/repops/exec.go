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

// CPU is the pure-Go executor: hand-written kernels for the matrix
// products, the simple elementwise operators and the optimizer updates
// (each written with the typed primitive helpers in the order of its
// element program), the element programs themselves for the rest.
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
	switch op {
	case OpMatMul, OpMatMulTN, OpMatMulNT:
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
		n := in[1].Shape[0]
		x, bias, o := in[0].Data, in[1].Data, out.Data
		for r := 0; r < len(x); r += n {
			for j := 0; j < n; j++ {
				o[r+j] = Add(x[r+j], bias[j])
			}
		}
		return nil
	case OpReLU:
		for i, v := range in[0].Data {
			out.Data[i] = Max(v, 0)
		}
		return nil
	case OpReLUGrad:
		dy, x := in[0].Data, in[1].Data
		for i := range out.Data {
			if x[i] > 0 {
				out.Data[i] = dy[i]
			} else {
				out.Data[i] = 0
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
	case OpSGDVelocity:
		v, g, mu, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data
		for e := range o {
			o[e] = Add(Mul(mu, v[e]), g[e])
		}
		return nil
	case OpSGDParam:
		p, v, lr, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data
		for e := range o {
			o[e] = Sub(p[e], Mul(lr, v[e]))
		}
		return nil
	case OpAdamMoment:
		m, g, beta, o := in[0].Data, in[1].Data, in[2].Data[0], out.Data
		omb := Sub(1, beta)
		for e := range o {
			y := Mul(omb, g[e])
			if attrs[0] == 2 {
				y = Mul(y, g[e])
			}
			o[e] = Add(Mul(beta, m[e]), y)
		}
		return nil
	case OpAdamParam:
		p, m, v, o := in[0].Data, in[1].Data, in[2].Data, out.Data
		c1, c2 := Sub(1, in[3].Data[0]), Sub(1, in[4].Data[0])
		lr, eps := in[5].Data[0], in[6].Data[0]
		for e := range o {
			mh := Div(m[e], c1)
			s := Add(Sqrt(Div(v[e], c2)), eps)
			o[e] = Sub(p[e], Div(Mul(lr, mh), s))
		}
		return nil
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
