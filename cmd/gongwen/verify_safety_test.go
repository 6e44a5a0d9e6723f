package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyDiagnosesWhatHappenedToThePDFOrItsSources: a PDF cut short is
// said to be cut short, a deleted data file is named as missing, and a
// forged record naming a path outside the project is refused without
// reading what it names.
func TestVerifyDiagnosesWhatHappenedToThePDFOrItsSources(t *testing.T) {
	fontsDir, _ := filepath.Abs("../../fonts")
	cases := []struct {
		name   string
		damage func(t *testing.T, pdf []byte)
		want   string
	}{
		{"cut short after its record", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", pdf[:len(pdf)-200], 0o644)
		}, "doc.pdf: cut short: the PDF is WANT"},
		{"cut short before its record", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", pdf[:1000], 0o644)
		}, "doc.pdf: the PDF is cut short (1000 bytes, ending before its %%EOF marker), and its archive record is not in the part that is left: it was not copied or written whole"},
		{"data file deleted", func(t *testing.T, pdf []byte) {
			os.Remove("data/doc.toml")
		}, "doc.pdf: missing: data/doc.toml"},
		{"a recorded source outside the project", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", bytes.Replace(pdf, []byte("  templates/body.txt<"), []byte("  ../../../../etc/passwd<"), 1), 0o644)
		}, `doc.pdf: its record names "../../../../etc/passwd", a path outside the project, which gongwen never records: the record is forged or damaged, and nothing it names is read`},
		{"a recorded data file outside the project", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", bytes.Replace(pdf, []byte(">data/doc.toml<"), []byte(">/etc/passwd<"), 1), 0o644)
		}, `doc.pdf: its record names "/etc/passwd", WANT`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := verifyProject(t)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", "--fonts", fontsDir, "-o", "doc.pdf", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
				t.Fatalf("build: exit %d: %s", code, stderr.String())
			}
			pdf, _ := os.ReadFile("doc.pdf")
			c.damage(t, pdf)
			stdout.Reset()
			stderr.Reset()
			code := run([]string{"verify", "--fonts", fontsDir, "doc.pdf"}, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != exitInput || !hasLine(out, c.want) || strings.Contains(out, "another build") {
				t.Errorf("exit %d, printed\n%s\nwant exit 1 and a line %q", code, out, c.want)
			}
		})
	}
}
