// Command guestinit is the /init of the initramfs that tools/emu boots in
// Bochs. It mounts /proc, /sys, /dev and /tmp, reports the CPU's AVX-512
// features (x/sys/cpu: CPUID and the XCR0 state the kernel enabled) and
// executes one AVX-512F instruction sequence (selfcheck_amd64.s) whose
// result it checks, then runs the command in /emu/args (NUL-separated;
// the environment in /emu/env) from the directory in /emu/cwd, with its
// output on the console, prints its exit status and powers the machine
// off. Every line the host harness parses starts with "EMU-".
//
// It is linked statically (CGO_ENABLED=0) by tools/emu; it is not meant to
// run anywhere else (it powers the machine off).
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"golang.org/x/sys/cpu"
)

func main() {
	code := run()
	fmt.Printf("\nEMU-EXIT %d\n", code)
	syscall.Sync()
	syscall.Reboot(syscall.LINUX_REBOOT_CMD_POWER_OFF)
	// Reboot only returns on failure; the host harness stops the emulator
	// when it reads EMU-EXIT in any case.
	select {}
}

func run() int {
	for _, m := range []struct{ src, dst, fs string }{
		{"proc", "/proc", "proc"},
		{"sysfs", "/sys", "sysfs"},
		{"devtmpfs", "/dev", "devtmpfs"},
		{"tmpfs", "/tmp", "tmpfs"},
	} {
		os.MkdirAll(m.dst, 0o755)
		if err := syscall.Mount(m.src, m.dst, m.fs, 0, ""); err != nil {
			fmt.Printf("EMU-WARN mount %s: %v\n", m.dst, err)
		}
	}
	fmt.Printf("EMU-CPU avx2=%t avx512f=%t avx512bw=%t avx512vl=%t avx512dq=%t\n",
		cpu.X86.HasAVX2, cpu.X86.HasAVX512F, cpu.X86.HasAVX512BW, cpu.X86.HasAVX512VL, cpu.X86.HasAVX512DQ)
	if cpu.X86.HasAVX512F {
		// Executes VPADDD/VMULPS on zmm registers; a CPU (or emulator)
		// without AVX-512 stops here with SIGILL.
		got, want := selfCheck(), selfCheckWant()
		if got != want {
			fmt.Printf("EMU-SELFCHECK fail: got %#x, want %#x\n", got, want)
			return 101
		}
		fmt.Printf("EMU-SELFCHECK avx512 ok %#x\n", got)
	} else {
		fmt.Printf("EMU-SELFCHECK avx512 absent\n")
	}
	args := readList("/emu/args")
	if len(args) == 0 {
		fmt.Println("EMU-ERROR /emu/args is empty")
		return 102
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append([]string{"PATH=/bin", "HOME=/tmp", "TMPDIR=/tmp"}, readList("/emu/env")...)
	if b, err := os.ReadFile("/emu/cwd"); err == nil {
		cmd.Dir = strings.TrimSpace(string(b))
	}
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stdout
	fmt.Printf("EMU-RUN %s\n", strings.Join(args, " "))
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Printf("EMU-ERROR %v\n", err)
		return 103
	}
	return 0
}

// readList reads a NUL-separated list (absent file: empty).
func readList(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range strings.Split(string(b), "\x00") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// selfCheckWant is what selfCheck computes, in Go: for i < 16, the lanes
// hold (i+1) + (2i+3) as int32 and the float lanes (i+0.5)*(i+2); the
// result folds both into one word.
func selfCheckWant() uint64 {
	var s uint64
	for i := 0; i < 16; i++ {
		a := uint32(i+1) + uint32(2*i+3)
		f := float32(float32(i)+0.5) * float32(i+2)
		s = s*31 + uint64(a)
		s = s*31 + uint64(uint32(int32(f)))
	}
	return s
}
