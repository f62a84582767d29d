package repops

func kernel4x4(blk *[16]float32, ap, bp []float32, k int) { kernel4x4Go(blk, ap, bp, k) }
