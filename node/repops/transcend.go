package repops

// Transcendental functions as fixed straight-line primitive programs. The
// immediates below are part of the definition (documented in docs/repops.md).

// Constants of exp.
const (
	expLo     = 0xC2D00000 // -104.0: exp(x) rounds to +0 below this
	expHi     = 0x42B20000 // 89.0: exp(x) overflows above 88.73
	expLog2e  = 0x3FB8AA3B // 1.44269502 = float32(log2(e))
	expRound  = 0x4B400000 // 12582912 = 1.5*2^23 (round-to-integer shifter)
	expNLn2Hi = 0xBF317218 // -0.693147182 = -float32(ln 2)
	expNLn2Lo = 0x3102E308 // 1.90465421e-09 = -(ln2 - float32(ln2)) rounded
)

// expCoef are the Taylor coefficients 1/k! (k = 7 down to 0) as float32.
var expCoef = [8]uint32{
	0x39500D01, // 1/5040
	0x3AB60B61, // 1/720
	0x3C088889, // 1/120
	0x3D2AAAAB, // 1/24
	0x3E2AAAAB, // 1/6
	0x3F000000, // 1/2
	0x3F800000, // 1
	0x3F800000, // 1
}

// expProg emits exp(x): 24 entries.
//
//	0 MAX(x, -104)            clamp (NaN propagates)
//	1 MIN(e0, 89)
//	2 MUL(e1, log2e)          k = x*log2(e)
//	3 ADD(e2, 1.5*2^23)       round k to an integer n (RNE) ...
//	4 SUB(e3, 1.5*2^23)       ... n as a float, in [-150, 128]
//	5 FMA(e4, -ln2hi, e1)     r = x - n*ln2hi (exact)
//	6 FMA(e4, ln2lo', e5)     r = r - n*ln2lo
//	7..13 Horner with FMA:    p = FMA(p, r, c_k), p starting at c7=1/5040
//	14 F2I(e4)                n as int32
//	15 IADD(e14, 256)         n+256 > 0
//	16 SHR(e15, 1)            h = floor(n/2) + 128
//	17 ISUB(e16, 1)           exponent field of 2^n1, n1 = h-128
//	18 SHL(e17, 23)           s1 = 2^n1
//	19 IADD(e14, 255)
//	20 ISUB(e19, e16)         exponent field of 2^n2, n2 = n-n1
//	21 SHL(e20, 23)           s2 = 2^n2
//	22 MUL(e13, e18)          p*2^n1 (exact)
//	23 MUL(e22, e21)          (p*2^n1)*2^n2 (the only rounding into subnormals/overflow)
func expProg(b *builder, x Operand) Operand {
	c := b.op2(MAX, x, imm(expLo))
	c = b.op2(MIN, c, imm(expHi))
	k := b.op2(MUL, c, imm(expLog2e))
	k = b.op2(ADD, k, imm(expRound))
	n := b.op2(SUB, k, imm(expRound))
	r := b.emit(FMA, n, imm(expNLn2Hi), c)
	r = b.emit(FMA, n, imm(expNLn2Lo), r)
	p := imm(expCoef[0])
	for i := 1; i < len(expCoef); i++ {
		p = b.emit(FMA, p, r, imm(expCoef[i]))
	}
	ni := b.op1(F2I, n)
	u := b.op2(IADD, ni, imm(256))
	h := b.op2(SHR, u, imm(1))
	f1 := b.op2(ISUB, h, imm(1))
	s1 := b.op2(SHL, f1, imm(23))
	t := b.op2(IADD, ni, imm(255))
	f2 := b.op2(ISUB, t, h)
	s2 := b.op2(SHL, f2, imm(23))
	y := b.op2(MUL, p, s1)
	return b.op2(MUL, y, s2)
}

// Constants of log (the polynomial is fdlibm's logf kernel).
const (
	logMinNormal = 0x00800000 // 2^-126
	logTwo23     = 0x4B000000 // 2^23
	logSqrt2     = 0x3FB504F3 // float32(sqrt 2)
	logLn2Hi     = 0x3F317180 // 6.9313812256e-01 (17 significant bits)
	logLn2Lo     = 0x3717F7D1 // 9.0580006145e-06
	f32Inf       = 0x7F800000
	f32NegInf    = 0xFF800000
	f32One       = 0x3F800000
	f32Half      = 0x3F000000
	f32Two       = 0x40000000
)

// logCoef are Lg7 down to Lg1 of fdlibm's logf.
var logCoef = [7]uint32{
	0x3E178897, // Lg7 1.4798198640e-01
	0x3E1CD04F, // Lg6 1.5313838422e-01
	0x3E3A3325, // Lg5 1.8183572590e-01
	0x3E638E29, // Lg4 2.2222198546e-01
	0x3E924925, // Lg3 2.8571429849e-01
	0x3ECCCCCD, // Lg2 4.0000000596e-01
	0x3F2AAAAB, // Lg1 6.6666668653e-01
}

