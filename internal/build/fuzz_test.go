package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzBuild runs the whole pipeline, load → expand → lay out → render the
// PDF, on a mutated data file and template (a document with a table annex
// among the seeds). Whatever the input, it ends with a PDF or with
// messages of ours, one a line: never a panic, a Go
// trace or a Go error leaking through. make test runs it for a bounded
// time; a finding lands in testdata/fuzz/FuzzBuild and stays a test.
func FuzzBuild(f *testing.F) {
	data, err := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
	if err != nil {
		f.Fatal(err)
	}
	tmpl, err := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, tmpl)
	f.Add(bytes.Replace(data, []byte(`title = "检查情况"`), []byte("title = \"检查情况\"\ntable = \"t.toml\""), 1),
		append(tmpl, "\n\n# 其他\n\n共{{(.Annex 1).Total \"n\"}}个。\n"...))
	f.Add([]byte("\uFEFF"+string(data)), []byte("\uFEFF"+string(tmpl)))
	fontsDir, err := filepath.Abs("../../fonts")
	if err != nil {
		f.Fatal(err)
	}
	table := []byte("rows = [[\"成都\", 65], [\"自贡\", 10]]\n[total]\nlabel = \"合计\"\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"n\"\ntitle = \"网站总数\"\nfigures = true\n")
	f.Fuzz(func(t *testing.T, data, tmpl []byte) {
		dir := t.TempDir()
		for name, b := range map[string][]byte{"data/doc.toml": data, "templates/body.txt": tmpl, "data/t.toml": table} {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		opt := Options{FontsDir: fontsDir}
		j, err := Prepare(filepath.Join(dir, "data", "doc.toml"), opt)
		if err == nil {
			var pdf []byte
			if pdf, err = j.Render(opt); err == nil {
				if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-64:], []byte("%%EOF")) {
					t.Fatalf("not a whole PDF: %q…", pdf[:min(len(pdf), 16)])
				}
				return
			}
		}
		for _, l := range strings.Split(err.Error(), "\n") {
			if l == "" || strings.Contains(l, "runtime error") || strings.Contains(l, "goroutine") || strings.Contains(l, "panic") || strings.Contains(l, "<nil>") {
				t.Fatalf("a message that is not ours: %q in\n%v", l, err)
			}
		}
	})
}
