package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestDiffCommand(t *testing.T) {
	fontsDir := newProject(t)
	withTable(t)
	build := func(out string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--fonts", fontsDir, "-o", out, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("build: exit %d: %s", code, stderr.String())
		}
	}
	build("a.pdf")
	build("b.pdf")
	d, _ := os.ReadFile("data/t.toml")
	if err := os.WriteFile("data/t.toml", bytes.Replace(d, []byte(`["自贡", 10]`), []byte(`["自贡", 12]`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	// A rebuild over an existing PDF says what changed.
	if code := run([]string{"build", "--fonts", fontsDir, "-o", "b.pdf", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	if want := "data/doc.toml → b.pdf\nb.pdf: 1 table cell changed on page 2\n"; stdout.String() != want {
		t.Errorf("build printed %q, want %q", stdout.String(), want)
	}
	for _, c := range []struct {
		args []string
		exit int
		out  string // the start of each line printed, in order
		err  string // in what it prints on stderr
	}{
		{[]string{"diff", "a.pdf", "a.pdf"}, exitOK, "", ""},
		{[]string{"diff", "a.pdf", "b.pdf"}, exitInput, "附件 自贡 / 网站总数: 10 → 12\n", ""},
		{[]string{"diff", "--png", "pngs", "a.pdf", "b.pdf"}, exitInput, "附件 自贡 / 网站总数: 10 → 12\n→ pngs/page-2.png\n", ""},
		{[]string{"diff", "a.pdf"}, exitUsage, "", "give two PDFs"},
		{[]string{"diff", "a.pdf", "missing.pdf"}, exitUsage, "", "missing.pdf: cannot read"},
		{[]string{"diff", "a.pdf", "data/doc.toml"}, exitUsage, "", "data/doc.toml: not a PDF"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.exit || stdout.String() != c.out || !strings.Contains(stderr.String(), c.err) {
			t.Errorf("gongwen %s: exit %d, printed %q, %q; want exit %d, %q, %q", strings.Join(c.args, " "), code, stdout.String(), stderr.String(), c.exit, c.out, c.err)
		}
	}
	// The side-by-side page is twice as wide as one page, less the gap.
	img := decodePNG(t, "pngs/page-2.png")
	if b := img.Bounds(); b.Dx() < 2*b.Dy()*210/297 || b.Dx() > 2*b.Dy()*210/297+40 {
		t.Errorf("pngs/page-2.png is %dx%d: not two A4 pages side by side", b.Dx(), b.Dy())
	}
}
