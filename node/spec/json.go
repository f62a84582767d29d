package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// A small JSON tree that keeps what encoding/json loses for our purposes:
// duplicate keys are rejected, numbers stay as their literal text, and every
// error names the field it was found at.

type kind int

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

type value struct {
	kind kind
	b    bool
	num  string // literal text of a number
	str  string
	arr  []*value
	obj  map[string]*value
}

const maxDepth = 16

// parseTree parses exactly one JSON value from b.
func parseTree(b []byte) (*value, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := parseValue(dec, "", 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{Msg: "trailing data after the JSON object"}
	}
	return v, nil
}

func syntaxErr(field string, err error) error {
	if errors.Is(err, io.EOF) {
		return &Error{Field: field, Msg: "unexpected end of JSON"}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return &Error{Field: field, Msg: "invalid JSON: " + msg}
}

func parseValue(dec *json.Decoder, field string, depth int) (*value, error) {
	if depth > maxDepth {
		return nil, &Error{Field: field, Msg: "nested too deeply"}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, syntaxErr(field, err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v := &value{kind: kObject, obj: map[string]*value{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, syntaxErr(field, err)
				}
				key, ok := kt.(string)
				if !ok {
					return nil, &Error{Field: field, Msg: "invalid JSON: object key is not a string"}
				}
				sub := join(field, key)
				if _, dup := v.obj[key]; dup {
					return nil, &Error{Field: sub, Msg: "duplicate key"}
				}
				child, err := parseValue(dec, sub, depth+1)
				if err != nil {
					return nil, err
				}
				v.obj[key] = child
			}
			if _, err := dec.Token(); err != nil { // '}'
				return nil, syntaxErr(field, err)
			}
			return v, nil
		case '[':
			v := &value{kind: kArray}
			for dec.More() {
				child, err := parseValue(dec, index(field, len(v.arr)), depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, child)
			}
			if _, err := dec.Token(); err != nil { // ']'
				return nil, syntaxErr(field, err)
			}
			return v, nil
		}
		return nil, &Error{Field: field, Msg: "invalid JSON: unexpected " + t.String()}
	case bool:
		return &value{kind: kBool, b: t}, nil
	case json.Number:
		return &value{kind: kNumber, num: string(t)}, nil
	case string:
		return &value{kind: kString, str: t}, nil
	case nil:
		return &value{kind: kNull}, nil
	}
	return nil, &Error{Field: field, Msg: "invalid JSON"}
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func index(field string, i int) string {
	return field + "[" + itoa(i) + "]"
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
