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
	a, _ := os.ReadFile("a.pdf")
	if err := os.WriteFile("cut.pdf", a[:4000], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("other.pdf", []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
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
		// A PDF that cannot be read is a problem with the input (1); one
		// that is not a PDF gongwen made is wrong usage (2, issue #11).
		{[]string{"diff", "a.pdf", "missing.pdf"}, exitInput, "", "missing.pdf: cannot read"},
		{[]string{"diff", "a.pdf", "data"}, exitInput, "", "data: is a folder, not a PDF"},
		{[]string{"diff", "cut.pdf", "a.pdf"}, exitInput, "", "cut.pdf: the PDF is cut short (4000 bytes, ending before its %%EOF marker): it was not copied or written whole"},
		{[]string{"diff", "--png", "a.pdf/pngs", "a.pdf", "b.pdf"}, exitInput, "附件 自贡 / 网站总数: 10 → 12\n", "gongwen diff: cannot make folder a.pdf/pngs: not a directory"},
		{[]string{"diff", "a.pdf", "data/doc.toml"}, exitUsage, "", "data/doc.toml: not a PDF"},
		{[]string{"diff", "a.pdf", "other.pdf"}, exitUsage, "", "other.pdf: no gongwen layout record"},
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
