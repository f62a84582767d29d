package repops

import (
	"fmt"
	"math"
)

// OpKind is the code of an operator.
type OpKind uint8

// Operators. Input slots and attributes are listed per operator; the element
// program of every operator is documented in docs/repops.md (section 5).
const (
	OpMatMul          OpKind = 0x01 // A[m,k], B[k,n] -> A*B [m,n]
	OpMatMulTN        OpKind = 0x02 // A[k,m], B[k,n] -> A^T*B [m,n]
	OpMatMulNT        OpKind = 0x03 // A[m,k], B[n,k] -> A*B^T [m,n]
	OpBiasAdd         OpKind = 0x04 // X[m,n], b[n] -> X + b (row broadcast)
	OpReLU            OpKind = 0x05 // X -> MAX(X, +0)
	OpReLUGrad        OpKind = 0x06 // dY, X (pre-activation) -> X > 0 ? dY : +0
	OpColSum          OpKind = 0x07 // X[m,n] -> column sums [n]
	OpBatchIndex      OpKind = 0x08 // step[1] (integer word); attrs seedLo, seedHi, rows -> batch row indices [batch]
	OpGather          OpKind = 0x09 // T[N,F] or T[N], idx[B] -> T[idx] [B,F] or [B]
	OpLogSumExp       OpKind = 0x0A // X[m,n] -> log(sum exp(X)) per row [m], stable
	OpSoftmaxXentLoss OpKind = 0x0B // X[m,n], lse[m], labels[m] -> lse - X[label] [m]
	OpMean            OpKind = 0x0C // X[n] -> sum/n [1]
	OpSoftmaxXentGrad OpKind = 0x0D // X[m,n], lse[m], labels[m] -> (softmax - onehot)/m [m,n]
	OpSGDVelocity     OpKind = 0x0E // v, g, mu(const) -> mu*v + g
	OpSGDParam        OpKind = 0x0F // p, v', lr(const) -> p - lr*v'
	OpAdamMoment      OpKind = 0x10 // m, g, beta(const); attr power (1 or 2) -> beta*m + (1-beta)*g^power
	OpScalarMul       OpKind = 0x11 // s[1], c(const) -> s*c
	OpAdamParam       OpKind = 0x12 // p, m', v', b1t'[1], b2t'[1], lr, eps (const) -> p - lr*mhat/(sqrt(vhat)+eps)
	OpIncrement       OpKind = 0x13 // s[1] (integer word) -> IADD(s, 1)
)

var opNames = map[OpKind]string{
	OpMatMul: "MatMul", OpMatMulTN: "MatMulTN", OpMatMulNT: "MatMulNT",
	OpBiasAdd: "BiasAdd", OpReLU: "ReLU", OpReLUGrad: "ReLUGrad",
	OpColSum: "ColSum", OpBatchIndex: "BatchIndex", OpGather: "Gather",
	OpLogSumExp: "LogSumExp", OpSoftmaxXentLoss: "SoftmaxXentLoss",
	OpMean: "Mean", OpSoftmaxXentGrad: "SoftmaxXentGrad",
	OpSGDVelocity: "SGDVelocity", OpSGDParam: "SGDParam",
	OpAdamMoment: "AdamMoment", OpScalarMul: "ScalarMul",
	OpAdamParam: "AdamParam", OpIncrement: "Increment",
}

func (o OpKind) String() string {
	if s, ok := opNames[o]; ok {
		return s
	}
	return fmt.Sprintf("OpKind(0x%02X)", uint8(o))
}

// AllOps lists every operator code in ascending order.
func AllOps() []OpKind {
	var out []OpKind
	for o := OpMatMul; o <= OpScaleBy; o++ {
		out = append(out, o)
	}
	return out
}

const negZero = 0x80000000

// sumStep emits the sequential-sum step: ADD(acc, x), where the accumulator
// of the first step is the immediate -0 (which leaves x unchanged).
func (b *builder) sumStep(acc *Operand, first bool, x Operand) {
	if first {
		*acc = b.op2(ADD, imm(negZero), x)
	} else {
		*acc = b.op2(ADD, *acc, x)
	}
}

