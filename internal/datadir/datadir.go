// Package datadir opens the services' Pebble databases and says plainly
// when another process holds one: the error of a second sequencer, verifier
// or worker started on the same --data-dir.
package datadir

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/cockroachdb/pebble"
)

// ErrInUse is the kind of InUseError.
var ErrInUse = errors.New("data dir in use")

// InUseError says that another process holds the lock of the database in Dir.
type InUseError struct {
	Dir string
	Err error // the storage engine's error
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("data dir %s is in use by another process (lock held)", e.Dir)
}

// Is makes errors.Is(err, ErrInUse) true.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// Unwrap returns the storage engine's error.
func (e *InUseError) Unwrap() error { return e.Err }

// OpenPebble opens (creating) the Pebble database in dir; a lock held by
// another process (or another open in this one) is an *InUseError.
func OpenPebble(dir string, opts *pebble.Options) (*pebble.DB, error) {
	db, err := pebble.Open(dir, opts)
	if err != nil && isLockErr(err) {
		return nil, &InUseError{Dir: dir, Err: err}
	}
	return db, err
}

func isLockErr(err error) bool {
	// Another process: flock fails with EAGAIN ("resource temporarily
	// unavailable"). This process: Pebble's own "lock held by current process".
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK) ||
		strings.Contains(err.Error(), "lock held by current process")
}
