package main

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestBuildDOCX: -o NAME.docx writes a DOCX alone, --docx one beside the
// PDF, and a --docx-fonts that is neither embed nor names is refused
// before anything is written.
func TestBuildDOCX(t *testing.T) {
	fontsDir := newProject(t)
	if err := os.Mkdir("out", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		exit  int
		files []string
		said  string
	}{
		{[]string{"-o", "out/x.docx"}, exitOK, []string{"out/x.docx"}, "→ out/x.docx"},
		{[]string{"--docx", "-o", "out/y.pdf"}, exitOK, []string{"out/y.pdf", "out/y.docx"}, "→ out/y.pdf, out/y.docx"},
		{[]string{"--docx", "--docx-fonts", "names", "-o", "out/z.pdf"}, exitOK, []string{"out/z.pdf", "out/z.docx"}, ""},
		{[]string{"--docx", "--docx-fonts", "all", "-o", "out/w.pdf"}, exitUsage, nil, `gongwen build: --docx-fonts is "all": give embed or names`},
	} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"build", "--fonts", fontsDir}, c.args...), "data/doc.toml")
		code := run(args, &stdout, &stderr)
		if code != c.exit || !strings.Contains(stdout.String()+stderr.String(), c.said) {
			t.Errorf("%v: exit %d, printed %q %q; want %d and %q", c.args, code, stdout.String(), stderr.String(), c.exit, c.said)
		}
		for _, f := range c.files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Errorf("%v: %v", c.args, err)
				continue
			}
			if !strings.HasSuffix(f, ".docx") {
				continue
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			fonts := 0
			for _, e := range zr.File {
				if strings.HasPrefix(e.Name, "word/fonts/") {
					fonts++
				}
			}
			if names := strings.Contains(strings.Join(c.args, " "), "names"); names != (fonts == 0) {
				t.Errorf("%v: %d fonts embedded", c.args, fonts)
			}
		}
		if c.exit != exitOK {
			if _, err := os.Stat("out/w.pdf"); err == nil {
				t.Errorf("%v wrote out/w.pdf", c.args)
			}
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"verify", "--fonts", fontsDir, "out/x.docx"}, &stdout, &stderr); code != exitOK {
		t.Errorf("verify out/x.docx: exit %d: %s%s", code, stdout.String(), stderr.String())
	}
}