// elementProg emits the program of element e of an operator whose inputs
// are b.ins and returns the operand holding the element.
func elementProg(b *builder, op OpKind, attrs []uint32, e int) Operand {
	in := b.ins
	switch op {
	case OpMatMul, OpMatMulTN, OpMatMulNT:
		m, k, n := matDims(op, in[0].Shape, in[1].Shape)
		i, j := e/n, e%n
		var acc Operand
		for t := 0; t < k; t++ {
			var ai, bi int
			switch op {
			case OpMatMul:
				ai, bi = i*k+t, t*n+j
			case OpMatMulTN:
				ai, bi = t*m+i, t*n+j
			case OpMatMulNT:
				ai, bi = i*k+t, j*k+t
			}
			p := b.op2(MUL, b.in(0, ai), b.in(1, bi))
			b.sumStep(&acc, t == 0, p)
		}
		return acc
	case OpBiasAdd:
		n := in[1].Shape[0]
		return b.op2(ADD, b.in(0, e), b.in(1, e%n))
	case OpReLU:
		return b.op2(MAX, b.in(0, e), imm(0))
	case OpReLUGrad:
		c := b.op2(LT, imm(0), b.in(1, e))
		return b.emit(SELECT, b.in(0, e), imm(0), c)
	case OpColSum:
		m, n := in[0].Shape[0], in[0].Shape[1]
		var acc Operand
		for t := 0; t < m; t++ {
			b.sumStep(&acc, t == 0, b.in(0, t*n+e))
		}
		return acc
	case OpBatchIndex:
		seed := uint64(attrs[0]) | uint64(attrs[1])<<32
		w := randomWordProg(b, seed, StreamBatch, b.in(0, 0), imm(uint32(e)))
		r := b.op2(UREM, w, imm(attrs[2]))
		return b.op1(U2F, r)
	case OpGather:
		f := 1
		if len(in[0].Shape) == 2 {
			f = in[0].Shape[1]
		}
		r, j := e/f, e%f
		row := b.op1(F2I, b.in(1, r))
		a := b.op2(IMUL, row, imm(uint32(f)))
		a = b.op2(IADD, a, imm(uint32(j)))
		if int(a.Word) >= len(in[0].Data) {
			panic(errGatherRange)
		}
		return b.op2(OR, b.inAt(0, a), imm(0))
	case OpLogSumExp:
		n := in[0].Shape[1]
		row := e * n
		var mx Operand
		for t := 0; t < n; t++ {
			if t == 0 {
				mx = b.op2(MAX, imm(f32NegInf), b.in(0, row))
			} else {
				mx = b.op2(MAX, mx, b.in(0, row+t))
			}
		}
		var acc Operand
		for t := 0; t < n; t++ {
			d := b.op2(SUB, b.in(0, row+t), mx)
			x := expProg(b, d)
			b.sumStep(&acc, t == 0, x)
		}
		l := logProg(b, acc)
		return b.op2(ADD, mx, l)
	case OpSoftmaxXentLoss:
		n := in[0].Shape[1]
		var acc Operand
		for t := 0; t < n; t++ {
			c := b.op2(EQ, b.in(2, e), immf(float32(t)))
			s := b.emit(SELECT, b.in(0, e*n+t), imm(0), c)
			b.sumStep(&acc, t == 0, s)
		}
		return b.op2(SUB, b.in(1, e), acc)
	case OpMean:
		n := len(in[0].Data)
		var acc Operand
		for t := 0; t < n; t++ {
			b.sumStep(&acc, t == 0, b.in(0, t))
		}
		return b.op2(DIV, acc, immf(float32(n)))
	case OpSoftmaxXentGrad:
		m, n := in[0].Shape[0], in[0].Shape[1]
		i, t := e/n, e%n
		d := b.op2(SUB, b.in(0, e), b.in(1, i))
		p := expProg(b, d)
		c := b.op2(EQ, b.in(2, i), immf(float32(t)))
		oh := b.emit(SELECT, imm(f32One), imm(0), c)
		g := b.op2(SUB, p, oh)
		return b.op2(DIV, g, immf(float32(m)))
	case OpSGDVelocity:
		x := b.op2(MUL, b.in(2, 0), b.in(0, e))
		return b.op2(ADD, x, b.in(1, e))
	case OpSGDParam:
		x := b.op2(MUL, b.in(2, 0), b.in(1, e))
		return b.op2(SUB, b.in(0, e), x)
	case OpAdamMoment:
		omb := b.op2(SUB, imm(f32One), b.in(2, 0))
		x := b.op2(MUL, b.in(2, 0), b.in(0, e))
		y := b.op2(MUL, omb, b.in(1, e))
		if attrs[0] == 2 {
			y = b.op2(MUL, y, b.in(1, e))
		}
		return b.op2(ADD, x, y)
	case OpScalarMul:
		return b.op2(MUL, b.in(0, 0), b.in(1, 0))
	case OpAdamParam:
		c1 := b.op2(SUB, imm(f32One), b.in(3, 0))
		mh := b.op2(DIV, b.in(1, e), c1)
		c2 := b.op2(SUB, imm(f32One), b.in(4, 0))
		vh := b.op2(DIV, b.in(2, e), c2)
		s := b.op1(SQRT, vh)
		s = b.op2(ADD, s, b.in(6, 0))
		u := b.op2(MUL, b.in(5, 0), mh)
		u = b.op2(DIV, u, s)
		return b.op2(SUB, b.in(0, e), u)
	case OpIncrement:
		return b.op2(IADD, b.in(0, 0), imm(1))
	}
	if isLMOp(op) {
		return elementProgLM(b, op, attrs, e)
	}
	panic(fmt.Sprintf("repops: unknown operator %v", op))
}

