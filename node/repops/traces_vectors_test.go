package repops

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func hexw(w uint32) string { return fmt.Sprintf("\"0x%08x\"", w) }

func hexList(ws []uint32) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = hexw(w)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func intList(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func writeEntries(buf *bytes.Buffer, es []Entry, indent string) {
	buf.WriteString("[\n")
	for i, e := range es {
		args := make([]string, 3)
		for s, a := range e.Args {
			args[s] = fmt.Sprintf("[%d, %d, %d, %s]", a.Kind, a.Slot, a.Index, hexw(a.Word))
		}
		sep := ","
		if i == len(es)-1 {
			sep = ""
		}
		fmt.Fprintf(buf, "%s  {\"prim\": \"0x%02x\", \"args\": [%s], \"r\": %s}%s\n", indent, uint8(e.Op), strings.Join(args, ", "), hexw(e.Result), sep)
	}
	buf.WriteString(indent + "]")
}

// smallOpCases: every operator on small inputs (short traces).
func smallOpCases(r *rand.Rand) []opCase {
	logits := randTensor(r, 2, 2, 3)
	lse := NewTensor(2)
	_ = Interp{}.Run(OpLogSumExp, nil, []Tensor{logits}, lse)
	y := labels(r, 2, 3)
	g := randTensor(r, 0.1, 2, 2)
	b1t, b2t := scalar(0.9*0.9), scalar(0.999*0.999)
	idx := Tensor{Shape: []int{3}, Data: []float32{4, 0, 2}}
	c := []bool{false, false, true}
	return []opCase{
		{OpMatMul, nil, []Tensor{randTensor(r, 1, 2, 3), randTensor(r, 1, 3, 2)}, nil},
		{OpMatMulTN, nil, []Tensor{randTensor(r, 1, 3, 2), randTensor(r, 1, 3, 2)}, nil},
		{OpMatMulNT, nil, []Tensor{randTensor(r, 1, 2, 3), randTensor(r, 1, 2, 3)}, nil},
		{OpBiasAdd, nil, []Tensor{randTensor(r, 1, 2, 3), randTensor(r, 1, 3)}, nil},
		{OpReLU, nil, []Tensor{randTensor(r, 1, 2, 3)}, nil},
		{OpReLUGrad, nil, []Tensor{randTensor(r, 1, 2, 3), randTensor(r, 1, 2, 3)}, nil},
		{OpColSum, nil, []Tensor{randTensor(r, 1, 3, 2)}, nil},
		{OpBatchIndex, []uint32{0x2a, 0, 1797}, []Tensor{StepTensor(7)}, nil},
		{OpGather, nil, []Tensor{randTensor(r, 1, 5, 2), idx}, nil},
		{OpGather, nil, []Tensor{labels(r, 5, 3), idx}, nil},
		{OpLogSumExp, nil, []Tensor{logits}, nil},
		{OpSoftmaxXentLoss, nil, []Tensor{logits, lse, y}, nil},
		{OpMean, nil, []Tensor{randTensor(r, 1, 4)}, nil},
		{OpSoftmaxXentGrad, nil, []Tensor{logits, lse, y}, nil},
		{OpSGDVelocity, nil, []Tensor{randTensor(r, 0.1, 2, 2), g, scalar(0.9)}, c},
		{OpSGDParam, nil, []Tensor{randTensor(r, 0.1, 2, 2), g, scalar(0.05)}, c},
		{OpAdamMoment, []uint32{1}, []Tensor{randTensor(r, 0.1, 2, 2), g, scalar(0.9)}, c},
		{OpAdamMoment, []uint32{2}, []Tensor{randTensor(r, 0.01, 2, 2), g, scalar(0.999)}, c},
		{OpScalarMul, nil, []Tensor{b1t, scalar(0.9)}, []bool{false, true}},
		{OpAdamParam, nil, []Tensor{randTensor(r, 0.1, 2, 2), g, randTensor(r, 0.01, 2, 2), b1t, b2t, scalar(0.001), scalar(1e-8)},
			[]bool{false, false, false, false, false, true, true}},
		{OpIncrement, nil, []Tensor{StepTensor(41)}, nil},
	}
}

// vecCase is an operator case of element_traces.json with the elements to
// trace (nil: the first, the last and a random one).
type vecCase struct {
	opCase
	elems []int
}

// smallLMCases: every transformer operator on small inputs. AttnScores has
// masked and unmasked elements; one SiLU and one SiLUGrad case hold IEEE
// specials.
func smallLMCases(r *rand.Rand) []vecCase {
	const B, C, d, H, V = 2, 3, 4, 2, 4
	M := B * C
	tok := Tensor{Shape: []int{M}, Data: []float32{2, 0, 2, 3, 1, 2}}
	scale := math.Float32bits(float32(1 / math.Sqrt(d/H)))
	P := randTensor(r, 0.25, B*H*C, C)
	m, n := 2, 3
	rms := randTensor(r, 1, m)
	specials := Tensor{Shape: []int{2, 4}, Data: []float32{f32(CanonicalNaN), f32(f32NegInf), f32(f32Inf), f32(negZero), 100, -100, f32(1), f32(0x00000005)}}
	adamConst := []bool{false, false, false, false, false, false, true, true}
	q, k := randTensor(r, 1, M, d), randTensor(r, 1, M, d)
	// AttnScores element e = ((b*H + h)*C + i)*C + j; masked where j > i.
	at := func(b, h, i, j int) int { return ((b*H+h)*C+i)*C + j }
	return []vecCase{
		{opCase{OpWindowIndex, []uint32{C, 1}, []Tensor{{Shape: []int{B}, Data: []float32{17, 3}}}, nil}, nil},
		{opCase{OpAdd, nil, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, M, d)}, nil}, nil},
		{opCase{OpPosAdd, nil, []Tensor{randTensor(r, 1, M, d), randTensor(r, 1, C, d)}, nil}, nil},
		{opCase{OpRowGroupSum, []uint32{C}, []Tensor{randTensor(r, 1, M, d)}, nil}, nil},
		{opCase{OpAttnScores, []uint32{H, C, scale, 1}, []Tensor{q, k}, nil},
			[]int{at(0, 0, 0, 0), at(0, 0, 0, 1), at(1, 1, 2, 1), at(1, 0, 1, 2), B*H*C*C - 1}},
		{opCase{OpAttnScores, []uint32{H, C, scale, 0}, []Tensor{q, k}, nil}, []int{at(0, 0, 0, 1), at(1, 1, 2, 1)}},
		{opCase{OpAttnApply, []uint32{H}, []Tensor{P, randTensor(r, 1, M, d)}, nil}, nil},
		{opCase{OpAttnApplyT, []uint32{H}, []Tensor{P, randTensor(r, 1, M, d)}, nil}, nil},
		{opCase{OpSoftmaxRow, nil, []Tensor{randTensor(r, 3, m, n), randTensor(r, 1, m)}, nil}, nil},
		{opCase{OpRowDot, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n)}, nil}, nil},
		{opCase{OpSoftmaxGrad, []uint32{scale}, []Tensor{randTensor(r, 0.25, m, n), randTensor(r, 1, m, n), randTensor(r, 1, m)}, nil}, nil},
		{opCase{OpRMSInv, []uint32{math.Float32bits(1e-5)}, []Tensor{randTensor(r, 1, m, n)}, nil}, nil},
		{opCase{OpRMSNorm, nil, []Tensor{randTensor(r, 1, m, n), rms, randTensor(r, 1, n)}, nil}, nil},
		{opCase{OpRMSNormRowDot, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), randTensor(r, 1, n)}, nil}, nil},
		{opCase{OpRMSNormGradX, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), rms, randTensor(r, 1, n), randTensor(r, 1, m)}, nil}, nil},
		{opCase{OpRMSNormGradG, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 1, m, n), rms}, nil}, nil},
		{opCase{OpSiLU, nil, []Tensor{randTensor(r, 4, m, n)}, nil}, nil},
		{opCase{OpSiLU, nil, []Tensor{specials}, nil}, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{opCase{OpSiLUGrad, nil, []Tensor{randTensor(r, 1, m, n), randTensor(r, 4, m, n)}, nil}, nil},
		{opCase{OpSiLUGrad, nil, []Tensor{randTensor(r, 1, 2, 4), specials}, nil}, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{opCase{OpEmbedGrad, []uint32{V}, []Tensor{randTensor(r, 1, M, d), tok}, nil}, []int{0, 2*d + 1, V*d - 1}},
		{opCase{OpAdamWParam, nil, []Tensor{randTensor(r, 0.1, m, n), randTensor(r, 0.1, m, n), randTensor(r, 0.01, m, n),
			scalar(0.9 * 0.9), scalar(0.999 * 0.999), scalar(3e-4), scalar(1e-8), scalar(0.1)}, adamConst}, nil},
		{opCase{OpLRSchedule, []uint32{math.Float32bits(3e-4), math.Float32bits(10), math.Float32bits(100), math.Float32bits(90)}, []Tensor{StepTensor(4)}, nil}, nil},
		{opCase{OpLRSchedule, []uint32{math.Float32bits(3e-4), math.Float32bits(10), math.Float32bits(100), math.Float32bits(90)}, []Tensor{StepTensor(55)}, nil}, nil},
		{opCase{OpLRSchedule, []uint32{math.Float32bits(3e-4), 0, math.Float32bits(100), math.Float32bits(100)}, []Tensor{StepTensor(0)}, nil}, nil},
		{opCase{OpSumSq, nil, []Tensor{randTensor(r, 1, m, n)}, nil}, nil},
		{opCase{OpClipScale, []uint32{math.Float32bits(1)}, []Tensor{scalar(7)}, nil}, nil},
		{opCase{OpClipScale, []uint32{math.Float32bits(1)}, []Tensor{scalar(0.25)}, nil}, nil},
		{opCase{OpScaleBy, nil, []Tensor{randTensor(r, 1, m, n), scalar(0.5)}, []bool{false, true}}, nil},
	}
}

