package verifier

import "math"

// Audited reports whether the audit policy selects checkpoint k of job for
// a replay: a seeded PRNG (splitmix64 of the seed, job and checkpoint)
// draws a number in [0, 1), and the checkpoint is audited when it is below
// fraction. The choice is a function of (seed, job, k) alone, so a restart
// audits the same checkpoints, and fraction 1 audits every one. A worker
// that does not know the seed cannot tell which intervals go unaudited.
func Audited(seed, job uint64, k uint32, fraction float64) bool {
	if fraction >= 1 {
		return true
	}
	if fraction <= 0 {
		return false
	}
	x := splitmix64(splitmix64(seed^0x6a09e667f3bcc908) ^ job*0x9e3779b97f4a7c15 ^ uint64(k)*0xbf58476d1ce4e5b9)
	return float64(x>>11)/float64(uint64(1)<<53) < fraction
}

func splitmix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// expectedAudits is the mean number of audited checkpoints of a job of k
// checkpoints (for logs).
func expectedAudits(k int, fraction float64) int { return int(math.Ceil(float64(k) * fraction)) }
