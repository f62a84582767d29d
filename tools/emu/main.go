// Command emu runs a statically linked linux/amd64 program (in practice a
// Go test binary) on an emulated CPU with AVX-512, so that the AVX-512
// code paths of the project execute on machines that have no AVX-512.
//
// It boots Debian's Linux kernel in the Bochs emulator with an explicit CPU
// model (corei7_skylake_x by default: AVX-512F/CD/BW/DQ/VL) from an
// ISO image (isolinux) whose initramfs holds a small init
// (tools/emu/guestinit), the program, its arguments and environment, and
// the files the program reads. The init reports the guest's AVX-512
// features, executes AVX-512F instructions and checks their result (the
// self-check), runs the program and powers off. The guest's serial console
// goes to a file that emu streams to its standard output and parses.
//
// emu exits 0 only if the self-check proved AVX-512 executes (unless
// -require-avx512=false), the program exited 0 and, with -require-pass
// (the default), printed a line "PASS" (the verdict of a Go test binary).
//
// Setup (once per machine, like CI's tool install; tools/emu/setup.sh does
// it): the Debian packages bochs, bochsbios, vgabios, isolinux,
// syslinux-common and xorriso, and a Debian kernel image extracted into the
// cache directory. Nothing is downloaded when emu runs.
//
// Usage, from the repository root (tools/emu/run.sh wraps the whole
// sequence for one package's tests):
//
//	CGO_ENABLED=0 go test -c -o /tmp/repops.test ./node/repops
//	go run ./tools/emu -cwd node/repops \
//	    -copy node/repops/testdata,node/trainer/testdata,examples,data \
//	    -env GENSYN_REPOPS_KERNEL=auto \
//	    /tmp/repops.test -test.run 'TestMatMulKernels' -test.short -test.v
//
// The -copy paths (relative to -root) are placed at the same paths under the
// guest's /src, and the program starts in /src/<cwd>, so a test's relative
// paths (testdata/..., ../../examples/...) resolve as in the repository.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

type config struct {
	root, cwd, kernel, cpu, bochs, work string
	copies, env                         []string
	mem                                 int
	timeout                             time.Duration
	requireAVX512, requirePass, keep    bool
	args                                []string
}

func main() {
	var c config
	var copies, env listFlag
	flag.StringVar(&c.root, "root", ".", "repository root: -copy and -cwd are relative to it, and guestinit is built from it")
	flag.StringVar(&c.cwd, "cwd", "", "directory (relative to -root) the program starts in, under the guest's /src")
	flag.Var(&copies, "copy", "comma-separated files or directories (relative to -root) to place under the guest's /src (repeatable)")
	flag.Var(&env, "env", "KEY=VALUE for the program's environment (repeatable)")
	flag.StringVar(&c.kernel, "kernel", "", "Linux kernel image (default: vmlinuz in the cache directory, see tools/emu/setup.sh)")
	flag.StringVar(&c.cpu, "cpu", "corei7_skylake_x", "Bochs CPU model (corei7_skylake_x: AVX-512F/CD/BW/DQ/VL; tigerlake adds VBMI, VNNI and more)")
	flag.StringVar(&c.bochs, "bochs", "bochs", "the Bochs executable")
	flag.IntVar(&c.mem, "mem", 1024, "guest memory in MiB")
	flag.DurationVar(&c.timeout, "timeout", 30*time.Minute, "wall-clock limit for the whole run (boot included)")
	flag.BoolVar(&c.requireAVX512, "require-avx512", true, "fail unless the guest executed the AVX-512 self-check")
	flag.BoolVar(&c.requirePass, "require-pass", true, "fail unless the program printed a line \"PASS\" (a Go test binary's verdict)")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory (ISO, bochsrc, serial log, Bochs log) and print its path")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./tools/emu [flags] program [args...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	c.args = flag.Args()
	for _, s := range copies {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.copies = append(c.copies, p)
			}
		}
	}
	c.env = env
	if len(c.args) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(&c); err != nil {
		fmt.Fprintf(os.Stderr, "emu: %v\n", err)
		os.Exit(1)
	}
}