// logProg emits log(x): 40 entries.
//
//	0 LT(x, 2^-126)           subnormal (or zero/negative) flag
//	1 MUL(x, 2^23)
//	2 SELECT(e1, x, e0)       xs: normalized input
//	3 SHR(e2, 23)             biased exponent
//	4 SELECT(150, 127, e0)    bias (+23 for scaled subnormals)
//	5 ISUB(e3, e4)            e = unbiased exponent (int32)
//	6 AND(e2, 0x7FFFFF)
//	7 OR(e6, 1.0)             m in [1, 2)
//	8 LT(sqrt2, e7)           m > sqrt2 ?
//	9 MUL(e7, 0.5)
//	10 SELECT(e9, e7, e8)     m in [sqrt2/2, sqrt2]
//	11 IADD(e5, e8)           e adjusted
//	12 SUB(e10, 1.0)          f = m-1 (exact)
//	13 MUL(0.5, e12)
//	14 MUL(e13, e12)          hfsq = f*f/2
//	15 ADD(2.0, e12)
//	16 DIV(e12, e15)          s = f/(2+f)
//	17 MUL(e16, e16)          z = s*s
//	18..23 Horner with FMA:   q = FMA(q, z, Lg_k), q starting at Lg7
//	24 MUL(e23, e17)          R = z*q
//	25 I2F(e11)               dk
//	26 ADD(e14, e24)          hfsq + R
//	27 MUL(e16, e26)          s*(hfsq+R)
//	28 FMA(e25, ln2lo, e27)   + dk*ln2lo
//	29 SUB(e14, e28)          hfsq - (...)
//	30 SUB(e12, e29)          f - (...)
//	31 FMA(e25, ln2hi, e30)   y = dk*ln2hi + (...)
//	32 EQ(x, +inf)
//	33 SELECT(x, e31, e32)    log(+inf) = +inf
//	34 EQ(x, 0)
//	35 SELECT(-inf, e33, e34) log(+-0) = -inf
//	36 LT(x, 0)
//	37 SELECT(NaN, e35, e36)  log(negative) = NaN
//	38 EQ(x, x)
//	39 SELECT(e37, NaN, e38)  log(NaN) = NaN
func logProg(b *builder, x Operand) Operand {
	sub := b.op2(LT, x, imm(logMinNormal))
	sc := b.op2(MUL, x, imm(logTwo23))
	xs := b.emit(SELECT, sc, x, sub)
	ex := b.op2(SHR, xs, imm(23))
	bias := b.emit(SELECT, imm(150), imm(127), sub)
	e := b.op2(ISUB, ex, bias)
	m := b.op2(AND, xs, imm(0x007FFFFF))
	m = b.op2(OR, m, imm(f32One))
	big := b.op2(LT, imm(logSqrt2), m)
	mh := b.op2(MUL, m, imm(f32Half))
	m = b.emit(SELECT, mh, m, big)
	e = b.op2(IADD, e, big)
	f := b.op2(SUB, m, imm(f32One))
	hf := b.op2(MUL, imm(f32Half), f)
	hfsq := b.op2(MUL, hf, f)
	d := b.op2(ADD, imm(f32Two), f)
	s := b.op2(DIV, f, d)
	z := b.op2(MUL, s, s)
	q := imm(logCoef[0])
	for i := 1; i < len(logCoef); i++ {
		q = b.emit(FMA, q, z, imm(logCoef[i]))
	}
	R := b.op2(MUL, q, z)
	dk := b.op1(I2F, e)
	t := b.op2(ADD, hfsq, R)
	t = b.op2(MUL, s, t)
	t = b.emit(FMA, dk, imm(logLn2Lo), t)
	t = b.op2(SUB, hfsq, t)
	t = b.op2(SUB, f, t)
	y := b.emit(FMA, dk, imm(logLn2Hi), t)
	c := b.op2(EQ, x, imm(f32Inf))
	y = b.emit(SELECT, x, y, c)
	c = b.op2(EQ, x, imm(0))
	y = b.emit(SELECT, imm(f32NegInf), y, c)
	c = b.op2(LT, x, imm(0))
	y = b.emit(SELECT, imm(CanonicalNaN), y, c)
	c = b.op2(EQ, x, x)
	return b.emit(SELECT, y, imm(CanonicalNaN), c)
}

// Exp returns RepOps exp(x) (the program of expProg).
func Exp(x float32) float32 {
	var b builder
	return expProg(&b, immf(x)).f()
}

// Log returns RepOps log(x) (the program of logProg).
func Log(x float32) float32 {
	var b builder
	return logProg(&b, immf(x)).f()
}

// TraceExp returns the entries of exp(x); the input appears as ArgImm.
func TraceExp(x float32) []Entry {
	b := builder{rec: true}
	expProg(&b, immf(x))
	return b.entries
}

// TraceLog returns the entries of log(x); the input appears as ArgImm.
func TraceLog(x float32) []Entry {
	b := builder{rec: true}
	logProg(&b, immf(x))
	return b.entries
}
