package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// streamingPayload is the X-Amz-Content-Sha256 of an aws-chunked body whose
// every chunk is signed.
const streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"

// chunkReader decodes an aws-chunked body,
//
//	<hex size>;chunk-signature=<sig>\r\n<data>\r\n ... 0;chunk-signature=<sig>\r\n\r\n
//
// checking each chunk's signature, which chains from the seed signature of
// the Authorization header. A bad chunk or a body longer or shorter than
// the declared decoded length fails the read, so the upload fails.
type chunkReader struct {
	r        *bufio.Reader
	key      []byte
	amzDate  string
	scope    string
	prevSig  string
	buf      []byte
	left     int64 // decoded bytes still expected
	done     bool
	closer   io.Closer
	firstErr error
}

var emptySHA256 = sha256.Sum256(nil)

func newChunkReader(body io.ReadCloser, key []byte, amzDate, scope, seed string, decoded int64) *chunkReader {
	return &chunkReader{r: bufio.NewReader(body), key: key, amzDate: amzDate, scope: scope, prevSig: seed, left: decoded, closer: body}
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if c.firstErr != nil {
		return 0, c.firstErr
	}
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		if err := c.next(); err != nil {
			c.firstErr = err
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

func (c *chunkReader) next() error {
	line, err := c.r.ReadString('\n')
	if err != nil {
		return fmt.Errorf("aws-chunked: %w", err)
	}
	sizeHex, sig, ok := strings.Cut(strings.TrimRight(line, "\r\n"), ";chunk-signature=")
	if !ok {
		return errors.New("aws-chunked: bad chunk header")
	}
	size, err := strconv.ParseInt(sizeHex, 16, 64)
	if err != nil || size < 0 || size > c.left || size > 64<<20 {
		return errors.New("aws-chunked: bad chunk size")
	}
	data := make([]byte, size+2)
	if _, err := io.ReadFull(c.r, data); err != nil {
		return fmt.Errorf("aws-chunked: %w", err)
	}
	if string(data[size:]) != "\r\n" {
		return errors.New("aws-chunked: chunk not terminated")
	}
	data = data[:size]
	sum := sha256.Sum256(data)
	toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + c.amzDate + "\n" + c.scope + "\n" + c.prevSig + "\n" +
		hex.EncodeToString(emptySHA256[:]) + "\n" + hex.EncodeToString(sum[:])
	want := hex.EncodeToString(hmacSHA256(c.key, toSign))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return errors.New("SignatureDoesNotMatch: a chunk signature does not match")
	}
	c.prevSig = sig
	c.left -= size
	if size == 0 {
		if c.left != 0 {
			return errors.New("aws-chunked: body shorter than X-Amz-Decoded-Content-Length")
		}
		c.done = true
		return nil
	}
	c.buf = data
	return nil
}

func (c *chunkReader) Close() error { return c.closer.Close() }
