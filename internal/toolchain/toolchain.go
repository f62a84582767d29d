// Package toolchain finds the project's pinned contract toolchain: the
// Foundry binaries (forge, anvil, cast) that `npm ci` installs under
// node_modules/.bin, and the repository root that holds foundry.toml.
package toolchain

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoRepository is returned when no foundry.toml is found above a directory.
var ErrNoRepository = errors.New("not inside a gensyn checkout (no foundry.toml found)")

// Toolchain holds absolute paths to the repository and its tools.
type Toolchain struct {
	Root  string // repository root (holds foundry.toml)
	Anvil string
	Forge string
}

// FindRoot walks up from dir to the first directory holding foundry.toml.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "foundry.toml")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoRepository
		}
		dir = parent
	}
}

// Locate returns the toolchain of the repository at root. A tool is taken,
// in order, from its environment override (GENSYN_ANVIL, GENSYN_FORGE), from
// root/node_modules/.bin, then from PATH.
func Locate(root string) (*Toolchain, error) {
	anvil, err := find(root, "anvil", "GENSYN_ANVIL")
	if err != nil {
		return nil, err
	}
	forge, err := find(root, "forge", "GENSYN_FORGE")
	if err != nil {
		return nil, err
	}
	return &Toolchain{Root: root, Anvil: anvil, Forge: forge}, nil
}

func find(root, name, env string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if isExecutable(p) {
			return p, nil
		}
		return "", fmt.Errorf("%s=%s is not an executable file", env, p)
	}
	p := filepath.Join(root, "node_modules", ".bin", name)
	if isExecutable(p) {
		return p, nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s not found in %s: install the pinned toolchain with `npm ci` (or `make deps`) in %s", name, filepath.Join(root, "node_modules", ".bin"), root)
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}
