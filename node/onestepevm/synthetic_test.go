package onestepevm

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/repops"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// syntheticCase returns an operator's attributes and input shapes drawn
// from small dimensions d (at least 1 each), as repops.OutShape accepts them.
func syntheticCase(op repops.OpKind, d [4]int, power2, vecTable bool) ([]uint32, [][]int) {
	m, k, n, b := d[0], d[1], d[2], d[3]
	one := []int{1}
	switch op {
	case repops.OpMatMul:
		return nil, [][]int{{m, k}, {k, n}}
	case repops.OpMatMulTN:
		return nil, [][]int{{k, m}, {k, n}}
	case repops.OpMatMulNT:
		return nil, [][]int{{m, k}, {n, k}}
	case repops.OpBiasAdd:
		return nil, [][]int{{m, n}, {n}}
	case repops.OpReLU:
		return nil, [][]int{{m, n}}
	case repops.OpReLUGrad:
		return nil, [][]int{{m, n}, {m, n}}
	case repops.OpColSum, repops.OpLogSumExp:
		return nil, [][]int{{m, n}}
	case repops.OpBatchIndex:
		return []uint32{uint32(m*977 + n), uint32(k), uint32(b + 1)}, [][]int{one}
	case repops.OpGather:
		if vecTable {
			return nil, [][]int{{m}, {b}}
		}
		return nil, [][]int{{m, n}, {b}}
	case repops.OpSoftmaxXentLoss, repops.OpSoftmaxXentGrad:
		return nil, [][]int{{m, n}, {m}, {m}}
	case repops.OpMean:
		return nil, [][]int{{m * n}}
	case repops.OpSGDVelocity, repops.OpSGDParam:
		return nil, [][]int{{m, n}, {m, n}, one}
	case repops.OpAdamMoment:
		p := uint32(1)
		if power2 {
			p = 2
		}
		return []uint32{p}, [][]int{{m, n}, {m, n}, one}
	case repops.OpScalarMul:
		return nil, [][]int{one, one}
	case repops.OpAdamParam:
		return nil, [][]int{{m, n}, {m, n}, {m, n}, one, one, one, one}
	case repops.OpIncrement:
		return nil, [][]int{one}
	}
	return lmSyntheticCase(op, d, power2)
}

// lmSyntheticCase is syntheticCase of the transformer operators: B = m
// windows of C = k tokens, H = b heads of width n (d = b*n), R = m rows of
// positions, V = b tokens; flag picks the causal mask and zero warm-up.
func lmSyntheticCase(op repops.OpKind, d [4]int, flag bool) ([]uint32, [][]int) {
	m, k, n, b := d[0], d[1], d[2], d[3]
	one := []int{1}
	M, dm := m*k, b*n
	f := func(x float32) uint32 { return math.Float32bits(x) }
	causal := uint32(0)
	if flag {
		causal = 1
	}
	switch op {
	case repops.OpWindowIndex:
		return []uint32{uint32(k), uint32(n % 2)}, [][]int{{b}}
	case repops.OpAdd, repops.OpSiLUGrad:
		return nil, [][]int{{m, n}, {m, n}}
	case repops.OpSiLU:
		return nil, [][]int{{m, n, k}}
	case repops.OpPosAdd:
		return nil, [][]int{{m * b, n}, {m, n}}
	case repops.OpRowGroupSum:
		return []uint32{uint32(m)}, [][]int{{m * b, n}}
	case repops.OpAttnScores:
		return []uint32{uint32(b), uint32(k), f(0.125), causal}, [][]int{{M, dm}, {M, dm}}
	case repops.OpAttnApply, repops.OpAttnApplyT:
		return []uint32{uint32(b)}, [][]int{{M * b, k}, {M, dm}}
	case repops.OpSoftmaxRow:
		return nil, [][]int{{m, n}, {m}}
	case repops.OpRowDot:
		return nil, [][]int{{m, n}, {m, n}}
	case repops.OpSoftmaxGrad:
		return []uint32{f(0.5)}, [][]int{{m, n}, {m, n}, {m}}
	case repops.OpRMSInv:
		return []uint32{f(1e-5)}, [][]int{{m, n}}
	case repops.OpRMSNorm:
		return nil, [][]int{{m, n}, {m}, {n}}
	case repops.OpRMSNormRowDot:
		return nil, [][]int{{m, n}, {m, n}, {n}}
	case repops.OpRMSNormGradX:
		return nil, [][]int{{m, n}, {m, n}, {m}, {n}, {m}}
	case repops.OpRMSNormGradG:
		return nil, [][]int{{m, n}, {m, n}, {m}}
	case repops.OpEmbedGrad:
		return []uint32{uint32(b)}, [][]int{{M, n}, {M}}
	case repops.OpAdamWParam:
		return nil, [][]int{{m, n}, {m, n}, {m, n}, one, one, one, one, one}
	case repops.OpLRSchedule:
		warm := f(float32(k))
		if flag {
			warm = 0
		}
		return []uint32{f(3e-4), warm, f(float32(k + n)), f(float32(n))}, [][]int{one}
	case repops.OpSumSq:
		return nil, [][]int{{m, n, k}}
	case repops.OpClipScale:
		return []uint32{f(1)}, [][]int{one}
	case repops.OpScaleBy:
		return nil, [][]int{{m, n}, one}
	}
	return nil, nil
}

