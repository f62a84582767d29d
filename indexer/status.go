package indexer

import (
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// The by-status index: prefixStat + status byte + be64 job id -> the
// job's market fields (statEntry, binary). The writer moves a job's key
// when its status changes, in the block's batch and undo record, so that
// Market and Jobs{Status} read only these short records, never the JSON
// summaries of every job.

func statKey(st JobStatus, id uint64) []byte {
	k := make([]byte, len(prefixStat)+1+8)
	copy(k, prefixStat)
	k[len(prefixStat)] = byte(st)
	binary.BigEndian.PutUint64(k[len(prefixStat)+1:], id)
	return k
}

// statEntry is the part of a JobSummary that Market sums.
type statEntry struct {
	Worker                  common.Address
	MaxPrice, Price, Escrow *big.Int
}

// encodeStat is worker (20 bytes), then maxPrice, price and escrow, each a
// length byte and that many big-endian bytes.
func encodeStat(j *JobSummary) []byte {
	out := make([]byte, 0, 20+3*33)
	out = append(out, j.Worker[:]...)
	for _, v := range []*big.Int{j.MaxPrice, j.Price, j.Escrow} {
		var b []byte
		if v != nil {
			b = v.Bytes()
		}
		out = append(out, byte(len(b)))
		out = append(out, b...)
	}
	return out
}

// decodeStat parses an encodeStat value.
func decodeStat(b []byte) (statEntry, error) {
	var e statEntry
	if len(b) < 20 {
		return e, fmt.Errorf("%w: status index entry: short", ErrCorrupt)
	}
	e.Worker = common.BytesToAddress(b[:20])
	b = b[20:]
	for _, f := range []**big.Int{&e.MaxPrice, &e.Price, &e.Escrow} {
		if len(b) < 1 || len(b) < 1+int(b[0]) || b[0] > 32 {
			return e, fmt.Errorf("%w: status index entry: short", ErrCorrupt)
		}
		if b[0] > 0 && b[1] == 0 {
			return e, fmt.Errorf("%w: status index entry: leading zero", ErrCorrupt)
		}
		*f = new(big.Int).SetBytes(b[1 : 1+int(b[0])])
		b = b[1+int(b[0]):]
	}
	if len(b) != 0 {
		return e, fmt.Errorf("%w: status index entry: trailing data", ErrCorrupt)
	}
	return e, nil
}
