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
