package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A Latin font that cannot be opened is one problem at the key that named
// it, though it serves four roles: the document's [fonts] latin, or the
// role's line under a fonts.toml's [latin].
func TestLatinFontProblemsAreNamedAtTheirKey(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	body, _ := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
	tmpl, _ := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
	for name, b := range map[string][]byte{
		"templates/body.txt": tmpl,
		"data/own.toml":      append(append([]byte{}, body...), "\n[fonts]\nlatin = \"../nope.ttf\"\n"...),
		"data/doc.toml":      body,
		"fonts/fonts.toml":   []byte("# roles from the built-in fonts\n[latin]\nheiti = \"gone.ttf\"\n"),
	} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	lines := strings.Count(string(body), "\n") + 1
	for _, c := range []struct{ doc, want string }{
		{"own.toml", "data/own.toml:" + strconv.Itoa(lines+2) + ":1: nope.ttf: cannot read font"},
		{"doc.toml", "fonts/fonts.toml:3:1: fonts/gone.ttf: cannot read font"},
	} {
		_, err := Prepare(filepath.Join("data", c.doc), Options{})
		if err == nil {
			t.Errorf("%s: prepared", c.doc)
			continue
		}
		got := Lines(err)
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s: %q, want one line starting %q", c.doc, got, c.want)
		}
	}
}
