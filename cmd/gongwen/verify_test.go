package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifyProject copies testdata/base (a user project without a fonts
// folder: data/doc.toml, templates/) into a new folder and returns it.
func verifyProject(t *testing.T) string {
	t.Helper()
	base, _ := filepath.Abs("testdata/base")
	dir := t.TempDir()
	copyTree(t, base, dir)
	return dir
}

func TestVerifyUsageAndHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"verify"}, exitUsage, "no PDF or OFD file given"},
		{[]string{"verify", "--nonsense", "a.pdf"}, exitUsage, "flag provided but not defined"},
		{[]string{"verify", "--help"}, exitOK, "Usage: gongwen verify"},
		{[]string{"help", "verify"}, exitOK, "Exit status: 0 every PDF is identical"},
		{[]string{"help"}, exitOK, "gongwen verify [--project DIR] [--fonts DIR] FILE.pdf|FILE.ofd|FILE.docx..."},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, c.want, stdout.String(), stderr.String())
		}
	}
}

func TestVerifyRefusesWhatItCannotVerify(t *testing.T) {
	dir := t.TempDir()
	notOurs := filepath.Join(dir, "other.pdf")
	os.WriteFile(notOurs, []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	for file, want := range map[string]string{
		filepath.Join(dir, "absent.pdf"): "absent.pdf: cannot read: no such file or directory",
		notOurs:                          "other.pdf: no gongwen archive record",
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"verify", file}, &stdout, &stderr); code != exitInput || !strings.Contains(stderr.String(), want) {
			t.Errorf("verify %s: exit %d, stderr %q, want 1 and %q", file, code, stderr.String(), want)
		}
	}
}

// TestVerifyRebuildsWithTheFontsGiven builds a document whose fonts come
// from outside its project (--fonts): the record names them only as
// outside:NAME, so verify needs --fonts too, and without it says that it
// could not rebuild (the built-in fonts it would use instead are not what
// the record names) rather than that the PDF differs.
func TestVerifyRebuildsWithTheFontsGiven(t *testing.T) {
	fontsDir, _ := filepath.Abs("../../fonts")
	dir := verifyProject(t)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--fonts", fontsDir, "-o", "doc.pdf", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	b, _ := os.ReadFile("doc.pdf")
	for _, s := range []string{"data/doc.toml", "outside:fonts.toml", "outside:FandolFang-Regular.ttf"} {
		if !bytes.Contains(b, []byte("  "+s+"</rdf:li>")) {
			t.Errorf("the record lacks %s", s)
		}
	}
	if bytes.Contains(b, []byte(fontsDir)) || bytes.Contains(b, []byte(dir)) {
		t.Error("the PDF holds an absolute path")
	}

	stdout.Reset()
	if code := run([]string{"verify", "--fonts", fontsDir, "doc.pdf"}, &stdout, &stderr); code != exitOK || stdout.String() != "doc.pdf: identical to a rebuild from data/doc.toml\n" {
		t.Errorf("verify --fonts: exit %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	code := run([]string{"verify", "doc.pdf"}, &stdout, &stderr)
	if code != exitInput || !strings.HasPrefix(stdout.String(), "doc.pdf: could not rebuild from data/doc.toml") ||
		!strings.Contains(stdout.String(), "not found: outside:fonts.toml (pass --fonts DIR") || strings.Contains(stdout.String(), "differs") {
		t.Errorf("verify without --fonts: exit %d:\n%s", code, stdout.String())
	}
}

// TestVerifyProjectFlag: the project is the current folder unless
// --project names another; verify never looks for it elsewhere.
func TestVerifyProjectFlag(t *testing.T) {
	fontsDir, dir := builtProject(t, "doc.pdf")
	pdf := filepath.Join(dir, "doc.pdf")
	var stdout, stderr bytes.Buffer
	t.Chdir(t.TempDir())
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--project", dir}, exitOK, pdf + ": identical to a rebuild from data/doc.toml"},
		{nil, exitInput, pdf + ": none of its recorded inputs (the data file data/doc.toml, …) is in the project folder WANT"},
		{[]string{"--project", pdf}, exitUsage, "gongwen verify: --project " + pdf + ": not a folder"},
		{[]string{"--project", filepath.Join(dir, "absent")}, exitUsage, "gongwen verify: --project WANT"},
	} {
		stdout.Reset()
		stderr.Reset()
		code := run(append(append([]string{"verify", "--fonts", fontsDir}, c.args...), pdf), &stdout, &stderr)
		if out := stdout.String() + stderr.String(); code != c.code || !hasLine(out, c.want) {
			t.Errorf("%q: exit %d, printed\n%s\nwant exit %d and a line %q", c.args, code, out, c.code, c.want)
		}
	}
}

// builtProject copies the base project into a new folder, made the
// current one, and builds its document into out there with the
// repository's fonts (--fonts); it returns the fonts folder and the
// project's.
func builtProject(t *testing.T, out string) (fontsDir, dir string) {
	t.Helper()
	fontsDir, _ = filepath.Abs("../../fonts")
	dir = verifyProject(t)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--fonts", fontsDir, "-o", out, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	return fontsDir, dir
}
