package e2e

// OFD output (issue 13) through the real binary: the same bytes wherever
// and whenever it is built, -o NAME.ofd and --ofd alike, and `gongwen
// verify` reading an OFD's archive record.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/ofdcheck"
)

func TestOFDBuildsAreTheSameBytesAnywhereAndVerify(t *testing.T) {
	bin := archBinary(t)
	tmp := t.TempDir()
	dirs := []string{filepath.Join(tmp, "a"), filepath.Join(tmp, "其他 folder", "b")}
	envs := [][]string{{"TZ=Asia/Shanghai"}, {"TZ=America/St_Johns"}}
	for i, dir := range dirs {
		archProject(t, dir)
		if _, stderr, code := archRun(t, dir, bin, "022", envs[i], "build", "--ofd", "-o", "out/", archNotice); code != 0 {
			t.Fatalf("build --ofd in %s exited %d:\n%s", dir, code, stderr)
		}
	}
	name := strings.TrimSuffix(build.OutputName(archNotice), ".pdf") + ".ofd"
	var ofds [2][]byte
	for i, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", build.OutputName(archNotice))); err != nil {
			t.Errorf("--ofd wrote no PDF beside the OFD: %v", err)
		}
		ofds[i] = b
	}
	if !bytes.Equal(ofds[0], ofds[1]) {
		t.Fatalf("the two builds differ (%d and %d bytes)", len(ofds[0]), len(ofds[1]))
	}
	if bytes.Contains(ofds[0], []byte(tmp)) {
		t.Errorf("the OFD holds the build's folder %s", tmp)
	}
	if _, err := ofdcheck.Read(ofds[0]); err != nil {
		t.Errorf("the built OFD: %v", err)
	}

	// -o NAME.ofd writes the same package, and no PDF.
	dir := dirs[0]
	if _, stderr, code := archRun(t, dir, bin, "022", nil, "build", "-o", "single.ofd", archNotice); code != 0 {
		t.Fatalf("build -o single.ofd exited %d:\n%s", code, stderr)
	}
	single, err := os.ReadFile(filepath.Join(dir, "single.ofd"))
	if err != nil || !bytes.Equal(single, ofds[0]) {
		t.Errorf("-o single.ofd: %v, same bytes as --ofd: %v", err, bytes.Equal(single, ofds[0]))
	}
	if _, err := os.Stat(filepath.Join(dir, "single.pdf")); err == nil {
		t.Error("-o single.ofd also wrote single.pdf")
	}

	// verify: identical, then a changed source named.
	stdout, _, code := archRun(t, dir, bin, "022", nil, "verify", "single.ofd")
	if code != 0 || !strings.Contains(stdout, "identical to a rebuild from "+archNotice) {
		t.Errorf("verify of a fresh OFD exited %d:\n%s", code, stdout)
	}
	data := filepath.Join(dir, archNotice)
	src, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(src, []byte("messages = 239"), []byte("messages = 240"), 1)
	if bytes.Equal(changed, src) {
		t.Fatal("the notice's data has no `messages = 239` to change")
	}
	if err := os.WriteFile(data, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, code = archRun(t, dir, bin, "022", nil, "verify", "single.ofd")
	if code != 1 || !strings.Contains(stdout, "differs") || !strings.Contains(stdout, "changed: "+archNotice) {
		t.Errorf("verify after a change exited %d:\n%s", code, stdout)
	}
}

// TestOFDNumberedCopies builds numbered copies with --ofd: one OFD beside
// each copy's PDF, whose text differs from the other copy's by the 份号
// alone.
func TestOFDNumberedCopies(t *testing.T) {
	bin := archBinary(t)
	dir := t.TempDir()
	archProject(t, dir)
	stdout, stderr, code := archRun(t, dir, bin, "022", nil, "build", "--ofd", "--copies", "7-8", "-o", "out/", "data/sample-file.toml")
	if code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	if want := "out/sample-file-000007.ofd … sample-file-000008.ofd"; !strings.Contains(stdout, want) {
		t.Errorf("the message does not name the OFDs as %q:\n%s", want, stdout)
	}
	var texts [2]string
	for i, n := range []string{"000007", "000008"} {
		b, err := os.ReadFile(filepath.Join(dir, "out", "sample-file-"+n+".ofd"))
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := ofdcheck.Read(b)
		if err != nil {
			t.Fatalf("copy %s: %v", n, err)
		}
		if !strings.Contains(pkg.Pages[0].Text(), n) {
			t.Errorf("copy %s: the first page does not print its 份号", n)
		}
		texts[i] = strings.Replace(pkg.Pages[0].Text(), n, "", 1)
	}
	if texts[0] != texts[1] {
		t.Error("the copies' first pages differ beyond the 份号")
	}
}
