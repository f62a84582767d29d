package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cpioEntry is one entry of a newc archive, read back.
type cpioEntry struct {
	name       string
	mode       uint32
	rmaj, rmin int
	data       []byte
}

// readCpio parses a newc archive (the format the kernel unpacks) up to the
// trailer; it fails the test on any malformed header or padding.
func readCpio(t *testing.T, b []byte) []cpioEntry {
	t.Helper()
	var out []cpioEntry
	off := 0
	hex := func(i int) int {
		v, err := strconv.ParseUint(string(b[off+6+8*i:off+14+8*i]), 16, 32)
		if err != nil {
			t.Fatalf("header at %d, field %d: %v", off, i, err)
		}
		return int(v)
	}
	for {
		if off%4 != 0 || off+110 > len(b) || string(b[off:off+6]) != "070701" {
			t.Fatalf("bad header at %d", off)
		}
		mode, size, rmaj, rmin, nameSize := hex(1), hex(6), hex(9), hex(10), hex(11)
		name := string(b[off+110 : off+110+nameSize-1])
		if b[off+110+nameSize-1] != 0 {
			t.Fatalf("%s: name not NUL-terminated", name)
		}
		data := off + 110 + nameSize
		data += (4 - data%4) % 4
		if name == "TRAILER!!!" {
			return out
		}
		out = append(out, cpioEntry{name, uint32(mode), rmaj, rmin, b[data : data+size]})
		off = data + size
		off += (4 - off%4) % 4
	}
}

func TestInitramfs(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "pkg/a/testdata/sub"), 0o755))
	must(os.WriteFile(filepath.Join(root, "pkg/a/testdata/x.txt"), []byte("hello"), 0o644))
	must(os.WriteFile(filepath.Join(root, "pkg/a/testdata/sub/y"), []byte("abcdefg"), 0o644))
	must(os.MkdirAll(filepath.Join(root, "data"), 0o755))
	must(os.WriteFile(filepath.Join(root, "data/d.csv"), nil, 0o644))
	initBin, prog := filepath.Join(root, "init"), filepath.Join(root, "a.test")
	must(os.WriteFile(initBin, []byte("INIT"), 0o755))
	must(os.WriteFile(prog, []byte("PROG!"), 0o755))
	c := &config{root: root, cwd: "pkg/a", copies: []string{"pkg/a/testdata", "data/d.csv"},
		env: []string{"A=1", "B=x y"}, args: []string{prog, "-test.run", "X|Y", "-test.v"}}
	out := filepath.Join(root, "initrd")
	must(writeInitramfs(c, initBin, out))
	b, err := os.ReadFile(out)
	must(err)
	got := map[string]cpioEntry{}
	for _, e := range readCpio(t, b) {
		if _, dup := got[e.name]; dup {
			t.Fatalf("%s twice", e.name)
		}
		got[e.name] = e
	}
	want := map[string]string{
		"init":                     "INIT",
		"bin/a.test":               "PROG!",
		"emu/args":                 "/bin/a.test\x00-test.run\x00X|Y\x00-test.v",
		"emu/env":                  "A=1\x00B=x y",
		"emu/cwd":                  "/src/pkg/a",
		"src/pkg/a/testdata/x.txt": "hello",
		"src/pkg/a/testdata/sub/y": "abcdefg",
		"src/data/d.csv":           "",
	}
	for name, data := range want {
		e, ok := got[name]
		if !ok {
			t.Fatalf("%s missing", name)
		}
		if string(e.data) != data || e.mode&0o170000 != 0o100000 {
			t.Fatalf("%s: %q mode %o", name, e.data, e.mode)
		}
	}
	if got["init"].mode&0o111 == 0 || got["bin/a.test"].mode&0o111 == 0 {
		t.Fatal("init and the program must be executable")
	}
	if e := got["dev/console"]; e.mode&0o170000 != 0o020000 || e.rmaj != 5 || e.rmin != 1 {
		t.Fatalf("dev/console: mode %o, device %d:%d", e.mode, e.rmaj, e.rmin)
	}
	for _, d := range []string{"dev", "proc", "sys", "tmp", "src", "src/pkg", "src/pkg/a", "src/pkg/a/testdata", "src/pkg/a/testdata/sub", "src/data"} {
		if e, ok := got[d]; !ok || e.mode&0o170000 != 0o040000 {
			t.Fatalf("directory %s missing", d)
		}
	}
	// A directory precedes what it holds (the kernel creates paths in order).
	seen := map[string]bool{}
	for _, e := range readCpio(t, b) {
		if d := filepath.Dir(e.name); d != "." && !seen[d] {
			t.Fatalf("%s before its directory", e.name)
		}
		seen[e.name] = true
	}
	if cpio, err := exec.LookPath("cpio"); err == nil {
		cmd := exec.Command(cpio, "-t", "--quiet")
		cmd.Stdin = bytes.NewReader(b)
		list, err := cmd.Output()
		must(err)
		if !strings.Contains(string(list), "src/pkg/a/testdata/sub/y") {
			t.Fatalf("cpio -t does not list the files:\n%s", list)
		}
	}

	c.copies = []string{"../outside"}
	if err := writeInitramfs(c, initBin, out); err == nil {
		t.Fatal("a -copy path outside -root was accepted")
	}
}

