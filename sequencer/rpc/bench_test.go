package rpc

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/log"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/stretchr/testify/require"

	"github.com/gensyn-stack/gensyn/internal/inbox"
	"github.com/gensyn-stack/gensyn/sequencer/store"
)

// BenchmarkIngest measures signed commitments accepted per second by the
// JSON-RPC API over loopback HTTP, each acknowledged only after its durable
// (pebble.Sync, group-committed) write: signature recovery, the job check
// (cached), the order check and the log append. The load generator runs
// `clients` concurrent submitters, each the worker of its own job, sending
// its checkpoints in order; commitments are signed before the timer starts.
// batch>1 sends JSON-RPC batch requests of that many submissions; batch=0
// ("rawhttp") posts pre-encoded JSON-RPC request bodies with net/http (one
// commitment per request), so that the load generator itself costs less of
// the shared CPU than go-ethereum's rpc client does.
func BenchmarkIngest(b *testing.B) {
	for _, bc := range []struct {
		name    string
		clients int
		batch   int
	}{
		{"clients=64/rawhttp", 64, 0},
		{"clients=64/single", 64, 1},
		{"clients=256/single", 256, 1},
		{"clients=64/rpcbatch=16", 64, 16},
	} {
		b.Run(bc.name, func(b *testing.B) { benchIngest(b, bc.clients, bc.batch) })
	}
}

func benchIngest(b *testing.B, clients, batch int) {
	st, err := store.Open(b.TempDir(), store.Options{})
	require.NoError(b, err)
	defer st.Close()
	domain := inbox.NewDomain(31337, common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"))
	jobs := &fakeJobs{jobs: map[uint64]Job{}}
	keys := make([]*ecdsa.PrivateKey, clients)
	for i := range keys {
		keys[i], _ = crypto.GenerateKey()
		jobs.set(uint64(i+1), Job{Status: JobAssigned, Round: 1, Worker: crypto.PubkeyToAddress(keys[i].PublicKey), Steps: 1 << 32, Interval: 1})
	}
	api := NewAPI(Config{Domain: domain, JobTTL: time.Hour}, st, jobs, nil, log.NewLogger(log.DiscardHandler()))
	srv, err := NewServer(api)
	require.NoError(b, err)
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Stop()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, MaxConnsPerHost: clients * 2}}
	client, err := gethrpc.DialOptions(context.Background(), hs.URL, gethrpc.WithHTTPClient(hc))
	require.NoError(b, err)
	defer client.Close()

	// Pre-sign each client's share of b.N commitments.
	per := (b.N + clients - 1) / clients
	type sub struct {
		args CommitmentArgs
		sig  hexutil.Bytes
		body []byte
	}
	work := make([][]sub, clients)
	for i := range work {
		w := crypto.PubkeyToAddress(keys[i].PublicKey)
		for ck := 1; ck <= per; ck++ {
			c := inbox.Commitment{JobID: uint64(i + 1), Checkpoint: uint32(ck), StateRoot: crypto.Keccak256Hash([]byte{byte(i), byte(ck), byte(ck >> 8)}), Worker: w}
			sig, err := domain.Sign(c, keys[i])
			require.NoError(b, err)
			body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": ck, "method": "gensyn_submitCommitment", "params": []any{ArgsOf(c), hexutil.Bytes(sig)}})
			require.NoError(b, err)
			work[i] = append(work[i], sub{ArgsOf(c), sig, body})
		}
	}
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range work {
		wg.Add(1)
		go func(subs []sub) {
			defer wg.Done()
			if batch == 0 {
				for _, sb := range subs {
					resp, err := hc.Post(hs.URL, "application/json", bytes.NewReader(sb.body))
					if err != nil {
						errs <- err
						return
					}
					out, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"error"`)) {
						errs <- fmt.Errorf("status %d: %s (%v)", resp.StatusCode, out, err)
						return
					}
				}
				return
			}
			for k := 0; k < len(subs); k += batch {
				end := min(k+batch, len(subs))
				if batch == 1 {
					var res SubmitResult
					if err := client.Call(&res, "gensyn_submitCommitment", subs[k].args, subs[k].sig); err != nil {
						errs <- err
						return
					}
					continue
				}
				elems := make([]gethrpc.BatchElem, 0, end-k)
				for _, s := range subs[k:end] {
					elems = append(elems, gethrpc.BatchElem{Method: "gensyn_submitCommitment", Args: []any{s.args, s.sig}, Result: new(SubmitResult)})
				}
				if err := client.BatchCall(elems); err != nil {
					errs <- err
					return
				}
				for _, e := range elems {
					if e.Error != nil {
						errs <- e.Error
						return
					}
				}
			}
		}(work[i])
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		require.NoError(b, err)
	}
	total := per * clients
	require.Equal(b, uint64(total), st.Stats().Entries)
	b.ReportMetric(float64(total)/elapsed.Seconds(), "commitments/s")
}
