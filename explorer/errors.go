package explorer

import (
	"errors"
	"net/http"
)

// Errors a Source returns, each answered with its own status code and a
// page that says what is wrong. Any other error is a 500 whose page says
// only that (the error goes to the log, never to the browser).
var (
	// ErrNotFound: no such job, game or participant (404).
	ErrNotFound = errors.New("not found")
	// ErrUnavailable: the chain, the index or the blob store cannot be
	// read right now (503).
	ErrUnavailable = errors.New("unavailable")
)

// pageError is what an error page shows.
type pageError struct {
	Status int
	Title  string
	Detail string
}

func (e *pageError) Error() string { return e.Title + ": " + e.Detail }

func badRequest(title, detail string) *pageError {
	return &pageError{Status: http.StatusBadRequest, Title: title, Detail: detail}
}

func notFound(title, detail string) *pageError {
	return &pageError{Status: http.StatusNotFound, Title: title, Detail: detail}
}

// classify turns a Source's error into the page to show.
func classify(err error, what string) *pageError {
	var pe *pageError
	switch {
	case errors.As(err, &pe):
		return pe
	case errors.Is(err, ErrNotFound):
		return notFound(what+" not found", "There is no "+what+" with that id in the index. It may not exist yet, or the indexer has not reached it.")
	case errors.Is(err, ErrUnavailable):
		return &pageError{Status: http.StatusServiceUnavailable, Title: "Service unavailable",
			Detail: "The explorer cannot read the " + unavailableWhat(err) + " right now. Try again in a moment."}
	default:
		return &pageError{Status: http.StatusInternalServerError, Title: "Internal error",
			Detail: "The explorer could not build this page. The error is in its log."}
	}
}

// UnavailableError says which backend is down; it wraps ErrUnavailable.
type UnavailableError struct {
	What string // "chain", "index", "blob store"
	Err  error
}

func (e *UnavailableError) Error() string { return e.What + " unavailable: " + e.Err.Error() }
func (e *UnavailableError) Unwrap() []error {
	return []error{ErrUnavailable, e.Err}
}

func unavailableWhat(err error) string {
	var ue *UnavailableError
	if errors.As(err, &ue) {
		return ue.What
	}
	return "chain or its index"
}