var errGatherRange = fmt.Errorf("repops: gather index out of range")

// matDims returns (m, k, n) of a matrix product form.
func matDims(op OpKind, a, b []int) (m, k, n int) {
	switch op {
	case OpMatMul:
		return a[0], a[1], b[1]
	case OpMatMulTN:
		return a[1], a[0], b[1]
	default: // OpMatMulNT
		return a[0], a[1], b[0]
	}
}

// OutShape checks the input shapes and attributes of an operator and returns
// its output shape. batch is used only by OpBatchIndex.
func OutShape(op OpKind, attrs []uint32, in [][]int, batch int) ([]int, error) {
	bad := func(format string, args ...any) ([]int, error) {
		return nil, fmt.Errorf("repops: %v: %s", op, fmt.Sprintf(format, args...))
	}
	want := map[OpKind]int{
		OpMatMul: 2, OpMatMulTN: 2, OpMatMulNT: 2, OpBiasAdd: 2, OpReLU: 1,
		OpReLUGrad: 2, OpColSum: 1, OpBatchIndex: 1, OpGather: 2, OpLogSumExp: 1,
		OpSoftmaxXentLoss: 3, OpMean: 1, OpSoftmaxXentGrad: 3, OpSGDVelocity: 3,
		OpSGDParam: 3, OpAdamMoment: 3, OpScalarMul: 2, OpAdamParam: 7, OpIncrement: 1,
	}
	nin, ok := want[op]
	if isLMOp(op) {
		nin, ok = lmNumInputs[op], true
	}
	if !ok {
		return bad("unknown operator")
	}
	if len(in) != nin {
		return bad("%d inputs, want %d", len(in), nin)
	}
	if isLMOp(op) {
		return outShapeLM(op, attrs, in)
	}
	rank := func(i, r int) bool { return len(in[i]) == r }
	eq := func(x, y []int) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	scalar := func(i int) bool { return rank(i, 1) && in[i][0] == 1 }
	switch op {
	case OpMatMul, OpMatMulTN, OpMatMulNT:
		if !rank(0, 2) || !rank(1, 2) {
			return bad("need matrices")
		}
		m, k, n := matDims(op, in[0], in[1])
		var k2 int
		switch op {
		case OpMatMul, OpMatMulTN:
			k2 = in[1][0]
		default:
			k2 = in[1][1]
		}
		if k != k2 || k < 1 {
			return bad("inner dimensions %d and %d", k, k2)
		}
		return []int{m, n}, nil
	case OpBiasAdd:
		if !rank(0, 2) || !rank(1, 1) || in[0][1] != in[1][0] {
			return bad("shapes %v %v", in[0], in[1])
		}
		return clone(in[0]), nil
	case OpReLU:
		return clone(in[0]), nil
	case OpReLUGrad, OpSGDVelocity, OpSGDParam, OpAdamMoment:
		if !eq(in[0], in[1]) {
			return bad("shapes %v %v", in[0], in[1])
		}
		if op != OpReLUGrad && !scalar(2) {
			return bad("constant must be a scalar")
		}
		if op == OpAdamMoment && (len(attrs) != 1 || (attrs[0] != 1 && attrs[0] != 2)) {
			return bad("attribute power must be 1 or 2")
		}
		return clone(in[0]), nil
	case OpColSum:
		if !rank(0, 2) || in[0][0] < 1 {
			return bad("need a non-empty matrix")
		}
		return []int{in[0][1]}, nil
	case OpBatchIndex:
		if !scalar(0) || len(attrs) != 3 || attrs[2] < 1 || attrs[2] > 1<<24 || batch < 1 {
			return bad("needs a step scalar and attrs seedLo, seedHi, rows in [1, 2^24]")
		}
		return []int{batch}, nil
	case OpGather:
		if (!rank(0, 1) && !rank(0, 2)) || !rank(1, 1) {
			return bad("shapes %v %v", in[0], in[1])
		}
		if rank(0, 1) {
			return []int{in[1][0]}, nil
		}
		return []int{in[1][0], in[0][1]}, nil
	case OpLogSumExp:
		if !rank(0, 2) || in[0][1] < 1 {
			return bad("need a matrix")
		}
		return []int{in[0][0]}, nil
	case OpSoftmaxXentLoss, OpSoftmaxXentGrad:
		if !rank(0, 2) || !eq(in[1], []int{in[0][0]}) || !eq(in[2], in[1]) {
			return bad("shapes %v %v %v", in[0], in[1], in[2])
		}
		if op == OpSoftmaxXentLoss {
			return []int{in[0][0]}, nil
		}
		return clone(in[0]), nil
	case OpMean:
		if !rank(0, 1) || in[0][0] < 1 {
			return bad("need a non-empty vector")
		}
		return []int{1}, nil
	case OpScalarMul:
		if !scalar(0) || !scalar(1) {
			return bad("need scalars")
		}
		return []int{1}, nil
	case OpAdamParam:
		if !eq(in[0], in[1]) || !eq(in[0], in[2]) {
			return bad("shapes %v %v %v", in[0], in[1], in[2])
		}
		for i := 3; i < 7; i++ {
			if !scalar(i) {
				return bad("input %d must be a scalar", i)
			}
		}
		return clone(in[0]), nil
	case OpIncrement:
		if !scalar(0) {
			return bad("need a scalar")
		}
		return []int{1}, nil
	}
	return bad("unknown operator")
}

func clone(s []int) []int { return append([]int(nil), s...) }

// ElementTrace returns the element trace of element e of operator op applied
// to inputs (isConst[i] marks inputs that are graph constants; nil for none).
// Its last entry's result is the element.
func ElementTrace(op OpKind, attrs []uint32, inputs []Tensor, isConst []bool, e int) (entries []Entry, err error) {
	defer func() {
		if r := recover(); r != nil {
			entries, err = nil, fmt.Errorf("repops: element trace of %v element %d: %v", op, e, r)
		}
	}()
	b := builder{ins: inputs, isConst: isConst, rec: true}
	elementProg(&b, op, attrs, e)
	return b.entries, nil
}

// evalElement computes element e without recording (the reference path).
func evalElement(op OpKind, attrs []uint32, inputs []Tensor, e int) float32 {
	b := builder{ins: inputs}
	return math.Float32frombits(elementProg(&b, op, attrs, e).Word)
}
