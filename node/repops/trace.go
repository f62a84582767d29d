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
