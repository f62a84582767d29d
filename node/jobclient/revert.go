package jobclient

import (
	"errors"
	"fmt"

	"github.com/gensyn-stack/gensyn/internal/reverts"
)

// InvalidParamsError is the JobMarket's InvalidParams(field) revert (postJob
// refused a job parameter), decoded by internal/reverts, with what the market
// wants of the field.
type InvalidParamsError struct {
	Field  string
	Revert *reverts.RevertError
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
	return fmt.Sprintf("execution reverted: InvalidParams(field: %q): the JobMarket refuses the job's %s: it %s", e.Field, e.Field, why)
}

// Unwrap returns the decoded revert.
func (e *InvalidParamsError) Unwrap() error { return e.Revert }

// decodeRevert decodes the revert of a contract call (reverts.Decode: a
// *reverts.RevertError naming the error and its arguments), and explains
// InvalidParams further (*InvalidParamsError); err itself when it carries no
// known revert.
func decodeRevert(err error) error {
	err = reverts.Decode(err)
	var re *reverts.RevertError
	if errors.As(err, &re) && re.Name == "InvalidParams" {
		if f, ok := re.Arg("field"); ok {
			if s, ok := f.(string); ok {
				return &InvalidParamsError{Field: s, Revert: re}
			}
		}
	}
	return err
}
