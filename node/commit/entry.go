package commit

import "encoding/binary"

// EntryOperand is one operand reference of an element-trace entry: its kind
// (the RepOps operand kind: 0 none, 1 input element, 2 earlier entry, 3
// graph constant, 4 immediate, 5 input element addressed by an entry's
// result), the operator input slot it reads, and Ref: the element index
// (kind 1), the entry index (kinds 2 and 5), the immediate word (kind 4), or
// 0 (kinds 0 and 3).
type EntryOperand struct {
	Kind uint8
	Slot uint8
	Ref  uint32
}

// EntryItem returns the 32-byte list item of one element-trace entry:
//
//	byte 0       primitive code
//	bytes 1..18  three operands, 6 bytes each: kind, slot, Ref (uint32be)
//	bytes 19..22 the result word (uint32be)
//	bytes 23..31 zero
//
// ElementTraceRoot commits a trace's items; entry i is proven with
// ListProof(items, i).
func EntryItem(prim uint8, args [3]EntryOperand, result uint32) Hash {
	var item Hash
	item[0] = prim
	for i, a := range args {
		o := 1 + 6*i
		item[o] = a.Kind
		item[o+1] = a.Slot
		binary.BigEndian.PutUint32(item[o+2:], a.Ref)
	}
	binary.BigEndian.PutUint32(item[19:], result)
	return item
}
