package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/fonts"
	"gongwen/internal/format"
)

// Each role's font comes from the first source that names it: the
// document's [fonts], the nearest fonts/fonts.toml, --fonts, the user's
// fonts.toml, the built-in fonts. Every source here names the roles of all
// those after it too, so each role shows one step of the order.
func TestFontLookupOrder(t *testing.T) {
	repoFonts, _ := filepath.Abs("../../fonts")
	repoCfg, err := fonts.ReadConfig(filepath.Join(repoFonts, fonts.ConfigName))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	// which layer should win each role, and the layers that name it
	winner := map[format.Role]string{
		format.KaiTi:    "doc",
		format.FangSong: "near",
		format.HeiTi:    "flag",
		format.SongTi:   "user",
	}
	layers := []string{"doc", "near", "flag", "user"}
	dirs := map[string]string{
		"doc":  filepath.Join(root, "data"),
		"near": filepath.Join(root, "fonts"),
		"flag": filepath.Join(root, "elsewhere"),
		"user": filepath.Join(root, "config", "gongwen"),
	}
	lines := map[string]string{}
	for li, layer := range layers {
		if err := os.MkdirAll(dirs[layer], 0o755); err != nil {
			t.Fatal(err)
		}
		for r, w := range winner {
			if li < indexOf(layers, w) {
				continue // named by the winner and every layer after it
			}
			name := layer + "-" + string(r) + ".ttf"
			if err := os.Symlink(repoCfg[r][0], filepath.Join(dirs[layer], name)); err != nil {
				t.Fatal(err)
			}
			lines[layer] += string(r) + " = \"" + name + "\"\n"
		}
	}
	for _, layer := range layers[1:] {
		if err := os.WriteFile(filepath.Join(dirs[layer], fonts.ConfigName), []byte(lines[layer]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	body, _ := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
	tmpl, _ := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
	os.MkdirAll(filepath.Join(root, "templates"), 0o755)
	os.WriteFile(filepath.Join(root, "templates", "body.txt"), tmpl, 0o644)
	doc := string(body) + "\n[fonts]\n" + strings.ReplaceAll(lines["doc"], "\"doc-", "\"./doc-")
	docPath := filepath.Join(root, "data", "doc.toml")
	if err := os.WriteFile(docPath, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))

	j, err := Prepare(docPath, Options{FontsDir: dirs["flag"]})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range format.Roles {
		got := j.Fonts.Font(r).Path
		want := "builtin:" + filepath.Base(repoCfg[r][0])
		if w, ok := winner[r]; ok {
			want = w + "-" + string(r) + ".ttf"
			got = filepath.Base(got)
		}
		if got != want {
			t.Errorf("role %s: font %s, want %s", r, got, want)
		}
	}
	if len(j.FontConfigs) != 3 {
		t.Errorf("fonts.toml files read: %v, want the nearest, --fonts and the user's", j.FontConfigs)
	}
	rec, err := j.Record()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fonts/fonts.toml", "elsewhere/fonts.toml", "config/gongwen/fonts.toml", "builtin:" + filepath.Base(repoCfg[format.XiaoBiaoSong][0])} {
		if _, ok := rec.Source(want); !ok {
			t.Errorf("the record lacks %s: %v", want, rec.Sources)
		}
	}
	if rec.FontConfig != "fonts/fonts.toml" {
		t.Errorf("recorded font configuration %q, want the nearest", rec.FontConfig)
	}
}

// With no fonts.toml anywhere, the built-in fonts make the document, and
// --fonts naming a folder without one is an error saying so.
func TestBuiltinFontsAlone(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	body, _ := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
	tmpl, _ := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.MkdirAll(filepath.Join(root, "templates"), 0o755)
	os.WriteFile(filepath.Join(root, "templates", "body.txt"), tmpl, 0o644)
	docPath := filepath.Join(root, "data", "doc.toml")
	os.WriteFile(docPath, body, 0o644)
	j, err := Prepare(docPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range format.Roles {
		if p := j.Fonts.Font(r).Path; !fonts.IsBuiltin(p) {
			t.Errorf("role %s: %s, want a built-in font", r, p)
		}
	}
	if j.FontConfig != "" || len(j.FontConfigs) != 0 {
		t.Errorf("fonts.toml read: %v", j.FontConfigs)
	}
	_, err = Prepare(docPath, Options{FontsDir: root})
	if err == nil || !strings.Contains(err.Error(), "fonts.toml: no fonts.toml here: --fonts names a folder holding one") {
		t.Errorf("--fonts without fonts.toml: %v", err)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// A fonts.toml that is a symbolic link leading nowhere (an office's share
// not mounted), as the nearest fonts/fonts.toml, in the --fonts folder or
// as the user's, is an error naming it, never passed over for other fonts.
func TestADanglingFontsTomlIsAnError(t *testing.T) {
	for _, where := range []string{"fonts/fonts.toml", "elsewhere/fonts.toml", "config/gongwen/fonts.toml"} {
		t.Run(where, func(t *testing.T) {
			root := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
			body, _ := os.ReadFile("../../cmd/gongwen/testdata/base/data/doc.toml")
			tmpl, _ := os.ReadFile("../../cmd/gongwen/testdata/base/templates/body.txt")
			for _, d := range []string{"data", "templates", filepath.Dir(where)} {
				os.MkdirAll(filepath.Join(root, d), 0o755)
			}
			os.WriteFile(filepath.Join(root, "templates", "body.txt"), tmpl, 0o644)
			docPath := filepath.Join(root, "data", "doc.toml")
			os.WriteFile(docPath, body, 0o644)
			link := filepath.Join(root, where)
			share := filepath.Join(root, "mnt", "share", "fonts.toml")
			if err := os.Symlink(share, link); err != nil {
				t.Fatal(err)
			}
			opt := Options{FontsDir: filepath.Join(root, "elsewhere")}
			if where != "elsewhere/fonts.toml" {
				opt = Options{}
			}
			_, err := Prepare(docPath, opt)
			// The link is named as the build found it: relative to the
			// current folder where it can be.
			want := ": is a symbolic link to " + share + ", which is not there (a share not mounted?)"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("Prepare: %v, want %q", err, want)
			}
			named, _, _ := strings.Cut(err.Error(), want)
			if abs, _ := filepath.Abs(named[strings.LastIndex(named, " ")+1:]); abs != link {
				t.Errorf("Prepare names %q, which is not the link %s", named, link)
			}
		})
	}
}
