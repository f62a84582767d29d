//go:build !amd64 || purego

package repops

// adamFused runs the fused Adam pass (adamFusedGo).
func adamFused(po, mo, vo, p, m, v, g []float32, b1, b2, b1t, b2t, lr, eps float32) {
	adamFusedGo(po, mo, vo, p, m, v, g, b1, b2, b1t, b2t, lr, eps)
}
