package trainer

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/gensyn-stack/gensyn/internal/memreport"
	"github.com/gensyn-stack/gensyn/node/repops"
)

// plainMLP is the yardstick of the step benchmarks: one training step of
// the same model (ReLU MLP, mean softmax cross-entropy, Adam) written as
// straightforward float32 Go loops over preallocated buffers, calling the
// same matrix-product kernel (repops.MatMul) as RepOps. It is NOT RepOps:
// exp and log come from the math package, nothing is canonicalized, Adam
// updates the parameters in place. It only sets the speed RepOps is held to.
type plainMLP struct {
	layers      []int
	batch, rows int
	seed        uint64
	lr, b1, b2  float32
	eps         float32
	b1t, b2t    float32
	step        uint32
	x, y        []float32 // dataset [rows, features], labels [rows]

	w, b, mw, mb, vw, vb [][]float32 // per layer l = 1..L at index l-1
	dw, db               [][]float32
	h                    [][]float32 // h[0] = the batch, h[l] = ReLU(a[l]) for hidden l
	a, da                [][]float32 // pre-activations and their gradients, per layer
	labels               []int
}

func newPlainMLP(cfg repops.MLPConfig, st []repops.Tensor, data repops.Dataset) *plainMLP {
	L := len(cfg.Layers) - 1
	p := &plainMLP{
		layers: cfg.Layers, batch: cfg.BatchSize, rows: data.X.Shape[0], seed: cfg.Seed,
		lr: cfg.LR, b1: cfg.Beta1, b2: cfg.Beta2, eps: cfg.Eps, b1t: 1, b2t: 1,
		x: data.X.Data, y: data.Y.Data, labels: make([]int, cfg.BatchSize),
	}
	cp := func(t repops.Tensor) []float32 { return append([]float32(nil), t.Data...) }
	B := cfg.BatchSize
	p.h = append(p.h, make([]float32, B*cfg.Layers[0]))
	for l := 1; l <= L; l++ {
		in, out := cfg.Layers[l-1], cfg.Layers[l]
		p.w = append(p.w, cp(st[2*(l-1)]))
		p.b = append(p.b, cp(st[2*(l-1)+1]))
		p.mw = append(p.mw, make([]float32, in*out))
		p.mb = append(p.mb, make([]float32, out))
		p.vw = append(p.vw, make([]float32, in*out))
		p.vb = append(p.vb, make([]float32, out))
		p.dw = append(p.dw, make([]float32, in*out))
		p.db = append(p.db, make([]float32, out))
		p.a = append(p.a, make([]float32, B*out))
		p.da = append(p.da, make([]float32, B*out))
		if l < L {
			p.h = append(p.h, make([]float32, B*out))
		}
	}
	return p
}

// Step runs one training step and returns the mean batch loss.
func (p *plainMLP) Step() float32 {
	L := len(p.layers) - 1
	B, F := p.batch, p.layers[0]
	for r := 0; r < B; r++ {
		i := int(repops.RandomWord(p.seed, repops.StreamBatch, p.step, uint32(r)) % uint32(p.rows))
		copy(p.h[0][r*F:(r+1)*F], p.x[i*F:(i+1)*F])
		p.labels[r] = int(p.y[i])
	}
	// Forward.
	for l := 1; l <= L; l++ {
		in, out := p.layers[l-1], p.layers[l]
		a := p.a[l-1]
		repops.MatMul(repops.FormNN, a, p.h[l-1], p.w[l-1], B, in, out)
		bias := p.b[l-1]
		for r := 0; r < B; r++ {
			row := a[r*out : (r+1)*out]
			for j := range row {
				row[j] += bias[j]
			}
		}
		if l < L {
			h := p.h[l]
			for i, v := range a {
				h[i] = max(v, 0)
			}
		}
	}
	// Softmax cross-entropy and its gradient.
	C := p.layers[L]
	logits, grad := p.a[L-1], p.da[L-1]
	var loss float32
	for r := 0; r < B; r++ {
		row, g := logits[r*C:(r+1)*C], grad[r*C:(r+1)*C]
		mx := row[0]
		for _, v := range row[1:] {
			mx = max(mx, v)
		}
		var sum float32
		for j, v := range row {
			e := float32(math.Exp(float64(v - mx)))
			g[j] = e
			sum += e
		}
		loss += mx + float32(math.Log(float64(sum))) - row[p.labels[r]]
		for j := range g {
			g[j] /= sum
		}
		g[p.labels[r]] -= 1
		for j := range g {
			g[j] /= float32(B)
		}
	}
	loss /= float32(B)
	// Backward.
	for l := L; l >= 1; l-- {
		in, out := p.layers[l-1], p.layers[l]
		da := p.da[l-1]
		repops.MatMul(repops.FormTN, p.dw[l-1], p.h[l-1], da, in, B, out)
		db := p.db[l-1]
		copy(db, da[:out])
		for r := 1; r < B; r++ {
			for j, v := range da[r*out : (r+1)*out] {
				db[j] += v
			}
		}
		if l > 1 {
			dh := p.da[l-2]
			repops.MatMul(repops.FormNT, dh, da, p.w[l-1], B, out, in)
			for i, v := range p.a[l-2] {
				if !(v > 0) {
					dh[i] = 0
				}
			}
		}
	}
	// Adam.
	p.b1t *= p.b1
	p.b2t *= p.b2
	c1, c2 := 1-p.b1t, 1-p.b2t
	adam := func(w, m, v, g []float32) {
		for i, gi := range g {
			m[i] = p.b1*m[i] + (1-p.b1)*gi
			v[i] = p.b2*v[i] + (1-p.b2)*gi*gi
			w[i] -= p.lr * (m[i] / c1) / (float32(math.Sqrt(float64(v[i]/c2))) + p.eps)
		}
	}
	for l := 0; l < L; l++ {
		adam(p.w[l], p.mw[l], p.vw[l], p.dw[l])
		adam(p.b[l], p.mb[l], p.vb[l], p.db[l])
	}
	p.step++
	return loss
}

