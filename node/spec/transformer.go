package spec

import "fmt"

// Names and limits of the transformer model kind (docs/jobspec.md §2.2).
const (
	ModelMLP         = "mlp"
	ModelTransformer = "transformer"
	NormRMSNorm      = "rmsnorm"
	ActivationSiLU   = "silu"
	OptimizerAdamW   = "adamw"

	MaxVocab             = 1 << 16 // token ids are exact float32 integers well below 2^24
	MaxContext           = 4096
	MaxTransformerLayers = 64
	MaxMLPWidth          = 4 * MaxLayerWidth
	MaxTokensPerStep     = 1 << 20 // batch_size x context
	// ByteVocab is the vocabulary of a FormatBytes dataset: one token per
	// byte value.
	ByteVocab = 256
)

// transformerKeys are the model fields of a transformer besides kind,
// layers and activation (which an MLP has too).
var transformerKeys = []string{"vocab", "context", "width", "heads", "mlp_width", "norm", "norm_eps", "tied_embeddings"}

// TransformerModel is a decoder-only causal transformer over a token
// stream: token and learned positional embeddings, Layers pre-norm blocks
// of causal multi-head self-attention (Heads heads of Width/Heads) and an
// MLP (Width -> MLPWidth -> Width with Activation), each with a residual
// connection, a final norm and the output projection to Vocab logits
// (the transposed token embedding when TiedEmbeddings).
type TransformerModel struct {
	Vocab          int
	Context        int
	Width          int
	Heads          int
	Layers         int
	MLPWidth       int
	Norm           string  // NormRMSNorm
	NormEps        float32 // > 0
	Activation     string  // ActivationSiLU
	TiedEmbeddings bool
}

// HeadWidth is the width of one attention head (Width / Heads).
func (t *TransformerModel) HeadWidth() int { return t.Width / t.Heads }

// TrainWindows is the number of training windows of a transformer spec:
// the starts s, 0 <= s < T - context, of context+1 consecutive tokens in
// the T training tokens (docs/jobspec.md §2.2). It is 0 for an MLP.
func (s *Spec) TrainWindows() int {
	if !s.Model.IsTransformer() || s.Model.Transformer == nil {
		return 0
	}
	return s.Dataset.Tokens - s.Dataset.Holdout.Count - s.Model.Transformer.Context
}

func parseTransformer(m *objectReader) (*TransformerModel, error) {
	t := &TransformerModel{}
	var err error
	if t.Vocab, err = m.int("vocab", 2, MaxVocab); err != nil {
		return nil, err
	}
	if t.Context, err = m.int("context", 1, MaxContext); err != nil {
		return nil, err
	}
	if t.Width, err = m.int("width", 1, MaxLayerWidth); err != nil {
		return nil, err
	}
	if t.Heads, err = m.int("heads", 1, MaxLayerWidth); err != nil {
		return nil, err
	}
	if t.Layers, err = m.int("layers", 1, MaxTransformerLayers); err != nil {
		return nil, err
	}
	if t.MLPWidth, err = m.int("mlp_width", 1, MaxMLPWidth); err != nil {
		return nil, err
	}
	if t.Norm, err = m.enum("norm", NormRMSNorm); err != nil {
		return nil, err
	}
	if t.NormEps, err = m.f32("norm_eps", false); err != nil {
		return nil, err
	}
	if t.Activation, err = m.enum("activation", ActivationSiLU); err != nil {
		return nil, err
	}
	if t.TiedEmbeddings, err = m.bool("tied_embeddings"); err != nil {
		return nil, err
	}
	return t, nil
}

// validateTransformer checks a transformer's model and its token dataset.
func (s *Spec) validateTransformer() error {
	e := func(f, format string, a ...any) error { return &Error{Field: f, Msg: fmt.Sprintf(format, a...)} }
	t := s.Model.Transformer
	if t == nil {
		return e("model", "kind %q needs its fields", ModelTransformer)
	}
	if s.Model.Layers != nil || s.Model.Activation != "" {
		return e("model", "MLP fields are not allowed with kind %q", ModelTransformer)
	}
	in := func(f string, v, lo, hi int) error {
		if v < lo || v > hi {
			return e(f, "must be in [%d, %d]", lo, hi)
		}
		return nil
	}
	for _, c := range []struct {
		f         string
		v, lo, hi int
	}{
		{"model.vocab", t.Vocab, 2, MaxVocab},
		{"model.context", t.Context, 1, MaxContext},
		{"model.width", t.Width, 1, MaxLayerWidth},
		{"model.heads", t.Heads, 1, MaxLayerWidth},
		{"model.layers", t.Layers, 1, MaxTransformerLayers},
		{"model.mlp_width", t.MLPWidth, 1, MaxMLPWidth},
	} {
		if err := in(c.f, c.v, c.lo, c.hi); err != nil {
			return err
		}
	}
	if t.Width%t.Heads != 0 {
		return e("model.heads", "must divide model.width (%d)", t.Width)
	}
	if t.Norm != NormRMSNorm {
		return e("model.norm", "must be %q", NormRMSNorm)
	}
	if err := checkF32("model.norm_eps", t.NormEps, false); err != nil {
		return err
	}
	if t.Activation != ActivationSiLU {
		return e("model.activation", "must be %q", ActivationSiLU)
	}
	d := s.Dataset
	if d.Format != FormatBytes {
		return e("dataset.format", "must be %q for a transformer", FormatBytes)
	}
	if d.Rows != 0 || d.Features != 0 || d.Classes != 0 {
		return e("dataset", "rows, features and classes are not allowed with format %q", FormatBytes)
	}
	if d.Tokens < 2 || d.Tokens > MaxTokens {
		return e("dataset.tokens", "must be in [2, %d]", MaxTokens)
	}
	if t.Vocab != ByteVocab {
		return e("model.vocab", "must be %d with dataset.format %q", ByteVocab, FormatBytes)
	}
	if d.Holdout.Rule != HoldoutLast {
		return e("dataset.holdout.rule", "must be %q for a token stream", HoldoutLast)
	}
	// Each split holds at least one window of context+1 tokens.
	if lo, hi := t.Context+1, d.Tokens-t.Context-1; d.Holdout.Count < lo || d.Holdout.Count > hi {
		if lo > hi {
			return e("dataset.tokens", "must be at least 2 x (model.context+1) = %d (one window in each split)", 2*lo)
		}
		return e("dataset.holdout.count", "must be in [%d, %d] (each split holds model.context+1 tokens or more)", lo, hi)
	}
	return nil
}
