package devnet

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/gensyn-stack/gensyn/internal/fsutil"
)

// The saved chain (--anvil-state FILE) is written by `devnet down` itself:
// it stops anvil's mining, asks anvil for its state over RPC
// (anvil_dumpState), checks that the dump reads back, writes it to a
// temporary file and renames it over FILE (the previous dump is kept as
// FILE.prev), and only then stops anvil. anvil is started with --load-state
// alone, never with --dump-state, so it never writes FILE itself and a slow
// or killed exit cannot cut the file mid-write. anvil keeps only the latest
// state in the dump (no --preserve-historical-states) and at most
// keptStates recent states in memory (--prune-history).

// ErrStateDamaged is returned by Up for a saved chain that does not read back.
var ErrStateDamaged = errors.New("saved chain is damaged")

// keptStates is how many recent blocks' states anvil keeps in memory (calls
// at older blocks fail; logs and blocks are all kept).
const keptStates = 256

// PrevSuffix names the previous dump kept beside the state file.
const PrevSuffix = ".prev"

// anvilState is the part of anvil's state dump that is checked on load.
type anvilState struct {
	Block           json.RawMessage            `json:"block"`
	Accounts        map[string]json.RawMessage `json:"accounts"`
	BestBlockNumber json.RawMessage            `json:"best_block_number"`
}

// checkStateFile reads a saved chain and reports whether anvil can load it.
func checkStateFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return checkState(f)
}

func checkState(r io.Reader) error {
	var s anvilState
	dec := json.NewDecoder(r)
	if err := dec.Decode(&s); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return errors.New("the file ends early (cut while it was written)")
		}
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the state")
	}
	if len(s.Block) == 0 || string(s.Block) == "null" || s.Accounts == nil {
		return errors.New("not an anvil state dump (no block or accounts)")
	}
	return nil
}

// damaged moves a saved chain that does not read back aside (the bytes are
// kept for inspection) and returns the error Up reports.
func damaged(path string, cause error) error {
	backup := fmt.Sprintf("%s.damaged-%s", path, time.Now().UTC().Format("20060102T150405Z"))
	msg := fmt.Sprintf("%s: %v", path, cause)
	if err := os.Rename(path, backup); err == nil {
		msg += "; kept as " + backup
	}
	prev := path + PrevSuffix
	if checkStateFile(prev) == nil {
		msg += fmt.Sprintf("; the dump before it is %s (copy it to %s to resume from there)", prev, path)
	} else {
		msg += "; start a new chain without --resume"
	}
	return fmt.Errorf("%w: %s", ErrStateDamaged, msg)
}

// SaveState freezes the chain at url (no more blocks are mined), dumps its
// state and writes it atomically to path, keeping the previous dump as
// path.prev. It returns the block number saved and the file's size.
func SaveState(ctx context.Context, url, path string) (uint64, int64, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		return 0, 0, err
	}
	defer c.Close()
	// Stop mining so that the dump is the chain's last block.
	if err := c.CallContext(ctx, nil, "evm_setIntervalMining", 0); err != nil {
		return 0, 0, fmt.Errorf("stop interval mining: %w", err)
	}
	if err := c.CallContext(ctx, nil, "evm_setAutomine", false); err != nil {
		return 0, 0, fmt.Errorf("stop automine: %w", err)
	}
	var n hexutil.Uint64
	if err := c.CallContext(ctx, &n, "eth_blockNumber"); err != nil {
		return 0, 0, err
	}
	var dump hexutil.Bytes
	if err := c.CallContext(ctx, &dump, "anvil_dumpState"); err != nil {
		return 0, 0, fmt.Errorf("anvil_dumpState: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(dump))
	if err != nil {
		return 0, 0, fmt.Errorf("anvil_dumpState: %w", err)
	}
	state, err := io.ReadAll(zr)
	if err != nil {
		return 0, 0, fmt.Errorf("anvil_dumpState: %w", err)
	}
	if err := checkState(bytes.NewReader(state)); err != nil {
		return 0, 0, fmt.Errorf("anvil_dumpState: %w", err)
	}
	if _, err := os.Stat(path); err == nil {
		prev := path + PrevSuffix
		_ = os.Remove(prev)
		_ = os.Link(path, prev) // best effort: FILE itself is replaced atomically below
	}
	if err := fsutil.WriteFileAtomic(path, state, 0o644); err != nil {
		return 0, 0, err
	}
	return uint64(n), int64(len(state)), nil
}
