package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// distPlatforms are the systems make dist builds for, as GOOS-GOARCH, with
// how a test recognises each file's kind from its first bytes.
var distPlatforms = []struct {
	name  string // GOOS-GOARCH[.exe]
	check func([]byte) string
}{
	{"windows-amd64.exe", peAMD64},
	{"linux-amd64", elfMachine(62)},      // EM_X86_64
	{"linux-arm64", elfMachine(183)},     // EM_AARCH64
	{"linux-loong64", elfMachine(258)},   // EM_LOONGARCH
	{"darwin-arm64", machO64(0x100000c)}, // CPU_TYPE_ARM64
}

// TestDist runs make dist twice, in the repository and in a copy of its
// files at another path, and checks what an office would be handed: the
// same bytes from both, a SHA256SUMS that holds, each file the kind of
// executable its name says, the fonts' licences beside them, and the
// reference notice built by the linux/arm64 and linux/loong64 binaries
// under qemu-user byte for byte the PDF the amd64 binary builds.
func TestDist(t *testing.T) {
	pdfcheck.RequireTools(t, "make", "qemu-aarch64", "qemu-loongarch64")
	repo, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	rev, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git: %v", err)
	}
	revision := "REVISION=" + strings.TrimSpace(string(rev))

	a := filepath.Join(tmp, "a")
	if out, err := exec.Command("make", "-s", "-C", repo, "dist", "DIST="+a, revision).CombinedOutput(); err != nil {
		t.Fatalf("make dist: %v\n%s", err, out)
	}
	copyTracked(t, repo, filepath.Join(tmp, "elsewhere", "gongwen"))
	b := filepath.Join(tmp, "b")
	if out, err := exec.Command("make", "-s", "-C", filepath.Join(tmp, "elsewhere", "gongwen"), "dist", "DIST="+b, revision).CombinedOutput(); err != nil {
		t.Fatalf("make dist in a copy: %v\n%s", err, out)
	}
	if got, want := listFiles(t, b), listFiles(t, a); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("the copy's dist holds %v, the repository's %v", got, want)
	}
	for _, f := range listFiles(t, a) {
		if !bytes.Equal(readFile(t, filepath.Join(a, f)), readFile(t, filepath.Join(b, f))) {
			t.Errorf("dist/%s differs between two builds of the same commit in two folders", f)
		}
	}

	// SHA256SUMS names every binary and licence, each with its hash.
	sums := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(readFile(t, filepath.Join(a, "SHA256SUMS")))), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not HASH  NAME", line)
		}
		h := sha256.Sum256(readFile(t, filepath.Join(a, name)))
		if hex.EncodeToString(h[:]) != sum {
			t.Errorf("SHA256SUMS: %s does not hash to %s", name, sum)
		}
		sums[name] = sum
	}
	for _, lic := range []string{"licences/GPL-3.0.txt", "licences/OFL-1.1.txt", "licences/PROVENANCE.md"} {
		if sums[lic] == "" {
			t.Errorf("dist has no %s in SHA256SUMS", lic)
		}
	}
	bin := map[string]string{}
	for _, p := range distPlatforms {
		name := "gongwen-" + build.Version + "-" + p.name
		if sums[name] == "" {
			t.Errorf("SHA256SUMS does not list %s", name)
			continue
		}
		bin[p.name] = filepath.Join(a, name)
		head := make([]byte, 4096)
		f, err := os.Open(bin[p.name])
		if err != nil {
			t.Fatal(err)
		}
		n, _ := f.Read(head)
		f.Close()
		if problem := p.check(head[:n]); problem != "" {
			t.Errorf("%s: %s", name, problem)
		}
	}

	// The reference notice from three processors: the same PDF.
	out := filepath.Join(tmp, "pdf")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	pdfs := map[string][]byte{}
	for _, run := range []struct{ platform, qemu string }{
		{"linux-amd64", ""}, {"linux-arm64", "qemu-aarch64"}, {"linux-loong64", "qemu-loongarch64"},
	} {
		pdf := filepath.Join(out, run.platform+".pdf")
		args := []string{bin[run.platform], "build", "-o", pdf, "data/chuan-ban-han-2024-114.toml"}
		if run.qemu != "" {
			args = append([]string{run.qemu}, args...)
		}
		c := exec.Command(args[0], args[1:]...)
		c.Dir = repo
		c.Env = []string{"HOME=" + tmp, "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "GONGWEN_CACHE=" + filepath.Join(tmp, "cache-"+run.platform)}
		if msg, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%s build: %v\n%s", run.platform, err, msg)
		}
		pdfs[run.platform] = readFile(t, pdf)
	}
	for _, p := range []string{"linux-arm64", "linux-loong64"} {
		if !bytes.Equal(pdfs[p], pdfs["linux-amd64"]) {
			t.Errorf("the %s binary under qemu built a notice of %d bytes that differs from linux-amd64's %d", p, len(pdfs[p]), len(pdfs["linux-amd64"]))
		}
	}
	t.Logf("dist: %d files; notice %d bytes on amd64, arm64 and loong64", len(sums), len(pdfs["linux-amd64"]))
}

// copyTracked copies the files git tracks in repo, as they are in the work
// tree, to dst.
func copyTracked(t *testing.T, repo, dst string) {
	t.Helper()
	list, err := exec.Command("git", "-C", repo, "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		src := filepath.Join(repo, f)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or not a file
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), readFile(t, src), fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// peAMD64 says what is wrong with b as a PE32+ executable for x86-64
// (Microsoft's PE format: the MZ stub points at "PE\0\0", the COFF machine
// 0x8664, the optional header magic 0x20b), or "".
func peAMD64(b []byte) string {
	if len(b) < 0x40 || string(b[:2]) != "MZ" {
		return "not an MZ executable"
	}
	pe := int(binary.LittleEndian.Uint32(b[0x3c:]))
	if pe+26 > len(b) || string(b[pe:pe+4]) != "PE\x00\x00" {
		return "no PE signature"
	}
	if m := binary.LittleEndian.Uint16(b[pe+4:]); m != 0x8664 {
		return "PE machine is not AMD64"
	}
	if magic := binary.LittleEndian.Uint16(b[pe+24:]); magic != 0x20b {
		return "not PE32+ (64-bit)"
	}
	return ""
}

// elfMachine checks a 64-bit little-endian ELF executable for the machine.
func elfMachine(machine uint16) func([]byte) string {
	return func(b []byte) string {
		if len(b) < 20 || string(b[:4]) != "\x7fELF" || b[4] != 2 || b[5] != 1 {
			return "not a 64-bit little-endian ELF file"
		}
		if m := binary.LittleEndian.Uint16(b[18:]); m != machine {
			return "ELF machine is not the one its name says"
		}
		return ""
	}
}

// machO64 checks a 64-bit Mach-O file for the CPU type.
func machO64(cpu uint32) func([]byte) string {
	return func(b []byte) string {
		if len(b) < 8 || binary.LittleEndian.Uint32(b) != 0xfeedfacf {
			return "not a 64-bit Mach-O file"
		}
		if c := binary.LittleEndian.Uint32(b[4:]); c != cpu {
			return "Mach-O CPU type is not the one its name says"
		}
		return ""
	}
}
