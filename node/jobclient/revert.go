package jobclient

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum/common/hexutil"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/gensyn-stack/gensyn/bindings"
)

// InvalidParamsError is the JobMarket's InvalidParams(field) revert (postJob
// refused a job parameter), decoded.
type InvalidParamsError struct {
	Field string
}

// invalidParamsWhy says, per field of InvalidParams, what the market wants
// (JobMarket._checkParams).
var invalidParamsWhy = map[string]string{
	"specHash":           "must not be zero",
	"initialStateRoot":   "must not be zero",
	"graphRoot":          "must not be zero",
	"dataRoot":           "must not be zero",
	"steps":              "must not be zero",
	"checkpointInterval": "must divide the steps, and both it and the number of checkpoints must fit 32 bits",
	"maxPrice":           "must not be zero",
	"requiredCollateral": "must not be zero",
	"bidWindow":          "must be between 1 s and 3650 days",
	"executionWindow":    "must be at least JobMarket.minExecutionTime(steps) and at most 3650 days",
	"challengeWindow":    "must be between 1 s and 3650 days",
}

func (e *InvalidParamsError) Error() string {
	why, ok := invalidParamsWhy[e.Field]
	if !ok {
		why = "is invalid"
	}
	return fmt.Sprintf("the JobMarket refuses the job's %s (InvalidParams): it %s", e.Field, why)
}

// RevertError is another custom error of the JobMarket, named with its
// arguments.
type RevertError struct {
	Name string // e.g. "BiddingClosed"
	Args string // e.g. "(EndsAt: 1700000000)"
}

func (e *RevertError) Error() string { return "the JobMarket reverts with " + e.Name + e.Args }

// decodeRevert turns the revert data of a JobMarket call into a typed error
// (*InvalidParamsError, *RevertError); err itself when it carries none.
func decodeRevert(err error) error {
	var de gethrpc.DataError
	if !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	raw, derr := hexutil.Decode(s)
	if derr != nil || len(raw) < 4 {
		return err
	}
	v, uerr := bindings.NewJobMarket().UnpackError(raw)
	if uerr != nil {
		return err
	}
	if ip, ok := v.(*bindings.JobMarketInvalidParams); ok {
		return &InvalidParamsError{Field: ip.Field}
	}
	name := strings.TrimPrefix(fmt.Sprintf("%T", v), "*bindings.JobMarket")
	return &RevertError{Name: name, Args: args(v)}
}

// args writes a decoded error's fields as "(Name: value, ...)".
func args(v any) string {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return ""
	}
	parts := make([]string, 0, rv.NumField())
	for i := 0; i < rv.NumField(); i++ {
		parts = append(parts, fmt.Sprintf("%s: %v", rv.Type().Field(i).Name, rv.Field(i).Interface()))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
