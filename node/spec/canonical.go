package spec

import (
	"strconv"

	"github.com/gensyn-stack/gensyn/node/commit"
)

// Canonical returns the canonical encoding of the spec (docs/jobspec.md):
// UTF-8 JSON, keys of every object sorted by bytes, no whitespace, integers
// in plain decimal, floats as the shortest decimal that parses back to the
// same float32 (FormatFloat32), optional fields absent. It fails only if the
// spec does not validate.
func (s *Spec) Canonical() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	b := make([]byte, 0, 512)
	// Keys at each level are written in sorted order by hand.
	b = append(b, `{"batch_size":`...)
	b = strconv.AppendInt(b, int64(s.BatchSize), 10)
	b = append(b, `,"checkpoint_interval":`...)
	b = strconv.AppendInt(b, int64(s.CheckpointInterval), 10)
	d := s.Dataset
	if d.Format == FormatBytes {
		b = append(b, `,"dataset":{"format":"`...)
		b = append(b, d.Format...)
		b = append(b, `","hash":"`...)
		b = append(b, d.Hash.String()...)
		b = append(b, `","holdout":{"count":`...)
		b = strconv.AppendInt(b, int64(d.Holdout.Count), 10)
		b = append(b, `,"rule":"last"},"tokens":`...)
		b = strconv.AppendInt(b, int64(d.Tokens), 10)
		b = append(b, '}')
	} else {
		b = appendRowDataset(b, d)
	}
	if s.Init != nil {
		b = append(b, `,"init":{"weights":"`...)
		b = append(b, s.Init.Weights.String()...)
		b = append(b, `"}`...)
	}
	b = append(b, `,"loss":"`...)
	b = append(b, s.Loss...)
	if t := s.Model.Transformer; s.Model.IsTransformer() {
		b = append(b, `","model":{"activation":"`...)
		b = append(b, t.Activation...)
		b = append(b, `","context":`...)
		b = strconv.AppendInt(b, int64(t.Context), 10)
		b = append(b, `,"heads":`...)
		b = strconv.AppendInt(b, int64(t.Heads), 10)
		b = append(b, `,"kind":"transformer","layers":`...)
		b = strconv.AppendInt(b, int64(t.Layers), 10)
		b = append(b, `,"mlp_width":`...)
		b = strconv.AppendInt(b, int64(t.MLPWidth), 10)
		b = append(b, `,"norm":"`...)
		b = append(b, t.Norm...)
		b = append(b, `","norm_eps":`...)
		b = AppendFloat32(b, t.NormEps)
		b = append(b, `,"tied_embeddings":`...)
		b = strconv.AppendBool(b, t.TiedEmbeddings)
		b = append(b, `,"vocab":`...)
		b = strconv.AppendInt(b, int64(t.Vocab), 10)
		b = append(b, `,"width":`...)
		b = strconv.AppendInt(b, int64(t.Width), 10)
		b = append(b, `},"optimizer":{`...)
	} else {
		b = append(b, `","model":{"activation":"`...)
		b = append(b, s.Model.Activation...)
		b = append(b, `","layers":[`...)
		for i, w := range s.Model.Layers {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(w), 10)
		}
		b = append(b, `]},"optimizer":{`...)
	}
	o := s.Optimizer
	switch o.Name {
	case OptimizerAdamW:
		b = append(b, `"beta1":`...)
		b = AppendFloat32(b, o.Beta1)
		b = append(b, `,"beta2":`...)
		b = AppendFloat32(b, o.Beta2)
		b = append(b, `,"eps":`...)
		b = AppendFloat32(b, o.Eps)
		b = append(b, `,"grad_clip":`...)
		b = AppendFloat32(b, o.GradClip)
		b = append(b, `,"lr":`...)
		b = AppendFloat32(b, o.LR)
		b = append(b, `,"name":"adamw","warmup_steps":`...)
		b = strconv.AppendInt(b, int64(o.WarmupSteps), 10)
		b = append(b, `,"weight_decay":`...)
		b = AppendFloat32(b, o.WeightDecay)
		b = append(b, '}')
	case OptimizerAdam:
		b = append(b, `"beta1":`...)
		b = AppendFloat32(b, o.Beta1)
		b = append(b, `,"beta2":`...)
		b = AppendFloat32(b, o.Beta2)
		b = append(b, `,"eps":`...)
		b = AppendFloat32(b, o.Eps)
		b = append(b, `,"lr":`...)
		b = AppendFloat32(b, o.LR)
		b = append(b, `,"name":"adam"}`...)
	case OptimizerSGD:
		b = append(b, `"lr":`...)
		b = AppendFloat32(b, o.LR)
		b = append(b, `,"momentum":`...)
		b = AppendFloat32(b, o.Momentum)
		b = append(b, `,"name":"sgd"}`...)
	}
	b = append(b, `,"seed":`...)
	b = strconv.AppendUint(b, s.Seed, 10)
	b = append(b, `,"steps":`...)
	b = strconv.AppendInt(b, int64(s.Steps), 10)
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, int64(s.Version), 10)
	b = append(b, '}')
	return b, nil
}

// appendRowDataset appends the dataset object of a row format (digits-csv,
// f32-matrix).
func appendRowDataset(b []byte, d Dataset) []byte {
	b = append(b, `,"dataset":{"classes":`...)
	b = strconv.AppendInt(b, int64(d.Classes), 10)
	b = append(b, `,"features":`...)
	b = strconv.AppendInt(b, int64(d.Features), 10)
	b = append(b, `,"format":"`...)
	b = append(b, d.Format...)
	b = append(b, `","hash":"`...)
	b = append(b, d.Hash.String()...)
	b = append(b, `","holdout":{`...)
	switch d.Holdout.Rule {
	case HoldoutLast:
		b = append(b, `"count":`...)
		b = strconv.AppendInt(b, int64(d.Holdout.Count), 10)
		b = append(b, `,"rule":"last"}`...)
	case HoldoutEvery:
		b = append(b, `"k":`...)
		b = strconv.AppendInt(b, int64(d.Holdout.K), 10)
		b = append(b, `,"rule":"every"}`...)
	}
	b = append(b, `,"rows":`...)
	b = strconv.AppendInt(b, int64(d.Rows), 10)
	return append(b, '}')
}

// AppendFloat32 appends the canonical text of a finite float32: the
// shortest decimal that round-trips to the same float32, in Go's
// strconv.FormatFloat(x, 'g', -1, 32) layout (exponent form d[.ddd]e±XX, at
// least two exponent digits, when the decimal exponent is < -4 or >= 6;
// plain decimal otherwise).
func AppendFloat32(b []byte, f float32) []byte {
	return strconv.AppendFloat(b, float64(f), 'g', -1, 32)
}

// Hash returns the spec's content address: keccak256 of Canonical().
func (s *Spec) Hash() (commit.Hash, error) {
	c, err := s.Canonical()
	if err != nil {
		return commit.Hash{}, err
	}
	return commit.Keccak256(c), nil
}
