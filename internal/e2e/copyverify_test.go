package e2e

// Verifying numbered copies: each copy's archive record (PDF XMP, OFD
// CustomDatas) holds its 份号, so that `gongwen verify` rebuilds that very
// copy.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongwen/internal/archive"
)

// TestVerifyNumberedCopies builds copies 1-3 of the 文件格式 sample (its
// data prints 份号 000001) as PDF and OFD with the binary and verifies each:
// identical, each PDF recording its own number, copy 2 PDF/A-1b with the
// property described. Copies 9-11 check numbers of two digits laid out from
// one of one digit. A single build records no copy. After an edit of the
// data file every copy differs and names that file alone.
func TestVerifyNumberedCopies(t *testing.T) {
	bin := archBinary(t)
	dir := t.TempDir()
	archProject(t, dir)
	const data = "data/sample-file.toml"
	if _, stderr, code := archRun(t, dir, bin, "022", nil, "build", "--ofd", "--copies", "1-3", "-o", "out/", data); code != 0 {
		t.Fatalf("build --copies 1-3 exited %d:\n%s", code, stderr)
	}
	if _, stderr, code := archRun(t, dir, bin, "022", nil, "build", "--copies", "9-11", "-o", "out/", data); code != 0 {
		t.Fatalf("build --copies 9-11 exited %d:\n%s", code, stderr)
	}
	if _, stderr, code := archRun(t, dir, bin, "022", nil, "build", "-o", "out/single.pdf", data); code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}

	var files []string
	for _, n := range []int{1, 2, 3, 10, 11} {
		pdf := fmt.Sprintf("out/sample-file-%06d.pdf", n)
		files = append(files, pdf)
		if n <= 3 {
			files = append(files, strings.TrimSuffix(pdf, ".pdf")+".ofd")
		}
		b, err := os.ReadFile(filepath.Join(dir, pdf))
		if err != nil {
			t.Fatal(err)
		}
		if rec, err := archive.Read(b); err != nil || rec.Copy != n {
			t.Errorf("%s: the record's copy number is %v (%v), want %d", pdf, rec, err, n)
		}
		if n == 2 {
			if valid, report := preflight(t, filepath.Join(dir, pdf)); !valid {
				t.Errorf("%s: Preflight finds it is not PDF/A-1b:\n%s", pdf, summarise(report))
			}
		}
	}
	files = append(files, "out/single.pdf")
	b, err := os.ReadFile(filepath.Join(dir, "out", "single.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if rec, err := archive.Read(b); err != nil || rec.Copy != 0 || bytes.Contains(b, []byte("copy</pdfaProperty:name>")) {
		t.Errorf("a single build records a copy number: %+v, %v", rec, err)
	}

	for _, f := range files {
		stdout, stderr, code := archRun(t, dir, bin, "022", nil, "verify", f)
		if code != 0 || stdout != f+": identical to a rebuild from "+data+"\n" {
			t.Errorf("verify %s exited %d:\n%s%s", f, code, stdout, stderr)
		}
	}

	// A copy renamed is still that copy: the record, not the name, says
	// which number to rebuild.
	moved := filepath.Join(dir, "out", "renamed.pdf")
	b, err = os.ReadFile(filepath.Join(dir, "out", "sample-file-000003.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(moved, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code := archRun(t, dir, bin, "022", nil, "verify", "out/renamed.pdf"); code != 0 {
		t.Errorf("verify of copy 3 renamed exited %d:\n%s%s", code, stdout, stderr)
	}

	src, err := os.ReadFile(filepath.Join(dir, data))
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(src, []byte("此件发至乡镇"), []byte("此件发至村"), 1)
	if bytes.Equal(edited, src) {
		t.Fatalf("%s has no 附注 to edit", data)
	}
	if err := os.WriteFile(filepath.Join(dir, data), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		stdout, stderr, code := archRun(t, dir, bin, "022", nil, "verify", f)
		var changed []string
		for _, l := range strings.Split(stdout, "\n") {
			if _, what, ok := strings.Cut(l, ": changed: "); ok {
				changed = append(changed, what)
			}
		}
		if code != 1 || !strings.Contains(stdout, f+": differs from a rebuild from "+data+"\n") || !slices.Equal(changed, []string{data}) {
			t.Errorf("verify %s after editing %s exited %d:\n%s%s", f, data, code, stdout, stderr)
		}
	}
}
