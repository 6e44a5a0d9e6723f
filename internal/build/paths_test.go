package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplatePathsAreRelativeToTheProject: {{.Source}} and {{.Template}}
// print the paths relative to the project, whichever folder the build is
// run from and however the data file is named: the PDFs are the same
// bytes, hold no absolute path, and pdftotext reads the project's paths.
func TestTemplatePathsAreRelativeToTheProject(t *testing.T) {
	root, _ := filepath.EvalSymlinks(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	body, _ := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
	tmpl, _ := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.MkdirAll(filepath.Join(root, "templates"), 0o755)
	os.WriteFile(filepath.Join(root, "templates", "body.txt"), append(tmpl, "\n来源{{.Source}}，模板{{.Template}}。\n"...), 0o644)
	abs := filepath.Join(root, "data", "doc.toml")
	os.WriteFile(abs, body, 0o644)

	var pdfs [][]byte
	for _, c := range []struct{ wd, path string }{
		{"", abs},
		{root, "data/doc.toml"},
		{filepath.Join(root, "data"), "doc.toml"},
		{filepath.Join(root, "templates"), "../data/doc.toml"},
	} {
		if c.wd != "" {
			t.Chdir(c.wd)
		}
		j, err := Prepare(c.path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := j.Render(Options{})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(pdf, []byte(root)) {
			t.Errorf("%s from %s: the PDF holds the absolute path %s", c.path, c.wd, root)
		}
		pdfs = append(pdfs, pdf)
	}
	for i, p := range pdfs[1:] {
		if !bytes.Equal(p, pdfs[0]) {
			t.Errorf("build %d differs from the first", i+2)
		}
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(f, pdfs[0], 0o644)
	out, err := exec.Command("pdftotext", f, "-").Output()
	text := strings.Join(strings.Fields(string(out)), "")
	if err != nil || !strings.Contains(text, "来源data/doc.toml，模板templates/body.txt。") {
		t.Errorf("pdftotext: %v\n%s", err, out)
	}
}
