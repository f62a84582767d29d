package trainer

// CheckpointSize is the length of this job's checkpoint file (and blob):
// fixed by the spec (the state tensors' names and shapes), so a reader
// fetching a checkpoint bounds it by this, never by a fixed cap.
func (t *Trainer) CheckpointSize() int64 {
	size := int64(ckptHeaderLen + 32)
	for i, name := range t.names {
		size += 1 + int64(len(name)) + 1 + 4*int64(len(t.shapes[i])) + 4*int64(numel(t.shapes[i]))
	}
	return size
}