// CacheDir is where tools/emu/setup.sh puts the kernel: $GENSYN_EMU_CACHE,
// or emu under $XDG_CACHE_HOME (~/.cache).
func CacheDir() (string, error) {
	if d := os.Getenv("GENSYN_EMU_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "gensyn-emu"), nil
}

func run(c *config) error {
	start := time.Now()
	if c.kernel == "" {
		d, err := CacheDir()
		if err != nil {
			return err
		}
		c.kernel = filepath.Join(d, "vmlinuz")
	}
	if _, err := os.Stat(c.kernel); err != nil {
		return fmt.Errorf("kernel image: %v (run tools/emu/setup.sh)", err)
	}
	if _, err := exec.LookPath(c.bochs); err != nil {
		return fmt.Errorf("%s not found (run tools/emu/setup.sh)", c.bochs)
	}
	work, err := os.MkdirTemp("", "gensyn-emu-")
	if err != nil {
		return err
	}
	c.work = work
	if c.keep {
		fmt.Printf("emu: work directory %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	initPath := filepath.Join(work, "init")
	build := exec.Command("go", "build", "-o", initPath, "./tools/emu/guestinit")
	build.Dir = c.root
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building guestinit: %v", err)
	}
	if err := writeInitramfs(c, initPath, filepath.Join(work, "initrd")); err != nil {
		return err
	}
	iso := filepath.Join(work, "boot.iso")
	if err := writeISO(c, work, iso); err != nil {
		return err
	}
	serial := filepath.Join(work, "serial.txt")
	rc := filepath.Join(work, "bochsrc")
	if err := os.WriteFile(rc, []byte(bochsrc(c, iso, serial, filepath.Join(work, "bochs.log"))), 0o644); err != nil {
		return err
	}
	fmt.Printf("emu: booting %s on Bochs cpu model %s (%d MiB) ...\n", filepath.Base(c.kernel), c.cpu, c.mem)
	res, err := boot(c, rc, serial)
	fmt.Printf("emu: %s after %s\n", res.summary(), time.Since(start).Round(time.Second))
	if err != nil {
		return err
	}
	return res.verdict(c)
}

// result is what the serial console said.
type result struct {
	exited   bool
	code     int
	selfOK   bool
	selfLine string
	pass     bool
	panicked bool
}

func (r *result) summary() string {
	switch {
	case r.panicked:
		return "guest kernel panic"
	case !r.exited:
		return "no EMU-EXIT from the guest"
	default:
		return fmt.Sprintf("program exit status %d", r.code)
	}
}

func (r *result) verdict(c *config) error {
	if r.panicked || !r.exited {
		return errors.New(r.summary())
	}
	if c.requireAVX512 && !r.selfOK {
		return fmt.Errorf("the guest did not execute the AVX-512 self-check (%q)", r.selfLine)
	}
	if r.code != 0 {
		return fmt.Errorf("program exit status %d", r.code)
	}
	if c.requirePass && !r.pass {
		return errors.New("the program exited 0 without a PASS line")
	}
	return nil
}

var exitRE = regexp.MustCompile(`^EMU-EXIT (-?\d+)\s*$`)

// line takes one line of the serial console.
func (r *result) line(s string) {
	s = strings.TrimRight(s, "\r\n")
	switch {
	case strings.HasPrefix(s, "EMU-SELFCHECK"):
		r.selfLine = s
		r.selfOK = strings.HasPrefix(s, "EMU-SELFCHECK avx512 ok")
	case exitRE.MatchString(s):
		r.code, _ = strconv.Atoi(exitRE.FindStringSubmatch(s)[1])
		r.exited = true
	case s == "PASS":
		r.pass = true
	case strings.Contains(s, "Kernel panic"):
		r.panicked = true
	}
}

// boot runs Bochs until the guest prints EMU-EXIT (and powers off), panics,
// Bochs exits, or the timeout passes, streaming the serial console.
func boot(c *config, rc, serial string) (*result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	// Debian's Bochs is built with its debugger, which stops before the
	// first instruction: the -rc file tells it to continue.
	dbg := filepath.Join(c.work, "debugger.rc")
	if err := os.WriteFile(dbg, []byte("continue\nquit\n"), 0o644); err != nil {
		return &result{}, err
	}
	argv := append(isolate(), c.bochs, "-q", "-f", rc, "-rc", dbg)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = c.work
	var blog bytes.Buffer
	cmd.Stdout, cmd.Stderr = &blog, &blog
	cmd.Stdin = nil
	if err := cmd.Start(); err != nil {
		return &result{}, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	r := &result{}
	var off int64
	var partial string
	read := func() {
		f, err := os.Open(serial)
		if err != nil {
			return
		}
		defer f.Close()
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			return
		}
		b, _ := io.ReadAll(f)
		off += int64(len(b))
		os.Stdout.Write(b)
		lines := strings.Split(partial+string(b), "\n")
		partial = lines[len(lines)-1]
		for _, l := range lines[:len(lines)-1] {
			r.line(l)
		}
	}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	var grace <-chan time.Time
	for {
		select {
		case err := <-done:
			read()
			if partial != "" {
				r.line(partial)
			}
			if ctx.Err() != nil {
				return r, fmt.Errorf("timed out after %s", c.timeout)
			}
			if !r.exited && !r.panicked {
				return r, fmt.Errorf("bochs ended (%v) before the guest reported; its output:\n%s", err, tail(blog.String(), 2000))
			}
			return r, nil
		case <-tick.C:
			read()
			if (r.exited || r.panicked) && grace == nil {
				// The guest powers off by itself; stop Bochs if it lingers.
				grace = time.After(5 * time.Second)
			}
		case <-grace:
			cmd.Process.Kill()
		}
	}
}

// isolate is the command prefix that runs Bochs in a network namespace of
// its own: its display library (rfb, the only one of Debian's bochs package
// that needs no terminal or X server) listens on a VNC port on every
// address while it runs, which must not be reachable from outside. unshare
// execs Bochs (same process, so the timeout's kill reaches it). Without
// unshare, or where namespaces are not allowed, Bochs runs as it is, with
// a warning.
func isolate() []string {
	for _, p := range [][]string{{"unshare", "-n"}, {"unshare", "-r", "-n"}} {
		if exec.Command(p[0], append(p[1:], "true")...).Run() == nil {
			return p
		}
	}
	fmt.Println("emu: warning: no network namespace (unshare -n failed): Bochs's display listens on a VNC port (5900 and up) while it runs")
	return nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// bochsrc is the emulator's configuration: one CPU of the given model, no
// display (the rfb library with no wait for a viewer; Debian's Bochs has
// no "nogui"), the ISO on the first ATA channel, COM1 into a file. ips (the
// emulated instructions per emulated second; with sync=none the guest's
// clock follows the instruction count) is low so that the kernel's timed
// waits pass in few instructions.
func bochsrc(c *config, iso, serial, log string) string {
	return fmt.Sprintf(`# generated by tools/emu
plugin_ctrl: unmapped=1, biosdev=1, speaker=0, extfpuirq=1, parallel=0, serial=1, e1000=0, ne2k=0, sb16=0, es1370=0, usb_uhci=0, usb_ohci=0, usb_ehci=0, usb_xhci=0, voodoo=0, gameport=0, busmouse=0, iodebug=0
config_interface: textconfig
display_library: rfb, options="timeout=0"
cpu: model=%s, count=1, ips=20000000, reset_on_triple_fault=0
memory: guest=%d, host=%d
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
pci: enabled=1, chipset=i440fx
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path="%s", status=inserted
boot: cdrom
floppy_bootsig_check: disabled=1
clock: sync=none, time0=local
com1: enabled=1, mode=file, dev="%s"
log: "%s"
panic: action=fatal
error: action=report
info: action=report
debug: action=ignore
`, c.cpu, c.mem, c.mem, iso, serial, log)
}

func writeISO(c *config, work, iso string) error {
	dir := filepath.Join(work, "iso")
	if err := os.MkdirAll(filepath.Join(dir, "isolinux"), 0o755); err != nil {
		return err
	}
	for src, dst := range map[string]string{
		"/usr/lib/ISOLINUX/isolinux.bin":             "isolinux/isolinux.bin",
		"/usr/lib/syslinux/modules/bios/ldlinux.c32": "isolinux/ldlinux.c32",
		c.kernel:                      "vmlinuz",
		filepath.Join(work, "initrd"): "initrd",
	} {
		if err := copyFile(src, filepath.Join(dir, dst)); err != nil {
			return fmt.Errorf("%v (run tools/emu/setup.sh)", err)
		}
	}
	// The kernel's command line works around Bochs 2.7's CPUID:
	//   - clearcpuid=xsaves,xsavec: Bochs reports the standard-format XSAVE
	//     size for the compacted format too, Linux's consistency check fails
	//     and it turns XSAVE (so AVX and AVX-512) off; without XSAVES and
	//     XSAVEC it uses the standard format, whose sizes agree.
	//   - nopku: the tigerlake model's PKRU state has no CPUID size.
	//   - lapic=notscdeadline: with the TSC-deadline timer the boot stalled.
	// lpj skips the delay-loop calibration, which is slow under emulation
	// (the guest's clock does not matter to the program); quiet keeps the
	// slow emulated serial line for warnings and the program.
	cfg := "PROMPT 0\nTIMEOUT 1\nDEFAULT linux\nLABEL linux\n  KERNEL /vmlinuz\n" +
		"  APPEND initrd=/initrd console=ttyS0,115200 quiet clearcpuid=xsaves,xsavec nopku lapic=notscdeadline nokaslr mitigations=off lpj=1000000 tsc=reliable panic=0 rdinit=/init\n"
	if err := os.WriteFile(filepath.Join(dir, "isolinux", "isolinux.cfg"), []byte(cfg), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("xorriso", "-as", "mkisofs", "-quiet", "-o", iso,
		"-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat",
		"-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("xorriso: %v (run tools/emu/setup.sh)", err)
	}
	return nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

// writeInitramfs writes the newc cpio archive: /init, /dev/console, the
// program as /bin/<name>, /emu/{args,env,cwd}, and the -copy paths under
// /src.
func writeInitramfs(c *config, initPath, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := newCpio(bufio.NewWriterSize(f, 1<<20))
	for _, d := range []string{"dev", "proc", "sys", "tmp", "bin", "emu", "src"} {
		w.dir(d)
	}
	w.charDev("dev/console", 5, 1)
	if err := w.fileFrom("init", initPath, 0o755); err != nil {
		return err
	}
	prog := filepath.Base(c.args[0])
	if err := w.fileFrom("bin/"+prog, c.args[0], 0o755); err != nil {
		return fmt.Errorf("program: %v", err)
	}
	args := append([]string{"/bin/" + prog}, c.args[1:]...)
	w.file("emu/args", []byte(strings.Join(args, "\x00")), 0o644)
	w.file("emu/env", []byte(strings.Join(c.env, "\x00")), 0o644)
	w.file("emu/cwd", []byte(filepath.ToSlash(filepath.Join("/src", c.cwd))), 0o644)
	made := map[string]bool{"src": true}
	mkdirs := func(rel string) {
		parts := strings.Split(rel, "/")
		for i := 1; i <= len(parts); i++ {
			p := "src/" + strings.Join(parts[:i], "/")
			if !made[p] {
				made[p] = true
				w.dir(p)
			}
		}
	}
	if c.cwd != "" {
		mkdirs(filepath.ToSlash(filepath.Clean(c.cwd)))
	}
	for _, p := range c.copies {
		p = filepath.Clean(p)
		if filepath.IsAbs(p) || strings.HasPrefix(p, "..") {
			return fmt.Errorf("-copy %s: want a path inside -root", p)
		}
		if d := filepath.Dir(p); d != "." {
			mkdirs(filepath.ToSlash(d))
		}
		err := filepath.WalkDir(filepath.Join(c.root, p), func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(c.root, path)
			rel = filepath.ToSlash(rel)
			if e.IsDir() {
				mkdirs(rel)
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			return w.fileFrom("src/"+rel, path, 0o644)
		})
		if err != nil {
			return fmt.Errorf("-copy: %v", err)
		}
	}
	return w.close()
}

// cpio writes the "newc" format the Linux kernel unpacks into its initial
// root file system (no root privileges needed, unlike mknod).
type cpio struct {
	w   *bufio.Writer
	ino int
	err error
}

func newCpio(w *bufio.Writer) *cpio { return &cpio{w: w, ino: 1} }

func (c *cpio) entry(name string, mode uint32, data []byte, rmaj, rmin int) {
	if c.err != nil {
		return
	}
	c.ino++
	nlink := 1
	if mode&0o170000 == 0o040000 {
		nlink = 2
	}
	hdr := fmt.Sprintf("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		c.ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rmaj, rmin, len(name)+1, 0)
	c.w.WriteString(hdr)
	c.w.WriteString(name)
	c.w.WriteByte(0)
	c.pad(len(hdr) + len(name) + 1)
	c.w.Write(data)
	_, c.err = c.w.Write(make([]byte, (4-len(data)%4)%4))
}

func (c *cpio) pad(n int) { c.w.Write(make([]byte, (4-n%4)%4)) }

func (c *cpio) dir(name string)                            { c.entry(name, 0o040755, nil, 0, 0) }
func (c *cpio) charDev(name string, maj, min int)          { c.entry(name, 0o020600, nil, maj, min) }
func (c *cpio) file(name string, data []byte, perm uint32) { c.entry(name, 0o100000|perm, data, 0, 0) }

func (c *cpio) fileFrom(name, path string, perm uint32) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	c.file(name, b, perm)
	return c.err
}

func (c *cpio) close() error {
	c.entry("TRAILER!!!", 0, nil, 0, 0)
	if c.err != nil {
		return c.err
	}
	return c.w.Flush()
}
