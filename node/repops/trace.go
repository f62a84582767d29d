package repops

import (
	"fmt"
	"math"
)

// OperandKind says where an element-trace operand comes from.
type OperandKind uint8

// Operand kinds.
const (
	// ArgNone: an unused operand slot; its word is 0.
	ArgNone OperandKind = 0
	// ArgInput: element Index of the operator's input Slot (the output of
	// node Inputs[Slot], proven against the step trace).
	ArgInput OperandKind = 1
	// ArgEntry: the result of entry Index of the same element trace.
	ArgEntry OperandKind = 2
	// ArgConst: the value of the graph constant that is the operator's
	// input Slot (a KindConst node; proven against the graph root).
	ArgConst OperandKind = 3
	// ArgImm: the immediate word Word, fixed by the operator's definition.
	ArgImm OperandKind = 4
	// ArgInputAt: element k of the operator's input Slot, where k is the
	// result word of entry Index (the only data-dependent address: Gather).
	ArgInputAt OperandKind = 5
)

// Operand is one operand of an element-trace entry. Word always holds the
// operand's value.
type Operand struct {
	Kind  OperandKind
	Slot  int // input slot (ArgInput, ArgConst, ArgInputAt)
	Index int // element (ArgInput), entry (ArgEntry, ArgInputAt)
	Word  uint32
}

// Entry is one primitive step of an element trace.
type Entry struct {
	Op     Prim
	Args   [3]Operand
	Result uint32
}

func (o Operand) String() string {
	switch o.Kind {
	case ArgNone:
		return "_"
	case ArgInput:
		return fmt.Sprintf("in%d[%d]=%#08x", o.Slot, o.Index, o.Word)
	case ArgEntry:
		return fmt.Sprintf("e%d=%#08x", o.Index, o.Word)
	case ArgConst:
		return fmt.Sprintf("const%d=%#08x", o.Slot, o.Word)
	case ArgImm:
		return fmt.Sprintf("#%#08x", o.Word)
	case ArgInputAt:
		return fmt.Sprintf("in%d[e%d]=%#08x", o.Slot, o.Index, o.Word)
	}
	return "?"
}

func (e Entry) String() string {
	return fmt.Sprintf("%v(%v, %v, %v) = %#08x", e.Op, e.Args[0], e.Args[1], e.Args[2], e.Result)
}

// builder evaluates a straight-line primitive program. When rec is set it
// records every step as an Entry.
type builder struct {
	ins     []Tensor
	isConst []bool
	rec     bool
	n       int // entries emitted
	entries []Entry
}

var none = Operand{}

func imm(w uint32) Operand   { return Operand{Kind: ArgImm, Word: w} }
func immf(f float32) Operand { return imm(math.Float32bits(f)) }
func (o Operand) f() float32 { return math.Float32frombits(o.Word) }
func (b *builder) in(slot, idx int) Operand {
	k := ArgInput
	if b.isConst != nil && b.isConst[slot] {
		k = ArgConst
		idx = 0
	}
	return Operand{Kind: k, Slot: slot, Index: idx, Word: math.Float32bits(b.ins[slot].Data[idx])}
}

// inAt reads input slot at the element whose index is the word of entry e.
func (b *builder) inAt(slot int, e Operand) Operand {
	if e.Kind != ArgEntry {
		panic("repops: inAt needs an entry operand")
	}
	return Operand{Kind: ArgInputAt, Slot: slot, Index: e.Index, Word: math.Float32bits(b.ins[slot].Data[e.Word])}
}

func (b *builder) emit(op Prim, x, y, z Operand) Operand {
	r := Exec(op, x.Word, y.Word, z.Word)
	idx := b.n
	b.n++
	if b.rec {
		b.entries = append(b.entries, Entry{Op: op, Args: [3]Operand{x, y, z}, Result: r})
	}
	return Operand{Kind: ArgEntry, Index: idx, Word: r}
}

func (b *builder) op1(op Prim, x Operand) Operand    { return b.emit(op, x, none, none) }
func (b *builder) op2(op Prim, x, y Operand) Operand { return b.emit(op, x, y, none) }

