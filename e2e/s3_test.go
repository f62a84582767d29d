package e2e

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/bindings"
	"github.com/gensyn-stack/gensyn/internal/s3test"
	"github.com/gensyn-stack/gensyn/node/blobstore"
	"github.com/gensyn-stack/gensyn/node/commit"
	"github.com/gensyn-stack/gensyn/node/trainer"
)

// s3Verifier is the verifier's dev account in TestS3Lifecycle.
const s3Verifier = 7

// TestS3Lifecycle runs one job from post to payment with the blob store on
// S3: tools/s3server (a real S3 server process on loopback, objects in a
// directory, SigV4 checked) behind `gensyn blobstore --backend s3`, with
// the worker, the verifier and the job client unchanged (they talk to the
// blob store's HTTP API). The job's spec, dataset and checkpoints land in
// the bucket; the verifier audits from it; `job fetch` verifies the model.
func TestS3Lifecycle(t *testing.T) {
	start := time.Now()
	s3 := s3test.Start(t, "gensyn-blobs")
	c := startSeqChain(t, "--block-time", "1s")

	secretFile := filepath.Join(t.TempDir(), "s3-secret")
	require.NoError(t, os.WriteFile(secretFile, []byte(s3.SecretKey+"\n"), 0o600))
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	blob := startProc(t, "blobstore-s3", []string{"GENSYN_BLOBSTORE_S3_SECRET_KEY_FILE=" + secretFile},
		"blobstore", "--backend", "s3", "--addr", addr, "--dir", t.TempDir(),
		"--s3.endpoint", s3.Endpoint, "--s3.insecure", "--s3.bucket", "gensyn-blobs", "--s3.prefix", "devnet/",
		"--s3.access-key", s3.AccessKey)
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 100*time.Millisecond, "the S3-backed blob store never served")
	seq := c.startSequencer(t, t.TempDir(), "--batch.max-delay", "1s", "--keeper.interval", "1s", "--job-cache-ttl", "500ms")
	l := &lifecycle{seqChain: c, blobURL: "http://" + addr, seq: seq}

	specPath := filepath.Join(repoRoot(t), "examples", "digits-mlp.json")
	want := localRoots(t, specPath)

	w := l.startWorker(t, "worker", cheapWorker, t.TempDir(), "--bid.price", ethAmount(3, 10).String())
	v := startProc(t, "verifier", []string{"GENSYN_VERIFIER_PRIVATE_KEY=" + l.hexKeys[s3Verifier]}, "verifier",
		"--l1-eth-rpc", l.d.RPCURL, "--deployments", l.depsPath, "--data-dir", t.TempDir(),
		"--blobstore", l.blobURL, "--sequencer", l.seq.url, "--poll-interval", "500ms",
		"--audit.fraction", "1", "--log.level", "debug")
	require.Eventually(t, func() bool { return l.registered(t, cheapWorker) }, 60*time.Second, 200*time.Millisecond, "worker never registered")

	posted := time.Now()
	id := l.submitJob(t, specPath, "--challenge-window", "20s")
	m := bindings.NewJobMarket()
	require.Eventually(t, func() bool {
		if l.job(id).Status != jobFinalized {
			return false
		}
		bal := call(t, m.Instance(l.client, l.d.Contracts.JobMarket), m.PackBalanceOf(l.addr(cheapWorker)), m.UnpackBalanceOf)
		return bal.Sign() == 0 && strings.Contains(w.log(), "Result submitted")
	}, 240*time.Second, 250*time.Millisecond, "job never finalized and paid")
	paid := time.Since(posted)

	job := l.job(id)
	require.Equal(t, l.addr(cheapWorker), job.Worker)
	require.Equal(t, common.Hash(want[len(want)-1]), common.Hash(job.FinalModelRoot), "final model root")
	require.Equal(t, common.Hash(commit.CheckpointsRoot(want)), common.Hash(job.CheckpointsRoot), "checkpoints root")

	// The verifier read the worker's checkpoints from the S3-backed store
	// and found them good.
	audited := regexp.MustCompile(`msg="Checkpoint audited" .*job=` + strconv.FormatUint(id, 10) + ` `)
	require.Regexp(t, audited, v.log(), "the verifier audited checkpoints from the S3-backed store")
	require.NotContains(t, v.log(), "Game opened")

	// The client fetches the model through the blob store and verifies it.
	out := filepath.Join(t.TempDir(), "model.gck")
	r := gensyn(t, l.jobArgs(clientAcct), "job", "fetch", "--out", out, strconv.FormatUint(id, 10))
	require.Equal(t, 0, r.code, "stderr=%s", r.stderr)
	require.Contains(t, r.stdout, "matches the on-chain final model root")
	ck, err := trainer.ReadCheckpoint(out)
	require.NoError(t, err)
	require.Equal(t, common.Hash(job.FinalModelRoot), common.Hash(ck.StateRoot))

	// Everything the job moved is in the bucket, under the prefix, as
	// objects named by their hash; the published final model among them.
	var objects int
	root := filepath.Join(s3.Dir, "buckets", "gensyn-blobs", "devnet", "blobs")
	require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			objects++
		}
		return err
	}))
	require.Greater(t, objects, len(want), "spec, dataset and every checkpoint are objects in the bucket")
	final, err := blobstore.NewClient(l.blobURL, nil).Lookup(context.Background(), blobstore.Hash(job.FinalModelRoot))
	require.NoError(t, err)
	require.NotEmpty(t, final, "the final checkpoint is indexed under its state root")
	x := strings.TrimPrefix(final[0].String(), "0x")
	_, err = os.Stat(filepath.Join(root, x[:2], x))
	require.NoError(t, err, "the indexed checkpoint is an object of the bucket")

	require.NotContains(t, blob.log(), s3.SecretKey, "the S3 secret is never logged")
	require.Contains(t, blob.log(), "backend=\"s3 http://"+s3.Endpoint+"/gensyn-blobs/devnet/\"")
	t.Logf("S3 lifecycle: %d checkpoints, %d objects in the bucket; post to payment %.1fs; whole test %.1fs",
		len(want), objects, paid.Seconds(), time.Since(start).Seconds())
}