// mlp1024Trainer is the trainer of a [784, 1024, 1024, 10] MLP with Adam at
// batch 128 over 512 training rows of random data (the dataset hash is made
// up: the trainer only compares it with the spec's).
func mlp1024Trainer(t testing.TB) *Trainer {
	t.Helper()
	s, d := memreport.Job("step benchmark", []int{784, 1024, 1024, 10}, 513, 128, 1<<20, 1<<10)
	tr, err := New(s, d, Options{SkipEval: true})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestPlainMLPLearns keeps the yardstick honest: it is the same model and
// it trains (its loss on the example falls like RepOps' does).
func TestPlainMLPLearns(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	p := newPlainMLP(tr.cfg, st.Tensors, tr.train)
	var first, last float32
	for i := 0; i < 300; i++ {
		l := p.Step()
		if i < 10 {
			first += l / 10
		}
		if i >= 290 {
			last += l / 10
		}
	}
	var rfirst float32
	for i := 0; i < 10; i++ {
		var l float32
		if st, l, err = tr.Step(st); err != nil {
			t.Fatal(err)
		}
		rfirst += l / 10
	}
	if math.Abs(float64(first-rfirst)) > 0.05*float64(rfirst) {
		t.Fatalf("plain loop's first losses %v, RepOps' %v", first, rfirst)
	}
	if !(last < first/4) {
		t.Fatalf("plain loop did not learn: loss %v -> %v", first, last)
	}
}

// benchStep measures the step of the training loop (Advance, as Run
// does), starting over from the initial state at the job's last step.
func benchStep(b *testing.B, tr *Trainer) {
	init, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	st := init.clone()
	if _, err := tr.Advance(init.clone()); err != nil { // builds the trainer's buffers
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if st.Step == uint64(tr.Spec().Steps) {
			st = init.clone()
		}
		if _, err := tr.Advance(st); err != nil {
			b.Fatal(err)
		}
	}
}

func benchPlain(b *testing.B, tr *Trainer) {
	st, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	p := newPlainMLP(tr.cfg, st.Tensors, tr.train)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Step()
	}
}

// benchRatio alternates RepOps steps and plain steps in one loop and
// reports the ratio of their median step times (x-plain) and of their
// fastest steps (x-plain-min), which the machine's load affects much less
// than two separate benchmarks.
func benchRatio(b *testing.B, tr *Trainer) {
	init, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	st := init.clone()
	if _, err := tr.Advance(init.clone()); err != nil { // builds the trainer's buffers
		b.Fatal(err)
	}
	p := newPlainMLP(tr.cfg, init.Tensors, tr.train)
	ours, plain := make([]time.Duration, b.N), make([]time.Duration, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if st.Step == uint64(tr.Spec().Steps) {
			st = init.clone()
		}
		t0 := time.Now()
		if _, err := tr.Advance(st); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		p.Step()
		t2 := time.Now()
		ours[i], plain[i] = t1.Sub(t0), t2.Sub(t1)
	}
	b.StopTimer()
	slices.Sort(ours)
	slices.Sort(plain)
	mo, mp := ours[len(ours)/2], plain[len(plain)/2]
	b.ReportMetric(float64(mo)/float64(mp), "x-plain")
	b.ReportMetric(float64(ours[0])/float64(plain[0]), "x-plain-min")
	b.ReportMetric(float64(mo.Nanoseconds())/1e3, "repops-µs")
	b.ReportMetric(float64(mp.Nanoseconds())/1e3, "plain-µs")
}

// The step benchmarks: a RepOps training step against the plain loops with
// the same kernel, on the example job and on a [784, 1024, 1024, 10] MLP at
// batch 128. Compare in one run:
//
//	go test ./node/trainer -run XXX -bench 'Step(Plain)?(Example|MLP1024)$' -count 5
//	go test ./node/trainer -run XXX -bench 'StepRatio' -count 5
func BenchmarkStepExample(b *testing.B) { benchStep(b, exampleTrainer(b, Options{SkipEval: true})) }
func BenchmarkStepPlainExample(b *testing.B) {
	benchPlain(b, exampleTrainer(b, Options{SkipEval: true}))
}
func BenchmarkStepMLP1024(b *testing.B)      { benchStep(b, mlp1024Trainer(b)) }
func BenchmarkStepPlainMLP1024(b *testing.B) { benchPlain(b, mlp1024Trainer(b)) }
func BenchmarkStepRatioExample(b *testing.B) {
	benchRatio(b, exampleTrainer(b, Options{SkipEval: true}))
}
func BenchmarkStepRatioMLP1024(b *testing.B) { benchRatio(b, mlp1024Trainer(b)) }
