package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/expand"
	"gongwen/internal/lint"
)

// TestLintReadsWhatTheBuildRead: the template changed on disk after the
// build read it (a half-width comma added, or taken away) does not
// change the warnings: lint reads the build's Sources, not the disk.
func TestLintReadsWhatTheBuildRead(t *testing.T) {
	for _, c := range []struct {
		name, read, saved string
		want              bool // the half-width comma's warning
	}{
		{"a comma read, then fixed on disk", "第一段,第二句。\n", "第一段，第二句。\n", true},
		{"no comma read, then one typed on disk", "第一段，第二句。\n", "第一段,第二句。\n", false},
	} {
		dir := t.TempDir()
		body := filepath.Join(dir, "templates", "body.txt")
		for p, content := range map[string]string{
			filepath.Join(dir, "data", "doc.toml"): dataFile(`"关于检查情况的通报"`, baseAnnex),
			filepath.Join(dir, "data", "t.toml"):   table,
			body:                                   c.read,
		} {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		d, err := doc.Load(filepath.Join(dir, "data", "doc.toml"))
		if err == nil {
			d, err = expand.Expand(d)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(body, []byte(c.saved), 0o644); err != nil {
			t.Fatal(err)
		}
		got := false
		for _, w := range lint.Check(d, nil) {
			got = got || strings.Contains(w.String(), `half-width ","`)
		}
		if got != c.want {
			t.Errorf("%s: the comma's warning %v, want %v", c.name, got, c.want)
		}
		if n := d.Sources.Opens(body); n != 1 {
			t.Errorf("%s: the template opened %d times, want once", c.name, n)
		}
	}
}