// Replay re-executes an element trace primitive by primitive: every ArgEntry
// and ArgInputAt operand must reference an earlier entry, and every operand
// word must equal what it references. It returns the last entry's result.
func Replay(entries []Entry) (uint32, error) {
	if len(entries) == 0 {
		return 0, fmt.Errorf("repops: empty trace")
	}
	for i, e := range entries {
		if !e.Op.Valid() {
			return 0, fmt.Errorf("repops: entry %d: bad primitive %v", i, e.Op)
		}
		for s, a := range e.Args {
			switch a.Kind {
			case ArgEntry:
				if a.Index >= i || entries[a.Index].Result != a.Word {
					return 0, fmt.Errorf("repops: entry %d operand %d: bad entry reference", i, s)
				}
			case ArgInputAt:
				if a.Index >= i {
					return 0, fmt.Errorf("repops: entry %d operand %d: bad address reference", i, s)
				}
			case ArgNone:
				if a.Word != 0 {
					return 0, fmt.Errorf("repops: entry %d operand %d: unused slot not zero", i, s)
				}
			}
		}
		if r := Exec(e.Op, e.Args[0].Word, e.Args[1].Word, e.Args[2].Word); r != e.Result {
			return 0, fmt.Errorf("repops: entry %d: %v gives %#08x, trace says %#08x", i, e.Op, r, e.Result)
		}
	}
	return entries[len(entries)-1].Result, nil
}

// TraceSkeleton returns the structure of the element trace of element e of
// an operator with the given input shapes, without any input data: every
// entry's primitive, every operand's Kind, Slot and Index, and the words of
// immediates are those of the real trace; the other words and the results
// are 0. It shows that the structure depends only on (operator, attributes,
// shapes, element, entry index).
func TraceSkeleton(op OpKind, attrs []uint32, inShapes [][]int, isConst []bool, e int) ([]Entry, error) {
	ins := make([]Tensor, len(inShapes))
	for i, s := range inShapes {
		ins[i] = Tensor{Shape: s, Data: make([]float32, numElems(s))}
	}
	if _, err := OutShape(op, attrs, inShapes, max(1, e+1)); err != nil {
		return nil, err
	}
	es, err := ElementTrace(op, attrs, ins, isConst, e)
	if err != nil {
		return nil, err
	}
	for i := range es {
		es[i].Result = 0
		for s := range es[i].Args {
			if es[i].Args[s].Kind != ArgImm {
				es[i].Args[s].Word = 0
			}
		}
	}
	return es, nil
}

// VerifyElementTrace checks a revealed element trace of element e: its
// structure must equal TraceSkeleton's, every input and constant operand word
// must equal the input data, and it must replay (Replay). It returns the
// element word.
func VerifyElementTrace(op OpKind, attrs []uint32, inputs []Tensor, isConst []bool, e int, entries []Entry) (uint32, error) {
	shapes := make([][]int, len(inputs))
	for i, t := range inputs {
		if len(t.Data) != numElems(t.Shape) {
			return 0, fmt.Errorf("repops: input %d data does not match its shape", i)
		}
		shapes[i] = t.Shape
	}
	sk, err := TraceSkeleton(op, attrs, shapes, isConst, e)
	if err != nil {
		return 0, err
	}
	if len(sk) != len(entries) {
		return 0, fmt.Errorf("repops: trace has %d entries, want %d", len(entries), len(sk))
	}
	for i, want := range sk {
		got := entries[i]
		if got.Op != want.Op {
			return 0, fmt.Errorf("repops: entry %d is %v, want %v", i, got.Op, want.Op)
		}
		for s := range got.Args {
			g, w := got.Args[s], want.Args[s]
			if g.Kind != w.Kind || g.Slot != w.Slot || g.Index != w.Index || (w.Kind == ArgImm && g.Word != w.Word) {
				return 0, fmt.Errorf("repops: entry %d operand %d is %v, want the shape of %v", i, s, g, w)
			}
			var val uint32
			switch g.Kind {
			case ArgInput:
				val = math.Float32bits(inputs[g.Slot].Data[g.Index])
			case ArgConst:
				val = math.Float32bits(inputs[g.Slot].Data[0])
			case ArgInputAt:
				k := entries[g.Index].Result
				if int64(k) >= int64(len(inputs[g.Slot].Data)) {
					return 0, fmt.Errorf("repops: entry %d operand %d: address %d out of range", i, s, k)
				}
				val = math.Float32bits(inputs[g.Slot].Data[k])
			default:
				continue
			}
			if g.Word != val {
				return 0, fmt.Errorf("repops: entry %d operand %d: word %#08x, input holds %#08x", i, s, g.Word, val)
			}
		}
	}
	return Replay(entries)
}
