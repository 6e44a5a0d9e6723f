package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const notice = "../../data/chuan-ban-han-2024-114.toml"

func TestWriteAtomicReplacesWholeFilesAndLeavesNoTemporaries(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "a.pdf")
	for _, content := range []string{"first", "second"} {
		if err := WriteAtomic(out, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(out); string(b) != content {
			t.Errorf("file holds %q, want %q", b, content)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only a.pdf", len(entries))
	}
}

func TestWriteAtomicFailsClearlyWhereItCannotWrite(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		filepath.Join(dir, "missing", "a.pdf"): "no such file or directory",
		dir:                                    "cannot write output",
	}
	for out, want := range cases {
		err := WriteAtomic(out, []byte("x"))
		if err == nil || !strings.HasPrefix(err.Error(), out+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error naming it and %q", out, err, want)
		}
	}
}

func TestBuildLeavesTheLastGoodPDFWhenTheSourcesBreak(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "notice.pdf")
	if err := Build(notice, out, Options{}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(out)
	src, _ := os.ReadFile(notice)
	tmpl, _ := filepath.Abs("../../templates/chuan-ban-han-2024-114.txt")
	broken := filepath.Join(t.TempDir(), "broken.toml")
	bad := bytes.Replace(src, []byte("issuer ="), []byte("isuer ="), 1)
	bad = bytes.Replace(bad, []byte(`"../templates/chuan-ban-han-2024-114.txt"`), []byte(`"`+tmpl+`"`), 1)
	if err := os.WriteFile(broken, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Build(broken, out, Options{FontsDir: "../../fonts"})
	if err == nil || !strings.Contains(err.Error(), `unknown key "isuer", did you mean "issuer"?`) {
		t.Fatalf("error %v", err)
	}
	if now, _ := os.ReadFile(out); !bytes.Equal(now, good) {
		t.Error("the previous PDF lost its bytes")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries after the failed build, want 1", len(entries))
	}
}

func TestBuildDatesThePDFFromTheDocumentOrSourceDateEpoch(t *testing.T) {
	j, err := Prepare(notice, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Date(Options{}).Format("2006-01-02"); got != "2024-12-26" {
		t.Errorf("date %s, want the 成文日期 2024-12-26", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	e, err := EpochFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Date(Options{Epoch: e}).Unix(); got != 1700000000 {
		t.Errorf("date %d, want SOURCE_DATE_EPOCH", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "253402300799") // 9999-12-31 23:59:59
	if e, err := EpochFromEnv(); err != nil || e.Year() != 9999 {
		t.Errorf("the last second of 9999: %v, %v", e, err)
	}
	for _, v := range []string{"253402300800", "9223372036854775807", "-1"} {
		t.Setenv("SOURCE_DATE_EPOCH", v)
		if _, err := EpochFromEnv(); err == nil {
			t.Errorf("SOURCE_DATE_EPOCH=%s, which a PDF date cannot hold, was accepted", v)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := EpochFromEnv(); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number was accepted")
	}
}

// BenchmarkBuildNotice measures the whole pipeline for the reference notice,
// from the TOML file to the PDF's bytes in memory (fonts cached after the
// first iteration, as when one process builds several documents).
func BenchmarkBuildNotice(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		j, err := Prepare(notice, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := j.Render(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
