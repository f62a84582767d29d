package blobstore

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"golang.org/x/crypto/sha3"
)

// Typed errors of the S3 backend, on top of the store's own (ErrNotFound,
// ErrTooLarge, ...).
var (
	ErrS3BucketNotFound = errors.New("s3 bucket does not exist")
	ErrS3AccessDenied   = errors.New("s3 access denied (check the access key, the secret key and the bucket policy)")
	ErrS3Unreachable    = errors.New("s3 endpoint unreachable")
	ErrS3Config         = errors.New("bad s3 configuration")
)

// S3Config configures the S3 backend.
type S3Config struct {
	// Endpoint is host[:port] (https unless Insecure) or an http:// or
	// https:// URL; empty means AWS (s3.amazonaws.com).
	Endpoint string
	Bucket   string
	Region   string // empty: us-east-1
	// AccessKey and SecretKey sign every request (SigV4). SessionToken is
	// for temporary credentials.
	AccessKey, SecretKey, SessionToken string
	// Prefix is put in front of every key, so that several stores can share
	// a bucket ("gensyn/" keeps blobs under gensyn/blobs/...).
	Prefix string
	// Insecure talks plain http (a loopback or private-network server).
	Insecure bool
	// TempDir holds an upload while it is hashed (empty: the system's).
	TempDir string
	// MaxRetries bounds the client's retries of a failed request (0: 3).
	MaxRetries int
	// PartSize is the multipart part size, the memory one part upload
	// holds (0: 16 MiB; S3's minimum is 5 MiB).
	PartSize uint64
}

// S3 stores blobs in an S3 bucket under <prefix>blobs/<h[0:2]>/<h> (h: the
// hex keccak256, as the local backend names its files) and the index under
// <prefix>index/<key>/<h> (empty objects). An upload is spooled to a
// temporary file while it is hashed, then written under its address in one
// PUT (multipart in parts of PartSize above that size), so a blob is either whole under its
// address or absent. Every read is verified against the address at EOF, as
// with the local backend: an object altered in the bucket is reported as
// ErrHashMismatch, never served as good.
type S3 struct {
	c       *minio.Client
	bucket  string
	prefix  string
	tmpDir  string
	part    uint64
	display string
}

var (
	_ Store   = (*S3)(nil)
	_ Indexer = (*S3)(nil)
	_ Pinger  = (*S3)(nil)
)

// s3PartSize is the default multipart part size.
const s3PartSize = 16 << 20

// s3MinPartSize is S3's smallest part but the last.
const s3MinPartSize = 5 << 20

// NewS3 returns an S3 backend. It does not touch the network; Check does.
func NewS3(cfg S3Config) (*S3, error) {
	if cfg.Bucket == "" {
		return nil, fmt.Errorf("%w: no bucket", ErrS3Config)
	}
	host, secure := cfg.Endpoint, !cfg.Insecure
	if host == "" {
		host = "s3.amazonaws.com"
	}
	if strings.Contains(host, "://") {
		u, err := url.Parse(host)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return nil, fmt.Errorf("%w: endpoint %q is not host[:port] or an http(s)://host[:port] URL", ErrS3Config, cfg.Endpoint)
		}
		host, secure = u.Host, u.Scheme == "https" && !cfg.Insecure
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, fmt.Errorf("%w: an access key and a secret key are required", ErrS3Config)
	}
	part := cfg.PartSize
	if part == 0 {
		part = s3PartSize
	}
	if part < s3MinPartSize {
		return nil, fmt.Errorf("%w: part size %d is below S3's minimum of 5 MiB", ErrS3Config, part)
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	retries := cfg.MaxRetries
	if retries <= 0 {
		retries = 3
	}
	c, err := minio.New(host, &minio.Options{
		Creds:      credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, cfg.SessionToken),
		Secure:     secure,
		Region:     region,
		MaxRetries: retries,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrS3Config, err)
	}
	scheme := "https"
	if !secure {
		scheme = "http"
	}
	return &S3{c: c, bucket: cfg.Bucket, prefix: cfg.Prefix, tmpDir: cfg.TempDir, part: part,
		display: scheme + "://" + host + "/" + cfg.Bucket + "/" + cfg.Prefix}, nil
}