func TestVerdict(t *testing.T) {
	run := func(lines ...string) *result {
		r := &result{}
		for _, l := range lines {
			r.line(l)
		}
		return r
	}
	c := &config{requireAVX512: true, requirePass: true}
	ok := []string{"EMU-CPU avx512f=true", "EMU-SELFCHECK avx512 ok 0x1", "EMU-RUN x", "=== RUN TestA", "PASS\r", "", "EMU-EXIT 0"}
	if err := run(ok...).verdict(c); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		lines []string
		want  string
	}{
		{[]string{"EMU-SELFCHECK avx512 absent", "PASS", "EMU-EXIT 0"}, "self-check"},
		{[]string{"EMU-SELFCHECK fail: got 0x1, want 0x2", "EMU-EXIT 101"}, "self-check"},
		{[]string{"EMU-SELFCHECK avx512 ok 0x1", "--- FAIL: TestA", "FAIL", "EMU-EXIT 1"}, "exit status 1"},
		{[]string{"EMU-SELFCHECK avx512 ok 0x1", "ok", "EMU-EXIT 0"}, "without a PASS line"},
		{[]string{"EMU-SELFCHECK avx512 ok 0x1", "PASS"}, "no EMU-EXIT"},
		{[]string{"EMU-SELFCHECK avx512 ok 0x1", "[ 1.0] Kernel panic - not syncing: x"}, "kernel panic"},
		{[]string{"EMU-SELFCHECK avx512 ok 0x1", "--- PASS: TestPASS", "EMU-EXIT 0"}, "without a PASS line"},
	} {
		err := run(bad.lines...).verdict(c)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Fatalf("%q: %v, want %q", bad.lines, err, bad.want)
		}
	}
	lax := &config{requireAVX512: false, requirePass: false}
	if err := run("EMU-SELFCHECK avx512 absent", "EMU-EXIT 0").verdict(lax); err != nil {
		t.Fatal(err)
	}
}

func TestBochsrcNamesCPU(t *testing.T) {
	c := &config{cpu: "corei7_skylake_x", mem: 512}
	s := bochsrc(c, "/w/boot.iso", "/w/serial.txt", "/w/bochs.log")
	for _, want := range []string{"cpu: model=corei7_skylake_x, count=1,", "memory: guest=512, host=512", `path="/w/boot.iso"`, `com1: enabled=1, mode=file, dev="/w/serial.txt"`, "boot: cdrom"} {
		if !strings.Contains(s, want) {
			t.Fatalf("bochsrc lacks %q:\n%s", want, s)
		}
	}
}
