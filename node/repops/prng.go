package repops

// The RepOps PRNG is Philox4x32-10 (Salmon et al., SC'11), built only from
// the primitives IMUL, IMULHI, XOR and IADD. Random word (seed, stream,
// counter, index) is output word 0 of Philox4x32-10 applied to the counter
// block (index, counter, stream, 0) under the key (seed low 32 bits, seed
// high 32 bits). It is a pure function: there is no generator state.

const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9
	philoxW1 = 0xBB67AE85
)

// Streams used by the project.
const (
	StreamBatch = 1 // batch sampling: counter = step, index = batch row
	StreamInit  = 2 // parameter init: stream StreamInit + l - 1 for W{l}; counter 0; index = element
)

// philoxProg emits Philox4x32-10 of counter block x under key k: 10 rounds
// of 10 entries (IMULHI, IMUL, IMULHI, IMUL, XOR, XOR, XOR, XOR, then the
// key bump IADD, IADD; the last round has no key bump, so 98 entries).
// Round: hi0,lo0 = M0*x0; hi1,lo1 = M1*x2;
// x = (hi1^x1^k0, lo1, hi0^x3^k1, lo0); k0 += W0; k1 += W1.
func philoxProg(b *builder, x [4]Operand, k [2]Operand) [4]Operand {
	for round := 0; round < 10; round++ {
		hi0 := b.op2(IMULHI, imm(philoxM0), x[0])
		lo0 := b.op2(IMUL, imm(philoxM0), x[0])
		hi1 := b.op2(IMULHI, imm(philoxM1), x[2])
		lo1 := b.op2(IMUL, imm(philoxM1), x[2])
		y0 := b.op2(XOR, hi1, x[1])
		y0 = b.op2(XOR, y0, k[0])
		y2 := b.op2(XOR, hi0, x[3])
		y2 = b.op2(XOR, y2, k[1])
		x = [4]Operand{y0, lo1, y2, lo0}
		if round < 9 {
			k[0] = b.op2(IADD, k[0], imm(philoxW0))
			k[1] = b.op2(IADD, k[1], imm(philoxW1))
		}
	}
	return x
}

// Philox4x32 computes Philox4x32-10 directly (the same function as
// philoxProg, used for speed and known-answer tests).
func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	for round := 0; round < 10; round++ {
		p0 := uint64(philoxM0) * uint64(ctr[0])
		p1 := uint64(philoxM1) * uint64(ctr[2])
		ctr = [4]uint32{
			uint32(p1>>32) ^ ctr[1] ^ key[0], uint32(p1),
			uint32(p0>>32) ^ ctr[3] ^ key[1], uint32(p0),
		}
		key[0] += philoxW0
		key[1] += philoxW1
	}
	return ctr
}

// RandomWord returns random word (seed, stream, counter, index).
func RandomWord(seed uint64, stream, counter, index uint32) uint32 {
	return Philox4x32([4]uint32{index, counter, stream, 0}, [2]uint32{uint32(seed), uint32(seed >> 32)})[0]
}

// Uniform01 maps a random word to [0, 1): U2F(SHR(w, 8)) * 2^-24 (exact).
func Uniform01(w uint32) float32 {
	return Mul(f32(Exec(U2F, w>>8, 0, 0)), f32(0x33800000))
}

// randomWordProg emits RandomWord with the counter given as an operand.
func randomWordProg(b *builder, seed uint64, stream uint32, counter, index Operand) Operand {
	out := philoxProg(b, [4]Operand{index, counter, imm(stream), imm(0)},
		[2]Operand{imm(uint32(seed)), imm(uint32(seed >> 32))})
	return out[0]
}
