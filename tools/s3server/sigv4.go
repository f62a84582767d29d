package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7/pkg/s3utils"
)

// sigV4 checks AWS Signature Version 4 (Authorization header form) against
// one access key: the access key id, the credential scope (date, region,
// "s3"), the request time, and the signature over the canonical request. A
// body with a declared hex SHA-256 is checked as it is read. For streaming
// uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) the seed signature, which
// covers the headers, is checked; the per-chunk signatures are not.
type sigV4 struct {
	accessKey, secretKey, region string
	now                          func() time.Time
	maxSkew                      time.Duration
	// logf, if set, gets one line per refused request (never a secret).
	logf func(format string, args ...any)
}

type s3Error struct {
	XMLName  xml.Name `xml:"Error"`
	Code     string   `xml:"Code"`
	Message  string   `xml:"Message"`
	Resource string   `xml:"Resource"`
}

type authError struct{ code, msg string }

func (e *authError) Error() string { return e.code + ": " + e.msg }

func (a *sigV4) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a.verify(r); err != nil {
			var ae *authError
			if !errors.As(err, &ae) {
				ae = &authError{"AccessDenied", err.Error()}
			}
			if a.logf != nil {
				a.logf("refused %s %s: %s", r.Method, r.URL.Path, ae)
			}
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, xml.Header)
			_ = xml.NewEncoder(w).Encode(s3Error{Code: ae.code, Message: ae.msg, Resource: r.URL.Path})
			return
		}
		next.ServeHTTP(w, r)
	})
}

const algorithm = "AWS4-HMAC-SHA256"

func (a *sigV4) verify(r *http.Request) error {
	if r.URL.Query().Get("X-Amz-Algorithm") != "" {
		return &authError{"AccessDenied", "presigned requests are not supported"}
	}
	authz := r.Header.Get("Authorization")
	if authz == "" {
		return &authError{"AccessDenied", "anonymous requests are not allowed"}
	}
	rest, ok := strings.CutPrefix(authz, algorithm+" ")
	if !ok {
		return &authError{"AccessDenied", "only " + algorithm + " is supported"}
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return &authError{"AuthorizationHeaderMalformed", "bad Authorization field " + part}
		}
		fields[k] = v
	}
	cred := strings.Split(fields["Credential"], "/")
	if len(cred) != 5 || cred[4] != "aws4_request" || cred[3] != "s3" {
		return &authError{"AuthorizationHeaderMalformed", "bad credential scope"}
	}
	if cred[0] != a.accessKey {
		return &authError{"InvalidAccessKeyId", "the access key id does not exist"}
	}
	if cred[2] != a.region {
		return &authError{"AuthorizationHeaderMalformed", fmt.Sprintf("the region %q is wrong; expecting %q", cred[2], a.region)}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	t, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || !strings.HasPrefix(amzDate, cred[1]) {
		return &authError{"AccessDenied", "missing or bad X-Amz-Date"}
	}
	if d := a.now().Sub(t); d > a.maxSkew || d < -a.maxSkew {
		return &authError{"RequestTimeTooSkewed", "the difference between the request time and the server's time is too large"}
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	if !sort.StringsAreSorted(signed) || !contains(signed, "host") {
		return &authError{"AuthorizationHeaderMalformed", "bad SignedHeaders"}
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = "UNSIGNED-PAYLOAD"
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n")
	canon.WriteString(s3utils.EncodePath(r.URL.Path) + "\n")
	canon.WriteString(strings.ReplaceAll(r.URL.Query().Encode(), "+", "%20") + "\n")
	for _, h := range signed {
		var v string
		switch h {
		case "host":
			v = r.Host
		case "content-length":
			v = strconv.FormatInt(r.ContentLength, 10)
		default:
			vals := r.Header.Values(h)
			for i := range vals {
				vals[i] = strings.Join(strings.Fields(vals[i]), " ")
			}
			v = strings.Join(vals, ",")
		}
		canon.WriteString(h + ":" + v + "\n")
	}
	canon.WriteString("\n" + fields["SignedHeaders"] + "\n")
	canon.WriteString(payload)
	crHash := sha256.Sum256([]byte(canon.String()))
	scope := strings.Join(cred[1:], "/")
	toSign := algorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(crHash[:])
	key := hmacSHA256([]byte("AWS4"+a.secretKey), cred[1])
	key = hmacSHA256(key, cred[2])
	key = hmacSHA256(key, cred[3])
	key = hmacSHA256(key, "aws4_request")
	want := hex.EncodeToString(hmacSHA256(key, toSign))
	if !hmac.Equal([]byte(want), []byte(fields["Signature"])) {
		return &authError{"SignatureDoesNotMatch", fmt.Sprintf("the request signature we calculated does not match the signature you provided; canonical request %q", canon.String())}
	}
	if sum, err := hex.DecodeString(payload); err == nil && len(sum) == sha256.Size {
		r.Body = &payloadCheck{r: r.Body, d: sha256.New(), want: sum}
	}
	if payload == streamingPayload {
		// Decode (and check) the chunks here, for every kind of upload:
		// gofakes3 decodes them for PutObject only, not for UploadPart.
		decoded, err := strconv.ParseInt(r.Header.Get("X-Amz-Decoded-Content-Length"), 10, 64)
		if err != nil || decoded < 0 {
			return &authError{"MissingContentLength", "a streaming upload needs X-Amz-Decoded-Content-Length"}
		}
		r.Body = newChunkReader(r.Body, key, amzDate, scope, fields["Signature"], decoded)
		r.ContentLength = decoded
		r.Header.Set("Content-Length", strconv.FormatInt(decoded, 10))
		r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		r.Header.Del("Transfer-Encoding")
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// payloadCheck fails the read at EOF if the body's SHA-256 is not the one
// the signed X-Amz-Content-Sha256 header declared.
type payloadCheck struct {
	r    io.ReadCloser
	d    hash.Hash
	want []byte
}

func (p *payloadCheck) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.d.Write(b[:n])
	if err == io.EOF && !hmac.Equal(p.d.Sum(nil), p.want) {
		return n, errors.New("XAmzContentSHA256Mismatch: the body does not match X-Amz-Content-Sha256")
	}
	return n, err
}

func (p *payloadCheck) Close() error { return p.r.Close() }
