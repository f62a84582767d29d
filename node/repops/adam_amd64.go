//go:build !purego

package repops

// adamSSE is adamFusedGo on n elements (a multiple of 4), four at a time
// (adam_amd64.s); SSE is part of every amd64 CPU.
//
//go:noescape
func adamSSE(po, mo, vo, p, m, v, gr *float32, n int, k *[8]float32)

// adamFused runs the fused Adam pass (adamFusedGo) with SSE on the
// elements of whole groups of four and in Go on the rest.
func adamFused(po, mo, vo, p, m, v, g []float32, b1, b2, b1t, b2t, lr, eps float32) {
	n := len(g)
	if q := n &^ 3; q > 0 {
		_, _, _, _, _, _ = po[q-1], mo[q-1], vo[q-1], p[q-1], m[q-1], v[q-1]
		k := [8]float32{b1, Sub(1, b1), b2, Sub(1, b2), Sub(1, b1t), Sub(1, b2t), lr, eps}
		adamSSE(&po[0], &mo[0], &vo[0], &p[0], &m[0], &v[0], &g[0], q, &k)
		po, mo, vo, p, m, v, g = po[q:], mo[q:], vo[q:], p[q:], m[q:], v[q:], g[q:]
	}
	adamFusedGo(po, mo, vo, p, m, v, g, b1, b2, b1t, b2t, lr, eps)
}
