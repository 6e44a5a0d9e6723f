package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestVerifySaysAPDFWasChangedAfterItWasBuilt: a PDF saved again by qpdf,
// given an incremental update, or with one byte changed in place no longer
// matches the trailer ID gongwen made from its bytes; verify says it was
// changed after it was built, not that another build of gongwen made it.
// An intact PDF whose template changed says only that.
func TestVerifySaysAPDFWasChangedAfterItWasBuilt(t *testing.T) {
	const edited = "doc.pdf: changed after it was built: the PDF's bytes are no longer those its trailer ID was made from (edited, annotated or saved again by another program)"
	cases := []struct {
		name   string
		change func(t *testing.T, pdf []byte)
		want   string
		not    string
	}{
		{"saved again by qpdf", func(t *testing.T, pdf []byte) {
			if out, err := exec.Command("qpdf", "--replace-input", "doc.pdf").CombinedOutput(); err != nil {
				t.Fatalf("qpdf: %v\n%s", err, out)
			}
		}, edited, "changed: "},
		{"an incremental update appended", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", append(pdf, "1 0 obj\n<< /Title (x) >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n0\n%%EOF\n"...), 0o644)
		}, edited, "changed: "},
		{"one byte changed in place", func(t *testing.T, pdf []byte) {
			os.WriteFile("doc.pdf", bytes.Replace(pdf, []byte("0000000000 65535 f"), []byte("0000000000 65535 F"), 1), 0o644)
		}, edited, "changed: "},
		{"intact, its template changed", func(t *testing.T, pdf []byte) {
			b, _ := os.ReadFile("templates/body.txt")
			os.WriteFile("templates/body.txt", append(b, "\n又一段。\n"...), 0o644)
		}, "doc.pdf: changed: templates/body.txt", "changed after it was built"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fontsDir, _ := builtProject(t, "doc.pdf")
			pdf, _ := os.ReadFile("doc.pdf")
			c.change(t, pdf)
			var stdout, stderr bytes.Buffer
			code := run([]string{"verify", "--fonts", fontsDir, "doc.pdf"}, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != exitInput || !hasLine(out, "doc.pdf: differs from a rebuild from data/doc.toml") || !hasLine(out, c.want) || strings.Contains(out, c.not) || strings.Contains(out, "another build") {
				t.Errorf("exit %d, printed\n%s\nwant exit 1, a line %q and none with %q", code, out, c.want, c.not)
			}
		})
	}
}