// OpenS3 is NewS3 followed by Check.
func OpenS3(ctx context.Context, cfg S3Config) (*S3, error) {
	s, err := NewS3(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Check(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// String names the bucket and prefix (never the credentials).
func (s *S3) String() string { return s.display }

// Check is the start-up check: the bucket exists, and the credentials may
// list it, write to it (the empty blob, under its own address: harmless to
// keep) and read from it.
func (s *S3) Check(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	info, err := s.Put(ctx, bytes.NewReader(nil), 0)
	if err != nil {
		return fmt.Errorf("blobstore: bucket %s is not writable: %w", s.bucket, err)
	}
	rc, _, err := s.Get(ctx, info.Hash)
	if err != nil {
		return fmt.Errorf("blobstore: bucket %s is not readable: %w", s.bucket, err)
	}
	_, err = io.Copy(io.Discard, rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("blobstore: bucket %s is not readable: %w", s.bucket, err)
	}
	return nil
}

// Ping implements Pinger (the blob store's /healthz): one listing of at
// most one key. Unlike HEAD bucket, a listing's error has a body, which
// tells a missing bucket, an unknown key and a wrong secret apart.
func (s *S3) Ping(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for obj := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix + "index/", Recursive: true, MaxKeys: 1}) {
		if obj.Err != nil {
			err := s.wrap("list bucket "+s.bucket, obj.Err)
			if errors.Is(err, ErrS3BucketNotFound) {
				return fmt.Errorf("blobstore: %w: %s", ErrS3BucketNotFound, s.bucket)
			}
			return err
		}
		break
	}
	return nil
}

func (s *S3) key(h Hash) string {
	x := hex.EncodeToString(h[:])
	return s.prefix + "blobs/" + x[:2] + "/" + x
}

func (s *S3) indexPrefix(key Hash) string {
	return s.prefix + "index/" + hex.EncodeToString(key[:]) + "/"
}

// wrap turns a client error into one of the typed errors.
func (s *S3) wrap(op string, err error) error {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		switch er.Code {
		case "NoSuchKey":
			return fmt.Errorf("%w: %s", ErrNotFound, op)
		case "NoSuchBucket":
			return fmt.Errorf("blobstore: %s: %w: %s", op, ErrS3BucketNotFound, s.bucket)
		case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
			"AuthorizationHeaderMalformed", "RequestTimeTooSkewed", "AllAccessDisabled":
			return fmt.Errorf("blobstore: %s: %w: %s", op, ErrS3AccessDenied, er.Code)
		}
		return fmt.Errorf("blobstore: %s: s3: %s: %s", op, er.Code, er.Message)
	}
	var ne net.Error
	var ue *url.Error
	if (errors.As(err, &ue) || errors.As(err, &ne)) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("blobstore: %s: %w: %v", op, ErrS3Unreachable, err)
	}
	return fmt.Errorf("blobstore: %s: %w", op, err)
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, r io.Reader, limit int64) (Info, error) {
	tmp, err := os.CreateTemp(s.tmpDir, "gensyn-s3-put-*")
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	d := sha3.NewLegacyKeccak256()
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	n, err := io.Copy(io.MultiWriter(tmp, d), &ctxReader{ctx: ctx, r: src})
	if err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	if limit > 0 && n > limit {
		return Info{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	var h Hash
	d.Sum(h[:0])
	info := Info{Hash: h, Size: n}
	if _, err := s.Stat(ctx, h); err == nil {
		return info, nil // already stored: content addressing makes Put idempotent
	} else if !errors.Is(err, ErrNotFound) {
		return Info{}, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return Info{}, fmt.Errorf("blobstore: %w", err)
	}
	_, err = s.c.PutObject(ctx, s.bucket, s.key(h), tmp, n, minio.PutObjectOptions{
		ContentType: "application/octet-stream",
		PartSize:    s.part,
		// minio-go sends an empty streaming-signed body chunked, without
		// the Content-Length S3 requires; an empty body needs no signing.
		DisableContentSha256: n == 0,
	})
	if err != nil {
		return Info{}, s.wrap("put "+h.String(), err)
	}
	return info, nil
}

// Get implements Store. The returned reader verifies the content at EOF.
func (s *S3) Get(ctx context.Context, h Hash) (io.ReadCloser, Info, error) {
	obj, err := s.c.GetObject(ctx, s.bucket, s.key(h), minio.GetObjectOptions{})
	if err != nil {
		return nil, Info{}, s.wrap("get "+h.String(), err)
	}
	oi, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, Info{}, s.wrap("get "+h.String(), err)
	}
	return readCloser{Reader: NewVerifyingReader(obj, h), Closer: obj}, Info{Hash: h, Size: oi.Size}, nil
}

// Stat implements Store.
func (s *S3) Stat(ctx context.Context, h Hash) (Info, error) {
	oi, err := s.c.StatObject(ctx, s.bucket, s.key(h), minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s.wrap("stat "+h.String(), err)
	}
	return Info{Hash: h, Size: oi.Size}, nil
}

// Link implements Indexer: an empty object index/<key>/<hash>.
func (s *S3) Link(ctx context.Context, key, h Hash) error {
	if _, err := s.Stat(ctx, h); err != nil {
		return err
	}
	name := s.indexPrefix(key) + hex.EncodeToString(h[:])
	if _, err := s.c.StatObject(ctx, s.bucket, name, minio.StatObjectOptions{}); err == nil {
		return nil
	} else if err := s.wrap("link", err); !errors.Is(err, ErrNotFound) {
		return err
	}
	listed, err := s.Lookup(ctx, key)
	if err != nil {
		return err
	}
	if len(listed) >= MaxIndexEntries {
		return fmt.Errorf("%w: %s", ErrIndexFull, key)
	}
	if _, err := s.c.PutObject(ctx, s.bucket, name, bytes.NewReader(nil), 0, minio.PutObjectOptions{DisableContentSha256: true}); err != nil {
		return s.wrap("link "+key.String(), err)
	}
	return nil
}

// Lookup implements Indexer.
func (s *S3) Lookup(ctx context.Context, key Hash) ([]Hash, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine once enough is read
	out := []Hash{}
	for obj := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.indexPrefix(key), Recursive: true}) {
		if obj.Err != nil {
			return nil, s.wrap("lookup "+key.String(), obj.Err)
		}
		h, err := ParseHash(obj.Key[strings.LastIndexByte(obj.Key, '/')+1:])
		if err != nil {
			continue
		}
		out = append(out, h)
		if len(out) == MaxIndexEntries {
			break
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}
