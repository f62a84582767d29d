package monitor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

// Other is the label value recorded for anything outside a label's fixed
// set: a label never takes a caller's free text (a job or game id, an
// address, an error), which would make a new time series each time.
const Other = "other"

// OneOf returns v when it is one of set, and Other otherwise.
func OneOf(v string, set []string) string {
	if slices.Contains(set, v) {
		return v
	}
	return Other
}

// CheckLabels gathers g and checks every label of the metrics named
// namespace_*: its name must have a fixed set in sets and its value must be
// in that set. It returns how many label values it checked, and an error
// naming the first label outside its set.
func CheckLabels(g prometheus.Gatherer, namespace string, sets map[string][]string) (int, error) {
	fams, err := g.Gather()
	if err != nil {
		return 0, err
	}
	seen := 0
	for _, f := range fams {
		if !strings.HasPrefix(f.GetName(), namespace+"_") {
			continue // the Go runtime's and the process's collectors
		}
		for _, m := range f.GetMetric() {
			for _, lp := range m.GetLabel() {
				set, ok := sets[lp.GetName()]
				if !ok {
					return seen, fmt.Errorf("label %s on %s has no fixed set", lp.GetName(), f.GetName())
				}
				if !slices.Contains(set, lp.GetValue()) {
					return seen, fmt.Errorf("label %s=%q on %s is not one of %v", lp.GetName(), lp.GetValue(), f.GetName(), set)
				}
				seen++
			}
		}
	}
	return seen, nil
}
