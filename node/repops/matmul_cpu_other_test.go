//go:build !unix

package repops

func cpuSeconds() float64 { return 0 }
