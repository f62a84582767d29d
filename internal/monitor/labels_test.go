package monitor

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
)

func TestOneOf(t *testing.T) {
	set := []string{"closed", "price"}
	require.Equal(t, "price", OneOf("price", set))
	require.Equal(t, Other, OneOf("lost dispute game 0", set))
	require.Equal(t, Other, OneOf("", set))
}

func TestCheckLabels(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "ns", Name: "skips_total"}, []string{"reason"})
	reg.MustRegister(c)
	other := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "else", Name: "x_total"}, []string{"id"})
	reg.MustRegister(other)
	other.WithLabelValues("0xabc").Inc() // another namespace: not checked

	c.WithLabelValues("price").Inc()
	n, err := CheckLabels(reg, "ns", map[string][]string{"reason": {"price", Other}})
	require.NoError(t, err)
	require.Equal(t, 1, n)

	_, err = CheckLabels(reg, "ns", map[string][]string{})
	require.EqualError(t, err, "label reason on ns_skips_total has no fixed set")

	c.WithLabelValues("game 12").Inc()
	_, err = CheckLabels(reg, "ns", map[string][]string{"reason": {"price", Other}})
	require.ErrorContains(t, err, `label reason="game 12" on ns_skips_total is not one of [price other]`)
}
