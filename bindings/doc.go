// Package bindings holds the Go bindings of the protocol's contracts,
// generated from the Foundry artifacts by `make bindings`
// (internal/cmd/genbindings, abigen v2 at the go-ethereum version in go.mod).
// The files other than this one are generated: do not edit them.
package bindings
