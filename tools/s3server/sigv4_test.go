package main

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7/pkg/signer"
	"github.com/stretchr/testify/require"
)

type sha256Hasher struct{ hash.Hash }

func (sha256Hasher) Close() {}

// echo answers 200 with the decoded body, or 400 with the read error.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, err.Error())
		return
	}
	_, _ = w.Write(b)
})

// corrupting flips one byte of what passes through at offset at.
type corrupting struct {
	r  io.ReadCloser
	at int
	n  int
}

func (c *corrupting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.at >= c.n && c.at < c.n+n {
		p[c.at-c.n] ^= 1
	}
	c.n += n
	return n, err
}

func (c *corrupting) Close() error { return c.r.Close() }

func TestSigV4(t *testing.T) {
	now := time.Now()
	a := &sigV4{accessKey: "AK", secretKey: "SK", region: "us-east-1", now: func() time.Time { return now }, maxSkew: 15 * time.Minute}
	srv := httptest.NewServer(a.wrap(echo))
	defer srv.Close()
	body := bytes.Repeat([]byte("0123456789"), 10000) // several 64 KiB chunks

	send := func(secret string, at time.Time, streaming bool, corruptAt int) (int, string) {
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/bucket/a%20key?partNumber=1&uploadId=x", bytes.NewReader(body))
		require.NoError(t, err)
		if streaming {
			req = signer.StreamingSignV4(req, "AK", secret, "", "us-east-1", int64(len(body)), at, sha256Hasher{sha256.New()})
		} else {
			sum := sha256.Sum256(body)
			req.Header.Set("X-Amz-Content-Sha256", strings.ToLower(hexString(sum[:])))
			req = signer.SignV4(*req, "AK", secret, "", "us-east-1")
		}
		if corruptAt >= 0 {
			req.Body = &corrupting{r: req.Body, at: corruptAt}
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	for _, streaming := range []bool{true, false} {
		code, got := send("SK", now, streaming, -1)
		require.Equal(t, http.StatusOK, code, got)
		require.Equal(t, string(body), got, "the decoded body reaches the S3 handler")

		code, got = send("wrong", now, streaming, -1)
		require.Equal(t, http.StatusForbidden, code)
		require.Contains(t, got, "<Code>SignatureDoesNotMatch</Code>")

		if streaming { // (SignV4 stamps the request with the current time itself)
			code, got = send("SK", now.Add(-time.Hour), streaming, -1)
			require.Equal(t, http.StatusForbidden, code)
			require.Contains(t, got, "<Code>RequestTimeTooSkewed</Code>")
		}

		// A byte changed in flight, after signing: the upload fails.
		code, got = send("SK", now, streaming, 70000)
		require.Equal(t, http.StatusBadRequest, code, got)
	}

	resp, err := http.Get(srv.URL + "/bucket/")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.Contains(t, string(b), "anonymous requests are not allowed")
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}
