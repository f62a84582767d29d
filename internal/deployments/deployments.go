// Package deployments reads and writes deployments/<chain-id>.json: where the
// protocol's contracts live on one chain, written by `gensyn devnet up` and
// `gensyn deploy`, and read by every service that talks to the chain.
package deployments

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"

	"github.com/ethereum/go-ethereum/common"

	"github.com/gensyn-stack/gensyn/internal/fsutil"
)

// Contracts are the addresses of the deployed protocol contracts.
type Contracts struct {
	StakeManager    common.Address `json:"stakeManager"`
	JobMarket       common.Address `json:"jobMarket"`
	CommitmentInbox common.Address `json:"commitmentInbox"`
	NodeRegistry    common.Address `json:"nodeRegistry"`
	// VerdeArbitration is the dispute game (the arbiter, unless a deployment
	// named another); OneStep its one-step executor.
	VerdeArbitration common.Address `json:"verdeArbitration"`
	OneStep          common.Address `json:"oneStep"`
}

// Account is a funded development account of a local devnet. Its private key
// is never written here; anvil's own account file holds the devnet keys.
type Account struct {
	Address    common.Address `json:"address"`
	BalanceWei *big.Int       `json:"balanceWei"`
}

// Settings are the protocol parameters a deployment fixed, read back from
// the deployed contracts (VerdeArbitration and JobMarket) once deployed.
type Settings struct {
	// DisputeBondWei is the challenger's bond floor (VerdeArbitration.bond).
	DisputeBondWei *big.Int `json:"disputeBondWei"`
	// DisputeClock is each side's thinking time per game, in seconds.
	DisputeClock uint64 `json:"disputeClock"`
	// DisputeAnswerTime is what each query adds to the worker's clock, in seconds.
	DisputeAnswerTime uint64 `json:"disputeAnswerTime"`
	// MinExecutionWindow (seconds) and MinStepMicros (microseconds per step)
	// fix the shortest execution window a job of S steps may have:
	// MinExecutionWindow + ceil(S * MinStepMicros / 1e6) seconds.
	MinExecutionWindow uint64 `json:"minExecutionWindow"`
	MinStepMicros      uint64 `json:"minStepMicros"`
}

// Deployment describes the protocol on one chain.
type Deployment struct {
	ChainID     uint64         `json:"chainId"`
	RPCURL      string         `json:"rpcUrl,omitempty"`
	BlockNumber uint64         `json:"blockNumber"`
	Deployer    common.Address `json:"deployer"`
	Arbiter     common.Address `json:"arbiter"`
	Sequencer   common.Address `json:"sequencer"`
	Contracts   Contracts      `json:"contracts"`
	Accounts    []Account      `json:"accounts,omitempty"`
	// AccountKeysFile is, on a devnet, anvil's file with the development
	// accounts' well-known private keys.
	AccountKeysFile string `json:"accountKeysFile,omitempty"`
	// Settings are the deployed parameters (absent in files written before
	// they were recorded).
	Settings *Settings `json:"settings,omitempty"`
}

// Path is the conventional location of a chain's deployment under dir.
func Path(dir string, chainID uint64) string {
	return filepath.Join(dir, strconv.FormatUint(chainID, 10)+".json")
}

// Validate checks that every address is set.
func (d *Deployment) Validate() error {
	if d.ChainID == 0 {
		return errors.New("chainId is missing")
	}
	for name, a := range map[string]common.Address{
		"contracts.stakeManager":     d.Contracts.StakeManager,
		"contracts.jobMarket":        d.Contracts.JobMarket,
		"contracts.commitmentInbox":  d.Contracts.CommitmentInbox,
		"contracts.nodeRegistry":     d.Contracts.NodeRegistry,
		"contracts.verdeArbitration": d.Contracts.VerdeArbitration,
		"contracts.oneStep":          d.Contracts.OneStep,
	} {
		if a == (common.Address{}) {
			return fmt.Errorf("%s is missing", name)
		}
	}
	return nil
}

// Read loads and validates a deployment file.
func Read(path string) (*Deployment, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read deployment: %w", err)
	}
	var d Deployment
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("deployment %s: %w", path, err)
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("deployment %s: %w", path, err)
	}
	return &d, nil
}

// Write stores a deployment atomically (temporary file, fsync, rename).
func Write(path string, d *Deployment) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("deployment: %w", err)
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(path, b, 0o644)
}
