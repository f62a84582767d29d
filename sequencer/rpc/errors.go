package rpc

import "fmt"

// JSON-RPC error codes of the gensyn namespace. -32602 is the standard
// "invalid params"; the others are in the implementation-defined range.
const (
	CodeInvalidParams    = -32602
	CodeInvalidSignature = -32010
	CodeNotAssigned      = -32011
	CodeCheckpointRange  = -32012
	CodeOutOfOrder       = -32013
	CodeConflict         = -32014
	CodeUnknownJob       = -32015
	CodeNotFound         = -32016
	CodeUnavailable      = -32017
	// CodeWrongRound: the commitment's round is not the job's current
	// assignment round (its data is a WrongRoundData).
	CodeWrongRound = -32018
)

// WrongRoundData is the data of a CodeWrongRound error.
type WrongRoundData struct {
	JobID   uint64 `json:"jobId"`
	Round   uint32 `json:"round"`
	Current uint32 `json:"current"`
}

// Error is a typed JSON-RPC error: go-ethereum's rpc server sends its code
// (ErrorCode), its one-line message and, when set, its data (ErrorData).
type Error struct {
	Code    int
	Message string
	Data    any
}

func (e *Error) Error() string  { return e.Message }
func (e *Error) ErrorCode() int { return e.Code }
func (e *Error) ErrorData() any { return e.Data }

func errorf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// kind names an error code for metrics.
func kind(code int) string {
	switch code {
	case CodeInvalidParams:
		return "invalid_params"
	case CodeInvalidSignature:
		return "invalid_signature"
	case CodeNotAssigned:
		return "not_assigned"
	case CodeCheckpointRange:
		return "checkpoint_range"
	case CodeOutOfOrder:
		return "out_of_order"
	case CodeConflict:
		return "conflict"
	case CodeUnknownJob:
		return "unknown_job"
	case CodeNotFound:
		return "not_found"
	case CodeWrongRound:
		return "wrong_round"
	default:
		return "unavailable"
	}
}
