package trainer

import (
	"encoding/binary"
	"math"
	"runtime"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/sha3"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// stateRootMLPTrainer is the [784, 1024, 1024, 10] MLP of the step
// benchmarks (mlp1024Trainer). Its state is the parameters, both Adam
// moments and the step counter: 5,590,113 elements.
func stateRootMLPTrainer(t testing.TB) *Trainer { return mlp1024Trainer(t) }

// oldStateRoot is the state root as node/commit computed it before its own
// keccak (issue 12): every leaf and node through x/crypto's legacy
// Keccak-256, one goroutine per tensor on up to GOMAXPROCS goroutines. The
// benchmark checks that it gives the same root.
func oldStateRoot(step uint64, st *State) commit.Hash {
	sum := func(k interface {
		Reset()
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}, in []byte) (h commit.Hash) {
		k.Reset()
		k.Write(in)
		k.Sum(h[:0])
		return h
	}
	var zero [65]commit.Hash // zero-subtree roots
	k := sha3.NewLegacyKeccak256()
	node := func(l, r commit.Hash) commit.Hash {
		return sum(k, append(append([]byte{commit.TagNode}, l[:]...), r[:]...))
	}
	for i := 1; i < len(zero); i++ {
		zero[i] = node(zero[i-1], zero[i-1])
	}
	tensorRoot := func(shape []int, data []float32) commit.Hash {
		k := sha3.NewLegacyKeccak256()
		var buf [65]byte
		level := make([]commit.Hash, commit.NumLeaves(len(data)))
		for i := range level {
			buf[0] = commit.TagLeaf
			for j := 0; j < 8; j++ {
				var w uint32
				if 8*i+j < len(data) {
					w = math.Float32bits(data[8*i+j])
				}
				binary.BigEndian.PutUint32(buf[1+4*j:], w)
			}
			level[i] = sum(k, buf[:33])
		}
		for h := 0; len(level) > 1; h++ {
			if len(level)%2 == 1 {
				level = append(level, zero[h])
			}
			for i := 0; i < len(level); i += 2 {
				buf[0] = commit.TagNode
				copy(buf[1:], level[i][:])
				copy(buf[33:], level[i+1][:])
				level[i/2] = sum(k, buf[:65])
			}
			level = level[:len(level)/2]
		}
		b := []byte{commit.TagTensor, byte(len(shape))}
		for _, d := range shape {
			b = binary.BigEndian.AppendUint32(b, uint32(d))
		}
		return sum(k, append(b, level[0][:]...))
	}
	roots := make([]commit.Hash, len(st.Tensors))
	next := make(chan int, len(roots))
	for i := range roots {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(roots)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				roots[i] = tensorRoot(st.Tensors[i].Shape, st.Tensors[i].Data)
			}
		}()
	}
	wg.Wait()
	return commit.StateRoot(step, roots)
}

// BenchmarkStateRootMLP1024 measures, in one run, a training step of the
// [784, 1024, 1024, 10] MLP at batch 128 and the state root of its state
// (new and old implementation), and reports each root's time in training
// steps (issue 12's target: at most 0.3) and the bytes each root allocates
// (root-B):
//
//	go test ./node/trainer -run XXX -bench StateRootMLP1024 -count 5
func BenchmarkStateRootMLP1024(b *testing.B) {
	tr := stateRootMLPTrainer(b)
	st, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	if st, _, err = tr.Step(st); err != nil { // warm up the step's buffers
		b.Fatal(err)
	}
	want, err := tr.StateRoot(st)
	if err != nil {
		b.Fatal(err)
	}
	if got := oldStateRoot(st.Step, st); got != want {
		b.Fatalf("old implementation's state root %v, new %v", got, want)
	}
	var step, root, old time.Duration
	var rootBytes uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		next, _, err := tr.Step(st)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rootBytes += allocatedBy(func() {
			if _, err := tr.StateRoot(next); err != nil {
				b.Fatal(err)
			}
		})
		t2 := time.Now()
		oldStateRoot(next.Step, next)
		t3 := time.Now()
		step += t1.Sub(t0)
		root += t2.Sub(t1)
		old += t3.Sub(t2)
		st = next
	}
	n := float64(b.N)
	b.ReportMetric(float64(step.Milliseconds())/n, "step-ms")
	b.ReportMetric(float64(root.Microseconds())/1000/n, "root-ms")
	b.ReportMetric(float64(old.Microseconds())/1000/n, "oldroot-ms")
	b.ReportMetric(float64(root)/float64(step), "root-steps")
	b.ReportMetric(float64(old)/float64(step), "oldroot-steps")
	b.ReportMetric(float64(old)/float64(root), "speedup")
	b.ReportMetric(float64(rootBytes)/n, "root-B")
}
