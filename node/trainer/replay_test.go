package trainer

import (
	"context"
	"errors"
	"testing"
)

// TestReplayEndHashesOnce: ReplayEnd reaches ReplayInterval's last state
// and root while computing one state root for the interval, not one per step.
func TestReplayEndHashesOnce(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	ctx := context.Background()
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	before := StateRootsComputed()
	roots, want, err := tr.ReplayInterval(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	interval := uint64(tr.Spec().CheckpointInterval)
	if got := StateRootsComputed() - before; got != interval+1 {
		t.Fatalf("ReplayInterval computed %d roots, want %d", got, interval+1)
	}
	before = StateRootsComputed()
	root, end, err := tr.ReplayEnd(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := StateRootsComputed() - before; got != 1 {
		t.Fatalf("ReplayEnd computed %d roots, want 1", got)
	}
	if root != roots[len(roots)-1] || end.Step != want.Step || end.Step != interval {
		t.Fatalf("ReplayEnd: root %s at step %d, ReplayInterval: %s at step %d", root, end.Step, roots[len(roots)-1], want.Step)
	}
	mid, _, err := tr.Step(st)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := tr.ReplayEnd(ctx, mid); !errors.Is(err, ErrNotCheckpoint) {
		t.Fatalf("interval from step 1: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := tr.ReplayEnd(cancelled, st); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled replay: %v", err)
	}
}

// BenchmarkAuditReplay compares an audit's replay of one interval with
// per-step roots (ReplayInterval) and with the last root only (ReplayEnd).
func BenchmarkAuditReplay(b *testing.B) {
	tr := exampleTrainer(b, Options{SkipEval: true})
	ctx := context.Background()
	st, err := tr.InitialState()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("per-step-roots", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := tr.ReplayInterval(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("end-root", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := tr.ReplayEnd(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCheckpointSize: the size the spec gives a checkpoint is its file's.
func TestCheckpointSize(t *testing.T) {
	tr := exampleTrainer(t, Options{SkipEval: true})
	st, err := tr.InitialState()
	if err != nil {
		t.Fatal(err)
	}
	c, err := tr.Checkpoint(st)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.CheckpointSize(); got != int64(len(b)) {
		t.Fatalf("CheckpointSize %d, the file has %d bytes", got, len(b))
	}
}
