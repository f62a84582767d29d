// Package s3test starts the repository's S3-compatible test server
// (tools/s3server: gofakes3 on a real directory, with SigV4 checks) as a
// separate process on loopback, for the S3 blob-store tests.
package s3test

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a running s3server.
type Server struct {
	Endpoint  string // host:port, plain http
	AccessKey string
	SecretKey string
	Region    string
	Dir       string // where the buckets live: Dir/buckets/<bucket>/<key>
	cmd       *exec.Cmd
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Binary builds tools/s3server (once per process; go's build cache makes a
// rebuild cheap) into bin/s3server, or returns $GENSYN_S3SERVER if set.
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("GENSYN_S3SERVER"); p != "" {
		return p
	}
	buildOnce.Do(func() {
		root := repoRoot()
		dir := filepath.Join(root, "bin")
		if buildErr = os.MkdirAll(dir, 0o755); buildErr != nil {
			return
		}
		tmp := filepath.Join(dir, fmt.Sprintf(".s3server-%d", os.Getpid()))
		cmd := exec.Command("go", "build", "-o", tmp, "./tools/s3server")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./tools/s3server: %v\n%s", err, out)
			return
		}
		binPath = filepath.Join(dir, "s3server")
		buildErr = os.Rename(tmp, binPath) // atomic: concurrent test binaries may build it too
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Start runs a server with fresh random credentials in a temporary
// directory, creating buckets, and stops it when the test ends.
func Start(t testing.TB, buckets ...string) *Server {
	t.Helper()
	s := &Server{AccessKey: "AK" + randomHex(8), SecretKey: randomHex(20), Region: "us-east-1", Dir: t.TempDir()}
	args := []string{"-addr", "127.0.0.1:0", "-dir", s.Dir, "-access-key", s.AccessKey, "-secret-key", s.SecretKey, "-region", s.Region}
	for _, b := range buckets {
		args = append(args, "-bucket", b)
	}
	cmd := exec.Command(Binary(t), args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(t.TempDir(), "s3server.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close() // the child keeps its own descriptor
	cmd.Stderr = logf
	stderrText := func() string { b, _ := os.ReadFile(logPath); return string(b) }
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.cmd = cmd
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		url, found := strings.CutPrefix(line, "s3server listening on http://")
		if !ok || !found {
			t.Fatalf("s3server did not start: %q %s", line, stderrText())
		}
		s.Endpoint = url
	case <-time.After(30 * time.Second):
		t.Fatalf("s3server did not start within 30s: %s", stderrText())
	}
	return s
}

// Stop kills the server (to test an unreachable endpoint).
func (s *Server) Stop() {
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// ObjectPath is the file that holds an object.
func (s *Server) ObjectPath(bucket, key string) string {
	return filepath.Join(s.Dir, "buckets", bucket, filepath.FromSlash(key))
}