func genTracesJSON(t *testing.T) []byte {
	r := rand.New(rand.NewPCG(0xfeed, 0xbeef))
	var buf bytes.Buffer
	buf.WriteString("{\n")
	buf.WriteString("  \"description\": \"RepOps element traces: for each case the operator, attributes, inputs and element; entries list prim and args [kind, slot, index, word] (kind 0 none, 1 input, 2 entry, 3 const, 4 imm, 5 input_at); the last entry's result is the element. See docs/repops.md.\",\n")
	buf.WriteString("  \"programs\": [\n")
	xs := []uint32{0x00000000, 0x3F800000, 0xBF800000, 0x42B00000, 0xC2C80000, 0x3E99999A, 0x00000005, 0x7F800000, 0xFF800000, 0x7FC00000, 0x41200000, 0x3A83126F}
	for i, x := range xs {
		for j, name := range []string{"exp", "log"} {
			es := TraceExp(f32(x))
			if name == "log" {
				es = TraceLog(f32(x))
			}
			fmt.Fprintf(&buf, "    {\"name\": %q, \"x\": %s, \"output\": %s, \"entries\": ", name, hexw(x), hexw(es[len(es)-1].Result))
			writeEntries(&buf, es, "    ")
			if i == len(xs)-1 && j == 1 {
				buf.WriteString("}\n")
			} else {
				buf.WriteString("},\n")
			}
		}
	}
	buf.WriteString("  ],\n  \"traces\": [\n")
	var cases []vecCase
	for _, c := range smallOpCases(r) {
		cases = append(cases, vecCase{opCase: c})
	}
	// The transformer operators (issue #13) follow, from their own stream,
	// so that the cases above keep their bytes.
	cases = append(cases, smallLMCases(rand.New(rand.NewPCG(0x13, 0x2a)))...)
	for ci, vc := range cases {
		c := vc.opCase
		out := runOp(t, CPU{}, c)
		elems := vc.elems
		if elems == nil {
			elems = []int{0, len(out.Data) - 1}
			if len(out.Data) > 2 {
				elems = append(elems, 1+r.IntN(len(out.Data)-2))
			} else if len(out.Data) == 1 {
				elems = elems[:1]
			}
		}
		for ei, e := range elems {
			es, err := ElementTrace(c.op, c.attrs, c.ins, c.isConst, e)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := Replay(es); err != nil || got != math.Float32bits(out.Data[e]) {
				t.Fatalf("%v: trace does not replay to the output", c.op)
			}
			fmt.Fprintf(&buf, "    {\"op\": \"0x%02x\", \"name\": %q, \"attrs\": %s, \"inputs\": [", uint8(c.op), c.op.String(), hexList(c.attrs))
			for s, in := range c.ins {
				words := make([]uint32, len(in.Data))
				for i, v := range in.Data {
					words[i] = math.Float32bits(v)
				}
				isc := c.isConst != nil && c.isConst[s]
				sep := ", "
				if s == len(c.ins)-1 {
					sep = ""
				}
				fmt.Fprintf(&buf, "{\"shape\": %s, \"const\": %v, \"data\": %s}%s", intList(in.Shape), isc, hexList(words), sep)
			}
			fmt.Fprintf(&buf, "], \"out_shape\": %s, \"element\": %d, \"output\": %s, \"entries\": ", intList(out.Shape), e, hexw(math.Float32bits(out.Data[e])))
			writeEntries(&buf, es, "    ")
			if ci == len(cases)-1 && ei == len(elems)-1 {
				buf.WriteString("}\n")
			} else {
				buf.WriteString("},\n")
			}
		}
	}
	buf.WriteString("  ]\n}\n")
	return buf.Bytes()
}

func TestElementTraceVectors(t *testing.T) {
	checkGolden(t, "element_traces.json", genTracesJSON(t))
}