// checkDecode compares the contract's decoding of entries ks of element e
// with repops.TraceSkeleton. It reports false if the case is not a valid
// operator application (the skeleton rejects it).
func checkDecode(t testing.TB, evm *EVM, op repops.OpKind, attrs []uint32, shapes [][]int, isConst []bool, e int, ks []int) bool {
	t.Helper()
	sk, err := repops.TraceSkeleton(op, attrs, shapes, isConst, e)
	if err != nil {
		return false
	}
	var mask uint64
	sh32 := make([][]uint32, len(shapes))
	for s, sh := range shapes {
		for _, x := range sh {
			sh32[s] = append(sh32[s], uint32(x))
		}
		if sh32[s] == nil {
			sh32[s] = []uint32{}
		}
		if isConst[s] {
			mask |= 1 << s
		}
	}
	for _, k := range ks {
		k %= len(sk)
		want, err := trainer.EntryItem(sk[k])
		if err != nil {
			t.Fatal(err)
		}
		got, length, err := evm.Decode(uint8(op), attrs, sh32, mask, e, k)
		if err != nil {
			t.Fatalf("%v %v const %v element %d entry %d: %v", op, shapes, isConst, e, k, err)
		}
		if length != uint64(len(sk)) || commit.Hash(got) != want {
			t.Fatalf("%v %v const %v element %d entry %d: got %x (len %d), want %x (len %d) %v", op, shapes, isConst, e, k, got, length, want, len(sk), sk[k])
		}
	}
	return true
}

// TestDecodeSyntheticShapes: every operator over random small shapes, with
// random constant flags on every slot, against TraceSkeleton.
func TestDecodeSyntheticShapes(t *testing.T) {
	evm := newEVM(t)
	rng := rand.New(rand.NewPCG(7, 8))
	checked := map[repops.OpKind]int{}
	for range 40 {
		for _, op := range repops.AllOps() {
			d := [4]int{1 + rng.IntN(6), 1 + rng.IntN(6), 1 + rng.IntN(6), 1 + rng.IntN(6)}
			attrs, shapes := syntheticCase(op, d, rng.IntN(2) == 0, rng.IntN(2) == 0)
			isConst := make([]bool, len(shapes))
			for s := range isConst {
				isConst[s] = rng.IntN(3) == 0
			}
			if op == repops.OpGather {
				isConst[0] = false // an addressed table is never a constant
			}
			batch := d[3] + 1
			out, err := repops.OutShape(op, attrs, shapes, batch)
			if err != nil {
				t.Fatalf("%v %v: %v", op, shapes, err)
			}
			nout := numel(out)
			e := rng.IntN(nout)
			ks := []int{0, 1 << 30}
			for range 12 {
				ks = append(ks, rng.IntN(1<<20))
			}
			for i := range ks {
				if ks[i] == 1<<30 {
					ks[i] = -1
				}
			}
			sk, err := repops.TraceSkeleton(op, attrs, shapes, isConst, e)
			if err != nil {
				t.Fatalf("%v %v: %v", op, shapes, err)
			}
			for i := range ks {
				if ks[i] < 0 {
					ks[i] = len(sk) - 1
				}
			}
			if checkDecode(t, evm, op, attrs, shapes, isConst, e, ks) {
				checked[op]++
			}
		}
	}
	for _, op := range repops.AllOps() {
		if checked[op] == 0 {
			t.Errorf("%v: no synthetic case checked", op)
		}
	}
}

// FuzzDecode: go test ./node/onestepevm -run XXX -fuzz FuzzDecode
func FuzzDecode(f *testing.F) {
	f.Add(uint8(1), uint8(3), uint8(4), uint8(5), uint8(2), uint16(7), uint16(3), uint8(0), false)
	f.Add(uint8(0x0A), uint8(2), uint8(1), uint8(10), uint8(1), uint16(1), uint16(300), uint8(0), false)
	f.Add(uint8(0x09), uint8(9), uint8(1), uint8(3), uint8(4), uint16(5), uint16(3), uint8(0), true)
	f.Add(uint8(0x12), uint8(2), uint8(2), uint8(2), uint8(1), uint16(3), uint16(8), uint8(0x78), false)
	evm, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, opb, m, k, n, b uint8, e, entry uint16, constBits uint8, flag bool) {
		ops := repops.AllOps()
		op := ops[int(opb)%len(ops)]
		d := [4]int{1 + int(m%12), 1 + int(k%12), 1 + int(n%12), 1 + int(b%12)}
		attrs, shapes := syntheticCase(op, d, flag, flag)
		isConst := make([]bool, len(shapes))
		for s := range isConst {
			isConst[s] = constBits>>s&1 == 1
		}
		if op == repops.OpGather {
			isConst[0] = false
		}
		out, err := repops.OutShape(op, attrs, shapes, d[3]+1)
		if err != nil {
			t.Skip()
		}
		checkDecode(t, evm, op, attrs, shapes, isConst, int(e)%numel(out), []int{int(entry)})
	})
}
