package explorer

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

var funcs = template.FuncMap{
	"eth":       formatETH,
	"addr":      func(a common.Address) string { return a.Hex() },
	"short":     shortAddr,
	"shorthash": shortHash,
	"zeroaddr":  func(a common.Address) bool { return a == common.Address{} },
	"zerohash":  func(h common.Hash) bool { return h == common.Hash{} },
	"when":      formatTime,
	"dur":       formatDuration,
	"loss":      func(f float64) string { return strconv.FormatFloat(f, 'g', 6, 64) },
	"chartjson": chartJSON,
	"pricejson": priceJSON,
	"lower":     strings.ToLower,
	"topicfor":  ParticipantTopic,
	"pct": func(v, size uint64) string {
		if size == 0 {
			return "0"
		}
		return strconv.FormatFloat(100*float64(v)/float64(size), 'f', 2, 64)
	},
	"add": func(a, b uint64) uint64 { return a + b },
	"pickw": func(size uint64) string {
		if size == 0 || size > 166 {
			return "0.6"
		}
		return strconv.FormatFloat(100/float64(size), 'f', 2, 64)
	},
	"sub": func(a, b uint64) uint64 {
		if b > a {
			return 0
		}
		return a - b
	},
	"rows": func(caption string, rows any) map[string]any { return map[string]any{"Caption": caption, "Rows": rows} },
}

// formatETH writes wei as ether with up to 6 decimals ("0.01 ETH"); nil is
// "—".
func formatETH(v *big.Int) string {
	if v == nil {
		return "—"
	}
	neg := v.Sign() < 0
	a := new(big.Int).Abs(v)
	whole, frac := new(big.Int).QuoRem(a, big.NewInt(1e18), new(big.Int))
	s := whole.String()
	if frac.Sign() != 0 {
		f := fmt.Sprintf("%018s", frac.String())
		f = strings.TrimRight(f[:6], "0")
		if f == "" {
			// smaller than a micro-ether: show wei
			return fmt.Sprintf("%s wei", v.String())
		}
		s += "." + f
	}
	if neg {
		s = "-" + s
	}
	return s + " ETH"
}

func shortAddr(a common.Address) string {
	h := a.Hex()
	return h[:6] + "…" + h[len(h)-4:]
}

func shortHash(h common.Hash) string {
	s := h.Hex()
	return s[:10] + "…" + s[len(s)-6:]
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func formatDuration(d time.Duration) string {
	if d <= 0 {
		return "0 s"
	}
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case m > 0:
		return fmt.Sprintf("%d min %d s", m, s)
	}
	return fmt.Sprintf("%d s", s)
}

// chartJSON is the loss curve as uPlot's data: [steps, loss, verified loss
// (null where not verified)], for the page's script; the same numbers are
// in the page's table for readers without it.
func chartJSON(pts []LossPoint) string {
	steps := make([]uint64, len(pts))
	loss := make([]float64, len(pts))
	ver := make([]*float64, len(pts))
	for i, p := range pts {
		steps[i] = p.Step
		loss[i] = p.Loss
		if p.Verified {
			v := p.Loss
			ver[i] = &v
		}
	}
	b, _ := json.Marshal([]any{steps, loss, ver})
	return string(b)
}

// priceJSON is the accepted prices, in ether, by job id.
func priceJSON(pts []PricePoint) string {
	ids := make([]uint64, len(pts))
	eth := make([]float64, len(pts))
	for i, p := range pts {
		ids[i] = p.Job
		f, _ := new(big.Float).Quo(new(big.Float).SetInt(p.Price), big.NewFloat(1e18)).Float64()
		eth[i] = f
	}
	b, _ := json.Marshal([]any{ids, eth})
	return string(b)
}
